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

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::config::Show;
use crate::config::{Config, Lang, Localized, VocabName};
use crate::enquiry;
use crate::entry::{
    Attachment, Contact, Coordinates, Date, Details, Entry, EntryType, Figure, IpRecord, Link,
    Price,
};
use crate::parse::fields::{self, FieldSpec, Kind};
use crate::site::Site;

use super::discovery::entry_date;
use super::{OutputFile, PutFile};

mod catalog;
mod csv;
mod page;
mod schema;

use catalog::catalog;
pub use csv::{CSV_LEAD_COLUMNS, csv_cell, csv_columns, join_list};
pub(in crate::render) use page::page;
pub use schema::schema;

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
    IpRecords(Vec<IpRecord>),
    /// The terms offered, but for their transfer modes: those are the
    /// `transfer_modes` field's, wherever the entry writes them.
    Cooperation {
        price: Option<Price>,
        intent: Localized,
    },
    /// As written; [`Writer::shown_contact`] masks it as the pages do.
    Contact(Contact),
    Attachments(Vec<Attachment>),
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
        "ip" => Raw::IpRecords(a.ip.clone()),
        "cooperation" => Raw::Cooperation {
            price: a.price.clone(),
            intent: a.intent.clone(),
        },
        "contact" => Raw::Contact(a.contact.clone()),
        "attachments" => Raw::Attachments(a.attachments.clone()),
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

    /// A contact as the pages show it: a phone number or e-mail address the
    /// site's `contact` settings mask is masked here too, so the data never
    /// tells more than the pages.
    fn shown_contact(&self, contact: &Contact) -> Contact {
        let settings = &self.config().contact;
        let mut shown = contact.clone();
        if settings.show_phone == Show::Masked {
            shown.phone = contact.phone.as_deref().map(enquiry::mask_phone);
        }
        if settings.show_email == Show::Masked {
            shown.email = contact.email.as_deref().map(enquiry::mask_email);
        }
        shown
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
            (Raw::IpRecords(records), _) => Value::from(
                records
                    .iter()
                    .map(|r| {
                        json!({
                            "kind": self.term(VocabName::IpKinds, &r.kind),
                            "number": r.number,
                            "title": r.title,
                        })
                    })
                    .collect::<Vec<_>>(),
            ),
            (Raw::Cooperation { price, intent }, _) => json!({
                "price": price.as_ref().map(price_json),
                "intent": intent,
            }),
            (Raw::Contact(contact), _) if contact.is_empty() => Value::Null,
            (Raw::Contact(contact), _) => {
                let c = self.shown_contact(contact);
                json!({
                    "name": c.name,
                    "organisation": c.organisation,
                    "phone": c.phone,
                    "email": c.email,
                    "url": c.url,
                    "note": c.note,
                })
            }
            (Raw::Attachments(files), _) => Value::from(
                files
                    .iter()
                    .map(|f| {
                        json!({
                            "title": f.title,
                            "file": f.file,
                            "url": self.config().absolute_url(&f.file),
                            "type": crate::attachments::file_type(&f.file),
                            "size": f.size,
                        })
                    })
                    .collect::<Vec<_>>(),
            ),
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

/// A price in the JSON files: `{negotiable, amount, currency}`, the amount
/// as written (a string, so no digit is lost) and null when negotiable.
fn price_json(price: &Price) -> Value {
    match price {
        Price::Negotiable => json!({"negotiable": true, "amount": null, "currency": null}),
        Price::Amount { amount, currency } => {
            json!({"negotiable": false, "amount": amount, "currency": currency})
        }
    }
}

/// A price in a CSV cell, as `chengguo export` writes it: `面议`, or the
/// amount and its currency code, `500000 CNY`.
pub(super) fn price_cell(price: &Option<Price>) -> String {
    match price {
        Some(Price::Negotiable) => crate::parse::document::NEGOTIABLE[0].into(),
        Some(Price::Amount { amount, currency }) => format!("{amount} {currency}"),
        None => String::new(),
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

/// What the open-data page and the catalogue tell of the files made.
#[derive(Default)]
pub struct Published {
    pub datasets: Vec<Dataset>,
    /// The newest date of all entries.
    pub modified: Option<Date>,
    /// Each day an entry was last changed on ([`Entry::updated`]), newest first.
    pub update_days: Vec<Date>,
    /// The site path of one entry's JSON file, for the page's example
    /// (the files are handed to the writer before the page is made).
    pub entry_example: Option<String>,
}

/// The catalogue and the schema, beside the datasets.
pub const CATALOG_FILE: &str = "data/catalog.json";
pub const SCHEMA_FILE: &str = "data/schema.json";

/// Pretty JSON ending in a newline, as the data files are written,
/// serialised straight into the bytes handed to the writer.
fn json_bytes(value: &Value) -> Vec<u8> {
    let mut bytes = Vec::new();
    serde_json::to_writer_pretty(&mut bytes, value).expect("JSON values serialize");
    bytes.push(b'\n');
    bytes
}

/// The start of a dataset's JSON file: its header's keys, then `entries`,
/// which hold one entry a line in compact JSON ([`dataset_lines`]): that
/// keeps a file of thousands of entries small and easy to read line by line.
fn dataset_head(header: Map<String, Value>) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(&Value::Object(header)).expect("JSON values serialize");
    let closing = bytes.pop();
    debug_assert_eq!(closing, Some(b'}'), "an object ends in }}");
    bytes.extend_from_slice(b",\"entries\":[");
    bytes
}

/// The dataset file's lines of one batch of entries, each line after a
/// separator: the first entry's after a newline, the others' after a comma.
fn dataset_lines(first_batch: bool, lines: Vec<Vec<u8>>) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(lines.iter().map(|l| l.len() + 2).sum());
    for (index, line) in lines.iter().enumerate() {
        let separator: &[u8] = if first_batch && index == 0 {
            b"\n"
        } else {
            b",\n"
        };
        bytes.extend_from_slice(separator);
        bytes.extend_from_slice(line);
    }
    bytes
}

/// The end of a dataset's JSON file.
const DATASET_END: &[u8] = b"\n]}\n";

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

/// Make the data files of `site`, the catalogue and the schema, handing each
/// to `put` as soon as it is made: at 10,000 entries they come to about as
/// much as the site's pages, too much to hold at once. `texts` gives each
/// dataset's title and description in both languages.
pub(super) fn publish(site: &Site, texts: &DatasetTexts, put: &dyn PutFile) -> Published {
    let writer = Writer { site };
    let datasets: Vec<Dataset> = EntryType::ALL
        .into_iter()
        .map(|entry_type| writer.dataset(entry_type, put))
        .collect();
    let modified = datasets.iter().filter_map(|d| d.modified).max();
    put.put(OutputFile {
        path: CATALOG_FILE.into(),
        bytes: json_bytes(&catalog(&site.config, &datasets, modified, texts)),
    });
    put.put(OutputFile {
        path: SCHEMA_FILE.into(),
        bytes: json_bytes(&schema(&site.config)),
    });
    let mut update_days: Vec<Date> = site.entries.iter().filter_map(|e| e.updated).collect();
    update_days.sort_unstable_by(|a, b| b.cmp(a));
    update_days.dedup();
    let entry_example = EntryType::ALL.into_iter().find_map(|t| {
        let id = site.of_type(t).next()?;
        Some(format!(
            "{}/{}/{ENTRY_FILE}",
            t.folder(),
            site.entries[id].slug
        ))
    });
    Published {
        datasets,
        modified,
        update_days,
        entry_example,
    }
}

/// How many entries the cores share out at a time while the data files are
/// made: enough to keep both cores busy, few enough that what they made is
/// not held long before it is written out.
const BATCH: usize = 256;

/// Make `make` of each entry on all cores, a batch at a time, each batch's
/// results in the entries' order.
fn in_batches<'a, T: Send>(
    entries: &'a [&'a Entry],
    make: impl Fn(&Entry) -> T + Sync + 'a,
) -> impl Iterator<Item = Vec<T>> + 'a {
    entries
        .chunks(BATCH)
        .map(move |batch| batch.par_iter().map(|entry| make(entry)).collect())
}

impl Writer<'_> {
    /// The files of one entry type — each entry's JSON, then the dataset's
    /// JSON and CSV — handed to `put` as each is made. The datasets are
    /// handed on in parts: at 10,000 entries each is tens of megabytes (the
    /// bodies' Markdown is in both), which held whole raised the build's
    /// peak by about a hundred.
    fn dataset(&self, entry_type: EntryType, put: &dyn PutFile) -> Dataset {
        let site = self.site;
        let entries: Vec<&Entry> = site
            .of_type(entry_type)
            .map(|id| &site.entries[id])
            .collect();
        let modified = entries.iter().filter_map(|e| entry_date(e)).max();
        let mut all = header(&site.config, entry_type);
        all.insert("modified".into(), json!(modified.map(|d| d.to_string())));
        all.insert("count".into(), json!(entries.len()));
        // Each entry's value is made once and let go once written out: the
        // values of a whole type held at once cost several times their text.
        let json = std::iter::once(dataset_head(all))
            .chain(
                in_batches(&entries, |entry| self.entry_file(entry_type, entry))
                    .enumerate()
                    .map(|(index, made)| {
                        let lines = made.into_iter().map(|(file, line)| {
                            put.put(file);
                            line
                        });
                        dataset_lines(index == 0, lines.collect())
                    }),
            )
            .chain(std::iter::once(DATASET_END.to_vec()));
        let json = put_data_file(entry_type, ("JSON", "application/json", "json"), json, put);
        let csv = self.csv(entry_type, &entries);
        let csv = put_data_file(entry_type, ("CSV", "text/csv", "csv"), csv, put);
        Dataset {
            entry_type,
            count: entries.len(),
            modified,
            files: vec![json, csv],
        }
    }

    /// One entry's own JSON file and its line in the dataset's file. The
    /// files are made on all cores and handed on in order from the thread
    /// that joins the lines, so the writer sees them as it did when one core
    /// made them (the CPU was in the making, not the writing).
    fn entry_file(&self, entry_type: EntryType, entry: &Entry) -> (OutputFile, Vec<u8>) {
        let mut file = header(&self.site.config, entry_type);
        file.insert("entry".into(), self.entry_json(entry));
        let file = Value::Object(file);
        let line = serde_json::to_vec(&file["entry"]).expect("JSON values serialize");
        let file = OutputFile {
            path: format!("{}/{}/{ENTRY_FILE}", entry_type.folder(), entry.slug),
            bytes: json_bytes(&file),
        };
        (file, line)
    }
}

/// Hand one of a dataset's files to `put` in `parts`, and say what it is:
/// its format, media type and extension, and its length.
fn put_data_file(
    entry_type: EntryType,
    (format, media_type, extension): (&'static str, &'static str, &str),
    parts: impl Iterator<Item = Vec<u8>>,
    put: &dyn PutFile,
) -> DataFile {
    let path = format!("{DATA_DIR}/{}.{extension}", entry_type.folder());
    let mut bytes = 0;
    let mut parts = parts.inspect(|part| bytes += part.len());
    put.put_parts(path.clone(), &mut parts);
    DataFile {
        format,
        media_type,
        path,
        bytes,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A field added to the table must be given a value here too, or the
    /// open data would silently leave it out.
    #[test]
    fn every_field_of_the_table_has_a_value_in_the_data() {
        let site = crate::assemble_bundled().site;
        for entry_type in EntryType::ALL {
            let id = site
                .of_type(entry_type)
                .next()
                .expect("an entry of each type");
            for spec in fields::fields(entry_type) {
                assert!(
                    raw(&site.entries[id], spec.name).is_some(),
                    "{} field {} has no value in the open data",
                    entry_type.key(),
                    spec.name
                );
            }
        }
    }

    #[test]
    fn a_dataset_made_in_batches_is_the_same_file_as_one_made_whole() {
        let lines = || vec![b"{\"a\":1}".to_vec(), b"{\"b\":2}".to_vec(), b"{}".to_vec()];
        let mut header = Map::new();
        header.insert("count".into(), json!(3));
        let file = |batches: Vec<Vec<u8>>| {
            let mut file = dataset_head(header.clone());
            batches
                .iter()
                .for_each(|batch| file.extend_from_slice(batch));
            file.extend_from_slice(DATASET_END);
            serde_json::from_slice::<Value>(&file).map(|_| file)
        };
        let whole = file(vec![dataset_lines(true, lines())]).unwrap();
        let mut rest = lines();
        let first = rest.remove(0);
        let batched = file(vec![
            dataset_lines(true, vec![first]),
            dataset_lines(false, rest),
        ]);
        assert_eq!(batched.unwrap(), whole);
        assert_eq!(
            String::from_utf8(whole).unwrap(),
            "{\"count\":3,\"entries\":[\n{\"a\":1},\n{\"b\":2},\n{}\n]}\n"
        );
        assert!(file(vec![]).is_ok(), "a type without entries is valid JSON");
    }

    #[test]
    fn cells_that_look_like_formulas_are_guarded_and_quoted_as_rfc_4180_says() {
        assert_eq!(csv_cell("plain 文本"), "plain 文本");
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("-5"), "'-5");
        assert_eq!(csv_cell("'quoted"), "''quoted");
        assert_eq!(csv_cell("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn list_items_holding_the_separator_or_a_backslash_are_escaped() {
        assert_eq!(join_list(["a", "b"]), "a|b");
        assert_eq!(join_list(["a|b", "c\\d"]), "a\\|b|c\\\\d");
        assert_eq!(join_list(Vec::<&str>::new()), "");
    }

    #[test]
    fn json_in_a_script_element_cannot_close_it() {
        let value = json!({"name": "</script><script>alert(1)</script> & <!--"});
        let text = page::script_json(&value);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
