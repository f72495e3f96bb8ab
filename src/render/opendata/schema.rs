//! The JSON Schema of the JSON data files, made from the field table so the
//! two cannot drift apart.

use serde_json::{Map, Value, json};

use crate::config::{Config, VocabName};
use crate::entry::EntryType;
use crate::parse::fields::{self, Kind};

use super::FORMAT_VERSION;

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
        // JSON Schema wants an enum of one value at least; an empty
        // vocabulary allows no value, which `not: {}` says.
        let key = if keys.is_empty() {
            json!({"not": {}})
        } else {
            json!({"enum": keys})
        };
        json!({
            "type": "object",
            "properties": {"key": key, "label": {"$ref": "#/$defs/localized"}},
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
        Kind::IpRecords => array(json!({
            "type": "object",
            "properties": {
                "kind": term(VocabName::IpKinds),
                "number": {"type": "string", "minLength": 1},
                "title": localized,
            },
            "required": ["kind", "number", "title"],
            "additionalProperties": false,
        })),
        Kind::Cooperation => json!({
            "type": "object",
            "properties": {
                "price": or_null(json!({"$ref": "#/$defs/price"})),
                "intent": localized,
            },
            "required": ["price", "intent"],
            "additionalProperties": false,
        }),
        Kind::Contact => or_null(json!({"$ref": "#/$defs/contact"})),
        Kind::Attachments => array(json!({"$ref": "#/$defs/attachment"})),
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
        "price".into(),
        json!({
            "description": "The price asked: negotiable (面议), or an amount as written with its ISO 4217 currency code.",
            "oneOf": [
                {
                    "type": "object",
                    "properties": {"negotiable": {"const": true}, "amount": {"type": "null"}, "currency": {"type": "null"}},
                    "required": ["negotiable", "amount", "currency"],
                    "additionalProperties": false,
                },
                {
                    "type": "object",
                    "properties": {
                        "negotiable": {"const": false},
                        "amount": {"type": "string", "minLength": 1},
                        "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
                    },
                    "required": ["negotiable", "amount", "currency"],
                    "additionalProperties": false,
                },
            ],
        }),
    );
    let text_or_null = json!({"type": ["string", "null"]});
    defs.insert(
        "contact".into(),
        json!({
            "description": "Whom to contact. A phone number or e-mail address the site shows masked is masked here too (023-******00, t***@example.org).",
            "type": "object",
            "properties": {
                "name": {"$ref": "#/$defs/localized"},
                "organisation": {"$ref": "#/$defs/localized"},
                "phone": text_or_null,
                "email": text_or_null,
                "url": text_or_null,
                "note": {"$ref": "#/$defs/localized"},
            },
            "required": ["name", "organisation", "phone", "email", "url", "note"],
            "additionalProperties": false,
        }),
    );
    defs.insert(
        "attachment".into(),
        json!({
            "type": "object",
            "properties": {
                "title": {"$ref": "#/$defs/localized"},
                "file": {"type": "string", "minLength": 1},
                "url": {"type": "string", "minLength": 1},
                "type": {"type": "string"},
                "size": {"type": "integer", "minimum": 0},
            },
            "required": ["title", "file", "url", "type", "size"],
            "additionalProperties": false,
        }),
    );
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
