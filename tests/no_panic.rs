//! Mangled input never makes the build panic: it either builds or reports
//! diagnostics. Each case damages one file of the fixture site in a way
//! editors do (cut short, stray YAML syntax, wrong encoding) and builds.

mod support;

use support::Fixture;

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const TOKENS: [&str; 24] = [
    ":",
    ": ",
    "- ",
    "{",
    "}",
    "[",
    "]",
    "---\n",
    "\n",
    "\t",
    "\"",
    "'",
    "&anchor ",
    "*anchor",
    "!!binary ",
    "? ",
    "%YAML 1.2\n",
    "中",
    "\u{feff}",
    "@/parks/",
    "](javascript:x)",
    "<script>",
    "#",
    "  ",
];

fn mangle(rng: &mut Rng, original: &[u8]) -> Vec<u8> {
    let mut bytes = original.to_vec();
    for _ in 0..=rng.below(3) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(4) {
            0 => bytes.truncate(at),
            1 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            2 => bytes.insert(at, (rng.next() & 0xff) as u8),
            _ => {
                let end = (at + rng.below(8)).min(bytes.len());
                bytes.drain(at..end);
            }
        }
    }
    bytes
}

#[test]
fn mangled_files_give_diagnostics_not_panics() {
    let fixture = Fixture::new("minimal");
    let files = [
        "config.yaml",
        "content/achievements/nano-displacement.zh.md",
        "content/achievements/nano-displacement.en.md",
        "content/parks/science-city.yaml",
        "content/parks/beibei-zone.yaml",
        "content/policies/transfer-rules.zh.md",
        "themes/default/i18n/en.yaml",
    ];
    let originals: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(fixture.root().join(f)).unwrap())
        .collect();
    let mut rng = Rng(0x5eed_c0de_2026);
    let mut failed_builds = 0;
    for case in 0..400 {
        let index = rng.below(files.len());
        let mangled = mangle(&mut rng, &originals[index]);
        fixture.write(files[index], &mangled);
        let result = std::panic::catch_unwind(|| fixture.build());
        match result {
            Ok(Ok(_)) => {}
            Ok(Err(diagnostics)) => {
                failed_builds += 1;
                assert!(
                    !diagnostics.is_empty(),
                    "case {case}: a failed build must say why"
                );
                for diagnostic in &diagnostics {
                    assert!(
                        diagnostic.contains(": error: ") || diagnostic.contains(": warning: "),
                        "case {case}: {diagnostic}"
                    );
                }
            }
            Err(_) => panic!(
                "case {case} panicked on {}:\n{}",
                files[index],
                String::from_utf8_lossy(&mangled)
            ),
        }
        fixture.write(files[index], &originals[index]);
    }
    assert!(
        failed_builds > 100,
        "only {failed_builds} of 400 mangled sites failed to build"
    );
}
