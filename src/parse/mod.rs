//! Source files → typed entries.
//!
//! Each file is parsed into its raw fields ([`raw`]: serde structs that
//! mirror the files) and checked on its own into typed fields
//! ([`document`]); the files of one slug (a Markdown entry's two languages,
//! or the one YAML file) are merged field by field (`merge.rs`), and the
//! merged fields become an [`Entry`] that can only exist if valid.

pub mod document;
pub mod fields;
pub mod markdown;
mod merge;
pub mod raw;
pub mod statements;
pub mod written;

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::Path;

use rayon::prelude::*;

use crate::config::{Config, Lang, Localized};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::entry::{Achievement, Body, Details, Entry, EntryType, Park, Policy};
use crate::load::{Form, SourceFile};
use crate::yaml::Step;

use document::{AchievementFields, Checked, Common, DetailFields, Document};
use written::Value;

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
    let (groups, mut diagnostics) = group_files(files);
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

/// The files of each entry, by type and slug, in a stable order; a slug
/// written twice is reported and its files left out.
fn group_files(files: Vec<SourceFile>) -> (Vec<Vec<SourceFile>>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let mut groups: BTreeMap<(EntryType, String), Vec<SourceFile>> = BTreeMap::new();
    for file in files {
        groups
            .entry((file.entry_type, file.slug.clone()))
            .or_default()
            .push(file);
    }
    let groups = groups
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
    (groups, diagnostics)
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
    let before = diagnostics.len();
    let (documents, checked) = parse_documents(group, config, diagnostics)?;
    let cooperation_in = checked.iter().position(|fields| match &fields.details {
        DetailFields::Achievement(a) => a.cooperation.is_some(),
        _ => false,
    });
    let fields = merge_documents(&documents, checked, diagnostics);
    let mut languages = Vec::new();
    let mut bodies: [Option<Body>; 2] = [None, None];
    for document in &documents {
        let source = group.iter().find(|file| file.path == document.path);
        let file_text = source.and_then(|file| std::str::from_utf8(&file.bytes).ok());
        let written = render_bodies(document, &fields.common, file_text, config, diagnostics);
        for (lang, body) in written {
            languages.push(lang);
            bodies[lang as usize] = Some(body);
        }
    }
    languages.retain(|lang| config.languages.contains(lang));
    report_missing_fields(&group[0], &documents, diagnostics);
    if let (DetailFields::Achievement(achievement), Some(index)) = (&fields.details, cooperation_in)
    {
        transfer_modes_once(achievement, &documents[index], diagnostics);
    }
    // Warnings (removed Markdown attributes, say) do not keep an entry out.
    let has_errors = diagnostics
        .iter()
        .skip(before)
        .any(|d| d.severity == Severity::Error);
    if has_errors || languages.is_empty() {
        return None;
    }
    Some(typed_entry(group, languages, bodies, fields))
}

/// Each file of a group parsed and checked on its own; `None` if one
/// could not be read as an entry at all.
fn parse_documents<'a>(
    group: &'a [SourceFile],
    config: &Config,
    diagnostics: &mut Diagnostics,
) -> Option<(Vec<Document<'a>>, Vec<Checked>)> {
    let parsed: Vec<(Document, Checked)> = group
        .iter()
        .filter_map(|file| document::parse_document(file, config, diagnostics))
        .collect();
    (parsed.len() == group.len()).then(|| parsed.into_iter().unzip())
}

/// The checked fields of an entry's files as one: texts join across the
/// languages; a value written in both files that differs is reported.
fn merge_documents(
    documents: &[Document],
    checked: Vec<Checked>,
    diagnostics: &mut Diagnostics,
) -> Checked {
    let mut checked = checked.into_iter();
    let mut fields = checked.next().expect("a group has at least one file");
    for (index, other) in checked.enumerate() {
        let (first, document) = (&documents[0], &documents[index + 1]);
        merge::merge(&mut fields, other, &mut |name| {
            diagnostics.push(differs(first, document, name));
        });
    }
    fields
}

/// A language-independent field written differently in two files.
fn differs(first: &Document, document: &Document, name: &'static str) -> Diagnostic {
    let (first_line, _) = first.key_place(name);
    let (line, column) = document.key_place(name);
    Diagnostic::error(
        &document.path,
        format!(
            "the value differs from the one in {} (line {}); language-independent fields must agree",
            first.path.display(),
            first_line
        ),
    )
    .at(line, column)
    .field(name)
    .help("write it in one of the two files only")
}

/// The bodies one file writes, each compiled for its language: a Markdown
/// file's below its front matter, a `slug.yaml`'s `body` for each language
/// its title is written in. `file_text` is the whole file, for a YAML body.
fn render_bodies(
    document: &Document,
    common: &Common,
    file_text: Option<&str>,
    config: &Config,
    diagnostics: &mut Diagnostics,
) -> Vec<(Lang, Body)> {
    let written_title = document.written_keys.iter().any(|key| key == "title");
    let title = match (document.form, &common.title) {
        (Form::Yaml, Some(title)) => title,
        (Form::Markdown(lang), _) => {
            if !written_title {
                diagnostics.push(missing_title(document));
            }
            return vec![markdown_body(document, lang, config, diagnostics)];
        }
        (Form::Yaml, None) => {
            if !written_title {
                diagnostics.push(missing_title(document));
            }
            return Vec::new();
        }
    };
    yaml_bodies(document, title, common, file_text, config, diagnostics)
}

/// A Markdown file's body, below its front matter.
fn markdown_body(
    document: &Document,
    lang: Lang,
    config: &Config,
    diagnostics: &mut Diagnostics,
) -> (Lang, Body) {
    let (markdown, line) = document
        .markdown_body
        .as_ref()
        .expect("Markdown documents keep their body");
    let source = markdown::Source {
        path: &document.path,
        first_line: *line,
        file_text: None,
    };
    (
        lang,
        markdown::render_checked(markdown, lang, config, source, diagnostics),
    )
}

/// A `slug.yaml`'s `body` compiled for each language its title is written
/// in; the Markdown starts on the line below the `body:` key.
fn yaml_bodies(
    document: &Document,
    title: &Localized,
    common: &Common,
    file_text: Option<&str>,
    config: &Config,
    diagnostics: &mut Diagnostics,
) -> Vec<(Lang, Body)> {
    let first_line = common.body.as_ref().map(|_| document.key_line("body") + 1);
    let languages = Lang::ALL
        .into_iter()
        .filter(|lang| title.get(*lang).is_some());
    languages
        .map(|lang| {
            let (markdown, line) = first_line
                .and_then(|line| Some((common.body.as_ref()?.get(lang)?, line)))
                .unwrap_or_default();
            let source = markdown::Source {
                path: &document.path,
                first_line: line,
                file_text,
            };
            let body = markdown::render_checked(markdown, lang, config, source, diagnostics);
            (lang, body)
        })
        .collect()
}

/// A required field that no file of the entry writes (`title` is reported
/// per file, where its body is read).
fn report_missing_fields(
    first: &SourceFile,
    documents: &[Document],
    diagnostics: &mut Diagnostics,
) {
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
}

/// The entry the checked, merged fields of a group make.
fn typed_entry(
    group: &[SourceFile],
    languages: Vec<Lang>,
    [body_zh, body_en]: [Option<Body>; 2],
    fields: Checked,
) -> Entry {
    let Checked { common, details } = fields;
    Entry {
        entry_type: group[0].entry_type,
        slug: group[0].slug.clone(),
        sources: group.iter().map(|f| f.path.clone()).collect(),
        languages,
        title: common.title.unwrap_or_default(),
        summary: common.summary.unwrap_or_default(),
        body_zh,
        body_en,
        tags: common.tags.unwrap_or_default(),
        draft: common.draft == Some(true),
        updated: common.updated,
        details: typed_details(details),
    }
}

fn typed_details(details: DetailFields) -> Details {
    match details {
        DetailFields::Achievement(a) => Details::Achievement(typed_achievement(a)),
        DetailFields::Park(p) => Details::Park(Park {
            kind: p.kind.unwrap_or_default(),
            level: p.level,
            region: p.region,
            parent: p.parent,
            address: p.address.unwrap_or_default(),
            established: p.established,
            fields: p.fields.unwrap_or_default(),
            figures: p.figures.unwrap_or_default(),
            website: p.website,
            coordinates: p.coordinates,
        }),
        DetailFields::Policy(p) => Details::Policy(Policy {
            issuer: p.issuer.unwrap_or_default(),
            number: p.number.unwrap_or_default(),
            index_number: p
                .index_number
                .map(|number| number.get_or_other(Lang::Zh).to_string())
                .filter(|number| !number.is_empty()),
            written: p.written,
            published: p.published,
            effective: p.effective,
            expires: p.expires,
            status: p.status,
            topic: p.topic,
            genre: p.genre,
            region: p.region,
            source: p.source,
            related: p.related.unwrap_or_default(),
        }),
    }
}

/// `transfer_modes` written at the top, or else under `cooperation`.
fn typed_achievement(a: AchievementFields) -> Achievement {
    let terms = a.cooperation.unwrap_or_default();
    let transfer_modes = match a.transfer_modes {
        Some(modes) if !modes.is_empty() => modes,
        _ => terms.transfer_modes,
    };
    Achievement {
        date: a.date,
        institutions: a.institutions.unwrap_or_default(),
        partners: a.partners.unwrap_or_default(),
        field: a.field,
        stage: a.stage,
        transfer_modes,
        region: a.region,
        park: a.park,
        policies: a.policies.unwrap_or_default(),
        awards: a.awards.unwrap_or_default(),
        ip: a.ip.unwrap_or_default(),
        price: terms.price,
        intent: terms.intent,
        contact: a.contact.unwrap_or_default(),
        attachments: a.attachments.unwrap_or_default(),
        cover: a.cover,
        links: a.links.unwrap_or_default(),
        featured: a.featured == Some(true),
    }
}

/// The values of one entry's files as written, merged across its languages,
/// with a Markdown entry's bodies under `body`: what `export` writes out.
/// `None` if a file does not parse.
pub fn written_fields(
    group: &[SourceFile],
    config: &Config,
) -> Option<BTreeMap<&'static str, Value>> {
    let mut diagnostics = Diagnostics::new();
    let (documents, checked) = parse_documents(group, config, &mut diagnostics)?;
    let fields = merge_documents(&documents, checked, &mut diagnostics);
    let mut bodies = Localized::default();
    for document in &documents {
        if let (Form::Markdown(lang), Some((body, _))) = (document.form, &document.markdown_body)
            && !body.trim().is_empty()
        {
            bodies.set(lang, body.trim().to_string());
        }
    }
    let mut values = written::values(fields);
    if !bodies.is_empty() {
        values.insert("body", Value::Markdown(bodies));
    }
    (!diagnostics.has_errors()).then_some(values)
}

/// `transfer_modes` may be written at the top, as before the terms of
/// cooperation existed, or under `cooperation` (in `document`, the first
/// file that writes it); not in both places.
fn transfer_modes_once(
    achievement: &AchievementFields,
    document: &Document,
    diagnostics: &mut Diagnostics,
) {
    let under_cooperation = achievement
        .cooperation
        .as_ref()
        .is_some_and(|terms| !terms.transfer_modes.is_empty());
    if achievement.transfer_modes.is_some() && under_cooperation {
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
