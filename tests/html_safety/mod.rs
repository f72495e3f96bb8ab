//! A tokenizer-level safety check of the HTML chengguo writes: no event-handler
//! or `style` attribute, no script-scheme URL in an attribute a browser loads or
//! follows, and no element that runs or embeds something, except the theme's
//! own script files (`<script src="/search.js">`, no inline code). It tokenizes
//! as a browser does for well-formed documents: tags, quoted and unquoted
//! attributes, comments, and the raw text of `<script>` and `<style>`. Inline
//! `<svg>` is allowed (a theme may use icons); its handlers, scripts and
//! `xlink:href` are caught like any other.
#![allow(
    dead_code,
    reason = "each test binary uses a different part of the support code"
)]

/// One start tag: its name and attributes (values with character references decoded).
#[derive(Debug)]
pub struct StartTag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub line: usize,
    /// The text of a `<script>` or `<style>` element.
    pub raw_text: String,
}

/// Attributes whose value a browser loads or navigates to.
const URL_ATTRIBUTES: [&str; 10] = [
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "data",
    "background",
    "cite",
    "srcset",
];

/// Elements that run script or embed another document.
const FORBIDDEN: [&str; 8] = [
    "iframe", "object", "embed", "frame", "frameset", "applet", "base", "style",
];

pub fn start_tags(html: &str) -> Vec<StartTag> {
    let mut tags = Vec::new();
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        let start = at + found;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(html.len(), |end| start + end + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("</") || rest.starts_with("<?") {
            at = rest.find('>').map_or(html.len(), |end| start + end + 1);
            continue;
        }
        if !bytes.get(start + 1).is_some_and(u8::is_ascii_alphabetic) {
            at = start + 1;
            continue;
        }
        let line = html[..start].matches('\n').count() + 1;
        let mut i = start + 1;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && bytes[i] != b'>'
            && bytes[i] != b'/'
        {
            i += 1;
        }
        let name = html[start + 1..i].to_ascii_lowercase();
        let mut attributes = Vec::new();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                i += 1;
                break;
            }
            let name_start = i;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(bytes[i], b'=' | b'>' | b'/')
            {
                i += 1;
            }
            let attribute = html[name_start..i].to_ascii_lowercase();
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = String::new();
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                    let quote = bytes[i];
                    let end = html[i + 1..]
                        .find(quote as char)
                        .map_or(html.len(), |e| i + 1 + e);
                    value = decode(&html[i + 1..end]);
                    i = end + 1;
                } else {
                    let value_start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = decode(&html[value_start..i]);
                }
            }
            attributes.push((attribute, value));
        }
        // The text of script and style is not markup.
        let mut raw_text = String::new();
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            let from = i.min(html.len());
            i = html[from..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(html.len(), |end| from + end);
            raw_text = html[from..i].to_string();
        }
        tags.push(StartTag {
            name,
            attributes,
            line,
            raw_text,
        });
        at = i.min(html.len());
    }
    tags
}

/// Decode the character references a browser would in an attribute value.
fn decode(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(index) = rest.find('&') {
        out.push_str(&rest[..index]);
        rest = &rest[index..];
        let end = rest.find(';').filter(|end| *end <= 12);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "colon" => Some(':'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
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

/// Whether a URL, read as a browser reads it, runs script or makes a document.
pub fn is_script_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:", "livescript:"]
        .iter()
        .any(|scheme| cleaned.starts_with(scheme))
}

/// A JSON-LD data block, which a browser never runs: only a `type`
/// attribute, and text that is JSON with no `<` (escaped as `\u003c`), so no
/// text inside it can end the element or open another.
fn is_json_ld(tag: &StartTag) -> bool {
    matches!(tag.attributes.as_slice(), [(name, value)] if name == "type" && value == "application/ld+json")
        && !tag.raw_text.contains('<')
        && serde_json::from_str::<serde_json::Value>(&tag.raw_text).is_ok()
}

/// Every problem in one page, as `line N: what`.
pub fn problems(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for tag in start_tags(html) {
        let at = |what: String| format!("line {}: <{}> {what}", tag.line, tag.name);
        if FORBIDDEN.contains(&tag.name.as_str()) {
            found.push(at("is an element content must not make".into()));
        }
        if tag.name == "script" {
            // The theme's scripts are files of the site: a path, no inline code.
            let theme_script = tag.attributes.iter().any(|(name, value)| {
                name == "src"
                    && value.starts_with('/')
                    && !value.starts_with("//")
                    && value.ends_with(".js")
            }) && tag.raw_text.trim().is_empty();
            if !theme_script && !is_json_ld(&tag) {
                found.push(at(format!(
                    "is not one of the theme's script files: {:?} {:?}",
                    tag.attributes, tag.raw_text
                )));
            }
        }
        // A policy (Content-Security-Policy) is the theme's; a refresh or a cookie is not.
        let http_equiv = tag
            .attributes
            .iter()
            .find(|(name, _)| name == "http-equiv")
            .map(|(_, value)| value.to_ascii_lowercase());
        if tag.name == "meta" && http_equiv.is_some_and(|value| value != "content-security-policy")
        {
            found.push(at("has an http-equiv other than a policy".into()));
        }
        for (name, value) in &tag.attributes {
            if name.starts_with("on") || name == "style" || name == "srcdoc" {
                found.push(at(format!("has the attribute {name}={value:?}")));
            }
            if URL_ATTRIBUTES.contains(&name.as_str()) && is_script_url(value) {
                found.push(at(format!("has the script URL {name}={value:?}")));
            }
        }
    }
    found
}

#[test]
fn the_checker_finds_what_it_must() {
    let bad = "<!DOCTYPE html><p><a href=\"java&#x09;script:x\">a</a><img src=x onerror=alert(1)>\
               <h1 style='x'>t</h1><script>alert(1)</script><iframe src=/x></iframe>\
               <svg><a xlink:href='javascript:1'>x</a></svg><form action=\"&#106;avascript:1\"></form></p>";
    let found = problems(bad);
    assert_eq!(found.len(), 7, "{found:#?}");
    let sneaky = "<script src=\"/search.js\">alert(1)</script><script src=\"//evil.example/x.js\"></script>\
                  <meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">";
    assert_eq!(problems(sneaky).len(), 3, "{:#?}", problems(sneaky));
    let data = "<script type=\"application/ld+json\">{\"a\": \"\\u003c/script\\u003e\"}</script>";
    assert_eq!(problems(data), Vec::<String>::new());
    for bad_data in [
        "<script type=\"application/ld+json\">{\"a\": \"<b>\"}</script>",
        "<script type=\"application/ld+json\">alert(1)</script>",
        "<script type=\"application/ld+json\" src=\"/x.js\">{}</script>",
        "<script type=\"application/ld+json\">{\"a\": 1}; alert(1)</script>",
    ] {
        assert_eq!(problems(bad_data).len(), 1, "{bad_data}");
    }
    let good = "<!DOCTYPE html><p title=\"&lt;script&gt; onerror=1\">&lt;img onerror=alert(1)&gt;</p>\
                <a href=\"https://example.org/&quot;onmouseover=&quot;x\">x</a>\
                <script src=\"/search.js\" defer></script><!-- <script> -->\
                <script type=\"application/ld+json\">{\"name\": \"\\u003c/script\\u003e\"}</script>\
                <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">";
    assert_eq!(problems(good), Vec::<String>::new());
}
