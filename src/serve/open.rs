//! `serve --open`: open the preview in the desktop's browser, or say why not.

use crate::diag::messages::Note;
use crate::lang::Lang;

/// Open `url` in the desktop's browser; failing to is not an error of the
/// server. Where there is no display to open it on, or the opener fails, a
/// one-line note says so and gives the URL. The opener is waited for on a
/// thread of its own, so it never lingers as a zombie process. The notes
/// are in `lang`, the site's language.
pub fn open_in_browser(url: &str, lang: Lang) {
    if !has_display(|name| std::env::var_os(name)) {
        eprintln!("{}", Note::OpenNoDisplay.in_language(lang, &[url]));
        return;
    }
    let (program, args) = opener(url, std::env::var("BROWSER").ok().as_deref());
    let spawned = std::process::Command::new(&program)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(error) => {
            let error = error.to_string();
            let note = Note::OpenNotStarted.in_language(lang, &[&program, &error, url]);
            eprintln!("{note}");
            return;
        }
    };
    let url = url.to_string();
    let waited = std::thread::Builder::new()
        .name("chengguo-open".into())
        .spawn(move || match child.wait() {
            Ok(status) if status.success() => {}
            Ok(status) => {
                let status = status.to_string();
                let note = Note::OpenFailed.in_language(lang, &[&program, &status, &url]);
                eprintln!("{note}");
            }
            Err(error) => {
                let error = error.to_string();
                let note = Note::OpenNotWaited.in_language(lang, &[&program, &error, &url]);
                eprintln!("{note}");
            }
        });
    if let Err(error) = waited {
        // Without a thread to wait on it, the opener would be left a zombie.
        let note = Note::OpenNoThread.in_language(lang, &[&error.to_string()]);
        eprintln!("{note}");
    }
}

/// Whether a browser can be shown: on Linux and the BSDs only with an X11 or
/// Wayland display; macOS and Windows always have one.
fn has_display(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    if cfg!(any(target_os = "macos", windows)) {
        return true;
    }
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|name| var(name).is_some_and(|value| !value.is_empty()))
}

/// The command that opens `url`: `$BROWSER` if set (its first command, `%s`
/// standing for the URL, as xdg-open and Python's webbrowser read it), else
/// the platform's opener.
fn opener(url: &str, browser: Option<&str>) -> (String, Vec<String>) {
    let chosen = browser
        .and_then(|list| list.split(':').map(str::trim).find(|c| !c.is_empty()))
        .map(|command| {
            command
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        });
    if let Some(mut words) = chosen.filter(|words| !words.is_empty()) {
        let program = words.remove(0);
        if words.iter().any(|w| w.contains("%s")) {
            words = words.into_iter().map(|w| w.replace("%s", url)).collect();
        } else {
            words.push(url.to_string());
        }
        return (program, words);
    }
    let (program, args): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        ("cmd", &["/C", "start", ""])
    } else {
        ("xdg-open", &[])
    };
    let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    args.push(url.to_string());
    (program.to_string(), args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_display_is_needed_to_open_a_browser() {
        let none = |_: &str| None;
        let empty = |_: &str| Some(std::ffi::OsString::new());
        let wayland = |name: &str| (name == "WAYLAND_DISPLAY").then(|| "wayland-0".into());
        let x11 = |name: &str| (name == "DISPLAY").then(|| ":0".into());
        let desktop = cfg!(any(target_os = "macos", windows));
        assert_eq!(has_display(none), desktop);
        assert_eq!(has_display(empty), desktop);
        assert!(has_display(wayland));
        assert!(has_display(x11));
    }

    #[test]
    fn browser_variable_chooses_the_opener() {
        let url = "http://127.0.0.1:1111/";
        assert_eq!(
            opener(url, Some("firefox --new-tab")),
            ("firefox".into(), vec!["--new-tab".into(), url.into()])
        );
        assert_eq!(
            opener(url, Some(":w3m -o %s:lynx")),
            ("w3m".into(), vec!["-o".into(), url.into()])
        );
        let (program, args) = opener(url, Some(""));
        assert_eq!(args.last().map(String::as_str), Some(url));
        assert_eq!(opener(url, None).0, program);
    }
}
