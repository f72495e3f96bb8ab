//! The fields of each entry type: one table that the parser, `chengguo new` and the
//! JSON Schemas all read, so they cannot drift apart.

use crate::config::VocabName;
use crate::entry::EntryType;

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain text; in the YAML form a `{zh, en}` map or one string for both.
    Text,
    TextList,
    /// Markdown; only the YAML form's `body` field.
    Markdown,
    Date,
    Term(VocabName),
    TermList(VocabName),
    Reference(EntryType),
    ReferenceList(EntryType),
    Url,
    Bool,
    /// A path under the site's `static/` folder.
    StaticPath,
    Links,
    Figures,
    Coordinates,
    /// A list of `{kind, number, title?}`, `kind` from the `ip_kinds` vocabulary.
    IpRecords,
    /// `{transfer_modes?, price?, intent?}`.
    Cooperation,
    /// `{name, organisation, phone, email, url}`, or free text (the older form).
    Contact,
    /// A list of `{file, title}`, `file` a path under `static/`.
    Attachments,
}

impl Kind {
    /// Whether the value is written per language.
    pub fn is_localized(self) -> bool {
        matches!(
            self,
            Kind::Text
                | Kind::TextList
                | Kind::Markdown
                | Kind::Links
                | Kind::Figures
                | Kind::IpRecords
                | Kind::Cooperation
                | Kind::Contact
                | Kind::Attachments
        )
    }
}

#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// Written only in the one-file YAML form.
    pub yaml_only: bool,
    pub description_zh: &'static str,
    pub description_en: &'static str,
}

const fn field(name: &'static str, kind: Kind, zh: &'static str, en: &'static str) -> FieldSpec {
    FieldSpec {
        name,
        kind,
        required: false,
        yaml_only: false,
        description_zh: zh,
        description_en: en,
    }
}

const fn required(spec: FieldSpec) -> FieldSpec {
    FieldSpec {
        required: true,
        ..spec
    }
}

const TITLE: FieldSpec = required(field("title", Kind::Text, "标题", "Title"));
const SUMMARY: FieldSpec = field("summary", Kind::Text, "简介", "Summary");
const TAGS: FieldSpec = field("tags", Kind::TextList, "标签", "Keywords");
const DRAFT: FieldSpec = field(
    "draft",
    Kind::Bool,
    "草稿：为 true 时不发布",
    "Draft: left out of the build unless --drafts",
);
const UPDATED: FieldSpec = field(
    "updated",
    Kind::Date,
    "最后更新日期；站点在 git 仓库中时改用提交历史中的日期",
    "When it was last updated; in a git repository the commit history's date is used instead",
);
const BODY: FieldSpec = FieldSpec {
    yaml_only: true,
    ..field(
        "body",
        Kind::Markdown,
        "正文（Markdown），按语言分别填写",
        "Body text in Markdown, per language",
    )
};

const ACHIEVEMENT: &[FieldSpec] = &[
    TITLE,
    SUMMARY,
    field(
        "date",
        Kind::Date,
        "完成或转化时间（2023、2023-05 或 2023-05-30）",
        "When it was completed or transferred (2023, 2023-05 or 2023-05-30)",
    ),
    field(
        "institutions",
        Kind::TextList,
        "完成单位",
        "Completing institutions",
    ),
    field("partners", Kind::TextList, "合作单位", "Partners"),
    field(
        "field",
        Kind::Term(VocabName::Fields),
        "行业领域",
        "Industry field",
    ),
    field(
        "stage",
        Kind::Term(VocabName::Stages),
        "成熟度阶段",
        "Maturity stage",
    ),
    field(
        "transfer_modes",
        Kind::TermList(VocabName::TransferModes),
        "转化方式",
        "Transfer modes",
    ),
    field(
        "region",
        Kind::Term(VocabName::Regions),
        "所在地区",
        "Region",
    ),
    field(
        "park",
        Kind::Reference(EntryType::Park),
        "所属园区或平台（园区的 slug）",
        "Hosting park or platform (a park's slug)",
    ),
    field(
        "policies",
        Kind::ReferenceList(EntryType::Policy),
        "相关政策（政策的 slug）",
        "Supporting policies (policy slugs)",
    ),
    TAGS,
    field("awards", Kind::TextList, "获奖情况", "Awards"),
    field(
        "ip",
        Kind::IpRecords,
        "知识产权（kind、number、title）",
        "Intellectual property (kind, number, title)",
    ),
    field(
        "cooperation",
        Kind::Cooperation,
        "合作条件（transfer_modes、price、intent）",
        "Terms of cooperation (transfer_modes, price, intent)",
    ),
    field(
        "contact",
        Kind::Contact,
        "联系人（name、organisation、phone、email、url）",
        "Contact (name, organisation, phone, email, url)",
    ),
    field(
        "attachments",
        Kind::Attachments,
        "附件（file：static/ 下的路径；title）",
        "Attachments (file: a path under static/, title)",
    ),
    field(
        "cover",
        Kind::StaticPath,
        "封面图片（static/ 下的路径）",
        "Cover image (a path under static/)",
    ),
    field("links", Kind::Links, "相关链接", "Links"),
    field(
        "featured",
        Kind::Bool,
        "在首页推荐",
        "Featured on the home page",
    ),
    UPDATED,
    DRAFT,
    BODY,
];

const PARK: &[FieldSpec] = &[
    TITLE,
    SUMMARY,
    required(field(
        "kind",
        Kind::Term(VocabName::ParkKinds),
        "类型",
        "Kind",
    )),
    field("level", Kind::Term(VocabName::Levels), "级别", "Level"),
    field(
        "region",
        Kind::Term(VocabName::Regions),
        "所在地区",
        "Region",
    ),
    field(
        "parent",
        Kind::Reference(EntryType::Park),
        "上级园区（园区的 slug）",
        "The park it is part of (a park's slug)",
    ),
    field("address", Kind::Text, "地址", "Address"),
    field(
        "established",
        Kind::Date,
        "成立时间",
        "When it was established",
    ),
    field(
        "fields",
        Kind::TermList(VocabName::Fields),
        "重点领域",
        "Focus fields",
    ),
    field(
        "figures",
        Kind::Figures,
        "主要指标（label、value、unit、year）",
        "Key figures (label, value, unit, year)",
    ),
    field("website", Kind::Url, "网站", "Website"),
    field(
        "coordinates",
        Kind::Coordinates,
        "坐标（{lat, lon}）",
        "Coordinates ({lat, lon})",
    ),
    TAGS,
    UPDATED,
    DRAFT,
    BODY,
];

const POLICY: &[FieldSpec] = &[
    TITLE,
    SUMMARY,
    field("issuer", Kind::Text, "发布机构", "Issuing body"),
    field("number", Kind::Text, "发文字号", "Document number"),
    field("index_number", Kind::Text, "索引号", "Index number"),
    field("written", Kind::Date, "成文日期", "Date written"),
    field("published", Kind::Date, "发布日期", "Date published"),
    field("effective", Kind::Date, "生效日期", "Date effective"),
    field("expires", Kind::Date, "失效日期", "Date it expires"),
    field(
        "status",
        Kind::Term(VocabName::PolicyStatuses),
        "效力状态",
        "Status",
    ),
    field("topic", Kind::Term(VocabName::Topics), "主题分类", "Topic"),
    field("genre", Kind::Term(VocabName::Genres), "体裁分类", "Genre"),
    field(
        "region",
        Kind::Term(VocabName::Regions),
        "适用地区",
        "Region",
    ),
    field("source", Kind::Url, "原文链接", "Source URL"),
    field(
        "related",
        Kind::ReferenceList(EntryType::Policy),
        "相关政策（政策的 slug）",
        "Related policies (policy slugs)",
    ),
    TAGS,
    UPDATED,
    DRAFT,
    BODY,
];

/// The fields of an entry type, in the order they are documented and shown.
pub fn fields(entry_type: EntryType) -> &'static [FieldSpec] {
    match entry_type {
        EntryType::Achievement => ACHIEVEMENT,
        EntryType::Park => PARK,
        EntryType::Policy => POLICY,
    }
}

pub fn find(entry_type: EntryType, name: &str) -> Option<&'static FieldSpec> {
    fields(entry_type).iter().find(|spec| spec.name == name)
}
