//! A reader of the index files that answers queries the way `search.js`
//! does, so tests can check the files against a brute-force search.

use std::collections::{BTreeSet, HashMap};

use super::index::{
    BUNDLE, POSITIONS_FIXED, POSITIONS_GZIPPED, POSITIONS_PACK, POSITIONS_PLAIN, bundle_records,
    dictionary_part, is_trigram, utf16_order,
};
use super::text::{self, Term};

pub struct Reader {
    files: HashMap<String, Vec<u8>>,
    shards: Vec<String>,
    long: Vec<String>,
    pub count: usize,
    dictionary_parts: usize,
    frequent: usize,
    longest: usize,
}

/// One key of a shard: document numbers, info bytes and, for trigrams, positions.
pub struct Posting {
    pub numbers: Vec<u32>,
    pub info: Vec<u8>,
    pub positions: Vec<Vec<u32>>,
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("gzipped");
    out
}

/// [`read_varint`](super::index::read_varint), moving `at` past it.
fn read_varint(bytes: &[u8], at: &mut usize) -> u64 {
    let (value, next) = super::index::read_varint(bytes, *at);
    *at = next;
    value
}

/// Positions stored as varints: per document, how many, then the gaps.
fn varint_positions(bytes: &[u8], documents: usize) -> Vec<Vec<u32>> {
    let mut at = 0;
    (0..documents)
        .map(|_| {
            let n = read_varint(bytes, &mut at) as usize;
            read_gaps(bytes, &mut at, n)
        })
        .collect()
}

/// Positions stored fixed: two bytes each, as many per document as its info
/// byte counts, as `search.js` reads one document's alone.
fn fixed_positions(bytes: &[u8], info: &[u8]) -> Vec<Vec<u32>> {
    let mut at = 0;
    info.iter()
        .map(|byte| {
            let count = usize::from(byte >> 2);
            let positions = bytes[at..at + 2 * count]
                .chunks_exact(2)
                .map(|pair| u32::from(u16::from_le_bytes([pair[0], pair[1]])))
                .collect();
            at += 2 * count;
            positions
        })
        .collect()
}

fn read_gaps(bytes: &[u8], at: &mut usize, count: usize) -> Vec<u32> {
    let mut previous = 0u32;
    (0..count)
        .map(|_| {
            previous += read_varint(bytes, at) as u32;
            previous
        })
        .collect()
}

impl Reader {
    pub fn new(files: Vec<(String, Vec<u8>)>) -> Reader {
        let files: HashMap<String, Vec<u8>> = files.into_iter().collect();
        let manifest: serde_json::Value =
            serde_json::from_slice(&files["manifest.json"]).expect("the manifest is JSON");
        Reader {
            shards: manifest["shards"]
                .as_array()
                .expect("shards are listed")
                .iter()
                .map(|v| v.as_str().expect("shard keys are strings").to_string())
                .collect(),
            long: serde_json::from_slice(&files["l/starts.json"])
                .expect("the longer keys' shards are listed"),
            count: manifest["count"].as_u64().expect("a count") as usize,
            dictionary_parts: manifest["dictionary"].as_u64().expect("dictionary parts") as usize,
            frequent: manifest["frequent"].as_u64().expect("frequent") as usize,
            longest: manifest["longest"].as_u64().expect("longest") as usize,
            files,
        }
    }

    pub fn shard_count(&self) -> usize {
        self.shards.len()
    }

    /// Every key of shard `index`, in the order they are stored.
    pub fn shard(&self, index: usize) -> Vec<(String, Posting)> {
        self.shard_file(
            &format!("s/{index}.bin"),
            &format!("p/{}.bin", index / POSITIONS_PACK),
        )
    }

    /// The documents of a longer key (four characters or more), none if it
    /// is not one.
    fn long_documents(&self, key: &str) -> BTreeSet<u32> {
        let after = self
            .long
            .partition_point(|start| utf16_order(start, key).is_le());
        let Some(index) = after.checked_sub(1) else {
            return BTreeSet::new();
        };
        self.shard_file(&format!("l/{index}.bin"), "")
            .into_iter()
            .find(|(k, _)| k == key)
            .map(|(_, posting)| posting.numbers.into_iter().collect())
            .unwrap_or_default()
    }

    /// Every key of a shard file, with the positions from `positions` for trigrams.
    fn shard_file(&self, path: &str, positions: &str) -> Vec<(String, Posting)> {
        let bytes = &gunzip(&self.files[path]);
        let mut at = 0;
        // Where this shard's positions begin in its pack's positions file.
        let base = read_varint(bytes, &mut at) as usize;
        let mut keys = Vec::new();
        // Each trigram's stored positions: (form, length).
        let mut stored = Vec::new();
        while at < bytes.len() {
            let length = read_varint(bytes, &mut at) as usize;
            let key = String::from_utf8(bytes[at..at + length].to_vec()).expect("UTF-8 keys");
            at += length;
            let df = read_varint(bytes, &mut at) as usize;
            let numbers = read_gaps(bytes, &mut at, df);
            let info = bytes[at..at + df].to_vec();
            at += df;
            if is_trigram(&key) {
                let length = read_varint(bytes, &mut at);
                stored.push((length & 3, (length >> 2) as usize));
            }
            let positions = Vec::new();
            keys.push((
                key,
                Posting {
                    numbers,
                    info,
                    positions,
                },
            ));
        }
        if let Some(file) = self.files.get(positions) {
            let mut from = base;
            let trigrams = keys.iter_mut().filter(|(key, _)| is_trigram(key));
            for ((_, posting), (form, length)) in trigrams.zip(stored) {
                let part = &file[from..from + length];
                from += length;
                posting.positions = match form {
                    POSITIONS_FIXED => fixed_positions(part, &posting.info),
                    POSITIONS_GZIPPED => varint_positions(&gunzip(part), posting.numbers.len()),
                    POSITIONS_PLAIN => varint_positions(part, posting.numbers.len()),
                    _ => panic!("{path}: unknown positions form {form}"),
                };
            }
        }
        keys
    }

    /// How the positions of trigram `key` are stored: the form and the
    /// stored length its shard gives.
    pub fn stored_forms(&self, key: &str) -> (u64, usize) {
        let shard = self.shards_between(key, key);
        let bytes = gunzip(&self.files[&format!("s/{}.bin", shard.start())]);
        let mut at = 0;
        read_varint(&bytes, &mut at);
        while at < bytes.len() {
            let length = read_varint(&bytes, &mut at) as usize;
            let this = std::str::from_utf8(&bytes[at..at + length]).expect("UTF-8 keys");
            let found = this == key;
            at += length;
            let df = read_varint(&bytes, &mut at) as usize;
            read_gaps(&bytes, &mut at, df);
            at += df;
            if !is_trigram(this) {
                continue;
            }
            let stored = read_varint(&bytes, &mut at);
            if found {
                return (stored & 3, (stored >> 2) as usize);
            }
        }
        panic!("{key} is not in its shard")
    }

    /// The keys of a dictionary group ([`super::index::dictionary_group`]), each with the
    /// number of documents that hold it, as `search-forgive.js` reads them.
    pub fn dictionary(&self, group: &str) -> Vec<(String, u32)> {
        let parts = self.dictionary_parts;
        let bytes = gunzip(&self.files[&format!("k/{}.bin", dictionary_part(group, parts))]);
        let mut at = 0;
        let text = |bytes: &[u8], at: &mut usize| {
            let length = read_varint(bytes, at) as usize;
            *at += length;
            String::from_utf8(bytes[*at - length..*at].to_vec()).expect("UTF-8 keys")
        };
        while at < bytes.len() {
            let name = text(&bytes, &mut at);
            let count = read_varint(&bytes, &mut at) as usize;
            let keys: Vec<(String, u32)> = (0..count)
                .map(|_| {
                    let rest = text(&bytes, &mut at);
                    (format!("{name}{rest}"), read_varint(&bytes, &mut at) as u32)
                })
                .collect();
            if name == group {
                return keys;
            }
        }
        Vec::new()
    }

    /// The shards that may hold keys from `low` up to `high`, both included.
    fn shards_between(&self, low: &str, high: &str) -> std::ops::RangeInclusive<usize> {
        let last_at_or_before = |key: &str| {
            self.shards
                .partition_point(|start| utf16_order(start, key).is_le())
                .saturating_sub(1)
        };
        last_at_or_before(low)..=last_at_or_before(high)
    }

    fn documents_with(&self, key: &str, prefix: bool) -> BTreeSet<u32> {
        if self.shards.is_empty() {
            return BTreeSet::new();
        }
        let high = if prefix {
            format!("{key}\u{ffff}")
        } else {
            key.to_string()
        };
        let mut found = BTreeSet::new();
        for index in self.shards_between(key, &high) {
            for (term, posting) in self.shard(index) {
                if term == key || (prefix && term.starts_with(key)) {
                    found.extend(posting.numbers);
                }
            }
        }
        found
    }

    /// Positions of a trigram, by document.
    fn positions(&self, key: &str) -> HashMap<u32, Vec<u32>> {
        if self.shards.is_empty() {
            return HashMap::new();
        }
        let index = *self.shards_between(key, key).start();
        self.shard(index)
            .into_iter()
            .find(|(k, _)| k == key)
            .map(|(_, p)| p.numbers.into_iter().zip(p.positions).collect())
            .unwrap_or_default()
    }

    /// The text of document `number`.
    pub fn text(&self, number: usize) -> String {
        self.record(number)[4].as_str().expect("a text").to_string()
    }

    fn record(&self, number: usize) -> serde_json::Value {
        let bundle = &self.files[&format!("d/{}.bin", number / BUNDLE)];
        let json = &bundle_records(bundle)[number % BUNDLE];
        serde_json::from_slice(json).expect("JSON")
    }

    /// Whether document `number`'s normalised text, as written or
    /// simplified, holds `run`.
    fn text_holds(&self, number: u32, run: &str) -> bool {
        let record = self.record(number as usize);
        [4, 5].iter().any(|field| {
            let text = record[field].as_str().unwrap_or_default();
            !text.is_empty() && text::normalise(text).contains(run)
        })
    }

    /// Documents holding a CJK run of four or more characters, found as
    /// `search.js` finds them: from its longest prefix that is a key (see
    /// [`super::longer`]).
    fn long_run(&self, run: &str) -> BTreeSet<u32> {
        let chars: Vec<char> = run.chars().collect();
        for length in (3..=chars.len().min(self.longest)).rev() {
            let key: String = chars[..length].iter().collect();
            let found = if length > 3 {
                self.long_documents(&key)
            } else {
                self.documents_with(&key, false)
            };
            if found.is_empty() {
                continue;
            }
            return if length == chars.len() {
                found
            } else if found.len() < self.frequent {
                found
                    .into_iter()
                    .filter(|number| self.text_holds(*number, run))
                    .collect()
            } else if length < self.longest {
                BTreeSet::new()
            } else {
                self.aligned(run)
            };
        }
        BTreeSet::new()
    }

    /// Documents holding a CJK run of four or more characters: where its
    /// first trigram begins at p, the one at offset i must begin at p + i,
    /// for the offsets of [`cover`].
    fn aligned(&self, run: &str) -> BTreeSet<u32> {
        let chars: Vec<char> = run.chars().collect();
        let trigrams: Vec<(u32, HashMap<u32, Vec<u32>>)> = cover(chars.len())
            .into_iter()
            .map(|i| {
                let key: String = chars[i..i + 3].iter().collect();
                (i as u32, self.positions(&key))
            })
            .collect();
        trigrams[0]
            .1
            .iter()
            .filter(|(number, starts)| {
                starts.iter().any(|p| {
                    trigrams.iter().skip(1).all(|(i, other)| {
                        other
                            .get(number)
                            .is_some_and(|ps| ps.binary_search(&(p + i)).is_ok())
                    })
                })
            })
            .map(|(number, _)| *number)
            .collect()
    }

    /// The documents matching every term of `query`, by number.
    pub fn search(&self, query: &str) -> BTreeSet<u32> {
        let mut result: Option<BTreeSet<u32>> = None;
        for term in text::query_terms(query) {
            let matches = match term {
                Term::Cjk(run) if run.chars().count() <= 3 => self.documents_with(&run, false),
                Term::Cjk(run) => self.long_run(&run),
                Term::Word(word) => {
                    self.documents_with(&text::stem(&word), text::matches_as_prefix(&word))
                }
            };
            result = Some(match result {
                None => matches,
                Some(r) => r.intersection(&matches).copied().collect(),
            });
        }
        result.unwrap_or_default()
    }
}

/// The offsets of trigrams that cover a run of `length` (four or more)
/// characters: 0, 3, 6, … and the last, length − 3. Every character lies in
/// one of them, so they line up exactly where the whole run occurs.
pub fn cover(length: usize) -> Vec<usize> {
    let mut offsets: Vec<usize> = (0..=length - 3).step_by(3).collect();
    if offsets.last() != Some(&(length - 3)) {
        offsets.push(length - 3);
    }
    offsets
}
