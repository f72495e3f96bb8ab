//! Where each key and value of a YAML document stands in its text: a tree of
//! byte ranges built from libyaml's events, walked by a path of keys and
//! list items. Built only when a diagnostic needs a place.

use std::iter::Peekable;

use super::events::{self, Event, Kind, Style};

/// One step down a YAML document: a map's key or a list's item (0-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Item(usize),
}

impl Step {
    pub fn key(key: &str) -> Step {
        Step::Key(key.to_string())
    }
}

/// A node of the document and the bytes of the text it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub start: usize,
    pub end: usize,
    pub shape: Shape,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Scalar {
        value: String,
        style: Style,
    },
    /// A key with nothing after it: no text of its own.
    Empty,
    /// `*name`: the place of the alias stands for everything below it.
    Alias,
    List(Vec<Node>),
    /// Each key as the program reads it (see [`super::key_text`]), its node and its value.
    Map(Vec<(String, Node, Node)>),
}

/// The tree of the first document in `text`; `None` if it has none.
pub fn tree(text: &str) -> Option<Node> {
    let mut events = events::events(text).into_iter().peekable();
    while events.peek().is_some_and(|e| e.kind == Kind::Frame) {
        events.next();
    }
    node(&mut events)
}

/// The node of the top-level key `key`, from the events up to it only: the
/// text after it is never parsed (a `slug.yaml` body, most of the file, is
/// written last).
pub fn top_level_key(text: &str, key: &str) -> Option<Node> {
    let mut events = events::stream(text).peekable();
    while events.peek().is_some_and(|e| e.kind == Kind::Frame) {
        events.next();
    }
    if events.next()?.kind != Kind::MappingStart {
        return None;
    }
    while !matches!(events.peek()?.kind, Kind::MappingEnd) {
        let found = node(&mut events)?;
        if key_of(&found) == key {
            return Some(found);
        }
        // The key's value, passed over.
        node(&mut events)?;
    }
    None
}

fn node(events: &mut Peekable<impl Iterator<Item = Event>>) -> Option<Node> {
    let Event { kind, start, end } = events.next()?;
    let shape = match kind {
        Kind::Scalar {
            value,
            style: Style::Plain,
        } if value.is_empty() && start == end => Shape::Empty,
        Kind::Scalar { value, style } => Shape::Scalar { value, style },
        Kind::Alias => Shape::Alias,
        Kind::SequenceStart => {
            let mut items = Vec::new();
            while !matches!(events.peek()?.kind, Kind::SequenceEnd) {
                items.push(node(events)?);
            }
            Shape::List(items)
        }
        Kind::MappingStart => {
            let mut entries = Vec::new();
            while !matches!(events.peek()?.kind, Kind::MappingEnd) {
                let key = node(events)?;
                let value = node(events)?;
                entries.push((key_of(&key), key, value));
            }
            Shape::Map(entries)
        }
        Kind::SequenceEnd | Kind::MappingEnd | Kind::Frame => return None,
    };
    let end = match shape {
        // The closing event ends the collection.
        Shape::List(_) | Shape::Map(_) => events.next().map_or(end, |e| e.end),
        _ => end,
    };
    Some(Node { start, end, shape })
}

/// A key as the program reads it: the text serde_yaml gives a plain scalar
/// (so `1.0` and `~` are found as the keys the program saw), else its text.
fn key_of(key: &Node) -> String {
    match &key.shape {
        Shape::Scalar {
            value,
            style: Style::Plain,
        } => super::key_text(value),
        Shape::Scalar { value, .. } => value.clone(),
        Shape::Empty => "null".to_string(),
        _ => String::new(),
    }
}

impl Node {
    /// The node at the end of `path`, or the alias the path runs into.
    pub fn find(&self, path: &[Step]) -> Option<&Node> {
        let Some((step, rest)) = path.split_first() else {
            return Some(self);
        };
        match (&self.shape, step) {
            (Shape::Alias, _) => Some(self),
            (Shape::List(items), Step::Item(index)) => items.get(*index)?.find(rest),
            (Shape::Map(entries), Step::Key(key)) => {
                let (_, _, value) = entries.iter().find(|(k, _, _)| k == key)?;
                value.find(rest)
            }
            _ => None,
        }
    }

    /// The key node that the last step of `path` names.
    pub fn find_key(&self, path: &[Step]) -> Option<&Node> {
        let (Step::Key(key), parent) = path.split_last()? else {
            return None;
        };
        match &self.find(parent)?.shape {
            Shape::Map(entries) => entries.iter().find(|(k, _, _)| k == key).map(|(_, n, _)| n),
            _ => None,
        }
    }

    /// For a map that holds `key` twice (a document serde_yaml refused for
    /// it): the first and second key nodes, looked for in every map of the tree.
    pub fn duplicate(&self, key: &str) -> Option<(&Node, &Node)> {
        match &self.shape {
            Shape::Map(entries) => {
                let mut same = entries.iter().filter(|(k, _, _)| k == key);
                if let (Some(first), Some(second)) = (same.next(), same.next()) {
                    return Some((&first.1, &second.1));
                }
                entries
                    .iter()
                    .find_map(|(_, _, value)| value.duplicate(key))
            }
            Shape::List(items) => items.iter().find_map(|item| item.duplicate(key)),
            _ => None,
        }
    }

    /// The byte offset where the node's own text starts: past an anchor or a
    /// tag, past the opening quote, on the first line of a block's text.
    /// `None` for a key with no value.
    pub fn text_start(&self, text: &str) -> Option<usize> {
        let start = skip_properties(text, self.start);
        match &self.shape {
            Shape::Empty => None,
            Shape::Scalar {
                style: Style::Quoted,
                ..
            } => Some(start + 1),
            Shape::Scalar {
                style: Style::Block,
                ..
            } => Some(block_text_start(text, start, self.end)),
            _ => Some(start),
        }
    }
}

/// Past `&anchor` and `!tag` properties and the space after each.
fn skip_properties(text: &str, mut at: usize) -> usize {
    while text[at..].starts_with(['&', '!']) {
        let rest = &text[at..];
        let token = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let spaces = rest[token..]
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(rest.len() - token);
        at += token + spaces;
    }
    at
}

/// The first character of a block scalar's text: on the lines below its
/// indicator line, past the indentation; the indicator if the block is empty.
fn block_text_start(text: &str, indicator: usize, end: usize) -> usize {
    let Some(line_end) = text[indicator..end].find('\n') else {
        return indicator;
    };
    let body = indicator + line_end + 1;
    text[body..end]
        .find(|c: char| !c.is_whitespace())
        .map_or(indicator, |offset| body + offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_at(text: &str, path: &[Step]) -> String {
        let root = tree(text).expect("a document");
        let node = root.find(path).expect("a node at the path");
        text[node.text_start(text).expect("text")..]
            .chars()
            .take(4)
            .collect()
    }

    #[test]
    fn finds_values_in_block_and_flow_collections() {
        let text = "a: [作价入股, 作价]\nb:\n  - \"x y\"\n  - &anchor plain\nc: {k: 'v'}\n";
        assert_eq!(text_at(text, &[Step::key("a"), Step::Item(1)]), "作价]\n");
        assert_eq!(text_at(text, &[Step::key("b"), Step::Item(0)]), "x y\"");
        assert_eq!(text_at(text, &[Step::key("b"), Step::Item(1)]), "plai");
        assert_eq!(text_at(text, &[Step::key("c"), Step::key("k")]), "v'}\n");
    }

    #[test]
    fn finds_the_text_of_a_block_scalar_below_its_indicator() {
        let text = "a: |\n\n    first line\n    second\nb: >-\n  folded\n";
        assert_eq!(text_at(text, &[Step::key("a")]), "firs");
        assert_eq!(text_at(text, &[Step::key("b")]), "fold");
    }

    #[test]
    fn reads_keys_as_the_program_does() {
        let root = tree("1.0: a\n~: b\n'q': c\n").unwrap();
        let Shape::Map(entries) = &root.shape else {
            panic!("a map")
        };
        let keys: Vec<&str> = entries.iter().map(|(k, _, _)| k.as_str()).collect();
        assert_eq!(keys, ["1", "null", "q"]);
    }

    #[test]
    fn finds_the_second_of_a_duplicated_key_in_a_nested_map() {
        let text = "t:\n  zh: a\n  en: b\n  zh: c\n";
        let root = tree(text).unwrap();
        let (first, second) = root.duplicate("zh").unwrap();
        assert_eq!((first.start, second.start), (5, 21));
        assert!(root.duplicate("en").is_none());
    }

    #[test]
    fn a_key_without_a_value_has_no_text_of_its_own() {
        let text = "a:\nb: x\n";
        let root = tree(text).unwrap();
        assert_eq!(root.find(&[Step::key("a")]).unwrap().text_start(text), None);
        assert_eq!(root.find_key(&[Step::key("a")]).unwrap().start, 0);
    }
}
