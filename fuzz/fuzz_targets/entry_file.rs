//! Any bytes as an entry file, in each form: reading it must end in a
//! document or diagnostics, never a panic, a hang or unbounded memory.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use chengguo::config::{self, Config, Lang};
use chengguo::diag::Diagnostics;
use chengguo::entry::EntryType;
use chengguo::load::{Form, SourceFile};
use chengguo::parse::document::parse_document;
use libfuzzer_sys::fuzz_target;

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        config::parse("title: {zh: 站, en: Site}\ndescription: {zh: 站, en: Site}\n")
            .expect("a valid configuration")
    })
}

fuzz_target!(|bytes: &[u8]| {
    for (form, name) in [
        (Form::Markdown(Lang::Zh), "x.zh.md"),
        (Form::Yaml, "x.yaml"),
    ] {
        let file = SourceFile {
            path: PathBuf::from("content/parks").join(name),
            entry_type: EntryType::Park,
            slug: "x".into(),
            form,
            bytes: bytes.to_vec(),
        };
        let mut diagnostics = Diagnostics::new();
        if let Some(document) = parse_document(&file, config(), &mut diagnostics) {
            assert_eq!(document.path, file.path);
        }
        for diagnostic in diagnostics.iter() {
            // Every place is inside the file.
            let lines = bytes.split(|b| *b == b'\n').count();
            assert!(diagnostic.line <= lines + 1, "{diagnostic}");
        }
    }
});
