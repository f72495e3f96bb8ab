//! `chengguo init DIR`: a new site in one command: a configuration with every
//! setting explained, one example entry of each type, a `.gitignore`, and the
//! CI recipes for GitHub and GitLab. The files are the repository's own
//! `examples/new-site/` and `examples/ci/`, built into the binary, so what
//! the README shows and what `init` writes cannot drift apart. The theme is
//! used by name (the copy built into chengguo) unless it is ejected.

use std::path::{Path, PathBuf};

use crate::diag::messages::Message;
use crate::lang::Lang;
use crate::render::{BUILTIN_FILES, DEFAULT_THEME, THEMES_DIR};

/// The GitHub Actions workflow, as `init` writes it and `examples/ci/` keeps it.
pub const GITHUB_WORKFLOW: (&str, &str) = (
    ".github/workflows/chengguo.yml",
    include_str!("../examples/ci/github/chengguo.yml"),
);

/// The GitLab CI configuration, as `init` writes it and `examples/ci/` keeps it.
pub const GITLAB_CI: (&str, &str) = (
    ".gitlab-ci.yml",
    include_str!("../examples/ci/gitlab/.gitlab-ci.yml"),
);

/// The files of `examples/new-site/`, by their path in the new site. A test
/// holds this list to the folder.
pub const SITE_FILES: &[(&str, &str)] = &[
    (
        "config.yaml",
        include_str!("../examples/new-site/config.yaml"),
    ),
    (
        ".gitignore",
        include_str!("../examples/new-site/.gitignore"),
    ),
    (
        "content/achievements/example-achievement.zh.md",
        include_str!("../examples/new-site/content/achievements/example-achievement.zh.md"),
    ),
    (
        "content/achievements/example-achievement.en.md",
        include_str!("../examples/new-site/content/achievements/example-achievement.en.md"),
    ),
    (
        "content/parks/example-park.yaml",
        include_str!("../examples/new-site/content/parks/example-park.yaml"),
    ),
    (
        "content/policies/example-policy.yaml",
        include_str!("../examples/new-site/content/policies/example-policy.yaml"),
    ),
];

/// Why a site could not be made; in the catalogue's English, which the
/// command prints in the language `init` speaks ([`language_from_locale`]).
#[derive(Debug)]
pub enum InitError {
    /// The folder holds something already.
    NotEmpty(PathBuf),
    /// The path is a file, not a folder.
    NotAFolder(PathBuf),
    Write(PathBuf, std::io::Error),
}

impl std::fmt::Display for InitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            InitError::NotEmpty(dir) => {
                Message::InitNotEmpty.english(&[&dir.display().to_string()])
            }
            InitError::NotAFolder(dir) => {
                Message::InitNotAFolder.english(&[&dir.display().to_string()])
            }
            InitError::Write(path, error) => {
                Message::CannotWriteFile.english(&[&path.display().to_string(), &error.to_string()])
            }
        };
        f.write_str(&text)
    }
}

/// The language `init` speaks when `--lang` does not say: there is no site
/// yet to ask, so the user's locale, read as the C library does (`LC_ALL`,
/// then `LC_MESSAGES`, then `LANG`; the first one set decides). `zh_CN.UTF-8`
/// and the like mean Chinese, any other named locale English; none, `C` or
/// `POSIX` (a bare container, a CI runner) tell nothing, and `init` then
/// speaks both languages.
pub fn language_from_locale(var: impl Fn(&str) -> Option<String>) -> Option<Lang> {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| var(name))
        .find(|value| !value.is_empty())?;
    let name = locale.split(['.', '@']).next().unwrap_or_default();
    if name.starts_with("zh") {
        Some(Lang::Zh)
    } else if name.is_empty() || name == "C" || name == "POSIX" {
        None
    } else {
        Some(Lang::En)
    }
}

/// Every file `init` writes, by its path in the new site; with
/// `eject_theme`, the default theme's files under `themes/default/` too.
pub fn files(eject_theme: bool) -> Vec<(String, &'static str)> {
    let mut files: Vec<(String, &'static str)> = SITE_FILES
        .iter()
        .chain([&GITHUB_WORKFLOW, &GITLAB_CI])
        .map(|(path, text)| (path.to_string(), *text))
        .collect();
    if eject_theme {
        files.extend(
            BUILTIN_FILES
                .iter()
                .map(|(path, text)| (format!("{THEMES_DIR}/{DEFAULT_THEME}/{path}"), *text)),
        );
    }
    files
}

/// Make a new site in `dir`, which must not exist or be empty. Returns the
/// paths written, relative to `dir`.
pub fn init(dir: &Path, eject_theme: bool) -> Result<Vec<PathBuf>, InitError> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(InitError::NotEmpty(dir.to_path_buf()));
            }
        }
        Err(_) if dir.exists() => return Err(InitError::NotAFolder(dir.to_path_buf())),
        Err(_) => {}
    }
    let mut written = Vec::new();
    for (path, text) in files(eject_theme) {
        let target = dir.join(&path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| InitError::Write(parent.into(), e))?;
        }
        // create_new: never overwrite a file that appeared in the meantime.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
            .and_then(|mut file| std::io::Write::write_all(&mut file, text.as_bytes()))
            .map_err(|e| InitError::Write(target.clone(), e))?;
        written.push(PathBuf::from(path));
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_decides_the_language_init_speaks() {
        let locale = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            language_from_locale(locale(&[("LANG", "zh_CN.UTF-8")])),
            Some(Lang::Zh)
        );
        assert_eq!(
            language_from_locale(locale(&[("LANG", "en_GB.UTF-8")])),
            Some(Lang::En)
        );
        assert_eq!(
            language_from_locale(locale(&[("LANG", "zh_TW")])),
            Some(Lang::Zh)
        );
        // LC_ALL stands above LANG; an empty one is not set.
        let both = &[("LC_ALL", "de_DE.UTF-8"), ("LANG", "zh_CN.UTF-8")];
        assert_eq!(language_from_locale(locale(both)), Some(Lang::En));
        let empty = &[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")];
        assert_eq!(language_from_locale(locale(empty)), Some(Lang::Zh));
        for silent in [&[][..], &[("LANG", "C.UTF-8")], &[("LANG", "POSIX")]] {
            assert_eq!(language_from_locale(locale(silent)), None, "{silent:?}");
        }
    }

    #[test]
    fn site_files_are_the_example_sites_folder_file_for_file() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/new-site");
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
        let mut listed: Vec<&str> = SITE_FILES.iter().map(|(path, _)| *path).collect();
        listed.sort();
        assert_eq!(listed, on_disk, "list every file in SITE_FILES");
    }

    #[test]
    fn refuses_a_folder_that_holds_something() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let error = init(dir.path(), false).unwrap_err();
        assert!(matches!(error, InitError::NotEmpty(_)));
        let chinese = crate::diag::messages::message(&error.to_string(), Lang::Zh);
        assert!(chinese.contains("不是空文件夹"), "{chinese}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
            "mine"
        );
        let file = dir.path().join("notes.txt");
        assert!(matches!(init(&file, false), Err(InitError::NotAFolder(_))));
    }
}
