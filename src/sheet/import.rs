//! `chengguo import`: each row of a sheet becomes `content/<folder>/<slug>.yaml`,
//! checked by the same parser as every entry before anything is written.
//! Problems are placed at their cell (`成果.xlsx:Sheet1!C12`), all at once.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value as Yaml};

use super::cells::{FieldCells, to_cells, to_yaml};
use super::columns::{Column, Header, columns, is_derived, letters, resolve, split_list};
use super::read::Table;
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::entry::{EntryType, is_valid_slug};
use crate::load::{Form, SourceFile};

pub struct ImportOptions {
    pub entry_type: EntryType,
    pub dry_run: bool,
    pub update: bool,
}

/// What an import did, or would do with `--dry-run`.
pub struct Imported {
    pub diagnostics: Diagnostics,
    /// The entry files written (or to be written), relative to the root.
    pub files: Vec<PathBuf>,
}

/// One row made into an entry file, not yet written.
struct Made {
    path: PathBuf,
    text: String,
}

/// Where a sheet's cells are: its file name and worksheet.
struct Sheet<'a> {
    name: String,
    table: &'a Table,
    headers: Vec<Option<Column>>,
    slug_column: usize,
}

impl Sheet<'_> {
    /// `成果.xlsx:Sheet1!C12`, or `成果.csv:C12`.
    fn place(&self, column: usize, row: usize) -> PathBuf {
        let cell = format!("{}{}", letters(column), row + 1);
        match &self.table.sheet {
            Some(sheet) => PathBuf::from(format!("{}:{sheet}!{cell}", self.name)),
            None => PathBuf::from(format!("{}:{cell}", self.name)),
        }
    }

    /// Where a problem with a field is placed: the column of the field whose
    /// cell the message quotes (`ip_number` for a bad patent number), else
    /// the field's first column, else the slug's.
    fn column_of(&self, field: &str, row: usize, message: &str) -> usize {
        let cells = &self.table.rows[row];
        let mine: Vec<usize> = (0..self.headers.len())
            .filter(|i| {
                self.headers[*i]
                    .as_ref()
                    .is_some_and(|c| c.spec.name == field)
            })
            .collect();
        let quoted = |i: &usize| {
            let cell = cells.get(*i).map_or("", String::as_str);
            split_list(cell)
                .iter()
                .any(|item| message.contains(&format!("\"{item}\"")))
        };
        mine.iter()
            .copied()
            .find(quoted)
            .or(mine.first().copied())
            .unwrap_or(self.slug_column)
    }
}

pub fn import(
    root: &Path,
    config: &Config,
    file: &Path,
    table: &Table,
    options: &ImportOptions,
) -> Imported {
    let mut diagnostics = Diagnostics::new();
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let Some(sheet) = read_headers(name, table, options.entry_type, &mut diagnostics) else {
        return Imported {
            diagnostics,
            files: Vec::new(),
        };
    };
    let (files, _) = crate::load::load(root, &config.limits);
    let existing: BTreeSet<(EntryType, String)> = files
        .iter()
        .map(|f| (f.entry_type, f.slug.clone()))
        .collect();
    let slugs = sheet_slugs(&sheet, options.entry_type);
    let mut made = Vec::new();
    let mut seen = HashMap::new();
    for row in 1..table.rows.len() {
        if table.rows[row].iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let context = RowContext {
            root,
            config,
            sheet: &sheet,
            options,
            existing: &existing,
            sheet_slugs: &slugs,
        };
        if let Some(entry) = context.row(row, &files, &mut seen, &mut diagnostics) {
            made.push(entry);
        }
    }
    let files = if diagnostics.has_errors() {
        Vec::new()
    } else if options.dry_run {
        made.iter().map(|m| m.path.clone()).collect()
    } else {
        write_all(root, &made, &mut diagnostics)
    };
    Imported { diagnostics, files }
}

/// The header row: every header must name a column, and one must be `slug`.
fn read_headers<'a>(
    name: String,
    table: &'a Table,
    entry_type: EntryType,
    diagnostics: &mut Diagnostics,
) -> Option<Sheet<'a>> {
    let first = table.rows.first().cloned().unwrap_or_default();
    let mut sheet = Sheet {
        name,
        table,
        headers: Vec::new(),
        slug_column: usize::MAX,
    };
    for (index, header) in first.iter().enumerate() {
        match resolve(entry_type, header) {
            Some(Header::Slug) => {
                sheet.slug_column = index;
                sheet.headers.push(None);
            }
            Some(Header::Column(column)) => sheet.headers.push(Some(column)),
            None if header.trim().is_empty() || is_derived(entry_type, header) => {
                sheet.headers.push(None)
            }
            None => {
                diagnostics.push(
                    Diagnostic::error(
                        sheet.place(index, 0),
                        format!("unknown column \"{}\"", header.trim()),
                    )
                    .help("the columns are the field keys and labels of the README's field tables"),
                );
                sheet.headers.push(None);
            }
        }
    }
    if sheet.slug_column == usize::MAX {
        diagnostics.push(
            Diagnostic::error(sheet.place(0, 0), "the sheet has no slug column")
                .help("add a column slug: each entry's file name, e.g. nano-displacement"),
        );
    }
    (!diagnostics.has_errors()).then_some(sheet)
}

/// The slugs the sheet gives, so that its rows may refer to each other.
fn sheet_slugs(sheet: &Sheet, entry_type: EntryType) -> BTreeSet<(EntryType, String)> {
    sheet
        .table
        .rows
        .iter()
        .skip(1)
        .filter_map(|row| row.get(sheet.slug_column))
        .map(|slug| (entry_type, slug.trim().to_string()))
        .collect()
}

struct RowContext<'a> {
    root: &'a Path,
    config: &'a Config,
    sheet: &'a Sheet<'a>,
    options: &'a ImportOptions,
    existing: &'a BTreeSet<(EntryType, String)>,
    sheet_slugs: &'a BTreeSet<(EntryType, String)>,
}

impl RowContext<'_> {
    fn error(&self, column: usize, row: usize, message: String) -> Diagnostic {
        Diagnostic::error(self.sheet.place(column, row), message)
    }

    /// One row: its slug, its fields, the file they make, checked by the parser.
    fn row(
        &self,
        row: usize,
        files: &[SourceFile],
        seen: &mut HashMap<String, usize>,
        diagnostics: &mut Diagnostics,
    ) -> Option<Made> {
        let slug = self.slug(row, seen, diagnostics)?;
        let folder = self.options.entry_type.folder();
        let path = PathBuf::from("content")
            .join(folder)
            .join(format!("{slug}.yaml"));
        let mut cells = self.base(row, &slug, files, diagnostics)?;
        self.overlay(row, &mut cells);
        let before = diagnostics.len();
        let map = self.fields(row, &cells, diagnostics);
        if diagnostics.len() > before {
            return None;
        }
        let text = serde_yaml::to_string(&Yaml::Mapping(map)).expect("YAML of strings");
        self.check(row, &path, &slug, &text, diagnostics);
        Some(Made { path, text })
    }

    fn slug(
        &self,
        row: usize,
        seen: &mut HashMap<String, usize>,
        diagnostics: &mut Diagnostics,
    ) -> Option<String> {
        let column = self.sheet.slug_column;
        let cells = &self.sheet.table.rows[row];
        let slug = cells.get(column).map_or("", |s| s.trim()).to_string();
        let problem = if slug.is_empty() {
            Some("the row has no slug".to_string())
        } else if !is_valid_slug(&slug) {
            Some(format!(
                "\"{slug}\" is not a valid slug: use lowercase ASCII letters, digits and hyphens (e.g. nano-displacement-measurement)"
            ))
        } else {
            seen.insert(slug.clone(), row)
                .map(|first| format!("the slug \"{slug}\" is also on row {}", first + 1))
        };
        match problem {
            Some(message) => {
                diagnostics.push(self.error(column, row, message));
                None
            }
            None => Some(slug),
        }
    }

    /// What the row starts from, one cell per column of [`columns`]: blank,
    /// or with `--update` the cells the entry exports.
    fn base(
        &self,
        row: usize,
        slug: &str,
        files: &[SourceFile],
        diagnostics: &mut Diagnostics,
    ) -> Option<Vec<String>> {
        let entry_type = self.options.entry_type;
        let layout = columns(entry_type);
        let mine: Vec<SourceFile> = files
            .iter()
            .filter(|f| f.entry_type == entry_type && f.slug == slug)
            .cloned()
            .collect();
        let column = self.sheet.slug_column;
        let message = match (mine.as_slice(), self.options.update) {
            ([], _) => return Some(vec![String::new(); layout.len()]),
            (_, false) => {
                let message = format!("the {} \"{slug}\" already exists", entry_type.key());
                diagnostics.push(
                    self.error(column, row, message)
                        .help("import --update changes the fields the sheet has"),
                );
                return None;
            }
            ([file], true) if file.form == Form::Yaml => {
                match crate::parse::written_fields(&mine, self.config) {
                    Some(values) => {
                        let cells = layout.iter().map(|c| match values.get(c.spec.name) {
                            Some(value) => to_cells(value, &[c]).remove(0),
                            None => String::new(),
                        });
                        return Some(cells.collect());
                    }
                    None => format!("{} does not parse; fix it first", file.path.display()),
                }
            }
            _ => format!(
                "\"{slug}\" is written as Markdown; --update changes only slug.yaml entries"
            ),
        };
        diagnostics.push(self.error(column, row, message));
        None
    }

    /// The sheet's cells over `base`: a column for both languages sets both.
    fn overlay(&self, row: usize, base: &mut [String]) {
        let layout = columns(self.options.entry_type);
        let cells = &self.sheet.table.rows[row];
        for (index, header) in self.sheet.headers.iter().enumerate() {
            let Some(header) = header else { continue };
            let cell = cells.get(index).map_or("", String::as_str);
            for (slot, column) in base.iter_mut().zip(&layout) {
                let same = column.spec.name == header.spec.name
                    && column.part == header.part
                    && (header.lang.is_none() || header.lang == column.lang);
                if same {
                    *slot = cell.to_string();
                }
            }
        }
    }

    /// Each field from its cells, in the order of the field table.
    fn fields(&self, row: usize, cells: &[String], diagnostics: &mut Diagnostics) -> Mapping {
        let layout = columns(self.options.entry_type);
        let mut map = Mapping::new();
        for spec in crate::parse::fields::fields(self.options.entry_type) {
            let field_cells = FieldCells {
                cells: layout
                    .iter()
                    .zip(cells)
                    .filter(|(c, _)| c.spec.name == spec.name)
                    .map(|(c, cell)| (c, cell.as_str()))
                    .collect(),
            };
            match to_yaml(spec, &field_cells) {
                Ok(Some(value)) => {
                    map.insert(spec.name.into(), value);
                }
                Ok(None) => {}
                Err(message) => diagnostics.push(
                    self.error(self.sheet.column_of(spec.name, row, ""), row, message)
                        .field(spec.name),
                ),
            }
        }
        map
    }

    /// The made file through the parser, then its references and attachments;
    /// each problem placed at the cell of its field.
    fn check(
        &self,
        row: usize,
        path: &Path,
        slug: &str,
        text: &str,
        diagnostics: &mut Diagnostics,
    ) {
        let file = SourceFile {
            path: path.to_path_buf(),
            entry_type: self.options.entry_type,
            slug: slug.to_string(),
            form: Form::Yaml,
            bytes: text.as_bytes().to_vec(),
        };
        let (mut entries, mut found) = crate::parse::parse(vec![file], self.config, true);
        crate::attachments::measure(self.root, &mut entries, &mut found);
        for entry in &entries {
            for (target, reference) in entry.references() {
                let key = (target, reference.slug.clone());
                if !self.existing.contains(&key) && !self.sheet_slugs.contains(&key) {
                    found.push(
                        Diagnostic::error(
                            path,
                            format!("unknown {} \"{}\"", target.key(), reference.slug),
                        )
                        .field(field_of(&reference.place)),
                    );
                }
            }
        }
        for diagnostic in found.sorted() {
            let column = diagnostic
                .field
                .as_deref()
                .map_or(self.sheet.slug_column, |f| {
                    self.sheet.column_of(f, row, &diagnostic.message)
                });
            diagnostics.push(Diagnostic {
                path: self.sheet.place(column, row),
                line: 0,
                column: 0,
                ..diagnostic
            });
        }
    }
}

/// The field a value is written in: the first key on the way to it.
fn field_of(written: &crate::diag::Written) -> String {
    match written.steps.first() {
        Some(crate::yaml::Step::Key(key)) => key.clone(),
        _ => String::new(),
    }
}

fn write_all(root: &Path, made: &[Made], diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    let mut written = Vec::new();
    for file in made {
        let full = root.join(&file.path);
        let result = full
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&full, &file.text));
        match result {
            Ok(()) => written.push(file.path.clone()),
            Err(error) => diagnostics.push(Diagnostic::error(
                &file.path,
                format!("cannot write {}: {error}", file.path.display()),
            )),
        }
    }
    written
}
