//! The office's own statement pages: the copyright notice (版权声明) and the
//! privacy statement (隐私声明), each a Markdown file per language under
//! `content/statements/` (`copyright.zh.md`, `privacy.en.md`). A statement is
//! a page in a language only where its file is given; chengguo writes no
//! text of its own for it. The Markdown goes through the same allow-list as
//! entry bodies.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::{Config, Lang};
use crate::diag::{Diagnostic, Diagnostics};
use crate::entry::Body;
use crate::load::{is_symlink, show_size, symlink_skipped};

use super::markdown::{Source, render_checked};

/// Where the statements' files are, from the site's root.
pub const STATEMENTS_DIR: &str = "content/statements";

/// The statements a site may give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    Copyright,
    Privacy,
}

impl StatementKind {
    pub const ALL: [StatementKind; 2] = [StatementKind::Copyright, StatementKind::Privacy];

    /// The file stem, the page's folder and the key of its label (`statement_copyright`).
    pub fn key(self) -> &'static str {
        match self {
            StatementKind::Copyright => "copyright",
            StatementKind::Privacy => "privacy",
        }
    }
}

/// The statements given, each in the languages it is written in.
#[derive(Debug, Clone, Default)]
pub struct Statements {
    bodies: Vec<(StatementKind, Lang, Body)>,
}

impl Statements {
    pub fn get(&self, kind: StatementKind, lang: Lang) -> Option<&Body> {
        self.bodies
            .iter()
            .find(|(k, l, _)| *k == kind && *l == lang)
            .map(|(_, _, body)| body)
    }

    /// The statements written in `lang`, in [`StatementKind::ALL`]'s order.
    pub fn in_language(&self, lang: Lang) -> Vec<StatementKind> {
        StatementKind::ALL
            .into_iter()
            .filter(|kind| self.get(*kind, lang).is_some())
            .collect()
    }
}

/// Read and compile the statements the site gives in its languages.
pub fn load(root: &Path, config: &Config) -> (Statements, Diagnostics) {
    let mut statements = Statements::default();
    let mut diagnostics = Diagnostics::new();
    for kind in StatementKind::ALL {
        for &lang in &config.languages {
            let path =
                PathBuf::from(STATEMENTS_DIR).join(format!("{}.{}.md", kind.key(), lang.code()));
            let Some(text) = read(root, &path, config, &mut diagnostics) else {
                continue;
            };
            let source = Source {
                path: &path,
                first_line: 1,
                file_text: None,
            };
            let body = render_checked(&text, lang, config, source, &mut diagnostics);
            statements.bodies.push((kind, lang, body));
        }
    }
    (statements, diagnostics)
}

/// The text of a statement's file, if it is there and readable; a problem
/// with one that is there is reported.
fn read(
    root: &Path,
    path: &Path,
    config: &Config,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    let full = root.join(path);
    if is_symlink(&full) {
        diagnostics.push(symlink_skipped(path));
        return None;
    }
    let metadata = std::fs::metadata(&full).ok()?;
    if metadata.len() > config.limits.file_size {
        diagnostics.push(
            Diagnostic::error(
                path,
                format!(
                    "the file is larger than {}, the limit for one entry file",
                    show_size(config.limits.file_size)
                ),
            )
            .help("split it, or raise limits.file_size in config.yaml"),
        );
        return None;
    }
    match std::fs::read(&full).map(String::from_utf8) {
        Ok(Ok(text)) => Some(text),
        Ok(Err(_)) => {
            diagnostics.push(Diagnostic::error(path, "the file is not UTF-8 text"));
            None
        }
        Err(error) => {
            diagnostics.push(Diagnostic::error(path, format!("cannot read: {error}")));
            None
        }
    }
}
