//! A reader of the index files that answers queries the way `search.js`
//! does, so tests can check the files against a brute-force search.

use std::collections::{BTreeSet, HashMap};

use super::index::utf16_order;
use super::text::{self, Term};

pub struct Reader {
    files: HashMap<String, Vec<u8>>,
    shards: Vec<String>,
    chunks: Vec<usize>,
    pub count: usize,
}

fn read_varint(bytes: &[u8], at: &mut usize) -> u64 {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let byte = bytes[*at];
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return value;
        }
        shift += 7;
    }
}

impl Reader {
    pub fn new(files: Vec<(String, Vec<u8>)>) -> Reader {
        let files: HashMap<String, Vec<u8>> = files.into_iter().collect();
        let manifest: serde_json::Value =
            serde_json::from_slice(&files["manifest.json"]).expect("the manifest is JSON");
        let strings = |name: &str| -> Vec<serde_json::Value> {
            manifest[name].as_array().cloned().unwrap_or_default()
        };
        Reader {
            shards: strings("shards")
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect(),
            chunks: strings("chunks")
                .iter()
                .map(|v| v.as_u64().unwrap() as usize)
                .collect(),
            count: manifest["count"].as_u64().unwrap() as usize,
            files,
        }
    }

    /// Every term of shard `index` with its document numbers and info bytes.
    pub fn shard(&self, index: usize) -> Vec<(String, Vec<u32>, Vec<u8>)> {
        let bytes = &self.files[&format!("s/{index}.bin")];
        let mut at = 0;
        let mut terms = Vec::new();
        while at < bytes.len() {
            let length = read_varint(bytes, &mut at) as usize;
            let key = String::from_utf8(bytes[at..at + length].to_vec()).unwrap();
            at += length;
            let df = read_varint(bytes, &mut at) as usize;
            let mut numbers = Vec::with_capacity(df);
            let mut previous = 0u32;
            for _ in 0..df {
                previous += read_varint(bytes, &mut at) as u32;
                numbers.push(previous);
            }
            let info = bytes[at..at + df].to_vec();
            at += df;
            terms.push((key, numbers, info));
        }
        terms
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

    fn postings(&self, key: &str, prefix: bool) -> BTreeSet<u32> {
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
            for (term, numbers, _) in self.shard(index) {
                if term == key || (prefix && term.starts_with(key)) {
                    found.extend(numbers);
                }
            }
        }
        found
    }

    /// The text of document `number`, from its chunk.
    pub fn text(&self, number: usize) -> String {
        let chunk = self.chunks.partition_point(|start| *start <= number) - 1;
        let records: serde_json::Value =
            serde_json::from_slice(&self.files[&format!("d/{chunk}.json")]).unwrap();
        records[number - self.chunks[chunk]][4]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// The documents matching every term of `query`, by number.
    pub fn search(&self, query: &str) -> BTreeSet<u32> {
        let mut result: Option<BTreeSet<u32>> = None;
        for term in text::query_terms(query) {
            let matches = match term {
                Term::Cjk(run) if run.chars().count() <= 2 => self.postings(&run, false),
                Term::Cjk(run) => {
                    let chars: Vec<char> = run.chars().collect();
                    let mut candidates: Option<BTreeSet<u32>> = None;
                    for pair in chars.windows(2) {
                        let found = self.postings(&pair.iter().collect::<String>(), false);
                        candidates = Some(match candidates {
                            None => found,
                            Some(c) => c.intersection(&found).copied().collect(),
                        });
                    }
                    candidates
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|n| text::normalise(&self.text(*n as usize)).contains(&run))
                        .collect()
                }
                Term::Word(word) => self.postings(&text::stem(&word), word.chars().count() >= 2),
            };
            result = Some(match result {
                None => matches,
                Some(r) => r.intersection(&matches).copied().collect(),
            });
        }
        result.unwrap_or_default()
    }
}
