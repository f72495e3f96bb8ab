//! Pages: the site and the theme's Tera templates → output files, in memory.
//!
//! Nothing here touches `public/`; [`crate::write`] does. Pages are rendered on
//! all cores and returned sorted by path, so output is the same from run to run.

pub mod i18n;
pub mod view;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::config::{Config, Lang, VocabName};
use crate::diag::{Diagnostic, Diagnostics};
use crate::entry::{Details, EntryType};
use crate::site::{EntryId, Site};

use i18n::Strings;
use view::Speaker;

/// One file of the built site: a path relative to the output folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

pub const THEMES_DIR: &str = "themes";
/// Files the site itself adds (images named by `cover`, say), copied as they are.
pub const STATIC_DIR: &str = "static";

const TEMPLATES: [&str; 9] = [
    "components.html",
    "base.html",
    "index.html",
    "list.html",
    "entry.html",
    "terms.html",
    "term.html",
    "404.html",
    "search.html",
];

/// The compiled templates, interface strings and static files of a theme.
pub struct Theme {
    tera: Tera,
    strings: [Strings; 2],
    static_files: Vec<OutputFile>,
}

impl Theme {
    pub fn strings(&self, lang: Lang) -> &Strings {
        &self.strings[lang as usize]
    }
}

/// Load and compile the theme named in the configuration.
pub fn load_theme(root: &Path, config: &Config) -> Result<Theme, Diagnostics> {
    let theme_dir = root.join(THEMES_DIR).join(&config.theme);
    let shown = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
    if !theme_dir.is_dir() {
        return Err(Diagnostic::error(
            crate::config::CONFIG_FILE,
            format!(
                "theme \"{}\" not found: there is no folder {}",
                config.theme,
                shown(&theme_dir).display()
            ),
        )
        .field("theme")
        .into());
    }
    let mut diagnostics = Diagnostics::new();
    let mut sources = Vec::new();
    for name in TEMPLATES {
        let path = theme_dir.join("templates").join(name);
        match std::fs::read_to_string(&path) {
            Ok(text) => sources.push((name, text)),
            Err(error) => diagnostics.push(Diagnostic::error(
                shown(&path),
                format!("cannot read the template: {error}"),
            )),
        }
    }
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    if diagnostics.is_empty()
        && let Err(error) = tera.add_raw_templates(sources.iter().map(|(n, t)| (*n, t.as_str())))
    {
        diagnostics.push(Diagnostic::error(
            shown(&theme_dir.join("templates")),
            format!("template error: {error}"),
        ));
    }
    let strings = match i18n::load(root, &theme_dir) {
        Ok(strings) => Some(strings),
        Err(found) => {
            diagnostics.extend(found);
            None
        }
    };
    let mut static_files = Vec::new();
    for folder in [theme_dir.join("static"), root.join(STATIC_DIR)] {
        match collect_files(&folder) {
            Ok(files) => static_files.extend(files),
            Err(diagnostic) => diagnostics.push(diagnostic.with_path(shown(&folder))),
        }
    }
    match strings {
        Some(strings) if !diagnostics.has_errors() => Ok(Theme {
            tera,
            strings,
            static_files,
        }),
        _ => Err(diagnostics),
    }
}

trait WithPath {
    fn with_path(self, path: PathBuf) -> Diagnostic;
}

impl WithPath for Diagnostic {
    fn with_path(mut self, path: PathBuf) -> Diagnostic {
        self.path = path;
        self
    }
}

fn collect_files(folder: &Path) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut files = Vec::new();
    if !folder.is_dir() {
        return Ok(files);
    }
    for item in walkdir::WalkDir::new(folder).sort_by_file_name() {
        let item = item.map_err(|e| Diagnostic::error(folder, format!("cannot read: {e}")))?;
        if !item.file_type().is_file() {
            continue;
        }
        let relative = item
            .path()
            .strip_prefix(folder)
            .expect("walkdir stays under its root");
        let path = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let bytes = std::fs::read(item.path())
            .map_err(|e| Diagnostic::error(item.path(), format!("cannot read: {e}")))?;
        files.push(OutputFile { path, bytes });
    }
    Ok(files)
}

/// The kinds of page the site has.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Page {
    Home,
    List(EntryType, usize),
    Entry(EntryId),
    Terms(EntryType, &'static str),
    Term(EntryType, &'static str, String, usize),
    NotFound,
    Search,
}

/// Render every page of every language, plus the static files.
pub fn render(site: &Site, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostics> {
    let config = &site.config;
    let lists = Lists::new(site, theme);
    let mut jobs: Vec<(Lang, Page)> = Vec::new();
    for lang in config.ordered_languages() {
        jobs.extend(
            pages(site, &lists, lang)
                .into_iter()
                .map(|page| (lang, page)),
        );
    }
    let globals: Vec<(Lang, Tera)> = config
        .ordered_languages()
        .into_iter()
        .map(|lang| {
            let mut tera = theme.tera.clone();
            let speaker = Speaker {
                site,
                lang,
                strings: theme.strings(lang),
            };
            let globals = tera.global_context();
            globals.insert("lang", lang.code());
            globals.insert("html_lang", lang.html_lang());
            globals.insert("t", speaker.strings);
            globals.insert("site", &site_view(&speaker));
            globals.insert("nav", &nav(&speaker));
            (lang, tera)
        })
        .collect();
    let results: Vec<Result<OutputFile, Diagnostic>> = jobs
        .par_iter()
        .map(|(lang, page)| {
            let tera = &globals
                .iter()
                .find(|(l, _)| l == lang)
                .expect("a Tera per language")
                .1;
            let speaker = Speaker {
                site,
                lang: *lang,
                strings: theme.strings(*lang),
            };
            render_page(&speaker, &lists, tera, page)
        })
        .collect();
    let mut diagnostics = Diagnostics::new();
    let mut files = theme.static_files.clone();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Every page of one language.
fn pages(site: &Site, lists: &Lists, lang: Lang) -> Vec<Page> {
    let lists = lists.of(lang);
    let mut pages = vec![Page::Home, Page::NotFound, Page::Search];
    for entry_type in EntryType::ALL {
        let listed = lists.listed(entry_type);
        pages.extend(
            (1..=page_count(listed.len(), site.config.page_size))
                .map(|n| Page::List(entry_type, n)),
        );
        pages.extend(
            listed
                .iter()
                .filter(|id| site.entries[**id].has_language(lang))
                .map(|id| Page::Entry(*id)),
        );
        for (field, _) in view::vocabulary_fields(entry_type) {
            let terms = lists.used_terms(entry_type, field);
            if terms.is_empty() {
                continue;
            }
            pages.push(Page::Terms(entry_type, field));
            for (key, ids) in terms {
                let count = page_count(ids.len(), site.config.page_size);
                pages.extend((1..=count).map(|n| Page::Term(entry_type, field, key.clone(), n)));
            }
        }
    }
    pages
}

fn page_count(items: usize, page_size: usize) -> usize {
    items.div_ceil(page_size).max(1)
}

/// The terms of one vocabulary field in use, in vocabulary order, each with
/// the listed entries that use it (in site order).
type UsedTerms = Vec<(String, Vec<EntryId>)>;

/// What every language lists, computed once per build rather than per page:
/// the listed entries of each type and the terms each vocabulary field uses.
struct Lists {
    langs: [LangLists; 2],
}

struct LangLists {
    /// Indexed by `EntryType as usize`.
    listed: [Vec<EntryId>; 3],
    terms: Vec<(EntryType, &'static str, UsedTerms)>,
    /// Each listed entry's card, ready for templates (indexed by `EntryId`).
    /// A list page shares them instead of building and converting its own.
    cards: Vec<Option<Value>>,
}

impl Lists {
    fn new(site: &Site, theme: &Theme) -> Lists {
        // Each entry's vocabulary values, worked out once for both languages.
        let values: Vec<Vec<(&'static str, VocabName, Vec<String>)>> =
            site.entries.iter().map(view::vocabulary_values).collect();
        let langs = [Lang::Zh, Lang::En].map(|lang| {
            let listed = EntryType::ALL.map(|entry_type| {
                site.of_type(entry_type)
                    .filter(|id| site.is_listed(*id, lang))
                    .collect::<Vec<_>>()
            });
            let mut terms = Vec::new();
            for entry_type in EntryType::ALL {
                for (field, vocabulary) in view::vocabulary_fields(entry_type) {
                    let vocabulary = &site.config.vocabulary(vocabulary).terms;
                    let mut used: UsedTerms = vocabulary
                        .iter()
                        .map(|t| (t.key.clone(), Vec::new()))
                        .collect();
                    let position: HashMap<&str, usize> = vocabulary
                        .iter()
                        .enumerate()
                        .map(|(i, t)| (t.key.as_str(), i))
                        .collect();
                    for &id in &listed[entry_type as usize] {
                        for (name, _, keys) in &values[id] {
                            if *name != field {
                                continue;
                            }
                            for key in keys {
                                if let Some(&i) = position.get(key.as_str()) {
                                    used[i].1.push(id);
                                }
                            }
                        }
                    }
                    used.retain(|(_, ids)| !ids.is_empty());
                    terms.push((entry_type, field, used));
                }
            }
            let speaker = Speaker {
                site,
                lang,
                strings: theme.strings(lang),
            };
            let cards = (0..site.entries.len())
                .into_par_iter()
                .map(|id| {
                    site.is_listed(id, lang)
                        .then(|| Value::from_serializable(&speaker.card(id)))
                })
                .collect();
            LangLists {
                listed,
                terms,
                cards,
            }
        });
        Lists { langs }
    }

    fn of(&self, lang: Lang) -> &LangLists {
        &self.langs[lang as usize]
    }
}

impl LangLists {
    fn listed(&self, entry_type: EntryType) -> &[EntryId] {
        &self.listed[entry_type as usize]
    }

    /// The cards of `ids`, as [`Speaker::cards`] makes them.
    fn cards(&self, ids: impl IntoIterator<Item = EntryId>) -> Value {
        Value::from(
            ids.into_iter()
                .filter_map(|id| self.cards[id].clone())
                .collect::<Vec<Value>>(),
        )
    }

    /// The terms of a vocabulary field that listed entries use, in vocabulary
    /// order, with those entries; empty for a field that is not a vocabulary.
    fn used_terms(&self, entry_type: EntryType, field: &str) -> &[(String, Vec<EntryId>)] {
        self.terms
            .iter()
            .find(|(t, f, _)| *t == entry_type && *f == field)
            .map(|(_, _, used)| used.as_slice())
            .unwrap_or(&[])
    }
}

/// The path of a page under the site root, without the base path: `en/parks/page/2/`.
fn site_path(config: &Config, lang: Lang, page: &Page, site: &Site) -> String {
    let prefix = config.language_prefix(lang);
    let paged = |base: String, n: usize| {
        if n > 1 {
            format!("{base}page/{n}/")
        } else {
            base
        }
    };
    match page {
        Page::Home => prefix,
        Page::List(entry_type, n) => paged(format!("{prefix}{}/", entry_type.folder()), *n),
        Page::Entry(id) => {
            let entry = &site.entries[*id];
            format!("{prefix}{}/{}/", entry.entry_type.folder(), entry.slug)
        }
        Page::Terms(entry_type, field) => format!("{prefix}{}/{field}/", entry_type.folder()),
        Page::Term(entry_type, field, key, n) => paged(
            format!("{prefix}{}/{field}/{key}/", entry_type.folder()),
            *n,
        ),
        Page::NotFound => format!("{prefix}404.html"),
        Page::Search => format!("{prefix}search/"),
    }
}

/// The page in `lang` that stands for `page`, if the site has one.
fn counterpart(site: &Site, lists: &Lists, lang: Lang, page: &Page) -> Option<Page> {
    if !site.config.languages.contains(&lang) {
        return None;
    }
    let exists = |candidate: &Page| pages_contains(site, lists.of(lang), lang, candidate);
    match page {
        Page::Entry(id) if !site.entries[*id].has_language(lang) => None,
        Page::List(t, n) if *n > 1 && !exists(page) => Some(Page::List(*t, 1)),
        Page::Term(t, f, k, n) if *n > 1 && !exists(page) => Some(Page::Term(*t, f, k.clone(), 1)),
        Page::Term(..) | Page::Terms(..) if !exists(page) => None,
        other => Some(other.clone()),
    }
}

fn pages_contains(site: &Site, lists: &LangLists, lang: Lang, page: &Page) -> bool {
    match page {
        Page::Home | Page::NotFound | Page::Search => true,
        Page::Entry(id) => site.entries[*id].has_language(lang),
        Page::List(entry_type, n) => {
            *n <= page_count(lists.listed(*entry_type).len(), site.config.page_size)
        }
        Page::Terms(entry_type, field) => !lists.used_terms(*entry_type, field).is_empty(),
        Page::Term(entry_type, field, key, n) => lists
            .used_terms(*entry_type, field)
            .iter()
            .any(|(k, ids)| k == key && *n <= page_count(ids.len(), site.config.page_size)),
    }
}

#[derive(Serialize)]
struct SiteView {
    title: String,
    description: String,
    base: String,
    home_url: String,
    search_url: String,
}

fn site_view(speaker: &Speaker) -> SiteView {
    let config = &speaker.site.config;
    SiteView {
        title: config.title.get_or_other(speaker.lang).to_string(),
        description: config.description.get_or_other(speaker.lang).to_string(),
        base: config.base_path.clone(),
        home_url: speaker.url(""),
        search_url: speaker.url("search/"),
    }
}

#[derive(Serialize)]
struct NavItem {
    key: &'static str,
    label: String,
    url: String,
}

fn nav(speaker: &Speaker) -> Vec<NavItem> {
    EntryType::ALL
        .into_iter()
        .map(|t| NavItem {
            key: t.folder(),
            label: speaker.t(&format!("section_{}", t.folder())),
            url: speaker.url(&format!("{}/", t.folder())),
        })
        .collect()
}

#[derive(Serialize)]
struct Alternate {
    hreflang: &'static str,
    url: String,
}

#[derive(Serialize)]
struct Switch {
    url: String,
    label: String,
    html_lang: &'static str,
    /// The entry has no version in the other language; the link goes to its list.
    missing: bool,
}

#[derive(Serialize)]
struct PageView {
    title: String,
    url: String,
    canonical: String,
    section: Option<&'static str>,
    alternates: Vec<Alternate>,
    switch: Option<Switch>,
}

#[derive(Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    url: String,
    current: bool,
    /// Page numbers are left out between the previous link and this one.
    gap: bool,
}

/// Up to this many pages, a pager links every page.
const PAGER_ALL: usize = 9;
/// Beyond that, it links the first and last pages and this many on each side
/// of the current one: a list of 3,000 pages does not print 3,000 links on
/// each of its pages (which made lists quadratic in time and memory).
const PAGER_SIDE: usize = 2;

/// The page numbers a pager shows, in order.
fn pager_numbers(current: usize, total: usize) -> Vec<usize> {
    if total <= PAGER_ALL {
        return (1..=total).collect();
    }
    let low = current.saturating_sub(PAGER_SIDE).max(1);
    let high = (current + PAGER_SIDE).min(total);
    let mut numbers = vec![1];
    numbers.extend((low..=high).filter(|n| *n != 1 && *n != total));
    numbers.push(total);
    numbers
}

fn paginate(
    speaker: &Speaker,
    lists: &LangLists,
    base: &str,
    ids: &[EntryId],
    current: usize,
) -> (Value, Pagination) {
    let size = speaker.site.config.page_size;
    let total = page_count(ids.len(), size);
    let url = |n: usize| {
        if n > 1 {
            speaker.url(&format!("{base}page/{n}/"))
        } else {
            speaker.url(base)
        }
    };
    let cards = lists.cards(ids.iter().copied().skip((current - 1) * size).take(size));
    let pagination = Pagination {
        current,
        total,
        prev_url: (current > 1).then(|| url(current - 1)),
        next_url: (current < total).then(|| url(current + 1)),
        pages: {
            let mut previous = 0;
            pager_numbers(current, total)
                .into_iter()
                .map(|n| {
                    let link = PageLink {
                        number: n,
                        url: url(n),
                        current: n == current,
                        gap: n > previous + 1,
                    };
                    previous = n;
                    link
                })
                .collect()
        },
    };
    (cards, pagination)
}

#[derive(Serialize)]
struct Section {
    key: &'static str,
    label: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct TermLink {
    label: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct Facet {
    key: &'static str,
    label: String,
    url: String,
    terms: Vec<TermLink>,
}

fn facets(speaker: &Speaker, lists: &Lists, entry_type: EntryType) -> Vec<Facet> {
    let lists = lists.of(speaker.lang);
    view::vocabulary_fields(entry_type)
        .into_iter()
        .filter_map(|(field, vocabulary)| {
            let terms: Vec<TermLink> = lists
                .used_terms(entry_type, field)
                .iter()
                .map(|(key, ids)| TermLink {
                    label: speaker.term_label(vocabulary, key),
                    url: speaker.term_url(entry_type, field, key),
                    count: ids.len(),
                })
                .collect();
            (!terms.is_empty()).then(|| Facet {
                key: field,
                label: speaker.t(&format!("field_{field}")),
                url: speaker.url(&format!("{}/{field}/", entry_type.folder())),
                terms,
            })
        })
        .collect()
}

fn render_page(
    speaker: &Speaker,
    all_lists: &Lists,
    tera: &Tera,
    page: &Page,
) -> Result<OutputFile, Diagnostic> {
    let site = speaker.site;
    let config = &site.config;
    let lang = speaker.lang;
    let lists = all_lists.of(lang);
    let path = site_path(config, lang, page, site);
    let mut context = Context::new();
    let (template, title, section) = match page {
        Page::Home => {
            let sections: Vec<Section> = EntryType::ALL
                .into_iter()
                .map(|t| Section {
                    key: t.folder(),
                    label: speaker.t(&format!("section_{}", t.folder())),
                    url: speaker.url(&format!("{}/", t.folder())),
                    count: lists.listed(t).len(),
                })
                .collect();
            let achievements = lists.listed(EntryType::Achievement);
            let featured: Vec<EntryId> = achievements
                .iter()
                .copied()
                .filter(|id| matches!(&site.entries[*id].details, Details::Achievement(a) if a.featured))
                .take(6)
                .collect();
            context.insert("sections", &sections);
            context.insert_value("featured", lists.cards(featured));
            context.insert_value(
                "latest_achievements",
                lists.cards(achievements.iter().copied().take(6)),
            );
            context.insert_value(
                "latest_policies",
                lists.cards(lists.listed(EntryType::Policy).iter().copied().take(6)),
            );
            let top_parks = lists.listed(EntryType::Park).iter().copied().filter(
                |id| !matches!(&site.entries[*id].details, Details::Park(p) if p.parent.is_some()),
            );
            context.insert_value("top_parks", lists.cards(top_parks.take(6)));
            (
                "index.html",
                config.title.get_or_other(lang).to_string(),
                None,
            )
        }
        Page::List(entry_type, n) => {
            let (cards, pagination) = paginate(
                speaker,
                lists,
                &format!("{}/", entry_type.folder()),
                lists.listed(*entry_type),
                *n,
            );
            context.insert_value("entries", cards);
            context.insert("pagination", &pagination);
            context.insert("facets", &facets(speaker, all_lists, *entry_type));
            context.insert("entry_type", entry_type);
            let heading = speaker.t(&format!("section_{}", entry_type.folder()));
            context.insert("heading", &heading);
            ("list.html", heading, Some(entry_type.folder()))
        }
        Page::Entry(id) => {
            let entry = speaker.entry(*id);
            let title = entry.card.title.clone();
            context.insert("entry", &entry);
            (
                "entry.html",
                title,
                Some(site.entries[*id].entry_type.folder()),
            )
        }
        Page::Terms(entry_type, field) => {
            let facet = facets(speaker, all_lists, *entry_type)
                .into_iter()
                .find(|f| f.key == *field);
            let heading = format!(
                "{} · {}",
                speaker.t(&format!("section_{}", entry_type.folder())),
                speaker.t(&format!("field_{field}"))
            );
            context.insert("facet", &facet);
            context.insert("heading", &heading);
            context.insert(
                "list_url",
                &speaker.url(&format!("{}/", entry_type.folder())),
            );
            ("terms.html", heading, Some(entry_type.folder()))
        }
        Page::Term(entry_type, field, key, n) => {
            let (_, vocabulary) = view::vocabulary_fields(*entry_type)
                .into_iter()
                .find(|(f, _)| f == field)
                .expect("term pages are made for vocabulary fields");
            let ids: &[EntryId] = lists
                .used_terms(*entry_type, field)
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, ids)| ids.as_slice())
                .unwrap_or(&[]);
            let (cards, pagination) = paginate(
                speaker,
                lists,
                &format!("{}/{field}/{key}/", entry_type.folder()),
                ids,
                *n,
            );
            let heading = format!(
                "{}: {}",
                speaker.t(&format!("field_{field}")),
                speaker.term_label(vocabulary, key)
            );
            context.insert_value("entries", cards);
            context.insert("pagination", &pagination);
            context.insert("heading", &heading);
            context.insert(
                "terms_url",
                &speaker.url(&format!("{}/{field}/", entry_type.folder())),
            );
            context.insert(
                "list_url",
                &speaker.url(&format!("{}/", entry_type.folder())),
            );
            context.insert(
                "section_label",
                &speaker.t(&format!("section_{}", entry_type.folder())),
            );
            ("term.html", heading, Some(entry_type.folder()))
        }
        Page::NotFound => ("404.html", speaker.t("not_found_title"), None),
        Page::Search => ("search.html", speaker.t("search_title"), None),
    };
    context.insert(
        "page",
        &page_view(speaker, all_lists, page, &path, title, section),
    );
    let html = tera.render(template, &context).map_err(|error| {
        Diagnostic::error(
            Path::new(THEMES_DIR)
                .join(&config.theme)
                .join("templates")
                .join(template),
            format!("cannot render {}: {error}", path_or_index(&path)),
        )
    })?;
    Ok(OutputFile {
        path: path_or_index(&path),
        bytes: html.into_bytes(),
    })
}

fn path_or_index(site_path: &str) -> String {
    if site_path.is_empty() || site_path.ends_with('/') {
        format!("{site_path}index.html")
    } else {
        site_path.to_string()
    }
}

fn page_view(
    speaker: &Speaker,
    lists: &Lists,
    page: &Page,
    path: &str,
    title: String,
    section: Option<&'static str>,
) -> PageView {
    let site = speaker.site;
    let config = &site.config;
    let mut alternates = Vec::new();
    for lang in config.ordered_languages() {
        let own = if lang == speaker.lang {
            Some(page.clone())
        } else {
            counterpart(site, lists, lang, page)
        };
        if let Some(other) = own.filter(|p| p == page || !matches!(p, Page::NotFound)) {
            let url = config.absolute_url(&site_path(config, lang, &other, site));
            if lang == config.default_language {
                alternates.push(Alternate {
                    hreflang: "x-default",
                    url: url.clone(),
                });
            }
            alternates.push(Alternate {
                hreflang: lang.html_lang(),
                url,
            });
        }
    }
    let other = speaker.lang.other();
    let switch = config.languages.contains(&other).then(|| {
        let (target, missing) = match (counterpart(site, lists, other, page), page) {
            (Some(target), _) => (target, false),
            (None, Page::Entry(id)) => (Page::List(site.entries[*id].entry_type, 1), true),
            (None, Page::Term(t, ..) | Page::Terms(t, _)) => (Page::List(*t, 1), true),
            (None, _) => (Page::Home, true),
        };
        Switch {
            url: config.url(&site_path(config, other, &target, site)),
            label: speaker.t(&format!("switch_to_{}", other.code())),
            html_lang: other.html_lang(),
            missing,
        }
    });
    PageView {
        title,
        url: config.url(path),
        canonical: config.absolute_url(path),
        section,
        alternates,
        switch,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_pager_links_every_page() {
        assert_eq!(pager_numbers(1, 1), vec![1]);
        assert_eq!(pager_numbers(4, 9), (1..=9).collect::<Vec<_>>());
    }

    #[test]
    fn a_long_pager_links_the_ends_and_the_pages_around_the_current_one() {
        assert_eq!(pager_numbers(1, 3000), vec![1, 2, 3, 3000]);
        assert_eq!(pager_numbers(3, 3000), vec![1, 2, 3, 4, 5, 3000]);
        assert_eq!(
            pager_numbers(500, 3000),
            vec![1, 498, 499, 500, 501, 502, 3000]
        );
        assert_eq!(pager_numbers(3000, 3000), vec![1, 2998, 2999, 3000]);
        assert_eq!(pager_numbers(10, 10), vec![1, 8, 9, 10]);
    }
}
