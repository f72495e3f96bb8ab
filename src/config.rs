//! Site configuration (`config.yaml`) and the vocabularies it defines.

use std::path::Path;

use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::yaml::{self, Locator, Step, Yaml};

pub const CONFIG_FILE: &str = "config.yaml";

pub use crate::lang::{Lang, Localized};

mod contact;
mod identity;
pub use contact::{ContactSettings, Show};
pub use identity::{
    ICP_SITE, IDENTITY_KEYS, Identity, PUBLIC_SECURITY_RECORD, Phone, PublicSecurity, SiteMark,
};

/// The vocabularies defined in the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VocabName {
    Fields,
    Stages,
    TransferModes,
    IpKinds,
    ParkKinds,
    Levels,
    Regions,
    PolicyStatuses,
    Topics,
    Genres,
}

impl VocabName {
    pub const ALL: [VocabName; 10] = [
        VocabName::Fields,
        VocabName::Stages,
        VocabName::TransferModes,
        VocabName::IpKinds,
        VocabName::ParkKinds,
        VocabName::Levels,
        VocabName::Regions,
        VocabName::PolicyStatuses,
        VocabName::Topics,
        VocabName::Genres,
    ];

    pub fn key(self) -> &'static str {
        match self {
            VocabName::Fields => "fields",
            VocabName::Stages => "stages",
            VocabName::TransferModes => "transfer_modes",
            VocabName::IpKinds => "ip_kinds",
            VocabName::ParkKinds => "park_kinds",
            VocabName::Levels => "levels",
            VocabName::Regions => "regions",
            VocabName::PolicyStatuses => "policy_statuses",
            VocabName::Topics => "topics",
            VocabName::Genres => "genres",
        }
    }
}

/// One value of a vocabulary: a stable key and its labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    pub key: String,
    pub zh: String,
    pub en: String,
}

impl Term {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Vocabulary {
    pub terms: Vec<Term>,
}

impl Vocabulary {
    /// The term an editor meant: written as its key, its Chinese or its English label.
    pub fn resolve(&self, written: &str) -> Option<&Term> {
        let written = written.trim();
        self.terms.iter().find(|term| {
            term.key == written || term.zh == written || term.en.eq_ignore_ascii_case(written)
        })
    }

    pub fn term(&self, key: &str) -> Option<&Term> {
        self.terms.iter().find(|term| term.key == key)
    }

    /// The nearest value to a misspelt one, written the way the editor wrote theirs.
    pub fn suggest(&self, written: &str) -> Option<&str> {
        let is_chinese = !written.is_ascii();
        if is_chinese {
            did_you_mean(written, self.terms.iter().map(|t| t.zh.as_str()))
        } else {
            did_you_mean(written, self.terms.iter().map(|t| t.key.as_str()))
                .or_else(|| did_you_mean(written, self.terms.iter().map(|t| t.en.as_str())))
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MissingTranslation {
    /// List the entry in the other language with a "中文 only / Chinese only" marker.
    Mark,
    /// Leave the entry out of the other language.
    Hide,
}

/// How large a file and how deep its YAML may be (`limits:` in config.yaml),
/// enforced before the YAML parser sees the text, so a hostile or broken file
/// is an error rather than a hang or a build that runs out of memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Limits {
    /// Bytes of one entry file.
    pub file_size: u64,
    /// Bytes of the front matter of one Markdown entry.
    pub front_matter_size: usize,
    /// Levels of nesting in the YAML of an entry.
    pub depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            file_size: 10 * MEGABYTE,
            front_matter_size: MEGABYTE as usize,
            depth: yaml::DEFAULT_MAX_DEPTH,
        }
    }
}

const KILOBYTE: u64 = 1024;
const MEGABYTE: u64 = 1024 * KILOBYTE;
/// The largest `limits.depth`: serde_yaml's own recursion limit.
const MAX_DEPTH: usize = 128;

/// `limits.file_size` and `limits.front_matter_size` go from 1 KB to this.
const MAX_SIZE: u64 = 1024 * MEGABYTE;

/// The settings under `limits:`.
pub const LIMIT_KEYS: [&str; 3] = ["file_size", "front_matter_size", "depth"];

/// `10 MB`, `512 KB`, `2048` (bytes): a size between 1 KB and 1 GB.
fn size(value: &Yaml) -> Option<u64> {
    let bytes = match value {
        Yaml::Int(n) => u64::try_from(*n).ok()?,
        Yaml::String(text) => {
            let text = text.trim();
            let split = text
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(text.len());
            let number: u64 = text[..split].parse().ok()?;
            let unit = match text[split..].trim().to_ascii_uppercase().as_str() {
                "" | "B" => 1,
                "KB" => KILOBYTE,
                "MB" => MEGABYTE,
                "GB" => 1024 * MEGABYTE,
                _ => return None,
            };
            number.checked_mul(unit)?
        }
        _ => return None,
    };
    (KILOBYTE..=MAX_SIZE).contains(&bytes).then_some(bytes)
}

fn limits(value: &Yaml, locator: &Locator, diagnostics: &mut Diagnostics) -> Limits {
    let path = Path::new(CONFIG_FILE);
    let mut limits = Limits::default();
    let Yaml::Map(entries) = value else {
        let (line, column) = locator.value_at(&[Step::key("limits")]).unwrap_or((0, 0));
        diagnostics.push(
            Diagnostic::error(path, "expected a map such as {file_size: 10 MB}")
                .at(line, column)
                .field("limits"),
        );
        return limits;
    };
    for (key, value) in entries {
        let path_of_key = [Step::key("limits"), Step::key(key)];
        // A bad value is placed at the value, an unknown setting at its key.
        let (line, column) = match LIMIT_KEYS.contains(&key.as_str()) {
            true => locator.value_at(&path_of_key),
            false => locator.key_at(&path_of_key),
        }
        .unwrap_or((0, 0));
        let error = |message: &str| {
            Diagnostic::error(path, message)
                .at(line, column)
                .field(format!("limits.{key}"))
        };
        match key.as_str() {
            "file_size" => match size(value) {
                Some(bytes) => limits.file_size = bytes,
                None => diagnostics.push(error("expected a size from 1 KB to 1 GB, such as 10 MB")),
            },
            "front_matter_size" => match size(value) {
                Some(bytes) => limits.front_matter_size = bytes as usize,
                None => diagnostics.push(error("expected a size from 1 KB to 1 GB, such as 10 MB")),
            },
            "depth" => match value {
                Yaml::Int(n) if (4..=MAX_DEPTH as i64).contains(n) => limits.depth = *n as usize,
                _ => diagnostics.push(error("expected a whole number from 4 to 128")),
            },
            other => {
                let help = did_you_mean(other, LIMIT_KEYS).map(|s| format!("did you mean {s}?"));
                diagnostics.push(error(&format!("unknown setting \"{other}\"")).help_opt(help));
            }
        }
    }
    limits
}

#[derive(Debug, Clone, Serialize)]
pub struct Config {
    pub title: Localized,
    pub description: Localized,
    /// Path prefix of every internal link, always starting and ending with `/`.
    pub base_path: String,
    /// Scheme and host if `base_url` named them (`https://example.org`), for absolute links.
    pub origin: Option<String>,
    pub languages: Vec<Lang>,
    pub default_language: Lang,
    pub theme: String,
    pub page_size: usize,
    pub missing_translation: MissingTranslation,
    pub allow_html: bool,
    /// The Content-Security-Policy of every page and of the headers file;
    /// empty if the site turned it off.
    pub content_security_policy: String,
    pub limits: Limits,
    pub vocabularies: Vec<(VocabName, Vocabulary)>,
    /// Contact settings: the 我要对接 target and how contacts are shown.
    pub contact: ContactSettings,
    /// Where entries' "edit this page" links go, when `repo_url` is set.
    pub edit: Option<EditLinks>,
    /// The licence the open data is published under, if the site names one
    /// (`open_data:`); none is claimed otherwise.
    pub license: Option<License>,
    /// Who runs the site and its filing numbers, for the footer (`identity:`).
    pub identity: Identity,
    /// Problems that do not stop a build (an unbalanced bidirectional control
    /// in a label, say), for the build to report with its own.
    #[serde(skip)]
    pub warnings: Diagnostics,
}

/// The licence of the open data: a link and its name in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct License {
    pub url: String,
    pub name: Localized,
}

/// The settings under `open_data:`.
pub const OPEN_DATA_KEYS: [&str; 2] = ["license", "license_name"];

/// The forge a repository is on, which decides the form of its edit links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RepoKind {
    Github,
    Gitlab,
    Gitea,
}

/// "Edit this page" links: the repository's edit URL for the branch, to
/// which the site's folder in the repository and a file's path are added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EditLinks {
    /// `https://github.com/city/site/edit/main/`.
    pub base: String,
    /// The site's folder within the repository (`site/`), empty at its root.
    pub prefix: String,
}

/// The policy pages carry unless `content_security_policy` says otherwise:
/// nothing from another origin, no inline script or style (the theme has
/// none; `serve` adds its reload script as a file), no plugins, and no
/// `<base>` or form that sends readers elsewhere. `frame-ancestors` works
/// only as a header, so it goes to the headers file alone.
pub const DEFAULT_CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; \
     base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

/// Directives a browser ignores in a `<meta>` policy (and warns about).
const HEADER_ONLY_DIRECTIVES: [&str; 4] = ["frame-ancestors", "report-uri", "report-to", "sandbox"];

impl Config {
    pub fn vocabulary(&self, name: VocabName) -> &Vocabulary {
        static EMPTY: Vocabulary = Vocabulary { terms: Vec::new() };
        self.vocabularies
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
            .unwrap_or(&EMPTY)
    }

    /// Replace the base URL (from `--base-url`).
    pub fn set_base_url(&mut self, base_url: &str) -> Result<(), String> {
        let (origin, path) = split_base_url(base_url)?;
        self.origin = origin;
        self.base_path = path;
        Ok(())
    }

    /// The URL path of a site path such as `en/achievements/x/`.
    pub fn url(&self, site_path: &str) -> String {
        // Pushed rather than `format!`ted: pages make thousands of URLs.
        let site_path = site_path.trim_start_matches('/');
        let mut url = String::with_capacity(self.base_path.len() + site_path.len());
        url.push_str(&self.base_path);
        url.push_str(site_path);
        url
    }

    /// Absolute URL where the origin is known, else the URL path.
    pub fn absolute_url(&self, site_path: &str) -> String {
        match &self.origin {
            Some(origin) => {
                let path = self.url(site_path);
                let mut url = String::with_capacity(origin.len() + path.len());
                url.push_str(origin);
                url.push_str(&path);
                url
            }
            None => self.url(site_path),
        }
    }

    /// The policy for a page's `<meta http-equiv>`: the configured one
    /// without the directives a browser honours only in a header.
    pub fn meta_content_security_policy(&self) -> String {
        self.content_security_policy
            .split(';')
            .map(str::trim)
            .filter(|directive| {
                let name = directive.split_ascii_whitespace().next().unwrap_or("");
                !name.is_empty()
                    && !HEADER_ONLY_DIRECTIVES
                        .iter()
                        .any(|header_only| name.eq_ignore_ascii_case(header_only))
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Where the site sits in its repository (`site/`), for edit links.
    pub fn set_repository_prefix(&mut self, prefix: &str) {
        if let Some(edit) = &mut self.edit {
            edit.prefix = prefix.to_string();
        }
    }

    /// The link that opens `path` (a file of the site, `content/parks/x.yaml`)
    /// in the repository's web editor, when `repo_url` is set.
    pub fn edit_url(&self, path: &str) -> Option<String> {
        let edit = self.edit.as_ref()?;
        let mut url = edit.base.clone();
        for byte in format!("{}{path}", edit.prefix).bytes() {
            if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
                url.push(byte as char);
            } else {
                url.push_str(&format!("%{byte:02X}"));
            }
        }
        Some(url)
    }

    /// The languages in the order pages are built: default first.
    pub fn ordered_languages(&self) -> Vec<Lang> {
        let mut languages = vec![self.default_language];
        languages.extend(
            self.languages
                .iter()
                .filter(|l| **l != self.default_language),
        );
        languages
    }

    /// The folder a language's pages live under: `""` for the default, `"en/"` otherwise.
    pub fn language_prefix(&self, lang: Lang) -> &'static str {
        match lang {
            _ if lang == self.default_language => "",
            Lang::Zh => "zh/",
            Lang::En => "en/",
        }
    }
}

/// Whether a base URL given on the command line can be used; the reason if not.
pub fn check_base_url(base_url: &str) -> Result<(), String> {
    split_base_url(base_url).map(|_| ())
}

/// `https://host/sub` → (Some("https://host"), "/sub/"); `/sub` → (None, "/sub/").
pub fn split_base_url(base_url: &str) -> Result<(Option<String>, String), String> {
    let base_url = base_url.trim();
    let (origin, path) = match base_url.split_once("://") {
        Some((scheme, rest)) => {
            if scheme != "http" && scheme != "https" {
                return Err(format!(
                    "base_url must start with http://, https:// or /, not \"{base_url}\""
                ));
            }
            let (host, path) = match rest.find('/') {
                Some(index) => (&rest[..index], &rest[index..]),
                None => (rest, "/"),
            };
            if host.is_empty() {
                return Err(format!("base_url \"{base_url}\" has no host"));
            }
            (Some(format!("{scheme}://{host}")), path)
        }
        None => (None, base_url),
    };
    if !path.starts_with('/') {
        return Err(format!(
            "base_url must start with http://, https:// or /, not \"{base_url}\""
        ));
    }
    if path.contains(['"', '<', '>', ' ', '?', '#', '\\']) || path.split('/').any(|s| s == "..") {
        return Err(format!(
            "base_url \"{base_url}\" has characters a URL path cannot hold"
        ));
    }
    let mut path = path.to_string();
    if !path.ends_with('/') {
        path.push('/');
    }
    Ok((origin, path))
}

/// Every setting config.yaml may hold (the schema lists the same).
pub const CONFIG_KEYS: [&str; 19] = [
    "contact",
    "title",
    "description",
    "base_url",
    "languages",
    "default_language",
    "theme",
    "page_size",
    "missing_translation",
    "allow_html",
    "content_security_policy",
    "limits",
    "vocabularies",
    "search",
    "repo_url",
    "branch",
    "repo_kind",
    "open_data",
    "identity",
];

/// Read and validate `ROOT/config.yaml`; every problem is reported.
pub fn load(root: &Path) -> Result<Config, Diagnostics> {
    let path = Path::new(CONFIG_FILE);
    let text = match std::fs::read(root.join(CONFIG_FILE)) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => return Err(Diagnostic::error(path, "the file is not UTF-8 text").into()),
        },
        Err(error) => {
            return Err(
                Diagnostic::error(path, format!("cannot read the configuration: {error}")).into(),
            );
        }
    };
    parse(&text)
}

/// Validate configuration text.
pub fn parse(text: &str) -> Result<Config, Diagnostics> {
    let path = Path::new(CONFIG_FILE);
    let locator = Locator::new(text, 1);
    let mut diagnostics = Diagnostics::new();
    let document = settings_map(text)?;
    let error_at = |key: &str, message: String| {
        let (line, column) = locator.key(key).unwrap_or((0, 0));
        Diagnostic::error(path, message).at(line, column).field(key)
    };
    let mut config = Config::defaults();
    let mut edit = EditSettings::default();
    crate::bidi::warn_unbalanced(&document, &None, &locator, path, &mut config.warnings);
    for (key, value) in &document {
        if read_section(&mut config, key, value, &locator, &mut diagnostics) {
            continue;
        }
        let read = match key.as_str() {
            "languages" => match languages(value) {
                Ok((languages, unknown)) => {
                    config.languages = languages;
                    for message in unknown {
                        diagnostics.push(error_at(key, message));
                    }
                    Ok(())
                }
                Err(message) => Err(message),
            },
            "repo_url" | "branch" | "repo_kind" => edit.read(key, value),
            other => read_site_setting(&mut config, other, value).unwrap_or_else(|| {
                let help = did_you_mean(other, CONFIG_KEYS).map(|s| format!("did you mean {s}?"));
                diagnostics
                    .push(error_at(other, format!("unknown setting \"{other}\"")).help_opt(help));
                Ok(())
            }),
        };
        if let Err(message) = read {
            diagnostics.push(error_at(key, message));
        }
    }
    if let Some(url) = edit.repo_url {
        match edit_links(&url, &edit.branch, edit.repo_kind) {
            Ok(links) => config.edit = Some(links),
            Err((message, help)) => diagnostics.push(error_at("repo_url", message).help(help)),
        }
    }
    if !config.languages.contains(&config.default_language) {
        diagnostics.push(error_at(
            "default_language",
            "the default language must be one of languages".into(),
        ));
    }
    for name in VocabName::ALL {
        if !config.vocabularies.iter().any(|(n, _)| *n == name) {
            config.vocabularies.push((name, Vocabulary::default()));
        }
    }
    config.vocabularies.sort_by_key(|(name, _)| *name);
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok(config)
    }
}

/// Read one of the sections that report their own problems into `config`;
/// whether `key` is one of them.
fn read_section(
    config: &mut Config,
    key: &str,
    value: &Yaml,
    locator: &Locator,
    diagnostics: &mut Diagnostics,
) -> bool {
    match key {
        "limits" => config.limits = limits(value, locator, diagnostics),
        "open_data" => config.license = open_data(value, locator, diagnostics),
        "vocabularies" => config.vocabularies = vocabularies(value, locator, diagnostics),
        "search" => {}
        "contact" => config.contact = contact::settings(value, locator, diagnostics),
        "identity" => config.identity = identity::identity(value, locator, diagnostics),
        _ => return false,
    }
    true
}

/// Read one of the settings that take a single value into `config`: `None`
/// where `key` is none of them, else why the value is refused.
fn read_site_setting(config: &mut Config, key: &str, value: &Yaml) -> Option<Result<(), String>> {
    let refused = |message: &str| message.to_string();
    Some(match key {
        "title" | "description" => labels(value).map(|text| {
            if key == "title" {
                config.title = text;
            } else {
                config.description = text;
            }
        }),
        "base_url" => match value.as_scalar_text().map(|url| split_base_url(&url)) {
            Some(Ok((origin, base_path))) => {
                config.origin = origin;
                config.base_path = base_path;
                Ok(())
            }
            Some(Err(message)) => Err(message),
            None => Err(refused("expected a URL or a path such as /")),
        },
        "default_language" => value
            .as_scalar_text()
            .as_deref()
            .and_then(Lang::from_code)
            .map(|lang| config.default_language = lang)
            .ok_or_else(|| refused("expected zh or en")),
        "theme" => match value {
            Yaml::String(name) if is_plain_name(name) => Some(name.clone()),
            _ => None,
        }
        .map(|name| config.theme = name)
        .ok_or_else(|| refused("expected the name of a folder under themes/")),
        "page_size" => match value {
            Yaml::Int(n) if (1..=10_000).contains(n) => Some(*n as usize),
            _ => None,
        }
        .map(|size| config.page_size = size)
        .ok_or_else(|| refused("expected a whole number from 1 to 10000")),
        "missing_translation" => match value.as_scalar_text().as_deref() {
            Some("mark") => Some(MissingTranslation::Mark),
            Some("hide") => Some(MissingTranslation::Hide),
            _ => None,
        }
        .map(|missing| config.missing_translation = missing)
        .ok_or_else(|| refused("expected mark or hide")),
        "allow_html" => match value {
            Yaml::Bool(allow) => Some(*allow),
            _ => None,
        }
        .map(|allow| config.allow_html = allow)
        .ok_or_else(|| refused("expected true or false")),
        "content_security_policy" => {
            content_security_policy(value).map(|policy| config.content_security_policy = policy)
        }
        _ => return None,
    })
}

/// `repo_url`, `branch` and `repo_kind`, which make the edit links together
/// once all three are read.
struct EditSettings {
    repo_url: Option<String>,
    branch: String,
    repo_kind: Option<RepoKind>,
}

impl Default for EditSettings {
    fn default() -> Self {
        EditSettings {
            repo_url: None,
            branch: "main".to_string(),
            repo_kind: None,
        }
    }
}

impl EditSettings {
    /// Read one of the three, or say why its value is refused.
    fn read(&mut self, key: &str, value: &Yaml) -> Result<(), String> {
        match key {
            "repo_url" => match value.as_scalar_text().map(|url| check_repo_url(&url)) {
                Some(checked) => checked.map(|url| self.repo_url = Some(url)),
                None => Err(english_repo_url()),
            },
            "branch" => value
                .as_scalar_text()
                .filter(|name| is_branch_name(name))
                .map(|name| self.branch = name)
                .ok_or_else(|| "expected a branch name such as main".into()),
            _ => match value.as_scalar_text().as_deref() {
                Some("github") => Some(RepoKind::Github),
                Some("gitlab") => Some(RepoKind::Gitlab),
                Some("gitea") => Some(RepoKind::Gitea),
                _ => None,
            }
            .map(|kind| self.repo_kind = Some(kind))
            .ok_or_else(|| "expected github, gitlab or gitea".into()),
        }
    }
}

/// The file's top-level map of settings, or why it is not one.
fn settings_map(text: &str) -> Result<Vec<(String, Yaml)>, Diagnostics> {
    let path = Path::new(CONFIG_FILE);
    match yaml::parse(text) {
        Ok(Yaml::Map(entries)) => Ok(entries),
        Ok(other) => Err(Diagnostic::error(
            path,
            format!("expected a map of settings, found {}", other.kind_name()),
        )
        .at(1, 1)
        .into()),
        Err(error) => Err(Diagnostic::error(path, error.message)
            .at(error.line, error.column)
            .help_opt(error.help)
            .into()),
    }
}

/// `languages: [zh, en]`: the languages known, in order, and a message for
/// each unknown one.
fn languages(value: &Yaml) -> Result<(Vec<Lang>, Vec<String>), String> {
    let Yaml::List(items) = value else {
        return Err("expected a list such as [zh, en]".into());
    };
    if items.is_empty() {
        return Err("expected a list such as [zh, en]".into());
    }
    let (mut languages, mut unknown) = (Vec::new(), Vec::new());
    for item in items {
        match item.as_scalar_text().as_deref().and_then(Lang::from_code) {
            Some(lang) if !languages.contains(&lang) => languages.push(lang),
            Some(_) => {}
            None => unknown.push(format!(
                "unknown language {item:?}; chengguo speaks zh and en"
            )),
        }
    }
    Ok((languages, unknown))
}

/// A policy of allowed characters with its spaces collapsed; `false` for none.
fn content_security_policy(value: &Yaml) -> Result<String, String> {
    match value {
        Yaml::Bool(false) => Ok(String::new()),
        Yaml::String(policy) => match policy.chars().find(|c| !is_policy_char(*c)) {
            None => Ok(policy
                .split_ascii_whitespace()
                .collect::<Vec<_>>()
                .join(" ")),
            Some(c) => Err(format!("a policy cannot hold the character {c:?}")),
        },
        _ => Err("expected a policy such as \"default-src 'self'\", or false".into()),
    }
}

/// Where "edit this page" links go for a repository at `url`: its kind as
/// given, else told by the host.
fn edit_links(
    url: &str,
    branch: &str,
    kind: Option<RepoKind>,
) -> Result<EditLinks, (String, &'static str)> {
    let host = url["https://".len()..].split('/').next().unwrap_or("");
    let kind = kind.or(if host.contains("github") {
        Some(RepoKind::Github)
    } else if host.contains("gitlab") {
        Some(RepoKind::Gitlab)
    } else if ["gitea", "codeberg", "forgejo"]
        .iter()
        .any(|h| host.contains(h))
    {
        Some(RepoKind::Gitea)
    } else {
        None
    });
    let Some(kind) = kind else {
        return Err((
            format!("cannot tell whether {host} is GitHub, GitLab or Gitea"),
            "set repo_kind: github, gitlab or gitea",
        ));
    };
    let edit = match kind {
        RepoKind::Github => "edit",
        RepoKind::Gitlab => "-/edit",
        RepoKind::Gitea => "_edit",
    };
    Ok(EditLinks {
        base: format!("{url}/{edit}/{branch}/"),
        prefix: String::new(),
    })
}

impl Config {
    /// The settings a `config.yaml` that sets nothing gets.
    fn defaults() -> Config {
        Config {
            title: Localized::default(),
            description: Localized::default(),
            base_path: "/".into(),
            origin: None,
            languages: vec![Lang::Zh, Lang::En],
            default_language: Lang::Zh,
            theme: "default".into(),
            page_size: 20,
            missing_translation: MissingTranslation::Mark,
            allow_html: false,
            content_security_policy: DEFAULT_CONTENT_SECURITY_POLICY.into(),
            limits: Limits::default(),
            vocabularies: Vec::new(),
            contact: Default::default(),
            edit: None,
            license: None,
            identity: Identity::default(),
            warnings: Diagnostics::new(),
        }
    }
}

/// `open_data: {license: URL, license_name: {zh, en}}`: both or neither,
/// since a licence is shown by its name and linked by its address.
fn open_data(value: &Yaml, locator: &Locator, diagnostics: &mut Diagnostics) -> Option<License> {
    let path = Path::new(CONFIG_FILE);
    let error = |key: &str, message: &str| {
        // The setting's key, or the value of open_data when no key is named.
        let place = match key {
            "" => locator.value_at(&[Step::key("open_data")]),
            key => locator.key_at(&[Step::key("open_data"), Step::key(key)]),
        };
        let (line, column) = place.unwrap_or((0, 0));
        let field = if key.is_empty() {
            "open_data".to_string()
        } else {
            format!("open_data.{key}")
        };
        Diagnostic::error(path, message)
            .at(line, column)
            .field(field)
    };
    let Yaml::Map(entries) = value else {
        diagnostics.push(error(
            "",
            "expected a map such as {license: https://…, license_name: {zh: …, en: …}}",
        ));
        return None;
    };
    let (mut url, mut name) = (None, None);
    for (key, value) in entries {
        match key.as_str() {
            "license" => match value.as_scalar_text().filter(|u| is_license_url(u)) {
                Some(text) => url = Some(text.trim().to_string()),
                None => diagnostics.push(error(key, "expected the licence's https:// address")),
            },
            "license_name" => match labels(value) {
                Ok(text) => name = Some(text),
                Err(message) => diagnostics.push(error(key, &message)),
            },
            other => {
                let help =
                    did_you_mean(other, OPEN_DATA_KEYS).map(|s| format!("did you mean {s}?"));
                diagnostics
                    .push(error(other, &format!("unknown setting \"{other}\"")).help_opt(help));
            }
        }
    }
    match (url, name) {
        (Some(url), Some(name)) => Some(License { url, name }),
        (None, None) => None,
        (Some(_), None) => {
            diagnostics.push(error(
                "license",
                "a licence needs its name too: add license_name: {zh: …, en: …}",
            ));
            None
        }
        (None, Some(_)) => {
            diagnostics.push(error(
                "license_name",
                "a licence name needs its address too: add license: https://…",
            ));
            None
        }
    }
}

/// An `http(s)://` address made only of characters a link holds as they
/// are: it goes into pages and the catalogue.
fn is_license_url(url: &str) -> bool {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        !rest.is_empty()
            && !rest.starts_with('/')
            && rest
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._~/:?#[]@!$&()*+,;=%".contains(c))
    })
}

/// What a Content-Security-Policy is written with, short of what could end
/// the `<meta>` attribute or the header line it goes into (quotes, angle
/// brackets, `&`, backslash, line breaks) or start a second policy (`,`).
fn is_policy_char(c: char) -> bool {
    (c.is_ascii_graphic() || c == ' ') && !matches!(c, '"' | '<' | '>' | '&' | '\\' | '`' | ',')
}

fn english_repo_url() -> String {
    "repo_url must be the https:// address of the repository, such as https://github.com/city/site"
        .into()
}

/// `repo_url` without a trailing `/`, if it is an `https://` address made
/// only of characters a URL path holds as they are: it becomes a link.
fn check_repo_url(url: &str) -> Result<String, String> {
    let url = url.trim().trim_end_matches('/');
    let rest = url.strip_prefix("https://").ok_or_else(english_repo_url)?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:".contains(c));
    let path_ok = !path.is_empty()
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~/".contains(c));
    if host_ok && path_ok && !path.split('/').any(|p| p == ".." || p.is_empty()) {
        Ok(url.to_string())
    } else {
        Err(english_repo_url())
    }
}

/// A git branch name that can sit in a URL path as it is.
fn is_branch_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(['-', '/', '.'])
        && !name.ends_with(['/', '.'])
        && !name.contains("..")
        && !name.contains("//")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._/".contains(c))
}

fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// `{zh: …, en: …}` with both languages given.
fn labels(value: &Yaml) -> Result<Localized, String> {
    match (
        value.get("zh").and_then(Yaml::as_scalar_text),
        value.get("en").and_then(Yaml::as_scalar_text),
    ) {
        (Some(zh), Some(en)) => Ok(Localized {
            zh: Some(zh),
            en: Some(en),
        }),
        _ => Err("expected {zh: …, en: …} with both languages".into()),
    }
}

fn vocabularies(
    value: &Yaml,
    locator: &Locator,
    diagnostics: &mut Diagnostics,
) -> Vec<(VocabName, Vocabulary)> {
    let path = Path::new(CONFIG_FILE);
    let Yaml::Map(entries) = value else {
        let (line, column) = locator
            .value_at(&[Step::key("vocabularies")])
            .unwrap_or((0, 0));
        diagnostics.push(
            Diagnostic::error(path, "expected a map of vocabularies")
                .at(line, column)
                .field("vocabularies"),
        );
        return Vec::new();
    };
    let mut result = Vec::new();
    for (name, terms) in entries {
        let (line, column) = locator
            .key_at(&[Step::key("vocabularies"), Step::key(name)])
            .unwrap_or((0, 0));
        let Some(vocab_name) = VocabName::ALL.into_iter().find(|v| v.key() == name) else {
            let help = did_you_mean(name, VocabName::ALL.map(VocabName::key))
                .map(|s| format!("did you mean {s}?"));
            diagnostics.push(
                Diagnostic::error(path, format!("unknown vocabulary \"{name}\""))
                    .at(line, column)
                    .field("vocabularies")
                    .help_opt(help),
            );
            continue;
        };
        let Yaml::Map(terms) = terms else {
            diagnostics.push(
                Diagnostic::error(
                    path,
                    format!("vocabulary \"{name}\" must map each key to {{zh: …, en: …}}"),
                )
                .at(line, column)
                .field("vocabularies"),
            );
            continue;
        };
        let vocabulary = vocabulary(name, terms, locator, diagnostics);
        result.push((vocab_name, vocabulary));
    }
    result
}

/// The terms of vocabulary `name`, each key with its labels in both languages.
fn vocabulary(
    name: &str,
    terms: &[(String, Yaml)],
    locator: &Locator,
    diagnostics: &mut Diagnostics,
) -> Vocabulary {
    let path = Path::new(CONFIG_FILE);
    let mut vocabulary = Vocabulary::default();
    for (key, labels_value) in terms {
        let (line, column) = locator
            .key_at(&[Step::key("vocabularies"), Step::key(name), Step::key(key)])
            .unwrap_or((0, 0));
        let error = |message: String| {
            Diagnostic::error(path, message)
                .at(line, column)
                .field("vocabularies")
        };
        if !crate::entry::is_valid_slug(key) {
            diagnostics.push(error(format!(
                "vocabulary key \"{key}\" must be lowercase ASCII letters, digits and hyphens"
            )));
            continue;
        }
        let Ok(Localized {
            zh: Some(zh),
            en: Some(en),
        }) = labels(labels_value)
        else {
            diagnostics.push(error(format!(
                "\"{key}\" in vocabulary \"{name}\" needs {{zh: …, en: …}} labels"
            )));
            continue;
        };
        if let Some(clash) = vocabulary.terms.iter().find(|t| t.zh == zh || t.en == en) {
            diagnostics.push(error(format!(
                "\"{key}\" has the same label as \"{}\" in vocabulary \"{name}\"",
                clash.key
            )));
        }
        vocabulary.terms.push(Term {
            key: key.clone(),
            zh,
            en,
        });
    }
    vocabulary
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "title: {zh: 站, en: Site}\ndescription: {zh: 描述, en: About}\n";

    #[test]
    fn reads_base_url_with_sub_path() {
        let config = parse(&format!(
            "{MINIMAL}base_url: https://example.org/showcase\n"
        ))
        .unwrap();
        assert_eq!(config.base_path, "/showcase/");
        assert_eq!(config.origin.as_deref(), Some("https://example.org"));
        assert_eq!(config.url("en/parks/"), "/showcase/en/parks/");
    }

    #[test]
    fn makes_edit_links_for_each_forge_from_repo_url_and_branch() {
        let edit = |settings: &str| {
            let mut config = parse(&format!("{MINIMAL}{settings}")).unwrap();
            config.set_repository_prefix("site/");
            config.edit_url("content/parks/中 x.yaml")
        };
        assert_eq!(
            edit("repo_url: https://github.com/city/showcase/\n").as_deref(),
            Some(
                "https://github.com/city/showcase/edit/main/site/content/parks/%E4%B8%AD%20x.yaml"
            )
        );
        assert_eq!(
            edit("repo_url: https://gitlab.example.org/city/showcase\nbranch: release/2024\n")
                .as_deref(),
            Some(
                "https://gitlab.example.org/city/showcase/-/edit/release/2024/site/content/parks/%E4%B8%AD%20x.yaml"
            )
        );
        assert_eq!(
            edit("repo_url: https://git.city.gov.cn/web/site\nrepo_kind: gitea\n").as_deref(),
            Some(
                "https://git.city.gov.cn/web/site/_edit/main/site/content/parks/%E4%B8%AD%20x.yaml"
            )
        );
        assert_eq!(edit(""), None);
    }

    #[test]
    fn repo_url_must_be_a_plain_https_address() {
        for bad in [
            "http://github.com/city/site",
            "javascript:alert(1)",
            "https://github.com/city/site\\\"onclick=x",
            "https://github.com",
            "https://user@github.com/city/site",
            "https://github.com/city/site?x=1",
            "https://github.com/../site",
        ] {
            let text = format!(
                "{MINIMAL}repo_url: {}\n",
                serde_json::to_string(bad).unwrap()
            );
            let errors = parse(&text).unwrap_err().sorted();
            assert_eq!(errors[0].field.as_deref(), Some("repo_url"), "{bad}");
        }
        let errors = parse(&format!(
            "{MINIMAL}repo_url: https://git.city.gov.cn/web/site\n"
        ))
        .unwrap_err()
        .sorted();
        assert_eq!(
            errors[0].help.as_deref(),
            Some("set repo_kind: github, gitlab or gitea")
        );
        for bad in ["-x", "a..b", "a b", "\"main\\\"x\""] {
            let text = format!("{MINIMAL}repo_url: https://github.com/c/s\nbranch: {bad}\n");
            assert!(parse(&text).is_err(), "{bad}");
        }
    }

    #[test]
    fn resolves_vocabulary_by_key_or_label() {
        let config = parse(&format!(
            "{MINIMAL}vocabularies:\n  stages:\n    pilot: {{zh: 中试, en: Pilot testing}}\n"
        ))
        .unwrap();
        let stages = config.vocabulary(VocabName::Stages);
        for written in ["pilot", "中试", "pilot testing"] {
            assert_eq!(
                stages.resolve(written).map(|t| t.key.as_str()),
                Some("pilot")
            );
        }
        assert_eq!(stages.suggest("中式"), Some("中试"));
    }

    #[test]
    fn reports_each_bad_vocabulary_term_at_its_key() {
        let errors = parse(&format!(
            "{MINIMAL}vocabularies:\n  stages:\n    Pilot: {{zh: 中试, en: Pilot}}\n    pilot: {{zh: 中试, en: Pilot}}\n    trial: {{zh: 中试, en: Trial}}\n  stage:\n    x: {{zh: 甲, en: X}}\n  topics: [a]\n"
        ))
        .unwrap_err();
        assert_eq!(
            errors
                .sorted()
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>(),
            [
                "config.yaml:5:5: error: field \"vocabularies\": vocabulary key \"Pilot\" must be lowercase ASCII letters, digits and hyphens",
                "config.yaml:7:5: error: field \"vocabularies\": \"trial\" has the same label as \"pilot\" in vocabulary \"stages\"",
                "config.yaml:8:3: error: field \"vocabularies\": unknown vocabulary \"stage\" (did you mean stages?)",
                "config.yaml:10:3: error: field \"vocabularies\": vocabulary \"topics\" must map each key to {zh: …, en: …}",
            ]
        );
    }

    #[test]
    fn places_a_vocabulary_key_under_its_own_vocabulary() {
        // `other` is in both; the bad one is in genres, on line 8, not topics' line 5.
        let errors = parse(&format!(
            "{MINIMAL}vocabularies:\n  topics:\n    other: {{zh: 其他, en: Other}}\n  genres:\n    reply: {{zh: 答复, en: Reply}}\n    other: {{zh: 其他}}\n"
        ))
        .unwrap_err();
        assert_eq!(
            errors.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            [
                "config.yaml:8:5: error: field \"vocabularies\": \"other\" in vocabulary \"genres\" needs {zh: …, en: …} labels"
            ]
        );
    }

    #[test]
    fn reads_limits_in_bytes_or_units() {
        let config = parse(&format!(
            "{MINIMAL}limits:\n  file_size: 2 MB\n  front_matter_size: 4096\n  depth: 16\n"
        ))
        .unwrap();
        assert_eq!(
            config.limits,
            Limits {
                file_size: 2 * 1024 * 1024,
                front_matter_size: 4096,
                depth: 16
            }
        );
        assert_eq!(parse(MINIMAL).unwrap().limits, Limits::default());
    }

    #[test]
    fn errors_on_bad_limits_at_their_place() {
        let errors = parse(&format!(
            "{MINIMAL}limits:\n  file_size: 10 TB\n  depth: 1000\n  file_sise: 1 MB\n"
        ))
        .unwrap_err()
        .sorted();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "config.yaml:4:14: error: field \"limits.file_size\": expected a size from 1 KB to 1 GB, such as 10 MB",
                "config.yaml:5:10: error: field \"limits.depth\": expected a whole number from 4 to 128",
                "config.yaml:6:3: error: field \"limits.file_sise\": unknown setting \"file_sise\" (did you mean file_size?)",
            ]
        );
    }

    #[test]
    fn warns_about_unbalanced_bidi_controls_in_labels() {
        let config = parse(&format!(
            "{MINIMAL}vocabularies:\n  stages:\n    pilot: {{zh: \"中试\u{202e}\", en: Pilot}}\n"
        ))
        .unwrap();
        let warnings: Vec<String> = config.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with("config.yaml:5:20: warning: field \"vocabularies\": unbalanced bidirectional control character U+202E"),
            "{warnings:?}"
        );
    }

    #[test]
    fn errors_on_unknown_setting_with_suggestion() {
        let errors = parse(&format!("{MINIMAL}page_sise: 10\n"))
            .unwrap_err()
            .sorted();
        assert_eq!(
            errors[0].to_string(),
            "config.yaml:3:1: error: field \"page_sise\": unknown setting \"page_sise\" (did you mean page_size?)"
        );
    }

    #[test]
    fn the_meta_policy_leaves_out_what_only_a_header_can_carry() {
        let config = parse(MINIMAL).unwrap();
        assert_eq!(
            config.content_security_policy,
            DEFAULT_CONTENT_SECURITY_POLICY
        );
        let meta = config.meta_content_security_policy();
        assert!(meta.starts_with("default-src 'self'; script-src 'self'; "));
        assert!(meta.ends_with("form-action 'self'"), "{meta}");
        assert!(!meta.contains("frame-ancestors"));
        let config = parse(&format!(
            "{MINIMAL}content_security_policy: \"default-src 'self';  Frame-Ancestors 'none' ; report-uri /r\"\n"
        ))
        .unwrap();
        assert_eq!(config.meta_content_security_policy(), "default-src 'self'");
    }

    #[test]
    fn a_policy_can_be_turned_off_but_not_break_out_of_its_attribute() {
        let config = parse(&format!("{MINIMAL}content_security_policy: false\n")).unwrap();
        assert_eq!(config.content_security_policy, "");
        assert_eq!(config.meta_content_security_policy(), "");
        let errors = parse(&format!(
            "{MINIMAL}content_security_policy: 'default-src \"><script>'\n"
        ))
        .unwrap_err()
        .sorted();
        assert_eq!(
            errors[0].to_string(),
            "config.yaml:3:1: error: field \"content_security_policy\": a policy cannot hold the character '\"'"
        );
        let errors = parse(&format!("{MINIMAL}content_security_policy: [a]\n"))
            .unwrap_err()
            .sorted();
        assert!(errors[0].to_string().contains("expected a policy"));
    }
}
