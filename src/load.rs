//! Content discovery: `content/` → source files, read but not parsed.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{Lang, Limits};
use crate::diag::{Diagnostic, Diagnostics};
use crate::entry::{EntryType, is_valid_slug};

pub const CONTENT_DIR: &str = "content";
/// Files the site itself adds (images named by `cover`, say), copied as they are.
pub const STATIC_DIR: &str = "static";

/// How an entry file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Form {
    /// `slug.zh.md` / `slug.en.md`: front matter and Markdown in one language.
    Markdown(Lang),
    /// `slug.yaml`: both languages in one file.
    Yaml,
}

impl Form {
    /// The form a file name says, and its stem: `slug.yaml` (or `.yml`),
    /// `slug.zh.md`, `slug.en.md`. `None` for any other name.
    pub fn of_name(name: &str) -> Option<(&str, Form)> {
        if let Some(stem) = name
            .strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
        {
            return Some((stem, Form::Yaml));
        }
        let (stem, lang) = name.strip_suffix(".md")?.rsplit_once('.')?;
        Some((stem, Form::Markdown(Lang::from_code(lang)?)))
    }
}

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root, e.g. `content/parks/x.yaml`; this is what diagnostics print.
    pub path: PathBuf,
    pub entry_type: EntryType,
    pub slug: String,
    pub form: Form,
    pub bytes: Vec<u8>,
}

/// Find and read every entry file. Files with names that cannot be entries are errors;
/// hidden files and files that are not Markdown or YAML are left alone. A file
/// larger than `limits.file_size` is an error and is not read.
pub fn load(root: &Path, limits: &Limits) -> (Vec<SourceFile>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    if is_symlink(&root.join(CONTENT_DIR)) {
        diagnostics.push(symlink_skipped(Path::new(CONTENT_DIR)));
        return (Vec::new(), diagnostics);
    }
    let found = find(root, &mut diagnostics);
    let read: Vec<Result<SourceFile, Diagnostic>> = found
        .into_par_iter()
        .map(|found| read(root, found, limits))
        .collect();
    let mut files = Vec::with_capacity(read.len());
    for result in read {
        match result {
            Ok(file) => files.push(file),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    (files, diagnostics)
}

/// An entry file found but not yet read.
type Found = (PathBuf, EntryType, String, Form);

/// Every entry file in the content folders, in the order of their names.
fn find(root: &Path, diagnostics: &mut Diagnostics) -> Vec<Found> {
    let mut found = Vec::new();
    for entry_type in EntryType::ALL {
        let folder = Path::new(CONTENT_DIR).join(entry_type.folder());
        if is_symlink(&root.join(&folder)) {
            diagnostics.push(symlink_skipped(&folder));
            continue;
        }
        if !root.join(&folder).is_dir() {
            continue;
        }
        let walker = walkdir::WalkDir::new(root.join(&folder))
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for item in walker {
            let item = match item {
                Ok(item) => item,
                Err(error) => {
                    let path = error
                        .path()
                        .map(|p| relative(root, p))
                        .unwrap_or_else(|| folder.clone());
                    diagnostics.push(Diagnostic::error(path, format!("cannot read: {error}")));
                    continue;
                }
            };
            if item.path_is_symlink() {
                diagnostics.push(symlink_skipped(&relative(root, item.path())));
                continue;
            }
            if !item.file_type().is_file() {
                continue;
            }
            let path = relative(root, item.path());
            match classify(&path) {
                Classified::Entry(slug, form) => found.push((path, entry_type, slug, form)),
                Classified::Ignored => {}
                Classified::Bad(message) => diagnostics.push(Diagnostic::error(&path, message)),
            }
        }
    }
    found
}

/// Read one entry file, unless it is larger than the limit.
fn read(
    root: &Path,
    (path, entry_type, slug, form): Found,
    limits: &Limits,
) -> Result<SourceFile, Diagnostic> {
    match read_limited(&root.join(&path), limits.file_size) {
        Ok(Some(bytes)) => Ok(SourceFile {
            path,
            entry_type,
            slug,
            form,
            bytes,
        }),
        Ok(None) => Err(Diagnostic::error(
            &path,
            format!(
                "the file is larger than {}, the limit for one entry file",
                show_size(limits.file_size)
            ),
        )
        .help("split it, or raise limits.file_size in config.yaml")),
        Err(error) => Err(Diagnostic::error(&path, format!("cannot read: {error}"))),
    }
}

/// Whether the build copies `folder/site_path` into the site: a regular file
/// reached without `..` and without a symbolic link on the way, which the
/// build skips (see [`symlink_skipped`]).
pub fn is_copied_file(folder: &Path, site_path: &str) -> bool {
    let mut path = folder.to_path_buf();
    if is_symlink(&path) {
        return false;
    }
    for part in site_path.split('/').filter(|part| !part.is_empty()) {
        if part == ".." || part == "." {
            return false;
        }
        path.push(part);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => return false,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
    path.is_file()
}

/// Symbolic links in `content/` and `static/` are never followed: one could
/// lead out of the site (to `/etc`, to another checkout), or in a loop, and a
/// reviewer of a pull request sees only the link. Each is reported instead.
pub fn symlink_skipped(path: &Path) -> Diagnostic {
    Diagnostic::warning(
        path,
        "this is a symbolic link and was skipped: chengguo does not follow links",
    )
    .help("copy the file or folder into the site instead of linking to it")
}

pub fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// The file's bytes, or `None` if it holds more than `limit`. Read through a
/// bounded reader, so a file that grows (or a device) cannot make it read more.
fn read_limited(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let expected = file.metadata().map(|m| m.len()).unwrap_or(0);
    if expected > limit {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(expected as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// A size as config.yaml writes it: `10 MB`, `512 KB` or `2000 bytes`.
pub fn show_size(bytes: u64) -> String {
    const KILOBYTE: u64 = 1024;
    const MEGABYTE: u64 = 1024 * 1024;
    if bytes.is_multiple_of(MEGABYTE) {
        format!("{} MB", bytes / MEGABYTE)
    } else if bytes.is_multiple_of(KILOBYTE) {
        format!("{} KB", bytes / KILOBYTE)
    } else {
        format!("{bytes} bytes")
    }
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

enum Classified {
    Entry(String, Form),
    Ignored,
    Bad(String),
}

fn classify(path: &Path) -> Classified {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Classified::Bad(
            "the file name is not UTF-8; name entries slug.zh.md, slug.en.md or slug.yaml".into(),
        );
    };
    let (stem, form) = match (Form::of_name(name), name.strip_suffix(".md")) {
        (Some(found), _) => found,
        (None, Some(rest)) => {
            return Classified::Bad(format!(
                "\"{name}\" does not say its language; name it {rest}.zh.md or {rest}.en.md"
            ));
        }
        (None, None) => return Classified::Ignored,
    };
    if is_valid_slug(stem) {
        Classified::Entry(stem.to_string(), form)
    } else {
        Classified::Bad(format!(
            "\"{stem}\" is not a valid slug: use lowercase ASCII letters, digits and hyphens (e.g. nano-displacement-measurement)"
        ))
    }
}
