//! The site's identity end to end on the `identity` fixture, which fills
//! every setting of `identity:` with invented values: the footer of each
//! language, the statement pages, and the errors a wrong value gets.

mod support;

use support::{Fixture, chengguo, has_page, page};

/// The footer of a page.
fn footer(html: &str) -> &str {
    let start = html.find("<footer").expect("a footer");
    let end = html.find("</footer>").expect("the footer's end");
    &html[start..end]
}

#[test]
fn the_footer_shows_every_identity_setting_with_its_links() {
    let built = Fixture::new("identity").build().unwrap();
    let zh = page(&built, "index.html");
    let zh = footer(&zh);
    for expected in [
        "<dt>主办单位</dt><dd>示例市科学技术局</dd>",
        "<dt>承办单位</dt><dd>示例市科技信息中心</dd>",
        "<dt>地址</dt><dd>示例市示例路1号</dd>",
        "<dt>电话</dt><dd><a href=\"tel:+862360000000\">+86 (23) 6000-0000</a></dd>",
        "<dt>电子邮箱</dt><dd><a href=\"mailto:office@kjj.example.gov.cn\">office@kjj.example.gov.cn</a></dd>",
        "<dt>网站标识码</dt><dd>5000000099</dd>",
        "<a class=\"icp\" href=\"https://beian.miit.gov.cn/\" rel=\"external noopener\" lang=\"zh-CN\">渝ICP备00000000号-1</a>",
        "<a class=\"public-security\" href=\"https://beian.mps.gov.cn/#/query/webSearch?code=50000000000000\" rel=\"external noopener\" lang=\"zh-CN\">渝公网安备 50000000000000号</a>",
        "<a class=\"site-mark\" href=\"https://bszs.conac.cn/sitename?method=show&amp;id=EXAMPLE\" rel=\"external noopener\"><img src=\"/showcase/images/site-mark.svg\" alt=\"党政机关网站标识\"",
        "<a href=\"/showcase/sitemap/\">网站地图</a>",
        "<a href=\"/showcase/copyright/\">版权声明</a>",
        "<a href=\"/showcase/privacy/\">隐私声明</a>",
    ] {
        assert!(zh.contains(expected), "{expected} in {zh}");
    }
    let en = page(&built, "en/parks/science-city/index.html");
    let en = footer(&en);
    for expected in [
        "<dt>Organiser</dt><dd>Example City Science and Technology Bureau</dd>",
        // Given in Chinese only: shown as written, marked as Chinese.
        "<dt>Operator</dt><dd lang=\"zh-CN\">示例市科技信息中心</dd>",
        "<dt>Address</dt><dd>1 Example Road, Example City</dd>",
        "<a href=\"/showcase/en/copyright/\">Copyright notice</a>",
        "alt=\"Party and government website mark\"",
    ] {
        assert!(en.contains(expected), "{expected} in {en}");
    }
    assert!(
        !en.contains("privacy"),
        "no English privacy statement: {en}"
    );
}

#[test]
fn statement_pages_exist_only_in_the_languages_they_are_written_in() {
    let built = Fixture::new("identity").build().unwrap();
    assert!(has_page(&built, "copyright/index.html"));
    assert!(has_page(&built, "en/copyright/index.html"));
    assert!(has_page(&built, "privacy/index.html"));
    assert!(!has_page(&built, "en/privacy/index.html"));
    let privacy = page(&built, "privacy/index.html");
    assert!(
        privacy.contains("<title>隐私声明 · 测试站点</title>"),
        "{privacy}"
    );
    assert!(privacy.contains("<p>本网站不使用 Cookie，也不收集访问者的个人信息。</p>"));
    // The office's Markdown passes the same allow-list as entry bodies.
    assert!(privacy.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!privacy.contains("<script>alert"));
    let copyright = page(&built, "en/copyright/index.html");
    assert!(copyright.contains("<a href=\"mailto:office@kjj.example.gov.cn\">the office</a>"));
    // The site map page lists the statements of its language.
    let site_map = page(&built, "en/sitemap/index.html");
    assert!(site_map.contains("<li><a href=\"/showcase/en/copyright/\">Copyright notice</a></li>"));
    assert!(!site_map.contains("privacy"));
    let sitemap = page(&built, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/showcase/en/copyright/</loc>"));
    assert!(sitemap.contains("<loc>https://example.org/showcase/privacy/</loc>"));
}

#[test]
fn a_site_without_identity_prints_none_of_it() {
    // The minimal fixture, as the README says to build: from the site's folder.
    let fixture = Fixture::new("minimal");
    let output = chengguo(fixture.root(), &["build"]);
    assert!(output.status.success(), "{output:?}");
    for path in ["public/index.html", "public/en/index.html"] {
        let html = std::fs::read_to_string(fixture.root().join(path)).unwrap();
        let footer = footer(&html);
        for absent in [
            "identity",
            "filings",
            "beian",
            "tel:",
            "mailto:",
            "copyright",
            "privacy",
        ] {
            assert!(!footer.contains(absent), "{absent} in {footer}");
        }
        assert!(footer.contains("sitemap/\">"), "{footer}");
    }
}

#[test]
fn check_reports_a_site_mark_image_that_is_not_there() {
    let fixture = Fixture::new("identity");
    fixture.remove("static/images/site-mark.svg");
    let output = chengguo(fixture.root(), &["check", "--lang", "en"]);
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(
        shown.contains("config.yaml:15:5: error: field \"identity.site_mark\": the site mark image \"images/site-mark.svg\" does not exist"),
        "{shown}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn wrong_identity_values_are_errors_at_their_place_in_both_languages() {
    let fixture = Fixture::new("identity");
    let config = std::fs::read_to_string(fixture.root().join("config.yaml")).unwrap();
    let config = config
        .replace("渝公网安备 50000000000000号", "渝公网安备 5000号")
        .replace("email: office@kjj.example.gov.cn", "email: office@kjj")
        .replace("url: https://bszs.conac.cn/", "url: javascript:alert(1)//");
    fixture.write("config.yaml", config);
    let errors = fixture.errors();
    assert_eq!(
        errors,
        [
            "config.yaml:10:3: error: field \"identity.email\": expected an e-mail address such as office@example.gov.cn",
            "config.yaml:13:3: error: field \"identity.public_security\": expected a public-security filing number such as 渝公网安备50010302000001号",
            "config.yaml:16:5: error: field \"identity.site_mark\": site_mark.url must be an http:// or https:// address",
        ]
    );
    let output = chengguo(fixture.root(), &["check", "--lang", "zh"]);
    let shown = String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(
        shown.contains("config.yaml:10:3") && shown.contains("应为电子邮件地址"),
        "{shown}"
    );
    assert!(
        shown.contains("site_mark.url 应为 http:// 或 https:// 地址"),
        "{shown}"
    );
}
