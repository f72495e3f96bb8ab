//! The one place that knows about the YAML library.
//!
//! Documents are turned into our own [`Yaml`] tree so that the rest of the
//! program does not depend on serde_yaml (archived upstream) and it can be
//! swapped without touching the parser. serde_yaml gives no positions for
//! values, so [`Locator`] places keys and values from the marks of the
//! events of libyaml, the parser under serde_yaml; positions are counted
//! from the top of the file.

mod events;
mod marks;

use std::cell::OnceCell;
use std::fmt;

use marks::Node;
pub use marks::Step;

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
    /// What to do about it, fitted to the kind of error (in the catalogue's English).
    pub help: Option<String>,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// How deep YAML may nest unless the configuration says otherwise. Entries
/// need four or five levels; serde_yaml's own limit (128) is reached only after
/// time that grows with the square of the depth, so a file of 100,000 `[` hung.
pub const DEFAULT_MAX_DEPTH: usize = 32;

/// Parse one YAML document. An empty document is `Yaml::Null`.
pub fn parse(text: &str) -> Result<Yaml, YamlError> {
    parse_limited(text, DEFAULT_MAX_DEPTH)
}

/// [`parse`], refusing text that nests deeper than `max_depth` before the
/// parser sees it.
pub fn parse_limited(text: &str, max_depth: usize) -> Result<Yaml, YamlError> {
    parse_in_file(text, max_depth, 1)
}

/// [`parse_limited`] for text that starts on line `first_line` of its file
/// (front matter starts on line 2): error places and the line numbers in
/// their help are counted from the top of the file.
pub fn parse_in_file(text: &str, max_depth: usize, first_line: usize) -> Result<Yaml, YamlError> {
    let shift = |mut error: YamlError| {
        error.line += first_line - 1;
        error
    };
    check_depth(text, max_depth).map_err(shift)?;
    let value: serde_yaml::Value =
        serde_yaml::from_str(text).map_err(|error| shift(explain(text, &error, first_line)))?;
    Ok(convert(value))
}

/// Turn the parser's error into one an editor can act on: placed where the
/// fix goes, in the catalogue's words, with a help that fits its kind.
fn explain(text: &str, error: &serde_yaml::Error, first_line: usize) -> YamlError {
    let raw = error.to_string();
    let (line, column) = error
        .location()
        .map(|l| newline_place_of_yaml(text, l.line(), l.column()))
        .unwrap_or((1, 1));
    let lines: Vec<&str> = text.split('\n').collect();
    // A full-width colon after a key leaves the line a plain text, and the
    // parser stumbles only on a later line; the fix is on the colon's line.
    if let Some((line, column, key)) = full_width_colon(&lines, line) {
        return error_at(
            (line, column),
            format!(
                "\"{key}\" is followed by a full-width colon ：, which YAML does not read as a key's colon"
            ),
            "use an ASCII colon: write `: ` (a colon and a space) after the key",
        );
    }
    if let Some(error) = explain_duplicate(text, &raw, (line, column), first_line) {
        return error;
    }
    if let Some(error) = explain_unclosed(text, &raw) {
        return error;
    }
    let here = lines.get(line - 1).and_then(|l| l.chars().nth(column - 1));
    let (message, help) = explain_here(&raw, here);
    error_at((line, column), message, help)
}

fn error_at((line, column): (usize, usize), message: String, help: &str) -> YamlError {
    YamlError {
        line,
        column,
        message,
        help: Some(help.to_string()),
    }
}

/// A key written twice, placed at its second occurrence (the parser places
/// it at the map's first key).
fn explain_duplicate(
    text: &str,
    raw: &str,
    place: (usize, usize),
    first_line: usize,
) -> Option<YamlError> {
    let key = raw
        .split("duplicate entry with key \"")
        .nth(1)?
        .split('"')
        .next()?;
    let message = format!("the key \"{key}\" is written twice in the same map");
    Some(match duplicate_key(text, key) {
        Some((first, second, column)) => error_at(
            (second, column),
            message,
            &format!(
                "keep one of the two: the key is also on line {}",
                first + first_line - 1
            ),
        ),
        None => error_at(place, message, "keep one of the two"),
    })
}

/// A list, map or quotation left open, placed where it was opened.
fn explain_unclosed(text: &str, raw: &str) -> Option<YamlError> {
    let opened = context_place(raw, text)?;
    let (message, help) = if raw.starts_with("did not find expected ',' or ']'") {
        (
            "the list opened here with [ is not closed with ]",
            "close the list with ] and separate its items with commas",
        )
    } else if raw.starts_with("did not find expected ',' or '}'") {
        (
            "the map opened here with { is not closed with }",
            "close the map with } and separate its entries with commas",
        )
    } else if raw.contains("while scanning a quoted scalar")
        && raw.starts_with("found unexpected end of stream")
    {
        (
            "the quotation mark here is not closed",
            "end the text with the same quotation mark it starts with",
        )
    } else {
        return None;
    };
    Some(error_at(opened, message.to_string(), help))
}

/// The message and help of an error placed where the parser placed it;
/// `here` is the character there.
fn explain_here(raw: &str, here: Option<char>) -> (String, &'static str) {
    let known = |message: &str, help| (message.to_string(), help);
    match here {
        Some('\t') if raw.contains("tab character") || raw.contains("cannot start any token") => {
            return known(
                "a tab in the indentation: YAML indents with spaces only",
                "replace the tab with spaces",
            );
        }
        Some(c) if raw.starts_with("found character that cannot start any token") => {
            return (
                format!("a value cannot start with {c}"),
                "put the text in quotes",
            );
        }
        _ => {}
    }
    if raw.starts_with("found unknown escape character") {
        known(
            "a backslash in double-quoted text starts an escape YAML does not know",
            "write \\\\ for a backslash, or put the text in single quotes",
        )
    } else if raw.starts_with("unknown anchor") {
        known(
            "an alias *name refers to no anchor &name written before it",
            "put text that starts with * in quotes",
        )
    } else if raw.starts_with("mapping values are not allowed in this context") {
        known(
            "a colon and a space here start a key where none can stand",
            "check the indentation, or quote text that holds a colon followed by a space",
        )
    } else if raw.contains("repetition limit exceeded") {
        (
            clean_message(raw),
            "its aliases (*name) repeat a value too many times; write the values out",
        )
    } else {
        (
            clean_message(raw),
            "check the indentation and quote text that holds a colon followed by a space",
        )
    }
}

/// The line (1-based), column and key of a `key：value` line at or just above
/// `line`: the lines between must be continuation text (no `key: ` of their own).
fn full_width_colon(lines: &[&str], line: usize) -> Option<(usize, usize, String)> {
    let last = line.min(lines.len());
    for index in (0..last).rev() {
        let text = lines[index];
        let content = text.trim_start_matches(' ');
        let content = content.strip_prefix("- ").unwrap_or(content);
        if let Some(colon) = content.find('：') {
            let key = &content[..colon];
            let is_key = !key.is_empty()
                && !key.contains(':')
                && !key.starts_with(['#', '"', '\'', '[', '{', '|', '>'])
                && !key.contains(char::is_whitespace);
            if is_key {
                let byte = text.len() - content.len() + colon;
                return Some((index + 1, text[..byte].chars().count() + 1, key.to_string()));
            }
        }
        // The error line itself may be the next `key: `; above it, such a
        // line ends the text a full-width colon could have run into.
        if index + 1 < last && (content.contains(": ") || content.ends_with(':')) {
            return None;
        }
    }
    None
}

/// For a `key` written twice in one map: the lines of its first and second
/// occurrence and the column of the second, from libyaml's marks (serde_yaml
/// places the error at the map's first key).
fn duplicate_key(text: &str, key: &str) -> Option<(usize, usize, usize)> {
    let tree = marks::tree(text)?;
    let (first, second) = tree.duplicate(key)?;
    let (first_line, _) = newline_place(text, first.text_start(text)?);
    let (line, column) = newline_place(text, second.text_start(text)?);
    Some((first_line, line, column))
}

/// The place of the parser's "while parsing … at line L column C" context
/// (where an unclosed list, map or quote was opened).
fn context_place(raw: &str, text: &str) -> Option<(usize, usize)> {
    let context = raw.split(", while ").nth(1)?;
    let rest = context.split(" at line ").nth(1)?;
    let (line, column) = rest.split_once(" column ")?;
    let line: usize = line.trim().parse().ok()?;
    let column: usize = column
        .trim()
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .ok()?;
    Some(newline_place_of_yaml(text, line, column))
}

/// Refuse YAML that nests deeper than `max_depth`, in one pass over the text.
///
/// Depth counts the open block collections (each deeper indentation, each
/// further `- ` on a line) plus the open flow collections (`[` and `{`).
/// Quoted text, comments and block scalars (`|`, `>`) are skipped, so a `[`
/// in them does not count. The count can be a level high where the parser
/// would see less (a key's value on the next line, say) but never low by more
/// than that, which is what a limit needs. The place is where the limit is crossed.
pub fn check_depth(text: &str, max_depth: usize) -> Result<(), YamlError> {
    let mut scan = DepthScan {
        text,
        max_depth,
        indents: Vec::new(),
        flow: 0,
        block_scalar: None,
        quote: None,
    };
    for (start, line) in yaml_lines(text) {
        scan.line(start, line)?;
    }
    Ok(())
}

/// What [`check_depth`] knows between lines.
struct DepthScan<'a> {
    text: &'a str,
    max_depth: usize,
    /// The indentation of each open block collection.
    indents: Vec<usize>,
    /// Open `[` and `{`.
    flow: usize,
    /// The indentation of the line that opened a block scalar; deeper lines are its text.
    block_scalar: Option<usize>,
    /// An open quote and its character, which may run across lines.
    quote: Option<char>,
}

impl DepthScan<'_> {
    /// One line, which starts at byte `start` of the text.
    fn line(&mut self, start: usize, line: &str) -> Result<(), YamlError> {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(parent) = self.block_scalar {
            if line[indent..].trim().is_empty() || indent > parent {
                return Ok(());
            }
            self.block_scalar = None;
        }
        let mut from = indent;
        if self.quote.is_none() && self.flow == 0 {
            match self.open_blocks(start, line, indent)? {
                Some(value) => from = value,
                None => return Ok(()),
            }
        }
        self.scan_value(start, line, indent, from)
    }

    /// The block collections a line opens or closes by its indentation and
    /// its leading dashes; where its value starts, or `None` for a line with
    /// none (blank, a comment, a document marker).
    fn open_blocks(
        &mut self,
        start: usize,
        line: &str,
        indent: usize,
    ) -> Result<Option<usize>, YamlError> {
        let content = &line[indent..];
        if content.is_empty() || content.starts_with('#') {
            return Ok(None);
        }
        if indent == 0 && (content.starts_with("---") || content.starts_with("...")) {
            self.indents.clear();
            return Ok(None);
        }
        while self.indents.last().is_some_and(|&open| open >= indent) {
            self.indents.pop();
        }
        self.indents.push(indent);
        // `- - - x` opens a sequence per dash.
        let mut at = indent;
        while let Some(rest) = line[at..].strip_prefix('-') {
            if !(rest.is_empty() || rest.starts_with(' ')) {
                break;
            }
            if at > indent {
                self.indents.push(at);
            }
            self.within(self.indents.len(), start + at)?;
            at = line.len() - rest.trim_start_matches(' ').len();
        }
        self.within(self.indents.len(), start + indent)?;
        Ok(Some(at))
    }

    /// Quotes, brackets, comments and block scalar marks from byte `from` of
    /// the line to its end.
    fn scan_value(
        &mut self,
        start: usize,
        line: &str,
        indent: usize,
        from: usize,
    ) -> Result<(), YamlError> {
        // The last character that was not a space, outside quotes, on this line:
        // a quote or a bracket opens something only where a value can start.
        let mut previous: Option<char> = None;
        let mut chars = line[from..].char_indices().peekable();
        while let Some((offset, c)) = chars.next() {
            let byte = from + offset;
            if let Some(open) = self.quote {
                match c {
                    '\\' if open == '"' => {
                        chars.next();
                    }
                    '\'' if open == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') => {
                        chars.next();
                    }
                    _ if c == open => {
                        self.quote = None;
                        previous = Some(c);
                    }
                    _ => {}
                }
                continue;
            }
            let value_start = match previous {
                None => true,
                Some(p) if self.flow > 0 => matches!(p, '[' | '{' | ',' | ':'),
                Some(p) => matches!(p, ':' | '-' | '?'),
            };
            match c {
                '#' if offset == 0 || line[..byte].ends_with([' ', '\t']) => break,
                '"' | '\'' if value_start => self.quote = Some(c),
                '[' | '{' if self.flow > 0 || value_start => {
                    self.flow += 1;
                    self.within(self.indents.len() + self.flow, start + byte)?;
                }
                ']' | '}' if self.flow > 0 => self.flow -= 1,
                '|' | '>' if self.flow == 0 && value_start => self.block_scalar = Some(indent),
                _ => {}
            }
            if !c.is_whitespace() {
                previous = Some(c);
            }
        }
        Ok(())
    }

    /// An error placed at byte `at` of the text if `depth` is past the limit.
    fn within(&self, depth: usize, at: usize) -> Result<(), YamlError> {
        if depth <= self.max_depth {
            return Ok(());
        }
        let (line, column) = newline_place(self.text, at);
        Err(YamlError {
            line,
            column,
            message: format!("the YAML nests deeper than {} levels", self.max_depth),
            help: Some("nest less, or raise limits.depth in config.yaml".to_string()),
        })
    }
}

/// The lines of YAML text with the byte offset each starts at. libyaml breaks
/// lines at `\n`, `\r\n`, a lone `\r`, U+0085, U+2028 and U+2029; the break
/// is not part of the line.
fn yaml_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let line_start = start?;
        let rest = &text[line_start..];
        match rest.char_indices().find(|(_, c)| is_yaml_break(*c)) {
            Some((at, c)) => {
                let end = line_start + at;
                let width = if rest[at..].starts_with("\r\n") {
                    2
                } else {
                    c.len_utf8()
                };
                start = (end + width < text.len()).then_some(end + width);
                Some((line_start, &text[line_start..end]))
            }
            None => {
                start = None;
                (line_start < text.len() || line_start == 0).then_some((line_start, rest))
            }
        }
    })
}

fn is_yaml_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// `(line, column)` of a byte offset, lines counted at `\n` as editors and
/// reports count them (a lone `\r` does not start a line there).
fn newline_place(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// serde_yaml counts a lone `\r` and Unicode line separators as line breaks;
/// translate its place into the lines the rest of the program counts.
fn newline_place_of_yaml(text: &str, line: usize, column: usize) -> (usize, usize) {
    let other_breaks = text
        .char_indices()
        .any(|(at, c)| is_yaml_break(c) && c != '\n' && !text[at..].starts_with("\r\n"));
    if !other_breaks {
        return (line, column);
    }
    let Some((start, text_of_line)) = yaml_lines(text).nth(line.saturating_sub(1)) else {
        return newline_place(text, text.len());
    };
    let within: usize = text_of_line
        .chars()
        .take(column.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    newline_place(text, start + within)
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
                .map(|(key, value)| (map_key(convert(key)), convert(value)))
                .collect(),
        ),
        Value::Tagged(tagged) => convert(tagged.value),
    }
}

/// A map's key as the program reads it: scalars as their text, nothing as `null`.
fn map_key(key: Yaml) -> String {
    match key {
        Yaml::Null => "null".to_string(),
        other => other
            .as_scalar_text()
            .unwrap_or_else(|| format!("{other:?}")),
    }
}

/// A plain key written as `plain`, read as [`parse`] reads keys (`1.0` is `1`).
fn key_text(plain: &str) -> String {
    // Most keys are words: text to serde_yaml unless they spell nothing, a
    // truth value or a number (`inf`); only the others are read by it.
    let word = plain.starts_with(char::is_alphabetic)
        && !matches!(
            plain,
            "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
        )
        && plain.parse::<f64>().is_err();
    if word {
        return plain.to_string();
    }
    serde_yaml::from_str::<serde_yaml::Value>(plain)
        .map(|value| map_key(convert(value)))
        .unwrap_or_else(|_| plain.to_string())
}

/// Finds where keys and values stand in the text of a YAML block, exactly:
/// from the marks of libyaml's events, read only when first asked (a file
/// with nothing to report never pays for them).
///
/// `first_line` is the file line of the block's first line, so that places are
/// counted from the top of the file, not from the top of the front matter.
#[derive(Debug)]
pub struct Locator<'a> {
    text: &'a str,
    first_line: usize,
    tree: OnceCell<Option<Node>>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str, first_line: usize) -> Self {
        Locator {
            text,
            first_line,
            tree: OnceCell::new(),
        }
    }

    fn tree(&self) -> Option<&Node> {
        self.tree.get_or_init(|| marks::tree(self.text)).as_ref()
    }

    /// `(line, column)` of a byte offset of the block, from the top of the file.
    fn place(&self, offset: usize) -> (usize, usize) {
        let (line, column) = newline_place(self.text, offset);
        (line + self.first_line - 1, column)
    }

    /// `(line, column)` of a top-level key.
    pub fn key(&self, key: &str) -> Option<(usize, usize)> {
        self.key_at(&[Step::key(key)])
    }

    /// Whether the block's keys and values have been placed (the second
    /// parse a clean build must not pay for).
    #[cfg(test)]
    pub fn is_placed(&self) -> bool {
        self.tree.get().is_some()
    }

    /// The file line of the block's first line.
    pub fn first_line(&self) -> usize {
        self.first_line
    }

    /// [`Locator::key`], reading the text only as far as the key when the
    /// block has not been placed yet: cheap enough for every build.
    pub fn top_level_key(&self, key: &str) -> Option<(usize, usize)> {
        if self.tree.get().is_some() {
            return self.key(key);
        }
        let node = marks::top_level_key(self.text, key)?;
        Some(self.place(node.text_start(self.text)?))
    }

    /// `(line, column)` of the key that the last step of `path` names
    /// (`[vocabularies, genres, other]`): each key is looked for only among
    /// the children of the one before.
    pub fn key_at(&self, path: &[Step]) -> Option<(usize, usize)> {
        let key = self.tree()?.find_key(path)?;
        Some(self.place(key.text_start(self.text)?))
    }

    /// `(line, column)` of the first character of the value at `path`: a
    /// list item, a value in a flow list, the first line of a block text.
    /// A key written with no value is placed at the key.
    pub fn value_at(&self, path: &[Step]) -> Option<(usize, usize)> {
        let node = self.tree()?.find(path)?;
        match node.text_start(self.text) {
            Some(start) => Some(self.place(start)),
            None => self.key_at(path),
        }
    }

    /// `(line, column)` of `needle` within the text of the top-level `key`'s
    /// value, where it is written as it is (not through escapes).
    pub fn find_in_value(&self, key: &str, needle: &str) -> Option<(usize, usize)> {
        let node = self.tree()?.find(&[Step::key(key)])?;
        if needle.is_empty() {
            return None;
        }
        let start = node.text_start(self.text)?;
        let found = self.text.get(start..node.end)?.find(needle)?;
        Some(self.place(start + found))
    }
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
        // A kind without its own wording keeps the parser's, after "malformed YAML".
        let error = parse("title: ok\nlist: - a\n").unwrap_err();
        assert!(
            error.message.starts_with("malformed YAML"),
            "{}",
            error.message
        );
        assert_eq!(error.line, 2, "{error:?}");
        assert_eq!(
            error.help.as_deref(),
            Some("check the indentation and quote text that holds a colon followed by a space")
        );
    }

    #[test]
    fn refuses_deep_flow_nesting_before_parsing_and_quickly() {
        let text = format!("title: x\ntags: {}", "[".repeat(100_000));
        let started = std::time::Instant::now();
        let error = parse(&text).unwrap_err();
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        assert_eq!(
            (error.line, error.column, error.message.as_str()),
            (2, 38, "the YAML nests deeper than 32 levels")
        );
    }

    #[test]
    fn refuses_deep_block_nesting() {
        let mut text = String::new();
        for level in 0..40 {
            text.push_str(&format!("{}k{level}:\n", "  ".repeat(level)));
        }
        let error = parse(&text).unwrap_err();
        assert_eq!((error.line, error.column), (33, 65), "{error:?}");
        let dashes = format!("{}x\n", "- ".repeat(40));
        let error = parse(&dashes).unwrap_err();
        assert_eq!((error.line, error.column), (1, 65), "{error:?}");
    }

    #[test]
    fn depth_ignores_brackets_in_text_quotes_comments_and_block_scalars() {
        let deep = "[".repeat(50);
        let text = format!(
            "a: text{deep}\nb: \"{deep}\"\nc: '{deep}'\n# {deep}\nd: |\n  {deep}\n  more\ne: [x, \"]\", {{k: v}}]\n"
        );
        let yaml = parse(&text).unwrap();
        assert_eq!(yaml.get("b"), Some(&Yaml::String(deep.clone())));
        assert!(matches!(yaml.get("e"), Some(Yaml::List(items)) if items.len() == 3));
        assert!(parse_limited("a: [[[x]]]\n", 3).is_err());
        assert!(parse_limited("a: [[x]]\n", 3).is_ok());
    }

    #[test]
    fn places_errors_by_line_feeds_when_lines_end_in_a_lone_carriage_return() {
        // serde_yaml places it at line 2 column 4; here that is line 1 column 9.
        let error = parse("a: 1\rb: ]\n").unwrap_err();
        assert_eq!((error.line, error.column), (1, 9), "{error:?}");
        let deep = format!(
            "k:\r{}",
            (1..40)
                .map(|i| format!("{}k:\r", " ".repeat(i)))
                .collect::<String>()
        );
        let error = parse(&deep).unwrap_err();
        assert_eq!(error.line, 1, "{error:?}");
        assert!(error.message.contains("nests deeper"), "{error:?}");
        // Found by fuzzing: U+0085 (NEL) breaks a line too.
        let error = parse("{T\u{85}/").unwrap_err();
        assert_eq!(error.line, 1, "{error:?}");
    }

    #[test]
    fn refuses_alias_bombs_quickly() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..10 {
            let previous = format!("*a{}", level - 1);
            let items = [previous.as_str(); 10].join(", ");
            text.push_str(&format!("a{level}: &a{level} [{items}]\n"));
        }
        let started = std::time::Instant::now();
        let error = parse(&text).unwrap_err();
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        assert!(error.message.contains("repetition limit"), "{error:?}");
    }

    fn error_of(text: &str, first_line: usize) -> YamlError {
        parse_in_file(text, DEFAULT_MAX_DEPTH, first_line).unwrap_err()
    }

    #[test]
    fn places_a_duplicate_key_at_its_second_occurrence() {
        let error = error_of("title: a\nstage: pilot\n# note\nstage: lab\n", 2);
        assert_eq!((error.line, error.column), (5, 1));
        assert_eq!(
            error.message,
            "the key \"stage\" is written twice in the same map"
        );
        assert_eq!(
            error.help.as_deref(),
            Some("keep one of the two: the key is also on line 3")
        );
        let nested = error_of("title:\n  zh: a\n  en: b\n  zh: c\nsummary: x\n", 1);
        assert_eq!((nested.line, nested.column), (4, 3));
        assert_eq!(
            nested.help.as_deref(),
            Some("keep one of the two: the key is also on line 2")
        );
    }

    #[test]
    fn places_a_full_width_colon_on_its_own_line() {
        let error = error_of(
            "title: a\nsummary：以作价入股方式实现转化。\ndate: 2022\n",
            2,
        );
        assert_eq!((error.line, error.column), (3, 8));
        assert_eq!(
            error.message,
            "\"summary\" is followed by a full-width colon ：, which YAML does not read as a key's colon"
        );
        // A full-width colon inside a value is text, not a mistake.
        let error = error_of("title: 比例：50%\ntags: [a\n", 1);
        assert_eq!(
            error.message,
            "the list opened here with [ is not closed with ]"
        );
        assert_eq!((error.line, error.column), (2, 7));
    }

    #[test]
    fn explains_each_kind_of_syntax_error_with_its_own_help() {
        let cases = [
            (
                "a: 1\n\tb: 2\n",
                (2, 1),
                "a tab in the indentation: YAML indents with spaces only",
                "replace the tab with spaces",
            ),
            (
                "a: {b: c\n",
                (1, 4),
                "the map opened here with { is not closed with }",
                "close the map with } and separate its entries with commas",
            ),
            (
                "a: \"x\n",
                (1, 4),
                "the quotation mark here is not closed",
                "end the text with the same quotation mark it starts with",
            ),
            (
                "a: \"\\q\"\n",
                (1, 5),
                "a backslash in double-quoted text starts an escape YAML does not know",
                "write \\\\ for a backslash, or put the text in single quotes",
            ),
            (
                "a: *x\n",
                (1, 4),
                "an alias *name refers to no anchor &name written before it",
                "put text that starts with * in quotes",
            ),
            (
                "a: @x\n",
                (1, 4),
                "a value cannot start with @",
                "put the text in quotes",
            ),
            (
                "a: b: c\n",
                (1, 5),
                "a colon and a space here start a key where none can stand",
                "check the indentation, or quote text that holds a colon followed by a space",
            ),
        ];
        for (text, place, message, help) in cases {
            let error = error_of(text, 1);
            assert_eq!((error.line, error.column), place, "{text:?}");
            assert_eq!(error.message, message, "{text:?}");
            assert_eq!(error.help.as_deref(), Some(help), "{text:?}");
            // Every message and help is in the catalogue, so it has a Chinese wording.
            assert_ne!(
                crate::diag::messages::code(&error.message),
                "other",
                "{text:?}"
            );
            assert_ne!(
                crate::diag::messages::help(help, crate::config::Lang::Zh),
                help,
                "{text:?}"
            );
        }
    }

    fn path(steps: &[&str]) -> Vec<Step> {
        steps
            .iter()
            .map(|step| match step.parse() {
                Ok(index) => Step::Item(index),
                Err(_) => Step::key(step),
            })
            .collect()
    }

    #[test]
    fn locates_a_nested_key_under_its_own_parent() {
        let text = "title: x\nvocabularies:\n  topics:\n    other: {zh: 其他, en: Other}\n  genres:\n    # kinds\n    reply: {zh: 答复, en: Reply}\n    other: {zh: 其他}\nlimits: {}\n";
        let locator = Locator::new(text, 1);
        let key = |steps: &[&str]| locator.key_at(&path(steps));
        assert_eq!(key(&["vocabularies", "genres", "other"]), Some((8, 5)));
        assert_eq!(key(&["vocabularies", "topics", "other"]), Some((4, 5)));
        assert_eq!(key(&["vocabularies", "genres"]), Some((5, 3)));
        assert_eq!(key(&["vocabularies", "genres", "none"]), None);
        assert_eq!(key(&["limits", "depth"]), None);
    }

    #[test]
    fn locates_list_items_at_their_own_place_not_inside_a_longer_one() {
        let flow = Locator::new("title: x\ntransfer_modes: [作价入股, 作价]\n", 2);
        assert_eq!(
            flow.value_at(&path(&["transfer_modes", "1"])),
            Some((3, 24))
        );
        assert_eq!(
            flow.value_at(&path(&["transfer_modes", "0"])),
            Some((3, 18))
        );
        let block = Locator::new("tags:\n  - 作价入股\n  - \"作价\"\nstage: 中试\n", 1);
        assert_eq!(block.value_at(&path(&["tags", "1"])), Some((3, 6)));
        assert_eq!(block.value_at(&path(&["tags", "0"])), Some((2, 5)));
        assert_eq!(block.value_at(&path(&["stage"])), Some((4, 8)));
    }

    #[test]
    fn locates_keys_and_values_from_file_top() {
        let text = "title: 纳米\nstage: 中式\ntags:\n  - 赋权\n  - 中试\nregion: x\n";
        let locator = Locator::new(text, 2);
        assert_eq!(locator.key("stage"), Some((3, 1)));
        assert_eq!(locator.value_at(&path(&["stage"])), Some((3, 8)));
        assert_eq!(locator.value_at(&path(&["tags", "1"])), Some((6, 5)));
        assert_eq!(locator.value_at(&path(&["tags", "2"])), None);
        assert_eq!(locator.key("nope"), None);
    }

    #[test]
    fn locates_the_same_value_written_twice_at_each_own_place() {
        let text = "a: 中试\nb: [中试, x, 中试]\nc:\n  d: 中试\n";
        let locator = Locator::new(text, 1);
        assert_eq!(locator.value_at(&path(&["b", "2"])), Some((2, 12)));
        assert_eq!(locator.value_at(&path(&["c", "d"])), Some((4, 6)));
    }

    #[test]
    fn finds_a_top_level_key_without_reading_the_text_after_it() {
        // The text after `body:` does not parse: it is never read.
        let text = "title: x\ntags: [a, b]\n\"body\":\n  zh: [unclosed\n";
        let locator = Locator::new(text, 1);
        assert_eq!(locator.top_level_key("body"), Some((3, 2)));
        assert_eq!(locator.top_level_key("summary"), None);
        assert!(!locator.is_placed());
        let valid = "title: x\nfigures:\n  - {body: 1}\nbody:\n  zh: |\n    text\n";
        let locator = Locator::new(valid, 2);
        assert_eq!(locator.top_level_key("body"), Some((5, 1)));
        assert_eq!(locator.top_level_key("body"), locator.key("body"));
    }

    #[test]
    fn counts_lines_of_crlf_files_and_places_empty_values_at_their_key() {
        let text = "a: x\r\nb:\r\nc: [p, \"q\"]\r\n";
        let locator = Locator::new(text, 2);
        assert_eq!(locator.value_at(&path(&["c", "1"])), Some((4, 9)));
        assert_eq!(locator.value_at(&path(&["b"])), Some((3, 1)));
    }
}

/// Properties of the depth limit: it never panics, refuses every nesting past
/// the limit however it is written, and lets every nesting within it through.
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// `depth` levels of nested collections, in flow, block or mixed style.
    fn nested(depth: usize, kinds: &[u8]) -> String {
        let mut text = String::new();
        let mut indent = 0;
        let mut flow = 0;
        for level in 0..depth {
            match kinds[level % kinds.len()] % 3 {
                _ if flow > 0 => {
                    text.push('[');
                    flow += 1;
                }
                0 => {
                    text.push_str(&format!("\n{}k{level}:", " ".repeat(indent)));
                    indent += 2;
                }
                1 => {
                    text.push_str(&format!("\n{}-", " ".repeat(indent)));
                    indent += 2;
                }
                _ => {
                    text.push_str(" [");
                    flow += 1;
                }
            }
        }
        text.push_str(" x");
        text.push_str(&"]".repeat(flow));
        text.push('\n');
        text
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn refuses_past_the_limit_and_only_there(
            depth in 1..60usize,
            kinds in proptest::collection::vec(any::<u8>(), 1..8),
            limit in 4..40usize,
        ) {
            let text = nested(depth, &kinds);
            let refused = check_depth(&text, limit).is_err();
            // A key's value on the next line counts one level early; allow that slack.
            if depth > limit {
                prop_assert!(refused, "depth {depth} passed limit {limit}:\n{text}");
            }
            if depth + 1 < limit {
                prop_assert!(!refused, "depth {depth} refused at limit {limit}:\n{text}");
                prop_assert!(parse_limited(&text, limit).is_ok(), "{text}");
            }
        }

        #[test]
        fn any_text_is_measured_without_panicking(text in any::<String>(), limit in 1..10usize) {
            let _ = check_depth(&text, limit);
            let _ = parse_limited(&text, limit);
        }
    }
}
