//! `chengguo init` as a new city runs it: init → check → build on a fresh
//! folder, given absolute or relative; the theme used by name or ejected; a
//! folder that holds something refused; and the CI recipes it writes, which
//! must be the repository's own, parse as YAML, and whose every `chengguo`
//! command runs as written in the new site.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod support;

use support::{chengguo, repo};

fn ok(output: &Output) -> String {
    assert_eq!(
        output.status.code(),
        Some(0),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(root).unwrap().to_path_buf())
        .collect();
    files.sort();
    files
}

#[test]
fn a_new_site_checks_and_builds_at_once() {
    let parent = tempfile::tempdir().unwrap();
    let site = parent.path().join("city-site");
    let written = ok(&chengguo(parent.path(), &["init", site.to_str().unwrap()]));
    assert!(written.contains("config.yaml"), "{written}");
    assert!(!site.join("themes").exists(), "the theme is used by name");
    assert_eq!(
        fs::read_to_string(site.join(".gitignore")).unwrap(),
        "/public\n"
    );
    let checked = ok(&chengguo(&site, &["check", "--lang", "en"]));
    // The one warning: base_url is a path until the editor names the
    // address the site is published at, which feeds and sitemaps need.
    assert!(checked.contains("0 errors, 1 warning\n"), "{checked}");
    assert!(
        checked.contains("config.yaml:24:1: warning: field \"base_url\""),
        "{checked}"
    );
    // One example of each type, in both languages.
    assert!(
        checked.contains("achievements     1        0        0"),
        "{checked}"
    );
    assert!(checked.contains("parks            1        0        0"));
    assert!(checked.contains("policies         1        0        0"));
    ok(&chengguo(&site, &["build"]));
    for page in [
        "public/index.html",
        "public/style.css",
        "public/search.js",
        "public/achievements/example-achievement/index.html",
        "public/en/parks/example-park/index.html",
        "public/policies/example-policy/index.html",
    ] {
        assert!(site.join(page).is_file(), "{page}");
    }
    ok(&chengguo(&site, &["check", "--output", "public"]));
    // The config explains every setting it holds, in Chinese and English.
    let config = fs::read_to_string(site.join("config.yaml")).unwrap();
    for setting in chengguo::config::CONFIG_KEYS
        .iter()
        .filter(|key| **key != "search")
    {
        // Set, or written out commented for the city to fill in.
        let at = config
            .find(&format!("\n{setting}:"))
            .or_else(|| config.find(&format!("\n# {setting}:")))
            .unwrap_or_else(|| panic!("{setting} is missing"));
        let comment: String = config[..at]
            .rsplit("\n\n")
            .next()
            .unwrap()
            .lines()
            .filter(|l| l.starts_with('#'))
            .collect();
        let chinese = comment
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let english_words = comment
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 2)
            .count();
        assert!(chinese, "{setting} has no Chinese comment");
        assert!(english_words >= 4, "{setting} has no English comment");
    }
}

#[test]
fn a_relative_folder_is_made_under_the_current_folder() {
    let cwd = tempfile::tempdir().unwrap();
    ok(&chengguo(cwd.path(), &["init", "sites/new"]));
    let site = cwd.path().join("sites/new");
    assert!(site.join("config.yaml").is_file());
    ok(&chengguo(&site, &["build"]));
    assert!(site.join("public/index.html").is_file());
    // And with --root, as relative, from the folder above.
    ok(&chengguo(cwd.path(), &["check", "--root", "sites/new"]));
}

#[test]
fn an_ejected_theme_is_copied_and_used() {
    let parent = tempfile::tempdir().unwrap();
    let site = parent.path().join("s");
    ok(&chengguo(
        parent.path(),
        &["init", site.to_str().unwrap(), "--eject-theme"],
    ));
    let theme = site.join("themes/default");
    assert_eq!(
        files_under(&theme),
        files_under(&repo().join("themes/default"))
    );
    for file in files_under(&theme) {
        assert_eq!(
            fs::read(theme.join(&file)).unwrap(),
            fs::read(repo().join("themes/default").join(&file)).unwrap()
        );
    }
    let css = theme.join("static/style.css");
    let mut text = fs::read_to_string(&css).unwrap();
    text.push_str("\n.ejected-theme-marker{}\n");
    fs::write(&css, text).unwrap();
    ok(&chengguo(&site, &["build"]));
    let built = fs::read_to_string(site.join("public/style.css")).unwrap();
    assert!(built.contains(".ejected-theme-marker"));
}

#[test]
fn refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("README.md"), "ours").unwrap();
    // No locale names a language, so init says it in both.
    let output = Command::new(env!("CARGO_BIN_EXE_chengguo"))
        .current_dir(dir.path())
        .args(["init", "."])
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("is not empty"), "{stderr}");
    assert!(stderr.contains("不是空文件夹"), "{stderr}");
    assert_eq!(files_under(dir.path()), [PathBuf::from("README.md")]);
}

/// The `chengguo …` lines of a shell script, as written.
fn chengguo_lines(script: &str) -> Vec<String> {
    script
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("chengguo "))
        .map(String::from)
        .collect()
}

/// Run each CI command in the site, in order, as the CI's shell would.
fn run_in(site: &Path, commands: &[String], env: &[(&str, &str)]) {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_chengguo"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for command in commands {
        let output = Command::new("sh")
            .current_dir(site)
            .env("PATH", &path)
            .envs(env.iter().copied())
            .args(["-c", command])
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{command}\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn the_github_workflow_parses_and_its_commands_run_in_a_new_site() {
    let parent = tempfile::tempdir().unwrap();
    let site = parent.path().join("s");
    ok(&chengguo(parent.path(), &["init", site.to_str().unwrap()]));
    let written = fs::read_to_string(site.join(".github/workflows/chengguo.yml")).unwrap();
    assert_eq!(
        written,
        fs::read_to_string(repo().join("examples/ci/github/chengguo.yml")).unwrap()
    );
    let workflow: serde_yaml::Value = serde_yaml::from_str(&written).unwrap();
    assert!(
        workflow["on"]["pull_request"].is_null() || workflow["on"]["pull_request"].is_mapping()
    );
    assert!(workflow["on"].get("pull_request").is_some());
    assert_eq!(workflow["on"]["push"]["branches"][0], "main");
    let jobs = workflow["jobs"].as_mapping().unwrap();
    let uses = |job: &str| -> Vec<String> {
        jobs[job]["steps"]
            .as_sequence()
            .unwrap()
            .iter()
            .filter_map(|s| s["uses"].as_str().map(String::from))
            .collect()
    };
    assert!(
        uses("build")
            .iter()
            .any(|u| u.starts_with("actions/upload-pages-artifact@"))
    );
    assert!(
        uses("deploy")
            .iter()
            .any(|u| u.starts_with("actions/deploy-pages@"))
    );
    assert!(
        uses("check")
            .iter()
            .any(|u| u.starts_with("actions/cache@"))
    );
    for job in ["check", "build"] {
        let steps = jobs[job]["steps"].as_sequence().unwrap();
        let scripts: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
        assert!(
            scripts
                .iter()
                .any(|s| s.contains("cargo install --locked --git \"$CHENGGUO_GIT\" --rev")),
            "{job} installs chengguo from source"
        );
        // The cache is keyed on the commit chengguo is installed from.
        let cache = steps
            .iter()
            .find(|s| {
                s["uses"]
                    .as_str()
                    .is_some_and(|u| u.starts_with("actions/cache@"))
            })
            .unwrap();
        assert!(
            cache["with"]["key"]
                .as_str()
                .unwrap()
                .contains("${{ steps.chengguo.outputs.rev }}")
        );
        let commands: Vec<String> = scripts.iter().flat_map(|s| chengguo_lines(s)).collect();
        assert!(commands.contains(&"chengguo check --format github".to_string()));
        assert!(
            commands
                .iter()
                .any(|c| c.starts_with("chengguo check --output public"))
        );
        run_in(
            &site,
            &commands,
            &[("BASE_URL", "https://city.github.io/site/")],
        );
    }
}

#[test]
fn the_gitlab_pipeline_parses_and_its_commands_run_in_a_new_site() {
    let parent = tempfile::tempdir().unwrap();
    let site = parent.path().join("s");
    ok(&chengguo(parent.path(), &["init", site.to_str().unwrap()]));
    let written = fs::read_to_string(site.join(".gitlab-ci.yml")).unwrap();
    assert_eq!(
        written,
        fs::read_to_string(repo().join("examples/ci/gitlab/.gitlab-ci.yml")).unwrap()
    );
    let pipeline: serde_yaml::Value = serde_yaml::from_str(&written).unwrap();
    let install: Vec<&str> = pipeline["default"]["before_script"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    assert!(
        install
            .iter()
            .any(|s| s.starts_with("cargo install --locked --git \"$CHENGGUO_GIT\""))
    );
    assert!(
        pipeline["default"]["cache"]["paths"]
            .as_sequence()
            .is_some()
    );
    assert_eq!(
        pipeline["check"]["artifacts"]["reports"]["codequality"],
        "gl-code-quality-report.json"
    );
    assert_eq!(pipeline["pages"]["artifacts"]["paths"][0], "public");
    let mut commands = Vec::new();
    for job in ["check", "pages"] {
        for line in pipeline[job]["script"].as_sequence().unwrap() {
            commands.extend(chengguo_lines(line.as_str().unwrap()));
        }
    }
    assert_eq!(commands.len(), 3, "{commands:?}");
    run_in(
        &site,
        &commands,
        &[("CI_PAGES_URL", "https://city.gitlab.io/site")],
    );
    let report: Vec<serde_json::Value> = serde_json::from_str(
        &fs::read_to_string(site.join("gl-code-quality-report.json")).unwrap(),
    )
    .unwrap();
    // Only the reminder to give base_url in full, for the feeds and sitemap.
    assert_eq!(report.len(), 1, "{report:?}");
    assert_eq!(report[0]["check_name"], "base-url-relative", "{report:?}");
    let home = fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(
        home.contains("href=\"/site/style.css\""),
        "built under the Pages path"
    );
}
