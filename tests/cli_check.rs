//! `chengguo check` on fixture sites: the full text and JSON reports compared
//! exactly with the expected files beside each fixture, exit codes, and that
//! nothing is written.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod support;

use support::{copy_tree, repo};

/// `tests/fixtures/NAME` (without its `expected/` folder) and the default theme, in a temporary root.
fn site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("tests/fixtures").join(name), dir.path());
    fs::remove_dir_all(dir.path().join("expected")).ok();
    copy_tree(
        &repo().join("themes/default"),
        &dir.path().join("themes/default"),
    );
    dir
}

fn check(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chengguo"))
        .arg("check")
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap()
}

fn expected(fixture: &str, file: &str) -> String {
    fs::read_to_string(
        repo()
            .join("tests/fixtures")
            .join(fixture)
            .join("expected")
            .join(file),
    )
    .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap().path().to_path_buf())
        .collect();
    files.sort();
    files
}

#[test]
fn reports_build_errors_links_and_covers_in_english_text() {
    let site = site("check-broken");
    let before = files_under(site.path());
    let output = check(site.path(), &["--lang", "en"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), expected("check-broken", "check.en.txt"));
    assert_eq!(files_under(site.path()), before, "check wrote something");
}

#[test]
fn speaks_the_sites_default_language_unless_told() {
    let site = site("check-broken");
    let output = check(site.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), expected("check-broken", "check.zh.txt"));
    // The same problems in Chinese as in English.
    let zh = stdout(&output);
    assert!(
        zh.contains("错误: 字段 \"stage\": 未知的值 \"中式\""),
        "{zh}"
    );
    assert!(zh.contains("= 提示: 你是不是要写 中试？"), "{zh}");
}

#[test]
fn gives_one_json_object_per_problem_per_line() {
    let site = site("check-broken");
    let output = check(site.path(), &["--lang", "en", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert_eq!(text, expected("check-broken", "check.en.jsonl"));
    let objects: Vec<serde_json::Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(objects.len(), 9);
    // Every message is in the catalog, so it has a code and a Chinese wording.
    assert!(objects.iter().all(|o| o["code"] != "other"), "{text}");
    let stage = objects
        .iter()
        .find(|o| o["field"] == "stage")
        .expect("the stage problem");
    assert_eq!(stage["code"], "unknown-value");
    assert_eq!(stage["line"], 4);
    assert_eq!(stage["column"], 8);
    assert_eq!(stage["help"], "did you mean 中试?");
}

#[test]
fn checks_links_to_pages_files_and_drafts_once_the_site_builds() {
    let site = site("check-links");
    let output = check(site.path(), &["--lang", "en"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), expected("check-links", "check.en.txt"));
    let output = check(site.path(), &["--lang", "en", "--format", "json"]);
    assert_eq!(stdout(&output), expected("check-links", "check.en.jsonl"));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "3 errors, 3 warnings\n\ntranslations  both  zh only  en only\nachievements     1        0        1\nparks            2        0        0\npolicies         0        1        0\n"
    );
    assert_eq!(
        stdout(&check(site.path(), &[])),
        expected("check-links", "check.zh.txt")
    );
}

#[test]
fn warnings_alone_exit_zero() {
    let site = site("check-links");
    let path = site.path().join("content/achievements/pages.en.md");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("/en/widgets/", "/en/policies/")).unwrap();
    let path = site.path().join("content/parks/yaml-body.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let text = text.replace("nano-displacment", "nano-displacement");
    fs::write(&path, text.replace("/images/map.png", "/images/chip.gif")).unwrap();
    let output = check(site.path(), &["--lang", "en"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("\n0 errors, 3 warnings\n"));
}

#[test]
fn the_bundled_site_has_no_errors() {
    let output = check(&repo(), &["--lang", "en"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("0 errors"));
}

#[test]
fn usage_errors_exit_two() {
    let site = site("check-links");
    assert_eq!(
        check(site.path(), &["--format", "xml"]).status.code(),
        Some(2)
    );
    assert_eq!(check(site.path(), &["--lang", "fr"]).status.code(), Some(2));
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(check(empty.path(), &[]).status.code(), Some(2));
}
