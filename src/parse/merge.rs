//! The checked fields of a Markdown entry's two files → one set of fields:
//! texts join across the languages; values written the same in every
//! language must agree where both files write them.

use crate::config::Localized;
use crate::entry::{
    Attachment, Contact, Cooperation, Coordinates, Date, Figure, IpRecord, Link, Reference,
};

use super::document::{AchievementFields, Checked, Common, DetailFields, ParkFields, PolicyFields};

/// A field's value that can take in the same field written in the other file.
pub trait Merge {
    /// Join `other` into `self`; `false`, leaving `self` as it was, if the
    /// two differ where they must agree.
    fn merge(&mut self, other: Self) -> bool;
}

/// Merge `other` into `into`, field by field; `differs` is told the name of
/// each field whose values disagree.
pub fn merge(into: &mut Checked, other: Checked, differs: &mut dyn FnMut(&'static str)) {
    let mut field = Fields { differs };
    let (a, b) = (&mut into.common, other.common);
    let Common {
        title,
        summary,
        tags,
        draft,
        updated,
        body,
    } = b;
    field.merge("title", &mut a.title, title);
    field.merge("summary", &mut a.summary, summary);
    field.merge("tags", &mut a.tags, tags);
    field.merge("draft", &mut a.draft, draft);
    field.merge("updated", &mut a.updated, updated);
    field.merge("body", &mut a.body, body);
    match (&mut into.details, other.details) {
        (DetailFields::Achievement(a), DetailFields::Achievement(b)) => field.achievement(a, b),
        (DetailFields::Park(a), DetailFields::Park(b)) => field.park(a, b),
        (DetailFields::Policy(a), DetailFields::Policy(b)) => field.policy(a, b),
        // The files of one entry are of its one type.
        _ => {}
    }
}

struct Fields<'a> {
    differs: &'a mut dyn FnMut(&'static str),
}

impl Fields<'_> {
    /// The field `name`: the value written first, or the two joined.
    fn merge<T: Merge>(&mut self, name: &'static str, into: &mut Option<T>, other: Option<T>) {
        match (into.as_mut(), other) {
            (_, None) => {}
            (None, other) => *into = other,
            (Some(value), Some(other)) => {
                if !value.merge(other) {
                    (self.differs)(name);
                }
            }
        }
    }

    fn achievement(&mut self, a: &mut AchievementFields, b: AchievementFields) {
        self.merge("date", &mut a.date, b.date);
        self.merge("institutions", &mut a.institutions, b.institutions);
        self.merge("partners", &mut a.partners, b.partners);
        self.merge("field", &mut a.field, b.field);
        self.merge("stage", &mut a.stage, b.stage);
        self.merge("transfer_modes", &mut a.transfer_modes, b.transfer_modes);
        self.merge("region", &mut a.region, b.region);
        self.merge("park", &mut a.park, b.park);
        self.merge("policies", &mut a.policies, b.policies);
        self.merge("awards", &mut a.awards, b.awards);
        self.merge("ip", &mut a.ip, b.ip);
        self.merge("cooperation", &mut a.cooperation, b.cooperation);
        self.merge("contact", &mut a.contact, b.contact);
        self.merge("attachments", &mut a.attachments, b.attachments);
        self.merge("cover", &mut a.cover, b.cover);
        self.merge("links", &mut a.links, b.links);
        self.merge("featured", &mut a.featured, b.featured);
    }

    fn park(&mut self, a: &mut ParkFields, b: ParkFields) {
        self.merge("kind", &mut a.kind, b.kind);
        self.merge("level", &mut a.level, b.level);
        self.merge("region", &mut a.region, b.region);
        self.merge("parent", &mut a.parent, b.parent);
        self.merge("address", &mut a.address, b.address);
        self.merge("established", &mut a.established, b.established);
        self.merge("fields", &mut a.fields, b.fields);
        self.merge("figures", &mut a.figures, b.figures);
        self.merge("website", &mut a.website, b.website);
        self.merge("coordinates", &mut a.coordinates, b.coordinates);
    }

    fn policy(&mut self, a: &mut PolicyFields, b: PolicyFields) {
        self.merge("issuer", &mut a.issuer, b.issuer);
        self.merge("number", &mut a.number, b.number);
        self.merge("index_number", &mut a.index_number, b.index_number);
        self.merge("written", &mut a.written, b.written);
        self.merge("published", &mut a.published, b.published);
        self.merge("effective", &mut a.effective, b.effective);
        self.merge("expires", &mut a.expires, b.expires);
        self.merge("status", &mut a.status, b.status);
        self.merge("topic", &mut a.topic, b.topic);
        self.merge("genre", &mut a.genre, b.genre);
        self.merge("region", &mut a.region, b.region);
        self.merge("source", &mut a.source, b.source);
        self.merge("related", &mut a.related, b.related);
    }
}

/// Values that are the same in every language: written twice, they must be equal.
macro_rules! agree {
    ($($t:ty),*) => {$(
        impl Merge for $t {
            fn merge(&mut self, other: Self) -> bool {
                *self == other
            }
        }
    )*};
}

agree!(bool, String, Date, Vec<String>, Coordinates);

impl Merge for Localized {
    fn merge(&mut self, other: Self) -> bool {
        Localized::merge(self, other);
        true
    }
}

impl Merge for Vec<Localized> {
    /// Item by item; lists of different lengths in the two languages are
    /// kept per language, one after the other.
    fn merge(&mut self, other: Self) -> bool {
        if self.len() == other.len() {
            for (a, b) in self.iter_mut().zip(other) {
                Localized::merge(a, b);
            }
        } else {
            self.extend(other);
        }
        true
    }
}

/// References agree when they name the same slugs, wherever they were written.
impl Merge for Reference {
    fn merge(&mut self, other: Self) -> bool {
        self.slug == other.slug
    }
}

impl Merge for Vec<Reference> {
    fn merge(&mut self, other: Self) -> bool {
        self.len() == other.len() && self.iter().zip(&other).all(|(a, b)| a.slug == b.slug)
    }
}

/// Two lists item by item, when they have the same length and `join` takes
/// each pair; otherwise they must be equal.
fn join_items<T: PartialEq>(
    list: &mut Vec<T>,
    other: Vec<T>,
    join: impl Fn(&T, &T) -> Option<T>,
) -> bool {
    if list.len() == other.len() {
        let joined: Option<Vec<T>> = list.iter().zip(&other).map(|(a, b)| join(a, b)).collect();
        if let Some(joined) = joined {
            *list = joined;
            return true;
        }
    }
    *list == other
}

fn text(a: &Localized, b: &Localized) -> Localized {
    let mut joined = a.clone();
    joined.merge(b.clone());
    joined
}

impl Merge for Vec<Link> {
    fn merge(&mut self, other: Self) -> bool {
        join_items(self, other, |a, b| {
            Some(Link {
                title: text(&a.title, &b.title),
                url: a.url.clone(),
            })
        })
    }
}

impl Merge for Vec<Figure> {
    fn merge(&mut self, other: Self) -> bool {
        join_items(self, other, |a, b| {
            Some(Figure {
                label: text(&a.label, &b.label),
                unit: text(&a.unit, &b.unit),
                ..a.clone()
            })
        })
    }
}

impl Merge for Vec<IpRecord> {
    fn merge(&mut self, other: Self) -> bool {
        join_items(self, other, |a, b| {
            (a.kind == b.kind && a.number == b.number).then(|| IpRecord {
                title: text(&a.title, &b.title),
                ..a.clone()
            })
        })
    }
}

impl Merge for Vec<Attachment> {
    fn merge(&mut self, other: Self) -> bool {
        join_items(self, other, |a, b| {
            (a.file == b.file).then(|| Attachment {
                title: text(&a.title, &b.title),
                ..a.clone()
            })
        })
    }
}

impl Merge for Cooperation {
    fn merge(&mut self, other: Self) -> bool {
        let joined = (|| {
            Some(Cooperation {
                transfer_modes: either(&self.transfer_modes, &other.transfer_modes, Vec::is_empty)?,
                price: either(&self.price, &other.price, Option::is_none)?,
                intent: text(&self.intent, &other.intent),
            })
        })();
        settle(self, other, joined)
    }
}

impl Merge for Contact {
    fn merge(&mut self, other: Self) -> bool {
        let joined = (|| {
            Some(Contact {
                name: text(&self.name, &other.name),
                organisation: text(&self.organisation, &other.organisation),
                phone: either(&self.phone, &other.phone, Option::is_none)?,
                email: either(&self.email, &other.email, Option::is_none)?,
                url: either(&self.url, &other.url, Option::is_none)?,
                note: text(&self.note, &other.note),
            })
        })();
        settle(self, other, joined)
    }
}

/// `joined` in place of `value`; failing that, whether `other` equals it.
fn settle<T: PartialEq>(value: &mut T, other: T, joined: Option<T>) -> bool {
    match joined {
        Some(joined) => {
            *value = joined;
            true
        }
        None => *value == other,
    }
}

/// The one of two values that is written, or both if they agree; `None` if they differ.
fn either<T: Clone + PartialEq>(a: &T, b: &T, unwritten: impl Fn(&T) -> bool) -> Option<T> {
    if unwritten(b) || a == b {
        Some(a.clone())
    } else if unwritten(a) {
        Some(b.clone())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Lang;
    use crate::diag::Written;
    use crate::entry::Price;
    use std::path::PathBuf;

    fn zh(text: &str) -> Localized {
        Localized::one(Lang::Zh, text)
    }

    fn en(text: &str) -> Localized {
        Localized::one(Lang::En, text)
    }

    fn reference(slug: &str, file: &str) -> Reference {
        Reference {
            slug: slug.into(),
            place: Written {
                path: PathBuf::from(file),
                steps: Vec::new(),
            },
        }
    }

    fn achievement(fields: AchievementFields) -> Checked {
        Checked {
            common: Common::default(),
            details: DetailFields::Achievement(fields),
        }
    }

    #[test]
    fn texts_join_across_the_languages_and_uneven_lists_are_kept_per_language() {
        let mut title = zh("纳米");
        assert!(Merge::merge(&mut title, en("Nano")));
        assert_eq!(
            (title.zh.as_deref(), title.en.as_deref()),
            (Some("纳米"), Some("Nano"))
        );
        let mut tags = vec![zh("甲"), zh("乙")];
        assert!(tags.merge(vec![en("A")]));
        assert_eq!(tags, [zh("甲"), zh("乙"), en("A")]);
        let mut even = vec![zh("甲")];
        assert!(even.merge(vec![en("A")]));
        assert_eq!(even[0].en.as_deref(), Some("A"));
    }

    #[test]
    fn references_agree_by_slug_wherever_they_are_written() {
        let mut park = reference("science-city", "a.zh.md");
        assert!(park.merge(reference("science-city", "a.en.md")));
        assert_eq!(park.place.path, PathBuf::from("a.zh.md"));
        assert!(!park.merge(reference("beibei-zone", "a.en.md")));
        let mut policies = vec![reference("a", "x"), reference("b", "x")];
        assert!(!policies.merge(vec![reference("a", "y")]));
    }

    #[test]
    fn terms_of_cooperation_take_what_either_file_writes_and_refuse_two_prices() {
        let mut terms = Cooperation {
            price: Some(Price::Negotiable),
            intent: zh("企业"),
            ..Cooperation::default()
        };
        let other = Cooperation {
            transfer_modes: vec!["equity".into()],
            intent: en("companies"),
            ..Cooperation::default()
        };
        assert!(terms.merge(other));
        assert_eq!(terms.transfer_modes, ["equity"]);
        assert_eq!(terms.intent.en.as_deref(), Some("companies"));
        let priced = Cooperation {
            price: Some(Price::Amount {
                amount: "5".into(),
                currency: "CNY".into(),
            }),
            ..Cooperation::default()
        };
        let before = terms.clone();
        assert!(!terms.merge(priced));
        assert_eq!(terms, before, "a refused merge leaves the value as it was");
    }

    #[test]
    fn each_field_that_differs_is_named_once_and_the_first_file_s_value_kept() {
        let mut into = achievement(AchievementFields {
            stage: Some("pilot".into()),
            featured: Some(true),
            date: Some(Date::parse("2023").expect("a date")),
            ..AchievementFields::default()
        });
        let other = achievement(AchievementFields {
            stage: Some("lab-scale".into()),
            featured: Some(true),
            region: Some("chongqing".into()),
            ..AchievementFields::default()
        });
        let mut differ = Vec::new();
        merge(&mut into, other, &mut |name| differ.push(name));
        assert_eq!(differ, ["stage"]);
        let DetailFields::Achievement(merged) = into.details else {
            panic!("an achievement stays an achievement")
        };
        assert_eq!(merged.stage.as_deref(), Some("pilot"));
        assert_eq!(merged.region.as_deref(), Some("chongqing"));
        assert!(merged.date.is_some());
    }
}
