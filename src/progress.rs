//! Build progress: each stage of a build reports what it produced and how long
//! it took, so a long build on a terminal can show where it is and a profile
//! can show where the time goes.
//!
//! The library only calls [`Progress::stage`]; what is shown is decided by the
//! caller: [`Silent`] for tests and `serve`, [`Terminal`] for the command line.

use std::io::{IsTerminal, Write};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Receives the stages of a build as they finish.
pub trait Progress: Sync {
    /// A stage finished: its name, how many things it produced (`what`), and
    /// how long it took.
    fn stage(&self, name: &'static str, count: usize, what: &'static str, took: Duration);
}

/// Shows nothing.
pub struct Silent;

impl Progress for Silent {
    fn stage(&self, _: &'static str, _: usize, _: &'static str, _: Duration) {}
}

/// Times one stage: `let timer = Timer::start(); …; progress.stage(name, n, what, timer.took())`.
pub struct Timer(Instant);

impl Timer {
    pub fn start() -> Timer {
        Timer(Instant::now())
    }

    pub fn took(&self) -> Duration {
        self.0.elapsed()
    }
}

/// How a command-line build reports its stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only the final summary line (not a terminal, or `CI` is set).
    Quiet,
    /// Stages appear once the build has run for [`Terminal::DELAY`].
    Delayed,
    /// Every stage with its time, at once (`CHENGGUO_PROGRESS=1`, for profiling).
    Always,
}

impl Mode {
    /// Decide from the environment: `CHENGGUO_PROGRESS=1` always shows stages,
    /// `CHENGGUO_PROGRESS=0` never; otherwise stages are shown on a terminal
    /// unless `CI` is set.
    pub fn from_environment() -> Mode {
        Mode::decide(
            std::env::var("CHENGGUO_PROGRESS").ok().as_deref(),
            std::env::var_os("CI").is_some(),
            std::io::stderr().is_terminal(),
        )
    }

    fn decide(forced: Option<&str>, ci: bool, terminal: bool) -> Mode {
        match forced {
            Some("1") => Mode::Always,
            Some("0") => Mode::Quiet,
            _ if terminal && !ci => Mode::Delayed,
            _ => Mode::Quiet,
        }
    }
}

/// Stage lines on standard error: held back while the build is short, shown
/// (with the ones held back) once it has run for a second.
pub struct Terminal {
    shared: Arc<Mutex<Shown>>,
    done: Option<mpsc::Sender<()>>,
    watcher: Option<JoinHandle<()>>,
}

struct Shown {
    started: Instant,
    live: bool,
    held: Vec<String>,
}

impl Terminal {
    /// How long a build runs before its stages are shown.
    pub const DELAY: Duration = Duration::from_secs(1);

    pub fn new(mode: Mode) -> Terminal {
        let shared = Arc::new(Mutex::new(Shown {
            started: Instant::now(),
            live: mode == Mode::Always,
            held: Vec::new(),
        }));
        if mode != Mode::Delayed {
            return Terminal {
                shared,
                done: None,
                watcher: None,
            };
        }
        let (done, finished) = mpsc::channel::<()>();
        let watched = Arc::clone(&shared);
        let watcher = std::thread::spawn(move || {
            if finished.recv_timeout(Terminal::DELAY) == Err(RecvTimeoutError::Timeout) {
                let mut shown = watched.lock().unwrap_or_else(|e| e.into_inner());
                shown.live = true;
                let mut stderr = std::io::stderr().lock();
                for line in shown.held.drain(..) {
                    let _ = writeln!(stderr, "{line}");
                }
                let _ = writeln!(stderr, "  … still building");
            }
        });
        Terminal {
            shared,
            done: Some(done),
            watcher: Some(watcher),
        }
    }

    /// The build is over: stop the watcher; held-back lines are dropped.
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        drop(self.done.take());
        if let Some(watcher) = self.watcher.take() {
            let _ = watcher.join();
        }
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Progress for Terminal {
    fn stage(&self, name: &'static str, count: usize, what: &'static str, took: Duration) {
        let mut shown = self.shared.lock().unwrap_or_else(|e| e.into_inner());
        let mut line = format!(
            "  {name:<8} {count:>8} {what:<12} {:>7.0} ms   (at {:.1} s",
            took.as_secs_f64() * 1000.0,
            shown.started.elapsed().as_secs_f64()
        );
        if let Some(peak) = peak_memory_mb() {
            line.push_str(&format!(", peak {peak} MB"));
        }
        line.push(')');
        if shown.live {
            eprintln!("{line}");
        } else {
            shown.held.push(line);
        }
    }
}

/// The process's peak resident memory so far, where the system tells it
/// (Linux: `VmHWM` in /proc/self/status).
fn peak_memory_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_stages_only_on_a_terminal_outside_ci_unless_forced() {
        assert_eq!(Mode::decide(None, false, true), Mode::Delayed);
        assert_eq!(Mode::decide(None, true, true), Mode::Quiet);
        assert_eq!(Mode::decide(None, false, false), Mode::Quiet);
        assert_eq!(Mode::decide(Some("1"), true, false), Mode::Always);
        assert_eq!(Mode::decide(Some("0"), false, true), Mode::Quiet);
    }

    #[test]
    fn a_short_build_holds_its_stages_back() {
        let terminal = Terminal::new(Mode::Delayed);
        terminal.stage("parse", 3, "entries", Duration::from_millis(2));
        {
            let shown = terminal.shared.lock().unwrap();
            assert!(!shown.live);
            assert_eq!(shown.held.len(), 1);
            assert!(shown.held[0].contains("parse") && shown.held[0].contains("entries"));
        }
        terminal.finish();
    }

    #[test]
    fn a_long_build_shows_its_stages() {
        let terminal = Terminal::new(Mode::Delayed);
        terminal.stage("load", 10, "files", Duration::from_millis(1));
        std::thread::sleep(Terminal::DELAY + Duration::from_millis(300));
        let shown = terminal.shared.lock().unwrap();
        assert!(shown.live);
        assert!(shown.held.is_empty(), "held-back lines are printed");
    }
}
