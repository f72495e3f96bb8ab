//! What a page says about itself to search engines and link previews: the
//! meta description, Open Graph and Twitter card values, and the schema.org
//! JSON-LD of entry pages.
//!
//! The JSON-LD goes into a `<script type="application/ld+json">`, which a
//! Content-Security-Policy without `'unsafe-inline'` allows because it is
//! data, never run. It is written with `<`, `>` and `&` escaped as `\u003c`
//! and so on, so no text from the content can close the element (`</script>`)
//! or open a comment (`<!--`) inside it.

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::config::Lang;
use crate::entry::{Achievement, Date, Details, Entry, Park, Policy};
use crate::site::EntryId;

use super::pages::Page;
use super::view::{Speaker, shorten};

/// Characters of a description cut from a body: about what search engines show.
const DESCRIPTION_LENGTH: usize = 150;

#[derive(Serialize)]
pub(super) struct Metadata {
    description: String,
    /// `article` for an entry or statement, `website` for the rest.
    og_type: &'static str,
    og_locale: &'static str,
    /// The locales of the page's versions in the other languages.
    og_locale_alternates: Vec<&'static str>,
    /// The entry's cover, absolute where the base URL names the host.
    image: Option<String>,
    /// Escaped JSON, ready for the page as it is.
    json_ld: Option<String>,
}

/// The locale Open Graph names a language by.
fn og_locale(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh_CN",
        Lang::En => "en_US",
    }
}

/// `langs_with_page`: the languages the page has a version in.
pub(super) fn metadata(
    speaker: &Speaker,
    page: &Page,
    title: &str,
    canonical: &str,
    langs_with_page: &[Lang],
) -> Metadata {
    let lang = speaker.lang;
    let config = &speaker.site.config;
    let mut metadata = Metadata {
        description: config.description.get_or_other(lang).to_string(),
        og_type: "website",
        og_locale: og_locale(lang),
        og_locale_alternates: langs_with_page
            .iter()
            .filter(|l| **l != lang)
            .map(|l| og_locale(*l))
            .collect(),
        image: None,
        json_ld: None,
    };
    match page {
        Page::Entry(id) => {
            let entry = &speaker.site.entries[*id];
            metadata.og_type = "article";
            metadata.description = entry_description(speaker, entry, &metadata.description);
            metadata.image = cover(entry).map(|c| config.absolute_url(c));
            let data = json_ld(speaker, *id, title, &metadata.description, canonical);
            metadata.json_ld = Some(escape_for_script(&data));
        }
        Page::Statement(kind) => {
            metadata.og_type = "article";
            if let Some(body) = speaker.site.statements.get(*kind, lang) {
                let text = text_of_html(&body.html);
                if !text.is_empty() {
                    metadata.description = shorten(&text, DESCRIPTION_LENGTH);
                }
            }
        }
        _ => {}
    }
    metadata
}

/// The entry's summary; else the start of its body, cut at a word (or, in
/// Chinese, a character); else the site's description.
fn entry_description(speaker: &Speaker, entry: &Entry, site_description: &str) -> String {
    let lang = speaker.lang;
    if let Some(summary) = entry.summary.get(lang).filter(|s| !s.trim().is_empty()) {
        return summary.trim().to_string();
    }
    let text = entry
        .body(lang)
        .map(|b| text_of_html(&b.html))
        .unwrap_or_default();
    if text.is_empty() {
        site_description.to_string()
    } else {
        shorten(&text, DESCRIPTION_LENGTH)
    }
}

fn cover(entry: &Entry) -> Option<&str> {
    match &entry.details {
        Details::Achievement(a) => a.cover.as_deref(),
        _ => None,
    }
}

/// The text of compiled Markdown: tags dropped, the entities the renderer
/// writes decoded, white space folded.
pub(super) fn text_of_html(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut tag: Option<String> = None;
    for c in html.chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(inside), '>') => {
                // Block elements part words; inline ones (a link) do not.
                if !is_inline_tag(inside) {
                    text.push(' ');
                }
                tag = None;
            }
            (Some(inside), c) => inside.push(c),
            (None, c) => text.push(c),
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_inline_tag(inside: &str) -> bool {
    let name = inside
        .trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or("");
    matches!(
        name,
        "a" | "em" | "strong" | "code" | "del" | "sup" | "sub" | "span" | "b" | "i" | "img"
    )
}

/// JSON that cannot end the `<script>` element holding it nor open a
/// comment there: `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`,
/// which a JSON reader takes for the same characters.
pub(super) fn escape_for_script(value: &Value) -> String {
    let json = serde_json::to_string(value).expect("a JSON value always serialises");
    let mut escaped = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => escaped.push_str("\\u003c"),
            '>' => escaped.push_str("\\u003e"),
            '&' => escaped.push_str("\\u0026"),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// The schema.org description of an entry. Each type is chosen for what the
/// entry is, not for what search engines reward:
///
/// - a policy is a `Legislation`: schema.org's type for a legal document
///   issued by an authority, with an identifier (发文字号), dates of adoption
///   and publication, the issuer and whether it is in force;
/// - a park or platform is a `Place`: the kinds range from a science city
///   and its zones to a laboratory, and what they share is a location
///   (address, coordinates, a containing place); `Organization` fits a
///   laboratory but not a zone, and a more specific type would be wrong for
///   most of them;
/// - an achievement is a `CreativeWork`: the result of research (a
///   technology, a method, a biobank). schema.org has no type for a
///   technology; `Product` would claim something on sale and `ScholarlyArticle`
///   a publication, while `CreativeWork` carries what the entry has: its
///   creators (完成单位), contributors (partners), date, subject and keywords.
fn json_ld(speaker: &Speaker, id: EntryId, title: &str, description: &str, url: &str) -> Value {
    let entry = &speaker.site.entries[id];
    let mut data = Map::new();
    data.insert("@context".into(), "https://schema.org".into());
    data.insert("name".into(), title.into());
    data.insert("description".into(), description.into());
    data.insert("url".into(), url.into());
    data.insert("inLanguage".into(), speaker.lang.html_lang().into());
    let details = match &entry.details {
        Details::Policy(policy) => policy_ld(speaker, policy),
        Details::Park(park) => park_ld(speaker, park),
        Details::Achievement(achievement) => achievement_ld(speaker, entry, achievement),
    };
    data.extend(details);
    Value::Object(data)
}

fn text(speaker: &Speaker, localized: &crate::config::Localized) -> Option<String> {
    let text = localized.get_or_other(speaker.lang);
    (!text.is_empty()).then(|| text.to_string())
}

fn insert_date(data: &mut Map<String, Value>, key: &str, date: Option<Date>) {
    if let Some(date) = date {
        data.insert(key.into(), date.to_string().into());
    }
}

fn insert_some(data: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        data.insert(key.into(), value);
    }
}

fn policy_ld(speaker: &Speaker, policy: &Policy) -> Map<String, Value> {
    let mut data = Map::new();
    data.insert("@type".into(), "Legislation".into());
    let issuer = text(speaker, &policy.issuer)
        .map(|name| json!({"@type": "GovernmentOrganization", "name": name}));
    insert_some(&mut data, "legislationPassedBy", issuer.clone());
    insert_some(&mut data, "publisher", issuer);
    insert_some(
        &mut data,
        "legislationIdentifier",
        text(speaker, &policy.number).map(Value::from),
    );
    insert_date(&mut data, "legislationDate", policy.written);
    insert_date(&mut data, "datePublished", policy.published);
    insert_date(&mut data, "expires", policy.expires);
    insert_some(
        &mut data,
        "legislationLegalForce",
        policy
            .status
            .as_deref()
            .and_then(legal_force)
            .map(Value::from),
    );
    insert_some(
        &mut data,
        "legislationJurisdiction",
        region(speaker, policy.region.as_deref()),
    );
    data
}

/// schema.org's `LegalForceStatus` for the status keys that map onto it
/// without doubt. `amended` (已修订) does not: an amended document may be in
/// force as amended or replaced, so it is left out rather than guessed.
fn legal_force(status: &str) -> Option<&'static str> {
    match status {
        "in-force" => Some("https://schema.org/InForce"),
        "repealed" => Some("https://schema.org/NotInForce"),
        _ => None,
    }
}

fn region(speaker: &Speaker, key: Option<&str>) -> Option<Value> {
    let key = key?;
    let label = speaker.term_label(crate::config::VocabName::Regions, key);
    Some(json!({"@type": "AdministrativeArea", "name": label}))
}

fn park_ld(speaker: &Speaker, park: &Park) -> Map<String, Value> {
    let mut data = Map::new();
    data.insert("@type".into(), "Place".into());
    insert_some(
        &mut data,
        "address",
        text(speaker, &park.address).map(Value::from),
    );
    if let Some(at) = park.coordinates {
        data.insert(
            "geo".into(),
            json!({"@type": "GeoCoordinates", "latitude": at.lat, "longitude": at.lon}),
        );
    }
    insert_some(&mut data, "sameAs", park.website.clone().map(Value::from));
    let parent = park
        .parent
        .as_ref()
        .and_then(|r| speaker.site.resolve(crate::entry::EntryType::Park, &r.slug));
    if let Some(parent) = parent {
        data.insert(
            "containedInPlace".into(),
            json!({"@type": "Place", "name": text(speaker, &parent.title), "url": absolute(speaker, &speaker.entry_url(parent))}),
        );
    }
    data
}

fn achievement_ld(
    speaker: &Speaker,
    entry: &Entry,
    achievement: &Achievement,
) -> Map<String, Value> {
    let mut data = Map::new();
    data.insert("@type".into(), "CreativeWork".into());
    let organisations = |names: &[crate::config::Localized]| -> Option<Value> {
        let list: Vec<Value> = names
            .iter()
            .filter_map(|n| text(speaker, n))
            .map(|name| json!({"@type": "Organization", "name": name}))
            .collect();
        (!list.is_empty()).then(|| Value::from(list))
    };
    insert_some(
        &mut data,
        "creator",
        organisations(&achievement.institutions),
    );
    insert_some(
        &mut data,
        "contributor",
        organisations(&achievement.partners),
    );
    insert_date(&mut data, "dateCreated", achievement.date);
    insert_some(
        &mut data,
        "about",
        achievement.field.as_deref().map(|key| {
            speaker
                .term_label(crate::config::VocabName::Fields, key)
                .into()
        }),
    );
    let keywords: Vec<String> = entry.tags.iter().filter_map(|t| text(speaker, t)).collect();
    if !keywords.is_empty() {
        data.insert("keywords".into(), keywords.join(", ").into());
    }
    insert_some(
        &mut data,
        "image",
        achievement
            .cover
            .as_deref()
            .map(|c| speaker.site.config.absolute_url(c).into()),
    );
    data
}

/// A URL path made absolute where the base URL names the host.
fn absolute(speaker: &Speaker, url_path: &str) -> String {
    match &speaker.site.config.origin {
        Some(origin) => format!("{origin}{url_path}"),
        None => url_path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_its_element_or_open_a_comment() {
        let value = json!({"name": "</script><!-- a & b -->"});
        let escaped = escape_for_script(&value);
        assert_eq!(
            escaped,
            "{\"name\":\"\\u003c/script\\u003e\\u003c!-- a \\u0026 b --\\u003e\"}"
        );
        let back: Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn text_of_html_drops_tags_and_decodes_entities() {
        assert_eq!(
            text_of_html(
                "<h2 id=\"a\">Title</h2>\n<p>A &amp; B &lt;c&gt; <a href=\"x\">link</a>.</p>"
            ),
            "Title A & B <c> link."
        );
    }
}
