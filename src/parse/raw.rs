//! The fields of an entry file as written: serde structs that mirror the
//! files, one for the fields every entry has and one per entry type.
//!
//! Each field holds its value as the YAML tree wrote it ([`Yaml`]): the
//! shapes a field accepts are unions (one string or a `{zh, en}` map; a list
//! or one item), and the checks in [`super::document`] name what was found at
//! its exact place, which a derived deserializer of typed values would lose.
//! Which keys exist is serde's to say: [`take`] hands a struct the keys its
//! derived `Deserialize` names and leaves every other key for the caller to
//! report, with did-you-mean help, so no key is dropped silently and all of
//! them are reported at once (where `deny_unknown_fields` stops at the first).

use serde::Deserialize;
use serde::de::value::{Error, MapDeserializer, SeqDeserializer};
use serde::de::{self, Deserializer, IntoDeserializer, Visitor};

use crate::yaml::Yaml;

/// A field's value as written; `None` where the key is not written.
pub type Field = Option<Yaml>;

/// The fields every entry has.
#[derive(Debug, Default, Deserialize)]
pub struct RawCommon {
    pub title: Field,
    pub summary: Field,
    pub tags: Field,
    pub draft: Field,
    pub updated: Field,
    /// Only in the one-file YAML form; a Markdown file's body is below its front matter.
    pub body: Field,
}

#[derive(Debug, Default, Deserialize)]
pub struct RawAchievement {
    pub date: Field,
    pub institutions: Field,
    pub partners: Field,
    pub field: Field,
    pub stage: Field,
    pub transfer_modes: Field,
    pub region: Field,
    pub park: Field,
    pub policies: Field,
    pub awards: Field,
    pub ip: Field,
    pub cooperation: Field,
    pub contact: Field,
    pub attachments: Field,
    pub cover: Field,
    pub links: Field,
    pub featured: Field,
}

#[derive(Debug, Default, Deserialize)]
pub struct RawPark {
    pub kind: Field,
    pub level: Field,
    pub region: Field,
    pub parent: Field,
    pub address: Field,
    pub established: Field,
    pub fields: Field,
    pub figures: Field,
    pub website: Field,
    pub coordinates: Field,
}

#[derive(Debug, Default, Deserialize)]
pub struct RawPolicy {
    pub issuer: Field,
    pub number: Field,
    pub index_number: Field,
    pub written: Field,
    pub published: Field,
    pub effective: Field,
    pub expires: Field,
    pub status: Field,
    pub topic: Field,
    pub genre: Field,
    pub region: Field,
    pub source: Field,
    pub related: Field,
}

/// The fields of one entry file, by entry type.
#[derive(Debug)]
pub enum RawDetails {
    Achievement(RawAchievement),
    Park(RawPark),
    Policy(RawPolicy),
}

/// Move the keys that `T` names out of `entries` into a `T`, leaving the
/// keys it does not know, in the order written.
pub fn take<'de, T: Deserialize<'de>>(entries: &mut Vec<(String, Yaml)>) -> Result<T, Error> {
    T::deserialize(Fields(entries))
}

/// A map of fields, deserialized as a struct that takes only its own keys.
struct Fields<'a>(&'a mut Vec<(String, Yaml)>);

impl<'de> Deserializer<'de> for Fields<'_> {
    type Error = Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let (known, unknown) = std::mem::take(self.0)
            .into_iter()
            .partition(|(key, _)| fields.contains(&key.as_str()));
        *self.0 = unknown;
        let known: Vec<(String, Yaml)> = known;
        visitor.visit_map(MapDeserializer::new(known.into_iter()))
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Error> {
        Err(de::Error::custom(
            "the fields of an entry are read as a struct",
        ))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, Error> for Yaml {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// A value of the tree handed on whole: strings are moved, not copied.
impl<'de> Deserializer<'de> for Yaml {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Yaml::Null => visitor.visit_unit(),
            Yaml::Bool(b) => visitor.visit_bool(b),
            Yaml::Int(i) => visitor.visit_i64(i),
            Yaml::Float(f) => visitor.visit_f64(f),
            Yaml::String(s) => visitor.visit_string(s),
            Yaml::List(items) => visitor.visit_seq(SeqDeserializer::new(items.into_iter())),
            Yaml::Map(entries) => visitor.visit_map(MapDeserializer::new(entries.into_iter())),
        }
    }

    /// A written `null` is a value (a field left blank), not an absent key.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de> Deserialize<'de> for Yaml {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Yaml, D::Error> {
        deserializer.deserialize_any(YamlVisitor)
    }
}

struct YamlVisitor;

impl<'de> Visitor<'de> for YamlVisitor {
    type Value = Yaml;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a YAML value")
    }

    fn visit_unit<E>(self) -> Result<Yaml, E> {
        Ok(Yaml::Null)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Yaml, E> {
        Ok(Yaml::Bool(b))
    }

    fn visit_i64<E>(self, i: i64) -> Result<Yaml, E> {
        Ok(Yaml::Int(i))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Yaml, E> {
        Ok(Yaml::Float(f))
    }

    fn visit_str<E>(self, s: &str) -> Result<Yaml, E> {
        Ok(Yaml::String(s.to_string()))
    }

    fn visit_string<E>(self, s: String) -> Result<Yaml, E> {
        Ok(Yaml::String(s))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Yaml, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Yaml::List(items))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Yaml, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Yaml::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::EntryType;
    use crate::parse::fields;

    /// The field names a derived `Deserialize` asks for, read by a
    /// deserializer that records them and stops.
    fn serde_names<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
        struct Names(std::rc::Rc<std::cell::Cell<&'static [&'static str]>>);
        impl<'de> Deserializer<'de> for Names {
            type Error = Error;
            fn deserialize_struct<V: Visitor<'de>>(
                self,
                _name: &'static str,
                fields: &'static [&'static str],
                _visitor: V,
            ) -> Result<V::Value, Error> {
                self.0.set(fields);
                Err(de::Error::custom("names recorded"))
            }
            fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Error> {
                Err(de::Error::custom("not a struct"))
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
                bytes byte_buf option unit unit_struct newtype_struct seq tuple
                tuple_struct map enum identifier ignored_any
            }
        }
        let names = std::rc::Rc::new(std::cell::Cell::new(&[][..]));
        let _ = T::deserialize(Names(std::rc::Rc::clone(&names)));
        names.get()
    }

    #[test]
    fn the_raw_structs_name_exactly_the_field_table_s_fields() {
        for entry_type in EntryType::ALL {
            let details = match entry_type {
                EntryType::Achievement => serde_names::<RawAchievement>(),
                EntryType::Park => serde_names::<RawPark>(),
                EntryType::Policy => serde_names::<RawPolicy>(),
            };
            let mut raw: Vec<&str> = serde_names::<RawCommon>().to_vec();
            raw.extend(details);
            raw.sort_unstable();
            let mut table: Vec<&str> = fields::fields(entry_type).iter().map(|s| s.name).collect();
            table.sort_unstable();
            assert_eq!(raw, table, "{entry_type:?}");
        }
    }

    #[test]
    fn a_struct_takes_its_own_keys_and_leaves_the_others_in_order() {
        let mut entries = vec![
            ("titel".to_string(), Yaml::String("x".into())),
            ("title".to_string(), Yaml::String("纳米".into())),
            ("draft".to_string(), Yaml::Null),
            ("stage".to_string(), Yaml::List(vec![Yaml::Int(1)])),
            ("zzz".to_string(), Yaml::Bool(true)),
        ];
        let common: RawCommon = take(&mut entries).expect("fields of any value");
        assert_eq!(common.title, Some(Yaml::String("纳米".into())));
        assert_eq!(common.draft, Some(Yaml::Null));
        assert_eq!(common.summary, None);
        let achievement: RawAchievement = take(&mut entries).expect("fields of any value");
        assert_eq!(achievement.stage, Some(Yaml::List(vec![Yaml::Int(1)])));
        let left: Vec<&str> = entries.iter().map(|(key, _)| key.as_str()).collect();
        assert_eq!(left, ["titel", "zzz"]);
    }
}
