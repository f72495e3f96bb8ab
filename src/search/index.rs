//! The index files of one language, from its documents: a manifest, facet
//! columns, term shards and one file per document. The layout is described in
//! [`crate::search`].

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;
use serde::Serialize;

use super::text::{self, Term};

/// Shards, and their positions files, are cut once either reaches this many
/// bytes (one key may make a larger one).
pub const SHARD_BYTES: usize = 16 * 1024;

/// Bits of a posting's info byte: where in the entry the term occurs.
pub const IN_TITLE: u8 = 1;
pub const IN_HEAD: u8 = 2;
/// Occurrence counts are kept up to this many (six bits).
pub const MAX_COUNT: u8 = 63;

/// One entry page in one language, as the index sees it. Its place in the
/// list given to [`build`] is its document number: list them newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The page's URL path below the site's base path: `en/parks/x/`.
    pub path: String,
    pub title: String,
    /// `achievement`, `park` or `policy`.
    pub entry_type: &'static str,
    /// The text of the entry element, whitespace collapsed.
    pub text: String,
    /// Byte offset in `text` where the body begins; before it are the title,
    /// summary and metadata.
    pub body_start: usize,
    /// For each facet of [`Facets::groups`], the indexes of this document's values.
    pub facets: Vec<Vec<usize>>,
}

/// A facet value as the reader sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacetValue {
    pub key: String,
    pub label: String,
}

/// A facet (type, field, stage…) with its values, labelled in the page's language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacetGroup {
    pub key: &'static str,
    pub label: String,
    pub values: Vec<FacetValue>,
}

#[derive(Serialize)]
struct Manifest<'a> {
    /// A hash of every part, added to part URLs so caches never mix builds.
    version: String,
    count: usize,
    /// The first term of each shard, in UTF-16 order.
    shards: Vec<String>,
    facets: &'a [FacetGroup],
}

/// An index key: a CJK character, pair or triple packed into a number (two
/// bits of length, then 18 bits per character: CJK code points are below
/// 0x40000), or the stem of a word. Packing avoids a string per n-gram.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Gram(u64),
    Word(Box<str>),
}

impl Key {
    fn gram(chars: &[char]) -> Key {
        let mut packed = (chars.len() as u64) << 54;
        for (i, c) in chars.iter().enumerate() {
            packed |= u64::from(*c as u32 & 0x3ffff) << (18 * (2 - i));
        }
        Key::Gram(packed)
    }

    fn text(&self) -> String {
        match self {
            Key::Word(word) => word.to_string(),
            Key::Gram(packed) => {
                let length = (packed >> 54) as usize;
                (0..length)
                    .filter_map(|i| char::from_u32(((packed >> (18 * (2 - i))) & 0x3ffff) as u32))
                    .collect()
            }
        }
    }

    fn is_trigram(&self) -> bool {
        matches!(self, Key::Gram(packed) if packed >> 54 == 3)
    }
}

/// Where a key occurs in one document.
#[derive(Debug, Default)]
struct Occurrence {
    count: u32,
    info: u8,
    /// For CJK trigrams: the character offsets in the normalised text where it begins.
    positions: Vec<u32>,
}

/// Whether a key is a CJK trigram, the only keys stored with positions.
pub fn is_trigram(key: &str) -> bool {
    key.chars().count() == 3 && key.chars().all(text::is_cjk)
}

/// The keys of one document with their occurrences: characters, pairs and
/// triples of CJK runs (triples with positions), stems of words. A key is
/// "before the body" when an occurrence lies within the normalised text
/// before the body, which is a prefix of the whole normalised text.
fn document_keys(document: &Document) -> Vec<(Key, Occurrence)> {
    let normalised = text::normalise(&document.text);
    let head_length = text::normalise(&document.text[..document.body_start])
        .chars()
        .count();
    let mut found: FastMap<Key, Occurrence> = FastMap::default();
    let mut add = |key: Key, start: usize, length: usize, trigram: bool| {
        let occurrence = found.entry(key).or_default();
        occurrence.count += 1;
        if start + length <= head_length {
            occurrence.info |= IN_HEAD;
        }
        if trigram {
            occurrence.positions.push(start as u32);
        }
    };
    for (offset, term) in text::terms_with_offsets(&normalised) {
        match term {
            Term::Cjk(run) => {
                let chars: Vec<char> = run.chars().collect();
                for length in 1..=3 {
                    for (start, window) in chars.windows(length).enumerate() {
                        add(Key::gram(window), offset + start, length, length == 3);
                    }
                }
            }
            Term::Word(word) => {
                let length = word.chars().count();
                add(Key::Word(text::stem(&word).into()), offset, length, false);
            }
        }
    }
    let title = text::normalise(&document.title);
    for term in text::terms(&title) {
        let keys: Vec<Key> = match term {
            Term::Cjk(run) => {
                let chars: Vec<char> = run.chars().collect();
                (1..=3)
                    .flat_map(|length| chars.windows(length).map(Key::gram).collect::<Vec<_>>())
                    .collect()
            }
            Term::Word(word) => vec![Key::Word(text::stem(&word).into())],
        };
        for key in keys {
            if let Some(occurrence) = found.get_mut(&key) {
                occurrence.info |= IN_TITLE;
            }
        }
    }
    found.into_iter().collect()
}

/// Documents whose keys are found together, on all cores.
const BATCH: usize = 256;

fn add_postings(
    postings: &mut FastMap<Key, PostingList>,
    number: u32,
    keys: Vec<(Key, Occurrence)>,
) {
    for (key, occurrence) in keys {
        let trigram = key.is_trigram();
        let list = postings.entry(key).or_default();
        list.numbers.push(number);
        list.info
            .push(occurrence.info | ((occurrence.count.min(u32::from(MAX_COUNT)) as u8) << 2));
        if trigram {
            list.position_counts.push(occurrence.positions.len() as u32);
            list.positions.extend(occurrence.positions);
        }
    }
}

/// A hash map with a fast, non-cryptographic hash (FxHash's multiply and
/// rotate): the keys are the site's own text, and SipHash was a large share
/// of the index build.
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

#[derive(Default)]
struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        // MurmurHash3's finaliser: packed n-grams differ only in high bits,
        // and the table picks buckets by the low ones.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u8(&mut self, value: u8) {
        self.write_u64(u64::from(value));
    }

    fn write_usize(&mut self, value: usize) {
        self.write_u64(value as u64);
    }
}

/// The documents holding one key, with their info bytes and trigram positions.
#[derive(Default)]
struct PostingList {
    numbers: Vec<u32>,
    info: Vec<u8>,
    /// For trigrams: each document's number of positions, then all positions in a row.
    position_counts: Vec<u32>,
    positions: Vec<u32>,
}

/// Order by UTF-16 code units, the order JavaScript compares strings in.
pub fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Byte offset → offset in UTF-16 code units, as JavaScript indexes strings.
fn utf16_offset(text: &str, byte_offset: usize) -> usize {
    text[..byte_offset].encode_utf16().count()
}

pub fn push_varint(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Build the files of one language's index, as `(path below the index folder, bytes)`.
pub fn build(documents: &[Document], facets: &[FacetGroup]) -> Vec<(String, Vec<u8>)> {
    // Keys are found in a batch of documents on all cores, then gathered in
    // document order, so posting lists come out sorted and the same each
    // run; batches keep only a few documents' keys in memory at once.
    let mut postings: FastMap<Key, PostingList> = FastMap::default();
    for (batch, chunk) in documents.chunks(BATCH).enumerate() {
        let per_document: Vec<Vec<(Key, Occurrence)>> =
            chunk.par_iter().map(document_keys).collect();
        for (offset, keys) in per_document.into_iter().enumerate() {
            add_postings(&mut postings, (batch * BATCH + offset) as u32, keys);
        }
    }
    let mut sorted: Vec<(String, PostingList)> = postings
        .into_iter()
        .map(|(key, list)| (key.text(), list))
        .collect();
    sorted.sort_by_cached_key(|(key, _)| key.encode_utf16().collect::<Vec<u16>>());

    let mut files = Vec::new();
    let mut shard_starts = Vec::new();
    let mut shard: Vec<u8> = Vec::new();
    let mut positions: Vec<u8> = Vec::new();
    let mut finish = |shard: &mut Vec<u8>, positions: &mut Vec<u8>, number: usize| {
        files.push((format!("s/{number}.bin"), std::mem::take(shard)));
        if !positions.is_empty() {
            files.push((format!("p/{number}.bin"), std::mem::take(positions)));
        }
    };
    for (key, list) in &sorted {
        if shard.is_empty() {
            shard_starts.push(key.clone());
        }
        encode_term(&mut shard, key, list);
        if is_trigram(key) {
            encode_positions(&mut positions, list);
        }
        if shard.len() >= SHARD_BYTES || positions.len() >= SHARD_BYTES {
            finish(&mut shard, &mut positions, shard_starts.len() - 1);
        }
    }
    if !shard.is_empty() {
        finish(&mut shard, &mut positions, shard_starts.len() - 1);
    }

    for (number, document) in documents.iter().enumerate() {
        let record = serde_json::json!([
            document.path,
            document.title,
            document.entry_type,
            utf16_offset(&document.text, document.body_start),
            document.text,
        ]);
        files.push((
            format!("d/{number}.json"),
            serde_json::to_vec(&record).expect("JSON values serialise"),
        ));
    }

    for (group, facet) in facets.iter().enumerate() {
        let mut column = Vec::new();
        for document in documents {
            let values = document.facets.get(group).map_or(&[][..], Vec::as_slice);
            push_varint(&mut column, values.len() as u64);
            for value in values {
                push_varint(&mut column, *value as u64);
            }
        }
        files.push((format!("f/{}.bin", facet.key), column));
    }
    // The length of each title, in characters, so a term that fills more of
    // a title ranks higher.
    let mut titles = Vec::new();
    for document in documents {
        let length = text::normalise(&document.title).chars().count();
        push_varint(&mut titles, length as u64);
    }
    files.push(("titles.bin".to_string(), titles));

    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (path, bytes) in &files {
        for byte in path.bytes().chain(bytes.iter().copied()) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    let manifest = Manifest {
        version: format!("{hash:016x}"),
        count: documents.len(),
        shards: shard_starts,
        facets,
    };
    files.push((
        "manifest.json".to_string(),
        serde_json::to_vec(&manifest).expect("the manifest serialises"),
    ));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// A key in a shard: its UTF-8 bytes (length first), how many documents
/// hold it, the gaps between their numbers, then one info byte per document
/// (bit 0 in the title, bit 1 before the body, bits 2–7 the count, at most
/// 63).
fn encode_term(out: &mut Vec<u8>, key: &str, list: &PostingList) {
    push_varint(out, key.len() as u64);
    out.extend_from_slice(key.as_bytes());
    push_varint(out, list.numbers.len() as u64);
    let mut previous = 0;
    for number in &list.numbers {
        push_varint(out, u64::from(number - previous));
        previous = *number;
    }
    out.extend_from_slice(&list.info);
}

/// The positions of a trigram, in the shard's positions file: per document,
/// how many, then the gaps between them.
fn encode_positions(out: &mut Vec<u8>, list: &PostingList) {
    let mut rest = &list.positions[..];
    for count in &list.position_counts {
        let (positions, after) = rest.split_at(*count as usize);
        rest = after;
        push_varint(out, positions.len() as u64);
        let mut previous = 0;
        for position in positions {
            push_varint(out, u64::from(position - previous));
            previous = *position;
        }
    }
}
