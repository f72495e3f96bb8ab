//! Bidirectional control characters (U+202A–U+202E, U+2066–U+2069) left open
//! or closed without an opening: they make text display in another order than
//! it is written ("Trojan Source"), so a spoofed title or link text could pass
//! review. Balanced pairs are legitimate in mixed Arabic/Hebrew and Latin text.

use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};

use crate::yaml::{Locator, Yaml};

/// The byte offset and character of the first control that is unbalanced:
/// a PDF or PDI with nothing to close, or an opening left open at the end.
pub fn first_unbalanced(text: &str) -> Option<(usize, char)> {
    // Openings not yet closed: (byte offset, character).
    let mut open: Vec<(usize, char)> = Vec::new();
    for (offset, c) in text.char_indices() {
        match c {
            // LRE, RLE, LRO, RLO: closed by PDF.
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => open.push((offset, c)),
            // LRI, RLI, FSI: closed by PDI.
            '\u{2066}'..='\u{2068}' => open.push((offset, c)),
            // PDF closes the innermost embedding, never across an isolate.
            '\u{202C}' => match open.last() {
                Some((_, top)) if !is_isolate(*top) => {
                    open.pop();
                }
                _ => return Some((offset, c)),
            },
            // PDI closes the innermost isolate and the embeddings opened in it.
            '\u{2069}' => match open.iter().rposition(|(_, o)| is_isolate(*o)) {
                Some(index) => open.truncate(index),
                None => return Some((offset, c)),
            },
            // A paragraph break ends every embedding and isolate.
            '\n' | '\r' | '\u{2029}' if !open.is_empty() => return open.first().copied(),
            _ => {}
        }
    }
    open.first().copied()
}

fn is_isolate(c: char) -> bool {
    matches!(c, '\u{2066}'..='\u{2068}')
}

/// The warning's text for an unbalanced `c`.
pub fn message(c: char) -> String {
    format!(
        "unbalanced bidirectional control character U+{:04X}: the text may display in another order than it is written",
        u32::from(c)
    )
}

pub const HELP: &str = "remove it, or close it with U+202C (PDF) or U+2069 (PDI)";

/// A warning for each line of text, in any field or the Markdown body, with
/// an unbalanced bidirectional control character.
pub fn warn_unbalanced(
    entries: &[(String, Yaml)],
    markdown_body: &Option<(&str, usize)>,
    locator: &Locator,
    path: &Path,
    diagnostics: &mut Diagnostics,
) {
    let warning = |c: char| Diagnostic::warning(path, message(c)).help(HELP);
    for (key, value) in entries {
        let mut texts = Vec::new();
        collect_strings(value, &mut texts);
        for text in texts {
            for line in text.lines() {
                let Some((offset, c)) = first_unbalanced(line) else {
                    continue;
                };
                // Placed at the character where the line is written as it is
                // (not through escapes); else at the key.
                let (line_number, column) = match locator.find_in_value(key, line) {
                    Some((l, col)) => (l, col + line[..offset].chars().count()),
                    None => locator.key(key).unwrap_or((0, 0)),
                };
                diagnostics.push(warning(c).at(line_number, column).field(key.clone()));
            }
        }
    }
    if let Some((body, first_line)) = markdown_body {
        for (index, line) in body.lines().enumerate() {
            if let Some((offset, c)) = first_unbalanced(line) {
                let column = line[..offset].chars().count() + 1;
                diagnostics.push(warning(c).at(first_line + index, column).field("body"));
            }
        }
    }
}

fn collect_strings<'a>(value: &'a Yaml, out: &mut Vec<&'a str>) {
    match value {
        Yaml::String(text) => out.push(text),
        Yaml::List(items) => items.iter().for_each(|item| collect_strings(item, out)),
        Yaml::Map(entries) => entries.iter().for_each(|(key, item)| {
            out.push(key);
            collect_strings(item, out)
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balanced_pairs_pass() {
        for text in [
            "plain",
            "a \u{202E}b\u{202C} c",
            "\u{2067}عربي\u{2069} and \u{202B}x\u{202A}y\u{202C}\u{202C}",
            "\u{2066}\u{202E}inner embedding closed by PDI\u{2069}",
        ] {
            assert_eq!(first_unbalanced(text), None, "{text:?}");
        }
    }

    #[test]
    fn finds_the_first_unbalanced_control() {
        assert_eq!(first_unbalanced("ab\u{202E}cd"), Some((2, '\u{202E}')));
        assert_eq!(first_unbalanced("x\u{202C}"), Some((1, '\u{202C}')));
        assert_eq!(first_unbalanced("x\u{2069}"), Some((1, '\u{2069}')));
        // A PDF cannot close an isolate.
        assert_eq!(first_unbalanced("\u{2066}x\u{202C}"), Some((4, '\u{202C}')));
        assert_eq!(
            first_unbalanced("\u{202E}line\nnext\u{202C}"),
            Some((0, '\u{202E}'))
        );
    }
}
