//! The raw fields of one file ([`crate::parse::raw`]) → its typed fields,
//! each checked by the reader its field's kind calls for. A field left out,
//! left blank or written wrong is `None` here; its problem is reported.

use super::*;
use crate::parse::raw::{self, Field, RawAchievement, RawCommon, RawDetails, RawPark, RawPolicy};

/// The checked fields every entry has.
#[derive(Debug, Default, Clone)]
pub struct Common {
    pub title: Option<Localized>,
    pub summary: Option<Localized>,
    pub tags: Option<Vec<Localized>>,
    pub draft: Option<bool>,
    pub updated: Option<Date>,
    pub body: Option<Localized>,
}

#[derive(Debug, Default, Clone)]
pub struct AchievementFields {
    pub date: Option<Date>,
    pub institutions: Option<Vec<Localized>>,
    pub partners: Option<Vec<Localized>>,
    pub field: Option<String>,
    pub stage: Option<String>,
    pub transfer_modes: Option<Vec<String>>,
    pub region: Option<String>,
    pub park: Option<Reference>,
    pub policies: Option<Vec<Reference>>,
    pub awards: Option<Vec<Localized>>,
    pub ip: Option<Vec<IpRecord>>,
    pub cooperation: Option<Cooperation>,
    pub contact: Option<Contact>,
    pub attachments: Option<Vec<Attachment>>,
    pub cover: Option<String>,
    pub links: Option<Vec<Link>>,
    pub featured: Option<bool>,
}

#[derive(Debug, Default, Clone)]
pub struct ParkFields {
    pub kind: Option<String>,
    pub level: Option<String>,
    pub region: Option<String>,
    pub parent: Option<Reference>,
    pub address: Option<Localized>,
    pub established: Option<Date>,
    pub fields: Option<Vec<String>>,
    pub figures: Option<Vec<Figure>>,
    pub website: Option<String>,
    pub coordinates: Option<Coordinates>,
}

#[derive(Debug, Default, Clone)]
pub struct PolicyFields {
    pub issuer: Option<Localized>,
    pub number: Option<Localized>,
    pub index_number: Option<Localized>,
    pub written: Option<Date>,
    pub published: Option<Date>,
    pub effective: Option<Date>,
    pub expires: Option<Date>,
    pub status: Option<String>,
    pub topic: Option<String>,
    pub genre: Option<String>,
    pub region: Option<String>,
    pub source: Option<String>,
    pub related: Option<Vec<Reference>>,
}

#[derive(Debug, Clone)]
#[allow(
    clippy::large_enum_variant,
    reason = "one per file being parsed, held briefly: boxing would cost an allocation and save little"
)]
pub enum DetailFields {
    Achievement(AchievementFields),
    Park(ParkFields),
    Policy(PolicyFields),
}

/// The checked fields of one file.
#[derive(Debug, Clone)]
pub struct Checked {
    pub common: Common,
    pub details: DetailFields,
}

/// What the fields of one file are checked with: one context, set to each
/// field in turn.
pub(super) struct Checker<'a> {
    context: FieldContext<'a>,
    entry_type: EntryType,
}

type Reader<'a, T> = fn(&mut FieldContext<'a>, &Yaml) -> Option<T>;

impl<'a> Checker<'a> {
    pub fn new(
        path: &'a Path,
        locator: &'a Locator<'a>,
        entry_type: EntryType,
        lang: Option<Lang>,
        config: &'a Config,
        diagnostics: &'a mut Diagnostics,
    ) -> Self {
        let context = FieldContext {
            path,
            locator,
            at: Vec::new(),
            // Set to each field's own before it is read.
            spec: &fields::fields(entry_type)[0],
            lang,
            config,
            diagnostics,
        };
        Checker {
            context,
            entry_type,
        }
    }

    /// The fields of a file's map, each checked; keys that no field of the
    /// entry type names are reported, as is a Markdown file's `body` key.
    /// `None` only if the map cannot be read into the raw structs at all.
    pub fn check_all(mut self, mut entries: Vec<(String, Yaml)>) -> Option<Checked> {
        let raw = raw::take::<RawCommon>(&mut entries).and_then(|common| {
            let details = match self.entry_type {
                EntryType::Achievement => RawDetails::Achievement(raw::take(&mut entries)?),
                EntryType::Park => RawDetails::Park(raw::take(&mut entries)?),
                EntryType::Policy => RawDetails::Policy(raw::take(&mut entries)?),
            };
            Ok((common, details))
        });
        let (mut common, details) = match raw {
            Ok(raw) => raw,
            Err(error) => {
                let line = self.context.locator.first_line();
                let message = format!("the fields could not be read: {error}");
                self.context
                    .diagnostics
                    .push(Diagnostic::error(self.context.path, message).at(line, 1));
                return None;
            }
        };
        for (key, _) in &entries {
            self.unknown_key(key);
        }
        if self.context.lang.is_some() && common.body.take().is_some() {
            let (line, column) = self.key_place("body");
            self.context.diagnostics.push(
                Diagnostic::error(
                    self.context.path,
                    "a Markdown entry has its body below the front matter, not in a field",
                )
                .at(line, column)
                .field("body"),
            );
        }
        Some(self.check(common, details))
    }

    fn key_place(&self, key: &str) -> (usize, usize) {
        self.context
            .locator
            .key(key)
            .unwrap_or((self.context.locator.first_line(), 1))
    }

    /// A key that is no field of the entry type, with the nearest field's name.
    fn unknown_key(&mut self, key: &str) {
        let (line, column) = self.key_place(key);
        let names = fields::fields(self.entry_type).iter().map(|s| s.name);
        let help = did_you_mean(key, names)
            .map(|s| format!("did you mean {s}?"))
            .unwrap_or_else(|| {
                format!(
                    "the fields of {} are listed in the README",
                    self.entry_type.folder()
                )
            });
        self.context.diagnostics.push(
            Diagnostic::error(self.context.path, format!("unknown field \"{key}\""))
                .at(line, column)
                .field(key)
                .help(help),
        );
    }

    fn check(&mut self, common: RawCommon, details: RawDetails) -> Checked {
        let common = Common {
            title: self.field("title", common.title, FieldContext::text),
            summary: self.field("summary", common.summary, FieldContext::text),
            tags: self.field("tags", common.tags, |c, v| c.list(v, FieldContext::text)),
            draft: self.field("draft", common.draft, FieldContext::flag),
            updated: self.field("updated", common.updated, FieldContext::date),
            body: self.field("body", common.body, FieldContext::text),
        };
        let details = match details {
            RawDetails::Achievement(raw) => DetailFields::Achievement(self.achievement(raw)),
            RawDetails::Park(raw) => DetailFields::Park(self.park(raw)),
            RawDetails::Policy(raw) => DetailFields::Policy(self.policy(raw)),
        };
        Checked { common, details }
    }

    fn achievement(&mut self, raw: RawAchievement) -> AchievementFields {
        AchievementFields {
            date: self.field("date", raw.date, FieldContext::date),
            institutions: self.field("institutions", raw.institutions, text_list),
            partners: self.field("partners", raw.partners, text_list),
            field: self.field("field", raw.field, FieldContext::term),
            stage: self.field("stage", raw.stage, FieldContext::term),
            transfer_modes: self.field("transfer_modes", raw.transfer_modes, term_list),
            region: self.field("region", raw.region, FieldContext::term),
            park: self.field("park", raw.park, |c, v| c.reference(v, EntryType::Park)),
            policies: self.field("policies", raw.policies, |c, v| {
                c.list(v, |c, item| c.reference(item, EntryType::Policy))
            }),
            awards: self.field("awards", raw.awards, text_list),
            ip: self.field("ip", raw.ip, |c, v| c.list(v, FieldContext::ip_record)),
            cooperation: self.field("cooperation", raw.cooperation, FieldContext::cooperation),
            contact: self.field("contact", raw.contact, FieldContext::contact),
            attachments: self.field("attachments", raw.attachments, |c, v| {
                c.list(v, FieldContext::attachment)
            }),
            cover: self.field("cover", raw.cover, FieldContext::static_path),
            links: self.field("links", raw.links, |c, v| c.list(v, FieldContext::link)),
            featured: self.field("featured", raw.featured, FieldContext::flag),
        }
    }

    fn park(&mut self, raw: RawPark) -> ParkFields {
        ParkFields {
            kind: self.field("kind", raw.kind, FieldContext::term),
            level: self.field("level", raw.level, FieldContext::term),
            region: self.field("region", raw.region, FieldContext::term),
            parent: self.field("parent", raw.parent, |c, v| c.reference(v, EntryType::Park)),
            address: self.field("address", raw.address, FieldContext::text),
            established: self.field("established", raw.established, FieldContext::date),
            fields: self.field("fields", raw.fields, term_list),
            figures: self.field("figures", raw.figures, |c, v| {
                c.list(v, FieldContext::figure)
            }),
            website: self.field("website", raw.website, FieldContext::url),
            coordinates: self.field("coordinates", raw.coordinates, FieldContext::coordinates),
        }
    }

    fn policy(&mut self, raw: RawPolicy) -> PolicyFields {
        PolicyFields {
            issuer: self.field("issuer", raw.issuer, FieldContext::text),
            number: self.field("number", raw.number, FieldContext::text),
            index_number: self.field("index_number", raw.index_number, FieldContext::text),
            written: self.field("written", raw.written, FieldContext::date),
            published: self.field("published", raw.published, FieldContext::date),
            effective: self.field("effective", raw.effective, FieldContext::date),
            expires: self.field("expires", raw.expires, FieldContext::date),
            status: self.field("status", raw.status, FieldContext::term),
            topic: self.field("topic", raw.topic, FieldContext::term),
            genre: self.field("genre", raw.genre, FieldContext::term),
            region: self.field("region", raw.region, FieldContext::term),
            source: self.field("source", raw.source, FieldContext::url),
            related: self.field("related", raw.related, |c, v| {
                c.list(v, |c, item| c.reference(item, EntryType::Policy))
            }),
        }
    }

    /// The field `name`, if written, read by `read`; `None` if it is left
    /// out, left blank (reported if required) or wrong (reported).
    fn field<T>(&mut self, name: &'static str, value: Field, read: Reader<'a, T>) -> Option<T> {
        let value = value?;
        // The raw structs name the table's fields (a test holds them equal).
        self.context.spec = fields::find(self.entry_type, name)?;
        self.context.at.clear();
        self.context.at.push(Step::Key(name.to_string()));
        self.context.read_field(&value, read)
    }
}

fn text_list(context: &mut FieldContext<'_>, value: &Yaml) -> Option<Vec<Localized>> {
    context.list(value, FieldContext::text)
}

fn term_list(context: &mut FieldContext<'_>, value: &Yaml) -> Option<Vec<String>> {
    context.list(value, FieldContext::term)
}

impl FieldContext<'_> {
    fn flag(&mut self, value: &Yaml) -> Option<bool> {
        match value {
            Yaml::Bool(b) => Some(*b),
            other => self.expected("true or false", other).and(None),
        }
    }
}

impl Checked {
    /// Every reference the file makes: its field, the type it points to, itself.
    pub fn references(&self) -> Vec<(&'static str, EntryType, &Reference)> {
        let mut references = Vec::new();
        let (one, list) = match &self.details {
            DetailFields::Achievement(a) => (
                a.park.as_ref().map(|r| ("park", EntryType::Park, r)),
                Some(("policies", EntryType::Policy, &a.policies)),
            ),
            DetailFields::Park(p) => (
                p.parent.as_ref().map(|r| ("parent", EntryType::Park, r)),
                None,
            ),
            DetailFields::Policy(p) => (None, Some(("related", EntryType::Policy, &p.related))),
        };
        references.extend(one);
        if let Some((name, target, Some(list))) = list {
            references.extend(list.iter().map(|r| (name, target, r)));
        }
        references
    }
}
