//! The theme: Tera templates, interface strings and static files, loaded and
//! compiled once per build.

use std::path::{Path, PathBuf};

use tera::Tera;

use crate::config::{Config, Lang};
use crate::diag::{Diagnostic, Diagnostics};

use super::OutputFile;
use super::i18n::{self, Strings};

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
    pub(super) tera: Tera,
    strings: [Strings; 2],
    pub(super) static_files: Vec<OutputFile>,
    /// Whether a template marks the entry body for the index
    /// ([`crate::search::BODY_MARK`]).
    marks_body: bool,
    /// Symbolic links skipped in the static folders.
    pub warnings: Diagnostics,
}

impl Theme {
    /// Whether the index can find an entry's body in its page by the mark,
    /// rather than by the body's own text.
    pub fn marks_body(&self) -> bool {
        self.marks_body
    }

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
    let marks_body = sources
        .iter()
        .any(|(_, text)| text.contains(crate::search::BODY_MARK));
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
    // The site's own static files override the theme's of the same path.
    let mut by_path = std::collections::BTreeMap::new();
    let mut warnings = Diagnostics::new();
    for folder in [theme_dir.join("static"), root.join(STATIC_DIR)] {
        match collect_files(&folder, &mut |link| {
            warnings.push(crate::load::symlink_skipped(&shown(link)))
        }) {
            Ok(files) => by_path.extend(files.into_iter().map(|f| (f.path.clone(), f))),
            Err(diagnostic) => diagnostics.push(diagnostic.with_path(shown(&folder))),
        }
    }
    let static_files: Vec<OutputFile> = by_path.into_values().collect();
    match strings {
        Some(strings) if !diagnostics.has_errors() => Ok(Theme {
            tera,
            strings,
            static_files,
            marks_body,
            warnings,
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

/// The files under `folder`; symbolic links are not followed but handed to `skipped`.
fn collect_files(
    folder: &Path,
    skipped: &mut dyn FnMut(&Path),
) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut files = Vec::new();
    if crate::load::is_symlink(folder) {
        skipped(folder);
        return Ok(files);
    }
    if !folder.is_dir() {
        return Ok(files);
    }
    for item in walkdir::WalkDir::new(folder).sort_by_file_name() {
        let item = item.map_err(|e| Diagnostic::error(folder, format!("cannot read: {e}")))?;
        if item.path_is_symlink() {
            skipped(item.path());
            continue;
        }
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
