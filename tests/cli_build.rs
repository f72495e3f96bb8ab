//! The `chengguo build` command as a user runs it: exit codes, the output
//! folder, and the last good site kept when a build fails.

mod support;

use std::process::Command;

use support::Fixture;

fn chengguo(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_chengguo"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_failed_build_keeps_the_last_good_site() {
    let fixture = Fixture::new("minimal");
    let root = fixture.root().to_str().unwrap();
    let output = chengguo(&["build", "--root", root]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page = fixture.root().join("public/parks/science-city/index.html");
    let before = std::fs::read(&page).unwrap();

    fixture.write("content/parks/science-city.yaml", "title: {zh: 科学城\n");
    // The fixture's default language is Chinese, so the build speaks it;
    // `--lang en` asks for English. The editor's path is never translated.
    let output = chengguo(&["build", "--root", root]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with(
            "content/parks/science-city.yaml:1:8: 错误: 这里用 { 开始的映射没有用 } 结束（请用 } 结束映射，并用逗号分隔各项）\n1 个错误\n生成失败；"
        ),
        "{stderr}"
    );
    let output = chengguo(&["build", "--root", root, "--lang", "en"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with(
            "content/parks/science-city.yaml:1:8: error: the map opened here with { is not closed with }"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("\n1 error\nbuild failed;"), "{stderr}");
    assert_eq!(std::fs::read(&page).unwrap(), before);
    let siblings: Vec<_> = std::fs::read_dir(fixture.root())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    // Only the lock file that the next build takes stays beside the output.
    assert!(
        !siblings.iter().any(|name| {
            let name = name.to_string_lossy();
            name.starts_with(".public") && name != ".public.lock"
        }),
        "{siblings:?}"
    );
}

#[test]
fn writes_to_the_output_folder_with_the_base_url() {
    let fixture = Fixture::new("minimal");
    let out = fixture.root().join("elsewhere");
    let output = chengguo(&[
        "build",
        "--root",
        fixture.root().to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--base-url",
        "/sub/",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let home = std::fs::read_to_string(out.join("en/index.html")).unwrap();
    assert!(home.contains("href=\"/sub/en/parks/\""));
    assert!(!fixture.root().join("public").exists());
}

#[test]
fn usage_errors_exit_with_two() {
    assert_eq!(
        chengguo(&["build", "--no-such-flag"]).status.code(),
        Some(2)
    );
    assert_eq!(chengguo(&["frobnicate"]).status.code(), Some(2));
    let empty = tempfile::tempdir().unwrap();
    let output = chengguo(&["build", "--root", empty.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("has no config.yaml"));
}

#[test]
fn a_bad_base_url_is_a_usage_error_named_as_such() {
    let fixture = Fixture::new("minimal");
    let output = chengguo(&[
        "build",
        "--root",
        fixture.root().to_str().unwrap(),
        "--base-url",
        "ftp://x/",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .starts_with("错误: --base-url：base_url 必须以 http://、https:// 或 / 开头")
    );
}

#[test]
fn a_second_build_of_the_same_output_fails_naming_the_one_running() {
    let fixture = Fixture::new("minimal");
    // Held as a running build holds it (the pid is this test's, for the message).
    let lock = std::fs::File::create(fixture.root().join(".public.lock")).unwrap();
    lock.try_lock().unwrap();
    std::fs::write(fixture.root().join(".public.lock"), "4242\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_chengguo"))
        .args(["build", "--root", "."])
        .current_dir(fixture.root())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("另一个构建（进程 4242）正在写入 ./public；"),
        "{stderr}"
    );
    assert!(!fixture.root().join("public").exists());
    // Unlocked explicitly: a child another test is spawning at this moment
    // holds a copy of the descriptor until it execs, and closing ours alone
    // would leave the lock to that copy.
    lock.unlock().unwrap();
    drop(lock);
    let output = chengguo(&["build", "--root", fixture.root().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn a_build_that_fails_on_its_content_still_puts_back_the_site_a_killed_build_moved_away() {
    let fixture = Fixture::new("minimal");
    let root = fixture.root().to_str().unwrap();
    assert_eq!(chengguo(&["build", "--root", root]).status.code(), Some(0));
    let page = fixture.root().join("public/parks/science-city/index.html");
    let before = std::fs::read(&page).unwrap();
    // What a build killed between the two renames of the fallback leaves.
    std::fs::rename(
        fixture.root().join("public"),
        fixture.root().join(".public.old-4000002"),
    )
    .unwrap();
    std::fs::create_dir(fixture.root().join(".public.tmp-4000002")).unwrap();
    fixture.write("content/parks/science-city.yaml", "title: {zh: 科学城\n");
    assert_eq!(chengguo(&["build", "--root", root]).status.code(), Some(1));
    assert_eq!(std::fs::read(&page).unwrap(), before);
    assert!(!fixture.root().join(".public.old-4000002").exists());
    assert!(!fixture.root().join(".public.tmp-4000002").exists());
}
