//! The layout of a sheet: one column per field, part of a field and
//! language, named like the open-data CSV (`title_zh`, `links_url`), and the
//! headers an office may write instead (a field's Chinese or English label
//! from the field table, with `（中文）` or ` (English)` for a language).

use crate::config::Lang;
use crate::entry::EntryType;
use crate::parse::fields::{self, FieldSpec, Kind};

/// Between the items of a list in one cell; `\|` is a `|` inside an item.
pub const LIST_SEPARATOR: char = '|';

/// The first column of every sheet: the entry's slug, its file name.
pub const SLUG: &str = "slug";

/// One column: a part of a field (`""` for the field itself) in a language
/// (`None` for a value the same in both, or one without language).
#[derive(Debug, Clone)]
pub struct Column {
    pub spec: &'static FieldSpec,
    pub part: &'static str,
    pub lang: Option<Lang>,
}

impl Column {
    /// `title_zh`, `links_url`, `contact_phone`.
    pub fn name(&self) -> String {
        let mut name = self.spec.name.to_string();
        for piece in [self.part, self.lang.map_or("", Lang::code)] {
            if !piece.is_empty() {
                name.push('_');
                name.push_str(piece);
            }
        }
        name
    }
}

/// The parts of a field's value, each with whether it is written per language.
pub fn parts(kind: Kind) -> &'static [(&'static str, bool)] {
    match kind {
        Kind::Text | Kind::TextList | Kind::Markdown => &[("", true)],
        Kind::Links => &[("title", true), ("url", false)],
        Kind::Figures => &[
            ("label", true),
            ("value", false),
            ("unit", true),
            ("year", false),
        ],
        Kind::Coordinates => &[("lat", false), ("lon", false)],
        Kind::IpRecords => &[("kind", false), ("number", false), ("title", true)],
        Kind::Cooperation => &[
            ("transfer_modes", false),
            ("price", false),
            ("intent", true),
        ],
        Kind::Contact => &[
            ("", true),
            ("name", true),
            ("organisation", true),
            ("phone", false),
            ("email", false),
            ("url", false),
        ],
        Kind::Attachments => &[("file", false), ("title", true)],
        _ => &[("", false)],
    }
}

/// Every column of a type, in the order of the field table: what `export` writes.
pub fn columns(entry_type: EntryType) -> Vec<Column> {
    let mut columns = Vec::new();
    for spec in fields::fields(entry_type) {
        for (part, localized) in parts(spec.kind) {
            let langs: &[Option<Lang>] = if *localized {
                &[Some(Lang::Zh), Some(Lang::En)]
            } else {
                &[None]
            };
            for lang in langs {
                columns.push(Column {
                    spec,
                    part,
                    lang: *lang,
                });
            }
        }
    }
    columns
}

/// What a header names: the slug, or a column.
#[derive(Debug, Clone)]
pub enum Header {
    Slug,
    Column(Column),
}

const SUFFIXES: [(&str, Lang); 10] = [
    ("（中文）", Lang::Zh),
    ("(中文)", Lang::Zh),
    ("（英文）", Lang::En),
    ("(英文)", Lang::En),
    (" (Chinese)", Lang::Zh),
    (" (English)", Lang::En),
    ("(zh)", Lang::Zh),
    ("(en)", Lang::En),
    ("_zh", Lang::Zh),
    ("_en", Lang::En),
];

/// The column a header names: a column name (`title_zh`), or a field's key
/// or label, optionally with a language. A localized field named without a
/// language is the same text in both.
pub fn resolve(entry_type: EntryType, header: &str) -> Option<Header> {
    let header = header.trim();
    if header.eq_ignore_ascii_case(SLUG) {
        return Some(Header::Slug);
    }
    if let Some(column) = columns(entry_type)
        .into_iter()
        .find(|c| c.name().eq_ignore_ascii_case(header))
    {
        return Some(Header::Column(column));
    }
    let (base, lang) = SUFFIXES
        .iter()
        .find_map(|(suffix, lang)| header.strip_suffix(suffix).map(|b| (b.trim(), Some(*lang))))
        .unwrap_or((header, None));
    let spec = fields::fields(entry_type)
        .iter()
        .find(|spec| names_of(spec).any(|name| name.eq_ignore_ascii_case(base)))?;
    let (part, localized) = parts(spec.kind)[0];
    (lang.is_none() || localized).then_some(Header::Column(Column { spec, part, lang }))
}

/// Columns the open-data CSV adds that say nothing an entry file holds: the
/// entry's languages and page URLs, and the labels beside vocabulary keys,
/// reference slugs (`stage_zh`) and the kinds of IP records (`ip_kind_zh`).
/// `import` passes over them, so that file can be imported as it is.
pub fn is_derived(entry_type: EntryType, header: &str) -> bool {
    let header = header.trim();
    if ["languages", "url_zh", "url_en"].contains(&header) {
        return true;
    }
    let Some(base) = header.strip_suffix("_zh").or(header.strip_suffix("_en")) else {
        return false;
    };
    // The labels of the kinds of IP records (`ip_kind_zh`), beside their keys.
    if let Some(field) = base.strip_suffix("_kind")
        && fields::find(entry_type, field).is_some_and(|spec| spec.kind == Kind::IpRecords)
    {
        return true;
    }
    fields::find(entry_type, base).is_some_and(|spec| {
        matches!(
            spec.kind,
            Kind::Term(_) | Kind::TermList(_) | Kind::Reference(_) | Kind::ReferenceList(_)
        )
    })
}

/// A field's key and labels: `stage`, `成熟度阶段`, `Maturity stage`, and each
/// label's words before a bracket (`知识产权` of `知识产权(kind、number、title)`).
fn names_of(spec: &FieldSpec) -> impl Iterator<Item = &'static str> {
    let short = |label: &'static str| label.split(['(', '（', ':', '：']).next().unwrap_or(label);
    [
        spec.name,
        spec.description_zh,
        spec.description_en,
        short(spec.description_zh).trim(),
        short(spec.description_en).trim(),
    ]
    .into_iter()
}

/// The column letters of a 0-based index: 0 → A, 26 → AA.
pub fn letters(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// The items of a list cell; `\|` and `\\` stand for `|` and `\`.
pub fn split_list(cell: &str) -> Vec<String> {
    let mut items = vec![String::new()];
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => items.last_mut().expect("one item").extend(chars.next()),
            LIST_SEPARATOR => items.push(String::new()),
            c => items.last_mut().expect("one item").push(c),
        }
    }
    let items: Vec<String> = items.into_iter().map(|i| i.trim().to_string()).collect();
    if items.iter().all(String::is_empty) {
        Vec::new()
    } else {
        items
    }
}

/// A list in one cell, each item escaped so that [`split_list`] gives it back.
pub fn join_list<S: AsRef<str>>(items: &[S]) -> String {
    let escaped: Vec<String> = items
        .iter()
        .map(|item| {
            item.as_ref()
                .replace('\\', "\\\\")
                .replace(LIST_SEPARATOR, "\\|")
        })
        .collect();
    escaped.join(&LIST_SEPARATOR.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_keys_column_names_and_labels_with_languages() {
        let achievement = EntryType::Achievement;
        let name = |header| match resolve(achievement, header) {
            Some(Header::Column(column)) => Some((column.name(), column.lang)),
            Some(Header::Slug) => Some(("slug".into(), None)),
            None => None,
        };
        assert_eq!(name("title_zh"), Some(("title_zh".into(), Some(Lang::Zh))));
        assert_eq!(
            name("标题（英文）"),
            Some(("title_en".into(), Some(Lang::En)))
        );
        assert_eq!(name("Title"), Some(("title".into(), None)));
        assert_eq!(name("成熟度阶段"), Some(("stage".into(), None)));
        assert_eq!(name("Maturity stage"), Some(("stage".into(), None)));
        assert_eq!(name("知识产权"), Some(("ip_kind".into(), None)));
        assert_eq!(name("contact_phone"), Some(("contact_phone".into(), None)));
        assert_eq!(name("Slug"), Some(("slug".into(), None)));
        assert_eq!(name("成熟度（中文）"), None);
        assert_eq!(name("stage_zh"), None);
        assert!(is_derived(achievement, "stage_zh") && is_derived(achievement, "url_en"));
        assert!(is_derived(achievement, "ip_kind_zh") && is_derived(achievement, "ip_kind_en"));
        assert!(!is_derived(achievement, "ip_title_zh") && !is_derived(achievement, "ip_kind"));
        assert!(!is_derived(achievement, "title_zh") && !is_derived(achievement, "stage"));
    }

    #[test]
    fn lists_round_trip_through_a_cell() {
        let items = ["a|b", "c\\d", "中文"];
        let cell = join_list(&items);
        assert_eq!(cell, "a\\|b|c\\\\d|中文");
        assert_eq!(split_list(&cell), items);
        assert!(split_list(" ").is_empty());
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
    }
}
