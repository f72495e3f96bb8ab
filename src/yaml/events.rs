//! libyaml's event API (the parser serde_yaml itself sits on) behind a small
//! safe interface: each event's kind and the byte range of the text it covers.
//!
//! The same parser that built the values gives the places, so the two never
//! disagree on the shape of a document. It is run only to place a diagnostic.

use std::mem::MaybeUninit;

/// How a scalar is written, as far as finding its own text needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    /// In single or double quotes: its text starts after the quote.
    Quoted,
    /// A `|` or `>` block: its text starts on the line below the indicator.
    Block,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Scalar {
        value: String,
        style: Style,
    },
    Alias,
    SequenceStart,
    SequenceEnd,
    MappingStart,
    MappingEnd,
    /// Stream and document starts and ends.
    Frame,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub kind: Kind,
    /// Byte offsets in the text: where the event's node starts (at its
    /// anchor or tag if it has one) and ends.
    pub start: usize,
    pub end: usize,
}

/// The events of `text` up to the end of its first document, or up to the
/// first syntax error (places are only asked of text serde_yaml accepted).
pub fn events(text: &str) -> Vec<Event> {
    stream(text).collect()
}

/// [`events`] as they are parsed, so that a caller who has found what it
/// looks for leaves the rest of the text unread.
pub fn stream(text: &str) -> impl Iterator<Item = Event> + '_ {
    let mut parser = Parser::new(text);
    std::iter::from_fn(move || parser.next_event())
}

/// An initialised libyaml parser reading `text`, which outlives it.
struct Parser<'text> {
    /// Boxed so that the parser never moves after libyaml initialised it.
    raw: Box<MaybeUninit<unsafe_libyaml::yaml_parser_t>>,
    text: &'text str,
    done: bool,
}

impl<'text> Parser<'text> {
    fn new(text: &'text str) -> Self {
        let mut raw = Box::new(MaybeUninit::<unsafe_libyaml::yaml_parser_t>::uninit());
        // SAFETY: `yaml_parser_initialize` fills the whole struct; it fails
        // only when it cannot allocate, taken as Rust takes that. The input
        // pointer stays valid for 'text, which outlives the parser.
        unsafe {
            let parser = raw.as_mut_ptr();
            if unsafe_libyaml::yaml_parser_initialize(parser).fail {
                std::alloc::handle_alloc_error(std::alloc::Layout::new::<
                    unsafe_libyaml::yaml_parser_t,
                >());
            }
            unsafe_libyaml::yaml_parser_set_encoding(parser, unsafe_libyaml::YAML_UTF8_ENCODING);
            unsafe_libyaml::yaml_parser_set_input_string(parser, text.as_ptr(), text.len() as u64);
        }
        Parser {
            raw,
            text,
            done: false,
        }
    }

    fn next_event(&mut self) -> Option<Event> {
        if self.done {
            return None;
        }
        let mut raw = MaybeUninit::<unsafe_libyaml::yaml_event_t>::uninit();
        // SAFETY: the parser was initialised in `new`; on success libyaml
        // fills `raw`, which is read once and then freed with `yaml_event_delete`.
        unsafe {
            if unsafe_libyaml::yaml_parser_parse(self.raw.as_mut_ptr(), raw.as_mut_ptr()).fail {
                self.done = true;
                return None;
            }
            let kind = (*raw.as_ptr()).type_;
            self.done = kind == unsafe_libyaml::YAML_DOCUMENT_END_EVENT
                || kind == unsafe_libyaml::YAML_STREAM_END_EVENT;
            let event = convert(&*raw.as_ptr(), self.text.len());
            unsafe_libyaml::yaml_event_delete(raw.as_mut_ptr());
            Some(event)
        }
    }
}

/// # Safety
/// `raw` must be an event libyaml filled and has not freed yet.
unsafe fn convert(raw: &unsafe_libyaml::yaml_event_t, text_len: usize) -> Event {
    let offset = |mark: unsafe_libyaml::yaml_mark_t| (mark.index as usize).min(text_len);
    let kind = match raw.type_ {
        unsafe_libyaml::YAML_SCALAR_EVENT => {
            // SAFETY: a scalar event's `data` is its scalar part, whose value
            // is `length` bytes of UTF-8 (the input was UTF-8).
            let scalar = unsafe { raw.data.scalar };
            let bytes = unsafe { std::slice::from_raw_parts(scalar.value, scalar.length as usize) };
            let style = match scalar.style {
                unsafe_libyaml::YAML_SINGLE_QUOTED_SCALAR_STYLE
                | unsafe_libyaml::YAML_DOUBLE_QUOTED_SCALAR_STYLE => Style::Quoted,
                unsafe_libyaml::YAML_LITERAL_SCALAR_STYLE
                | unsafe_libyaml::YAML_FOLDED_SCALAR_STYLE => Style::Block,
                _ => Style::Plain,
            };
            Kind::Scalar {
                value: String::from_utf8_lossy(bytes).into_owned(),
                style,
            }
        }
        unsafe_libyaml::YAML_ALIAS_EVENT => Kind::Alias,
        unsafe_libyaml::YAML_SEQUENCE_START_EVENT => Kind::SequenceStart,
        unsafe_libyaml::YAML_SEQUENCE_END_EVENT => Kind::SequenceEnd,
        unsafe_libyaml::YAML_MAPPING_START_EVENT => Kind::MappingStart,
        unsafe_libyaml::YAML_MAPPING_END_EVENT => Kind::MappingEnd,
        _ => Kind::Frame,
    };
    Event {
        kind,
        start: offset(raw.start_mark),
        end: offset(raw.end_mark),
    }
}

impl Drop for Parser<'_> {
    fn drop(&mut self) {
        // SAFETY: the parser was initialised in `new` and is freed once, here.
        unsafe { unsafe_libyaml::yaml_parser_delete(self.raw.as_mut_ptr()) }
    }
}
