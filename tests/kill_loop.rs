//! Issue 11: `chengguo build` killed at random moments (SIGKILL, nothing to
//! catch) never costs the site. After every kill `public/` is exactly the
//! previous site or the new one, byte for byte; it exists at every moment a
//! poller looks (no 404 window while the new site is swapped in); a killed
//! build's staging folder is gone once a later build has run, so they never
//! pile up (there were 46 after 60 kills).
//!
//! Builds run as the README gives them: `chengguo build` in the site's folder.
//! Two content versions (generated corpora of different seeds) alternate. Most
//! kill moments are spread over the whole length of a build, measured first
//! and measured again whenever a build ends before its kill moment;
//! every fourth kill comes the moment the new site is in place, while the
//! build removes the one it replaced.
//! `CHENGGUO_KILL_SEED` replays a run (the seed is printed); the number of
//! entries is `CHENGGUO_KILL_ENTRIES` (default 120 with the release binary
//! that `scripts/test` uses, 60 with the three times slower debug one, so
//! that either run stays near half a minute).

#[allow(dead_code)]
#[path = "../examples/gen_corpus/corpus.rs"]
mod corpus;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Kills that hit a running build.
const KILLS: usize = 20;
/// A complete build runs after every this many kills.
const COMPLETE_EVERY: usize = 5;
/// Every this many kills, one comes right after the swap.
const AFTER_SWAP_EVERY: usize = 4;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every folder and file under `root`, with the bytes of files.
fn tree(root: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    let mut items: Vec<(String, Option<Vec<u8>>)> = walkdir::WalkDir::new(root)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            let path = e.path().strip_prefix(root).unwrap().display().to_string();
            let bytes = e.file_type().is_file().then(|| fs::read(e.path()).unwrap());
            (path, bytes)
        })
        .collect();
    items.sort();
    items
}

/// Names beside the output that belong to a build: staging and retired folders.
fn leftovers(site: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(site)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public.tmp-") || name.starts_with(".public.old-"))
        .collect();
    names.sort();
    names
}

/// The identity of the folder `public/` names now (the swap changes it).
fn inode(path: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    fs::symlink_metadata(path).ok().map(|m| m.ino())
}

/// Waits up to `delay` for the build; how long it took if it finished.
fn finished_within(child: &mut std::process::Child, delay: Duration) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() < delay {
        if child.try_wait().unwrap().is_some() {
            return Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    None
}

fn build(site: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_chengguo"))
        .arg("build")
        .args(args)
        .current_dir(site)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    started.elapsed()
}

/// The site's folder holds one content version at a time; the other waits beside it.
struct Versions {
    site: PathBuf,
    parked: [PathBuf; 2],
    current: usize,
}

impl Versions {
    fn select(&mut self, version: usize) {
        if version != self.current {
            let content = self.site.join("content");
            fs::rename(&content, &self.parked[self.current]).unwrap();
            fs::rename(&self.parked[version], &content).unwrap();
            self.current = version;
        }
    }
}

#[test]
fn a_killed_build_leaves_the_previous_or_the_new_site_and_nothing_else() {
    let entries: usize = std::env::var("CHENGGUO_KILL_ENTRIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) { 60 } else { 120 });
    let seed: u64 = std::env::var("CHENGGUO_KILL_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    println!("CHENGGUO_KILL_SEED={seed} CHENGGUO_KILL_ENTRIES={entries}");
    let mut rng = corpus::Rng::new(seed);

    let work = tempfile::tempdir().unwrap();
    let config = chengguo::config::load(&repo()).unwrap();
    let vocab = corpus::Vocab::from_config(&config);
    let site = work.path().join("site");
    let other = work.path().join("other");
    corpus::write_chengguo(&corpus::generate(entries, 1, &vocab), &site, &repo()).unwrap();
    corpus::write_chengguo(&corpus::generate(entries, 2, &vocab), &other, &repo()).unwrap();
    let mut versions = Versions {
        site: site.clone(),
        parked: [work.path().join("content-0"), work.path().join("content-1")],
        current: 0,
    };
    fs::rename(other.join("content"), &versions.parked[1]).unwrap();

    // Reference builds of both versions, elsewhere; their time sets the kill moments.
    let mut longest = Duration::ZERO;
    let mut references = Vec::new();
    for version in 0..2 {
        versions.select(version);
        let reference = work.path().join(format!("reference-{version}"));
        let took = build(&site, &["--output", reference.to_str().unwrap()]);
        longest = longest.max(took);
        references.push(tree(&reference));
    }
    assert_ne!(references[0], references[1]);
    println!("a build takes {longest:?}");

    // The site starts as version 0, built the README's way.
    versions.select(0);
    build(&site, &[]);
    let public = site.join("public");
    assert!(tree(&public) == references[0]);
    let mut shown = 0;

    let stop = Arc::new(AtomicBool::new(false));
    let (looks, misses) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let poller = {
        let (stop, looks, misses, public) = (
            Arc::clone(&stop),
            Arc::clone(&looks),
            Arc::clone(&misses),
            public.clone(),
        );
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                if !fs::symlink_metadata(&public).is_ok_and(|m| m.is_dir()) {
                    misses.fetch_add(1, Ordering::Relaxed);
                }
                looks.fetch_add(1, Ordering::Relaxed);
                // Often enough to see a gap of a few hundred microseconds; not a core's worth.
                std::thread::sleep(Duration::from_micros(100));
            }
        })
    };

    let (mut kills, mut attempts) = (0, 0);
    let (mut kept_previous, mut got_new, mut mid_write) = (0, 0, 0);
    let started = Instant::now();
    while kills < KILLS {
        attempts += 1;
        assert!(
            attempts <= 3 * KILLS,
            "too few builds were still running when killed"
        );
        let next = 1 - shown;
        versions.select(next);
        let after_swap = kills % AFTER_SWAP_EVERY == AFTER_SWAP_EVERY - 1;
        // Spread over the build and a little past its measured length: the
        // k-th kill falls in the k-th tenth, give or take.
        let tenth = (kills % 10) as f64 + rng.below(1000) as f64 / 1000.0;
        let delay = longest.mul_f64(tenth / 10.0 * 1.2);
        let before = inode(&public);
        let mut child = Command::new(env!("CARGO_BIN_EXE_chengguo"))
            .arg("build")
            .current_dir(&site)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        if after_swap {
            while child.try_wait().unwrap().is_none() && inode(&public) == before {
                std::thread::sleep(Duration::from_micros(50));
            }
        } else if let Some(took) = finished_within(&mut child, delay) {
            // The machine got quicker than the reference builds (they can
            // run while it is loaded): scale the next kill moments to the
            // build just seen, or the last tenths would never hit a build.
            longest = took;
        }
        let running = child.try_wait().unwrap().is_none();
        child.kill().unwrap();
        child.wait().unwrap();
        let left = leftovers(&site);
        let now = tree(&public);
        if now == references[shown] {
            kept_previous += usize::from(running);
        } else if now == references[next] {
            got_new += usize::from(running);
            shown = next;
        } else {
            panic!(
                "after a kill {delay:?} into a build, public/ is neither the previous nor the new site (leftovers {left:?})"
            );
        }
        // A build cleans up before it stages, so only the last dead build's folder can be here.
        assert!(left.len() <= 1, "leftovers piled up: {left:?}");
        if !running {
            continue;
        }
        kills += 1;
        mid_write += usize::from(!left.is_empty());
        if kills % COMPLETE_EVERY == 0 {
            build(&site, &[]);
            shown = versions.current;
            assert!(tree(&public) == references[shown]);
            assert_eq!(leftovers(&site), Vec::<String>::new());
        }
    }
    stop.store(true, Ordering::Relaxed);
    poller.join().unwrap();

    println!(
        "{kills} kills in {attempts} builds, {:?}: {kept_previous} kept the previous site, {got_new} had put the new one in place, {mid_write} left a staging folder; public/ looked at {} times",
        started.elapsed(),
        looks.load(Ordering::Relaxed)
    );
    assert_eq!(
        misses.load(Ordering::Relaxed),
        0,
        "public/ was missing while a build ran"
    );
    assert!(looks.load(Ordering::Relaxed) > 0);
    // Not only kills before anything was written: some hit a build midway,
    // some after the new site was in place.
    assert!(mid_write > 0, "no kill hit a build while it was writing");
    assert!(got_new > 0, "no kill hit a build after its swap");
}
