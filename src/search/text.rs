//! Search text: the text of an entry page as a reader sees it, normalised,
//! and cut into the terms the index keeps.
//!
//! Every rule here has a twin in `themes/default/static/search.js`; the two
//! must agree character for character, or the browser would look for terms
//! the index never wrote.

/// Whether a character is written without spaces between words: Han
/// ideographs (with their extensions and compatibility forms), kana and Hangul.
pub fn is_cjk(c: char) -> bool {
    // Most text is ASCII or Latin, below every CJK block.
    if (c as u32) < 0x3007 {
        return false;
    }
    matches!(c as u32,
        0x3007
        | 0x3040..=0x30FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2FA1F)
}

/// The traditional → simplified table of single characters (OpenCC's
/// TSCharacters, made into `t2s.txt` by `scripts/gen-t2s.mjs`): pairs written
/// one after the other on the line after the `#` comments. The build ships
/// the same file to the browser, which folds queries with it.
pub const T2S_TABLE: &str = include_str!("t2s.txt");

/// Traditional characters, sorted, with their simplified forms.
static T2S: std::sync::LazyLock<Vec<(char, char)>> = std::sync::LazyLock::new(|| {
    let pairs = T2S_TABLE
        .lines()
        .filter(|line| !line.starts_with('#'))
        .flat_map(|line| {
            let chars: Vec<char> = line.chars().collect();
            chars
                .chunks_exact(2)
                .map(|p| (p[0], p[1]))
                .collect::<Vec<_>>()
        });
    let mut table: Vec<(char, char)> = pairs.collect();
    table.sort_unstable();
    table
});

/// The folding table cut into [`T2S_PARTS`] parts by the traditional
/// character's code point (its remainder), each in the table's own format
/// with its comment lines: the browser fetches only the parts of the
/// characters it folds.
pub const T2S_PARTS: u32 = 64;

pub fn t2s_parts() -> Vec<String> {
    let comments: String = T2S_TABLE
        .lines()
        .filter(|line| line.starts_with('#'))
        .map(|line| format!("{line}\n"))
        .collect();
    (0..T2S_PARTS)
        .map(|part| {
            let pairs: String = T2S
                .iter()
                .filter(|(traditional, _)| *traditional as u32 % T2S_PARTS == part)
                .flat_map(|(traditional, simple)| [*traditional, *simple])
                .collect();
            format!("{comments}{pairs}\n")
        })
        .collect()
}

/// One bit per BMP character: whether it is in [`T2S`].
static T2S_BMP: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| {
    let mut bits = vec![0u64; 0x10000 / 64];
    for (traditional, _) in T2S.iter() {
        let c = *traditional as u32;
        if c < 0x10000 {
            bits[(c >> 6) as usize] |= 1 << (c & 63);
        }
    }
    bits
});

/// The simplified form of a traditional character; any other character as it is.
pub fn simplify(c: char) -> char {
    // The table holds CJK characters only, most text is not CJK.
    if (c as u32) < 0x3400 {
        return c;
    }
    // Most CJK characters are not in the table: one bit says so, where a
    // search of the table would take a dozen steps.
    if (c as u32) < 0x10000 && T2S_BMP[(c as usize) >> 6] & (1 << (c as u32 & 63)) == 0 {
        return c;
    }
    match T2S.binary_search_by_key(&c, |(t, _)| *t) {
        Ok(at) => T2S[at].1,
        Err(_) => c,
    }
}

/// A normalised text with every traditional character simplified.
pub fn simplify_text(text: &str) -> String {
    text.chars().map(simplify).collect()
}

/// A character of a word in an alphabetic script: a letter or digit that is not CJK.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// Full-width forms fold to their ASCII twins (ＡＩ → AI, １２３ → 123, the
/// ideographic space → a space); everything is lowercased.
fn fold(c: char, out: &mut String) {
    fold_each(c, |c| out.push(c));
}

/// [`fold`], handing each resulting character to `emit`. ASCII and CJK, most
/// of any text, skip the case tables: CJK characters have no case.
#[inline]
fn fold_each(c: char, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
        return;
    }
    if is_cjk(c) {
        emit(c);
        return;
    }
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    for lower in c.to_lowercase() {
        emit(lower);
    }
}

/// The terms of a query. Whitespace in a query always separates terms, even
/// between CJK characters: 芯片 中试 asks for both, anywhere in the entry.
pub fn query_terms(query: &str) -> Vec<Term> {
    let mut folded = String::with_capacity(query.len());
    for c in query.chars() {
        fold(c, &mut folded);
    }
    terms(&folded)
}

/// The text that matching is done on: folded and lowercased; whitespace runs
/// become one space, or nothing when they stand between two CJK characters
/// (a line break inside a Chinese sentence does not break a word); no space
/// at either end.
pub fn normalise(text: &str) -> String {
    normalise_marked(text, text.len()).0
}

/// [`normalise`], with the length in characters of the normalised text of
/// `text[..mark]`, which is a prefix of the whole normalised text: the
/// characters written before the mark is reached, a pending space excluded.
/// One pass, where normalising the prefix again would be a second.
pub fn normalise_marked(text: &str, mark: usize) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let marked = normalise_each(text, mark, |c| out.push(c));
    (out, marked)
}

/// [`normalise_marked`], handing the normalised text to `emit` one
/// character at a time.
pub fn normalise_each(text: &str, mark: usize, mut emit: impl FnMut(char)) -> usize {
    let mut state = Normaliser::default();
    let mut marked = None;
    for (at, c) in text.char_indices() {
        if at == mark {
            marked = Some(state.written);
        }
        // ASCII and CJK, nearly all of any text, fold to one character
        // without the case tables; the rest may fold to several.
        let folded = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else if is_cjk(c) {
            c
        } else {
            fold_each(c, |c| state.take(c, &mut emit));
            continue;
        };
        state.take(folded, &mut emit);
    }
    marked.unwrap_or(state.written)
}

/// What [`normalise_each`] knows of the text written so far.
#[derive(Default)]
struct Normaliser {
    written: usize,
    previous: Option<char>,
    pending_space: bool,
}

impl Normaliser {
    /// Take one folded character: whitespace is held back until the next
    /// character shows whether it is written (not between two CJK ones).
    #[inline(always)]
    fn take(&mut self, c: char, emit: &mut impl FnMut(char)) {
        if c.is_whitespace() {
            self.pending_space = self.previous.is_some();
            return;
        }
        if self.pending_space {
            let before = self.previous.expect("a space follows text");
            if !(is_cjk(before) && is_cjk(c)) {
                emit(' ');
                self.written += 1;
            }
            self.pending_space = false;
        }
        emit(c);
        self.written += 1;
        self.previous = Some(c);
    }
}

/// Whitespace runs become one space, with none at either end: the text kept
/// for snippets, in the reader's own spelling.
pub fn collapse_whitespace(text: &str) -> String {
    collapse_whitespace_marked(text, text.len()).0
}

/// [`collapse_whitespace`], and where byte `mark` of `text` lands in the
/// result: the start of the first word at or after it, or the same place
/// inside a word that runs across it (the result's length if none does).
pub fn collapse_whitespace_marked(text: &str, mark: usize) -> (String, usize) {
    let mut collapsed = Collapsed::with_capacity(text.len());
    let (before, after) = text.split_at(mark.min(text.len()));
    collapsed.push_str(before);
    collapsed.mark();
    collapsed.push_str(after);
    let (text, marked) = collapsed.finish();
    let marked = marked.unwrap_or(text.len());
    (text, marked)
}

/// Text handed over piece by piece, as an element's text is found between
/// tags, with a place in it marked once.
pub trait TextOut {
    fn push_str(&mut self, piece: &str);

    /// The text so far ends where the mark is.
    fn mark(&mut self);

    fn push(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }
}

/// Text as written; a plain string keeps no mark.
impl TextOut for String {
    fn push_str(&mut self, piece: &str) {
        String::push_str(self, piece);
    }

    fn mark(&mut self) {}
}

/// [`collapse_whitespace_marked`] as the text arrives, so that a page's
/// text is read once and never held uncollapsed.
pub struct Collapsed {
    text: String,
    /// Whitespace followed a word and no word has come since.
    pending_space: bool,
    mark: MarkState,
}

#[derive(Clone, Copy)]
enum MarkState {
    NotYet,
    /// The mark has been passed; the next word's start is where it lands.
    Passed,
    At(usize),
}

impl Collapsed {
    pub fn with_capacity(capacity: usize) -> Self {
        Collapsed {
            text: String::with_capacity(capacity),
            pending_space: false,
            mark: MarkState::NotYet,
        }
    }

    /// The collapsed text, and where the mark landed (the text's length if no
    /// word followed it); `None` if there was no mark.
    pub fn finish(self) -> (String, Option<usize>) {
        let marked = match self.mark {
            MarkState::NotYet => None,
            MarkState::Passed => Some(self.text.len()),
            MarkState::At(at) => Some(at),
        };
        (self.text, marked)
    }

    fn word(&mut self, word: &str) {
        if self.pending_space {
            self.text.push(' ');
            self.pending_space = false;
        }
        if let MarkState::Passed = self.mark {
            self.mark = MarkState::At(self.text.len());
        }
        self.text.push_str(word);
    }
}

impl TextOut for Collapsed {
    fn push_str(&mut self, piece: &str) {
        let bytes = piece.as_bytes();
        let mut word_start = None;
        let mut at = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            // ASCII needs no decoding; other characters are looked up whole.
            let (white, length) = match byte {
                0..0x80 => (matches!(byte, b' ' | b'\t'..=b'\r'), 1),
                // Lead bytes of no whitespace character, most CJK among them:
                // the only ones outside ASCII are U+0085, U+00A0 (0xC2),
                // U+1680 (0xE1), U+2000–U+205F (0xE2) and U+3000 (0xE3).
                0xC3..=0xDF => (false, 2),
                0xE4..=0xEF => (false, 3),
                0xF0.. => (false, 4),
                _ => {
                    let c = piece[at..].chars().next().expect("at a character boundary");
                    (c.is_whitespace(), c.len_utf8())
                }
            };
            if white {
                if let Some(from) = word_start.take() {
                    self.word(&piece[from..at]);
                }
                self.pending_space |= !self.text.is_empty();
            } else if word_start.is_none() {
                word_start = Some(at);
            }
            at += length;
        }
        if let Some(from) = word_start {
            self.word(&piece[from..]);
        }
    }

    fn mark(&mut self) {
        if let MarkState::NotYet = self.mark {
            self.mark = MarkState::Passed;
        }
    }
}

/// A light English stemmer: plurals, -ing and -ed come off, and a final e, so
/// park/parks/parking, policy/policies and base/based/bases meet on one stem.
/// Words with digits or of three letters or fewer stay as they are.
pub fn stem(word: &str) -> String {
    let mut stem = word.to_string();
    stem_in_place(&mut stem);
    stem
}

/// [`stem`], in the word's own buffer.
pub fn stem_in_place(stem: &mut String) {
    // Nearly every word is ASCII, whose characters are its bytes; the
    // suffixes cut and added are ASCII, so a word stays what it was.
    let ascii = stem.is_ascii();
    let length = |stem: &str| {
        if ascii {
            stem.len()
        } else {
            stem.chars().count()
        }
    };
    let alphabetic = if ascii {
        stem.bytes().all(|b| b.is_ascii_alphabetic())
    } else {
        stem.chars().all(char::is_alphabetic)
    };
    if length(stem) <= 3 || !alphabetic {
        return;
    }
    let ends = |s: &str, suffix: &str| s.ends_with(suffix);
    if ends(stem, "ies") && length(stem) > 4 {
        stem.truncate(stem.len() - 3);
        stem.push('y');
    } else if ["sses", "ses", "xes", "zes", "ches", "shes"]
        .iter()
        .any(|s| stem.ends_with(s))
    {
        // processes → process, boxes → box, churches → church
        stem.truncate(stem.len() - 2);
    } else if ends(stem, "s") && !["ss", "us", "is"].iter().any(|s| stem.ends_with(s)) {
        stem.truncate(stem.len() - 1);
    } else if ends(stem, "ing") && length(stem) >= 6 {
        stem.truncate(stem.len() - 3);
        undouble(stem);
    } else if ends(stem, "ed") && !ends(stem, "eed") {
        stem.truncate(stem.len() - 2);
        undouble(stem);
    }
    if stem.ends_with('e') && length(stem) > 3 {
        stem.pop();
    }
}

/// running → runn → run; but call, pass and buzz keep their double letter.
fn undouble(stem: &mut String) {
    let bytes = stem.as_bytes();
    let n = bytes.len();
    if n >= 3
        && bytes[n - 1] == bytes[n - 2]
        && bytes[n - 1].is_ascii_alphabetic()
        && !b"aeiouylsz".contains(&bytes[n - 1])
    {
        stem.pop();
    }
}

/// Whether a query word also matches the longer words it begins, as an
/// unfinished word being typed: words of two or more characters that end
/// in a letter do; one that ends in a digit never does, since a number is
/// exact (232 is not 2326, word1 is not word12).
pub fn matches_as_prefix(word: &str) -> bool {
    word.chars().nth(1).is_some() && !word.chars().last().is_some_and(char::is_numeric)
}

/// One term of a query or a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A run of CJK characters, matched as an exact substring.
    Cjk(String),
    /// A word of an alphabetic script or digits, matched by its stem.
    Word(String),
}

/// Cut normalised text into terms: runs of CJK characters and words; spaces
/// and punctuation separate terms and are not themselves searchable.
pub fn terms(normalised: &str) -> Vec<Term> {
    terms_with_offsets(normalised)
        .into_iter()
        .map(|(_, term)| term)
        .collect()
}

/// [`terms`], each with the offset, in characters, where it begins.
pub fn terms_with_offsets(normalised: &str) -> Vec<(usize, Term)> {
    let mut terms = Vec::new();
    let mut current = String::new();
    let mut current_cjk = false;
    let mut start = 0;
    for (offset, c) in normalised.chars().enumerate() {
        let kind = if is_cjk(c) {
            Some(true)
        } else if is_word_char(c) {
            Some(false)
        } else {
            None
        };
        match kind {
            Some(cjk) if current.is_empty() || cjk == current_cjk => {
                if current.is_empty() {
                    start = offset;
                }
                current.push(c);
                current_cjk = cjk;
            }
            _ => {
                if !current.is_empty() {
                    let run = std::mem::take(&mut current);
                    terms.push((start, make_term(run, current_cjk)));
                }
                if let Some(cjk) = kind {
                    start = offset;
                    current.push(c);
                    current_cjk = cjk;
                }
            }
        }
    }
    if !current.is_empty() {
        terms.push((start, make_term(current, current_cjk)));
    }
    terms
}

fn make_term(run: String, cjk: bool) -> Term {
    if cjk { Term::Cjk(run) } else { Term::Word(run) }
}

/// The text content of the first element carrying `attribute` (`data-entry`)
/// in a page rendered by the theme: what `element.textContent` gives in a
/// browser, with character references decoded.
pub fn element_text(html: &str, attribute: &str) -> Option<String> {
    let mut text = String::new();
    element_text_into(html, attribute, None, &mut text)?;
    Some(text)
}

/// [`element_text`], handed to `out` piece by piece, marked where the first
/// element carrying `mark` (`data-entry-body`) begins, if it is inside.
/// `None` when no element carries `attribute`.
pub fn element_text_into(
    html: &str,
    attribute: &str,
    mark: Option<&str>,
    out: &mut impl TextOut,
) -> Option<()> {
    let start = find_tag_with_attribute(html, attribute)?;
    let open_end = start + html[start..].find('>')? + 1;
    let marked_at = mark
        .and_then(|mark| find_tag_with_attribute(&html[open_end..], mark).map(|at| open_end + at));
    let name = tag_name(&html[start + 1..]);
    let mut depth = 1usize;
    let mut position = open_end;
    let bytes = html.as_bytes();
    while position < html.len() {
        let Some(offset) = html[position..].find('<') else {
            decode_into(&html[position..], out);
            break;
        };
        decode_into(&html[position..position + offset], out);
        position += offset;
        if Some(position) == marked_at {
            out.mark();
        }
        if html[position..].starts_with("<!--") {
            position += html[position..].find("-->").map_or(html.len(), |e| e + 3);
            continue;
        }
        let closing = bytes.get(position + 1) == Some(&b'/');
        let tag_start = position + 1 + usize::from(closing);
        let tag = tag_name(&html[tag_start..]);
        let end = html[position..]
            .find('>')
            .map_or(html.len(), |e| position + e + 1);
        if tag.eq_ignore_ascii_case(name) {
            let self_closing = html[..end].ends_with("/>");
            if closing {
                depth -= 1;
                if depth == 0 {
                    return Some(());
                }
            } else if !self_closing {
                depth += 1;
            }
        }
        position = end;
    }
    Some(())
}

/// The name at the start of a tag: its ASCII letters and digits.
fn tag_name(after_bracket: &str) -> &str {
    let length = after_bracket
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    &after_bracket[..length]
}

fn find_tag_with_attribute(html: &str, attribute: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(offset) = html[from..].find(attribute) {
        let at = from + offset;
        let tag_start = html[..at].rfind('<')?;
        let after = html.as_bytes().get(at + attribute.len()).copied();
        let inside_tag = !html[tag_start..at].contains('>');
        let whole_name = html.as_bytes()[at - 1].is_ascii_whitespace()
            && matches!(after, Some(b' ' | b'>' | b'=' | b'/' | b'\n' | b'\t'));
        if inside_tag && whole_name {
            return Some(tag_start);
        }
        from = at + attribute.len();
    }
    None
}

/// Decode the character references a renderer writes: numeric ones and the
/// named ones for markup characters and the no-break space. Others stay as written.
fn decode_into(raw: &str, out: &mut impl TextOut) {
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.bytes().take(12).position(|b| b == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let decoded = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"))
        {
            u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
        } else if let Some(decimal) = name.strip_prefix('#') {
            decimal.parse::<u32>().ok().and_then(char::from_u32)
        } else {
            match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folding_table_in_parts_holds_each_pair_once_in_the_part_of_its_code_point() {
        let parts = t2s_parts();
        assert_eq!(parts.len(), T2S_PARTS as usize);
        let mut pairs = 0;
        for (number, part) in parts.iter().enumerate() {
            assert!(part.starts_with("# "), "the parts keep the table's notice");
            let line = part.lines().find(|l| !l.starts_with('#')).unwrap_or("");
            let chars: Vec<char> = line.chars().collect();
            for pair in chars.chunks_exact(2) {
                assert_eq!(pair[0] as u32 % T2S_PARTS, number as u32);
                assert_eq!(simplify(pair[0]), pair[1]);
                pairs += 1;
            }
        }
        assert_eq!(pairs, T2S.len());
    }

    #[test]
    fn simplifies_traditional_characters_and_leaves_simplified_ones() {
        assert_eq!(simplify_text("科學城 經紀人 技術"), "科学城 经纪人 技术");
        assert_eq!(simplify_text("科学城 AI 2023"), "科学城 AI 2023");
        // Folding twice changes nothing: no simplified form is itself folded.
        for (traditional, simple) in T2S.iter() {
            assert_ne!(traditional, simple);
            assert_eq!(simplify(*simple), *simple, "{traditional} → {simple}");
            assert!(is_cjk(*traditional) && is_cjk(*simple));
        }
        assert!(T2S.len() > 3000);
    }

    #[test]
    fn folds_full_width_and_case() {
        assert_eq!(normalise("ＡＩ芯片 １２３"), "ai芯片 123");
        assert_eq!(normalise("Science CITY"), "science city");
    }

    #[test]
    fn line_breaks_between_chinese_characters_vanish() {
        assert_eq!(normalise("  纳米\n  位移测量 技术 "), "纳米位移测量技术");
        assert_eq!(normalise("AI 芯片"), "ai 芯片");
        assert_eq!(normalise("重庆\u{3000}科学城"), "重庆科学城");
    }

    #[test]
    fn stems_plurals_and_verb_endings() {
        for (word, expected) in [
            ("parks", "park"),
            ("park", "park"),
            ("parking", "park"),
            ("policies", "policy"),
            ("policy", "policy"),
            ("processes", "process"),
            ("processing", "process"),
            ("tested", "test"),
            ("running", "run"),
            ("based", "bas"),
            ("base", "bas"),
            ("campus", "campus"),
            ("2020", "2020"),
            ("ai", "ai"),
        ] {
            assert_eq!(stem(word), expected, "{word}");
        }
    }

    #[test]
    fn cuts_document_numbers_into_parts() {
        assert_eq!(
            terms(&normalise("渝科局函〔2020〕109号")),
            vec![
                Term::Cjk("渝科局函".into()),
                Term::Word("2020".into()),
                Term::Word("109".into()),
                Term::Cjk("号".into()),
            ]
        );
        assert_eq!(
            terms("ai芯片"),
            vec![Term::Word("ai".into()), Term::Cjk("芯片".into())]
        );
    }

    #[test]
    fn a_mark_lands_on_the_first_word_after_it_even_inside_a_word() {
        let text = "  title\n meta  body words ";
        let mark = text.find("body").unwrap() - 1;
        assert_eq!(
            collapse_whitespace_marked(text, mark),
            ("title meta body words".to_string(), 11)
        );
        let glued = "title metaBody words";
        let mark = glued.find("Body").unwrap();
        let (collapsed, at) = collapse_whitespace_marked(glued, mark);
        assert_eq!(&collapsed[at..], "Body words");
        assert_eq!(collapse_whitespace_marked("a b", 3), ("a b".to_string(), 3));
    }

    /// What [`collapse_whitespace_marked`] did before it streamed: the
    /// standard library's idea of whitespace, applied to the whole text.
    fn collapse_reference(text: &str, mark: usize) -> (String, usize) {
        let mut out = String::new();
        let mut marked = None;
        for word in text.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            let start = word.as_ptr() as usize - text.as_ptr() as usize;
            if marked.is_none() && start + word.len() > mark {
                marked = Some(out.len() + mark.saturating_sub(start));
            }
            out.push_str(word);
        }
        let marked = marked.unwrap_or(out.len());
        (out, marked)
    }

    proptest::proptest! {
        #[test]
        fn streamed_collapsing_agrees_with_splitting_on_whitespace(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    " ", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{85}", "\u{a0}", "\u{1680}",
                    "\u{2000}", "\u{200a}", "\u{200b}", "\u{2028}", "\u{202f}", "\u{205f}",
                    "\u{3000}", "科", "学", "é", "ß", "a", "Z", "9", "\u{1f600}", "\u{2010}",
                    "\u{e000}", "\u{c0}",
                ]),
                0..30,
            ),
            mark in 0..40usize,
            split in proptest::collection::vec(0..30usize, 0..4),
        ) {
            let text: String = pieces.concat();
            let mark = text.char_indices().map(|(at, _)| at).nth(mark).unwrap_or(text.len());
            proptest::prop_assert_eq!(
                collapse_whitespace_marked(&text, mark),
                collapse_reference(&text, mark)
            );
            // Handed over in pieces cut at character boundaries.
            let mut cuts: Vec<usize> = split
                .iter()
                .filter_map(|n| text.char_indices().map(|(at, _)| at).nth(*n))
                .chain([mark])
                .collect();
            cuts.sort_unstable();
            let mut collapsed = Collapsed::with_capacity(0);
            let mut from = 0;
            for cut in cuts {
                collapsed.push_str(&text[from..cut]);
                if cut == mark {
                    collapsed.mark();
                }
                from = cut;
            }
            collapsed.push_str(&text[from..]);
            let (streamed, at) = collapsed.finish();
            proptest::prop_assert_eq!((streamed, at.unwrap()), collapse_reference(&text, mark));
        }
    }

    #[test]
    fn extracts_the_text_content_of_the_entry_element() {
        let html = r#"<body><nav>skip</nav><article class="entry" data-entry data-type="park">
<h1>西部(重庆)科学城 &amp; more</h1><!-- a comment --><p>A&#x27;s <b>bold</b>&nbsp;x &copy;</p>
<article>inner</article></article><footer>not this</footer>"#;
        let text = element_text(html, "data-entry").unwrap();
        assert_eq!(
            text,
            "\n西部(重庆)科学城 & moreA's bold\u{a0}x &copy;\ninner"
        );
        assert!(element_text("<p data-entryx>no</p>", "data-entry").is_none());
        assert_eq!(
            element_text(
                "<p data-entry>&quot; (揭榜挂帅) &amp 项目</p>",
                "data-entry"
            )
            .unwrap(),
            "\" (揭榜挂帅) &amp 项目"
        );
    }
}

/// Properties of the tokeniser on any text, hostile text included: it never
/// panics, and what it hands the index points at the text it came from.
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Any Unicode, weighted towards what trips tokenisers: CJK next to
    /// Latin, case that folds to several characters, full-width forms,
    /// combining marks, controls, bidi controls and markup.
    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            any::<char>().prop_map(String::from),
            proptest::sample::select(vec![
                "科",
                "学",
                "城",
                "ß",
                "İ",
                "ﬃ",
                "Ａ",
                "１",
                "\u{3000}",
                "\u{301}",
                "\u{0}",
                "\u{202e}",
                "\u{2066}",
                " ",
                "\n",
                "<",
                "&amp;",
                "&#x27;",
                "&",
                ";",
                "a",
                "Z",
                "9",
                "\u{1f600}",
                "ǅ",
                "ΐ",
            ])
            .prop_map(String::from),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn terms_point_at_their_own_characters(text in text()) {
            let normalised = normalise(&text);
            let chars: Vec<char> = normalised.chars().collect();
            let mut last = None;
            for (offset, term) in terms_with_offsets(&normalised) {
                let (Term::Cjk(run) | Term::Word(run)) = &term;
                prop_assert!(!run.is_empty());
                prop_assert!(last.is_none_or(|last| offset > last), "offsets increase");
                let end = offset + run.chars().count();
                prop_assert!(end <= chars.len());
                prop_assert_eq!(chars[offset..end].iter().collect::<String>(), run.clone());
                last = Some(offset);
            }
        }

        #[test]
        fn normalising_is_stable_and_its_mark_is_the_prefix_length(
            text in text(),
            at in any::<proptest::sample::Index>(),
        ) {
            let normalised = normalise(&text);
            prop_assert_eq!(normalise(&normalised), normalised.clone());
            prop_assert!(!normalised.starts_with(' ') && !normalised.ends_with(' '));
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let mark = boundaries[at.index(boundaries.len())];
            let (whole, marked) = normalise_marked(&text, mark);
            prop_assert_eq!(&whole, &normalised);
            let prefix = normalise(&text[..mark]);
            prop_assert_eq!(marked, prefix.chars().count());
            prop_assert!(whole.starts_with(&prefix));
        }

        #[test]
        fn collapsed_marks_are_character_boundaries(
            text in text(),
            at in any::<proptest::sample::Index>(),
        ) {
            let mark = text
                .char_indices()
                .map(|(i, _)| i)
                .nth(at.index(text.chars().count() + 1))
                .unwrap_or(text.len());
            let (collapsed, marked) = collapse_whitespace_marked(&text, mark);
            prop_assert!(collapsed.is_char_boundary(marked));
            prop_assert!(marked <= collapsed.len());
        }

        #[test]
        fn queries_and_page_text_of_any_input_do_not_panic(text in text()) {
            for term in query_terms(&text) {
                let (Term::Cjk(run) | Term::Word(run)) = term;
                prop_assert!(!run.is_empty());
                prop_assert!(!run.contains(char::is_whitespace));
            }
            let page = format!("<p data-entry>{text}</p>");
            let extracted = element_text(&page, "data-entry");
            prop_assert!(extracted.is_some());
            let _ = element_text(&text, "data-entry");
        }
    }
}
