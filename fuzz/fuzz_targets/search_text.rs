//! Any text through the search tokeniser: terms point at their own characters.
#![no_main]

use chengguo::search::text::{Term, element_text, normalise, query_terms, terms_with_offsets};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let normalised = normalise(text);
    let chars: Vec<char> = normalised.chars().collect();
    for (offset, term) in terms_with_offsets(&normalised) {
        let (Term::Cjk(run) | Term::Word(run)) = &term;
        let end = offset + run.chars().count();
        assert_eq!(chars[offset..end].iter().collect::<String>(), *run);
    }
    let _ = query_terms(text);
    let _ = element_text(text, "data-entry");
});
