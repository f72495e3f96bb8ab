//! The site `serve` shows: pages rendered when a browser asks for them.
//!
//! A rebuild parses only the files that changed ([`crate::parse::Cache`]),
//! assembles the site and works out its pages, but renders none: a saved edit
//! reaches the browser after one page's rendering, not the whole site's. The
//! search index needs every entry page's text, so it is built once per
//! rebuild on a background thread, and a request for one of its files waits
//! for it. Pages and index come from the same [`Renderer`] and search code as
//! a full build, so their bytes are the same.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};

use crate::render::Renderer;
use crate::search::{self, INDEX_DIR};

/// A file's bytes, shared with the requests that send them.
pub(super) type Bytes = Arc<Vec<u8>>;

pub(super) struct Served {
    renderer: Renderer,
    /// Output path → page number in `renderer`.
    pages: HashMap<String, usize>,
    statics: HashMap<String, Bytes>,
    /// Pages rendered so far.
    rendered: Mutex<HashMap<usize, Bytes>>,
    /// The search index files by path, once built; an error if a page
    /// failed to render.
    index: OnceLock<Result<HashMap<String, Bytes>, String>>,
    /// The stop flag of the latest index build: set when a newer build
    /// replaces this one and its index is not wanted. Each attempt has its
    /// own, so a restarted attempt never revives an abandoned one.
    attempt: Mutex<Arc<AtomicBool>>,
    /// Wakes requests waiting for the index when it is built or abandoned.
    index_changed: (Mutex<()>, Condvar),
}

/// What a path of the site holds.
pub(super) enum Found {
    File(Bytes),
    /// The page exists but its template failed; the message says why.
    Failed(String),
    Missing,
}

/// Whether `path` lies in the search index's folder.
fn is_index_path(path: &str) -> bool {
    path.strip_prefix(INDEX_DIR)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// The pool the search index is built in: one thread, beside the main pool.
fn background_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .thread_name(|_| "chengguo-index-pool".into())
            .build()
            .ok()
    })
    .as_ref()
}

impl Served {
    pub(super) fn new(renderer: Renderer) -> Arc<Served> {
        let pages = (0..renderer.len())
            .map(|index| (renderer.path(index), index))
            .collect();
        let statics = renderer
            .static_files()
            .iter()
            .map(|file| (file.path.clone(), Arc::new(file.bytes.clone())))
            .collect();
        Arc::new(Served {
            renderer,
            pages,
            statics,
            rendered: Mutex::new(HashMap::new()),
            index: OnceLock::new(),
            attempt: Mutex::new(Arc::new(AtomicBool::new(false))),
            index_changed: (Mutex::new(()), Condvar::new()),
        })
    }

    pub(super) fn entries(&self) -> usize {
        self.renderer.site().entries.len()
    }

    /// The static files (stylesheets, scripts), whose change reloads pages in full.
    pub(super) fn statics(&self) -> &HashMap<String, Bytes> {
        &self.statics
    }

    /// Build the search index on a thread of its own, in a thread pool of
    /// its own, so that it never holds up a rebuild's work on the main pool.
    pub(super) fn index_in_background(self: &Arc<Self>) {
        let stop = Arc::new(AtomicBool::new(false));
        *self.attempt.lock().unwrap_or_else(|e| e.into_inner()) = Arc::clone(&stop);
        let served = Arc::clone(self);
        let spawned = std::thread::Builder::new()
            .name("chengguo-index".into())
            .spawn(move || match background_pool() {
                Some(pool) => pool.install(|| served.build_index(&stop)),
                None => served.build_index(&stop),
            });
        if spawned.is_err() {
            let _ = self
                .index
                .set(Err("cannot start a thread for the search index".into()));
            self.wake_waiters();
        }
    }

    /// Whether the search index is built (or failed to build).
    pub(super) fn is_indexed(&self) -> bool {
        self.index.get().is_some()
    }

    /// Whether the latest index build was abandoned for a newer build.
    fn is_superseded(&self) -> bool {
        self.attempt
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .load(Ordering::Relaxed)
    }

    /// Build the search index, unless `stop` is set on the way (a newer build
    /// supersedes this one): then nothing is kept, and
    /// [`Served::index_in_background`] can start again if this build turns
    /// out to stay. A panic becomes an error for the waiting requests.
    fn build_index(&self, stop: &AtomicBool) {
        let stopped = || stop.load(Ordering::Relaxed);
        let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            // Each entry page is rendered as the index needs its text.
            let failed = Mutex::new(None);
            let text_of = |lang, id| {
                if stopped() {
                    return None;
                }
                match self.renderer.render_entry(lang, id) {
                    Ok(html) => search::page_text(self.renderer.site(), lang, id, &html),
                    Err(diagnostic) => {
                        failed
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .get_or_insert(diagnostic.to_string());
                        None
                    }
                }
            };
            let files = Mutex::new(HashMap::new());
            search::index_files(
                self.renderer.site(),
                self.renderer.theme(),
                &text_of,
                &|file| {
                    let mut files = files.lock().unwrap_or_else(|e| e.into_inner());
                    files.insert(file.path, Arc::new(file.bytes));
                },
            );
            // Entries skipped after a stop would be missing from the index.
            if stopped() {
                return None;
            }
            if let Some(message) = failed.into_inner().unwrap_or_else(|e| e.into_inner()) {
                return Some(Err(message));
            }
            Some(Ok(files.into_inner().unwrap_or_else(|e| e.into_inner())))
        }))
        .unwrap_or_else(|_| {
            Some(Err(
                "building the search index failed (a bug in chengguo)".into()
            ))
        });
        if let Some(files) = built {
            let _ = self.index.set(files);
        }
        self.wake_waiters();
    }

    fn wake_waiters(&self) {
        let _guard = self
            .index_changed
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        self.index_changed.1.notify_all();
    }

    /// The search index once built; `None` if this build was superseded
    /// before its index was done (the page is about to reload anyway).
    fn wait_for_index(&self) -> Option<&Result<HashMap<String, Bytes>, String>> {
        let mut guard = self
            .index_changed
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(index) = self.index.get() {
                return Some(index);
            }
            if self.is_superseded() {
                return None;
            }
            // The timeout only guards against a wake-up missed between the
            // checks above and the wait.
            guard = self
                .index_changed
                .1
                .wait_timeout(guard, std::time::Duration::from_millis(200))
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// A newer build is on its way: stop indexing this one.
    pub(super) fn supersede(&self) {
        self.attempt
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .store(true, Ordering::Relaxed);
        self.wake_waiters();
    }

    /// The file at `path` (below the base path), rendering it if it is a page
    /// not yet rendered and waiting for the search index if it is part of it.
    pub(super) fn get(&self, path: &str) -> Found {
        if let Some(bytes) = self.statics.get(path) {
            return Found::File(Arc::clone(bytes));
        }
        if let Some(&index) = self.pages.get(path) {
            if let Some(bytes) = self.lock().get(&index) {
                return Found::File(Arc::clone(bytes));
            }
            return match self.renderer.render(index) {
                Ok(page) => {
                    let bytes = Arc::new(page.html.into_bytes());
                    self.lock().insert(index, Arc::clone(&bytes));
                    Found::File(bytes)
                }
                Err(diagnostic) => Found::Failed(diagnostic.to_string()),
            };
        }
        if is_index_path(path) {
            return match self.wait_for_index() {
                Some(Ok(files)) => files
                    .get(path)
                    .map_or(Found::Missing, |bytes| Found::File(Arc::clone(bytes))),
                Some(Err(message)) => Found::Failed(message.clone()),
                None => Found::Failed(
                    "网站已更改，请重新加载 / The site changed while its search index was being built; reload the page.".into(),
                ),
            };
        }
        Found::Missing
    }

    /// Whether the site has a file at `path`, without making it.
    pub(super) fn has(&self, path: &str) -> bool {
        self.statics.contains_key(path)
            || self.pages.contains_key(path)
            || (is_index_path(path)
                && matches!(self.wait_for_index(), Some(Ok(files)) if files.contains_key(path)))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<usize, Bytes>> {
        self.rendered.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every path the site has, sorted (the search index is waited for).
    #[cfg(test)]
    pub(super) fn paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = self
            .statics
            .keys()
            .chain(self.pages.keys())
            .cloned()
            .collect();
        if let Some(Ok(files)) = self.wait_for_index() {
            paths.extend(files.keys().cloned());
        }
        paths.sort();
        paths
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::progress::Silent;
    use crate::{BuildOptions, parse};

    fn served(root: &Path, cache: &mut parse::Cache) -> Arc<Served> {
        let prepared = crate::assemble(root, &BuildOptions::default(), &Silent, cache)
            .expect("the site builds");
        let served = Served::new(Renderer::new(Arc::new(prepared.site), prepared.theme));
        served.index_in_background();
        served
    }

    /// Every file `serve` has, in path order, against a full build's.
    fn assert_same_as_a_full_build(root: &Path, served: &Served) {
        let built = crate::build(
            root,
            &BuildOptions::default(),
            crate::Output::Memory,
            &Silent,
        )
        .expect("the site builds");
        let paths: Vec<String> = built.files.iter().map(|f| f.path.clone()).collect();
        assert_eq!(served.paths(), paths);
        for file in &built.files {
            match served.get(&file.path) {
                Found::File(bytes) => assert!(*bytes == file.bytes, "{} differs", file.path),
                _ => panic!("{} is missing", file.path),
            }
        }
    }

    fn copy_site(to: &Path) {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"));
        for folder in ["content", "themes"] {
            for item in walkdir::WalkDir::new(from.join(folder)) {
                let item = item.unwrap();
                let target = to.join(item.path().strip_prefix(from).unwrap());
                if item.file_type().is_dir() {
                    std::fs::create_dir_all(&target).unwrap();
                } else {
                    std::fs::copy(item.path(), &target).unwrap();
                }
            }
        }
        std::fs::copy(from.join("config.yaml"), to.join("config.yaml")).unwrap();
    }

    #[test]
    fn pages_rendered_on_request_are_the_pages_of_a_full_build() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let served = served(root, &mut parse::Cache::keeping());
        assert_same_as_a_full_build(root, &served);
    }

    #[test]
    fn a_request_for_the_index_of_a_superseded_build_does_not_wait_forever() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let prepared = crate::assemble(
            root,
            &BuildOptions::default(),
            &Silent,
            &mut parse::Cache::default(),
        )
        .unwrap();
        let served = Served::new(Renderer::new(Arc::new(prepared.site), prepared.theme));
        // No index build was started; a newer build arrives while a request waits.
        let waiting = {
            let served = Arc::clone(&served);
            std::thread::spawn(move || served.get("search-index/zh/manifest.json"))
        };
        std::thread::sleep(std::time::Duration::from_millis(50));
        served.supersede();
        assert!(matches!(waiting.join().unwrap(), Found::Failed(_)));
        assert!(matches!(served.get("index.html"), Found::File(_)));
    }

    #[test]
    fn a_rebuild_that_reuses_parsed_files_equals_a_fresh_build() {
        let dir = tempfile::tempdir().unwrap();
        copy_site(dir.path());
        let mut cache = parse::Cache::keeping();
        served(dir.path(), &mut cache);
        // Edit one entry's title: its page, the lists and the index change.
        let folder = dir.path().join("content/achievements");
        let mut names: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        names.sort();
        let edited = &names[0];
        let text = std::fs::read_to_string(edited).unwrap();
        let changed = text.replacen("title: {zh: ", "title: {zh: 改", 1);
        assert_ne!(text, changed);
        std::fs::write(edited, changed).unwrap();
        let served = served(dir.path(), &mut cache);
        assert_same_as_a_full_build(dir.path(), &served);
    }
}
