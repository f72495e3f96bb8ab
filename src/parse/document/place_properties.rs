//! Property: a value a diagnostic names is placed at its own text, however
//! the front matter or YAML entry around it is written: keys in any order,
//! flow and block lists, quoted and plain text, CJK, comments, CRLF, a BOM,
//! and the same text written elsewhere in the file as a decoy.

use std::path::PathBuf;

use proptest::prelude::*;

use super::parse_document;
use crate::config::{self, Lang};
use crate::diag::Diagnostics;
use crate::entry::EntryType;
use crate::load::{Form, SourceFile};

const CONFIG: &str = "title: {zh: 站, en: Site}\ndescription: {zh: 站, en: Site}\nvocabularies:\n  stages:\n    pilot: {zh: 中试, en: Pilot testing}\n  transfer_modes:\n    equity: {zh: 作价入股, en: Equity}\n    license: {zh: 许可, en: Licensing}\n";

/// Marks where the planted value's own text starts; taken out before parsing.
const MARK: char = '\u{1}';

/// Where the bad value is planted.
#[derive(Debug, Clone, Copy)]
enum Plant {
    Stage,
    TransferItem(usize),
    Date,
    Park,
}

impl Plant {
    fn field(self) -> &'static str {
        match self {
            Plant::Stage => "stage",
            Plant::TransferItem(_) => "transfer_modes",
            Plant::Date => "date",
            Plant::Park => "park",
        }
    }
}

/// How the file is written around the planted value.
#[derive(Debug, Clone)]
struct Layout {
    yaml_form: bool,
    crlf: bool,
    bom: bool,
    /// Per scalar, in order of use: 0 plain, 1 single quotes, 2 double quotes.
    quotes: Vec<u8>,
    flow_lists: bool,
    /// How the summary is written: 0 one line, 1 a `|` block, 2 plain over two lines.
    summary_style: u8,
    comments: bool,
    order: Vec<usize>,
}

fn quoted(text: &str, quote: u8) -> String {
    match quote % 3 {
        0 => text.to_string(),
        1 => format!("'{text}'"),
        _ => format!("\"{text}\""),
    }
}

/// `text` written as a scalar, with [`MARK`] before its own first character.
fn planted(text: &str, quote: u8) -> String {
    quoted(&format!("{MARK}{text}"), quote)
}

fn list(key: &str, items: &[String], flow: bool) -> String {
    if flow {
        format!("{key}: [{}]\n", items.join(", "))
    } else {
        let lines: String = items.iter().map(|item| format!("  - {item}\n")).collect();
        format!("{key}:\n{lines}")
    }
}

/// The fields of an achievement, one string each, the bad value planted in one.
fn fields(plant: Plant, bad: &str, layout: &Layout) -> Vec<String> {
    let quote = |index: usize| layout.quotes[index % layout.quotes.len()];
    let value = |field: Plant, good: &str, index: usize| match (plant, field) {
        (Plant::Stage, Plant::Stage) | (Plant::Date, Plant::Date) | (Plant::Park, Plant::Park) => {
            planted(bad, quote(index))
        }
        _ => quoted(good, quote(index)),
    };
    let title = if layout.yaml_form {
        format!(
            "title:\n  zh: {}\n  en: {}\n",
            quoted("标题", quote(0)),
            quoted("A title", quote(1))
        )
    } else {
        format!("title: {}\n", quoted("标题", quote(0)))
    };
    let summary = match layout.summary_style % 3 {
        0 => format!("summary: 含有{bad}的一句话\n"),
        1 => format!("summary: |\n  第一行\n  {bad}\n"),
        _ => format!("summary: 第一行\n  {bad} 第二行\n"),
    };
    let mut modes = vec![quoted("作价入股", quote(2)), quoted("许可", quote(3))];
    if let Plant::TransferItem(index) = plant {
        modes.insert(index % 3, planted(bad, quote(4)));
    }
    let tags = [quoted(bad, quote(5)), quoted("中试", quote(6))];
    vec![
        title,
        summary,
        format!("stage: {}\n", value(Plant::Stage, "中试", 7)),
        list("transfer_modes", &modes, layout.flow_lists),
        format!("date: {}\n", value(Plant::Date, "2023-05", 8)),
        format!("park: {}\n", value(Plant::Park, "a-park", 9)),
        list("tags", &tags, !layout.flow_lists),
    ]
}

/// The file's text (with [`MARK`]) in the layout's order, form and line ends.
fn file_text(plant: Plant, bad: &str, layout: &Layout) -> String {
    let fields = fields(plant, bad, layout);
    let mut text = String::new();
    for (position, index) in layout.order.iter().enumerate() {
        if layout.comments && position % 2 == 1 {
            text.push_str(&format!("# {bad} 注释\n"));
        }
        text.push_str(&fields[*index % fields.len()]);
    }
    if !layout.yaml_form {
        text = format!("---\n{text}---\n正文 {bad}\n");
    }
    if layout.crlf {
        text = text.replace('\n', "\r\n");
    }
    if layout.bom {
        text.insert(0, '\u{feff}');
    }
    text
}

/// The 1-based line and column of a byte offset, as an editor shows them.
fn place_of(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// An achievement file with `value` planted in `plant`'s field, laid out as
/// `layout` says; its text, and the (line, column) where the value's text starts.
fn planted_file(
    plant: Plant,
    value: &str,
    layout: &Layout,
) -> (SourceFile, String, (usize, usize)) {
    let marked = file_text(plant, value, layout);
    let mark = marked.find(MARK).expect("the value is planted");
    let text = marked.replace(MARK, "");
    let shown = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let expected = place_of(shown, mark - (text.len() - shown.len()));
    let (path, form) = match layout.yaml_form {
        true => ("content/achievements/x.yaml", Form::Yaml),
        false => ("content/achievements/x.zh.md", Form::Markdown(Lang::Zh)),
    };
    let file = SourceFile {
        path: PathBuf::from(path),
        entry_type: EntryType::Achievement,
        slug: "x".into(),
        form,
        bytes: text.clone().into_bytes(),
    };
    (file, text, expected)
}

fn layout() -> impl Strategy<Value = Layout> {
    (
        any::<[bool; 5]>(),
        proptest::collection::vec(0..3u8, 1..12),
        0..3u8,
        Just((0..7).collect::<Vec<usize>>()).prop_shuffle(),
    )
        .prop_map(
            |([yaml_form, crlf, bom, flow_lists, comments], quotes, summary_style, order)| Layout {
                yaml_form,
                crlf,
                bom,
                quotes,
                flow_lists,
                summary_style,
                comments,
                order,
            },
        )
}

fn plant() -> impl Strategy<Value = Plant> {
    prop_oneof![
        Just(Plant::Stage),
        (0..3usize).prop_map(Plant::TransferItem),
        Just(Plant::Date),
        Just(Plant::Park),
    ]
}

/// Text no vocabulary, date or slug accepts; `作价` is the start of a valid `作价入股`.
fn bad_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("作价".to_string()),
        Just("中".to_string()),
        "[\u{4e00}-\u{9fa5}]{1,4}".prop_filter("not a valid value", |t| ![
            "中试",
            "作价入股",
            "许可"
        ]
        .contains(&t.as_str())),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn places_a_planted_bad_value_at_its_own_text(
        plant in plant(),
        bad in bad_value(),
        layout in layout(),
    ) {
        let (file, text, expected) = planted_file(plant, &bad, &layout);
        let shown = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let config = config::parse(CONFIG).expect("a valid configuration");
        let mut diagnostics = Diagnostics::new();
        parse_document(&file, &config, &mut diagnostics);
        let named: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.field.as_deref() == Some(plant.field()))
            .collect();
        prop_assert_eq!(named.len(), 1, "{:?}\n{}", diagnostics, text);
        let place = (named[0].line, named[0].column);
        prop_assert_eq!(place, expected, "{}\n{}", named[0], text);
        let line = shown.split('\n').nth(place.0 - 1).unwrap_or("");
        let at: String = line.chars().skip(place.1 - 1).collect();
        prop_assert!(at.starts_with(&bad), "{at:?} does not start with {bad:?}");
    }
}

/// A slug the parser accepts, which no entry need have: a later stage may
/// refuse it as unknown, and places it from its path only then.
fn unknown_slug() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,4}(-[a-z0-9]{1,4}){0,2}".prop_filter("read as text", |slug| {
        !["null", "true", "false"].contains(&slug.as_str())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn places_a_reference_a_later_stage_refuses_at_its_own_text(
        slug in unknown_slug(),
        layout in layout(),
    ) {
        let (file, text, expected) = planted_file(Plant::Park, &slug, &layout);
        let config = config::parse(CONFIG).expect("a valid configuration");
        let mut diagnostics = Diagnostics::new();
        let (_, fields) = parse_document(&file, &config, &mut diagnostics).expect("parses");
        let park = fields.references().into_iter().find(|(field, ..)| *field == "park");
        let (_, _, park) = park.expect("the park is read");
        prop_assert_eq!(&park.slug, &slug);
        let place = super::value_place(&park.place.path, &text, &park.place.steps);
        prop_assert_eq!(place, Some(expected), "{}", text);
    }
}
