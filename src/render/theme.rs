//! The theme: Tera templates, interface strings and static files, loaded and
//! compiled once per build, from the site's `themes/NAME/` folder or, for the
//! default theme when the site has no such folder, from the copy built into
//! chengguo (so a new site names the theme instead of carrying a copy of it).

use std::path::{Path, PathBuf};

use tera::Tera;

use crate::config::{Config, Lang};
use crate::diag::{Diagnostic, Diagnostics};

use super::OutputFile;
use super::i18n::{self, Strings};
use crate::load::STATIC_DIR;

pub const THEMES_DIR: &str = "themes";

const TEMPLATES: [&str; 13] = [
    "components.html",
    "base.html",
    "index.html",
    "list.html",
    "entry.html",
    "terms.html",
    "term.html",
    "404.html",
    "search.html",
    "sitemap.html",
    "open-data.html",
    "statistics.html",
    "statement.html",
];

/// Templates added after custom themes were first written: a theme folder
/// without one gets the built-in default theme's copy (which extends the
/// theme's own `base.html`), so an old theme keeps building.
const NEWER_TEMPLATES: [&str; 3] = ["open-data.html", "statistics.html", "statement.html"];

/// The theme `init` sets and chengguo carries.
pub const DEFAULT_THEME: &str = "default";

/// Every file of `themes/default`, by its path in the theme, built into the
/// binary. A test holds this list to the folder.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    (
        "templates/components.html",
        include_str!("../../themes/default/templates/components.html"),
    ),
    (
        "templates/base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "templates/index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "templates/list.html",
        include_str!("../../themes/default/templates/list.html"),
    ),
    (
        "templates/entry.html",
        include_str!("../../themes/default/templates/entry.html"),
    ),
    (
        "templates/terms.html",
        include_str!("../../themes/default/templates/terms.html"),
    ),
    (
        "templates/term.html",
        include_str!("../../themes/default/templates/term.html"),
    ),
    (
        "templates/404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "templates/search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "templates/sitemap.html",
        include_str!("../../themes/default/templates/sitemap.html"),
    ),
    (
        "templates/open-data.html",
        include_str!("../../themes/default/templates/open-data.html"),
    ),
    (
        "templates/statistics.html",
        include_str!("../../themes/default/templates/statistics.html"),
    ),
    (
        "templates/statement.html",
        include_str!("../../themes/default/templates/statement.html"),
    ),
    (
        "i18n/zh.yaml",
        include_str!("../../themes/default/i18n/zh.yaml"),
    ),
    (
        "i18n/en.yaml",
        include_str!("../../themes/default/i18n/en.yaml"),
    ),
    (
        "static/style.css",
        include_str!("../../themes/default/static/style.css"),
    ),
    (
        "static/search.css",
        include_str!("../../themes/default/static/search.css"),
    ),
    (
        "static/reading.js",
        include_str!("../../themes/default/static/reading.js"),
    ),
    (
        "static/search.js",
        include_str!("../../themes/default/static/search.js"),
    ),
    (
        "static/icon.svg",
        include_str!("../../themes/default/static/icon.svg"),
    ),
    (
        "static/data.css",
        include_str!("../../themes/default/static/data.css"),
    ),
    (
        "static/search-forgive.js",
        include_str!("../../themes/default/static/search-forgive.js"),
    ),
    (
        "static/search-ranges.js",
        include_str!("../../themes/default/static/search-ranges.js"),
    ),
];

/// Whether the site at `root` uses the built-in copy of `theme`: it is the
/// default theme and the site has no folder of that name.
pub fn uses_builtin(root: &Path, theme: &str) -> bool {
    theme == DEFAULT_THEME && !root.join(THEMES_DIR).join(theme).is_dir()
}

/// Whether the built-in default theme has the static file `site_path`.
pub fn builtin_static_has(site_path: &str) -> bool {
    BUILTIN_FILES
        .iter()
        .any(|(path, _)| path.strip_prefix("static/") == Some(site_path))
}

/// Where a theme's files are read from.
enum Source<'a> {
    Folder(&'a Path),
    Builtin,
}

impl Source<'_> {
    /// The file at `relative` (`templates/base.html`) in the theme.
    fn read(&self, relative: &str) -> std::io::Result<Vec<u8>> {
        match self {
            Source::Folder(dir) => std::fs::read(dir.join(relative)),
            Source::Builtin => BUILTIN_FILES
                .iter()
                .find(|(path, _)| *path == relative)
                .map(|(_, text)| text.as_bytes().to_vec())
                .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound)),
        }
    }
}

/// The compiled templates, interface strings and static files of a theme.
pub struct Theme {
    pub(super) tera: Tera,
    strings: [Strings; 2],
    pub(super) static_files: Vec<OutputFile>,
    /// Whether a template marks the entry body for the index
    /// ([`super::BODY_MARK`]).
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
    let source = if uses_builtin(root, &config.theme) {
        Source::Builtin
    } else {
        Source::Folder(&theme_dir)
    };
    if matches!(source, Source::Folder(_)) && !theme_dir.is_dir() {
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
    let templates = read_templates(&source, &theme_dir, &shown, &mut diagnostics);
    let marks_body = templates
        .sources
        .iter()
        .any(|(_, text)| text.contains(super::BODY_MARK));
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    if diagnostics.is_empty()
        && let Err(error) =
            tera.add_raw_templates(templates.sources.iter().map(|(n, t)| (*n, t.as_str())))
    {
        diagnostics.push(Diagnostic::error(
            shown(&theme_dir.join("templates")),
            format!("template error: {error}"),
        ));
    }
    let strings = match i18n::load(root, &theme_dir, &|relative| source.read(relative)) {
        Ok(strings) if templates.borrowed => Some(with_builtin_strings(root, &theme_dir, strings)),
        Ok(strings) => Some(strings),
        Err(found) => {
            diagnostics.extend(found);
            None
        }
    };
    let mut warnings = Diagnostics::new();
    let static_files = static_files(
        root,
        config,
        (&source, &theme_dir),
        templates.borrowed,
        &shown,
        (&mut diagnostics, &mut warnings),
    );
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

/// A theme's template texts, by name.
struct Templates {
    sources: Vec<(&'static str, String)>,
    /// Whether a template newer than the theme was taken from the built-in one.
    borrowed: bool,
}

/// Read every template of the theme, borrowing from the built-in theme
/// each of [`NEWER_TEMPLATES`] that an older theme lacks.
fn read_templates(
    source: &Source,
    theme_dir: &Path,
    shown: &dyn Fn(&Path) -> std::path::PathBuf,
    diagnostics: &mut Diagnostics,
) -> Templates {
    let mut templates = Templates {
        sources: Vec::new(),
        borrowed: false,
    };
    for name in TEMPLATES {
        let relative = format!("templates/{name}");
        let text = match source.read(&relative) {
            Err(error)
                if NEWER_TEMPLATES.contains(&name)
                    && error.kind() == std::io::ErrorKind::NotFound =>
            {
                templates.borrowed = true;
                Source::Builtin.read(&relative)
            }
            read => read,
        }
        .and_then(|bytes| String::from_utf8(bytes).map_err(std::io::Error::other));
        match text {
            Ok(text) => templates.sources.push((name, text)),
            Err(error) => diagnostics.push(Diagnostic::error(
                shown(&theme_dir.join("templates").join(name)),
                format!("cannot read the template: {error}"),
            )),
        }
    }
    templates
}

/// The files copied to the output as they are: the site's own static files
/// override the theme's of the same path, and both the headers file made
/// from the configuration.
fn static_files(
    root: &Path,
    config: &Config,
    (source, theme_dir): (&Source, &Path),
    borrowed: bool,
    shown: &dyn Fn(&Path) -> std::path::PathBuf,
    (diagnostics, warnings): (&mut Diagnostics, &mut Diagnostics),
) -> Vec<OutputFile> {
    let mut by_path = std::collections::BTreeMap::new();
    let headers = super::headers::headers_file(config);
    by_path.insert(headers.path.clone(), headers);
    if matches!(source, Source::Builtin) {
        by_path.extend(BUILTIN_FILES.iter().filter_map(|(path, text)| {
            let path = path.strip_prefix("static/")?.to_string();
            let file = OutputFile {
                path: path.clone(),
                bytes: text.as_bytes().to_vec(),
            };
            Some((path, file))
        }));
    }
    for folder in [theme_dir.join("static"), root.join(STATIC_DIR)] {
        match collect_files(&folder, &mut |link| {
            warnings.push(crate::load::symlink_skipped(&shown(link)))
        }) {
            Ok(files) => by_path.extend(files.into_iter().map(|f| (f.path.clone(), f))),
            Err(diagnostic) => diagnostics.push(diagnostic.with_path(shown(&folder))),
        }
    }
    if borrowed && !by_path.contains_key(BORROWED_STYLE) {
        let style = Source::Builtin
            .read(&format!("static/{BORROWED_STYLE}"))
            .expect("the built-in theme has its data pages' style");
        by_path.insert(
            BORROWED_STYLE.to_string(),
            OutputFile {
                path: BORROWED_STYLE.into(),
                bytes: style,
            },
        );
    }
    by_path.into_values().collect()
}

/// The style sheet the built-in [`NEWER_TEMPLATES`] link to.
const BORROWED_STYLE: &str = "data.css";

/// A theme's strings with the built-in theme's added for every key it
/// lacks: the built-in templates it borrows use keys an old theme has not.
fn with_builtin_strings(root: &Path, theme_dir: &Path, mut strings: [Strings; 2]) -> [Strings; 2] {
    if let Ok(builtin) = i18n::load(root, theme_dir, &|relative| Source::Builtin.read(relative)) {
        for (own, builtin) in strings.iter_mut().zip(builtin) {
            for (key, text) in builtin {
                own.entry(key).or_insert(text);
            }
        }
    }
    strings
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_theme_is_the_default_themes_folder_file_for_file() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&folder)
            .into_iter()
            .map(|item| item.unwrap())
            .filter(|item| item.file_type().is_file())
            .map(|item| {
                let relative = item.path().strip_prefix(&folder).unwrap();
                relative.to_string_lossy().replace('\\', "/")
            })
            .collect();
        on_disk.sort();
        let mut built_in: Vec<String> = BUILTIN_FILES.iter().map(|(p, _)| p.to_string()).collect();
        built_in.sort();
        assert_eq!(built_in, on_disk, "list every theme file in BUILTIN_FILES");
        for (path, text) in BUILTIN_FILES {
            assert_eq!(std::fs::read_to_string(folder.join(path)).unwrap(), *text);
        }
        assert!(
            TEMPLATES
                .iter()
                .all(|t| Source::Builtin.read(&format!("templates/{t}")).is_ok())
        );
    }
}
