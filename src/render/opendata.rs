//! Open data: every published entry as data files beside the pages —
//! `data/{achievements,parks,policies}.json` and `.csv`, one JSON file per
//! entry beside its page (`achievements/<slug>/index.json`), the DCAT
//! catalogue `data/catalog.json` and the JSON Schema of the JSON files
//! `data/schema.json` — and what the open-data page (开放数据) says of them.
//!
//! Every field of the field table ([`crate::parse::fields`]) is written, in
//! the table's order, with references and vocabulary values resolved in
//! both languages. The layout carries [`FORMAT_VERSION`] and is documented in
//! the README; a change to it that breaks a reader raises the version.
//! Dates are the entries' own, never the build's clock.

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::config::{Config, Lang, Localized, VocabName};
use crate::entry::{Coordinates, Date, Details, Entry, EntryType, Figure, Link};
use crate::parse::fields::{self, FieldSpec, Kind};
use crate::site::Site;

use super::OutputFile;
use super::discovery::entry_date;
use super::view::{DateView, Speaker};

/// The version of the layout of the JSON files, in each of them.
pub const FORMAT_VERSION: u32 = 1;
/// The folder of the data files, at the output's root.
pub const DATA_DIR: &str = "data";
/// Each entry's JSON file, in its folder beside its page.
pub const ENTRY_FILE: &str = "index.json";
/// What joins the items of a list in one CSV cell. An item holding it or
/// the escape character has them escaped with a backslash (`\|`, `\\`).
pub const LIST_SEPARATOR: char = '|';
/// The first characters that make a spreadsheet read a cell as a formula;
/// a cell starting with one, or with an apostrophe, gets an apostrophe in
/// front (OWASP's advice against CSV injection), which a reader drops.
pub const FORMULA_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];
/// The byte-order mark that tells Excel a CSV file is UTF-8.
const BOM: &str = "\u{FEFF}";

/// One field of one entry as the data files give it, before it is shaped
/// as JSON or as CSV cells. Single values are lists of at most one item.
#[derive(Debug, Clone)]
pub(super) enum Raw {
    Text(Localized),
    Texts(Vec<Localized>),
    /// The body's Markdown source in each language.
    Markdown(Localized),
    Date(Option<Date>),
    Keys(Vec<String>),
    Slugs(Vec<String>),
    /// A web address, or a path under the site (a cover image).
    Url(Option<String>),
    Bool(bool),
    Links(Vec<Link>),
    Figures(Vec<Figure>),
    Coordinates(Option<Coordinates>),
}

/// The value of field `name` of `entry`; `None` for a name the entry's type
/// does not have. Every name of the field table has one (a test holds this).
pub(super) fn raw(entry: &Entry, name: &str) -> Option<Raw> {
    let common = match name {
        "title" => Some(Raw::Text(entry.title.clone())),
        "summary" => Some(Raw::Text(entry.summary.clone())),
        "tags" => Some(Raw::Texts(entry.tags.clone())),
        "draft" => Some(Raw::Bool(entry.draft)),
        "updated" => Some(Raw::Date(entry.updated)),
        "body" => Some(Raw::Markdown(Localized {
            zh: entry.body(Lang::Zh).map(|b| b.markdown.clone()),
            en: entry.body(Lang::En).map(|b| b.markdown.clone()),
        })),
        _ => None,
    };
    common.or_else(|| match &entry.details {
        Details::Achievement(a) => achievement_raw(a, name),
        Details::Park(p) => park_raw(p, name),
        Details::Policy(p) => policy_raw(p, name),
    })
}

fn keys(value: &Option<String>) -> Raw {
    Raw::Keys(value.iter().cloned().collect())
}

fn slugs<'a>(references: impl IntoIterator<Item = &'a crate::entry::Reference>) -> Raw {
    Raw::Slugs(references.into_iter().map(|r| r.slug.clone()).collect())
}

fn achievement_raw(a: &crate::entry::Achievement, name: &str) -> Option<Raw> {
    Some(match name {
        "date" => Raw::Date(a.date),
        "institutions" => Raw::Texts(a.institutions.clone()),
        "partners" => Raw::Texts(a.partners.clone()),
        "field" => keys(&a.field),
        "stage" => keys(&a.stage),
        "transfer_modes" => Raw::Keys(a.transfer_modes.clone()),
        "region" => keys(&a.region),
        "park" => slugs(&a.park),
        "policies" => slugs(&a.policies),
        "awards" => Raw::Texts(a.awards.clone()),
        "contact" => Raw::Text(a.contact.clone()),
        "cover" => Raw::Url(a.cover.clone()),
        "links" => Raw::Links(a.links.clone()),
        "featured" => Raw::Bool(a.featured),
        _ => return None,
    })
}

fn park_raw(p: &crate::entry::Park, name: &str) -> Option<Raw> {
    Some(match name {
        "kind" => Raw::Keys(vec![p.kind.clone()]),
        "level" => keys(&p.level),
        "region" => keys(&p.region),
        "parent" => slugs(&p.parent),
        "address" => Raw::Text(p.address.clone()),
        "established" => Raw::Date(p.established),
        "fields" => Raw::Keys(p.fields.clone()),
        "figures" => Raw::Figures(p.figures.clone()),
        "website" => Raw::Url(p.website.clone()),
        "coordinates" => Raw::Coordinates(p.coordinates),
        _ => return None,
    })
}

fn policy_raw(p: &crate::entry::Policy, name: &str) -> Option<Raw> {
    Some(match name {
        "issuer" => Raw::Text(p.issuer.clone()),
        "number" => Raw::Text(p.number.clone()),
        // Written once for both languages: a number is not translated.
        "index_number" => Raw::Text(
            p.index_number
                .as_ref()
                .map(|n| Localized::both(n.clone()))
                .unwrap_or_default(),
        ),
        "written" => Raw::Date(p.written),
        "published" => Raw::Date(p.published),
        "effective" => Raw::Date(p.effective),
        "expires" => Raw::Date(p.expires),
        "status" => keys(&p.status),
        "topic" => keys(&p.topic),
        "genre" => keys(&p.genre),
        "region" => keys(&p.region),
        "source" => Raw::Url(p.source.clone()),
        "related" => slugs(&p.related),
        _ => return None,
    })
}

/// Builds the data of one site: URLs absolute where `base_url` names a host.
pub(super) struct Writer<'a> {
    pub site: &'a Site,
}

impl Writer<'_> {
    fn config(&self) -> &Config {
        &self.site.config
    }

    /// The page of an entry in each language it is written in.
    fn page_urls(&self, entry: &Entry) -> Localized {
        let mut urls = Localized::default();
        for lang in self.config().languages.iter().copied() {
            if entry.has_language(lang) {
                let path = format!(
                    "{}{}/{}/",
                    self.config().language_prefix(lang),
                    entry.entry_type.folder(),
                    entry.slug
                );
                urls.set(lang, self.config().absolute_url(&path));
            }
        }
        urls
    }

    fn term(&self, vocabulary: VocabName, key: &str) -> Value {
        let term = self.config().vocabulary(vocabulary).term(key);
        let label = |lang| term.map_or(key, |t| t.label(lang)).to_string();
        json!({"key": key, "label": {"zh": label(Lang::Zh), "en": label(Lang::En)}})
    }

    fn reference(&self, target: EntryType, slug: &str) -> Value {
        match self.site.resolve(target, slug) {
            Some(entry) => json!({
                "slug": slug,
                "title": entry.title,
                "url": self.page_urls(entry),
            }),
            None => {
                json!({"slug": slug, "title": Localized::default(), "url": Localized::default()})
            }
        }
    }

    /// One field's value in the JSON files: one value or null for a single
    /// field, an array for a list.
    fn json(&self, spec: &FieldSpec, raw: &Raw) -> Value {
        let single = |mut items: Vec<Value>| items.pop().unwrap_or(Value::Null);
        match (raw, spec.kind) {
            (Raw::Text(text) | Raw::Markdown(text), _) => json!(text),
            (Raw::Texts(texts), _) => json!(texts),
            (Raw::Date(date), _) => json!(date.map(|d| d.to_string())),
            (Raw::Keys(keys), Kind::Term(v) | Kind::TermList(v)) => {
                let items: Vec<Value> = keys.iter().map(|k| self.term(v, k)).collect();
                if matches!(spec.kind, Kind::Term(_)) { single(items) } else { Value::from(items) }
            }
            (Raw::Slugs(slugs), Kind::Reference(t) | Kind::ReferenceList(t)) => {
                let items: Vec<Value> = slugs.iter().map(|s| self.reference(t, s)).collect();
                if matches!(spec.kind, Kind::Reference(_)) { single(items) } else { Value::from(items) }
            }
            (Raw::Url(url), Kind::StaticPath) => json!(url.as_ref().map(|p| self.config().absolute_url(p))),
            (Raw::Url(url), _) => json!(url),
            (Raw::Bool(flag), _) => json!(flag),
            (Raw::Links(links), _) => Value::from(
                links
                    .iter()
                    .map(|l| json!({"title": l.title, "url": l.url}))
                    .collect::<Vec<_>>(),
            ),
            (Raw::Figures(figures), _) => Value::from(
                figures
                    .iter()
                    .map(|f| json!({"label": f.label, "value": f.value, "unit": f.unit, "year": f.year}))
                    .collect::<Vec<_>>(),
            ),
            (Raw::Coordinates(c), _) => json!(c.map(|c| json!({"lat": c.lat, "lon": c.lon}))),
            (Raw::Keys(_) | Raw::Slugs(_), _) => Value::Null,
        }
    }

    /// One entry as a JSON object: its slug, type, languages and pages, then
    /// every field of the field table.
    pub(super) fn entry_json(&self, entry: &Entry) -> Value {
        let mut object = Map::new();
        object.insert("slug".into(), json!(entry.slug));
        object.insert("type".into(), json!(entry.entry_type.key()));
        object.insert("languages".into(), json!(entry.languages));
        object.insert("url".into(), json!(self.page_urls(entry)));
        for spec in fields::fields(entry.entry_type) {
            let value = raw(entry, spec.name).map_or(Value::Null, |raw| self.json(spec, &raw));
            object.insert(spec.name.into(), value);
        }
        Value::Object(object)
    }
}

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

    /// The CSV file of one type: a BOM, a header row, one row an entry,
    /// lines ended by CRLF as RFC 4180 writes them.
    fn csv(&self, entry_type: EntryType, entries: &[&Entry]) -> String {
        let mut csv = String::from(BOM);
        let mut line = |cells: Vec<String>| {
            let cells: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
            csv.push_str(&cells.join(","));
            csv.push_str("\r\n");
        };
        line(Writer::csv_header(entry_type));
        for entry in entries {
            line(self.csv_row(entry));
        }
        csv
    }
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

/// One file of a dataset, for the catalogue and the open-data page.
#[derive(Debug, Clone, Serialize)]
pub struct DataFile {
    /// `JSON` or `CSV`.
    pub format: &'static str,
    pub media_type: &'static str,
    /// The path under the output's root: `data/parks.csv`.
    pub path: String,
    pub bytes: usize,
}

/// The published data of one entry type.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub entry_type: EntryType,
    pub count: usize,
    /// The newest date of its entries (last updated, else their own).
    pub modified: Option<Date>,
    pub files: Vec<DataFile>,
}

/// Everything the open data adds to the output, and what the open-data
/// page tells of it.
pub struct Published {
    pub files: Vec<OutputFile>,
    pub datasets: Vec<Dataset>,
    /// The newest date of all entries.
    pub modified: Option<Date>,
    /// Each day an entry was last changed on ([`Entry::updated`]), newest first.
    pub update_days: Vec<Date>,
}

/// The catalogue and the schema, beside the datasets.
pub const CATALOG_FILE: &str = "data/catalog.json";
pub const SCHEMA_FILE: &str = "data/schema.json";

/// Pretty JSON ending in a newline, as the data files are written.
fn json_text(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("JSON values serialize");
    text.push('\n');
    text
}

/// What every JSON file starts with: the layout's version and the licence.
fn header(config: &Config, entry_type: EntryType) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert("version".into(), json!(FORMAT_VERSION));
    map.insert("type".into(), json!(entry_type.key()));
    map.insert("license".into(), license_json(config));
    map
}

fn license_json(config: &Config) -> Value {
    json!(
        config
            .license
            .as_ref()
            .map(|l| json!({"url": l.url, "name": l.name}))
    )
}

/// The data files of `site`, the catalogue and the schema; `descriptions`
/// gives each dataset's title and description in both languages.
pub(super) fn publish(site: &Site, texts: &DatasetTexts) -> Published {
    let writer = Writer { site };
    let mut files = Vec::new();
    let mut datasets = Vec::new();
    for entry_type in EntryType::ALL {
        let entries: Vec<&Entry> = site
            .of_type(entry_type)
            .map(|id| &site.entries[id])
            .collect();
        let mut objects = Vec::with_capacity(entries.len());
        for entry in &entries {
            let object = writer.entry_json(entry);
            let mut file = header(&site.config, entry_type);
            file.insert("entry".into(), object.clone());
            files.push(OutputFile {
                path: format!("{}/{}/{ENTRY_FILE}", entry_type.folder(), entry.slug),
                bytes: json_text(&Value::Object(file)).into_bytes(),
            });
            objects.push(object);
        }
        let modified = entries.iter().filter_map(|e| entry_date(e)).max();
        let mut all = header(&site.config, entry_type);
        all.insert("modified".into(), json!(modified.map(|d| d.to_string())));
        all.insert("count".into(), json!(entries.len()));
        all.insert("entries".into(), Value::from(objects));
        let json = json_text(&Value::Object(all)).into_bytes();
        let csv = writer.csv(entry_type, &entries).into_bytes();
        let folder = entry_type.folder();
        let data_files = vec![
            DataFile {
                format: "JSON",
                media_type: "application/json",
                path: format!("{DATA_DIR}/{folder}.json"),
                bytes: json.len(),
            },
            DataFile {
                format: "CSV",
                media_type: "text/csv",
                path: format!("{DATA_DIR}/{folder}.csv"),
                bytes: csv.len(),
            },
        ];
        files.push(OutputFile {
            path: data_files[0].path.clone(),
            bytes: json,
        });
        files.push(OutputFile {
            path: data_files[1].path.clone(),
            bytes: csv,
        });
        datasets.push(Dataset {
            entry_type,
            count: entries.len(),
            modified,
            files: data_files,
        });
    }
    let modified = datasets.iter().filter_map(|d| d.modified).max();
    files.push(OutputFile {
        path: CATALOG_FILE.into(),
        bytes: json_text(&catalog(&site.config, &datasets, modified, texts)).into_bytes(),
    });
    files.push(OutputFile {
        path: SCHEMA_FILE.into(),
        bytes: json_text(&schema(&site.config)).into_bytes(),
    });
    let mut update_days: Vec<Date> = site.entries.iter().filter_map(|e| e.updated).collect();
    update_days.sort_unstable_by(|a, b| b.cmp(a));
    update_days.dedup();
    Published {
        files,
        datasets,
        modified,
        update_days,
    }
}

/// The catalogue's and the page's words for the site and each dataset, in
/// both languages, from the theme's strings.
pub(super) struct DatasetTexts {
    pub catalog_title: Localized,
    pub catalog_description: Localized,
    /// Per entry type, in [`EntryType::ALL`] order: (title, description).
    pub datasets: Vec<(Localized, Localized)>,
}

/// A text in both languages as JSON-LD language maps.
fn language_values(text: &Localized) -> Value {
    Value::from(
        Lang::ALL
            .into_iter()
            .filter_map(|lang| {
                Some(json!({"@language": lang.html_lang(), "@value": text.get(lang)?}))
            })
            .collect::<Vec<_>>(),
    )
}

/// `data/catalog.json`: a DCAT catalogue in JSON-LD, a dataset per entry
/// type with its JSON and CSV distributions.
fn catalog(
    config: &Config,
    datasets: &[Dataset],
    modified: Option<Date>,
    texts: &DatasetTexts,
) -> Value {
    let license = config.license.as_ref().map(|l| json!({"@id": l.url}));
    let date = |d: Option<Date>| json!(d.map(|d| d.to_string()));
    let datasets: Vec<Value> = datasets
        .iter()
        .zip(&texts.datasets)
        .map(|(dataset, (title, description))| {
            let distributions: Vec<Value> = dataset
                .files
                .iter()
                .map(|file| {
                    with_license(json!({
                        "@type": "dcat:Distribution",
                        "dct:title": format!("{} {}", dataset.entry_type.folder(), file.format),
                        "dct:format": file.format,
                        "dcat:mediaType": file.media_type,
                        "dcat:downloadURL": {"@id": config.absolute_url(&file.path)},
                        "dcat:byteSize": file.bytes,
                    }), &license)
                })
                .collect();
            with_license(json!({
                "@type": "dcat:Dataset",
                "dct:identifier": dataset.entry_type.folder(),
                "dct:title": language_values(title),
                "dct:description": language_values(description),
                "dct:modified": date(dataset.modified),
                "dct:language": config.languages.iter().map(|l| l.html_lang()).collect::<Vec<_>>(),
                "dcat:landingPage": {"@id": config.absolute_url(&format!("{}/", dataset.entry_type.folder()))},
                "dcat:distribution": distributions,
            }), &license)
        })
        .collect();
    with_license(
        json!({
            "@context": {
                "dcat": "http://www.w3.org/ns/dcat#",
                "dct": "http://purl.org/dc/terms/",
                "foaf": "http://xmlns.com/foaf/0.1/",
            },
            "@type": "dcat:Catalog",
            "version": FORMAT_VERSION,
            "dct:title": language_values(&texts.catalog_title),
            "dct:description": language_values(&texts.catalog_description),
            "dct:modified": date(modified),
            "foaf:homepage": {"@id": config.absolute_url("")},
            "dcat:dataset": datasets,
        }),
        &license,
    )
}

/// `object` with `dct:license` where the site names a licence; with none,
/// none is claimed.
fn with_license(mut object: Value, license: &Option<Value>) -> Value {
    if let Some(license) = license {
        object["dct:license"] = license.clone();
    }
    object
}

/// Either a value of `schema` or null: what a single field with no value holds.
fn or_null(schema: Value) -> Value {
    json!({"anyOf": [schema, {"type": "null"}]})
}

/// The schema of one field's value in the JSON files.
fn field_schema(config: &Config, kind: Kind) -> Value {
    let localized = json!({"$ref": "#/$defs/localized"});
    let term = |vocabulary: VocabName| {
        let keys: Vec<&str> = config
            .vocabulary(vocabulary)
            .terms
            .iter()
            .map(|t| t.key.as_str())
            .collect();
        json!({
            "type": "object",
            "properties": {"key": {"enum": keys}, "label": {"$ref": "#/$defs/localized"}},
            "required": ["key", "label"],
            "additionalProperties": false,
        })
    };
    let array = |items: Value| json!({"type": "array", "items": items});
    match kind {
        Kind::Text | Kind::Markdown => localized,
        Kind::TextList => array(localized),
        Kind::Date => or_null(json!({"$ref": "#/$defs/date"})),
        Kind::Term(v) => or_null(term(v)),
        Kind::TermList(v) => array(term(v)),
        Kind::Reference(_) => or_null(json!({"$ref": "#/$defs/reference"})),
        Kind::ReferenceList(_) => array(json!({"$ref": "#/$defs/reference"})),
        Kind::Url | Kind::StaticPath => or_null(json!({"type": "string", "minLength": 1})),
        Kind::Bool => json!({"type": "boolean"}),
        Kind::Links => array(json!({"$ref": "#/$defs/link"})),
        Kind::Figures => array(json!({"$ref": "#/$defs/figure"})),
        Kind::Coordinates => or_null(json!({"$ref": "#/$defs/coordinates"})),
    }
}

/// The schema of one entry of `entry_type`: every field of the table, required.
fn entry_schema(config: &Config, entry_type: EntryType) -> Value {
    let mut properties = Map::new();
    properties.insert(
        "slug".into(),
        json!({"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}),
    );
    properties.insert("type".into(), json!({"const": entry_type.key()}));
    properties.insert(
        "languages".into(),
        json!({"type": "array", "items": {"enum": ["zh", "en"]}, "minItems": 1}),
    );
    properties.insert("url".into(), json!({"$ref": "#/$defs/localized"}));
    for spec in fields::fields(entry_type) {
        let mut schema = field_schema(config, spec.kind);
        schema["description"] = json!(spec.description_en);
        properties.insert(spec.name.into(), schema);
    }
    let required: Vec<&String> = properties.keys().collect();
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

/// The JSON Schema (draft 2020-12) of the JSON data files: a dataset file,
/// or one entry's file, of any type. Written to `data/schema.json` and by
/// `chengguo schema`.
pub fn schema(config: &Config) -> Value {
    let localized_text = json!({"type": ["string", "null"]});
    let mut defs = Map::new();
    defs.insert(
        "localized".into(),
        json!({
            "type": "object",
            "properties": {"zh": localized_text, "en": localized_text},
            "required": ["zh", "en"],
            "additionalProperties": false,
        }),
    );
    defs.insert(
        "date".into(),
        json!({"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}),
    );
    defs.insert("reference".into(), json!({
        "type": "object",
        "properties": {"slug": {"type": "string"}, "title": {"$ref": "#/$defs/localized"}, "url": {"$ref": "#/$defs/localized"}},
        "required": ["slug", "title", "url"],
        "additionalProperties": false,
    }));
    defs.insert(
        "link".into(),
        json!({
            "type": "object",
            "properties": {"title": {"$ref": "#/$defs/localized"}, "url": {"type": "string"}},
            "required": ["title", "url"],
            "additionalProperties": false,
        }),
    );
    defs.insert(
        "figure".into(),
        json!({
            "type": "object",
            "properties": {
                "label": {"$ref": "#/$defs/localized"},
                "value": {"type": "string"},
                "unit": {"$ref": "#/$defs/localized"},
                "year": {"type": ["integer", "null"]},
            },
            "required": ["label", "value", "unit", "year"],
            "additionalProperties": false,
        }),
    );
    defs.insert("coordinates".into(), json!({
        "type": "object",
        "properties": {"lat": {"type": "number", "minimum": -90, "maximum": 90}, "lon": {"type": "number", "minimum": -180, "maximum": 180}},
        "required": ["lat", "lon"],
        "additionalProperties": false,
    }));
    defs.insert(
        "license".into(),
        or_null(json!({
            "type": "object",
            "properties": {"url": {"type": "string"}, "name": {"$ref": "#/$defs/localized"}},
            "required": ["url", "name"],
            "additionalProperties": false,
        })),
    );
    let mut shapes = Vec::new();
    for entry_type in EntryType::ALL {
        let key = entry_type.key();
        defs.insert(key.into(), entry_schema(config, entry_type));
        let entry = json!({"$ref": format!("#/$defs/{key}")});
        let common = |extra: Value| {
            let mut properties = json!({
                "version": {"const": FORMAT_VERSION},
                "type": {"const": key},
                "license": {"$ref": "#/$defs/license"},
            });
            let extra = extra.as_object().expect("an object").clone();
            let object = properties.as_object_mut().expect("an object");
            object.extend(extra);
            let required: Vec<String> = object.keys().cloned().collect();
            json!({"type": "object", "properties": properties, "required": required, "additionalProperties": false})
        };
        shapes.push(common(json!({
            "modified": or_null(json!({"$ref": "#/$defs/date"})),
            "count": {"type": "integer", "minimum": 0},
            "entries": {"type": "array", "items": entry},
        })));
        shapes.push(common(json!({"entry": entry})));
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "chengguo open data",
        "description": format!("The JSON data files of a chengguo site, layout version {FORMAT_VERSION}: a dataset (data/<type>.json) or one entry (<type>/<slug>/index.json)."),
        "oneOf": shapes,
        "$defs": defs,
    })
}

/// The key of a field's kind in the theme's strings: `opendata_shape_` + it.
fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "text",
        Kind::TextList => "text_list",
        Kind::Markdown => "markdown",
        Kind::Date => "date",
        Kind::Term(_) => "term",
        Kind::TermList(_) => "term_list",
        Kind::Reference(_) => "reference",
        Kind::ReferenceList(_) => "reference_list",
        Kind::Url => "url",
        Kind::Bool => "bool",
        Kind::StaticPath => "static_path",
        Kind::Links => "links",
        Kind::Figures => "figures",
        Kind::Coordinates => "coordinates",
    }
}

#[derive(Serialize)]
struct FileView {
    format: &'static str,
    media_type: &'static str,
    url: String,
    size: String,
}

#[derive(Serialize)]
struct FieldView {
    name: &'static str,
    description: &'static str,
    shape: String,
    columns: String,
}

#[derive(Serialize)]
struct DatasetView {
    key: &'static str,
    label: String,
    description: String,
    /// The caption of the table of its fields.
    caption: String,
    count: usize,
    modified: Option<DateView>,
    list_url: String,
    files: Vec<FileView>,
    fields: Vec<FieldView>,
}

#[derive(Serialize)]
struct LicenseView {
    url: String,
    name: String,
}

/// What the open-data page template sees as `open_data`.
#[derive(Serialize)]
pub(super) struct OpenDataPage {
    datasets: Vec<DatasetView>,
    license: Option<LicenseView>,
    catalog_url: String,
    schema_url: String,
    /// Where one entry's JSON is, for the page's example.
    entry_example_url: Option<String>,
    /// How the CSV files are written, the list separator named.
    csv_about: String,
    version: u32,
    modified: Option<DateView>,
    /// How often entries change, as a sentence in the page's language.
    updates: String,
    /// The schema.org `Dataset`, JSON escaped to sit inside `<script>`.
    json_ld: String,
}

/// `1234567` → `1.2 MB`.
fn size_text(bytes: usize) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

/// Days since 1970-01-01 of a date (its first day where less precise).
fn day_number(date: Date) -> i64 {
    // Howard Hinnant's days_from_civil.
    let (m, d) = (
        i64::from(date.month.unwrap_or(1)),
        i64::from(date.day.unwrap_or(1)),
    );
    let y = i64::from(date.year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// "Last changed on …; in the year before, entries changed on N days."
fn updates_sentence(speaker: &Speaker, days: &[Date]) -> String {
    let Some(newest) = days.first() else {
        return speaker.t("opendata_no_updates");
    };
    let within = days
        .iter()
        .filter(|d| day_number(*newest) - day_number(**d) < 365)
        .count();
    speaker
        .t("opendata_updates")
        .replace("{date}", &newest.format(speaker.lang))
        .replace("{days}", &within.to_string())
}

/// JSON made safe inside an HTML `<script>` element: `<`, `>` and `&` as
/// JSON escapes, so no text from content can close the element.
pub(super) fn script_json(value: &Value) -> String {
    serde_json::to_string(value)
        .expect("JSON values serialize")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn dataset_view(speaker: &Speaker, dataset: &Dataset) -> DatasetView {
    let folder = dataset.entry_type.folder();
    let fields = fields::fields(dataset.entry_type)
        .iter()
        .map(|spec| FieldView {
            name: spec.name,
            description: match speaker.lang {
                Lang::Zh => spec.description_zh,
                Lang::En => spec.description_en,
            },
            shape: speaker.t_of("opendata_shape_", kind_key(spec.kind)),
            columns: csv_columns(spec).join(", "),
        })
        .collect();
    DatasetView {
        key: folder,
        label: speaker.t_of("section_", folder),
        description: speaker.t_of("opendata_about_", folder),
        caption: speaker
            .t("opendata_fields_caption")
            .replace("{dataset}", &speaker.t_of("section_", folder)),
        count: dataset.count,
        modified: dataset.modified.map(|d| DateView {
            iso: d.to_string(),
            text: d.format(speaker.lang),
        }),
        list_url: speaker.url(&format!("{folder}/")),
        files: dataset
            .files
            .iter()
            .map(|f| FileView {
                format: f.format,
                media_type: f.media_type,
                url: speaker.site.config.url(&f.path),
                size: size_text(f.bytes),
            })
            .collect(),
        fields,
    }
}

/// The open-data page of `speaker`'s language; `canonical` is its address.
pub(super) fn page(
    speaker: &Speaker,
    published: &Published,
    title: &str,
    canonical: &str,
) -> OpenDataPage {
    let config = &speaker.site.config;
    let datasets: Vec<DatasetView> = published
        .datasets
        .iter()
        .map(|d| dataset_view(speaker, d))
        .collect();
    let modified = published.modified.map(|d| DateView {
        iso: d.to_string(),
        text: d.format(speaker.lang),
    });
    let license = config.license.as_ref().map(|l| LicenseView {
        url: l.url.clone(),
        name: l.name.get_or_other(speaker.lang).to_string(),
    });
    let distributions: Vec<Value> = published
        .datasets
        .iter()
        .flat_map(|d| &d.files)
        .map(|f| json!({"@type": "DataDownload", "encodingFormat": f.media_type, "contentUrl": config.absolute_url(&f.path)}))
        .collect();
    let mut dataset = json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": title,
        "description": speaker.t("opendata_intro"),
        "url": canonical,
        "inLanguage": speaker.lang.html_lang(),
        "isAccessibleForFree": true,
        "distribution": distributions,
    });
    if let Some(date) = published.modified {
        dataset["dateModified"] = json!(date.to_string());
    }
    if let Some(license) = &config.license {
        dataset["license"] = json!(license.url);
    }
    let entry_example_url = published
        .files
        .iter()
        .find(|f| f.path.ends_with(ENTRY_FILE))
        .map(|f| config.url(&f.path));
    OpenDataPage {
        datasets,
        license,
        catalog_url: config.url(CATALOG_FILE),
        schema_url: config.url(SCHEMA_FILE),
        entry_example_url,
        csv_about: speaker
            .t("opendata_csv_about")
            .replace("{separator}", &LIST_SEPARATOR.to_string()),
        version: FORMAT_VERSION,
        modified,
        updates: updates_sentence(speaker, &published.update_days),
        json_ld: script_json(&dataset),
    }
}
