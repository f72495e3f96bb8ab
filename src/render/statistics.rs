//! Statistics (统计): the listed entries counted by their fields — achievements
//! by field, stage, transfer mode, region and year; parks by kind and level;
//! policies by year, issuer and status — as bar charts laid out here, at
//! build time, for the theme to draw as inline SVG with no script, each with
//! a summary sentence and the same numbers as a table.
//!
//! Every bar links where its entries are listed: a vocabulary value's page,
//! or the search page with the matching facets (`year`, `type`) or query.

use std::collections::BTreeMap;

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use crate::config::Lang;
use crate::diag::text_width;
use crate::entry::{Details, EntryType};
use crate::site::EntryId;

use super::pages::Lists;
use super::view::{self, Speaker};

/// The chart's drawing, in SVG user units: labels right-aligned left of
/// `BAR_X`, bars up to `BAR_MAX` long, the count after each bar.
const WIDTH: usize = 640;
const BAR_X: usize = 210;
const BAR_MAX: usize = 360;
const ROW: usize = 30;
const BAR_HEIGHT: usize = 20;
const GAP: usize = 8;
/// Labels longer than this many columns (two per CJK character) are cut
/// short with an ellipsis in the chart; the table shows them whole.
const LABEL_COLUMNS: usize = 26;

/// One bar: a value, how many entries have it, and where they are listed.
#[derive(Debug, Serialize)]
pub(super) struct Bar {
    pub label: String,
    /// The label as the chart shows it, cut short if long.
    pub short_label: String,
    /// The whole label and count, for the bar's tooltip (`生物医药：1`).
    pub title: String,
    pub count: usize,
    pub url: String,
    /// Geometry: the bar's top, its length, the text baseline and where the
    /// count is written.
    pub y: usize,
    pub width: usize,
    pub text_y: usize,
    pub count_x: usize,
}

/// One chart of the statistics page.
#[derive(Debug, Serialize)]
pub(super) struct Chart {
    /// `achievements-field`: for ids and the test that reads the tables.
    pub key: String,
    pub title: String,
    pub summary: String,
    pub bars: Vec<Bar>,
    pub width: usize,
    pub height: usize,
    pub label_x: usize,
    pub bar_x: usize,
}

/// The charts of every section, for the statistics page in `speaker`'s language.
pub(super) fn charts(speaker: &Speaker, lists: &Lists) -> Vec<Chart> {
    let counts = |t: EntryType, field: &'static str| vocabulary_counts(speaker, lists, t, field);
    let mut charts = Vec::new();
    let achievements = EntryType::Achievement;
    for field in ["field", "stage", "transfer_modes", "region"] {
        charts.push(chart(
            speaker,
            lists,
            achievements,
            field,
            counts(achievements, field),
        ));
    }
    charts.push(chart(
        speaker,
        lists,
        achievements,
        "year",
        year_counts(speaker, lists, achievements),
    ));
    for field in ["kind", "level"] {
        charts.push(chart(
            speaker,
            lists,
            EntryType::Park,
            field,
            counts(EntryType::Park, field),
        ));
    }
    let policies = EntryType::Policy;
    charts.push(chart(
        speaker,
        lists,
        policies,
        "year",
        year_counts(speaker, lists, policies),
    ));
    charts.push(chart(
        speaker,
        lists,
        policies,
        "issuer",
        issuer_counts(speaker, lists),
    ));
    charts.push(chart(
        speaker,
        lists,
        policies,
        "status",
        counts(policies, "status"),
    ));
    charts
}

/// Counted values before they are laid out: (label, count, url), and how
/// many listed entries have no value.
struct Counts {
    values: Vec<(String, usize, String)>,
    missing: usize,
}

/// A vocabulary field: the terms in use, in the vocabulary's order, each
/// linking to its own page.
fn vocabulary_counts(
    speaker: &Speaker,
    lists: &Lists,
    t: EntryType,
    field: &'static str,
) -> Counts {
    let lists = lists.of(speaker.lang);
    let (_, vocabulary) = view::vocabulary_fields(t)
        .into_iter()
        .find(|(f, _)| *f == field)
        .expect("charts are drawn for vocabulary fields of the table");
    let values = lists
        .used_terms(t, field)
        .iter()
        .map(|(key, ids)| {
            (
                speaker.term_label(vocabulary, key),
                ids.len(),
                speaker.term_url(t, field, key),
            )
        })
        .collect();
    let missing = lists
        .listed(t)
        .iter()
        .filter(|id| {
            !view::vocabulary_values(&speaker.site.entries[**id])
                .iter()
                .any(|(name, _, _)| *name == field)
        })
        .count();
    Counts { values, missing }
}

/// The search page with `params` (already encoded) in this language.
fn search_url(speaker: &Speaker, params: &str) -> String {
    format!("{}?{params}", speaker.url("search/"))
}

/// Entries by the year of their date (a policy's publication, else writing),
/// oldest first, each year linking to the search filtered by type and year.
fn year_counts(speaker: &Speaker, lists: &Lists, t: EntryType) -> Counts {
    let mut years: BTreeMap<u16, usize> = BTreeMap::new();
    let mut missing = 0;
    for id in lists.of(speaker.lang).listed(t) {
        match speaker.site.entries[*id].sort_date() {
            Some(date) => *years.entry(date.year).or_default() += 1,
            None => missing += 1,
        }
    }
    let values = years
        .into_iter()
        .map(|(year, count)| {
            let url = search_url(speaker, &format!("type={}&year={year}", t.key()));
            (year.to_string(), count, url)
        })
        .collect();
    Counts { values, missing }
}

/// Policies by issuing body as written in this language (else the other),
/// most first; each links to a search for the issuer's name.
fn issuer_counts(speaker: &Speaker, lists: &Lists) -> Counts {
    let mut issuers: BTreeMap<String, usize> = BTreeMap::new();
    let mut missing = 0;
    for id in lists.of(speaker.lang).listed(EntryType::Policy) {
        let issuer = issuer_of(speaker, *id);
        if issuer.is_empty() {
            missing += 1;
        } else {
            *issuers.entry(issuer).or_default() += 1;
        }
    }
    let mut values: Vec<(String, usize, String)> = issuers
        .into_iter()
        .map(|(issuer, count)| {
            let query = utf8_percent_encode(&issuer, NON_ALPHANUMERIC).to_string();
            let url = search_url(speaker, &format!("type=policy&q={query}"));
            (issuer, count, url)
        })
        .collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Counts { values, missing }
}

fn issuer_of(speaker: &Speaker, id: EntryId) -> String {
    match &speaker.site.entries[id].details {
        Details::Policy(p) => p.issuer.get_or_other(speaker.lang).trim().to_string(),
        _ => String::new(),
    }
}

/// `label` cut to [`LABEL_COLUMNS`] columns, with an ellipsis if cut.
fn short_label(label: &str) -> String {
    if text_width(label) <= LABEL_COLUMNS {
        return label.to_string();
    }
    let mut short = String::new();
    for c in label.chars() {
        if text_width(&short) + text_width(&c.to_string()) > LABEL_COLUMNS - 1 {
            break;
        }
        short.push(c);
    }
    format!("{}…", short.trim_end())
}

/// Lay the counts out as a chart with its title and summary.
fn chart(speaker: &Speaker, lists: &Lists, t: EntryType, field: &str, counts: Counts) -> Chart {
    let max = counts.values.iter().map(|v| v.1).max().unwrap_or(1).max(1);
    let bars: Vec<Bar> = counts
        .values
        .into_iter()
        .enumerate()
        .map(|(row, (label, count, url))| {
            let y = GAP / 2 + row * ROW;
            let width = (count * BAR_MAX).div_ceil(max).max(2);
            Bar {
                short_label: short_label(&label),
                title: speaker
                    .t("stats_bar_title")
                    .replace("{label}", &label)
                    .replace("{count}", &count.to_string()),
                label,
                count,
                url,
                y,
                width,
                text_y: y + BAR_HEIGHT / 2 + 5,
                count_x: BAR_X + width + 6,
            }
        })
        .collect();
    let field_label = match field {
        "year" => speaker.t("stats_year"),
        other => speaker.t_of("field_", other),
    };
    let listed = lists.of(speaker.lang).listed(t).len();
    Chart {
        key: format!("{}-{field}", t.folder()),
        title: format!("{} · {field_label}", speaker.t_of("section_", t.folder())),
        summary: summary(speaker, &bars, listed, counts.missing),
        height: bars.len().max(1) * ROW + GAP,
        bars,
        width: WIDTH,
        label_x: BAR_X - 8,
        bar_x: BAR_X,
    }
}

/// "20 entries; the most common is “X” (7). 2 give no value."
fn summary(speaker: &Speaker, bars: &[Bar], listed: usize, missing: usize) -> String {
    let Some(most) = bars.iter().map(|b| b.count).max() else {
        return speaker
            .t("stats_none")
            .replace("{total}", &listed.to_string());
    };
    let separator = match speaker.lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    };
    let top: Vec<String> = bars
        .iter()
        .filter(|b| b.count == most)
        .map(|b| format!("“{}”", b.label))
        .collect();
    let mut text = speaker
        .t("stats_summary")
        .replace("{total}", &listed.to_string())
        .replace("{top}", &top.join(separator))
        .replace("{count}", &most.to_string());
    if missing > 0 {
        text.push_str(
            &speaker
                .t("stats_missing")
                .replace("{missing}", &missing.to_string()),
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_are_cut_with_an_ellipsis_and_short_ones_kept() {
        assert_eq!(short_label("电子信息"), "电子信息");
        let long = "重庆市科学技术局重庆市发展和改革委员会联合发布";
        let short = short_label(long);
        assert!(short.ends_with('…'), "{short}");
        assert!(text_width(&short) <= LABEL_COLUMNS, "{short}");
        assert!(long.starts_with(short.trim_end_matches('…')));
        let english = short_label("Science and Technology Bureau of Chongqing Municipality");
        assert!(english.ends_with('…') && text_width(&english) <= LABEL_COLUMNS);
    }
}
