//! `chengguo check --output DIR`: every internal link of a built site
//! (`href`, `src`, `srcset` and `action` in its pages, `url()` in its
//! stylesheets) must lead to a file of that site, as a static host would
//! serve it under the site's base path. Run after `build`, before upload, it
//! catches what no content check can see: a theme's broken link, a file the
//! copy to the host left out, a site built for the wrong sub-path.

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use crate::config::Lang;
use crate::diag::messages::{Help, Message, Note};
use crate::diag::{Diagnostic, Diagnostics};
use crate::url::{percent_decode, resolve};

/// Where the built site is served: its base path (`/`, `/showcase/`) and,
/// when `base_url` is a full URL, its origin (`https://example.org`), under
/// which absolute links are the site's own.
pub struct Served<'a> {
    pub base_path: &'a str,
    pub origin: Option<&'a str>,
}

/// What the check found: the problems, and how many pages and links it read.
pub struct LinkReport {
    pub diagnostics: Diagnostics,
    pub pages: usize,
    pub links: usize,
}

/// Check every link in the site written to `output`. Problems name the page
/// as `output` joined with its path in the site.
pub fn check_output(output: &Path, served: &Served) -> Result<LinkReport, std::io::Error> {
    let mut files = HashSet::new();
    let mut folders = HashSet::new();
    for item in walkdir::WalkDir::new(output).min_depth(1) {
        let item = item?;
        let relative = site_path(item.path().strip_prefix(output).expect("under output"));
        if item.file_type().is_dir() {
            folders.insert(relative);
        } else {
            files.insert(relative);
        }
    }
    let mut readable: Vec<&String> = files
        .iter()
        .filter(|p| p.ends_with(".html") || p.ends_with(".css"))
        .collect();
    readable.sort();
    let site = Site {
        files: &files,
        folders: &folders,
        served,
    };
    let found: Vec<(Vec<Diagnostic>, usize)> = readable
        .par_iter()
        .map(|page| {
            let shown = output.join(page.as_str());
            let text = match std::fs::read(&shown) {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(error) => {
                    let message = Message::CannotRead.english(&[&error.to_string()]);
                    return (vec![Diagnostic::error(&shown, message)], 0);
                }
            };
            let links = if page.ends_with(".css") {
                css_links(&text)
            } else {
                html_links(&text)
            };
            let problems = links
                .iter()
                .filter_map(|link| {
                    let problem = site.problem(page, &link.target)?;
                    let (line, column) = line_column(&text, link.at);
                    Some(
                        problem
                            .into_diagnostic(&shown, &link.target)
                            .at(line, column),
                    )
                })
                .collect();
            (problems, links.len())
        })
        .collect();
    let mut diagnostics = Diagnostics::new();
    let mut links = 0;
    for (problems, count) in found {
        links += count;
        problems.into_iter().for_each(|d| diagnostics.push(d));
    }
    Ok(LinkReport {
        diagnostics,
        pages: readable.len(),
        links,
    })
}

/// The last line of the report: `checked 340 links in 12 files: 1 broken`.
pub fn summary(report: &LinkReport, broken: usize, lang: Lang) -> String {
    let [links, files, broken] = [report.links, report.pages, broken].map(|n| n.to_string());
    Note::LinksChecked.in_language(lang, &[&links, &files, &broken])
}

fn site_path(relative: &Path) -> String {
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A link as written in a page, entities decoded, and where its value starts.
#[derive(Debug, PartialEq)]
struct Link {
    target: String,
    at: usize,
}

/// The links a static host would be asked for when the page is read: the
/// values of `href`, `src`, `srcset` and `action` in every tag. Comments and
/// the text of `script` and `style` elements are skipped.
fn html_links(html: &str) -> Vec<Link> {
    let mut links = Vec::new();
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        at += offset + 1;
        if html[at..].starts_with("!--") {
            at = html[at..]
                .find("-->")
                .map_or(html.len(), |end| at + end + 3);
            continue;
        }
        let name_end = html[at..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(html.len(), |end| at + end);
        let name = html[at..name_end].to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        at = name_end;
        while let Some(attribute) = next_attribute(html, &mut at) {
            if let Some(value) = attribute.value {
                push_attribute_links(
                    &mut links,
                    &attribute.name,
                    &html[value.clone()],
                    value.start,
                );
            }
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            at = html[at..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(html.len(), |end| at + end);
        }
    }
    links
}

/// An attribute of a tag: its name in lowercase and where its value stands.
struct Attribute {
    name: String,
    value: Option<std::ops::Range<usize>>,
}

/// The attribute of a tag that starts at or after `at`, which is moved past
/// it; `None` at the tag's `>` (or the end of the text).
fn next_attribute(html: &str, at: &mut usize) -> Option<Attribute> {
    let bytes = html.as_bytes();
    let skip_spaces = |at: &mut usize| {
        while *at < bytes.len() && bytes[*at].is_ascii_whitespace() {
            *at += 1;
        }
    };
    loop {
        skip_spaces(at);
        match bytes.get(*at) {
            None | Some(b'>') => return None,
            Some(b'/') => *at += 1,
            Some(_) => break,
        }
    }
    let name_end = html[*at..]
        .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>' || c == '/')
        .map_or(html.len(), |end| *at + end);
    let name = html[*at..name_end].to_ascii_lowercase();
    *at = name_end.max(*at + 1);
    skip_spaces(at);
    if bytes.get(*at) != Some(&b'=') {
        return Some(Attribute { name, value: None });
    }
    *at += 1;
    skip_spaces(at);
    let (start, end, next) = match bytes.get(*at) {
        Some(&quote @ (b'"' | b'\'')) => {
            let end = html[*at + 1..]
                .find(quote as char)
                .map_or(html.len(), |end| *at + 1 + end);
            (*at + 1, end, (end + 1).min(html.len()))
        }
        _ => {
            let end = html[*at..]
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .map_or(html.len(), |end| *at + end);
            (*at, end, end)
        }
    };
    *at = next;
    Some(Attribute {
        name,
        value: Some(start..end),
    })
}

/// The links in the value of attribute `name` (standing at `at`), if it is
/// one that holds links.
fn push_attribute_links(links: &mut Vec<Link>, name: &str, value: &str, at: usize) {
    match name {
        "href" | "src" | "action" => links.push(Link {
            target: decode_entities(value),
            at,
        }),
        "srcset" => {
            for candidate in decode_entities(value).split(',') {
                if let Some(url) = candidate.split_whitespace().next() {
                    links.push(Link {
                        target: url.to_string(),
                        at,
                    });
                }
            }
        }
        _ => {}
    }
}

/// The targets of `url(…)` in a stylesheet, quoted or not.
fn css_links(css: &str) -> Vec<Link> {
    let mut links = Vec::new();
    let mut at = 0;
    while let Some(offset) = css[at..].find("url(") {
        let start = at + offset + 4;
        let Some(length) = css[start..].find(')') else {
            break;
        };
        let value = css[start..start + length].trim();
        let value = value
            .strip_prefix(['"', '\''])
            .and_then(|v| v.strip_suffix(['"', '\'']))
            .unwrap_or(value);
        links.push(Link {
            target: value.to_string(),
            at: start,
        });
        at = start + length;
    }
    links
}

/// An attribute value as the browser reads it: character references decoded
/// (Tera writes `/` as `&#x2F;`).
fn decode_entities(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').filter(|end| *end <= 10).and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, length)) => {
                out.push(c);
                rest = &rest[length..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The built site's files and folders, by their `/`-joined paths.
struct Site<'a> {
    files: &'a HashSet<String>,
    folders: &'a HashSet<String>,
    served: &'a Served<'a>,
}

/// Why a link does not lead to a file.
enum Problem {
    /// No file answers it; the path looked for in the site.
    Missing(String),
    /// It starts with `/` but not with the base path.
    OutsideBase(String),
}

impl Problem {
    fn into_diagnostic(self, page: &Path, target: &str) -> Diagnostic {
        match self {
            Problem::Missing(path) => {
                Diagnostic::error(page, Message::BrokenLink.english(&[target]))
                    .help(Help::NothingAt.english(&[&path]))
            }
            Problem::OutsideBase(base) => {
                Diagnostic::error(page, Message::LinkOutsideBase.english(&[target, &base]))
                    .help(Help::RebuildBaseUrl.english(&[]))
            }
        }
    }
}

impl Site<'_> {
    /// Why `target`, linked from the file at `page`, leads nowhere; `None`
    /// when it leads to a file or is not the site's to check (another host,
    /// `mailto:`, a fragment of the same page).
    fn problem(&self, page: &str, target: &str) -> Option<Problem> {
        let target = target.trim();
        let mut path = target;
        if let Some(origin) = self.served.origin
            && let Some(rest) = path.strip_prefix(origin)
            && rest.starts_with('/')
        {
            path = rest;
        }
        let has_scheme = path.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        });
        if path.is_empty() || path.starts_with('#') || path.starts_with("//") || has_scheme {
            return None;
        }
        let path = path.split(['?', '#']).next().unwrap_or("");
        if path.is_empty() {
            // `?q=x` alone: the page itself.
            return None;
        }
        let in_site = match path.strip_prefix('/') {
            Some(_) => match path.strip_prefix(self.served.base_path) {
                Some(rest) => rest.to_string(),
                None if format!("{path}/") == self.served.base_path => String::new(),
                None => return Some(Problem::OutsideBase(self.served.base_path.to_string())),
            },
            None => {
                let folder = page.rsplit_once('/').map_or("", |(folder, _)| folder);
                resolve(&format!("{folder}/"), path)
            }
        };
        let decoded = percent_decode(&in_site);
        let found = if decoded.is_empty() || decoded.ends_with('/') {
            self.files.contains(&format!("{decoded}index.html"))
        } else {
            self.files.contains(&decoded)
                || (self.folders.contains(&decoded)
                    && self.files.contains(&format!("{decoded}/index.html")))
        };
        if found {
            return None;
        }
        let looked_for = if decoded.is_empty() || decoded.ends_with('/') {
            format!("{decoded}index.html")
        } else {
            decoded
        };
        Some(Problem::Missing(looked_for))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(links: Vec<Link>) -> Vec<String> {
        links.into_iter().map(|l| l.target).collect()
    }

    #[test]
    fn finds_link_attributes_but_not_in_comments_or_scripts() {
        let html = "<!doctype html><a class=x href=\"&#x2F;a&#x2F;\">a</a><!-- <a href=\"/c\"> -->\
            <img src='/i.png' srcset=\"/s1.png 1x, /s2.png 2x\" alt=\"<b>\">\
            <script>var s = '<a href=\"/no\">';</script><form action=/search/><link href=/x.css>";
        assert_eq!(
            targets(html_links(html)),
            ["/a/", "/i.png", "/s1.png", "/s2.png", "/search/", "/x.css"]
        );
    }

    #[test]
    fn finds_css_urls() {
        let css = "a{background:url(\"img/a.png\")} b{background: url( /b.svg )}";
        assert_eq!(targets(css_links(css)), ["img/a.png", "/b.svg"]);
    }

    #[test]
    fn decodes_character_references() {
        assert_eq!(
            decode_entities("a&amp;b&#47;&#x2F;&bogus;&"),
            "a&b//&bogus;&"
        );
    }

    #[test]
    fn places_an_offset_in_lines_and_characters() {
        assert_eq!(line_column("ab\n中文x", 9), (2, 3));
    }

    fn site_with<'a>(
        files: &'a HashSet<String>,
        folders: &'a HashSet<String>,
        served: &'a Served<'a>,
    ) -> Site<'a> {
        Site {
            files,
            folders,
            served,
        }
    }

    #[test]
    fn resolves_links_under_the_base_path() {
        let files: HashSet<String> = [
            "index.html",
            "parks/a/index.html",
            "images/中 文.png",
            "style.css",
        ]
        .map(String::from)
        .into();
        let folders: HashSet<String> = ["parks", "parks/a", "images"].map(String::from).into();
        let served = Served {
            base_path: "/sub/",
            origin: Some("https://example.org"),
        };
        let site = site_with(&files, &folders, &served);
        let ok = |target: &str| site.problem("parks/a/index.html", target).is_none();
        assert!(ok("/sub/"));
        assert!(ok("/sub"));
        assert!(ok("/sub/parks/a/?q=1#top"));
        assert!(ok("/sub/parks/a"));
        assert!(ok("../../style.css"));
        assert!(ok("/sub/images/%E4%B8%AD%20%E6%96%87.png"));
        assert!(ok("https://example.org/sub/parks/a/"));
        assert!(ok("https://other.example/x"));
        assert!(ok("mailto:a@example.org"));
        assert!(ok("#main"));
        assert!(!ok("/sub/parks/b/"));
        assert!(!ok("https://example.org/sub/parks/b/"));
        assert!(!ok("/sub/parks"));
        assert!(matches!(
            site.problem("index.html", "/parks/a/"),
            Some(Problem::OutsideBase(base)) if base == "/sub/"
        ));
        assert!(matches!(
            site.problem("parks/a/index.html", "b.png"),
            Some(Problem::Missing(path)) if path == "parks/a/b.png"
        ));
    }
}
