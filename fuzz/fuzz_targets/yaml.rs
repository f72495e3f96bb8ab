//! Any text as YAML under the default depth limit: parsed or refused, quickly.
#![no_main]

use chengguo::parse::yaml;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = yaml::parse(text);
});
