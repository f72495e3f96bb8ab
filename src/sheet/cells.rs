//! A field's cells ⇄ its value: cells become the YAML an editor would write
//! (import), and a field's checked value becomes cells (export). The parser
//! alone decides what is valid; these only move text between the two shapes.

use serde_yaml::{Mapping, Value as Yaml};

use super::columns::{Column, join_list, split_list};
use crate::config::{Lang, Localized};
use crate::entry::{Contact, Price};
use crate::parse::fields::{FieldSpec, Kind};
use crate::parse::written::Value;

/// The cells of one field in one row, by part and language.
pub struct FieldCells<'a> {
    pub cells: Vec<(&'a Column, &'a str)>,
}

impl FieldCells<'_> {
    /// The cell of `part` in `lang`, or the column that holds both languages.
    fn get(&self, part: &str, lang: Option<Lang>) -> &str {
        let find = |lang| {
            self.cells
                .iter()
                .find(|(c, _)| c.part == part && c.lang == lang)
                .map(|(_, cell)| cell.trim())
        };
        find(lang).or_else(|| find(None)).unwrap_or("")
    }

    fn text(&self, part: &str) -> Option<Yaml> {
        let (zh, en) = (
            self.get(part, Some(Lang::Zh)),
            self.get(part, Some(Lang::En)),
        );
        match (zh.is_empty(), en.is_empty()) {
            (true, true) => None,
            _ if zh == en => Some(zh.into()),
            _ => Some(localized(zh, en)),
        }
    }

    fn list(&self, part: &str) -> Vec<String> {
        split_list(self.get(part, None))
    }

    /// The texts of a list, item by item in both languages.
    fn texts(&self, part: &str) -> Result<Vec<Option<Yaml>>, String> {
        let zh = split_list(self.get(part, Some(Lang::Zh)));
        let en = split_list(self.get(part, Some(Lang::En)));
        if !zh.is_empty() && !en.is_empty() && zh.len() != en.len() {
            return Err(format!(
                "the Chinese list has {} items and the English {}; they go item by item",
                zh.len(),
                en.len()
            ));
        }
        let count = zh.len().max(en.len());
        let item = |list: &[String], i: usize| list.get(i).cloned().unwrap_or_default();
        Ok((0..count)
            .map(|i| {
                let (zh, en) = (item(&zh, i), item(&en, i));
                (!zh.is_empty() || !en.is_empty()).then(|| localized(&zh, &en))
            })
            .collect())
    }
}

fn localized(zh: &str, en: &str) -> Yaml {
    let mut map = Mapping::new();
    for (lang, text) in [("zh", zh), ("en", en)] {
        if !text.is_empty() {
            map.insert(lang.into(), text.into());
        }
    }
    Yaml::Mapping(map)
}

/// A cell's number as YAML, or its text for the parser to refuse.
fn number(text: &str) -> Yaml {
    if let Ok(n) = text.parse::<i64>() {
        return n.into();
    }
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() => f.into(),
        _ => text.into(),
    }
}

/// The YAML of a field from its cells; `None` when they are all blank.
pub fn to_yaml(spec: &FieldSpec, cells: &FieldCells) -> Result<Option<Yaml>, String> {
    if cells.cells.iter().all(|(_, cell)| cell.trim().is_empty()) {
        return Ok(None);
    }
    let scalar = || Some(Yaml::from(cells.get("", None)));
    Ok(match spec.kind {
        Kind::Text | Kind::Markdown => cells.text(""),
        Kind::TextList => Some(Yaml::Sequence(
            cells.texts("")?.into_iter().flatten().collect(),
        )),
        Kind::TermList(_) | Kind::ReferenceList(_) => Some(strings(cells.list(""))),
        Kind::Bool => Some(match cells.get("", None).to_lowercase().as_str() {
            "true" | "yes" | "是" => true.into(),
            "false" | "no" | "否" => false.into(),
            other => other.into(),
        }),
        Kind::Coordinates => Some(record(&[
            ("lat", Some(number(cells.get("lat", None)))),
            ("lon", Some(number(cells.get("lon", None)))),
        ])),
        Kind::Cooperation => Some(cooperation(cells)?),
        Kind::Contact => contact(cells),
        Kind::Links | Kind::Figures | Kind::IpRecords | Kind::Attachments => {
            Some(records(spec.kind, cells)?)
        }
        _ => scalar(),
    })
}

fn strings(items: Vec<String>) -> Yaml {
    Yaml::Sequence(items.into_iter().map(Yaml::from).collect())
}

fn record(entries: &[(&str, Option<Yaml>)]) -> Yaml {
    let mut map = Mapping::new();
    for (key, value) in entries {
        if let Some(value) = value {
            map.insert((*key).into(), value.clone());
        }
    }
    Yaml::Mapping(map)
}

fn cooperation(cells: &FieldCells) -> Result<Yaml, String> {
    let modes = cells.list("transfer_modes");
    let price = cells.get("price", None);
    let price = match price.split_once(' ') {
        Some((amount, currency)) if amount.parse::<f64>().is_ok() => Some(record(&[
            ("amount", Some(number(amount))),
            ("currency", Some(currency.trim().into())),
        ])),
        _ if price.is_empty() => None,
        _ => Some(price.into()),
    };
    Ok(record(&[
        (
            "transfer_modes",
            (!modes.is_empty()).then(|| strings(modes)),
        ),
        ("price", price),
        ("intent", cells.text("intent")),
    ]))
}

/// The structured form when any of its parts is given, else the free text.
fn contact(cells: &FieldCells) -> Option<Yaml> {
    let single = |part| {
        Some(cells.get(part, None))
            .filter(|c| !c.is_empty())
            .map(Yaml::from)
    };
    let structured = record(&[
        ("name", cells.text("name")),
        ("organisation", cells.text("organisation")),
        ("phone", single("phone")),
        ("email", single("email")),
        ("url", single("url")),
    ]);
    match &structured {
        Yaml::Mapping(map) if map.is_empty() => cells.text(""),
        _ => Some(structured),
    }
}

/// A list of records whose parts stand in parallel lists.
fn records(kind: Kind, cells: &FieldCells) -> Result<Yaml, String> {
    let localized: Vec<(&str, Vec<Option<Yaml>>)> = super::columns::parts(kind)
        .iter()
        .filter(|(_, localized)| *localized)
        .map(|(part, _)| Ok((*part, cells.texts(part)?)))
        .collect::<Result<_, String>>()?;
    let plain: Vec<(&str, Vec<String>)> = super::columns::parts(kind)
        .iter()
        .filter(|(_, localized)| !localized)
        .map(|(part, _)| (*part, cells.list(part)))
        .collect();
    let count = localized
        .iter()
        .map(|(_, items)| items.len())
        .chain(plain.iter().map(|(_, items)| items.len()))
        .max()
        .unwrap_or(0);
    let numeric = |part: &str| matches!(part, "value" | "year");
    let items = (0..count).map(|i| {
        let mut entries: Vec<(&str, Option<Yaml>)> = Vec::new();
        for (part, items) in &localized {
            entries.push((part, items.get(i).cloned().flatten()));
        }
        for (part, items) in &plain {
            let item = items.get(i).filter(|item| !item.is_empty());
            let value = item.map(|item| match numeric(part) {
                true => number(item),
                false => Yaml::from(item.as_str()),
            });
            entries.push((part, value));
        }
        record(&entries)
    });
    Ok(Yaml::Sequence(items.collect()))
}

/// The cells of a field's value, in the order of `columns`.
pub fn to_cells(value: &Value, columns: &[&Column]) -> Vec<String> {
    columns.iter().map(|column| cell(value, column)).collect()
}

fn text(localized: &Localized, lang: Option<Lang>) -> String {
    lang.and_then(|lang| localized.get(lang))
        .unwrap_or("")
        .to_string()
}

fn texts<'a>(items: impl Iterator<Item = &'a Localized>, lang: Option<Lang>) -> String {
    let items: Vec<String> = items.map(|t| text(t, lang)).collect();
    join_list(&items)
}

fn cell(value: &Value, column: &Column) -> String {
    let (part, lang) = (column.part, column.lang);
    match value {
        Value::Text(t) | Value::Markdown(t) => text(t, lang),
        Value::TextList(list) => texts(list.iter(), lang),
        Value::Date(date) => date.to_string(),
        Value::Term(key) => key.clone(),
        Value::TermList(keys) => join_list(keys),
        Value::Reference(r) => r.slug.clone(),
        Value::ReferenceList(refs) => join_list(&refs.iter().map(|r| &r.slug).collect::<Vec<_>>()),
        Value::Url(s) | Value::StaticPath(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Links(links) => match part {
            "title" => texts(links.iter().map(|l| &l.title), lang),
            _ => join_list(&links.iter().map(|l| &l.url).collect::<Vec<_>>()),
        },
        Value::Figures(figures) => match part {
            "label" => texts(figures.iter().map(|f| &f.label), lang),
            "unit" => texts(figures.iter().map(|f| &f.unit), lang),
            "value" => join_list(&figures.iter().map(|f| &f.value).collect::<Vec<_>>()),
            _ => join_list(
                &figures
                    .iter()
                    .map(|f| f.year.map(|y| y.to_string()).unwrap_or_default())
                    .collect::<Vec<_>>(),
            ),
        },
        Value::Coordinates(c) => match part {
            "lat" => c.lat.to_string(),
            _ => c.lon.to_string(),
        },
        Value::IpRecords(records) => match part {
            "kind" => join_list(&records.iter().map(|r| &r.kind).collect::<Vec<_>>()),
            "number" => join_list(&records.iter().map(|r| &r.number).collect::<Vec<_>>()),
            _ => texts(records.iter().map(|r| &r.title), lang),
        },
        Value::Cooperation(terms) => match part {
            "transfer_modes" => join_list(&terms.transfer_modes),
            "price" => match &terms.price {
                Some(Price::Negotiable) => crate::parse::document::NEGOTIABLE[0].into(),
                Some(Price::Amount { amount, currency }) => format!("{amount} {currency}"),
                None => String::new(),
            },
            _ => text(&terms.intent, lang),
        },
        Value::Contact(contact) => contact_cell(contact, part, lang),
        Value::Attachments(files) => match part {
            "file" => join_list(&files.iter().map(|f| &f.file).collect::<Vec<_>>()),
            _ => texts(files.iter().map(|f| &f.title), lang),
        },
    }
}

fn contact_cell(contact: &Contact, part: &str, lang: Option<Lang>) -> String {
    let plain = |value: &Option<String>| value.clone().unwrap_or_default();
    match part {
        "name" => text(&contact.name, lang),
        "organisation" => text(&contact.organisation, lang),
        "phone" => plain(&contact.phone),
        "email" => plain(&contact.email),
        "url" => plain(&contact.url),
        _ => text(&contact.note, lang),
    }
}
