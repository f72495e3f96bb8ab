//! Fixture sites for end-to-end tests: a fixture folder copied with the default
//! theme into a temporary root, changed file by file, then built in memory.
#![allow(
    dead_code,
    reason = "each test binary uses a different part of the support code"
)]

use std::fs;
use std::path::{Path, PathBuf};

use chengguo::progress::Silent;
use chengguo::{BuildOptions, Built, Output};

pub struct Fixture {
    dir: tempfile::TempDir,
}

/// Copy a folder's tree into another.
pub fn copy_tree(from: &Path, to: &Path) {
    for item in walkdir::WalkDir::new(from) {
        let item = item.unwrap();
        let target = to.join(item.path().strip_prefix(from).unwrap());
        if item.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(item.path(), &target).unwrap();
        }
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl Fixture {
    /// `tests/fixtures/NAME` with `themes/default` beside it.
    pub fn new(name: &str) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&repo().join("tests/fixtures").join(name), dir.path());
        copy_tree(
            &repo().join("themes/default"),
            &dir.path().join("themes/default"),
        );
        Fixture { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, path: &str, bytes: impl AsRef<[u8]>) -> &Fixture {
        let path = self.root().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
        self
    }

    pub fn remove(&self, path: &str) -> &Fixture {
        fs::remove_file(self.root().join(path)).unwrap();
        self
    }

    pub fn build(&self) -> Result<Built, Vec<String>> {
        self.build_with(&BuildOptions::default())
    }

    pub fn build_with(&self, options: &BuildOptions) -> Result<Built, Vec<String>> {
        chengguo::build(self.root(), options, Output::Memory, &Silent).map_err(|diagnostics| {
            diagnostics
                .sorted()
                .iter()
                .map(ToString::to_string)
                .collect()
        })
    }

    /// The diagnostics of a build that must fail.
    pub fn errors(&self) -> Vec<String> {
        match self.build() {
            Ok(_) => panic!("the build succeeded but was expected to fail"),
            Err(errors) => errors,
        }
    }
}

/// The text of one output file.
pub fn page(built: &Built, path: &str) -> String {
    String::from_utf8(page_bytes(built, path)).unwrap()
}

/// The bytes of one output file.
pub fn page_bytes(built: &Built, path: &str) -> Vec<u8> {
    built
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no output file {path}"))
        .bytes
        .clone()
}

pub fn has_page(built: &Built, path: &str) -> bool {
    built.files.iter().any(|f| f.path == path)
}

/// The inner HTML of the element carrying `data-entry`.
pub fn entry_content(html: &str) -> &str {
    let start = html.find("data-entry").expect("a data-entry element");
    let end = html[start..]
        .find("</article>")
        .expect("the entry's closing tag");
    &html[start..start + end]
}

/// Run the `chengguo` binary in `cwd`, as a user would from that folder.
pub fn chengguo(cwd: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_chengguo"))
        .current_dir(cwd)
        .args(args)
        .output()
        .unwrap()
}
