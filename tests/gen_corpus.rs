//! The benchmark corpus generator (examples/gen_corpus) writes a site that
//! builds without a single diagnostic, and writes the same bytes every time.

#[allow(dead_code)]
#[path = "../examples/gen_corpus/corpus.rs"]
mod corpus;

use std::path::{Path, PathBuf};

use chengguo::progress::Silent;
use chengguo::{BuildOptions, Output};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chengguo-{name}-{}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    dir
}

fn vocab() -> corpus::Vocab {
    let config = chengguo::config::load(&repo()).expect("the repository's config loads");
    corpus::Vocab::from_config(&config)
}

fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn generated_corpus_builds_cleanly_with_the_real_theme() {
    let corpus = corpus::generate(200, 7, &vocab());
    assert_eq!(corpus.entries.len(), 200);
    assert_eq!(corpus.count(corpus::Kind::Achievement), 120);
    assert_eq!(corpus.count(corpus::Kind::Park), 30);
    assert_eq!(corpus.count(corpus::Kind::Policy), 50);
    assert!(corpus.entries.iter().any(|e| e.pair) && corpus.entries.iter().any(|e| !e.pair));
    assert!(corpus.entries.iter().any(|e| !e.english));

    let dir = scratch("gen-corpus");
    corpus::write_chengguo(&corpus, &dir, &repo()).unwrap();
    let built = match chengguo::build(&dir, &BuildOptions::default(), Output::Memory, &Silent) {
        Ok(built) => built,
        Err(diagnostics) => {
            let shown: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
            panic!("the generated corpus does not build:\n{}", shown.join("\n"));
        }
    };
    let warnings: Vec<String> = built.warnings.iter().map(|d| d.to_string()).collect();
    assert!(warnings.is_empty(), "warnings:\n{}", warnings.join("\n"));
    assert_eq!(built.site.entries.len(), 200);
    // Every entry has a page in Chinese; most in English too.
    let entry_pages = built
        .files
        .iter()
        .filter(|f| f.path.starts_with("achievements/achievement-") && f.path.ends_with(".html"))
        .count();
    assert_eq!(entry_pages, 120);
    // References resolved: some park page lists achievements hosted there.
    let park_page = built
        .files
        .iter()
        .find(|f| f.path.starts_with("parks/park-") && f.path.ends_with("index.html"))
        .expect("park pages");
    assert!(String::from_utf8_lossy(&park_page.bytes).contains("data-entry"));

    // A second run over the folder it wrote replaces it with the same bytes.
    let first = read_tree(&dir);
    corpus::write_chengguo(&corpus::generate(200, 7, &vocab()), &dir, &repo()).unwrap();
    assert_eq!(first, read_tree(&dir));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn generated_entries_have_realistic_sizes_and_relations() {
    let corpus = corpus::generate(300, 1, &vocab());
    for entry in &corpus.entries {
        assert!(
            (2000..5000).contains(&entry.body_zh.len()),
            "{}",
            entry.slug
        );
        if entry.english {
            assert!(
                (2000..4000).contains(&entry.body_en.len()),
                "{}",
                entry.slug
            );
        }
    }
    let has = |name: &str| {
        corpus
            .entries
            .iter()
            .any(|e| e.fields.iter().any(|(n, _)| *n == name))
    };
    for name in [
        "park", "policies", "parent", "related", "field", "kind", "status",
    ] {
        assert!(has(name), "no entry has {name}");
    }
}

#[test]
fn hugo_site_has_config_theme_and_one_file_per_language() {
    let corpus = corpus::generate(40, 3, &vocab());
    let dir = scratch("gen-corpus-hugo");
    let count = corpus::write_hugo(&corpus, &dir, 20).unwrap();
    let expected: usize = corpus
        .entries
        .iter()
        .map(|e| if e.english { 2 } else { 1 })
        .sum();
    assert_eq!(count, expected);
    let config = std::fs::read_to_string(dir.join("config.toml")).unwrap();
    assert!(config.contains("defaultContentLanguage = \"zh\""));
    assert!(config.contains("achievements_field"));
    assert!(dir.join("layouts/_default/single.html").is_file());
    let first = &corpus.entries[0];
    let text = std::fs::read_to_string(dir.join(format!(
        "content/{}/{}.zh.md",
        first.kind.folder(),
        first.slug
    )))
    .unwrap();
    assert!(text.starts_with("---\ntitle: "));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn refuses_to_overwrite_a_folder_it_did_not_write() {
    let dir = scratch("gen-corpus-foreign");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("keep.txt"), "mine").unwrap();
    assert!(corpus::prepare_dir(&dir).is_err());
    assert!(dir.join("keep.txt").is_file());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_build_is_identical_across_runs() {
    let dir = scratch("gen-corpus-twice");
    corpus::write_chengguo(&corpus::generate(120, 11, &vocab()), &dir, &repo()).unwrap();
    let first = chengguo::build(&dir, &BuildOptions::default(), Output::Memory, &Silent)
        .unwrap()
        .files;
    let second = chengguo::build(&dir, &BuildOptions::default(), Output::Memory, &Silent)
        .unwrap()
        .files;
    assert!(first.len() > 300);
    assert!(first == second, "two builds of the same site differ");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn rebuilding_into_an_existing_folder_equals_a_clean_build() {
    let dir = scratch("gen-corpus-rebuild");
    let site = dir.join("site");
    let corpus = corpus::generate(120, 5, &vocab());
    corpus::write_chengguo(&corpus, &site, &repo()).unwrap();
    let (updated, clean) = (dir.join("updated"), dir.join("clean"));
    chengguo::build(
        &site,
        &BuildOptions::default(),
        Output::Disk(&updated),
        &Silent,
    )
    .unwrap();

    // Edit one entry's title, delete another entry and add nothing else: pages
    // change, pages disappear, list pages shift.
    let edited = corpus
        .entries
        .iter()
        .find(|e| e.kind == corpus::Kind::Achievement && !e.pair)
        .expect("a one-file achievement");
    let path = site.join(format!("content/achievements/{}.yaml", edited.slug));
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("title: {zh: \"", "title: {zh: \"改 ", 1),
    )
    .unwrap();
    let removed = corpus
        .entries
        .iter()
        .find(|e| e.kind == corpus::Kind::Policy && !e.pair)
        .expect("a one-file policy");
    // Other entries may name it; drop those references with it.
    for entry in &corpus.entries {
        for (relative, text) in corpus::chengguo_files(entry) {
            let quoted = format!("\"{}\"", removed.slug);
            if text.contains(&quoted) {
                let kept = text
                    .replace(&format!("{quoted}, "), "")
                    .replace(&format!(", {quoted}"), "")
                    .replace(&format!("[{quoted}]"), "[]");
                std::fs::write(site.join(relative), kept).unwrap();
            }
        }
    }
    std::fs::remove_file(site.join(format!("content/policies/{}.yaml", removed.slug))).unwrap();

    chengguo::build(
        &site,
        &BuildOptions::default(),
        Output::Disk(&updated),
        &Silent,
    )
    .unwrap();
    chengguo::build(
        &site,
        &BuildOptions::default(),
        Output::Disk(&clean),
        &Silent,
    )
    .unwrap();
    let (updated_tree, clean_tree) = (read_tree(&updated), read_tree(&clean));
    assert!(
        updated_tree
            .iter()
            .any(|(path, bytes)| path.contains(&edited.slug)
                && String::from_utf8_lossy(bytes).contains("改 ")),
        "the edit reached the output"
    );
    assert!(
        !updated_tree
            .iter()
            .any(|(path, _)| path.contains(&removed.slug)),
        "the removed entry's pages are gone"
    );
    assert!(
        updated_tree == clean_tree,
        "an update in place differs from a clean build"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_build_streamed_to_disk_writes_exactly_the_files_of_a_build_in_memory() {
    let dir = scratch("gen-corpus-streamed");
    let site = dir.join("site");
    corpus::write_chengguo(&corpus::generate(150, 9, &vocab()), &site, &repo()).unwrap();
    let in_memory =
        chengguo::build(&site, &BuildOptions::default(), Output::Memory, &Silent).unwrap();
    let written = chengguo::build(
        &site,
        &BuildOptions::default(),
        Output::Disk(&dir.join("out")),
        &Silent,
    )
    .unwrap();
    let expected: Vec<(String, Vec<u8>)> = in_memory
        .files
        .into_iter()
        .map(|f| (f.path, f.bytes))
        .collect();
    assert_eq!(written.file_count, expected.len());
    assert_eq!(
        written.pages,
        expected
            .iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .count()
    );
    assert!(
        read_tree(&dir.join("out")) == expected,
        "disk and memory differ"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
