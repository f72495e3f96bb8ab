//! What a company acts on, end to end on the `business` fixture: IP records,
//! terms of cooperation, the contact block, attachments and the 我要对接
//! link on the pages, contact details kept out of the search index, and each
//! bad shape reported at its place.

mod support;

use support::{Fixture, page};

const SENSOR: &str = "content/achievements/graphene-sensor.yaml";

/// Every file of the search index as text, unpacked: entry records from
/// their bundles, gzipped shards inflated.
fn index_text(built: &chengguo::Built) -> String {
    use std::io::Read;
    let unpacked = |path: &str, bytes: &[u8]| -> Vec<u8> {
        if path.contains("/d/") {
            return chengguo::search::index::bundle_records(bytes).concat();
        }
        if !bytes.starts_with(&[0x1f, 0x8b]) {
            return bytes.to_vec();
        }
        let mut inflated = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut inflated)
            .expect("a gzipped index file inflates");
        inflated
    };
    built
        .files
        .iter()
        .filter(|f| f.path.starts_with("search-index/"))
        .map(|f| String::from_utf8_lossy(&unpacked(&f.path, &f.bytes)).into_owned())
        .collect()
}

#[test]
fn shows_every_business_field_on_the_achievement_page() {
    let built = Fixture::new("business")
        .build()
        .expect("the fixture builds");
    let html = page(&built, "achievements/graphene-sensor/index.html");
    for expected in [
        "发明专利 ZL201710601862.3（一种柔性压力传感器）",
        "软件著作权 2021SR0123456",
        "<dt>价格</dt>",
        ">500,000元<",
        "寻求传感器制造企业",
        r#"<a href="tel:02360001234">023-6000 1234</a>"#,
        r#"<a href="mailto:transfer@example.edu.cn">transfer@example.edu.cn</a>"#,
        r#"<a href="https://tt.example.edu.cn/" rel="external noopener">"#,
        r#"<a href="/docs/brochure.pdf" download>项目介绍</a><span class="file-info">（PDF 1.5 KB）</span>"#,
    ] {
        assert!(html.contains(expected), "{expected} missing in\n{html}");
    }
    // The subject names the achievement and its absolute URL, percent-encoded.
    let subject = "%E6%88%91%E8%A6%81%E5%AF%B9%E6%8E%A5%EF%BC%9A%E7%9F%B3%E5%A2%A8%E7%83%AF%E5%8E%8B%E5%8A%9B%E4%BC%A0%E6%84%9F%E5%99%A8%20https%3A%2F%2Fexample.org%2Fachievements%2Fgraphene-sensor%2F";
    assert!(
        html.contains(&format!(
            "href=\"mailto:transfer@example.edu.cn?subject={subject}\" data-enquiry>我要对接</a>"
        )),
        "{html}"
    );
    let english = page(&built, "en/achievements/graphene-sensor/index.html");
    assert!(
        english.contains("data-enquiry>I am interested</a>"),
        "{english}"
    );
    assert!(english.contains("Invention patent ZL201710601862.3 (A flexible pressure sensor)"));
    // The amount in groups of three, the yuan as each language writes it.
    assert!(english.contains(">CNY 500,000<"), "{english}");
}

#[test]
fn merges_the_two_languages_of_a_markdown_entry_and_mails_the_site_without_an_entry_address() {
    let built = Fixture::new("business")
        .build()
        .expect("the fixture builds");
    let zh = page(&built, "achievements/bio-fertiliser/index.html");
    let en = page(&built, "en/achievements/bio-fertiliser/index.html");
    assert!(zh.contains("实用新型 97101765.4（发酵装置）") && zh.contains("<span>面议</span>"));
    assert!(en.contains("Utility model 97101765.4 (Fermentation device)"));
    assert!(en.contains("<span>Negotiable</span>") && en.contains("<dd>Li Ming</dd>"));
    assert!(
        zh.contains(r#"<a href="tel:+862360005678">+86 23 6000 5678</a>"#),
        "{zh}"
    );
    assert!(
        zh.contains("href=\"mailto:office@example.org?subject="),
        "{zh}"
    );
}

#[test]
fn keeps_contact_details_out_of_the_search_index() {
    let built = Fixture::new("business")
        .build()
        .expect("the fixture builds");
    let index = index_text(&built);
    assert!(
        index.contains("石墨烯压力传感器"),
        "the index holds the entries"
    );
    for secret in [
        "6000 1234",
        "02360001234",
        "transfer@example.edu.cn",
        "王老师",
        "6000 5678",
    ] {
        assert!(!index.contains(secret), "{secret} is in the search index");
    }
}

#[test]
fn masks_phones_and_emails_when_the_site_says_so_and_then_mails_the_site() {
    let fixture = with_config(
        "  show_phone: full\n  show_email: full\n",
        "  show_phone: masked\n  show_email: masked\n",
    );
    let built = fixture.build().expect("the fixture builds");
    let html = page(&built, "achievements/graphene-sensor/index.html");
    assert!(html.contains("<span>023-**** **34</span>"), "{html}");
    assert!(html.contains("<span>t***@example.edu.cn</span>"));
    assert!(!html.contains("transfer@example.edu.cn") && !html.contains("tel:"));
    assert!(html.contains("href=\"mailto:office@example.org?subject="));
}

#[test]
fn links_to_the_enquiry_form_with_slug_and_title_when_one_is_configured() {
    let fixture = with_config(
        "  email: office@example.org\n",
        "  enquiry_form: https://forms.example.org/enquiry\n",
    );
    let built = fixture.build().expect("the fixture builds");
    let html = page(&built, "achievements/graphene-sensor/index.html");
    assert!(
        html.contains("href=\"https://forms.example.org/enquiry?slug=graphene-sensor&amp;title=%E7%9F%B3%E5%A2%A8%E7%83%AF%E5%8E%8B%E5%8A%9B%E4%BC%A0%E6%84%9F%E5%99%A8\""),
        "{html}"
    );
}

#[test]
fn shows_no_button_where_there_is_nowhere_to_write() {
    let fixture = with_config("  email: office@example.org\n", "");
    let built = fixture.build().expect("the fixture builds");
    let html = page(&built, "achievements/free-text-contact/index.html");
    assert!(html.contains("<p class=\"contact-note\">请致电示例大学科技处</p>"));
    assert!(!html.contains("data-enquiry"), "{html}");
}

/// The fixture with `from` replaced by `to` in its config.yaml.
fn with_config(from: &str, to: &str) -> Fixture {
    let fixture = Fixture::new("business");
    let config = std::fs::read_to_string(fixture.root().join("config.yaml")).unwrap();
    assert!(config.contains(from), "{from}");
    fixture.write("config.yaml", config.replace(from, to));
    fixture
}

/// The sensor entry with `from` replaced by `to`, built; its errors.
fn errors_with(from: &str, to: &str) -> Vec<String> {
    let fixture = Fixture::new("business");
    let text = std::fs::read_to_string(fixture.root().join(SENSOR)).unwrap();
    assert!(text.contains(from), "{from}");
    fixture.write(SENSOR, text.replace(from, to));
    fixture.errors()
}

#[test]
fn places_each_bad_shape_at_its_key_or_value() {
    let cases = [
        (
            "number: ZL201710601862.3",
            "number: ZL201710601862.4",
            "content/achievements/graphene-sensor.yaml:11:13: error: field \"ip\": the check digit of \"ZL201710601862.4\" is wrong: the digits give 3",
        ),
        (
            "number: ZL201710601862.3",
            "number: ZL2017106018.3",
            "content/achievements/graphene-sensor.yaml:11:13: error: field \"ip\": \"ZL2017106018.3\" is not a Chinese patent number",
        ),
        (
            "kind: 发明专利",
            "kind: 发明",
            "content/achievements/graphene-sensor.yaml:10:11: error: field \"ip\": unknown value \"发明\"",
        ),
        (
            "  phone: 023-6000 1234",
            "  phone: call us",
            "content/achievements/graphene-sensor.yaml:21:10: error: field \"contact\": \"call us\" is not a phone number",
        ),
        (
            "  email: transfer@example.edu.cn",
            "  mail: transfer@example.edu.cn",
            "content/achievements/graphene-sensor.yaml:22:3: error: field \"contact\": unknown key \"mail\" in a contact (did you mean email?)",
        ),
        (
            "price: {amount: 500000, currency: CNY}",
            "price: {amount: 500000, currency: yuan}",
            "field \"cooperation\": expected a currency code such as CNY, found text",
        ),
        (
            "price: {amount: 500000, currency: CNY}",
            "price: 五十万",
            "field \"cooperation\": expected 面议 (negotiable) or {amount: 500000, currency: CNY}, found text",
        ),
        (
            "file: docs/brochure.pdf",
            "file: docs/missing.pdf",
            "content/achievements/graphene-sensor.yaml:25:11: error: field \"attachments\": the attachment \"docs/missing.pdf\" does not exist",
        ),
        (
            "region: 重庆市",
            "region: 重庆市\ntransfer_modes: [转让]",
            "content/achievements/graphene-sensor.yaml:15:1: error: field \"cooperation\": transfer_modes is written both at the top and under cooperation",
        ),
    ];
    for (from, to, expected) in cases {
        let errors = errors_with(from, to);
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "{expected}\nnot in {errors:#?}"
        );
    }
}

#[test]
fn keeps_the_top_level_transfer_modes_working() {
    let fixture = Fixture::new("business");
    let text = std::fs::read_to_string(fixture.root().join(SENSOR)).unwrap();
    fixture.write(
        SENSOR,
        text.replace("  transfer_modes: [许可, 转让]\n", "")
            .replace("region: 重庆市", "region: 重庆市\ntransfer_modes: [许可]"),
    );
    let built = fixture.build().expect("the fixture builds");
    let html = page(&built, "achievements/graphene-sensor/index.html");
    assert!(
        html.contains("<a href=\"/achievements/transfer_modes/licensing/\">许可</a>"),
        "{html}"
    );
}

#[test]
fn cards_say_has_contact_and_price_negotiable_and_search_has_the_new_facets() {
    let built = Fixture::new("business")
        .build()
        .expect("the fixture builds");
    let list = page(&built, "achievements/index.html");
    assert!(
        list.contains(r#"<p class="card-flags"><span>有联系方式</span><span>价格面议</span></p>"#),
        "{list}"
    );
    let manifest = page(&built, "search-index/zh/manifest.json");
    for expected in [
        r#"{"key":"transfer_modes","label":"转化方式","values":[{"key":"assignment","label":"转让"}"#,
        r#"{"key":"ip","label":"知识产权","values":[{"key":"invention-patent","label":"发明专利"}"#,
    ] {
        assert!(manifest.contains(expected), "{expected} not in {manifest}");
    }
    assert!(support::has_page(&built, "search-index/zh/f/ip.bin"));
    assert!(support::has_page(
        &built,
        "search-index/en/f/transfer_modes.bin"
    ));
}
