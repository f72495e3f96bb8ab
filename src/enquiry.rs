//! How readers get in touch about an achievement: the site's `contact`
//! settings (a site-wide address, an external enquiry form, whether phone
//! numbers and e-mail addresses are shown in full), the masking of what is
//! not, and the target of the 我要对接 / "I am interested" link.

use std::path::Path;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use crate::config::CONFIG_FILE;
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::entry::Contact;
use crate::yaml::{Locator, Step, Yaml};

/// Whether a phone number or e-mail address is shown as written or masked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Show {
    #[default]
    Full,
    Masked,
}

/// The `contact` section of `config.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ContactSettings {
    /// Where 我要对接 writes to when an entry gives no e-mail of its own.
    pub email: Option<String>,
    /// An external enquiry form; when set, 我要对接 opens it instead of an e-mail.
    pub enquiry_form: Option<String>,
    pub show_phone: Show,
    pub show_email: Show,
}

const KEYS: [&str; 4] = ["email", "enquiry_form", "show_phone", "show_email"];

/// Read the `contact` section; each problem is reported at its key.
pub fn settings(value: &Yaml, locator: &Locator, diagnostics: &mut Diagnostics) -> ContactSettings {
    let mut settings = ContactSettings::default();
    let Yaml::Map(entries) = value else {
        let (line, column) = locator.key("contact").unwrap_or((0, 0));
        diagnostics.push(
            Diagnostic::error(Path::new(CONFIG_FILE), "expected a map of contact settings")
                .at(line, column)
                .field("contact"),
        );
        return settings;
    };
    for (key, item) in entries {
        let (line, column) = locator
            .key_at(&[Step::key("contact"), Step::key(key)])
            .unwrap_or_else(|| locator.key("contact").unwrap_or((0, 0)));
        let error = |message: &str| {
            Diagnostic::error(Path::new(CONFIG_FILE), message)
                .at(line, column)
                .field("contact")
        };
        let text = item.as_scalar_text().unwrap_or_default();
        match key.as_str() {
            "email" if is_email(&text) => settings.email = Some(text),
            "email" => diagnostics.push(error("expected an e-mail address")),
            "enquiry_form" if is_web_address(&text) => settings.enquiry_form = Some(text),
            "enquiry_form" => diagnostics.push(error("expected a web address such as https://…")),
            "show_phone" | "show_email" => match show(&text) {
                Some(shown) if key == "show_phone" => settings.show_phone = shown,
                Some(shown) => settings.show_email = shown,
                None => diagnostics.push(error("expected full or masked")),
            },
            other => {
                let help = did_you_mean(other, KEYS).map(|s| format!("did you mean {s}?"));
                diagnostics.push(error(&format!("unknown setting \"{other}\"")).help_opt(help));
            }
        }
    }
    settings
}

fn show(text: &str) -> Option<Show> {
    match text {
        "full" => Some(Show::Full),
        "masked" => Some(Show::Masked),
        _ => None,
    }
}

fn is_web_address(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() > "https://".len()
        && !url.contains(|c: char| c.is_whitespace() || "\"'<>`".contains(c))
}

/// The same rule as an entry's contact e-mail.
fn is_email(email: &str) -> bool {
    crate::parse::document::is_email(email)
}

/// A phone number with all but its first three and last two digits hidden.
pub fn mask_phone(phone: &str) -> String {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let mut seen = 0;
    phone
        .chars()
        .map(|c| {
            if !c.is_ascii_digit() {
                return c;
            }
            seen += 1;
            if seen <= 3 || seen > digits.saturating_sub(2) {
                c
            } else {
                '*'
            }
        })
        .collect()
}

/// An e-mail address with its name hidden but the first letter: `t***@cqut.edu.cn`.
pub fn mask_email(email: &str) -> String {
    let (local, domain) = email.split_once('@').unwrap_or((email, ""));
    let first: String = local.chars().take(1).collect();
    format!("{first}***@{domain}")
}

/// Characters left as they are in a query value; everything else is escaped.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Where 我要对接 goes: the enquiry form with the entry's slug and title, or
/// an e-mail to the entry's own address (when shown in full) or the site's,
/// with `subject` filled in. `None` when there is nowhere to send it: a
/// button that opens an empty e-mail would only leave the reader stuck.
pub fn link(
    settings: &ContactSettings,
    contact: &Contact,
    slug: &str,
    title: &str,
    subject: &str,
) -> Option<String> {
    let encode = |text: &str| utf8_percent_encode(text, QUERY_VALUE).to_string();
    if let Some(form) = &settings.enquiry_form {
        let joiner = if form.contains('?') { '&' } else { '?' };
        return Some(format!(
            "{form}{joiner}slug={}&title={}",
            encode(slug),
            encode(title)
        ));
    }
    let own = contact
        .email
        .as_ref()
        .filter(|_| settings.show_email == Show::Full);
    let address = own.or(settings.email.as_ref())?;
    Some(format!("mailto:{address}?subject={}", encode(subject)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(email: Option<&str>) -> Contact {
        Contact {
            email: email.map(str::to_string),
            ..Contact::default()
        }
    }

    #[test]
    fn mails_the_entry_then_the_site_and_prefers_the_form() {
        let mut settings = ContactSettings::default();
        let subject = "我要对接：纳米 & 位移 https://x.org/a/?b=1";
        assert_eq!(link(&settings, &contact(None), "nano", "t", subject), None);
        let own = link(&settings, &contact(Some("a@x.cn")), "nano", "t", subject).unwrap();
        assert_eq!(
            own,
            "mailto:a@x.cn?subject=%E6%88%91%E8%A6%81%E5%AF%B9%E6%8E%A5%EF%BC%9A%E7%BA%B3%E7%B1%B3%20%26%20%E4%BD%8D%E7%A7%BB%20https%3A%2F%2Fx.org%2Fa%2F%3Fb%3D1"
        );
        settings.email = Some("office@x.cn".into());
        settings.show_email = Show::Masked;
        let site = link(&settings, &contact(Some("a@x.cn")), "nano", "t", "s").unwrap();
        assert_eq!(site, "mailto:office@x.cn?subject=s");
        settings.enquiry_form = Some("https://forms.x.cn/q?site=cq".into());
        let form = link(&settings, &contact(None), "nano", "纳米 #1", "s").unwrap();
        assert_eq!(
            form,
            "https://forms.x.cn/q?site=cq&slug=nano&title=%E7%BA%B3%E7%B1%B3%20%231"
        );
    }

    #[test]
    fn masks_phones_and_emails() {
        assert_eq!(mask_phone("023-62563000"), "023-******00");
        assert_eq!(mask_phone("+86 138 0000 1234"), "+86 1** **** **34");
        assert_eq!(mask_email("transfer@cqut.edu.cn"), "t***@cqut.edu.cn");
    }

    #[test]
    fn reads_settings_and_places_bad_values() {
        let text = "contact:\n  email: office@x.cn\n  show_phone: hidden\n  show_mail: full\n";
        let locator = Locator::new(text, 1);
        let yaml = crate::yaml::parse(text).unwrap();
        let mut diagnostics = Diagnostics::new();
        let settings = settings(yaml.get("contact").unwrap(), &locator, &mut diagnostics);
        assert_eq!(settings.email.as_deref(), Some("office@x.cn"));
        let found: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains(":3:3:") && found[0].contains("expected full or masked"));
        assert!(found[1].contains(":4:3:") && found[1].contains("did you mean show_email?"));
    }
}
