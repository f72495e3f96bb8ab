//! "Last updated" dates and "edit this page" links: from a fixture git
//! repository made in the test (two commits, a rename kept, a file changed),
//! from the `updated` field outside git or in a shallow clone (with a
//! warning), and the same bytes whatever the clock or time zone of the build.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

mod support;

use support::{copy_tree, repo};

fn git(cwd: &Path, args: &[&str], date: &str) {
    let output = Command::new("git")
        .current_dir(cwd)
        .args([
            "-c",
            "user.name=Editor",
            "-c",
            "user.email=editor@example.org",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn build(site: &Path, tz: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chengguo"))
        .current_dir(site)
        // The warnings below are matched in English; the site speaks Chinese.
        .args(["build", "--lang", "en"])
        .env("TZ", tz)
        .output()
        .unwrap()
}

fn built(site: &Path) -> String {
    let output = build(site, "UTC");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stderr).unwrap()
}

fn page(site: &Path, path: &str) -> String {
    fs::read_to_string(site.join("public").join(path)).unwrap()
}

/// `repository/site/`: the minimal fixture with edit links configured,
/// committed on 10 January 2024 (UTC+8); then, on 5 March 2024 at 23:30 in
/// New York (6 March in Beijing), the park moved to a sub-folder unchanged,
/// the English achievement edited and the policy renamed and edited.
fn repository() -> tempfile::TempDir {
    let repository = tempfile::tempdir().unwrap();
    let site = repository.path().join("site");
    copy_tree(&repo().join("tests/fixtures/minimal"), &site);
    let config = fs::read_to_string(site.join("config.yaml")).unwrap();
    fs::write(
        site.join("config.yaml"),
        format!("{config}repo_url: https://github.com/city/showcase/\nbranch: main\n"),
    )
    .unwrap();
    git(repository.path(), &["init", "-q"], "");
    git(repository.path(), &["add", "-A"], "");
    git(
        repository.path(),
        &["commit", "-q", "-m", "one"],
        "2024-01-10T09:00:00+08:00",
    );
    fs::create_dir_all(site.join("content/parks/hubs")).unwrap();
    git(
        &site,
        &[
            "mv",
            "content/parks/science-city.yaml",
            "content/parks/hubs/science-city.yaml",
        ],
        "",
    );
    let en = site.join("content/achievements/nano-displacement.en.md");
    let text = fs::read_to_string(&en).unwrap();
    fs::write(&en, format!("{text}\nA sentence added later.\n")).unwrap();
    let policy = site.join("content/policies/transfer-rules.zh.md");
    let text = fs::read_to_string(&policy).unwrap();
    fs::remove_file(&policy).unwrap();
    fs::create_dir_all(site.join("content/policies/2020")).unwrap();
    fs::write(
        site.join("content/policies/2020/transfer-rules.zh.md"),
        text.replace("仅有中文版本的政策。", "仅有中文版本的政策,后来改过。"),
    )
    .unwrap();
    git(repository.path(), &["add", "-A"], "");
    git(
        repository.path(),
        &["commit", "-q", "-m", "two"],
        "2024-03-05T23:30:00-05:00",
    );
    repository
}

#[test]
fn entry_pages_show_the_date_of_the_last_commit_that_changed_their_files() {
    let repository = repository();
    let site = repository.path().join("site");
    let warnings = built(&site);
    assert!(!warnings.contains("warning"), "{warnings}");
    // Moved, unchanged: the date of the commit that last changed it.
    assert!(
        page(&site, "parks/science-city/index.html")
            .contains("最后更新：<time datetime=\"2024-01-10\">2024年1月10日</time>")
    );
    assert!(
        page(&site, "en/parks/science-city/index.html")
            .contains("Last updated: <time datetime=\"2024-01-10\">10 January 2024</time>")
    );
    // Its English file changed: the newest of its two files' dates, in the
    // committer's own time zone.
    for path in [
        "achievements/nano-displacement/index.html",
        "en/achievements/nano-displacement/index.html",
    ] {
        assert!(
            page(&site, path).contains("<time datetime=\"2024-03-05\">"),
            "{path}"
        );
    }
    // Renamed and changed.
    assert!(page(&site, "policies/transfer-rules/index.html").contains("datetime=\"2024-03-05\""));
    // Untouched since the first commit.
    assert!(page(&site, "parks/beibei-zone/index.html").contains("datetime=\"2024-01-10\""));
}

#[test]
fn edit_links_open_each_pages_own_file_in_the_repository() {
    let repository = repository();
    let site = repository.path().join("site");
    built(&site);
    let base = "https://github.com/city/showcase/edit/main/site/content";
    assert!(page(&site, "achievements/nano-displacement/index.html").contains(&format!(
        "<a href=\"{base}/achievements/nano-displacement.zh.md\" rel=\"external noopener\">在线编辑</a>"
    )));
    assert!(page(&site, "en/achievements/nano-displacement/index.html").contains(&format!(
        "<a href=\"{base}/achievements/nano-displacement.en.md\" rel=\"external noopener\">Edit this page</a>"
    )));
    assert!(
        page(&site, "en/parks/science-city/index.html")
            .contains(&format!("href=\"{base}/parks/hubs/science-city.yaml\""))
    );
    assert!(
        page(&site, "policies/transfer-rules/index.html").contains(&format!(
            "href=\"{base}/policies/2020/transfer-rules.zh.md\""
        ))
    );
}

#[test]
fn the_output_is_the_same_whatever_the_clock_or_time_zone() {
    let repository = repository();
    let site = repository.path().join("site");
    let files = |site: &Path| -> Vec<(String, Vec<u8>)> {
        let public = site.join("public");
        let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(&public)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let path = e
                    .path()
                    .strip_prefix(&public)
                    .unwrap()
                    .display()
                    .to_string();
                (path, fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    };
    assert_eq!(build(&site, "Asia/Shanghai").status.code(), Some(0));
    let first = files(&site);
    // Files touched since, as a checkout does: their times are not their dates.
    for entry in walkdir::WalkDir::new(site.join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = fs::read(entry.path()).unwrap();
            fs::write(entry.path(), text).unwrap();
        }
    }
    assert_eq!(build(&site, "America/Los_Angeles").status.code(), Some(0));
    assert_eq!(files(&site), first);
}

#[test]
fn outside_git_the_updated_field_gives_the_date() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("tests/fixtures/minimal"), dir.path());
    let park = dir.path().join("content/parks/science-city.yaml");
    let text = fs::read_to_string(&park).unwrap();
    fs::write(&park, format!("updated: 2023-11-02\n{text}")).unwrap();
    let warnings = built(dir.path());
    assert!(!warnings.contains("warning"), "{warnings}");
    assert!(
        page(dir.path(), "parks/science-city/index.html")
            .contains("最后更新：<time datetime=\"2023-11-02\">2023年11月2日</time>")
    );
    let other = page(dir.path(), "parks/beibei-zone/index.html");
    assert!(!other.contains("最后更新"), "no date, no line");
    assert!(!other.contains("在线编辑"), "no repo_url, no edit link");
}

#[test]
fn a_shallow_clone_warns_and_falls_back_to_the_updated_field() {
    let repository = repository();
    let site = repository.path().join("site");
    let park = site.join("content/parks/beibei-zone.yaml");
    let text = fs::read_to_string(&park).unwrap();
    fs::write(&park, format!("updated: 2023-11-02\n{text}")).unwrap();
    git(
        repository.path(),
        &["commit", "-q", "-am", "three"],
        "2024-04-01T12:00:00+08:00",
    );
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repository.path().display());
    git(
        clones.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
        "",
    );
    let site = clones.path().join("shallow/site");
    let warnings = built(&site);
    assert!(
        warnings.contains("content: warning: the repository is a shallow clone"),
        "{warnings}"
    );
    assert!(page(&site, "parks/beibei-zone/index.html").contains("datetime=\"2023-11-02\""));
    assert!(!page(&site, "parks/science-city/index.html").contains("最后更新"));
}

#[test]
fn a_repository_git_cannot_read_is_a_warning_not_silence() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("tests/fixtures/minimal"), dir.path());
    // A worktree whose repository has gone.
    fs::write(dir.path().join(".git"), "gitdir: /nonexistent/repository\n").unwrap();
    let warnings = built(dir.path());
    assert!(
        warnings.contains("content: warning: git cannot read the repository, so pages show no last-updated dates from its history: fatal: not a git repository"),
        "{warnings}"
    );
}

#[test]
fn serve_reads_the_history_again_after_a_commit_and_not_before() {
    let repository = repository();
    let site = repository.path().join("site");
    let mut cache = chengguo::parse::Cache::keeping();
    let updated = |cache: &mut chengguo::parse::Cache| {
        let prepared = chengguo::assemble(
            &site,
            &chengguo::BuildOptions::default(),
            &chengguo::progress::Silent,
            cache,
        )
        .unwrap_or_else(|d| panic!("{:?}", d.sorted()));
        let park = prepared
            .site
            .entries
            .iter()
            .find(|e| e.slug == "beibei-zone")
            .unwrap();
        park.updated.map(|d| d.to_string())
    };
    assert_eq!(updated(&mut cache).as_deref(), Some("2024-01-10"));
    // An edit not yet committed changes nothing.
    let park = site.join("content/parks/beibei-zone.yaml");
    let text = fs::read_to_string(&park).unwrap();
    fs::write(&park, text.replace("kind:", "level: national\nkind:")).unwrap();
    assert_eq!(updated(&mut cache).as_deref(), Some("2024-01-10"));
    // Committed, it is the park's new date.
    git(
        repository.path(),
        &["commit", "-q", "-am", "three"],
        "2024-06-01T08:00:00+08:00",
    );
    assert_eq!(updated(&mut cache).as_deref(), Some("2024-06-01"));
}

#[test]
fn a_repository_with_no_commit_yet_gives_no_dates_and_no_warning() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("tests/fixtures/minimal"), dir.path());
    git(dir.path(), &["init", "-q"], "");
    let warnings = built(dir.path());
    assert!(!warnings.contains("warning"), "{warnings}");
    assert!(!page(dir.path(), "parks/science-city/index.html").contains("最后更新"));
}
