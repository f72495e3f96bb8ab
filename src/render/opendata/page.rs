//! What the open-data page (开放数据) shows: the datasets and their files,
//! the licence, how often the data changes, each field's description and
//! value shape, and a schema.org `Dataset` for search engines.

use serde::Serialize;
use serde_json::{Value, json};

use crate::config::Lang;
use crate::entry::Date;
use crate::parse::fields::{self, Kind};

use super::csv::csv_columns;
use super::{CATALOG_FILE, Dataset, FORMAT_VERSION, LIST_SEPARATOR, Published, SCHEMA_FILE};
use crate::render::view::{DateView, Speaker};

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
        Kind::IpRecords => "ip_records",
        Kind::Cooperation => "cooperation",
        Kind::Contact => "contact",
        Kind::Attachments => "attachments",
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
pub(in crate::render) struct OpenDataPage {
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
pub(in crate::render) fn script_json(value: &Value) -> String {
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
pub(in crate::render) fn page(
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
        "name": format!("{} · {title}", config.title.get_or_other(speaker.lang)),
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
    let entry_example_url = published.entry_example.as_ref().map(|p| config.url(p));
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
