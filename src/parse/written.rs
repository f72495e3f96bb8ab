//! An entry's fields as written, by name: the view `export` and `import
//! --update` turn into a sheet's cells, one column per field of the table.
//! Derived from the checked fields of the entry's files
//! ([`super::document::Checked`]), merged across its languages.

use std::collections::BTreeMap;

use crate::config::Localized;
use crate::entry::{
    Attachment, Contact, Cooperation, Coordinates, Date, Figure, IpRecord, Link, Reference,
};

use super::document::{AchievementFields, Checked, Common, DetailFields, ParkFields, PolicyFields};

/// A field's value as written, checked; its variant is the field's [`super::fields::Kind`].
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(Localized),
    TextList(Vec<Localized>),
    Markdown(Localized),
    Date(Date),
    Term(String),
    TermList(Vec<String>),
    Reference(Reference),
    ReferenceList(Vec<Reference>),
    Url(String),
    Bool(bool),
    StaticPath(String),
    Links(Vec<Link>),
    Figures(Vec<Figure>),
    Coordinates(Coordinates),
    IpRecords(Vec<IpRecord>),
    Cooperation(Cooperation),
    Contact(Contact),
    Attachments(Vec<Attachment>),
}

/// The written fields of `fields`, by name.
pub fn values(fields: Checked) -> BTreeMap<&'static str, Value> {
    let mut values = BTreeMap::new();
    let mut put = |name: &'static str, value: Option<Value>| {
        if let Some(value) = value {
            values.insert(name, value);
        }
    };
    common(fields.common, &mut put);
    match fields.details {
        DetailFields::Achievement(a) => achievement(a, &mut put),
        DetailFields::Park(p) => park(p, &mut put),
        DetailFields::Policy(p) => policy(p, &mut put),
    }
    values
}

fn common(common: Common, put: &mut impl FnMut(&'static str, Option<Value>)) {
    put("title", common.title.map(Value::Text));
    put("summary", common.summary.map(Value::Text));
    put("tags", common.tags.map(Value::TextList));
    put("draft", common.draft.map(Value::Bool));
    put("updated", common.updated.map(Value::Date));
    put("body", common.body.map(Value::Markdown));
}

fn achievement(a: AchievementFields, put: &mut impl FnMut(&'static str, Option<Value>)) {
    put("date", a.date.map(Value::Date));
    put("institutions", a.institutions.map(Value::TextList));
    put("partners", a.partners.map(Value::TextList));
    put("field", a.field.map(Value::Term));
    put("stage", a.stage.map(Value::Term));
    put("transfer_modes", a.transfer_modes.map(Value::TermList));
    put("region", a.region.map(Value::Term));
    put("park", a.park.map(Value::Reference));
    put("policies", a.policies.map(Value::ReferenceList));
    put("awards", a.awards.map(Value::TextList));
    put("ip", a.ip.map(Value::IpRecords));
    put("cooperation", a.cooperation.map(Value::Cooperation));
    put("contact", a.contact.map(Value::Contact));
    put("attachments", a.attachments.map(Value::Attachments));
    put("cover", a.cover.map(Value::StaticPath));
    put("links", a.links.map(Value::Links));
    put("featured", a.featured.map(Value::Bool));
}

fn park(p: ParkFields, put: &mut impl FnMut(&'static str, Option<Value>)) {
    put("kind", p.kind.map(Value::Term));
    put("level", p.level.map(Value::Term));
    put("region", p.region.map(Value::Term));
    put("parent", p.parent.map(Value::Reference));
    put("address", p.address.map(Value::Text));
    put("established", p.established.map(Value::Date));
    put("fields", p.fields.map(Value::TermList));
    put("figures", p.figures.map(Value::Figures));
    put("website", p.website.map(Value::Url));
    put("coordinates", p.coordinates.map(Value::Coordinates));
}

fn policy(p: PolicyFields, put: &mut impl FnMut(&'static str, Option<Value>)) {
    put("issuer", p.issuer.map(Value::Text));
    put("number", p.number.map(Value::Text));
    put("index_number", p.index_number.map(Value::Text));
    put("written", p.written.map(Value::Date));
    put("published", p.published.map(Value::Date));
    put("effective", p.effective.map(Value::Date));
    put("expires", p.expires.map(Value::Date));
    put("status", p.status.map(Value::Term));
    put("topic", p.topic.map(Value::Term));
    put("genre", p.genre.map(Value::Term));
    put("region", p.region.map(Value::Term));
    put("source", p.source.map(Value::Url));
    put("related", p.related.map(Value::ReferenceList));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{self, VocabName};
    use crate::diag::Diagnostics;
    use crate::entry::EntryType;
    use crate::load::{Form, SourceFile};
    use crate::parse::document::parse_document;
    use crate::parse::fields::{self, Kind};

    /// A value of each kind as a `slug.yaml` writes it (every vocabulary has the key `k`).
    fn sample(kind: Kind) -> &'static str {
        match kind {
            Kind::Text | Kind::Markdown => "{zh: 文字, en: Text}",
            Kind::TextList => "[{zh: 甲, en: A}]",
            Kind::Date => "2023-05",
            Kind::Term(_) => "k",
            Kind::TermList(_) => "[k]",
            Kind::Reference(_) => "a-slug",
            Kind::ReferenceList(_) => "[a-slug]",
            Kind::Url => "https://example.cn/",
            Kind::Bool => "true",
            Kind::StaticPath => "images/a.png",
            Kind::Links => "[{title: 链接, url: 'https://example.cn/'}]",
            Kind::Figures => "[{label: 企业, value: 12}]",
            Kind::Coordinates => "{lat: 29.5, lon: 106.5}",
            Kind::IpRecords => "[{kind: k, number: '2021SR0123'}]",
            Kind::Cooperation => "{intent: 企业}",
            Kind::Contact => "{name: 张三}",
            Kind::Attachments => "[{file: a.pdf, title: 附件}]",
        }
    }

    /// The variant a field of `kind` is written out as.
    fn variant_fits(kind: Kind, value: &Value) -> bool {
        matches!(
            (kind, value),
            (Kind::Text, Value::Text(_))
                | (Kind::Markdown, Value::Markdown(_))
                | (Kind::TextList, Value::TextList(_))
                | (Kind::Date, Value::Date(_))
                | (Kind::Term(_), Value::Term(_))
                | (Kind::TermList(_), Value::TermList(_))
                | (Kind::Reference(_), Value::Reference(_))
                | (Kind::ReferenceList(_), Value::ReferenceList(_))
                | (Kind::Url, Value::Url(_))
                | (Kind::Bool, Value::Bool(_))
                | (Kind::StaticPath, Value::StaticPath(_))
                | (Kind::Links, Value::Links(_))
                | (Kind::Figures, Value::Figures(_))
                | (Kind::Coordinates, Value::Coordinates(_))
                | (Kind::IpRecords, Value::IpRecords(_))
                | (Kind::Cooperation, Value::Cooperation(_))
                | (Kind::Contact, Value::Contact(_))
                | (Kind::Attachments, Value::Attachments(_))
        )
    }

    /// Each field of the table is read by the reader its kind calls for:
    /// a value of that kind is accepted and written out as that kind.
    #[test]
    fn every_field_of_the_table_is_read_as_its_kind() {
        let vocabularies: String = VocabName::ALL
            .iter()
            .map(|name| format!("  {}:\n    k: {{zh: 值, en: Value}}\n", name.key()))
            .collect();
        let text = format!(
            "title: {{zh: 站, en: Site}}\ndescription: {{zh: 站, en: Site}}\nvocabularies:\n{vocabularies}"
        );
        let config = config::parse(&text).expect("a valid configuration");
        for entry_type in EntryType::ALL {
            let table = fields::fields(entry_type);
            let yaml: String = table
                .iter()
                .map(|spec| format!("{}: {}\n", spec.name, sample(spec.kind)))
                .collect();
            let file = SourceFile {
                path: format!("content/{}/x.yaml", entry_type.folder()).into(),
                entry_type,
                slug: "x".into(),
                form: Form::Yaml,
                bytes: yaml.clone().into_bytes(),
            };
            let mut diagnostics = Diagnostics::new();
            let (_, checked) = parse_document(&file, &config, &mut diagnostics).expect("parses");
            assert!(diagnostics.is_empty(), "{diagnostics:?}\n{yaml}");
            let written = values(checked);
            for spec in table {
                let value = written.get(spec.name);
                assert!(
                    value.is_some_and(|value| variant_fits(spec.kind, value)),
                    "{entry_type:?} {}: {:?} read as {value:?}",
                    spec.name,
                    spec.kind
                );
            }
            assert_eq!(written.len(), table.len());
        }
    }
}
