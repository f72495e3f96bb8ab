//! `chengguo import` and `chengguo export` as an office runs them, from the
//! site's folder: CSV in each encoding, an XLSX made here, errors placed in
//! the sheet, nothing written unless every row is sound, and the round trip
//! export → import on the bundled site.

mod support;

use std::path::Path;

use chengguo::entry::EntryType;
use chengguo::sheet::cells::to_cells;
use chengguo::sheet::columns::columns;
use support::{Fixture, chengguo, copy_tree, repo};

const HEADER: &str = "slug,标题（中文）,Title (English),成熟度阶段,transfer_modes,ip_kind,ip_number,cooperation_price,contact_name_zh,contact_phone,attachments_file,attachments_title_zh\n";
const ROW: &str = "soil-sensor,土壤传感器,Soil sensor,中试,许可|转让,发明专利,ZL201710601862.3,面议,张老师,023-6000 1111,docs/brochure.pdf,产品手册\n";

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_imported(fixture: &Fixture, sheet: &str) {
    let output = chengguo(fixture.root(), &["import", sheet, "--type", "achievement"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let made = fixture.root().join("content/achievements/soil-sensor.yaml");
    let text = std::fs::read_to_string(made).unwrap();
    for expected in [
        "zh: 土壤传感器",
        "stage: 中试",
        "number: ZL201710601862.3",
        "price: 面议",
        "phone: 023-6000 1111",
    ] {
        assert!(text.contains(expected), "{expected} not in\n{text}");
    }
    let check = chengguo(fixture.root(), &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let built = fixture.build().expect("the imported entry builds");
    let page = support::page(&built, "achievements/soil-sensor/index.html");
    assert!(page.contains("发明专利 ZL201710601862.3") && page.contains("（PDF 1.5 KB）"));
}

#[test]
fn imports_csv_in_utf8_with_and_without_bom_and_in_gb18030() {
    let text = format!("{HEADER}{ROW}");
    let (gb18030, _, _) = encoding_rs::GB18030.encode(&text);
    for bytes in [
        text.as_bytes().to_vec(),
        [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat(),
        gb18030.into_owned(),
    ] {
        let fixture = Fixture::new("business");
        fixture.write("成果.csv", bytes);
        assert_imported(&fixture, "成果.csv");
    }
}

/// An XLSX workbook of text cells, made as an office's Excel would save it.
fn write_xlsx(path: &Path, rows: &[Vec<&str>]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    workbook.save(path).unwrap();
}

#[test]
fn imports_the_first_worksheet_of_an_xlsx_workbook() {
    let fixture = Fixture::new("business");
    let rows: Vec<Vec<&str>> = [HEADER, ROW]
        .iter()
        .map(|line| line.trim_end().split(',').collect())
        .collect();
    write_xlsx(&fixture.root().join("成果.xlsx"), &rows);
    assert_imported(&fixture, "成果.xlsx");
}

#[test]
fn reports_every_problem_at_its_cell_in_the_sites_language_and_writes_nothing() {
    let fixture = Fixture::new("business");
    let rows = [
        vec!["slug", "title_zh", "stage", "ip_kind", "ip_number"],
        vec!["good-one", "好的", "中试", "", ""],
        vec!["bad-stage", "错的", "中式", "", ""],
        vec![
            "bad-patent",
            "错的专利",
            "pilot",
            "发明专利",
            "ZL201710601862.4",
        ],
        vec!["", "没有 slug", "", "", ""],
        vec!["graphene-sensor", "已有", "", "", ""],
    ];
    write_xlsx(&fixture.root().join("成果.xlsx"), &rows);
    let output = chengguo(
        fixture.root(),
        &["import", "成果.xlsx", "--type", "achievement"],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr(&output);
    for expected in [
        "成果.xlsx:Sheet1!C3: 错误: 字段 \"stage\": 未知的值 \"中式\"\n  = 提示: 你是不是要写 中试？",
        "成果.xlsx:Sheet1!E4: 错误: 字段 \"ip\": \"ZL201710601862.4\" 的校验位不对：按前面的数字应为 3",
        "成果.xlsx:Sheet1!A5: 错误: 这一行没有 slug",
        "成果.xlsx:Sheet1!A6: 错误: 成果 \"graphene-sensor\" 已经存在\n  = 提示: import --update 只改动表格中有列的字段",
        "导入失败，没有写入任何文件",
    ] {
        assert!(stderr.contains(expected), "{expected}\nnot in\n{stderr}");
    }
    assert!(
        !fixture
            .root()
            .join("content/achievements/good-one.yaml")
            .exists()
    );
}

#[test]
fn dry_run_writes_nothing_and_update_changes_only_the_sheets_columns() {
    let fixture = Fixture::new("business");
    fixture.write(
        "a.csv",
        "slug,summary_zh,cooperation_price\ngraphene-sensor,新的简介,面议\nfresh,,\n",
    );
    let dry_run = || {
        chengguo(
            fixture.root(),
            &[
                "import",
                "a.csv",
                "--type",
                "achievement",
                "--dry-run",
                "--update",
            ],
        )
    };
    let dry = dry_run();
    assert_eq!(
        dry.status.code(),
        Some(1),
        "fresh has no title: {}",
        stderr(&dry)
    );
    fixture.write(
        "a.csv",
        "slug,summary_zh,cooperation_price\ngraphene-sensor,新的简介,面议\n",
    );
    let before = std::fs::read_to_string(
        fixture
            .root()
            .join("content/achievements/graphene-sensor.yaml"),
    )
    .unwrap();
    let dry = dry_run();
    assert_eq!(dry.status.code(), Some(0), "{}", stderr(&dry));
    let path = fixture
        .root()
        .join("content/achievements/graphene-sensor.yaml");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    let update = chengguo(
        fixture.root(),
        &["import", "a.csv", "--type", "achievement", "--update"],
    );
    assert_eq!(update.status.code(), Some(0), "{}", stderr(&update));
    let built = fixture.build().expect("the updated entry builds");
    let zh = support::page(&built, "achievements/graphene-sensor/index.html");
    let en = support::page(&built, "en/achievements/graphene-sensor/index.html");
    // The sheet's columns changed: summary_zh, and the price within cooperation.
    assert!(zh.contains("新的简介") && zh.contains("<span>面议</span>"));
    // What the sheet has no column for stayed: the English summary, the transfer modes, the contact.
    assert!(en.contains("A flexible graphene pressure sensor."), "{en}");
    assert!(zh.contains("tel:02360001234") && zh.contains("licensing"));
}

/// Every field of every entry as cells: the parsed values, each shown in
/// full (every part and language), so two sites compare field by field.
fn fields_of(root: &Path, entry_type: EntryType) -> Vec<(String, String, Vec<String>)> {
    let config = chengguo::config::load(root).unwrap();
    let (files, _) = chengguo::load::load(root, &config.limits);
    let mut slugs: Vec<String> = files
        .iter()
        .filter(|f| f.entry_type == entry_type)
        .map(|f| f.slug.clone())
        .collect();
    slugs.sort();
    slugs.dedup();
    let mut fields = Vec::new();
    for slug in slugs {
        let group: Vec<_> = files
            .iter()
            .filter(|f| f.entry_type == entry_type && f.slug == slug)
            .cloned()
            .collect();
        let values = chengguo::parse::written_fields(&group, &config).expect("the entry parses");
        let layout = columns(entry_type);
        for (name, value) in values {
            let mine: Vec<_> = layout.iter().filter(|c| c.spec.name == name).collect();
            fields.push((slug.clone(), name.to_string(), to_cells(&value, &mine)));
        }
    }
    fields
}

/// The rendered pages' text of each entry, both languages, for the bodies.
fn bodies(root: &Path) -> Vec<(String, Option<String>, Option<String>)> {
    let config = chengguo::config::load(root).unwrap();
    let (files, _) = chengguo::load::load(root, &config.limits);
    let (mut entries, _) = chengguo::parse::parse(files, &config, true);
    entries.sort_by(|a, b| (a.entry_type, &a.slug).cmp(&(b.entry_type, &b.slug)));
    entries
        .iter()
        .map(|e| {
            let html = |body: &Option<chengguo::entry::Body>| body.as_ref().map(|b| b.html.clone());
            (e.slug.clone(), html(&e.body_zh), html(&e.body_en))
        })
        .collect()
}

/// A copy of the site at `from`: its configuration, content and static files.
fn copy_site(from: &Path, content: bool) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    std::fs::copy(from.join("config.yaml"), site.path().join("config.yaml")).unwrap();
    for folder in ["content", "static"] {
        if from.join(folder).is_dir() && (content || folder == "static") {
            copy_tree(&from.join(folder), &site.path().join(folder));
        }
    }
    site
}

fn round_trip(from: &Path, format: &str) {
    let original = copy_site(from, true);
    let copy = copy_site(from, false);
    // Parks and policies first: achievements refer to them.
    for entry_type in [EntryType::Park, EntryType::Policy, EntryType::Achievement] {
        let sheet = copy.path().join(format!("{}.{format}", entry_type.key()));
        let sheet = sheet.to_str().unwrap();
        let export = chengguo(
            original.path(),
            &[
                "export",
                "--type",
                entry_type.key(),
                "--format",
                format,
                "--output",
                sheet,
            ],
        );
        assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
        let import = chengguo(copy.path(), &["import", sheet, "--type", entry_type.key()]);
        assert_eq!(import.status.code(), Some(0), "{}", stderr(&import));
    }
    let check = chengguo(copy.path(), &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    for entry_type in EntryType::ALL {
        let before = fields_of(original.path(), entry_type);
        let after = fields_of(copy.path(), entry_type);
        for (a, b) in before.iter().zip(&after) {
            assert_eq!(a, b, "{format}");
        }
        assert_eq!(before.len(), after.len());
    }
    assert_eq!(bodies(original.path()), bodies(copy.path()));
}

#[test]
fn export_then_import_reproduces_the_bundled_site_field_for_field() {
    for format in ["csv", "xlsx"] {
        round_trip(&repo(), format);
    }
    assert!(fields_of(&repo(), EntryType::Achievement).len() > 50);
}

#[test]
fn export_then_import_reproduces_every_business_field() {
    let fixture = repo().join("tests/fixtures/business");
    for format in ["csv", "xlsx"] {
        round_trip(&fixture, format);
    }
    let names: Vec<String> = fields_of(&fixture, EntryType::Achievement)
        .into_iter()
        .map(|(_, name, _)| name)
        .collect();
    for name in ["ip", "cooperation", "contact", "attachments", "body"] {
        assert!(names.iter().any(|n| n == name), "{name}");
    }
}
