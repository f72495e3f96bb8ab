//! Paths inside the built site as links and requests name them: relative
//! links resolved against a page, percent-escapes decoded, and the characters
//! a URL cannot hold escaped. `check`, `linkcheck` and `serve` all read site
//! paths this way; the parser and renderer write URLs from content this way,
//! and check e-mail addresses before they become `mailto:` links.

use percent_encoding::percent_decode_str;

/// `base` (a folder path ending in `/`) joined with a relative `path`, `..` resolved.
pub fn resolve(base: &str, path: &str) -> String {
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    let mut resolved = parts.join("/");
    if path.ends_with('/') {
        resolved.push('/');
    }
    resolved
}

/// `%E4%B8%AD` → `中`, forgiving as a browser is: a `%` not followed by two
/// hex digits stays as it is, and bytes that are not UTF-8 become `�`.
pub fn percent_decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// `%E4%B8%AD` → `中`, or `None` if a `%` is not followed by two hex digits
/// or the decoded bytes are not UTF-8: what a server must refuse rather than guess.
pub fn percent_decode_strict(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let well_formed = bytes.iter().enumerate().all(|(index, byte)| {
        *byte != b'%'
            || bytes
                .get(index + 1..index + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    });
    if !well_formed {
        return None;
    }
    percent_decode_str(text)
        .decode_utf8()
        .ok()
        .map(|decoded| decoded.into_owned())
}

/// `text` with every ASCII character a URL cannot hold percent-escaped
/// (controls, space, the double quote, angle brackets, backslash, caret,
/// backtick, braces, bar, and a `%` that starts no escape), so that it is a
/// valid URL attribute. Other text, non-ASCII letters included, is
/// kept: a browser escapes the same characters when it follows the link, so
/// it still names the same thing.
pub fn escape_unsafe(text: &str) -> String {
    escape(text, false)
}

/// `text` as a URL fragment and HTML `id` (a footnote label): as
/// [`escape_unsafe`], and every `%` and `#` escaped too, so that two labels
/// never give the same id and the fragment has no second `#`.
pub fn escape_fragment(text: &str) -> String {
    escape(text, true)
}

fn escape(text: &str, fragment: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, c) in text.char_indices() {
        let starts_escape = || {
            let hex = text.as_bytes().get(index + 1..index + 3);
            hex.is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
        };
        let unsafe_char = c.is_ascii_control()
            || matches!(
                c,
                ' ' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}'
            )
            || (fragment && c == '#')
            || (c == '%' && (fragment || !starts_escape()));
        if unsafe_char {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Enough to make a working `mailto:` and refuse what would break out of it.
pub fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let allowed = |c: char| c.is_ascii_alphanumeric() || ".-_+".contains(c);
    !local.is_empty()
        && local.chars().all(allowed)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_emails_from_other_text() {
        assert!(is_email("transfer@cqut.edu.cn"));
        for bad in ["a@b", "@x.cn", "a b@x.cn", "a@x.cn?subject=x", "a\"@x.cn"] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn resolves_relative_links_against_the_page() {
        assert_eq!(resolve("en/parks/x/", "../y/"), "en/parks/y/");
        assert_eq!(resolve("parks/x/", "img/a.png"), "parks/x/img/a.png");
        assert_eq!(resolve("parks/x/", "../../../../a"), "a");
    }

    #[test]
    fn decodes_percent_escapes_forgivingly() {
        assert_eq!(percent_decode("/a%20b%E4%B8%AD"), "/a b中");
        assert_eq!(percent_decode("/a%2"), "/a%2");
        assert_eq!(percent_decode("/a%zz"), "/a%zz");
        assert_eq!(percent_decode("/a%FF"), "/a\u{FFFD}");
    }

    #[test]
    fn decodes_percent_escapes_strictly() {
        assert_eq!(
            percent_decode_strict("/a%20b%E4%B8%AD").as_deref(),
            Some("/a b中")
        );
        assert_eq!(percent_decode_strict("/a%2"), None);
        assert_eq!(percent_decode_strict("/a%zz"), None);
        assert_eq!(percent_decode_strict("/a%FF"), None);
        assert_eq!(percent_decode_strict("/%25").as_deref(), Some("/%"));
    }

    #[test]
    fn escapes_what_a_url_cannot_hold_and_keeps_the_rest() {
        assert_eq!(
            escape_unsafe("https://example.org/\"><script>x</script>"),
            "https://example.org/%22%3E%3Cscript%3Ex%3C/script%3E"
        );
        assert_eq!(
            escape_unsafe("/a b/中文?q=1&r=2#x"),
            "/a%20b/中文?q=1&r=2#x"
        );
        assert_eq!(escape_unsafe("/a%20b/100%"), "/a%20b/100%25");
        assert_eq!(escape_unsafe("\u{7}`{|}^\\"), "%07%60%7B%7C%7D%5E%5C");
    }

    #[test]
    fn fragments_escape_every_percent_so_labels_stay_apart() {
        assert_eq!(escape_fragment("a b"), "a%20b");
        assert_eq!(escape_fragment("a%20b"), "a%2520b");
        assert_eq!(escape_fragment("a#b"), "a%23b");
        assert_eq!(escape_fragment("注释-1"), "注释-1");
    }
}
