//! The site's identity (`identity:` in config.yaml): who runs the site and
//! the filing numbers a public site in China carries in its footer.
//!
//! Every value is checked for its shape here, so what the footer links to
//! (`tel:`, `mailto:`, the two filing registers, the site mark's target) is
//! built only from characters that cannot leave an attribute or change a
//! URL's scheme.

use std::path::Path;

use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::lang::Localized;
use crate::yaml::{Locator, Yaml};

use super::CONFIG_FILE;

/// The settings under `identity:`.
pub const IDENTITY_KEYS: [&str; 9] = [
    "organiser",
    "operator",
    "address",
    "phone",
    "email",
    "site_code",
    "icp",
    "public_security",
    "site_mark",
];

/// The record page of a public-security filing number; the number's digits follow.
pub const PUBLIC_SECURITY_RECORD: &str = "https://beian.mps.gov.cn/#/query/webSearch?code=";
/// The MIIT's filing site, which every ICP number links to.
pub const ICP_SITE: &str = "https://beian.miit.gov.cn/";

/// What `identity:` says; every part may be absent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Identity {
    /// 主办单位.
    pub organiser: Localized,
    /// 承办单位.
    pub operator: Localized,
    pub address: Localized,
    pub phone: Option<Phone>,
    pub email: Option<String>,
    /// 网站标识码: ten digits.
    pub site_code: Option<String>,
    /// ICP 备案号, as written: 渝ICP备12345678号-1.
    pub icp: Option<String>,
    /// 公安机关备案号.
    pub public_security: Option<PublicSecurity>,
    /// 党政机关网站标识.
    pub site_mark: Option<SiteMark>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phone {
    /// As written: `023-6362 0000`.
    pub text: String,
    /// `tel:+862363620000`-ready: `+` and digits only.
    pub dial: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicSecurity {
    /// As written: 渝公网安备50010302000001号.
    pub text: String,
    /// The number's 14 digits, for the record page's address.
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SiteMark {
    /// A path under `static/`: `images/dzjg.png`.
    pub image: String,
    /// Where the mark leads (the registry's record of the site).
    pub url: String,
}

impl Identity {
    pub fn is_empty(&self) -> bool {
        *self == Identity::default()
    }
}

/// Read `identity:`, reporting every problem at its key.
pub fn identity(value: &Yaml, locator: &Locator, diagnostics: &mut Diagnostics) -> Identity {
    let mut identity = Identity::default();
    let Yaml::Map(entries) = value else {
        let (line, column) = locator.key("identity").unwrap_or((0, 0));
        diagnostics.push(
            Diagnostic::error(Path::new(CONFIG_FILE), "expected a map such as {icp: …}")
                .at(line, column)
                .field("identity"),
        );
        return identity;
    };
    for (key, value) in entries {
        let Err(message) = set(&mut identity, key, value) else {
            continue;
        };
        // A problem with the mark's image or link is placed at that line.
        let part = ["image", "url"]
            .into_iter()
            .find(|part| message.starts_with(&format!("site_mark.{part} ")));
        let place = match part {
            Some(part) => locator.key_path(&["identity", key, part]),
            None => locator.key_path(&["identity", key]),
        };
        let (line, column) = place.unwrap_or((0, 0));
        let error = |message: &str| {
            Diagnostic::error(Path::new(CONFIG_FILE), message)
                .at(line, column)
                .field(format!("identity.{key}"))
        };
        {
            let help = (message == UNKNOWN)
                .then(|| did_you_mean(key, IDENTITY_KEYS).map(|s| format!("did you mean {s}?")))
                .flatten();
            let message = if message == UNKNOWN {
                format!("unknown setting \"{key}\"")
            } else {
                message.to_string()
            };
            diagnostics.push(error(&message).help_opt(help));
        }
    }
    identity
}

const UNKNOWN: &str = "unknown";

/// Set one setting of `identity`, or say what is wrong with its value.
fn set(identity: &mut Identity, key: &str, value: &Yaml) -> Result<(), &'static str> {
    match key {
        "organiser" => identity.organiser = localized(value)?,
        "operator" => identity.operator = localized(value)?,
        "address" => identity.address = localized(value)?,
        "phone" => identity.phone = Some(phone(&text(value)?)?),
        "email" => identity.email = Some(email(&text(value)?)?),
        "site_code" => identity.site_code = Some(site_code(&text(value)?)?),
        "icp" => identity.icp = Some(icp(&text(value)?)?),
        "public_security" => identity.public_security = Some(public_security(&text(value)?)?),
        "site_mark" => identity.site_mark = Some(site_mark(value)?),
        _ => return Err(UNKNOWN),
    }
    Ok(())
}

fn text(value: &Yaml) -> Result<String, &'static str> {
    match value.as_scalar_text() {
        Some(text) if !text.trim().is_empty() => Ok(text.trim().to_string()),
        _ => Err("expected text"),
    }
}

/// One text for both languages, or `{zh: …, en: …}` with one or both.
fn localized(value: &Yaml) -> Result<Localized, &'static str> {
    const SHAPE: &str = "expected text, or {zh: …, en: …} with one or both languages";
    match value {
        Yaml::Map(entries) => {
            let mut localized = Localized::default();
            for (lang, text) in entries {
                let text = text.as_scalar_text().filter(|t| !t.trim().is_empty());
                match (lang.as_str(), text) {
                    ("zh", Some(text)) => localized.zh = Some(text.trim().to_string()),
                    ("en", Some(text)) => localized.en = Some(text.trim().to_string()),
                    _ => return Err(SHAPE),
                }
            }
            if localized.is_empty() {
                return Err(SHAPE);
            }
            Ok(localized)
        }
        other => text(other).map(Localized::both).map_err(|_| SHAPE),
    }
}

/// `023-6362 0000`, `+86 23 6362 0000`, `(023) 63620000`: digits with
/// spaces, hyphens and brackets, an optional leading `+`.
fn phone(text: &str) -> Result<Phone, &'static str> {
    const SHAPE: &str =
        "expected a phone number of digits, spaces, hyphens and brackets, such as 023-6362 0000";
    let body = text.strip_prefix('+').unwrap_or(text);
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    let allowed = body
        .chars()
        .all(|c| c.is_ascii_digit() || " -()".contains(c));
    if !allowed || !(5..=20).contains(&digits.len()) {
        return Err(SHAPE);
    }
    let plus = if text.starts_with('+') { "+" } else { "" };
    Ok(Phone {
        text: text.to_string(),
        dial: format!("{plus}{digits}"),
    })
}

/// `office@kjj.example.gov.cn`: a plain address, nothing a `mailto:` link
/// would read as a header, a second address or the end of its attribute.
fn email(text: &str) -> Result<String, &'static str> {
    const SHAPE: &str = "expected an e-mail address such as office@example.gov.cn";
    let (local, domain) = text.split_once('@').ok_or(SHAPE)?;
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._+-".contains(c));
    if local_ok && is_host(domain) && domain.contains('.') {
        Ok(text.to_string())
    } else {
        Err(SHAPE)
    }
}

fn is_host(host: &str) -> bool {
    !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// 网站标识码: ten digits.
fn site_code(text: &str) -> Result<String, &'static str> {
    if text.len() == 10 && text.bytes().all(|b| b.is_ascii_digit()) {
        Ok(text.to_string())
    } else {
        Err("expected the ten digits of the website identifier (网站标识码)")
    }
}

/// 渝ICP备12345678号, 渝ICP备12345678号-1, 京ICP证030173号.
fn icp(text: &str) -> Result<String, &'static str> {
    const SHAPE: &str = "expected an ICP filing number such as 渝ICP备12345678号-1";
    let mut chars = text.chars();
    let province = chars.next().ok_or(SHAPE)?;
    let rest = chars.as_str();
    let number = rest
        .strip_prefix("ICP备")
        .or_else(|| rest.strip_prefix("ICP证"))
        .ok_or(SHAPE)?;
    let (digits, suffix) = number.split_once('号').ok_or(SHAPE)?;
    let serial_ok = suffix.is_empty()
        || suffix
            .strip_prefix('-')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let digits_ok = (6..=12).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    if is_han(province) && digits_ok && serial_ok {
        Ok(text.to_string())
    } else {
        Err(SHAPE)
    }
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// 渝公网安备 50010302000001号: a province, 公网安备, 14 digits, 号.
fn public_security(text: &str) -> Result<PublicSecurity, &'static str> {
    const SHAPE: &str =
        "expected a public-security filing number such as 渝公网安备50010302000001号";
    let mut chars = text.chars();
    let province = chars.next().ok_or(SHAPE)?;
    let digits = chars
        .as_str()
        .strip_prefix("公网安备")
        .and_then(|rest| rest.strip_suffix('号'))
        .map(str::trim)
        .ok_or(SHAPE)?;
    if is_han(province) && digits.len() == 14 && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(PublicSecurity {
            text: text.to_string(),
            code: digits.to_string(),
        })
    } else {
        Err(SHAPE)
    }
}

/// `{image: images/dzjg.png, url: https://…}`.
fn site_mark(value: &Yaml) -> Result<SiteMark, &'static str> {
    const SHAPE: &str =
        "expected {image: a file under static/, url: the https:// address the mark links to}";
    let Yaml::Map(entries) = value else {
        return Err(SHAPE);
    };
    if entries.iter().any(|(k, _)| k != "image" && k != "url") {
        return Err(SHAPE);
    }
    let image = value.get("image").and_then(Yaml::as_scalar_text);
    let url = value.get("url").and_then(Yaml::as_scalar_text);
    let (Some(image), Some(url)) = (image, url) else {
        return Err(SHAPE);
    };
    let image = image.trim().trim_start_matches('/');
    if !is_static_path(image) {
        return Err(
            "site_mark.image must be a path under static/ of letters, digits, -, _, . and /",
        );
    }
    if !is_web_address(url.trim()) {
        return Err("site_mark.url must be an http:// or https:// address");
    }
    Ok(SiteMark {
        image: image.to_string(),
        url: url.trim().to_string(),
    })
}

/// `images/dzjg.png`: a relative path that stays inside `static/`.
fn is_static_path(path: &str) -> bool {
    !path.is_empty()
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// An `http(s)://host/…` address with nothing that could end an attribute.
fn is_web_address(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..end].split(':').next().unwrap_or("");
    is_host(host)
        && rest
            .chars()
            .all(|c| c.is_ascii_graphic() && !"\"'<>\\`".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_filing_numbers_of_the_usual_shapes() {
        assert!(icp("渝ICP备12345678号-1").is_ok());
        assert!(icp("京ICP证030173号").is_ok());
        for bad in [
            "ICP备123号",
            "渝ICP备号",
            "渝ICP备12345678",
            "渝ICP备1234567x号",
            "渝ICP备12345678号-",
        ] {
            assert!(icp(bad).is_err(), "{bad}");
        }
        let record = public_security("渝公网安备 50010302000001号").unwrap();
        assert_eq!(record.code, "50010302000001");
        for bad in [
            "渝公网安备5001030200000号",
            "公网安备50010302000001号",
            "渝公网安备50010302000001",
        ] {
            assert!(public_security(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn phone_and_email_become_links_only_of_safe_characters() {
        assert_eq!(phone("+86 (23) 6362-0000").unwrap().dial, "+862363620000");
        assert_eq!(phone("023-6362 0000").unwrap().dial, "02363620000");
        for bad in ["12", "023\"x", "tel:023", "023;ext=1"] {
            assert!(phone(bad).is_err(), "{bad}");
        }
        assert!(email("office@kjj.example.gov.cn").is_ok());
        for bad in [
            "a@b",
            "a b@c.cn",
            "a@b.cn?cc=x",
            "\"a\"@b.cn",
            "a@-b.cn",
            "a@@b.cn",
        ] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_site_mark_stays_in_static_and_links_only_to_the_web() {
        let mark = |text: &str| site_mark(&crate::yaml::parse(text).unwrap());
        assert!(
            mark(
                "{image: images/dzjg.png, url: 'https://bszs.conac.cn/sitename?method=show&id=1'}"
            )
            .is_ok()
        );
        assert!(mark("{image: ../secret.png, url: https://a.cn/}").is_err());
        assert!(mark("{image: a.png, url: 'javascript:alert(1)'}").is_err());
        assert!(mark("{image: a.png, url: 'https://a.cn/\"onload=x'}").is_err());
        assert!(mark("{image: a.png}").is_err());
    }

    #[test]
    fn reports_unknown_keys_and_bad_values_at_their_place() {
        let text = "title: {zh: 站, en: Site}\ndescription: {zh: 描述, en: About}\nidentity:\n  organiser: {zh: 市科技局, fr: x}\n  organizer: x\n  site_code: 12\n";
        let errors = crate::config::parse(text).unwrap_err().sorted();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "config.yaml:4:3: error: field \"identity.organiser\": expected text, or {zh: …, en: …} with one or both languages",
                "config.yaml:5:3: error: field \"identity.organizer\": unknown setting \"organizer\" (did you mean organiser?)",
                "config.yaml:6:3: error: field \"identity.site_code\": expected the ten digits of the website identifier (网站标识码)",
            ]
        );
    }
}
