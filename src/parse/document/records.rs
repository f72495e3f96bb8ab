//! The nested records of an achievement that a company acts on: its
//! intellectual property, the terms of cooperation, whom to contact and the
//! files offered for download. Each is a small map with known keys; every
//! problem is placed at the key or value it is about.
//!
//! Written by hand like the other converters rather than through serde: the
//! YAML here is chengguo's own tree ([`Yaml`]), whose places the locator
//! finds, and a derived deserializer would lose the field and place that
//! every message carries.

use super::*;
use crate::config::VocabName;
use crate::entry::{Attachment, Contact, Cooperation, IpRecord, Price};
use crate::url::is_email;

/// The `ip_kinds` keys whose numbers are Chinese patent application numbers.
pub const PATENT_KINDS: [&str; 3] = ["invention-patent", "utility-model", "design"];

impl FieldContext<'_> {
    /// A map whose keys are all among `keys`; the first unknown key is reported.
    fn record<'y>(
        &mut self,
        value: &'y Yaml,
        what: &str,
        keys: &[&str],
    ) -> Option<&'y [(String, Yaml)]> {
        let Yaml::Map(entries) = value else {
            return self.expected(what, value).and(None);
        };
        if let Some((key, _)) = entries.iter().find(|(k, _)| !keys.contains(&k.as_str())) {
            let help = did_you_mean(key, keys.iter().copied())
                .map(|s| format!("did you mean {s}?"))
                .unwrap_or_else(|| format!("the keys are {}", keys.join(", ")));
            self.key_error(key, format!("unknown key \"{key}\" in {what}"), Some(help));
            return None;
        }
        Some(entries)
    }

    /// One line of text, the same in every language (a number, a phone).
    fn scalar(&mut self, value: &Yaml, what: &str) -> Option<String> {
        match value.as_scalar_text() {
            Some(text) if !text.trim().is_empty() => Some(text.trim().to_string()),
            _ => self.expected(what, value).and(None),
        }
    }

    /// A warning about the value being read, placed at its text.
    fn warn(&mut self, message: String, help: String) {
        let (line, column) = self.locator.value_at(&self.at).unwrap_or((0, 0));
        self.diagnostics.push(
            Diagnostic::warning(self.path, message)
                .at(line, column)
                .field(self.spec.name)
                .help(help),
        );
    }

    pub(super) fn ip_record(&mut self, value: &Yaml) -> Option<IpRecord> {
        let entries = self.record(value, "an IP record", &["kind", "number", "title"])?;
        let (mut kind, mut number, mut title) = (None, None, Localized::default());
        for (key, item) in entries {
            match key.as_str() {
                "kind" => {
                    let term = self.within(key, |c| c.term_in(VocabName::IpKinds, item));
                    kind = Some(term?);
                }
                "number" => {
                    let what = "the number of the IP record";
                    number = Some(self.within(key, |c| c.scalar(item, what))?);
                }
                _ if is_blank(item) => {}
                _ => title = self.within(key, |c| c.text(item))?,
            }
        }
        let (Some(kind), Some(number)) = (kind, number) else {
            self.error("each IP record needs a kind and a number".into(), None);
            return None;
        };
        let is_patent = number.starts_with("ZL") || PATENT_KINDS.contains(&kind.as_str());
        if is_patent && let Err(message) = check_patent_number(&number) {
            let help = "a Chinese patent number is ZL, the 12-digit application number, a dot and its check digit: ZL202110123456.7";
            self.within("number", |c| c.error(message, Some(help.into())));
            return None;
        }
        Some(IpRecord {
            kind,
            number,
            title,
        })
    }

    pub(super) fn cooperation(&mut self, value: &Yaml) -> Option<Cooperation> {
        let keys = ["transfer_modes", "price", "intent"];
        let entries = self.record(value, "the terms of cooperation", &keys)?;
        let mut terms = Cooperation::default();
        for (key, item) in entries.iter().filter(|(_, item)| !is_blank(item)) {
            match key.as_str() {
                "transfer_modes" => {
                    let modes = |context: &mut Self, item: &Yaml| {
                        context.term_in(VocabName::TransferModes, item)
                    };
                    terms.transfer_modes = self.list(item, modes)?;
                }
                "price" => terms.price = Some(self.price(item)?),
                _ => terms.intent = self.text(item)?,
            }
        }
        (terms != Cooperation::default()).then_some(terms)
    }

    /// `面议` / `negotiable`, or `{amount: 500000, currency: CNY}`.
    fn price(&mut self, value: &Yaml) -> Option<Price> {
        const WHAT: &str = "面议 (negotiable) or {amount: 500000, currency: CNY}";
        if let Yaml::String(word) = value {
            if NEGOTIABLE.contains(&word.trim()) {
                return Some(Price::Negotiable);
            }
            return self.expected(WHAT, value).and(None);
        }
        let entries = self.record(value, "a price", &["amount", "currency"])?;
        let (mut amount, mut currency) = (None, None);
        for (key, item) in entries {
            match (key.as_str(), item) {
                ("amount", Yaml::Int(n)) if *n > 0 => amount = Some(n.to_string()),
                ("amount", Yaml::Float(f)) if *f > 0.0 && f.is_finite() => {
                    amount = item.as_scalar_text()
                }
                ("amount", other) => return self.expected("a positive number", other).and(None),
                (_, Yaml::String(code)) if is_currency_code(code) => currency = Some(code.clone()),
                (_, other) => {
                    return self
                        .expected("a currency code such as CNY", other)
                        .and(None);
                }
            }
        }
        match (amount, currency) {
            (Some(amount), Some(currency)) => Some(Price::Amount { amount, currency }),
            _ => self.expected(WHAT, value).and(None),
        }
    }

    /// The structured form, or free text kept as a note with a warning.
    pub(super) fn contact(&mut self, value: &Yaml) -> Option<Contact> {
        let is_free_text = match value {
            Yaml::Map(entries) => entries
                .iter()
                .all(|(key, _)| Lang::from_code(key).is_some()),
            other => other.as_scalar_text().is_some(),
        };
        if is_free_text {
            self.warn(
                "a contact written as free text is shown as it is, without links".into(),
                "write it as {name, organisation, phone, email, url} so readers can call or write with one tap".into(),
            );
            let note = self.text(value)?;
            return Some(Contact {
                note,
                ..Contact::default()
            });
        }
        let keys = ["name", "organisation", "phone", "email", "url"];
        let entries = self.record(value, "a contact", &keys)?;
        let mut contact = Contact::default();
        for (key, item) in entries.iter().filter(|(_, item)| !is_blank(item)) {
            match key.as_str() {
                "name" => contact.name = self.within(key, |c| c.text(item))?,
                "organisation" => contact.organisation = self.within(key, |c| c.text(item))?,
                "phone" => contact.phone = Some(self.within(key, |c| c.phone(item))?),
                "email" => contact.email = Some(self.within(key, |c| c.email(item))?),
                _ => contact.url = Some(self.within(key, |c| c.url(item))?),
            }
        }
        (!contact.is_empty()).then_some(contact)
    }

    fn phone(&mut self, value: &Yaml) -> Option<String> {
        let help = "write digits, with +, -, spaces or brackets: 023-12345678";
        self.checked(value, "a phone number", is_phone, help)
    }

    fn email(&mut self, value: &Yaml) -> Option<String> {
        self.checked(
            value,
            "an e-mail address",
            is_email,
            "e.g. transfer@example.edu.cn",
        )
    }

    /// One line of text that `valid` accepts, else `"…" is not <what>`.
    fn checked(
        &mut self,
        value: &Yaml,
        what: &str,
        valid: fn(&str) -> bool,
        help: &str,
    ) -> Option<String> {
        let text = self.scalar(value, what)?;
        if valid(&text) {
            return Some(text);
        }
        self.error(format!("\"{text}\" is not {what}"), Some(help.into()));
        None
    }

    pub(super) fn attachment(&mut self, value: &Yaml) -> Option<Attachment> {
        let entries = self.record(value, "an attachment", &["file", "title"])?;
        let (mut file, mut title) = (None, Localized::default());
        for (key, item) in entries {
            match key.as_str() {
                "file" => file = Some(self.within(key, |c| c.static_path(item))?),
                _ if is_blank(item) => {}
                _ => title = self.within(key, |c| c.text(item))?,
            }
        }
        let (Some(file), false) = (file, title.is_empty()) else {
            self.error("each attachment needs a file and a title".into(), None);
            return None;
        };
        let place = self.within("file", |c| c.written());
        Some(Attachment {
            file,
            title,
            size: 0,
            place,
        })
    }
}

/// The words that say the price is to be agreed.
pub const NEGOTIABLE: [&str; 2] = ["面议", "negotiable"];

fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

fn is_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    (5..=20).contains(&digits)
        && phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()".contains(c))
}

/// A Chinese patent number: `ZL` (granted) or `CN` and an optional space,
/// the application number (12 digits since 2003, 8 before), an optional dot
/// and the check digit. The check digit is the sum of the digits weighted
/// 2, 3, …, 9, 2, 3, 4, 5, modulo 11, with 10 written `X` (CNIPA's rule for
/// application numbers).
pub fn check_patent_number(number: &str) -> Result<(), String> {
    let bare = ["ZL", "CN"]
        .iter()
        .find_map(|prefix| number.strip_prefix(prefix))
        .unwrap_or(number)
        .trim_start();
    let (digits, check) = match bare.split_once('.') {
        Some((digits, check)) => (digits, check),
        None if bare.len() > 1 => bare.split_at(bare.len() - 1),
        None => (bare, ""),
    };
    let shape = format!(
        "\"{number}\" is not a Chinese patent number: expected 12 digits (8 before 2004) and a check digit"
    );
    if !matches!(digits.len(), 8 | 12) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(shape);
    }
    let [check] = check.as_bytes() else {
        return Err(shape);
    };
    let expected = check_digit(digits);
    if check.to_ascii_uppercase() as char == expected {
        Ok(())
    } else {
        Err(format!(
            "the check digit of \"{number}\" is wrong: the digits give {expected}"
        ))
    }
}

/// The check character of an application number's digits.
fn check_digit(digits: &str) -> char {
    const WEIGHTS: [u32; 12] = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
    let sum: u32 = digits
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, weight)| u32::from(b - b'0') * weight)
        .sum();
    match sum % 11 {
        10 => 'X',
        n => char::from(b'0' + n as u8),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real numbers, from pages explaining CNIPA's check digit (found with
    /// the project's search tool): 201710601862.3 and 201310699744.2 (12
    /// digits), 97101765.4 and ZL95115608.X (8 digits, before 2004).
    #[test]
    fn accepts_real_patent_numbers_of_both_lengths() {
        for number in [
            "201710601862.3",
            "ZL201310699744.2",
            "ZL2013106997442",
            "CN 201710601862.3",
            "97101765.4",
            "ZL95115608.X",
            "ZL95115608.x",
        ] {
            assert_eq!(check_patent_number(number), Ok(()), "{number}");
        }
    }

    #[test]
    fn refuses_a_wrong_check_digit_and_names_the_right_one() {
        assert_eq!(
            check_patent_number("ZL201710601862.4"),
            Err("the check digit of \"ZL201710601862.4\" is wrong: the digits give 3".into())
        );
        assert!(check_patent_number("ZL95115608.9").is_err());
    }

    #[test]
    fn refuses_malformed_patent_numbers() {
        for bad in [
            "ZL",
            "ZL2017106018.3",
            "ZL20171060186A.3",
            "ZL201710601862.",
            "ZL201710601862.33",
            "patent 1",
        ] {
            let message = check_patent_number(bad).unwrap_err();
            assert!(
                message.contains("is not a Chinese patent number"),
                "{bad}: {message}"
            );
        }
    }

    #[test]
    fn tells_phones_from_other_text() {
        assert!(is_phone("023-62563000"));
        assert!(is_phone("+86 (23) 6256 3000"));
        assert!(!is_phone("call 023"));
        assert!(!is_phone("123"));
    }
}
