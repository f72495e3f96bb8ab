//! Markdown → HTML and plain text, through pulldown-cmark.
//!
//! This module owns what Markdown may put into a page. Everything pulldown-cmark
//! can emit as an HTML attribute or URL from the editor's text goes through an
//! allow-list here, and every removal is reported as a warning at its place:
//!
//! - heading attributes (`# T {#id .class key=value}`): only an `id` of letters,
//!   digits, `-` and `_`, and classes of ASCII letters, digits, `-` and `_`;
//!   every `key=value` is removed (it could be `onfocus=…` or `style=…`);
//! - link and image targets: http, https, mailto, tel, relative and site paths,
//!   `#fragments` and `@/type/slug` entry links. Any other scheme (`javascript:`,
//!   `vbscript:`, `data:`, `file:`, …) removes the link (its text stays) or the
//!   image (its alt text stays). `data:` images are refused too: images belong
//!   in `static/`, and an SVG data URL can carry script;
//! - raw HTML is escaped (shown as text) unless `allow_html` is set, which
//!   trusts every editor with script on the site.
//!
//! Link and image titles, footnote labels and heading text reach the page only
//! as escaped attribute values or text, so they need no allow-list; footnote
//! labels are percent-escaped too, to be valid ids and fragments. Site-absolute
//! links get the base path, and `@/parks/slug` links to other entries become their
//! URLs in the page's language.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::config::{Config, Lang};
use crate::diag::{Diagnostic, Diagnostics};
use crate::entry::{Body, EntryType, Place};

/// Where the Markdown of a body stands in its file, to place warnings exactly.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub path: &'a Path,
    /// The file line the Markdown starts on (for a `slug.yaml` body, the line
    /// of the `body:` key; the Markdown is found in `file_text` at or after it).
    pub first_line: usize,
    /// The whole file, when the Markdown is indented in a YAML block scalar and
    /// so does not stand in the file as it is given to the parser.
    pub file_text: Option<&'a str>,
}

/// Compile one body. `first_line` is the file line the Markdown starts on.
pub fn render(markdown: &str, lang: Lang, config: &Config, path: &Path, first_line: usize) -> Body {
    let source = Source {
        path,
        first_line,
        file_text: None,
    };
    render_checked(markdown, lang, config, source, &mut Diagnostics::new())
}

/// The Markdown extensions switched on, each after asking what HTML it can emit.
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// [`render`], with a warning in `warnings` for every attribute, link, image
/// and piece of raw HTML the allow-list removed or escaped.
pub fn render_checked(
    markdown: &str,
    lang: Lang,
    config: &Config,
    source: Source,
    warnings: &mut Diagnostics,
) -> Body {
    // CommonMark asks for U+0000 to become U+FFFD; pulldown-cmark passes it on.
    let markdown: std::borrow::Cow<str> = if markdown.contains('\0') {
        markdown.replace('\0', "\u{FFFD}").into()
    } else {
        markdown.into()
    };
    let mut compiler = Compiler::new(&markdown, lang, config, source, warnings);
    for (event, range) in Parser::new_ext(&markdown, OPTIONS).into_offset_iter() {
        if let Some(event) = compiler.allow(event, range) {
            compiler.push(event);
        }
    }
    compiler.finish()
}

/// One body on its way from Markdown events to HTML: the events let through
/// so far and what the allow-list must remember from one event to the next.
struct Compiler<'a, 'w> {
    markdown: &'a str,
    lang: Lang,
    config: &'a Config,
    source: Source<'a>,
    warnings: &'w mut Diagnostics,
    body: Body,
    events: Vec<Event<'a>>,
    /// The ids given to headings so far, to make each one unique.
    heading_ids: HashMap<String, usize>,
    /// Where the open heading's start event stands in `events`.
    heading_start: Option<usize>,
    /// For each open link or image: whether its start tag was removed, so its end goes too.
    removed_links: Vec<bool>,
    removed_images: Vec<bool>,
}

impl<'a, 'w> Compiler<'a, 'w> {
    fn new(
        markdown: &'a str,
        lang: Lang,
        config: &'a Config,
        source: Source<'a>,
        warnings: &'w mut Diagnostics,
    ) -> Self {
        Compiler {
            markdown,
            lang,
            config,
            source,
            warnings,
            body: Body::default(),
            events: Vec::new(),
            heading_ids: HashMap::new(),
            heading_start: None,
            removed_links: Vec::new(),
            removed_images: Vec::new(),
        }
    }

    /// The event as the page may have it, or `None` where it is removed.
    fn allow(&mut self, event: Event<'a>, range: Range<usize>) -> Option<Event<'a>> {
        match event {
            Event::Html(html) | Event::InlineHtml(html) if !self.config.allow_html => {
                Some(self.escape_html(html, range))
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let markdown = self.markdown;
                let (id, classes) = allowed_heading_attributes(
                    markdown,
                    range,
                    id,
                    classes,
                    attrs,
                    &mut |offset, message| self.warn(offset, message, HELP_HEADING),
                );
                Some(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs: Vec::new(),
                }))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.link_target(dest_url, range.start)?;
                Some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Link) => {
                (!self.removed_links.pop().unwrap_or(false)).then_some(Event::End(TagEnd::Link))
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.image_source(dest_url, range.start)?;
                Some(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Image) => {
                (!self.removed_images.pop().unwrap_or(false)).then_some(Event::End(TagEnd::Image))
            }
            // The label becomes an `id` and a `#fragment` as pulldown-cmark
            // writes it, escaped for HTML but not for a URL: `[^a b]` would
            // give an id with a space, which no fragment can name.
            Event::FootnoteReference(label) => Some(Event::FootnoteReference(
                crate::url::escape_fragment(&label).into(),
            )),
            Event::Start(Tag::FootnoteDefinition(label)) => Some(Event::Start(
                Tag::FootnoteDefinition(crate::url::escape_fragment(&label).into()),
            )),
            other => Some(other),
        }
    }

    /// Raw HTML as text, with a warning at the first line of its block.
    fn escape_html(&mut self, html: CowStr<'a>, range: Range<usize>) -> Event<'a> {
        // A block comes one event per line: report it once, at its first line.
        let first_of_block = !matches!(self.events.last(), Some(Event::Text(_)))
            || !matches!(
                self.events
                    .iter()
                    .rev()
                    .find(|e| !matches!(e, Event::Text(_))),
                Some(Event::Start(Tag::HtmlBlock))
            );
        if first_of_block {
            let text = &self.markdown[range.clone()];
            let spaces = text.len() - text.trim_start_matches([' ', '\t']).len();
            self.warn(
                range.start + spaces,
                "raw HTML was escaped and shows as text: allow_html is off".to_string(),
                HELP_RAW_HTML,
            );
        }
        Event::Text(html)
    }

    /// A link's target as the page has it (entry links resolved, site paths
    /// under the base path), or `None` where its scheme removes the link.
    fn link_target(&mut self, url: CowStr<'a>, offset: usize) -> Option<CowStr<'a>> {
        let place = place_of(
            self.markdown,
            offset,
            self.source.first_line,
            self.source.path,
        );
        self.body.targets.push((url.to_string(), place.clone()));
        let allowed = is_allowed_url(&url);
        self.removed_links.push(!allowed);
        if !allowed {
            let message = format!(
                "the link to \"{}\" was removed: its scheme is not allowed",
                shown(&url)
            );
            self.warn(offset, message, HELP_SCHEME);
            return None;
        }
        Some(rewrite_link(
            &url,
            self.lang,
            self.config,
            &mut self.body,
            place,
        ))
    }

    /// An image's source under the base path, or `None` where its scheme removes the image.
    fn image_source(&mut self, url: CowStr<'a>, offset: usize) -> Option<CowStr<'a>> {
        let place = place_of(
            self.markdown,
            offset,
            self.source.first_line,
            self.source.path,
        );
        self.body.targets.push((url.to_string(), place));
        let allowed = is_allowed_url(&url);
        self.removed_images.push(!allowed);
        if !allowed {
            let message = format!(
                "the image \"{}\" was removed: its scheme is not allowed",
                shown(&url)
            );
            self.warn(offset, message, HELP_SCHEME);
            return None;
        }
        Some(site_absolute(&url, self.config))
    }

    fn warn(&mut self, offset: usize, message: String, help: &str) {
        let (line, column) = exact_place(self.markdown, offset, self.source);
        self.warnings.push(
            Diagnostic::warning(self.source.path, message)
                .at(line, column)
                .field("body")
                .help(help),
        );
    }

    /// Keep `event`; a heading that ends gets its unique id.
    fn push(&mut self, event: Event<'a>) {
        match &event {
            Event::Start(Tag::Heading { .. }) => self.heading_start = Some(self.events.len()),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(start) = self.heading_start.take() {
                    assign_heading_id(&mut self.events, start, &mut self.heading_ids);
                }
            }
            _ => {}
        }
        self.events.push(event);
    }

    fn finish(self) -> Body {
        let mut body = self.body;
        pulldown_cmark::html::push_html(&mut body.html, self.events.into_iter());
        body.html = alignment_as_classes(&body.html);
        body.markdown = self.markdown.to_string();
        body
    }
}

/// pulldown-cmark aligns table cells with a `style` attribute, which the
/// theme's Content-Security-Policy (no inline style) blocks; a class keeps the
/// alignment. Only the writer can put the `>` that ends the pattern: in text
/// and attribute values it is escaped (`&gt;`).
fn alignment_as_classes(html: &str) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html.to_string();
    }
    html.replace(" style=\"text-align: left\">", " class=\"align-left\">")
        .replace(" style=\"text-align: center\">", " class=\"align-center\">")
        .replace(" style=\"text-align: right\">", " class=\"align-right\">")
}

const HELP_RAW_HTML: &str = "write it in Markdown; allow_html: true in config.yaml lets HTML through, for trusted editors only";
const HELP_HEADING: &str = "a heading takes {#id .class} only";
const HELP_SCHEME: &str = "link to http(s)://, mailto:, tel:, a site path or @/type/slug";

/// Keep a heading's id and classes that are on the allow-list; report the rest
/// (and every `key=value`) through `removed(offset, message)`.
fn allowed_heading_attributes<'a>(
    markdown: &str,
    range: std::ops::Range<usize>,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    removed: &mut dyn FnMut(usize, String),
) -> (Option<CowStr<'a>>, Vec<CowStr<'a>>) {
    // The attribute block is the last `{` of the heading's first line.
    let text = &markdown[range.clone()];
    let line_end = text.find('\n').unwrap_or(text.len());
    let block = text[..line_end].rfind('{').unwrap_or(0);
    let offset_of =
        |needle: &str| range.start + block + text[block..line_end].find(needle).unwrap_or(0);
    let id = match id {
        Some(id) if is_safe_id(&id) => Some(id),
        Some(id) => {
            removed(
                offset_of(&format!("#{id}")),
                format!(
                    "the heading id \"{}\" was removed: an id is letters, digits, - and _",
                    shown(&id)
                ),
            );
            None
        }
        None => None,
    };
    let mut kept = Vec::new();
    for class in classes {
        if is_safe_class(&class) {
            kept.push(class);
        } else {
            removed(
                offset_of(&format!(".{class}")),
                format!(
                    "the heading class \"{}\" was removed: a class is ASCII letters, digits, - and _",
                    shown(&class)
                ),
            );
        }
    }
    for (name, _) in attrs {
        removed(
            offset_of(&name),
            format!(
                "the heading attribute \"{}\" was removed: a heading takes only an id and classes",
                shown(&name)
            ),
        );
    }
    (id, kept)
}

/// Ids the heading slugger could make: letters and digits of any script, `-`, `_`.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

pub fn is_safe_class(class: &str) -> bool {
    !class.is_empty()
        && class
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether a link or image target may go into `href` or `src`: no scheme
/// (a relative or site path, a `#fragment`, `@/type/slug`) or an allowed one.
/// The scheme is read as a browser reads it: tabs and newlines anywhere and
/// leading control characters and spaces do not count.
pub fn is_allowed_url(url: &str) -> bool {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = cleaned.find([':', '/', '?', '#']);
    let Some(colon) = end.filter(|&i| cleaned[i..].starts_with(':')) else {
        return true;
    };
    let scheme = &cleaned[..colon];
    let looks_like_scheme = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !looks_like_scheme {
        // "x y:z" or "中:x" is no scheme to a browser, but nothing an editor means either.
        return false;
    }
    matches!(
        scheme.to_ascii_lowercase().as_str(),
        "http" | "https" | "mailto" | "tel"
    )
}

/// A value from the content as a diagnostic shows it: at most 60 characters,
/// control characters escaped so they cannot act on the terminal.
pub fn shown(text: &str) -> String {
    let mut out: String = text
        .chars()
        .take(60)
        .flat_map(|c| {
            if c.is_control() || is_bidi_control(c) {
                c.escape_unicode().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect();
    if text.chars().count() > 60 {
        out.push('…');
    }
    out
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The exact file place of a byte offset in the Markdown. For a body in a
/// YAML block scalar, the Markdown line is found in the file at or after
/// `first_line`; if it cannot be found, only the line is given.
fn exact_place(markdown: &str, offset: usize, source: Source) -> (usize, usize) {
    let line_start = markdown[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_index = markdown[..offset].matches('\n').count();
    let column = markdown[line_start..offset].chars().count() + 1;
    let Some(file_text) = source.file_text else {
        return (source.first_line + line_index, column);
    };
    let line_end = markdown[line_start..]
        .find('\n')
        .map_or(markdown.len(), |i| line_start + i);
    let line = &markdown[line_start..line_end];
    let indent = line.len() - line.trim_start().len();
    let wanted = line.trim();
    let found = file_text
        .lines()
        .enumerate()
        .skip(source.first_line.saturating_sub(1) + line_index)
        .find(|(_, file_line)| !wanted.is_empty() && file_line.trim() == wanted);
    match found {
        Some((index, file_line)) => {
            let file_indent = file_line.len() - file_line.trim_start().len();
            let column = file_line[..file_indent].chars().count()
                + markdown[line_start + indent..offset].chars().count()
                + 1;
            (index + 1, column)
        }
        None => (source.first_line, 0),
    }
}

/// The file place of a byte offset in the Markdown.
fn place_of(markdown: &str, offset: usize, first_line: usize, path: &Path) -> Place {
    let before = &markdown[..offset];
    Place {
        path: path.to_path_buf(),
        line: first_line + before.matches('\n').count(),
        column: before.rsplit('\n').next().unwrap_or("").chars().count() + 1,
    }
}

/// Give a heading without an explicit `{#id}` one made from its text, unique in the page.
fn assign_heading_id(events: &mut [Event], start: usize, used: &mut HashMap<String, usize>) {
    let text: String = events[start + 1..]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    if let Event::Start(Tag::Heading {
        level,
        id,
        classes,
        attrs,
    }) = &events[start]
    {
        let base = match id {
            Some(id) => id.to_string(),
            None => heading_slug(&text, *level),
        };
        let count = used.entry(base.clone()).or_insert(0);
        let unique = if *count == 0 {
            base.clone()
        } else {
            format!("{base}-{count}")
        };
        *count += 1;
        events[start] = Event::Start(Tag::Heading {
            level: *level,
            id: Some(CowStr::from(unique)),
            classes: classes.clone(),
            attrs: attrs.clone(),
        });
    }
}

/// Lowercase letters and digits of any script, other runs joined by one hyphen.
fn heading_slug(text: &str, level: HeadingLevel) -> String {
    let mut slug = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        format!("section-{}", level as usize)
    } else {
        slug
    }
}

fn site_absolute<'a>(url: &CowStr<'a>, config: &Config) -> CowStr<'a> {
    if url.starts_with('/') && !url.starts_with("//") {
        CowStr::from(config.url(url))
    } else {
        url.clone()
    }
}

fn rewrite_link<'a>(
    url: &CowStr<'a>,
    lang: Lang,
    config: &Config,
    body: &mut Body,
    place: Place,
) -> CowStr<'a> {
    let Some(target) = url.strip_prefix("@/") else {
        return site_absolute(url, config);
    };
    let (target, fragment) = match target.split_once('#') {
        Some((target, fragment)) => (target, format!("#{fragment}")),
        None => (target, String::new()),
    };
    let target = target.trim_end_matches('/');
    let Some((folder, slug)) = target.split_once('/') else {
        body.entry_links
            .push((EntryType::Achievement, target.to_string(), place));
        return url.clone();
    };
    match EntryType::ALL.into_iter().find(|t| t.folder() == folder) {
        Some(entry_type) => {
            body.entry_links.push((entry_type, slug.to_string(), place));
            let site_path = format!(
                "{}{}/{}/{}",
                config.language_prefix(lang),
                folder,
                slug,
                fragment
            );
            CowStr::from(config.url(&site_path))
        }
        None => url.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config;

    fn config(allow_html: bool) -> Config {
        let text = format!(
            "title: {{zh: 站, en: Site}}\ndescription: {{zh: 站, en: Site}}\nbase_url: /sub/\nallow_html: {allow_html}\n"
        );
        config::parse(&text).unwrap()
    }

    fn html(markdown: &str, allow_html: bool) -> String {
        render(
            markdown,
            Lang::En,
            &config(allow_html),
            Path::new("x.en.md"),
            5,
        )
        .html
    }

    #[test]
    fn escapes_raw_html_unless_allowed() {
        assert_eq!(
            html("a <script>alert(1)</script>", false),
            "<p>a &lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
        );
        assert_eq!(html("a <b>b</b>", true), "<p>a <b>b</b></p>\n");
    }

    /// Render with warnings, as the parser does.
    fn checked(markdown: &str, allow_html: bool) -> (String, Vec<Diagnostic>) {
        let mut warnings = Diagnostics::new();
        let source = Source {
            path: Path::new("x.en.md"),
            first_line: 5,
            file_text: None,
        };
        let body = render_checked(
            markdown,
            Lang::En,
            &config(allow_html),
            source,
            &mut warnings,
        );
        (body.html, warnings.sorted())
    }

    fn places(warnings: &[Diagnostic]) -> Vec<(usize, usize, &str)> {
        warnings
            .iter()
            .map(|d| (d.line, d.column, d.code()))
            .collect()
    }

    #[test]
    fn removes_script_links_keeping_their_text_and_warns() {
        let (out, warnings) = checked(
            "see\n[x](javascript:alert(1)) and [y](JaVa&#9;ScRiPt:1)",
            false,
        );
        assert_eq!(out, "<p>see\nx and y</p>\n");
        assert_eq!(
            places(&warnings),
            [
                (6, 1, "link-scheme-removed"),
                (6, 30, "link-scheme-removed")
            ]
        );
        assert_eq!(warnings[0].field.as_deref(), Some("body"));
    }

    #[test]
    fn removes_images_with_other_schemes_keeping_the_alt_text() {
        let (out, warnings) = checked("![alt](data:image/svg+xml;base64,PHN2Zz4=)", false);
        assert_eq!(out, "<p>alt</p>\n");
        assert_eq!(places(&warnings), [(5, 1, "image-scheme-removed")]);
    }

    #[test]
    fn keeps_allowed_schemes_and_paths() {
        for url in [
            "https://example.org/a",
            "HTTP://example.org",
            "//example.org/x",
            "mailto:a@example.org",
            "tel:+86-23-1234",
            "/images/a.png",
            "images/a.png",
            "../a",
            "#section",
            "?q=1",
            "@/parks/x",
            "a/b:c",
        ] {
            assert!(is_allowed_url(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            " \u{1}javascript:x",
            "java\nscript:x",
            "vbscript:x",
            "data:text/html,x",
            "data:image/png;base64,AA",
            "file:///etc/passwd",
            "jar:x",
            "中:x",
        ] {
            assert!(!is_allowed_url(url), "{url}");
        }
    }

    #[test]
    fn heading_attributes_keep_only_safe_id_and_classes() {
        let (out, warnings) = checked("# Title {tabindex=0 autofocus onfocus=alert(1)}", false);
        assert_eq!(out, "<h1 id=\"title\">Title</h1>\n");
        assert_eq!(
            places(&warnings),
            [
                (5, 10, "heading-attribute-removed"),
                (5, 21, "heading-attribute-removed"),
                (5, 31, "heading-attribute-removed"),
            ]
        );
        let (out, warnings) = checked("## 标题 {#工作-情况 .lead .x\"y style=color:red}", false);
        assert_eq!(out, "<h2 id=\"工作-情况\" class=\"lead\">标题</h2>\n");
        assert_eq!(
            places(&warnings),
            [
                (5, 21, "heading-class-removed"),
                (5, 26, "heading-attribute-removed")
            ]
        );
    }

    #[test]
    fn escapes_raw_html_and_warns_once_per_block_or_tag() {
        let (out, warnings) = checked(
            "<div>\n<script>alert(1)</script>\n</div>\n\ntext <b>b</b>",
            false,
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<b>"), "{out}");
        assert_eq!(
            places(&warnings),
            [
                (5, 1, "raw-html-escaped"),
                (9, 6, "raw-html-escaped"),
                (9, 10, "raw-html-escaped")
            ]
        );
        let (out, warnings) = checked("text <b>b</b>", true);
        assert_eq!(out, "<p>text <b>b</b></p>\n");
        assert!(warnings.is_empty());
    }

    #[test]
    fn places_warnings_in_a_yaml_block_scalar_by_the_file() {
        let file = "title: {zh: 标题}\nbody:\n  zh: |\n    第一段\n\n    [x](javascript:1)\n";
        let mut warnings = Diagnostics::new();
        let source = Source {
            path: Path::new("x.yaml"),
            first_line: 3,
            file_text: Some(file),
        };
        render_checked(
            "第一段\n\n[x](javascript:1)\n",
            Lang::Zh,
            &config(false),
            source,
            &mut warnings,
        );
        assert_eq!(places(&warnings.sorted()), [(6, 5, "link-scheme-removed")]);
    }

    #[test]
    fn shows_content_values_without_control_characters() {
        assert_eq!(shown("a\u{1b}[2Jb\u{202e}"), "a\\u{1b}[2Jb\\u{202e}");
        assert_eq!(shown(&"x".repeat(70)).chars().count(), 61);
    }

    #[test]
    fn gives_headings_unique_ids_in_any_script() {
        assert_eq!(
            html("# 一、工作情况\n\n## Next steps\n\n## Next steps", false),
            "<h1 id=\"一-工作情况\">一、工作情况</h1>\n<h2 id=\"next-steps\">Next steps</h2>\n<h2 id=\"next-steps-1\">Next steps</h2>\n"
        );
    }

    #[test]
    fn aligns_table_cells_by_class_not_by_inline_style() {
        let out = html(
            "|a|b|c|d|\n|:-|:-:|-:|-|\n|1|2|3|4|\n\nstyle=\"text-align: left\">",
            false,
        );
        assert!(out.contains("<th class=\"align-left\">a</th>"), "{out}");
        assert!(out.contains("<td class=\"align-center\">2</td>"), "{out}");
        assert!(out.contains("<td class=\"align-right\">3</td>"), "{out}");
        assert!(out.contains("<td>4</td>"), "{out}");
        assert!(!out.contains(" style=\""), "{out}");
        // The same words in text stay text.
        assert!(
            out.contains("<p>style=\"text-align: left\"&gt;</p>"),
            "{out}"
        );
    }

    #[test]
    fn supports_tables_footnotes_strikethrough() {
        let out = html(
            "|a|b|\n|-|-|\n|1|2|\n\n~~old~~ new[^1]\n\n[^1]: note",
            false,
        );
        assert!(out.contains("<table>"), "{out}");
        assert!(out.contains("<del>old</del>"), "{out}");
        assert!(out.contains("footnote-definition"), "{out}");
    }

    #[test]
    fn footnote_labels_become_ids_a_fragment_can_name() {
        let out = html("see[^a b]\n\n[^a b]: note", false);
        assert!(out.contains("<a href=\"#a%20b\">1</a>"), "{out}");
        assert!(out.contains("id=\"a%20b\""), "{out}");
    }

    #[test]
    fn resolves_entry_links_in_the_page_language_with_place() {
        let body = render(
            "see\n[park](@/parks/western-science-city)",
            Lang::En,
            &config(false),
            Path::new("x.en.md"),
            5,
        );
        assert!(
            body.html
                .contains("href=\"/sub/en/parks/western-science-city/\""),
            "{}",
            body.html
        );
        assert_eq!(body.entry_links[0].0, EntryType::Park);
        assert_eq!(body.entry_links[0].2.line, 6);
    }
}

/// Properties of the allow-list on any attribute syntax and any link target:
/// nothing outside it reaches the HTML.
#[cfg(test)]
mod properties {
    use super::*;
    use crate::config;
    use proptest::prelude::*;

    /// The start tags of pulldown-cmark's HTML, whose attribute values are
    /// always double-quoted and escaped: `(name, [(attribute, value)])`.
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
                attributes.push((attribute.trim().to_string(), value));
                attributes_text = &after[(close + 1).min(after.len())..];
            }
            tags.push((name.trim_end_matches('/').to_string(), attributes));
            rest = &rest[end..];
        }
        tags
    }

    fn attribute_token() -> impl Strategy<Value = String> {
        let name = prop_oneof![
            proptest::sample::select(vec![
                "onfocus",
                "ONCLICK",
                "onmouseover",
                "style",
                "tabindex",
                "autofocus",
                "id",
                "class",
                "href",
                "src",
                "x-y",
                "data-x",
            ])
            .prop_map(String::from),
            "[a-zA-Z][a-zA-Z0-9_:-]{0,8}",
        ];
        let value = prop_oneof![
            "[a-zA-Z0-9();:=._-]{0,12}",
            "\"[^\"\n}]{0,12}\"",
            "'[^'\n}]{0,12}'",
        ];
        prop_oneof![
            "#[^ \n{}]{1,10}".prop_map(|id| id.to_string()),
            "\\.[^ \n{}]{1,10}".prop_map(|class| class.to_string()),
            (name.clone(), value).prop_map(|(n, v)| format!("{n}={v}")),
            name,
        ]
    }

    fn destination() -> impl Strategy<Value = String> {
        let scheme = proptest::sample::select(vec![
            "javascript:",
            "JaVaScRiPt:",
            "java\tscript:",
            " javascript:",
            "\u{1}javascript:",
            "&#x6A;avascript:",
            "java&#x09;script:",
            "vbscript:",
            "data:",
            "DATA:text/html,",
            "livescript:",
            "file:",
            "http://",
            "https://",
            "mailto:",
            "tel:",
            "",
            "/",
            "#",
            "@/parks/",
            "//",
            "?",
            "./",
            "../",
            "x:",
        ]);
        (scheme, "[a-zA-Z0-9/.:#?=&()%'-]{0,16}").prop_map(|(s, rest)| format!("{s}{rest}"))
    }

    fn render_html(markdown: &str) -> (String, usize) {
        let text = "title: {zh: 站, en: Site}\ndescription: {zh: 站, en: Site}\n";
        let config = config::parse(text).expect("a valid configuration");
        let mut warnings = Diagnostics::new();
        let source = Source {
            path: Path::new("x.en.md"),
            first_line: 1,
            file_text: None,
        };
        let body = render_checked(markdown, Lang::En, &config, source, &mut warnings);
        (body.html, warnings.len())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn headings_keep_only_safe_ids_and_classes(
            tokens in proptest::collection::vec(attribute_token(), 0..6),
            level in 1..=6usize,
        ) {
            let markdown = format!("{} Title {{{}}}\n", "#".repeat(level), tokens.join(" "));
            let (html, _) = render_html(&markdown);
            for (name, attributes) in start_tags(&html) {
                for (attribute, value) in &attributes {
                    prop_assert!(
                        !attribute.to_ascii_lowercase().starts_with("on") && attribute != "style",
                        "{attribute} in {html}"
                    );
                    if name.starts_with('h') {
                        match attribute.as_str() {
                            "id" => prop_assert!(is_safe_id(value), "{value:?} in {html}"),
                            "class" => prop_assert!(
                                value.split(' ').all(is_safe_class),
                                "{value:?} in {html}"
                            ),
                            other => prop_assert!(false, "{other} on a heading: {html}"),
                        }
                    }
                }
            }
        }

        #[test]
        fn every_href_and_src_is_on_the_allow_list_and_each_removal_warns(
            destinations in proptest::collection::vec(destination(), 1..5),
            images in proptest::collection::vec(any::<bool>(), 5),
        ) {
            let markdown: String = destinations
                .iter()
                .zip(&images)
                .map(|(d, image)| format!("{}[t](<{d}>) ", if *image { "!" } else { "" }))
                .collect();
            let (html, warnings) = render_html(&markdown);
            let mut links = 0;
            for (_, attributes) in start_tags(&html) {
                for (attribute, value) in attributes {
                    if attribute == "href" || attribute == "src" {
                        links += 1;
                        prop_assert!(is_allowed_url(&value), "{value:?} in {html}");
                        prop_assert!(
                            !value.to_ascii_lowercase().contains("script:"),
                            "{value:?} in {html}"
                        );
                    }
                }
            }
            // Each target either became an href/src or was removed with a warning.
            let parsed = Parser::new(&markdown)
                .filter(|e| matches!(e, Event::Start(Tag::Link { .. } | Tag::Image { .. })))
                .count();
            prop_assert_eq!(links + warnings, parsed, "{}", html);
        }
    }
}
