//! Diagnostics: every problem found in the content, with the place it was found.
//!
//! Stages never stop at the first problem: they push diagnostics into a
//! [`Diagnostics`] list and go on, and the caller decides the exit code at the end.

pub mod messages;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::lang::Lang;
use crate::yaml::Step;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, placed at `path:line:col` (both 1-based; 0 when unknown).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    /// The entry field the problem is about, if any.
    pub field: Option<String>,
    pub message: String,
    /// What to do about it ("did you mean 中试?").
    pub help: Option<String>,
}

/// Where a value was written in an entry file: the file and the keys and
/// list items that lead to it. Later stages report problems with the value
/// there ([`Diagnostics::push_at`]) without the parser having placed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    pub steps: Vec<Step>,
}

impl Diagnostic {
    pub fn error(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.as_ref().to_path_buf(),
            line: 0,
            column: 0,
            field: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

impl fmt::Display for Diagnostic {
    /// `path:line:col: error: field "stage": unknown value "中式" (did you mean 中试?)`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.one_line(Lang::En))
    }
}

impl Diagnostic {
    /// The place, message and help on one line in `lang`, as `build` prints
    /// them: `path:7:8: 错误: 字段 "stage": 未知的值 "中式"（你是不是要写 中试？）`.
    pub fn one_line(&self, lang: Lang) -> String {
        let mut out = self.path.display().to_string();
        if self.line > 0 {
            out.push_str(&format!(":{}", self.line));
            if self.column > 0 {
                out.push_str(&format!(":{}", self.column));
            }
        }
        let (severity, field_word) = match (self.severity, lang) {
            (Severity::Error, Lang::En) => ("error", "field"),
            (Severity::Warning, Lang::En) => ("warning", "field"),
            (Severity::Error, Lang::Zh) => ("错误", "字段"),
            (Severity::Warning, Lang::Zh) => ("警告", "字段"),
        };
        out.push_str(&format!(": {severity}: "));
        if let Some(field) = &self.field {
            out.push_str(&format!("{field_word} \"{field}\": "));
        }
        out.push_str(&printable(&messages::message(&self.message, lang)));
        if let Some(help) = &self.help {
            let help = messages::help(help, lang);
            let help = printable(&help);
            match lang {
                Lang::En => out.push_str(&format!(" ({help})")),
                Lang::Zh => out.push_str(&format!("（{help}）")),
            }
        }
        out
    }
}

impl Diagnostic {
    /// The stable code of the message, from the catalog in [`messages`].
    pub fn code(&self) -> &'static str {
        messages::code(&self.message)
    }

    /// A compiler-style report in `lang`: the place and message, the offending
    /// line of `source` (the file's text) with a caret under the column, and the help.
    ///
    /// ```text
    /// content/a.zh.md:7:8: error: field "stage": unknown value "中式"
    ///    7 | stage: 中式
    ///      |        ^^^^
    ///   = help: did you mean 中试?
    /// ```
    pub fn render(&self, source: Option<&str>, lang: Lang) -> String {
        let mut out = self.path.display().to_string();
        if self.line > 0 {
            out.push_str(&format!(":{}", self.line));
            if self.column > 0 {
                out.push_str(&format!(":{}", self.column));
            }
        }
        let (severity, field_word, help_word) = match (self.severity, lang) {
            (Severity::Error, Lang::En) => ("error", "field", "help"),
            (Severity::Warning, Lang::En) => ("warning", "field", "help"),
            (Severity::Error, Lang::Zh) => ("错误", "字段", "提示"),
            (Severity::Warning, Lang::Zh) => ("警告", "字段", "提示"),
        };
        out.push_str(&format!(": {severity}: "));
        if let Some(field) = &self.field {
            out.push_str(&format!("{field_word} \"{field}\": "));
        }
        out.push_str(&printable(&messages::message(&self.message, lang)));
        out.push('\n');
        let line_text = (self.line > 0)
            .then(|| source.and_then(|text| text.lines().nth(self.line - 1)))
            .flatten();
        if let Some(text) = line_text {
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            // Bidirectional controls would reorder the terminal's line (the
            // very spoofing a warning may be about); one U+FFFD keeps the columns.
            let text: String = text
                .trim_end()
                .replace('\t', "    ")
                .chars()
                .map(|c| match c {
                    '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => '\u{FFFD}',
                    c if c.is_control() => '\u{FFFD}',
                    c => c,
                })
                .collect();
            // A line longer than a screen (a minified or hostile file) is shown
            // as a window around the column, so the report stays readable.
            let (text, column) = window(&text, self.column);
            out.push_str(&format!(" {number} | {text}\n"));
            if column > 0 {
                let before: usize = text.chars().take(column - 1).map(char_width).sum();
                // Underline the word the column points at: a value, a slug, a key.
                let under = text
                    .chars()
                    .skip(column - 1)
                    .take_while(|c| !c.is_whitespace() && !",:[]{}#\"'()（）".contains(*c))
                    .map(char_width)
                    .sum::<usize>()
                    .max(1);
                out.push_str(&format!(
                    " {gutter} | {}{}\n",
                    " ".repeat(before),
                    "^".repeat(under)
                ));
            }
        }
        if let Some(help) = &self.help {
            out.push_str(&format!(
                "  = {help_word}: {}\n",
                printable(&messages::help(help, lang))
            ));
        }
        out
    }

    /// One JSON object for CI annotations, with the message in `lang`.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        serde_json::json!({
            "severity": self.severity,
            "code": self.code(),
            "path": self.path.display().to_string().replace('\\', "/"),
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": messages::message(&self.message, lang),
            "help": self.help.as_deref().map(|help| messages::help(help, lang)),
        })
    }
}

/// A message as a terminal may show it: values from content can hold escape
/// sequences (clear the screen, retitle the window) and bidirectional controls,
/// so those are written as `\u{1b}`.
fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(unsafe_char) {
        return text.into();
    }
    text.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if unsafe_char(c) {
                c.escape_unicode().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect::<String>()
        .into()
}

/// At most [`WINDOW`] characters of `text` around `column` (1-based, 0 for
/// none), with `…` where text was cut, and the column within the window.
fn window(text: &str, column: usize) -> (String, usize) {
    const WINDOW: usize = 120;
    let count = text.chars().count();
    if count <= WINDOW {
        return (text.to_string(), column);
    }
    let start = column.saturating_sub(WINDOW / 2).min(count - WINDOW);
    let mut shown: String = if start > 0 {
        "…".into()
    } else {
        String::new()
    };
    shown.extend(text.chars().skip(start).take(WINDOW));
    if start + WINDOW < count {
        shown.push('…');
    }
    let column = match column {
        0 => 0,
        _ => column - start + usize::from(start > 0),
    };
    (shown, column)
}

/// Columns `text` takes in a terminal: two per CJK or full-width character,
/// none for a combining mark (Unicode's East Asian Width, through unicode-width).
pub fn text_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// Columns one character takes in a terminal (none for a control character).
fn char_width(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}

/// The source text of each file that `diagnostics` name, read once, for the
/// caret lines of [`Diagnostic::render`].
pub fn sources(root: &Path, diagnostics: &[Diagnostic]) -> HashMap<PathBuf, String> {
    let mut sources = HashMap::new();
    for diagnostic in diagnostics {
        if diagnostic.line == 0 || sources.contains_key(&diagnostic.path) {
            continue;
        }
        if let Ok(text) = std::fs::read_to_string(root.join(&diagnostic.path)) {
            sources.insert(diagnostic.path.clone(), text);
        }
    }
    sources
}

/// The problems found so far, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// The items (by index) placed at a value written in an entry file whose
    /// line and column are not found yet ([`Diagnostics::place_values`]):
    /// finding places parses the YAML a second time, so it waits until
    /// there is a problem to print.
    unplaced: Vec<(usize, Vec<Step>)>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Push `diagnostic`, to be placed at the value `written` names once
    /// [`Diagnostics::place_values`] finds it.
    pub fn push_at(&mut self, diagnostic: Diagnostic, written: &Written) {
        self.unplaced
            .push((self.items.len(), written.steps.clone()));
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        let offset = self.items.len();
        self.unplaced.extend(
            other
                .unplaced
                .into_iter()
                .map(|(index, steps)| (index + offset, steps)),
        );
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Whether the output could not be written (a full disk, a read-only
    /// folder, another build holding its lock): the command line exits with
    /// 3 then, not 1.
    pub fn cannot_write(&self) -> bool {
        self.items.iter().any(|d| {
            let code = d.code();
            code == messages::Message::CannotWrite.code()
                || code == messages::Message::OutputLocked.code()
        })
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Give each diagnostic placed at a value ([`Diagnostics::push_at`])
    /// its line and column: `locate` is asked once per file, with the
    /// file's path, and returns what finds a value's place in it (or `None`
    /// if the file cannot be read). A value not found leaves the place unknown.
    pub fn place_values<F>(&mut self, mut locate: impl FnMut(&Path) -> Option<F>)
    where
        F: Fn(&[Step]) -> Option<(usize, usize)>,
    {
        // Grouped by file, so that each file is read and parsed once.
        let mut unplaced: Vec<(PathBuf, usize, Vec<Step>)> = std::mem::take(&mut self.unplaced)
            .into_iter()
            .map(|(index, steps)| (self.items[index].path.clone(), index, steps))
            .collect();
        unplaced.sort_by(|(a, ..), (b, ..)| a.cmp(b));
        for same_file in unplaced.chunk_by(|(a, ..), (b, ..)| a == b) {
            let find = locate(&same_file[0].0);
            for (_, index, steps) in same_file {
                let (line, column) = find.as_ref().and_then(|find| find(steps)).unwrap_or((0, 0));
                self.items[*index].line = line;
                self.items[*index].column = column;
            }
        }
    }

    /// Sorted by file, then place, so reports read top to bottom and are stable
    /// however the work was split between threads.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
        });
        self.items.dedup();
        self.items
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics {
            items: vec![diagnostic],
            unplaced: Vec::new(),
        }
    }
}

/// The closest candidate to `wrong`, if it is close enough to be a likely typo.
///
/// Distance is counted in characters, so it works for Chinese values
/// (中式 → 中试) as well as for field names (titel → title).
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wrong_lower = wrong.to_lowercase();
    let limit = (wrong.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| {
            let candidate_lower = candidate.to_lowercase();
            let shared_prefix = wrong_lower
                .chars()
                .zip(candidate_lower.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let distance = strsim::osa_distance(&wrong_lower, &candidate_lower);
            (distance, std::cmp::Reverse(shared_prefix), candidate)
        })
        .filter(|(distance, _, _)| *distance <= limit)
        .min_by_key(|(distance, shared_prefix, _)| (*distance, *shared_prefix))
        .map(|(_, _, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_chinese_value() {
        assert_eq!(
            did_you_mean("中式", ["小试", "中试", "产业化"]),
            Some("中试")
        );
        assert_eq!(did_you_mean("产业", ["中试", "产业化"]), Some("产业化"));
    }

    #[test]
    fn suggests_near_field_name() {
        assert_eq!(did_you_mean("titel", ["title", "summary"]), Some("title"));
        assert_eq!(did_you_mean("zzzzzz", ["title", "summary"]), None);
    }

    #[test]
    fn renders_the_source_line_with_a_caret_in_either_language() {
        let d = Diagnostic::error("content/a.zh.md", "unknown value \"中式\"")
            .at(3, 8)
            .field("stage")
            .help("did you mean 中试?");
        let source = "---\ntitle: 标题\nstage: 中式\n---\n";
        assert_eq!(
            d.render(Some(source), Lang::En),
            "content/a.zh.md:3:8: error: field \"stage\": unknown value \"中式\"\n 3 | stage: 中式\n   |        ^^^^\n  = help: did you mean 中试?\n"
        );
        assert_eq!(
            d.render(Some(source), Lang::Zh),
            "content/a.zh.md:3:8: 错误: 字段 \"stage\": 未知的值 \"中式\"\n 3 | stage: 中式\n   |        ^^^^\n  = 提示: 你是不是要写 中试？\n"
        );
    }

    #[test]
    fn shows_a_window_of_an_overlong_line_with_the_caret_in_place() {
        let line = format!("tags: {}x", "[".repeat(1000));
        let d = Diagnostic::error("a.zh.md", "m").at(1, 1007);
        let shown = d.render(Some(&line), Lang::En);
        let lines: Vec<&str> = shown.lines().collect();
        assert!(lines[1].ends_with("[[x"), "{shown}");
        assert!(lines[1].chars().count() < 140, "{shown}");
        let caret = lines[2].chars().position(|c| c == '^').unwrap();
        assert_eq!(lines[1].chars().nth(caret), Some('x'));
    }

    #[test]
    fn displays_place_field_and_help() {
        let d = Diagnostic::error("content/a.zh.md", "unknown value \"中式\"")
            .at(7, 8)
            .field("stage")
            .help("did you mean 中试?");
        assert_eq!(
            d.to_string(),
            "content/a.zh.md:7:8: error: field \"stage\": unknown value \"中式\" (did you mean 中试?)"
        );
    }
}
