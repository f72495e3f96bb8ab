//! A deterministic synthetic corpus of achievements, parks and policies, written
//! as a chengguo site and, on request, as the same content for Hugo.
//!
//! Used by the build benchmark (`benches/build.sh`) and the search measurements.
//! Everything comes from a seeded PRNG and built-in word lists: the same
//! `(entries, seed)` always gives the same bytes.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use chengguo::config::{Config, Term, VocabName};

/// The file that marks a folder as written by this generator, so that a
/// second run may replace it (and nothing else is ever deleted).
pub const MARKER: &str = ".gen_corpus";

/// SplitMix64: small, fast, good enough for test data, and stable forever.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The entry types, in the proportions of a real showcase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Achievement,
    Park,
    Policy,
}

impl Kind {
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Achievement => "achievements",
            Kind::Park => "parks",
            Kind::Policy => "policies",
        }
    }
}

/// How a vocabulary value is spelled in the source: key, Chinese or English label.
#[derive(Debug, Clone)]
pub struct TermValue {
    pub key: String,
    pub written: String,
}

/// A key figure of a park: label, value, unit, year.
pub type Figure = ((String, String), u32, (String, String), u16);

/// A field value, before it is written in one of the forms.
#[derive(Debug, Clone)]
pub enum Value {
    /// Text in Chinese and English.
    Text(String, String),
    TextList(Vec<(String, String)>),
    /// A language-independent scalar: date, reference, URL, document number.
    Plain(String),
    PlainList(Vec<String>),
    Term(TermValue),
    TermList(Vec<TermValue>),
    Bool(bool),
    /// `{title: text, url}` items.
    Links(Vec<((String, String), String)>),
    /// `{label: text, value, unit: text, year}` items.
    Figures(Vec<Figure>),
    Coordinates(f64, f64),
    /// A map of language-independent scalars: `{phone: …}`.
    Record(Vec<(&'static str, String)>),
}

/// One generated entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: Kind,
    pub slug: String,
    /// Markdown pair (`slug.zh.md` + `slug.en.md`) rather than one YAML file.
    pub pair: bool,
    /// Written in English too (every entry has Chinese).
    pub english: bool,
    /// The date Hugo sorts by, `YYYY-MM-DD`.
    pub sort_date: String,
    pub fields: Vec<(&'static str, Value)>,
    pub body_zh: String,
    pub body_en: String,
    /// A park the body links to: its titles and slug.
    pub park_link: Option<((String, String), String)>,
}

/// The generated corpus.
pub struct Corpus {
    pub entries: Vec<Entry>,
}

impl Corpus {
    pub fn count(&self, kind: Kind) -> usize {
        self.entries.iter().filter(|e| e.kind == kind).count()
    }
}

const ZH_WORDS: &[&str] = &[
    "科技成果",
    "转化",
    "产业化",
    "中试",
    "熟化",
    "概念验证",
    "知识产权",
    "专利",
    "作价入股",
    "技术许可",
    "高校",
    "科研院所",
    "企业",
    "研发",
    "创新",
    "平台",
    "园区",
    "孵化器",
    "众创空间",
    "科学城",
    "高新区",
    "重点实验室",
    "新型研发机构",
    "技术转移",
    "成果评价",
    "赋权改革",
    "科研人员",
    "职务科技成果",
    "所有权",
    "长期使用权",
    "收益分配",
    "激励",
    "人才",
    "团队",
    "集成电路",
    "新材料",
    "生物医药",
    "智能制造",
    "新能源汽车",
    "锂电池",
    "储能",
    "氢能",
    "传感器",
    "芯片",
    "算法",
    "人工智能",
    "工业互联网",
    "大数据",
    "数字孪生",
    "机器人",
    "精密测量",
    "纳米",
    "复合材料",
    "催化剂",
    "酿造",
    "白酒",
    "育种",
    "种质资源",
    "医疗器械",
    "疫苗",
    "检测",
    "示范应用",
    "推广",
    "市场化",
    "投融资",
    "风险投资",
    "金融",
    "政策",
    "实施细则",
    "指导意见",
    "管理办法",
    "行动方案",
    "统筹",
    "协同",
    "成渝地区双城经济圈",
    "重庆",
    "泸州",
    "两江新区",
    "西部科学城",
    "沙坪坝",
    "北碚",
    "九龙坡",
    "璧山",
    "江津",
    "校地合作",
    "产学研",
    "联合攻关",
    "关键核心技术",
    "首台套",
    "标准",
    "检验检测",
    "质量",
    "效率",
    "成本",
    "工艺",
    "装备",
    "产线",
    "订单",
    "营业收入",
    "亿元",
    "万元",
    "项",
    "家",
    "持续",
    "进一步",
    "加快",
    "推进",
    "完善",
    "建立",
    "健全",
    "支持",
    "鼓励",
    "引导",
    "培育",
    "建设",
    "实现",
    "提升",
    "显著",
    "有效",
    "全面",
    "深入",
    "积极",
    "重点",
    "围绕",
    "聚焦",
    "依托",
    "通过",
    "形成",
    "打造",
    "服务",
    "体系",
    "机制",
    "模式",
    "生态",
    "环境",
    "能力",
    "水平",
    "成效",
    "经验",
];

const EN_WORDS: &[&str] = &[
    "research",
    "results",
    "technology",
    "transfer",
    "commercialisation",
    "pilot",
    "scale-up",
    "proof of concept",
    "intellectual property",
    "patents",
    "equity",
    "licensing",
    "universities",
    "institutes",
    "enterprises",
    "development",
    "innovation",
    "platform",
    "park",
    "incubator",
    "maker space",
    "science city",
    "high-tech zone",
    "key laboratory",
    "new R&D institution",
    "evaluation",
    "rights reform",
    "researchers",
    "ownership",
    "long-term use rights",
    "revenue sharing",
    "incentives",
    "talent",
    "teams",
    "integrated circuits",
    "new materials",
    "biomedicine",
    "smart manufacturing",
    "new-energy vehicles",
    "lithium batteries",
    "energy storage",
    "hydrogen",
    "sensors",
    "chips",
    "algorithms",
    "artificial intelligence",
    "industrial internet",
    "big data",
    "digital twins",
    "robots",
    "precision measurement",
    "nanotechnology",
    "composites",
    "catalysts",
    "brewing",
    "liquor",
    "seed breeding",
    "germplasm",
    "medical devices",
    "vaccines",
    "testing",
    "demonstration",
    "roll-out",
    "market",
    "financing",
    "venture capital",
    "policy",
    "implementing rules",
    "guidelines",
    "measures",
    "action plan",
    "coordination",
    "the Chengdu–Chongqing economic circle",
    "Chongqing",
    "Luzhou",
    "Liangjiang",
    "the Western Science City",
    "Shapingba",
    "Beibei",
    "Jiulongpo",
    "Bishan",
    "Jiangjin",
    "joint projects",
    "core technologies",
    "standards",
    "quality",
    "efficiency",
    "cost",
    "process",
    "equipment",
    "production lines",
    "orders",
    "revenue",
    "support",
    "capacity",
    "ecosystem",
    "services",
    "mechanisms",
];

const EN_VERBS: &[&str] = &[
    "supports",
    "accelerates",
    "improves",
    "builds",
    "strengthens",
    "links",
    "funds",
    "expands",
    "promotes",
    "connects",
    "drives",
    "reviews",
    "measures",
    "extends",
];

const EN_GLUE: &[&str] = &[
    "and", "with", "for", "through", "across", "around", "in", "of", "by", "under",
];

const INSTITUTIONS: &[(&str, &str)] = &[
    ("重庆大学", "Chongqing University"),
    ("西南大学", "Southwest University"),
    ("重庆理工大学", "Chongqing University of Technology"),
    ("重庆交通大学", "Chongqing Jiaotong University"),
    ("重庆医科大学", "Chongqing Medical University"),
    (
        "重庆邮电大学",
        "Chongqing University of Posts and Telecommunications",
    ),
    ("重庆师范大学", "Chongqing Normal University"),
    ("西南医科大学", "Southwest Medical University"),
    ("四川警察学院", "Sichuan Police College"),
    (
        "中国科学院重庆绿色智能技术研究院",
        "CAS Chongqing Institute of Green and Intelligent Technology",
    ),
    ("重庆文理学院", "Chongqing University of Arts and Sciences"),
    (
        "泸州职业技术学院",
        "Luzhou Vocational and Technical College",
    ),
];

const COMPANY_STEMS: &[(&str, &str)] = &[
    ("长江", "Changjiang"),
    ("嘉陵", "Jialing"),
    ("金凤", "Jinfeng"),
    ("缙云", "Jinyun"),
    ("歌乐", "Gele"),
    ("两江", "Liangjiang"),
    ("巴渝", "Bayu"),
    ("酒城", "Jiucheng"),
    ("龙腾", "Longteng"),
    ("华信", "Huaxin"),
    ("博远", "Boyuan"),
    ("科睿", "Kerui"),
];

const COMPANY_TRADES: &[(&str, &str)] = &[
    ("智能科技", "Intelligent Technology"),
    ("新材料", "New Materials"),
    ("生物医药", "Biopharma"),
    ("电子", "Electronics"),
    ("汽车零部件", "Auto Parts"),
    ("精密仪器", "Precision Instruments"),
    ("能源科技", "Energy Technology"),
    ("酿酒", "Distillery"),
];

const TITLE_HEADS: &[(&str, &str)] = &[
    ("高性能", "High-performance"),
    ("低成本", "Low-cost"),
    ("智能化", "Intelligent"),
    ("绿色", "Green"),
    ("高精度", "High-precision"),
    ("柔性", "Flexible"),
    ("大规模", "Large-scale"),
    ("新一代", "Next-generation"),
    ("微型", "Miniature"),
    ("高可靠", "High-reliability"),
];

const TITLE_SUBJECTS: &[(&str, &str)] = &[
    ("锂电池正极材料", "lithium-battery cathode material"),
    ("碳化硅功率芯片", "silicon-carbide power chip"),
    ("工业视觉检测", "industrial machine-vision inspection"),
    ("纳米位移传感器", "nano-displacement sensor"),
    ("氢燃料电池电堆", "hydrogen fuel-cell stack"),
    ("智能网联汽车控制器", "connected-vehicle controller"),
    ("医用可降解支架", "biodegradable medical stent"),
    ("白酒固态发酵", "solid-state liquor fermentation"),
    ("水稻分子育种", "rice molecular breeding"),
    ("工业机器人减速器", "industrial-robot reducer"),
    ("桥梁健康监测", "bridge health monitoring"),
    ("轨道交通信号", "rail-transit signalling"),
    ("数字孪生工厂", "digital-twin factory"),
    ("高分子复合材料", "polymer composite"),
    ("精准医疗影像", "precision medical imaging"),
    ("储能变流器", "energy-storage converter"),
];

const TITLE_TAILS: &[(&str, &str)] = &[
    ("制备技术", "preparation technology"),
    ("关键技术", "key technology"),
    ("系统", "system"),
    ("装备", "equipment"),
    ("工艺", "process"),
    ("平台", "platform"),
    ("成果转化项目", "commercialisation project"),
    ("产业化示范", "industrial demonstration"),
];

const PARK_NAMES: &[(&str, &str)] = &[
    ("科技创新园", "Science and Technology Innovation Park"),
    ("大学科技园", "University Science Park"),
    ("中试基地", "Pilot-scale Base"),
    ("孵化器", "Incubator"),
    ("众创空间", "Maker Space"),
    ("产业技术研究院", "Industrial Technology Research Institute"),
    ("成果转化中心", "Technology Transfer Centre"),
    ("重点实验室", "Key Laboratory"),
];

const POLICY_NAMES: &[(&str, &str)] = &[
    (
        "关于促进科技成果转化的实施意见",
        "Implementing Opinions on Promoting Technology Transfer",
    ),
    (
        "科技型企业培育行动方案",
        "Action Plan for Fostering Science and Technology Enterprises",
    ),
    (
        "中试平台建设管理办法",
        "Measures for the Management of Pilot-scale Platforms",
    ),
    (
        "科研人员职务科技成果赋权改革实施细则",
        "Implementing Rules for Granting Researchers Rights to Results from Their Work",
    ),
    (
        "关于人大代表建议的复函",
        "Reply to a People's Congress Deputy's Suggestion",
    ),
    (
        "关于政协委员提案的答复",
        "Reply to a CPPCC Member's Proposal",
    ),
    (
        "科技创新发展规划",
        "Plan for Science and Technology Innovation",
    ),
    (
        "孵化器高质量发展若干措施",
        "Measures for High-quality Development of Incubators",
    ),
];

const PLACES: &[(&str, &str)] = &[
    ("重庆", "Chongqing"),
    ("泸州", "Luzhou"),
    ("两江", "Liangjiang"),
    ("北碚", "Beibei"),
    ("沙坪坝", "Shapingba"),
    ("九龙坡", "Jiulongpo"),
    ("璧山", "Bishan"),
    ("江津", "Jiangjin"),
    ("永川", "Yongchuan"),
    ("荣昌", "Rongchang"),
];

const ISSUERS: &[(&str, &str)] = &[
    (
        "市科技局",
        "Chongqing Municipal Science and Technology Bureau",
    ),
    ("市教委", "Chongqing Municipal Education Commission"),
    ("市人民政府", "Chongqing Municipal People's Government"),
    ("泸州市科技局", "Luzhou Science and Technology Bureau"),
    ("市财政局", "Chongqing Municipal Finance Bureau"),
];

const TAGS: &[(&str, &str)] = &[
    ("赋权改革", "rights reform"),
    ("职务科技成果", "results from work"),
    ("作价入股", "equity investment"),
    ("中试熟化", "pilot-scale maturation"),
    ("概念验证", "proof of concept"),
    ("校企合作", "university–enterprise cooperation"),
    ("技术经理人", "technology brokers"),
    ("科技金融", "technology finance"),
    ("人才引进", "talent attraction"),
    ("成果评价", "results evaluation"),
    ("首台套", "first-of-a-kind equipment"),
    ("专精特新", "specialised SMEs"),
    ("双城经济圈", "twin-city economic circle"),
    ("知识产权", "intellectual property"),
    ("孵化", "incubation"),
    ("产学研", "industry–university–research"),
];

const AWARDS: &[(&str, &str)] = &[
    (
        "重庆市科技进步奖一等奖",
        "First prize, Chongqing Science and Technology Progress Award",
    ),
    (
        "国家科技进步奖二等奖",
        "Second prize, National Science and Technology Progress Award",
    ),
    ("中国专利优秀奖", "China Patent Award of Excellence"),
    (
        "四川省科技进步奖三等奖",
        "Third prize, Sichuan Science and Technology Progress Award",
    ),
];

/// The vocabularies the corpus draws its values from, taken from the real config.
pub struct Vocab {
    terms: Vec<(VocabName, Vec<Term>)>,
}

impl Vocab {
    pub fn from_config(config: &Config) -> Vocab {
        Vocab {
            terms: config
                .vocabularies
                .iter()
                .map(|(name, vocabulary)| (*name, vocabulary.terms.clone()))
                .collect(),
        }
    }

    fn terms(&self, name: VocabName) -> &[Term] {
        self.terms
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.as_slice())
            .unwrap_or(&[])
    }

    /// A value of `name`, spelled as its key, Chinese or English label.
    fn value(&self, rng: &mut Rng, name: VocabName) -> Option<TermValue> {
        let terms = self.terms(name);
        if terms.is_empty() {
            return None;
        }
        // Skewed: the first terms are used more, as in real data.
        let index = rng.below(terms.len()).min(rng.below(terms.len()));
        let term = &terms[index];
        let written = match rng.below(3) {
            0 => term.key.clone(),
            1 => term.zh.clone(),
            _ => term.en.clone(),
        };
        Some(TermValue {
            key: term.key.clone(),
            written,
        })
    }

    fn values(&self, rng: &mut Rng, name: VocabName, max: usize) -> Vec<TermValue> {
        let mut values: Vec<TermValue> = Vec::new();
        for _ in 0..rng.between(1, max) {
            if let Some(value) = self.value(rng, name)
                && !values.iter().any(|v| v.key == value.key)
            {
                values.push(value);
            }
        }
        values
    }
}

fn date(rng: &mut Rng) -> (String, String) {
    let year = rng.between(2012, 2025);
    let month = rng.between(1, 12);
    let day = rng.between(1, 28);
    let full = format!("{year:04}-{month:02}-{day:02}");
    let written = match rng.below(4) {
        0 => format!("{year}"),
        1 => format!("{year:04}-{month:02}"),
        _ => full.clone(),
    };
    (written, full)
}

fn word(rng: &mut Rng, words: &[&'static str]) -> &'static str {
    words[rng.below(words.len())]
}

fn zh_sentence(rng: &mut Rng, out: &mut String) {
    let words = rng.between(8, 18);
    for i in 0..words {
        out.push_str(word(rng, ZH_WORDS));
        if i + 1 < words && rng.chance(12) {
            out.push(',');
        }
        if rng.chance(4) {
            let _ = write!(out, "{}", rng.between(2, 980));
        }
    }
    out.push('。');
}

fn en_sentence(rng: &mut Rng, out: &mut String) {
    let start = out.len();
    out.push_str("The ");
    out.push_str(word(rng, EN_WORDS));
    out.push(' ');
    out.push_str(word(rng, EN_VERBS));
    let words = rng.between(5, 12);
    for _ in 0..words {
        out.push(' ');
        if rng.chance(40) {
            out.push_str(word(rng, EN_GLUE));
            out.push(' ');
        }
        if rng.chance(5) {
            let _ = write!(out, "{} ", rng.between(2, 980));
        }
        out.push_str(word(rng, EN_WORDS));
    }
    out.push('.');
    debug_assert!(out.len() > start);
}

/// A Markdown body of about `target` bytes, with headings, lists, emphasis and,
/// when given, a link to a park (`@/parks/slug`).
fn body(rng: &mut Rng, zh: bool, target: usize) -> String {
    let mut out = String::with_capacity(target + 256);
    let headings_zh = ["基本情况", "主要做法", "取得成效", "下一步打算", "技术指标"];
    let headings_en = [
        "Background",
        "What was done",
        "Results",
        "Next steps",
        "Technical figures",
    ];
    let mut section = 0;
    while out.len() < target {
        if out.len() > target / 3 && section < 5 && rng.chance(35) {
            let heading = if zh {
                headings_zh[section]
            } else {
                headings_en[section]
            };
            let _ = write!(out, "## {heading}\n\n");
            section += 1;
        }
        if rng.chance(15) {
            for _ in 0..rng.between(2, 4) {
                out.push_str("- ");
                if zh {
                    zh_sentence(rng, &mut out);
                } else {
                    en_sentence(rng, &mut out);
                }
                out.push('\n');
            }
            out.push('\n');
            continue;
        }
        for s in 0..rng.between(2, 5) {
            if s > 0 && !zh {
                out.push(' ');
            }
            if rng.chance(10) {
                out.push_str("**");
                if zh {
                    zh_sentence(rng, &mut out);
                } else {
                    en_sentence(rng, &mut out);
                }
                out.push_str("**");
            } else if zh {
                zh_sentence(rng, &mut out);
            } else {
                en_sentence(rng, &mut out);
            }
        }
        out.push_str("\n\n");
    }
    out
}

/// The closing line linking to the entry's park; `prefix` starts the link
/// target (`@/` for chengguo, a site path for Hugo).
fn park_line(entry: &Entry, zh: bool, prefix: &str) -> String {
    match &entry.park_link {
        Some(((title, _), slug)) if zh => {
            format!("\n所属园区:[{title}]({prefix}parks/{slug}/)。\n")
        }
        Some(((_, title), slug)) => format!("\nHosted by [{title}]({prefix}parks/{slug}/).\n"),
        None => String::new(),
    }
}

fn pair_of(items: &[(&str, &str)], index: usize) -> (String, String) {
    let (zh, en) = items[index % items.len()];
    (zh.to_string(), en.to_string())
}

fn picks(rng: &mut Rng, items: &[(&str, &str)], max: usize) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for _ in 0..rng.between(1, max) {
        let pick = pair_of(items, rng.below(items.len()));
        if !out.contains(&pick) {
            out.push(pick);
        }
    }
    out
}

fn company(rng: &mut Rng) -> (String, String) {
    let (stem_zh, stem_en) = *rng.pick(COMPANY_STEMS);
    let (trade_zh, trade_en) = *rng.pick(COMPANY_TRADES);
    (
        format!("重庆{stem_zh}{trade_zh}有限公司"),
        format!("Chongqing {stem_en} {trade_en} Co., Ltd."),
    )
}

/// Generate `n` entries: 60% achievements, 15% parks, 25% policies (at least
/// one of each when `n >= 3`).
pub fn generate(n: usize, seed: u64, vocab: &Vocab) -> Corpus {
    let mut rng = Rng::new(seed);
    let parks = if n >= 3 { (n * 15 / 100).max(1) } else { 0 };
    let policies = if n >= 3 { (n * 25 / 100).max(1) } else { 0 };
    let achievements = n - parks - policies;
    let mut entries = Vec::with_capacity(n);
    let mut park_titles: Vec<(String, String)> = Vec::with_capacity(parks);

    for i in 0..parks {
        let slug = format!("park-{i:06}");
        let (place_zh, place_en) = *rng.pick(PLACES);
        let (name_zh, name_en) = *rng.pick(PARK_NAMES);
        let title = (
            format!("{place_zh}{name_zh}{}号", i + 1),
            format!("{place_en} {name_en} No. {}", i + 1),
        );
        park_titles.push(title.clone());
        let (established, full) = date(&mut rng);
        let mut fields: Vec<(&'static str, Value)> = vec![
            ("title", Value::Text(title.0.clone(), title.1.clone())),
            (
                "summary",
                Value::Text(
                    format!("{}位于{place_zh},{}", title.0, {
                        let mut s = String::new();
                        zh_sentence(&mut rng, &mut s);
                        s
                    }),
                    format!("{} is located in {place_en}. {}", title.1, {
                        let mut s = String::new();
                        en_sentence(&mut rng, &mut s);
                        s
                    }),
                ),
            ),
        ];
        if let Some(kind) = vocab.value(&mut rng, VocabName::ParkKinds) {
            fields.push(("kind", Value::Term(kind)));
        }
        if let Some(level) = vocab.value(&mut rng, VocabName::Levels) {
            fields.push(("level", Value::Term(level)));
        }
        if let Some(region) = vocab.value(&mut rng, VocabName::Regions) {
            fields.push(("region", Value::Term(region)));
        }
        if i > 0 && rng.chance(40) {
            fields.push(("parent", Value::Plain(format!("park-{:06}", rng.below(i)))));
        }
        fields.push((
            "address",
            Value::Text(
                format!(
                    "{place_zh}{}路{}号",
                    *rng.pick(ZH_WORDS),
                    rng.between(1, 999)
                ),
                format!(
                    "{} {place_en} Road, No. {}",
                    rng.between(1, 999),
                    rng.between(1, 99)
                ),
            ),
        ));
        fields.push(("established", Value::Plain(established)));
        fields.push((
            "fields",
            Value::TermList(vocab.values(&mut rng, VocabName::Fields, 3)),
        ));
        let figures = (0..rng.between(0, 3))
            .map(|_| {
                (
                    ("孵化企业".to_string(), "Incubated companies".to_string()),
                    rng.between(5, 900) as u32,
                    ("家".to_string(), String::new()),
                    rng.between(2018, 2025) as u16,
                )
            })
            .collect::<Vec<_>>();
        if !figures.is_empty() {
            fields.push(("figures", Value::Figures(figures)));
        }
        if rng.chance(50) {
            fields.push((
                "website",
                Value::Plain(format!("https://park{i}.example.org/")),
            ));
        }
        if rng.chance(50) {
            fields.push((
                "coordinates",
                Value::Coordinates(
                    29.0 + rng.below(20_000) as f64 / 10_000.0,
                    105.5 + rng.below(20_000) as f64 / 10_000.0,
                ),
            ));
        }
        fields.push(("tags", Value::TextList(picks(&mut rng, TAGS, 3))));
        entries.push(finish(&mut rng, Kind::Park, slug, full, fields, None));
    }

    for i in 0..policies {
        let slug = format!("policy-{i:06}");
        let (place_zh, place_en) = *rng.pick(PLACES);
        let (name_zh, name_en) = *rng.pick(POLICY_NAMES);
        let year = rng.between(2012, 2025);
        let (issuer_zh, issuer_en) = *rng.pick(ISSUERS);
        let mut fields: Vec<(&'static str, Value)> = vec![
            (
                "title",
                Value::Text(
                    format!("{place_zh}{name_zh}({year}年第{}号)", i + 1),
                    format!("{place_en}: {name_en} ({year}, No. {})", i + 1),
                ),
            ),
            (
                "summary",
                Value::Text(
                    {
                        let mut s = String::new();
                        zh_sentence(&mut rng, &mut s);
                        zh_sentence(&mut rng, &mut s);
                        s
                    },
                    {
                        let mut s = String::new();
                        en_sentence(&mut rng, &mut s);
                        s.push(' ');
                        en_sentence(&mut rng, &mut s);
                        s
                    },
                ),
            ),
            (
                "issuer",
                Value::Text(issuer_zh.to_string(), issuer_en.to_string()),
            ),
            (
                "number",
                Value::Plain(format!("渝科局发〔{year}〕{}号", i % 400 + 1)),
            ),
            (
                "index_number",
                Value::Plain(format!("11500000MB15895317/{year}-{:05}", i)),
            ),
        ];
        let (written, _) = date(&mut rng);
        fields.push(("written", Value::Plain(written)));
        let (published, full) = date(&mut rng);
        fields.push(("published", Value::Plain(published)));
        if rng.chance(30) {
            fields.push(("effective", Value::Plain(date(&mut rng).0)));
        }
        for (field, name) in [
            ("status", VocabName::PolicyStatuses),
            ("topic", VocabName::Topics),
            ("genre", VocabName::Genres),
            ("region", VocabName::Regions),
        ] {
            if let Some(value) = vocab.value(&mut rng, name) {
                fields.push((field, Value::Term(value)));
            }
        }
        fields.push((
            "source",
            Value::Plain(format!("https://kjj.example.gov.cn/policy/{i}.html")),
        ));
        if i > 0 && rng.chance(60) {
            let mut related: Vec<String> = Vec::new();
            for _ in 0..rng.between(1, 3) {
                let other = format!("policy-{:06}", rng.below(i));
                if !related.contains(&other) {
                    related.push(other);
                }
            }
            fields.push(("related", Value::PlainList(related)));
        }
        fields.push(("tags", Value::TextList(picks(&mut rng, TAGS, 3))));
        entries.push(finish(&mut rng, Kind::Policy, slug, full, fields, None));
    }

    for i in 0..achievements {
        let slug = format!("achievement-{i:06}");
        let (head_zh, head_en) = *rng.pick(TITLE_HEADS);
        let (subject_zh, subject_en) = *rng.pick(TITLE_SUBJECTS);
        let (tail_zh, tail_en) = *rng.pick(TITLE_TAILS);
        let institutions = picks(&mut rng, INSTITUTIONS, 2);
        let mut fields: Vec<(&'static str, Value)> = vec![
            (
                "title",
                Value::Text(
                    format!("{head_zh}{subject_zh}{tail_zh}({})", i + 1),
                    format!("{head_en} {subject_en} {tail_en} ({})", i + 1),
                ),
            ),
            (
                "summary",
                Value::Text(
                    {
                        let mut s = format!("{}研发的{subject_zh}{tail_zh}。", institutions[0].0);
                        zh_sentence(&mut rng, &mut s);
                        zh_sentence(&mut rng, &mut s);
                        s
                    },
                    {
                        let mut s = format!(
                            "A {subject_en} {tail_en} developed by {}. ",
                            institutions[0].1
                        );
                        en_sentence(&mut rng, &mut s);
                        s
                    },
                ),
            ),
        ];
        let (written, full) = date(&mut rng);
        fields.push(("date", Value::Plain(written)));
        fields.push(("institutions", Value::TextList(institutions)));
        if rng.chance(60) {
            fields.push((
                "partners",
                Value::TextList((0..rng.between(1, 2)).map(|_| company(&mut rng)).collect()),
            ));
        }
        for (field, name) in [("field", VocabName::Fields), ("stage", VocabName::Stages)] {
            if let Some(value) = vocab.value(&mut rng, name) {
                fields.push((field, Value::Term(value)));
            }
        }
        fields.push((
            "transfer_modes",
            Value::TermList(vocab.values(&mut rng, VocabName::TransferModes, 2)),
        ));
        if let Some(region) = vocab.value(&mut rng, VocabName::Regions) {
            fields.push(("region", Value::Term(region)));
        }
        let mut park_link = None;
        if parks > 0 && rng.chance(80) {
            let park = rng.below(parks);
            fields.push(("park", Value::Plain(format!("park-{park:06}"))));
            if rng.chance(50) {
                park_link = Some(park);
            }
        }
        if policies > 0 && rng.chance(70) {
            let mut linked: Vec<String> = Vec::new();
            for _ in 0..rng.between(1, 3) {
                let other = format!("policy-{:06}", rng.below(policies));
                if !linked.contains(&other) {
                    linked.push(other);
                }
            }
            fields.push(("policies", Value::PlainList(linked)));
        }
        fields.push(("tags", Value::TextList(picks(&mut rng, TAGS, 4))));
        if rng.chance(15) {
            fields.push(("awards", Value::TextList(picks(&mut rng, AWARDS, 1))));
        }
        if rng.chance(30) {
            // The structured form: free text is accepted with a warning.
            fields.push((
                "contact",
                Value::Record(vec![(
                    "phone",
                    format!("023-6{:07}", rng.below(10_000_000)),
                )]),
            ));
        }
        if rng.chance(20) {
            fields.push((
                "links",
                Value::Links(vec![(
                    ("成果详情".to_string(), "Details".to_string()),
                    format!("https://results.example.org/{i}"),
                )]),
            ));
        }
        if rng.chance(1) || i < 4 {
            fields.push(("featured", Value::Bool(true)));
        }
        let link = park_link.map(|p| (park_titles[p].clone(), format!("park-{p:06}")));
        entries.push(finish(
            &mut rng,
            Kind::Achievement,
            slug,
            full,
            fields,
            link,
        ));
    }
    Corpus { entries }
}

/// Decide the form and languages, and write the bodies.
fn finish(
    rng: &mut Rng,
    kind: Kind,
    slug: String,
    sort_date: String,
    fields: Vec<(&'static str, Value)>,
    park_link: Option<((String, String), String)>,
) -> Entry {
    let pair = rng.chance(50);
    let english = !rng.chance(5);
    let zh_size = rng.between(2000, 4000);
    let body_zh = body(rng, true, zh_size);
    let body_en = if english {
        let en_size = rng.between(2000, 3000);
        body(rng, false, en_size)
    } else {
        String::new()
    };
    Entry {
        kind,
        slug,
        pair,
        english,
        sort_date,
        fields,
        body_zh,
        body_en,
        park_link,
    }
}

/// A YAML double-quoted scalar (JSON strings are valid YAML).
fn q(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

/// How a field is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    /// Front matter of the chengguo Markdown file in this language.
    Pair(bool),
    /// One chengguo YAML file with both languages (`english` says whether English is given).
    Yaml(bool),
    /// Front matter of the Hugo Markdown file in this language.
    Hugo(bool),
}

fn text(target: Target, zh: &str, en: &str) -> String {
    match target {
        Target::Pair(true) | Target::Hugo(true) => q(zh),
        Target::Pair(false) | Target::Hugo(false) => q(en),
        Target::Yaml(true) => format!("{{zh: {}, en: {}}}", q(zh), q(en)),
        Target::Yaml(false) => format!("{{zh: {}}}", q(zh)),
    }
}

fn term(target: Target, value: &TermValue) -> String {
    match target {
        Target::Hugo(_) => q(&value.key),
        _ => q(&value.written),
    }
}

fn field_yaml(target: Target, name: &str, value: &Value, out: &mut String) {
    let _ = match value {
        Value::Text(zh, en) => writeln!(out, "{name}: {}", text(target, zh, en)),
        Value::TextList(items) => writeln!(
            out,
            "{name}: [{}]",
            items
                .iter()
                .map(|(zh, en)| text(target, zh, en))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Plain(text) => writeln!(out, "{name}: {}", q(text)),
        Value::PlainList(items) => writeln!(
            out,
            "{name}: [{}]",
            items.iter().map(|t| q(t)).collect::<Vec<_>>().join(", ")
        ),
        Value::Term(value) => writeln!(out, "{name}: {}", term(target, value)),
        Value::TermList(values) => writeln!(
            out,
            "{name}: [{}]",
            values
                .iter()
                .map(|v| term(target, v))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Bool(b) => writeln!(out, "{name}: {b}"),
        Value::Links(items) => {
            let _ = writeln!(out, "{name}:");
            for ((zh, en), url) in items {
                let _ = writeln!(
                    out,
                    "  - {{title: {}, url: {}}}",
                    text(target, zh, en),
                    q(url)
                );
            }
            Ok(())
        }
        Value::Figures(items) => {
            let _ = writeln!(out, "{name}:");
            for ((lz, le), value, (uz, ue), year) in items {
                let _ = writeln!(
                    out,
                    "  - {{label: {}, value: {value}, unit: {}, year: {year}}}",
                    text(target, lz, le),
                    text(target, uz, ue)
                );
            }
            Ok(())
        }
        Value::Coordinates(lat, lon) => writeln!(out, "{name}: {{lat: {lat:.4}, lon: {lon:.4}}}"),
        Value::Record(items) => writeln!(
            out,
            "{name}: {{{}}}",
            items
                .iter()
                .map(|(key, value)| format!("{key}: {}", q(value)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
}

/// The chengguo source files of one entry: `(relative path, text)`.
pub fn chengguo_files(entry: &Entry) -> Vec<(String, String)> {
    let folder = format!("content/{}", entry.kind.folder());
    if entry.pair {
        let mut files = Vec::new();
        for zh in [true, false] {
            if !zh && !entry.english {
                continue;
            }
            let mut out = String::from("---\n");
            for (name, value) in &entry.fields {
                field_yaml(Target::Pair(zh), name, value, &mut out);
            }
            out.push_str("---\n\n");
            out.push_str(if zh { &entry.body_zh } else { &entry.body_en });
            out.push_str(&park_line(entry, zh, "@/"));
            let lang = if zh { "zh" } else { "en" };
            files.push((format!("{folder}/{}.{lang}.md", entry.slug), out));
        }
        files
    } else {
        let mut out = String::new();
        let target = Target::Yaml(entry.english);
        for (name, value) in &entry.fields {
            field_yaml(target, name, value, &mut out);
        }
        out.push_str("body:\n  zh: |\n");
        indent(
            &(entry.body_zh.clone() + &park_line(entry, true, "@/")),
            &mut out,
        );
        if entry.english {
            out.push_str("  en: |\n");
            indent(
                &(entry.body_en.clone() + &park_line(entry, false, "@/")),
                &mut out,
            );
        }
        vec![(format!("{folder}/{}.yaml", entry.slug), out)]
    }
}

fn indent(text: &str, out: &mut String) {
    for line in text.lines() {
        if !line.is_empty() {
            out.push_str("    ");
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// Hugo's taxonomies: one per (type, vocabulary field), as our term pages are.
pub const HUGO_TAXONOMIES: &[(Kind, &str)] = &[
    (Kind::Achievement, "field"),
    (Kind::Achievement, "stage"),
    (Kind::Achievement, "transfer_modes"),
    (Kind::Achievement, "region"),
    (Kind::Park, "kind"),
    (Kind::Park, "level"),
    (Kind::Park, "region"),
    (Kind::Park, "fields"),
    (Kind::Policy, "status"),
    (Kind::Policy, "topic"),
    (Kind::Policy, "genre"),
    (Kind::Policy, "region"),
];

fn hugo_taxonomy(kind: Kind, field: &str) -> String {
    format!("{}_{field}", kind.folder())
}

/// The Hugo content files of one entry: one Markdown file per language.
pub fn hugo_files(entry: &Entry) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for zh in [true, false] {
        if !zh && !entry.english {
            continue;
        }
        let target = Target::Hugo(zh);
        let mut out = String::from("---\n");
        let mut params = String::new();
        for (name, value) in &entry.fields {
            match (*name, value) {
                ("title" | "summary", _) => field_yaml(target, name, value, &mut out),
                (_, Value::Term(v)) => {
                    let _ = writeln!(
                        out,
                        "{}: [{}]",
                        hugo_taxonomy(entry.kind, name),
                        term(target, v)
                    );
                }
                (_, Value::TermList(values)) => {
                    let _ = writeln!(
                        out,
                        "{}: [{}]",
                        hugo_taxonomy(entry.kind, name),
                        values
                            .iter()
                            .map(|v| term(target, v))
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                }
                _ => {
                    let mut line = String::new();
                    field_yaml(target, name, value, &mut line);
                    for l in line.lines() {
                        params.push_str("  ");
                        params.push_str(l);
                        params.push('\n');
                    }
                }
            }
        }
        let _ = writeln!(out, "date: {}", entry.sort_date);
        out.push_str("f:\n");
        out.push_str(&params);
        out.push_str("---\n\n");
        out.push_str(if zh { &entry.body_zh } else { &entry.body_en });
        // Hugo has no `@/` links; plain site paths are the nearest equivalent.
        out.push_str(&park_line(entry, zh, if zh { "/" } else { "/en/" }));
        let lang = if zh { "zh" } else { "en" };
        files.push((
            format!("content/{}/{}.{lang}.md", entry.kind.folder(), entry.slug),
            out,
        ));
    }
    files
}

/// Make `dir` ready to be (re)written: it must not exist, be empty, or carry
/// the marker of an earlier run. Returns an error rather than deleting a
/// folder the generator did not write.
pub fn prepare_dir(dir: &Path) -> io::Result<()> {
    if dir.exists() {
        let empty = fs::read_dir(dir)?.next().is_none();
        if !empty && !dir.join(MARKER).is_file() {
            return Err(io::Error::other(format!(
                "{} exists and was not written by gen_corpus; refusing to overwrite it",
                dir.display()
            )));
        }
        for sub in ["content", "themes", "layouts", "i18n", "public"] {
            let path = dir.join(sub);
            if path.exists() {
                fs::remove_dir_all(&path)?;
            }
        }
    }
    fs::create_dir_all(dir)?;
    fs::write(dir.join(MARKER), "written by examples/gen_corpus\n")
}

fn write_all(dir: &Path, files: &[(String, String)]) -> io::Result<()> {
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, text)?;
    }
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for item in fs::read_dir(from)? {
        let item = item?;
        let target = to.join(item.file_name());
        if item.file_type()?.is_dir() {
            copy_tree(&item.path(), &target)?;
        } else {
            fs::copy(item.path(), &target)?;
        }
    }
    Ok(())
}

/// Write the corpus as a chengguo site in `dir`, with the configuration and
/// theme of the site at `repo` (normally this repository).
pub fn write_chengguo(corpus: &Corpus, dir: &Path, repo: &Path) -> io::Result<usize> {
    prepare_dir(dir)?;
    fs::copy(repo.join("config.yaml"), dir.join("config.yaml"))?;
    copy_tree(&repo.join("themes/default"), &dir.join("themes/default"))?;
    let mut count = 0;
    for entry in &corpus.entries {
        let files = chengguo_files(entry);
        count += files.len();
        write_all(dir, &files)?;
    }
    Ok(count)
}

/// Write the corpus as a Hugo site in `dir`: configuration, a small theme in
/// `layouts/` and one Markdown file per entry and language.
pub fn write_hugo(corpus: &Corpus, dir: &Path, page_size: usize) -> io::Result<usize> {
    prepare_dir(dir)?;
    let mut config = String::new();
    let _ = writeln!(
        config,
        "baseURL = \"/\"\ntitle = \"成渝科技成果展示平台\"\ndefaultContentLanguage = \"zh\"\n\
         defaultContentLanguageInSubdir = false\npaginate = {page_size}\n\
         disableKinds = [\"RSS\", \"sitemap\", \"robotsTXT\"]\nenableRobotsTXT = false\n"
    );
    config.push_str("[taxonomies]\n");
    for (kind, field) in HUGO_TAXONOMIES {
        let name = hugo_taxonomy(*kind, field);
        let _ = writeln!(config, "  {name} = \"{name}\"");
    }
    config.push_str(
        "[languages]\n  [languages.zh]\n    languageName = \"中文\"\n    weight = 1\n    \
         title = \"成渝科技成果展示平台\"\n  [languages.en]\n    languageName = \"English\"\n    \
         weight = 2\n    title = \"Chengdu–Chongqing Science and Technology Achievements\"\n",
    );
    fs::write(dir.join("config.toml"), config)?;
    write_all(dir, &hugo_theme())?;
    let mut count = 0;
    for entry in &corpus.entries {
        let files = hugo_files(entry);
        count += files.len();
        write_all(dir, &files)?;
    }
    Ok(count)
}

/// A minimal theme comparable to ours: base layout with navigation and
/// language switch, home page with the latest entries of each type, paginated
/// section and term lists of cards, taxonomy pages with counts, and entry
/// pages showing the fields and relations.
fn hugo_theme() -> Vec<(String, String)> {
    let files: &[(&str, &str)] = &[
        (
            "layouts/_default/baseof.html",
            r#"<!doctype html>
<html lang="{{ .Site.Language.Lang }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header><a href="{{ "/" | relLangURL }}">{{ .Site.Title }}</a>
<nav>{{ range slice "achievements" "parks" "policies" }}<a href="{{ printf "/%s/" . | relLangURL }}">{{ i18n . }}</a> {{ end }}</nav>
{{ range .Translations }}<a hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">{{ .Language.LanguageName }}</a>{{ end }}
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}</footer>
</body>
</html>
"#,
        ),
        (
            "layouts/partials/card.html",
            r#"<li class="card"><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<p>{{ .Params.summary }}</p>
{{ with .Params.f.institutions }}<p>{{ delimit . ", " }}</p>{{ end }}
<time>{{ .Date.Format "2006-01-02" }}</time></li>
"#,
        ),
        (
            "layouts/index.html",
            r#"{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
{{ range slice "achievements" "parks" "policies" }}
{{ $pages := where site.RegularPages "Section" . }}
<section><h2>{{ i18n . }} ({{ len $pages }})</h2>
<ul>{{ range first 6 $pages.ByDate.Reverse }}{{ partial "card.html" . }}{{ end }}</ul></section>
{{ end }}
{{ end }}
"#,
        ),
        (
            "layouts/_default/list.html",
            r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Paginator.Pages }}{{ partial "card.html" . }}{{ end }}</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"#,
        ),
        (
            "layouts/_default/terms.html",
            r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>
{{ end }}
"#,
        ),
        (
            "layouts/_default/single.html",
            r#"{{ define "main" }}
<article data-entry>
<h1>{{ .Title }}</h1>
<p>{{ .Params.summary }}</p>
<dl>
{{ range $k, $v := .Params.f }}{{ if and (ne $k "park") (ne $k "policies") (ne $k "related") (ne $k "parent") }}<dt>{{ $k }}</dt><dd>{{ $v }}</dd>{{ end }}{{ end }}
{{ range $name, $_ := .Site.Taxonomies }}{{ with $.GetTerms $name }}<dt>{{ $name }}</dt><dd>{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</dd>{{ end }}{{ end }}
{{ with .Params.f.park }}{{ with site.GetPage (printf "/parks/%s" .) }}<dt>{{ i18n "park" }}</dt><dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd>{{ end }}{{ end }}
{{ with .Params.f.parent }}{{ with site.GetPage (printf "/parks/%s" .) }}<dt>{{ i18n "parent" }}</dt><dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd>{{ end }}{{ end }}
{{ range .Params.f.policies }}{{ with site.GetPage (printf "/policies/%s" .) }}<dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd>{{ end }}{{ end }}
{{ range .Params.f.related }}{{ with site.GetPage (printf "/policies/%s" .) }}<dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd>{{ end }}{{ end }}
</dl>
{{ .Content }}
</article>
{{ end }}
"#,
        ),
        (
            "i18n/zh.yaml",
            "achievements: 科技成果\nparks: 园区平台\npolicies: 科技政策\npark: 所属园区\nparent: 上级园区\n",
        ),
        (
            "i18n/en.yaml",
            "achievements: Achievements\nparks: Parks and platforms\npolicies: Policies\npark: Park\nparent: Part of\n",
        ),
    ];
    files
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect()
}
