//! Any text as a Markdown body: the HTML never holds an attribute or URL
//! outside the allow-list, and every removal is a warning.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use chengguo::config::{self, Config, Lang};
use chengguo::diag::Diagnostics;
use chengguo::parse::markdown::{Source, is_allowed_url, render_checked};
use libfuzzer_sys::fuzz_target;

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        config::parse("title: {zh: 站, en: Site}\ndescription: {zh: 站, en: Site}\n")
            .expect("a valid configuration")
    })
}

/// The start tags of pulldown-cmark's HTML: text never holds a raw `<`, and
/// attribute values are double-quoted and escaped.
fn start_tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        let (name, mut attributes_text) = tag.split_once(' ').unwrap_or((tag, ""));
        let mut attributes = Vec::new();
        while let Some((attribute, after)) = attributes_text.trim_start().split_once("=\"") {
            let close = after.find('"').unwrap_or(after.len());
            let value = after[..close]
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            attributes.push((attribute.trim().to_ascii_lowercase(), value));
            attributes_text = &after[(close + 1).min(after.len())..];
        }
        tags.push((name.to_ascii_lowercase(), attributes));
        rest = &rest[end..];
    }
    tags
}

fuzz_target!(|markdown: &str| {
    let source = Source {
        path: Path::new("content/parks/x.zh.md"),
        first_line: 5,
        file_text: None,
    };
    let mut warnings = Diagnostics::new();
    let body = render_checked(markdown, Lang::Zh, config(), source, &mut warnings);
    for (name, attributes) in start_tags(&body.html) {
        assert!(
            ![
                "script", "iframe", "object", "embed", "style", "svg", "form"
            ]
            .contains(&name.as_str()),
            "<{name}> in {}",
            body.html
        );
        for (attribute, value) in attributes {
            // pulldown-cmark aligns table cells with a fixed style of its own.
            let cell_alignment = (name == "th" || name == "td")
                && attribute == "style"
                && [
                    "text-align: left",
                    "text-align: center",
                    "text-align: right",
                ]
                .contains(&value.as_str());
            assert!(
                !attribute.starts_with("on") && (attribute != "style" || cell_alignment),
                "{attribute}={value:?} in {}",
                body.html
            );
            if attribute == "href" || attribute == "src" {
                assert!(is_allowed_url(&value), "{value:?} in {}", body.html);
            }
        }
    }
});
