//! chengguo (成果): a bilingual static-site generator for science-and-technology
//! achievements, the parks that host them and the policies behind them.
//!
//! The pipeline runs in one direction:
//! load → parse → site → render → search → write. Each stage hands its result to the
//! next and collects every problem it finds instead of stopping at the first.

pub mod annotate;
pub mod check;
pub mod config;
pub mod diag;
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
pub mod site;
pub mod url;
pub mod write;
pub mod yaml;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use config::Lang;
use diag::Diagnostics;
use progress::{Progress, Silent, Timer};
use render::OutputFile;
use site::{EntryId, Site};
use write::Sink;

/// What a build is asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Overrides `base_url` from the configuration.
    pub base_url: Option<String>,
    pub include_drafts: bool,
}

/// A successful build: the site and its files, in memory.
pub struct Built {
    /// With a theme that marks entry bodies, their HTML has been let go
    /// ([`Site::let_go_of_body_html`]); the pages hold it.
    pub site: Site,
    pub files: Vec<OutputFile>,
    /// Warnings found on the way.
    pub warnings: Diagnostics,
}

/// A successful build written to disk.
pub struct Written {
    /// As in [`Built::site`].
    pub site: Site,
    /// HTML pages written.
    pub pages: usize,
    /// Files written, pages included.
    pub files: usize,
    /// Warnings found on the way.
    pub warnings: Diagnostics,
}

/// Load, validate and render the site at `root`; nothing is written.
pub fn build(root: &Path, options: &BuildOptions) -> Result<Built, Diagnostics> {
    build_reporting(root, options, &Silent)
}

/// [`build`], telling `progress` about each stage as it finishes.
pub fn build_reporting(
    root: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<Built, Diagnostics> {
    let memory = write::Memory::default();
    let done = build_into(root, options, progress, &memory)?;
    Ok(Built {
        site: done.site,
        files: memory.into_files(),
        warnings: done.warnings,
    })
}

/// Build the site at `root` and write it to `output`, atomically.
pub fn build_to_disk(
    root: &Path,
    output: &Path,
    options: &BuildOptions,
) -> Result<Written, Diagnostics> {
    build_to_disk_reporting(root, output, options, &Silent)
}

/// [`build_to_disk`], telling `progress` about each stage as it finishes.
///
/// Pages go to disk as they are rendered, into a folder beside `output` that
/// replaces it only once the whole site is written: the site is never held
/// in memory whole, and a failed build leaves the last good output as it was.
pub fn build_to_disk_reporting(
    root: &Path,
    output: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<Written, Diagnostics> {
    let cannot_write = |error: std::io::Error| {
        Diagnostics::from(diag::Diagnostic::error(
            output,
            format!("cannot write the site: {error}"),
        ))
    };
    // What a killed build left is cleaned up (and a site it had moved away put
    // back) first, whatever becomes of this build; another build running on
    // the same output is reported before any work is done.
    write::recover_output(output).map_err(cannot_write)?;
    // Nothing is staged until the content has been read and found sound.
    let staging = std::cell::OnceCell::new();
    let begin = || -> Result<&dyn Sink, Diagnostics> {
        if staging.get().is_none() {
            let _ = staging.set(write::Staging::begin(output).map_err(cannot_write)?);
        }
        Ok(staging.get().expect("just set"))
    };
    let done = build_into_lazily(root, options, progress, &begin)?;
    let timer = Timer::start();
    let staging = staging
        .into_inner()
        .expect("a successful build staged its files");
    staging.commit().map_err(cannot_write)?;
    progress.stage("swap", 1, "folder", timer.took());
    Ok(done)
}

/// [`build_into_lazily`] with a sink that is there from the start.
fn build_into(
    root: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
    sink: &dyn Sink,
) -> Result<Written, Diagnostics> {
    build_into_lazily(root, options, progress, &|| Ok(sink))
}

/// The content read, checked and assembled, and the theme compiled:
/// everything a build knows before it makes a file.
pub struct Prepared {
    pub site: Site,
    pub theme: render::Theme,
    /// Warnings found on the way.
    pub warnings: Diagnostics,
}

/// Read the configuration, theme and content at `root`, parse and check
/// them, and assemble the site; `cache` lets `serve` skip unchanged files.
pub fn prepare(
    root: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
    cache: &mut parse::Cache,
) -> Result<Prepared, Diagnostics> {
    let timer = Timer::start();
    let mut config = config::load(root)?;
    if let Some(base_url) = &options.base_url {
        config
            .set_base_url(base_url)
            .map_err(|message| Diagnostics::from(diag::Diagnostic::error("--base-url", message)))?;
    }
    let theme = render::load_theme(root, &config);
    progress.stage("config", 1, "theme", timer.took());
    // Where the site stands in git; its history is read on a thread of its
    // own while the content is loaded and parsed, unless the last build
    // (in `serve`) read it at the same commit.
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
    let timer = Timer::start();
    let (files, mut diagnostics) = load::load(root);
    progress.stage("load", files.len(), "files", timer.took());
    let timer = Timer::start();
    let (mut entries, found) = parse::parse_cached(files, &config, options.include_drafts, cache);
    progress.stage("parse", entries.len(), "entries", timer.took());
    diagnostics.extend(found);
    let timer = Timer::start();
    let history = remembered.or_else(|| {
        let history = Arc::new(reading?.join().unwrap_or_default());
        cache.remember_history(commit.as_deref()?, Arc::clone(&history));
        Some(history)
    });
    if let Some(history) = &history {
        history.apply(&mut entries);
    }
    match checkout {
        Ok(Some(checkout)) => config.set_repository_prefix(&checkout.prefix),
        Ok(None) => {}
        Err(warning) => diagnostics.push(warning),
    }
    progress.stage("history", entries.len(), "entries", timer.took());
    let theme = match theme {
        Ok(theme) => Some(theme),
        Err(found) => {
            diagnostics.extend(found);
            None
        }
    };
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let timer = Timer::start();
    let site =
        site::assemble(config, entries).inspect_err(|found| diagnostics.extend(found.clone()));
    let (Ok(site), Some(theme)) = (site, theme) else {
        return Err(diagnostics);
    };
    progress.stage("site", site.entries.len(), "entries", timer.took());
    Ok(Prepared {
        site,
        theme,
        warnings: diagnostics,
    })
}

/// Render the site's pages that `which` picks on all cores, handing each to
/// `put` as soon as it is made. Once `stop` says so, the pages left are skipped.
fn render_pages(
    renderer: &render::Renderer,
    which: &(dyn Fn(usize) -> bool + Sync),
    put: &(dyn Fn(OutputFile) + Sync),
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<(), Diagnostics> {
    let failed: Vec<diag::Diagnostic> = (0..renderer.len())
        .into_par_iter()
        .filter(|index| which(*index))
        .filter_map(|index| {
            if stop() {
                return None;
            }
            match renderer.render(index) {
                Ok(page) => {
                    put(page.into_file());
                    None
                }
                Err(diagnostic) => Some(diagnostic),
            }
        })
        .collect();
    if failed.is_empty() {
        return Ok(());
    }
    let mut diagnostics = Diagnostics::new();
    failed.into_iter().for_each(|d| diagnostics.push(d));
    Err(diagnostics)
}

/// What `check` needs of a build: its warnings and the path of every file it
/// would write but the search index's, which content does not link to. Pages
/// are rendered, so template errors are found, but not kept.
pub fn build_paths(
    root: &Path,
    options: &BuildOptions,
) -> Result<(Diagnostics, Vec<String>), Diagnostics> {
    let Prepared {
        site,
        theme,
        warnings: mut diagnostics,
    } = prepare(root, options, &Silent, &mut parse::Cache::default())?;
    let renderer = render::Renderer::new(Arc::new(site), Arc::new(theme));
    let paths = Mutex::new(
        renderer
            .static_files()
            .iter()
            .map(|file| file.path.clone())
            .collect::<Vec<_>>(),
    );
    let put = |file: OutputFile| {
        paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file.path)
    };
    if let Err(found) = render_pages(&renderer, &|_| true, &put, &|| false) {
        diagnostics.extend(found);
        return Err(diagnostics);
    }
    let mut paths = paths.into_inner().unwrap_or_else(|e| e.into_inner());
    paths.sort();
    Ok((diagnostics, paths))
}

/// The whole pipeline. `sink` is asked for once the content is known to be
/// sound, just before the first file is made.
fn build_into_lazily<'s>(
    root: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
    sink: &dyn Fn() -> Result<&'s dyn Sink, Diagnostics>,
) -> Result<Written, Diagnostics> {
    let Prepared {
        site,
        theme,
        warnings: mut diagnostics,
    } = prepare(root, options, progress, &mut parse::Cache::default())?;
    let sink = sink().inspect_err(|found| diagnostics.extend(found.clone()));
    let Ok(sink) = sink else {
        return Err(diagnostics);
    };
    let counted = Counted {
        sink,
        files: AtomicUsize::new(0),
        pages: AtomicUsize::new(0),
        failed: Mutex::new(None),
    };

    let timer = Timer::start();
    let theme = Arc::new(theme);
    let mut renderer = render::Renderer::cards_later(Arc::new(site), Arc::clone(&theme));
    for file in renderer.static_files() {
        counted.put(file.clone());
    }
    // After a failed write (a full disk, say) the rest is not worth rendering.
    let failed = || counted.has_failed();
    let put = |file| counted.put(file);
    // Entry pages first, the only ones to show the bodies' HTML. When the
    // index can find each body in its page by the theme's mark, that HTML
    // (most of the site's memory) then goes, and the cards of the list pages
    // and later the index's posting lists take its place rather than adding
    // to it.
    let mut found = Diagnostics::new();
    if let Err(failures) = render_pages(&renderer, &|i| renderer.is_entry_page(i), &put, &failed) {
        found.extend(failures);
    }
    if theme.marks_body()
        && let Some(site) = renderer.site_mut()
    {
        site.let_go_of_body_html();
    }
    renderer.make_cards();
    if let Err(failures) = render_pages(&renderer, &|i| !renderer.is_entry_page(i), &put, &failed) {
        found.extend(failures);
    }
    if !found.is_empty() {
        diagnostics.extend(found);
        return Err(diagnostics);
    }
    if let Err(found) = counted.check() {
        diagnostics.extend(found);
        return Err(diagnostics);
    }
    progress.stage("render", renderer.len(), "pages", timer.took());
    // The lists and cards the pages shared are not needed by the index.
    let site = Arc::try_unwrap(renderer.into_site())
        .unwrap_or_else(|_| unreachable!("the renderer is the site's only owner"));

    let timer = Timer::start();
    let before = counted.files.load(Ordering::Relaxed);
    // The index reads each entry page back as it needs it, rather than
    // every page's text being held from rendering on.
    let text_of = |lang: Lang, id: EntryId| {
        let bytes = sink.read(&render::entry_path(&site, lang, id)).ok()?;
        let html = String::from_utf8(bytes).ok()?;
        search::page_text(&site, lang, id, &html)
    };
    search::index_files(&site, &theme, &text_of, &|file| counted.put(file));
    if let Err(found) = counted.check() {
        diagnostics.extend(found);
        return Err(diagnostics);
    }
    let index_count = counted.files.load(Ordering::Relaxed) - before;
    progress.stage("search", index_count, "index files", timer.took());

    Ok(Written {
        site,
        pages: counted.pages.into_inner(),
        files: counted.files.into_inner(),
        warnings: diagnostics,
    })
}

/// A sink that counts what it is given and keeps the first error.
struct Counted<'s> {
    sink: &'s dyn Sink,
    files: AtomicUsize,
    pages: AtomicUsize,
    failed: Mutex<Option<std::io::Error>>,
}

impl Counted<'_> {
    fn put(&self, file: OutputFile) {
        let page = file.path.ends_with(".html");
        match self.sink.put(file) {
            Ok(()) => {
                self.files.fetch_add(1, Ordering::Relaxed);
                if page {
                    self.pages.fetch_add(1, Ordering::Relaxed);
                }
            }
            Err(error) => {
                let mut failed = self.failed.lock().unwrap_or_else(|e| e.into_inner());
                failed.get_or_insert(error);
            }
        }
    }

    fn has_failed(&self) -> bool {
        self.failed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }

    fn check(&self) -> Result<(), Diagnostics> {
        match self.failed.lock().unwrap_or_else(|e| e.into_inner()).take() {
            Some(error) => Err(diag::Diagnostic::error(
                self.sink.place(),
                format!("cannot write the site: {error}"),
            )
            .into()),
            None => Ok(()),
        }
    }
}
