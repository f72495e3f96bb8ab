//! Paths inside the built site as links and requests name them: relative
//! links resolved against a page, and percent-escapes decoded. `check`,
//! `linkcheck` and `serve` all read site paths this way.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
