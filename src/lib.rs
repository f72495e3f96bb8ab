//! chengguo (成果): a bilingual static-site generator for science-and-technology
//! achievements, the parks that host them and the policies behind them.
//!
//! The pipeline runs in one direction, as [`build`] reads:
//! load → parse → site → render → search → write. Each stage hands its result to the
//! next and collects every problem it finds instead of stopping at the first.

pub mod annotate;
pub mod attachments;
pub mod bidi;
pub mod check;
pub mod config;
pub mod diag;
pub mod enquiry;
pub mod entry;
pub mod history;
pub mod init;
pub mod lang;
pub mod linkcheck;
pub mod load;
pub mod new;
pub mod parse;
pub mod progress;
pub mod render;
pub mod schema;
pub mod search;
pub mod serve;
pub mod sheet;
pub mod site;
pub mod url;
pub mod write;
pub mod yaml;

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use config::Lang;
use diag::Diagnostics;
use progress::{Progress, Timer};
use render::OutputFile;
use search::PageText;
use site::{EntryId, Site};
use write::Sink;

/// What a build is asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Overrides `base_url` from the configuration.
    pub base_url: Option<String>,
    pub include_drafts: bool,
}

/// Where a build puts the files it makes.
#[derive(Debug, Clone, Copy)]
pub enum Output<'a> {
    /// Kept in memory and returned in [`Built::files`].
    Memory,
    /// Written into a folder beside this one that replaces it only once the
    /// whole site is written: a failed build leaves the last good output as
    /// it was, and the site is never held in memory whole.
    Disk(&'a Path),
    /// Made and dropped; only their paths are returned, in [`Built::paths`]
    /// (what `check` needs to know which links resolve). Content never links
    /// to the search index, so it is not made.
    PathsOnly,
}

impl Output<'_> {
    /// Whether the build makes the search index (and so takes each entry
    /// page's text for it).
    fn makes_index(self) -> bool {
        !matches!(self, Output::PathsOnly)
    }
}

/// A successful build.
pub struct Built {
    /// The site as the last stage left it: the Markdown and HTML of entry
    /// bodies have been let go once the open data and the pages that show
    /// them were made ([`render_site`]).
    pub site: Site,
    /// With [`Output::Memory`], the files, sorted by path; otherwise empty.
    pub files: Vec<OutputFile>,
    /// With [`Output::PathsOnly`], every file's path, sorted; otherwise empty.
    pub paths: Vec<String>,
    /// HTML pages made.
    pub pages: usize,
    /// Files made, pages included.
    pub file_count: usize,
    /// Warnings found on the way.
    pub warnings: Diagnostics,
}

/// The whole pipeline: load → parse → site → render (and take the index's
/// text) → search index → write, telling `progress` about each stage.
pub fn build(
    root: &Path,
    options: &BuildOptions,
    output: Output,
    progress: &dyn Progress,
) -> Result<Built, Diagnostics> {
    // What a killed build left beside the output is cleaned up first, even if
    // this build then fails.
    let makes_index = output.makes_index();
    let destination = Destination::open(output)?;
    let Assembled {
        site,
        theme,
        warnings,
    } = assemble(root, options, progress, &mut parse::Cache::default())?;
    let with_warnings = |found| with(&warnings, found);
    // Nothing is staged until the content has been read and found sound.
    let sink = destination.begin().map_err(with_warnings)?;
    let (site, texts) =
        render_site(site, &theme, &sink, makes_index, progress).map_err(with_warnings)?;
    if makes_index {
        index_site(&site, &theme, texts, &sink, progress).map_err(with_warnings)?;
    }
    let (pages, file_count) = sink.counts();
    let (files, paths) = sink.finish(progress).map_err(with_warnings)?;
    Ok(Built {
        site,
        files,
        paths,
        pages,
        file_count,
        warnings,
    })
}

/// The warnings found before a stage, followed by the problems it found.
fn with(warnings: &Diagnostics, found: Diagnostics) -> Diagnostics {
    let mut all = warnings.clone();
    all.extend(found);
    all
}

/// The content read, checked and assembled, and the theme compiled:
/// everything a build knows before it makes a file.
pub struct Assembled {
    pub site: Site,
    pub theme: Arc<render::Theme>,
    /// Warnings found on the way.
    pub warnings: Diagnostics,
}

/// The stages before rendering: read the configuration, theme and content at
/// `root`, parse and check them, and assemble the site. `serve` calls this
/// and renders pages as they are asked for; `cache` lets it skip unchanged files.
pub fn assemble(
    root: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
    cache: &mut parse::Cache,
) -> Result<Assembled, Diagnostics> {
    let (mut config, theme) = read_configuration(root, options, progress)?;
    let history = GitHistory::start(root, cache);
    let timer = Timer::start();
    let (files, mut diagnostics) = load::load(root, &config.limits);
    diagnostics.extend(std::mem::take(&mut config.warnings));
    progress.stage("load", files.len(), "files", timer.took());
    let timer = Timer::start();
    let (mut entries, found) = parse::parse_cached(files, &config, options.include_drafts, cache);
    progress.stage("parse", entries.len(), "entries", timer.took());
    diagnostics.extend(found);
    let (statements, found) = parse::statements::load(root, &config);
    diagnostics.extend(found);
    let timer = Timer::start();
    history.apply(&mut entries, &mut config, &mut diagnostics, cache);
    progress.stage("history", entries.len(), "entries", timer.took());
    attachments::measure(root, &mut entries, &mut diagnostics);
    let theme = theme
        .map(|mut theme| {
            diagnostics.extend(std::mem::take(&mut theme.warnings));
            theme
        })
        .inspect_err(|found| diagnostics.extend(found.clone()));
    if diagnostics.has_errors() {
        parse::place_values(root, &mut diagnostics);
        return Err(diagnostics);
    }
    let timer = Timer::start();
    let site = site::assemble(config, entries, statements)
        .inspect_err(|found| diagnostics.extend(found.clone()));
    parse::place_values(root, &mut diagnostics);
    let (Ok(site), Ok(theme)) = (site, theme) else {
        return Err(diagnostics);
    };
    progress.stage("site", site.entries.len(), "entries", timer.took());
    Ok(Assembled {
        site,
        theme: Arc::new(theme),
        warnings: diagnostics,
    })
}

/// The configuration, with `--base-url` applied, and the theme it names
/// (whose problems are reported with the content's).
fn read_configuration(
    root: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<(config::Config, Result<render::Theme, Diagnostics>), Diagnostics> {
    let timer = Timer::start();
    let mut config = config::load(root)?;
    if let Some(base_url) = &options.base_url {
        config
            .set_base_url(base_url)
            .map_err(|message| Diagnostics::from(diag::Diagnostic::error("--base-url", message)))?;
    }
    let theme = render::load_theme(root, &config);
    progress.stage("config", 1, "theme", timer.took());
    Ok((config, theme))
}

/// Where the site stands in git. Its history is read on a thread of its own
/// while the content is loaded and parsed, unless the last build (in
/// `serve`) read it at the same commit.
struct GitHistory {
    checkout: Result<Option<history::Checkout>, diag::Diagnostic>,
    commit: Option<String>,
    remembered: Option<Arc<history::History>>,
    reading: Option<std::thread::JoinHandle<history::History>>,
}

impl GitHistory {
    fn start(root: &Path, cache: &parse::Cache) -> GitHistory {
        let checkout = history::checkout(root);
        let commit = checkout
            .as_ref()
            .ok()
            .and_then(Option::as_ref)
            .and_then(|c| c.commit.clone());
        let remembered = commit
            .as_deref()
            .and_then(|commit| cache.history_at(commit));
        let reading = match (&commit, &remembered) {
            (Some(_), None) => {
                let root = root.to_path_buf();
                Some(std::thread::spawn(move || history::read(&root)))
            }
            _ => None,
        };
        GitHistory {
            checkout,
            commit,
            remembered,
            reading,
        }
    }

    /// Give the entries their dates from git and the configuration the
    /// site's folder in its repository (for edit links).
    fn apply(
        self,
        entries: &mut [entry::Entry],
        config: &mut config::Config,
        diagnostics: &mut Diagnostics,
        cache: &mut parse::Cache,
    ) {
        let (commit, reading) = (self.commit, self.reading);
        let history = self.remembered.or_else(|| {
            let history = Arc::new(reading?.join().unwrap_or_default());
            cache.remember_history(commit.as_deref()?, Arc::clone(&history));
            Some(history)
        });
        if let Some(history) = &history {
            history.apply(entries);
        }
        match self.checkout {
            Ok(Some(checkout)) => config.set_repository_prefix(&checkout.prefix),
            Ok(None) => {}
            Err(warning) => diagnostics.push(warning),
        }
    }
}

/// What the search index keeps of each entry page, taken as the page is made
/// and held packed until the index asks for it.
type Texts = HashMap<(Lang, EntryId), Packed>;

/// A page's text held between render and index, LZ4-compressed: every entry
/// page's text is held at once, which alone added about a quarter to a
/// 10,000-entry build's peak memory when kept as plain strings.
struct Packed {
    bytes: Box<[u8]>,
    body_start: usize,
}

impl Packed {
    fn pack(text: &PageText) -> Packed {
        Packed {
            bytes: lz4_flex::compress_prepend_size(text.text.as_bytes()).into_boxed_slice(),
            body_start: text.body_start,
        }
    }

    /// The text as it was taken; the bytes were packed from a `String` by
    /// this program, so they unpack to valid UTF-8.
    fn unpack(self) -> PageText {
        let bytes = lz4_flex::decompress_size_prepended(&self.bytes)
            .unwrap_or_else(|_| unreachable!("packed by Packed::pack"));
        PageText {
            text: String::from_utf8(bytes).unwrap_or_else(|_| unreachable!("packed from a String")),
            body_start: self.body_start,
        }
    }
}

/// The render stage: the open data, the static files and every page, handed
/// to `sink` as each is made. The open data comes first, as the last reader
/// of the bodies' Markdown, which the site then goes on without. Entry pages
/// come next, and the index's text is taken from each as it is made; the
/// site is handed back for the index without its bodies' HTML
/// ([`let_go_of_bodies`]).
fn render_site(
    site: Site,
    theme: &Arc<render::Theme>,
    sink: &Counted,
    takes_texts: bool,
    progress: &dyn Progress,
) -> Result<(Site, Texts), Diagnostics> {
    let timer = Timer::start();
    let open_data = render::open_data(&site, theme, sink);
    let site = site.without_markdown();
    let mut renderer = render::Renderer::cards_later(Arc::new(site), Arc::clone(theme), open_data);
    for file in renderer.take_static_files() {
        sink.put(file);
    }
    let texts = Mutex::new(Texts::new());
    let put = |renderer: &render::Renderer, index: usize, page: render::RenderedPage| {
        if takes_texts
            && let Some((lang, id)) = renderer.entry_of(index)
            && let Some(text) = search::page_text(renderer.site(), lang, id, &page.html)
        {
            let packed = Packed::pack(&text);
            lock(&texts).insert((lang, id), packed);
        }
        sink.put(page.into_file());
    };
    let mut found = render_pages(&renderer, &|i| renderer.is_entry_page(i), &put, sink);
    let_go_of_bodies(&mut renderer);
    found.extend(render_pages(
        &renderer,
        &|i| !renderer.is_entry_page(i),
        &put,
        sink,
    ));
    if !found.is_empty() {
        return Err(found);
    }
    sink.check()?;
    progress.stage("render", renderer.len(), "pages", timer.took());
    // The lists and cards the pages shared are not needed by the index.
    let site = Arc::try_unwrap(renderer.into_site())
        .unwrap_or_else(|_| unreachable!("the renderer is the site's only owner"));
    Ok((site, texts.into_inner().unwrap_or_else(|e| e.into_inner())))
}

/// Once the entry pages are made and their text taken, the HTML of the
/// bodies (most of the site's memory) goes: the cards of the list pages and
/// later the index's posting lists take its place rather than adding to it.
fn let_go_of_bodies(renderer: &mut render::Renderer) {
    if let Some(site) = renderer.site_mut() {
        site.let_go_of_body_html();
    }
    renderer.make_cards();
}

/// Render the pages that `which` picks on all cores, handing each to `put`
/// as soon as it is made; after a failed write the rest are skipped.
fn render_pages(
    renderer: &render::Renderer,
    which: &(dyn Fn(usize) -> bool + Sync),
    put: &(dyn Fn(&render::Renderer, usize, render::RenderedPage) + Sync),
    sink: &Counted,
) -> Diagnostics {
    let failed: Vec<diag::Diagnostic> = (0..renderer.len())
        .into_par_iter()
        .filter(|index| which(*index) && !sink.has_failed())
        .filter_map(|index| match renderer.render(index) {
            Ok(page) => {
                put(renderer, index, page);
                None
            }
            Err(diagnostic) => Some(diagnostic),
        })
        .collect();
    let mut diagnostics = Diagnostics::new();
    failed.into_iter().for_each(|d| diagnostics.push(d));
    diagnostics
}

/// The search stage: each language's index files, from the site and the
/// text taken of each entry page.
fn index_site(
    site: &Site,
    theme: &render::Theme,
    texts: Texts,
    sink: &Counted,
    progress: &dyn Progress,
) -> Result<(), Diagnostics> {
    let timer = Timer::start();
    let before = sink.count.load(Ordering::Relaxed);
    let languages = smaller_first(site, &texts);
    let texts = Mutex::new(texts);
    let text_of = |lang: Lang, id: EntryId| lock(&texts).remove(&(lang, id)).map(Packed::unpack);
    search::index_files_in(site, theme, &languages, &text_of, &|file| sink.put(file));
    sink.check()?;
    let index_count = sink.count.load(Ordering::Relaxed) - before;
    progress.stage("search", index_count, "index files", timer.took());
    Ok(())
}

/// The site's languages, the one with less text held first: while a language
/// is indexed the other's texts wait, and the larger language's posting lists
/// (the stage's peak) are then built with none waiting. At 10,000 entries
/// that is Chinese last, and the peak 40–55 MB lower (benches/README.md).
fn smaller_first(site: &Site, texts: &Texts) -> Vec<Lang> {
    let mut held = [0usize; 2];
    for ((lang, _), packed) in texts {
        held[*lang as usize] += packed.bytes.len();
    }
    let mut languages = site.config.ordered_languages();
    languages.sort_by_key(|lang| held[*lang as usize]);
    languages
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Where a build's files go, before and after they are made.
enum Destination<'a> {
    Memory,
    Disk(&'a Path),
    PathsOnly,
}

impl<'a> Destination<'a> {
    /// Clean up what a killed build left beside a disk output (and put back
    /// a site it had moved away); another build running on the same output
    /// is reported before any work is done.
    fn open(output: Output<'a>) -> Result<Destination<'a>, Diagnostics> {
        Ok(match output {
            Output::Memory => Destination::Memory,
            Output::PathsOnly => Destination::PathsOnly,
            Output::Disk(folder) => {
                write::recover_output(folder).map_err(|e| cannot_write(folder, e))?;
                Destination::Disk(folder)
            }
        })
    }

    /// The sink the files go to: for a disk output, a new folder beside it.
    fn begin(&self) -> Result<Counted<'a>, Diagnostics> {
        let files = match *self {
            Destination::Memory => Files::Memory(write::Memory::default()),
            Destination::PathsOnly => Files::Paths(write::Paths::default()),
            Destination::Disk(folder) => Files::Staging(
                folder,
                write::Staging::begin(folder).map_err(|e| cannot_write(folder, e))?,
            ),
        };
        Ok(Counted {
            files,
            count: AtomicUsize::new(0),
            pages: AtomicUsize::new(0),
            failed: Mutex::new(None),
        })
    }
}

/// The files being made, by where they go.
enum Files<'a> {
    Memory(write::Memory),
    Paths(write::Paths),
    Staging(&'a Path, write::Staging),
}

fn cannot_write(output: &Path, error: std::io::Error) -> Diagnostics {
    diag::Diagnostic::error(output, format!("cannot write the site: {error}")).into()
}

/// A sink that counts what it is given and keeps the first error.
struct Counted<'a> {
    files: Files<'a>,
    count: AtomicUsize,
    pages: AtomicUsize,
    failed: Mutex<Option<std::io::Error>>,
}

/// The open data's files go to the sink as they are made, the large ones
/// part by part.
impl render::PutFile for Counted<'_> {
    fn put(&self, file: OutputFile) {
        Counted::put(self, file);
    }

    fn put_parts(&self, path: String, parts: &mut dyn Iterator<Item = Vec<u8>>) {
        let put = self.sink().put_parts(path, parts);
        self.count_or_keep(put, false);
    }
}

impl Counted<'_> {
    fn sink(&self) -> &dyn Sink {
        match &self.files {
            Files::Memory(memory) => memory,
            Files::Paths(paths) => paths,
            Files::Staging(_, staging) => staging,
        }
    }

    fn put(&self, file: OutputFile) {
        let page = file.path.ends_with(".html");
        let put = self.sink().put(file);
        self.count_or_keep(put, page);
    }

    /// Count a file put, or keep the error if it is the first.
    fn count_or_keep(&self, put: std::io::Result<()>, page: bool) {
        match put {
            Ok(()) => {
                self.count.fetch_add(1, Ordering::Relaxed);
                if page {
                    self.pages.fetch_add(1, Ordering::Relaxed);
                }
            }
            Err(error) => {
                lock(&self.failed).get_or_insert(error);
            }
        }
    }

    fn has_failed(&self) -> bool {
        lock(&self.failed).is_some()
    }

    /// Pages and files put.
    fn counts(&self) -> (usize, usize) {
        (
            self.pages.load(Ordering::Relaxed),
            self.count.load(Ordering::Relaxed),
        )
    }

    /// Put the files where they belong: swap a disk output in, or hand back
    /// the files (or their paths) kept in memory.
    fn finish(
        self,
        progress: &dyn Progress,
    ) -> Result<(Vec<OutputFile>, Vec<String>), Diagnostics> {
        match self.files {
            Files::Memory(memory) => Ok((memory.into_files(), vec![])),
            Files::Paths(paths) => Ok((vec![], paths.into_paths())),
            Files::Staging(folder, staging) => {
                let timer = Timer::start();
                staging.commit().map_err(|e| cannot_write(folder, e))?;
                progress.stage("swap", 1, "folder", timer.took());
                Ok((vec![], vec![]))
            }
        }
    }

    fn check(&self) -> Result<(), Diagnostics> {
        match lock(&self.failed).take() {
            Some(error) => Err(cannot_write(self.sink().place(), error)),
            None => Ok(()),
        }
    }
}

/// The bundled site in this repository, assembled, for unit tests.
#[cfg(test)]
pub(crate) fn assemble_bundled() -> Assembled {
    assemble(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &BuildOptions::default(),
        &progress::Silent,
        &mut parse::Cache::default(),
    )
    .expect("the bundled site is sound")
}

#[cfg(test)]
mod tests {
    use super::{Packed, PageText, Texts, smaller_first};
    use crate::config::Lang;

    #[test]
    fn packed_texts_unpack_to_what_was_taken() {
        let texts = [
            PageText {
                text: String::new(),
                body_start: 0,
            },
            PageText {
                text: "中关村科技园区 Zhongguancun 科技成果转化，科技成果转化。".repeat(40),
                body_start: 37,
            },
            PageText {
                text: "A park of 5,000 ㎡ — 園區 — with\u{1F600} emoji".into(),
                body_start: 12,
            },
        ];
        for text in texts {
            let packed = Packed::pack(&text);
            if text.text.len() > 1000 {
                // Repeated text is what LZ4 is for: held in far less room.
                assert!(packed.bytes.len() * 4 < text.text.len());
            }
            assert_eq!(packed.unpack(), text);
        }
    }

    #[test]
    fn the_language_with_less_text_held_is_indexed_first() {
        let site = crate::assemble_bundled().site;
        let text = |words: &str, times: usize| {
            Packed::pack(&PageText {
                text: (0..times).map(|i| format!("{words}{i} ")).collect(),
                body_start: 0,
            })
        };
        let mut texts = Texts::new();
        texts.insert((Lang::Zh, 0), text("科技成果", 10));
        texts.insert((Lang::En, 0), text("technology transfer", 2000));
        assert_eq!(smaller_first(&site, &texts), [Lang::Zh, Lang::En]);
        texts.insert((Lang::Zh, 1), text("科技成果转化", 8000));
        assert_eq!(smaller_first(&site, &texts), [Lang::En, Lang::Zh]);
    }
}
