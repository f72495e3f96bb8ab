//! Exit codes CI can act on, for every command: 0 success, 1 content errors,
//! 2 usage errors, 3 when the output cannot be written.

mod support;

use std::process::Output;

use support::{Fixture, chengguo};

fn assert_exit(output: &Output, code: i32) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(code), "{stderr}");
    stderr
}

/// Places no process can write a folder to, even one running as root (as CI
/// containers often do, where a read-only mode would not stop it): below a
/// file, and inside /proc.
fn unwritable(fixture: &Fixture) -> Vec<String> {
    fixture.write("a-file", "not a folder");
    vec![
        "a-file/public".to_string(),
        "/proc/chengguo-cannot-write-here".to_string(),
    ]
}

#[test]
fn build_exits_3_when_the_output_cannot_be_written() {
    let fixture = Fixture::new("minimal");
    for output in unwritable(&fixture) {
        let result = chengguo(
            fixture.root(),
            &["build", "--lang", "en", "--output", &output],
        );
        let stderr = assert_exit(&result, 3);
        assert!(
            stderr.contains(&format!("{output}: error: cannot write the site: ")),
            "{stderr}"
        );
    }
}

#[test]
fn build_exits_1_on_content_errors_and_0_when_written() {
    let fixture = Fixture::new("minimal");
    assert_exit(&chengguo(fixture.root(), &["build"]), 0);
    fixture.write("content/parks/science-city.yaml", "title: {zh: 科学城\n");
    let stderr = assert_exit(&chengguo(fixture.root(), &["build", "--lang", "en"]), 1);
    assert!(
        stderr.contains("the map opened here with { is not closed with }"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_2_for_every_command() {
    let fixture = Fixture::new("minimal");
    let empty = tempfile::tempdir().unwrap();
    for args in [
        &["build", "--no-such-option"][..],
        &["build", "--base-url", "not a url"],
        &["check", "--format", "xml"],
        &["new", "gadget", "x"],
        &["new", "park", "Not_A_Slug"],
        &["schema"],
        &["serve", "--port", "not-a-port"],
        &["no-such-command"],
    ] {
        assert_exit(&chengguo(fixture.root(), args), 2);
    }
    // No config.yaml where the site should be.
    for args in [
        &["build"][..],
        &["check"],
        &["new", "park", "x"],
        &["schema", "--out", "schemas"],
        &["serve", "--port", "0"],
    ] {
        let stderr = assert_exit(&chengguo(empty.path(), args), 2);
        assert!(stderr.contains("config.yaml"), "{args:?}: {stderr}");
    }
}

#[test]
fn new_and_schema_exit_3_when_they_cannot_write() {
    let fixture = Fixture::new("minimal");
    // The folder for new parks is a file.
    std::fs::remove_dir_all(fixture.root().join("content/parks")).unwrap();
    fixture.write("content/parks", "not a folder");
    let stderr = assert_exit(&chengguo(fixture.root(), &["new", "park", "x"]), 3);
    // The minimal site speaks Chinese first.
    assert!(stderr.contains("错误: 无法写入 "), "{stderr}");
    for out in unwritable(&fixture) {
        let stderr = assert_exit(&chengguo(fixture.root(), &["schema", "--out", &out]), 3);
        assert!(stderr.contains("错误: 无法把模式文件写入 "), "{stderr}");
    }
}

#[test]
fn help_lists_the_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["--help"][..], &["build", "--help"], &["check", "--help"]] {
        let output = chengguo(dir.path(), args);
        assert_eq!(output.status.code(), Some(0));
        let help = String::from_utf8_lossy(&output.stdout);
        assert!(
            help.contains("3 the output cannot be written"),
            "{args:?}: {help}"
        );
    }
}

#[test]
fn init_exits_with_three_when_it_cannot_write_the_new_site() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_chengguo"))
        .args(["init"])
        .arg(file.join("site"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3), "{output:?}");
}
