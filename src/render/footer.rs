//! The footer every page carries: the site's identity from `identity:` in
//! config.yaml (organiser, operator, contact, filing numbers, site mark),
//! the statement pages the site gives and the site map, in one language.
//! Only what is given is shown; the links are built from values
//! [`crate::config::Identity`] has checked for their shape.

use serde::Serialize;

use crate::config::{ICP_SITE, Lang, Localized, PUBLIC_SECURITY_RECORD};

use super::pages::SITE_MAP_DIR;
use super::view::Speaker;

/// A text of the footer; `lang` is set where it is shown in the other
/// language (an organiser named in Chinese only, on an English page).
#[derive(Serialize)]
pub(super) struct Text {
    text: String,
    lang: Option<&'static str>,
}

#[derive(Serialize)]
pub(super) struct Link {
    text: String,
    url: String,
}

#[derive(Serialize)]
pub(super) struct Mark {
    image: String,
    url: String,
}

#[derive(Serialize)]
pub(super) struct Footer {
    organiser: Option<Text>,
    operator: Option<Text>,
    address: Option<Text>,
    phone: Option<Link>,
    email: Option<Link>,
    site_code: Option<String>,
    icp: Option<Link>,
    public_security: Option<Link>,
    site_mark: Option<Mark>,
    sitemap: Link,
    /// The statements given in this language.
    statements: Vec<Link>,
}

pub(super) fn footer(speaker: &Speaker) -> Footer {
    let site = speaker.site;
    let identity = &site.config.identity;
    let text = |localized: &Localized| text_in(localized, speaker.lang);
    let statements = site
        .statements
        .in_language(speaker.lang)
        .into_iter()
        .map(|kind| Link {
            text: speaker.t_of("statement_", kind.key()),
            url: speaker.url(&format!("{}/", kind.key())),
        })
        .collect();
    Footer {
        organiser: text(&identity.organiser),
        operator: text(&identity.operator),
        address: text(&identity.address),
        phone: identity.phone.as_ref().map(|phone| Link {
            text: phone.text.clone(),
            url: format!("tel:{}", phone.dial),
        }),
        email: identity.email.as_ref().map(|email| Link {
            text: email.clone(),
            url: format!("mailto:{email}"),
        }),
        site_code: identity.site_code.clone(),
        icp: identity.icp.as_ref().map(|icp| Link {
            text: icp.clone(),
            url: ICP_SITE.to_string(),
        }),
        public_security: identity.public_security.as_ref().map(|record| Link {
            text: record.text.clone(),
            url: format!("{PUBLIC_SECURITY_RECORD}{}", record.code),
        }),
        site_mark: identity.site_mark.as_ref().map(|mark| Mark {
            image: site.config.url(&mark.image),
            url: mark.url.clone(),
        }),
        sitemap: Link {
            text: speaker.t("sitemap_title"),
            url: speaker.url(&format!("{SITE_MAP_DIR}/")),
        },
        statements,
    }
}

fn text_in(localized: &Localized, lang: Lang) -> Option<Text> {
    if let Some(text) = localized.get(lang) {
        return Some(Text {
            text: text.to_string(),
            lang: None,
        });
    }
    localized.get(lang.other()).map(|text| Text {
        text: text.to_string(),
        lang: Some(lang.other().html_lang()),
    })
}
