//! Content discovery: `content/` → source files, read but not parsed.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Lang;
use crate::diag::{Diagnostic, Diagnostics};
use crate::entry::{EntryType, is_valid_slug};

pub const CONTENT_DIR: &str = "content";

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
/// hidden files and files that are not Markdown or YAML are left alone.
pub fn load(root: &Path) -> (Vec<SourceFile>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let mut found = Vec::new();
    for entry_type in EntryType::ALL {
        let folder = Path::new(CONTENT_DIR).join(entry_type.folder());
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
    let read: Vec<Result<SourceFile, Diagnostic>> = found
        .into_par_iter()
        .map(
            |(path, entry_type, slug, form)| match std::fs::read(root.join(&path)) {
                Ok(bytes) => Ok(SourceFile {
                    path,
                    entry_type,
                    slug,
                    form,
                    bytes,
                }),
                Err(error) => Err(Diagnostic::error(&path, format!("cannot read: {error}"))),
            },
        )
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
