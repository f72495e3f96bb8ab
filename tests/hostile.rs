//! Hostile content, tried as an attacker or a careless editor would: each input
//! class below asserts its outcome, either a specific clear diagnostic at its
//! place, or output in which the HTML check ([`html_safety`]) finds no event
//! handler, no script-scheme URL and no script, iframe, object or embed from
//! content. The XSS classes live in `tests/fixtures/hostile/`, which
//! `tests/browser/hostile.test.js` also opens in Chromium.

mod html_safety;
mod support;
mod wellformed;

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use chengguo::config::Lang;
use support::{Fixture, page};

/// The hostile fixture site, built once: every HTML page and every warning.
struct HostileSite {
    pages: Vec<(String, String)>,
    warnings: Vec<String>,
}

fn hostile_site() -> &'static HostileSite {
    static SITE: OnceLock<HostileSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let fixture = Fixture::new("hostile");
        let built = fixture
            .build()
            .unwrap_or_else(|errors| panic!("the hostile site must build: {errors:#?}"));
        let pages = built
            .files
            .iter()
            .filter(|file| file.path.ends_with(".html") || file.path.ends_with(".xml"))
            .map(|file| {
                (
                    file.path.clone(),
                    String::from_utf8(file.bytes.clone()).expect("pages are UTF-8"),
                )
            })
            .collect();
        let warnings = built
            .warnings
            .sorted()
            .iter()
            .map(ToString::to_string)
            .collect();
        HostileSite { pages, warnings }
    })
}

fn hostile_page(path: &str) -> &'static str {
    &hostile_site()
        .pages
        .iter()
        .find(|(p, _)| p == path)
        .unwrap_or_else(|| panic!("no page {path}"))
        .1
}

/// The warnings about `file` whose message starts with `start`.
fn warnings_about(file: &str, start: &str) -> Vec<&'static str> {
    hostile_site()
        .warnings
        .iter()
        .filter(|w| w.starts_with(file) && w.contains(start))
        .map(String::as_str)
        .collect()
}

// ---- Classes 1–13: script in every text field, Markdown attribute and URL syntax.

#[test]
fn no_page_of_the_hostile_site_has_script_from_content() {
    let site = hostile_site();
    assert!(site.pages.len() > 20, "{} pages", site.pages.len());
    let mut found = Vec::new();
    for (path, html) in &site.pages {
        for problem in html_safety::problems(html) {
            found.push(format!("{path}: {problem}"));
        }
        if path.ends_with(".html") {
            wellformed::check(html).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn plain_text_fields_of_every_type_and_the_config_show_their_html_as_text() {
    let achievement = hostile_page("achievements/xss/index.html");
    for shown in [
        "成果&lt;script&gt;window.__pwned",
        "简介&quot;&gt;&lt;img src=x onerror=",
        "单位&lt;svg onload=",
        "伙伴&lt;/li&gt;&lt;script&gt;",
        "标签&lt;script&gt;",
        "奖&lt;iframe src=",
        "联系&lt;a href=",
        "链接&lt;script&gt;",
        "站点&lt;script&gt;",
        "领域&lt;img src=x",
        "中试&lt;script&gt;",
        "重庆市&lt;script&gt;",
    ] {
        assert!(achievement.contains(shown), "missing {shown}");
    }
    let park = hostile_page("parks/xss-park/index.html");
    for shown in [
        "园区&lt;script&gt;",
        "地址&lt;script&gt;",
        "指标&lt;script&gt;",
    ] {
        assert!(park.contains(shown), "missing {shown}");
    }
    let policy = hostile_page("policies/xss-policy/index.html");
    for shown in [
        "机构&lt;img src=x",
        "&lt;/td&gt;&lt;script&gt;",
        "索引&#39; onmouseover=",
    ] {
        assert!(policy.contains(shown), "missing {shown}");
    }
}

#[test]
fn urls_in_fields_stay_inside_their_attribute() {
    let achievement = hostile_page("achievements/xss/index.html");
    assert!(achievement.contains(
        "href=\"https://example.org/%22onmouseover=%22window.__pwned=&#39;link.url&#39;\""
    ));
    let park = hostile_page("en/parks/xss-park/index.html");
    assert!(park.contains("href=\"https://example.org/%22%3E%3Cscript%3Ewindow.__pwned"));
}

#[test]
fn heading_attributes_are_cut_to_id_and_class_with_a_warning_each() {
    let file = "content/achievements/xss.zh.md";
    let removed = warnings_about(file, "heading attribute");
    assert_eq!(
        removed
            .iter()
            .map(|w| w.split(": warning").next().unwrap())
            .collect::<Vec<_>>(),
        [
            "content/achievements/xss.zh.md:21:7",
            "content/achievements/xss.zh.md:21:18",
            "content/achievements/xss.zh.md:21:28",
            "content/achievements/xss.zh.md:23:8"
        ]
    );
    assert_eq!(warnings_about(file, "heading id").len(), 1);
    assert_eq!(warnings_about(file, "heading class").len(), 1);
    let page = hostile_page("achievements/xss/index.html");
    assert!(page.contains("<h1 id=\"标题\">标题</h1>"), "{page}");
    assert!(page.contains("<h2 id=\"样式\" class=\"ok\">样式</h2>"));
    assert!(page.contains("<h3 id=\"编号\">编号</h3>"));
}

#[test]
fn every_script_scheme_link_and_image_is_removed_with_a_warning() {
    let file = "content/achievements/xss.en.md";
    let links = warnings_about(file, "the link to");
    // javascript:, a tab inside it, mixed case, vbscript:, data:, by reference, autolink.
    assert_eq!(links.len(), 7, "{links:#?}");
    let images = warnings_about(file, "the image");
    assert_eq!(images.len(), 2, "{images:#?}");
    let page = hostile_page("en/achievements/xss/index.html");
    // The links' text stays.
    assert!(page.contains("<p>js\nentity\ncase\nvb\ndata"), "{page}");
    assert!(page.contains("<a href=\"https://example.org\" title=\"t&quot; onmouseover=&quot;"));
    assert!(page.contains("title=\"t&quot; onerror=&quot;window.__pwned"));
}

#[test]
fn raw_html_blocks_and_tags_are_escaped_with_a_warning() {
    let warnings = warnings_about("content/achievements/xss.zh.md", "raw HTML was escaped");
    assert!(warnings.len() >= 7, "{warnings:#?}");
    assert!(warnings.iter().any(|w| w.contains("xss.zh.md:41:1:")));
    let page = hostile_page("achievements/xss/index.html");
    for escaped in [
        "&lt;script&gt;window.__pwned='raw-script'",
        "&lt;iframe src=\"javascript:alert('iframe')\"&gt;",
        "&lt;svg&gt;&lt;a xlink:href=",
        "&lt;form action=",
    ] {
        assert!(page.contains(escaped), "missing {escaped}");
    }
    let park = warnings_about("content/parks/xss-park.yaml", "raw HTML");
    assert_eq!(
        park.iter()
            .map(|w| w.split(": warning").next().unwrap())
            .collect::<Vec<_>>(),
        [
            "content/parks/xss-park.yaml:19:5",
            "content/parks/xss-park.yaml:21:5"
        ]
    );
}

#[test]
fn footnote_labels_become_escaped_ids() {
    let page = hostile_page("achievements/xss/index.html");
    assert!(page.contains("footnote-definition"), "{page}");
    assert!(!page.contains("onmouseover=\"alert('footnote')"));
    // Percent-escaped as well, to be an id without spaces and a valid fragment.
    assert!(page.contains("id=\"a%22%20onmouseover=%22alert(&#39;footnote&#39;)\""));
}

#[test]
fn template_syntax_in_content_is_shown_and_never_evaluated() {
    let page = hostile_page("achievements/xss/index.html");
    assert!(
        page.contains(
            "Template {{ config.title }} {% for x in [1] %}tera{% endfor %} {# comment #}."
        )
    );
    assert!(page.contains("{{ config.title }} {% if true %}tera{% endif %}"));
    let en = hostile_page("en/parks/xss-park/index.html");
    assert!(en.contains("Chongqing{{ config }}{% raw %}"));
}

// ---- Classes 14–19: bytes an editor's tools may write.

fn build_errors(fixture: &Fixture) -> Vec<String> {
    fixture.errors()
}

fn minimal() -> Fixture {
    Fixture::new("minimal")
}

const ENTRY: &str = "content/achievements/nano-displacement.zh.md";

#[test]
fn nul_in_a_field_is_an_error_at_its_place() {
    let fixture = minimal();
    fixture.write(ENTRY, "---\ntitle: 纳米\0位移\n---\n");
    let errors = build_errors(&fixture);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].starts_with(&format!("{ENTRY}:2:")), "{errors:#?}");
    assert!(errors[0].contains("malformed YAML"), "{errors:#?}");
}

#[test]
fn nul_in_a_body_is_replaced_not_passed_on() {
    let fixture = minimal();
    let text = std::fs::read_to_string(fixture.root().join(ENTRY)).unwrap();
    fixture.write(ENTRY, format!("{text}\nnul \0 here\n"));
    let built = fixture.build().unwrap();
    let html = page(&built, "achievements/nano-displacement/index.html");
    assert!(!html.contains('\0'));
    assert!(html.contains("nul \u{FFFD} here"));
}

#[test]
fn a_byte_order_mark_is_read_past() {
    let fixture = minimal();
    let text = std::fs::read_to_string(fixture.root().join(ENTRY)).unwrap();
    fixture.write(ENTRY, format!("\u{feff}{text}"));
    let yaml = "content/parks/science-city.yaml";
    let park = std::fs::read_to_string(fixture.root().join(yaml)).unwrap();
    fixture.write(yaml, format!("\u{feff}{park}"));
    let built = fixture.build().unwrap();
    assert!(page(&built, "achievements/nano-displacement/index.html").contains("纳米位移测量技术"));
    assert!(page(&built, "parks/science-city/index.html").contains("西部(重庆)科学城"));
}

#[test]
fn crlf_files_build_as_their_lf_twins() {
    let lf = minimal().build().unwrap();
    let fixture = minimal();
    for path in [ENTRY, "content/parks/science-city.yaml"] {
        let text = std::fs::read_to_string(fixture.root().join(path)).unwrap();
        fixture.write(path, text.replace('\n', "\r\n"));
    }
    let crlf = fixture.build().unwrap();
    for path in [
        "achievements/nano-displacement/index.html",
        "parks/science-city/index.html",
    ] {
        let strip = |html: String| html.replace("\r\n", "\n");
        assert_eq!(strip(page(&crlf, path)), page(&lf, path), "{path}");
    }
}

#[test]
fn non_utf8_is_an_error_at_the_first_bad_byte() {
    let fixture = minimal();
    fixture.write(ENTRY, b"---\ntitle: ok\nsummary: caf\xe9\n---\n");
    assert_eq!(
        build_errors(&fixture),
        [format!(
            "{ENTRY}:3:13: error: the file is not UTF-8 text (save it as UTF-8 in your editor)"
        )]
    );
}

#[test]
fn control_characters_in_values_do_not_reach_the_terminal() {
    let fixture = minimal();
    fixture.write(
        ENTRY,
        "---\ntitle: x\nstage: \"\\e[2J\\e]0;pwned\\a\"\n---\n",
    );
    let errors = build_errors(&fixture);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let report = chengguo::check::check(fixture.root());
    for diagnostic in &report.diagnostics {
        let shown = diagnostic.render(None, Lang::En);
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{shown:?}"
        );
    }
}

// ---- Classes 20–25: sizes and shapes that once hung or could exhaust memory.

fn quickly<T>(what: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = what();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    result
}

#[test]
fn deep_flow_nesting_in_front_matter_is_refused_before_parsing() {
    let fixture = minimal();
    fixture.write(
        ENTRY,
        format!("---\ntitle: x\ntags: {}\n---\n", "[".repeat(100_000)),
    );
    let errors = quickly(|| build_errors(&fixture));
    assert_eq!(
        errors,
        [format!(
            "{ENTRY}:3:38: error: the YAML nests deeper than 32 levels (nest less, or raise limits.depth in config.yaml)"
        )]
    );
}

#[test]
fn deep_block_nesting_in_a_yaml_entry_is_refused_before_parsing() {
    let fixture = minimal();
    let mut text = String::from("title: {zh: x}\nkind: science-city\n");
    for level in 0..200 {
        text.push_str(&format!("{}- k{level}:\n", "  ".repeat(level)));
    }
    fixture.write("content/parks/deep.yaml", text);
    let errors = quickly(|| build_errors(&fixture));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("content/parks/deep.yaml:35:")
            && errors[0].contains("nests deeper than 32 levels"),
        "{errors:#?}"
    );
}

#[test]
fn deep_nesting_in_the_configuration_is_refused() {
    let fixture = minimal();
    let config = std::fs::read_to_string(fixture.root().join("config.yaml")).unwrap();
    fixture.write(
        "config.yaml",
        format!("{config}search: {}\n", "{a: ".repeat(50_000)),
    );
    let errors = quickly(|| build_errors(&fixture));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("config.yaml:") && errors[0].contains("nests deeper than 32 levels"),
        "{errors:#?}"
    );
}

#[test]
fn a_file_over_the_size_limit_is_not_read() {
    let fixture = minimal();
    let mut text = String::from("---\ntitle: x\n---\n");
    text.push_str(&"长文 ".repeat(4 * 1024 * 1024 / 7 + 1_000_000));
    assert!(text.len() > 10 * 1024 * 1024);
    fixture.write(ENTRY, text);
    let errors = quickly(|| build_errors(&fixture));
    assert_eq!(
        errors,
        [format!(
            "{ENTRY}: error: the file is larger than 10 MB, the limit for one entry file (split it, or raise limits.file_size in config.yaml)"
        )]
    );
}

#[test]
fn the_size_limits_follow_the_configuration() {
    let fixture = minimal();
    let config = std::fs::read_to_string(fixture.root().join("config.yaml")).unwrap();
    fixture.write(
        "config.yaml",
        format!("{config}limits:\n  file_size: 64 KB\n  front_matter_size: 2 KB\n"),
    );
    fixture.write(
        "content/policies/long.zh.md",
        format!("---\ntitle: x\n---\n{}", "正文。".repeat(10_000)),
    );
    fixture.write(
        "content/policies/wide.zh.md",
        format!("---\ntitle: x\nsummary: {}\n---\n", "y".repeat(3000)),
    );
    let errors = build_errors(&fixture);
    assert_eq!(
        errors,
        [
            "content/policies/long.zh.md: error: the file is larger than 64 KB, the limit for one entry file (split it, or raise limits.file_size in config.yaml)".to_string(),
            "content/policies/wide.zh.md:3:2040: error: the front matter is larger than 2 KB, the limit (move long text into the Markdown body, or raise limits.front_matter_size in config.yaml)".to_string(),
        ]
    );
}

#[test]
fn an_alias_bomb_is_refused_quickly() {
    let fixture = minimal();
    let mut text = String::from("---\ntitle: x\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..12 {
        let items = vec![format!("*a{}", level - 1); 10].join(", ");
        text.push_str(&format!("a{level}: &a{level} [{items}]\n"));
    }
    text.push_str("---\n");
    fixture.write(ENTRY, text);
    let errors = quickly(|| build_errors(&fixture));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        errors[0],
        format!(
            "{ENTRY}:2:1: error: malformed YAML: repetition limit exceeded (its aliases (*name) repeat a value too many times; write the values out)"
        )
    );
}

// ---- Classes 26–29: links on disk.

#[cfg(unix)]
fn build_warnings(fixture: &Fixture) -> (Vec<String>, chengguo::Built) {
    let built = fixture.build().unwrap();
    let warnings = built
        .warnings
        .clone()
        .sorted()
        .iter()
        .map(ToString::to_string)
        .collect();
    (warnings, built)
}

#[cfg(unix)]
const SKIPPED: &str = "warning: this is a symbolic link and was skipped: chengguo does not follow links (copy the file or folder into the site instead of linking to it)";

#[cfg(unix)]
#[test]
fn a_symlinked_entry_file_is_skipped_with_a_warning() {
    let fixture = minimal();
    std::os::unix::fs::symlink(
        "/etc/passwd",
        fixture.root().join("content/parks/passwd.yaml"),
    )
    .unwrap();
    let (warnings, built) = build_warnings(&fixture);
    assert!(
        warnings.contains(&format!("content/parks/passwd.yaml: {SKIPPED}")),
        "{warnings:#?}"
    );
    assert!(!built.files.iter().any(|f| f.path.contains("passwd")));
}

#[cfg(unix)]
#[test]
fn a_symlinked_folder_and_a_loop_are_skipped_with_a_warning() {
    let fixture = minimal();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("outside.zh.md"),
        "---\ntitle: 外\n---\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path(),
        fixture.root().join("content/policies/linked"),
    )
    .unwrap();
    std::os::unix::fs::symlink("..", fixture.root().join("content/parks/loop")).unwrap();
    let (warnings, built) = build_warnings(&fixture);
    for link in ["content/policies/linked", "content/parks/loop"] {
        assert!(
            warnings.contains(&format!("{link}: {SKIPPED}")),
            "{warnings:#?}"
        );
    }
    assert!(!built.files.iter().any(|f| f.path.contains("outside")));
}

#[cfg(unix)]
#[test]
fn a_symlinked_type_folder_is_skipped_with_a_warning() {
    let fixture = minimal();
    let outside = tempfile::tempdir().unwrap();
    std::fs::rename(
        fixture.root().join("content/policies"),
        outside.path().join("policies"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("policies"),
        fixture.root().join("content/policies"),
    )
    .unwrap();
    let errors = build_errors(&fixture);
    assert!(
        errors.contains(&format!("content/policies: {SKIPPED}")),
        "{errors:#?}"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_in_static_is_not_copied() {
    let fixture = minimal();
    fixture.write("static/ok.txt", "ok");
    std::os::unix::fs::symlink("/etc/hostname", fixture.root().join("static/host.txt")).unwrap();
    std::os::unix::fs::symlink("/etc", fixture.root().join("static/etc")).unwrap();
    let (warnings, built) = build_warnings(&fixture);
    for link in ["static/etc", "static/host.txt"] {
        assert!(
            warnings.contains(&format!("{link}: {SKIPPED}")),
            "{warnings:#?}"
        );
    }
    assert!(built.files.iter().any(|f| f.path == "ok.txt"));
    assert!(
        !built
            .files
            .iter()
            .any(|f| f.path.starts_with("etc") || f.path == "host.txt")
    );
}

// ---- Classes 30–34: slugs, references and paths that try to leave their folder.

#[test]
fn file_names_that_are_not_slugs_are_errors() {
    let fixture = minimal();
    for name in [
        "Upper.zh.md",
        "成果.zh.md",
        "a..b.zh.md",
        "-x.yaml",
        "x y.zh.md",
    ] {
        fixture.write(
            &format!("content/achievements/{name}"),
            "---\ntitle: x\n---\n",
        );
    }
    let errors = build_errors(&fixture);
    assert_eq!(errors.len(), 5, "{errors:#?}");
    assert!(
        errors.iter().all(|e| e.contains("is not a valid slug")),
        "{errors:#?}"
    );
}

#[test]
fn reserved_looking_slugs_get_their_own_folder_and_overwrite_nothing() {
    let before = minimal().build().unwrap();
    let fixture = minimal();
    for slug in ["page", "index", "con", "nul", "search"] {
        fixture.write(
            &format!("content/achievements/{slug}.zh.md"),
            format!("---\ntitle: 保留名{slug}\n---\n"),
        );
    }
    let built = fixture.build().unwrap();
    let mut paths: Vec<&str> = built.files.iter().map(|f| f.path.as_str()).collect();
    let count = paths.len();
    paths.sort_unstable();
    paths.dedup();
    assert_eq!(paths.len(), count, "two files at one path");
    for slug in ["page", "index", "con", "nul", "search"] {
        let path = format!("achievements/{slug}/index.html");
        assert!(
            page(&built, &path).contains(&format!("保留名{slug}")),
            "{path}"
        );
    }
    for file in &before.files {
        assert!(paths.contains(&file.path.as_str()), "lost {}", file.path);
    }
    // The site's own search page is still the search page.
    assert!(page(&built, "search/index.html").contains("search-form"));
}

#[test]
fn references_and_static_paths_cannot_climb_out() {
    let fixture = minimal();
    fixture.write(
        ENTRY,
        "---\ntitle: x\npark: ../../etc/passwd\ncover: ../../etc/passwd\n---\n",
    );
    let errors = build_errors(&fixture);
    assert_eq!(
        errors,
        [
            format!(
                "{ENTRY}:3:7: error: field \"park\": \"../../etc/passwd\" is not a slug; a slug is lowercase ASCII letters, digits and hyphens (write the file name of the park without its extension)"
            ),
            format!(
                "{ENTRY}:4:8: error: field \"cover\": \"../../etc/passwd\" is not a path under static/ (e.g. images/cover.jpg)"
            ),
        ]
    );
}

#[test]
fn urls_in_fields_must_be_web_addresses() {
    let fixture = minimal();
    fixture.write(
        "content/parks/science-city.yaml",
        "title: {zh: 科学城}\nkind: 科学城\nwebsite: javascript:alert(1)\n",
    );
    let errors = build_errors(&fixture);
    assert_eq!(
        errors,
        [
            "content/parks/science-city.yaml:3:10: error: field \"website\": \"javascript:alert(1)\" is not a web address (write it as https://…)"
        ]
    );
}

#[test]
fn hidden_files_are_left_alone() {
    let fixture = minimal();
    fixture.write(
        "content/achievements/.evil.zh.md",
        "---\ntitle: <script>\n---\n",
    );
    fixture.write("content/achievements/.git/x.zh.md", "not even front matter");
    let built = fixture.build().unwrap();
    assert!(!built.files.iter().any(|f| f.path.contains("evil")));
}

// ---- Class 35: text that displays in another order than it is written.

#[test]
fn unbalanced_bidi_controls_warn_at_their_place() {
    let fixture = minimal();
    fixture.write(
        ENTRY,
        "---\ntitle: \"Invoice \u{202E}fdp.exe\"\ntags: [ok, \"\u{2067}balanced\u{2069}\"]\n---\n\nBody \u{2066}open\n",
    );
    let built = fixture.build().unwrap();
    let warnings: Vec<String> = built
        .warnings
        .sorted()
        .iter()
        .filter(|d| d.code() == "unbalanced-bidi")
        .map(|d| {
            format!(
                "{}:{}:{} {}",
                d.path.display(),
                d.line,
                d.column,
                d.field.clone().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        warnings,
        [format!("{ENTRY}:2:17 title"), format!("{ENTRY}:6:6 body")]
    );
}

#[cfg(unix)]
#[test]
fn check_does_not_count_a_linked_or_climbing_static_file_as_there() {
    let fixture = minimal();
    fixture.write("static/images/real.png", "png");
    std::os::unix::fs::symlink(
        "/etc/hostname",
        fixture.root().join("static/images/linked.png"),
    )
    .unwrap();
    let text = std::fs::read_to_string(fixture.root().join(ENTRY)).unwrap();
    fixture.write(
        ENTRY,
        format!("{text}\n![a](/images/real.png) ![b](/images/linked.png) ![c](/../config.yaml)\n"),
    );
    let report = chengguo::check::check(fixture.root());
    let missing: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.code() == "missing-file")
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        missing,
        [
            "\"/images/linked.png\" does not exist in the site",
            "\"/../config.yaml\" does not exist in the site"
        ]
    );
}
