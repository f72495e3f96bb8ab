//! The message catalog: every diagnostic text in English and Chinese, keyed by a stable code.
//!
//! The stages build their diagnostics in English (the text tests and scripts
//! match on). This table is the one place that knows both languages: it names
//! each message with a code that does not change when the wording does (for
//! `check --format json` and CI annotations) and gives its Chinese wording.
//! A message is matched against the English templates, where `{}` stands for
//! one argument; the arguments are carried over into the Chinese template as
//! `{0}`, `{1}`, …. A message no template matches keeps its English text and
//! gets the code `other`.

use crate::lang::Lang;

/// One message: its code, its English template and its Chinese template.
pub struct Message {
    pub code: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
}

const fn m(code: &'static str, en: &'static str, zh: &'static str) -> Message {
    Message { code, en, zh }
}

/// The code of a failure to write the output, which the command line turns
/// into exit code 3 (a full disk, a read-only folder), apart from content errors.
pub const CANNOT_WRITE: &str = "cannot-write";
/// Another build holds the output's lock: the output cannot be written either.
pub const OUTPUT_LOCKED: &str = "output-locked";

/// Messages (the text after `field "x": `). More specific templates come first.
pub const MESSAGES: &[Message] = &[
    // Files and front matter.
    m(
        "not-utf8",
        "the file is not UTF-8 text",
        "文件不是 UTF-8 编码的文本",
    ),
    m(
        "front-matter-missing",
        "a Markdown entry must start with front matter: a line `---`, the fields, then another `---`",
        "Markdown 条目必须以前言（front matter）开头：一行 `---`，然后是各字段，再一行 `---`",
    ),
    m(
        "front-matter-unclosed",
        "unclosed front matter: the `---` on line 1 has no closing `---` line",
        "前言没有结束：第 1 行的 `---` 之后缺少结束的 `---` 行",
    ),
    m(
        "body-in-field",
        "a Markdown entry has its body below the front matter, not in a field",
        "Markdown 条目的正文写在前言下方，而不是写在字段里",
    ),
    m(
        "not-fields",
        "expected fields such as `title: …`, found {}",
        "应为 `title: …` 这样的字段，实际是{0}",
    ),
    m(
        "bad-file-language",
        "\"{}\" does not say its language; name it {}.zh.md or {}.en.md",
        "\"{0}\" 没有标明语言；请命名为 {1}.zh.md 或 {2}.en.md",
    ),
    m(
        "bad-file-slug",
        "\"{}\" is not a valid slug: use lowercase ASCII letters, digits and hyphens (e.g. nano-displacement-measurement)",
        "\"{0}\" 不是有效的 slug：只能用小写英文字母、数字和连字符（例如 nano-displacement-measurement）",
    ),
    m("cannot-read", "cannot read: {}", "无法读取：{0}"),
    m(
        OUTPUT_LOCKED,
        "cannot write the site: another build (process {}) is writing {}; wait for it to end (lock file {})",
        "无法写入站点：另一个构建（进程 {0}）正在写入 {1}；请等它结束（锁文件 {2}）",
    ),
    m(
        "symlink-skipped",
        "this is a symbolic link and was skipped: chengguo does not follow links",
        "这是符号链接，已跳过：chengguo 不跟随链接",
    ),
    m(
        "duplicate-slug",
        "duplicate slug \"{}\": {} is already written in {}",
        "slug \"{0}\" 重复：这个{1}已经写在 {2} 中",
    ),
    m("yaml-syntax", "malformed YAML: {}", "YAML 格式错误：{0}"),
    m(
        "full-width-colon",
        "\"{}\" is followed by a full-width colon ：, which YAML does not read as a key's colon",
        "\"{0}\" 后面是全角冒号“：”，YAML 不把它当作键后面的冒号",
    ),
    m(
        "duplicate-key",
        "the key \"{}\" is written twice in the same map",
        "同一个映射中的键 \"{0}\" 写了两次",
    ),
    m(
        "yaml-colon-here",
        "a colon and a space here start a key where none can stand",
        "这里的“冒号加空格”开始了一个键，但这个位置不能有键",
    ),
    m(
        "yaml-tab",
        "a tab in the indentation: YAML indents with spaces only",
        "缩进中有制表符（Tab）：YAML 只能用空格缩进",
    ),
    m(
        "yaml-unclosed-list",
        "the list opened here with [ is not closed with ]",
        "这里用 [ 开始的列表没有用 ] 结束",
    ),
    m(
        "yaml-unclosed-map",
        "the map opened here with { is not closed with }",
        "这里用 { 开始的映射没有用 } 结束",
    ),
    m(
        "yaml-unclosed-quote",
        "the quotation mark here is not closed",
        "这里的引号没有闭合",
    ),
    m(
        "yaml-bad-escape",
        "a backslash in double-quoted text starts an escape YAML does not know",
        "双引号文本中的反斜杠开始了一个 YAML 不认识的转义",
    ),
    m(
        "yaml-unknown-alias",
        "an alias *name refers to no anchor &name written before it",
        "别名 *name 指向的锚点 &name 没有在它前面定义",
    ),
    m(
        "yaml-bad-start",
        "a value cannot start with {}",
        "值不能以 {0} 开头",
    ),
    // The output folder (exit code 3, not 1: the content is not at fault).
    m(
        CANNOT_WRITE,
        "cannot write the site: {}",
        "无法写入网站：{0}",
    ),
    m(
        "file-too-large",
        "the file is larger than {}, the limit for one entry file",
        "文件大于 {0}，超过了单个条目文件的上限",
    ),
    m(
        "front-matter-too-large",
        "the front matter is larger than {}, the limit",
        "前言大于 {0}，超过了上限",
    ),
    m(
        "yaml-too-deep",
        "the YAML nests deeper than {} levels",
        "YAML 嵌套超过 {0} 层",
    ),
    // Fields.
    m("missing-field", "missing field \"{}\"", "缺少字段 \"{0}\""),
    m("unknown-field", "unknown field \"{}\"", "未知字段 \"{0}\""),
    m("unknown-value", "unknown value \"{}\"", "未知的值 \"{0}\""),
    m(
        "bad-date",
        "\"{}\" is not a date; write 2023, 2023-05 or 2023-05-30",
        "\"{0}\" 不是日期；请写成 2023、2023-05 或 2023-05-30",
    ),
    m(
        "bad-day",
        "\"{}\" is not a day of the calendar",
        "\"{0}\" 不是日历上存在的日期",
    ),
    m(
        "bad-slug",
        "\"{}\" is not a slug; a slug is lowercase ASCII letters, digits and hyphens",
        "\"{0}\" 不是 slug；slug 只能由小写英文字母、数字和连字符组成",
    ),
    m("bad-url", "\"{}\" is not a web address", "\"{0}\" 不是网址"),
    m(
        "bad-static-path",
        "\"{}\" is not a path under static/",
        "\"{0}\" 不是 static/ 下的路径",
    ),
    m(
        "localized-map-in-markdown",
        "a {zh, en} map belongs in a slug.yaml entry; this file is in {}",
        "{zh, en} 映射只能用在 slug.yaml 条目中；这个文件是{0}的",
    ),
    m(
        "text-not-text",
        "the {} text must be text, not {}",
        "{0} 的内容必须是文本，而不是{1}",
    ),
    m(
        "unknown-text-language",
        "unknown language \"{}\"; use zh and en",
        "未知语言 \"{0}\"；请用 zh 和 en",
    ),
    m(
        "unknown-link-key",
        "unknown key \"{}\" in a link",
        "链接中有未知的键 \"{0}\"",
    ),
    m(
        "link-incomplete",
        "each link needs a title and a url",
        "每个链接都需要 title 和 url",
    ),
    m(
        "unknown-figure-key",
        "unknown key \"{}\" in a figure",
        "指标中有未知的键 \"{0}\"",
    ),
    m(
        "figure-incomplete",
        "each figure needs a label and a value",
        "每个指标都需要 label 和 value",
    ),
    m(
        "bad-coordinates",
        "expected {lat: …, lon: …} in degrees",
        "应为以度为单位的 {lat: …, lon: …}",
    ),
    m(
        "values-differ",
        "the value differs from the one in {} (line {}); language-independent fields must agree",
        "这个值与 {0}（第 {1} 行）中的不同；与语言无关的字段必须一致",
    ),
    // What the Markdown allow-list removed or escaped (warnings).
    m(
        "raw-html-escaped",
        "raw HTML was escaped and shows as text: allow_html is off",
        "原始 HTML 已转义，会以文字显示：allow_html 未开启",
    ),
    m(
        "heading-attribute-removed",
        "the heading attribute \"{}\" was removed: a heading takes only an id and classes",
        "标题属性 \"{0}\" 已删除：标题只能带 id 和 class",
    ),
    m(
        "heading-id-removed",
        "the heading id \"{}\" was removed: an id is letters, digits, - and _",
        "标题 id \"{0}\" 已删除：id 只能由字母、数字、- 和 _ 组成",
    ),
    m(
        "heading-class-removed",
        "the heading class \"{}\" was removed: a class is ASCII letters, digits, - and _",
        "标题 class \"{0}\" 已删除：class 只能由英文字母、数字、- 和 _ 组成",
    ),
    m(
        "link-scheme-removed",
        "the link to \"{}\" was removed: its scheme is not allowed",
        "指向 \"{0}\" 的链接已删除：不允许这种协议",
    ),
    m(
        "image-scheme-removed",
        "the image \"{}\" was removed: its scheme is not allowed",
        "图片 \"{0}\" 已删除：不允许这种协议",
    ),
    m(
        "unbalanced-bidi",
        "unbalanced bidirectional control character U+{}: the text may display in another order than it is written",
        "双向文本控制字符 U+{0} 不成对：文字显示的顺序可能与书写的顺序不同",
    ),
    // References.
    m(
        "self-reference",
        "the {} refers to itself",
        "这个{0}引用了它自己",
    ),
    m(
        "parent-cycle",
        "parks are their own ancestors: {} → {}",
        "园区的上级形成了循环：{0} → {1}",
    ),
    // Links and files inside Markdown and fields (raised by `check`).
    m(
        "unknown-link-target",
        "link to an unknown {} \"{}\"",
        "链接指向不存在的{0} \"{1}\"",
    ),
    m(
        "link-to-draft",
        "link to the draft {} \"{}\", which is not published",
        "链接指向草稿{0} \"{1}\"，它不会发布",
    ),
    m(
        "reference-to-draft",
        "reference to the draft {} \"{}\", which is not published",
        "引用了草稿{0} \"{1}\"，它不会发布",
    ),
    m(
        "bad-entry-link",
        "\"{}\" is not a link to an entry; write @/achievements/slug, @/parks/slug or @/policies/slug",
        "\"{0}\" 不是指向条目的链接；请写成 @/achievements/slug、@/parks/slug 或 @/policies/slug",
    ),
    m(
        "missing-file",
        "\"{}\" does not exist in the site",
        "站点中不存在 \"{0}\"",
    ),
    // Links in a built site (raised by `check --output`).
    m(
        "broken-link",
        "link to \"{}\" leads to no file of the built site",
        "链接 \"{0}\" 在生成的站点中找不到对应的文件",
    ),
    m(
        "link-outside-base",
        "link to \"{}\" is outside the site's base path {}",
        "链接 \"{0}\" 不在站点的基础路径 {1} 之下",
    ),
    m(
        "blank-required",
        "the required field \"{}\" is blank",
        "必填字段 \"{0}\" 是空的",
    ),
    m(
        "missing-cover",
        "the cover image \"{}\" does not exist",
        "封面图片 \"{0}\" 不存在",
    ),
    m(
        "missing-site-mark",
        "the site mark image \"{}\" does not exist",
        "网站标识图片 \"{0}\" 不存在",
    ),
    m(
        "missing-translation",
        "the {} \"{}\" has no {} version",
        "{0} \"{1}\" 没有{2}版本",
    ),
    // Configuration.
    m(
        "unknown-setting",
        "unknown setting \"{}\"",
        "未知设置 \"{0}\"",
    ),
    m(
        "unknown-vocabulary",
        "unknown vocabulary \"{}\"",
        "未知词表 \"{0}\"",
    ),
    m(
        "cannot-read-config",
        "cannot read the configuration: {}",
        "无法读取配置：{0}",
    ),
    m(
        "config-not-map",
        "expected a map of settings, found {}",
        "应为设置项的映射，实际是{0}",
    ),
    m(
        "default-language",
        "the default language must be one of languages",
        "默认语言必须是 languages 中的一种",
    ),
    m(
        "unknown-language",
        "unknown language {}; chengguo speaks zh and en",
        "未知语言 {0}；chengguo 支持 zh 和 en",
    ),
    m(
        "theme-not-found",
        "theme \"{}\" not found: there is no folder {}",
        "找不到主题 \"{0}\"：没有文件夹 {1}",
    ),
    m(
        "vocabulary-key",
        "vocabulary key \"{}\" must be lowercase ASCII letters, digits and hyphens",
        "词表的键 \"{0}\" 只能由小写英文字母、数字和连字符组成",
    ),
    m(
        "vocabulary-label-clash",
        "\"{}\" has the same label as \"{}\" in vocabulary \"{}\"",
        "词表 \"{2}\" 中 \"{0}\" 与 \"{1}\" 的名称相同",
    ),
    m(
        "vocabulary-labels",
        "\"{}\" in vocabulary \"{}\" needs {zh: …, en: …} labels",
        "词表 \"{1}\" 中的 \"{0}\" 需要 {zh: …, en: …} 名称",
    ),
    m(
        "vocabulary-shape",
        "vocabulary \"{}\" must map each key to {zh: …, en: …}",
        "词表 \"{0}\" 必须把每个键映射到 {zh: …, en: …}",
    ),
    m(
        "vocabularies-shape",
        "expected a map of vocabularies",
        "应为词表的映射",
    ),
    m(
        "base-url-no-host",
        "base_url \"{}\" has no host",
        "base_url \"{0}\" 没有主机名",
    ),
    m(
        "base-url-characters",
        "base_url \"{}\" has characters a URL path cannot hold",
        "base_url \"{0}\" 含有 URL 路径中不能出现的字符",
    ),
    m(
        "base-url-relative",
        "base_url \"{}\" is a path, not a full URL, so the sitemap, robots.txt and feeds cannot give absolute links",
        "base_url \"{0}\" 只是路径，不是完整网址，网站地图（sitemap.xml）、robots.txt 和订阅源无法给出绝对链接",
    ),
    m(
        "base-url-scheme",
        "base_url must start with http://, https:// or /, not \"{}\"",
        "base_url 必须以 http://、https:// 或 / 开头，而不是 \"{0}\"",
    ),
    m(
        "expected-base-url",
        "expected a URL or a path such as /",
        "应为网址或 / 这样的路径",
    ),
    m(
        "expected-languages",
        "expected a list such as [zh, en]",
        "应为 [zh, en] 这样的列表",
    ),
    m("expected-zh-en", "expected zh or en", "应为 zh 或 en"),
    m(
        "expected-theme",
        "expected the name of a folder under themes/",
        "应为 themes/ 下某个文件夹的名字",
    ),
    m(
        "expected-page-size",
        "expected a whole number from 1 to 10000",
        "应为 1 到 10000 之间的整数",
    ),
    m(
        "expected-size",
        "expected a size from 1 KB to 1 GB, such as 10 MB",
        "应为 1 KB 到 1 GB 之间的大小，例如 10 MB",
    ),
    m(
        "expected-depth",
        "expected a whole number from 4 to 128",
        "应为 4 到 128 之间的整数",
    ),
    m(
        "expected-limits",
        "expected a map such as {file_size: 10 MB}",
        "应为 {file_size: 10 MB} 这样的映射",
    ),
    m(
        "expected-identity",
        "expected a map such as {icp: …}",
        "应为 {icp: …} 这样的映射",
    ),
    m(
        "expected-identity-text",
        "expected text, or {zh: …, en: …} with one or both languages",
        "应为文本，或者写出一种或两种语言的 {zh: …, en: …}",
    ),
    m("expected-text", "expected text", "应为文本"),
    m(
        "identity-phone",
        "expected a phone number of digits, spaces, hyphens and brackets, such as 023-6362 0000",
        "应为由数字、空格、连字符和括号组成的电话号码，例如 023-6362 0000",
    ),
    m(
        "identity-email",
        "expected an e-mail address such as office@example.gov.cn",
        "应为电子邮件地址，例如 office@example.gov.cn",
    ),
    m(
        "identity-site-code",
        "expected the ten digits of the website identifier (网站标识码)",
        "网站标识码应为 10 位数字",
    ),
    m(
        "identity-icp",
        "expected an ICP filing number such as 渝ICP备12345678号-1",
        "应为 ICP 备案号，例如 渝ICP备12345678号-1",
    ),
    m(
        "identity-public-security",
        "expected a public-security filing number such as 渝公网安备50010302000001号",
        "应为公安机关备案号，例如 渝公网安备50010302000001号",
    ),
    m(
        "identity-site-mark",
        "expected {image: a file under static/, url: the https:// address the mark links to}",
        "应为 image（static/ 下的文件）和 url（标识链接到的 https:// 地址）两项",
    ),
    m(
        "identity-site-mark-image",
        "site_mark.image must be a path under static/ of letters, digits, -, _, . and /",
        "site_mark.image 应为 static/ 下的路径，只含字母、数字、-、_、. 和 /",
    ),
    m(
        "identity-site-mark-url",
        "site_mark.url must be an http:// or https:// address",
        "site_mark.url 应为 http:// 或 https:// 地址",
    ),
    m(
        "expected-mark-hide",
        "expected mark or hide",
        "应为 mark 或 hide",
    ),
    m(
        "repo-url",
        "repo_url must be the https:// address of the repository, such as https://github.com/city/site",
        "repo_url 必须是仓库的 https:// 地址，例如 https://github.com/city/site",
    ),
    m(
        "expected-branch",
        "expected a branch name such as main",
        "应为 main 这样的分支名",
    ),
    m(
        "expected-repo-kind",
        "expected github, gitlab or gitea",
        "应为 github、gitlab 或 gitea",
    ),
    m(
        "repo-kind-unknown",
        "cannot tell whether {} is GitHub, GitLab or Gitea",
        "无法判断 {0} 是 GitHub、GitLab 还是 Gitea",
    ),
    m(
        "shallow-clone",
        "the repository is a shallow clone, so pages show no last-updated dates from its history",
        "仓库是浅克隆，页面无法显示来自提交历史的最后更新日期",
    ),
    m(
        "git-failed",
        "git cannot read the repository, so pages show no last-updated dates from its history: {}",
        "git 无法读取仓库，页面无法显示来自提交历史的最后更新日期：{0}",
    ),
    m(
        "expected-bool",
        "expected true or false",
        "应为 true 或 false",
    ),
    m(
        "bad-policy-char",
        "a policy cannot hold the character {}",
        "安全策略中不能含有字符 {0}",
    ),
    m(
        "bad-policy",
        "expected a policy such as \"default-src 'self'\", or false",
        "应为 \"default-src 'self'\" 这样的安全策略，或 false",
    ),
    m(
        "expected-labels",
        "expected {zh: …, en: …} with both languages",
        "应为包含两种语言的 {zh: …, en: …}",
    ),
    // The command line (`new` and usage errors).
    m(
        "no-config",
        "{} has no config.yaml; pass the site's folder with --root",
        "{0} 中没有 config.yaml；请用 --root 指定站点的文件夹",
    ),
    m(
        "no-config-or-base-url",
        "{} has no config.yaml; pass the site's folder with --root, or --base-url",
        "{0} 中没有 config.yaml；请用 --root 指定站点的文件夹，或者用 --base-url",
    ),
    m(
        "fix-config",
        "fix config.yaml (or pass the site's folder with --root) first",
        "请先修正 config.yaml（或者用 --root 指定站点的文件夹）",
    ),
    m(
        "output-not-folder",
        "{} is not a folder; build the site first",
        "{0} 不是文件夹；请先生成站点",
    ),
    m(
        "slug-taken",
        "the slug is taken: {} already exists",
        "slug 已被使用：{0} 已经存在",
    ),
    m(
        "not-a-site-language",
        "the site is not written in \"{}\"; its languages are in config.yaml",
        "站点不使用语言 \"{0}\"；站点的语言列在 config.yaml 中",
    ),
    m(
        "cannot-write-file",
        "cannot write {}: {}",
        "无法写入 {0}：{1}",
    ),
    // Achievements' business fields (ip, cooperation, contact, attachments).
    m(
        "bad-patent-number",
        "\"{}\" is not a Chinese patent number: expected 12 digits (8 before 2004) and a check digit",
        "\"{0}\" 不是中国专利号：应为 12 位数字（2004 年以前为 8 位）加一位校验位",
    ),
    m(
        "bad-patent-check-digit",
        "the check digit of \"{}\" is wrong: the digits give {}",
        "\"{0}\" 的校验位不对：按前面的数字应为 {1}",
    ),
    m(
        "ip-incomplete",
        "each IP record needs a kind and a number",
        "每条知识产权记录都要有 kind（类型）和 number（编号）",
    ),
    m(
        "contact-free-text",
        "a contact written as free text is shown as it is, without links",
        "以自由文本填写的联系方式按原样显示，不带电话和邮件链接",
    ),
    m(
        "bad-phone",
        "\"{}\" is not a phone number",
        "\"{0}\" 不是电话号码",
    ),
    m(
        "bad-email",
        "\"{}\" is not an e-mail address",
        "\"{0}\" 不是电子邮箱地址",
    ),
    m(
        "attachment-incomplete",
        "each attachment needs a file and a title",
        "每个附件都要有 file（文件）和 title（标题）",
    ),
    m(
        "missing-attachment",
        "the attachment \"{}\" does not exist",
        "附件 \"{0}\" 不存在",
    ),
    m(
        "transfer-modes-twice",
        "transfer_modes is written both at the top and under cooperation",
        "transfer_modes 同时写在了顶层和 cooperation 之下",
    ),
    m(
        "unknown-record-key",
        "unknown key \"{}\" in {}",
        "{1}中有未知的键 \"{0}\"",
    ),
    m(
        "contact-settings-not-map",
        "expected a map of contact settings",
        "应为联系方式设置的映射",
    ),
    m(
        "expected-email",
        "expected an e-mail address",
        "应为电子邮箱地址",
    ),
    m(
        "expected-web-address",
        "expected a web address such as https://…",
        "应为 https://… 这样的网址",
    ),
    m(
        "expected-show",
        "expected full or masked",
        "应为 full（完整显示）或 masked（部分隐藏）",
    ),
    // Import and export of sheets.
    m("sheet-no-slug", "the row has no slug", "这一行没有 slug"),
    m(
        "sheet-entry-exists",
        "the {} \"{}\" already exists",
        "{0} \"{1}\" 已经存在",
    ),
    m(
        "sheet-unknown-column",
        "unknown column \"{}\"",
        "未知的列 \"{0}\"",
    ),
    m(
        "sheet-no-slug-column",
        "the sheet has no slug column",
        "表格没有 slug 列",
    ),
    m(
        "sheet-slug-twice",
        "the slug \"{}\" is also on row {}",
        "slug \"{0}\" 在第 {1} 行也出现了",
    ),
    m(
        "sheet-update-markdown",
        "\"{}\" is written as Markdown; --update changes only slug.yaml entries",
        "\"{0}\" 以 Markdown 形式编写；--update 只改动 slug.yaml 形式的条目",
    ),
    m(
        "sheet-base-unparsed",
        "{} does not parse; fix it first",
        "{0} 无法解析；请先修正它",
    ),
    m(
        "sheet-list-lengths",
        "the Chinese list has {} items and the English {}; they go item by item",
        "中文列表有 {0} 项，英文列表有 {1} 项；两者须逐项对应",
    ),
    m(
        "sheet-encoding",
        "the file is neither UTF-8 nor GB18030 text",
        "文件既不是 UTF-8 也不是 GB18030 编码的文本",
    ),
    m(
        "sheet-not-xlsx",
        "not an XLSX workbook: {}",
        "不是 XLSX 工作簿：{0}",
    ),
    m(
        "sheet-no-worksheet",
        "the workbook has no worksheet",
        "工作簿中没有工作表",
    ),
    m("sheet-not-csv", "not CSV: {}", "不是 CSV 文件：{0}"),
    m("entry-unparsed", "the entry does not parse", "条目无法解析"),
    // Generic shapes last: they would match the messages above.
    m("wrong-kind", "expected {}, found {}", "应为{0}，实际是{1}"),
    m(
        "unknown-reference",
        "unknown {} \"{}\"",
        "未知的{0} \"{1}\"",
    ),
];

/// Help texts (what to do), matched the same way.
pub const HELPS: &[Message] = &[
    m("did-you-mean", "did you mean {}?", "你是不是要写 {0}？"),
    m(
        "",
        "save it as UTF-8 in your editor",
        "请在编辑器中以 UTF-8 编码保存",
    ),
    m(
        "",
        "add a line `---` after the last field",
        "在最后一个字段之后加一行 `---`",
    ),
    m(
        "",
        "check the indentation and quote text that holds a colon followed by a space",
        "请检查缩进；含有“冒号加空格”的文本要加引号",
    ),
    m(
        "",
        "use an ASCII colon: write `: ` (a colon and a space) after the key",
        "请改用半角冒号：在键后面写 `: `（冒号加一个空格）",
    ),
    m(
        "",
        "keep one of the two: the key is also on line {}",
        "只保留其中一个：这个键在第 {0} 行也写了",
    ),
    m("", "keep one of the two", "只保留其中一个"),
    m("", "replace the tab with spaces", "请把制表符换成空格"),
    m(
        "",
        "check the indentation, or quote text that holds a colon followed by a space",
        "请检查缩进，或者给含有“冒号加空格”的文本加引号",
    ),
    m(
        "",
        "close the list with ] and separate its items with commas",
        "请用 ] 结束列表，并用逗号分隔各项",
    ),
    m(
        "",
        "close the map with } and separate its entries with commas",
        "请用 } 结束映射，并用逗号分隔各项",
    ),
    m(
        "",
        "end the text with the same quotation mark it starts with",
        "请用开头的那种引号结束这段文本",
    ),
    m(
        "",
        "write \\\\ for a backslash, or put the text in single quotes",
        "反斜杠请写成 \\\\，或者把文本放在单引号中",
    ),
    m(
        "",
        "put text that starts with * in quotes",
        "以 * 开头的文本请加引号",
    ),
    m("", "put the text in quotes", "请给文本加引号"),
    m(
        "",
        "the fields of {} are listed in the README",
        "{0}的字段列在 README 中",
    ),
    m(
        "",
        "the values are listed under vocabularies.{} in config.yaml",
        "可选的值列在 config.yaml 的 vocabularies.{0} 下",
    ),
    m(
        "",
        "write the text in this file's language only",
        "只用这个文件的语言书写",
    ),
    m(
        "",
        "write the file name of the {} without its extension",
        "写{0}的文件名，不带扩展名",
    ),
    m("", "write it as https://…", "请写成 https://…"),
    m("", "e.g. images/cover.jpg", "例如 images/cover.jpg"),
    m("", "a link has title and url", "链接包含 title 和 url"),
    m(
        "",
        "write it in one of the two files only",
        "只在两个文件中的一个里填写",
    ),
    m(
        "",
        "every entry needs a title in each language it is written in",
        "条目的每种语言都需要标题",
    ),
    m(
        "",
        "each entry has one slug; rename one of the files",
        "每个条目只有一个 slug；请重命名其中一个文件",
    ),
    m(
        "no-such-file",
        "no file content/{}/{}.* exists",
        "不存在文件 content/{0}/{1}.*",
    ),
    m(
        "put-file",
        "nothing in static/ or the built site is at /{}; add the file under static/ or fix the link",
        "static/ 和生成的站点中都没有 /{0}；请把文件放到 static/ 下，或者修改链接",
    ),
    m(
        "nothing-at",
        "the output has no file {}",
        "输出中没有文件 {0}",
    ),
    m(
        "rebuild-base-url",
        "build and check with the same base_url (or --base-url)",
        "请用相同的 base_url（或 --base-url）生成和检查",
    ),
    m(
        "",
        "set repo_kind: github, gitlab or gitea",
        "请把 repo_kind 设为 github、gitlab 或 gitea",
    ),
    m(
        "fetch-history",
        "fetch the whole history: fetch-depth: 0 with actions/checkout, GIT_DEPTH: 0 on GitLab, git fetch --unshallow by hand",
        "请获取完整历史：actions/checkout 设 fetch-depth: 0，GitLab 设 GIT_DEPTH: 0，手动运行 git fetch --unshallow",
    ),
    m(
        "put-image",
        "put the image at static/{}",
        "把图片放到 static/{0}",
    ),
    m("required", "required: {} / {}", "必填：{1}（{0}）"),
    m(
        "add-file",
        "add {}, or ignore this if the entry is meant to be in one language",
        "添加 {0}；如果这个条目只打算用一种语言发布，可以忽略",
    ),
    m(
        "add-yaml-language",
        "give the {} texts in {}, or ignore this if the entry is meant to be in one language",
        "在 {1} 中填写 {0} 文本；如果这个条目只打算用一种语言发布，可以忽略",
    ),
    m(
        "",
        "write it in Markdown; allow_html: true in config.yaml lets HTML through, for trusted editors only",
        "请改用 Markdown 书写；config.yaml 中的 allow_html: true 会放行 HTML，只适用于可信的编辑者",
    ),
    m(
        "",
        "a heading takes {#id .class} only",
        "标题只能带 {#id .class}",
    ),
    m(
        "",
        "link to http(s)://, mailto:, tel:, a site path or @/type/slug",
        "链接只能指向 http(s)://、mailto:、tel:、站内路径或 @/类型/slug",
    ),
    m(
        "",
        "split it, or raise limits.file_size in config.yaml",
        "请拆分文件，或者调高 config.yaml 中的 limits.file_size",
    ),
    m(
        "",
        "move long text into the Markdown body, or raise limits.front_matter_size in config.yaml",
        "请把长文本移到 Markdown 正文中，或者调高 config.yaml 中的 limits.front_matter_size",
    ),
    m(
        "",
        "nest less, or raise limits.depth in config.yaml",
        "请减少嵌套层数，或者调高 config.yaml 中的 limits.depth",
    ),
    m(
        "",
        "copy the file or folder into the site instead of linking to it",
        "请把文件或文件夹复制到站点中，而不是链接过去",
    ),
    m(
        "",
        "remove it, or close it with U+202C (PDF) or U+2069 (PDI)",
        "请删除它，或者用 U+202C（PDF）或 U+2069（PDI）把它闭合",
    ),
    m(
        "",
        "its aliases (*name) repeat a value too many times; write the values out",
        "其中的别名（*name）把一个值重复了太多次；请直接写出这些值",
    ),
    m(
        "",
        "remove `draft: true` from it, or remove the reference; build --drafts includes drafts to preview them",
        "去掉它的 `draft: true`，或者删除这个引用；build --drafts 会包含草稿，以便预览",
    ),
    m(
        "base-url-full",
        "set base_url to the address the site is published at, such as https://example.org/ (or build with --base-url)",
        "请把 base_url 设为网站发布的完整地址，例如 https://example.org/（或在生成时使用 --base-url）",
    ),
    m(
        "undraft",
        "remove `draft: true` from it, or remove the link",
        "去掉它的 `draft: true`，或者删除这个链接",
    ),
    m("", "the keys are {}", "可用的键：{0}"),
    m(
        "",
        "a Chinese patent number is ZL, the 12-digit application number, a dot and its check digit: ZL202110123456.7",
        "中国专利号由 ZL、12 位申请号、圆点和校验位组成，例如 ZL202110123456.7",
    ),
    m(
        "",
        "write it as {name, organisation, phone, email, url} so readers can call or write with one tap",
        "请写成 {name, organisation, phone, email, url}，读者便可一点即拨打电话或发送邮件",
    ),
    m(
        "",
        "write digits, with +, -, spaces or brackets: 023-12345678",
        "请写数字，可带 +、-、空格或括号，例如 023-12345678",
    ),
    m(
        "",
        "e.g. transfer@example.edu.cn",
        "例如 transfer@example.edu.cn",
    ),
    m("", "put the file at static/{}", "请把文件放到 static/{0}"),
    m("", "keep one of the two lists", "请只保留其中一个列表"),
    m(
        "",
        "import --update changes the fields the sheet has",
        "import --update 只改动表格中有列的字段",
    ),
    m(
        "",
        "the columns are the field keys and labels of the README's field tables",
        "列名是 README 字段表中的字段键或名称",
    ),
    m(
        "",
        "add a column slug: each entry's file name, e.g. nano-displacement",
        "请添加 slug 列：每个条目的文件名，例如 nano-displacement",
    ),
];

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
    ("the slug of a achievement", "成果的 slug"),
    ("the slug of a park", "园区的 slug"),
    ("the slug of a policy", "政策的 slug"),
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
];

/// The stable code of a message (`other` when the catalog does not know it).
pub fn code(message: &str) -> &'static str {
    MESSAGES
        .iter()
        .find(|m| capture(m.en, message).is_some())
        .map_or("other", |m| m.code)
}

/// A message in `lang`; English is returned as it is.
pub fn message(message: &str, lang: Lang) -> String {
    translate(MESSAGES, message, lang)
}

/// A help text in `lang`.
pub fn help(help: &str, lang: Lang) -> String {
    translate(HELPS, help, lang)
}

/// Fill an English template: `{}` placeholders in order.
pub fn english(code: &str, args: &[&str]) -> String {
    let template = MESSAGES
        .iter()
        .chain(HELPS)
        .find(|m| m.code == code)
        .map_or("{}", |m| m.en);
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

fn translate(table: &[Message], text: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return text.to_string();
    }
    for entry in table {
        if let Some(args) = capture(entry.en, text) {
            let mut out = entry.zh.to_string();
            for (index, arg) in args.iter().enumerate() {
                let word = if is_words_place(entry, index) {
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
fn is_words_place(entry: &Message, index: usize) -> bool {
    if entry.code == "did-you-mean" {
        return false;
    }
    let parts: Vec<&str> = entry.en.split("{}").collect();
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
            english("missing-file", &["/images/x.png"]),
            "\"/images/x.png\" does not exist in the site"
        );
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
        for entry in MESSAGES.iter().chain(HELPS) {
            let prose: Vec<char> = prose(entry.zh).chars().collect();
            for (index, c) in prose.iter().enumerate() {
                let before = index.checked_sub(1).map(|i| prose[i]);
                let after = prose.get(index + 1).copied();
                let wrong = match c {
                    ',' | ';' | '?' | '(' | ')' => true,
                    // `fetch-depth: 0`, `mailto:` and URLs are code; a colon by Chinese text is not.
                    ':' => before.is_some_and(is_han) || after.is_some_and(is_han),
                    _ => false,
                };
                assert!(!wrong, "ASCII {c:?} in Chinese text: {}", entry.zh);
            }
        }
    }

    #[test]
    fn every_template_has_chinese_placeholders_for_its_arguments() {
        for entry in MESSAGES.iter().chain(HELPS) {
            let count = entry.en.matches("{}").count();
            for index in 0..count {
                assert!(
                    entry.zh.contains(&format!("{{{index}}}")),
                    "{} lacks {{{index}}}",
                    entry.en
                );
            }
            assert!(!entry.zh.is_empty());
        }
    }
}
