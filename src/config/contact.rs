//! The `contact` section of `config.yaml`: where readers' enquiries go and
//! whether phone numbers and e-mail addresses are shown in full
//! (`crate::enquiry` acts on these settings).

use std::path::Path;

use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::url::is_email;
use crate::yaml::{Locator, Step, Yaml};

use super::CONFIG_FILE;

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

#[cfg(test)]
mod tests {
    use super::*;

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
