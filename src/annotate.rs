//! `check`'s problems in the formats CI systems read: GitHub Actions workflow
//! commands (`::error file=…,line=…::…`, shown as annotations on the changed
//! lines of a pull request) and a GitLab Code Quality report (a JSON array,
//! shown in a merge request's widget and diff).
//!
//! Both name files relative to the repository's root, which is where CI
//! checks the repository out; the site may sit in a sub-folder of it.

use std::collections::HashMap;
use std::path::Path;

use crate::config::Lang;
use crate::diag::{Diagnostic, Severity, messages};

/// The path from the repository holding `root` to `root`, with a trailing `/`
/// (`site/`), or empty when `root` is the repository's root or in none.
pub fn repository_prefix(root: &Path) -> String {
    let Ok(root) = root.canonicalize() else {
        return String::new();
    };
    let Some(top) = root.ancestors().find(|dir| dir.join(".git").exists()) else {
        return String::new();
    };
    let inside = root.strip_prefix(top).unwrap_or(Path::new(""));
    let mut prefix: String = inside
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    if !prefix.is_empty() {
        prefix.push('/');
    }
    prefix
}

/// The file a diagnostic names, as the repository knows it.
fn repository_path(prefix: &str, diagnostic: &Diagnostic) -> String {
    let path = diagnostic.path.display().to_string().replace('\\', "/");
    format!("{prefix}{path}")
}

/// The problem in one line of `lang`: `field "stage": unknown value "中式"`.
fn headline(diagnostic: &Diagnostic, lang: Lang) -> String {
    let message = messages::message(&diagnostic.message, lang);
    match (&diagnostic.field, lang) {
        (Some(field), Lang::Zh) => format!("字段 \"{field}\":{message}"),
        (Some(field), Lang::En) => format!("field \"{field}\": {message}"),
        (None, _) => message,
    }
}

/// The help in `lang`, introduced as the text report introduces it.
fn help_line(diagnostic: &Diagnostic, lang: Lang) -> Option<String> {
    let help = messages::help(diagnostic.help.as_deref()?, lang);
    Some(match lang {
        Lang::Zh => format!("提示：{help}"),
        Lang::En => format!("help: {help}"),
    })
}

/// A workflow command's message: `%`, CR and LF escaped, as GitHub documents.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: the data escapes, and `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One GitHub workflow command per problem:
/// `::error file=content/a.zh.md,line=4,col=8,title=unknown-value::field "stage": …`.
/// The help follows the message on a line of its own.
pub fn github_report(diagnostics: &[Diagnostic], prefix: &str, lang: Lang) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let command = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut properties = vec![format!(
            "file={}",
            escape_property(&repository_path(prefix, diagnostic))
        )];
        if diagnostic.line > 0 {
            properties.push(format!("line={}", diagnostic.line));
            if diagnostic.column > 0 {
                properties.push(format!("col={}", diagnostic.column));
            }
        }
        properties.push(format!("title={}", escape_property(diagnostic.code())));
        let mut message = headline(diagnostic, lang);
        if let Some(help) = help_line(diagnostic, lang) {
            message.push('\n');
            message.push_str(&help);
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            properties.join(","),
            escape_data(&message)
        ));
    }
    out
}

/// A GitLab Code Quality report: a JSON array with one issue per problem.
///
/// Errors are `major`, warnings `minor`. The fingerprint, which GitLab uses
/// to tell a merge request's new problems from the target branch's, hashes
/// the file, the code, the field and the English message, not the line, so a
/// problem keeps its fingerprint when lines are added above it; the same
/// problem twice in a file is told apart by its order.
pub fn gitlab_report(diagnostics: &[Diagnostic], prefix: &str, lang: Lang) -> String {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let issues: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|diagnostic| {
            let path = repository_path(prefix, diagnostic);
            let key = format!(
                "{path}\u{0}{}\u{0}{}\u{0}{}",
                diagnostic.code(),
                diagnostic.field.as_deref().unwrap_or(""),
                diagnostic.message
            );
            let occurrence = seen.entry(key.clone()).or_insert(0);
            *occurrence += 1;
            let fingerprint = format!("{:032x}", fnv1a_128(&format!("{key}\u{0}{occurrence}")));
            let mut description = headline(diagnostic, lang);
            match (help_line(diagnostic, lang), lang) {
                (Some(help), Lang::Zh) => description.push_str(&format!("（{help}）")),
                (Some(help), Lang::En) => description.push_str(&format!(" ({help})")),
                (None, _) => {}
            }
            serde_json::json!({
                "description": description,
                "check_name": diagnostic.code(),
                "fingerprint": fingerprint,
                "severity": match diagnostic.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                "location": {
                    "path": path,
                    "lines": { "begin": diagnostic.line.max(1) },
                },
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&issues).expect("JSON values serialise");
    out.push('\n');
    out
}

/// FNV-1a, 128 bits: a hash that, unlike the standard library's, is the same
/// in every Rust release, so fingerprints stay put between chengguo versions.
fn fnv1a_128(text: &str) -> u128 {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    text.bytes().fold(OFFSET, |hash, byte| {
        (hash ^ u128::from(byte)).wrapping_mul(PRIME)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage() -> Diagnostic {
        Diagnostic::error("content/a.zh.md", "unknown value \"中式\"")
            .at(4, 8)
            .field("stage")
            .help("did you mean 中试?")
    }

    #[test]
    fn escapes_workflow_command_data_and_properties() {
        assert_eq!(escape_data("50% a\r\nb:c,d"), "50%25 a%0D%0Ab:c,d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn writes_one_workflow_command_per_problem() {
        let warning = Diagnostic::warning("content/b,c.yaml", "the file is not UTF-8 text");
        assert_eq!(
            github_report(&[stage(), warning], "site/", Lang::En),
            "::error file=site/content/a.zh.md,line=4,col=8,title=unknown-value::field \"stage\": unknown value \"中式\"%0Ahelp: did you mean 中试?\n\
             ::warning file=site/content/b%2Cc.yaml,title=not-utf8::the file is not UTF-8 text\n"
        );
        assert_eq!(
            github_report(&[stage()], "", Lang::Zh),
            "::error file=content/a.zh.md,line=4,col=8,title=unknown-value::字段 \"stage\":未知的值 \"中式\"%0A提示：你是不是要写 中试？\n"
        );
    }

    #[test]
    fn fingerprints_are_stable_across_lines_and_distinct_per_occurrence() {
        let report = |diagnostics: &[Diagnostic]| -> Vec<serde_json::Value> {
            serde_json::from_str(&gitlab_report(diagnostics, "", Lang::En)).unwrap()
        };
        let moved = stage().at(9, 8);
        let first = report(&[stage()]);
        assert_eq!(
            first[0]["fingerprint"],
            report(std::slice::from_ref(&moved))[0]["fingerprint"]
        );
        let twice = report(&[stage(), moved]);
        assert_ne!(twice[0]["fingerprint"], twice[1]["fingerprint"]);
        assert_eq!(first[0]["severity"], "major");
        assert_eq!(first[0]["location"]["lines"]["begin"], 4);
        assert_eq!(
            first[0]["description"],
            "field \"stage\": unknown value \"中式\" (help: did you mean 中试?)"
        );
    }

    #[test]
    fn fnv_matches_its_published_test_vector() {
        // FNV-1a 128 of the empty string is the offset basis; of "a", as published.
        assert_eq!(fnv1a_128(""), 0x6c62272e07bb014262b821756295c58d);
        assert_eq!(fnv1a_128("a"), 0xd228cb696f1a8caf78912b704e4a8964);
    }
}
