//! `chengguo new`: every field of the field table is written, blank and
//! commented in the site's language; bad and taken slugs are refused; and the
//! entry passes `check` once its required fields are filled.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod support;

use support::{copy_tree, repo};

use chengguo::entry::EntryType;
use chengguo::parse::fields;

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("tests/fixtures/minimal"), dir.path());
    copy_tree(
        &repo().join("themes/default"),
        &dir.path().join("themes/default"),
    );
    dir
}

fn run(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chengguo"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// The paths `new` printed, one a line.
fn written(output: &Output) -> Vec<PathBuf> {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout(output).lines().map(PathBuf::from).collect()
}

fn fill(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(
        text.contains(from),
        "{from:?} not in {}:\n{text}",
        path.display()
    );
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn check(root: &Path) -> Output {
    run(root, &["check", "--lang", "en"])
}

#[test]
fn markdown_entry_has_every_field_and_passes_check_once_filled() {
    let site = site();
    let paths = written(&run(site.path(), &["new", "achievement", "quantum-sensor"]));
    assert_eq!(
        paths,
        [
            site.path()
                .join("content/achievements/quantum-sensor.zh.md"),
            site.path()
                .join("content/achievements/quantum-sensor.en.md"),
        ]
    );
    let texts: Vec<String> = paths
        .iter()
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    for spec in fields::fields(EntryType::Achievement)
        .iter()
        .filter(|s| !s.yaml_only)
    {
        let key = format!("\n{}:", spec.name);
        assert!(
            texts.iter().any(|t| t.contains(&key)),
            "{} missing",
            spec.name
        );
        // Commented in the site's default language (zh here).
        let comment = format!("# {}", spec.description_zh);
        assert!(texts[0].contains(&comment) || texts[1].contains(&comment));
    }
    assert!(texts[0].contains("# 成熟度阶段\n# 可选值：中试、小试、产业化\nstage:\n"));
    // Blank as written: the title must still be filled in.
    let output = check(site.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains(
            "content/achievements/quantum-sensor.zh.md:3:1: error: field \"title\": the required field \"title\" is blank"
        ),
        "{}",
        stdout(&output)
    );
    fill(&paths[0], "\ntitle:\n", "\ntitle: 量子传感器\n");
    fill(&paths[1], "\ntitle:\n", "\ntitle: Quantum sensor\n");
    let output = check(site.path());
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    // The fixture's path-only base_url and its one-language policy.
    assert!(
        stdout(&output).contains("\n0 errors, 2 warnings\n"),
        "{}",
        stdout(&output)
    );
    // Filled values are used as written.
    fill(&paths[0], "\nstage:\n", "\nstage: 中试\n");
    fill(&paths[0], "\npark:\n", "\npark: science-city\n");
    assert_eq!(check(site.path()).status.code(), Some(0));
}

#[test]
fn yaml_park_passes_check_once_title_and_kind_are_filled() {
    let site = site();
    let paths = written(&run(site.path(), &["new", "park", "tech-valley", "--yaml"]));
    assert_eq!(paths, [site.path().join("content/parks/tech-valley.yaml")]);
    let text = fs::read_to_string(&paths[0]).unwrap();
    for spec in fields::fields(EntryType::Park) {
        assert!(
            text.contains(&format!("\n{}:", spec.name))
                || text.starts_with(&format!("# {}", spec.description_zh))
        );
    }
    assert!(text.contains("\nbody:\n  zh: |\n"));
    assert_eq!(check(site.path()).status.code(), Some(1));
    fill(
        &paths[0],
        "title:\n  zh:\n  en:\n",
        "title:\n  zh: 科技谷\n  en: Tech Valley\n",
    );
    assert_eq!(
        check(site.path()).status.code(),
        Some(1),
        "kind is still blank"
    );
    fill(&paths[0], "\nkind:\n", "\nkind: 科学城\n");
    let output = check(site.path());
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn one_language_and_english_comments_for_an_english_site() {
    let site = site();
    fill(
        &site.path().join("config.yaml"),
        "default_language: zh",
        "default_language: en",
    );
    let paths = written(&run(
        site.path(),
        &["new", "policy", "new-rules", "--lang", "en"],
    ));
    assert_eq!(
        paths,
        [site.path().join("content/policies/new-rules.en.md")]
    );
    let text = fs::read_to_string(&paths[0]).unwrap();
    assert!(text.contains("# Title [required]\ntitle:\n"), "{text}");
    assert!(
        text.contains("# Status\n# One of: In force\nstatus:\n"),
        "{text}"
    );
    fill(&paths[0], "\ntitle:\n", "\ntitle: New rules\n");
    let output = check(site.path());
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("the policy \"new-rules\" has no Chinese version"));
}

#[test]
fn refuses_bad_and_taken_slugs_writing_nothing() {
    let site = site();
    let before: Vec<_> = walkdir::WalkDir::new(site.path())
        .into_iter()
        .map(|e| e.unwrap().path().to_path_buf())
        .collect();
    for slug in ["a/b", "..", "../x", "a b", "Upper", "", "a-", "中文"] {
        let output = run(site.path(), &["new", "park", slug]);
        assert_eq!(output.status.code(), Some(2), "{slug:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("不是有效的 slug"));
    }
    // Taken in the other form, or in the same one.
    for args in [
        ["new", "park", "science-city"],
        ["new", "achievement", "nano-displacement"],
    ] {
        let output = run(site.path(), &args);
        assert_eq!(output.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&output.stderr).contains("错误: slug 已被使用："));
    }
    let output = run(
        site.path(),
        &["new", "achievement", "nano-displacement", "--yaml"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        run(site.path(), &["new", "widget", "x"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(site.path(), &["new", "park", "-a"]).status.code(),
        Some(2)
    );
    let after: Vec<_> = walkdir::WalkDir::new(site.path())
        .into_iter()
        .map(|e| e.unwrap().path().to_path_buf())
        .collect();
    assert_eq!(before, after);
}

/// Whether `c` is a Han character.
fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c)
}

/// The Chinese comment lines of `text` with ASCII punctuation next to a Han
/// character, outside the `[…]` and `{…}` YAML examples they show.
fn ascii_punctuation_in_chinese_comments(text: &str) -> Vec<String> {
    text.lines()
        .filter(|line| line.starts_with('#'))
        .filter(|line| {
            let mut depth = 0usize;
            let prose: Vec<char> = line
                .chars()
                .map(|c| {
                    match c {
                        '[' | '{' => depth += 1,
                        ']' | '}' => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                    if depth > 0 { ' ' } else { c }
                })
                .collect();
            prose.windows(2).any(|pair| {
                let [a, b] = [pair[0], pair[1]];
                (is_han(a) && ",:;()?!".contains(b)) || (",:;()?!".contains(a) && is_han(b))
            })
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn chinese_comments_of_new_entries_use_full_width_punctuation() {
    let site = site();
    for (entry_type, slug, extra) in [
        ("achievement", "punctuation-a", None),
        ("park", "punctuation-p", Some("--yaml")),
        ("policy", "punctuation-y", None),
    ] {
        let mut args = vec!["new", entry_type, slug];
        args.extend(extra);
        for path in written(&run(site.path(), &args)) {
            let text = fs::read_to_string(&path).unwrap();
            let bad = ascii_punctuation_in_chinese_comments(&text);
            assert!(bad.is_empty(), "{}: {bad:#?}", path.display());
        }
    }
}
