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

/// Key partitions: each document's keys are cut into this many groups by a
/// hash, and each group gathers its posting lists on its own, on all cores.
const PARTITIONS: usize = 16;
const _: () = assert!(PARTITIONS.is_power_of_two() && PARTITIONS <= 256);
/// Bits of a packed n-gram, below the partition number.
const GRAM_BITS: u32 = 56;

/// A CJK character, pair or triple packed into a number: two bits of length,
/// then 18 bits per character (CJK code points are below 0x40000). Packing
/// avoids a string per n-gram.
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

/// A packed n-gram with its partition number in the top byte.
fn with_partition(packed: u64) -> u64 {
    ((mix(packed) % PARTITIONS as u64) << GRAM_BITS) | packed
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
    /// The packed n-gram, partition number on top; the list is sorted by it.
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

/// The keys of one document, sorted so that each partition's share is one run.
#[derive(Default)]
struct DocumentKeys {
    grams: Vec<GramHit>,
    /// Trigram positions, already encoded as the positions file holds them.
    positions: Vec<u8>,
    /// Sorted by hash, then text.
    word_hits: Vec<WordHit>,
    words: String,
}

impl DocumentKeys {
    fn word(&self, hit: &WordHit) -> &str {
        &self.words[hit.text.0 as usize..hit.text.1 as usize]
    }

    fn grams_of(&self, partition: u64) -> &[GramHit] {
        let from = self
            .grams
            .partition_point(|g| g.key >> GRAM_BITS < partition);
        let to = self
            .grams
            .partition_point(|g| g.key >> GRAM_BITS <= partition);
        &self.grams[from..to]
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

    fn find_word(&self, hash: u64, word: &str) -> Option<usize> {
        self.word_hits
            .binary_search_by(|hit| (hit.hash, self.word(hit)).cmp(&(hash, word)))
            .ok()
    }
}

/// Buffers reused from one document to the next on one thread.
#[derive(Default)]
struct Scratch {
    /// (packed n-gram with partition, character offset where it begins).
    grams: Vec<(u64, u32)>,
    /// (hash, text range in `stems`, first occurrence before the body).
    words: Vec<(u64, u32, u32, bool)>,
    stems: String,
    word: String,
    run: Vec<char>,
}

/// Calls `each` with every character, pair and triple of a CJK run and its
/// offset in the run.
fn run_grams(run: &[char], mut each: impl FnMut(u64, usize)) {
    for length in 1..=3 {
        for (start, window) in run.windows(length).enumerate() {
            each(pack_gram(window), start);
        }
    }
}

/// The keys of one document with their occurrences: characters, pairs and
/// triples of CJK runs (triples with positions), stems of words. A key is
/// "before the body" when an occurrence lies within the normalised text
/// before the body, which is a prefix of the whole normalised text.
fn document_keys(document: &Document, scratch: &mut Scratch) -> DocumentKeys {
    let (normalised, head_length) = text::normalise_marked(&document.text, document.body_start);
    let Scratch {
        grams,
        words,
        stems,
        word,
        run,
    } = scratch;
    grams.clear();
    words.clear();
    stems.clear();
    let flush_run = |run: &mut Vec<char>, start: usize, grams: &mut Vec<(u64, u32)>| {
        run_grams(run, |packed, offset| {
            grams.push((with_partition(packed), (start + offset) as u32));
        });
        run.clear();
    };
    let mut flush_word =
        |word: &mut String, start: usize, words: &mut Vec<(u64, u32, u32, bool)>| {
            let head = start + word.chars().count() <= head_length;
            text::stem_in_place(word);
            let from = stems.len() as u32;
            stems.push_str(word);
            words.push((word_hash(word), from, stems.len() as u32, head));
            word.clear();
        };
    // The same cut as `text::terms_with_offsets`: runs of CJK characters and
    // of word characters; anything else separates them.
    let mut start = 0;
    for (offset, c) in normalised.chars().enumerate() {
        if text::is_cjk(c) {
            if !word.is_empty() {
                flush_word(word, start, words);
            }
            if run.is_empty() {
                start = offset;
            }
            run.push(c);
        } else if text::is_word_char(c) {
            if !run.is_empty() {
                flush_run(run, start, grams);
            }
            if word.is_empty() {
                start = offset;
            }
            word.push(c);
        } else {
            if !run.is_empty() {
                flush_run(run, start, grams);
            }
            if !word.is_empty() {
                flush_word(word, start, words);
            }
        }
    }
    if !run.is_empty() {
        flush_run(run, start, grams);
    }
    if !word.is_empty() {
        flush_word(word, start, words);
    }
    drop(normalised);

    let mut keys = DocumentKeys::default();
    grams.sort_unstable();
    for same in grams.chunk_by(|a, b| a.0 == b.0) {
        let key = same[0].0;
        let length = gram_length(key);
        let head = same[0].1 as usize + length <= head_length;
        let from = keys.positions.len() as u32;
        if length == 3 {
            push_varint(&mut keys.positions, same.len() as u64);
            let mut previous = 0;
            for (_, position) in same {
                push_varint(&mut keys.positions, u64::from(position - previous));
                previous = *position;
            }
        }
        keys.grams.push(GramHit {
            key,
            info: if head { IN_HEAD } else { 0 } | count_bits(same.len()),
            positions: (from, keys.positions.len() as u32),
        });
    }
    let text_of = |range: &(u64, u32, u32, bool)| &stems[range.1 as usize..range.2 as usize];
    words.sort_unstable_by(|a, b| (a.0, text_of(a)).cmp(&(b.0, text_of(b))));
    for same in words.chunk_by(|a, b| a.0 == b.0 && text_of(a) == text_of(b)) {
        let from = keys.words.len() as u32;
        keys.words.push_str(text_of(&same[0]));
        let head = same.iter().any(|w| w.3);
        keys.word_hits.push(WordHit {
            hash: same[0].0,
            text: (from, keys.words.len() as u32),
            info: if head { IN_HEAD } else { 0 } | count_bits(same.len()),
        });
    }

    let title = text::normalise(&document.title);
    for term in text::terms(&title) {
        match term {
            Term::Cjk(cjk) => {
                let chars: Vec<char> = cjk.chars().collect();
                run_grams(&chars, |packed, _| {
                    let key = with_partition(packed);
                    if let Ok(at) = keys.grams.binary_search_by_key(&key, |g| g.key) {
                        keys.grams[at].info |= IN_TITLE;
                    }
                });
            }
            Term::Word(mut stem) => {
                text::stem_in_place(&mut stem);
                if let Some(at) = keys.find_word(word_hash(&stem), &stem) {
                    keys.word_hits[at].info |= IN_TITLE;
                }
            }
        }
    }
    keys
}

/// Bits 2–7 of an info byte: the occurrence count, at most [`MAX_COUNT`].
fn count_bits(count: usize) -> u8 {
    (count.min(usize::from(MAX_COUNT)) as u8) << 2
}

/// Documents whose keys are found together, on all cores; a batch's keys are
/// all that is held besides the posting lists.
const BATCH: usize = 512;

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
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

#[derive(Default)]
struct FastHasher(u64);

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

/// The documents holding one key, kept encoded as the shard holds them:
/// gaps between document numbers, info bytes, trigram positions.
#[derive(Default)]
struct PostingList {
    count: u32,
    last: u32,
    gaps: Vec<u8>,
    info: Vec<u8>,
    positions: Vec<u8>,
}

impl PostingList {
    fn push(&mut self, document: u32, info: u8, positions: &[u8]) {
        push_varint(&mut self.gaps, u64::from(document - self.last));
        self.last = document;
        self.count += 1;
        self.info.push(info);
        self.positions.extend_from_slice(positions);
    }

    /// Bytes of this key in its shard.
    fn shard_bytes(&self, key: &str) -> usize {
        varint_length(key.len() as u64)
            + key.len()
            + varint_length(u64::from(self.count))
            + self.gaps.len()
            + self.info.len()
    }
}

fn varint_length(value: u64) -> usize {
    (64 - value.max(1).leading_zeros() as usize).div_ceil(7)
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
    // Keys are found in a batch of documents on all cores; then each
    // partition of the keys takes the batch's share in document order, also
    // on all cores, so posting lists come out sorted and the same each run.
    let mut partitions: Vec<Partition> = (0..PARTITIONS).map(|_| Partition::default()).collect();
    for (batch, chunk) in documents.chunks(BATCH).enumerate() {
        let keys: Vec<DocumentKeys> = chunk
            .par_iter()
            .map_init(Scratch::default, |scratch, document| {
                document_keys(document, scratch)
            })
            .collect();
        let first = (batch * BATCH) as u32;
        partitions
            .par_iter_mut()
            .enumerate()
            .for_each(|(number, partition)| partition.add(number as u64, first, &keys));
    }
    let mut sorted: Vec<(String, PostingList)> = partitions
        .into_par_iter()
        .flat_map_iter(|partition| {
            let grams = partition
                .grams
                .into_iter()
                .map(|(key, list)| (gram_text(key & ((1 << GRAM_BITS) - 1)), list));
            let words = partition
                .words
                .into_iter()
                .map(|(word, list)| (word.into_string(), list));
            grams.chain(words).collect::<Vec<_>>()
        })
        .collect();
    sorted.par_sort_unstable_by(|a, b| utf16_order(&a.0, &b.0));

    // Shards are cut where the old one-by-one writer cut them: once the shard
    // or its positions reach SHARD_BYTES.
    let mut cuts: Vec<std::ops::Range<usize>> = Vec::new();
    let (mut shard_length, mut positions_length, mut from) = (0, 0, 0);
    for (at, (key, list)) in sorted.iter().enumerate() {
        shard_length += list.shard_bytes(key);
        positions_length += list.positions.len();
        if shard_length >= SHARD_BYTES || positions_length >= SHARD_BYTES {
            cuts.push(from..at + 1);
            (shard_length, positions_length, from) = (0, 0, at + 1);
        }
    }
    if from < sorted.len() {
        cuts.push(from..sorted.len());
    }
    let shard_starts: Vec<String> = cuts.iter().map(|cut| sorted[cut.start].0.clone()).collect();
    let shard_files: Vec<Vec<(String, Vec<u8>)>> = cuts
        .into_par_iter()
        .enumerate()
        .map(|(number, cut)| {
            let keys = &sorted[cut];
            let mut shard =
                Vec::with_capacity(keys.iter().map(|(key, list)| list.shard_bytes(key)).sum());
            let mut positions =
                Vec::with_capacity(keys.iter().map(|(_, list)| list.positions.len()).sum());
            for (key, list) in keys {
                encode_term(&mut shard, key, list);
                positions.extend_from_slice(&list.positions);
            }
            let mut files = vec![(format!("s/{number}.bin"), shard)];
            if !positions.is_empty() {
                files.push((format!("p/{number}.bin"), positions));
            }
            files
        })
        .collect();
    drop(sorted);
    let mut files: Vec<(String, Vec<u8>)> = shard_files.into_iter().flatten().collect();

    let records: Vec<(String, Vec<u8>)> = documents
        .par_iter()
        .enumerate()
        .map(|(number, document)| {
            let record = (
                &document.path,
                &document.title,
                document.entry_type,
                utf16_offset(&document.text, document.body_start),
                &document.text,
            );
            (
                format!("d/{number}.json"),
                serde_json::to_vec(&record).expect("JSON values serialise"),
            )
        })
        .collect();
    files.extend(records);

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
/// 63). A trigram's positions go to the shard's positions file: per
/// document, how many, then the gaps between them.
fn encode_term(out: &mut Vec<u8>, key: &str, list: &PostingList) {
    push_varint(out, key.len() as u64);
    out.extend_from_slice(key.as_bytes());
    push_varint(out, u64::from(list.count));
    out.extend_from_slice(&list.gaps);
    out.extend_from_slice(&list.info);
}
