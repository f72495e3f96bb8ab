//! Discovery files end to end on the minimal fixture site: `sitemap.xml`,
//! `robots.txt`, the Atom feeds, the site map page, the icons and the 404
//! pages. Every XML file is read with an XML parser, not by matching text.

mod support;

use std::collections::{BTreeMap, BTreeSet};

use chengguo::progress::Silent;
use chengguo::{BuildOptions, Built, Output};
use support::{Fixture, has_page, page, page_bytes};

const BASE: &str = "https://example.org/showcase/";
const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML: &str = "http://www.w3.org/1999/xhtml";

fn built_under_sub_path(fixture: &Fixture) -> Built {
    fixture
        .build_with(&BuildOptions {
            base_url: Some(BASE.into()),
            ..BuildOptions::default()
        })
        .unwrap()
}

/// The minimal site with a policy whose title and summary hold markup
/// characters and a control character, which XML must not carry as they are.
fn fixture() -> Fixture {
    let fixture = Fixture::new("minimal");
    fixture.write(
        "content/policies/odd-title.yaml",
        "title: {zh: \"<b>甲&乙</b> \\u0001丙\", en: \"A <b> & 'B'\"}\n\
         summary: {zh: \"一段 <摘要> & 说明\", en: \"A <summary> & note\"}\n\
         issuer: {zh: 市科技局, en: Municipal Science Bureau}\n\
         published: 2021-03\n\
         body: {zh: 正文。, en: Body.}\n",
    );
    // A third policy, in Chinese only: the Chinese policy list (page size
    // 2) has a second page, the English one none.
    fixture.write(
        "content/policies/third.zh.md",
        "---\ntitle: 第三份政策\nissuer: 市科技局\npublished: 2019-01-02\n---\n\n正文。\n",
    );
    fixture
}

/// The URL a page of the output is found at.
fn url_of(path: &str) -> String {
    format!("{BASE}{}", path.strip_suffix("index.html").unwrap_or(path))
}

fn child<'a>(
    node: roxmltree::Node<'a, 'a>,
    ns: &str,
    name: &str,
) -> Option<roxmltree::Node<'a, 'a>> {
    node.children()
        .find(|c| c.tag_name().namespace() == Some(ns) && c.tag_name().name() == name)
}

fn text_of(node: roxmltree::Node, ns: &str, name: &str) -> String {
    child(node, ns, name)
        .unwrap_or_else(|| panic!("<{}> has no <{name}>", node.tag_name().name()))
        .text()
        .unwrap_or("")
        .to_string()
}

#[test]
fn the_sitemap_lists_every_page_but_the_404s_with_alternates_that_name_each_other() {
    let built = built_under_sub_path(&fixture());
    let xml = page(&built, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(root.tag_name().namespace(), Some(SITEMAP));

    // loc → (hreflang → href), and loc → lastmod.
    let mut alternates: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut lastmod = BTreeMap::new();
    for url in root.children().filter(|n| n.is_element()) {
        assert_eq!(url.tag_name().name(), "url");
        let loc = text_of(url, SITEMAP, "loc");
        if let Some(date) = child(url, SITEMAP, "lastmod") {
            lastmod.insert(loc.clone(), date.text().unwrap_or("").to_string());
        }
        let links: BTreeMap<String, String> = url
            .children()
            .filter(|n| n.tag_name().namespace() == Some(XHTML) && n.tag_name().name() == "link")
            .map(|link| {
                assert_eq!(link.attribute("rel"), Some("alternate"));
                (
                    link.attribute("hreflang").unwrap().to_string(),
                    link.attribute("href").unwrap().to_string(),
                )
            })
            .collect();
        assert!(
            alternates.insert(loc.clone(), links).is_none(),
            "{loc} is listed twice"
        );
    }

    let pages: BTreeSet<String> = built
        .files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| p.ends_with(".html") && !p.ends_with("404.html"))
        .map(url_of)
        .collect();
    let listed: BTreeSet<String> = alternates.keys().cloned().collect();
    assert_eq!(
        listed, pages,
        "the sitemap lists exactly the HTML pages but the 404s"
    );

    let mut pairs = 0;
    for (loc, links) in &alternates {
        if links.is_empty() {
            continue;
        }
        assert_eq!(
            links.get(if loc.starts_with(&format!("{BASE}en/")) {
                "en"
            } else {
                "zh-CN"
            }),
            Some(loc),
            "{loc} names itself"
        );
        assert!(links.contains_key("x-default"), "{loc} has no x-default");
        for (hreflang, href) in links.iter().filter(|(h, _)| *h != "x-default") {
            let back = alternates
                .get(href)
                .unwrap_or_else(|| panic!("{loc} names {href}, which the sitemap does not list"));
            assert_eq!(back.get(hreflang), Some(href));
            assert!(
                back.values().any(|h| h == loc),
                "{href} ({hreflang}) does not name {loc} back"
            );
            pairs += 1;
        }
    }
    assert!(
        pairs > 20,
        "pages in both languages name each other ({pairs})"
    );

    // The zh-only policy has no English page, so no alternates; page 2 of
    // the Chinese policy list (page size 2) has no English page 2.
    let zh_only = format!("{BASE}policies/transfer-rules/");
    assert!(
        alternates[&zh_only].is_empty(),
        "{:?}",
        alternates[&zh_only]
    );
    assert!(!alternates.contains_key(&format!("{BASE}en/policies/transfer-rules/")));

    // Dates: the policy's publication (no git history in the fixture), to
    // the precision given; pages that are not entries have none.
    // Entries missing a language are listed (marked) in both, so both
    // policy lists have a second page, and they name each other.
    assert_eq!(
        alternates[&format!("{BASE}policies/page/2/")]["en"],
        format!("{BASE}en/policies/page/2/")
    );
    assert_eq!(lastmod[&zh_only], "2020-09-16");
    assert_eq!(lastmod[&format!("{BASE}policies/odd-title/")], "2021-03");
    assert!(!lastmod.contains_key(BASE));
}

/// The alternates of each `<url>` of a sitemap, by `loc`.
fn sitemap_alternates(xml: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let doc = roxmltree::Document::parse(xml).expect("sitemap.xml is well-formed XML");
    doc.root_element()
        .children()
        .filter(|n| n.is_element())
        .map(|url| {
            let links = url
                .children()
                .filter(|n| n.tag_name().name() == "link")
                .map(|l| {
                    (
                        l.attribute("hreflang").unwrap().into(),
                        l.attribute("href").unwrap().into(),
                    )
                })
                .collect();
            (text_of(url, SITEMAP, "loc"), links)
        })
        .collect()
}

#[test]
fn a_list_page_only_one_language_has_gets_no_alternates() {
    let fixture = fixture();
    let config = std::fs::read_to_string(fixture.root().join("config.yaml")).unwrap();
    fixture.write(
        "config.yaml",
        config.replace("missing_translation: mark", "missing_translation: hide"),
    );
    let built = built_under_sub_path(&fixture);
    let alternates = sitemap_alternates(&page(&built, "sitemap.xml"));
    // Three Chinese policies make two pages; the one English policy, one.
    // The second Chinese page's language switch leads to the first English
    // page, which does not lead back: the sitemap gives it no alternates.
    assert!(!has_page(&built, "en/policies/page/2/index.html"));
    assert!(alternates[&format!("{BASE}policies/page/2/")].is_empty());
    assert_eq!(
        alternates[&format!("{BASE}en/policies/")]["zh-CN"],
        format!("{BASE}policies/")
    );
    assert_eq!(
        alternates[&format!("{BASE}policies/")]["en"],
        format!("{BASE}en/policies/")
    );
}

#[test]
fn robots_txt_points_at_the_sitemap_by_its_absolute_url() {
    let built = built_under_sub_path(&fixture());
    let robots = page(&built, "robots.txt");
    let sitemaps: Vec<&str> = robots
        .lines()
        .filter_map(|line| line.strip_prefix("Sitemap: "))
        .collect();
    assert_eq!(sitemaps, [format!("{BASE}sitemap.xml")]);
    assert!(robots.starts_with("User-agent: *\n"), "{robots}");
}

#[test]
fn feeds_are_atom_with_every_required_element_per_language_and_type() {
    let built = built_under_sub_path(&fixture());
    let mut seen = BTreeMap::new();
    for lang_prefix in ["", "en/"] {
        for section in ["", "achievements/", "parks/", "policies/"] {
            let path = format!("{lang_prefix}{section}feed.xml");
            let xml = page(&built, &path);
            let doc = roxmltree::Document::parse(&xml)
                .unwrap_or_else(|e| panic!("{path} is not well-formed: {e}"));
            let (updated, entries) = required_feed_elements(&built, &path, doc.root_element());
            seen.insert(path, (updated, entries));
        }
    }
    let titles =
        |path: &str| -> Vec<String> { seen[path].1.iter().map(|(t, _)| t.clone()).collect() };
    // Markup characters come through as text; the control character is gone.
    assert_eq!(
        titles("policies/feed.xml"),
        [
            "<b>甲&乙</b> 丙",
            "重庆市进一步促进科技成果转化的实施细则",
            "第三份政策"
        ]
    );
    // The English feed has only what is written in English.
    assert_eq!(titles("en/policies/feed.xml"), ["A <b> & 'B'"]);
    assert_eq!(seen["policies/feed.xml"].0, "2021-03-01T00:00:00Z");
    assert_eq!(seen["policies/feed.xml"].1[1].1, "2020-09-16T00:00:00Z");
    // Everything: every entry of every type written in the language.
    let all = titles("feed.xml");
    for section in ["achievements/", "parks/", "policies/"] {
        for title in titles(&format!("{section}feed.xml")) {
            assert!(all.contains(&title), "{title} is missing from feed.xml");
        }
    }
    assert_eq!(
        all.len(),
        ["achievements/", "parks/", "policies/"]
            .iter()
            .map(|s| titles(&format!("{s}feed.xml")).len())
            .sum::<usize>()
    );
}

#[test]
fn every_xml_file_of_the_bundled_site_parses_and_feeds_and_sitemap_have_their_elements() {
    let options = BuildOptions {
        base_url: Some(BASE.into()),
        ..BuildOptions::default()
    };
    let built = chengguo::build(&support::repo(), &options, Output::Memory, &Silent)
        .unwrap_or_else(|d| panic!("{:#?}", d.sorted()));
    let mut roots = BTreeMap::<String, usize>::new();
    for file in built.files.iter().filter(|f| {
        [".xml", ".svg"]
            .iter()
            .any(|extension| f.path.ends_with(extension))
    }) {
        let text = std::str::from_utf8(&file.bytes)
            .unwrap_or_else(|e| panic!("{} is not UTF-8: {e}", file.path));
        let doc = roxmltree::Document::parse(text)
            .unwrap_or_else(|e| panic!("{} is not well-formed: {e}", file.path));
        let root = doc.root_element();
        match root.tag_name().name() {
            "feed" => {
                let (_, entries) = required_feed_elements(&built, &file.path, root);
                assert!(!entries.is_empty(), "{} has no entry", file.path);
            }
            "urlset" => required_sitemap_elements(&file.path, root),
            _ => {}
        }
        *roots.entry(root.tag_name().name().to_string()).or_default() += 1;
    }
    // Everything and each of the three types, in two languages.
    assert_eq!(roots.get("feed"), Some(&8), "{roots:?}");
    assert_eq!(roots.get("urlset"), Some(&1), "{roots:?}");
}

/// Check that the sitemap at `path` is a `urlset` whose every child is a
/// `url` with an absolute `loc` and, if it has one, a W3C-date `lastmod`.
fn required_sitemap_elements(path: &str, urlset: roxmltree::Node) {
    assert_eq!(urlset.tag_name().namespace(), Some(SITEMAP), "{path}");
    let urls: Vec<_> = urlset.children().filter(|n| n.is_element()).collect();
    assert!(urls.len() > 100, "{path}: {} urls", urls.len());
    for url in urls {
        assert_eq!(url.tag_name().name(), "url", "{path}");
        let loc = text_of(url, SITEMAP, "loc");
        assert!(loc.starts_with(BASE), "{path}: {loc} is not absolute");
        if let Some(lastmod) = child(url, SITEMAP, "lastmod") {
            let date = lastmod.text().unwrap_or("");
            let shape: String = date
                .chars()
                .map(|c| if c.is_ascii_digit() { '9' } else { c })
                .collect();
            assert!(
                ["9999", "9999-99", "9999-99-99"].contains(&shape.as_str()),
                "{path}: {loc} has lastmod {date}"
            );
        }
    }
}

/// Check the elements Atom requires of the feed at `path` (and that each
/// entry links a page of `built`); returns its date and its entries' titles
/// and dates.
fn required_feed_elements(
    built: &Built,
    path: &str,
    feed: roxmltree::Node,
) -> (String, Vec<(String, String)>) {
    assert_eq!(feed.tag_name().name(), "feed", "{path}");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM), "{path}");
    assert_eq!(text_of(feed, ATOM, "id"), format!("{BASE}{path}"));
    assert!(!text_of(feed, ATOM, "title").is_empty(), "{path}");
    let updated = text_of(feed, ATOM, "updated");
    assert!(is_rfc3339(&updated), "{path}: {updated}");
    assert!(!text_of(child(feed, ATOM, "author").unwrap(), ATOM, "name").is_empty());
    let mut entries = Vec::new();
    for entry in feed.children().filter(|n| n.tag_name().name() == "entry") {
        let id = text_of(entry, ATOM, "id");
        let link = child(entry, ATOM, "link").expect("an entry has a link");
        assert_eq!(link.attribute("href"), Some(id.as_str()));
        let page_path = format!("{}index.html", id.strip_prefix(BASE).unwrap());
        assert!(
            has_page(built, &page_path),
            "{path} links {id}, which is not built"
        );
        assert!(is_rfc3339(&text_of(entry, ATOM, "updated")));
        // The feed's date is its newest entry's.
        assert!(text_of(entry, ATOM, "updated") <= updated);
        entries.push((
            text_of(entry, ATOM, "title"),
            text_of(entry, ATOM, "updated"),
        ));
    }
    (updated, entries)
}

/// `2021-03-01T00:00:00Z`.
fn is_rfc3339(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.len() == 20
        && text.ends_with('Z')
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes[10] == b'T'
        && text[..4].bytes().all(|b| b.is_ascii_digit())
}

#[test]
fn the_discovery_files_are_the_same_bytes_build_after_build() {
    let fixture = fixture();
    let files = |built: Built| -> Vec<(String, Vec<u8>)> {
        built
            .files
            .into_iter()
            .filter(|f| {
                f.path.ends_with(".xml") || f.path == "robots.txt" || f.path == "favicon.ico"
            })
            .map(|f| (f.path, f.bytes))
            .collect()
    };
    let first = files(built_under_sub_path(&fixture));
    assert_eq!(
        first.len(),
        11,
        "sitemap, robots, favicon and 8 feeds: {:?}",
        first.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert_eq!(first, files(built_under_sub_path(&fixture)));
}

#[test]
fn every_page_links_the_feeds_icons_and_site_map_under_the_base_path() {
    let built = built_under_sub_path(&fixture());
    for (path, prefix) in [
        ("index.html", ""),
        ("policies/transfer-rules/index.html", ""),
        ("en/parks/kind/index.html", "en/"),
        ("en/404.html", "en/"),
    ] {
        let html = page(&built, path);
        for feed in ["", "achievements/", "parks/", "policies/"] {
            let link = format!(
                "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/showcase/{prefix}{feed}feed.xml\""
            );
            assert!(html.contains(&link), "{path} lacks {link}");
        }
        assert!(
            html.contains("<link rel=\"icon\" href=\"/showcase/favicon.ico\""),
            "{path}"
        );
        assert!(
            html.contains("<link rel=\"icon\" href=\"/showcase/icon.svg\" type=\"image/svg+xml\">"),
            "{path}"
        );
        assert!(
            html.contains(&format!("<a href=\"/showcase/{prefix}sitemap/\">")),
            "{path}"
        );
    }
    let ico = page_bytes(&built, "favicon.ico");
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "favicon.ico is an ICO file");
    roxmltree::Document::parse(&page(&built, "icon.svg")).expect("icon.svg is well-formed");
}

#[test]
fn the_site_map_page_lists_every_section_category_entry_and_feed() {
    let built = built_under_sub_path(&fixture());
    let zh = page(&built, "sitemap/index.html");
    assert!(zh.contains("<h1>网站地图</h1>"), "{zh}");
    for link in [
        "/showcase/achievements/",
        "/showcase/parks/",
        "/showcase/policies/",
        "/showcase/policies/transfer-rules/",
        "/showcase/policies/odd-title/",
        "/showcase/achievements/nano-displacement/",
        "/showcase/parks/science-city/",
        "/showcase/parks/beibei-zone/",
        "/showcase/parks/kind/",
        "/showcase/feed.xml",
        "/showcase/policies/feed.xml",
        "/showcase/search/",
    ] {
        assert!(
            zh.contains(&format!("href=\"{link}\"")),
            "the site map lacks {link}"
        );
    }
    // Markup in a title is text on the page.
    assert!(
        zh.contains("&lt;b&gt;甲&amp;乙&lt;&#x2F;b&gt;")
            || zh.contains("&lt;b&gt;甲&amp;乙&lt;/b&gt;"),
        "{zh}"
    );
    let en = page(&built, "en/sitemap/index.html");
    assert!(en.contains("<h1>Site map</h1>"), "{en}");
    // The zh-only policy is listed, marked, and links to its Chinese page.
    assert!(
        en.contains("href=\"/showcase/policies/transfer-rules/\" lang=\"zh-CN\""),
        "{en}"
    );
    assert!(
        en.contains("href=\"/showcase/en/policies/feed.xml\""),
        "{en}"
    );
}

#[test]
fn each_language_has_its_own_404_page_kept_out_of_search_engines() {
    let built = built_under_sub_path(&fixture());
    for (path, lang, title) in [
        ("404.html", "zh-CN", "页面不存在"),
        ("en/404.html", "en", "Page not found"),
    ] {
        let html = page(&built, path);
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{path}");
        assert!(
            html.contains("<meta name=\"robots\" content=\"noindex\">"),
            "{path}"
        );
        assert!(html.contains(&format!("<h1>{title}</h1>")), "{path}");
    }
    for path in ["index.html", "en/sitemap/index.html"] {
        assert!(!page(&built, path).contains("noindex"), "{path}");
    }
}
