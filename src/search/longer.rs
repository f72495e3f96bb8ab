//! Longer keys: CJK n-grams of four to [`LONGEST`] characters, each stored
//! only where the n-gram one character shorter that begins it is frequent:
//! in at least [`frequent`] documents (a twentieth of them, at least
//! [`FREQUENT_LEAST`]).
//!
//! They make a long term cheap to find exactly. Let T be a CJK term of four
//! or more characters and P its longest prefix that is a key (its first
//! trigram, at least, if T occurs anywhere). Then one of these holds:
//!
//! - T is a key: its posting list is the answer;
//! - P is not frequent: only its documents can hold T, and their text (when
//!   few) or the trigrams' positions decide;
//! - P is frequent and shorter than [`LONGEST`]: P plus the next character
//!   of T would be a key if it occurred anywhere, so T occurs nowhere;
//! - P is frequent and has [`LONGEST`] characters: the trigrams' positions
//!   decide.
//!
//! A frequent phrase (科技成果转化 in thousands of entries) is thus a key
//! itself, and the positions of its common trigrams, the bulk of a first
//! search before, are not fetched; a rare one is decided among few
//! candidates. Only frequent n-grams are extended, so the keys added stay
//! few (a lower threshold added more keys than the rest of the index at
//! 10,000 generated entries). The keys are found level by level, each from the document
//! frequencies of the level below, over the documents' CJK runs kept from
//! the first pass.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use rayon::prelude::*;

use super::index::{BATCH, FastHasher, FastMap, IN_HEAD, IN_TITLE, PostingList, count_bits};

/// A set of hashes of frequent n-grams.
type Frequent = HashSet<u64, BuildHasherDefault<FastHasher>>;
use super::text;

/// A prefix is frequent in at least this many documents, however few the
/// documents are.
pub const FREQUENT_LEAST: u32 = 16;

/// The share of documents that makes a prefix frequent: one in this many.
const FREQUENT_SHARE: usize = 20;

/// How many documents of `count` make a prefix frequent.
pub fn frequent(count: usize) -> u32 {
    FREQUENT_LEAST.max(count.div_ceil(FREQUENT_SHARE) as u32)
}

/// The longest key, in characters.
pub const LONGEST: usize = 10;

/// The CJK runs of one document's normalised text, kept for the longer keys.
#[derive(Default)]
pub struct Runs {
    /// Character offset of each run, the run, and its simplified form where
    /// that differs (the index holds traditional text in both spellings).
    pub runs: Vec<(u32, Box<str>, Option<Box<str>>)>,
    /// Characters before the body.
    pub head_length: u32,
    /// The normalised title, as written and simplified.
    pub title: Box<str>,
    pub title_simplified: Box<str>,
    /// One bit per character of the runs (each run's simplified form
    /// after it): set once the n-gram that begins there is known not to be
    /// frequent, so no longer one can be a key. Later levels skip it.
    dead: Vec<u64>,
}

impl Runs {
    /// No runs yet, in a document with `head_length` characters before its body.
    pub fn new(head_length: u32) -> Runs {
        Runs {
            head_length,
            ..Runs::default()
        }
    }

    /// Note a run at character `start`.
    pub fn push(&mut self, start: usize, run: &[char]) {
        let text: String = run.iter().collect();
        let simplified = text::simplify_text(&text);
        let simplified = (simplified != text).then(|| simplified.into_boxed_str());
        self.runs
            .push((start as u32, text.into_boxed_str(), simplified));
    }
}

/// A hash of a string's characters, for the sets of frequent prefixes: a
/// collision only adds a key, never loses one.
fn hash(chars: &[char]) -> u64 {
    chars.iter().fold(0xcbf2_9ce4_8422_2325, |h, c| {
        (h ^ u64::from(*c as u32)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The hashes of the trigrams in at least `threshold` documents, where the
/// first level starts.
pub(super) fn frequent_trigrams<'a>(
    trigrams: impl Iterator<Item = (String, u32)> + 'a,
    threshold: u32,
) -> Frequent {
    trigrams
        .filter(|(_, count)| *count >= threshold)
        .map(|(key, _)| hash(&key.chars().collect::<Vec<_>>()))
        .collect()
}

/// Every longer key with its posting list, level after level, given the
/// documents' runs in document order, the frequent trigrams and how many
/// documents make a key frequent.
pub(super) fn keys(
    documents: &mut [Runs],
    mut frequent: Frequent,
    threshold: u32,
) -> Vec<(String, PostingList)> {
    let mut found = Vec::new();
    for length in 4..=LONGEST {
        if frequent.is_empty() {
            break;
        }
        let mut lists: FastMap<Box<str>, PostingList> = FastMap::default();
        for (batch, chunk) in documents.chunks_mut(BATCH).enumerate() {
            let grams: Vec<Vec<(Box<str>, u8)>> = chunk
                .par_iter_mut()
                .map(|document| grams_of(document, length, &frequent))
                .collect();
            for (offset, list) in grams.into_iter().enumerate() {
                let number = (batch * BATCH + offset) as u32;
                for (gram, info) in list {
                    lists.entry(gram).or_default().push(number, info, &[]);
                }
            }
        }
        frequent = lists
            .iter()
            .filter(|(_, list)| list.count >= threshold)
            .map(|(key, _)| hash(&key.chars().collect::<Vec<_>>()))
            .collect();
        found.extend(
            lists
                .into_iter()
                .map(|(key, list)| (key.into_string(), list)),
        );
    }
    found
}

/// The n-grams of `length` characters in a document whose first
/// `length − 1` characters are frequent, with their info bytes; marks
/// where they are not as dead.
fn grams_of(document: &mut Runs, length: usize, frequent: &Frequent) -> Vec<(Box<str>, u8)> {
    let mut tallies: FastMap<Box<str>, (usize, u8)> = FastMap::default();
    let Runs {
        runs,
        head_length,
        title,
        title_simplified,
        dead,
    } = document;
    let mut slot = 0;
    // Whether the n-gram at `slot` is a key, marking the slot dead if not.
    let mut alive = |slot: usize, gram: &[char]| {
        let (word, bit) = (slot / 64, 1u64 << (slot % 64));
        if word >= dead.len() {
            dead.resize(word + 1, 0);
        }
        if dead[word] & bit != 0 {
            return false;
        }
        if !frequent.contains(&hash(&gram[..length - 1])) {
            dead[word] |= bit;
            return false;
        }
        true
    };
    let mut note = |gram: &[char], head: bool| {
        let tally = tallies
            .entry(gram.iter().collect::<String>().into_boxed_str())
            .or_insert((0, 0));
        tally.0 += 1;
        if head {
            tally.1 |= IN_HEAD;
        }
    };
    for (start, run, simplified) in runs.iter() {
        let chars: Vec<char> = run.chars().collect();
        let folded: Option<Vec<char>> = simplified.as_ref().map(|s| s.chars().collect());
        for at in 0..(chars.len() + 1).saturating_sub(length) {
            let head = *start as usize + at + length <= *head_length as usize;
            let gram = &chars[at..at + length];
            if alive(slot + at, gram) {
                note(gram, head);
            }
            if let Some(folded) = &folded {
                let other = &folded[at..at + length];
                if alive(slot + chars.len() + at, other) && other != gram {
                    note(other, head);
                }
            }
        }
        slot += chars.len() * if folded.is_some() { 2 } else { 1 };
    }
    tallies
        .into_iter()
        .map(|(gram, (count, mut flags))| {
            if title.contains(&*gram) || title_simplified.contains(&*gram) {
                flags |= IN_TITLE;
            }
            (gram, flags | count_bits(count))
        })
        .collect()
}
