//! `chengguo export`: every entry of a type as one row, in the columns that
//! `import` reads, as CSV (UTF-8 with a byte-order mark, which Excel needs
//! to read it as UTF-8) or XLSX.

use std::collections::BTreeMap;
use std::path::Path;

use super::cells::to_cells;
use super::columns::{Column, SLUG, columns};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::entry::EntryType;
use crate::load::SourceFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

/// The header row and one row per entry, sorted by slug. Refused with the
/// site's problems when an entry does not parse: a sheet that silently
/// left an entry out would lose it on the way back.
pub fn rows(
    root: &Path,
    config: &Config,
    entry_type: EntryType,
) -> Result<Vec<Vec<String>>, Diagnostics> {
    let (files, mut problems) = crate::load::load(root, &config.limits);
    let (_, found) = crate::parse::parse(files.clone(), config, true);
    problems.extend(found);
    if problems.has_errors() {
        return Err(problems);
    }
    let mut groups: BTreeMap<String, Vec<SourceFile>> = BTreeMap::new();
    for file in files.into_iter().filter(|f| f.entry_type == entry_type) {
        groups.entry(file.slug.clone()).or_default().push(file);
    }
    let columns = columns(entry_type);
    let mut rows = vec![header(&columns)];
    for (slug, group) in groups {
        let Some(values) = crate::parse::written_fields(&group, config) else {
            return Err(Diagnostic::error(&group[0].path, "the entry does not parse").into());
        };
        let mut row = vec![slug];
        for column in &columns {
            row.extend(match values.get(column.spec.name) {
                Some(value) => to_cells(value, &[column]),
                None => vec![String::new()],
            });
        }
        rows.push(row);
    }
    Ok(rows)
}

fn header(columns: &[Column]) -> Vec<String> {
    std::iter::once(SLUG.to_string())
        .chain(columns.iter().map(Column::name))
        .collect()
}

/// The rows in `format`, as bytes to write.
pub fn encode(rows: &[Vec<String>], format: Format, sheet: &str) -> Result<Vec<u8>, String> {
    match format {
        Format::Csv => csv_bytes(rows),
        Format::Xlsx => xlsx_bytes(rows, sheet),
    }
}

fn csv_bytes(rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(b"\xef\xbb\xbf".to_vec());
    for row in rows {
        let cells = row.iter().map(|cell| quote_formula(cell));
        writer.write_record(cells).map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

/// A cell a spreadsheet would run as a formula (`=…`, `+86 …`) gets a leading
/// `'`, which `import` takes off again.
fn quote_formula(cell: &str) -> String {
    if cell.starts_with(super::FORMULA_STARTS) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn xlsx_bytes(rows: &[Vec<String>], sheet: &str) -> Result<Vec<u8>, String> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(sheet).map_err(|e| e.to_string())?;
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                worksheet
                    .write_string(r as u32, c as u16, cell)
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    workbook.save_to_buffer().map_err(|e| e.to_string())
}
