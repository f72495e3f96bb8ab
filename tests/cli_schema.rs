//! `chengguo schema --out DIR`: the files it writes and what they are made of.
//! (tests/browser/schema.test.js validates content against them with Ajv.)

use std::path::PathBuf;
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn writes_eight_schemas_with_the_sites_vocabularies() {
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_chengguo"))
        .args(["schema", "--out"])
        .arg(out.path())
        .arg("--root")
        .arg(repo())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let printed = String::from_utf8(output.stdout).unwrap();
    assert_eq!(printed.lines().count(), 8, "{printed}");
    let read = |name: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(out.path().join(name)).unwrap()).unwrap()
    };
    let achievement = read("achievement.frontmatter.schema.json");
    assert_eq!(
        achievement["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let stages = achievement["properties"]["stage"]["anyOf"][0]["enum"]
        .as_array()
        .unwrap();
    for value in ["pilot", "中试", "Pilot testing"] {
        assert!(stages.iter().any(|v| v == value), "{value}");
    }
    let park = read("park.yaml.schema.json");
    assert_eq!(park["required"], serde_json::json!(["title", "kind"]));
    assert!(park["properties"]["body"].is_object());
    let config = read("config.schema.json");
    assert!(config["properties"]["vocabularies"]["properties"]["stages"].is_object());
    assert!(config["properties"]["open_data"]["properties"]["license"].is_object());
    // The open data's schema names the site's vocabulary keys.
    let open_data = read("open-data.schema.json");
    let stage = &open_data["$defs"]["achievement"]["properties"]["stage"]["anyOf"][0];
    let keys = stage["properties"]["key"]["enum"].as_array().unwrap();
    assert!(keys.iter().any(|k| k == "pilot"), "{stage}");
}

#[test]
fn needs_a_site_to_read_the_vocabularies_from() {
    let empty = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_chengguo"))
        .args(["schema", "--out"])
        .arg(empty.path().join("schemas"))
        .arg("--root")
        .arg(empty.path())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
    assert!(!empty.path().join("schemas").exists());
}
