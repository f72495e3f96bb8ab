//! Source files → typed entries.
//!
//! Each file is checked on its own ([`document`]), the files of one slug are
//! merged (a Markdown entry's two languages, or the one YAML file), and the
//! merged fields become an [`Entry`] that can only exist if valid.

pub mod document;
pub mod fields;
pub mod markdown;
pub mod statements;

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::Path;

use rayon::prelude::*;

use crate::config::{Config, Lang, Localized};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::entry::{Achievement, Body, Details, Entry, EntryType, Park, Policy, Reference};
use crate::load::{Form, SourceFile};
use crate::yaml::Step;

use document::{Document, Value};

/// Parse every file. Entries with errors are left out and their problems reported;
/// drafts are left out unless `include_drafts`.
pub fn parse(
    files: Vec<SourceFile>,
    config: &Config,
    include_drafts: bool,
) -> (Vec<Entry>, Diagnostics) {
    parse_cached(files, config, include_drafts, &mut Cache::default())
}

/// What each group of files parsed to in the last build, for `serve`: a
/// group whose paths and bytes are unchanged, under the same configuration,
/// is not parsed again. Parsing depends on nothing else, so the entries and
/// diagnostics are the same as a fresh parse's.
#[derive(Default)]
pub struct Cache {
    /// Whether to keep anything: a one-off build does not.
    keep: bool,
    config: u64,
    groups: HashMap<u64, Parsed>,
    /// The git history the last build read, and the commit it was read at:
    /// reading it costs seconds in a long history, and only a new commit
    /// changes it.
    history: Option<(String, std::sync::Arc<crate::history::History>)>,
}

impl Cache {
    /// A cache that keeps what each build parsed for the next.
    pub fn keeping() -> Cache {
        Cache {
            keep: true,
            ..Cache::default()
        }
    }

    /// The history the last build read, if it was read at `commit`.
    pub fn history_at(&self, commit: &str) -> Option<std::sync::Arc<crate::history::History>> {
        self.history
            .as_ref()
            .filter(|(at, _)| at == commit)
            .map(|(_, history)| std::sync::Arc::clone(history))
    }

    /// Keep `history`, read at `commit`, for the next build (if this cache keeps anything).
    pub fn remember_history(
        &mut self,
        commit: &str,
        history: std::sync::Arc<crate::history::History>,
    ) {
        if self.keep {
            self.history = Some((commit.to_string(), history));
        }
    }
}

type Parsed = (Option<Entry>, Diagnostics);

fn fingerprint(group: &[SourceFile]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    for file in group {
        file.path.hash(&mut hasher);
        file.bytes.hash(&mut hasher);
    }
    hasher.finish()
}

/// [`parse`], reusing and then replacing what `cache` holds.
pub fn parse_cached(
    files: Vec<SourceFile>,
    config: &Config,
    include_drafts: bool,
    cache: &mut Cache,
) -> (Vec<Entry>, Diagnostics) {
    let config_print = {
        let mut hasher = std::hash::DefaultHasher::new();
        serde_json::to_string(config)
            .unwrap_or_default()
            .hash(&mut hasher);
        hasher.finish()
    };
    if cache.config != config_print {
        cache.groups.clear();
        cache.config = config_print;
    }
    let mut diagnostics = Diagnostics::new();
    let mut groups: BTreeMap<(EntryType, String), Vec<SourceFile>> = BTreeMap::new();
    for file in files {
        groups
            .entry((file.entry_type, file.slug.clone()))
            .or_default()
            .push(file);
    }
    let groups: Vec<Vec<SourceFile>> = groups
        .into_values()
        .filter_map(|mut group| {
            group.sort_by(|a, b| (a.form, &a.path).cmp(&(b.form, &b.path)));
            match duplicates(&group) {
                Some(problems) => {
                    diagnostics.extend(problems);
                    None
                }
                None => Some(group),
            }
        })
        .collect();

    // Each group's source text is dropped as soon as it is parsed, so the
    // sources and the entries made from them are not all held at once.
    let previous = std::mem::take(&mut cache.groups);
    let keep = cache.keep;
    let results: Vec<(u64, Parsed)> = groups
        .into_par_iter()
        .map(|group| {
            // A one-off build neither looks up nor keeps: no need to hash.
            let key = if keep { fingerprint(&group) } else { 0 };
            if let Some(parsed) = previous.get(&key) {
                return (key, parsed.clone());
            }
            let mut found = Diagnostics::new();
            let entry = parse_entry(&group, config, &mut found);
            (key, (entry, found))
        })
        .collect();
    let mut entries = Vec::with_capacity(results.len());
    let mut drafts = Vec::new();
    for (key, (entry, found)) in results {
        if keep {
            cache.groups.insert(key, (entry.clone(), found.clone()));
        }
        diagnostics.extend(found);
        match entry {
            Some(entry) if entry.draft && !include_drafts => {
                drafts.push((entry.entry_type, entry.slug));
            }
            Some(entry) => entries.push(entry),
            None => {}
        }
    }
    refuse_references_to_drafts(&entries, &drafts, &mut diagnostics);
    (entries, diagnostics)
}

/// A published entry that refers to a draft left out of the build would
/// link to a page that is not there. Said here, where the drafts are known,
/// once per reference, rather than as an unknown entry when references are
/// resolved (the error stops the build before that).
fn refuse_references_to_drafts(
    entries: &[Entry],
    drafts: &[(EntryType, String)],
    diagnostics: &mut Diagnostics,
) {
    if drafts.is_empty() {
        return;
    }
    for entry in entries {
        for (target_type, reference) in entry.references() {
            if drafts.contains(&(target_type, reference.slug.clone())) {
                diagnostics.push_at(
                    Diagnostic::error(
                        &reference.place.path,
                        format!(
                            "reference to the draft {} \"{}\", which is not published",
                            target_type.key(),
                            reference.slug
                        ),
                    )
                    .help("remove `draft: true` from it, or remove the reference; build --drafts includes drafts to preview them"), &reference.place
                );
            }
        }
    }
}

/// Give the diagnostics placed at values in entry files (references and
/// attachments a later stage found wrong) their lines and columns, reading
/// those files under `root` again: a build with nothing to report reads and
/// places nothing.
pub fn place_values(root: &Path, diagnostics: &mut Diagnostics) {
    diagnostics.place_values(|path| {
        let text = std::fs::read_to_string(root.join(path)).ok()?;
        let path = path.to_path_buf();
        Some(move |steps: &[Step]| document::value_place(&path, &text, steps))
    });
}

/// The same slug written twice: as a YAML file and Markdown, or in two folders.
fn duplicates(group: &[SourceFile]) -> Option<Diagnostics> {
    let mut problems = Diagnostics::new();
    for (index, file) in group.iter().enumerate() {
        if let Some(first) = group[..index].iter().find(|other| {
            other.form == file.form || other.form == Form::Yaml || file.form == Form::Yaml
        }) {
            problems.push(
                Diagnostic::error(
                    &file.path,
                    format!(
                        "duplicate slug \"{}\": {} is already written in {}",
                        file.slug,
                        file.entry_type.key(),
                        first.path.display()
                    ),
                )
                .at(1, 1)
                .help("each entry has one slug; rename one of the files"),
            );
        }
    }
    (!problems.is_empty()).then_some(problems)
}

fn parse_entry(
    group: &[SourceFile],
    config: &Config,
    diagnostics: &mut Diagnostics,
) -> Option<Entry> {
    let first = &group[0];
    let before = diagnostics.len();
    let documents: Vec<Document> = group
        .iter()
        .filter_map(|file| document::parse_document(file, config, diagnostics))
        .collect();
    if documents.len() < group.len() {
        return None;
    }
    let mut merged = Merged::default();
    let mut languages = Vec::new();
    let mut bodies: [Option<Body>; 2] = [None, None];
    for (index, document) in documents.iter().enumerate() {
        merged.add(&documents, index, diagnostics);
        match document.form {
            Form::Markdown(lang) => {
                if !document.written_keys.iter().any(|key| key == "title") {
                    diagnostics.push(missing_title(document));
                }
                languages.push(lang);
                let (markdown, line) = document
                    .markdown_body
                    .as_ref()
                    .expect("Markdown documents keep their body");
                let source = markdown::Source {
                    path: &document.path,
                    first_line: *line,
                    file_text: None,
                };
                bodies[lang as usize] = Some(markdown::render_checked(
                    markdown,
                    lang,
                    config,
                    source,
                    diagnostics,
                ));
            }
            Form::Yaml => {
                let Some((Value::Text(title), _)) = merged.values.get("title") else {
                    if !document.written_keys.iter().any(|key| key == "title") {
                        diagnostics.push(missing_title(document));
                    }
                    continue;
                };
                let body = match merged.values.get("body") {
                    Some((Value::Markdown(body), _)) => {
                        Some((body.clone(), document.key_line("body") + 1))
                    }
                    _ => None,
                };
                for lang in Lang::ALL {
                    if title.get(lang).is_some() {
                        languages.push(lang);
                        let (markdown, line) = body
                            .as_ref()
                            .and_then(|(b, line)| b.get(lang).map(|m| (m.to_string(), *line)))
                            .unwrap_or_default();
                        let source = markdown::Source {
                            path: &document.path,
                            first_line: line,
                            file_text: group
                                .iter()
                                .find(|file| file.path == document.path)
                                .and_then(|file| std::str::from_utf8(&file.bytes).ok()),
                        };
                        bodies[lang as usize] = Some(markdown::render_checked(
                            &markdown,
                            lang,
                            config,
                            source,
                            diagnostics,
                        ));
                    }
                }
            }
        }
    }
    languages.retain(|lang| config.languages.contains(lang));
    for spec in fields::fields(first.entry_type) {
        let written = documents
            .iter()
            .any(|d| d.written_keys.iter().any(|key| key == spec.name));
        if spec.required && !written && spec.name != "title" {
            diagnostics.push(
                Diagnostic::error(&first.path, format!("missing field \"{}\"", spec.name))
                    .at(1, 1)
                    .field(spec.name)
                    .help(format!(
                        "required: {} / {}",
                        spec.description_en, spec.description_zh
                    )),
            );
        }
    }
    transfer_modes_once(&merged, &documents, diagnostics);
    // Warnings (removed Markdown attributes, say) do not keep an entry out.
    let has_errors = diagnostics
        .iter()
        .skip(before)
        .any(|d| d.severity == Severity::Error);
    if has_errors || languages.is_empty() {
        return None;
    }
    let [body_zh, body_en] = bodies;
    let mut take = Take(merged.values);
    let details = match first.entry_type {
        EntryType::Achievement => Details::Achievement(take.achievement()),
        EntryType::Park => Details::Park(Park {
            kind: take.term("kind").unwrap_or_default(),
            level: take.term("level"),
            region: take.term("region"),
            parent: take.reference("parent"),
            address: take.text("address"),
            established: take.date("established"),
            fields: take.term_list("fields"),
            figures: take
                .picked("figures", |v| match v {
                    Value::Figures(figures) => Some(figures),
                    _ => None,
                })
                .unwrap_or_default(),
            website: take.url("website"),
            coordinates: take.picked("coordinates", |v| match v {
                Value::Coordinates(c) => Some(c),
                _ => None,
            }),
        }),
        EntryType::Policy => Details::Policy(Policy {
            issuer: take.text("issuer"),
            number: take.text("number"),
            index_number: take
                .text("index_number")
                .get_or_other(Lang::Zh)
                .to_string()
                .into_non_empty(),
            written: take.date("written"),
            published: take.date("published"),
            effective: take.date("effective"),
            expires: take.date("expires"),
            status: take.term("status"),
            topic: take.term("topic"),
            genre: take.term("genre"),
            region: take.term("region"),
            source: take.url("source"),
            related: take.reference_list("related"),
        }),
    };
    Some(Entry {
        entry_type: first.entry_type,
        slug: first.slug.clone(),
        sources: group.iter().map(|f| f.path.clone()).collect(),
        languages,
        title: take.text("title"),
        summary: take.text("summary"),
        body_zh,
        body_en,
        tags: take.text_list("tags"),
        draft: take.flag("draft"),
        updated: take.date("updated"),
        details,
    })
}

/// The values of one entry's files as written, merged across its languages,
/// with a Markdown entry's bodies under `body`: what `export` writes out.
/// `None` if a file does not parse.
pub fn written_fields(
    group: &[SourceFile],
    config: &Config,
) -> Option<BTreeMap<&'static str, Value>> {
    let mut diagnostics = Diagnostics::new();
    let documents: Vec<Document> = group
        .iter()
        .map(|file| document::parse_document(file, config, &mut diagnostics))
        .collect::<Option<_>>()?;
    let mut merged = Merged::default();
    let mut bodies = Localized::default();
    for (index, document) in documents.iter().enumerate() {
        merged.add(&documents, index, &mut diagnostics);
        if let (Form::Markdown(lang), Some((body, _))) = (document.form, &document.markdown_body)
            && !body.trim().is_empty()
        {
            bodies.set(lang, body.trim().to_string());
        }
    }
    let mut values: BTreeMap<&'static str, Value> = merged
        .values
        .into_iter()
        .map(|(name, (value, _))| (name, value))
        .collect();
    if !bodies.is_empty() {
        values.insert("body", Value::Markdown(bodies));
    }
    (!diagnostics.has_errors()).then_some(values)
}

/// `transfer_modes` may be written at the top, as before the terms of
/// cooperation existed, or under `cooperation`; not in both places.
fn transfer_modes_once(merged: &Merged, documents: &[Document], diagnostics: &mut Diagnostics) {
    let (Some(_), Some((Value::Cooperation(terms), index))) = (
        merged.values.get("transfer_modes"),
        merged.values.get("cooperation"),
    ) else {
        return;
    };
    if !terms.transfer_modes.is_empty() {
        let document = &documents[*index];
        let (line, column) = document.key_place("cooperation");
        diagnostics.push(
            Diagnostic::error(
                &document.path,
                "transfer_modes is written both at the top and under cooperation",
            )
            .at(line, column)
            .field("cooperation")
            .help("keep one of the two lists"),
        );
    }
}

/// Placed on the first line of the fields: line 2 under a Markdown file's `---`, line 1 of a YAML file.
fn missing_title(document: &Document) -> Diagnostic {
    let line = match document.form {
        Form::Markdown(_) => 2,
        Form::Yaml => 1,
    };
    Diagnostic::error(&document.path, "missing field \"title\"")
        .at(line, 1)
        .field("title")
        .help("every entry needs a title in each language it is written in")
}

trait IntoNonEmpty {
    fn into_non_empty(self) -> Option<String>;
}

impl IntoNonEmpty for String {
    fn into_non_empty(self) -> Option<String> {
        (!self.is_empty()).then_some(self)
    }
}

/// The fields of all files of one entry, each with the index of the file
/// it was first written in.
#[derive(Default)]
struct Merged {
    values: BTreeMap<&'static str, (Value, usize)>,
}

impl Merged {
    /// Add the fields of `documents[index]`: texts join across languages;
    /// other values written in both files must agree.
    fn add(&mut self, documents: &[Document], index: usize, diagnostics: &mut Diagnostics) {
        let document = &documents[index];
        for (spec, value) in &document.fields {
            let Some((existing, first)) = self.values.get_mut(spec.name) else {
                self.values.insert(spec.name, (value.clone(), index));
                continue;
            };
            if let Some(merged) = merge_localized(existing, value) {
                *existing = merged;
            } else if existing != value && !same_references(existing, value) {
                let first = &documents[*first];
                let (first_line, _) = first.key_place(spec.name);
                let (line, column) = document.key_place(spec.name);
                diagnostics.push(
                    Diagnostic::error(
                        &document.path,
                        format!(
                            "the value differs from the one in {} (line {}); language-independent fields must agree",
                            first.path.display(),
                            first_line
                        ),
                    )
                    .at(line, column)
                    .field(spec.name)
                    .help("write it in one of the two files only"),
                );
            }
        }
    }
}

fn merge_localized(existing: &Value, new: &Value) -> Option<Value> {
    fn join(a: &[Localized], b: &[Localized]) -> Option<Vec<Localized>> {
        (a.len() == b.len()).then(|| {
            a.iter()
                .zip(b)
                .map(|(a, b)| {
                    let mut merged = a.clone();
                    merged.merge(b.clone());
                    merged
                })
                .collect()
        })
    }
    match (existing, new) {
        (Value::Text(a), Value::Text(b)) => {
            let mut merged = a.clone();
            merged.merge(b.clone());
            Some(Value::Text(merged))
        }
        (Value::TextList(a), Value::TextList(b)) => {
            Some(Value::TextList(join(a, b).unwrap_or_else(|| {
                // Lists of different lengths in the two languages are kept per language.
                let mut merged = a.clone();
                merged.extend(b.iter().cloned());
                merged
            })))
        }
        (Value::Links(a), Value::Links(b)) if a.len() == b.len() => Some(Value::Links(
            a.iter()
                .zip(b)
                .map(|(a, b)| {
                    let mut link = a.clone();
                    link.title.merge(b.title.clone());
                    link
                })
                .collect(),
        )),
        (Value::Figures(a), Value::Figures(b)) if a.len() == b.len() => Some(Value::Figures(
            a.iter()
                .zip(b)
                .map(|(a, b)| {
                    let mut figure = a.clone();
                    figure.label.merge(b.label.clone());
                    figure.unit.merge(b.unit.clone());
                    figure
                })
                .collect(),
        )),
        (a, b) => document::merge_records(a, b),
    }
}

/// References agree when they name the same slugs, wherever they were written.
fn same_references(a: &Value, b: &Value) -> bool {
    let slugs = |refs: &[Reference]| refs.iter().map(|r| r.slug.clone()).collect::<Vec<_>>();
    match (a, b) {
        (Value::Reference(a), Value::Reference(b)) => a.slug == b.slug,
        (Value::ReferenceList(a), Value::ReferenceList(b)) => slugs(a) == slugs(b),
        _ => false,
    }
}

/// Takes typed values out of the merged fields; the field table guarantees the kinds.
struct Take(BTreeMap<&'static str, (Value, usize)>);

impl Take {
    fn achievement(&mut self) -> Achievement {
        let terms = self
            .picked("cooperation", |v| match v {
                Value::Cooperation(terms) => Some(terms),
                _ => None,
            })
            .unwrap_or_default();
        let mut transfer_modes = self.term_list("transfer_modes");
        if transfer_modes.is_empty() {
            transfer_modes = terms.transfer_modes;
        }
        Achievement {
            date: self.date("date"),
            institutions: self.text_list("institutions"),
            partners: self.text_list("partners"),
            field: self.term("field"),
            stage: self.term("stage"),
            transfer_modes,
            region: self.term("region"),
            park: self.reference("park"),
            policies: self.reference_list("policies"),
            awards: self.text_list("awards"),
            ip: self
                .picked("ip", |v| match v {
                    Value::IpRecords(records) => Some(records),
                    _ => None,
                })
                .unwrap_or_default(),
            price: terms.price,
            intent: terms.intent,
            contact: self
                .picked("contact", |v| match v {
                    Value::Contact(contact) => Some(contact),
                    _ => None,
                })
                .unwrap_or_default(),
            attachments: self
                .picked("attachments", |v| match v {
                    Value::Attachments(attachments) => Some(attachments),
                    _ => None,
                })
                .unwrap_or_default(),
            cover: self.static_path("cover"),
            links: self
                .picked("links", |v| match v {
                    Value::Links(links) => Some(links),
                    _ => None,
                })
                .unwrap_or_default(),
            featured: self.flag("featured"),
        }
    }

    /// The value of `name`, if it was written and `pick` takes its kind.
    fn picked<T>(&mut self, name: &str, pick: impl FnOnce(Value) -> Option<T>) -> Option<T> {
        self.0.remove(name).and_then(|(value, _)| pick(value))
    }

    fn text(&mut self, name: &str) -> Localized {
        match self.0.remove(name) {
            Some((Value::Text(text), _)) => text,
            _ => Localized::default(),
        }
    }

    fn text_list(&mut self, name: &str) -> Vec<Localized> {
        match self.0.remove(name) {
            Some((Value::TextList(list), _)) => list,
            _ => Vec::new(),
        }
    }

    fn date(&mut self, name: &str) -> Option<crate::entry::Date> {
        match self.0.remove(name) {
            Some((Value::Date(date), _)) => Some(date),
            _ => None,
        }
    }

    fn term(&mut self, name: &str) -> Option<String> {
        match self.0.remove(name) {
            Some((Value::Term(term), _)) => Some(term),
            _ => None,
        }
    }

    fn term_list(&mut self, name: &str) -> Vec<String> {
        match self.0.remove(name) {
            Some((Value::TermList(terms), _)) => terms,
            _ => Vec::new(),
        }
    }

    fn reference(&mut self, name: &str) -> Option<Reference> {
        match self.0.remove(name) {
            Some((Value::Reference(reference), _)) => Some(reference),
            _ => None,
        }
    }

    fn reference_list(&mut self, name: &str) -> Vec<Reference> {
        match self.0.remove(name) {
            Some((Value::ReferenceList(references), _)) => references,
            _ => Vec::new(),
        }
    }

    fn url(&mut self, name: &str) -> Option<String> {
        match self.0.remove(name) {
            Some((Value::Url(url), _)) => Some(url),
            _ => None,
        }
    }

    fn static_path(&mut self, name: &str) -> Option<String> {
        match self.0.remove(name) {
            Some((Value::StaticPath(path), _)) => Some(path),
            _ => None,
        }
    }

    fn flag(&mut self, name: &str) -> bool {
        matches!(self.0.remove(name), Some((Value::Bool(true), _)))
    }
}
