//! Every command speaks the site's language: what `build`, `schema`, `serve`, `new`,
//! `import`, `export` and `check --output` print is in Chinese for a site
//! whose `default_language` is zh and in English for one whose is en, with
//! the user's paths and values as they wrote them. `init`, which has no site
//! yet, speaks `--lang`, else the locale's language, else both.

mod support;

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use support::{Fixture, chengguo};

/// The `minimal` fixture, its default language set to `lang` (`zh` or `en`).
fn site(lang: &str) -> Fixture {
    let fixture = Fixture::new("minimal");
    let config = std::fs::read_to_string(fixture.root().join("config.yaml")).unwrap();
    let config = config.replace("default_language: zh", &format!("default_language: {lang}"));
    fixture.write("config.yaml", config);
    fixture
}

fn has_han(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Standard error, which holds what the commands say.
fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `chengguo ARGS` in `cwd` with the locale variables set as `locale` says
/// and every other one removed.
fn with_locale(cwd: &Path, args: &[&str], locale: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_chengguo"));
    command.current_dir(cwd).args(args);
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
    command.envs(locale.iter().copied());
    command.output().unwrap()
}

#[test]
fn init_speaks_its_lang_option_then_the_locale_then_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let made = with_locale(dir.path(), &["init", "zh-site", "--lang", "zh"], &[]);
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    assert!(stderr(&made).starts_with("已在 zh-site 创建新站点；"));
    assert!(!stderr(&made).contains("made a new site"));

    // A folder that is not empty, in the language the locale names.
    let taken = ["init", "zh-site"];
    let english = with_locale(dir.path(), &taken, &[("LANG", "en_US.UTF-8")]);
    assert_eq!(
        stderr(&english),
        "error: zh-site is not empty; init makes a site in a new or empty folder\n"
    );
    let chinese = with_locale(dir.path(), &taken, &[("LC_ALL", "zh_CN.UTF-8")]);
    assert_eq!(
        stderr(&chinese),
        "错误: zh-site 不是空文件夹；init 只在新建或空的文件夹中创建站点\n"
    );
    // --lang stands above the locale.
    let asked = with_locale(
        dir.path(),
        &["init", "zh-site", "--lang", "en"],
        &[("LANG", "zh_CN.UTF-8")],
    );
    assert!(!has_han(&stderr(&asked)), "{}", stderr(&asked));
    // No locale: both languages, English first.
    let both = with_locale(dir.path(), &["init", "both"], &[("LANG", "C")]);
    let text = stderr(&both);
    assert!(text.starts_with("made a new site in both; "), "{text}");
    assert!(text.contains("\n已在 both 创建新站点；"), "{text}");
}

#[test]
fn build_reports_and_sums_up_in_the_site_language_or_its_lang_option() {
    let broken = "title: {zh: 科学城\n";
    let zh = site("zh");
    let built = chengguo(zh.root(), &["build"]);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    assert!(stderr(&built).starts_with("已生成 "), "{}", stderr(&built));
    zh.write("content/parks/science-city.yaml", broken);
    let failed = chengguo(zh.root(), &["build"]);
    assert_eq!(failed.status.code(), Some(1));
    assert_eq!(
        stderr(&failed),
        "content/parks/science-city.yaml:1:8: 错误: 这里用 { 开始的映射没有用 } 结束（请用 } 结束映射，并用逗号分隔各项）\n\
         1 个错误\n\
         生成失败；./public 保持原样\n"
    );

    let en = site("en");
    let built = chengguo(en.root(), &["build"]);
    assert!(stderr(&built).starts_with("built "), "{}", stderr(&built));
    en.write("content/parks/science-city.yaml", broken);
    let failed = chengguo(en.root(), &["build"]);
    assert!(
        !has_han(&stderr(&failed).replace("科学城", "")),
        "{}",
        stderr(&failed)
    );
    assert!(stderr(&failed).ends_with("1 error\nbuild failed; ./public left as it was\n"));
    // --lang overrides the site's language.
    let chinese = chengguo(en.root(), &["build", "--lang", "zh"]);
    assert!(
        stderr(&chinese).ends_with("生成失败；./public 保持原样\n"),
        "{}",
        stderr(&chinese)
    );
}

#[test]
fn schema_says_it_cannot_write_in_the_site_language() {
    for (lang, expected) in [
        ("zh", "错误: 无法把模式文件写入 config.yaml："),
        ("en", "error: cannot write the schemas to config.yaml: "),
    ] {
        let fixture = site(lang);
        // The folder to write into is a file.
        let output = chengguo(fixture.root(), &["schema", "--out", "config.yaml"]);
        assert_eq!(output.status.code(), Some(3));
        assert!(stderr(&output).starts_with(expected), "{}", stderr(&output));
    }
}

#[test]
fn new_refuses_a_bad_slug_in_the_site_language() {
    for (lang, expected) in [
        ("zh", "错误: \"Not_A_Slug\" 不是有效的 slug："),
        ("en", "error: \"Not_A_Slug\" is not a valid slug: "),
    ] {
        let fixture = site(lang);
        let output = chengguo(fixture.root(), &["new", "park", "Not_A_Slug"]);
        assert_eq!(output.status.code(), Some(2));
        assert!(stderr(&output).starts_with(expected), "{}", stderr(&output));
    }
}

#[test]
fn import_reports_and_sums_up_in_the_site_language() {
    for (lang, expected) in [
        ("zh", "sheet.csv:A1: 错误: 表格没有 slug 列\n"),
        ("en", "sheet.csv:A1: error: the sheet has no slug column\n"),
    ] {
        let fixture = site(lang);
        fixture.write("sheet.csv", "name\nx\n");
        let output = chengguo(fixture.root(), &["import", "sheet.csv", "--type", "park"]);
        assert_eq!(output.status.code(), Some(1));
        let text = stderr(&output);
        assert!(text.contains(expected), "{text}");
        let summary = text.lines().last().unwrap();
        match lang {
            "zh" => assert_eq!(summary, "导入失败，没有写入任何文件"),
            _ => assert_eq!(summary, "import failed; nothing was written"),
        }
    }
}

#[test]
fn export_says_it_cannot_write_in_the_site_language() {
    for (lang, expected) in [
        ("zh", "错误: 无法写入 missing/parks.csv："),
        ("en", "error: cannot write missing/parks.csv: "),
    ] {
        let fixture = site(lang);
        let args = ["export", "--type", "park", "--output", "missing/parks.csv"];
        let output = chengguo(fixture.root(), &args);
        assert_eq!(output.status.code(), Some(3));
        assert!(stderr(&output).starts_with(expected), "{}", stderr(&output));
    }
}

#[test]
fn check_output_sums_up_the_links_in_the_site_language() {
    for lang in ["zh", "en"] {
        let fixture = site(lang);
        let built = chengguo(fixture.root(), &["build"]);
        assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
        let output = chengguo(fixture.root(), &["check", "--output", "public"]);
        let summary = String::from_utf8(output.stdout).unwrap();
        let (prefix, suffix) = match lang {
            "zh" => ("检查了 ", " 个无效\n"),
            _ => ("checked ", " files: 0 broken\n"),
        };
        assert!(
            summary.starts_with(prefix) && summary.ends_with(suffix),
            "{summary}"
        );
        assert_eq!(has_han(&summary), lang == "zh", "{summary}");
        // Full-width punctuation in Chinese.
        assert!(!summary.contains(','), "{summary}");
    }
}

/// The first line `chengguo serve --bind 0.0.0.0 --port 0` prints, and what
/// it wrote to standard error before it (the warning that others can reach it).
fn serve_start(root: &Path) -> (String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chengguo"))
        .current_dir(root)
        .args(["serve", "--bind", "0.0.0.0", "--port", "0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // The warning is written before the address; the rest of standard error
    // comes once the server has stopped.
    let _ = child.kill();
    let _ = child.wait();
    let mut errors = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut errors)
        .unwrap();
    (line, errors)
}

#[test]
fn serve_gives_its_address_build_and_warning_in_the_site_language() {
    let starts = |text: &str, start: &str| text.lines().any(|line| line.starts_with(start));
    let (line, errors) = serve_start(site("zh").root());
    assert!(line.starts_with("正在预览 http://0.0.0.0:"), "{line}");
    assert!(line.ends_with(" （按 Ctrl-C 停止）\n"), "{line}");
    // The first build is not called a rebuild.
    assert!(starts(&errors, "已生成 "), "{errors}");
    assert!(!errors.contains("已重新生成"), "{errors}");
    assert!(starts(&errors, "警告：预览服务器监听 0.0.0.0:"), "{errors}");
    assert!(!errors.contains("warning"), "{errors}");

    let (line, errors) = serve_start(site("en").root());
    assert!(line.starts_with("serving http://0.0.0.0:"), "{line}");
    assert!(starts(&errors, "built "), "{errors}");
    assert!(!errors.contains("rebuilt"), "{errors}");
    assert!(
        starts(&errors, "warning: the preview listens on 0.0.0.0:"),
        "{errors}"
    );
    assert!(!has_han(&errors) && !has_han(&line), "{line}{errors}");
}
