//! The typed content model: what a valid achievement, park or policy is.
//!
//! Values of these types are only made by the parser after validation, so the
//! later stages never check a field again.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

use crate::diag::Written;
use crate::lang::{Lang, Localized};

/// The three kinds of entry, each in its own folder under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryType {
    Achievement,
    Park,
    Policy,
}

impl EntryType {
    pub const ALL: [EntryType; 3] = [EntryType::Achievement, EntryType::Park, EntryType::Policy];

    /// The folder under `content/` and the first segment of the URL.
    pub fn folder(self) -> &'static str {
        match self {
            EntryType::Achievement => "achievements",
            EntryType::Park => "parks",
            EntryType::Policy => "policies",
        }
    }

    /// The name used on the command line and in search results.
    pub fn key(self) -> &'static str {
        match self {
            EntryType::Achievement => "achievement",
            EntryType::Park => "park",
            EntryType::Policy => "policy",
        }
    }

    pub fn from_key(key: &str) -> Option<EntryType> {
        EntryType::ALL
            .into_iter()
            .find(|t| t.key() == key || t.folder() == key)
    }
}

/// A slug is the file stem: lowercase ASCII letters, digits and hyphens.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A date given to year, month or day precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// `2023`, `2023-05` or `2023-05-30`.
    pub fn parse(text: &str) -> Result<Date, String> {
        let text = text.trim();
        let bad = || format!("\"{text}\" is not a date; write 2023, 2023-05 or 2023-05-30");
        let parts: Vec<&str> = text.split('-').collect();
        let number = |part: &str, digits: usize| -> Option<u16> {
            (part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse().ok())?
        };
        let year = parts.first().and_then(|p| number(p, 4)).ok_or_else(bad)?;
        if !(1000..=9999).contains(&year) {
            return Err(bad());
        }
        let month = match parts.get(1) {
            Some(p) => Some(
                number(p, 2)
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(bad)? as u8,
            ),
            None => None,
        };
        let day = match (parts.get(2), month) {
            (Some(p), Some(m)) => {
                let day = number(p, 2).ok_or_else(bad)? as u8;
                if day == 0 || day > days_in_month(year, m) {
                    return Err(format!("\"{text}\" is not a day of the calendar"));
                }
                Some(day)
            }
            _ => None,
        };
        if parts.len() > 3 {
            return Err(bad());
        }
        Ok(Date { year, month, day })
    }

    /// The way each language writes a date: 2023年5月30日 / 30 May 2023.
    pub fn format(&self, lang: Lang) -> String {
        match (lang, self.month, self.day) {
            (Lang::Zh, Some(m), Some(d)) => format!("{}年{}月{}日", self.year, m, d),
            (Lang::Zh, Some(m), None) => format!("{}年{}月", self.year, m),
            (Lang::Zh, _, _) => format!("{}年", self.year),
            (Lang::En, Some(m), Some(d)) => {
                format!("{} {} {}", d, MONTHS_EN[m as usize - 1], self.year)
            }
            (Lang::En, Some(m), None) => format!("{} {}", MONTHS_EN[m as usize - 1], self.year),
            (Lang::En, _, _) => self.year.to_string(),
        }
    }
}

impl fmt::Display for Date {
    /// ISO 8601 to the precision given, for `<time datetime>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Where something was written: for diagnostics raised by later stages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Place {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
}

/// A reference to another entry by slug, remembering where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub slug: String,
    pub place: Written,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub title: Localized,
    pub url: String,
}

/// A key figure of a park: 入孵企业 3275 家 (2021).
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub label: Localized,
    /// As written, so 3275 stays 3275 and 1.6 stays 1.6.
    pub value: String,
    pub unit: Localized,
    pub year: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coordinates {
    pub lat: f64,
    pub lon: f64,
}

/// Markdown compiled for one language.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    pub html: String,
    /// The Markdown as the editor wrote it, for the open data
    /// ([`crate::render`]'s `opendata`): what a data user can reuse, where
    /// the HTML is this theme's.
    pub markdown: String,
    /// Links to other entries written as `@/parks/slug`, for `check`.
    pub entry_links: Vec<(EntryType, String, Place)>,
    /// Every link and image target as written, for `check`.
    pub targets: Vec<(String, Place)>,
}

/// One entry, valid and complete.
#[derive(Debug, Clone)]
pub struct Entry {
    pub entry_type: EntryType,
    pub slug: String,
    /// The files it was read from, in a stable order.
    pub sources: Vec<PathBuf>,
    /// The languages the entry is written in.
    pub languages: Vec<Lang>,
    pub title: Localized,
    pub summary: Localized,
    pub body_zh: Option<Body>,
    pub body_en: Option<Body>,
    pub tags: Vec<Localized>,
    pub draft: bool,
    /// When it was last updated: from git history where the site has one
    /// ([`crate::history`]), else as its `updated` field says.
    pub updated: Option<Date>,
    pub details: Details,
}

impl Entry {
    pub fn has_language(&self, lang: Lang) -> bool {
        self.languages.contains(&lang)
    }

    pub fn body(&self, lang: Lang) -> Option<&Body> {
        match lang {
            Lang::Zh => self.body_zh.as_ref(),
            Lang::En => self.body_en.as_ref(),
        }
    }

    /// The date lists sort by (newest first) and search ties break on.
    pub fn sort_date(&self) -> Option<Date> {
        match &self.details {
            Details::Achievement(a) => a.date,
            Details::Park(p) => p.established,
            Details::Policy(p) => p.published.or(p.written),
        }
    }

    /// Every reference this entry makes, with the type it points to.
    pub fn references(&self) -> Vec<(EntryType, &Reference)> {
        match &self.details {
            Details::Achievement(a) => a
                .park
                .iter()
                .map(|r| (EntryType::Park, r))
                .chain(a.policies.iter().map(|r| (EntryType::Policy, r)))
                .collect(),
            Details::Park(p) => p.parent.iter().map(|r| (EntryType::Park, r)).collect(),
            Details::Policy(p) => p.related.iter().map(|r| (EntryType::Policy, r)).collect(),
        }
    }
}

#[derive(Debug, Clone)]
#[allow(
    clippy::large_enum_variant,
    reason = "one per entry, a few thousand at most: boxing would cost an allocation each and save little"
)]
pub enum Details {
    Achievement(Achievement),
    Park(Park),
    Policy(Policy),
}

#[derive(Debug, Clone, Default)]
pub struct Achievement {
    pub date: Option<Date>,
    pub institutions: Vec<Localized>,
    pub partners: Vec<Localized>,
    pub field: Option<String>,
    pub stage: Option<String>,
    pub transfer_modes: Vec<String>,
    pub region: Option<String>,
    pub park: Option<Reference>,
    pub policies: Vec<Reference>,
    pub awards: Vec<Localized>,
    pub ip: Vec<IpRecord>,
    pub price: Option<Price>,
    /// What kind of partner is sought (合作意向).
    pub intent: Localized,
    pub contact: Contact,
    pub attachments: Vec<Attachment>,
    pub cover: Option<String>,
    pub links: Vec<Link>,
    pub featured: bool,
}

/// One intellectual-property record: 发明专利 ZL202110123456.7.
#[derive(Debug, Clone, PartialEq)]
pub struct IpRecord {
    /// A key of the `ip_kinds` vocabulary.
    pub kind: String,
    pub number: String,
    pub title: Localized,
}

/// The price asked, or 面议 (to be agreed).
#[derive(Debug, Clone, PartialEq)]
pub enum Price {
    /// As written (`500000`), with an ISO 4217 currency code (`CNY`).
    Amount {
        amount: String,
        currency: String,
    },
    Negotiable,
}

/// The terms offered: how it may be taken up, at what price, with whom.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cooperation {
    pub transfer_modes: Vec<String>,
    pub price: Option<Price>,
    pub intent: Localized,
}

/// Whom to contact about an achievement. `note` holds a contact written as
/// free text, the older form.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Contact {
    pub name: Localized,
    pub organisation: Localized,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
    pub note: Localized,
}

impl Contact {
    pub fn is_empty(&self) -> bool {
        self == &Contact::default()
    }
}

/// A file under `static/` offered for download, with its size once the
/// build has found it ([`crate::attachments`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    pub file: String,
    pub title: Localized,
    pub size: u64,
    /// Where its `file` is written.
    pub place: Written,
}

#[derive(Debug, Clone, Default)]
pub struct Park {
    pub kind: String,
    pub level: Option<String>,
    pub region: Option<String>,
    pub parent: Option<Reference>,
    pub address: Localized,
    pub established: Option<Date>,
    pub fields: Vec<String>,
    pub figures: Vec<Figure>,
    pub website: Option<String>,
    pub coordinates: Option<Coordinates>,
}

#[derive(Debug, Clone, Default)]
pub struct Policy {
    pub issuer: Localized,
    pub number: Localized,
    pub index_number: Option<String>,
    pub written: Option<Date>,
    pub published: Option<Date>,
    pub effective: Option<Date>,
    pub expires: Option<Date>,
    pub status: Option<String>,
    pub topic: Option<String>,
    pub genre: Option<String>,
    pub region: Option<String>,
    pub source: Option<String>,
    pub related: Vec<Reference>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_of_each_precision() {
        assert_eq!(Date::parse("2023").unwrap().to_string(), "2023");
        assert_eq!(Date::parse("2023-05").unwrap().to_string(), "2023-05");
        assert_eq!(
            Date::parse("2023-05-30").unwrap().format(Lang::Zh),
            "2023年5月30日"
        );
        assert_eq!(
            Date::parse("2023-05-30").unwrap().format(Lang::En),
            "30 May 2023"
        );
        assert_eq!(Date::parse("2023-05").unwrap().format(Lang::En), "May 2023");
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2023-13",
            "2023-02-30",
            "23-05-01",
            "2023/05/01",
            "2023-5",
            "",
            "2023-05-30-1",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad} should be rejected");
        }
        assert!(Date::parse("2024-02-29").is_ok());
    }

    #[test]
    fn validates_slugs() {
        assert!(is_valid_slug("western-science-city-2"));
        for bad in ["", "A", "a b", "a/b", "..", "a..b", "-a", "中文", "a_b"] {
            assert!(!is_valid_slug(bad), "{bad:?} should be rejected");
        }
    }
}
