//! The headers file, `_headers` at the root of the output (the format Netlify
//! and Cloudflare Pages read): the site's security headers for hosts that
//! take them from a file. The Content-Security-Policy is the one the pages'
//! `<meta>` carries, from the same setting, plus what only a header can say.

use crate::config::Config;

use super::OutputFile;

pub const HEADERS_FILE: &str = "_headers";

/// Not where a referrer would tell another site which page (and search) a
/// reader came from; the origin alone still goes out over HTTPS.
pub const REFERRER_POLICY: &str = "strict-origin-when-cross-origin";

/// `_headers` for `config`'s policy, for every path of the site.
pub fn headers_file(config: &Config) -> OutputFile {
    let mut text = String::from(
        "# Security headers for hosts that read this file (Netlify, Cloudflare Pages).\n\
         # Written by chengguo build from content_security_policy in config.yaml.\n/*\n",
    );
    if !config.content_security_policy.is_empty() {
        text.push_str("  Content-Security-Policy: ");
        text.push_str(&config.content_security_policy);
        text.push('\n');
    }
    text.push_str("  X-Content-Type-Options: nosniff\n");
    text.push_str("  Referrer-Policy: ");
    text.push_str(REFERRER_POLICY);
    text.push('\n');
    OutputFile {
        path: HEADERS_FILE.into(),
        bytes: text.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "title: {zh: 站, en: Site}\ndescription: {zh: 描述, en: About}\n";

    #[test]
    fn carries_the_whole_policy_and_the_other_headers() {
        let config = crate::config::parse(MINIMAL).unwrap();
        let text = String::from_utf8(headers_file(&config).bytes).unwrap();
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(
            lines,
            [
                "/*".to_string(),
                format!(
                    "  Content-Security-Policy: {}",
                    crate::config::DEFAULT_CONTENT_SECURITY_POLICY
                ),
                "  X-Content-Type-Options: nosniff".to_string(),
                "  Referrer-Policy: strict-origin-when-cross-origin".to_string(),
            ]
        );
        assert!(lines[1].contains("frame-ancestors 'self'"));
    }

    #[test]
    fn a_policy_turned_off_leaves_the_other_headers() {
        let config =
            crate::config::parse(&format!("{MINIMAL}content_security_policy: false\n")).unwrap();
        let text = String::from_utf8(headers_file(&config).bytes).unwrap();
        assert!(!text.contains("Content-Security-Policy"));
        assert!(text.contains("  X-Content-Type-Options: nosniff\n"));
    }
}
