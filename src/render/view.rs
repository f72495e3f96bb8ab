//! View models: what templates see of the site, in one language, with every
//! label resolved and every URL made. Templates only print these.

use serde::Serialize;

use crate::config::Show;
use crate::config::{Config, Lang, Localized, VocabName};
use crate::enquiry;
use crate::entry::{
    Achievement, Contact, Date, Details, Entry, EntryType, Park, Policy, Price, Reference,
};
use crate::parse::fields::{self, Kind};
use crate::site::{EntryId, Site};

use super::i18n::Strings;

/// Everything a view needs to speak one language.
pub struct Speaker<'a> {
    pub site: &'a Site,
    pub lang: Lang,
    pub strings: &'a Strings,
}

#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub iso: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub text: String,
    pub url: String,
}

/// An entry as it appears in a list.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub url: String,
    pub title: String,
    #[serde(rename = "type")]
    pub entry_type: EntryType,
    pub type_label: String,
    pub summary: String,
    /// The summary as a card shows it, cut at a word ([`shorten`]).
    pub short_summary: String,
    pub date: Option<DateView>,
    /// "中文 only" / "Chinese only" when the entry is not written in the page's language.
    pub only_in: Option<String>,
    /// The `lang` attribute of text shown in the other language.
    pub text_lang: Option<&'static str>,
    pub badges: Vec<LinkView>,
    /// What a company looks for at a glance: "有联系方式", "价格面议".
    pub flags: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MetaItem {
    pub text: String,
    pub url: Option<String>,
    pub datetime: Option<String>,
    pub external: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct MetaRow {
    pub key: &'static str,
    pub label: String,
    pub items: Vec<MetaItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureView {
    pub label: String,
    pub value: String,
    pub unit: String,
    pub year: Option<u16>,
}

/// What an entry page shows of its entry. The cards of related entries are
/// not here: the renderer adds them ([`Speaker::related`]), sharing the list
/// pages' cards where it has them.
#[derive(Debug, Clone, Serialize)]
pub struct EntryView<'a> {
    #[serde(flatten)]
    pub card: Card,
    pub slug: &'a str,
    pub meta: Vec<MetaRow>,
    pub figures: Vec<FigureView>,
    /// Borrowed: the body is often the largest thing a page shows, and
    /// making the template's value copies it anyway.
    pub body_html: &'a str,
    pub cover: Option<String>,
    /// When the entry was last updated ([`Entry::updated`]).
    pub updated: Option<DateView>,
    /// The page's source file in the repository's web editor, when the
    /// configuration names the repository.
    pub edit_url: Option<String>,
    pub contact: Option<ContactView>,
    pub attachments: Vec<AttachmentView>,
    /// Where 我要对接 / "I am interested" goes ([`enquiry::link`]).
    pub enquiry_url: Option<String>,
}

/// A phone number or e-mail address: its link only when shown in full.
#[derive(Debug, Clone, Serialize)]
pub struct ContactLine {
    pub text: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    pub name: String,
    pub organisation: String,
    pub phone: Option<ContactLine>,
    pub email: Option<ContactLine>,
    pub url: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttachmentView {
    pub url: String,
    pub title: String,
    /// `PDF`, from the file's extension.
    pub file_type: String,
    pub size: String,
}

impl<'a> Speaker<'a> {
    pub fn t(&self, key: &str) -> String {
        self.strings
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// [`Speaker::t`] of `prefix` + `name` (`field_` + `region`), the key
    /// joined without `format!`, which cost more than the lookup itself.
    pub fn t_of(&self, prefix: &str, name: &str) -> String {
        self.t(&concat(&[prefix, name]))
    }

    fn text(&self, localized: &Localized) -> String {
        localized.get_or_other(self.lang).to_string()
    }

    fn date(&self, date: Date) -> DateView {
        DateView {
            iso: date.to_string(),
            text: date.format(self.lang),
        }
    }

    /// The URL of a site path in this language: `parks/` → `/en/parks/`.
    pub fn url(&self, site_path: &str) -> String {
        url_in(&self.site.config, self.lang, &[site_path])
    }

    /// An entry's page in this language, or in the language it is written in.
    pub fn entry_url(&self, entry: &Entry) -> String {
        let lang = if entry.has_language(self.lang) {
            self.lang
        } else {
            entry.languages[0]
        };
        url_in(
            &self.site.config,
            lang,
            &[entry.entry_type.folder(), "/", &entry.slug, "/"],
        )
    }

    pub fn term_url(&self, entry_type: EntryType, field: &str, key: &str) -> String {
        url_in(
            &self.site.config,
            self.lang,
            &[entry_type.folder(), "/", field, "/", key, "/"],
        )
    }

    pub fn term_label(&self, vocabulary: VocabName, key: &str) -> String {
        self.site
            .config
            .vocabulary(vocabulary)
            .term(key)
            .map(|term| term.label(self.lang).to_string())
            .unwrap_or_else(|| key.to_string())
    }

    pub fn type_label(&self, entry_type: EntryType) -> String {
        self.t_of("type_", entry_type.key())
    }

    pub fn card(&self, id: EntryId) -> Card {
        let entry = &self.site.entries[id];
        let missing = !entry.has_language(self.lang);
        let summary = self.text(&entry.summary);
        let badges = vocabulary_values(entry)
            .into_iter()
            .filter(|(name, _, _)| matches!(*name, "field" | "stage" | "kind" | "status"))
            .flat_map(|(name, vocabulary, keys)| {
                keys.into_iter().map(move |key| LinkView {
                    text: self.term_label(vocabulary, &key),
                    url: self.term_url(entry.entry_type, name, &key),
                })
            })
            .collect();
        Card {
            url: self.entry_url(entry),
            title: self.text(&entry.title),
            entry_type: entry.entry_type,
            type_label: self.type_label(entry.entry_type),
            short_summary: shorten(&summary, CARD_SUMMARY_LENGTH),
            summary,
            date: entry.sort_date().map(|d| self.date(d)),
            only_in: missing.then(|| self.t_of("only_", entry.languages[0].code())),
            text_lang: missing.then(|| entry.languages[0].html_lang()),
            badges,
            flags: self.flags(entry),
        }
    }

    fn flags(&self, entry: &Entry) -> Vec<String> {
        let Some(achievement) = achievement(entry) else {
            return Vec::new();
        };
        let mut flags = Vec::new();
        if !achievement.contact.is_empty() {
            flags.push(self.t("card_has_contact"));
        }
        if achievement.price == Some(Price::Negotiable) {
            flags.push(self.t("card_price_negotiable"));
        }
        flags
    }

    pub fn entry(&self, id: EntryId) -> EntryView<'a> {
        let entry = &self.site.entries[id];
        EntryView {
            card: self.card(id),
            slug: &entry.slug,
            meta: self.meta(entry),
            figures: match &entry.details {
                Details::Park(park) => park
                    .figures
                    .iter()
                    .map(|f| FigureView {
                        label: self.text(&f.label),
                        value: f.value.clone(),
                        // A unit is written per language or not at all: 77 个 / 77.
                        unit: f.unit.get(self.lang).unwrap_or_default().to_string(),
                        year: f.year,
                    })
                    .collect(),
                _ => Vec::new(),
            },
            body_html: entry.body(self.lang).map_or("", |b| b.html.as_str()),
            cover: match &entry.details {
                Details::Achievement(a) => a
                    .cover
                    .as_ref()
                    .map(|c| self.site.config.url(&crate::url::escape_unsafe(c))),
                _ => None,
            },
            updated: entry.updated.map(|d| self.date(d)),
            edit_url: self.source_of(entry).and_then(|path| {
                let path = path.to_string_lossy().replace('\\', "/");
                self.site.config.edit_url(&path)
            }),
            contact: achievement(entry)
                .filter(|a| !a.contact.is_empty())
                .map(|a| self.contact(&a.contact)),
            attachments: achievement(entry).map_or_else(Vec::new, |a| self.attachments(a)),
            enquiry_url: achievement(entry).and_then(|a| self.enquiry_url(entry, a)),
        }
    }

    fn contact(&self, contact: &Contact) -> ContactView {
        let settings = &self.site.config.contact;
        let phone = contact
            .phone
            .as_ref()
            .map(|phone| match settings.show_phone {
                Show::Full => ContactLine {
                    text: phone.clone(),
                    url: Some(format!("tel:{}", phone.replace([' ', '-', '(', ')'], ""))),
                },
                Show::Masked => ContactLine {
                    text: enquiry::mask_phone(phone),
                    url: None,
                },
            });
        let email = contact
            .email
            .as_ref()
            .map(|email| match settings.show_email {
                Show::Full => ContactLine {
                    text: email.clone(),
                    url: Some(format!("mailto:{email}")),
                },
                Show::Masked => ContactLine {
                    text: enquiry::mask_email(email),
                    url: None,
                },
            });
        ContactView {
            name: self.text(&contact.name),
            organisation: self.text(&contact.organisation),
            phone,
            email,
            url: contact.url.clone(),
            note: self.text(&contact.note),
        }
    }

    fn attachments(&self, achievement: &Achievement) -> Vec<AttachmentView> {
        achievement
            .attachments
            .iter()
            .map(|attachment| AttachmentView {
                url: self.site.config.url(&attachment.file),
                title: self.text(&attachment.title),
                file_type: crate::attachments::file_type(&attachment.file),
                size: crate::attachments::readable_size(attachment.size),
            })
            .collect()
    }

    /// The subject names the achievement and its page, so the office that
    /// receives the mail knows which entry it is about.
    fn enquiry_url(&self, entry: &Entry, achievement: &Achievement) -> Option<String> {
        let title = self.text(&entry.title);
        let page = self.entry_url(entry);
        let site_path = page
            .strip_prefix(&self.site.config.base_path)
            .unwrap_or(&page);
        let subject = concat(&[
            &self.t("enquiry_subject"),
            &title,
            " ",
            &self.site.config.absolute_url(site_path),
        ]);
        enquiry::link(
            &self.site.config.contact,
            &achievement.contact,
            &entry.slug,
            &title,
            &subject,
        )
    }

    /// The file that holds this page's text: `slug.zh.md` for the Chinese
    /// page of a Markdown entry, `slug.yaml` for either page of a YAML one,
    /// the entry's first file where it is not written in this language.
    fn source_of<'e>(&self, entry: &'e Entry) -> Option<&'e std::path::PathBuf> {
        let own = format!(".{}.md", self.lang.code());
        entry
            .sources
            .iter()
            .find(|p| p.to_string_lossy().ends_with(&own))
            .or_else(|| {
                entry.sources.iter().find(|p| {
                    let p = p.to_string_lossy();
                    p.ends_with(".yaml") || p.ends_with(".yml")
                })
            })
            .or(entry.sources.first())
    }

    /// Every field with a value, labelled, in the order of the field table.
    fn meta(&self, entry: &Entry) -> Vec<MetaRow> {
        let mut rows: Vec<(&'static str, Vec<MetaItem>)> = vocabulary_values(entry)
            .into_iter()
            .map(|(name, vocabulary, keys)| {
                let items = keys
                    .iter()
                    .map(|key| MetaItem {
                        url: Some(self.term_url(entry.entry_type, name, key)),
                        ..plain(self.term_label(vocabulary, key))
                    })
                    .collect();
                (name, items)
            })
            .collect();
        rows.extend(match &entry.details {
            Details::Achievement(a) => self.achievement_rows(a),
            Details::Park(p) => self.park_rows(p),
            Details::Policy(p) => self.policy_rows(p),
        });
        rows.push(("tags", self.text_items(&entry.tags)));
        let order = |name: &str| {
            // The terms of cooperation show as rows of their own.
            let name = if matches!(name, "price" | "intent") {
                "cooperation"
            } else {
                name
            };
            fields::fields(entry.entry_type)
                .iter()
                .position(|s| s.name == name)
                .unwrap_or(usize::MAX)
        };
        rows.sort_by_key(|(name, _)| order(name));
        rows.into_iter()
            .filter(|(_, items)| !items.is_empty())
            .map(|(key, items)| MetaRow {
                key,
                label: self.t_of("field_", key),
                items,
            })
            .collect()
    }

    fn achievement_rows(&self, a: &Achievement) -> Vec<(&'static str, Vec<MetaItem>)> {
        let links = a.links.iter().map(|l| MetaItem {
            url: Some(l.url.clone()),
            external: true,
            ..plain(self.text(&l.title))
        });
        vec![
            ("date", self.date_items(&a.date)),
            ("institutions", self.text_items(&a.institutions)),
            ("partners", self.text_items(&a.partners)),
            ("park", self.reference_items(EntryType::Park, a.park.iter())),
            (
                "policies",
                self.reference_items(EntryType::Policy, a.policies.iter()),
            ),
            ("awards", self.text_items(&a.awards)),
            ("ip", self.ip_items(a)),
            ("price", a.price.iter().map(|p| self.price(p)).collect()),
            ("intent", self.text_item(&a.intent)),
            ("links", links.collect()),
        ]
    }

    fn park_rows(&self, p: &Park) -> Vec<(&'static str, Vec<MetaItem>)> {
        let coordinates = p
            .coordinates
            .iter()
            .map(|c| plain(format!("{:.5}, {:.5}", c.lat, c.lon)));
        vec![
            (
                "parent",
                self.reference_items(EntryType::Park, p.parent.iter()),
            ),
            ("address", self.text_item(&p.address)),
            ("established", self.date_items(&p.established)),
            ("website", url_items(&p.website)),
            ("coordinates", coordinates.collect()),
        ]
    }

    fn policy_rows(&self, p: &Policy) -> Vec<(&'static str, Vec<MetaItem>)> {
        vec![
            ("issuer", self.text_item(&p.issuer)),
            ("number", self.text_item(&p.number)),
            (
                "index_number",
                p.index_number.iter().map(|n| plain(n.clone())).collect(),
            ),
            ("written", self.date_items(&p.written)),
            ("published", self.date_items(&p.published)),
            ("effective", self.date_items(&p.effective)),
            ("expires", self.date_items(&p.expires)),
            ("source", url_items(&p.source)),
            (
                "related",
                self.reference_items(EntryType::Policy, p.related.iter()),
            ),
        ]
    }

    fn text_items(&self, list: &[Localized]) -> Vec<MetaItem> {
        list.iter().map(|t| plain(self.text(t))).collect()
    }

    /// One item, or none for an empty text.
    fn text_item(&self, text: &Localized) -> Vec<MetaItem> {
        if text.is_empty() {
            Vec::new()
        } else {
            vec![plain(self.text(text))]
        }
    }

    fn date_items(&self, date: &Option<Date>) -> Vec<MetaItem> {
        date.iter()
            .map(|d| MetaItem {
                datetime: Some(d.to_string()),
                ..plain(d.format(self.lang))
            })
            .collect()
    }

    /// Links to the entries that `references` name, by their titles.
    fn reference_items<'r>(
        &self,
        entry_type: EntryType,
        references: impl Iterator<Item = &'r Reference>,
    ) -> Vec<MetaItem> {
        references
            .map(|r| {
                let target = self
                    .site
                    .resolve(entry_type, &r.slug)
                    .expect("references are resolved when the site is assembled");
                MetaItem {
                    url: Some(self.entry_url(target)),
                    ..plain(self.text(&target.title))
                }
            })
            .collect()
    }

    /// 发明专利 ZL202110123456.7 (title), one item per record.
    fn ip_items(&self, achievement: &Achievement) -> Vec<MetaItem> {
        achievement
            .ip
            .iter()
            .map(|record| {
                let kind = self.term_label(VocabName::IpKinds, &record.kind);
                let mut text = concat(&[&kind, " ", &record.number]);
                if !record.title.is_empty() {
                    text = concat(&[
                        &text,
                        &self.t("open_paren"),
                        &self.text(&record.title),
                        &self.t("close_paren"),
                    ]);
                }
                plain(text)
            })
            .collect()
    }

    fn price(&self, price: &Price) -> MetaItem {
        plain(match price {
            Price::Negotiable => self.t("price_negotiable"),
            Price::Amount { amount, currency } => {
                let amount = grouped(amount);
                // The yuan as a reader of each language writes it: 500,000元, CNY 500,000.
                let unit = match currency.as_str() {
                    "CNY" => self.t("price_yuan"),
                    other => other.to_string(),
                };
                match (self.lang, currency.as_str()) {
                    (Lang::Zh, "CNY") => concat(&[&amount, &unit]),
                    (Lang::Zh, _) => concat(&[&amount, " ", &unit]),
                    (Lang::En, _) => concat(&[&unit, " ", &amount]),
                }
            }
        })
    }

    /// The lists of related entries shown below the entry, each with its
    /// key (`sub_parks`) and the entries in it, unlisted ones included.
    pub fn related(&self, id: EntryId) -> Vec<(&'static str, Vec<EntryId>)> {
        let site = self.site;
        match site.entries[id].entry_type {
            EntryType::Achievement => Vec::new(),
            EntryType::Park => vec![
                ("sub_parks", site.sub_parks(id)),
                (
                    "hosted_achievements",
                    site.referrers(id, EntryType::Achievement),
                ),
            ],
            EntryType::Policy => vec![
                (
                    "citing_achievements",
                    site.referrers(id, EntryType::Achievement),
                ),
                ("citing_policies", site.referrers(id, EntryType::Policy)),
            ],
        }
    }
}

fn achievement(entry: &Entry) -> Option<&Achievement> {
    match &entry.details {
        Details::Achievement(a) => Some(a),
        _ => None,
    }
}

/// `parts` joined: what `format!` makes of them, without its machinery, which
/// costs several times the copying on the paths that make every card.
/// An amount as written (`500000`, `1250000.5`) with its whole part in
/// groups of three digits (`500,000`, `1,250,000.5`).
fn grouped(amount: &str) -> String {
    let (whole, fraction) = amount
        .split_once('.')
        .map_or((amount, None), |(w, f)| (w, Some(f)));
    let mut out = String::with_capacity(amount.len() + whole.len() / 3);
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

pub(super) fn concat(parts: &[&str]) -> String {
    let mut joined = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    parts.iter().for_each(|part| joined.push_str(part));
    joined
}

/// The URL of the site path `parts` (joined) in `lang`: what
/// `config.url(&(config.language_prefix(lang) + parts))` gives, in one string.
pub(super) fn url_in(config: &Config, lang: Lang, parts: &[&str]) -> String {
    let mut url = String::with_capacity(
        config.base_path.len() + 3 + parts.iter().map(|p| p.len()).sum::<usize>(),
    );
    url.push_str(&config.base_path);
    url.push_str(config.language_prefix(lang));
    parts.iter().for_each(|part| url.push_str(part));
    // `Config::url` drops the site path's leading slashes.
    let slashes = url[config.base_path.len()..]
        .bytes()
        .take_while(|b| *b == b'/')
        .count();
    url.drain(config.base_path.len()..config.base_path.len() + slashes);
    url
}

/// Characters of a summary a card shows.
const CARD_SUMMARY_LENGTH: usize = 90;

/// `text` cut to at most `length` characters, `…` added where cut. A word
/// of an alphabetic script is never cut; Chinese, which has no spaces
/// between words, is cut at a character.
pub fn shorten(text: &str, length: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= length {
        return text.to_string();
    }
    let end = text
        .char_indices()
        .nth(length)
        .map_or(text.len(), |(index, _)| index);
    let mut cut = &text[..end];
    // Letters and digits below the CJK blocks (U+2E80) are written in words.
    let in_word = |c: char| c.is_alphanumeric() && c < '\u{2E80}';
    let mid_word = |s: &str| {
        s.chars().last().is_some_and(in_word) && text[s.len()..].chars().next().is_some_and(in_word)
    };
    if mid_word(cut)
        && let Some(space) = cut.rfind(char::is_whitespace)
    {
        cut = &cut[..space];
    }
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:，、；：".contains(c));
    format!("{cut}…")
}

fn url_items(url: &Option<String>) -> Vec<MetaItem> {
    url.iter()
        .map(|u| MetaItem {
            url: Some(u.clone()),
            external: true,
            ..plain(u.clone())
        })
        .collect()
}

fn plain(text: String) -> MetaItem {
    MetaItem {
        text,
        url: None,
        datetime: None,
        external: false,
    }
}

/// The vocabulary fields of an entry that have values: `(field name, vocabulary, keys)`.
pub fn vocabulary_values(entry: &Entry) -> Vec<(&'static str, VocabName, Vec<String>)> {
    let one = |value: &Option<String>| value.iter().cloned().collect::<Vec<_>>();
    let values: Vec<(&'static str, Vec<String>)> = match &entry.details {
        Details::Achievement(a) => vec![
            ("field", one(&a.field)),
            ("stage", one(&a.stage)),
            ("transfer_modes", a.transfer_modes.clone()),
            ("region", one(&a.region)),
        ],
        Details::Park(p) => vec![
            ("kind", vec![p.kind.clone()]),
            ("level", one(&p.level)),
            ("region", one(&p.region)),
            ("fields", p.fields.clone()),
        ],
        Details::Policy(p) => vec![
            ("status", one(&p.status)),
            ("topic", one(&p.topic)),
            ("genre", one(&p.genre)),
            ("region", one(&p.region)),
        ],
    };
    values
        .into_iter()
        .filter(|(_, keys)| !keys.is_empty())
        .filter_map(
            |(name, keys)| match fields::find(entry.entry_type, name)?.kind {
                Kind::Term(vocabulary) | Kind::TermList(vocabulary) => {
                    Some((name, vocabulary, keys))
                }
                _ => None,
            },
        )
        .collect()
}

/// The vocabulary fields of a type, for term pages: `(field name, vocabulary)`.
pub fn vocabulary_fields(entry_type: EntryType) -> Vec<(&'static str, VocabName)> {
    fields::fields(entry_type)
        .iter()
        .filter_map(|spec| match spec.kind {
            Kind::Term(vocabulary) | Kind::TermList(vocabulary) => Some((spec.name, vocabulary)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{grouped, shorten};

    #[test]
    fn groups_an_amount_in_threes_and_keeps_its_fraction() {
        assert_eq!(grouped("500000"), "500,000");
        assert_eq!(grouped("1250000.5"), "1,250,000.5");
        assert_eq!(grouped("999"), "999");
        assert_eq!(grouped("1000"), "1,000");
    }

    #[test]
    fn shortens_english_at_a_word_and_chinese_at_a_character() {
        let english = "Transferred as an equity investment in a new company";
        assert_eq!(shorten(english, 30), "Transferred as an equity…");
        assert_eq!(shorten(english, 200), english);
        assert_eq!(
            shorten("重庆理工大学以纳米位移测量技术作价入股", 6),
            "重庆理工大学…"
        );
        assert_eq!(shorten("甲乙，丙丁", 3), "甲乙…");
        // One long word is cut rather than dropped.
        assert_eq!(shorten("Pneumonoultramicroscopic", 10), "Pneumonoul…");
    }
}
