//! `chengguo new`: start an entry from the field table, with every field present,
//! blank, and explained in a comment in the site's default language.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::config::{Config, Lang};
use crate::entry::{EntryType, is_valid_slug};
use crate::load::{self, CONTENT_DIR};
use crate::parse::fields::{self, FieldSpec, Kind};

/// Why an entry could not be started; shown to the editor as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewError {
    BadSlug(String),
    Exists(PathBuf),
    Language(String),
    Write(PathBuf, String),
}

impl std::fmt::Display for NewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NewError::BadSlug(slug) => write!(
                f,
                "\"{slug}\" is not a valid slug: use lowercase ASCII letters, digits and hyphens (e.g. nano-displacement-measurement)"
            ),
            NewError::Exists(path) => {
                write!(f, "the slug is taken: {} already exists", path.display())
            }
            NewError::Language(code) => write!(
                f,
                "the site is not written in \"{code}\"; its languages are in config.yaml"
            ),
            NewError::Write(path, error) => {
                write!(f, "cannot write {}: {error}", path.display())
            }
        }
    }
}

/// Write a new entry under `root`; returns the paths written, relative to `root`.
///
/// `languages` empty means the site's languages. The Markdown form writes one
/// file per language, the language-independent fields in the first; `yaml`
/// writes the one-file form.
pub fn new_entry(
    root: &Path,
    config: &Config,
    entry_type: EntryType,
    slug: &str,
    languages: &[Lang],
    yaml: bool,
) -> Result<Vec<PathBuf>, NewError> {
    if !is_valid_slug(slug) {
        return Err(NewError::BadSlug(slug.to_string()));
    }
    let languages: Vec<Lang> = if languages.is_empty() {
        config.ordered_languages()
    } else {
        if let Some(lang) = languages.iter().find(|l| !config.languages.contains(l)) {
            return Err(NewError::Language(lang.code().to_string()));
        }
        // The site's order (default language first), each once.
        config
            .ordered_languages()
            .into_iter()
            .filter(|l| languages.contains(l))
            .collect()
    };
    let (files, _) = load::load(root, &config.limits);
    if let Some(taken) = files
        .iter()
        .find(|f| f.entry_type == entry_type && f.slug == slug)
    {
        return Err(NewError::Exists(taken.path.clone()));
    }
    let folder = Path::new(CONTENT_DIR).join(entry_type.folder());
    let comments = Comments {
        lang: config.default_language,
        config,
    };
    let written: Vec<(PathBuf, String)> = if yaml {
        vec![(
            folder.join(format!("{slug}.yaml")),
            yaml_form(entry_type, &languages, &comments),
        )]
    } else {
        languages
            .iter()
            .enumerate()
            .map(|(index, lang)| {
                let path = folder.join(format!("{slug}.{}.md", lang.code()));
                let primary = (index > 0).then(|| format!("{slug}.{}.md", languages[0].code()));
                let text = markdown_form(entry_type, primary.as_deref(), &comments);
                (path, text)
            })
            .collect()
    };
    for (path, _) in &written {
        if root.join(path).exists() {
            return Err(NewError::Exists(path.clone()));
        }
    }
    std::fs::create_dir_all(root.join(&folder))
        .map_err(|e| NewError::Write(folder.clone(), e.to_string()))?;
    for (path, text) in &written {
        // create_new: never overwrite a file that appeared in the meantime.
        let result = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(root.join(path))
            .and_then(|mut file| std::io::Write::write_all(&mut file, text.as_bytes()));
        result.map_err(|e| NewError::Write(path.clone(), e.to_string()))?;
    }
    Ok(written.into_iter().map(|(path, _)| path).collect())
}

/// The comment lines above each field, in one language.
struct Comments<'a> {
    lang: Lang,
    config: &'a Config,
}

impl Comments<'_> {
    /// `yaml`: the comment is for the one-file form, where texts are `{zh, en}` maps.
    fn field(&self, spec: &FieldSpec, yaml: bool) -> String {
        let zh = self.lang == Lang::Zh;
        let mut text = String::from(if zh {
            spec.description_zh
        } else {
            spec.description_en
        });
        if spec.required {
            text.push_str(if zh { "【必填】" } else { " [required]" });
        }
        let mut out = format!("# {text}\n");
        if let Some(hint) = self.hint(spec.kind, yaml) {
            let _ = writeln!(out, "# {hint}");
        }
        out
    }

    /// How to write a field that is not plain text.
    fn hint(&self, kind: Kind, yaml: bool) -> Option<String> {
        let zh = self.lang == Lang::Zh;
        if let Kind::Term(name) | Kind::TermList(name) = kind {
            let labels: Vec<&str> = self
                .config
                .vocabulary(name)
                .terms
                .iter()
                .map(|t| t.label(self.lang))
                .collect();
            let many = matches!(kind, Kind::TermList(_));
            return Some(match (zh, many) {
                (true, false) => format!("可选值：{}", labels.join("、")),
                (true, true) => format!("可多选，写成 [a, b]：{}", labels.join("、")),
                (false, false) => format!("One of: {}", labels.join("; ")),
                (false, true) => format!("A list [a, b] of: {}", labels.join("; ")),
            });
        }
        let (in_zh, in_en) = written_as(kind, yaml)?;
        Some(if zh { in_zh } else { in_en }.to_string())
    }
}

/// How a field of `kind` is written, in Chinese and in English; `yaml` for the
/// one-file form, where texts are `{zh, en}` maps.
fn written_as(kind: Kind, yaml: bool) -> Option<(&'static str, &'static str)> {
    Some(match kind {
        Kind::TextList if yaml => (
            "列表，每项写成 {zh: 中文, en: English}",
            "A list of {zh: 中文, en: English}",
        ),
        Kind::TextList => ("列表，写成 [甲, 乙]", "A list, written [a, b]"),
        Kind::ReferenceList(_) => (
            "列表，写成 [slug-a, slug-b]",
            "A list, written [slug-a, slug-b]",
        ),
        Kind::Links => (
            "每项写成 - {title: 名称, url: https://…}",
            "Each item: - {title: Name, url: https://…}",
        ),
        Kind::Figures => (
            "每项写成 - {label: 入孵企业, value: 3275, unit: 家, year: 2021}",
            "Each item: - {label: Incubated firms, value: 3275, unit: firms, year: 2021}",
        ),
        Kind::IpRecords => (
            "每项写成 - {kind: 发明专利, number: ZL202110123456.7, title: 名称}",
            "Each item: - {kind: Invention patent, number: ZL202110123456.7, title: Name}",
        ),
        Kind::Cooperation => (
            "写成 {transfer_modes: [许可], price: 面议 或 {amount: 500000, currency: CNY}, intent: 寻求的合作方}",
            "Written {transfer_modes: [licensing], price: negotiable or {amount: 500000, currency: CNY}, intent: partner sought}",
        ),
        Kind::Contact => (
            "写成 {name: 联系人, organisation: 单位, phone: 023-12345678, email: a@b.cn, url: https://…}",
            "Written {name: Name, organisation: Body, phone: 023-12345678, email: a@b.cn, url: https://…}",
        ),
        Kind::Attachments => (
            "每项写成 - {file: docs/介绍.pdf, title: 项目介绍}",
            "Each item: - {file: docs/brochure.pdf, title: Brochure}",
        ),
        Kind::Url => ("以 https:// 开头", "Starts with https://"),
        _ => return None,
    })
}

/// The blank value of a field, as YAML after `name:`.
fn blank(kind: Kind) -> &'static str {
    match kind {
        Kind::TextList
        | Kind::TermList(_)
        | Kind::ReferenceList(_)
        | Kind::Links
        | Kind::Figures
        | Kind::IpRecords
        | Kind::Attachments => " []",
        Kind::Bool => " false",
        _ => "",
    }
}

fn markdown_form(entry_type: EntryType, primary: Option<&str>, comments: &Comments) -> String {
    let mut out = String::from("---\n");
    for spec in fields::fields(entry_type).iter().filter(|s| !s.yaml_only) {
        // Language-independent fields are written once, in the first file.
        if primary.is_some() && !spec.kind.is_localized() {
            continue;
        }
        out.push_str(&comments.field(spec, false));
        let _ = writeln!(out, "{}:{}", spec.name, blank(spec.kind));
    }
    if let Some(primary) = primary {
        let note = match comments.lang {
            Lang::Zh => format!("# 与语言无关的字段（日期、分类、引用等）写在 {primary} 中\n"),
            Lang::En => format!(
                "# Language-independent fields (dates, vocabularies, references) are in {primary}\n"
            ),
        };
        out.push_str(&note);
    }
    out.push_str("---\n\n");
    out
}

fn yaml_form(entry_type: EntryType, languages: &[Lang], comments: &Comments) -> String {
    let mut out = String::new();
    for spec in fields::fields(entry_type) {
        out.push_str(&comments.field(spec, true));
        match spec.kind {
            Kind::Text => {
                let _ = writeln!(out, "{}:", spec.name);
                for lang in languages {
                    let _ = writeln!(out, "  {}:", lang.code());
                }
            }
            Kind::Markdown => {
                let _ = writeln!(out, "{}:", spec.name);
                for lang in languages {
                    let _ = writeln!(out, "  {}: |\n", lang.code());
                }
            }
            kind => {
                let _ = writeln!(out, "{}:{}", spec.name, blank(kind));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lists_are_empty_lists() {
        assert_eq!(blank(Kind::TextList), " []");
        assert_eq!(blank(Kind::Text), "");
        assert_eq!(blank(Kind::Bool), " false");
    }
}
