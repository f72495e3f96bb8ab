//! Every command run as the README runs it: from the site's folder with no
//! `--root`, or from another folder with a relative `--root` (the way
//! `serve` once missed every edit). Each must find the site and write where
//! it says.

mod support;

use std::path::Path;
use std::process::{Command, Output};

fn chengguo(dir: &Path, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_chengguo"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The `minimal` fixture with the default theme in `parent/site`, and an
/// empty `parent/elsewhere` beside it.
fn sites(parent: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let site = parent.join("site");
    support::copy_tree(&support::repo().join("tests/fixtures/minimal"), &site);
    support::copy_tree(
        &support::repo().join("themes/default"),
        &site.join("themes/default"),
    );
    let elsewhere = parent.join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    (site, elsewhere)
}

#[test]
fn every_command_works_from_the_site_folder_without_root() {
    let dir = tempfile::tempdir().unwrap();
    let (site, _) = sites(dir.path());
    chengguo(&site, &["check"]);
    chengguo(&site, &["build"]);
    assert!(site.join("public/parks/science-city/index.html").is_file());
    let new = chengguo(&site, &["new", "park", "new-park", "--yaml"]);
    let printed = String::from_utf8_lossy(&new.stdout);
    assert!(
        printed.trim().ends_with("content/parks/new-park.yaml"),
        "{printed}"
    );
    assert!(site.join("content/parks/new-park.yaml").is_file());
    chengguo(&site, &["schema", "--out", "schemas"]);
    assert!(site.join("schemas/config.schema.json").is_file());
}

#[test]
fn every_command_works_with_a_relative_root_from_another_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (site, elsewhere) = sites(dir.path());
    chengguo(&elsewhere, &["check", "--root", "../site"]);
    chengguo(&elsewhere, &["build", "--root", "../site"]);
    assert!(site.join("public/parks/science-city/index.html").is_file());
    chengguo(
        &elsewhere,
        &["build", "--root", "../site", "--output", "out"],
    );
    assert!(
        elsewhere
            .join("out/parks/science-city/index.html")
            .is_file()
    );
    chengguo(
        &elsewhere,
        &["new", "policy", "new-rules", "--root", "../site"],
    );
    assert!(site.join("content/policies/new-rules.zh.md").is_file());
    chengguo(
        &elsewhere,
        &["schema", "--root", "../site", "--out", "schemas"],
    );
    assert!(elsewhere.join("schemas/config.schema.json").is_file());
}
