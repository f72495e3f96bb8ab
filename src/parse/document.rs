//! One source file → its raw fields ([`crate::parse::raw`]) → its typed
//! fields ([`Checked`]), each checked by its kind in the field table and
//! every problem placed at its own text.

mod checked;
mod records;

pub use checked::{AchievementFields, Checked, Common, DetailFields, ParkFields, PolicyFields};

pub use records::{NEGOTIABLE, PATENT_KINDS, check_patent_number};

use std::path::{Path, PathBuf};

use crate::config::{Config, Lang, Localized};
use crate::diag::{Diagnostic, Diagnostics, Written, did_you_mean};
use crate::entry::{
    Attachment, Contact, Cooperation, Coordinates, Date, EntryType, Figure, IpRecord, Link,
    Reference, is_valid_slug,
};
use crate::load::{Form, SourceFile};

use super::fields::{self, FieldSpec, Kind};
use crate::bidi;
use crate::yaml::{self, Locator, Step, Yaml};

/// One file read as an entry: what later steps place their reports with.
#[derive(Debug)]
pub struct Document<'a> {
    pub path: PathBuf,
    pub form: Form,
    /// Places keys and values in the fields' text, when a problem is reported there.
    locator: Locator<'a>,
    /// Every key written, valid or not, so a field with a bad value is not also reported missing.
    pub written_keys: Vec<String>,
    /// The Markdown below the front matter and the file line it starts on.
    pub markdown_body: Option<(String, usize)>,
}

impl Document<'_> {
    /// `(line, column)` of a field's key; the first line of the fields if it
    /// cannot be found. Locating parses the fields a second time, so it is
    /// asked only to report a problem.
    pub fn key_place(&self, key: &str) -> (usize, usize) {
        self.locator
            .key(key)
            .unwrap_or((self.locator.first_line(), 1))
    }

    /// The file line of a top-level key, found without placing the rest of
    /// the fields: a `slug.yaml` body's Markdown is found in the file below
    /// its `body:` key, on every build.
    pub fn key_line(&self, key: &str) -> usize {
        self.locator
            .top_level_key(key)
            .map_or(self.locator.first_line(), |(line, _)| line)
    }
}

/// Parse one file and check its fields; `None` if it could not be read as
/// an entry at all.
pub fn parse_document<'a>(
    file: &'a SourceFile,
    config: &Config,
    diagnostics: &mut Diagnostics,
) -> Option<(Document<'a>, Checked)> {
    let path = file.path.as_path();
    let read = utf8_text(file).and_then(|text| {
        let (front_matter, first_line, markdown_body) = fields_text(file, text, &config.limits)?;
        let entries = field_map(path, front_matter, config.limits.depth, first_line)?;
        Ok((front_matter, first_line, markdown_body, entries))
    });
    let (front_matter, first_line, markdown_body, entries) = match read {
        Ok(read) => read,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return None;
        }
    };
    let locator = Locator::new(front_matter, first_line);
    let body = markdown_body
        .as_ref()
        .map(|(text, line)| (text.as_str(), *line));
    bidi::warn_unbalanced(&entries, &body, &locator, path, diagnostics);
    let lang = match file.form {
        Form::Markdown(lang) => Some(lang),
        Form::Yaml => None,
    };
    let written_keys = entries.iter().map(|(key, _)| key.clone()).collect();
    let checker = checked::Checker::new(path, &locator, file.entry_type, lang, config, diagnostics);
    let fields = checker.check_all(entries)?;
    let document = Document {
        path: path.to_path_buf(),
        form: file.form,
        locator,
        written_keys,
        markdown_body,
    };
    Some((document, fields))
}

/// The file's text, without a byte-order mark.
fn utf8_text(file: &SourceFile) -> Result<&str, Diagnostic> {
    match std::str::from_utf8(&file.bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Err(error) => {
            let valid = &file.bytes[..error.valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let column = String::from_utf8_lossy(
                &valid[valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1)..],
            )
            .chars()
            .count()
                + 1;
            Err(Diagnostic::error(&file.path, "the file is not UTF-8 text")
                .at(line, column)
                .help("save it as UTF-8 in your editor"))
        }
    }
}

/// The text of a file's fields, the file line it starts on, and the Markdown
/// body below it with the body's first line.
type FieldsText<'t> = (&'t str, usize, Option<(String, usize)>);

/// The text of the fields: all of a `slug.yaml`, a Markdown file's front
/// matter within the size limit.
fn fields_text<'t>(
    file: &SourceFile,
    text: &'t str,
    limits: &crate::config::Limits,
) -> Result<FieldsText<'t>, Diagnostic> {
    if file.form == Form::Yaml {
        return Ok((text, 1, None));
    }
    let (front_matter, body, body_line) =
        split_front_matter(text).map_err(|diagnostic| diagnostic.into_path(&file.path))?;
    if front_matter.len() > limits.front_matter_size {
        // Placed where the limit is crossed, on a character boundary.
        let mut end = limits.front_matter_size;
        while !front_matter.is_char_boundary(end) {
            end -= 1;
        }
        let before = &front_matter[..end];
        let line = 2 + before.matches('\n').count();
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        return Err(Diagnostic::error(
                &file.path,
                format!(
                    "the front matter is larger than {}, the limit",
                    crate::load::show_size(limits.front_matter_size as u64)
                ),
            )
            .at(line, column)
            .help("move long text into the Markdown body, or raise limits.front_matter_size in config.yaml"));
    }
    Ok((front_matter, 2, Some((body.to_string(), body_line))))
}

/// The fields' text parsed: a map of keys, in the order written, to values.
fn field_map(
    path: &Path,
    text: &str,
    depth: usize,
    first_line: usize,
) -> Result<Vec<(String, Yaml)>, Diagnostic> {
    match yaml::parse_in_file(text, depth, first_line) {
        Ok(Yaml::Map(entries)) => Ok(entries),
        Ok(Yaml::Null) => Ok(Vec::new()),
        Ok(other) => Err(Diagnostic::error(
            path,
            format!(
                "expected fields such as `title: …`, found {}",
                other.kind_name()
            ),
        )
        .at(first_line, 1)),
        Err(error) => Err(Diagnostic::error(path, error.message)
            .at(error.line, error.column)
            .help_opt(error.help)),
    }
}

/// `(line, column)` of the value at `steps` in the fields of the entry file
/// at `path` whose text is `text`: the front matter of a Markdown entry, all
/// of a `slug.yaml`. `None` if it is not there.
pub fn value_place(path: &Path, text: &str, steps: &[Step]) -> Option<(usize, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let name = path.file_name()?.to_str()?;
    let (fields, first_line) = match Form::of_name(name)?.1 {
        Form::Yaml => (text, 1),
        Form::Markdown(_) => (split_front_matter(text).ok()?.0, 2),
    };
    Locator::new(fields, first_line).value_at(steps)
}

/// `(front matter, body, file line the body starts on)`.
fn split_front_matter(text: &str) -> Result<(&str, &str, usize), Diagnostic> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Diagnostic::error(
            PathBuf::new(),
            "a Markdown entry must start with front matter: a line `---`, the fields, then another `---`",
        )
        .at(1, 1));
    }
    let start = first.len();
    let mut offset = start;
    for (index, line) in lines.enumerate() {
        if line.trim_end() == "---" {
            let body_start = offset + line.len();
            return Ok((&text[start..offset], &text[body_start..], index + 3));
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        PathBuf::new(),
        "unclosed front matter: the `---` on line 1 has no closing `---` line",
    )
    .at(1, 1)
    .help("add a line `---` after the last field"))
}

trait IntoPath {
    fn into_path(self, path: &Path) -> Diagnostic;
}

impl IntoPath for Diagnostic {
    fn into_path(mut self, path: &Path) -> Diagnostic {
        self.path = path.to_path_buf();
        self
    }
}

struct FieldContext<'a> {
    path: &'a Path,
    locator: &'a Locator<'a>,
    /// Where the value being read stands: the field's key, then list items
    /// and keys within it, so each problem is placed at its own text.
    at: Vec<Step>,
    spec: &'static FieldSpec,
    /// The file's language (Markdown form); `None` for the YAML form.
    lang: Option<Lang>,
    config: &'a Config,
    diagnostics: &'a mut Diagnostics,
}

impl FieldContext<'_> {
    /// Where the value being read stands, for a later stage to report a
    /// problem with it there.
    fn written(&self) -> Written {
        Written {
            path: self.path.to_path_buf(),
            steps: self.at.clone(),
        }
    }

    /// Report a problem with the value being read, placed at its text.
    fn error(&mut self, message: String, help: Option<String>) {
        let place = self.locator.value_at(&self.at);
        self.report(place, message, help);
    }

    /// Report a problem with `key` in the map being read, placed at the key.
    fn key_error(&mut self, key: &str, message: String, help: Option<String>) {
        let mut path = self.at.clone();
        path.push(Step::key(key));
        let place = self.locator.key_at(&path);
        self.report(place, message, help);
    }

    /// Run `read` on the value of `key` in the map being read, so that
    /// what it reports is placed there.
    fn within<T>(&mut self, key: &str, read: impl FnOnce(&mut Self) -> T) -> T {
        let depth = self.at.len();
        self.at.push(Step::key(key));
        let result = read(self);
        self.at.truncate(depth);
        result
    }

    fn report(&mut self, place: Option<(usize, usize)>, message: String, help: Option<String>) {
        let (line, column) = place.unwrap_or((0, 0));
        self.diagnostics.push(
            Diagnostic::error(self.path, message)
                .at(line, column)
                .field(self.spec.name)
                .help_opt(help),
        );
    }

    fn expected(&mut self, what: &str, found: &Yaml) -> Option<()> {
        self.error(
            format!("expected {what}, found {}", found.kind_name()),
            None,
        );
        None
    }

    /// `value` read by `read`; `None` for an empty value (left blank,
    /// reported if the field is required) or after reporting a problem.
    fn read_field<T>(
        &mut self,
        value: &Yaml,
        read: fn(&mut Self, &Yaml) -> Option<T>,
    ) -> Option<T> {
        if is_blank(value) {
            if self.spec.required {
                let (line, column) = self.locator.key(self.spec.name).unwrap_or((0, 0));
                self.diagnostics.push(
                    Diagnostic::error(
                        self.path,
                        format!("the required field \"{}\" is blank", self.spec.name),
                    )
                    .at(line, column)
                    .field(self.spec.name)
                    .help(format!(
                        "required: {} / {}",
                        self.spec.description_en, self.spec.description_zh
                    )),
                );
            }
            return None;
        }
        read(self, value)
    }

    /// A list, or one value standing for a list of one. Every bad item is reported.
    fn list<T>(
        &mut self,
        value: &Yaml,
        mut item: impl FnMut(&mut Self, &Yaml) -> Option<T>,
    ) -> Option<Vec<T>> {
        let items: Vec<(Option<usize>, &Yaml)> = match value {
            Yaml::List(items) => items
                .iter()
                .enumerate()
                .filter(|(_, i)| !is_blank(i))
                .map(|(index, i)| (Some(index), i))
                .collect(),
            single => vec![(None, single)],
        };
        let count = self.diagnostics.len();
        let depth = self.at.len();
        let mut converted = Vec::new();
        for (index, value) in items {
            self.at.extend(index.map(Step::Item));
            converted.extend(item(self, value));
            self.at.truncate(depth);
        }
        (self.diagnostics.len() == count && !converted.is_empty()).then_some(converted)
    }

    fn text(&mut self, value: &Yaml) -> Option<Localized> {
        if let Some(text) = value.as_scalar_text() {
            let text = text.trim().to_string();
            return Some(match self.lang {
                Some(lang) => Localized::one(lang, text),
                None => Localized::both(text),
            });
        }
        let Yaml::Map(entries) = value else {
            return self.expected("text", value).and(None);
        };
        if let Some(lang) = self.lang {
            let file_language = match lang {
                Lang::Zh => "Chinese",
                Lang::En => "English",
            };
            self.error(
                format!(
                    "a {{zh, en}} map belongs in a slug.yaml entry; this file is in {file_language}"
                ),
                Some("write the text in this file's language only".into()),
            );
            return None;
        }
        let mut localized = Localized::default();
        for (key, text) in entries {
            match (Lang::from_code(key), text.as_scalar_text()) {
                (Some(lang), Some(text)) if !text.trim().is_empty() => {
                    localized.set(lang, text.trim().to_string())
                }
                (Some(_), Some(_)) | (Some(_), None) if is_blank(text) => {}
                (Some(_), _) => self.within(key, |context| {
                    context.error(
                        format!("the {key} text must be text, not {}", text.kind_name()),
                        None,
                    )
                }),
                (None, _) => {
                    let help =
                        did_you_mean(key, ["zh", "en"]).map(|s| format!("did you mean {s}?"));
                    self.key_error(
                        key,
                        format!("unknown language \"{key}\"; use zh and en"),
                        help,
                    );
                }
            }
        }
        (!localized.is_empty()).then_some(localized)
    }

    fn date(&mut self, value: &Yaml) -> Option<Date> {
        let Some(text) = value.as_scalar_text() else {
            return self.expected("a date such as 2023-05-30", value).and(None);
        };
        match Date::parse(&text) {
            Ok(date) => Some(date),
            Err(message) => {
                self.error(message, None);
                None
            }
        }
    }

    fn term(&mut self, value: &Yaml) -> Option<String> {
        let (Kind::Term(name) | Kind::TermList(name)) = self.spec.kind else {
            unreachable!("term() is only called for vocabulary fields")
        };
        self.term_in(name, value)
    }

    /// A value of the vocabulary `name`, by key or label.
    fn term_in(&mut self, name: crate::config::VocabName, value: &Yaml) -> Option<String> {
        let Some(written) = value.as_scalar_text() else {
            return self
                .expected("a value from the vocabulary", value)
                .and(None);
        };
        let vocabulary = self.config.vocabulary(name);
        if let Some(term) = vocabulary.resolve(&written) {
            return Some(term.key.clone());
        }
        let help = match vocabulary.suggest(&written) {
            Some(suggestion) => format!("did you mean {suggestion}?"),
            None => format!(
                "the values are listed under vocabularies.{} in config.yaml",
                name.key()
            ),
        };
        self.error(format!("unknown value \"{written}\""), Some(help));
        None
    }

    fn reference(&mut self, value: &Yaml, target: EntryType) -> Option<Reference> {
        let Some(slug) = value.as_scalar_text() else {
            return self
                .expected(&format!("the slug of a {}", target.key()), value)
                .and(None);
        };
        if !is_valid_slug(&slug) {
            self.error(
                format!("\"{slug}\" is not a slug; a slug is lowercase ASCII letters, digits and hyphens"),
                Some(format!("write the file name of the {} without its extension", target.key())),
            );
            return None;
        }
        Some(Reference {
            slug,
            place: self.written(),
        })
    }

    fn url(&mut self, value: &Yaml) -> Option<String> {
        let Some(url) = value.as_scalar_text() else {
            return self.expected("a URL", value).and(None);
        };
        let url = url.trim().to_string();
        let is_web = url.starts_with("https://") || url.starts_with("http://");
        if !is_web || url.contains(char::is_whitespace) || url.len() <= "https://".len() {
            self.error(
                format!("\"{url}\" is not a web address"),
                Some("write it as https://…".into()),
            );
            return None;
        }
        // A quote or angle bracket is safe in the escaped attribute, but no
        // valid URL: escaped as the browser would when following it.
        Some(crate::url::escape_unsafe(&url))
    }

    fn static_path(&mut self, value: &Yaml) -> Option<String> {
        let Some(path) = value.as_scalar_text() else {
            return self.expected("a path under static/", value).and(None);
        };
        let path = path.trim().trim_start_matches('/').to_string();
        if path.contains("://")
            || path.split('/').any(|part| part == ".." || part.is_empty())
            || path.contains('\\')
        {
            self.error(
                format!("\"{path}\" is not a path under static/"),
                Some("e.g. images/cover.jpg".into()),
            );
            return None;
        }
        Some(path)
    }

    fn link(&mut self, value: &Yaml) -> Option<Link> {
        let title = value
            .get("title")
            .and_then(|t| self.within("title", |context| context.text(t)));
        let url = value
            .get("url")
            .and_then(|u| self.within("url", |context| context.url(u)));
        if let Yaml::Map(entries) = value
            && let Some((key, _)) = entries.iter().find(|(k, _)| k != "title" && k != "url")
        {
            self.key_error(
                key,
                format!("unknown key \"{key}\" in a link"),
                Some("a link has title and url".into()),
            );
            return None;
        }
        match (title, url) {
            (Some(title), Some(url)) => Some(Link { title, url }),
            _ => {
                self.error("each link needs a title and a url".into(), None);
                None
            }
        }
    }

    fn figure(&mut self, value: &Yaml) -> Option<Figure> {
        let Yaml::Map(entries) = value else {
            return self.expected("{label, value, unit, year}", value).and(None);
        };
        let mut figure = Figure {
            label: Localized::default(),
            value: String::new(),
            unit: Localized::default(),
            year: None,
        };
        for (key, item) in entries {
            if !["label", "value", "unit", "year"].contains(&key.as_str()) {
                let help = did_you_mean(key, ["label", "value", "unit", "year"])
                    .map(|s| format!("did you mean {s}?"));
                self.key_error(key, format!("unknown key \"{key}\" in a figure"), help);
                return None;
            }
            self.within(key, |context| context.figure_part(&mut figure, key, item))?;
        }
        if figure.label.is_empty() || figure.value.is_empty() {
            self.error("each figure needs a label and a value".into(), None);
            return None;
        }
        Some(figure)
    }

    /// One of a figure's keys, which the caller checked it knows.
    fn figure_part(&mut self, figure: &mut Figure, key: &str, item: &Yaml) -> Option<()> {
        match (key, item) {
            ("unit", item) if is_blank(item) => {}
            ("label", item) => figure.label = self.text(item)?,
            ("unit", item) => figure.unit = self.text(item)?,
            ("value", Yaml::Int(_) | Yaml::Float(_)) => figure.value = item.as_scalar_text()?,
            ("value", other) => {
                return self
                    .expected("a number as the figure's value", other)
                    .and(None);
            }
            ("year", Yaml::Int(year)) if (1000..=9999).contains(year) => {
                figure.year = Some(*year as u16)
            }
            (_, other) => return self.expected("a year such as 2021", other).and(None),
        }
        Some(())
    }

    fn coordinates(&mut self, value: &Yaml) -> Option<Coordinates> {
        let number = |key: &str| match value.get(key) {
            Some(Yaml::Int(i)) => Some(*i as f64),
            Some(Yaml::Float(f)) => Some(*f),
            _ => None,
        };
        match (number("lat"), number("lon")) {
            (Some(lat), Some(lon))
                if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) =>
            {
                Some(Coordinates { lat, lon })
            }
            _ => {
                self.error("expected {lat: …, lon: …} in degrees".into(), None);
                None
            }
        }
    }
}

/// Left blank: nothing, blank text, a list of blanks, or a `{zh, en}` map
/// whose texts are all blank (`title: {zh: "", en: ""}` is as blank as
/// `title: ""`; taken for written, it had dropped the entry without a word).
fn is_blank(value: &Yaml) -> bool {
    match value {
        Yaml::Null => true,
        Yaml::String(s) => s.trim().is_empty(),
        Yaml::List(items) => items.iter().all(is_blank),
        Yaml::Map(entries) => {
            !entries.is_empty()
                && entries
                    .iter()
                    .all(|(key, text)| Lang::from_code(key).is_some() && is_blank(text))
        }
        _ => false,
    }
}

/// Properties of the front-matter splitter on any text: it never panics, it
/// finds the fields and body it was given, and the body's line is its line.
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// A line of front matter: anything but a line break, and not a `---` line.
    fn field_line() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[^\n]{0,20}")
            .expect("a valid pattern")
            .prop_filter("not a closing line", |line| {
                line.trim_end() != "---" && !line.ends_with('\r')
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn splits_what_it_was_given(
            lines in proptest::collection::vec(field_line(), 0..12),
            body in any::<String>(),
            crlf in any::<bool>(),
        ) {
            let eol = if crlf { "\r\n" } else { "\n" };
            let fields: String = lines.iter().map(|l| format!("{l}{eol}")).collect();
            let text = format!("---{eol}{fields}---{eol}{body}");
            let (front, rest, line) = split_front_matter(&text).expect("closed front matter");
            prop_assert_eq!(front, fields.as_str());
            prop_assert_eq!(rest, body.as_str());
            prop_assert_eq!(line, lines.len() + 3);
        }

        #[test]
        fn any_text_splits_or_fails_at_line_one_without_panicking(
            pieces in proptest::collection::vec(
                prop_oneof![
                    Just("---".to_string()),
                    Just("--- ".to_string()),
                    Just("\n".to_string()),
                    Just("\r\n".to_string()),
                    Just("\u{feff}".to_string()),
                    any::<String>(),
                ],
                0..12,
            ),
        ) {
            let text = pieces.concat();
            match split_front_matter(&text) {
                Ok((front, body, line)) => {
                    prop_assert!(text.ends_with(body));
                    let body_start = text.len() - body.len();
                    let front_start = front.as_ptr() as usize - text.as_ptr() as usize;
                    prop_assert!(front_start + front.len() <= body_start);
                    let lines_before = text[..body_start].matches('\n').count();
                    if body.is_empty() && !text.ends_with('\n') {
                        // A closing `---` with no line break: the body, empty, would start below it.
                        prop_assert_eq!(line, lines_before + 2);
                    } else {
                        prop_assert_eq!(line, lines_before + 1);
                    }
                }
                Err(diagnostic) => prop_assert_eq!((diagnostic.line, diagnostic.column), (1, 1)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config;
    use crate::entry::EntryType;

    const CONFIG: &str = "title: {zh: 站, en: Site}\ndescription: {zh: 站, en: Site}\nvocabularies:\n  stages:\n    pilot: {zh: 中试, en: Pilot testing}\n";

    fn markdown_file(text: &str) -> SourceFile {
        SourceFile {
            path: PathBuf::from("content/achievements/x.zh.md"),
            entry_type: EntryType::Achievement,
            slug: "x".into(),
            form: Form::Markdown(Lang::Zh),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_clean_file_is_parsed_once_and_its_references_placed_only_when_asked() {
        let text = "---\ntitle: 纳米\nstage: 中试\npark: science-city\npolicies:\n  - a-policy\n  - \"other-policy\"\n---\n正文\n";
        let config = config::parse(CONFIG).expect("a valid configuration");
        let file = markdown_file(text);
        let mut diagnostics = Diagnostics::new();
        let (document, fields) = parse_document(&file, &config, &mut diagnostics).expect("parses");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert!(!document.locator.is_placed());
        let DetailFields::Achievement(AchievementFields {
            policies: Some(policies),
            ..
        }) = &fields.details
        else {
            panic!("policies are read: {fields:?}")
        };
        let written = &policies[1].place;
        assert_eq!(written.steps, [Step::key("policies"), Step::Item(1)]);
        assert_eq!(
            value_place(&written.path, text, &written.steps),
            Some((7, 6))
        );
    }

    #[test]
    fn a_later_stage_s_problem_is_placed_at_the_value_it_names() {
        let text = "\u{feff}---\ntitle: 纳米\npark: science-city\n---\n";
        let written = Written {
            path: PathBuf::from("content/achievements/x.zh.md"),
            steps: vec![Step::key("park")],
        };
        let mut diagnostics = Diagnostics::new();
        diagnostics.push_at(Diagnostic::error(&written.path, "unknown park"), &written);
        let policies = Written {
            steps: vec![Step::key("policies")],
            ..written.clone()
        };
        diagnostics.push_at(Diagnostic::error(&written.path, "gone"), &policies);
        diagnostics.place_values(|path| {
            let path = path.to_path_buf();
            Some(move |steps: &[Step]| value_place(&path, text, steps))
        });
        let places: Vec<_> = diagnostics.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(places, [(3, 7), (0, 0)]);
    }
}

#[cfg(test)]
mod place_properties;
