//! End-to-end behaviour of `build` on small fixture sites: both entry forms of
//! every type, languages, relations, base URLs, and the exact diagnostics for
//! each class of bad input.

mod support;
mod wellformed;

use chengguo::progress::Silent;
use chengguo::search::index::{BUNDLE, bundle_records};
use chengguo::{BuildOptions, Output};
use support::{Fixture, entry_content, has_page, page};

#[test]
fn builds_every_type_in_both_forms_and_languages() {
    let built = Fixture::new("minimal").build().unwrap();
    for path in [
        "index.html",
        "en/index.html",
        "achievements/nano-displacement/index.html",
        "en/achievements/nano-displacement/index.html",
        "parks/science-city/index.html",
        "en/parks/science-city/index.html",
        "policies/transfer-rules/index.html",
        "404.html",
        "en/404.html",
        "style.css",
    ] {
        assert!(has_page(&built, path), "missing {path}");
    }
    let zh = page(&built, "achievements/nano-displacement/index.html");
    assert!(zh.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    let entry = entry_content(&zh);
    for expected in [
        "纳米位移测量技术",
        "重庆理工大学",
        "2022年5月",
        "作价入股",
        "产业化",
        "赋权改革",
        "<h2 id=\"转化情况\">",
    ] {
        assert!(
            entry.contains(expected),
            "{expected} not in the entry:\n{entry}"
        );
    }
    let en = page(&built, "en/achievements/nano-displacement/index.html");
    assert!(en.contains("<html lang=\"en\">"));
    let entry = entry_content(&en);
    for expected in [
        "Nano-displacement measurement technology",
        "May 2022",
        "Equity investment",
        "Industrialization",
    ] {
        assert!(
            entry.contains(expected),
            "{expected} not in the entry:\n{entry}"
        );
    }
}

#[test]
fn yaml_form_gives_each_language_its_own_text_and_units() {
    let built = Fixture::new("minimal").build().unwrap();
    let zh = page(&built, "parks/science-city/index.html");
    assert!(zh.contains("<strong>77</strong> 个"), "{zh}");
    assert!(zh.contains("科学城以“一核五区”联动发展。"));
    let en = page(&built, "en/parks/science-city/index.html");
    assert!(
        en.contains(
            "<strong>77</strong><span class=\"figure-label\">New R&amp;D institutions</span>"
        ),
        "{en}"
    );
    assert!(en.contains("The science city grows as one core and five zones."));
    assert!(!entry_content(&en).contains("一核五区"));
}

#[test]
fn relations_are_resolved_both_ways() {
    let built = Fixture::new("minimal").build().unwrap();
    let achievement = page(&built, "achievements/nano-displacement/index.html");
    assert!(achievement.contains("<a href=\"/parks/science-city/\">西部(重庆)科学城</a>"));
    assert!(achievement.contains(
        "<a href=\"/policies/transfer-rules/\">重庆市进一步促进科技成果转化的实施细则</a>"
    ));
    // A Markdown link written @/parks/science-city points at the park in the page's language.
    assert!(achievement.contains("<a href=\"/parks/science-city/\">科学城</a>"));
    let park = page(&built, "parks/science-city/index.html");
    let hosted = &park[park.find("relation-hosted_achievements").unwrap()..];
    assert!(hosted.contains("/achievements/nano-displacement/"));
    let sub_parks = &park[park.find("relation-sub_parks").unwrap()..];
    assert!(sub_parks.contains("/parks/beibei-zone/"));
    let zone = page(&built, "parks/beibei-zone/index.html");
    assert!(entry_content(&zone).contains("<a href=\"/parks/science-city/\">西部(重庆)科学城</a>"));
    let policy = page(&built, "policies/transfer-rules/index.html");
    assert!(
        policy[policy.find("relation-citing_achievements").unwrap()..]
            .contains("/achievements/nano-displacement/")
    );
}

#[test]
fn language_switcher_and_hreflang_point_at_the_same_entry() {
    let built = Fixture::new("minimal").build().unwrap();
    let zh = page(&built, "parks/science-city/index.html");
    assert!(
        zh.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"/en/parks/science-city/\">")
    );
    assert!(
        zh.contains("<link rel=\"alternate\" hreflang=\"zh-CN\" href=\"/parks/science-city/\">")
    );
    assert!(zh.contains("<a class=\"lang-switch\" href=\"/en/parks/science-city/\""));
    let en = page(&built, "en/parks/science-city/index.html");
    assert!(en.contains("<a class=\"lang-switch\" href=\"/parks/science-city/\""));
}

#[test]
fn missing_translation_is_marked_in_the_other_language() {
    let built = Fixture::new("minimal").build().unwrap();
    assert!(!has_page(&built, "en/policies/transfer-rules/index.html"));
    let list = page(&built, "en/policies/index.html");
    assert!(
        list.contains("<span class=\"only-in\">Chinese only</span>"),
        "{list}"
    );
    assert!(
        list.contains("<a href=\"/policies/transfer-rules/\" lang=\"zh-CN\" hreflang=\"zh-CN\">")
    );
    let zh = page(&built, "policies/transfer-rules/index.html");
    assert!(!zh.contains("hreflang=\"en\" href=\"/en/policies/transfer-rules/\""));
    assert!(zh.contains("<a class=\"lang-switch\" href=\"/en/policies/\""));
}

#[test]
fn missing_translation_can_be_hidden() {
    let fixture = Fixture::new("minimal");
    let config = std::fs::read_to_string(fixture.root().join("config.yaml")).unwrap();
    fixture.write(
        "config.yaml",
        config.replace("missing_translation: mark", "missing_translation: hide"),
    );
    let built = fixture.build().unwrap();
    assert!(!page(&built, "en/policies/index.html").contains("transfer-rules"));
    assert!(page(&built, "policies/index.html").contains("transfer-rules"));
}

#[test]
fn every_internal_link_carries_a_sub_path_base_url() {
    let options = BuildOptions {
        base_url: Some("https://example.org/showcase".into()),
        ..Default::default()
    };
    let built = Fixture::new("minimal").build_with(&options).unwrap();
    let mut checked = 0;
    for file in built.files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8(file.bytes.clone()).unwrap();
        for attribute in ["href=\"", "src=\"", "action=\""] {
            for (index, _) in html.match_indices(attribute) {
                let value = &html[index + attribute.len()..];
                let value = &value[..value.find('"').unwrap()];
                checked += 1;
                assert!(
                    value.starts_with("/showcase/")
                        || value.starts_with("https://example.org/showcase/")
                        || value.starts_with('#'),
                    "{}: {attribute}{value}\" ignores the base URL",
                    file.path
                );
            }
        }
    }
    assert!(checked > 100, "only {checked} links checked");
    let park = page(&built, "parks/science-city/index.html");
    assert!(park.contains(
        "<link rel=\"canonical\" href=\"https://example.org/showcase/parks/science-city/\">"
    ));
}

#[test]
fn lists_are_paginated() {
    let built = Fixture::new("minimal").build().unwrap();
    // page_size is 2 and there are two parks and, with the English marker, one policy.
    assert!(has_page(&built, "parks/index.html"));
    assert!(!has_page(&built, "parks/page/2/index.html"));
    let fixture = Fixture::new("minimal");
    fixture.write(
        "content/parks/bishan-zone.yaml",
        "title: {zh: 璧山片区, en: Bishan Zone}\nkind: science-city-zone\nparent: science-city\n",
    );
    let built = fixture.build().unwrap();
    let second = page(&built, "parks/page/2/index.html");
    assert!(second.contains("rel=\"prev\" href=\"/parks/\""));
    assert!(page(&built, "parks/index.html").contains("rel=\"next\" href=\"/parks/page/2/\""));
}

#[test]
fn vocabulary_values_have_their_own_pages() {
    let built = Fixture::new("minimal").build().unwrap();
    let stage = page(&built, "achievements/stage/industrialization/index.html");
    assert!(stage.contains("/achievements/nano-displacement/"));
    assert!(
        page(&built, "en/achievements/stage/industrialization/index.html")
            .contains("Stage: Industrialization")
    );
    assert!(page(&built, "parks/kind/index.html").contains("/parks/kind/science-city/"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let fixture = Fixture::new("minimal");
    fixture.write(
        "content/parks/draft-park.yaml",
        "title: {zh: 草稿园区, en: Draft park}\nkind: science-city\ndraft: true\n",
    );
    assert!(!has_page(
        &fixture.build().unwrap(),
        "parks/draft-park/index.html"
    ));
    let with_drafts = fixture
        .build_with(&BuildOptions {
            include_drafts: true,
            ..Default::default()
        })
        .unwrap();
    assert!(has_page(&with_drafts, "parks/draft-park/index.html"));
}

#[test]
fn output_is_identical_from_one_build_to_the_next() {
    let fixture = Fixture::new("minimal");
    let first = fixture.build().unwrap().files;
    let second = fixture.build().unwrap().files;
    assert_eq!(first, second);
}

#[test]
fn hostile_text_is_escaped_and_raw_html_in_markdown_too() {
    let fixture = Fixture::new("minimal");
    fixture.write(
        "content/parks/hostile.zh.md",
        "---\ntitle: \"<script>alert(1)</script>\"\nkind: 科学城\naddress: '\" onmouseover=\"x'\n---\n\n<img src=x onerror=alert(1)>\n\n[link](javascript:alert(1))\n",
    );
    let built = fixture.build().unwrap();
    let html = page(&built, "parks/hostile/index.html");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<img src=x"));
    assert!(!html.contains("javascript:"));
    assert!(!html.contains("\" onmouseover=\"x"));
}

#[test]
fn every_page_is_well_formed() {
    let built = Fixture::new("minimal").build().unwrap();
    for file in built.files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8(file.bytes.clone()).unwrap();
        if let Err(problem) = wellformed::check(&html) {
            panic!("{}: {problem}", file.path);
        }
    }
}

// Bad input: every class gives an exact diagnostic naming file, line and field.

#[test]
fn errors_on_malformed_yaml() {
    let fixture = Fixture::new("minimal");
    fixture.write(
        "content/parks/broken.yaml",
        "title: {zh: 园区, en: Park\nkind: 科学城\n",
    );
    assert_eq!(
        fixture.errors(),
        [
            "content/parks/broken.yaml:1:8: error: the map opened here with { is not closed with } (close the map with } and separate its entries with commas)"
        ]
    );
}

#[test]
fn errors_on_unclosed_front_matter() {
    let fixture = Fixture::new("minimal");
    fixture.write(
        "content/parks/open.zh.md",
        "---\ntitle: 园区\nkind: 科学城\n\n正文\n",
    );
    assert_eq!(
        fixture.errors(),
        [
            "content/parks/open.zh.md:1:1: error: unclosed front matter: the `---` on line 1 has no closing `---` line (add a line `---` after the last field)"
        ]
    );
}

#[test]
fn errors_on_missing_front_matter() {
    let fixture = Fixture::new("minimal");
    fixture.write("content/parks/bare.zh.md", "# 园区\n");
    assert_eq!(
        fixture.errors(),
        [
            "content/parks/bare.zh.md:1:1: error: a Markdown entry must start with front matter: a line `---`, the fields, then another `---`"
        ]
    );
}

#[test]
fn errors_on_unknown_field_with_suggestion_counting_lines_from_file_top() {
    let fixture = Fixture::new("minimal");
    fixture.write(
        "content/parks/typo.zh.md",
        "---\ntitle: 园区\nkind: 科学城\nadress: 北碚\n---\n",
    );
    assert_eq!(
        fixture.errors(),
        [
            "content/parks/typo.zh.md:4:1: error: field \"adress\": unknown field \"adress\" (did you mean address?)"
        ]
    );
}

#[test]
fn errors_on_unknown_vocabulary_value_with_suggestion() {
    let fixture = Fixture::new("minimal");
    fixture.write(
        "content/achievements/typo.zh.md",
        "---\ntitle: 成果\nstage: 中式\nfield: 生物医学\n---\n",
    );
    assert_eq!(
        fixture.errors(),
        [
            "content/achievements/typo.zh.md:3:8: error: field \"stage\": unknown value \"中式\" (did you mean 中试?)",
            "content/achievements/typo.zh.md:4:8: error: field \"field\": unknown value \"生物医学\" (did you mean 生物医药?)",
        ]
    );
}

#[test]
fn errors_on_bad_dates() {
    let fixture = Fixture::new("minimal");
    fixture.write(
        "content/policies/dated.yaml",
        "title: {zh: 政策, en: Policy}\nwritten: 2023-02-30\npublished: 2023/05/01\n",
    );
    assert_eq!(
        fixture.errors(),
        [
            "content/policies/dated.yaml:2:10: error: field \"written\": \"2023-02-30\" is not a day of the calendar",
            "content/policies/dated.yaml:3:12: error: field \"published\": \"2023/05/01\" is not a date; write 2023, 2023-05 or 2023-05-30",
        ]
    );
}

#[test]
fn errors_on_unknown_reference_with_suggestion() {
    let fixture = Fixture::new("minimal");
    fixture.write(
        "content/achievements/orphan.zh.md",
        "---\ntitle: 成果\npark: science-cty\npolicies:\n  - transfer-rules\n  - no-such-policy\n---\n",
    );
    assert_eq!(
        fixture.errors(),
        [
            "content/achievements/orphan.zh.md:3:7: error: unknown park \"science-cty\" (did you mean science-city?)",
            "content/achievements/orphan.zh.md:6:5: error: unknown policy \"no-such-policy\" (no file content/policies/no-such-policy.* exists)",
        ]
    );
}

#[test]
fn errors_on_duplicate_slug_across_forms_and_folders() {
    let fixture = Fixture::new("minimal");
    fixture.write(
        "content/parks/science-city.zh.md",
        "---\ntitle: 科学城\nkind: 科学城\n---\n",
    );
    fixture.write(
        "content/policies/2020/transfer-rules.zh.md",
        "---\ntitle: 细则\n---\n",
    );
    assert_eq!(
        fixture.errors(),
        [
            "content/parks/science-city.yaml:1:1: error: duplicate slug \"science-city\": park is already written in content/parks/science-city.zh.md (each entry has one slug; rename one of the files)",
            "content/policies/transfer-rules.zh.md:1:1: error: duplicate slug \"transfer-rules\": policy is already written in content/policies/2020/transfer-rules.zh.md (each entry has one slug; rename one of the files)",
        ]
    );
}

#[test]
fn errors_on_file_that_is_not_utf8() {
    let fixture = Fixture::new("minimal");
    let mut bytes = "---\ntitle: 园区\nkind: ".as_bytes().to_vec();
    bytes.extend([0xbf, 0xc6, 0xd1, 0xa7]); // 科学 in GBK
    bytes.extend(b"\n---\n");
    fixture.write("content/parks/gbk.zh.md", bytes);
    assert_eq!(
        fixture.errors(),
        [
            "content/parks/gbk.zh.md:3:7: error: the file is not UTF-8 text (save it as UTF-8 in your editor)"
        ]
    );
}

#[test]
fn errors_on_bad_slugs_in_file_names_and_references() {
    let fixture = Fixture::new("minimal");
    fixture.write("content/parks/My Park.yaml", "title: 园区\nkind: 科学城\n");
    fixture.write(
        "content/parks/a..b.zh.md",
        "---\ntitle: 园区\nkind: 科学城\n---\n",
    );
    fixture.write("content/parks/no-language.md", "---\ntitle: 园区\n---\n");
    fixture.write(
        "content/parks/zone.zh.md",
        "---\ntitle: 片区\nkind: 科学城\nparent: ../science-city\n---\n",
    );
    fixture.write(
        "content/achievements/slash.zh.md",
        "---\ntitle: 成果\npark: parks/science-city\n---\n",
    );
    assert_eq!(
        fixture.errors(),
        [
            "content/achievements/slash.zh.md:3:7: error: field \"park\": \"parks/science-city\" is not a slug; a slug is lowercase ASCII letters, digits and hyphens (write the file name of the park without its extension)",
            "content/parks/My Park.yaml: error: \"My Park\" is not a valid slug: use lowercase ASCII letters, digits and hyphens (e.g. nano-displacement-measurement)",
            "content/parks/a..b.zh.md: error: \"a..b\" is not a valid slug: use lowercase ASCII letters, digits and hyphens (e.g. nano-displacement-measurement)",
            "content/parks/no-language.md: error: \"no-language.md\" does not say its language; name it no-language.zh.md or no-language.en.md",
            "content/parks/zone.zh.md:4:9: error: field \"parent\": \"../science-city\" is not a slug; a slug is lowercase ASCII letters, digits and hyphens (write the file name of the park without its extension)",
        ]
    );
}

#[test]
fn errors_on_missing_required_fields_and_wrong_kinds() {
    let fixture = Fixture::new("minimal");
    fixture.write(
        "content/parks/empty.yaml",
        "summary: {zh: 简介, en: Summary}\nfigures: 12\nwebsite: javascript:alert(1)\n",
    );
    assert_eq!(
        fixture.errors(),
        [
            "content/parks/empty.yaml:1:1: error: field \"kind\": missing field \"kind\" (required: Kind / 类型)",
            "content/parks/empty.yaml:1:1: error: field \"title\": missing field \"title\" (every entry needs a title in each language it is written in)",
            "content/parks/empty.yaml:2:10: error: field \"figures\": expected {label, value, unit, year}, found a number",
            "content/parks/empty.yaml:3:10: error: field \"website\": \"javascript:alert(1)\" is not a web address (write it as https://…)",
        ]
    );
}

#[test]
fn errors_on_required_field_left_blank() {
    let fixture = Fixture::new("minimal");
    fixture.write(
        "content/parks/blank.zh.md",
        "---\ntitle:\nkind: 科学城\n---\n",
    );
    fixture.write(
        "content/parks/blank-kind.yaml",
        "title: {zh: 园区, en: Park}\nkind: \"\"\n",
    );
    assert_eq!(
        fixture.errors(),
        [
            "content/parks/blank-kind.yaml:2:1: error: field \"kind\": the required field \"kind\" is blank (required: Kind / 类型)",
            "content/parks/blank.zh.md:2:1: error: field \"title\": the required field \"title\" is blank (required: Title / 标题)",
        ]
    );
}

#[test]
fn errors_when_languages_disagree_on_a_shared_field() {
    let fixture = Fixture::new("minimal");
    fixture.write(
        "content/achievements/nano-displacement.en.md",
        "---\ntitle: Nano-displacement measurement\nstage: pilot\n---\n",
    );
    assert_eq!(
        fixture.errors(),
        [
            "content/achievements/nano-displacement.en.md:3:1: error: field \"stage\": the value differs from the one in content/achievements/nano-displacement.zh.md (line 7); language-independent fields must agree (write it in one of the two files only)"
        ]
    );
}

#[test]
fn reports_every_problem_in_every_file_at_once() {
    let fixture = Fixture::new("minimal");
    fixture.write(
        "content/parks/one.zh.md",
        "---\ntitle: 一\nkind: 科学成\n---\n",
    );
    fixture.write(
        "content/parks/two.zh.md",
        "---\ntitle: 二\nkind: 科学城\nlevel: 国家\n---\n",
    );
    fixture.write("content/policies/three.yaml", "title: [\n");
    let errors = fixture.errors();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(errors[0].starts_with("content/parks/one.zh.md:3:7:"));
    assert!(errors[1].starts_with("content/parks/two.zh.md:4:8:"));
    assert!(errors[2].starts_with("content/policies/three.yaml:"));
}

#[test]
fn errors_on_bad_configuration() {
    let fixture = Fixture::new("minimal");
    let config = std::fs::read_to_string(fixture.root().join("config.yaml")).unwrap();
    fixture.write(
        "config.yaml",
        config.replace("page_size: 2", "page_size: -1\nlanguage: zh"),
    );
    assert_eq!(
        fixture.errors(),
        [
            "config.yaml:7:1: error: field \"page_size\": expected a whole number from 1 to 10000",
            "config.yaml:8:1: error: field \"language\": unknown setting \"language\" (did you mean languages?)",
        ]
    );
}

#[test]
fn builds_the_bundled_site_with_every_entry_in_both_languages() {
    let root = support::repo();
    let built = chengguo::build(&root, &BuildOptions::default(), Output::Memory, &Silent)
        .unwrap_or_else(|d| panic!("{:#?}", d.sorted()));
    assert!(built.warnings.is_empty(), "{:#?}", built.warnings.sorted());
    let count = |folder: &str| {
        built
            .site
            .entries
            .iter()
            .filter(|e| e.entry_type.folder() == folder)
            .count()
    };
    assert!(count("achievements") >= 12 && count("parks") >= 12 && count("policies") >= 10);
    for entry in &built.site.entries {
        for prefix in ["", "en/"] {
            let path = format!(
                "{prefix}{}/{}/index.html",
                entry.entry_type.folder(),
                entry.slug
            );
            assert!(has_page(&built, &path), "{path} missing");
        }
    }
    for file in built.files.iter().filter(|f| f.path.ends_with(".html")) {
        if let Err(problem) = wellformed::check(&String::from_utf8(file.bytes.clone()).unwrap()) {
            panic!("{}: {problem}", file.path);
        }
    }
    // A figure's year is noted in the brackets of the page's language.
    let dated = built
        .site
        .entries
        .iter()
        .find_map(|entry| match &entry.details {
            chengguo::entry::Details::Park(park) => park
                .figures
                .iter()
                .find_map(|f| Some((&entry.slug, f.year?))),
            _ => None,
        })
        .expect("a bundled park has a figure with a year");
    let (slug, year) = dated;
    let zh = page(&built, &format!("parks/{slug}/index.html"));
    let en = page(&built, &format!("en/parks/{slug}/index.html"));
    assert!(zh.contains(&format!("（{year}）</span>")), "{zh}");
    assert!(!zh.contains(&format!("({year})</span>")));
    assert!(en.contains(&format!(" ({year})</span>")), "{en}");
}

#[test]
fn a_theme_without_the_body_mark_gets_the_same_search_index() {
    // Without the mark the index finds each body in its page by the body's
    // own text; the text is taken as each entry page is made, while the site
    // still holds the bodies' HTML, so both builds can let go of it after.
    let marked = Fixture::new("minimal");
    let unmarked = Fixture::new("minimal");
    let template = unmarked.root().join("themes/default/templates/entry.html");
    let source = std::fs::read_to_string(&template).unwrap();
    assert!(source.contains("data-entry-body"));
    unmarked.write(
        "themes/default/templates/entry.html",
        source.replace("data-entry-body", "data-x"),
    );
    let index = |built: &chengguo::Built| {
        let files: Vec<_> = built
            .files
            .iter()
            .filter(|f| f.path.starts_with("search-index/"))
            .cloned()
            .collect();
        assert!(files.len() > 4);
        files
    };
    let with_mark = marked.build().unwrap();
    let without_mark = unmarked.build().unwrap();
    for built in [&with_mark, &without_mark] {
        assert!(built.site.entries.iter().all(|e| {
            [&e.body_zh, &e.body_en]
                .into_iter()
                .flatten()
                .all(|body| body.html.is_empty())
        }));
    }
    assert_eq!(index(&with_mark), index(&without_mark));
}

#[test]
fn the_index_holds_exactly_the_text_inside_data_entry_on_every_entry_page_of_the_bundled_site() {
    // Issue 16: the index's text is taken as each page is made, no longer
    // read back from the output; it must still be the text of the page the
    // reader gets, on every page.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let built = chengguo::build(root, &BuildOptions::default(), Output::Memory, &Silent)
        .expect("the bundled site builds");
    let file = |path: &str| {
        built
            .files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{path} is missing"))
    };
    let site = &built.site;
    let mut compared = 0;
    for lang in site.config.ordered_languages() {
        let manifest: serde_json::Value = serde_json::from_slice(
            &file(&format!("search-index/{}/manifest.json", lang.code())).bytes,
        )
        .unwrap();
        let count = manifest["count"].as_u64().unwrap() as usize;
        // The index's records by the page they stand for (`en/parks/x/`).
        let records: std::collections::HashMap<String, serde_json::Value> = (0..count
            .div_ceil(BUNDLE))
            .flat_map(|bundle| {
                let path = format!("search-index/{}/d/{bundle}.bin", lang.code());
                bundle_records(&file(&path).bytes)
            })
            .map(|json| {
                let record: serde_json::Value = serde_json::from_slice(&json).unwrap();
                (record[0].as_str().unwrap().to_string(), record)
            })
            .collect();
        let mut pages = 0;
        for (id, entry) in site.entries.iter().enumerate() {
            if !entry.has_language(lang) {
                continue;
            }
            pages += 1;
            let url = format!(
                "{}{}/{}/",
                site.config.language_prefix(lang),
                entry.entry_type.folder(),
                entry.slug
            );
            let path = format!("{url}index.html");
            let html = std::str::from_utf8(&file(&path).bytes).unwrap();
            let page = chengguo::search::page_text(site, lang, id, html).unwrap();
            let record = &records[&url];
            assert_eq!(record[4].as_str(), Some(page.text.as_str()), "{path}");
            let body_start = page.text[..page.body_start].encode_utf16().count();
            assert_eq!(record[3].as_u64(), Some(body_start as u64), "{path}");
            compared += 1;
        }
        assert_eq!(pages, count, "one record per entry page in {}", lang.code());
    }
    assert!(compared > 100, "only {compared} pages compared");
}
