//! How readers get in touch about an achievement: the site's `contact`
//! settings (a site-wide address, an external enquiry form, whether phone
//! numbers and e-mail addresses are shown in full), the masking of what is
//! not, and the target of the 我要对接 / "I am interested" link.

use crate::config::{ContactSettings, Show};
use crate::entry::Contact;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

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
}
