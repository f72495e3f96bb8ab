//! The `chengguo` command: parse the command line, run the library, print
//! diagnostics, exit with 0 (success), 1 (content errors), 2 (usage errors) or
//! 3 (the output cannot be written), so that CI can tell them apart.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

use chengguo::config::Lang;
use chengguo::diag::Diagnostics;
use chengguo::diag::messages::{Message, Note};
use chengguo::progress::{Mode, Terminal};
use chengguo::{BuildOptions, Output, build};

/// The build allocates millions of small strings; mimalloc does that with
/// about a third less CPU than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes, for `--help`; the README says the same.
const EXIT_CODES: &str = "Exit codes: 0 success; 1 content errors (the problems are listed); \
2 usage errors (a bad option, no config.yaml); 3 the output cannot be written \
(a full disk, a read-only folder).";

/// The output (site, entry files, schemas) could not be written.
const CANNOT_WRITE: u8 = 3;

#[derive(Parser)]
#[command(
    name = "chengguo",
    version,
    about = "Bilingual static sites of science-and-technology achievements, parks and policies",
    after_help = EXIT_CODES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile the site into the output folder (public/ by default).
    #[command(after_help = EXIT_CODES)]
    Build {
        /// The site's folder, holding config.yaml, content/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; defaults to ROOT/public.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override base_url from config.yaml (e.g. /showcase/ or https://example.org/).
        #[arg(long)]
        base_url: Option<String>,
        /// Include entries marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// The language of the messages; defaults to the site's default language.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Validate the site without writing anything: every field, reference and
    /// link, the files links and covers point at, and translation coverage.
    #[command(after_help = EXIT_CODES)]
    Check {
        /// The site's folder, holding config.yaml, content/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `text` for people; `json` prints one JSON object per problem per line;
        /// `github` prints GitHub Actions workflow commands (annotations);
        /// `gitlab` prints a GitLab Code Quality report (a JSON array).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The language of the messages; defaults to the site's default language.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Check the site built into this folder instead of the content: every
        /// internal link and image must lead to a file of it.
        #[arg(long)]
        output: Option<PathBuf>,
        /// With --output: the base_url the site was built with, if not config.yaml's.
        #[arg(long, requires = "output")]
        base_url: Option<String>,
    },
    /// Start a new entry with every field present, blank and explained.
    #[command(after_help = EXIT_CODES)]
    New {
        /// achievement, park or policy.
        #[arg(value_enum)]
        entry_type: TypeArg,
        /// The entry's slug: lowercase ASCII letters, digits and hyphens.
        slug: String,
        /// The languages to write, e.g. zh,en; defaults to the site's languages.
        #[arg(long, value_enum, value_delimiter = ',')]
        lang: Vec<LangArg>,
        /// Write the one-file YAML form (slug.yaml) instead of slug.zh.md and slug.en.md.
        #[arg(long)]
        yaml: bool,
        /// The site's folder, holding config.yaml, content/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Preview the site: build in memory, serve it, rebuild and reload pages on every change.
    #[command(after_help = EXIT_CODES)]
    Serve {
        /// The site's folder, holding config.yaml, content/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on; loopback unless you mean to share the preview.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// The port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the desktop's browser.
        #[arg(long)]
        open: bool,
        /// Override base_url from config.yaml; only its path is used.
        #[arg(long)]
        base_url: Option<String>,
        /// Include entries marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Make a new site in DIR: config.yaml with every setting explained, one
    /// example entry of each type, a .gitignore and CI recipes for GitHub and GitLab.
    Init {
        /// The folder to make the site in; it must not exist or be empty.
        dir: PathBuf,
        /// Copy the default theme into DIR/themes/default to change it, instead
        /// of using the one built into chengguo.
        #[arg(long)]
        eject_theme: bool,
        /// The language of init's messages; defaults to the locale's (LC_ALL,
        /// LC_MESSAGES, LANG), and to both languages where it names none.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Make entry files from the rows of a CSV or XLSX sheet: one
    /// content/<folder>/<slug>.yaml per row, written only if every row is sound.
    #[command(after_help = EXIT_CODES)]
    Import {
        /// The sheet: .csv (UTF-8, UTF-8 with BOM or GB18030) or .xlsx (its first worksheet).
        file: PathBuf,
        /// achievement, park or policy.
        #[arg(long = "type", value_enum)]
        entry_type: TypeArg,
        /// The site's folder, holding config.yaml, content/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Check every row and list the files it would write, but write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Change existing entries (slug.yaml ones): only the fields the sheet has columns for.
        #[arg(long)]
        update: bool,
    },
    /// Write every entry of a type as a sheet in the columns `import` reads.
    #[command(after_help = EXIT_CODES)]
    Export {
        /// achievement, park or policy.
        #[arg(long = "type", value_enum)]
        entry_type: TypeArg,
        #[arg(long, value_enum, default_value_t = SheetFormat::Csv)]
        format: SheetFormat,
        /// Where to write; defaults to <folder>.csv or <folder>.xlsx in the current folder.
        #[arg(long)]
        output: Option<PathBuf>,
        /// The site's folder, holding config.yaml, content/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write JSON Schemas of each entry type and of config.yaml, for editor completion.
    #[command(after_help = EXIT_CODES)]
    Schema {
        /// The folder to write the schemas into.
        #[arg(long)]
        out: PathBuf,
        /// The site's folder, holding config.yaml (its vocabularies become enums).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum TypeArg {
    Achievement,
    Park,
    Policy,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SheetFormat {
    Csv,
    Xlsx,
}

impl From<TypeArg> for chengguo::entry::EntryType {
    fn from(entry_type: TypeArg) -> Self {
        match entry_type {
            TypeArg::Achievement => chengguo::entry::EntryType::Achievement,
            TypeArg::Park => chengguo::entry::EntryType::Park,
            TypeArg::Policy => chengguo::entry::EntryType::Policy,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
    Github,
    Gitlab,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Lang {
        match lang {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return command_line_error(&error),
    };
    match cli.command {
        Command::Check {
            root,
            format,
            lang,
            output,
            base_url,
        } => match output {
            Some(output) => run_check_output(
                &root,
                &output,
                base_url.as_deref(),
                format,
                lang.map(Lang::from),
            ),
            None => run_check(&root, format, lang.map(Lang::from)),
        },
        Command::New {
            entry_type,
            slug,
            lang,
            yaml,
            root,
        } => run_new(&root, entry_type, &slug, &lang, yaml),
        Command::Schema { out, root } => run_schema(&root, &out),
        Command::Import {
            file,
            entry_type,
            root,
            dry_run,
            update,
        } => run_import(
            &root,
            &file,
            &chengguo::sheet::import::ImportOptions {
                entry_type: entry_type.into(),
                dry_run,
                update,
            },
        ),
        Command::Export {
            entry_type,
            format,
            output,
            root,
        } => run_export(&root, entry_type.into(), format, output),
        Command::Init {
            dir,
            eject_theme,
            lang,
        } => run_init(&dir, eject_theme, lang.map(Lang::from)),
        Command::Serve {
            root,
            bind,
            port,
            open,
            base_url,
            drafts,
        } => run_serve(
            chengguo::serve::ServeOptions {
                root,
                bind,
                port,
                base_url,
                include_drafts: drafts,
            },
            open,
        ),
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            lang,
        } => run_build(&root, output, base_url, drafts, lang.map(Lang::from)),
    }
}

fn run_build(
    root: &Path,
    output: Option<PathBuf>,
    base_url: Option<String>,
    drafts: bool,
    lang: Option<Lang>,
) -> ExitCode {
    if !root.join(chengguo::config::CONFIG_FILE).is_file() {
        return no_config(root);
    }
    let lang = lang.or_else(|| site_language(root));
    if let Some(Err(message)) = base_url.as_deref().map(chengguo::config::check_base_url) {
        usage_error(lang, Some("--base-url"), &message);
        return ExitCode::from(2);
    }
    // A configuration that does not load is reported by the build itself, in English.
    let lang = lang.unwrap_or(Lang::En);
    let output = output.unwrap_or_else(|| root.join("public"));
    let started = Instant::now();
    let options = BuildOptions {
        base_url,
        include_drafts: drafts,
    };
    let progress = Terminal::new(Mode::from_environment());
    let result = build(root, &options, Output::Disk(&output), &progress);
    progress.finish();
    let shown = output.display().to_string();
    match result {
        Ok(built) => {
            print_diagnostics_in(&built.warnings, lang);
            let counts = [
                built.site.entries.len().to_string(),
                built.pages.to_string(),
                built.file_count.to_string(),
                started.elapsed().as_millis().to_string(),
            ];
            let [entries, pages, files, ms] = counts.each_ref().map(String::as_str);
            eprintln!(
                "{}",
                Note::Built.in_language(lang, &[entries, pages, files, ms, &shown])
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_diagnostics_in(&diagnostics, lang);
            eprintln!("{}", Note::BuildFailed.in_language(lang, &[&shown]));
            if diagnostics.cannot_write() {
                ExitCode::from(CANNOT_WRITE)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

fn run_check(root: &Path, format: Format, lang: Option<Lang>) -> ExitCode {
    if !root.join(chengguo::config::CONFIG_FILE).is_file() {
        return no_config(root);
    }
    let report = chengguo::check::check(root);
    let lang = lang
        .or(report.config.as_ref().map(|c| c.default_language))
        .unwrap_or(Lang::Zh);
    match format {
        Format::Text => print!("{}", chengguo::check::text_report(root, &report, lang)),
        Format::Json | Format::Github | Format::Gitlab => {
            let prefix = chengguo::annotate::repository_prefix(root);
            print!(
                "{}",
                match format {
                    Format::Github =>
                        chengguo::annotate::github_report(&report.diagnostics, &prefix, lang),
                    Format::Gitlab =>
                        chengguo::annotate::gitlab_report(&report.diagnostics, &prefix, lang),
                    _ => chengguo::check::json_report(&report, lang),
                }
            );
            eprint!(
                "{}\n\n{}",
                chengguo::check::summary(&report, lang),
                chengguo::check::coverage_table(&report.coverage, lang)
            );
        }
    }
    if report.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `check --output`: the links of a built site, reported in `format`.
fn run_check_output(
    root: &Path,
    output: &Path,
    base_url: Option<&str>,
    format: Format,
    lang: Option<Lang>,
) -> ExitCode {
    if !output.is_dir() {
        usage_error(
            lang.or_else(|| site_language(root)),
            Some("--output"),
            &format!("{} is not a folder; build the site first", output.display()),
        );
        return ExitCode::from(2);
    }
    let config = if root.join(chengguo::config::CONFIG_FILE).is_file() {
        match load_config(root) {
            Ok(config) => Some(config),
            Err(code) => return code,
        }
    } else {
        None
    };
    let (origin, base_path) = match served_at(root, base_url, config.as_ref(), lang) {
        Ok(served_at) => served_at,
        Err(code) => return code,
    };
    let lang = lang
        .or(config.as_ref().map(|c| c.default_language))
        .unwrap_or(Lang::Zh);
    let served = chengguo::linkcheck::Served {
        base_path: &base_path,
        origin: origin.as_deref(),
    };
    let report = match chengguo::linkcheck::check_output(output, &served) {
        Ok(report) => report,
        Err(error) => {
            let shown = output.display().to_string();
            let message = Message::CannotReadPath.english(&[&shown, &error.to_string()]);
            usage_error(Some(lang), None, &message);
            return ExitCode::from(1);
        }
    };
    let problems = report.diagnostics.clone().sorted();
    let summary = chengguo::linkcheck::summary(&report, problems.len(), lang);
    print_link_report(&problems, &summary, output, format, lang);
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The origin and base path the site in the output folder was built for:
/// `--base-url`'s, else config.yaml's; the exit code after saying why neither is known.
fn served_at(
    root: &Path,
    base_url: Option<&str>,
    config: Option<&chengguo::config::Config>,
    lang: Option<Lang>,
) -> Result<(Option<String>, String), ExitCode> {
    match (base_url, config) {
        (Some(base_url), _) => chengguo::config::split_base_url(base_url).map_err(|message| {
            usage_error(
                lang.or(config.map(|c| c.default_language)),
                Some("--base-url"),
                &message,
            );
            ExitCode::from(2)
        }),
        (None, Some(config)) => Ok((config.origin.clone(), config.base_path.clone())),
        (None, None) => {
            usage_error(
                lang,
                None,
                &format!(
                    "{} has no config.yaml; pass the site's folder with --root, or --base-url",
                    root.display()
                ),
            );
            Err(ExitCode::from(2))
        }
    }
}

/// The broken links in `format` on standard output, then `summary`: on
/// standard output for people, on standard error beside a machine format.
fn print_link_report(
    problems: &[chengguo::diag::Diagnostic],
    summary: &str,
    output: &Path,
    format: Format,
    lang: Lang,
) {
    // Pages are named as the command line named the folder, which is
    // relative to the current folder, not to the site's root.
    let prefix = if output.is_absolute() {
        String::new()
    } else {
        chengguo::annotate::repository_prefix(Path::new("."))
    };
    match format {
        Format::Text => {
            for problem in problems {
                println!("{}", problem.render(None, lang));
            }
            println!("{summary}");
            return;
        }
        Format::Json => {
            for problem in problems {
                println!("{}", problem.to_json(lang));
            }
        }
        Format::Github => print!(
            "{}",
            chengguo::annotate::github_report(problems, &prefix, lang)
        ),
        Format::Gitlab => print!(
            "{}",
            chengguo::annotate::gitlab_report(problems, &prefix, lang)
        ),
    }
    eprintln!("{summary}");
}

/// Say what is wrong with the command line in the language of the site that
/// `--root` (or the current folder) names: clap's own English for an English
/// site, the catalogue's Chinese for a Chinese one, and clap's English then a
/// Chinese line where no site is found. `--help` and `--version` print as they are.
fn command_line_error(error: &clap::Error) -> ExitCode {
    if !error.use_stderr() {
        let _ = error.print();
        return ExitCode::SUCCESS;
    }
    match site_language(&root_in_arguments()) {
        Some(Lang::Zh) => {
            usage_error(Some(Lang::Zh), None, &command_line_message(error));
            let suggestion = clap_suggestion(error);
            let helps = suggestion
                .map(|near| chengguo::diag::messages::Help::DidYouMean.english(&[&near]))
                .into_iter()
                .chain([chengguo::diag::messages::Help::RunHelp.english(&[])]);
            for help in helps {
                let help = chengguo::diag::messages::help(&help, Lang::Zh);
                eprintln!("  = 提示: {help}");
            }
        }
        Some(Lang::En) => {
            let _ = error.print();
        }
        None => {
            let _ = error.print();
            eprintln!("错误: 命令行用法有误（见上方的英文说明）；运行 chengguo help 查看用法");
        }
    }
    ExitCode::from(2)
}

/// What clap suggests writing instead, if anything: of several, the nearest
/// to what was written.
fn clap_suggestion(error: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue};
    // clap may offer several; the nearest to what was written is named.
    let written = [ContextKind::InvalidSubcommand, ContextKind::InvalidArg]
        .into_iter()
        .find_map(|kind| match error.get(kind) {
            Some(ContextValue::String(text)) => Some(text.as_str()),
            _ => None,
        })
        .unwrap_or("");
    [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg]
        .into_iter()
        .find_map(|kind| match error.get(kind) {
            Some(ContextValue::String(near)) => Some(near.clone()),
            Some(ContextValue::Strings(near)) => {
                chengguo::diag::did_you_mean(written, near.iter().map(String::as_str))
                    .or(near.first().map(String::as_str))
                    .map(str::to_string)
            }
            _ => None,
        })
}

/// The `--root` the arguments name (also as `--root=DIR`), else the current folder.
fn root_in_arguments() -> PathBuf {
    let arguments: Vec<std::ffi::OsString> = std::env::args_os().collect();
    for (index, argument) in arguments.iter().enumerate() {
        let text = argument.to_string_lossy();
        if let Some(root) = text.strip_prefix("--root=") {
            return PathBuf::from(root);
        }
        if text == "--root"
            && let Some(root) = arguments.get(index + 1)
        {
            return PathBuf::from(root);
        }
    }
    PathBuf::from(".")
}

/// clap's error in the catalogue's English, from its kind and context.
fn command_line_message(error: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(text)) => text.clone(),
        Some(ContextValue::Strings(texts)) => texts.join(", "),
        _ => String::new(),
    };
    let argument = context(ContextKind::InvalidArg);
    match error.kind() {
        ErrorKind::UnknownArgument => Message::UsageUnknownArgument.english(&[&argument]),
        ErrorKind::InvalidSubcommand => {
            Message::UsageUnknownCommand.english(&[&context(ContextKind::InvalidSubcommand)])
        }
        ErrorKind::InvalidValue => Message::UsageInvalidValue.english(&[
            &context(ContextKind::InvalidValue),
            &argument,
            &context(ContextKind::ValidValue),
        ]),
        ErrorKind::MissingRequiredArgument => Message::UsageMissingArgument.english(&[&argument]),
        _ => Message::UsageOther.english(&[]),
    }
}

/// The site's configuration, or the exit code after saying why it cannot be read.
fn load_config(root: &Path) -> Result<chengguo::config::Config, ExitCode> {
    chengguo::config::load(root).map_err(|diagnostics| {
        print_diagnostics(&diagnostics);
        usage_error(
            None,
            None,
            "fix config.yaml (or pass the site's folder with --root) first",
        );
        ExitCode::from(2)
    })
}

/// The site's default language, if its configuration loads.
fn site_language(root: &Path) -> Option<Lang> {
    chengguo::config::load(root)
        .ok()
        .map(|config| config.default_language)
}

/// Say that `root` is not a site, in both languages: there is no
/// configuration to tell which one the site speaks.
fn no_config(root: &Path) -> ExitCode {
    usage_error(
        None,
        None,
        &format!(
            "{} has no config.yaml; pass the site's folder with --root",
            root.display()
        ),
    );
    ExitCode::from(2)
}

/// Print an error of the command line or of a command's own work (`error: …`,
/// after `option: ` if it is about one) in `lang`, or in both languages where
/// the site's is not known. `message` is the catalogue's English, translated
/// by it; the paths and values in it stay as the user wrote them.
fn usage_error(lang: Option<Lang>, option: Option<&str>, message: &str) {
    for lang in languages(lang) {
        let (word, colon) = match lang {
            Lang::En => ("error", ": "),
            Lang::Zh => ("错误", "："),
        };
        let option = option.map(|o| format!("{o}{colon}")).unwrap_or_default();
        let text = chengguo::diag::messages::message(message, lang);
        eprintln!("{word}: {option}{text}");
    }
}

/// `lang` if it is known, else both languages, English first.
fn languages(lang: Option<Lang>) -> Vec<Lang> {
    lang.map_or(vec![Lang::En, Lang::Zh], |lang| vec![lang])
}

fn run_new(root: &Path, entry_type: TypeArg, slug: &str, lang: &[LangArg], yaml: bool) -> ExitCode {
    let config = match load_config(root) {
        Ok(config) => config,
        Err(code) => return code,
    };
    let entry_type = match entry_type {
        TypeArg::Achievement => chengguo::entry::EntryType::Achievement,
        TypeArg::Park => chengguo::entry::EntryType::Park,
        TypeArg::Policy => chengguo::entry::EntryType::Policy,
    };
    let languages: Vec<Lang> = lang.iter().map(|l| Lang::from(*l)).collect();
    match chengguo::new::new_entry(root, &config, entry_type, slug, &languages, yaml) {
        Ok(paths) => {
            for path in paths {
                println!("{}", root.join(path).display());
            }
            ExitCode::SUCCESS
        }
        Err(error @ chengguo::new::NewError::Write(..)) => {
            usage_error(Some(config.default_language), None, &error.to_string());
            ExitCode::from(CANNOT_WRITE)
        }
        Err(error) => {
            usage_error(Some(config.default_language), None, &error.to_string());
            ExitCode::from(2)
        }
    }
}

fn run_import(
    root: &Path,
    file: &Path,
    options: &chengguo::sheet::import::ImportOptions,
) -> ExitCode {
    let config = match load_config(root) {
        Ok(config) => config,
        Err(code) => return code,
    };
    let lang = config.default_language;
    let table = match chengguo::sheet::read::read(file) {
        Ok(table) => table,
        Err(message) => {
            let diagnostic = chengguo::diag::Diagnostic::error(file, message);
            eprintln!("{}", diagnostic.render(None, lang));
            return ExitCode::from(1);
        }
    };
    let imported = chengguo::sheet::import::import(root, &config, file, &table, options);
    for diagnostic in imported.diagnostics.iter() {
        eprintln!("{}", diagnostic.render(None, lang));
    }
    for path in &imported.files {
        println!("{}", root.join(path).display());
    }
    let count = imported.files.len();
    let summary = match (imported.diagnostics.has_errors(), options.dry_run) {
        (true, _) => Note::ImportFailed,
        (false, true) => Note::ImportChecked,
        (false, false) => Note::Imported,
    };
    eprintln!("{}", summary.in_language(lang, &[&count.to_string()]));
    if imported.diagnostics.cannot_write() || (imported.diagnostics.has_errors() && count > 0) {
        ExitCode::from(CANNOT_WRITE)
    } else if imported.diagnostics.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_export(
    root: &Path,
    entry_type: chengguo::entry::EntryType,
    format: SheetFormat,
    output: Option<PathBuf>,
) -> ExitCode {
    use chengguo::sheet::export;
    let config = match load_config(root) {
        Ok(config) => config,
        Err(code) => return code,
    };
    let lang = config.default_language;
    let rows = match export::rows(root, &config, entry_type) {
        Ok(rows) => rows,
        Err(diagnostics) => {
            for diagnostic in diagnostics.sorted() {
                eprintln!("{}", diagnostic.render(None, lang));
            }
            return ExitCode::from(1);
        }
    };
    let (format, extension) = match format {
        SheetFormat::Csv => (export::Format::Csv, "csv"),
        SheetFormat::Xlsx => (export::Format::Xlsx, "xlsx"),
    };
    let output =
        output.unwrap_or_else(|| PathBuf::from(format!("{}.{extension}", entry_type.folder())));
    let written = export::encode(&rows, format, entry_type.folder())
        .and_then(|bytes| std::fs::write(&output, bytes).map_err(|e| e.to_string()));
    match written {
        Ok(()) => {
            println!("{}", output.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            let shown = output.display().to_string();
            usage_error(
                Some(lang),
                None,
                &Message::CannotWriteFile.english(&[&shown, &error]),
            );
            ExitCode::from(CANNOT_WRITE)
        }
    }
}

/// `init` in `lang`, else the locale's language, else both (there is no site
/// yet whose language could be asked).
fn run_init(dir: &Path, eject_theme: bool, lang: Option<Lang>) -> ExitCode {
    let lang =
        lang.or_else(|| chengguo::init::language_from_locale(|name| std::env::var(name).ok()));
    match chengguo::init::init(dir, eject_theme) {
        Ok(paths) => {
            for path in paths {
                println!("{}", dir.join(path).display());
            }
            let shown = dir.display().to_string();
            for lang in languages(lang) {
                eprintln!("{}", Note::SiteMade.in_language(lang, &[&shown, &shown]));
            }
            ExitCode::SUCCESS
        }
        Err(error @ chengguo::init::InitError::Write(..)) => {
            usage_error(lang, None, &error.to_string());
            ExitCode::from(CANNOT_WRITE)
        }
        Err(error) => {
            usage_error(lang, None, &error.to_string());
            ExitCode::from(2)
        }
    }
}

fn run_schema(root: &Path, out: &Path) -> ExitCode {
    let config = match load_config(root) {
        Ok(config) => config,
        Err(code) => return code,
    };
    match chengguo::schema::write_schemas(&config, out) {
        Ok(paths) => {
            for path in paths {
                println!("{}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            let shown = out.display().to_string();
            let message = Message::CannotWriteSchemas.english(&[&shown, &error.to_string()]);
            usage_error(Some(config.default_language), None, &message);
            ExitCode::from(CANNOT_WRITE)
        }
    }
}

fn run_serve(options: chengguo::serve::ServeOptions, open: bool) -> ExitCode {
    if !options.root.join(chengguo::config::CONFIG_FILE).is_file() {
        return no_config(&options.root);
    }
    // A site whose configuration does not load is still served (its page
    // shows why); the server's own lines are then in Chinese, as its rebuilds.
    let known = site_language(&options.root);
    let lang = known.unwrap_or(Lang::Zh);
    let server = match chengguo::serve::start(options) {
        Ok(server) => server,
        Err(error) => {
            let message = Message::CannotServe.english(&[&error.to_string()]);
            usage_error(known, None, &message);
            return ExitCode::from(2);
        }
    };
    let url = server.url();
    if let Some(warning) = chengguo::serve::exposure_warning(server.address, lang) {
        eprintln!("{warning}");
    }
    println!("{}", Note::Serving.in_language(lang, &[&url]));
    let _ = std::io::Write::flush(&mut std::io::stdout());
    if open {
        chengguo::serve::open_in_browser(&url, lang);
    }
    match server.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let message = Message::CannotServe.english(&[&error.to_string()]);
            usage_error(Some(lang), None, &message);
            ExitCode::from(1)
        }
    }
}

fn print_diagnostics(diagnostics: &Diagnostics) {
    print_diagnostics_in(diagnostics, Lang::En);
}

/// Each diagnostic on one line in `lang`, sorted, then the count of errors.
fn print_diagnostics_in(diagnostics: &Diagnostics, lang: Lang) {
    let sorted = diagnostics.clone().sorted();
    for diagnostic in &sorted {
        eprintln!("{}", diagnostic.one_line(lang));
    }
    let errors = sorted
        .iter()
        .filter(|d| d.severity == chengguo::diag::Severity::Error)
        .count();
    if errors > 0 {
        let note = if errors == 1 {
            Note::OneError
        } else {
            Note::Errors
        };
        eprintln!("{}", note.in_language(lang, &[&errors.to_string()]));
    }
}
