//! Pages: the site and the theme's Tera templates → output files, in memory.
//!
//! Nothing here touches `public/`; [`crate::write`] does. Pages are rendered on
//! all cores and returned sorted by path, so output is the same from run to run.
//! Beside the pages, [`discovery`] makes the files made from the site that are
//! not pages (sitemap, robots.txt, feeds, favicon); they are handed out with
//! the static files ([`Renderer::static_files`]).

mod discovery;
mod footer;
mod headers;
pub mod i18n;
mod metadata;
pub mod opendata;
mod pages;
mod statistics;
mod theme;
pub mod view;

use std::path::Path;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tera::{Context, Map, Tera, Value};

use crate::config::Lang;
use crate::diag::Diagnostic;
use crate::entry::{Details, EntryType};
use crate::site::{EntryId, Site};

pub use discovery::{FAVICON_FILE, ROBOTS_FILE, SITEMAP_FILE, xml_text};
pub use headers::{HEADERS_FILE, REFERRER_POLICY};
use pages::{LangLists, Lists, Page, counterpart, page_count, pages, site_path};
pub use theme::{
    BUILTIN_FILES, DEFAULT_THEME, THEMES_DIR, Theme, builtin_static_has, load_theme, uses_builtin,
};
use view::{EntryView, Speaker};

/// The attribute of the element that holds an entry's body, inside its
/// `data-entry` element: what comes before it is the title and metadata. The
/// templates write it; the search index reads pages by it.
pub const BODY_MARK: &str = "data-entry-body";

/// One file of the built site: a path relative to the output folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where the renderer hands the open data's files as it makes them: a
/// closure that takes each file, or the build's writer.
pub trait PutFile: Sync {
    fn put(&self, file: OutputFile);

    /// A file of tens of megabytes, in parts handed on as each is made, so
    /// that a writer that writes each part at once never holds it whole.
    fn put_parts(&self, path: String, parts: &mut dyn Iterator<Item = Vec<u8>>) {
        let bytes = parts.flatten().collect();
        self.put(OutputFile { path, bytes });
    }
}

impl<F: Fn(OutputFile) + Sync> PutFile for F {
    fn put(&self, file: OutputFile) {
        self(file);
    }
}

/// The output path of entry `id`'s page in `lang`: `en/parks/x/index.html`.
pub fn entry_path(site: &Site, lang: Lang, id: EntryId) -> String {
    path_or_index(&site_path(&site.config, lang, &Page::Entry(id), site))
}

/// A rendered page.
#[derive(Debug, PartialEq)]
pub struct RenderedPage {
    /// Relative to the output folder: `en/parks/x/index.html`.
    pub path: String,
    pub html: String,
}

impl RenderedPage {
    pub fn into_file(self) -> OutputFile {
        OutputFile {
            path: self.path,
            bytes: self.html.into_bytes(),
        }
    }
}

/// Every page of the site, each rendered on request: a build renders them all
/// on all cores and hands each to the writer at once, and `serve` renders only
/// the pages a browser asks for. Both go through [`Renderer::render`], so
/// their bytes are the same.
pub struct Renderer {
    site: Arc<Site>,
    theme: Arc<Theme>,
    lists: Lists,
    /// One compiled Tera per language, its globals (strings, navigation) set.
    teras: [Option<Tera>; 2],
    pages: Vec<(Lang, Page)>,
    /// The sitemap, robots.txt, feeds and favicon ([`discovery`]).
    discovery: Vec<OutputFile>,
    /// What the open-data page says of the data files ([`open_data`]).
    open_data: opendata::Published,
    /// The data files, where they are kept rather than handed on as made.
    open_data_files: Vec<OutputFile>,
}

impl Renderer {
    /// Work out the site's pages and the lists and cards they share.
    pub fn new(site: Arc<Site>, theme: Arc<Theme>) -> Renderer {
        let files = Mutex::new(Vec::new());
        let open_data = open_data(&site, &theme, &|file| {
            files.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        });
        let mut renderer = Renderer::cards_later(site, theme, open_data);
        renderer.open_data_files = files.into_inner().unwrap_or_else(|e| e.into_inner());
        renderer.make_cards();
        renderer
    }

    /// [`Renderer::new`] without the cards, which entry pages do not show:
    /// a build renders those first, while the site still holds the bodies'
    /// HTML, then makes the cards ([`Renderer::make_cards`]) for the rest.
    /// `open_data` is what [`open_data`] made of the site.
    pub fn cards_later(
        site: Arc<Site>,
        theme: Arc<Theme>,
        open_data: opendata::Published,
    ) -> Renderer {
        let lists = Lists::new(&site);
        let mut pages_of_site = Vec::new();
        let mut teras = [None, None];
        for lang in site.config.ordered_languages() {
            pages_of_site.extend(
                pages(&site, &lists, lang)
                    .into_iter()
                    .map(|page| (lang, page)),
            );
            let mut tera = theme.tera.clone();
            let speaker = Speaker {
                site: &site,
                lang,
                strings: theme.strings(lang),
            };
            let globals = tera.global_context();
            globals.insert("lang", lang.code());
            globals.insert("html_lang", lang.html_lang());
            globals.insert("t", speaker.strings);
            globals.insert("site", &site_view(&speaker));
            globals.insert("nav", &nav(&speaker));
            globals.insert("footer", &footer::footer(&speaker));
            globals.insert("feeds", &discovery::feeds(&site.config, &theme, lang));
            teras[lang as usize] = Some(tera);
        }
        let discovery = discovery::files(&site, &theme, &lists, &pages_of_site);
        Renderer {
            site,
            theme,
            lists,
            teras,
            pages: pages_of_site,
            discovery,
            open_data,
            open_data_files: Vec::new(),
        }
    }

    pub fn site(&self) -> &Arc<Site> {
        &self.site
    }

    /// The site, if this renderer is its only owner.
    pub fn site_mut(&mut self) -> Option<&mut Site> {
        Arc::get_mut(&mut self.site)
    }

    /// Make the cards that list pages share; until then each list page
    /// makes its own.
    pub fn make_cards(&mut self) {
        self.lists.make_cards(&self.site, &self.theme);
    }

    /// Whether page `index` is an entry's page.
    pub fn is_entry_page(&self, index: usize) -> bool {
        self.entry_of(index).is_some()
    }

    /// The language and entry of page `index`, if it is an entry's page.
    pub fn entry_of(&self, index: usize) -> Option<(Lang, EntryId)> {
        match self.pages[index] {
            (lang, Page::Entry(id)) => Some((lang, id)),
            _ => None,
        }
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    pub fn into_site(self) -> Arc<Site> {
        self.site
    }

    /// How many pages the site has, in every language.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// The output path of page `index`: `en/parks/x/index.html`.
    pub fn path(&self, index: usize) -> String {
        let (lang, page) = &self.pages[index];
        path_or_index(&site_path(&self.site.config, *lang, page, &self.site))
    }

    /// Every file that is not a page: the theme's static files and the
    /// site's own, copied as they are, and the sitemap, robots.txt, feeds
    /// and favicon made from the site.
    pub fn static_files(&self) -> Vec<&OutputFile> {
        self.theme
            .static_files
            .iter()
            .chain(&self.discovery)
            .chain(&self.open_data_files)
            .collect()
    }

    /// The static files, as [`Renderer::static_files`], for a build that
    /// writes them once: the discovery files (the sitemap and feeds, tens of
    /// megabytes at 10,000 entries) are handed over rather than held by the
    /// renderer while every page is made.
    pub fn take_static_files(&mut self) -> Vec<OutputFile> {
        let theme_files = self.theme.static_files.iter().cloned();
        theme_files
            .chain(std::mem::take(&mut self.discovery))
            .chain(std::mem::take(&mut self.open_data_files))
            .collect()
    }

    /// The first page of each kind in each language (home, list, entry,
    /// terms, term, 404, search): rendering them tries every template.
    pub fn one_of_each(&self) -> Vec<usize> {
        let mut seen = Vec::new();
        let mut picked = Vec::new();
        for (index, (lang, page)) in self.pages.iter().enumerate() {
            let kind = (*lang, std::mem::discriminant(page));
            if !seen.contains(&kind) {
                seen.push(kind);
                picked.push(index);
            }
        }
        picked
    }

    /// Render entry `id`'s page in `lang` (which the entry must be written in).
    pub fn render_entry(&self, lang: Lang, id: EntryId) -> Result<String, Diagnostic> {
        self.render_in(lang, &Page::Entry(id)).map(|page| page.html)
    }

    /// Render page `index` (of [`Renderer::len`]).
    pub fn render(&self, index: usize) -> Result<RenderedPage, Diagnostic> {
        let (lang, page) = &self.pages[index];
        self.render_in(*lang, page)
    }

    fn render_in(&self, lang: Lang, page: &Page) -> Result<RenderedPage, Diagnostic> {
        let speaker = Speaker {
            site: &self.site,
            lang,
            strings: self.theme.strings(lang),
        };
        let tera = self.teras[lang as usize]
            .as_ref()
            .expect("a Tera for every language with pages");
        let shared = Shared {
            lists: &self.lists,
            open_data: &self.open_data,
        };
        let (path, html) = render_page(&speaker, &shared, tera, page)?;
        Ok(RenderedPage { path, html })
    }
}

/// Make the open data ([`opendata`]), handing each file to `put` as soon as
/// it is made, and return what the open-data page says of it. It reads the
/// bodies' Markdown, which nothing else rendered does.
pub fn open_data(site: &Site, theme: &Theme, put: &dyn PutFile) -> opendata::Published {
    opendata::publish(site, &dataset_texts(site, theme), put)
}

#[derive(Serialize)]
struct SiteView {
    title: String,
    description: String,
    base: String,
    home_url: String,
    search_url: String,
    sitemap_url: String,
    open_data_url: String,
    statistics_url: String,
    /// The Content-Security-Policy for the pages' `<meta>`; empty if turned off.
    csp: String,
}

fn site_view(speaker: &Speaker) -> SiteView {
    let config = &speaker.site.config;
    SiteView {
        title: config.title.get_or_other(speaker.lang).to_string(),
        description: config.description.get_or_other(speaker.lang).to_string(),
        base: config.base_path.clone(),
        home_url: speaker.url(""),
        search_url: speaker.url("search/"),
        sitemap_url: speaker.url(&format!("{}/", pages::SITE_MAP_DIR)),
        open_data_url: speaker.url(&format!("{}/", pages::OPEN_DATA_DIR)),
        statistics_url: speaker.url(&format!("{}/", pages::STATISTICS_DIR)),
        csp: config.meta_content_security_policy(),
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
            label: speaker.t_of("section_", t.folder()),
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
    /// Description, Open Graph values and JSON-LD ([`metadata`]).
    meta: metadata::Metadata,
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
    let cards = lists.cards(
        speaker,
        ids.iter().copied().skip((current - 1) * size).take(size),
    );
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
                label: speaker.t_of("field_", field),
                url: speaker.url(&format!("{}/{field}/", entry_type.folder())),
                terms,
            })
        })
        .collect()
}

/// What pages share beyond the site: the lists and the open data.
struct Shared<'a> {
    lists: &'a Lists,
    open_data: &'a opendata::Published,
}

/// The words of the catalogue for each dataset, in both languages, from
/// the theme's strings.
fn dataset_texts(site: &Site, theme: &Theme) -> opendata::DatasetTexts {
    let both = |key: &str| {
        let mut text = crate::config::Localized::default();
        for lang in Lang::ALL {
            let strings = theme.strings(lang);
            text.set(
                lang,
                strings.get(key).cloned().unwrap_or_else(|| key.to_string()),
            );
        }
        text
    };
    let mut catalog_title = both("opendata_title");
    for lang in Lang::ALL {
        let title = format!(
            "{} · {}",
            site.config.title.get_or_other(lang),
            catalog_title.get_or_other(lang)
        );
        catalog_title.set(lang, title);
    }
    opendata::DatasetTexts {
        catalog_title,
        catalog_description: both("opendata_intro"),
        datasets: EntryType::ALL
            .into_iter()
            .map(|t| {
                (
                    both(&format!("section_{}", t.folder())),
                    both(&format!("opendata_about_{}", t.folder())),
                )
            })
            .collect(),
    }
}

fn render_page(
    speaker: &Speaker,
    shared: &Shared,
    tera: &Tera,
    page: &Page,
) -> Result<(String, String), Diagnostic> {
    let site = speaker.site;
    let config = &site.config;
    let path = site_path(config, speaker.lang, page, site);
    let mut context = Context::new();
    let (template, title, section) = page_parts(speaker, shared, page, &path, &mut context);
    context.insert(
        "page",
        &page_view(speaker, shared.lists, page, &path, title, section),
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
    Ok((path_or_index(&path), html))
}

/// Put what `page` shows into `context`; its template, title and section.
fn page_parts(
    speaker: &Speaker,
    shared: &Shared,
    page: &Page,
    path: &str,
    context: &mut Context,
) -> PageParts {
    let all_lists = shared.lists;
    let site = speaker.site;
    let lists = all_lists.of(speaker.lang);
    match page {
        Page::Home => home(speaker, lists, context),
        Page::List(entry_type, n) => list(speaker, all_lists, *entry_type, *n, context),
        Page::Entry(id) => {
            let entry = speaker.entry(*id);
            let title = entry.card.title.clone();
            context.insert_value("entry", entry_value(speaker, lists, *id, &entry));
            (
                "entry.html",
                title,
                Some(site.entries[*id].entry_type.folder()),
            )
        }
        Page::Terms(entry_type, field) => terms(speaker, all_lists, *entry_type, field, context),
        Page::Term(entry_type, field, key, n) => {
            term(speaker, lists, (*entry_type, field, key), *n, context)
        }
        Page::NotFound => ("404.html", speaker.t("not_found_title"), None),
        Page::Search => ("search.html", speaker.t("search_title"), None),
        Page::SiteMap => {
            context.insert("sections", &site_map_sections(speaker, all_lists));
            ("sitemap.html", speaker.t("sitemap_title"), None)
        }
        Page::OpenData => {
            let title = speaker.t("opendata_title");
            let canonical = site.config.absolute_url(path);
            let view = opendata::page(speaker, shared.open_data, &title, &canonical);
            context.insert("open_data", &view);
            ("open-data.html", title, None)
        }
        Page::Statistics => {
            context.insert("charts", &statistics::charts(speaker, all_lists));
            ("statistics.html", speaker.t("stats_title"), None)
        }
        Page::Statement(kind) => {
            let body = site
                .statements
                .get(*kind, speaker.lang)
                .map_or("", |b| b.html.as_str());
            context.insert("body_html", body);
            (
                "statement.html",
                speaker.t_of("statement_", kind.key()),
                None,
            )
        }
    }
}

/// What a page gives the template beside the shared context: the template's
/// name, the page's title and the section it belongs to, if any.
type PageParts = (&'static str, String, Option<&'static str>);

/// The home page: the sections, featured and latest entries, top-level parks.
fn home(speaker: &Speaker, lists: &LangLists, context: &mut Context) -> PageParts {
    let site = speaker.site;
    let sections: Vec<Section> = EntryType::ALL
        .into_iter()
        .map(|t| Section {
            key: t.folder(),
            label: speaker.t_of("section_", t.folder()),
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
    context.insert_value("featured", lists.cards(speaker, featured));
    context.insert_value(
        "latest_achievements",
        lists.cards(speaker, achievements.iter().copied().take(6)),
    );
    let policies = lists.listed(EntryType::Policy).iter().copied().take(6);
    context.insert_value("latest_policies", lists.cards(speaker, policies));
    let top_parks =
        lists.listed(EntryType::Park).iter().copied().filter(
            |id| !matches!(&site.entries[*id].details, Details::Park(p) if p.parent.is_some()),
        );
    context.insert_value("top_parks", lists.cards(speaker, top_parks.take(6)));
    let title = site.config.title.get_or_other(speaker.lang).to_string();
    ("index.html", title, None)
}

/// Page `n` of the list of one entry type, with its facets.
fn list(
    speaker: &Speaker,
    all_lists: &Lists,
    entry_type: EntryType,
    n: usize,
    context: &mut Context,
) -> PageParts {
    let lists = all_lists.of(speaker.lang);
    let folder = entry_type.folder();
    let listed = lists.listed(entry_type);
    let (cards, pagination) = paginate(speaker, lists, &format!("{folder}/"), listed, n);
    context.insert_value("entries", cards);
    context.insert("pagination", &pagination);
    context.insert("facets", &facets(speaker, all_lists, entry_type));
    context.insert("entry_type", &entry_type);
    let heading = speaker.t_of("section_", folder);
    context.insert("heading", &heading);
    ("list.html", numbered(speaker, heading, n), Some(folder))
}

/// The values of one vocabulary field of an entry type.
fn terms(
    speaker: &Speaker,
    all_lists: &Lists,
    entry_type: EntryType,
    field: &str,
    context: &mut Context,
) -> PageParts {
    let folder = entry_type.folder();
    let facet = facets(speaker, all_lists, entry_type)
        .into_iter()
        .find(|f| f.key == field);
    let heading = format!(
        "{} · {}",
        speaker.t_of("section_", folder),
        speaker.t_of("field_", field)
    );
    context.insert("facet", &facet);
    context.insert("heading", &heading);
    context.insert("list_url", &speaker.url(&format!("{folder}/")));
    ("terms.html", heading, Some(folder))
}

/// Page `n` of the entries of one type that have one vocabulary value.
fn term(
    speaker: &Speaker,
    lists: &LangLists,
    (entry_type, field, key): (EntryType, &str, &str),
    n: usize,
    context: &mut Context,
) -> PageParts {
    let folder = entry_type.folder();
    let (_, vocabulary) = view::vocabulary_fields(entry_type)
        .into_iter()
        .find(|(f, _)| *f == field)
        .expect("term pages are made for vocabulary fields");
    let ids: &[EntryId] = lists
        .used_terms(entry_type, field)
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, ids)| ids.as_slice())
        .unwrap_or(&[]);
    let base = format!("{folder}/{field}/{key}/");
    let (cards, pagination) = paginate(speaker, lists, &base, ids, n);
    let heading = speaker
        .t("term_heading")
        .replace("{field}", &speaker.t_of("field_", field))
        .replace("{value}", &speaker.term_label(vocabulary, key));
    context.insert_value("entries", cards);
    context.insert("pagination", &pagination);
    context.insert("heading", &heading);
    context.insert("terms_url", &speaker.url(&format!("{folder}/{field}/")));
    context.insert("list_url", &speaker.url(&format!("{folder}/")));
    let section_label = speaker.t_of("section_", folder);
    context.insert("section_label", &section_label);
    // Region pages of achievements, parks and policies share their heading;
    // the title names the section too.
    let title = numbered(speaker, format!("{heading} · {section_label}"), n);
    ("term.html", title, Some(folder))
}

/// One section of the site map page: its list, its categories and every
/// entry it lists.
#[derive(Serialize)]
struct SiteMapSection {
    key: &'static str,
    label: String,
    url: String,
    facets: Vec<Facet>,
    entries: Vec<SiteMapEntry>,
}

#[derive(Serialize)]
struct SiteMapEntry {
    title: String,
    url: String,
    only_in: Option<String>,
    text_lang: Option<&'static str>,
}

fn site_map_sections(speaker: &Speaker, lists: &Lists) -> Vec<SiteMapSection> {
    EntryType::ALL
        .into_iter()
        .map(|t| SiteMapSection {
            key: t.folder(),
            label: speaker.t_of("section_", t.folder()),
            url: speaker.url(&format!("{}/", t.folder())),
            facets: facets(speaker, lists, t),
            entries: lists
                .of(speaker.lang)
                .listed(t)
                .iter()
                .map(|id| {
                    let card = speaker.card(*id);
                    SiteMapEntry {
                        title: card.title,
                        url: card.url,
                        only_in: card.only_in,
                        text_lang: card.text_lang,
                    }
                })
                .collect(),
        })
        .collect()
}

/// What the entry template sees as `entry`: the view, and the lists of related
/// entries with their cards. Those cards are most of an entry page's view;
/// where the list pages' cards are made already, they are shared rather than
/// made again.
fn entry_value(speaker: &Speaker, lists: &LangLists, id: EntryId, entry: &EntryView) -> Value {
    let mut map = Value::from_serializable(entry)
        .into_map()
        .expect("an entry view is a map");
    let relations: Vec<Value> = speaker
        .related(id)
        .into_iter()
        .filter_map(|(key, ids)| {
            let cards = lists.card_values(speaker, ids);
            (!cards.is_empty()).then(|| {
                let mut relation = Map::with_capacity(3);
                relation.insert("key".into(), key.into());
                relation.insert("label".into(), speaker.t_of("relation_", key).into());
                relation.insert("cards".into(), cards.into());
                Value::from(relation)
            })
        })
        .collect();
    map.insert("relations".into(), relations.into());
    // The entry's JSON, one file for both languages beside its page.
    let entry = &speaker.site.entries[id];
    let data_path = view::concat(&[
        entry.entry_type.folder(),
        "/",
        &entry.slug,
        "/",
        opendata::ENTRY_FILE,
    ]);
    map.insert(
        "data_url".into(),
        speaker.site.config.url(&data_path).into(),
    );
    Value::from(map)
}

/// A list's title with its page number from the second page on
/// (成果 · 第2页, Achievements · Page 2), so each page's title is its own.
fn numbered(speaker: &Speaker, title: String, page: usize) -> String {
    if page > 1 {
        let number = speaker.t("page_number").replace("{n}", &page.to_string());
        format!("{title} · {number}")
    } else {
        title
    }
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
    let mut langs_with_page = Vec::new();
    for lang in config.ordered_languages() {
        let own = if lang == speaker.lang {
            Some(page.clone())
        } else {
            counterpart(site, lists, lang, page)
        };
        if let Some(other) = own.filter(|p| p == page || !matches!(p, Page::NotFound)) {
            let url = config.absolute_url(&site_path(config, lang, &other, site));
            langs_with_page.push(lang);
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
            label: speaker.t_of("switch_to_", other.code()),
            html_lang: other.html_lang(),
            missing,
        }
    });
    let canonical = config.absolute_url(path);
    let meta = metadata::metadata(speaker, page, &title, &canonical, &langs_with_page);
    PageView {
        title,
        url: config.url(path),
        canonical,
        section,
        alternates,
        switch,
        meta,
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

    #[test]
    fn urls_joined_in_one_string_are_the_ones_config_url_makes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut config = crate::config::load(root).expect("the bundled config is sound");
        for base in ["https://example.org/", "https://example.org/sub/"] {
            config.set_base_url(base).unwrap();
            for lang in Lang::ALL {
                for path in ["", "/", "parks/", "//parks/x/", "404.html"] {
                    let expected = config.url(&format!("{}{path}", config.language_prefix(lang)));
                    assert_eq!(view::url_in(&config, lang, &[path]), expected);
                    let joined = view::url_in(&config, lang, &["/", "parks", "/", path]);
                    let expected =
                        config.url(&format!("{}/parks/{path}", config.language_prefix(lang)));
                    assert_eq!(joined, expected);
                }
            }
        }
    }

    #[test]
    fn pages_are_the_same_whether_cards_are_shared_or_made_per_page() {
        let prepared = crate::assemble_bundled();
        let (site, theme) = (Arc::new(prepared.site), prepared.theme);
        let shared = Renderer::new(Arc::clone(&site), Arc::clone(&theme));
        let open_data = open_data(&site, &theme, &|_| {});
        let per_page = Renderer::cards_later(site, theme, open_data);
        assert_eq!(shared.len(), per_page.len());
        let mut lists = 0;
        for index in 0..shared.len() {
            let page = shared.render(index).unwrap();
            lists += usize::from(page.html.contains("class=\"cards\""));
            assert_eq!(page, per_page.render(index).unwrap());
        }
        assert!(lists > 10, "list pages with cards were compared");
    }
}
