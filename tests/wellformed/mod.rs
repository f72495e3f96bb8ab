//! A strict well-formedness check for the HTML chengguo writes: one doctype,
//! every non-void element closed in order, attributes quoted, no stray `<`,
//! and `&` only as the start of a character reference.

const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param",
];

pub fn check(html: &str) -> Result<(), String> {
    if !html.starts_with("<!DOCTYPE html>") {
        return Err("does not start with <!DOCTYPE html>".into());
    }
    let mut open: Vec<String> = Vec::new();
    let mut rest = &html["<!DOCTYPE html>".len()..];
    let line_of = |rest: &str| html[..html.len() - rest.len()].matches('\n').count() + 1;
    while let Some(index) = rest.find(['<', '&']) {
        check_text(&rest[..index]).map_err(|e| format!("line {}: {e}", line_of(rest)))?;
        rest = &rest[index..];
        if rest.starts_with('&') {
            let end = rest.find(';').filter(|end| {
                *end <= 10
                    && rest[1..*end]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '#')
            });
            let Some(end) = end else {
                return Err(format!(
                    "line {}: a bare & that is not a character reference",
                    line_of(rest)
                ));
            };
            rest = &rest[end + 1..];
            continue;
        }
        if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment.find("-->").ok_or("unclosed comment")?;
            rest = &comment[end + 3..];
            continue;
        }
        let end = tag_end(rest).ok_or_else(|| format!("line {}: unclosed tag", line_of(rest)))?;
        let tag = &rest[1..end];
        let after = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            match open.pop() {
                Some(expected) if expected == name => {}
                Some(expected) => {
                    return Err(format!(
                        "line {}: </{name}> closes <{expected}>",
                        line_of(rest)
                    ));
                }
                None => return Err(format!("line {}: </{name}> closes nothing", line_of(rest))),
            }
            rest = after;
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            return Err(format!("line {}: stray < in text", line_of(rest)));
        }
        check_attributes(&tag[name.len()..])
            .map_err(|e| format!("line {}: <{name}>: {e}", line_of(rest)))?;
        rest = after;
        if name == "script" || name == "style" {
            let close = format!("</{name}>");
            let end = rest
                .find(&close)
                .ok_or_else(|| format!("<{name}> is never closed"))?;
            rest = &rest[end + close.len()..];
        } else if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
            open.push(name);
        }
    }
    check_text(rest)?;
    match open.last() {
        Some(name) => Err(format!("<{name}> is never closed")),
        None => Ok(()),
    }
}

fn tag_end(tag: &str) -> Option<usize> {
    let mut quote = None;
    for (index, c) in tag.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(index),
            _ => {}
        }
    }
    None
}

fn check_text(text: &str) -> Result<(), String> {
    if text.contains('>') && text.contains("<") {
        return Err("stray angle brackets in text".into());
    }
    Ok(())
}

fn check_attributes(attributes: &str) -> Result<(), String> {
    let mut rest = attributes.trim_end_matches('/').trim();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':')
        {
            return Err(format!("bad attribute name {name:?}"));
        }
        rest = rest[name_end..].trim_start();
        if let Some(value) = rest.strip_prefix('=') {
            let value = value.trim_start();
            let quote = value
                .chars()
                .next()
                .filter(|c| *c == '"' || *c == '\'')
                .ok_or_else(|| format!("unquoted value of {name}"))?;
            let end = value[1..]
                .find(quote)
                .ok_or_else(|| format!("unclosed value of {name}"))?;
            if value[1..end + 1].contains('<') {
                return Err(format!("< inside the value of {name}"));
            }
            rest = value[end + 2..].trim_start();
        }
    }
    Ok(())
}

#[test]
fn accepts_good_and_rejects_bad_html() {
    assert!(check("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"></head><body><p>a &amp; b</p></body></html>").is_ok());
    assert!(check("<!DOCTYPE html><p><b>x</p></b>").is_err());
    assert!(check("<!DOCTYPE html><p>a & b</p>").is_err());
    assert!(check("<!DOCTYPE html><p class=x>a</p>").is_err());
    assert!(check("<!DOCTYPE html><div>").is_err());
}
