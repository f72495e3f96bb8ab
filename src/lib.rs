//! chengguo (成果): a bilingual static-site generator for science-and-technology
//! achievements, the parks that host them and the policies behind them.
//!
//! The pipeline runs in one direction:
//! load → parse → site → render → search → write. Each stage hands its result to the
//! next and collects every problem it finds instead of stopping at the first.

pub mod check;
pub mod config;
pub mod diag;
pub mod entry;
pub mod load;
pub mod new;
pub mod parse;
pub mod progress;
pub mod render;
pub mod schema;
pub mod search;
pub mod serve;
pub mod site;
pub mod write;

use std::path::Path;

use diag::Diagnostics;
use progress::{Progress, Silent, Timer};
use render::OutputFile;
use site::Site;

/// What a build is asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Overrides `base_url` from the configuration.
    pub base_url: Option<String>,
    pub include_drafts: bool,
}

/// A successful build: the site and its files, in memory.
pub struct Built {
    pub site: Site,
    pub files: Vec<OutputFile>,
    /// Warnings found on the way.
    pub warnings: Diagnostics,
}

/// Load, validate and render the site at `root`; nothing is written.
pub fn build(root: &Path, options: &BuildOptions) -> Result<Built, Diagnostics> {
    build_reporting(root, options, &Silent)
}

/// [`build`], telling `progress` about each stage as it finishes.
pub fn build_reporting(
    root: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<Built, Diagnostics> {
    let timer = Timer::start();
    let mut config = config::load(root)?;
    if let Some(base_url) = &options.base_url {
        config
            .set_base_url(base_url)
            .map_err(|message| Diagnostics::from(diag::Diagnostic::error("--base-url", message)))?;
    }
    let theme = render::load_theme(root, &config);
    progress.stage("config", 1, "theme", timer.took());
    let timer = Timer::start();
    let (files, mut diagnostics) = load::load(root);
    progress.stage("load", files.len(), "files", timer.took());
    let timer = Timer::start();
    let (entries, found) = parse::parse(files, &config, options.include_drafts);
    progress.stage("parse", entries.len(), "entries", timer.took());
    diagnostics.extend(found);
    let theme = match theme {
        Ok(theme) => Some(theme),
        Err(found) => {
            diagnostics.extend(found);
            None
        }
    };
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let timer = Timer::start();
    let site =
        site::assemble(config, entries).inspect_err(|found| diagnostics.extend(found.clone()));
    let (Ok(site), Some(theme)) = (site, theme) else {
        return Err(diagnostics);
    };
    progress.stage("site", site.entries.len(), "entries", timer.took());
    let timer = Timer::start();
    let files =
        render::render(&site, &theme).inspect_err(|found| diagnostics.extend(found.clone()));
    match files {
        Ok(mut files) => {
            progress.stage("render", files.len(), "files", timer.took());
            let timer = Timer::start();
            let index = search::index_files(&site, &theme, &files);
            progress.stage("search", index.len(), "index files", timer.took());
            files.extend(index);
            files.sort_by(|a, b| a.path.cmp(&b.path));
            Ok(Built {
                site,
                files,
                warnings: diagnostics,
            })
        }
        Err(_) => Err(diagnostics),
    }
}

/// Build the site at `root` and write it to `output`, atomically.
pub fn build_to_disk(
    root: &Path,
    output: &Path,
    options: &BuildOptions,
) -> Result<Built, Diagnostics> {
    build_to_disk_reporting(root, output, options, &Silent)
}

/// [`build_to_disk`], telling `progress` about each stage as it finishes.
pub fn build_to_disk_reporting(
    root: &Path,
    output: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<Built, Diagnostics> {
    let built = build_reporting(root, options, progress)?;
    let timer = Timer::start();
    write::write_atomically(output, &built.files).map_err(|error| {
        Diagnostics::from(diag::Diagnostic::error(
            output,
            format!("cannot write the site: {error}"),
        ))
    })?;
    progress.stage("write", built.files.len(), "files", timer.took());
    Ok(built)
}
