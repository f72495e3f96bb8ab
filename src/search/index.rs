//! The index files of one language, from its documents: a manifest, facet
//! columns, term shards and one file per document. The layout is described in
//! [`crate::search`].

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;
use serde::Serialize;

use super::longer::{self, Runs};
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
    /// Whether some document has traditional characters, so that the index
    /// holds it in both spellings: `search.js` then tells which results hold
    /// the query as written.
    folded: bool,
    /// The first term of each shard, in UTF-16 order.
    shards: Vec<String>,
    /// How many shards of longer keys `l/<n>.bin` there are ([`longer`]);
    /// their first keys are in `l/starts.json`, which only a query with a
    /// long term whose first three characters are frequent reads.
    long: usize,
    /// How many parts `k/<n>.bin` the keys dictionary has ([`write_dictionary`]).
    dictionary: usize,
    /// Shards per positions file `p/<n>.bin` ([`POSITIONS_PACK`]).
    pack: usize,
    /// Documents per bundle file `d/<n>.bin`.
    bundle: usize,
    /// A key in this many documents or more is extended by a character,
    /// up to `longest` characters ([`longer`]).
    frequent: u32,
    longest: usize,
    facets: &'a [FacetGroup],
}

/// Key partitions: each document's keys are cut into this many groups by a
/// hash, and each group gathers its posting lists on its own, on all cores.
const PARTITIONS: usize = 16;
const _: () = assert!(PARTITIONS.is_power_of_two() && PARTITIONS <= 256);
/// Bits of a packed n-gram, below the partition number.
const GRAM_BITS: u32 = 56;

/// A CJK character, pair or triple packed into a number: two bits of length,
/// then 18 bits per character (CJK code points are below 0x40000). Packing
/// avoids a string per n-gram. ([`run_grams`] packs them as it goes.)
#[cfg(test)]
fn pack_gram(chars: &[char]) -> u64 {
    let mut packed = (chars.len() as u64) << 54;
    for (i, c) in chars.iter().enumerate() {
        packed |= u64::from(*c as u32 & 0x3ffff) << (18 * (2 - i));
    }
    packed
}

fn gram_length(packed: u64) -> usize {
    ((packed >> 54) & 3) as usize
}

fn gram_text(packed: u64) -> String {
    (0..gram_length(packed))
        .filter_map(|i| char::from_u32(((packed >> (18 * (2 - i))) & 0x3ffff) as u32))
        .collect()
}

/// MurmurHash3's 64-bit finaliser: every input bit moves every output bit.
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A packed n-gram with its partition number in the top byte, given its
/// [`mix`]ed value.
fn with_partition(packed: u64, mixed: u64) -> u64 {
    ((mixed % PARTITIONS as u64) << GRAM_BITS) | packed
}

fn word_hash(word: &str) -> u64 {
    let mut hasher = FastHasher::default();
    hasher.write(word.as_bytes());
    hasher.finish()
}

/// The partition of a word: the top bits of its hash, so that words sorted
/// by hash are sorted by partition too.
fn word_partition(hash: u64) -> u64 {
    hash >> (64 - PARTITIONS.trailing_zeros())
}

/// Whether a key is a CJK trigram, the only keys stored with positions.
pub fn is_trigram(key: &str) -> bool {
    key.chars().count() == 3 && key.chars().all(text::is_cjk)
}

/// One n-gram of one document: its info byte (flags and count) and where its
/// encoded positions lie in [`DocumentKeys::positions`].
struct GramHit {
    /// The packed n-gram, partition number on top.
    key: u64,
    info: u8,
    positions: (u32, u32),
}

/// One word stem of one document, its text in [`DocumentKeys::words`].
struct WordHit {
    hash: u64,
    text: (u32, u32),
    info: u8,
}

/// The keys of one document, grouped so that each partition's share is one run.
#[derive(Default)]
struct DocumentKeys {
    /// Grouped by partition, which `gram_bounds` delimit.
    grams: Vec<GramHit>,
    gram_bounds: [u32; PARTITIONS + 1],
    /// Trigram positions, already encoded as the positions file holds them.
    positions: Vec<u8>,
    /// Sorted by hash.
    word_hits: Vec<WordHit>,
    words: String,
    /// The CJK runs, for the longer keys.
    runs: Runs,
}

impl DocumentKeys {
    fn word(&self, hit: &WordHit) -> &str {
        &self.words[hit.text.0 as usize..hit.text.1 as usize]
    }

    fn grams_of(&self, partition: u64) -> &[GramHit] {
        let partition = partition as usize;
        &self.grams[self.gram_bounds[partition] as usize..self.gram_bounds[partition + 1] as usize]
    }

    fn words_of(&self, partition: u64) -> &[WordHit] {
        let from = self
            .word_hits
            .partition_point(|w| word_partition(w.hash) < partition);
        let to = self
            .word_hits
            .partition_point(|w| word_partition(w.hash) <= partition);
        &self.word_hits[from..to]
    }
}

/// Buffers reused from one document to the next on one thread.
#[derive(Default)]
struct Scratch {
    /// Packed n-gram (partition on top) → its place in `tallies`.
    /// Keyed by the [`mix`]ed n-gram, a bijection, so no second hash is needed.
    slots: HashedMap<u32>,
    tallies: Vec<Tally>,
    /// (place in `tallies`, character offset) of every trigram occurrence,
    /// in text order.
    trigram_hits: Vec<(u32, u32)>,
    order: Vec<u32>,
    cursors: Vec<u32>,
    placed: Vec<u32>,
    /// Word hash → the first of its stems in `words` (the others follow `next`).
    word_slots: HashedMap<u32>,
    words: Vec<WordTally>,
    /// The text of each distinct stem, one after the other.
    stems: String,
    word: String,
    run: Vec<char>,
    /// The document's normalised text.
    normalised: Vec<char>,
    /// The CJK runs seen so far.
    runs: Runs,
}

/// One distinct n-gram of a document while it is read.
struct Tally {
    key: u64,
    count: u32,
    /// [`IN_HEAD`] and [`IN_TITLE`].
    flags: u8,
}

/// One distinct word stem of a document while it is read.
struct WordTally {
    hash: u64,
    text: (u32, u32),
    count: u32,
    flags: u8,
    /// The next stem with the same hash, or `u32::MAX`.
    next: u32,
}

/// The place of a stem in `words`, if the document has it.
fn find_word(scratch: &Scratch, hash: u64, word: &str) -> Option<u32> {
    let mut slot = *scratch.word_slots.get(&hash)?;
    while slot != u32::MAX {
        let tally = &scratch.words[slot as usize];
        if &scratch.stems[tally.text.0 as usize..tally.text.1 as usize] == word {
            return Some(slot);
        }
        slot = tally.next;
    }
    None
}

/// Calls `each` with every character, pair and triple of a CJK run and its
/// offset in the run, as [`pack_gram`] packs them: in one pass, each
/// character ending a character, a pair and a triple. Triples come in text
/// order; the order of the others does not matter.
///
/// Where the run has traditional characters, the n-grams of its simplified
/// form ([`text::simplify`]) that differ from the run's own come too, at the
/// same offsets (folding is one character for one): the index then holds
/// both spellings, so a simplified query finds a traditional entry and the
/// traditional query still finds it exactly.
fn run_grams(run: &[char], mut each: impl FnMut(u64, usize)) {
    let bits = |c: char| u64::from(c as u32 & 0x3ffff);
    let (mut one_back, mut two_back) = (0u64, 0u64);
    let (mut folded_one, mut folded_two) = (0u64, 0u64);
    // The offset of the last character that folding changed, plus one.
    let mut changed_until = 0usize;
    for (at, c) in run.iter().enumerate() {
        let simple = text::simplify(*c);
        let (c, f) = (bits(*c), bits(simple));
        if c != f {
            changed_until = at + 1;
        }
        each((1 << 54) | (c << 36), at);
        if c != f {
            each((1 << 54) | (f << 36), at);
        }
        if at >= 1 {
            each((2 << 54) | (one_back << 36) | (c << 18), at - 1);
            if changed_until >= at {
                each((2 << 54) | (folded_one << 36) | (f << 18), at - 1);
            }
        }
        if at >= 2 {
            each((3 << 54) | (two_back << 36) | (one_back << 18) | c, at - 2);
            if changed_until >= at - 1 {
                each(
                    (3 << 54) | (folded_two << 36) | (folded_one << 18) | f,
                    at - 2,
                );
            }
        }
        (two_back, one_back) = (one_back, c);
        (folded_two, folded_one) = (folded_one, f);
    }
}

/// Count the n-grams of a CJK run that begins at character `start`.
fn tally_run(scratch: &mut Scratch, start: usize, head_length: usize) {
    let Scratch {
        slots,
        tallies,
        trigram_hits,
        run,
        runs,
        ..
    } = scratch;
    runs.push(start, run);
    run_grams(run, |packed, offset| {
        let mixed = mix(packed);
        let key = with_partition(packed, mixed);
        let length = gram_length(packed);
        let at = start + offset;
        let slot = *slots.entry(mixed).or_insert_with(|| {
            tallies.push(Tally {
                key,
                count: 0,
                flags: 0,
            });
            (tallies.len() - 1) as u32
        });
        let tally = &mut tallies[slot as usize];
        tally.count += 1;
        if at + length <= head_length {
            tally.flags |= IN_HEAD;
        }
        if length == 3 {
            trigram_hits.push((slot, at as u32));
        }
    });
    run.clear();
}

/// Stem the word that begins at character `start` and count it.
fn note_word(scratch: &mut Scratch, start: usize, head_length: usize) {
    let word = &scratch.word;
    let length = if word.is_ascii() {
        word.len()
    } else {
        word.chars().count()
    };
    let head = start + length <= head_length;
    text::stem_in_place(&mut scratch.word);
    let hash = word_hash(&scratch.word);
    let slot = match find_word(scratch, hash, &scratch.word) {
        Some(slot) => slot,
        None => {
            let Scratch {
                word_slots,
                words,
                stems,
                word,
                ..
            } = scratch;
            let from = stems.len() as u32;
            stems.push_str(word);
            let slot = words.len() as u32;
            let next = word_slots.insert(hash, slot).unwrap_or(u32::MAX);
            words.push(WordTally {
                hash,
                text: (from, stems.len() as u32),
                count: 0,
                flags: 0,
                next,
            });
            slot
        }
    };
    let tally = &mut scratch.words[slot as usize];
    tally.count += 1;
    if head {
        tally.flags |= IN_HEAD;
    }
    scratch.word.clear();
}

/// The keys of one document with their occurrences: characters, pairs and
/// triples of CJK runs (triples with positions), stems of words. A key is
/// "before the body" when an occurrence lies within the normalised text
/// before the body, which is a prefix of the whole normalised text.
fn document_keys(document: &Document, scratch: &mut Scratch) -> DocumentKeys {
    tally_text(document, scratch);
    mark_title(&document.title, scratch);
    let (bounds, order) = group_by_partition(scratch);
    let mut keys = DocumentKeys {
        grams: Vec::with_capacity(scratch.tallies.len()),
        gram_bounds: bounds,
        runs: std::mem::take(&mut scratch.runs),
        ..DocumentKeys::default()
    };
    add_grams(scratch, &order, &mut keys);
    scratch.order = order;
    add_words(scratch, &mut keys);
    keys
}

/// Normalise a document's text and count its n-grams and word stems into
/// `scratch`, cleared first.
fn tally_text(document: &Document, scratch: &mut Scratch) {
    let mut normalised = std::mem::take(&mut scratch.normalised);
    normalised.clear();
    normalised.reserve(document.text.len());
    let head_length =
        text::normalise_each(&document.text, document.body_start, |c| normalised.push(c));
    scratch.slots.clear();
    scratch.tallies.clear();
    scratch.trigram_hits.clear();
    scratch.word_slots.clear();
    scratch.words.clear();
    scratch.stems.clear();
    scratch.runs = Runs::new(head_length as u32);
    // The same cut as `text::terms_with_offsets`: runs of CJK characters and
    // of word characters; anything else separates them.
    let mut start = 0;
    for (offset, c) in normalised.iter().copied().enumerate() {
        if text::is_cjk(c) {
            if !scratch.word.is_empty() {
                note_word(scratch, start, head_length);
            }
            if scratch.run.is_empty() {
                start = offset;
            }
            scratch.run.push(c);
        } else if text::is_word_char(c) {
            if !scratch.run.is_empty() {
                tally_run(scratch, start, head_length);
            }
            if scratch.word.is_empty() {
                start = offset;
            }
            scratch.word.push(c);
        } else {
            if !scratch.run.is_empty() {
                tally_run(scratch, start, head_length);
            }
            if !scratch.word.is_empty() {
                note_word(scratch, start, head_length);
            }
        }
    }
    if !scratch.run.is_empty() {
        tally_run(scratch, start, head_length);
    }
    if !scratch.word.is_empty() {
        note_word(scratch, start, head_length);
    }
    scratch.normalised = normalised;
}

/// Mark the n-grams and stems of the title, while the document's are still
/// in `scratch`'s maps; note the title for the longer keys.
fn mark_title(title: &str, scratch: &mut Scratch) {
    let title = text::normalise(title);
    scratch.runs.title_simplified = text::simplify_text(&title).into_boxed_str();
    scratch.runs.title = title.clone().into_boxed_str();
    for term in text::terms(&title) {
        match term {
            Term::Cjk(cjk) => {
                let chars: Vec<char> = cjk.chars().collect();
                run_grams(&chars, |packed, _| {
                    if let Some(slot) = scratch.slots.get(&mix(packed)) {
                        scratch.tallies[*slot as usize].flags |= IN_TITLE;
                    }
                });
            }
            Term::Word(mut stem) => {
                text::stem_in_place(&mut stem);
                if let Some(slot) = find_word(scratch, word_hash(&stem), &stem) {
                    scratch.words[slot as usize].flags |= IN_TITLE;
                }
            }
        }
    }
}

/// Where each partition's n-grams begin and end, and the n-grams' places in
/// `tallies` grouped by partition (a counting sort; the order within a
/// partition does not matter).
fn group_by_partition(scratch: &mut Scratch) -> ([u32; PARTITIONS + 1], Vec<u32>) {
    let mut bounds = [0u32; PARTITIONS + 1];
    for tally in scratch.tallies.iter() {
        bounds[(tally.key >> GRAM_BITS) as usize + 1] += 1;
    }
    for partition in 0..PARTITIONS {
        bounds[partition + 1] += bounds[partition];
    }
    let mut fill = bounds;
    let mut order = std::mem::take(&mut scratch.order);
    order.clear();
    order.resize(scratch.tallies.len(), 0);
    for (slot, tally) in scratch.tallies.iter().enumerate() {
        let at = &mut fill[(tally.key >> GRAM_BITS) as usize];
        order[*at as usize] = slot as u32;
        *at += 1;
    }
    (bounds, order)
}

/// Add the n-grams to `keys` in `order`, each trigram with its positions
/// encoded as the positions file holds them.
fn add_grams(scratch: &mut Scratch, order: &[u32], keys: &mut DocumentKeys) {
    let Scratch {
        tallies,
        trigram_hits,
        cursors,
        placed,
        ..
    } = scratch;
    // Each trigram's positions gathered in one stretch of `placed` (a
    // counting sort, which keeps text order).
    cursors.clear();
    cursors.resize(tallies.len(), 0);
    let mut next = 0;
    for (slot, tally) in tallies.iter().enumerate() {
        if gram_length(tally.key) == 3 {
            cursors[slot] = next;
            next += tally.count;
        }
    }
    placed.clear();
    placed.resize(trigram_hits.len(), 0);
    for (slot, position) in trigram_hits.iter() {
        let cursor = &mut cursors[*slot as usize];
        placed[*cursor as usize] = *position;
        *cursor += 1;
    }
    for slot in order.iter() {
        let tally = &tallies[*slot as usize];
        let from = keys.positions.len() as u32;
        if gram_length(tally.key) == 3 {
            let end = cursors[*slot as usize] as usize;
            let count = tally.count as usize;
            push_varint(&mut keys.positions, count as u64);
            let mut previous = 0;
            for position in &placed[end - count..end] {
                push_varint(&mut keys.positions, u64::from(position - previous));
                previous = *position;
            }
        }
        keys.grams.push(GramHit {
            key: tally.key,
            info: tally.flags | count_bits(tally.count as usize),
            positions: (from, keys.positions.len() as u32),
        });
    }
}

/// Add the word stems to `keys`, sorted by hash so each partition's share is one run.
fn add_words(scratch: &Scratch, keys: &mut DocumentKeys) {
    keys.words = scratch.stems.clone();
    keys.word_hits = scratch
        .words
        .iter()
        .map(|tally| WordHit {
            hash: tally.hash,
            text: tally.text,
            info: tally.flags | count_bits(tally.count as usize),
        })
        .collect();
    keys.word_hits.sort_unstable_by_key(|hit| hit.hash);
}

/// Bits 2–7 of an info byte: the occurrence count, at most [`MAX_COUNT`].
pub(super) fn count_bits(count: usize) -> u8 {
    (count.min(usize::from(MAX_COUNT)) as u8) << 2
}

/// Documents whose keys are found together, on all cores; a batch's keys are
/// all that is held besides the posting lists. A batch's records make one
/// bundle file.
pub(super) const BATCH: usize = 128;

/// Documents per bundle file `d/<n>.bin`: few files, and one document is
/// read from its bundle with a range request.
pub const BUNDLE: usize = BATCH;

/// Positions of one key up to this many bytes are stored as they are; longer
/// ones are gzipped (a gzip member costs 18 bytes besides the data).
const PLAIN_POSITIONS: usize = 1024;

/// The posting lists of one partition of the keys.
#[derive(Default)]
struct Partition {
    grams: FastMap<u64, PostingList>,
    words: FastMap<Box<str>, PostingList>,
}

impl Partition {
    /// Add the keys of a batch of documents numbered from `first`, in order.
    fn add(&mut self, number: u64, first: u32, batch: &[DocumentKeys]) {
        for (offset, keys) in batch.iter().enumerate() {
            let document = first + offset as u32;
            for hit in keys.grams_of(number) {
                let positions = &keys.positions[hit.positions.0 as usize..hit.positions.1 as usize];
                self.grams
                    .entry(hit.key)
                    .or_default()
                    .push(document, hit.info, positions);
            }
            for hit in keys.words_of(number) {
                let word = keys.word(hit);
                match self.words.get_mut(word) {
                    Some(list) => list.push(document, hit.info, &[]),
                    None => {
                        let mut list = PostingList::default();
                        list.push(document, hit.info, &[]);
                        self.words.insert(word.into(), list);
                    }
                }
            }
        }
    }
}

/// A hash map with a fast, non-cryptographic hash (FxHash's multiply and
/// rotate): the keys are the site's own text, and SipHash was a large share
/// of the index build.
pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

#[derive(Default)]
pub(super) struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        // Packed n-grams differ only in high bits, and the table picks
        // buckets by the low ones.
        mix(self.0)
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

/// A hash map whose keys are already well-mixed hashes: they are their own hash.
type HashedMap<V> = HashMap<u64, V, BuildHasherDefault<PassHasher>>;

#[derive(Default)]
struct PassHasher(u64);

impl Hasher for PassHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*byte);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// The documents holding one key, encoded as one stream of records (gap to
/// the document number, info byte, then the trigram positions, which carry
/// their own count) that [`PostingList::split`] cuts into the shard's three
/// parts. One buffer per key instead of three: an index holds millions of keys.
#[derive(Default)]
pub(super) struct PostingList {
    pub(super) count: u32,
    last: u32,
    /// Bytes of `records` that are positions.
    positions_length: u32,
    records: Vec<u8>,
}

impl PostingList {
    pub(super) fn push(&mut self, document: u32, info: u8, positions: &[u8]) {
        push_varint(&mut self.records, u64::from(document - self.last));
        self.last = document;
        self.count += 1;
        self.records.push(info);
        self.records.extend_from_slice(positions);
        self.positions_length += positions.len() as u32;
    }

    /// Bytes of this key in its shard.
    fn shard_bytes(&self, key: &str) -> usize {
        varint_length(key.len() as u64)
            + key.len()
            + varint_length(u64::from(self.count))
            + self.records.len()
            - self.positions_length as usize
    }

    fn positions_len(&self) -> usize {
        self.positions_length as usize
    }

    /// Append the gaps to `gaps`, the info bytes to `info` and the positions
    /// to `positions`.
    fn split(&self, gaps: &mut Vec<u8>, info: &mut Vec<u8>, positions: &mut Vec<u8>) {
        let mut at = 0;
        let records = &self.records;
        let has_positions = self.positions_length > 0;
        while at < records.len() {
            at = copy_varint(records, at, gaps);
            info.push(records[at]);
            at += 1;
            if has_positions {
                let from = at;
                let (count, next) = read_varint(records, at);
                at = next;
                for _ in 0..count {
                    at = read_varint(records, at).1;
                }
                positions.extend_from_slice(&records[from..at]);
            }
        }
    }
}

/// Copy the varint at `at` to `out`; the offset after it.
fn copy_varint(bytes: &[u8], mut at: usize, out: &mut Vec<u8>) -> usize {
    loop {
        let byte = bytes[at];
        out.push(byte);
        at += 1;
        if byte & 0x80 == 0 {
            return at;
        }
    }
}

/// The varint at `at`, and the offset after it.
pub(super) fn read_varint(bytes: &[u8], mut at: usize) -> (u64, usize) {
    let (mut value, mut shift) = (0u64, 0);
    loop {
        let byte = bytes[at];
        value |= u64::from(byte & 0x7f) << shift;
        at += 1;
        if byte & 0x80 == 0 {
            return (value, at);
        }
        shift += 7;
    }
}

fn varint_length(value: u64) -> usize {
    (64 - value.max(1).leading_zeros() as usize).div_ceil(7)
}

/// Order by UTF-16 code units, the order JavaScript compares strings in.
///
/// UTF-8 bytes sort in code point order, which is UTF-16's except between a
/// character above U+FFFF (a surrogate pair, 0xD800…) and one in
/// U+E000–U+FFFF; so only the first characters that differ are compared as
/// UTF-16, and everything before them as bytes.
pub fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    let common = a
        .bytes()
        .zip(b.bytes())
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let mut from = common;
    while !a.is_char_boundary(from) {
        from -= 1;
    }
    match (a[from..].chars().next(), b[from..].chars().next()) {
        (Some(x), Some(y)) => {
            let (mut x16, mut y16) = ([0; 2], [0; 2]);
            (*x.encode_utf16(&mut x16)).cmp(&*y.encode_utf16(&mut y16))
        }
        _ => a.len().cmp(&b.len()),
    }
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

/// Build the files of one language's index, as `(path below the index folder, bytes)`,
/// sorted by path.
pub fn build(documents: Vec<Document>, facets: &[FacetGroup]) -> Vec<(String, Vec<u8>)> {
    let files = std::sync::Mutex::new(Vec::new());
    let manifest = build_streaming(documents, facets, &|_, _| {}, &|path, bytes| {
        files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path, bytes));
    });
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.push(manifest);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// Where an index file goes as soon as it is made: path below the index
/// folder, and bytes. Called from every core.
pub type Put<'a> = &'a (dyn Fn(String, Vec<u8>) + Sync);

/// Fills in a document's text (and where its body starts) just before it is
/// indexed, given its number.
pub type Fill<'a> = &'a (dyn Fn(usize, &mut Document) + Sync);

/// Records what was put: each file's hash, for the manifest's version.
struct Hashed<'a> {
    put: Put<'a>,
    hashes: std::sync::Mutex<Vec<(String, u64)>>,
}

impl Hashed<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) {
        let mut hasher = FastHasher::default();
        hasher.write(path.as_bytes());
        hasher.write_usize(bytes.len());
        hasher.write(&bytes);
        let hash = hasher.finish();
        self.hashes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path.clone(), hash));
        (self.put)(path, bytes);
    }
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a over `bytes`, from `hash`.
fn fnv(bytes: impl Iterator<Item = u8>, mut hash: u64) -> u64 {
    for byte in bytes {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Build one language's index, handing each file to `put` as soon as it is
/// made (document files batch by batch, shards as they are cut), so the
/// index is never held whole; `fill` gives each document its text just
/// before it is read, for the same reason. Returns the manifest, made last since its
/// version is a hash of every other file.
pub fn build_streaming(
    mut documents: Vec<Document>,
    facets: &[FacetGroup],
    fill: Fill,
    put: Put,
) -> (String, Vec<u8>) {
    let put = Hashed {
        put,
        hashes: std::sync::Mutex::new(Vec::new()),
    };
    // Keys are found in a batch of documents on all cores, and each
    // document's file is written then and its text let go; then each
    // partition of the keys takes the batch's share in document order, also
    // on all cores, so posting lists come out sorted and the same each run.
    let mut partitions: Vec<Partition> = (0..PARTITIONS).map(|_| Partition::default()).collect();
    let any_folded = std::sync::atomic::AtomicBool::new(false);
    let mut runs: Vec<Runs> = Vec::with_capacity(documents.len());
    for (batch, chunk) in documents.chunks_mut(BATCH).enumerate() {
        let first = (batch * BATCH) as u32;
        let (mut keys, records): (Vec<DocumentKeys>, Vec<Vec<u8>>) = chunk
            .par_iter_mut()
            .enumerate()
            .map_init(Scratch::default, |scratch, (offset, document)| {
                fill(first as usize + offset, document);
                let keys = document_keys(document, scratch);
                let (record, folded) = document_record(document);
                if folded {
                    any_folded.store(true, std::sync::atomic::Ordering::Relaxed);
                }
                document.text = String::new();
                (keys, record)
            })
            .unzip();
        put.put(format!("d/{batch}.bin"), bundle(&records));
        partitions
            .par_iter_mut()
            .enumerate()
            .for_each(|(number, partition)| partition.add(number as u64, first, &keys));
        runs.extend(keys.iter_mut().map(|k| std::mem::take(&mut k.runs)));
    }
    // Longer keys, from the trigrams' document counts up (see `longer`).
    let threshold = longer::frequent(documents.len());
    let trigrams = partitions.iter().flat_map(|p| {
        p.grams
            .iter()
            .filter(|(key, _)| gram_length(**key) == 3)
            .map(|(key, list)| (gram_text(key & ((1 << GRAM_BITS) - 1)), list.count))
    });
    let frequent = longer::frequent_trigrams(trigrams, threshold);
    let longer_keys = longer::keys(&mut runs, frequent, threshold);
    drop(runs);
    // Every key in one list, filled one partition at a time so that each
    // partition's table is let go as its keys move (a parallel collect held
    // the tables, per-partition lists and the whole list at once).
    let total: usize = partitions
        .iter()
        .map(|p| p.grams.len() + p.words.len())
        .sum();
    let mut sorted: Vec<(String, PostingList)> = Vec::with_capacity(total);
    for partition in partitions {
        sorted.extend(
            partition
                .grams
                .into_iter()
                .map(|(key, list)| (gram_text(key & ((1 << GRAM_BITS) - 1)), list)),
        );
        sorted.extend(
            partition
                .words
                .into_iter()
                .map(|(word, list)| (word.into_string(), list)),
        );
    }
    let dictionary = write_dictionary(&sorted, &put);
    let shard_starts = write_shards(sorted, "s", &put);
    // The longer keys in shards of their own, so that a prefix scan of the
    // short keys (typos, unfinished words) does not read them.
    let long_starts = write_shards(longer_keys, "l", &put);
    put.put(
        "l/starts.json".to_string(),
        serde_json::to_vec(&long_starts).expect("keys serialise"),
    );

    for (group, facet) in facets.iter().enumerate() {
        let mut column = Vec::new();
        for document in &documents {
            let values = document.facets.get(group).map_or(&[][..], Vec::as_slice);
            push_varint(&mut column, values.len() as u64);
            for value in values {
                push_varint(&mut column, *value as u64);
            }
        }
        put.put(format!("f/{}.bin", facet.key), column);
    }
    // The length of each title, in characters, so a term that fills more of
    // a title ranks higher.
    let mut titles = Vec::new();
    for document in &documents {
        let length = text::normalise(&document.title).chars().count();
        push_varint(&mut titles, length as u64);
    }
    put.put("titles.bin".to_string(), titles);

    let mut hashes = put.hashes.into_inner().unwrap_or_else(|e| e.into_inner());
    // The folding table beside the index is fetched with this version too
    // (and may be cached as long): a new table makes a new version.
    hashes.push((
        "../t2s.txt".to_string(),
        fnv(text::T2S_TABLE.bytes(), FNV_START),
    ));
    hashes.sort();
    let version = hashes.iter().fold(FNV_START, |hash, (path, file)| {
        fnv(path.bytes().chain(file.to_le_bytes()), hash)
    });
    let manifest = Manifest {
        version: format!("{version:016x}"),
        count: documents.len(),
        folded: any_folded.into_inner(),
        shards: shard_starts,
        long: long_starts.len(),
        dictionary,
        pack: POSITIONS_PACK,
        bundle: BUNDLE,
        frequent: threshold,
        longest: longer::LONGEST,
        facets,
    };
    (
        "manifest.json".to_string(),
        serde_json::to_vec(&manifest).expect("the manifest serialises"),
    )
}

/// Shards whose trigrams' positions share one file, `p/<n / POSITIONS_PACK>.bin`:
/// positions are read with range requests anyway, and a positions file per
/// shard made a third of the index's files.
pub const POSITIONS_PACK: usize = 16;

/// Sort keys in UTF-16 order, cut them into shards and write each (as
/// `<folder>/<n>.bin`, its trigrams' positions in the positions file of its
/// pack, `p/<n / POSITIONS_PACK>.bin`, when the folder is `s`); the first key
/// of each shard.
fn write_shards(mut sorted: Vec<(String, PostingList)>, folder: &str, put: &Hashed) -> Vec<String> {
    // Without characters from U+E000 up (rare in keys: punctuation is not
    // indexed and full-width forms fold to ASCII), byte order is UTF-16
    // order, and comparing bytes is much cheaper.
    if sorted.iter().all(|(key, _)| key.bytes().all(|b| b < 0xEE)) {
        sorted.par_sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    } else {
        sorted.par_sort_unstable_by(|a, b| utf16_order(&a.0, &b.0));
    }
    // Shards are cut once the shard or its positions reach SHARD_BYTES.
    let mut cuts: Vec<std::ops::Range<usize>> = Vec::new();
    let (mut shard_length, mut positions_length, mut from) = (0, 0, 0);
    for (at, (key, list)) in sorted.iter().enumerate() {
        shard_length += list.shard_bytes(key);
        positions_length += list.positions_len();
        if shard_length >= SHARD_BYTES || positions_length >= SHARD_BYTES {
            cuts.push(from..at + 1);
            (shard_length, positions_length, from) = (0, 0, at + 1);
        }
    }
    if from < sorted.len() {
        cuts.push(from..sorted.len());
    }
    let starts: Vec<String> = cuts.iter().map(|cut| sorted[cut.start].0.clone()).collect();
    // Shards of one pack in turn, so that each knows where its positions
    // begin in the pack's positions file; packs on all cores.
    cuts.par_chunks(POSITIONS_PACK)
        .enumerate()
        .for_each(|(pack, cuts)| {
            let mut positions = Vec::new();
            for (offset, cut) in cuts.iter().enumerate() {
                let keys = &sorted[cut.clone()];
                let mut shard = Vec::with_capacity(
                    10 + keys
                        .iter()
                        .map(|(key, list)| list.shard_bytes(key))
                        .sum::<usize>(),
                );
                push_varint(&mut shard, positions.len() as u64);
                for (key, list) in keys {
                    encode_term(&mut shard, &mut positions, key, list);
                }
                let number = pack * POSITIONS_PACK + offset;
                put.put(format!("{folder}/{number}.bin"), gzip(&shard));
            }
            if !positions.is_empty() {
                put.put(format!("p/{pack}.bin"), positions);
            }
        });
    starts
}

/// Dictionary entries per part, about: a part is about 600 bytes gzipped,
/// the cost of one lookup.
const DICTIONARY_PART_KEYS: usize = 128;

/// The keys dictionary: every key of the shards with the number of documents
/// that hold it, without their posting lists, so that the forgiving search
/// (typos, words typed together) can find which keys continue a prefix and
/// how common a key is from a few small files instead of the shards. A key
/// belongs to a group ([`dictionary_group`]) and a group to the part
/// `k/<n>.bin` that [`dictionary_part`] gives; a part is, gzipped, a list of
/// groups (group, how many keys, then each key's rest and its count), sorted.
/// Returns the number of parts.
fn write_dictionary(keys: &[(String, PostingList)], put: &Hashed) -> usize {
    let parts = keys.len().div_ceil(DICTIONARY_PART_KEYS).max(1);
    let mut entries: Vec<Vec<(&str, &str, u32)>> = vec![Vec::new(); parts];
    for (key, list) in keys {
        let (group, rest) = dictionary_group(key);
        entries[dictionary_part(group, parts)].push((group, rest, list.count));
    }
    entries
        .into_par_iter()
        .enumerate()
        .for_each(|(part, mut entries)| {
            entries.sort_unstable();
            let mut out = Vec::new();
            for group in entries.chunk_by(|a, b| a.0 == b.0) {
                push_varint(&mut out, group[0].0.len() as u64);
                out.extend_from_slice(group[0].0.as_bytes());
                push_varint(&mut out, group.len() as u64);
                for (_, rest, count) in group {
                    push_varint(&mut out, rest.len() as u64);
                    out.extend_from_slice(rest.as_bytes());
                    push_varint(&mut out, u64::from(*count));
                }
            }
            put.put(format!("k/{part}.bin"), gzip(&out));
        });
    parts
}

/// A key's group in the dictionary and the rest of the key: a CJK key's
/// group is all but its last character (a single character is a group of
/// its own, with nothing after it), so the keys that continue a run by one
/// character are one group; a word's group is its first character.
pub fn dictionary_group(key: &str) -> (&str, &str) {
    let Some(first) = key.chars().next() else {
        return ("", "");
    };
    let cut = if !text::is_cjk(first) {
        first.len_utf8()
    } else if key.len() == first.len_utf8() {
        key.len()
    } else {
        key.char_indices().last().map_or(0, |(at, _)| at)
    };
    key.split_at(cut)
}

/// The dictionary part of a group: FNV-1a (32 bits) over its UTF-16 code
/// units, as `search-forgive.js` computes it, modulo the number of parts.
pub fn dictionary_part(group: &str, parts: usize) -> usize {
    let hash = group.encode_utf16().fold(0x811c_9dc5u32, |hash, unit| {
        (hash ^ u32::from(unit)).wrapping_mul(0x0100_0193)
    });
    hash as usize % parts
}

/// A document's record, gzipped JSON: URL path, title, type, where the body
/// begins (in UTF-16 code units, as JavaScript counts), the text and, when it
/// has traditional characters, the text simplified (else `""`, and `false`
/// after the record): `search.js` checks a long term against the text
/// instead of the positions when few entries are candidates, and the index
/// finds both spellings.
fn document_record(document: &Document) -> (Vec<u8>, bool) {
    let simplified = text::simplify_text(&document.text);
    let folded = if simplified == document.text {
        ""
    } else {
        simplified.as_str()
    };
    let record = (
        &document.path,
        &document.title,
        document.entry_type,
        utf16_offset(&document.text, document.body_start),
        &document.text,
        folded,
    );
    (
        gzip(&serde_json::to_vec(&record).expect("JSON values serialise")),
        !folded.is_empty(),
    )
}

/// gzip at the default level; the header holds no time, so output is the
/// same every build.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3 + 32),
        flate2::Compression::default(),
    );
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// A bundle file: [`BUNDLE`] + 1 offsets (u32, little-endian, from the
/// file's start) where each record begins and the last one ends, then the
/// records. A reader fetches the offsets and then one record, each with a
/// range request.
fn bundle(records: &[Vec<u8>]) -> Vec<u8> {
    let header = 4 * (BUNDLE + 1);
    let total = header + records.iter().map(Vec::len).sum::<usize>();
    let mut out = Vec::with_capacity(total);
    let mut at = header;
    out.extend_from_slice(&(at as u32).to_le_bytes());
    for index in 0..BUNDLE {
        at += records.get(index).map_or(0, Vec::len);
        out.extend_from_slice(&(at as u32).to_le_bytes());
    }
    for record in records {
        out.extend_from_slice(record);
    }
    out
}

/// The records of a bundle file, unzipped: each document's JSON.
pub fn bundle_records(bytes: &[u8]) -> Vec<Vec<u8>> {
    use std::io::Read;
    let offset = |index: usize| {
        let at = 4 * index;
        u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize
    };
    (0..BUNDLE)
        .map(|index| (offset(index), offset(index + 1)))
        .filter(|(from, to)| from < to)
        .map(|(from, to)| {
            let mut json = Vec::new();
            flate2::read::GzDecoder::new(&bytes[from..to])
                .read_to_end(&mut json)
                .expect("a record is gzipped");
            json
        })
        .collect()
}

/// How a key's positions are stored, in the two low bits of the stored
/// length its shard gives ([`stored_positions`]).
pub const POSITIONS_PLAIN: u64 = 0;
pub const POSITIONS_GZIPPED: u64 = 1;
/// Each position as two bytes (little-endian), document after document, as
/// many as the info byte's count: a reader finds one document's positions
/// from the info bytes it already has and reads them alone with a range
/// request, so a common trigram costs only its candidates' positions.
pub const POSITIONS_FIXED: u64 = 2;

/// Positions of one key from this many bytes (varints) up are stored fixed
/// ([`POSITIONS_FIXED`]) when they fit: the trigrams that a long phrase
/// cannot avoid and whose whole list would cost tens of kilobytes.
const FIXED_POSITIONS: usize = 8 * 1024;

/// The positions of one key as [`POSITIONS_FIXED`] stores them, given the
/// key's info bytes and its positions as varints (per document, how many,
/// then the gaps); `None` unless every document's count is exact in its info
/// byte (below [`MAX_COUNT`]) and every position is below 65,536.
fn fixed_positions(info: &[u8], raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len() * 2);
    let mut at = 0;
    for byte in info {
        let (count, next) = read_varint(raw, at);
        at = next;
        if count != u64::from(byte >> 2) || count >= u64::from(MAX_COUNT) {
            return None;
        }
        let mut position = 0u64;
        for _ in 0..count {
            let (gap, next) = read_varint(raw, at);
            at = next;
            position += gap;
            out.extend_from_slice(&u16::try_from(position).ok()?.to_le_bytes());
        }
    }
    Some(out)
}

/// A key's positions as stored: as they are, gzipped when longer than
/// [`PLAIN_POSITIONS`], or fixed ([`fixed_positions`]) when longer than
/// [`FIXED_POSITIONS`] and they fit; with the length the shard records
/// (times four, plus the form: [`POSITIONS_PLAIN`], [`POSITIONS_GZIPPED`]
/// or [`POSITIONS_FIXED`]).
fn stored_positions(info: &[u8], raw: &[u8]) -> (Vec<u8>, u64) {
    let (stored, form) = if raw.len() <= PLAIN_POSITIONS {
        (raw.to_vec(), POSITIONS_PLAIN)
    } else if let Some(fixed) = (raw.len() >= FIXED_POSITIONS)
        .then(|| fixed_positions(info, raw))
        .flatten()
    {
        (fixed, POSITIONS_FIXED)
    } else {
        (gzip(raw), POSITIONS_GZIPPED)
    };
    let length = (stored.len() as u64) << 2 | form;
    (stored, length)
}

/// A key in a shard: its UTF-8 bytes (length first), how many documents
/// hold it, the gaps between their numbers, then one info byte per document
/// (bit 0 in the title, bit 1 before the body, bits 2–7 the count, at most
/// 63). A trigram's positions go to the shard's positions file (per
/// document, how many, then the gaps between them; see [`stored_positions`]),
/// and the shard gives their stored length after the info bytes, so a reader
/// fetches one key's positions with a range request.
fn encode_term(out: &mut Vec<u8>, positions: &mut Vec<u8>, key: &str, list: &PostingList) {
    push_varint(out, key.len() as u64);
    out.extend_from_slice(key.as_bytes());
    push_varint(out, u64::from(list.count));
    let mut info = Vec::with_capacity(list.count as usize);
    let mut own = Vec::with_capacity(list.positions_len());
    list.split(out, &mut info, &mut own);
    out.extend_from_slice(&info);
    if is_trigram(key) {
        let (stored, length) = stored_positions(&info, &own);
        push_varint(out, length);
        positions.extend_from_slice(&stored);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Characters from each range where byte order and UTF-16 order differ
    /// or agree: ASCII, CJK, private use and specials (U+E000–U+FFFF) and
    /// beyond the BMP.
    fn mixed_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                'a', 'b', 'c', '中', '丢', '\u{E000}', '\u{E001}', '\u{FFFD}', '𠀀', '𠀁',
            ]),
            0..6,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        #[test]
        fn utf16_order_is_the_order_of_utf16_code_units(a in mixed_text(), b in mixed_text()) {
            prop_assert_eq!(utf16_order(&a, &b), a.encode_utf16().cmp(b.encode_utf16()));
        }
    }

    /// Keys of every shard, in the order the files hold them.
    fn stored_keys(documents: Vec<Document>) -> Vec<String> {
        let reader = super::super::query::Reader::new(build(documents, &[]));
        (0..reader.shard_count())
            .flat_map(|shard| reader.shard(shard).into_iter().map(|(key, _)| key))
            .collect()
    }

    fn document_of(text: &str) -> Document {
        Document {
            path: "x/".into(),
            title: String::new(),
            entry_type: "achievement",
            text: text.into(),
            body_start: 0,
            facets: Vec::new(),
        }
    }

    #[test]
    fn keys_are_stored_in_utf16_order_with_or_without_characters_above_u_e000() {
        // U+F900 (a compatibility ideograph) sorts after U+20000 in UTF-16,
        // before it in UTF-8.
        for texts in [
            ["中文 科学城 park", "科学 parks"],
            [
                "中文 \u{F900} \u{20000} 科学城 park",
                "科学 parks \u{20001}\u{F900}",
            ],
        ] {
            let keys = stored_keys(texts.map(document_of).to_vec());
            let mut sorted = keys.clone();
            sorted.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
            assert!(keys.len() > 10);
            assert_eq!(keys, sorted, "for {texts:?}");
        }
    }

    #[test]
    fn run_grams_gives_every_character_pair_and_triple_at_its_offset() {
        let run: Vec<char> = "西部科学城".chars().collect();
        let mut given = Vec::new();
        run_grams(&run, |packed, at| given.push((packed, at)));
        let mut expected: Vec<(u64, usize)> = (1..=3)
            .flat_map(|length| {
                run.windows(length)
                    .enumerate()
                    .map(|(at, window)| (pack_gram(window), at))
                    .collect::<Vec<_>>()
            })
            .collect();
        let triples: Vec<usize> = given
            .iter()
            .filter(|(packed, _)| gram_length(*packed) == 3)
            .map(|(_, at)| *at)
            .collect();
        assert_eq!(triples, vec![0, 1, 2], "triples in text order");
        given.sort_unstable();
        expected.sort_unstable();
        assert_eq!(given, expected);
        assert_eq!(gram_text(expected[0].0).chars().count(), 1);
    }

    /// Every trigram's positions as the reader finds them, by key: for each
    /// document of its posting, its number and offsets.
    fn trigram_positions(files: Vec<(String, Vec<u8>)>) -> HashMap<String, Vec<(u32, Vec<u32>)>> {
        let reader = super::super::query::Reader::new(files);
        (0..reader.shard_count())
            .flat_map(|shard| reader.shard(shard))
            .filter(|(key, _)| is_trigram(key))
            .map(|(key, p)| (key, p.numbers.into_iter().zip(p.positions).collect()))
            .collect()
    }

    #[test]
    fn a_common_trigram_is_stored_fixed_and_read_back_the_same() {
        // 科学城 in 3,000 documents at offsets that differ by document, so
        // its positions as varints pass FIXED_POSITIONS; 园区 only in a few.
        let documents: Vec<Document> = (0..3000)
            .map(|n| {
                let before = "中".repeat(n % 7);
                document_of(&format!(
                    "{before}科学城 园区科学城{}",
                    "西".repeat(n % 300)
                ))
            })
            .collect();
        let files = build(documents, &[]);
        let positions = trigram_positions(files.clone());
        let list = &positions["科学城"];
        assert_eq!(list.len(), 3000);
        for (number, offsets) in list {
            let n = *number as usize % 7;
            assert_eq!(offsets, &vec![n as u32, n as u32 + 5], "document {number}");
        }
        // Stored fixed: two bytes a position, 12,000 bytes, in the shard's
        // stored length with the form in its two low bits.
        let reader = super::super::query::Reader::new(files);
        let forms = reader.stored_forms("科学城");
        assert_eq!(forms, (POSITIONS_FIXED, 12_000));
    }

    #[test]
    fn positions_stay_varints_when_a_count_is_not_exact_or_a_position_is_too_far() {
        let info = [count_bits(2), count_bits(1)];
        let mut raw = Vec::new();
        for (count, gaps) in [(2u64, vec![3u64, 4]), (1, vec![70_000])] {
            push_varint(&mut raw, count);
            gaps.iter().for_each(|gap| push_varint(&mut raw, *gap));
        }
        assert_eq!(fixed_positions(&info, &raw), None, "a position past 65,535");
        let mut raw = Vec::new();
        push_varint(&mut raw, 2);
        push_varint(&mut raw, 3);
        push_varint(&mut raw, 4);
        assert_eq!(
            fixed_positions(&[count_bits(1)], &raw),
            None,
            "a count that differs"
        );
        let many: Vec<u8> = std::iter::once(63u8)
            .chain(std::iter::repeat_n(1, 63))
            .collect();
        assert_eq!(
            fixed_positions(&[count_bits(63)], &many),
            None,
            "a count at the cap"
        );
        // Counts exact and positions near: two bytes each, gaps added up.
        assert_eq!(
            fixed_positions(&[count_bits(2), count_bits(1)], &[2, 3, 4, 1, 200, 1]),
            Some(vec![3, 0, 7, 0, 200, 0])
        );
    }

    #[test]
    fn a_character_beyond_the_bmp_sorts_before_a_private_use_one_as_in_javascript() {
        assert_eq!(utf16_order("𠀀", "\u{E000}"), std::cmp::Ordering::Less);
        assert_eq!(utf16_order("中𠀀", "中\u{FFFD}"), std::cmp::Ordering::Less);
        assert_eq!(utf16_order("ab", "abc"), std::cmp::Ordering::Less);
    }
}
