//! The one place that knows about the YAML library.
//!
//! Documents are turned into our own [`Yaml`] tree so that the rest of the
//! program does not depend on serde_yaml (archived upstream) and it can be
//! swapped without touching the parser. serde_yaml gives no positions for
//! values, so [`Locator`] finds the line and column of a key or value in the
//! source text; positions are counted from the top of the file.

use std::fmt;

/// A parsed YAML value.
#[derive(Debug, Clone, PartialEq)]
pub enum Yaml {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    List(Vec<Yaml>),
    /// Keys in the order they were written.
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    /// What kind of value this is, in words an editor knows.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Yaml::Null => "nothing",
            Yaml::Bool(_) => "true/false",
            Yaml::Int(_) | Yaml::Float(_) => "a number",
            Yaml::String(_) => "text",
            Yaml::List(_) => "a list",
            Yaml::Map(_) => "a map",
        }
    }

    /// Scalars written as text (`2023` and `true` included), for fields that take text.
    pub fn as_scalar_text(&self) -> Option<String> {
        match self {
            Yaml::String(s) => Some(s.clone()),
            Yaml::Int(i) => Some(i.to_string()),
            Yaml::Float(f) => Some(f.to_string()),
            Yaml::Bool(b) => Some(b.to_string()),
            Yaml::Null | Yaml::List(_) | Yaml::Map(_) => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Yaml> {
        match self {
            Yaml::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// A syntax error, placed in the parsed text (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// Parse one YAML document. An empty document is `Yaml::Null`.
pub fn parse(text: &str) -> Result<Yaml, YamlError> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|error| {
        let (line, column) = error
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        YamlError {
            line,
            column,
            message: clean_message(&error.to_string()),
        }
    })?;
    Ok(convert(value))
}

/// serde_yaml appends " at line L column C" to its messages; we print places ourselves.
fn clean_message(message: &str) -> String {
    let message = match message.find(" at line ") {
        Some(index) => &message[..index],
        None => message,
    };
    format!("malformed YAML: {message}")
}

fn convert(value: serde_yaml::Value) -> Yaml {
    use serde_yaml::Value;
    match value {
        Value::Null => Yaml::Null,
        Value::Bool(b) => Yaml::Bool(b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Yaml::Int(i),
            None => Yaml::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Yaml::String(s),
        Value::Sequence(items) => Yaml::List(items.into_iter().map(convert).collect()),
        Value::Mapping(map) => Yaml::Map(
            map.into_iter()
                .map(|(key, value)| {
                    let key = match convert(key) {
                        Yaml::Null => "null".to_string(),
                        other => other
                            .as_scalar_text()
                            .unwrap_or_else(|| format!("{other:?}")),
                    };
                    (key, convert(value))
                })
                .collect(),
        ),
        Value::Tagged(tagged) => convert(tagged.value),
    }
}

/// Finds where keys and values stand in the source text of a YAML block.
///
/// `first_line` is the file line of the block's first line, so that places are
/// counted from the top of the file, not from the top of the front matter.
#[derive(Debug, Clone, Copy)]
pub struct Locator<'a> {
    text: &'a str,
    first_line: usize,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str, first_line: usize) -> Self {
        Locator { text, first_line }
    }

    /// The file line of a 1-based line of the block.
    pub fn file_line(&self, block_line: usize) -> usize {
        block_line + self.first_line - 1
    }

    /// `(line, column)` of a top-level key, column of its first character.
    pub fn key(&self, key: &str) -> Option<(usize, usize)> {
        self.top_level_key_index(key)
            .map(|index| (self.file_line(index + 1), 1))
    }

    /// `(line, column)` of `needle` within the value of the top-level `key`
    /// (on the key's line or the lines indented below it); the key's place if not found.
    pub fn value(&self, key: &str, needle: &str) -> Option<(usize, usize)> {
        let start = self.top_level_key_index(key)?;
        let lines: Vec<&str> = self.text.lines().collect();
        for (offset, line) in lines[start..].iter().enumerate() {
            if offset > 0 && is_top_level_key_line(line) {
                break;
            }
            let search_from = if offset == 0 {
                line.find(':').map(|i| i + 1).unwrap_or(0)
            } else {
                0
            };
            if !needle.is_empty()
                && let Some(byte) = line[search_from..].find(needle)
            {
                let column = line[..search_from + byte].chars().count() + 1;
                return Some((self.file_line(start + offset + 1), column));
            }
        }
        let first = lines[start];
        let column = first
            .find(':')
            .map(|i| {
                first[..i + 1].chars().count()
                    + 1
                    + first[i + 1..].chars().take_while(|c| *c == ' ').count()
            })
            .unwrap_or(1);
        Some((self.file_line(start + 1), column))
    }

    fn top_level_key_index(&self, key: &str) -> Option<usize> {
        self.text.lines().position(|line| {
            let unquoted = line
                .strip_prefix('"')
                .and_then(|rest| rest.strip_prefix(key))
                .and_then(|rest| rest.strip_prefix('"'))
                .or_else(|| line.strip_prefix(key));
            unquoted.is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
    }
}

fn is_top_level_key_line(line: &str) -> bool {
    line.chars()
        .next()
        .is_some_and(|c| !c.is_whitespace() && c != '#' && c != '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_values_in_order() {
        let yaml = parse("b: 1\na: [x, {zh: 中, en: e}]\n").unwrap();
        let Yaml::Map(entries) = &yaml else {
            panic!("not a map")
        };
        assert_eq!(entries[0].0, "b");
        assert_eq!(
            yaml.get("a").unwrap(),
            &Yaml::List(vec![
                Yaml::String("x".into()),
                Yaml::Map(vec![
                    ("zh".into(), Yaml::String("中".into())),
                    ("en".into(), Yaml::String("e".into()))
                ]),
            ])
        );
    }

    #[test]
    fn reports_syntax_error_place() {
        let error = parse("title: ok\nlist: [a, b\n").unwrap_err();
        assert!(
            error.message.starts_with("malformed YAML"),
            "{}",
            error.message
        );
        assert!(error.line >= 2, "{error:?}");
    }

    #[test]
    fn locates_keys_and_values_from_file_top() {
        let text = "title: 纳米\nstage: 中式\ntags:\n  - 赋权\n  - 中试\nregion: x\n";
        let locator = Locator::new(text, 2);
        assert_eq!(locator.key("stage"), Some((3, 1)));
        assert_eq!(locator.value("stage", "中式"), Some((3, 8)));
        assert_eq!(locator.value("tags", "中试"), Some((6, 5)));
        assert_eq!(locator.value("tags", "missing"), Some((4, 6)));
        assert_eq!(locator.key("nope"), None);
    }
}
