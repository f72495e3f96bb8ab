//! The assembled site: every entry, indexed, with references resolved both ways.

use std::collections::HashMap;

use crate::config::{Config, Lang, MissingTranslation};
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::entry::{Body, Details, Entry, EntryType};
use crate::parse::statements::Statements;

/// Index of an entry in [`Site::entries`].
pub type EntryId = usize;

pub struct Site {
    pub config: Config,
    /// Sorted by type, then newest first, then slug: the order of every list.
    pub entries: Vec<Entry>,
    by_slug: HashMap<(EntryType, String), EntryId>,
    /// For each entry, the entries that refer to it, in list order.
    pub referenced_by: Vec<Vec<EntryId>>,
    /// The office's copyright and privacy statements, where given.
    pub statements: Statements,
}

impl Site {
    /// The site without its bodies' Markdown, for a build once the open data
    /// (the only output that shows it) is made: at 10,000 entries it is
    /// tens of megabytes that the rest of the build would otherwise carry.
    /// The HTML and the links found in it stay.
    pub fn without_markdown(mut self) -> Site {
        for body in self.bodies_mut() {
            body.markdown = String::new();
        }
        self
    }

    /// Let go of the HTML compiled from each entry's Markdown, most of the
    /// site's memory, once the pages that show it are made. The links found
    /// in it stay.
    pub fn let_go_of_body_html(&mut self) {
        for body in self.bodies_mut() {
            body.html = String::new();
        }
    }

    fn bodies_mut(&mut self) -> impl Iterator<Item = &mut Body> {
        self.entries
            .iter_mut()
            .flat_map(|entry| [&mut entry.body_zh, &mut entry.body_en])
            .flatten()
    }

    pub fn find(&self, entry_type: EntryType, slug: &str) -> Option<EntryId> {
        self.by_slug.get(&(entry_type, slug.to_string())).copied()
    }

    /// Entries of one type, in list order.
    pub fn of_type(&self, entry_type: EntryType) -> impl Iterator<Item = EntryId> + '_ {
        (0..self.entries.len()).filter(move |id| self.entries[*id].entry_type == entry_type)
    }

    /// Whether an entry appears in `lang`'s lists: written in it, or marked as missing it.
    pub fn is_listed(&self, id: EntryId, lang: Lang) -> bool {
        self.entries[id].has_language(lang)
            || self.config.missing_translation == MissingTranslation::Mark
    }

    /// The entries that refer to `id` and are of `entry_type`.
    pub fn referrers(&self, id: EntryId, entry_type: EntryType) -> Vec<EntryId> {
        self.referenced_by[id]
            .iter()
            .copied()
            .filter(|r| self.entries[*r].entry_type == entry_type)
            .collect()
    }

    /// The parks that name `id` as their parent.
    pub fn sub_parks(&self, id: EntryId) -> Vec<EntryId> {
        self.referenced_by[id]
            .iter()
            .copied()
            .filter(|r| matches!(&self.entries[*r].details, Details::Park(p) if p.parent.as_ref().is_some_and(|parent| self.find(EntryType::Park, &parent.slug) == Some(id))))
            .collect()
    }

    pub fn resolve(&self, entry_type: EntryType, slug: &str) -> Option<&Entry> {
        self.find(entry_type, slug).map(|id| &self.entries[id])
    }
}

/// Index the entries and resolve every reference; unknown references and parent cycles are errors.
/// A body's `@/parks/slug` link was made, when its Markdown was read, to the
/// target's page in the body's language. Where the target is not written in
/// that language there is no such page: the link goes to the page in the
/// language it is written in, as cards and metadata links do.
fn point_links_at_written_languages(
    config: &Config,
    entries: &mut [Entry],
    by_slug: &HashMap<(EntryType, String), EntryId>,
) {
    let written: Vec<Vec<Lang>> = entries.iter().map(|e| e.languages.clone()).collect();
    for entry in entries.iter_mut() {
        for (lang, body) in [
            (Lang::Zh, &mut entry.body_zh),
            (Lang::En, &mut entry.body_en),
        ] {
            let Some(body) = body else { continue };
            for (target_type, slug, _) in &body.entry_links {
                let Some(&target) = by_slug.get(&(*target_type, slug.clone())) else {
                    continue;
                };
                let Some(&other) = written[target].first() else {
                    continue;
                };
                if written[target].contains(&lang) {
                    continue;
                }
                let href = |lang: Lang| {
                    let page = format!(
                        "{}{}/{slug}/",
                        config.language_prefix(lang),
                        target_type.folder()
                    );
                    format!("href=\"{}", config.url(&page))
                };
                body.html = body.html.replace(&href(lang), &href(other));
            }
        }
    }
}

pub fn assemble(
    config: Config,
    mut entries: Vec<Entry>,
    statements: Statements,
) -> Result<Site, Diagnostics> {
    entries.sort_by(|a, b| {
        (a.entry_type, std::cmp::Reverse(a.sort_date()), &a.slug).cmp(&(
            b.entry_type,
            std::cmp::Reverse(b.sort_date()),
            &b.slug,
        ))
    });
    let by_slug: HashMap<(EntryType, String), EntryId> = entries
        .iter()
        .enumerate()
        .map(|(id, e)| ((e.entry_type, e.slug.clone()), id))
        .collect();
    let mut diagnostics = Diagnostics::new();
    let mut referenced_by = vec![Vec::new(); entries.len()];
    for (id, entry) in entries.iter().enumerate() {
        for (target_type, reference) in entry.references() {
            match by_slug.get(&(target_type, reference.slug.clone())) {
                Some(target) if *target == id => diagnostics.push_at(
                    Diagnostic::error(
                        &reference.place.path,
                        format!("the {} refers to itself", entry.entry_type.key()),
                    ),
                    &reference.place,
                ),
                Some(target) => {
                    if !referenced_by[*target].contains(&id) {
                        referenced_by[*target].push(id);
                    }
                }
                None => {
                    let slugs = entries
                        .iter()
                        .filter(|e| e.entry_type == target_type)
                        .map(|e| e.slug.as_str());
                    let help = match did_you_mean(&reference.slug, slugs) {
                        Some(slug) => format!("did you mean {slug}?"),
                        None => format!(
                            "no file content/{}/{}.* exists",
                            target_type.folder(),
                            reference.slug
                        ),
                    };
                    diagnostics.push_at(
                        Diagnostic::error(
                            &reference.place.path,
                            format!("unknown {} \"{}\"", target_type.key(), reference.slug),
                        )
                        .help(help),
                        &reference.place,
                    );
                }
            }
        }
    }
    report_parent_cycles(&entries, &by_slug, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    point_links_at_written_languages(&config, &mut entries, &by_slug);
    Ok(Site {
        config,
        entries,
        by_slug,
        referenced_by,
        statements,
    })
}

fn report_parent_cycles(
    entries: &[Entry],
    by_slug: &HashMap<(EntryType, String), EntryId>,
    diagnostics: &mut Diagnostics,
) {
    let parent_of = |id: EntryId| match &entries[id].details {
        Details::Park(park) => park
            .parent
            .as_ref()
            .and_then(|p| by_slug.get(&(EntryType::Park, p.slug.clone())).copied()),
        _ => None,
    };
    for start in 0..entries.len() {
        let mut seen = vec![start];
        let mut current = start;
        while let Some(parent) = parent_of(current) {
            if parent == start {
                let Details::Park(park) = &entries[start].details else {
                    break;
                };
                let place = &park
                    .parent
                    .as_ref()
                    .expect("a park in a cycle has a parent")
                    .place;
                let names: Vec<&str> = seen.iter().map(|id| entries[*id].slug.as_str()).collect();
                diagnostics.push_at(
                    Diagnostic::error(
                        &place.path,
                        format!(
                            "parks are their own ancestors: {} → {}",
                            names.join(" → "),
                            entries[start].slug
                        ),
                    )
                    .field("parent"),
                    place,
                );
                break;
            }
            if seen.contains(&parent) || parent == current {
                break;
            }
            seen.push(parent);
            current = parent;
        }
    }
}
