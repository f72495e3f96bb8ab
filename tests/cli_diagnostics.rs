//! Diagnostics that were once in the wrong place or the wrong words (issue 16),
//! each reproduced on the `minimal` fixture with one file changed and checked
//! with `chengguo check` run from the site folder, as the README shows.

use std::fs;
use std::path::Path;
use std::process::Command;

mod support;

use support::{copy_tree, repo};

/// The `minimal` fixture with the default theme, `files` written over it.
fn site_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("tests/fixtures/minimal"), dir.path());
    copy_tree(
        &repo().join("themes/default"),
        &dir.path().join("themes/default"),
    );
    for (path, text) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

/// `chengguo check --root . ARGS` in `root`: exit code and standard output.
fn check(root: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_chengguo"))
        .current_dir(root)
        .args(["check", "--root", "."])
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

const ACHIEVEMENT: &str = "content/achievements/nano-displacement.zh.md";

/// The minimal site's Chinese achievement with one front-matter line replaced.
fn achievement_with(line: &str, replacement: &str) -> String {
    let text = fs::read_to_string(repo().join("tests/fixtures/minimal").join(ACHIEVEMENT)).unwrap();
    assert!(text.contains(line), "{line}");
    text.replacen(line, replacement, 1)
}

#[test]
fn an_editors_value_is_never_translated() {
    let text = achievement_with("stage: 产业化", "stage: park");
    let site = site_with(&[(ACHIEVEMENT, &text)]);
    let (code, out) = check(site.path(), &[]);
    assert_eq!(code, Some(1));
    assert!(
        out.contains(
            "content/achievements/nano-displacement.zh.md:7:8: 错误: 字段 \"stage\": 未知的值 \"park\"\n 7 | stage: park\n   |        ^^^^\n"
        ),
        "{out}"
    );
}

#[test]
fn a_bad_list_item_is_placed_at_its_own_text() {
    let text = achievement_with(
        "transfer_modes: [作价入股]",
        "transfer_modes: [作价入股, 作价]",
    );
    let site = site_with(&[(ACHIEVEMENT, &text)]);
    let (code, out) = check(site.path(), &["--lang", "en"]);
    assert_eq!(code, Some(1));
    assert!(
        out.contains(
            "content/achievements/nano-displacement.zh.md:8:24: error: field \"transfer_modes\": unknown value \"作价\"\n"
        ),
        "{out}"
    );
    let block = achievement_with(
        "transfer_modes: [作价入股]",
        "transfer_modes:\n  - 作价入股\n  - 作价",
    );
    let block_site = site_with(&[(ACHIEVEMENT, &block)]);
    let (_, out) = check(block_site.path(), &["--lang", "en"]);
    assert!(
        out.contains(
            "content/achievements/nano-displacement.zh.md:10:5: error: field \"transfer_modes\": unknown value \"作价\"\n"
        ),
        "{out}"
    );
}

#[test]
fn a_duplicate_key_is_placed_at_its_second_occurrence() {
    let text = achievement_with("tags: [赋权改革]", "tags: [赋权改革]\nstage: 中试");
    let site = site_with(&[(ACHIEVEMENT, &text)]);
    let (code, out) = check(site.path(), &[]);
    assert_eq!(code, Some(1));
    assert!(
        out.contains(
            "content/achievements/nano-displacement.zh.md:13:1: 错误: 同一个映射中的键 \"stage\" 写了两次\n 13 | stage: 中试\n    | ^^^^^\n  = 提示: 只保留其中一个：这个键在第 7 行也写了\n"
        ),
        "{out}"
    );
}

#[test]
fn a_full_width_colon_is_reported_on_its_own_line() {
    let text = achievement_with("summary: ", "summary：");
    let site = site_with(&[(ACHIEVEMENT, &text)]);
    let (code, out) = check(site.path(), &["--lang", "en"]);
    assert_eq!(code, Some(1));
    assert!(
        out.contains(
            "content/achievements/nano-displacement.zh.md:3:8: error: \"summary\" is followed by a full-width colon ：, which YAML does not read as a key's colon\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "  = help: use an ASCII colon: write `: ` (a colon and a space) after the key\n"
        ),
        "{out}"
    );
}

#[test]
fn a_tab_in_front_matter_is_explained_in_the_sites_language() {
    let text = achievement_with("date: 2022-05", "\tdate: 2022-05");
    let site = site_with(&[(ACHIEVEMENT, &text)]);
    let (code, out) = check(site.path(), &[]);
    assert_eq!(code, Some(1));
    assert!(
        out.contains(
            "content/achievements/nano-displacement.zh.md:4:1: 错误: 缩进中有制表符（Tab）：YAML 只能用空格缩进\n"
        ),
        "{out}"
    );
    assert!(out.contains("  = 提示: 请把制表符换成空格\n"), "{out}");
}

#[test]
fn an_unclosed_list_is_placed_where_it_opens_with_its_own_help() {
    let text = achievement_with("tags: [赋权改革]", "tags: [赋权改革");
    let site = site_with(&[(ACHIEVEMENT, &text)]);
    let (_, out) = check(site.path(), &["--lang", "en"]);
    assert!(
        out.contains(
            "content/achievements/nano-displacement.zh.md:12:7: error: the list opened here with [ is not closed with ]\n 12 | tags: [赋权改革\n    |       ^\n  = help: close the list with ] and separate its items with commas\n"
        ),
        "{out}"
    );
}

#[test]
fn a_reference_to_a_draft_is_said_to_be_one_once_per_reference() {
    let policy = "content/policies/transfer-rules.zh.md";
    let text = fs::read_to_string(repo().join("tests/fixtures/minimal").join(policy)).unwrap();
    let draft = text.replacen(
        "genre: 人大建议办理\n",
        "genre: 人大建议办理\ndraft: true\n",
        1,
    );
    let site = site_with(&[(policy, &draft)]);
    let (code, out) = check(site.path(), &["--lang", "en"]);
    assert_eq!(code, Some(1));
    let expected = "content/achievements/nano-displacement.zh.md:11:12: error: reference to the draft policy \"transfer-rules\", which is not published\n 11 | policies: [transfer-rules]\n    |            ^^^^^^^^^^^^^^\n  = help: remove `draft: true` from it, or remove the reference; build --drafts includes drafts to preview them\n";
    assert!(out.contains(expected), "{out}");
    assert_eq!(out.matches("transfer-rules\"").count(), 1, "{out}");
    assert!(!out.contains("unknown policy"), "{out}");
    // With drafts built too, the reference is fine.
    let output = Command::new(env!("CARGO_BIN_EXE_chengguo"))
        .current_dir(site.path())
        .args(["build", "--root", ".", "--drafts"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_yaml_entry_with_both_titles_blank_is_an_error_at_its_title() {
    // Referenced by nothing, so before it vanished and the check passed.
    let site = site_with(&[(
        "content/parks/blank-titles.yaml",
        "kind: 科学城\ntitle: {zh: \"\", en: \"  \"}\nsummary: {zh: 摘要, en: Summary}\n",
    )]);
    let (code, out) = check(site.path(), &["--lang", "en"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(
            "content/parks/blank-titles.yaml:2:1: error: field \"title\": the required field \"title\" is blank\n 2 | title: {zh: \"\", en: \"  \"}\n   | ^^^^^\n  = help: required: Title / 标题\n"
        ),
        "{out}"
    );
}

/// The minimal site with English as its default language.
fn english_site() -> tempfile::TempDir {
    site_with(&[(
        "config.yaml",
        &fs::read_to_string(repo().join("tests/fixtures/minimal/config.yaml"))
            .unwrap()
            .replace("default_language: zh", "default_language: en"),
    )])
}

/// `chengguo ARGS` in `dir`: exit code and standard error.
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_chengguo"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn new_and_usage_errors_speak_the_sites_language() {
    let site = site_with(&[]);
    assert_eq!(
        run(site.path(), &["new", "park", "science-city", "--root", "."]),
        (
            Some(2),
            "错误: slug 已被使用：content/parks/science-city.yaml 已经存在\n".to_string()
        )
    );
    assert_eq!(
        run(
            site.path(),
            &["build", "--root", ".", "--base-url", "ftp://x/"]
        )
        .1,
        "错误: --base-url：base_url 必须以 http://、https:// 或 / 开头，而不是 \"ftp://x/\"\n"
    );
    let english = english_site();
    assert_eq!(
        run(english.path(), &["new", "park", "science-city"]).1,
        "error: the slug is taken: content/parks/science-city.yaml already exists\n"
    );
}

#[test]
fn command_line_mistakes_speak_the_language_of_the_site_root_names() {
    let site = site_with(&[]);
    let elsewhere = tempfile::tempdir().unwrap();
    let root = site.path().to_str().unwrap();
    assert_eq!(
        run(elsewhere.path(), &["check", "--root", root, "--bogus"]),
        (
            Some(2),
            "错误: 未知的参数 `--bogus`\n  = 提示: 运行 chengguo help 查看用法\n".to_string()
        )
    );
    assert_eq!(
        run(site.path(), &["chek"]).1,
        "错误: 未知的命令 `chek`\n  = 提示: 你是不是要写 check？\n  = 提示: 运行 chengguo help 查看用法\n"
    );
    assert_eq!(
        run(site.path(), &["check", "--format", "xml"]).1,
        "错误: `xml` 不是 `--format <FORMAT>` 的可选值；可选的值是 `text, json, github, gitlab`\n  = 提示: 运行 chengguo help 查看用法\n"
    );
    assert_eq!(
        run(site.path(), &["new", "park"]).1,
        "错误: 缺少必需的参数：`<SLUG>`\n  = 提示: 运行 chengguo help 查看用法\n"
    );
    let english = english_site();
    let (code, stderr) = run(english.path(), &["check", "--bogus"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with("error: unexpected argument '--bogus'"),
        "{stderr}"
    );
    assert!(!stderr.contains("错误"), "{stderr}");
}

#[test]
fn usage_errors_speak_both_languages_where_the_site_is_unknown() {
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(
        run(empty.path(), &["check", "--root", "."]),
        (
            Some(2),
            "error: . has no config.yaml; pass the site's folder with --root\n错误: . 中没有 config.yaml；请用 --root 指定站点的文件夹\n"
                .to_string()
        )
    );
    let (code, stderr) = run(empty.path(), &["check", "--bogus"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with("error: unexpected argument '--bogus'"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("错误: 命令行用法有误（见上方的英文说明）；运行 chengguo help 查看用法\n"),
        "{stderr}"
    );
}

#[test]
fn a_help_names_the_real_folder_in_chinese_too() {
    let text = achievement_with("park: science-city", "park: zzz-unknown");
    let site = site_with(&[(ACHIEVEMENT, &text)]);
    let (code, out) = check(site.path(), &[]);
    assert_eq!(code, Some(1));
    assert!(
        out.contains("  = 提示: 不存在文件 content/parks/zzz-unknown.*\n"),
        "{out}"
    );
}
