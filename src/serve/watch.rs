//! Watching the site's sources with notify: the only module that uses it.
//!
//! `content/`, `themes/` and `static/` are watched recursively and the site's
//! folder itself without recursion (for `config.yaml`), so saves that replace a
//! file by renaming a temporary one, deletions and renames are all seen.
//! Events are debounced: a burst ends after a quiet spell, then one rebuild runs.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use crate::config::CONFIG_FILE;
use crate::load::CONTENT_DIR;
use crate::load::STATIC_DIR;
use crate::render::THEMES_DIR;

/// How long the sources must be quiet before a rebuild.
pub const DEBOUNCE: Duration = Duration::from_millis(60);

/// Keeps the watch alive while the server runs.
pub struct Watch {
    _watcher: Arc<Mutex<notify::RecommendedWatcher>>,
}

const FOLDERS: [&str; 3] = [CONTENT_DIR, THEMES_DIR, STATIC_DIR];

/// Watch `root`; `on_change` runs on the watcher's own thread after each burst of changes.
///
/// notify reports every changed path as an absolute path under the folder
/// watched, so `root` must be absolute (and canonical, so that a path through
/// a symlink compares equal): a relative root would match no event.
pub fn watch(root: &Path, mut on_change: impl FnMut() + Send + 'static) -> notify::Result<Watch> {
    if !root.is_absolute() {
        return Err(notify::Error::generic(&format!(
            "the watched folder {} must be an absolute path",
            root.display()
        )));
    }
    let (sender, receiver) = mpsc::channel::<PathBuf>();
    let root_for_filter = root.to_path_buf();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        let Ok(event) = result else {
            return;
        };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in event.paths {
            if is_source(&root_for_filter, &path) {
                let _ = sender.send(path);
            }
        }
    })?;
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    for folder in FOLDERS {
        let path = root.join(folder);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    let watcher = Arc::new(Mutex::new(watcher));
    let shared = Arc::clone(&watcher);
    let root = root.to_path_buf();
    std::thread::Builder::new()
        .name("chengguo-watch".into())
        .spawn(move || {
            while let Ok(first) = receiver.recv() {
                // Drain the burst: editors write, rename and touch several files per save.
                let mut changed = vec![first];
                while let Ok(path) = receiver.recv_timeout(DEBOUNCE) {
                    changed.push(path);
                }
                // A source folder created, removed or replaced (a git checkout, say)
                // is watched afresh.
                for folder in FOLDERS {
                    let path = root.join(folder);
                    if changed.contains(&path) {
                        let mut watcher = shared.lock().unwrap_or_else(|e| e.into_inner());
                        let _ = watcher.unwatch(&path);
                        if path.is_dir() {
                            let _ = watcher.watch(&path, RecursiveMode::Recursive);
                        }
                    }
                }
                on_change();
            }
        })
        .map_err(|e| notify::Error::generic(&e.to_string()))?;
    Ok(Watch { _watcher: watcher })
}

/// Whether a changed path is one the site is built from.
fn is_source(root: &Path, path: &Path) -> bool {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let mut components = relative.components();
    let Some(first) = components.next() else {
        return false;
    };
    let first = first.as_os_str();
    let in_folder = first == CONTENT_DIR || first == THEMES_DIR || first == STATIC_DIR;
    // A folder created or removed at the top (content/ itself) counts too.
    in_folder || first == CONFIG_FILE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_trigger_a_rebuild() {
        let root = Path::new("/site");
        assert!(is_source(root, Path::new("/site/content/parks/x.yaml")));
        assert!(is_source(root, Path::new("/site/config.yaml")));
        assert!(is_source(
            root,
            Path::new("/site/themes/default/templates/a.html")
        ));
        assert!(!is_source(root, Path::new("/site/public/index.html")));
        assert!(!is_source(root, Path::new("/site/README.md")));
    }
}
