//! When each entry was last changed, from the git history of its files: one
//! `git log` for the whole site, read newest commit first, following files
//! through renames that kept their content. The dates are the commits', so a
//! build of a given commit is the same whenever and wherever it runs.
//!
//! Outside a repository, or for a file no commit holds yet, an entry keeps the
//! `updated` date its editor wrote, if any. A shallow clone holds only the
//! newest commits, so its dates would be wrong: it gives no dates, and a
//! warning saying how to fetch the whole history.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use crate::diag::Diagnostic;
use crate::entry::{Date, Entry};
use crate::load::CONTENT_DIR;

/// Where the site stands in git.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkout {
    /// The site's folder within its repository (`site/`), empty at the root.
    pub prefix: String,
    /// The commit checked out; `None` before the first commit.
    pub commit: Option<String>,
}

/// When each file was last changed: the date of the last commit that
/// changed it, by its path from the site's folder (`content/parks/x.yaml`).
#[derive(Debug, Default)]
pub struct History {
    pub changed: HashMap<String, Date>,
}

impl History {
    /// Give each entry the newest date of its files, where git has one.
    pub fn apply(&self, entries: &mut [Entry]) {
        for entry in entries {
            let newest = entry
                .sources
                .iter()
                .filter_map(|path| {
                    let path = path.to_string_lossy().replace('\\', "/");
                    self.changed.get(&path).copied()
                })
                .max();
            if newest.is_some() {
                entry.updated = newest;
            }
        }
    }
}

fn git(root: &Path, args: &[&str]) -> std::io::Result<std::process::Output> {
    Command::new("git")
        .current_dir(root)
        .args(args)
        .env("LC_ALL", "C")
        .output()
}

/// Where the site at `root` stands in git, quickly (no history is read).
/// `Ok(None)` outside a git repository; a warning for a shallow clone or a
/// repository git cannot read.
pub fn checkout(root: &Path) -> Result<Option<Checkout>, Diagnostic> {
    let found = match git(
        root,
        &["rev-parse", "--is-shallow-repository", "--show-prefix"],
    ) {
        Ok(found) if found.status.success() => found,
        // In a repository that git cannot read (not installed, or a folder
        // owned by another user, as in some CI containers), say so rather
        // than leave the dates out without a word.
        failed if in_repository(root) => {
            let reason = match failed {
                Ok(output) => String::from_utf8_lossy(&output.stderr)
                    .lines()
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string(),
                Err(error) => error.to_string(),
            };
            return Err(Diagnostic::warning(
                CONTENT_DIR,
                crate::diag::messages::Message::GitFailed.english(&[&reason]),
            ));
        }
        _ => return Ok(None),
    };
    let found = String::from_utf8_lossy(&found.stdout);
    let mut lines = found.lines();
    if lines.next() == Some("true") {
        return Err(Diagnostic::warning(
            CONTENT_DIR,
            crate::diag::messages::Message::ShallowClone.english(&[]),
        )
        .help(crate::diag::messages::Help::FetchHistory.english(&[])));
    }
    let prefix = lines.next().unwrap_or("").to_string();
    // A repository with no commit yet has no HEAD.
    let commit = git(root, &["rev-parse", "-q", "--verify", "HEAD"])
        .ok()
        .filter(|output| output.status.success())
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_string());
    Ok(Some(Checkout { prefix, commit }))
}

/// The history of the site at `root`, read with one `git log` of its
/// `content/` folder. It is a function of the commit checked out alone, so
/// `serve` reads it again only when that changes.
pub fn read(root: &Path) -> History {
    let log = git(
        root,
        &[
            "-c",
            "log.showSignature=false",
            "log",
            "-z",
            "--format=%x01%cs",
            "--name-status",
            "-M",
            "--relative",
            "--",
            CONTENT_DIR,
        ],
    );
    match log {
        Ok(log) if log.status.success() => History {
            changed: parse_log(&String::from_utf8_lossy(&log.stdout)),
        },
        _ => History::default(),
    }
}

/// Whether `root` or a folder above it holds a `.git`.
fn in_repository(root: &Path) -> bool {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    root.ancestors().any(|dir| dir.join(".git").exists())
}

/// The date each file was last changed, from `git log -z --format=%x01%cs
/// --name-status -M`, newest commit first. A rename that kept the content
/// (`R100`) is not a change: the file's date is looked for further back,
/// under its old name.
fn parse_log(log: &str) -> HashMap<String, Date> {
    let mut changed: HashMap<String, Date> = HashMap::new();
    // An old name → the file's name today, for renames seen so far.
    let mut renamed: HashMap<String, String> = HashMap::new();
    // Names deleted since: older changes under them are not today's files'.
    let mut deleted: std::collections::HashSet<String> = std::collections::HashSet::new();
    for commit in log.split('\u{1}').filter(|c| !c.is_empty()) {
        let mut tokens = commit.split('\0');
        let Some(date) = tokens.next().and_then(|d| Date::parse(d).ok()) else {
            continue;
        };
        let mut tokens = tokens.map(|t| t.trim_start_matches('\n'));
        while let Some(status) = tokens.next() {
            if status.is_empty() {
                continue;
            }
            let kind = status.as_bytes()[0];
            let Some(path) = tokens.next() else { break };
            let (old, path) = if kind == b'R' || kind == b'C' {
                let Some(new) = tokens.next() else { break };
                (Some(path), new)
            } else {
                (None, path)
            };
            let today = renamed
                .get(path)
                .cloned()
                .unwrap_or_else(|| path.to_string());
            if changed.contains_key(&today) || deleted.contains(&today) {
                continue;
            }
            match (kind, old) {
                (b'D', _) => {
                    deleted.insert(today);
                }
                (b'R', Some(old)) if status == "R100" => {
                    renamed.insert(old.to_string(), today);
                }
                _ => {
                    changed.insert(today, date);
                }
            }
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn the_newest_change_of_each_file_counts() {
        let log = "\u{1}2024-03-04\0\nM\0content/a.md\0A\0content/b.md\0\
                   \u{1}2024-01-02\0\nA\0content/a.md\0";
        let changed = parse_log(log);
        assert_eq!(changed["content/a.md"], day("2024-03-04"));
        assert_eq!(changed["content/b.md"], day("2024-03-04"));
    }

    #[test]
    fn a_pure_rename_keeps_the_date_of_the_last_change() {
        let log = "\u{1}2024-05-01\0\nR100\0content/old.md\0content/new.md\0\
                   \u{1}2024-02-01\0\nM\0content/old.md\0\
                   \u{1}2024-01-01\0\nA\0content/old.md\0";
        let changed = parse_log(log);
        assert_eq!(changed["content/new.md"], day("2024-02-01"));
        assert!(!changed.contains_key("content/old.md"));
    }

    #[test]
    fn a_rename_with_changes_is_a_change() {
        let log = "\u{1}2024-05-01\0\nR087\0content/old.md\0content/new.md\0\
                   \u{1}2024-01-01\0\nA\0content/old.md\0";
        assert_eq!(parse_log(log)["content/new.md"], day("2024-05-01"));
    }

    #[test]
    fn a_deleted_file_gives_no_date_to_a_later_one_of_its_name() {
        let log = "\u{1}2024-05-01\0\nD\0content/gone.md\0\
                   \u{1}2024-01-01\0\nA\0content/gone.md\0";
        assert!(parse_log(log).is_empty());
    }
}
