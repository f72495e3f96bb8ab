//! Open data and statistics end to end: the data files of the bundled site
//! and of small fixtures, read back as a data user would (JSON parsed, CSV
//! parsed by a reader written here), and the statistics page's tables
//! held to counts made here from the open data, never to fixed numbers.

mod support;

use std::collections::BTreeMap;

use chengguo::progress::Silent;
use chengguo::{BuildOptions, Built, Output};
use serde_json::Value;
use support::{Fixture, chengguo, copy_tree, has_page, page, page_bytes, repo};

const BASE: &str = "https://example.org/showcase/";
const TYPES: [(&str, &str); 3] = [
    ("achievement", "achievements"),
    ("park", "parks"),
    ("policy", "policies"),
];

fn bundled() -> Built {
    chengguo::build(&repo(), &BuildOptions::default(), Output::Memory, &Silent)
        .unwrap_or_else(|errors| panic!("the bundled site builds: {errors:?}"))
}

fn json(built: &Built, path: &str) -> Value {
    serde_json::from_str(&page(built, path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// RFC 4180: rows of cells; quoted cells may hold commas, quotes and line breaks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => assert_eq!(chars.next(), Some('\n'), "lines end in CRLF"),
            (false, '\n') => panic!("a bare LF ends a line"),
            (false, c) => cell.push(c),
        }
        if !quoted && c == '\r' {
            row.push(std::mem::take(&mut cell));
            rows.push(std::mem::take(&mut row));
        }
    }
    assert!(
        row.is_empty() && cell.is_empty(),
        "the last line ends in CRLF"
    );
    rows
}

/// A cell as the data holds it: the apostrophe that guards a formula-like
/// value dropped.
fn unguard(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) => rest.into(),
        _ => cell.into(),
    }
}

/// The items of a list cell: split at unescaped `|`, `\|` and `\\` unescaped.
fn split_list(cell: &str) -> Vec<String> {
    if cell.is_empty() {
        return Vec::new();
    }
    let (mut items, mut item, mut chars) = (Vec::new(), String::new(), cell.chars());
    while let Some(c) = chars.next() {
        match c {
            '\\' => item.push(chars.next().expect("an escape escapes something")),
            '|' => items.push(std::mem::take(&mut item)),
            c => item.push(c),
        }
    }
    items.push(item);
    items
}

fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// What a column holds for one entry, worked out from the entry's JSON:
/// `Some(items)` for list columns, the one value for single ones.
fn expected(entry: &Value, column: &str, columns: &[String]) -> (bool, Vec<String>) {
    if let Some(found) = expected_business(entry, column) {
        return found;
    }
    let has = |name: &str| columns.iter().any(|c| c == name);
    let list = |value: &Value, path: &[&str]| -> Vec<String> {
        let items: Vec<&Value> = match value {
            Value::Array(items) => items.iter().collect(),
            Value::Null => Vec::new(),
            one => vec![one],
        };
        items
            .into_iter()
            .map(|item| text(path.iter().fold(item, |v, key| &v[*key])))
            .collect()
    };
    for lang in ["zh", "en"] {
        if let Some(field) = column.strip_suffix(&format!("_{lang}")) {
            // title_zh, tags_zh, field_zh (a label), park_zh (a title), links_title_zh …
            if let Some(base) = field
                .strip_suffix("_title")
                .filter(|b| has(&format!("{b}_url")))
            {
                return (true, list(&entry[base], &["title", lang]));
            }
            for part in ["label", "unit"] {
                if let Some(base) = field
                    .strip_suffix(&format!("_{part}"))
                    .filter(|b| has(&format!("{b}_value")))
                {
                    return (true, list(&entry[base], &[part, lang]));
                }
            }
            let value = &entry[field];
            if has(field) {
                let key = if value_is_term(value) {
                    "label"
                } else {
                    "title"
                };
                return (true, list(value, &[key, lang]));
            }
            return match value {
                Value::Array(_) => (true, list(value, &[lang])),
                _ => (false, vec![text(&value[lang])]),
            };
        }
    }
    for (suffix, path) in [
        ("_url", vec!["url"]),
        ("_value", vec!["value"]),
        ("_year", vec!["year"]),
    ] {
        if let Some(base) = column
            .strip_suffix(suffix)
            .filter(|b| has(&format!("{b}_title_zh")) || has(&format!("{b}_label_zh")))
        {
            return (true, list(&entry[base], &path));
        }
    }
    for part in ["lat", "lon"] {
        if let Some(base) = column
            .strip_suffix(&format!("_{part}"))
            .filter(|b| entry.get(*b).is_some())
        {
            return (false, vec![text(&entry[base][part])]);
        }
    }
    match column {
        "languages" => (true, list(&entry["languages"], &[])),
        _ => {
            let value = &entry[column];
            if has(&format!("{column}_zh")) {
                let key = if value_is_term(value) { "key" } else { "slug" };
                (true, list(value, &[key]))
            } else {
                (false, vec![text(value)])
            }
        }
    }
}

/// The columns of an achievement's IP records, terms, contact and
/// attachments, worked out from its JSON as `chengguo export` writes them.
fn expected_business(entry: &Value, column: &str) -> Option<(bool, Vec<String>)> {
    let items = |field: &str, path: &[&str]| -> Vec<String> {
        entry[field]
            .as_array()
            .into_iter()
            .flatten()
            .map(|item| text(path.iter().fold(item, |v, key| &v[*key])))
            .collect()
    };
    let one = |path: &[&str]| {
        (
            false,
            vec![text(path.iter().fold(entry, |v, key| &v[*key]))],
        )
    };
    Some(match column {
        "ip_kind" => (true, items("ip", &["kind", "key"])),
        "ip_kind_zh" | "ip_kind_en" => (true, items("ip", &["kind", "label", &column[8..]])),
        "ip_number" => (true, items("ip", &["number"])),
        "ip_title_zh" | "ip_title_en" => (true, items("ip", &["title", &column[9..]])),
        "cooperation_price" => {
            let price = &entry["cooperation"]["price"];
            let cell = match (&price["negotiable"], price.is_null()) {
                (_, true) => String::new(),
                (Value::Bool(true), _) => "面议".to_string(),
                _ => format!("{} {}", text(&price["amount"]), text(&price["currency"])),
            };
            (false, vec![cell])
        }
        "cooperation_intent_zh" | "cooperation_intent_en" => {
            one(&["cooperation", "intent", &column[19..]])
        }
        "contact_zh" | "contact_en" => one(&["contact", "note", &column[8..]]),
        "contact_phone" | "contact_email" | "contact_url" => one(&["contact", &column[8..]]),
        _ if column.starts_with("contact_") => {
            let (part, lang) = column[8..].rsplit_once('_')?;
            one(&["contact", part, lang])
        }
        "attachments_file" => (true, items("attachments", &["file"])),
        "attachments_title_zh" | "attachments_title_en" => {
            (true, items("attachments", &["title", &column[18..]]))
        }
        _ => return None,
    })
}

/// Whether a field's value is a vocabulary value (or a list of them).
fn value_is_term(value: &Value) -> bool {
    match value {
        Value::Array(items) => items.first().is_some_and(value_is_term),
        Value::Object(map) => map.contains_key("key"),
        _ => false,
    }
}

/// Read `data/<folder>.csv` of `built` back and compare every cell with
/// the entry's JSON; the number of cells compared.
fn compare_csv_with_json(built: &Built, folder: &str) -> usize {
    let data = json(built, &format!("data/{folder}.json"));
    let raw = page_bytes(built, &format!("data/{folder}.csv"));
    assert!(
        raw.starts_with(&[0xEF, 0xBB, 0xBF]),
        "{folder}.csv starts with a BOM"
    );
    let csv = String::from_utf8(raw[3..].to_vec()).expect("UTF-8");
    let rows = parse_csv(&csv);
    let (header, rows) = rows.split_first().expect("a header row");
    let entries = data["entries"].as_array().unwrap();
    assert_eq!(rows.len(), entries.len(), "one row per entry of {folder}");
    assert!(!entries.is_empty());
    let mut compared = 0;
    for (row, entry) in rows.iter().zip(entries) {
        assert_eq!(
            row.len(),
            header.len(),
            "{folder}/{}: a cell per column",
            entry["slug"]
        );
        for (column, cell) in header.iter().zip(row) {
            let (is_list, values) = expected(entry, column, header);
            let cell = unguard(cell);
            // An empty cell cannot tell no item from one empty item
            // (a figure without a year): both read as nothing.
            if is_list && cell.is_empty() && values.iter().all(String::is_empty) {
                continue;
            }
            let found = if is_list {
                split_list(&cell)
            } else {
                vec![cell]
            };
            assert_eq!(found, values, "{folder}/{} column {column}", entry["slug"]);
            compared += 1;
        }
    }
    compared
}

#[test]
fn every_csv_row_parses_back_to_the_values_of_the_json_for_every_entry() {
    let built = bundled();
    for (_, folder) in TYPES {
        let compared = compare_csv_with_json(&built, folder);
        let entries = json(&built, &format!("data/{folder}.json"))["entries"]
            .as_array()
            .unwrap()
            .len();
        assert!(
            compared > entries * 20,
            "{folder}: {compared} cells compared"
        );
    }
}

/// The sensor entry of the `business` fixture in the achievements' JSON.
fn sensor(built: &Built) -> Value {
    let data = json(built, "data/achievements.json");
    data["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["slug"] == "graphene-sensor")
        .expect("the sensor entry")
        .clone()
}

#[test]
fn ip_terms_contact_and_attachments_are_in_the_data_in_their_documented_shape() {
    let built = Fixture::new("business")
        .build()
        .expect("the fixture builds");
    let entry = sensor(&built);
    assert_eq!(entry["ip"][0]["kind"]["key"], "invention-patent");
    assert_eq!(entry["ip"][0]["kind"]["label"]["zh"], "发明专利");
    assert_eq!(entry["ip"][0]["number"], "ZL201710601862.3");
    assert_eq!(entry["ip"][0]["title"]["en"], "A flexible pressure sensor");
    assert_eq!(entry["ip"][1]["title"]["zh"], Value::Null);
    let price = &entry["cooperation"]["price"];
    assert_eq!(price["negotiable"], false);
    assert_eq!(price["amount"], "500000");
    assert_eq!(price["currency"], "CNY");
    assert_eq!(entry["cooperation"]["intent"]["zh"], "寻求传感器制造企业");
    // The modes written under `cooperation` are the one `transfer_modes` field.
    let modes: Vec<&Value> = entry["transfer_modes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["key"])
        .collect();
    assert_eq!(modes, ["licensing", "assignment"]);
    assert!(entry["cooperation"].get("transfer_modes").is_none());
    assert_eq!(entry["contact"]["name"]["zh"], "王老师");
    assert_eq!(entry["contact"]["phone"], "023-6000 1234");
    assert_eq!(entry["contact"]["email"], "transfer@example.edu.cn");
    assert_eq!(entry["contact"]["url"], "https://tt.example.edu.cn/");
    let attachment = &entry["attachments"][0];
    assert_eq!(attachment["file"], "docs/brochure.pdf");
    assert_eq!(attachment["url"], "https://example.org/docs/brochure.pdf");
    assert_eq!(attachment["type"], "PDF");
    assert_eq!(attachment["size"], 1536);
    let data = json(&built, "data/achievements.json");
    let others: Vec<&Value> = data["entries"].as_array().unwrap().iter().collect();
    let fertiliser = others
        .iter()
        .find(|e| e["slug"] == "bio-fertiliser")
        .unwrap();
    assert_eq!(fertiliser["cooperation"]["price"]["negotiable"], true);
    let free = others
        .iter()
        .find(|e| e["slug"] == "free-text-contact")
        .unwrap();
    assert_eq!(free["contact"]["note"]["zh"], "请致电示例大学科技处");
    assert_eq!(free["cooperation"]["price"], Value::Null);
    // The entry's own file holds the same, and the CSV the same again.
    let own = json(&built, "achievements/graphene-sensor/index.json");
    assert_eq!(own["entry"], entry);
    let compared = compare_csv_with_json(&built, "achievements");
    assert!(compared > 3 * 30, "{compared} cells compared");
}

#[test]
fn contact_details_the_site_masks_are_masked_in_every_data_file() {
    let fixture = Fixture::new("business");
    let config = std::fs::read_to_string(fixture.root().join("config.yaml")).unwrap();
    let full = "  show_phone: full\n  show_email: full\n";
    assert!(config.contains(full));
    fixture.write(
        "config.yaml",
        config.replace(full, "  show_phone: masked\n  show_email: masked\n"),
    );
    let built = fixture.build().expect("the fixture builds");
    let entry = sensor(&built);
    assert_eq!(entry["contact"]["phone"], "023-**** **34");
    assert_eq!(entry["contact"]["email"], "t***@example.edu.cn");
    for file in built
        .files
        .iter()
        .filter(|f| f.path.starts_with("data/") || f.path.ends_with("index.json"))
    {
        let text = String::from_utf8_lossy(&file.bytes);
        for secret in ["6000 1234", "60001234", "transfer@", "6000 5678"] {
            assert!(!text.contains(secret), "{} holds {secret}", file.path);
        }
    }
    let compared = compare_csv_with_json(&built, "achievements");
    assert!(compared > 3 * 30, "{compared} cells compared");
}

#[test]
fn the_open_data_csv_of_achievements_imports_as_it_is() {
    let built = Fixture::new("business")
        .build()
        .expect("the fixture builds");
    let csv = page_bytes(&built, "data/achievements.csv");
    let fixture = Fixture::new("business");
    for slug in ["graphene-sensor", "bio-fertiliser", "free-text-contact"] {
        for file in [".yaml", ".zh.md", ".en.md"] {
            let path = format!("content/achievements/{slug}{file}");
            if fixture.root().join(&path).exists() {
                fixture.remove(&path);
            }
        }
    }
    fixture.write("achievements.csv", &csv);
    let output = chengguo(
        fixture.root(),
        &["import", "achievements.csv", "--type", "achievement"],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let rebuilt = fixture.build().expect("the imported site builds");
    assert_eq!(sensor(&rebuilt), sensor(&built));
}

#[test]
fn each_entry_has_its_json_beside_its_page_linked_from_the_page() {
    let built = bundled();
    let mut checked = 0;
    for (key, folder) in TYPES {
        let data = json(&built, &format!("data/{folder}.json"));
        assert_eq!(data["version"], 1);
        assert_eq!(data["type"], key);
        assert_eq!(
            data["count"].as_u64().unwrap() as usize,
            data["entries"].as_array().unwrap().len()
        );
        let fields =
            chengguo::parse::fields::fields(chengguo::entry::EntryType::from_key(key).unwrap());
        for entry in data["entries"].as_array().unwrap() {
            let slug = entry["slug"].as_str().unwrap();
            for spec in fields {
                assert!(
                    entry.get(spec.name).is_some(),
                    "{folder}/{slug} has field {}",
                    spec.name
                );
            }
            let path = format!("{folder}/{slug}/index.json");
            let own = json(&built, &path);
            assert_eq!(own["version"], 1);
            assert_eq!(&own["entry"], entry, "{path} holds the dataset's entry");
            for lang in ["zh", "en"] {
                let Some(url) = entry["url"][lang].as_str() else {
                    continue;
                };
                let html = page(
                    &built,
                    &format!("{}index.html", url.trim_start_matches('/')),
                );
                let link =
                    format!("<link rel=\"alternate\" type=\"application/json\" href=\"/{path}\"");
                assert!(html.contains(&link), "{url} links {path}");
            }
            checked += 1;
        }
    }
    assert!(checked > 30, "{checked} entries checked");
}

/// A reference names the entry it points to, with both titles as the
/// target's own data gives them.
#[test]
fn references_resolve_to_both_titles_and_the_pages_of_their_targets() {
    let built = bundled();
    let mut titles = BTreeMap::new();
    for (_, folder) in TYPES {
        for entry in json(&built, &format!("data/{folder}.json"))["entries"]
            .as_array()
            .unwrap()
        {
            titles.insert(
                entry["slug"].as_str().unwrap().to_string(),
                (entry["title"].clone(), entry["url"].clone()),
            );
        }
    }
    let mut references = 0;
    for entry in json(&built, "data/achievements.json")["entries"]
        .as_array()
        .unwrap()
    {
        let park = std::iter::once(&entry["park"]).filter(|p| !p.is_null());
        for reference in park.chain(entry["policies"].as_array().unwrap()) {
            let (title, url) = &titles[reference["slug"].as_str().unwrap()];
            assert_eq!(&reference["title"], title);
            assert_eq!(&reference["url"], url);
            references += 1;
        }
    }
    assert!(references > 5, "{references} references checked");
}

/// The numbers of one table of the statistics page: label → count.
fn table(html: &str, key: &str) -> BTreeMap<String, usize> {
    let start = html
        .find(&format!("data-chart=\"{key}\""))
        .unwrap_or_else(|| panic!("a table for {key}"));
    let end = start + html[start..].find("</table>").unwrap();
    let mut rows = BTreeMap::new();
    for row in html[start..end].split("<tr><th scope=\"row\">").skip(1) {
        let label = row
            .split("\">")
            .nth(1)
            .unwrap()
            .split("</a>")
            .next()
            .unwrap();
        let count = row
            .split("<td>")
            .nth(1)
            .unwrap()
            .split("</td>")
            .next()
            .unwrap();
        rows.insert(unescape(label), count.parse().unwrap());
    }
    rows
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// Entries counted by a value the test takes from each entry's JSON.
fn count_by(entries: &[Value], values: impl Fn(&Value) -> Vec<String>) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for entry in entries {
        for value in values(entry) {
            *counts.entry(value).or_default() += 1;
        }
    }
    counts
}

#[test]
fn the_statistics_tables_hold_the_counts_of_the_open_data_in_both_languages() {
    let built = bundled();
    let entries = |folder: &str| {
        json(&built, &format!("data/{folder}.json"))["entries"]
            .as_array()
            .unwrap()
            .clone()
    };
    let (achievements, parks, policies) = (
        entries("achievements"),
        entries("parks"),
        entries("policies"),
    );
    for (lang, path) in [
        ("zh", "statistics/index.html"),
        ("en", "en/statistics/index.html"),
    ] {
        let html = page(&built, path);
        let labels = |field: &'static str| {
            move |e: &Value| -> Vec<String> {
                match &e[field] {
                    Value::Array(items) => items.iter().map(|t| text(&t["label"][lang])).collect(),
                    Value::Null => Vec::new(),
                    term => vec![text(&term["label"][lang])],
                }
            }
        };
        let year = |fields: &'static [&'static str]| {
            move |e: &Value| -> Vec<String> {
                fields
                    .iter()
                    .find_map(|f| e[*f].as_str())
                    .map(|d| d[..4].to_string())
                    .into_iter()
                    .collect()
            }
        };
        let issuer = |e: &Value| -> Vec<String> {
            let other = if lang == "zh" { "en" } else { "zh" };
            let name = e["issuer"][lang]
                .as_str()
                .or(e["issuer"][other].as_str())
                .unwrap_or("")
                .trim();
            (!name.is_empty())
                .then(|| name.to_string())
                .into_iter()
                .collect()
        };
        let expected = [
            (
                "achievements-field",
                count_by(&achievements, labels("field")),
            ),
            (
                "achievements-stage",
                count_by(&achievements, labels("stage")),
            ),
            (
                "achievements-transfer_modes",
                count_by(&achievements, labels("transfer_modes")),
            ),
            (
                "achievements-region",
                count_by(&achievements, labels("region")),
            ),
            (
                "achievements-year",
                count_by(&achievements, year(&["date"])),
            ),
            ("parks-kind", count_by(&parks, labels("kind"))),
            ("parks-level", count_by(&parks, labels("level"))),
            (
                "policies-year",
                count_by(&policies, year(&["published", "written"])),
            ),
            ("policies-issuer", count_by(&policies, issuer)),
            ("policies-status", count_by(&policies, labels("status"))),
        ];
        let mut drawn = 0;
        for (key, counts) in expected {
            // A field no entry fills has its sentence but no chart or table.
            assert!(
                html.contains(&format!("id=\"chart-{key}\"")),
                "{path} {key}"
            );
            if counts.is_empty() {
                assert!(
                    !html.contains(&format!("data-chart=\"{key}\"")),
                    "{path} {key}"
                );
                continue;
            }
            assert_eq!(table(&html, key), counts, "{path} {key}");
            drawn += 1;
        }
        assert!(
            drawn >= 8,
            "{path}: the bundled site fills most fields ({drawn})"
        );
    }
}

#[test]
fn every_chart_is_well_formed_svg_whose_bars_link_and_match_the_table() {
    let built = bundled();
    for path in ["statistics/index.html", "en/statistics/index.html"] {
        let html = page(&built, path);
        let mut charts = 0;
        for part in html.split("<svg ").skip(1) {
            let svg = format!("<svg {}</svg>", part.split("</svg>").next().unwrap());
            let doc =
                roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{path}: {e}\n{svg}"));
            let root = doc.root_element();
            assert_eq!(root.attribute("aria-hidden"), Some("true"));
            let bars: Vec<_> = root.descendants().filter(|n| n.has_tag_name("a")).collect();
            assert!(!bars.is_empty());
            for bar in &bars {
                assert_eq!(
                    bar.attribute("tabindex"),
                    Some("-1"),
                    "the table's links are the ones to tab to"
                );
                let href = bar.attribute("href").unwrap();
                assert!(href.starts_with('/'), "{href}");
                assert!(bar.descendants().any(|n| n.has_tag_name("rect")));
                assert!(
                    bar.descendants().all(|n| n.attribute("style").is_none()),
                    "no style attribute under a strict CSP"
                );
            }
            charts += 1;
        }
        assert_eq!(
            charts,
            html.matches("data-chart=").count(),
            "{path}: a chart per table"
        );
        assert!(charts >= 8, "{path} draws the charts ({charts})");
        assert!(!html.contains(" style="), "{path} has no style attribute");
    }
}

/// The minimal fixture published under a full base URL with a licence.
fn licensed() -> Built {
    let fixture = Fixture::new("minimal");
    // A title that would end the JSON-LD's script element were it not escaped.
    let config = std::fs::read_to_string(fixture.root().join("config.yaml"))
        .unwrap()
        .replace(
            "title: {zh: 测试站点, en: Test site}",
            "title: {zh: \"</script><b>站\", en: \"</script><b>Site\"}",
        );
    fixture.write(
        "config.yaml",
        format!("{config}\nopen_data:\n  license: https://creativecommons.org/licenses/by/4.0/\n  license_name: {{zh: 知识共享署名 4.0, en: CC BY 4.0}}\n"),
    );
    fixture
        .build_with(&BuildOptions {
            base_url: Some(BASE.into()),
            ..BuildOptions::default()
        })
        .unwrap()
}

#[test]
fn the_catalog_is_dcat_with_absolute_urls_sizes_the_licence_and_the_newest_date() {
    let built = licensed();
    let catalog = json(&built, "data/catalog.json");
    assert_eq!(catalog["@type"], "dcat:Catalog");
    assert_eq!(catalog["version"], 1);
    assert_eq!(
        catalog["dct:license"]["@id"],
        "https://creativecommons.org/licenses/by/4.0/"
    );
    let titles: Vec<&str> = catalog["dct:title"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["@language"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["zh-CN", "en"]);
    let datasets = catalog["dcat:dataset"].as_array().unwrap();
    assert_eq!(datasets.len(), 3);
    let mut newest = String::new();
    for dataset in datasets {
        assert_eq!(dataset["@type"], "dcat:Dataset");
        let folder = dataset["dct:identifier"].as_str().unwrap();
        let data = json(&built, &format!("data/{folder}.json"));
        assert_eq!(
            data["license"]["url"],
            "https://creativecommons.org/licenses/by/4.0/"
        );
        assert_eq!(dataset["dct:modified"], data["modified"]);
        // The newest of the entries' own dates, never the build's.
        let own = data["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| {
                ["updated", "date", "established", "published", "written"]
                    .iter()
                    .find_map(|f| e[*f].as_str())
            })
            .max()
            .map(str::to_string);
        assert_eq!(
            data["modified"].as_str().map(str::to_string),
            own,
            "{folder}"
        );
        newest = newest.max(own.unwrap_or_default());
        for distribution in dataset["dcat:distribution"].as_array().unwrap() {
            let url = distribution["dcat:downloadURL"]["@id"].as_str().unwrap();
            let path = url
                .strip_prefix(BASE)
                .unwrap_or_else(|| panic!("{url} is absolute"));
            assert_eq!(
                distribution["dcat:byteSize"].as_u64().unwrap() as usize,
                page_bytes(&built, path).len()
            );
        }
    }
    assert_eq!(catalog["dct:modified"], newest.as_str());
}

#[test]
fn without_a_licence_in_the_config_none_is_claimed() {
    let built = Fixture::new("minimal").build().unwrap();
    let catalog = page(&built, "data/catalog.json");
    assert!(!catalog.contains("license"), "{catalog}");
    assert_eq!(json(&built, "data/parks.json")["license"], Value::Null);
    let html = page(&built, "open-data/index.html");
    assert!(!html.contains("rel=\"license"));
    assert!(!html.contains("\"license\""));
}

#[test]
fn the_open_data_page_carries_a_dataset_json_ld_no_content_can_break_out_of() {
    let built = licensed();
    for path in ["open-data/index.html", "en/open-data/index.html"] {
        let html = page(&built, path);
        let start = html.find("<script type=\"application/ld+json\">").unwrap();
        let script = &html[start + 35..start + html[start..].find("</script>").unwrap()];
        assert!(!script.contains('<'), "{script}");
        let dataset: Value = serde_json::from_str(script).unwrap();
        assert_eq!(dataset["@type"], "Dataset");
        assert!(
            dataset["name"]
                .as_str()
                .unwrap()
                .starts_with("</script><b>"),
            "{script}"
        );
        assert_eq!(
            dataset["license"],
            "https://creativecommons.org/licenses/by/4.0/"
        );
        assert_eq!(
            dataset["url"],
            format!("{BASE}{}", path.trim_end_matches("index.html"))
        );
        for download in dataset["distribution"].as_array().unwrap() {
            let url = download["contentUrl"].as_str().unwrap();
            assert!(has_page(&built, url.strip_prefix(BASE).unwrap()), "{url}");
        }
        for file in ["data/catalog.json", "data/schema.json", "data/parks.csv"] {
            assert!(
                html.contains(&format!("href=\"/showcase/{file}\"")),
                "{path} links {file}"
            );
        }
    }
}

#[test]
fn a_licence_needs_its_name_and_a_web_address() {
    for (open_data, message) in [
        ("{license: https://example.org/l}", "open_data.license"),
        (
            "{license: javascript:alert(1), license_name: {zh: 甲, en: A}}",
            "open_data.license",
        ),
        ("{license_name: {zh: 甲, en: A}}", "open_data.license_name"),
        ("{licence: https://example.org/l}", "did you mean license?"),
    ] {
        let fixture = Fixture::new("minimal");
        let config = std::fs::read_to_string(fixture.root().join("config.yaml")).unwrap();
        fixture.write("config.yaml", format!("{config}\nopen_data: {open_data}\n"));
        let errors = fixture.errors().join("\n");
        assert!(
            errors.contains("config.yaml:") && errors.contains(message),
            "{open_data}: {errors}"
        );
    }
}

#[test]
fn data_files_are_the_same_bytes_from_build_to_build() {
    let data = |built: Built| -> Vec<(String, Vec<u8>)> {
        built
            .files
            .into_iter()
            .filter(|f| {
                f.path.ends_with(".json")
                    || f.path.ends_with(".csv")
                    || f.path.contains("statistics/")
            })
            .map(|f| (f.path, f.bytes))
            .collect()
    };
    let first = data(licensed());
    assert!(first.len() > 10);
    assert_eq!(first, data(licensed()));
}

/// A theme written before these pages has neither template nor their
/// strings: it borrows the built-in ones and the site still builds.
#[test]
fn an_old_custom_theme_without_the_new_templates_borrows_the_built_in_ones() {
    let fixture = Fixture::new("minimal");
    let theme = fixture.root().join("themes/old");
    copy_tree(&fixture.root().join("themes/default"), &theme);
    for file in [
        "templates/open-data.html",
        "templates/statistics.html",
        "static/data.css",
    ] {
        std::fs::remove_file(theme.join(file)).unwrap();
    }
    for lang in ["zh", "en"] {
        let path = theme.join(format!("i18n/{lang}.yaml"));
        let kept: String = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with("opendata_") && !l.starts_with("stats_"))
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(&path, kept).unwrap();
    }
    let config = std::fs::read_to_string(fixture.root().join("config.yaml")).unwrap();
    fixture.write(
        "config.yaml",
        config.replace("theme: default", "theme: old"),
    );
    let built = fixture.build().unwrap();
    let html = page(&built, "en/statistics/index.html");
    assert!(html.contains("<h1>Statistics</h1>"), "{html}");
    assert!(has_page(&built, "data.css"));
    assert!(page(&built, "open-data/index.html").contains("<h1>开放数据</h1>"));
}

#[test]
fn a_site_built_as_the_readme_says_passes_the_link_check_with_every_bar_link() {
    let dir = tempfile::tempdir().unwrap();
    for item in ["config.yaml", "content"] {
        let from = repo().join(item);
        if from.is_dir() {
            copy_tree(&from, &dir.path().join(item));
        } else {
            std::fs::copy(&from, dir.path().join(item)).unwrap();
        }
    }
    let build = chengguo(dir.path(), &["build"]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let check = chengguo(dir.path(), &["check", "--output", "public"]);
    assert!(
        check.status.success(),
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    let stats = std::fs::read_to_string(dir.path().join("public/statistics/index.html")).unwrap();
    assert!(
        stats.contains("href=\"/search/?type=achievement&amp;year="),
        "year bars link to the search"
    );
    assert!(
        stats.contains("href=\"/achievements/field/"),
        "vocabulary bars link to their pages"
    );
}

#[test]
fn the_statistics_count_transfer_modes_written_under_cooperation() {
    // Both achievements of the fixture with transfer modes write them under
    // `cooperation:`, none at the top: to a reader they are one field.
    let built = Fixture::new("business")
        .build()
        .expect("the fixture builds");
    let expected: BTreeMap<String, usize> = [("许可", 1), ("转让", 1), ("作价入股", 1)]
        .into_iter()
        .map(|(label, count)| (label.to_string(), count))
        .collect();
    let html = page(&built, "statistics/index.html");
    assert_eq!(table(&html, "achievements-transfer_modes"), expected);
    let english = page(&built, "en/statistics/index.html");
    assert_eq!(
        table(&english, "achievements-transfer_modes")
            .values()
            .sum::<usize>(),
        3
    );
}
