//! Discovery: the files that let search engines, feed readers and browsers
//! find the site — `sitemap.xml` with each page's language alternates,
//! `robots.txt` pointing at it, Atom feeds per language (everything, and one
//! per entry type) and `favicon.ico`. All are made as data from the assembled
//! site; the human site map page (网站地图) is a template page like the others
//! ([`super::pages::Page::SiteMap`]).
//!
//! Dates are the entries' own (last updated, else their date field), never
//! the build's clock, so a given commit always builds the same bytes.

use serde::Serialize;

use crate::config::{Config, Lang};
use crate::entry::{Date, Entry, EntryType};
use crate::site::Site;

use super::OutputFile;
use super::pages::{Lists, Page, counterpart, site_path};
use super::theme::Theme;

/// Where the sitemap for search engines goes, at the output's root.
pub const SITEMAP_FILE: &str = "sitemap.xml";
/// The file crawlers read first, at the output's root.
pub const ROBOTS_FILE: &str = "robots.txt";
/// The icon browsers ask for at a site's root when a page names none.
pub const FAVICON_FILE: &str = "favicon.ico";
/// Each feed's file name, in its language's root or its section's folder.
const FEED_FILE: &str = "feed.xml";

/// One Atom feed of a language: everything, or one entry type.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    /// `all`, or the entry type's folder (`policies`).
    pub key: &'static str,
    pub title: String,
    /// The URL path of the feed, with the base path.
    pub url: String,
    #[serde(skip)]
    entry_type: Option<EntryType>,
    #[serde(skip)]
    path: String,
}

/// The feeds of `lang`: everything first, then one per entry type.
pub fn feeds(config: &Config, theme: &Theme, lang: Lang) -> Vec<FeedLink> {
    let strings = theme.strings(lang);
    let site_title = config.title.get_or_other(lang);
    let prefix = config.language_prefix(lang);
    let label = |key: String| strings.get(&key).cloned().unwrap_or(key);
    let all = {
        let path = format!("{prefix}{FEED_FILE}");
        FeedLink {
            key: "all",
            title: format!("{site_title} · {}", label("feed_all".into())),
            url: config.url(&path),
            entry_type: None,
            path,
        }
    };
    std::iter::once(all)
        .chain(EntryType::ALL.into_iter().map(|entry_type| {
            let path = format!("{prefix}{}/{FEED_FILE}", entry_type.folder());
            FeedLink {
                key: entry_type.folder(),
                title: format!(
                    "{site_title} · {}",
                    label(format!("section_{}", entry_type.folder()))
                ),
                url: config.url(&path),
                entry_type: Some(entry_type),
                path,
            }
        }))
        .collect()
}

/// The sitemap, robots.txt, every feed of every language, and the favicon
/// unless the theme or the site brings its own.
pub(super) fn files(
    site: &Site,
    theme: &Theme,
    lists: &Lists,
    pages: &[(Lang, Page)],
) -> Vec<OutputFile> {
    let config = &site.config;
    let mut files = sitemaps(
        config,
        &sitemap_urls(site, lists, pages),
        SITEMAP_MAX_URLS,
        SITEMAP_MAX_BYTES,
    );
    files.push(OutputFile {
        path: ROBOTS_FILE.into(),
        bytes: robots(config).into_bytes(),
    });
    for lang in config.ordered_languages() {
        for feed in feeds(config, theme, lang) {
            files.push(OutputFile {
                bytes: atom(site, lang, &feed).into_bytes(),
                path: feed.path,
            });
        }
    }
    if !theme.static_files.iter().any(|f| f.path == FAVICON_FILE) {
        files.push(OutputFile {
            path: FAVICON_FILE.into(),
            bytes: favicon(),
        });
    }
    files
}

/// The date an entry was last changed: from git or its `updated` field,
/// else its own date (a policy's publication, an achievement's date).
pub(super) fn entry_date(entry: &Entry) -> Option<Date> {
    entry.updated.or_else(|| entry.sort_date())
}

/// A date as the sitemap protocol's W3C datetime: `2023`, `2023-05` or
/// `2023-05-30`, as precise as the content says.
fn w3c_date(date: Date) -> String {
    date.to_string()
}

/// A date as RFC 3339, which Atom requires: a date given to the year or
/// month stands for its first day, at midnight UTC.
fn rfc3339(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        date.year,
        date.month.unwrap_or(1),
        date.day.unwrap_or(1)
    )
}

/// Text fit for XML 1.0 content and attribute values: markup characters
/// escaped, and the characters XML 1.0 forbids (most C0 controls, U+FFFE,
/// U+FFFF) dropped, since no escape can carry them.
pub fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The sitemap protocol's limits for one file: 50,000 URLs and 50 MB.
const SITEMAP_MAX_URLS: usize = 50_000;
const SITEMAP_MAX_BYTES: usize = 50 * 1000 * 1000;

const URLSET_START: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
    <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
    xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
const URLSET_END: &str = "</urlset>\n";

/// `sitemap.xml`, from the `<url>` elements of every page: one file while
/// the site fits the protocol's limits; past them, files `sitemap-1.xml`,
/// `sitemap-2.xml`, … and `sitemap.xml` as their index, so robots.txt names
/// the same file whatever the site's size.
fn sitemaps(
    config: &Config,
    urls: &[String],
    max_urls: usize,
    max_bytes: usize,
) -> Vec<OutputFile> {
    let frame = URLSET_START.len() + URLSET_END.len();
    let mut parts: Vec<String> = Vec::new();
    let mut count = 0;
    for url in urls {
        let fits = parts.last().is_some_and(|part| {
            count < max_urls && part.len() + url.len() + URLSET_END.len() <= max_bytes
        });
        if !fits {
            parts.push(String::with_capacity(frame + url.len()));
            parts
                .last_mut()
                .expect("just pushed")
                .push_str(URLSET_START);
            count = 0;
        }
        parts.last_mut().expect("a part").push_str(url);
        count += 1;
    }
    if parts.is_empty() {
        parts.push(URLSET_START.to_string());
    }
    for part in &mut parts {
        part.push_str(URLSET_END);
    }
    if parts.len() == 1 {
        return vec![OutputFile {
            path: SITEMAP_FILE.into(),
            bytes: parts.remove(0).into_bytes(),
        }];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files = Vec::with_capacity(parts.len() + 1);
    for (n, part) in parts.into_iter().enumerate() {
        let path = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!(
            "<sitemap><loc>{}</loc></sitemap>\n",
            xml_text(&config.absolute_url(&path))
        ));
        files.push(OutputFile {
            path,
            bytes: part.into_bytes(),
        });
    }
    index.push_str("</sitemapindex>\n");
    files.insert(
        0,
        OutputFile {
            path: SITEMAP_FILE.into(),
            bytes: index.into_bytes(),
        },
    );
    files
}

/// One `<url>` element for every page but the 404 pages, each with the pages
/// in the other languages that stand for it. An alternate is listed only
/// where the two pages name each other, as search engines require: the
/// second page of an English list may lead to the first Chinese one, which
/// does not lead back.
fn sitemap_urls(site: &Site, lists: &Lists, pages: &[(Lang, Page)]) -> Vec<String> {
    let config = &site.config;
    let mut urls = Vec::with_capacity(pages.len());
    for (lang, page) in pages {
        if matches!(page, Page::NotFound) {
            continue;
        }
        let mut xml = String::from("<url><loc>");
        xml.push_str(&xml_text(
            &config.absolute_url(&site_path(config, *lang, page, site)),
        ));
        xml.push_str("</loc>");
        if let Page::Entry(id) = page
            && let Some(date) = entry_date(&site.entries[*id])
        {
            xml.push_str("<lastmod>");
            xml.push_str(&w3c_date(date));
            xml.push_str("</lastmod>");
        }
        let alternates: Vec<(Lang, Page)> = config
            .ordered_languages()
            .into_iter()
            .filter_map(|other| {
                if other == *lang {
                    return Some((other, page.clone()));
                }
                let there = counterpart(site, lists, other, page)?;
                (counterpart(site, lists, *lang, &there).as_ref() == Some(page))
                    .then_some((other, there))
            })
            .collect();
        if alternates.len() > 1 {
            for (other, there) in &alternates {
                let url = xml_text(&config.absolute_url(&site_path(config, *other, there, site)));
                if *other == config.default_language {
                    xml.push_str(&format!(
                        "\n  <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{url}\"/>"
                    ));
                }
                xml.push_str(&format!(
                    "\n  <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{url}\"/>",
                    other.html_lang()
                ));
            }
            xml.push('\n');
        }
        xml.push_str("</url>\n");
        urls.push(xml);
    }
    urls
}

/// `robots.txt`: every crawler may read everything, and is told where the
/// sitemap is. Crawlers read it only at a host's root; under a sub-path the
/// host's own robots.txt has to name the sitemap (see the README).
fn robots(config: &Config) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        config.absolute_url(SITEMAP_FILE)
    )
}

/// One Atom feed: the entries written in `lang`, of the feed's type or all,
/// newest first as the lists show them.
fn atom(site: &Site, lang: Lang, feed: &FeedLink) -> String {
    let config = &site.config;
    let entries: Vec<&Entry> = site
        .entries
        .iter()
        .filter(|e| e.has_language(lang))
        .filter(|e| feed.entry_type.is_none_or(|t| e.entry_type == t))
        .collect();
    // Atom requires the feed's `updated`: the newest date of its entries,
    // else of the whole site; a site with no date at all says the epoch
    // rather than the build's time, which would change every build.
    let updated = entries
        .iter()
        .filter_map(|e| entry_date(e))
        .max()
        .or_else(|| site.entries.iter().filter_map(entry_date).max())
        .map(rfc3339)
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let list_path = match feed.entry_type {
        Some(t) => format!("{}{}/", config.language_prefix(lang), t.folder()),
        None => config.language_prefix(lang).to_string(),
    };
    let self_url = xml_text(&config.absolute_url(&feed.path));
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n\
         <id>{self_url}</id>\n\
         <title>{title}</title>\n\
         <subtitle>{subtitle}</subtitle>\n\
         <updated>{updated}</updated>\n\
         <author><name>{author}</name></author>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{self_url}\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{list_url}\"/>\n",
        lang = lang.html_lang(),
        title = xml_text(&feed.title),
        subtitle = xml_text(config.description.get_or_other(lang)),
        author = xml_text(config.title.get_or_other(lang)),
        list_url = xml_text(&config.absolute_url(&list_path)),
    );
    for entry in entries {
        let url = xml_text(&config.absolute_url(&format!(
            "{}{}/{}/",
            config.language_prefix(lang),
            entry.entry_type.folder(),
            entry.slug
        )));
        // An entry with no date at all shows the feed's date: Atom requires one.
        let entry_updated = entry_date(entry).map(rfc3339);
        xml.push_str(&format!(
            "<entry>\n<id>{url}</id>\n<title>{title}</title>\n\
             <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n\
             <updated>{updated}</updated>\n\
             <category term=\"{category}\"/>\n",
            title = xml_text(entry.title.get_or_other(lang)),
            updated = entry_updated.as_deref().unwrap_or(&updated),
            category = entry.entry_type.key(),
        ));
        let summary = entry.summary.get_or_other(lang);
        if !summary.is_empty() {
            xml.push_str(&format!("<summary>{}</summary>\n", xml_text(summary)));
        }
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// The theme's accent blue, and the icon's bars drawn on it in white; the
/// same picture as the default theme's `icon.svg`.
const ICON_BLUE: [u8; 4] = [0x9c, 0x4f, 0x0b, 0xff];
const ICON_WHITE: [u8; 4] = [0xff, 0xff, 0xff, 0xff];
const ICON_SIZE: usize = 32;
/// Bars as (left, top, right, bottom), in pixels from the top left.
const ICON_BARS: [(usize, usize, usize, usize); 3] =
    [(7, 18, 12, 26), (14, 12, 19, 26), (21, 6, 26, 26)];
const ICON_CORNER: usize = 6;

/// `favicon.ico`: one 32×32 image, 32-bit BGRA, in the ICO container's
/// uncompressed bitmap form. Made here rather than kept as a binary file,
/// since the built-in theme's files are text.
fn favicon() -> Vec<u8> {
    let pixel = |x: usize, y: usize| -> [u8; 4] {
        // Rounded corners: outside the quarter circle is transparent.
        let (cx, cy) = (
            x.min(ICON_SIZE - 1 - x) as i64,
            y.min(ICON_SIZE - 1 - y) as i64,
        );
        let r = ICON_CORNER as i64;
        if cx < r && cy < r {
            let (dx, dy) = (r - cx, r - cy);
            if dx * dx + dy * dy > r * r {
                return [0; 4];
            }
        }
        if ICON_BARS
            .iter()
            .any(|&(l, t, rr, b)| (l..rr).contains(&x) && (t..b).contains(&y))
        {
            ICON_WHITE
        } else {
            ICON_BLUE
        }
    };
    let pixels = ICON_SIZE * ICON_SIZE * 4;
    // The AND mask: one bit a pixel, rows padded to 4 bytes; all zero, since
    // the alpha channel says what is transparent.
    let mask = ICON_SIZE.div_ceil(32) * 4 * ICON_SIZE;
    let image = 40 + pixels + mask;
    let mut ico = Vec::with_capacity(22 + image);
    // ICONDIR: reserved, type 1 (icon), one image.
    ico.extend_from_slice(&[0, 0, 1, 0, 1, 0]);
    // ICONDIRENTRY: width, height, no palette, reserved, 1 plane, 32 bits,
    // the image's size and where it starts.
    ico.extend_from_slice(&[ICON_SIZE as u8, ICON_SIZE as u8, 0, 0, 1, 0, 32, 0]);
    ico.extend_from_slice(&(image as u32).to_le_bytes());
    ico.extend_from_slice(&22u32.to_le_bytes());
    // BITMAPINFOHEADER; the height counts the mask too, so it is doubled.
    ico.extend_from_slice(&40u32.to_le_bytes());
    ico.extend_from_slice(&(ICON_SIZE as i32).to_le_bytes());
    ico.extend_from_slice(&(2 * ICON_SIZE as i32).to_le_bytes());
    ico.extend_from_slice(&1u16.to_le_bytes());
    ico.extend_from_slice(&32u16.to_le_bytes());
    ico.extend_from_slice(&[0; 24]);
    // Rows bottom up.
    for y in (0..ICON_SIZE).rev() {
        for x in 0..ICON_SIZE {
            ico.extend_from_slice(&pixel(x, y));
        }
    }
    ico.extend(std::iter::repeat_n(0u8, mask));
    ico
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(
            xml_text("a<b & \"c\" 'd'>\u{0}\u{8}\t\n\u{FFFE}\u{FFFF}é成"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\t\né成"
        );
    }

    #[test]
    fn dates_keep_their_precision_in_the_sitemap_and_fill_in_for_atom() {
        let date = |text| Date::parse(text).unwrap();
        assert_eq!(w3c_date(date("2023")), "2023");
        assert_eq!(w3c_date(date("2023-05-30")), "2023-05-30");
        assert_eq!(rfc3339(date("2023")), "2023-01-01T00:00:00Z");
        assert_eq!(rfc3339(date("2023-05")), "2023-05-01T00:00:00Z");
        assert_eq!(rfc3339(date("2023-05-30")), "2023-05-30T00:00:00Z");
    }

    #[test]
    fn a_sitemap_past_the_limits_becomes_an_index_of_parts() {
        let mut config = crate::config::parse(
            "title: {zh: 站, en: Site}\ndescription: {zh: 站, en: Site}\n\
             languages: [zh, en]\ndefault_language: zh\n",
        )
        .unwrap();
        config.set_base_url("https://example.org/sub/").unwrap();
        let urls: Vec<String> = (0..5)
            .map(|n| format!("<url><loc>https://example.org/sub/{n}/</loc></url>\n"))
            .collect();
        let one = sitemaps(&config, &urls, 5, 10_000);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].path, SITEMAP_FILE);
        let text = |file: &OutputFile| String::from_utf8(file.bytes.clone()).unwrap();
        assert_eq!(text(&one[0]).matches("<url>").count(), 5);

        // Two URLs a file by count, then by size.
        for (max_urls, max_bytes) in [
            (2, 10_000),
            (50, URLSET_START.len() + URLSET_END.len() + 100),
        ] {
            let parts = sitemaps(&config, &urls, max_urls, max_bytes);
            let paths: Vec<&str> = parts.iter().map(|f| f.path.as_str()).collect();
            assert_eq!(
                paths,
                [
                    "sitemap.xml",
                    "sitemap-1.xml",
                    "sitemap-2.xml",
                    "sitemap-3.xml"
                ]
            );
            let index = text(&parts[0]);
            assert!(index.contains("<sitemapindex "), "{index}");
            assert!(
                index.contains("<loc>https://example.org/sub/sitemap-3.xml</loc>"),
                "{index}"
            );
            let counts: Vec<usize> = parts[1..]
                .iter()
                .map(|f| text(f).matches("<url>").count())
                .collect();
            assert_eq!(counts, [2, 2, 1]);
            assert!(parts[1..].iter().all(|f| f.bytes.len() <= max_bytes));
            assert!(parts[1..].iter().all(|f| text(f).ends_with(URLSET_END)));
        }
    }

    #[test]
    fn the_favicon_is_an_ico_of_one_32_pixel_image() {
        let ico = favicon();
        assert_eq!(&ico[..6], &[0, 0, 1, 0, 1, 0]);
        assert_eq!((ico[6], ico[7]), (32, 32));
        let size = u32::from_le_bytes(ico[14..18].try_into().unwrap()) as usize;
        let offset = u32::from_le_bytes(ico[18..22].try_into().unwrap()) as usize;
        assert_eq!(offset + size, ico.len());
        // The bottom-left pixel (first stored) is a transparent corner; the
        // middle of the tallest bar is white.
        assert_eq!(&ico[offset + 40..offset + 44], &[0, 0, 0, 0]);
        let (x, y) = (23, 15);
        let at = offset + 40 + ((ICON_SIZE - 1 - y) * ICON_SIZE + x) * 4;
        assert_eq!(&ico[at..at + 4], &ICON_WHITE);
    }
}
