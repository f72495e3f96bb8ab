//! Markdown → HTML and plain text, through pulldown-cmark.
//!
//! Raw HTML is escaped unless the configuration allows it, link targets with
//! script schemes are dropped, site-absolute links get the base path, and
//! `@/parks/slug` links to other entries become their URLs in the page's language.

use std::collections::HashMap;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::config::{Config, Lang};
use crate::entry::{Body, EntryType, Place};

/// Compile one body. `first_line` is the file line the Markdown starts on.
pub fn render(markdown: &str, lang: Lang, config: &Config, path: &Path, first_line: usize) -> Body {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut body = Body::default();
    let mut events: Vec<Event> = Vec::new();
    let mut heading_ids: HashMap<String, usize> = HashMap::new();
    let mut heading_start: Option<usize> = None;

    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        let event = match event {
            Event::Html(html) | Event::InlineHtml(html) if !config.allow_html => Event::Text(html),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let place = place_of(markdown, range.start, first_line, path);
                body.targets.push((dest_url.to_string(), place.clone()));
                let dest_url = rewrite_link(&dest_url, lang, config, &mut body, place);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let place = place_of(markdown, range.start, first_line, path);
                body.targets.push((dest_url.to_string(), place));
                let dest_url = if is_script_url(&dest_url) {
                    CowStr::from("")
                } else {
                    site_absolute(&dest_url, config)
                };
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            other => other,
        };
        match &event {
            Event::Start(Tag::Heading { .. }) => heading_start = Some(events.len()),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(start) = heading_start.take() {
                    assign_heading_id(&mut events, start, &mut heading_ids);
                }
            }
            _ => {}
        }
        events.push(event);
    }
    pulldown_cmark::html::push_html(&mut body.html, events.into_iter());
    body.html = alignment_as_classes(&body.html);
    body
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

fn is_script_url(url: &str) -> bool {
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase();
    lower.starts_with("javascript:") || lower.starts_with("vbscript:") || lower.starts_with("data:")
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
    if is_script_url(url) {
        return CowStr::from("");
    }
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

    #[test]
    fn drops_script_links() {
        assert_eq!(
            html("[x](javascript:alert(1))", false),
            "<p><a href=\"\">x</a></p>\n"
        );
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
