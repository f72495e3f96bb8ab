//! Interface strings from the theme's `i18n/{zh,en}.yaml`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::config::Lang;
use crate::diag::{Diagnostic, Diagnostics};
use crate::yaml::{self, Locator, Yaml};

/// One language's strings, by key.
pub type Strings = BTreeMap<String, String>;

/// Load both languages' strings; each key must be in both files. `read`
/// gives a file of the theme by its path in it (`i18n/zh.yaml`).
pub fn load(
    root: &Path,
    theme_dir: &Path,
    read: &dyn Fn(&str) -> std::io::Result<Vec<u8>>,
) -> Result<[Strings; 2], Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let mut loaded: [Strings; 2] = [Strings::new(), Strings::new()];
    for lang in Lang::ALL {
        let path = theme_dir.join("i18n").join(format!("{}.yaml", lang.code()));
        let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let text = match read(&format!("i18n/{}.yaml", lang.code())).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            Ok(Err(_)) => {
                diagnostics.push(Diagnostic::error(&shown, "the file is not UTF-8 text"));
                continue;
            }
            Err(error) => {
                diagnostics.push(Diagnostic::error(
                    &shown,
                    format!("cannot read the interface strings: {error}"),
                ));
                continue;
            }
        };
        match yaml::parse(&text) {
            Ok(Yaml::Map(entries)) => {
                for (key, value) in entries {
                    match value.as_scalar_text() {
                        Some(text) => {
                            loaded[lang as usize].insert(key, text);
                        }
                        None => {
                            let (line, column) = Locator::new(&text, 1).key(&key).unwrap_or((0, 0));
                            diagnostics.push(
                                Diagnostic::error(&shown, "expected text")
                                    .at(line, column)
                                    .field(key),
                            );
                        }
                    }
                }
            }
            Ok(_) => {
                diagnostics.push(Diagnostic::error(&shown, "expected a map of key: text").at(1, 1))
            }
            Err(error) => diagnostics
                .push(Diagnostic::error(&shown, error.message).at(error.line, error.column)),
        }
    }
    for lang in Lang::ALL {
        let other = lang.other();
        for key in loaded[lang as usize].keys() {
            if !loaded[other as usize].contains_key(key) {
                let path = theme_dir
                    .join("i18n")
                    .join(format!("{}.yaml", other.code()));
                let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                diagnostics.push(
                    Diagnostic::error(shown, format!("missing translation of \"{key}\""))
                        .field(key.clone()),
                );
            }
        }
    }
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok(loaded)
    }
}

#[cfg(test)]
mod tests {
    /// The default theme's Chinese interface text takes full-width punctuation
    /// (，：；（）？！) wherever it sits beside Chinese characters.
    #[test]
    fn the_default_themes_chinese_text_uses_full_width_punctuation() {
        let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        let text = include_str!("../../themes/default/i18n/zh.yaml");
        for line in text.lines() {
            let value = match line.split_once(':') {
                Some((key, value)) if !line.starts_with('#') && !key.contains(' ') => value,
                _ => line,
            };
            let chars: Vec<char> = value.chars().collect();
            for (index, c) in chars.iter().enumerate() {
                let before = index.checked_sub(1).map(|i| chars[i]);
                let after = chars.get(index + 1).copied();
                let beside_han = before.is_some_and(is_han) || after.is_some_and(is_han);
                let wrong = matches!(c, ',' | ';' | ':' | '?' | '!' | '(' | ')') && beside_han;
                assert!(!wrong, "ASCII {c:?} in Chinese interface text: {line}");
            }
        }
    }
}
