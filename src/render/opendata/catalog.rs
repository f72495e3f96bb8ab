//! `data/catalog.json`: the datasets described in the DCAT vocabulary, as
//! JSON-LD, for data portals to harvest.

use serde_json::{Value, json};

use crate::config::{Config, Lang, Localized};
use crate::entry::Date;

use super::{Dataset, DatasetTexts, FORMAT_VERSION};

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
pub(super) fn catalog(
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
