//! The CSV form of the data: one row an entry, a column per value and
//! language, lists joined by [`LIST_SEPARATOR`], for spreadsheet users.

use serde_json::Value;

use crate::config::{Lang, Localized};
use crate::entry::{Entry, EntryType};
use crate::parse::fields::{self, FieldSpec, Kind};

use super::{FORMULA_STARTS, LIST_SEPARATOR, Raw, Writer, in_batches, price_cell, raw};
use crate::config::VocabName;

/// The byte-order mark that tells Excel a CSV file is UTF-8.
const BOM: &str = "\u{FEFF}";

/// The CSV columns of one field, named by its key with a language suffix
/// where the value is localized.
pub fn csv_columns(spec: &FieldSpec) -> Vec<String> {
    let name = spec.name;
    let with = |suffixes: &[&str]| suffixes.iter().map(|s| format!("{name}_{s}")).collect();
    match spec.kind {
        Kind::Text | Kind::TextList | Kind::Markdown => with(&["zh", "en"]),
        Kind::Term(_) | Kind::TermList(_) | Kind::Reference(_) | Kind::ReferenceList(_) => {
            let mut columns = vec![name.to_string()];
            columns.extend(with(&["zh", "en"]));
            columns
        }
        Kind::Links => with(&["title_zh", "title_en", "url"]),
        Kind::Figures => with(&[
            "label_zh", "label_en", "value", "unit_zh", "unit_en", "year",
        ]),
        Kind::Coordinates => with(&["lat", "lon"]),
        Kind::Date | Kind::Url | Kind::Bool | Kind::StaticPath => vec![name.to_string()],
        // The columns of `chengguo export`, with the kinds' labels beside
        // their keys as for any vocabulary value.
        Kind::IpRecords => with(&[
            "kind", "kind_zh", "kind_en", "number", "title_zh", "title_en",
        ]),
        // The transfer modes are the `transfer_modes` columns'.
        Kind::Cooperation => with(&["price", "intent_zh", "intent_en"]),
        Kind::Contact => {
            let mut columns: Vec<String> = with(&["zh", "en"]);
            columns.extend(with(&[
                "name_zh",
                "name_en",
                "organisation_zh",
                "organisation_en",
                "phone",
                "email",
                "url",
            ]));
            columns
        }
        Kind::Attachments => with(&["file", "title_zh", "title_en"]),
    }
}

/// The columns every CSV file starts with, before the fields'.
pub const CSV_LEAD_COLUMNS: [&str; 4] = ["slug", "languages", "url_zh", "url_en"];

/// Items of a list in one cell, each escaped so the separator splits them.
pub fn join_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let escaped: Vec<String> = items
        .into_iter()
        .map(|item| {
            item.replace('\\', "\\\\")
                .replace(LIST_SEPARATOR, &format!("\\{LIST_SEPARATOR}"))
        })
        .collect();
    escaped.join(&LIST_SEPARATOR.to_string())
}

impl Writer<'_> {
    /// One field's cells, in the order of [`csv_columns`].
    fn csv_cells(&self, spec: &FieldSpec, raw: &Raw) -> Vec<String> {
        let each =
            |texts: &[Localized], lang| join_list(texts.iter().map(|t| t.get(lang).unwrap_or("")));
        let labels = |items: &[Value], lang: &str, key: &str| {
            join_list(items.iter().map(|i| i[key][lang].as_str().unwrap_or("")))
        };
        match raw {
            Raw::Text(text) | Raw::Markdown(text) => Lang::ALL
                .map(|lang| text.get(lang).unwrap_or("").to_string())
                .to_vec(),
            Raw::Texts(texts) => vec![each(texts, Lang::Zh), each(texts, Lang::En)],
            Raw::Date(date) => vec![date.map(|d| d.to_string()).unwrap_or_default()],
            Raw::Keys(keys) | Raw::Slugs(keys) => {
                let resolved: Vec<Value> = match spec.kind {
                    Kind::Term(v) | Kind::TermList(v) => {
                        keys.iter().map(|k| self.term(v, k)).collect()
                    }
                    Kind::Reference(t) | Kind::ReferenceList(t) => {
                        keys.iter().map(|s| self.reference(t, s)).collect()
                    }
                    _ => Vec::new(),
                };
                let label = if matches!(raw, Raw::Keys(_)) {
                    "label"
                } else {
                    "title"
                };
                vec![
                    join_list(keys.iter().map(String::as_str)),
                    labels(&resolved, "zh", label),
                    labels(&resolved, "en", label),
                ]
            }
            Raw::Url(_) => vec![self.json(spec, raw).as_str().unwrap_or("").to_string()],
            Raw::Bool(flag) => vec![flag.to_string()],
            Raw::Links(links) => {
                let titles: Vec<Localized> = links.iter().map(|l| l.title.clone()).collect();
                vec![
                    each(&titles, Lang::Zh),
                    each(&titles, Lang::En),
                    join_list(links.iter().map(|l| l.url.as_str())),
                ]
            }
            Raw::Figures(figures) => {
                let labels: Vec<Localized> = figures.iter().map(|f| f.label.clone()).collect();
                let units: Vec<Localized> = figures.iter().map(|f| f.unit.clone()).collect();
                let years: Vec<String> = figures
                    .iter()
                    .map(|f| f.year.map(|y| y.to_string()).unwrap_or_default())
                    .collect();
                vec![
                    each(&labels, Lang::Zh),
                    each(&labels, Lang::En),
                    join_list(figures.iter().map(|f| f.value.as_str())),
                    each(&units, Lang::Zh),
                    each(&units, Lang::En),
                    join_list(years.iter().map(String::as_str)),
                ]
            }
            Raw::Coordinates(c) => match c {
                Some(c) => vec![c.lat.to_string(), c.lon.to_string()],
                None => vec![String::new(), String::new()],
            },
            Raw::IpRecords(records) => {
                let kinds: Vec<Value> = records
                    .iter()
                    .map(|r| self.term(VocabName::IpKinds, &r.kind))
                    .collect();
                let titles: Vec<Localized> = records.iter().map(|r| r.title.clone()).collect();
                vec![
                    join_list(records.iter().map(|r| r.kind.as_str())),
                    labels(&kinds, "zh", "label"),
                    labels(&kinds, "en", "label"),
                    join_list(records.iter().map(|r| r.number.as_str())),
                    each(&titles, Lang::Zh),
                    each(&titles, Lang::En),
                ]
            }
            Raw::Cooperation { price, intent } => vec![
                price_cell(price),
                intent.zh.clone().unwrap_or_default(),
                intent.en.clone().unwrap_or_default(),
            ],
            Raw::Contact(contact) => {
                let c = self.shown_contact(contact);
                let text = |t: &Localized, lang| t.get(lang).unwrap_or("").to_string();
                vec![
                    text(&c.note, Lang::Zh),
                    text(&c.note, Lang::En),
                    text(&c.name, Lang::Zh),
                    text(&c.name, Lang::En),
                    text(&c.organisation, Lang::Zh),
                    text(&c.organisation, Lang::En),
                    c.phone.unwrap_or_default(),
                    c.email.unwrap_or_default(),
                    c.url.unwrap_or_default(),
                ]
            }
            Raw::Attachments(files) => {
                let titles: Vec<Localized> = files.iter().map(|f| f.title.clone()).collect();
                vec![
                    join_list(files.iter().map(|f| f.file.as_str())),
                    each(&titles, Lang::Zh),
                    each(&titles, Lang::En),
                ]
            }
        }
    }

    /// One CSV row of an entry, in the order of [`Writer::csv_header`].
    fn csv_row(&self, entry: &Entry) -> Vec<String> {
        let urls = self.page_urls(entry);
        let mut row = vec![
            entry.slug.clone(),
            join_list(entry.languages.iter().map(|l| l.code())),
            urls.zh.unwrap_or_default(),
            urls.en.unwrap_or_default(),
        ];
        for spec in fields::fields(entry.entry_type) {
            match raw(entry, spec.name) {
                Some(raw) => row.extend(self.csv_cells(spec, &raw)),
                None => row.extend(csv_columns(spec).iter().map(|_| String::new())),
            }
        }
        row
    }

    fn csv_header(entry_type: EntryType) -> Vec<String> {
        let mut header: Vec<String> = CSV_LEAD_COLUMNS.iter().map(|c| c.to_string()).collect();
        header.extend(fields::fields(entry_type).iter().flat_map(csv_columns));
        header
    }

    /// The CSV file of one type in parts: a BOM and a header row, then the
    /// rows of each batch of entries ([`in_batches`], made on all cores), one
    /// row an entry, lines ended by CRLF as RFC 4180 writes them.
    pub(super) fn csv<'a>(
        &'a self,
        entry_type: EntryType,
        entries: &'a [&'a Entry],
    ) -> impl Iterator<Item = Vec<u8>> + 'a {
        let head = format!("{BOM}{}", csv_line(Writer::csv_header(entry_type)));
        let rows = in_batches(entries, |entry| csv_line(self.csv_row(entry)))
            .map(|lines| lines.concat().into_bytes());
        std::iter::once(head.into_bytes()).chain(rows)
    }
}

/// One row as a CSV line, its cells quoted and guarded ([`csv_cell`]).
fn csv_line(cells: Vec<String>) -> String {
    let mut line = String::new();
    for (index, cell) in cells.iter().enumerate() {
        if index > 0 {
            line.push(',');
        }
        line.push_str(&csv_cell(cell));
    }
    line.push_str("\r\n");
    line
}

/// A cell as RFC 4180 writes it, guarded against being read as a formula.
pub fn csv_cell(value: &str) -> String {
    let value = if value.starts_with(FORMULA_STARTS) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}
