//! `chengguo check`: everything `build` validates, plus what a build cannot see
//! as wrong: links inside Markdown to entries and to local files, cover images,
//! and translation coverage. Nothing is written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{Config, Lang};
use crate::diag::messages::{Help, Message};
use crate::diag::{Diagnostic, Diagnostics, Severity, did_you_mean, text_width};
use crate::entry::{Details, Entry, EntryType, Place};
use crate::load::{Form, STATIC_DIR, is_copied_file};
use crate::parse::document::{Checked, parse_document};
use crate::render::THEMES_DIR;
use crate::url::{percent_decode, resolve};
use crate::{BuildOptions, Output, config, load, parse};

/// How many entries of one type are written in both languages, or in one only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coverage {
    pub entry_type: EntryType,
    pub both: usize,
    pub zh_only: usize,
    pub en_only: usize,
}

/// What `check` found.
pub struct Report {
    /// Sorted by file and place.
    pub diagnostics: Vec<Diagnostic>,
    /// One row per entry type; empty when the configuration could not be read.
    pub coverage: Vec<Coverage>,
    /// The configuration, when it could be read.
    pub config: Option<Config>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Check the site at `root`.
pub fn check(root: &Path) -> Report {
    let mut diagnostics = Diagnostics::new();
    let built = built_paths(root, &mut diagnostics);
    let Ok(config) = config::load(root) else {
        return Report {
            diagnostics: diagnostics.sorted(),
            coverage: Vec::new(),
            config: None,
        };
    };
    if let Some(warning) = relative_base_url(root, &config) {
        diagnostics.push(warning);
    }
    let (files, _) = load::load(root, &config.limits);
    let existing: BTreeSet<(EntryType, String)> = files
        .iter()
        .map(|f| (f.entry_type, f.slug.clone()))
        .collect();
    // A build that stopped at field errors never resolved references; resolve
    // those of every file, against every entry file there is.
    let resolved = built.is_some() || diagnostics.iter().any(|d| d.code() == "unknown-reference");
    if !resolved {
        // Each file on its own, so references are found even in files with other problems.
        let documents: Vec<Checked> = files
            .par_iter()
            .filter_map(|file| parse_document(file, &config, &mut Diagnostics::new()))
            .map(|(_, fields)| fields)
            .collect();
        check_references(&documents, &existing, &mut diagnostics);
    }
    // The entries that parse, drafts included; their problems were reported by the build.
    let (entries, _) = parse::parse(files, &config, true);
    let files = SiteFiles {
        root,
        theme_static: root.join(THEMES_DIR).join(&config.theme).join("static"),
        builtin_theme: crate::render::uses_builtin(root, &config.theme),
        built,
    };
    check_links(&entries, &config, &existing, &files, &mut diagnostics);
    check_site_mark(&config, &files, &mut diagnostics);
    let coverage = coverage(&entries, &config, &mut diagnostics);
    parse::place_values(root, &mut diagnostics);
    Report {
        diagnostics: diagnostics.sorted(),
        coverage,
        config: Some(config),
    }
}

/// Everything the build checks, its problems added to `diagnostics`, and the
/// paths of the pages it would write (`None` when it failed). Drafts are
/// parsed (and so checked) by the build too. Content does not link to the
/// search index, so it is not made.
fn built_paths(root: &Path, diagnostics: &mut Diagnostics) -> Option<BTreeSet<String>> {
    let options = BuildOptions::default();
    match crate::build(root, &options, Output::PathsOnly, &crate::progress::Silent) {
        Ok(built) => {
            diagnostics.extend(built.warnings);
            Some(built.paths.into_iter().collect())
        }
        Err(found) => {
            diagnostics.extend(found);
            None
        }
    }
}

/// The links in every entry's bodies, and its cover image.
fn check_links(
    entries: &[Entry],
    config: &Config,
    existing: &BTreeSet<(EntryType, String)>,
    files: &SiteFiles,
    diagnostics: &mut Diagnostics,
) {
    let links = Links {
        config,
        existing,
        drafts: entries
            .iter()
            .filter(|e| e.draft)
            .map(|e| (e.entry_type, e.slug.as_str()))
            .collect(),
        files,
    };
    for entry in entries {
        for lang in Lang::ALL {
            let Some(body) = entry.body(lang) else {
                continue;
            };
            for (target, place) in &body.targets {
                let place = relocate(files.root, target, place);
                links.check(entry, lang, target.trim(), &place, diagnostics);
            }
        }
        check_cover(files.root, entry, files, diagnostics);
    }
}

/// A warning when `base_url` is a path alone: every site writes a sitemap,
/// robots.txt and feeds, whose links must be absolute to be of use.
fn relative_base_url(root: &Path, config: &Config) -> Option<Diagnostic> {
    if config.origin.is_some() {
        return None;
    }
    let text = std::fs::read_to_string(root.join(config::CONFIG_FILE)).unwrap_or_default();
    let (line, column) = crate::yaml::Locator::new(&text, 1)
        .key("base_url")
        .unwrap_or((0, 0));
    Some(
        Diagnostic::warning(
            config::CONFIG_FILE,
            Message::BaseUrlRelative.english(&[&config.base_path]),
        )
        .at(line, column)
        .field("base_url")
        .help(Help::BaseUrlFull.english(&[])),
    )
}

/// References to entries that have no file, reported as the build reports them,
/// from every file, even one with other problems.
fn check_references(
    documents: &[Checked],
    existing: &BTreeSet<(EntryType, String)>,
    diagnostics: &mut Diagnostics,
) {
    for document in documents {
        for (field, target_type, reference) in document.references() {
            if existing.contains(&(target_type, reference.slug.clone())) {
                continue;
            }
            let slugs = existing
                .iter()
                .filter(|(t, _)| *t == target_type)
                .map(|(_, s)| s.as_str());
            let help = match did_you_mean(&reference.slug, slugs) {
                Some(near) => Help::DidYouMean.english(&[near]),
                None => Help::NoSuchFile.english(&[target_type.folder(), &reference.slug]),
            };
            diagnostics.push_at(
                Diagnostic::error(
                    &reference.place.path,
                    Message::UnknownReference.english(&[target_type.key(), &reference.slug]),
                )
                .field(field)
                .help(help),
                &reference.place,
            );
        }
    }
}

/// The 1-based line where `key:` is written at the start of a line.
fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.starts_with(':'))
        })
        .map(|index| index + 1)
}

/// The place of a link in a `slug.yaml` body. There the Markdown sits indented in
/// a block scalar, so the place the Markdown reader gives is near but not on the
/// link; find the target in the file at or after it, column at the link's `[`.
fn relocate(root: &Path, target: &str, place: &Place) -> Place {
    let is_yaml = form_of(&place.path) == Some(Form::Yaml);
    let Some(text) = is_yaml
        .then(|| std::fs::read_to_string(root.join(&place.path)).ok())
        .flatten()
    else {
        return place.clone();
    };
    let needle = format!("]({target}");
    for (index, line) in text.lines().enumerate().skip(place.line.saturating_sub(1)) {
        if let Some(at) = line.find(&needle) {
            let open = line[..at].rfind('[').map_or(at, |open| {
                if line[..open].ends_with('!') {
                    open - 1
                } else {
                    open
                }
            });
            return Place {
                path: place.path.clone(),
                line: index + 1,
                column: line[..open].chars().count() + 1,
            };
        }
    }
    place.clone()
}

/// Where local links may point: the static folders and the built pages.
struct SiteFiles<'a> {
    root: &'a Path,
    theme_static: PathBuf,
    /// Whether the theme is the copy built into chengguo.
    builtin_theme: bool,
    /// The built site's paths, when the build succeeded.
    built: Option<BTreeSet<String>>,
}

impl SiteFiles<'_> {
    /// Whether `site_path` (`images/x.png`, `en/parks/`) is a file or page of the site.
    /// `None` when it cannot be told because the build failed and it names a page.
    fn exists(&self, site_path: &str) -> Option<bool> {
        let in_static = !site_path.is_empty()
            && (is_copied_file(&self.root.join(STATIC_DIR), site_path)
                || is_copied_file(&self.theme_static, site_path)
                || (self.builtin_theme && crate::render::builtin_static_has(site_path)));
        if in_static {
            return Some(true);
        }
        let looks_like_file = site_path
            .rsplit('/')
            .next()
            .is_some_and(|name| name.contains('.'));
        match &self.built {
            Some(built) => {
                let page = format!("{}/index.html", site_path.trim_end_matches('/'));
                let page = page.trim_start_matches('/');
                Some(built.contains(site_path) || built.contains(page))
            }
            None if looks_like_file => Some(false),
            None => None,
        }
    }
}

/// What a link in a body is checked against.
struct Links<'a> {
    config: &'a Config,
    /// Every entry file there is, drafts included.
    existing: &'a BTreeSet<(EntryType, String)>,
    drafts: BTreeSet<(EntryType, &'a str)>,
    files: &'a SiteFiles<'a>,
}

impl Links<'_> {
    /// One link of `entry`'s body in `lang`: to an entry (`@/type/slug`) or
    /// to a file of the site. Links elsewhere are not checked.
    fn check(
        &self,
        entry: &Entry,
        lang: Lang,
        target: &str,
        place: &Place,
        diagnostics: &mut Diagnostics,
    ) {
        if let Some(link) = target.strip_prefix("@/") {
            let link = link.split('#').next().unwrap_or("").trim_end_matches('/');
            if let Some(found) = self.entry_link(entry, target, link, place) {
                diagnostics.push(found);
            }
            return;
        }
        let has_scheme = target
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains('/'));
        if target.is_empty() || target.starts_with('#') || target.starts_with("//") || has_scheme {
            return;
        }
        if let Some(found) = self.file_link(entry, lang, target, place) {
            diagnostics.push(found);
        }
    }

    /// A link to an entry: its type and slug, whether it exists, and whether
    /// a published entry links to a draft.
    fn entry_link(
        &self,
        entry: &Entry,
        target: &str,
        link: &str,
        place: &Place,
    ) -> Option<Diagnostic> {
        let error =
            |message: String| Diagnostic::error(&place.path, message).at(place.line, place.column);
        let parsed = link.split_once('/').and_then(|(folder, slug)| {
            EntryType::ALL
                .into_iter()
                .find(|t| t.folder() == folder)
                .map(|t| (t, slug))
        });
        let Some((entry_type, slug)) = parsed.filter(|(_, slug)| !slug.contains('/')) else {
            return Some(error(Message::BadEntryLink.english(&[target])));
        };
        if !self.existing.contains(&(entry_type, slug.to_string())) {
            let slugs = self
                .existing
                .iter()
                .filter(|(t, _)| *t == entry_type)
                .map(|(_, s)| s.as_str());
            let help = match did_you_mean(slug, slugs) {
                Some(near) => {
                    Help::DidYouMean.english(&[&format!("@/{}/{near}", entry_type.folder())])
                }
                None => Help::NoSuchFile.english(&[entry_type.folder(), slug]),
            };
            let message = Message::UnknownLinkTarget.english(&[entry_type.key(), slug]);
            return Some(error(message).help(help));
        }
        (self.drafts.contains(&(entry_type, slug)) && !entry.draft).then(|| {
            Diagnostic::warning(
                &place.path,
                Message::LinkToDraft.english(&[entry_type.key(), slug]),
            )
            .at(place.line, place.column)
            .help(Help::Undraft.english(&[]))
        })
    }

    /// A link to a file of the site, absolute or relative to the entry's page.
    fn file_link(
        &self,
        entry: &Entry,
        lang: Lang,
        target: &str,
        place: &Place,
    ) -> Option<Diagnostic> {
        let path = target.split(['#', '?']).next().unwrap_or("");
        let path = percent_decode(path);
        let site_path = match path.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => {
                // Relative to the entry's page, as a browser resolves it.
                let page = format!(
                    "{}{}/{}/",
                    self.config.language_prefix(lang),
                    entry.entry_type.folder(),
                    entry.slug
                );
                resolve(&page, &path)
            }
        };
        (self.files.exists(&site_path) == Some(false)).then(|| {
            Diagnostic::error(&place.path, Message::MissingFile.english(&[target]))
                .at(place.line, place.column)
                .help(Help::PutFile.english(&[&site_path]))
        })
    }
}

fn check_cover(root: &Path, entry: &Entry, files: &SiteFiles, diagnostics: &mut Diagnostics) {
    let Details::Achievement(achievement) = &entry.details else {
        return;
    };
    let Some(cover) = &achievement.cover else {
        return;
    };
    if files.exists(cover) == Some(true) {
        return;
    }
    // The cover is language-independent: report it where it is written.
    let (path, line) = entry
        .sources
        .iter()
        .find_map(|path| {
            let text = std::fs::read_to_string(root.join(path)).ok()?;
            Some((path.clone(), key_line(&text, "cover")?))
        })
        .unwrap_or_else(|| (entry.sources[0].clone(), 0));
    diagnostics.push(
        Diagnostic::error(&path, Message::MissingCover.english(&[cover]))
            .at(line, usize::from(line > 0))
            .field("cover")
            .help(Help::PutImage.english(&[cover])),
    );
}

/// The site mark (`identity.site_mark.image`) must be a file under `static/`.
fn check_site_mark(config: &Config, files: &SiteFiles, diagnostics: &mut Diagnostics) {
    let Some(mark) = &config.identity.site_mark else {
        return;
    };
    if files.exists(&mark.image) == Some(true) {
        return;
    }
    let text = std::fs::read_to_string(files.root.join(config::CONFIG_FILE)).unwrap_or_default();
    let (line, column) = crate::yaml::Locator::new(&text, 1)
        .key_at(&["identity", "site_mark", "image"].map(crate::yaml::Step::key))
        .unwrap_or((0, 0));
    diagnostics.push(
        Diagnostic::error(
            config::CONFIG_FILE,
            Message::MissingSiteMark.english(&[&mark.image]),
        )
        .at(line, column)
        .field("identity.site_mark")
        .help(Help::PutImage.english(&[&mark.image])),
    );
}

/// Count the languages of the published entries; an entry missing a language
/// the site is written in is a warning.
fn coverage(entries: &[Entry], config: &Config, diagnostics: &mut Diagnostics) -> Vec<Coverage> {
    let mut rows: BTreeMap<EntryType, Coverage> = EntryType::ALL
        .into_iter()
        .map(|entry_type| {
            (
                entry_type,
                Coverage {
                    entry_type,
                    both: 0,
                    zh_only: 0,
                    en_only: 0,
                },
            )
        })
        .collect();
    let bilingual = Lang::ALL.iter().all(|l| config.languages.contains(l));
    for entry in entries.iter().filter(|e| !e.draft) {
        let row = rows
            .get_mut(&entry.entry_type)
            .expect("every type has a row");
        let (zh, en) = (entry.has_language(Lang::Zh), entry.has_language(Lang::En));
        match (zh, en) {
            (true, true) => row.both += 1,
            (true, false) => row.zh_only += 1,
            (false, true) => row.en_only += 1,
            (false, false) => {}
        }
        if !bilingual || zh == en {
            continue;
        }
        let missing = if zh { Lang::En } else { Lang::Zh };
        let language = match missing {
            Lang::Zh => "Chinese",
            Lang::En => "English",
        };
        let first = &entry.sources[0];
        let is_yaml = form_of(first) == Some(Form::Yaml);
        let help = if is_yaml {
            Help::AddYamlLanguage.english(&[missing.code(), &first.display().to_string()])
        } else {
            let sibling = first.with_file_name(format!("{}.{}.md", entry.slug, missing.code()));
            Help::AddFile.english(&[&sibling.display().to_string()])
        };
        diagnostics.push(
            Diagnostic::warning(
                first,
                Message::MissingTranslation.english(&[
                    entry.entry_type.key(),
                    &entry.slug,
                    language,
                ]),
            )
            .help(help),
        );
    }
    rows.into_values().collect()
}

/// The form of an entry file, by its name ([`Form::of_name`]).
fn form_of(path: &Path) -> Option<Form> {
    Form::of_name(path.file_name()?.to_str()?).map(|(_, form)| form)
}

/// The coverage table as text, in `lang`, columns aligned for CJK.
pub fn coverage_table(rows: &[Coverage], lang: Lang) -> String {
    let header: [&str; 4] = match lang {
        Lang::Zh => ["翻译覆盖", "双语", "仅中文", "仅英文"],
        Lang::En => ["translations", "both", "zh only", "en only"],
    };
    let name = |t: EntryType| match (lang, t) {
        (Lang::Zh, EntryType::Achievement) => "成果".to_string(),
        (Lang::Zh, EntryType::Park) => "园区平台".to_string(),
        (Lang::Zh, EntryType::Policy) => "政策".to_string(),
        (Lang::En, t) => t.folder().to_string(),
    };
    let mut table: Vec<[String; 4]> = vec![header.map(str::to_string)];
    for row in rows {
        table.push([
            name(row.entry_type),
            row.both.to_string(),
            row.zh_only.to_string(),
            row.en_only.to_string(),
        ]);
    }
    let widths: Vec<usize> = (0..4)
        .map(|column| {
            table
                .iter()
                .map(|r| text_width(&r[column]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in &table {
        let mut line = String::new();
        for (column, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[column] - text_width(cell));
            if column == 0 {
                line.push_str(&format!("{cell}{pad}"));
            } else {
                line.push_str(&format!("  {pad}{cell}"));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The report's summary line: `2 errors, 1 warning`.
pub fn summary(report: &Report, lang: Lang) -> String {
    let (errors, warnings) = (report.errors(), report.warnings());
    match lang {
        Lang::Zh => format!("{errors} 个错误，{warnings} 个警告"),
        Lang::En => format!(
            "{errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        ),
    }
}

/// The whole report as text: each problem with its source line, the summary
/// and the coverage table.
pub fn text_report(root: &Path, report: &Report, lang: Lang) -> String {
    let sources = crate::diag::sources(root, &report.diagnostics);
    let mut out = String::new();
    for diagnostic in &report.diagnostics {
        let source = sources.get(&diagnostic.path).map(String::as_str);
        out.push_str(&diagnostic.render(source, lang));
        out.push('\n');
    }
    out.push_str(&summary(report, lang));
    out.push('\n');
    if !report.coverage.is_empty() {
        out.push('\n');
        out.push_str(&coverage_table(&report.coverage, lang));
    }
    out
}

/// The problems as JSON Lines: one object per line, in report order.
pub fn json_report(report: &Report, lang: Lang) -> String {
    report
        .diagnostics
        .iter()
        .map(|d| format!("{}\n", d.to_json(lang)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_the_coverage_table() {
        let rows = [Coverage {
            entry_type: EntryType::Park,
            both: 12,
            zh_only: 3,
            en_only: 0,
        }];
        assert_eq!(
            coverage_table(&rows, Lang::En),
            "translations  both  zh only  en only\nparks           12        3        0\n"
        );
        assert_eq!(
            coverage_table(&rows, Lang::Zh),
            "翻译覆盖  双语  仅中文  仅英文\n园区平台    12       3       0\n"
        );
    }
}
