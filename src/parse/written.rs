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
