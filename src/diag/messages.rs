//! The message catalog: every diagnostic text in English and Chinese, as the
//! kinds of [`Message`] and [`Help`].
//!
//! The stages build their diagnostics in English (the text tests and scripts
//! match on). These two enums are the one place that knows both languages:
//! each kind has a code that does not change when the wording does (for
//! `check --format json` and CI annotations) and its text per language, in a
//! `match` per language with no wildcard, so a kind without a Chinese (or an
//! English) text does not compile.
//! A message is matched against the English templates, where `{}` stands for
//! one argument; the arguments are carried over into the Chinese template as
//! `{0}`, `{1}`, …. A message no template matches keeps its English text and
//! gets the code `other`.

use crate::lang::Lang;

/// What a diagnostic says: each kind with its text in both languages. A
/// `match` without a wildcard per language makes a missing text a compile error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    NotUtf8,
    FrontMatterMissing,
    FrontMatterUnclosed,
    BodyInField,
    NotFields,
    BadFileLanguage,
    BadFileSlug,
    CannotRead,
    OutputLocked,
    SymlinkSkipped,
    DuplicateSlug,
    YamlSyntax,
    FullWidthColon,
    DuplicateKey,
    YamlColonHere,
    YamlTab,
    YamlUnclosedList,
    YamlUnclosedMap,
    YamlUnclosedQuote,
    YamlBadEscape,
    YamlUnknownAlias,
    YamlBadStart,
    CannotWrite,
    FileTooLarge,
    FrontMatterTooLarge,
    YamlTooDeep,
    MissingField,
    UnknownField,
    UnknownValue,
    BadDate,
    BadDay,
    BadSlug,
    BadUrl,
    BadStaticPath,
    LocalizedMapInMarkdown,
    TextNotText,
    UnknownTextLanguage,
    UnknownLinkKey,
    LinkIncomplete,
    UnknownFigureKey,
    FigureIncomplete,
    BadCoordinates,
    ValuesDiffer,
    RawHtmlEscaped,
    HeadingAttributeRemoved,
    HeadingIdRemoved,
    HeadingClassRemoved,
    LinkSchemeRemoved,
    ImageSchemeRemoved,
    UnbalancedBidi,
    SelfReference,
    ParentCycle,
    UnknownLinkTarget,
    LinkToDraft,
    ReferenceToDraft,
    BadEntryLink,
    MissingFile,
    BrokenLink,
    LinkOutsideBase,
    BlankRequired,
    MissingCover,
    MissingSiteMark,
    MissingTranslation,
    UnknownSetting,
    UnknownVocabulary,
    CannotReadConfig,
    ConfigNotMap,
    DefaultLanguage,
    UnknownLanguage,
    ThemeNotFound,
    VocabularyKey,
    VocabularyLabelClash,
    VocabularyLabels,
    VocabularyShape,
    VocabulariesShape,
    BaseUrlNoHost,
    BaseUrlCharacters,
    BaseUrlRelative,
    BaseUrlScheme,
    ExpectedBaseUrl,
    ExpectedLanguages,
    ExpectedZhEn,
    ExpectedTheme,
    ExpectedPageSize,
    ExpectedSize,
    ExpectedDepth,
    ExpectedLimits,
    ExpectedIdentity,
    ExpectedIdentityText,
    ExpectedText,
    IdentityPhone,
    IdentityEmail,
    IdentitySiteCode,
    IdentityIcp,
    IdentityPublicSecurity,
    IdentitySiteMark,
    IdentitySiteMarkImage,
    IdentitySiteMarkUrl,
    ExpectedMarkHide,
    RepoUrl,
    ExpectedBranch,
    ExpectedRepoKind,
    RepoKindUnknown,
    ShallowClone,
    GitFailed,
    ExpectedBool,
    BadPolicyChar,
    BadPolicy,
    ExpectedLabels,
    NoConfig,
    NoConfigOrBaseUrl,
    FixConfig,
    OutputNotFolder,
    SlugTaken,
    NotASiteLanguage,
    CannotWriteFile,
    WrongKind,
    UsageUnknownArgument,
    UsageUnknownCommand,
    UsageInvalidValue,
    UsageMissingArgument,
    UsageOther,
    BadPatentNumber,
    BadPatentCheckDigit,
    IpIncomplete,
    ContactFreeText,
    BadPhone,
    BadEmail,
    AttachmentIncomplete,
    MissingAttachment,
    TransferModesTwice,
    UnknownRecordKey,
    ContactSettingsNotMap,
    ExpectedEmail,
    ExpectedWebAddress,
    ExpectedShow,
    SheetNoSlug,
    SheetEntryExists,
    SheetUnknownColumn,
    SheetNoSlugColumn,
    SheetSlugTwice,
    SheetUpdateMarkdown,
    SheetBaseUnparsed,
    SheetListLengths,
    SheetEncoding,
    SheetNotXlsx,
    SheetNoWorksheet,
    SheetNotCsv,
    EntryUnparsed,
    UnknownReference,
}

impl Message {
    /// Every kind, more specific templates first (the order they are matched in).
    pub const ALL: &[Message] = &[
        Message::NotUtf8,
        Message::FrontMatterMissing,
        Message::FrontMatterUnclosed,
        Message::BodyInField,
        Message::NotFields,
        Message::BadFileLanguage,
        Message::BadFileSlug,
        Message::CannotRead,
        Message::OutputLocked,
        Message::SymlinkSkipped,
        Message::DuplicateSlug,
        Message::YamlSyntax,
        Message::FullWidthColon,
        Message::DuplicateKey,
        Message::YamlColonHere,
        Message::YamlTab,
        Message::YamlUnclosedList,
        Message::YamlUnclosedMap,
        Message::YamlUnclosedQuote,
        Message::YamlBadEscape,
        Message::YamlUnknownAlias,
        Message::YamlBadStart,
        Message::CannotWrite,
        Message::FileTooLarge,
        Message::FrontMatterTooLarge,
        Message::YamlTooDeep,
        Message::MissingField,
        Message::UnknownField,
        Message::UnknownValue,
        Message::BadDate,
        Message::BadDay,
        Message::BadSlug,
        Message::BadUrl,
        Message::BadStaticPath,
        Message::LocalizedMapInMarkdown,
        Message::TextNotText,
        Message::UnknownTextLanguage,
        Message::UnknownLinkKey,
        Message::LinkIncomplete,
        Message::UnknownFigureKey,
        Message::FigureIncomplete,
        Message::BadCoordinates,
        Message::ValuesDiffer,
        Message::RawHtmlEscaped,
        Message::HeadingAttributeRemoved,
        Message::HeadingIdRemoved,
        Message::HeadingClassRemoved,
        Message::LinkSchemeRemoved,
        Message::ImageSchemeRemoved,
        Message::UnbalancedBidi,
        Message::SelfReference,
        Message::ParentCycle,
        Message::UnknownLinkTarget,
        Message::LinkToDraft,
        Message::ReferenceToDraft,
        Message::BadEntryLink,
        Message::MissingFile,
        Message::BrokenLink,
        Message::LinkOutsideBase,
        Message::BlankRequired,
        Message::MissingCover,
        Message::MissingSiteMark,
        Message::MissingTranslation,
        Message::UnknownSetting,
        Message::UnknownVocabulary,
        Message::CannotReadConfig,
        Message::ConfigNotMap,
        Message::DefaultLanguage,
        Message::UnknownLanguage,
        Message::ThemeNotFound,
        Message::VocabularyKey,
        Message::VocabularyLabelClash,
        Message::VocabularyLabels,
        Message::VocabularyShape,
        Message::VocabulariesShape,
        Message::BaseUrlNoHost,
        Message::BaseUrlCharacters,
        Message::BaseUrlRelative,
        Message::BaseUrlScheme,
        Message::ExpectedBaseUrl,
        Message::ExpectedLanguages,
        Message::ExpectedZhEn,
        Message::ExpectedTheme,
        Message::ExpectedPageSize,
        Message::ExpectedSize,
        Message::ExpectedDepth,
        Message::ExpectedLimits,
        Message::ExpectedIdentity,
        Message::ExpectedIdentityText,
        Message::ExpectedText,
        Message::IdentityPhone,
        Message::IdentityEmail,
        Message::IdentitySiteCode,
        Message::IdentityIcp,
        Message::IdentityPublicSecurity,
        Message::IdentitySiteMark,
        Message::IdentitySiteMarkImage,
        Message::IdentitySiteMarkUrl,
        Message::ExpectedMarkHide,
        Message::RepoUrl,
        Message::ExpectedBranch,
        Message::ExpectedRepoKind,
        Message::RepoKindUnknown,
        Message::ShallowClone,
        Message::GitFailed,
        Message::ExpectedBool,
        Message::BadPolicyChar,
        Message::BadPolicy,
        Message::ExpectedLabels,
        Message::NoConfig,
        Message::NoConfigOrBaseUrl,
        Message::FixConfig,
        Message::OutputNotFolder,
        Message::SlugTaken,
        Message::NotASiteLanguage,
        Message::CannotWriteFile,
        Message::WrongKind,
        Message::UsageUnknownArgument,
        Message::UsageUnknownCommand,
        Message::UsageInvalidValue,
        Message::UsageMissingArgument,
        Message::UsageOther,
        Message::BadPatentNumber,
        Message::BadPatentCheckDigit,
        Message::IpIncomplete,
        Message::ContactFreeText,
        Message::BadPhone,
        Message::BadEmail,
        Message::AttachmentIncomplete,
        Message::MissingAttachment,
        Message::TransferModesTwice,
        Message::UnknownRecordKey,
        Message::ContactSettingsNotMap,
        Message::ExpectedEmail,
        Message::ExpectedWebAddress,
        Message::ExpectedShow,
        Message::SheetNoSlug,
        Message::SheetEntryExists,
        Message::SheetUnknownColumn,
        Message::SheetNoSlugColumn,
        Message::SheetSlugTwice,
        Message::SheetUpdateMarkdown,
        Message::SheetBaseUnparsed,
        Message::SheetListLengths,
        Message::SheetEncoding,
        Message::SheetNotXlsx,
        Message::SheetNoWorksheet,
        Message::SheetNotCsv,
        Message::EntryUnparsed,
        Message::UnknownReference,
    ];

    /// The stable code (for `check --format json` and CI annotations); empty for most helps.
    pub fn code(self) -> &'static str {
        match self {
            Message::NotUtf8 => "not-utf8",
            Message::FrontMatterMissing => "front-matter-missing",
            Message::FrontMatterUnclosed => "front-matter-unclosed",
            Message::BodyInField => "body-in-field",
            Message::NotFields => "not-fields",
            Message::BadFileLanguage => "bad-file-language",
            Message::BadFileSlug => "bad-file-slug",
            Message::CannotRead => "cannot-read",
            Message::OutputLocked => "output-locked",
            Message::SymlinkSkipped => "symlink-skipped",
            Message::DuplicateSlug => "duplicate-slug",
            Message::YamlSyntax => "yaml-syntax",
            Message::FullWidthColon => "full-width-colon",
            Message::DuplicateKey => "duplicate-key",
            Message::YamlColonHere => "yaml-colon-here",
            Message::YamlTab => "yaml-tab",
            Message::YamlUnclosedList => "yaml-unclosed-list",
            Message::YamlUnclosedMap => "yaml-unclosed-map",
            Message::YamlUnclosedQuote => "yaml-unclosed-quote",
            Message::YamlBadEscape => "yaml-bad-escape",
            Message::YamlUnknownAlias => "yaml-unknown-alias",
            Message::YamlBadStart => "yaml-bad-start",
            Message::CannotWrite => "cannot-write",
            Message::FileTooLarge => "file-too-large",
            Message::FrontMatterTooLarge => "front-matter-too-large",
            Message::YamlTooDeep => "yaml-too-deep",
            Message::MissingField => "missing-field",
            Message::UnknownField => "unknown-field",
            Message::UnknownValue => "unknown-value",
            Message::BadDate => "bad-date",
            Message::BadDay => "bad-day",
            Message::BadSlug => "bad-slug",
            Message::BadUrl => "bad-url",
            Message::BadStaticPath => "bad-static-path",
            Message::LocalizedMapInMarkdown => "localized-map-in-markdown",
            Message::TextNotText => "text-not-text",
            Message::UnknownTextLanguage => "unknown-text-language",
            Message::UnknownLinkKey => "unknown-link-key",
            Message::LinkIncomplete => "link-incomplete",
            Message::UnknownFigureKey => "unknown-figure-key",
            Message::FigureIncomplete => "figure-incomplete",
            Message::BadCoordinates => "bad-coordinates",
            Message::ValuesDiffer => "values-differ",
            Message::RawHtmlEscaped => "raw-html-escaped",
            Message::HeadingAttributeRemoved => "heading-attribute-removed",
            Message::HeadingIdRemoved => "heading-id-removed",
            Message::HeadingClassRemoved => "heading-class-removed",
            Message::LinkSchemeRemoved => "link-scheme-removed",
            Message::ImageSchemeRemoved => "image-scheme-removed",
            Message::UnbalancedBidi => "unbalanced-bidi",
            Message::SelfReference => "self-reference",
            Message::ParentCycle => "parent-cycle",
            Message::UnknownLinkTarget => "unknown-link-target",
            Message::LinkToDraft => "link-to-draft",
            Message::ReferenceToDraft => "reference-to-draft",
            Message::BadEntryLink => "bad-entry-link",
            Message::MissingFile => "missing-file",
            Message::BrokenLink => "broken-link",
            Message::LinkOutsideBase => "link-outside-base",
            Message::BlankRequired => "blank-required",
            Message::MissingCover => "missing-cover",
            Message::MissingSiteMark => "missing-site-mark",
            Message::MissingTranslation => "missing-translation",
            Message::UnknownSetting => "unknown-setting",
            Message::UnknownVocabulary => "unknown-vocabulary",
            Message::CannotReadConfig => "cannot-read-config",
            Message::ConfigNotMap => "config-not-map",
            Message::DefaultLanguage => "default-language",
            Message::UnknownLanguage => "unknown-language",
            Message::ThemeNotFound => "theme-not-found",
            Message::VocabularyKey => "vocabulary-key",
            Message::VocabularyLabelClash => "vocabulary-label-clash",
            Message::VocabularyLabels => "vocabulary-labels",
            Message::VocabularyShape => "vocabulary-shape",
            Message::VocabulariesShape => "vocabularies-shape",
            Message::BaseUrlNoHost => "base-url-no-host",
            Message::BaseUrlCharacters => "base-url-characters",
            Message::BaseUrlRelative => "base-url-relative",
            Message::BaseUrlScheme => "base-url-scheme",
            Message::ExpectedBaseUrl => "expected-base-url",
            Message::ExpectedLanguages => "expected-languages",
            Message::ExpectedZhEn => "expected-zh-en",
            Message::ExpectedTheme => "expected-theme",
            Message::ExpectedPageSize => "expected-page-size",
            Message::ExpectedSize => "expected-size",
            Message::ExpectedDepth => "expected-depth",
            Message::ExpectedLimits => "expected-limits",
            Message::ExpectedIdentity => "expected-identity",
            Message::ExpectedIdentityText => "expected-identity-text",
            Message::ExpectedText => "expected-text",
            Message::IdentityPhone => "identity-phone",
            Message::IdentityEmail => "identity-email",
            Message::IdentitySiteCode => "identity-site-code",
            Message::IdentityIcp => "identity-icp",
            Message::IdentityPublicSecurity => "identity-public-security",
            Message::IdentitySiteMark => "identity-site-mark",
            Message::IdentitySiteMarkImage => "identity-site-mark-image",
            Message::IdentitySiteMarkUrl => "identity-site-mark-url",
            Message::ExpectedMarkHide => "expected-mark-hide",
            Message::RepoUrl => "repo-url",
            Message::ExpectedBranch => "expected-branch",
            Message::ExpectedRepoKind => "expected-repo-kind",
            Message::RepoKindUnknown => "repo-kind-unknown",
            Message::ShallowClone => "shallow-clone",
            Message::GitFailed => "git-failed",
            Message::ExpectedBool => "expected-bool",
            Message::BadPolicyChar => "bad-policy-char",
            Message::BadPolicy => "bad-policy",
            Message::ExpectedLabels => "expected-labels",
            Message::NoConfig => "no-config",
            Message::NoConfigOrBaseUrl => "no-config-or-base-url",
            Message::FixConfig => "fix-config",
            Message::OutputNotFolder => "output-not-folder",
            Message::SlugTaken => "slug-taken",
            Message::NotASiteLanguage => "not-a-site-language",
            Message::CannotWriteFile => "cannot-write-file",
            Message::WrongKind => "wrong-kind",
            Message::UsageUnknownArgument => "usage-unknown-argument",
            Message::UsageUnknownCommand => "usage-unknown-command",
            Message::UsageInvalidValue => "usage-invalid-value",
            Message::UsageMissingArgument => "usage-missing-argument",
            Message::UsageOther => "usage-other",
            Message::BadPatentNumber => "bad-patent-number",
            Message::BadPatentCheckDigit => "bad-patent-check-digit",
            Message::IpIncomplete => "ip-incomplete",
            Message::ContactFreeText => "contact-free-text",
            Message::BadPhone => "bad-phone",
            Message::BadEmail => "bad-email",
            Message::AttachmentIncomplete => "attachment-incomplete",
            Message::MissingAttachment => "missing-attachment",
            Message::TransferModesTwice => "transfer-modes-twice",
            Message::UnknownRecordKey => "unknown-record-key",
            Message::ContactSettingsNotMap => "contact-settings-not-map",
            Message::ExpectedEmail => "expected-email",
            Message::ExpectedWebAddress => "expected-web-address",
            Message::ExpectedShow => "expected-show",
            Message::SheetNoSlug => "sheet-no-slug",
            Message::SheetEntryExists => "sheet-entry-exists",
            Message::SheetUnknownColumn => "sheet-unknown-column",
            Message::SheetNoSlugColumn => "sheet-no-slug-column",
            Message::SheetSlugTwice => "sheet-slug-twice",
            Message::SheetUpdateMarkdown => "sheet-update-markdown",
            Message::SheetBaseUnparsed => "sheet-base-unparsed",
            Message::SheetListLengths => "sheet-list-lengths",
            Message::SheetEncoding => "sheet-encoding",
            Message::SheetNotXlsx => "sheet-not-xlsx",
            Message::SheetNoWorksheet => "sheet-no-worksheet",
            Message::SheetNotCsv => "sheet-not-csv",
            Message::EntryUnparsed => "entry-unparsed",
            Message::UnknownReference => "unknown-reference",
        }
    }

    /// The English template, `{}` for each argument.
    pub fn en(self) -> &'static str {
        match self {
            Message::NotUtf8 => "the file is not UTF-8 text",
            Message::FrontMatterMissing => {
                "a Markdown entry must start with front matter: a line `---`, the fields, then another `---`"
            }
            Message::FrontMatterUnclosed => {
                "unclosed front matter: the `---` on line 1 has no closing `---` line"
            }
            Message::BodyInField => {
                "a Markdown entry has its body below the front matter, not in a field"
            }
            Message::NotFields => "expected fields such as `title: …`, found {}",
            Message::BadFileLanguage => {
                "\"{}\" does not say its language; name it {}.zh.md or {}.en.md"
            }
            Message::BadFileSlug => {
                "\"{}\" is not a valid slug: use lowercase ASCII letters, digits and hyphens (e.g. nano-displacement-measurement)"
            }
            Message::CannotRead => "cannot read: {}",
            Message::OutputLocked => {
                "cannot write the site: another build (process {}) is writing {}; wait for it to end (lock file {})"
            }
            Message::SymlinkSkipped => {
                "this is a symbolic link and was skipped: chengguo does not follow links"
            }
            Message::DuplicateSlug => "duplicate slug \"{}\": {} is already written in {}",
            Message::YamlSyntax => "malformed YAML: {}",
            Message::FullWidthColon => {
                "\"{}\" is followed by a full-width colon ：, which YAML does not read as a key's colon"
            }
            Message::DuplicateKey => "the key \"{}\" is written twice in the same map",
            Message::YamlColonHere => "a colon and a space here start a key where none can stand",
            Message::YamlTab => "a tab in the indentation: YAML indents with spaces only",
            Message::YamlUnclosedList => "the list opened here with [ is not closed with ]",
            Message::YamlUnclosedMap => "the map opened here with { is not closed with }",
            Message::YamlUnclosedQuote => "the quotation mark here is not closed",
            Message::YamlBadEscape => {
                "a backslash in double-quoted text starts an escape YAML does not know"
            }
            Message::YamlUnknownAlias => {
                "an alias *name refers to no anchor &name written before it"
            }
            Message::YamlBadStart => "a value cannot start with {}",
            Message::CannotWrite => "cannot write the site: {}",
            Message::FileTooLarge => "the file is larger than {}, the limit for one entry file",
            Message::FrontMatterTooLarge => "the front matter is larger than {}, the limit",
            Message::YamlTooDeep => "the YAML nests deeper than {} levels",
            Message::MissingField => "missing field \"{}\"",
            Message::UnknownField => "unknown field \"{}\"",
            Message::UnknownValue => "unknown value \"{}\"",
            Message::BadDate => "\"{}\" is not a date; write 2023, 2023-05 or 2023-05-30",
            Message::BadDay => "\"{}\" is not a day of the calendar",
            Message::BadSlug => {
                "\"{}\" is not a slug; a slug is lowercase ASCII letters, digits and hyphens"
            }
            Message::BadUrl => "\"{}\" is not a web address",
            Message::BadStaticPath => "\"{}\" is not a path under static/",
            Message::LocalizedMapInMarkdown => {
                "a {zh, en} map belongs in a slug.yaml entry; this file is in {}"
            }
            Message::TextNotText => "the {} text must be text, not {}",
            Message::UnknownTextLanguage => "unknown language \"{}\"; use zh and en",
            Message::UnknownLinkKey => "unknown key \"{}\" in a link",
            Message::LinkIncomplete => "each link needs a title and a url",
            Message::UnknownFigureKey => "unknown key \"{}\" in a figure",
            Message::FigureIncomplete => "each figure needs a label and a value",
            Message::BadCoordinates => "expected {lat: …, lon: …} in degrees",
            Message::ValuesDiffer => {
                "the value differs from the one in {} (line {}); language-independent fields must agree"
            }
            Message::RawHtmlEscaped => "raw HTML was escaped and shows as text: allow_html is off",
            Message::HeadingAttributeRemoved => {
                "the heading attribute \"{}\" was removed: a heading takes only an id and classes"
            }
            Message::HeadingIdRemoved => {
                "the heading id \"{}\" was removed: an id is letters, digits, - and _"
            }
            Message::HeadingClassRemoved => {
                "the heading class \"{}\" was removed: a class is ASCII letters, digits, - and _"
            }
            Message::LinkSchemeRemoved => {
                "the link to \"{}\" was removed: its scheme is not allowed"
            }
            Message::ImageSchemeRemoved => {
                "the image \"{}\" was removed: its scheme is not allowed"
            }
            Message::UnbalancedBidi => {
                "unbalanced bidirectional control character U+{}: the text may display in another order than it is written"
            }
            Message::SelfReference => "the {} refers to itself",
            Message::ParentCycle => "parks are their own ancestors: {} → {}",
            Message::UnknownLinkTarget => "link to an unknown {} \"{}\"",
            Message::LinkToDraft => "link to the draft {} \"{}\", which is not published",
            Message::ReferenceToDraft => "reference to the draft {} \"{}\", which is not published",
            Message::BadEntryLink => {
                "\"{}\" is not a link to an entry; write @/achievements/slug, @/parks/slug or @/policies/slug"
            }
            Message::MissingFile => "\"{}\" does not exist in the site",
            Message::BrokenLink => "link to \"{}\" leads to no file of the built site",
            Message::LinkOutsideBase => "link to \"{}\" is outside the site's base path {}",
            Message::BlankRequired => "the required field \"{}\" is blank",
            Message::MissingCover => "the cover image \"{}\" does not exist",
            Message::MissingSiteMark => "the site mark image \"{}\" does not exist",
            Message::MissingTranslation => "the {} \"{}\" has no {} version",
            Message::UnknownSetting => "unknown setting \"{}\"",
            Message::UnknownVocabulary => "unknown vocabulary \"{}\"",
            Message::CannotReadConfig => "cannot read the configuration: {}",
            Message::ConfigNotMap => "expected a map of settings, found {}",
            Message::DefaultLanguage => "the default language must be one of languages",
            Message::UnknownLanguage => "unknown language {}; chengguo speaks zh and en",
            Message::ThemeNotFound => "theme \"{}\" not found: there is no folder {}",
            Message::VocabularyKey => {
                "vocabulary key \"{}\" must be lowercase ASCII letters, digits and hyphens"
            }
            Message::VocabularyLabelClash => {
                "\"{}\" has the same label as \"{}\" in vocabulary \"{}\""
            }
            Message::VocabularyLabels => "\"{}\" in vocabulary \"{}\" needs {zh: …, en: …} labels",
            Message::VocabularyShape => "vocabulary \"{}\" must map each key to {zh: …, en: …}",
            Message::VocabulariesShape => "expected a map of vocabularies",
            Message::BaseUrlNoHost => "base_url \"{}\" has no host",
            Message::BaseUrlCharacters => "base_url \"{}\" has characters a URL path cannot hold",
            Message::BaseUrlRelative => {
                "base_url \"{}\" is a path, not a full URL, so the sitemap, robots.txt and feeds cannot give absolute links"
            }
            Message::BaseUrlScheme => "base_url must start with http://, https:// or /, not \"{}\"",
            Message::ExpectedBaseUrl => "expected a URL or a path such as /",
            Message::ExpectedLanguages => "expected a list such as [zh, en]",
            Message::ExpectedZhEn => "expected zh or en",
            Message::ExpectedTheme => "expected the name of a folder under themes/",
            Message::ExpectedPageSize => "expected a whole number from 1 to 10000",
            Message::ExpectedSize => "expected a size from 1 KB to 1 GB, such as 10 MB",
            Message::ExpectedDepth => "expected a whole number from 4 to 128",
            Message::ExpectedLimits => "expected a map such as {file_size: 10 MB}",
            Message::ExpectedIdentity => "expected a map such as {icp: …}",
            Message::ExpectedIdentityText => {
                "expected text, or {zh: …, en: …} with one or both languages"
            }
            Message::ExpectedText => "expected text",
            Message::IdentityPhone => {
                "expected a phone number of digits, spaces, hyphens and brackets, such as 023-6362 0000"
            }
            Message::IdentityEmail => "expected an e-mail address such as office@example.gov.cn",
            Message::IdentitySiteCode => {
                "expected the ten digits of the website identifier (网站标识码)"
            }
            Message::IdentityIcp => "expected an ICP filing number such as 渝ICP备12345678号-1",
            Message::IdentityPublicSecurity => {
                "expected a public-security filing number such as 渝公网安备50010302000001号"
            }
            Message::IdentitySiteMark => {
                "expected {image: a file under static/, url: the https:// address the mark links to}"
            }
            Message::IdentitySiteMarkImage => {
                "site_mark.image must be a path under static/ of letters, digits, -, _, . and /"
            }
            Message::IdentitySiteMarkUrl => "site_mark.url must be an http:// or https:// address",
            Message::ExpectedMarkHide => "expected mark or hide",
            Message::RepoUrl => {
                "repo_url must be the https:// address of the repository, such as https://github.com/city/site"
            }
            Message::ExpectedBranch => "expected a branch name such as main",
            Message::ExpectedRepoKind => "expected github, gitlab or gitea",
            Message::RepoKindUnknown => "cannot tell whether {} is GitHub, GitLab or Gitea",
            Message::ShallowClone => {
                "the repository is a shallow clone, so pages show no last-updated dates from its history"
            }
            Message::GitFailed => {
                "git cannot read the repository, so pages show no last-updated dates from its history: {}"
            }
            Message::ExpectedBool => "expected true or false",
            Message::BadPolicyChar => "a policy cannot hold the character {}",
            Message::BadPolicy => "expected a policy such as \"default-src 'self'\", or false",
            Message::ExpectedLabels => "expected {zh: …, en: …} with both languages",
            Message::NoConfig => "{} has no config.yaml; pass the site's folder with --root",
            Message::NoConfigOrBaseUrl => {
                "{} has no config.yaml; pass the site's folder with --root, or --base-url"
            }
            Message::FixConfig => "fix config.yaml (or pass the site's folder with --root) first",
            Message::OutputNotFolder => "{} is not a folder; build the site first",
            Message::SlugTaken => "the slug is taken: {} already exists",
            Message::NotASiteLanguage => {
                "the site is not written in \"{}\"; its languages are in config.yaml"
            }
            Message::CannotWriteFile => "cannot write {}: {}",
            Message::WrongKind => "expected {}, found {}",
            Message::UsageUnknownArgument => "unexpected argument `{}`",
            Message::UsageUnknownCommand => "unknown command `{}`",
            Message::UsageInvalidValue => "`{}` is not a value of `{}`; the values are `{}`",
            Message::UsageMissingArgument => "a required argument is missing: `{}`",
            Message::UsageOther => "the command line is not valid",
            Message::BadPatentNumber => {
                "\"{}\" is not a Chinese patent number: expected 12 digits (8 before 2004) and a check digit"
            }
            Message::BadPatentCheckDigit => {
                "the check digit of \"{}\" is wrong: the digits give {}"
            }
            Message::IpIncomplete => "each IP record needs a kind and a number",
            Message::ContactFreeText => {
                "a contact written as free text is shown as it is, without links"
            }
            Message::BadPhone => "\"{}\" is not a phone number",
            Message::BadEmail => "\"{}\" is not an e-mail address",
            Message::AttachmentIncomplete => "each attachment needs a file and a title",
            Message::MissingAttachment => "the attachment \"{}\" does not exist",
            Message::TransferModesTwice => {
                "transfer_modes is written both at the top and under cooperation"
            }
            Message::UnknownRecordKey => "unknown key \"{}\" in {}",
            Message::ContactSettingsNotMap => "expected a map of contact settings",
            Message::ExpectedEmail => "expected an e-mail address",
            Message::ExpectedWebAddress => "expected a web address such as https://…",
            Message::ExpectedShow => "expected full or masked",
            Message::SheetNoSlug => "the row has no slug",
            Message::SheetEntryExists => "the {} \"{}\" already exists",
            Message::SheetUnknownColumn => "unknown column \"{}\"",
            Message::SheetNoSlugColumn => "the sheet has no slug column",
            Message::SheetSlugTwice => "the slug \"{}\" is also on row {}",
            Message::SheetUpdateMarkdown => {
                "\"{}\" is written as Markdown; --update changes only slug.yaml entries"
            }
            Message::SheetBaseUnparsed => "{} does not parse; fix it first",
            Message::SheetListLengths => {
                "the Chinese list has {} items and the English {}; they go item by item"
            }
            Message::SheetEncoding => "the file is neither UTF-8 nor GB18030 text",
            Message::SheetNotXlsx => "not an XLSX workbook: {}",
            Message::SheetNoWorksheet => "the workbook has no worksheet",
            Message::SheetNotCsv => "not CSV: {}",
            Message::EntryUnparsed => "the entry does not parse",
            Message::UnknownReference => "unknown {} \"{}\"",
        }
    }

    /// The Chinese template, `{0}`, `{1}`, … for the arguments in English order.
    pub fn zh(self) -> &'static str {
        match self {
            Message::NotUtf8 => "文件不是 UTF-8 编码的文本",
            Message::FrontMatterMissing => {
                "Markdown 条目必须以前言（front matter）开头：一行 `---`，然后是各字段，再一行 `---`"
            }
            Message::FrontMatterUnclosed => "前言没有结束：第 1 行的 `---` 之后缺少结束的 `---` 行",
            Message::BodyInField => "Markdown 条目的正文写在前言下方，而不是写在字段里",
            Message::NotFields => "应为 `title: …` 这样的字段，实际是{0}",
            Message::BadFileLanguage => "\"{0}\" 没有标明语言；请命名为 {1}.zh.md 或 {2}.en.md",
            Message::BadFileSlug => {
                "\"{0}\" 不是有效的 slug：只能用小写英文字母、数字和连字符（例如 nano-displacement-measurement）"
            }
            Message::CannotRead => "无法读取：{0}",
            Message::OutputLocked => {
                "无法写入站点：另一个构建（进程 {0}）正在写入 {1}；请等它结束（锁文件 {2}）"
            }
            Message::SymlinkSkipped => "这是符号链接，已跳过：chengguo 不跟随链接",
            Message::DuplicateSlug => "slug \"{0}\" 重复：这个{1}已经写在 {2} 中",
            Message::YamlSyntax => "YAML 格式错误：{0}",
            Message::FullWidthColon => "\"{0}\" 后面是全角冒号“：”，YAML 不把它当作键后面的冒号",
            Message::DuplicateKey => "同一个映射中的键 \"{0}\" 写了两次",
            Message::YamlColonHere => "这里的“冒号加空格”开始了一个键，但这个位置不能有键",
            Message::YamlTab => "缩进中有制表符（Tab）：YAML 只能用空格缩进",
            Message::YamlUnclosedList => "这里用 [ 开始的列表没有用 ] 结束",
            Message::YamlUnclosedMap => "这里用 { 开始的映射没有用 } 结束",
            Message::YamlUnclosedQuote => "这里的引号没有闭合",
            Message::YamlBadEscape => "双引号文本中的反斜杠开始了一个 YAML 不认识的转义",
            Message::YamlUnknownAlias => "别名 *name 指向的锚点 &name 没有在它前面定义",
            Message::YamlBadStart => "值不能以 {0} 开头",
            Message::CannotWrite => "无法写入网站：{0}",
            Message::FileTooLarge => "文件大于 {0}，超过了单个条目文件的上限",
            Message::FrontMatterTooLarge => "前言大于 {0}，超过了上限",
            Message::YamlTooDeep => "YAML 嵌套超过 {0} 层",
            Message::MissingField => "缺少字段 \"{0}\"",
            Message::UnknownField => "未知字段 \"{0}\"",
            Message::UnknownValue => "未知的值 \"{0}\"",
            Message::BadDate => "\"{0}\" 不是日期；请写成 2023、2023-05 或 2023-05-30",
            Message::BadDay => "\"{0}\" 不是日历上存在的日期",
            Message::BadSlug => "\"{0}\" 不是 slug；slug 只能由小写英文字母、数字和连字符组成",
            Message::BadUrl => "\"{0}\" 不是网址",
            Message::BadStaticPath => "\"{0}\" 不是 static/ 下的路径",
            Message::LocalizedMapInMarkdown => {
                "{zh, en} 映射只能用在 slug.yaml 条目中；这个文件是{0}的"
            }
            Message::TextNotText => "{0} 的内容必须是文本，而不是{1}",
            Message::UnknownTextLanguage => "未知语言 \"{0}\"；请用 zh 和 en",
            Message::UnknownLinkKey => "链接中有未知的键 \"{0}\"",
            Message::LinkIncomplete => "每个链接都需要 title 和 url",
            Message::UnknownFigureKey => "指标中有未知的键 \"{0}\"",
            Message::FigureIncomplete => "每个指标都需要 label 和 value",
            Message::BadCoordinates => "应为以度为单位的 {lat: …, lon: …}",
            Message::ValuesDiffer => "这个值与 {0}（第 {1} 行）中的不同；与语言无关的字段必须一致",
            Message::RawHtmlEscaped => "原始 HTML 已转义，会以文字显示：allow_html 未开启",
            Message::HeadingAttributeRemoved => "标题属性 \"{0}\" 已删除：标题只能带 id 和 class",
            Message::HeadingIdRemoved => "标题 id \"{0}\" 已删除：id 只能由字母、数字、- 和 _ 组成",
            Message::HeadingClassRemoved => {
                "标题 class \"{0}\" 已删除：class 只能由英文字母、数字、- 和 _ 组成"
            }
            Message::LinkSchemeRemoved => "指向 \"{0}\" 的链接已删除：不允许这种协议",
            Message::ImageSchemeRemoved => "图片 \"{0}\" 已删除：不允许这种协议",
            Message::UnbalancedBidi => {
                "双向文本控制字符 U+{0} 不成对：文字显示的顺序可能与书写的顺序不同"
            }
            Message::SelfReference => "这个{0}引用了它自己",
            Message::ParentCycle => "园区的上级形成了循环：{0} → {1}",
            Message::UnknownLinkTarget => "链接指向不存在的{0} \"{1}\"",
            Message::LinkToDraft => "链接指向草稿{0} \"{1}\"，它不会发布",
            Message::ReferenceToDraft => "引用了草稿{0} \"{1}\"，它不会发布",
            Message::BadEntryLink => {
                "\"{0}\" 不是指向条目的链接；请写成 @/achievements/slug、@/parks/slug 或 @/policies/slug"
            }
            Message::MissingFile => "站点中不存在 \"{0}\"",
            Message::BrokenLink => "链接 \"{0}\" 在生成的站点中找不到对应的文件",
            Message::LinkOutsideBase => "链接 \"{0}\" 不在站点的基础路径 {1} 之下",
            Message::BlankRequired => "必填字段 \"{0}\" 是空的",
            Message::MissingCover => "封面图片 \"{0}\" 不存在",
            Message::MissingSiteMark => "网站标识图片 \"{0}\" 不存在",
            Message::MissingTranslation => "{0} \"{1}\" 没有{2}版本",
            Message::UnknownSetting => "未知设置 \"{0}\"",
            Message::UnknownVocabulary => "未知词表 \"{0}\"",
            Message::CannotReadConfig => "无法读取配置：{0}",
            Message::ConfigNotMap => "应为设置项的映射，实际是{0}",
            Message::DefaultLanguage => "默认语言必须是 languages 中的一种",
            Message::UnknownLanguage => "未知语言 {0}；chengguo 支持 zh 和 en",
            Message::ThemeNotFound => "找不到主题 \"{0}\"：没有文件夹 {1}",
            Message::VocabularyKey => "词表的键 \"{0}\" 只能由小写英文字母、数字和连字符组成",
            Message::VocabularyLabelClash => "词表 \"{2}\" 中 \"{0}\" 与 \"{1}\" 的名称相同",
            Message::VocabularyLabels => "词表 \"{1}\" 中的 \"{0}\" 需要 {zh: …, en: …} 名称",
            Message::VocabularyShape => "词表 \"{0}\" 必须把每个键映射到 {zh: …, en: …}",
            Message::VocabulariesShape => "应为词表的映射",
            Message::BaseUrlNoHost => "base_url \"{0}\" 没有主机名",
            Message::BaseUrlCharacters => "base_url \"{0}\" 含有 URL 路径中不能出现的字符",
            Message::BaseUrlRelative => {
                "base_url \"{0}\" 只是路径，不是完整网址，网站地图（sitemap.xml）、robots.txt 和订阅源无法给出绝对链接"
            }
            Message::BaseUrlScheme => "base_url 必须以 http://、https:// 或 / 开头，而不是 \"{0}\"",
            Message::ExpectedBaseUrl => "应为网址或 / 这样的路径",
            Message::ExpectedLanguages => "应为 [zh, en] 这样的列表",
            Message::ExpectedZhEn => "应为 zh 或 en",
            Message::ExpectedTheme => "应为 themes/ 下某个文件夹的名字",
            Message::ExpectedPageSize => "应为 1 到 10000 之间的整数",
            Message::ExpectedSize => "应为 1 KB 到 1 GB 之间的大小，例如 10 MB",
            Message::ExpectedDepth => "应为 4 到 128 之间的整数",
            Message::ExpectedLimits => "应为 {file_size: 10 MB} 这样的映射",
            Message::ExpectedIdentity => "应为 {icp: …} 这样的映射",
            Message::ExpectedIdentityText => "应为文本，或者写出一种或两种语言的 {zh: …, en: …}",
            Message::ExpectedText => "应为文本",
            Message::IdentityPhone => {
                "应为由数字、空格、连字符和括号组成的电话号码，例如 023-6362 0000"
            }
            Message::IdentityEmail => "应为电子邮件地址，例如 office@example.gov.cn",
            Message::IdentitySiteCode => "网站标识码应为 10 位数字",
            Message::IdentityIcp => "应为 ICP 备案号，例如 渝ICP备12345678号-1",
            Message::IdentityPublicSecurity => {
                "应为公安机关备案号，例如 渝公网安备50010302000001号"
            }
            Message::IdentitySiteMark => {
                "应为 image（static/ 下的文件）和 url（标识链接到的 https:// 地址）两项"
            }
            Message::IdentitySiteMarkImage => {
                "site_mark.image 应为 static/ 下的路径，只含字母、数字、-、_、. 和 /"
            }
            Message::IdentitySiteMarkUrl => "site_mark.url 应为 http:// 或 https:// 地址",
            Message::ExpectedMarkHide => "应为 mark 或 hide",
            Message::RepoUrl => {
                "repo_url 必须是仓库的 https:// 地址，例如 https://github.com/city/site"
            }
            Message::ExpectedBranch => "应为 main 这样的分支名",
            Message::ExpectedRepoKind => "应为 github、gitlab 或 gitea",
            Message::RepoKindUnknown => "无法判断 {0} 是 GitHub、GitLab 还是 Gitea",
            Message::ShallowClone => "仓库是浅克隆，页面无法显示来自提交历史的最后更新日期",
            Message::GitFailed => "git 无法读取仓库，页面无法显示来自提交历史的最后更新日期：{0}",
            Message::ExpectedBool => "应为 true 或 false",
            Message::BadPolicyChar => "安全策略中不能含有字符 {0}",
            Message::BadPolicy => "应为 \"default-src 'self'\" 这样的安全策略，或 false",
            Message::ExpectedLabels => "应为包含两种语言的 {zh: …, en: …}",
            Message::NoConfig => "{0} 中没有 config.yaml；请用 --root 指定站点的文件夹",
            Message::NoConfigOrBaseUrl => {
                "{0} 中没有 config.yaml；请用 --root 指定站点的文件夹，或者用 --base-url"
            }
            Message::FixConfig => "请先修正 config.yaml（或者用 --root 指定站点的文件夹）",
            Message::OutputNotFolder => "{0} 不是文件夹；请先生成站点",
            Message::SlugTaken => "slug 已被使用：{0} 已经存在",
            Message::NotASiteLanguage => "站点不使用语言 \"{0}\"；站点的语言列在 config.yaml 中",
            Message::CannotWriteFile => "无法写入 {0}：{1}",
            Message::WrongKind => "应为{0}，实际是{1}",
            Message::UsageUnknownArgument => "未知的参数 `{0}`",
            Message::UsageUnknownCommand => "未知的命令 `{0}`",
            Message::UsageInvalidValue => "`{0}` 不是 `{1}` 的可选值；可选的值是 `{2}`",
            Message::UsageMissingArgument => "缺少必需的参数：`{0}`",
            Message::UsageOther => "命令行用法有误",
            Message::BadPatentNumber => {
                "\"{0}\" 不是中国专利号：应为 12 位数字（2004 年以前为 8 位）加一位校验位"
            }
            Message::BadPatentCheckDigit => "\"{0}\" 的校验位不对：按前面的数字应为 {1}",
            Message::IpIncomplete => "每条知识产权记录都要有 kind（类型）和 number（编号）",
            Message::ContactFreeText => "以自由文本填写的联系方式按原样显示，不带电话和邮件链接",
            Message::BadPhone => "\"{0}\" 不是电话号码",
            Message::BadEmail => "\"{0}\" 不是电子邮箱地址",
            Message::AttachmentIncomplete => "每个附件都要有 file（文件）和 title（标题）",
            Message::MissingAttachment => "附件 \"{0}\" 不存在",
            Message::TransferModesTwice => "transfer_modes 同时写在了顶层和 cooperation 之下",
            Message::UnknownRecordKey => "{1}中有未知的键 \"{0}\"",
            Message::ContactSettingsNotMap => "应为联系方式设置的映射",
            Message::ExpectedEmail => "应为电子邮箱地址",
            Message::ExpectedWebAddress => "应为 https://… 这样的网址",
            Message::ExpectedShow => "应为 full（完整显示）或 masked（部分隐藏）",
            Message::SheetNoSlug => "这一行没有 slug",
            Message::SheetEntryExists => "{0} \"{1}\" 已经存在",
            Message::SheetUnknownColumn => "未知的列 \"{0}\"",
            Message::SheetNoSlugColumn => "表格没有 slug 列",
            Message::SheetSlugTwice => "slug \"{0}\" 在第 {1} 行也出现了",
            Message::SheetUpdateMarkdown => {
                "\"{0}\" 以 Markdown 形式编写；--update 只改动 slug.yaml 形式的条目"
            }
            Message::SheetBaseUnparsed => "{0} 无法解析；请先修正它",
            Message::SheetListLengths => "中文列表有 {0} 项，英文列表有 {1} 项；两者须逐项对应",
            Message::SheetEncoding => "文件既不是 UTF-8 也不是 GB18030 编码的文本",
            Message::SheetNotXlsx => "不是 XLSX 工作簿：{0}",
            Message::SheetNoWorksheet => "工作簿中没有工作表",
            Message::SheetNotCsv => "不是 CSV 文件：{0}",
            Message::EntryUnparsed => "条目无法解析",
            Message::UnknownReference => "未知的{0} \"{1}\"",
        }
    }

    /// The English text with `args` in its places.
    pub fn english(self, args: &[&str]) -> String {
        fill(self.en(), args)
    }
}

/// Help texts (what to do), matched the same way.
/// What to do about a diagnostic, in both languages, as [`Message`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Help {
    DidYouMean,
    RunHelp,
    SaveAsUtf8,
    AddALineAfter,
    CheckTheIndentationAnd,
    UseAnASCIIColon,
    KeepOneAlsoOnLine,
    KeepOne,
    ReplaceTheTabWith,
    CheckTheIndentationOr,
    CloseTheListWith,
    CloseTheMapWith,
    EndTheTextWith,
    EscapeBackslash,
    PutTextThatStarts,
    PutTheTextIn,
    TheFieldsOfAre,
    TheValuesAreListed,
    WriteTheTextIn,
    WriteTheFileName,
    WriteItAsHttps,
    ExampleStaticPath,
    ALinkHasTitle,
    WriteItInOne,
    EveryEntryNeedsA,
    EachEntryHasOne,
    NoSuchFile,
    PutFile,
    NothingAt,
    RebuildBaseUrl,
    SetRepoKindGithub,
    FetchHistory,
    PutImage,
    Required,
    AddFile,
    AddYamlLanguage,
    WriteItInMarkdown,
    AHeadingTakesId,
    LinkToHttpS,
    SplitItOrRaise,
    MoveLongTextInto,
    NestLessOrRaise,
    CopyTheFileOr,
    RemoveItOrClose,
    ItsAliasesNameRepeat,
    RemoveDraftTrueFrom,
    BaseUrlFull,
    TheKeysAre,
    PatentNumberShape,
    ContactStructured,
    PhoneDigits,
    EmailExample,
    PutAttachment,
    KeepOneList,
    UpdateChangesSheetFields,
    ColumnsAreFieldKeys,
    AddSlugColumn,
    Undraft,
}

impl Help {
    /// Every kind, more specific templates first (the order they are matched in).
    pub const ALL: &[Help] = &[
        Help::DidYouMean,
        Help::RunHelp,
        Help::SaveAsUtf8,
        Help::AddALineAfter,
        Help::CheckTheIndentationAnd,
        Help::UseAnASCIIColon,
        Help::KeepOneAlsoOnLine,
        Help::KeepOne,
        Help::ReplaceTheTabWith,
        Help::CheckTheIndentationOr,
        Help::CloseTheListWith,
        Help::CloseTheMapWith,
        Help::EndTheTextWith,
        Help::EscapeBackslash,
        Help::PutTextThatStarts,
        Help::PutTheTextIn,
        Help::TheFieldsOfAre,
        Help::TheValuesAreListed,
        Help::WriteTheTextIn,
        Help::WriteTheFileName,
        Help::WriteItAsHttps,
        Help::ExampleStaticPath,
        Help::ALinkHasTitle,
        Help::WriteItInOne,
        Help::EveryEntryNeedsA,
        Help::EachEntryHasOne,
        Help::NoSuchFile,
        Help::PutFile,
        Help::NothingAt,
        Help::RebuildBaseUrl,
        Help::SetRepoKindGithub,
        Help::FetchHistory,
        Help::PutImage,
        Help::Required,
        Help::AddFile,
        Help::AddYamlLanguage,
        Help::WriteItInMarkdown,
        Help::AHeadingTakesId,
        Help::LinkToHttpS,
        Help::SplitItOrRaise,
        Help::MoveLongTextInto,
        Help::NestLessOrRaise,
        Help::CopyTheFileOr,
        Help::RemoveItOrClose,
        Help::ItsAliasesNameRepeat,
        Help::RemoveDraftTrueFrom,
        Help::BaseUrlFull,
        Help::TheKeysAre,
        Help::PatentNumberShape,
        Help::ContactStructured,
        Help::PhoneDigits,
        Help::EmailExample,
        Help::PutAttachment,
        Help::KeepOneList,
        Help::UpdateChangesSheetFields,
        Help::ColumnsAreFieldKeys,
        Help::AddSlugColumn,
        Help::Undraft,
    ];

    /// The stable code (for `check --format json` and CI annotations); empty for most helps.
    pub fn code(self) -> &'static str {
        match self {
            Help::DidYouMean => "did-you-mean",
            Help::RunHelp => "run-help",
            Help::SaveAsUtf8 => "",
            Help::AddALineAfter => "",
            Help::CheckTheIndentationAnd => "",
            Help::UseAnASCIIColon => "",
            Help::KeepOneAlsoOnLine => "",
            Help::KeepOne => "",
            Help::ReplaceTheTabWith => "",
            Help::CheckTheIndentationOr => "",
            Help::CloseTheListWith => "",
            Help::CloseTheMapWith => "",
            Help::EndTheTextWith => "",
            Help::EscapeBackslash => "",
            Help::PutTextThatStarts => "",
            Help::PutTheTextIn => "",
            Help::TheFieldsOfAre => "",
            Help::TheValuesAreListed => "",
            Help::WriteTheTextIn => "",
            Help::WriteTheFileName => "",
            Help::WriteItAsHttps => "",
            Help::ExampleStaticPath => "",
            Help::ALinkHasTitle => "",
            Help::WriteItInOne => "",
            Help::EveryEntryNeedsA => "",
            Help::EachEntryHasOne => "",
            Help::NoSuchFile => "no-such-file",
            Help::PutFile => "put-file",
            Help::NothingAt => "nothing-at",
            Help::RebuildBaseUrl => "rebuild-base-url",
            Help::SetRepoKindGithub => "",
            Help::FetchHistory => "fetch-history",
            Help::PutImage => "put-image",
            Help::Required => "required",
            Help::AddFile => "add-file",
            Help::AddYamlLanguage => "add-yaml-language",
            Help::WriteItInMarkdown => "",
            Help::AHeadingTakesId => "",
            Help::LinkToHttpS => "",
            Help::SplitItOrRaise => "",
            Help::MoveLongTextInto => "",
            Help::NestLessOrRaise => "",
            Help::CopyTheFileOr => "",
            Help::RemoveItOrClose => "",
            Help::ItsAliasesNameRepeat => "",
            Help::RemoveDraftTrueFrom => "",
            Help::BaseUrlFull => "base-url-full",
            Help::TheKeysAre => "",
            Help::PatentNumberShape => "",
            Help::ContactStructured => "",
            Help::PhoneDigits => "",
            Help::EmailExample => "",
            Help::PutAttachment => "",
            Help::KeepOneList => "",
            Help::UpdateChangesSheetFields => "",
            Help::ColumnsAreFieldKeys => "",
            Help::AddSlugColumn => "",
            Help::Undraft => "undraft",
        }
    }

    /// The English template, `{}` for each argument.
    pub fn en(self) -> &'static str {
        match self {
            Help::DidYouMean => "did you mean {}?",
            Help::RunHelp => "run chengguo help to see how to use it",
            Help::SaveAsUtf8 => "save it as UTF-8 in your editor",
            Help::AddALineAfter => "add a line `---` after the last field",
            Help::CheckTheIndentationAnd => {
                "check the indentation and quote text that holds a colon followed by a space"
            }
            Help::UseAnASCIIColon => {
                "use an ASCII colon: write `: ` (a colon and a space) after the key"
            }
            Help::KeepOneAlsoOnLine => "keep one of the two: the key is also on line {}",
            Help::KeepOne => "keep one of the two",
            Help::ReplaceTheTabWith => "replace the tab with spaces",
            Help::CheckTheIndentationOr => {
                "check the indentation, or quote text that holds a colon followed by a space"
            }
            Help::CloseTheListWith => "close the list with ] and separate its items with commas",
            Help::CloseTheMapWith => "close the map with } and separate its entries with commas",
            Help::EndTheTextWith => "end the text with the same quotation mark it starts with",
            Help::EscapeBackslash => "write \\\\ for a backslash, or put the text in single quotes",
            Help::PutTextThatStarts => "put text that starts with * in quotes",
            Help::PutTheTextIn => "put the text in quotes",
            Help::TheFieldsOfAre => "the fields of {} are listed in the README",
            Help::TheValuesAreListed => {
                "the values are listed under vocabularies.{} in config.yaml"
            }
            Help::WriteTheTextIn => "write the text in this file's language only",
            Help::WriteTheFileName => "write the file name of the {} without its extension",
            Help::WriteItAsHttps => "write it as https://…",
            Help::ExampleStaticPath => "e.g. images/cover.jpg",
            Help::ALinkHasTitle => "a link has title and url",
            Help::WriteItInOne => "write it in one of the two files only",
            Help::EveryEntryNeedsA => "every entry needs a title in each language it is written in",
            Help::EachEntryHasOne => "each entry has one slug; rename one of the files",
            Help::NoSuchFile => "no file content/{}/{}.* exists",
            Help::PutFile => {
                "nothing in static/ or the built site is at /{}; add the file under static/ or fix the link"
            }
            Help::NothingAt => "the output has no file {}",
            Help::RebuildBaseUrl => "build and check with the same base_url (or --base-url)",
            Help::SetRepoKindGithub => "set repo_kind: github, gitlab or gitea",
            Help::FetchHistory => {
                "fetch the whole history: fetch-depth: 0 with actions/checkout, GIT_DEPTH: 0 on GitLab, git fetch --unshallow by hand"
            }
            Help::PutImage => "put the image at static/{}",
            Help::Required => "required: {} / {}",
            Help::AddFile => "add {}, or ignore this if the entry is meant to be in one language",
            Help::AddYamlLanguage => {
                "give the {} texts in {}, or ignore this if the entry is meant to be in one language"
            }
            Help::WriteItInMarkdown => {
                "write it in Markdown; allow_html: true in config.yaml lets HTML through, for trusted editors only"
            }
            Help::AHeadingTakesId => "a heading takes {#id .class} only",
            Help::LinkToHttpS => "link to http(s)://, mailto:, tel:, a site path or @/type/slug",
            Help::SplitItOrRaise => "split it, or raise limits.file_size in config.yaml",
            Help::MoveLongTextInto => {
                "move long text into the Markdown body, or raise limits.front_matter_size in config.yaml"
            }
            Help::NestLessOrRaise => "nest less, or raise limits.depth in config.yaml",
            Help::CopyTheFileOr => "copy the file or folder into the site instead of linking to it",
            Help::RemoveItOrClose => "remove it, or close it with U+202C (PDF) or U+2069 (PDI)",
            Help::ItsAliasesNameRepeat => {
                "its aliases (*name) repeat a value too many times; write the values out"
            }
            Help::RemoveDraftTrueFrom => {
                "remove `draft: true` from it, or remove the reference; build --drafts includes drafts to preview them"
            }
            Help::BaseUrlFull => {
                "set base_url to the address the site is published at, such as https://example.org/ (or build with --base-url)"
            }
            Help::TheKeysAre => "the keys are {}",
            Help::PatentNumberShape => {
                "a Chinese patent number is ZL, the 12-digit application number, a dot and its check digit: ZL202110123456.7"
            }
            Help::ContactStructured => {
                "write it as {name, organisation, phone, email, url} so readers can call or write with one tap"
            }
            Help::PhoneDigits => "write digits, with +, -, spaces or brackets: 023-12345678",
            Help::EmailExample => "e.g. transfer@example.edu.cn",
            Help::PutAttachment => "put the file at static/{}",
            Help::KeepOneList => "keep one of the two lists",
            Help::UpdateChangesSheetFields => "import --update changes the fields the sheet has",
            Help::ColumnsAreFieldKeys => {
                "the columns are the field keys and labels of the README's field tables"
            }
            Help::AddSlugColumn => {
                "add a column slug: each entry's file name, e.g. nano-displacement"
            }
            Help::Undraft => "remove `draft: true` from it, or remove the link",
        }
    }

    /// The Chinese template, `{0}`, `{1}`, … for the arguments in English order.
    pub fn zh(self) -> &'static str {
        match self {
            Help::DidYouMean => "你是不是要写 {0}？",
            Help::RunHelp => "运行 chengguo help 查看用法",
            Help::SaveAsUtf8 => "请在编辑器中以 UTF-8 编码保存",
            Help::AddALineAfter => "在最后一个字段之后加一行 `---`",
            Help::CheckTheIndentationAnd => "请检查缩进；含有“冒号加空格”的文本要加引号",
            Help::UseAnASCIIColon => "请改用半角冒号：在键后面写 `: `（冒号加一个空格）",
            Help::KeepOneAlsoOnLine => "只保留其中一个：这个键在第 {0} 行也写了",
            Help::KeepOne => "只保留其中一个",
            Help::ReplaceTheTabWith => "请把制表符换成空格",
            Help::CheckTheIndentationOr => "请检查缩进，或者给含有“冒号加空格”的文本加引号",
            Help::CloseTheListWith => "请用 ] 结束列表，并用逗号分隔各项",
            Help::CloseTheMapWith => "请用 } 结束映射，并用逗号分隔各项",
            Help::EndTheTextWith => "请用开头的那种引号结束这段文本",
            Help::EscapeBackslash => "反斜杠请写成 \\\\，或者把文本放在单引号中",
            Help::PutTextThatStarts => "以 * 开头的文本请加引号",
            Help::PutTheTextIn => "请给文本加引号",
            Help::TheFieldsOfAre => "{0}的字段列在 README 中",
            Help::TheValuesAreListed => "可选的值列在 config.yaml 的 vocabularies.{0} 下",
            Help::WriteTheTextIn => "只用这个文件的语言书写",
            Help::WriteTheFileName => "写{0}的文件名，不带扩展名",
            Help::WriteItAsHttps => "请写成 https://…",
            Help::ExampleStaticPath => "例如 images/cover.jpg",
            Help::ALinkHasTitle => "链接包含 title 和 url",
            Help::WriteItInOne => "只在两个文件中的一个里填写",
            Help::EveryEntryNeedsA => "条目的每种语言都需要标题",
            Help::EachEntryHasOne => "每个条目只有一个 slug；请重命名其中一个文件",
            Help::NoSuchFile => "不存在文件 content/{0}/{1}.*",
            Help::PutFile => {
                "static/ 和生成的站点中都没有 /{0}；请把文件放到 static/ 下，或者修改链接"
            }
            Help::NothingAt => "输出中没有文件 {0}",
            Help::RebuildBaseUrl => "请用相同的 base_url（或 --base-url）生成和检查",
            Help::SetRepoKindGithub => "请把 repo_kind 设为 github、gitlab 或 gitea",
            Help::FetchHistory => {
                "请获取完整历史：actions/checkout 设 fetch-depth: 0，GitLab 设 GIT_DEPTH: 0，手动运行 git fetch --unshallow"
            }
            Help::PutImage => "把图片放到 static/{0}",
            Help::Required => "必填：{1}（{0}）",
            Help::AddFile => "添加 {0}；如果这个条目只打算用一种语言发布，可以忽略",
            Help::AddYamlLanguage => {
                "在 {1} 中填写 {0} 文本；如果这个条目只打算用一种语言发布，可以忽略"
            }
            Help::WriteItInMarkdown => {
                "请改用 Markdown 书写；config.yaml 中的 allow_html: true 会放行 HTML，只适用于可信的编辑者"
            }
            Help::AHeadingTakesId => "标题只能带 {#id .class}",
            Help::LinkToHttpS => "链接只能指向 http(s)://、mailto:、tel:、站内路径或 @/类型/slug",
            Help::SplitItOrRaise => "请拆分文件，或者调高 config.yaml 中的 limits.file_size",
            Help::MoveLongTextInto => {
                "请把长文本移到 Markdown 正文中，或者调高 config.yaml 中的 limits.front_matter_size"
            }
            Help::NestLessOrRaise => "请减少嵌套层数，或者调高 config.yaml 中的 limits.depth",
            Help::CopyTheFileOr => "请把文件或文件夹复制到站点中，而不是链接过去",
            Help::RemoveItOrClose => "请删除它，或者用 U+202C（PDF）或 U+2069（PDI）把它闭合",
            Help::ItsAliasesNameRepeat => {
                "其中的别名（*name）把一个值重复了太多次；请直接写出这些值"
            }
            Help::RemoveDraftTrueFrom => {
                "去掉它的 `draft: true`，或者删除这个引用；build --drafts 会包含草稿，以便预览"
            }
            Help::BaseUrlFull => {
                "请把 base_url 设为网站发布的完整地址，例如 https://example.org/（或在生成时使用 --base-url）"
            }
            Help::TheKeysAre => "可用的键：{0}",
            Help::PatentNumberShape => {
                "中国专利号由 ZL、12 位申请号、圆点和校验位组成，例如 ZL202110123456.7"
            }
            Help::ContactStructured => {
                "请写成 {name, organisation, phone, email, url}，读者便可一点即拨打电话或发送邮件"
            }
            Help::PhoneDigits => "请写数字，可带 +、-、空格或括号，例如 023-12345678",
            Help::EmailExample => "例如 transfer@example.edu.cn",
            Help::PutAttachment => "请把文件放到 static/{0}",
            Help::KeepOneList => "请只保留其中一个列表",
            Help::UpdateChangesSheetFields => "import --update 只改动表格中有列的字段",
            Help::ColumnsAreFieldKeys => "列名是 README 字段表中的字段键或名称",
            Help::AddSlugColumn => "请添加 slug 列：每个条目的文件名，例如 nano-displacement",
            Help::Undraft => "去掉它的 `draft: true`，或者删除这个链接",
        }
    }

    /// The English text with `args` in its places.
    pub fn english(self, args: &[&str]) -> String {
        fill(self.en(), args)
    }
}

/// Words that stand inside messages as arguments.
const WORDS: &[(&str, &str)] = &[
    ("achievement", "成果"),
    ("park", "园区"),
    ("policy", "政策"),
    ("achievements", "成果"),
    ("parks", "园区"),
    ("policies", "政策"),
    ("Chinese", "中文"),
    ("English", "英文"),
    ("nothing", "空值"),
    ("true/false", "true/false"),
    ("a number", "数字"),
    ("text", "文本"),
    ("a list", "列表"),
    ("a map", "映射"),
    ("a URL", "网址"),
    ("a date such as 2023-05-30", "2023-05-30 这样的日期"),
    ("a value from the vocabulary", "词表中的值"),
    ("a path under static/", "static/ 下的路径"),
    ("a number as the figure's value", "数字作为指标的值"),
    ("a year such as 2021", "2021 这样的年份"),
    ("true or false", "true 或 false"),
    ("{label, value, unit, year}", "{label, value, unit, year}"),
    ("an IP record", "知识产权记录"),
    ("the terms of cooperation", "合作条件"),
    ("a price", "价格"),
    ("a contact", "联系方式"),
    ("an attachment", "附件"),
    ("the number of the IP record", "知识产权编号"),
    ("a phone number", "电话号码"),
    ("an e-mail address", "电子邮箱地址"),
    ("a positive number", "正数"),
    ("a currency code such as CNY", "CNY 这样的货币代码"),
    (
        "面议 (negotiable) or {amount: 500000, currency: CNY}",
        "面议（negotiable）或 {amount: 500000, currency: CNY}",
    ),
    ("the slug of a achievement", "成果的 slug"),
    ("the slug of a park", "园区的 slug"),
    ("the slug of a policy", "政策的 slug"),
];

/// The stable code of a message (`other` when the catalog does not know it).
pub fn code(message: &str) -> &'static str {
    Message::ALL
        .iter()
        .find(|m| capture(m.en(), message).is_some())
        .map_or("other", |m| m.code())
}

/// A message in `lang`; English is returned as it is.
pub fn message(message: &str, lang: Lang) -> String {
    let templates = Message::ALL.iter().map(|m| (m.en(), m.zh(), m.code()));
    translate(templates, message, lang)
}

/// A help text in `lang`.
pub fn help(help: &str, lang: Lang) -> String {
    let templates = Help::ALL.iter().map(|h| (h.en(), h.zh(), h.code()));
    translate(templates, help, lang)
}

/// Fill an English template: `{}` placeholders in order.
fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::new();
    let mut args = args.iter();
    let mut parts = template.split("{}").peekable();
    while let Some(part) = parts.next() {
        out.push_str(part);
        if parts.peek().is_some() {
            out.push_str(args.next().copied().unwrap_or(""));
        }
    }
    out
}

/// `text` in `lang` through the first of `templates` (English, Chinese, code) it fills.
fn translate<'a>(
    templates: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
    text: &str,
    lang: Lang,
) -> String {
    if lang == Lang::En {
        return text.to_string();
    }
    for (en, zh, code) in templates {
        if let Some(args) = capture(en, text) {
            let mut out = zh.to_string();
            for (index, arg) in args.iter().enumerate() {
                let word = if is_words_place(en, code, index) {
                    WORDS
                        .iter()
                        .find(|(en, _)| en == arg)
                        .map_or(*arg, |(_, zh)| zh)
                } else {
                    arg
                };
                out = out.replace(&format!("{{{index}}}"), word);
            }
            return out;
        }
    }
    text.to_string()
}

/// Whether the argument at `index` of `entry` is one of our own words (a kind
/// of entry, a shape such as `a list`) that reads in Chinese, rather than text
/// taken from the site. What the editor wrote stands in quotes in the English
/// template (`unknown value "{}"`), a suggestion (`did you mean {}?`) is a key
/// or value to write as it is, and `vocabularies.{}` names a key of
/// config.yaml: translating any of these would tell the editor to write
/// something that is not in their files (`stage: park` reported as `未知的值 "园区"`).
fn is_words_place(en: &str, code: &str, index: usize) -> bool {
    if code == Help::DidYouMean.code() {
        return false;
    }
    let parts: Vec<&str> = en.split("{}").collect();
    let (Some(before), Some(after)) = (parts.get(index), parts.get(index + 1)) else {
        return false;
    };
    let verbatim = |c: char| matches!(c, '"' | '.' | '/' | '`');
    !before.ends_with(verbatim) && !after.starts_with(verbatim)
}

/// The arguments of `text` if it is `template` with its `{}` filled in.
fn capture<'a>(template: &str, text: &'a str) -> Option<Vec<&'a str>> {
    let parts: Vec<&str> = template.split("{}").collect();
    let mut rest = text.strip_prefix(parts[0])?;
    let mut args = Vec::new();
    for (index, part) in parts.iter().enumerate().skip(1) {
        let is_last = index == parts.len() - 1;
        let end = if is_last {
            if part.is_empty() {
                rest.len()
            } else if rest.ends_with(part) {
                rest.len() - part.len()
            } else {
                return None;
            }
        } else {
            rest.find(part)?
        };
        args.push(&rest[..end]);
        rest = &rest[end + part.len()..];
    }
    (parts.len() > 1 || rest.is_empty()).then_some(args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_with_arguments() {
        assert_eq!(
            message("unknown value \"中式\"", Lang::Zh),
            "未知的值 \"中式\""
        );
        assert_eq!(help("did you mean 中试?", Lang::Zh), "你是不是要写 中试？");
        assert_eq!(message("unknown park \"x\"", Lang::Zh), "未知的园区 \"x\"");
        assert_eq!(
            message("expected text, found a list", Lang::Zh),
            "应为文本，实际是列表"
        );
    }

    #[test]
    fn never_translates_what_the_editor_wrote() {
        // `stage: park`: the value is the editor's, even where it is one of our words.
        assert_eq!(
            message("unknown value \"park\"", Lang::Zh),
            "未知的值 \"park\""
        );
        assert_eq!(
            message("unknown park \"policy\"", Lang::Zh),
            "未知的园区 \"policy\""
        );
        assert_eq!(help("did you mean park?", Lang::Zh), "你是不是要写 park？");
        assert_eq!(
            help(
                "the values are listed under vocabularies.parks in config.yaml",
                Lang::Zh
            ),
            "可选的值列在 config.yaml 的 vocabularies.parks 下"
        );
    }

    #[test]
    fn names_the_build_that_holds_the_output() {
        let text = "cannot write the site: another build (process 42) is writing public; wait for it to end (lock file ./.public.lock)";
        assert_eq!(code(text), "output-locked");
        assert_eq!(
            message(text, Lang::Zh),
            "无法写入站点：另一个构建（进程 42）正在写入 public；请等它结束（锁文件 ./.public.lock）"
        );
    }

    #[test]
    fn keeps_english_and_unknown_text() {
        assert_eq!(
            message("unknown value \"x\"", Lang::En),
            "unknown value \"x\""
        );
        assert_eq!(message("something new", Lang::Zh), "something new");
        assert_eq!(code("something new"), "other");
        assert_eq!(code("unknown field \"titel\""), "unknown-field");
    }

    #[test]
    fn fills_english_templates() {
        assert_eq!(
            Message::MissingFile.english(&["/images/x.png"]),
            "\"/images/x.png\" does not exist in the site"
        );
    }

    /// Every template of both kinds, (English, Chinese).
    fn templates() -> Vec<(&'static str, &'static str)> {
        let messages = Message::ALL.iter().map(|m| (m.en(), m.zh()));
        messages
            .chain(Help::ALL.iter().map(|h| (h.en(), h.zh())))
            .collect()
    }

    /// The Chinese text without its code: `…` spans, {…} and […] groups
    /// (placeholders, `{zh: …, en: …}`, `[zh, en]`) and `http(s)`.
    fn prose(zh: &str) -> String {
        let mut out = String::new();
        let (mut tick, mut depth) = (false, 0usize);
        for c in zh.replace("http(s)", "").chars() {
            match c {
                '`' => tick = !tick,
                '{' | '[' if !tick => depth += 1,
                '}' | ']' if !tick => depth = depth.saturating_sub(1),
                _ if !tick && depth == 0 => out.push(c),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn chinese_text_uses_full_width_punctuation() {
        let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        for (_, zh) in templates() {
            let prose: Vec<char> = prose(zh).chars().collect();
            for (index, c) in prose.iter().enumerate() {
                let before = index.checked_sub(1).map(|i| prose[i]);
                let after = prose.get(index + 1).copied();
                let wrong = match c {
                    ',' | ';' | '?' | '(' | ')' => true,
                    // `fetch-depth: 0`, `mailto:` and URLs are code; a colon by Chinese text is not.
                    ':' => before.is_some_and(is_han) || after.is_some_and(is_han),
                    _ => false,
                };
                assert!(!wrong, "ASCII {c:?} in Chinese text: {zh}");
            }
        }
    }

    #[test]
    fn every_template_has_chinese_placeholders_for_its_arguments() {
        for (en, zh) in templates() {
            let count = en.matches("{}").count();
            for index in 0..count {
                assert!(
                    zh.contains(&format!("{{{index}}}")),
                    "{en} lacks {{{index}}}"
                );
            }
            assert!(!zh.is_empty());
        }
    }
}
