//! Per-page metadata end to end: unique titles across the bundled site, the
//! meta description, Open Graph and Twitter tags, and the schema.org JSON-LD
//! of entry pages (on the `identity` fixture, built for a full base URL).

mod support;

use std::collections::BTreeMap;

use chengguo::progress::Silent;
use chengguo::{BuildOptions, Output};
use support::{Fixture, page, repo};

/// The content of the first `<meta key="value">`: `meta(html, "property", "og:url")`.
fn meta(html: &str, key: &str, value: &str) -> Option<String> {
    let needle = format!("<meta {key}=\"{value}\" content=\"");
    let start = html.find(&needle)? + needle.len();
    let end = html[start..].find('"')?;
    Some(html[start..start + end].to_string())
}

/// The content of every `<meta key="value">`.
fn metas(html: &str, key: &str, value: &str) -> Vec<String> {
    let needle = format!("<meta {key}=\"{value}\" content=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let start = at + needle.len();
            html[start..start + html[start..].find('"').unwrap()].to_string()
        })
        .collect()
}

fn title(html: &str) -> &str {
    let start = html.find("<title>").expect("a title") + "<title>".len();
    &html[start..start + html[start..].find("</title>").unwrap()]
}

fn json_ld(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("JSON-LD") + open.len();
    let end = html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..start + end]).expect("JSON-LD is JSON")
}

#[test]
fn every_page_of_the_bundled_site_has_a_title_of_its_own_in_its_language() {
    let built =
        chengguo::build(&repo(), &BuildOptions::default(), Output::Memory, &Silent).unwrap();
    let mut seen: BTreeMap<(bool, String), String> = BTreeMap::new();
    let mut pages = 0;
    for file in built.files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&file.bytes);
        let key = (file.path.starts_with("en/"), title(&html).to_string());
        if let Some(other) = seen.insert(key.clone(), file.path.clone()) {
            panic!("{} and {} share the title {:?}", other, file.path, key.1);
        }
        pages += 1;
    }
    assert!(pages > 200, "{pages} pages compared");
}

#[test]
fn list_pages_after_the_first_say_their_number() {
    let fixture = Fixture::new("identity");
    for slug in ["second", "third"] {
        fixture.write(
            &format!("content/policies/{slug}.yaml"),
            format!("title: {{zh: 政策{slug}, en: Policy {slug}}}\npublished: 2019\n"),
        );
    }
    let built = fixture.build().unwrap();
    assert_eq!(
        title(&page(&built, "policies/index.html")),
        "政策文件 · 测试站点"
    );
    assert_eq!(
        title(&page(&built, "policies/page/2/index.html")),
        "政策文件 · 第2页 · 测试站点"
    );
    assert_eq!(
        title(&page(&built, "en/policies/page/2/index.html")),
        "Policies · Page 2 · Test site"
    );
}

#[test]
fn entry_pages_describe_themselves_to_previews_and_search_engines() {
    let built = Fixture::new("identity").build().unwrap();
    let html = page(&built, "achievements/nano-displacement/index.html");
    let url = "https://example.org/showcase/achievements/nano-displacement/";
    assert_eq!(
        meta(&html, "name", "description").unwrap(),
        "以作价入股方式实现转化。"
    );
    assert_eq!(
        meta(&html, "property", "og:title").unwrap(),
        "纳米位移测量技术"
    );
    assert_eq!(meta(&html, "property", "og:type").unwrap(), "article");
    assert_eq!(meta(&html, "property", "og:url").unwrap(), url);
    assert_eq!(meta(&html, "property", "og:locale").unwrap(), "zh_CN");
    assert_eq!(metas(&html, "property", "og:locale:alternate"), ["en_US"]);
    assert_eq!(meta(&html, "property", "og:site_name").unwrap(), "测试站点");
    assert_eq!(
        meta(&html, "property", "og:image").unwrap(),
        "https://example.org/showcase/images/cover.svg"
    );
    assert_eq!(meta(&html, "name", "twitter:card").unwrap(), "summary");
    let data = json_ld(&html);
    assert_eq!(data["@type"], "CreativeWork");
    assert_eq!(data["url"], url);
    assert_eq!(data["creator"][0]["name"], "重庆理工大学");
    assert_eq!(data["dateCreated"], "2022-05");

    // A page in one language names no other locale.
    let html = page(&built, "privacy/index.html");
    assert!(metas(&html, "property", "og:locale:alternate").is_empty());
    assert_eq!(meta(&html, "property", "og:type").unwrap(), "article");
    assert!(!html.contains("application/ld+json"));
}

#[test]
fn policy_and_park_json_ld_carry_what_their_types_define() {
    let built = Fixture::new("identity").build().unwrap();
    let policy = json_ld(&page(&built, "en/policies/transfer-rules/index.html"));
    assert_eq!(policy["@type"], "Legislation");
    assert_eq!(policy["legislationIdentifier"], "渝科局发〔2020〕1号");
    assert_eq!(policy["legislationDate"], "2020-04-10");
    assert_eq!(policy["datePublished"], "2020-09-16");
    assert_eq!(
        policy["legislationLegalForce"],
        "https://schema.org/InForce"
    );
    assert_eq!(
        policy["legislationPassedBy"]["@type"],
        "GovernmentOrganization"
    );
    // Markup in the content stays text, and cannot end the script element.
    assert_eq!(
        policy["description"],
        "Rules for transfer </script><!-- <b>kept as text</b> & more."
    );
    let html = page(&built, "en/policies/transfer-rules/index.html");
    let script = &html[html.find("application/ld+json").unwrap()..];
    let script = &script[..script.find("</script>").unwrap()];
    assert!(!script.contains('<') && !script.contains("&"), "{script}");

    let park = json_ld(&page(&built, "parks/science-city/index.html"));
    assert_eq!(park["@type"], "Place");
    assert_eq!(park["address"], "示例区示例大道2号");
    assert_eq!(park["geo"]["latitude"], 29.6);
    let zone = json_ld(&page(&built, "en/parks/beibei-zone/index.html"));
    assert_eq!(
        zone["containedInPlace"]["name"],
        "Western (Chongqing) Science City"
    );
    // No summary and no body: the site's description.
    let html = page(&built, "en/parks/beibei-zone/index.html");
    assert_eq!(
        meta(&html, "name", "description").unwrap(),
        "A small site for tests"
    );
}

#[test]
fn without_a_summary_the_description_is_the_body_cut_at_a_word() {
    let fixture = Fixture::new("identity");
    let words = "Measurement ".repeat(20);
    fixture.write(
        "content/achievements/long.en.md",
        format!("---\ntitle: Long\n---\n\n## Heading\n\nThe body says *this*: {words}end.\n"),
    );
    let built = fixture.build().unwrap();
    let html = page(&built, "en/achievements/long/index.html");
    let description = meta(&html, "name", "description").unwrap();
    assert!(
        description.starts_with("Heading The body says this: Measurement"),
        "{description}"
    );
    assert!(description.ends_with("Measurement…"), "{description}");
    assert!(description.chars().count() <= 151, "{description}");
}
