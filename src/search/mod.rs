//! The static search index: one per language, written under `search-index/<lang>/`
//! and read in the browser by `search.js`.
//!
//! # What is indexed
//!
//! The text of an entry is exactly what its page shows inside the element
//! marked `data-entry` (title, summary, every metadata row with its label,
//! key figures and body), taken from the rendered page itself, so what a
//! reader sees and what search finds cannot drift apart. An entry is indexed
//! only in the languages it is written in.
//!
//! # How Chinese is matched exactly
//!
//! Text is normalised first ([`text::normalise`]): full-width forms fold to
//! ASCII, letters are lowercased and whitespace between two CJK characters is
//! dropped. A query is cut into terms: runs of CJK characters and words.
//!
//! Every CJK character, pair and triple of neighbouring characters in an
//! entry's normalised text is a key with a posting list: the documents that
//! hold it. A CJK query term of one, two or three characters is a key itself,
//! so its posting list is the exact answer. Triples are also stored with the
//! positions (character offsets) where they begin. A longer term c₁…cₖ occurs
//! at offset p exactly when the triple c₁c₂c₃ begins at p, c₂c₃c₄ at p + 1,
//! and so on up to cₖ₋₂cₖ₋₁cₖ at p + k − 3: the search intersects the triples'
//! documents and keeps those where the positions line up. Both directions of
//! that equivalence hold, so recall and precision are 1.0 for any length, and
//! no entry text has to be downloaded to decide a match. Any triples that
//! cover every character, the first and the last among them and none more
//! than three apart, line up the same way; `search.js` takes the cheapest
//! such cover by the triples' document counts (from the dictionary, below),
//! reads the rarest first, and once the candidates left are few enough that
//! their normalised text costs less than the rest, checks that instead,
//! which is as exact and reads the entry records the snippets need.
//!
//! Positions of common triples are large, so a longer term is looked up
//! first among the longer keys ([`longer`]): runs of four to ten characters
//! whose prefix one character shorter is frequent. A frequent phrase is then
//! a key itself; otherwise its longest prefix that is a key either rules it
//! out or leaves few candidates, and only then are positions or texts read.
//!
//! # Traditional characters
//!
//! A run with traditional characters is indexed twice where it differs: its
//! own n-grams and those of its simplified form ([`text::simplify`], OpenCC's
//! single-character table), at the same offsets since folding is one
//! character for one. So the traditional query still finds it exactly and a
//! simplified query finds it too; simplified text, unchanged by folding,
//! adds nothing. The table is shipped to the browser as `t2s.txt`; an
//! entry file carries the simplified text too, for checking a long term
//! against it, and the manifest says whether any entry has traditional
//! characters, so that `search.js` can tell results in the other spelling
//! from exact ones.
//!
//! # English and numbers
//!
//! Words are stemmed lightly ([`text::stem`]: plurals, -ing, -ed) and indexed
//! by stem. A query word of two or more characters that ends in a letter
//! matches every stem it begins, so results appear while a word is being
//! typed; one that ends in a digit is a number and matches only itself
//! ([`text::matches_as_prefix`]). A query's terms must all match (AND),
//! whatever their script.
//!
//! # Forgiving
//!
//! When fewer than three entries match exactly, `search.js` (with
//! `search-forgive.js`, loaded then) mends each term that finds nothing:
//! simplified, cut into pieces the index holds, one character or letter
//! changed to what the index's own keys hold, or left out; the exact results
//! stay first and the page says what was done. The pieces and changes are
//! tried against the keys dictionary (`k/`), 600 bytes a lookup, not the shards.
//!
//! # Files
//!
//! - `manifest.json`: document count, the first key of every shard and the
//!   facets with their labels; loaded first. The first keys of the longer
//!   keys' shards (`l/<n>.bin`, [`longer`]) are in `l/starts.json`, read only
//!   for a long term whose first triple is frequent.
//! - `s/<n>.bin`: shards of posting lists. Keys are sorted in UTF-16 order and
//!   cut into shards of about [`index::SHARD_BYTES`], so a key needs one shard
//!   and a prefix one or a few. A posting carries an info byte (in the title,
//!   in the metadata, occurrence count) for ranking. Gzipped on disk;
//!   `search.js` unzips them (`DecompressionStream`).
//! - `p/<n>.bin`: the trigram positions of shards 16·n to 16·n + 15
//!   ([`index::POSITIONS_PACK`]), key after key, each key's gzipped when
//!   long; a shard begins with where its own begin and gives each key's
//!   stored length, so one key's positions are fetched alone with a range
//!   request. The longest lists (a common trigram's, tens of kilobytes) are
//!   stored fixed instead, two bytes a position ([`index::POSITIONS_FIXED`]):
//!   the info bytes then say where each document's lie, and `search.js`
//!   reads only its few candidates' positions, in one request of several
//!   ranges, when a long phrase's ends are common trigrams.
//! - `k/<n>.bin`: the keys dictionary, each key of the shards with its
//!   document count and no posting list, in groups (the keys that continue a
//!   run by one character; the words that begin with a letter) spread over
//!   parts of about 600 bytes by a hash of the group ([`index::dictionary_part`]).
//! - `f/<facet>.bin`: each document's values of one facet; `titles.bin`: each
//!   title's length, for ranking.
//! - `../t2s.txt`: the traditional → simplified table ([`text::simplify`]),
//!   one for both languages; `../t2s/<n>.txt` the same cut into parts by
//!   code point ([`text::t2s_parts`]), of which a query that needs
//!   forgiving loads those of its own characters.
//! - `d/<n>.bin`: documents 128·n to 128·n + 127 (URL path, title, type,
//!   where the body begins, text), each gzipped JSON, after a table of where
//!   each begins; `search.js` reads the table and then one document with
//!   range requests, only for the results shown and for checking a long term
//!   against few candidates. One file per 128 documents, not one each.
//!
//! Documents are numbered newest first, so a lower number wins a tie in rank.

pub mod index;
pub mod longer;
#[cfg(test)]
mod query;
pub mod text;

use crate::config::{Lang, VocabName};
use crate::entry::EntryType;
use crate::render::view::{self, Speaker};
use crate::render::{BODY_MARK, OutputFile, Theme};
use crate::site::{EntryId, Site};

use index::{Document, FacetGroup, FacetValue};
use rayon::prelude::*;

/// The folder, below the output root, that holds the indexes.
pub const INDEX_DIR: &str = "search-index";

/// The traditional → simplified table, below [`INDEX_DIR`].
pub const T2S_FILE: &str = "t2s.txt";

/// The facets, in the order of [`Document::facets`].
const FACETS: [&str; 8] = [
    "type",
    "field",
    "stage",
    "transfer_modes",
    "ip",
    "region",
    "year",
    "status",
];

/// What the index keeps of a rendered entry page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageText {
    /// The text of the page's `data-entry` element, whitespace collapsed.
    pub text: String,
    /// Byte offset in `text` where the body begins.
    pub body_start: usize,
}

/// Where the index gets the text of an entry's page in a language: taken from
/// the page as a build makes it, rendered on demand by `serve`. `None`
/// leaves the document without text.
pub type TextOf<'a> = &'a (dyn Fn(Lang, EntryId) -> Option<PageText> + Sync);

/// The text the index keeps of entry `id`'s page in `lang`, read from its HTML.
pub fn page_text(site: &Site, lang: Lang, id: EntryId, html: &str) -> Option<PageText> {
    let mut collapsed = text::Collapsed::with_capacity(html.len() / 2);
    text::element_text_into(html, "data-entry", Some(BODY_MARK), &mut collapsed)?;
    let (text, marked) = collapsed.finish();
    if let Some(body_start) = marked {
        return Some(PageText { text, body_start });
    }
    // A theme without the mark: find the body by its own text at the end.
    let body = site.entries[id]
        .body(lang)
        .map(|body| {
            // Collapsed as it is read, the same way as the page's text.
            let wrapped = format!("<div data-entry>{}</div>", body.html);
            let mut collapsed = text::Collapsed::with_capacity(body.html.len());
            text::element_text_into(&wrapped, "data-entry", None, &mut collapsed);
            collapsed.finish().0
        })
        .unwrap_or_default();
    let body_start = if !body.is_empty() && text.ends_with(&body) {
        text.len() - body.len()
    } else {
        text.len()
    };
    Some(PageText { text, body_start })
}

/// The index files of every language, from the site and the texts of its
/// entry pages, each handed to `put` as soon as it is made. Texts are asked
/// for batch by batch, so they are never all held at once.
pub fn index_files(site: &Site, theme: &Theme, text_of: TextOf, put: &(dyn Fn(OutputFile) + Sync)) {
    index_files_in(site, theme, &site.config.ordered_languages(), text_of, put);
}

/// [`index_files`] for `languages`, in that order: a caller that holds the
/// texts can index the language with less text first, so that the larger
/// language's posting lists are built once no other text is held.
pub fn index_files_in(
    site: &Site,
    theme: &Theme,
    languages: &[Lang],
    text_of: TextOf,
    put: &(dyn Fn(OutputFile) + Sync),
) {
    // The folding table the index was made with, for `search.js` to fold
    // queries the same way; fetched only when a query needs forgiving.
    put(OutputFile {
        path: format!("{INDEX_DIR}/{T2S_FILE}"),
        bytes: text::T2S_TABLE.as_bytes().to_vec(),
    });
    // The same table in parts, so that a query fetches only what its
    // characters need.
    for (part, table) in text::t2s_parts().into_iter().enumerate() {
        put(OutputFile {
            path: format!("{INDEX_DIR}/t2s/{part}.txt"),
            bytes: table.into_bytes(),
        });
    }
    // One language after the other: each stage inside runs on all cores.
    for &lang in languages {
        let speaker = Speaker {
            site,
            lang,
            strings: theme.strings(lang),
        };
        let (documents, ids, facets) = documents(&speaker);
        let folder = format!("{INDEX_DIR}/{}", lang.code());
        let fill = |number: usize, document: &mut Document| {
            if let Some(page) = text_of(lang, ids[number]) {
                document.text = page.text;
                document.body_start = page.body_start;
            }
        };
        let (path, bytes) = index::build_streaming(documents, &facets, &fill, &|path, bytes| {
            put(OutputFile {
                path: format!("{folder}/{path}"),
                bytes,
            })
        });
        put(OutputFile {
            path: format!("{folder}/{path}"),
            bytes,
        });
    }
}

/// The entries written in the speaker's language, newest first, as documents
/// without their text yet, with their entry ids in the same order.
fn documents(speaker: &Speaker) -> (Vec<Document>, Vec<EntryId>, Vec<FacetGroup>) {
    let site = speaker.site;
    let lang = speaker.lang;
    let mut ids: Vec<EntryId> = (0..site.entries.len())
        .filter(|id| site.entries[*id].has_language(lang))
        .collect();
    ids.sort_by(|a, b| {
        let (a, b) = (&site.entries[*a], &site.entries[*b]);
        (std::cmp::Reverse(a.sort_date()), a.entry_type, &a.slug).cmp(&(
            std::cmp::Reverse(b.sort_date()),
            b.entry_type,
            &b.slug,
        ))
    });
    let mut years: Vec<u16> = ids
        .iter()
        .filter_map(|id| site.entries[*id].sort_date().map(|d| d.year))
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let facets = facet_groups(speaker, &years);
    let documents = ids
        .par_iter()
        .map(|id| document(speaker, *id, &facets))
        .collect();
    (documents, ids, facets)
}

fn vocabulary_facet(speaker: &Speaker, key: &'static str, vocabulary: VocabName) -> FacetGroup {
    FacetGroup {
        key,
        label: speaker.t(&format!("field_{key}")),
        values: speaker
            .site
            .config
            .vocabulary(vocabulary)
            .terms
            .iter()
            .map(|term| FacetValue {
                key: term.key.clone(),
                label: term.label(speaker.lang).to_string(),
            })
            .collect(),
    }
}

fn facet_groups(speaker: &Speaker, years: &[u16]) -> Vec<FacetGroup> {
    FACETS
        .iter()
        .map(|facet| match *facet {
            "type" => FacetGroup {
                key: "type",
                label: speaker.t("search_facet_type"),
                values: EntryType::ALL
                    .iter()
                    .map(|t| FacetValue {
                        key: t.key().to_string(),
                        label: speaker.type_label(*t),
                    })
                    .collect(),
            },
            "field" => vocabulary_facet(speaker, "field", VocabName::Fields),
            "stage" => vocabulary_facet(speaker, "stage", VocabName::Stages),
            "transfer_modes" => {
                vocabulary_facet(speaker, "transfer_modes", VocabName::TransferModes)
            }
            "ip" => vocabulary_facet(speaker, "ip", VocabName::IpKinds),
            "region" => vocabulary_facet(speaker, "region", VocabName::Regions),
            "status" => vocabulary_facet(speaker, "status", VocabName::PolicyStatuses),
            _ => FacetGroup {
                key: "year",
                label: speaker.t("search_facet_year"),
                values: years
                    .iter()
                    .map(|y| FacetValue {
                        key: y.to_string(),
                        label: y.to_string(),
                    })
                    .collect(),
            },
        })
        .collect()
}

/// One entry as a document; its text is filled in when it is indexed.
fn document(speaker: &Speaker, id: EntryId, facets: &[FacetGroup]) -> Document {
    let site = speaker.site;
    let entry = &site.entries[id];
    let path = format!(
        "{}{}/{}/",
        site.config.language_prefix(speaker.lang),
        entry.entry_type.folder(),
        entry.slug
    );
    let mut values: Vec<Vec<usize>> = vec![Vec::new(); facets.len()];
    let position = |facet: &str, key: &str| -> Option<(usize, usize)> {
        let group = facets.iter().position(|g| g.key == facet)?;
        let value = facets[group].values.iter().position(|v| v.key == key)?;
        Some((group, value))
    };
    let mut add = |facet: &str, key: &str| {
        if let Some((group, value)) = position(facet, key)
            && !values[group].contains(&value)
        {
            values[group].push(value);
        }
    };
    add("type", entry.entry_type.key());
    if let Some(date) = entry.sort_date() {
        add("year", &date.year.to_string());
    }
    for (name, _, keys) in view::vocabulary_values(entry) {
        let facet = match name {
            "field" | "fields" => "field",
            "stage" => "stage",
            "transfer_modes" => "transfer_modes",
            "region" => "region",
            "status" => "status",
            _ => continue,
        };
        for key in keys {
            add(facet, &key);
        }
    }
    if let crate::entry::Details::Achievement(achievement) = &entry.details {
        for record in &achievement.ip {
            add("ip", &record.kind);
        }
    }
    Document {
        path,
        title: entry.title.get_or_other(speaker.lang).to_string(),
        entry_type: entry.entry_type.key(),
        text: String::new(),
        body_start: 0,
        facets: values,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::INDEX_DIR;
    use super::index::{self, Document};
    use super::query::Reader;
    use super::text::{self, Term};

    fn document(text: &str) -> Document {
        Document {
            path: "x/".into(),
            title: text.chars().take(4).collect(),
            entry_type: "park",
            text: text::collapse_whitespace(text),
            body_start: 0,
            facets: Vec::new(),
        }
    }

    /// What the index should answer, found by reading every text in full.
    fn brute_force(texts: &[String], query: &str) -> BTreeSet<u32> {
        let terms = text::query_terms(query);
        let mut found = BTreeSet::new();
        if terms.is_empty() {
            return found;
        }
        for (number, raw) in texts.iter().enumerate() {
            let normalised = text::normalise(&text::collapse_whitespace(raw));
            let words: Vec<String> = text::terms(&normalised)
                .into_iter()
                .filter_map(|t| match t {
                    Term::Word(w) => Some(text::stem(&w)),
                    Term::Cjk(_) => None,
                })
                .collect();
            let all = terms.iter().all(|term| match term {
                Term::Cjk(run) => normalised.contains(run.as_str()),
                Term::Word(word) => {
                    let wanted = text::stem(word);
                    words.iter().any(|w| {
                        if text::matches_as_prefix(word) {
                            w.starts_with(&wanted)
                        } else {
                            *w == wanted
                        }
                    })
                }
            });
            if all {
                found.insert(number as u32);
            }
        }
        found
    }

    fn reader(texts: &[String]) -> Reader {
        let documents: Vec<Document> = texts.iter().map(|t| document(t)).collect();
        Reader::new(index::build(documents, &[]))
    }

    const SAMPLE: [&str; 6] = [
        "重庆理工大学纳米位移测量技术作价入股",
        "西部(重庆)科学城 北碚片区\n科学\n城",
        "技术经纪人培训：培养技术经纪人 120 名",
        "渝科局函〔2020〕109号 关于技术 经纪人的答复",
        "Science parks and PARKING; policies, tested AI 芯片",
        "ＡＩ芯片 １２３ 中试平台",
    ];

    #[test]
    fn numbers_match_whole_and_words_match_as_prefixes() {
        let texts: Vec<String> = [
            "渝科局发〔2023〕232号 关于技术转移",
            "渝科局发〔2023〕2326号 关于技术转移",
            "technology transfer 232 policies",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let index = reader(&texts);
        let set = |numbers: &[u32]| numbers.iter().copied().collect::<BTreeSet<u32>>();
        assert_eq!(index.search("232"), set(&[0, 2]));
        assert_eq!(index.search("2326"), set(&[1]));
        assert_eq!(index.search("23"), set(&[]));
        assert_eq!(index.search("渝科局发〔2023〕232号"), set(&[0]));
        assert_eq!(index.search("techn"), set(&[2]));
        assert_eq!(index.search("polic"), set(&[2]));
    }

    /// Text with traditional characters, their simplified forms and others.
    fn mixed_script_strategy() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop::sample::select(vec![
                "科", "學", "学", "城", "技", "術", "术", "經", "经", "紀", "纪", "人", "轉", "转",
                "化", " ", "a", "1",
            ]),
            0..30,
        )
        .prop_map(|parts| parts.concat())
    }

    /// Documents whose normalised text, simplified, holds every CJK term of
    /// `query` simplified: the widest answer folding may give.
    fn brute_force_folded(texts: &[String], query: &str) -> BTreeSet<u32> {
        let folded: Vec<String> = text::query_terms(query)
            .into_iter()
            .filter_map(|t| match t {
                Term::Cjk(run) => Some(text::simplify_text(&run)),
                Term::Word(_) => None,
            })
            .collect();
        (0..texts.len() as u32)
            .filter(|n| {
                let normalised = text::simplify_text(&text::normalise(&text::collapse_whitespace(
                    &texts[*n as usize],
                )));
                folded.iter().all(|run| normalised.contains(run.as_str()))
            })
            .collect()
    }

    #[test]
    fn finds_chinese_substrings_of_every_length_exactly() {
        let texts: Vec<String> = SAMPLE.iter().map(|s| s.to_string()).collect();
        let index = reader(&texts);
        let set = |numbers: &[u32]| numbers.iter().copied().collect::<BTreeSet<u32>>();
        assert_eq!(index.search("纳米位移"), set(&[0]));
        assert_eq!(index.search("科学城"), set(&[1]));
        assert_eq!(index.search("技术经纪人"), set(&[2, 3]));
        assert_eq!(index.search("技"), set(&[0, 2, 3]));
        assert_eq!(index.search("109号"), set(&[3]));
        assert_eq!(index.search("〔2020〕"), set(&[3]));
    }

    #[test]
    fn long_terms_are_found_exactly_as_keys_by_text_and_by_positions() {
        // More than `longer::FREQUENT_LEAST` entries share a phrase longer
        // than `longer::LONGEST`: its prefixes become keys, and a longer
        // term is found by the trigrams' positions.
        let phrase = "西部科学城北碚片区技术经纪人培训中心";
        assert!(phrase.chars().count() > super::longer::LONGEST);
        let mut texts: Vec<String> = (0..super::longer::FREQUENT_LEAST + 4)
            .map(|i| format!("{phrase}第{i}期"))
            .collect();
        texts.push("西部科学城北碚片区技术经纪人".into());
        texts.push("科学城北碚片区技术 中心培训".into());
        texts.push("纪人培训中心第九期".into());
        let index = reader(&texts);
        for query in [
            phrase,
            "西部科学城北碚片区技术经纪人",
            "科学城北碚片区技术",
            "城北碚片区技术经纪人培训中心第",
            "西部科学城北碚片区技术经纪人培训中心第1",
            "纪人培训中心第九期",
            "西部科学城北碚片区技术经济人",
            "西部科学城南岸",
        ] {
            assert_eq!(index.search(query), brute_force(&texts, query), "{query}");
        }
        assert_eq!(
            index.search(phrase).len(),
            super::longer::FREQUENT_LEAST as usize + 4
        );
    }

    #[test]
    fn folds_width_and_case_and_stems_english() {
        let texts: Vec<String> = SAMPLE.iter().map(|s| s.to_string()).collect();
        let index = reader(&texts);
        let set = |numbers: &[u32]| numbers.iter().copied().collect::<BTreeSet<u32>>();
        assert_eq!(index.search("ＡＩ"), set(&[4, 5]));
        assert_eq!(index.search("123"), set(&[5]));
        assert_eq!(index.search("Park"), set(&[4]));
        assert_eq!(index.search("policy TESTS"), set(&[4]));
        assert_eq!(index.search("ai 芯片"), set(&[4, 5]));
        assert_eq!(index.search("ai芯片 中试"), set(&[5]));
        assert_eq!(index.search("parks nowhere"), set(&[]));
    }

    #[test]
    fn shards_split_large_indexes_and_keep_every_key() {
        let texts: Vec<String> = (0..600)
            .map(|n| {
                let phrase = if n % 3 == 0 {
                    "西部科学城技术经纪人"
                } else {
                    "科学城的经纪人技术"
                };
                format!(
                    "条目{n} 文本{}号 word{n}s 技术{} {phrase}{n}",
                    n * 7,
                    n % 13
                )
            })
            .collect();
        let index = reader(&texts);
        assert_eq!(index.count, 600);
        assert!(index.shard_count() > 1, "one shard only");
        for query in [
            "条目",
            "word1s",
            "wor",
            "技术",
            "号",
            "word599s",
            "文本7",
            "科学城技术经纪人",
            "学城的经纪",
            "经纪人技术",
        ] {
            let found = index.search(query);
            assert!(!found.is_empty(), "{query}");
            assert_eq!(found, brute_force(&texts, query), "{query}");
        }
    }

    #[test]
    fn the_dictionary_gives_every_key_its_document_count_and_groups_the_keys_that_continue_a_run() {
        let texts: Vec<String> = (0..300)
            .map(|n| format!("条目{n} 技术经纪人{} 科学城{} word{n}s", n % 7, n % 11))
            .collect();
        let index = reader(&texts);
        let mut keys = 0;
        for shard in 0..index.shard_count() {
            for (key, posting) in index.shard(shard) {
                let (group, _) = index::dictionary_group(&key);
                let listed = index.dictionary(group);
                assert!(
                    listed.contains(&(key.clone(), posting.numbers.len() as u32)),
                    "{key} in {listed:?}"
                );
                keys += 1;
            }
        }
        assert!(keys > 100);
        // The pairs that begin with 经 and the triples that begin with 经纪: one group each.
        let continuing = |group: &str| -> BTreeSet<String> {
            index
                .dictionary(group)
                .into_iter()
                .map(|(key, _)| key)
                .collect()
        };
        assert_eq!(
            continuing("经"),
            ["经", "经纪"].map(String::from).into_iter().collect()
        );
        assert_eq!(
            continuing("经纪"),
            ["经纪人"].map(String::from).into_iter().collect()
        );
        assert!(continuing("w").iter().all(|word| word.starts_with('w')));
        assert!(continuing("w").contains("word299s"));
    }

    #[test]
    fn the_bundled_site_indexes_every_entry_in_each_language_it_is_written_in() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let built = crate::build(
            root,
            &crate::BuildOptions::default(),
            crate::Output::Memory,
            &crate::progress::Silent,
        )
        .expect("the bundled site builds");
        for lang in built.site.config.ordered_languages() {
            let written: Vec<&crate::entry::Entry> = built
                .site
                .entries
                .iter()
                .filter(|e| e.has_language(lang))
                .collect();
            let file = |path: String| {
                built
                    .files
                    .iter()
                    .find(|f| f.path == path)
                    .unwrap_or_else(|| panic!("{path} is missing"))
            };
            let manifest: serde_json::Value = serde_json::from_slice(
                &file(format!("{INDEX_DIR}/{}/manifest.json", lang.code())).bytes,
            )
            .unwrap();
            assert_eq!(manifest["count"].as_u64(), Some(written.len() as u64));
            let records: Vec<Vec<u8>> = (0..written.len().div_ceil(index::BUNDLE))
                .flat_map(|bundle| {
                    let path = format!("{INDEX_DIR}/{}/d/{bundle}.bin", lang.code());
                    index::bundle_records(&file(path).bytes)
                })
                .collect();
            assert_eq!(records.len(), written.len());
            for json in &records {
                let record: serde_json::Value = serde_json::from_slice(json).unwrap();
                let text = record[4].as_str().unwrap();
                let title = record[1].as_str().unwrap();
                assert!(text.contains(title), "{title} is not in its text");
            }
        }
        let paths: Vec<&str> = built.files.iter().map(|f| f.path.as_str()).collect();
        assert!(
            paths.windows(2).all(|w| w[0] < w[1]),
            "files are sorted by path"
        );
    }

    #[test]
    fn the_body_mark_gives_the_same_text_and_body_start_as_finding_the_body_by_its_text() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let built = crate::build(
            root,
            &crate::BuildOptions::default(),
            crate::Output::Memory,
            &crate::progress::Silent,
        )
        .expect("the bundled site builds");
        // The built site has let go of the bodies' HTML, which finding the
        // body by its text needs: the same site as prepared keeps it.
        let site = crate::assemble(
            root,
            &crate::BuildOptions::default(),
            &crate::progress::Silent,
            &mut crate::parse::Cache::default(),
        )
        .expect("the bundled site is sound")
        .site;
        let mut compared = 0;
        for lang in site.config.ordered_languages() {
            for (id, entry) in site.entries.iter().enumerate() {
                if !entry.has_language(lang) {
                    continue;
                }
                let path = format!(
                    "{}{}/{}/index.html",
                    site.config.language_prefix(lang),
                    entry.entry_type.folder(),
                    entry.slug
                );
                let file = built.files.iter().find(|f| f.path == path).unwrap();
                let html = std::str::from_utf8(&file.bytes).unwrap();
                assert!(html.contains(super::BODY_MARK) == entry.body(lang).is_some());
                let unmarked = html.replace(super::BODY_MARK, "data-x");
                let marked = super::page_text(&site, lang, id, html).unwrap();
                let found = super::page_text(&site, lang, id, &unmarked).unwrap();
                assert_eq!(marked, found, "{path}");
                compared += 1;
            }
        }
        assert!(compared > 100);
    }

    #[test]
    fn postings_record_title_metadata_and_counts_and_documents_keep_their_text() {
        let text = "园区 西部科学城 地区 重庆 正文 科学城 科学城 parks";
        let documents = vec![Document {
            path: "parks/x/".into(),
            title: "西部科学城".into(),
            entry_type: "park",
            text: text.into(),
            body_start: text.find("正文").unwrap(),
            facets: Vec::new(),
        }];
        let index = Reader::new(index::build(documents, &[]));
        assert_eq!(index.text(0), text);
        let info = |key: &str| {
            (0..index.shard_count())
                .flat_map(|n| index.shard(n))
                .find(|(k, _)| k == key)
                .map(|(_, posting)| posting.info[0])
                .unwrap()
        };
        assert_eq!(info("科学城"), index::IN_TITLE | index::IN_HEAD | (3 << 2));
        assert_eq!(info("重庆"), index::IN_HEAD | (1 << 2));
        assert_eq!(info("正文"), 1 << 2);
        assert_eq!(info("park"), 1 << 2);
    }

    /// Characters that make collisions likely: a few Han characters, full-width
    /// and half-width letters and digits, spaces, line breaks and punctuation.
    fn text_strategy() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop::sample::select(vec![
                "科", "学", "城", "技", "术", "经", "纪", "人", "号", " ", "\n", "A", "ａ", "I",
                "Ｉ", "1", "１", "s", "park", "ing", "ed", "〔", "、",
            ]),
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    /// Up to `length` characters of one text, normalised as the index reads
    /// it, from a random place; `None` for an empty text.
    fn cut_from(
        texts: &[String],
        which: prop::sample::Index,
        start: prop::sample::Index,
        length: usize,
    ) -> Option<String> {
        let chars: Vec<char> =
            text::normalise(&text::collapse_whitespace(which.get::<String>(texts)))
                .chars()
                .collect();
        if chars.is_empty() {
            return None;
        }
        let from = start.index(chars.len());
        Some(
            chars[from..(from + length).min(chars.len())]
                .iter()
                .collect(),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn index_answers_equal_brute_force(
            texts in proptest::collection::vec(text_strategy(), 1..25),
            queries in proptest::collection::vec(text_strategy(), 1..8),
        ) {
            let index = reader(&texts);
            for query in &queries {
                prop_assert_eq!(index.search(query), brute_force(&texts, query), "query {:?}", query);
            }
        }

        /// Folding never loses an exact match: a CJK query finds every entry
        /// that holds it as written, every entry that holds it once both are
        /// simplified (so simplified input finds traditional entries and the
        /// other way round), and nothing else.
        #[test]
        fn folding_keeps_exact_matches_and_adds_only_folded_ones(
            texts in proptest::collection::vec(mixed_script_strategy(), 1..20),
            cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), 1..8usize), 1..8),
        ) {
            let index = reader(&texts);
            for (which, start, length) in cuts {
                let Some(cut) = cut_from(&texts, which, start, length) else {
                    continue;
                };
                let Some(Term::Cjk(run)) = text::query_terms(&cut).into_iter().next() else {
                    continue;
                };
                for query in [run.clone(), text::simplify_text(&run)] {
                    let found = index.search(&query);
                    let exact = brute_force(&texts, &query);
                    let folded = brute_force_folded(&texts, &query);
                    prop_assert!(exact.is_subset(&found), "query {:?} lost {:?}", query, exact.difference(&found).collect::<Vec<_>>());
                    prop_assert!(found.is_subset(&folded), "query {:?} found too much", query);
                    if query == text::simplify_text(&query) {
                        prop_assert_eq!(&found, &folded, "simplified query {:?}", query);
                    }
                }
            }
        }

        /// Queries cut from the texts themselves, so most of them match somewhere.
        #[test]
        fn substrings_of_the_texts_are_found_exactly(
            texts in proptest::collection::vec(text_strategy(), 1..25),
            cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), 1..9usize), 1..8),
        ) {
            let index = reader(&texts);
            for (which, start, length) in cuts {
                let Some(query) = cut_from(&texts, which, start, length) else {
                    continue;
                };
                prop_assert_eq!(index.search(&query), brute_force(&texts, &query), "query {:?}", query);
            }
        }
    }
}
