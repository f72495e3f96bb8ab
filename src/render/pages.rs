//! Which pages the site has in each language, where each one lives, and the
//! lists they share (listed entries, terms in use, cards), worked out once per build.

use std::collections::HashMap;

use rayon::prelude::*;
use tera::Value;

use crate::config::{Config, Lang, VocabName};
use crate::entry::EntryType;
use crate::parse::statements::StatementKind;
use crate::site::{EntryId, Site};

use super::theme::Theme;
use super::view::{self, Speaker, concat};

/// The kinds of page the site has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Page {
    Home,
    List(EntryType, usize),
    Entry(EntryId),
    Terms(EntryType, &'static str),
    Term(EntryType, &'static str, String, usize),
    NotFound,
    Search,
    /// The human site map (网站地图): every section, category and entry.
    SiteMap,
    /// What the open data holds and where ([`super::opendata`]).
    OpenData,
    /// The entries counted by their fields, as charts ([`super::statistics`]).
    Statistics,
    /// The office's copyright notice or privacy statement, where given.
    Statement(StatementKind),
}

/// Every page of one language.
pub(super) fn pages(site: &Site, lists: &Lists, lang: Lang) -> Vec<Page> {
    let lists = lists.of(lang);
    let mut pages = vec![
        Page::Home,
        Page::NotFound,
        Page::Search,
        Page::SiteMap,
        Page::OpenData,
        Page::Statistics,
    ];
    pages.extend(
        site.statements
            .in_language(lang)
            .into_iter()
            .map(Page::Statement),
    );
    for entry_type in EntryType::ALL {
        let listed = lists.listed(entry_type);
        pages.extend(
            (1..=page_count(listed.len(), site.config.page_size))
                .map(|n| Page::List(entry_type, n)),
        );
        pages.extend(
            listed
                .iter()
                .filter(|id| site.entries[**id].has_language(lang))
                .map(|id| Page::Entry(*id)),
        );
        for (field, _) in view::vocabulary_fields(entry_type) {
            let terms = lists.used_terms(entry_type, field);
            if terms.is_empty() {
                continue;
            }
            pages.push(Page::Terms(entry_type, field));
            for (key, ids) in terms {
                let count = page_count(ids.len(), site.config.page_size);
                pages.extend((1..=count).map(|n| Page::Term(entry_type, field, key.clone(), n)));
            }
        }
    }
    pages
}

pub(super) fn page_count(items: usize, page_size: usize) -> usize {
    items.div_ceil(page_size).max(1)
}

/// The terms of one vocabulary field in use, in vocabulary order, each with
/// the listed entries that use it (in site order).
pub(super) type UsedTerms = Vec<(String, Vec<EntryId>)>;

/// What every language lists, computed once per build rather than per page:
/// the listed entries of each type and the terms each vocabulary field uses.
pub(super) struct Lists {
    langs: [LangLists; 2],
}

pub(super) struct LangLists {
    /// Indexed by `EntryType as usize`.
    listed: [Vec<EntryId>; 3],
    terms: Vec<(EntryType, &'static str, UsedTerms)>,
    /// Each listed entry's card, ready for templates (indexed by `EntryId`).
    /// A list page shares them instead of building and converting its own.
    /// Empty until [`Lists::make_cards`]; list pages make their own till then.
    cards: Vec<Option<Value>>,
}

impl Lists {
    /// The lists, without cards yet: entry pages do not show them.
    pub(super) fn new(site: &Site) -> Lists {
        // Each entry's vocabulary values, worked out once for both languages.
        let values: Vec<Vec<(&'static str, VocabName, Vec<String>)>> =
            site.entries.iter().map(view::vocabulary_values).collect();
        let langs = [Lang::Zh, Lang::En].map(|lang| {
            let listed = EntryType::ALL.map(|entry_type| {
                site.of_type(entry_type)
                    .filter(|id| site.is_listed(*id, lang))
                    .collect::<Vec<_>>()
            });
            let mut terms = Vec::new();
            for entry_type in EntryType::ALL {
                for (field, vocabulary) in view::vocabulary_fields(entry_type) {
                    let vocabulary = &site.config.vocabulary(vocabulary).terms;
                    let mut used: UsedTerms = vocabulary
                        .iter()
                        .map(|t| (t.key.clone(), Vec::new()))
                        .collect();
                    let position: HashMap<&str, usize> = vocabulary
                        .iter()
                        .enumerate()
                        .map(|(i, t)| (t.key.as_str(), i))
                        .collect();
                    for &id in &listed[entry_type as usize] {
                        for (name, _, keys) in &values[id] {
                            if *name != field {
                                continue;
                            }
                            for key in keys {
                                if let Some(&i) = position.get(key.as_str()) {
                                    used[i].1.push(id);
                                }
                            }
                        }
                    }
                    used.retain(|(_, ids)| !ids.is_empty());
                    terms.push((entry_type, field, used));
                }
            }
            LangLists {
                listed,
                terms,
                cards: Vec::new(),
            }
        });
        Lists { langs }
    }

    /// Make every listed entry's card in each language, once for all the
    /// list pages that show it.
    pub(super) fn make_cards(&mut self, site: &Site, theme: &Theme) {
        for lang in [Lang::Zh, Lang::En] {
            let speaker = Speaker {
                site,
                lang,
                strings: theme.strings(lang),
            };
            self.langs[lang as usize].cards = (0..site.entries.len())
                .into_par_iter()
                .map(|id| {
                    site.is_listed(id, lang)
                        .then(|| Value::from_serializable(&speaker.card(id)))
                })
                .collect();
        }
    }

    pub(super) fn of(&self, lang: Lang) -> &LangLists {
        &self.langs[lang as usize]
    }
}

impl LangLists {
    pub(super) fn listed(&self, entry_type: EntryType) -> &[EntryId] {
        &self.listed[entry_type as usize]
    }

    /// The cards of the listed entries among `ids`, as [`Speaker::card`]
    /// makes them: shared if made already, else made here.
    pub(super) fn cards(&self, speaker: &Speaker, ids: impl IntoIterator<Item = EntryId>) -> Value {
        Value::from(self.card_values(speaker, ids))
    }

    /// [`LangLists::cards`], one value a card.
    pub(super) fn card_values(
        &self,
        speaker: &Speaker,
        ids: impl IntoIterator<Item = EntryId>,
    ) -> Vec<Value> {
        if self.cards.is_empty() {
            ids.into_iter()
                .filter(|id| speaker.site.is_listed(*id, speaker.lang))
                .map(|id| Value::from_serializable(&speaker.card(id)))
                .collect()
        } else {
            ids.into_iter()
                .filter_map(|id| self.cards[id].clone())
                .collect()
        }
    }

    /// The terms of a vocabulary field that listed entries use, in vocabulary
    /// order, with those entries; empty for a field that is not a vocabulary.
    pub(super) fn used_terms(
        &self,
        entry_type: EntryType,
        field: &str,
    ) -> &[(String, Vec<EntryId>)] {
        self.terms
            .iter()
            .find(|(t, f, _)| *t == entry_type && *f == field)
            .map(|(_, _, used)| used.as_slice())
            .unwrap_or(&[])
    }
}

/// The folder of the human site map page in each language: `sitemap/`
/// beside the machines' `sitemap.xml`.
pub(super) const SITE_MAP_DIR: &str = "sitemap";
/// The folders of the open-data and statistics pages in each language.
pub(super) const OPEN_DATA_DIR: &str = "open-data";
pub(super) const STATISTICS_DIR: &str = "statistics";

/// The path of a page under the site root, without the base path: `en/parks/page/2/`.
pub(super) fn site_path(config: &Config, lang: Lang, page: &Page, site: &Site) -> String {
    let prefix = config.language_prefix(lang);
    // Joined with `concat` rather than `format!`: every page asks for
    // several paths (its own, its counterpart's, its alternates').
    let paged = |parts: &[&str], n: usize| {
        if n > 1 {
            let mut path = concat(parts);
            path.push_str("page/");
            path.push_str(&n.to_string());
            path.push('/');
            path
        } else {
            concat(parts)
        }
    };
    match page {
        Page::Home => prefix.to_string(),
        Page::List(entry_type, n) => paged(&[prefix, entry_type.folder(), "/"], *n),
        Page::Entry(id) => {
            let entry = &site.entries[*id];
            concat(&[prefix, entry.entry_type.folder(), "/", &entry.slug, "/"])
        }
        Page::Terms(entry_type, field) => concat(&[prefix, entry_type.folder(), "/", field, "/"]),
        Page::Term(entry_type, field, key, n) => paged(
            &[prefix, entry_type.folder(), "/", field, "/", key, "/"],
            *n,
        ),
        Page::NotFound => concat(&[prefix, "404.html"]),
        Page::Search => concat(&[prefix, "search/"]),
        Page::SiteMap => concat(&[prefix, SITE_MAP_DIR, "/"]),
        Page::OpenData => concat(&[prefix, OPEN_DATA_DIR, "/"]),
        Page::Statistics => concat(&[prefix, STATISTICS_DIR, "/"]),
        Page::Statement(kind) => concat(&[prefix, kind.key(), "/"]),
    }
}

/// The page in `lang` that stands for `page`, if the site has one.
pub(super) fn counterpart(site: &Site, lists: &Lists, lang: Lang, page: &Page) -> Option<Page> {
    if !site.config.languages.contains(&lang) {
        return None;
    }
    let exists = |candidate: &Page| pages_contains(site, lists.of(lang), lang, candidate);
    match page {
        Page::Entry(id) if !site.entries[*id].has_language(lang) => None,
        Page::List(t, n) if *n > 1 && !exists(page) => Some(Page::List(*t, 1)),
        Page::Term(t, f, k, n) if *n > 1 && !exists(page) => Some(Page::Term(*t, f, k.clone(), 1)),
        Page::Term(..) | Page::Terms(..) | Page::Statement(_) if !exists(page) => None,
        other => Some(other.clone()),
    }
}

pub(super) fn pages_contains(site: &Site, lists: &LangLists, lang: Lang, page: &Page) -> bool {
    match page {
        Page::Home
        | Page::NotFound
        | Page::Search
        | Page::SiteMap
        | Page::OpenData
        | Page::Statistics => true,
        Page::Entry(id) => site.entries[*id].has_language(lang),
        Page::Statement(kind) => site.statements.get(*kind, lang).is_some(),
        Page::List(entry_type, n) => {
            *n <= page_count(lists.listed(*entry_type).len(), site.config.page_size)
        }
        Page::Terms(entry_type, field) => !lists.used_terms(*entry_type, field).is_empty(),
        Page::Term(entry_type, field, key, n) => lists
            .used_terms(*entry_type, field)
            .iter()
            .any(|(k, ids)| k == key && *n <= page_count(ids.len(), site.config.page_size)),
    }
}
