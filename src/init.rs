//! `chengguo init DIR`: a new site in one command: a configuration with every
//! setting explained, one example entry of each type, a `.gitignore`, and the
//! CI recipes for GitHub and GitLab. The files are the repository's own
//! `examples/new-site/` and `examples/ci/`, built into the binary, so what
//! the README shows and what `init` writes cannot drift apart. The theme is
//! used by name (the copy built into chengguo) unless it is ejected.

use std::path::{Path, PathBuf};

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

/// Why a site could not be made; shown as it is.
#[derive(Debug)]
pub enum InitError {
    /// The folder holds something already.
    NotEmpty(PathBuf),
    /// The path is a file, not a folder.
    NotAFolder(PathBuf),
    Write(PathBuf, std::io::Error),
}

impl std::fmt::Display for InitError {
    /// English, then Chinese, on two lines: `init` runs before there is a
    /// site whose language could be asked.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InitError::NotEmpty(dir) => write!(
                f,
                "{0} is not empty; init makes a site in a new or empty folder\n{0} 不是空文件夹;init 只在新建或空的文件夹中创建站点",
                dir.display()
            ),
            InitError::NotAFolder(dir) => write!(
                f,
                "{0} is a file; name a new or empty folder\n{0} 是文件;请指定新建或空的文件夹",
                dir.display()
            ),
            InitError::Write(path, error) => write!(
                f,
                "cannot write {0}: {error}\n无法写入 {0}:{error}",
                path.display()
            ),
        }
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
        assert!(error.to_string().contains("不是空文件夹"));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
            "mine"
        );
        let file = dir.path().join("notes.txt");
        assert!(matches!(init(&file, false), Err(InitError::NotAFolder(_))));
    }
}
