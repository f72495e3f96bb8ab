//! The index files of one language, from its documents: a manifest, facet
//! columns, term shards and one file per document. The layout is described in
//! [`crate::search`].

use std::collections::{BTreeMap, HashMap};

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

/// Where a key occurs in one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Occurrence {
    pub count: u32,
    pub info: u8,
    /// For CJK trigrams: the character offsets in the normalised text where it begins.
    pub positions: Vec<u32>,
}

/// Whether a key is a CJK trigram, the only keys stored with positions.
pub fn is_trigram(key: &str) -> bool {
    key.chars().count() == 3 && key.chars().all(text::is_cjk)
}

/// The index keys of a normalised text with their occurrences: characters,
/// pairs and triples of CJK runs (triples with positions), stems of words.
pub fn keys(normalised: &str) -> HashMap<String, Occurrence> {
    let mut found: HashMap<String, Occurrence> = HashMap::new();
    for (offset, term) in text::terms_with_offsets(normalised) {
        match term {
            Term::Cjk(run) => {
                let chars: Vec<char> = run.chars().collect();
                for length in 1..=3 {
                    for (start, window) in chars.windows(length).enumerate() {
                        let occurrence = found.entry(window.iter().collect()).or_default();
                        occurrence.count += 1;
                        if length == 3 {
                            occurrence.positions.push((offset + start) as u32);
                        }
                    }
                }
            }
            Term::Word(word) => found.entry(text::stem(&word)).or_default().count += 1,
        }
    }
    found
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
    let mut postings: BTreeMap<String, Vec<(u32, Occurrence)>> = BTreeMap::new();
    for (number, document) in documents.iter().enumerate() {
        let full = keys(&text::normalise(&document.text));
        let title = keys(&text::normalise(&document.title));
        let head = keys(&text::normalise(&document.text[..document.body_start]));
        for (key, mut occurrence) in full {
            if title.contains_key(&key) {
                occurrence.info |= IN_TITLE;
            }
            if head.contains_key(&key) {
                occurrence.info |= IN_HEAD;
            }
            postings
                .entry(key)
                .or_default()
                .push((number as u32, occurrence));
        }
    }
    let mut sorted: Vec<(String, Vec<(u32, Occurrence)>)> = postings.into_iter().collect();
    sorted.sort_by(|a, b| utf16_order(&a.0, &b.0));

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
fn encode_term(out: &mut Vec<u8>, key: &str, list: &[(u32, Occurrence)]) {
    push_varint(out, key.len() as u64);
    out.extend_from_slice(key.as_bytes());
    push_varint(out, list.len() as u64);
    let mut previous = 0;
    for (number, _) in list {
        push_varint(out, u64::from(number - previous));
        previous = *number;
    }
    out.extend(list.iter().map(|(_, occurrence)| {
        occurrence.info | ((occurrence.count.min(u32::from(MAX_COUNT)) as u8) << 2)
    }));
}

/// The positions of a trigram, in the shard's positions file: per document,
/// how many, then the gaps between them.
fn encode_positions(out: &mut Vec<u8>, list: &[(u32, Occurrence)]) {
    for (_, occurrence) in list {
        push_varint(out, occurrence.positions.len() as u64);
        let mut previous = 0;
        for position in &occurrence.positions {
            push_varint(out, u64::from(position - previous));
            previous = *position;
        }
    }
}
