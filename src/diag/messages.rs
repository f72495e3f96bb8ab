//! The message catalog: every diagnostic text in English and Chinese, as the
//! kinds of [`Message`] and [`Help`].
//!
//! The stages build their diagnostics in English (the text tests and scripts
//! match on). These two enums are the one place that knows both languages:
//! each kind is one row of a table (see [`catalog!`]) with a code that does
//! not change when the wording does (for `check --format json` and CI
//! annotations) and its English and Chinese texts side by side, so a kind
//! without either text does not compile.
//! A message is matched against the English templates, where `{}` stands for
//! one argument; the arguments are carried over into the Chinese template as
//! `{0}`, `{1}`, …. A message no template matches keeps its English text and
//! gets the code `other`.
//!
//! To add a message, add a row at the end of its table (or before a more
//! general template it must be matched ahead of):
//!
//! ```text
//! SheetEmpty {
//!     code: "sheet-empty",
//!     en: "the sheet has no rows under its header",
//!     zh: "表格的表头下没有任何行",
//! }
//! ```

use crate::lang::Lang;

/// Defines a catalog enum from its table: each kind written once, with its
/// code and its English and Chinese templates side by side. From the table
/// come the enum, `ALL` (the table's order, the order texts are matched in),
/// and `code`, `en` and `zh`; a kind without a text in either language does
/// not match the macro's pattern, so completeness holds by construction.
macro_rules! catalog {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $kind:ident {
                    code: $code:literal,
                    en: $en:literal,
                    zh: $zh:literal $(,)?
                }
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($kind,)*
        }

        impl $name {
            /// Every kind, more specific templates first (the order they are matched in).
            pub const ALL: &[$name] = &[$($name::$kind,)*];

            /// The stable code (for `check --format json` and CI annotations); empty for most helps.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$kind => $code,)*
                }
            }

            /// The English template, `{}` for each argument.
            pub fn en(self) -> &'static str {
                match self {
                    $($name::$kind => $en,)*
                }
            }

            /// The Chinese template, `{0}`, `{1}`, … for the arguments in English order.
            pub fn zh(self) -> &'static str {
                match self {
                    $($name::$kind => $zh,)*
                }
            }

            /// The English text with `args` in its places.
            pub fn english(self, args: &[&str]) -> String {
                fill(self.en(), args)
            }

            /// The text in `lang` with `args` in their places as they are:
            /// what a command says about paths and values the user gave it.
            pub fn in_language(self, lang: Lang, args: &[&str]) -> String {
                match lang {
                    Lang::En => fill(self.en(), args),
                    Lang::Zh => fill_numbered(self.zh(), args),
                }
            }
        }
    };
}

catalog! {
    /// What a diagnostic says: each kind with its code and its text in both languages.
    pub enum Message {
        NotUtf8 {
            code: "not-utf8",
            en: "the file is not UTF-8 text",
            zh: "文件不是 UTF-8 编码的文本",
        }
        FrontMatterMissing {
            code: "front-matter-missing",
            en: "a Markdown entry must start with front matter: a line `---`, the fields, then another `---`",
            zh: "Markdown 条目必须以前言（front matter）开头：一行 `---`，然后是各字段，再一行 `---`",
        }
        FrontMatterUnclosed {
            code: "front-matter-unclosed",
            en: "unclosed front matter: the `---` on line 1 has no closing `---` line",
            zh: "前言没有结束：第 1 行的 `---` 之后缺少结束的 `---` 行",
        }
        BodyInField {
            code: "body-in-field",
            en: "a Markdown entry has its body below the front matter, not in a field",
            zh: "Markdown 条目的正文写在前言下方，而不是写在字段里",
        }
        NotFields {
            code: "not-fields",
            en: "expected fields such as `title: …`, found {}",
            zh: "应为 `title: …` 这样的字段，实际是{0}",
        }
        BadFileLanguage {
            code: "bad-file-language",
            en: "\"{}\" does not say its language; name it {}.zh.md or {}.en.md",
            zh: "\"{0}\" 没有标明语言；请命名为 {1}.zh.md 或 {2}.en.md",
        }
        BadFileSlug {
            code: "bad-file-slug",
            en: "\"{}\" is not a valid slug: use lowercase ASCII letters, digits and hyphens (e.g. nano-displacement-measurement)",
            zh: "\"{0}\" 不是有效的 slug：只能用小写英文字母、数字和连字符（例如 nano-displacement-measurement）",
        }
        CannotRead {
            code: "cannot-read",
            en: "cannot read: {}",
            zh: "无法读取：{0}",
        }
        OutputLocked {
            code: "output-locked",
            en: "cannot write the site: another build (process {}) is writing {}; wait for it to end (lock file {})",
            zh: "无法写入站点：另一个构建（进程 {0}）正在写入 {1}；请等它结束（锁文件 {2}）",
        }
        SymlinkSkipped {
            code: "symlink-skipped",
            en: "this is a symbolic link and was skipped: chengguo does not follow links",
            zh: "这是符号链接，已跳过：chengguo 不跟随链接",
        }
        DuplicateSlug {
            code: "duplicate-slug",
            en: "duplicate slug \"{}\": {} is already written in {}",
            zh: "slug \"{0}\" 重复：这个{1}已经写在 {2} 中",
        }
        YamlSyntax {
            code: "yaml-syntax",
            en: "malformed YAML: {}",
            zh: "YAML 格式错误：{0}",
        }
        FullWidthColon {
            code: "full-width-colon",
            en: "\"{}\" is followed by a full-width colon ：, which YAML does not read as a key's colon",
            zh: "\"{0}\" 后面是全角冒号“：”，YAML 不把它当作键后面的冒号",
        }
        DuplicateKey {
            code: "duplicate-key",
            en: "the key \"{}\" is written twice in the same map",
            zh: "同一个映射中的键 \"{0}\" 写了两次",
        }
        YamlColonHere {
            code: "yaml-colon-here",
            en: "a colon and a space here start a key where none can stand",
            zh: "这里的“冒号加空格”开始了一个键，但这个位置不能有键",
        }
        YamlTab {
            code: "yaml-tab",
            en: "a tab in the indentation: YAML indents with spaces only",
            zh: "缩进中有制表符（Tab）：YAML 只能用空格缩进",
        }
        YamlUnclosedList {
            code: "yaml-unclosed-list",
            en: "the list opened here with [ is not closed with ]",
            zh: "这里用 [ 开始的列表没有用 ] 结束",
        }
        YamlUnclosedMap {
            code: "yaml-unclosed-map",
            en: "the map opened here with { is not closed with }",
            zh: "这里用 { 开始的映射没有用 } 结束",
        }
        YamlUnclosedQuote {
            code: "yaml-unclosed-quote",
            en: "the quotation mark here is not closed",
            zh: "这里的引号没有闭合",
        }
        YamlBadEscape {
            code: "yaml-bad-escape",
            en: "a backslash in double-quoted text starts an escape YAML does not know",
            zh: "双引号文本中的反斜杠开始了一个 YAML 不认识的转义",
        }
        YamlUnknownAlias {
            code: "yaml-unknown-alias",
            en: "an alias *name refers to no anchor &name written before it",
            zh: "别名 *name 指向的锚点 &name 没有在它前面定义",
        }
        YamlBadStart {
            code: "yaml-bad-start",
            en: "a value cannot start with {}",
            zh: "值不能以 {0} 开头",
        }
        CannotWrite {
            code: "cannot-write",
            en: "cannot write the site: {}",
            zh: "无法写入网站：{0}",
        }
        FileTooLarge {
            code: "file-too-large",
            en: "the file is larger than {}, the limit for one entry file",
            zh: "文件大于 {0}，超过了单个条目文件的上限",
        }
        FrontMatterTooLarge {
            code: "front-matter-too-large",
            en: "the front matter is larger than {}, the limit",
            zh: "前言大于 {0}，超过了上限",
        }
        YamlTooDeep {
            code: "yaml-too-deep",
            en: "the YAML nests deeper than {} levels",
            zh: "YAML 嵌套超过 {0} 层",
        }
        MissingField {
            code: "missing-field",
            en: "missing field \"{}\"",
            zh: "缺少字段 \"{0}\"",
        }
        UnknownField {
            code: "unknown-field",
            en: "unknown field \"{}\"",
            zh: "未知字段 \"{0}\"",
        }
        UnknownValue {
            code: "unknown-value",
            en: "unknown value \"{}\"",
            zh: "未知的值 \"{0}\"",
        }
        BadDate {
            code: "bad-date",
            en: "\"{}\" is not a date; write 2023, 2023-05 or 2023-05-30",
            zh: "\"{0}\" 不是日期；请写成 2023、2023-05 或 2023-05-30",
        }
        BadDay {
            code: "bad-day",
            en: "\"{}\" is not a day of the calendar",
            zh: "\"{0}\" 不是日历上存在的日期",
        }
        BadSlug {
            code: "bad-slug",
            en: "\"{}\" is not a slug; a slug is lowercase ASCII letters, digits and hyphens",
            zh: "\"{0}\" 不是 slug；slug 只能由小写英文字母、数字和连字符组成",
        }
        BadUrl {
            code: "bad-url",
            en: "\"{}\" is not a web address",
            zh: "\"{0}\" 不是网址",
        }
        BadStaticPath {
            code: "bad-static-path",
            en: "\"{}\" is not a path under static/",
            zh: "\"{0}\" 不是 static/ 下的路径",
        }
        LocalizedMapInMarkdown {
            code: "localized-map-in-markdown",
            en: "a {zh, en} map belongs in a slug.yaml entry; this file is in {}",
            zh: "{zh, en} 映射只能用在 slug.yaml 条目中；这个文件是{0}的",
        }
        TextNotText {
            code: "text-not-text",
            en: "the {} text must be text, not {}",
            zh: "{0} 的内容必须是文本，而不是{1}",
        }
        UnknownTextLanguage {
            code: "unknown-text-language",
            en: "unknown language \"{}\"; use zh and en",
            zh: "未知语言 \"{0}\"；请用 zh 和 en",
        }
        UnknownLinkKey {
            code: "unknown-link-key",
            en: "unknown key \"{}\" in a link",
            zh: "链接中有未知的键 \"{0}\"",
        }
        LinkIncomplete {
            code: "link-incomplete",
            en: "each link needs a title and a url",
            zh: "每个链接都需要 title 和 url",
        }
        UnknownFigureKey {
            code: "unknown-figure-key",
            en: "unknown key \"{}\" in a figure",
            zh: "指标中有未知的键 \"{0}\"",
        }
        FigureIncomplete {
            code: "figure-incomplete",
            en: "each figure needs a label and a value",
            zh: "每个指标都需要 label 和 value",
        }
        BadCoordinates {
            code: "bad-coordinates",
            en: "expected {lat: …, lon: …} in degrees",
            zh: "应为以度为单位的 {lat: …, lon: …}",
        }
        ValuesDiffer {
            code: "values-differ",
            en: "the value differs from the one in {} (line {}); language-independent fields must agree",
            zh: "这个值与 {0}（第 {1} 行）中的不同；与语言无关的字段必须一致",
        }
        RawHtmlEscaped {
            code: "raw-html-escaped",
            en: "raw HTML was escaped and shows as text: allow_html is off",
            zh: "原始 HTML 已转义，会以文字显示：allow_html 未开启",
        }
        HeadingAttributeRemoved {
            code: "heading-attribute-removed",
            en: "the heading attribute \"{}\" was removed: a heading takes only an id and classes",
            zh: "标题属性 \"{0}\" 已删除：标题只能带 id 和 class",
        }
        HeadingIdRemoved {
            code: "heading-id-removed",
            en: "the heading id \"{}\" was removed: an id is letters, digits, - and _",
            zh: "标题 id \"{0}\" 已删除：id 只能由字母、数字、- 和 _ 组成",
        }
        HeadingClassRemoved {
            code: "heading-class-removed",
            en: "the heading class \"{}\" was removed: a class is ASCII letters, digits, - and _",
            zh: "标题 class \"{0}\" 已删除：class 只能由英文字母、数字、- 和 _ 组成",
        }
        LinkSchemeRemoved {
            code: "link-scheme-removed",
            en: "the link to \"{}\" was removed: its scheme is not allowed",
            zh: "指向 \"{0}\" 的链接已删除：不允许这种协议",
        }
        ImageSchemeRemoved {
            code: "image-scheme-removed",
            en: "the image \"{}\" was removed: its scheme is not allowed",
            zh: "图片 \"{0}\" 已删除：不允许这种协议",
        }
        UnbalancedBidi {
            code: "unbalanced-bidi",
            en: "unbalanced bidirectional control character U+{}: the text may display in another order than it is written",
            zh: "双向文本控制字符 U+{0} 不成对：文字显示的顺序可能与书写的顺序不同",
        }
        SelfReference {
            code: "self-reference",
            en: "the {} refers to itself",
            zh: "这个{0}引用了它自己",
        }
        ParentCycle {
            code: "parent-cycle",
            en: "parks are their own ancestors: {} → {}",
            zh: "园区的上级形成了循环：{0} → {1}",
        }
        UnknownLinkTarget {
            code: "unknown-link-target",
            en: "link to an unknown {} \"{}\"",
            zh: "链接指向不存在的{0} \"{1}\"",
        }
        LinkToDraft {
            code: "link-to-draft",
            en: "link to the draft {} \"{}\", which is not published",
            zh: "链接指向草稿{0} \"{1}\"，它不会发布",
        }
        ReferenceToDraft {
            code: "reference-to-draft",
            en: "reference to the draft {} \"{}\", which is not published",
            zh: "引用了草稿{0} \"{1}\"，它不会发布",
        }
        BadEntryLink {
            code: "bad-entry-link",
            en: "\"{}\" is not a link to an entry; write @/achievements/slug, @/parks/slug or @/policies/slug",
            zh: "\"{0}\" 不是指向条目的链接；请写成 @/achievements/slug、@/parks/slug 或 @/policies/slug",
        }
        MissingFile {
            code: "missing-file",
            en: "\"{}\" does not exist in the site",
            zh: "站点中不存在 \"{0}\"",
        }
        BrokenLink {
            code: "broken-link",
            en: "link to \"{}\" leads to no file of the built site",
            zh: "链接 \"{0}\" 在生成的站点中找不到对应的文件",
        }
        LinkOutsideBase {
            code: "link-outside-base",
            en: "link to \"{}\" is outside the site's base path {}",
            zh: "链接 \"{0}\" 不在站点的基础路径 {1} 之下",
        }
        BlankRequired {
            code: "blank-required",
            en: "the required field \"{}\" is blank",
            zh: "必填字段 \"{0}\" 是空的",
        }
        MissingCover {
            code: "missing-cover",
            en: "the cover image \"{}\" does not exist",
            zh: "封面图片 \"{0}\" 不存在",
        }
        MissingSiteMark {
            code: "missing-site-mark",
            en: "the site mark image \"{}\" does not exist",
            zh: "网站标识图片 \"{0}\" 不存在",
        }
        MissingTranslation {
            code: "missing-translation",
            en: "the {} \"{}\" has no {} version",
            zh: "{0} \"{1}\" 没有{2}版本",
        }
        UnknownSetting {
            code: "unknown-setting",
            en: "unknown setting \"{}\"",
            zh: "未知设置 \"{0}\"",
        }
        UnknownVocabulary {
            code: "unknown-vocabulary",
            en: "unknown vocabulary \"{}\"",
            zh: "未知词表 \"{0}\"",
        }
        CannotReadConfig {
            code: "cannot-read-config",
            en: "cannot read the configuration: {}",
            zh: "无法读取配置：{0}",
        }
        ConfigNotMap {
            code: "config-not-map",
            en: "expected a map of settings, found {}",
            zh: "应为设置项的映射，实际是{0}",
        }
        DefaultLanguage {
            code: "default-language",
            en: "the default language must be one of languages",
            zh: "默认语言必须是 languages 中的一种",
        }
        UnknownLanguage {
            code: "unknown-language",
            en: "unknown language {}; chengguo speaks zh and en",
            zh: "未知语言 {0}；chengguo 支持 zh 和 en",
        }
        ThemeNotFound {
            code: "theme-not-found",
            en: "theme \"{}\" not found: there is no folder {}",
            zh: "找不到主题 \"{0}\"：没有文件夹 {1}",
        }
        VocabularyKey {
            code: "vocabulary-key",
            en: "vocabulary key \"{}\" must be lowercase ASCII letters, digits and hyphens",
            zh: "词表的键 \"{0}\" 只能由小写英文字母、数字和连字符组成",
        }
        VocabularyLabelClash {
            code: "vocabulary-label-clash",
            en: "\"{}\" has the same label as \"{}\" in vocabulary \"{}\"",
            zh: "词表 \"{2}\" 中 \"{0}\" 与 \"{1}\" 的名称相同",
        }
        VocabularyLabels {
            code: "vocabulary-labels",
            en: "\"{}\" in vocabulary \"{}\" needs {zh: …, en: …} labels",
            zh: "词表 \"{1}\" 中的 \"{0}\" 需要 {zh: …, en: …} 名称",
        }
        VocabularyShape {
            code: "vocabulary-shape",
            en: "vocabulary \"{}\" must map each key to {zh: …, en: …}",
            zh: "词表 \"{0}\" 必须把每个键映射到 {zh: …, en: …}",
        }
        VocabulariesShape {
            code: "vocabularies-shape",
            en: "expected a map of vocabularies",
            zh: "应为词表的映射",
        }
        BaseUrlNoHost {
            code: "base-url-no-host",
            en: "base_url \"{}\" has no host",
            zh: "base_url \"{0}\" 没有主机名",
        }
        BaseUrlCharacters {
            code: "base-url-characters",
            en: "base_url \"{}\" has characters a URL path cannot hold",
            zh: "base_url \"{0}\" 含有 URL 路径中不能出现的字符",
        }
        BaseUrlRelative {
            code: "base-url-relative",
            en: "base_url \"{}\" is a path, not a full URL, so the sitemap, robots.txt and feeds cannot give absolute links",
            zh: "base_url \"{0}\" 只是路径，不是完整网址，网站地图（sitemap.xml）、robots.txt 和订阅源无法给出绝对链接",
        }
        BaseUrlScheme {
            code: "base-url-scheme",
            en: "base_url must start with http://, https:// or /, not \"{}\"",
            zh: "base_url 必须以 http://、https:// 或 / 开头，而不是 \"{0}\"",
        }
        ExpectedBaseUrl {
            code: "expected-base-url",
            en: "expected a URL or a path such as /",
            zh: "应为网址或 / 这样的路径",
        }
        ExpectedLanguages {
            code: "expected-languages",
            en: "expected a list such as [zh, en]",
            zh: "应为 [zh, en] 这样的列表",
        }
        ExpectedZhEn {
            code: "expected-zh-en",
            en: "expected zh or en",
            zh: "应为 zh 或 en",
        }
        ExpectedTheme {
            code: "expected-theme",
            en: "expected the name of a folder under themes/",
            zh: "应为 themes/ 下某个文件夹的名字",
        }
        ExpectedPageSize {
            code: "expected-page-size",
            en: "expected a whole number from 1 to 10000",
            zh: "应为 1 到 10000 之间的整数",
        }
        ExpectedSize {
            code: "expected-size",
            en: "expected a size from 1 KB to 1 GB, such as 10 MB",
            zh: "应为 1 KB 到 1 GB 之间的大小，例如 10 MB",
        }
        ExpectedDepth {
            code: "expected-depth",
            en: "expected a whole number from 4 to 128",
            zh: "应为 4 到 128 之间的整数",
        }
        ExpectedLimits {
            code: "expected-limits",
            en: "expected a map such as {file_size: 10 MB}",
            zh: "应为 {file_size: 10 MB} 这样的映射",
        }
        ExpectedIdentity {
            code: "expected-identity",
            en: "expected a map such as {icp: …}",
            zh: "应为 {icp: …} 这样的映射",
        }
        ExpectedIdentityText {
            code: "expected-identity-text",
            en: "expected text, or {zh: …, en: …} with one or both languages",
            zh: "应为文本，或者写出一种或两种语言的 {zh: …, en: …}",
        }
        ExpectedText {
            code: "expected-text",
            en: "expected text",
            zh: "应为文本",
        }
        IdentityPhone {
            code: "identity-phone",
            en: "expected a phone number of digits, spaces, hyphens and brackets, such as 023-6362 0000",
            zh: "应为由数字、空格、连字符和括号组成的电话号码，例如 023-6362 0000",
        }
        IdentityEmail {
            code: "identity-email",
            en: "expected an e-mail address such as office@example.gov.cn",
            zh: "应为电子邮件地址，例如 office@example.gov.cn",
        }
        IdentitySiteCode {
            code: "identity-site-code",
            en: "expected the ten digits of the website identifier (网站标识码)",
            zh: "网站标识码应为 10 位数字",
        }
        IdentityIcp {
            code: "identity-icp",
            en: "expected an ICP filing number such as 渝ICP备12345678号-1",
            zh: "应为 ICP 备案号，例如 渝ICP备12345678号-1",
        }
        IdentityPublicSecurity {
            code: "identity-public-security",
            en: "expected a public-security filing number such as 渝公网安备50010302000001号",
            zh: "应为公安机关备案号，例如 渝公网安备50010302000001号",
        }
        IdentitySiteMark {
            code: "identity-site-mark",
            en: "expected {image: a file under static/, url: the https:// address the mark links to}",
            zh: "应为 image（static/ 下的文件）和 url（标识链接到的 https:// 地址）两项",
        }
        IdentitySiteMarkImage {
            code: "identity-site-mark-image",
            en: "site_mark.image must be a path under static/ of letters, digits, -, _, . and /",
            zh: "site_mark.image 应为 static/ 下的路径，只含字母、数字、-、_、. 和 /",
        }
        IdentitySiteMarkUrl {
            code: "identity-site-mark-url",
            en: "site_mark.url must be an http:// or https:// address",
            zh: "site_mark.url 应为 http:// 或 https:// 地址",
        }
        ExpectedMarkHide {
            code: "expected-mark-hide",
            en: "expected mark or hide",
            zh: "应为 mark 或 hide",
        }
        RepoUrl {
            code: "repo-url",
            en: "repo_url must be the https:// address of the repository, such as https://github.com/city/site",
            zh: "repo_url 必须是仓库的 https:// 地址，例如 https://github.com/city/site",
        }
        ExpectedBranch {
            code: "expected-branch",
            en: "expected a branch name such as main",
            zh: "应为 main 这样的分支名",
        }
        ExpectedRepoKind {
            code: "expected-repo-kind",
            en: "expected github, gitlab or gitea",
            zh: "应为 github、gitlab 或 gitea",
        }
        RepoKindUnknown {
            code: "repo-kind-unknown",
            en: "cannot tell whether {} is GitHub, GitLab or Gitea",
            zh: "无法判断 {0} 是 GitHub、GitLab 还是 Gitea",
        }
        ShallowClone {
            code: "shallow-clone",
            en: "the repository is a shallow clone, so pages show no last-updated dates from its history",
            zh: "仓库是浅克隆，页面无法显示来自提交历史的最后更新日期",
        }
        GitFailed {
            code: "git-failed",
            en: "git cannot read the repository, so pages show no last-updated dates from its history: {}",
            zh: "git 无法读取仓库，页面无法显示来自提交历史的最后更新日期：{0}",
        }
        ExpectedBool {
            code: "expected-bool",
            en: "expected true or false",
            zh: "应为 true 或 false",
        }
        BadPolicyChar {
            code: "bad-policy-char",
            en: "a policy cannot hold the character {}",
            zh: "安全策略中不能含有字符 {0}",
        }
        BadPolicy {
            code: "bad-policy",
            en: "expected a policy such as \"default-src 'self'\", or false",
            zh: "应为 \"default-src 'self'\" 这样的安全策略，或 false",
        }
        ExpectedLabels {
            code: "expected-labels",
            en: "expected {zh: …, en: …} with both languages",
            zh: "应为包含两种语言的 {zh: …, en: …}",
        }
        NoConfig {
            code: "no-config",
            en: "{} has no config.yaml; pass the site's folder with --root",
            zh: "{0} 中没有 config.yaml；请用 --root 指定站点的文件夹",
        }
        NoConfigOrBaseUrl {
            code: "no-config-or-base-url",
            en: "{} has no config.yaml; pass the site's folder with --root, or --base-url",
            zh: "{0} 中没有 config.yaml；请用 --root 指定站点的文件夹，或者用 --base-url",
        }
        FixConfig {
            code: "fix-config",
            en: "fix config.yaml (or pass the site's folder with --root) first",
            zh: "请先修正 config.yaml（或者用 --root 指定站点的文件夹）",
        }
        OutputNotFolder {
            code: "output-not-folder",
            en: "{} is not a folder; build the site first",
            zh: "{0} 不是文件夹；请先生成站点",
        }
        SlugTaken {
            code: "slug-taken",
            en: "the slug is taken: {} already exists",
            zh: "slug 已被使用：{0} 已经存在",
        }
        NotASiteLanguage {
            code: "not-a-site-language",
            en: "the site is not written in \"{}\"; its languages are in config.yaml",
            zh: "站点不使用语言 \"{0}\"；站点的语言列在 config.yaml 中",
        }
        CannotWriteSchemas {
            code: "cannot-write-schemas",
            en: "cannot write the schemas to {}: {}",
            zh: "无法把模式文件写入 {0}：{1}",
        }
        CannotWriteFile {
            code: "cannot-write-file",
            en: "cannot write {}: {}",
            zh: "无法写入 {0}：{1}",
        }
        WrongKind {
            code: "wrong-kind",
            en: "expected {}, found {}",
            zh: "应为{0}，实际是{1}",
        }
        UsageUnknownArgument {
            code: "usage-unknown-argument",
            en: "unexpected argument `{}`",
            zh: "未知的参数 `{0}`",
        }
        UsageUnknownCommand {
            code: "usage-unknown-command",
            en: "unknown command `{}`",
            zh: "未知的命令 `{0}`",
        }
        UsageInvalidValue {
            code: "usage-invalid-value",
            en: "`{}` is not a value of `{}`; the values are `{}`",
            zh: "`{0}` 不是 `{1}` 的可选值；可选的值是 `{2}`",
        }
        UsageMissingArgument {
            code: "usage-missing-argument",
            en: "a required argument is missing: `{}`",
            zh: "缺少必需的参数：`{0}`",
        }
        UsageOther {
            code: "usage-other",
            en: "the command line is not valid",
            zh: "命令行用法有误",
        }
        BadPatentNumber {
            code: "bad-patent-number",
            en: "\"{}\" is not a Chinese patent number: expected 12 digits (8 before 2004) and a check digit",
            zh: "\"{0}\" 不是中国专利号：应为 12 位数字（2004 年以前为 8 位）加一位校验位",
        }
        BadPatentCheckDigit {
            code: "bad-patent-check-digit",
            en: "the check digit of \"{}\" is wrong: the digits give {}",
            zh: "\"{0}\" 的校验位不对：按前面的数字应为 {1}",
        }
        IpIncomplete {
            code: "ip-incomplete",
            en: "each IP record needs a kind and a number",
            zh: "每条知识产权记录都要有 kind（类型）和 number（编号）",
        }
        ContactFreeText {
            code: "contact-free-text",
            en: "a contact written as free text is shown as it is, without links",
            zh: "以自由文本填写的联系方式按原样显示，不带电话和邮件链接",
        }
        BadPhone {
            code: "bad-phone",
            en: "\"{}\" is not a phone number",
            zh: "\"{0}\" 不是电话号码",
        }
        BadEmail {
            code: "bad-email",
            en: "\"{}\" is not an e-mail address",
            zh: "\"{0}\" 不是电子邮箱地址",
        }
        AttachmentIncomplete {
            code: "attachment-incomplete",
            en: "each attachment needs a file and a title",
            zh: "每个附件都要有 file（文件）和 title（标题）",
        }
        MissingAttachment {
            code: "missing-attachment",
            en: "the attachment \"{}\" does not exist",
            zh: "附件 \"{0}\" 不存在",
        }
        TransferModesTwice {
            code: "transfer-modes-twice",
            en: "transfer_modes is written both at the top and under cooperation",
            zh: "transfer_modes 同时写在了顶层和 cooperation 之下",
        }
        UnknownRecordKey {
            code: "unknown-record-key",
            en: "unknown key \"{}\" in {}",
            zh: "{1}中有未知的键 \"{0}\"",
        }
        ContactSettingsNotMap {
            code: "contact-settings-not-map",
            en: "expected a map of contact settings",
            zh: "应为联系方式设置的映射",
        }
        ExpectedEmail {
            code: "expected-email",
            en: "expected an e-mail address",
            zh: "应为电子邮箱地址",
        }
        ExpectedWebAddress {
            code: "expected-web-address",
            en: "expected a web address such as https://…",
            zh: "应为 https://… 这样的网址",
        }
        ExpectedShow {
            code: "expected-show",
            en: "expected full or masked",
            zh: "应为 full（完整显示）或 masked（部分隐藏）",
        }
        SheetNoSlug {
            code: "sheet-no-slug",
            en: "the row has no slug",
            zh: "这一行没有 slug",
        }
        SheetEntryExists {
            code: "sheet-entry-exists",
            en: "the {} \"{}\" already exists",
            zh: "{0} \"{1}\" 已经存在",
        }
        SheetUnknownColumn {
            code: "sheet-unknown-column",
            en: "unknown column \"{}\"",
            zh: "未知的列 \"{0}\"",
        }
        SheetNoSlugColumn {
            code: "sheet-no-slug-column",
            en: "the sheet has no slug column",
            zh: "表格没有 slug 列",
        }
        SheetSlugTwice {
            code: "sheet-slug-twice",
            en: "the slug \"{}\" is also on row {}",
            zh: "slug \"{0}\" 在第 {1} 行也出现了",
        }
        SheetUpdateMarkdown {
            code: "sheet-update-markdown",
            en: "\"{}\" is written as Markdown; --update changes only slug.yaml entries",
            zh: "\"{0}\" 以 Markdown 形式编写；--update 只改动 slug.yaml 形式的条目",
        }
        SheetBaseUnparsed {
            code: "sheet-base-unparsed",
            en: "{} does not parse; fix it first",
            zh: "{0} 无法解析；请先修正它",
        }
        SheetListLengths {
            code: "sheet-list-lengths",
            en: "the Chinese list has {} items and the English {}; they go item by item",
            zh: "中文列表有 {0} 项，英文列表有 {1} 项；两者须逐项对应",
        }
        SheetEncoding {
            code: "sheet-encoding",
            en: "the file is neither UTF-8 nor GB18030 text",
            zh: "文件既不是 UTF-8 也不是 GB18030 编码的文本",
        }
        SheetNotXlsx {
            code: "sheet-not-xlsx",
            en: "not an XLSX workbook: {}",
            zh: "不是 XLSX 工作簿：{0}",
        }
        SheetNoWorksheet {
            code: "sheet-no-worksheet",
            en: "the workbook has no worksheet",
            zh: "工作簿中没有工作表",
        }
        SheetNotCsv {
            code: "sheet-not-csv",
            en: "not CSV: {}",
            zh: "不是 CSV 文件：{0}",
        }
        EntryUnparsed {
            code: "entry-unparsed",
            en: "the entry does not parse",
            zh: "条目无法解析",
        }
        UnknownReference {
            code: "unknown-reference",
            en: "unknown {} \"{}\"",
            zh: "未知的{0} \"{1}\"",
        }
        SheetBadEncoding {
            code: "sheet-bad-encoding",
            en: "the file is not valid {}",
            zh: "文件不是有效的 {0} 文本",
        }
        SheetUnreadableWorksheet {
            code: "sheet-unreadable-worksheet",
            en: "cannot read the worksheet {}: {}",
            zh: "无法读取工作表 {0}：{1}",
        }
        CannotReadPath {
            code: "cannot-read-path",
            en: "cannot read {}: {}",
            zh: "无法读取 {0}：{1}",
        }
        InitNotEmpty {
            code: "init-not-empty",
            en: "{} is not empty; init makes a site in a new or empty folder",
            zh: "{0} 不是空文件夹；init 只在新建或空的文件夹中创建站点",
        }
        InitNotAFolder {
            code: "init-not-a-folder",
            en: "{} is a file; name a new or empty folder",
            zh: "{0} 是文件；请指定新建或空的文件夹",
        }
        CannotServe {
            code: "cannot-serve",
            en: "cannot serve: {}",
            zh: "无法启动预览：{0}",
        }
    }
}

catalog! {
    /// What to do about a diagnostic, in both languages, as [`Message`].
    pub enum Help {
        DidYouMean {
            code: "did-you-mean",
            en: "did you mean {}?",
            zh: "你是不是要写 {0}？",
        }
        RunHelp {
            code: "run-help",
            en: "run chengguo help to see how to use it",
            zh: "运行 chengguo help 查看用法",
        }
        SaveAsUtf8 {
            code: "",
            en: "save it as UTF-8 in your editor",
            zh: "请在编辑器中以 UTF-8 编码保存",
        }
        AddALineAfter {
            code: "",
            en: "add a line `---` after the last field",
            zh: "在最后一个字段之后加一行 `---`",
        }
        CheckTheIndentationAnd {
            code: "",
            en: "check the indentation and quote text that holds a colon followed by a space",
            zh: "请检查缩进；含有“冒号加空格”的文本要加引号",
        }
        UseAnASCIIColon {
            code: "",
            en: "use an ASCII colon: write `: ` (a colon and a space) after the key",
            zh: "请改用半角冒号：在键后面写 `: `（冒号加一个空格）",
        }
        KeepOneAlsoOnLine {
            code: "",
            en: "keep one of the two: the key is also on line {}",
            zh: "只保留其中一个：这个键在第 {0} 行也写了",
        }
        KeepOne {
            code: "",
            en: "keep one of the two",
            zh: "只保留其中一个",
        }
        ReplaceTheTabWith {
            code: "",
            en: "replace the tab with spaces",
            zh: "请把制表符换成空格",
        }
        CheckTheIndentationOr {
            code: "",
            en: "check the indentation, or quote text that holds a colon followed by a space",
            zh: "请检查缩进，或者给含有“冒号加空格”的文本加引号",
        }
        CloseTheListWith {
            code: "",
            en: "close the list with ] and separate its items with commas",
            zh: "请用 ] 结束列表，并用逗号分隔各项",
        }
        CloseTheMapWith {
            code: "",
            en: "close the map with } and separate its entries with commas",
            zh: "请用 } 结束映射，并用逗号分隔各项",
        }
        EndTheTextWith {
            code: "",
            en: "end the text with the same quotation mark it starts with",
            zh: "请用开头的那种引号结束这段文本",
        }
        EscapeBackslash {
            code: "",
            en: "write \\\\ for a backslash, or put the text in single quotes",
            zh: "反斜杠请写成 \\\\，或者把文本放在单引号中",
        }
        PutTextThatStarts {
            code: "",
            en: "put text that starts with * in quotes",
            zh: "以 * 开头的文本请加引号",
        }
        PutTheTextIn {
            code: "",
            en: "put the text in quotes",
            zh: "请给文本加引号",
        }
        TheFieldsOfAre {
            code: "",
            en: "the fields of {} are listed in the README",
            zh: "{0}的字段列在 README 中",
        }
        TheValuesAreListed {
            code: "",
            en: "the values are listed under vocabularies.{} in config.yaml",
            zh: "可选的值列在 config.yaml 的 vocabularies.{0} 下",
        }
        WriteTheTextIn {
            code: "",
            en: "write the text in this file's language only",
            zh: "只用这个文件的语言书写",
        }
        WriteTheFileName {
            code: "",
            en: "write the file name of the {} without its extension",
            zh: "写{0}的文件名，不带扩展名",
        }
        WriteItAsHttps {
            code: "",
            en: "write it as https://…",
            zh: "请写成 https://…",
        }
        ExampleStaticPath {
            code: "",
            en: "e.g. images/cover.jpg",
            zh: "例如 images/cover.jpg",
        }
        ALinkHasTitle {
            code: "",
            en: "a link has title and url",
            zh: "链接包含 title 和 url",
        }
        WriteItInOne {
            code: "",
            en: "write it in one of the two files only",
            zh: "只在两个文件中的一个里填写",
        }
        EveryEntryNeedsA {
            code: "",
            en: "every entry needs a title in each language it is written in",
            zh: "条目的每种语言都需要标题",
        }
        EachEntryHasOne {
            code: "",
            en: "each entry has one slug; rename one of the files",
            zh: "每个条目只有一个 slug；请重命名其中一个文件",
        }
        NoSuchFile {
            code: "no-such-file",
            en: "no file content/{}/{}.* exists",
            zh: "不存在文件 content/{0}/{1}.*",
        }
        PutFile {
            code: "put-file",
            en: "nothing in static/ or the built site is at /{}; add the file under static/ or fix the link",
            zh: "static/ 和生成的站点中都没有 /{0}；请把文件放到 static/ 下，或者修改链接",
        }
        NothingAt {
            code: "nothing-at",
            en: "the output has no file {}",
            zh: "输出中没有文件 {0}",
        }
        RebuildBaseUrl {
            code: "rebuild-base-url",
            en: "build and check with the same base_url (or --base-url)",
            zh: "请用相同的 base_url（或 --base-url）生成和检查",
        }
        SetRepoKindGithub {
            code: "",
            en: "set repo_kind: github, gitlab or gitea",
            zh: "请把 repo_kind 设为 github、gitlab 或 gitea",
        }
        FetchHistory {
            code: "fetch-history",
            en: "fetch the whole history: fetch-depth: 0 with actions/checkout, GIT_DEPTH: 0 on GitLab, git fetch --unshallow by hand",
            zh: "请获取完整历史：actions/checkout 设 fetch-depth: 0，GitLab 设 GIT_DEPTH: 0，手动运行 git fetch --unshallow",
        }
        PutImage {
            code: "put-image",
            en: "put the image at static/{}",
            zh: "把图片放到 static/{0}",
        }
        Required {
            code: "required",
            en: "required: {} / {}",
            zh: "必填：{1}（{0}）",
        }
        AddFile {
            code: "add-file",
            en: "add {}, or ignore this if the entry is meant to be in one language",
            zh: "添加 {0}；如果这个条目只打算用一种语言发布，可以忽略",
        }
        AddYamlLanguage {
            code: "add-yaml-language",
            en: "give the {} texts in {}, or ignore this if the entry is meant to be in one language",
            zh: "在 {1} 中填写 {0} 文本；如果这个条目只打算用一种语言发布，可以忽略",
        }
        WriteItInMarkdown {
            code: "",
            en: "write it in Markdown; allow_html: true in config.yaml lets HTML through, for trusted editors only",
            zh: "请改用 Markdown 书写；config.yaml 中的 allow_html: true 会放行 HTML，只适用于可信的编辑者",
        }
        AHeadingTakesId {
            code: "",
            en: "a heading takes {#id .class} only",
            zh: "标题只能带 {#id .class}",
        }
        LinkToHttpS {
            code: "",
            en: "link to http(s)://, mailto:, tel:, a site path or @/type/slug",
            zh: "链接只能指向 http(s)://、mailto:、tel:、站内路径或 @/类型/slug",
        }
        SplitItOrRaise {
            code: "",
            en: "split it, or raise limits.file_size in config.yaml",
            zh: "请拆分文件，或者调高 config.yaml 中的 limits.file_size",
        }
        MoveLongTextInto {
            code: "",
            en: "move long text into the Markdown body, or raise limits.front_matter_size in config.yaml",
            zh: "请把长文本移到 Markdown 正文中，或者调高 config.yaml 中的 limits.front_matter_size",
        }
        NestLessOrRaise {
            code: "",
            en: "nest less, or raise limits.depth in config.yaml",
            zh: "请减少嵌套层数，或者调高 config.yaml 中的 limits.depth",
        }
        CopyTheFileOr {
            code: "",
            en: "copy the file or folder into the site instead of linking to it",
            zh: "请把文件或文件夹复制到站点中，而不是链接过去",
        }
        RemoveItOrClose {
            code: "",
            en: "remove it, or close it with U+202C (PDF) or U+2069 (PDI)",
            zh: "请删除它，或者用 U+202C（PDF）或 U+2069（PDI）把它闭合",
        }
        ItsAliasesNameRepeat {
            code: "",
            en: "its aliases (*name) repeat a value too many times; write the values out",
            zh: "其中的别名（*name）把一个值重复了太多次；请直接写出这些值",
        }
        RemoveDraftTrueFrom {
            code: "",
            en: "remove `draft: true` from it, or remove the reference; build --drafts includes drafts to preview them",
            zh: "去掉它的 `draft: true`，或者删除这个引用；build --drafts 会包含草稿，以便预览",
        }
        BaseUrlFull {
            code: "base-url-full",
            en: "set base_url to the address the site is published at, such as https://example.org/ (or build with --base-url)",
            zh: "请把 base_url 设为网站发布的完整地址，例如 https://example.org/（或在生成时使用 --base-url）",
        }
        TheKeysAre {
            code: "",
            en: "the keys are {}",
            zh: "可用的键：{0}",
        }
        PatentNumberShape {
            code: "",
            en: "a Chinese patent number is ZL, the 12-digit application number, a dot and its check digit: ZL202110123456.7",
            zh: "中国专利号由 ZL、12 位申请号、圆点和校验位组成，例如 ZL202110123456.7",
        }
        ContactStructured {
            code: "",
            en: "write it as {name, organisation, phone, email, url} so readers can call or write with one tap",
            zh: "请写成 {name, organisation, phone, email, url}，读者便可一点即拨打电话或发送邮件",
        }
        PhoneDigits {
            code: "",
            en: "write digits, with +, -, spaces or brackets: 023-12345678",
            zh: "请写数字，可带 +、-、空格或括号，例如 023-12345678",
        }
        EmailExample {
            code: "",
            en: "e.g. transfer@example.edu.cn",
            zh: "例如 transfer@example.edu.cn",
        }
        PutAttachment {
            code: "",
            en: "put the file at static/{}",
            zh: "请把文件放到 static/{0}",
        }
        KeepOneList {
            code: "",
            en: "keep one of the two lists",
            zh: "请只保留其中一个列表",
        }
        UpdateChangesSheetFields {
            code: "",
            en: "import --update changes the fields the sheet has",
            zh: "import --update 只改动表格中有列的字段",
        }
        ColumnsAreFieldKeys {
            code: "",
            en: "the columns are the field keys and labels of the README's field tables",
            zh: "列名是 README 字段表中的字段键或名称",
        }
        AddSlugColumn {
            code: "",
            en: "add a column slug: each entry's file name, e.g. nano-displacement",
            zh: "请添加 slug 列：每个条目的文件名，例如 nano-displacement",
        }
        Undraft {
            code: "undraft",
            en: "remove `draft: true` from it, or remove the link",
            zh: "去掉它的 `draft: true`，或者删除这个链接",
        }
    }
}

catalog! {
    /// What a command says about its work (a summary, a progress line, a
    /// note), not about the content: printed in one language as it is, with
    /// [`Note::in_language`], never matched back from English.
    pub enum Note {
        Serving {
            code: "serving",
            en: "serving {} (Ctrl-C to stop)",
            zh: "正在预览 {0} （按 Ctrl-C 停止）",
        }
        BuiltForPreview {
            code: "built-for-preview",
            en: "built {} entries in {} ms",
            zh: "已生成 {0} 个条目，用时 {1} 毫秒",
        }
        Rebuilt {
            code: "rebuilt",
            en: "rebuilt {} entries in {} ms",
            zh: "已重新生成 {0} 个条目，用时 {1} 毫秒",
        }
        RebuildFailed {
            code: "rebuild-failed",
            en: "build failed; still serving the last good site",
            zh: "生成失败；仍在预览上一次成功生成的站点",
        }
        ServeExposed {
            code: "serve-exposed",
            en: "warning: the preview listens on {}, so other machines on the network can reach it (unreviewed edits included); use --bind 127.0.0.1 to keep it to this machine",
            zh: "警告：预览服务器监听 {0}，同一网络中的其他计算机都能访问它（包括未审核的修改）；只在本机预览请使用 --bind 127.0.0.1",
        }
        OpenNoDisplay {
            code: "open-no-display",
            en: "note: no display (DISPLAY and WAYLAND_DISPLAY are unset), so no browser was opened; open {} yourself",
            zh: "注意：没有图形界面（DISPLAY 和 WAYLAND_DISPLAY 都未设置），无法打开浏览器；请手动打开 {0}",
        }
        OpenNotStarted {
            code: "open-not-started",
            en: "note: {} could not be started ({}), so no browser was opened; open {} yourself",
            zh: "注意：无法启动 {0}（{1}），无法打开浏览器；请手动打开 {2}",
        }
        OpenFailed {
            code: "open-failed",
            en: "note: {} could not open a browser ({}); open {} yourself",
            zh: "注意：{0} 未能打开浏览器（{1}）；请手动打开 {2}",
        }
        OpenNotWaited {
            code: "open-not-waited",
            en: "note: cannot wait for {} ({}); open {} yourself",
            zh: "注意：无法等待 {0}（{1}）；请手动打开 {2}",
        }
        OpenNoThread {
            code: "open-no-thread",
            en: "note: cannot start a thread to wait for the browser opener: {}",
            zh: "注意：无法启动等待浏览器打开程序的线程：{0}",
        }
        LinksChecked {
            code: "links-checked",
            en: "checked {} links in {} files: {} broken",
            zh: "检查了 {1} 个文件中的 {0} 个链接，{2} 个无效",
        }
        ImportFailed {
            code: "import-failed",
            en: "import failed; nothing was written",
            zh: "导入失败，没有写入任何文件",
        }
        ImportChecked {
            code: "import-checked",
            en: "all rows sound: {} entries would be written (--dry-run, nothing written)",
            zh: "检查通过：将写入 {0} 个条目（--dry-run，未写入）",
        }
        Imported {
            code: "imported",
            en: "imported {} entries",
            zh: "已导入 {0} 个条目",
        }
        Built {
            code: "built",
            en: "built {} entries: {} pages, {} files in {} ms → {}",
            zh: "已生成 {0} 个条目：{1} 个页面，{2} 个文件，用时 {3} 毫秒 → {4}",
        }
        BuildFailed {
            code: "build-failed",
            en: "build failed; {} left as it was",
            zh: "生成失败；{0} 保持原样",
        }
        OneError {
            code: "one-error",
            en: "{} error",
            zh: "{0} 个错误",
        }
        Errors {
            code: "errors",
            en: "{} errors",
            zh: "{0} 个错误",
        }
        SiteMade {
            code: "site-made",
            en: "made a new site in {}; next: cd {} && chengguo serve",
            zh: "已在 {0} 创建新站点；下一步：cd {1} && chengguo serve",
        }
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

/// Fill a Chinese template: `{0}`, `{1}`, … by the arguments' places, in one
/// pass, so an argument that itself holds `{1}` is left as it is.
fn fill_numbered(template: &str, args: &[&str]) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let place = after
            .find('}')
            .and_then(|close| Some((after[..close].parse::<usize>().ok()?, close)));
        match place {
            Some((index, close)) => {
                out.push_str(args.get(index).copied().unwrap_or(""));
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
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
            .chain(Note::ALL.iter().map(|n| (n.en(), n.zh())))
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

    #[test]
    fn every_message_is_read_back_as_its_own_kind() {
        // A general template above a specific one would take its text and
        // translate it wrongly (`cannot write {}: {}` above `cannot write the
        // schemas to {}: {}`): each kind must be the first to match its text.
        for kind in Message::ALL {
            let count = kind.en().matches("{}").count();
            let args: Vec<String> = (0..count).map(|i| format!("A{i}")).collect();
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let text = kind.english(&args);
            assert_eq!(code(&text), kind.code(), "{text}");
            assert_eq!(message(&text, Lang::Zh), kind.in_language(Lang::Zh, &args));
        }
    }

    #[test]
    fn notes_put_their_arguments_in_the_language_s_order() {
        let args = ["340", "12", "1"];
        assert_eq!(
            Note::LinksChecked.in_language(Lang::En, &args),
            "checked 340 links in 12 files: 1 broken"
        );
        assert_eq!(
            Note::LinksChecked.in_language(Lang::Zh, &args),
            "检查了 12 个文件中的 340 个链接，1 个无效"
        );
        // What the user gave is put in as it is, braces included.
        assert_eq!(
            Note::Serving.in_language(Lang::Zh, &["http://x/{1}"]),
            "正在预览 http://x/{1} （按 Ctrl-C 停止）"
        );
    }
}
