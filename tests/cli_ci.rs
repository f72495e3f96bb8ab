//! What CI runs: `check --format github|gitlab` compared exactly with the
//! expected reports beside the fixture, paths relative to the repository's
//! root, and `check --output` on built sites, at the root and under a
//! sub-path, run from the site's folder as the CI recipes run it.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

mod support;

use support::{chengguo, copy_tree, repo};

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A fixture (without its `expected/` folder) and the default theme, in `into`.
fn fixture_into(name: &str, into: &Path) {
    copy_tree(&repo().join("tests/fixtures").join(name), into);
    fs::remove_dir_all(into.join("expected")).ok();
    copy_tree(&repo().join("themes/default"), &into.join("themes/default"));
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

fn git(cwd: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(cwd)
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn github_format_writes_one_workflow_command_per_problem() {
    let site = tempfile::tempdir().unwrap();
    fixture_into("check-broken", site.path());
    let output = chengguo(
        site.path(),
        &["check", "--format", "github", "--lang", "en"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        expected("check-broken", "check.en.github.txt")
    );
    assert!(stderr(&output).starts_with("8 errors, 1 warning\n"));
}

#[test]
fn gitlab_format_writes_a_code_quality_report() {
    let site = tempfile::tempdir().unwrap();
    fixture_into("check-broken", site.path());
    let output = chengguo(site.path(), &["check", "--format", "gitlab"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert_eq!(text, expected("check-broken", "check.zh.gitlab.json"));
    let issues: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(issues.len(), 9);
    for issue in &issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].is_string(), "{key} in {issue}");
        }
        assert!(issue["location"]["path"].is_string());
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
    let fingerprints: std::collections::BTreeSet<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(fingerprints.len(), issues.len(), "fingerprints are unique");
}

#[test]
fn annotations_name_files_from_the_repository_root() {
    let repository = tempfile::tempdir().unwrap();
    git(repository.path(), &["init", "-q"]);
    let site = repository.path().join("site");
    fixture_into("check-broken", &site);
    // Run from the repository's root, as a CI job does.
    let output = chengguo(
        repository.path(),
        &[
            "check", "--root", "site", "--format", "github", "--lang", "en",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let lines = stdout(&output);
    assert_eq!(lines.lines().count(), 9);
    assert!(
        lines.lines().all(|l| l.contains(" file=site/content/")),
        "{lines}"
    );
    let output = chengguo(&site, &["check", "--format", "gitlab"]);
    let issues: Vec<serde_json::Value> = serde_json::from_str(&stdout(&output)).unwrap();
    assert!(
        issues.iter().all(|i| i["location"]["path"]
            .as_str()
            .unwrap()
            .starts_with("site/content/")),
        "{issues:?}"
    );
}

#[test]
fn output_check_passes_the_bundled_site_at_the_root_and_under_a_sub_path() {
    let site = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("content"), &site.path().join("content"));
    copy_tree(&repo().join("themes"), &site.path().join("themes"));
    fs::copy(repo().join("config.yaml"), site.path().join("config.yaml")).unwrap();
    // The README's invocations: at the root, under a sub-path, and for a full address.
    for base in [None, Some("/sub/"), Some("https://example.org/showcase/")] {
        let mut build = vec!["build"];
        let mut check = vec!["check", "--output", "public", "--lang", "en"];
        if let Some(base) = base {
            build.extend(["--base-url", base]);
            check.extend(["--base-url", base]);
        }
        let built = chengguo(site.path(), &build);
        assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
        let checked = chengguo(site.path(), &check);
        assert_eq!(checked.status.code(), Some(0), "{}", stdout(&checked));
        let text = stdout(&checked);
        assert!(text.starts_with("checked "), "{text}");
        assert!(text.ends_with(" files: 0 broken\n"), "{text}");
    }
    // Built for the root, served under /sub/: every site-absolute link is wrong.
    fs::remove_dir_all(site.path().join("public")).unwrap();
    chengguo(site.path(), &["build"]);
    let checked = chengguo(
        site.path(),
        &["check", "--output", "public", "--base-url", "/sub/"],
    );
    assert_eq!(checked.status.code(), Some(1));
    assert!(
        stdout(&checked).contains("不在站点的基础路径 /sub/ 之下"),
        "{}",
        stdout(&checked)
    );
}

#[test]
fn output_check_names_the_page_and_link_of_each_broken_link() {
    let site = tempfile::tempdir().unwrap();
    fixture_into("minimal", site.path());
    let built = chengguo(site.path(), &["build"]);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    // A page the upload lost, and a theme link to a file that is not there.
    fs::remove_dir_all(site.path().join("public/en/parks/science-city")).unwrap();
    let page = site.path().join("public/404.html");
    let html = fs::read_to_string(&page).unwrap();
    let html = html.replacen(
        "</main>",
        "<img src=\"/images/gone.png\" alt=\"\"></main>",
        1,
    );
    fs::write(&page, &html).unwrap();
    let line = html.lines().position(|l| l.contains("gone.png")).unwrap() + 1;
    let column = html.lines().nth(line - 1).unwrap().find("/images").unwrap() + 1;

    let output = chengguo(
        site.path(),
        &[
            "check", "--output", "public", "--format", "github", "--lang", "en",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains(&format!(
            "::error file=public/404.html,line={line},col={column},title=broken-link::\
             link to \"/images/gone.png\" leads to no file of the built site%0A\
             help: the output has no file images/gone.png\n"
        )),
        "{text}"
    );
    // Every page that linked to the lost one is named, with its link.
    let lost: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("\"/en/parks/science-city/\""))
        .collect();
    assert!(!lost.is_empty(), "{text}");
    assert!(
        lost.iter()
            .any(|l| l.starts_with("::error file=public/en/index.html,")),
        "{text}"
    );
    let output = chengguo(
        site.path(),
        &["check", "--output", "public", "--format", "json"],
    );
    for line in stdout(&output).lines() {
        let problem: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(problem["code"], "broken-link");
    }
}

#[test]
fn output_check_needs_a_built_folder() {
    let site = tempfile::tempdir().unwrap();
    fixture_into("minimal", site.path());
    let output = chengguo(site.path(), &["check", "--output", "public"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("错误: --output：public 不是文件夹；请先生成站点"));
}

/// Found by `check --output` on a generated corpus: an English body's link to
/// a park written in Chinese only went to an English page that is not built.
#[test]
fn body_links_to_an_entry_missing_in_the_language_go_to_the_page_it_has() {
    let site = tempfile::tempdir().unwrap();
    fixture_into("minimal", site.path());
    let en = site
        .path()
        .join("content/achievements/nano-displacement.en.md");
    let text = fs::read_to_string(&en).unwrap();
    fs::write(
        &en,
        format!("{text}\nSee [the rules](@/policies/transfer-rules#scope).\n"),
    )
    .unwrap();
    let built = chengguo(site.path(), &["build"]);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    let page = fs::read_to_string(
        site.path()
            .join("public/en/achievements/nano-displacement/index.html"),
    )
    .unwrap();
    assert!(
        page.contains("<a href=\"/policies/transfer-rules/#scope\">the rules</a>"),
        "{page}"
    );
    let checked = chengguo(
        site.path(),
        &["check", "--output", "public", "--lang", "en"],
    );
    assert_eq!(checked.status.code(), Some(0), "{}", stdout(&checked));
}
