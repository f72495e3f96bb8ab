//! `gen_corpus`: write a synthetic bilingual corpus as a chengguo site (and,
//! with `--hugo`, as the same content for Hugo), for benchmarks.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --entries 10000 --out /tmp/corpus [--hugo /tmp/corpus-hugo] [--seed 1]
//! ```

mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

#[derive(Parser)]
#[command(about = "Write a synthetic chengguo site of N entries (and optionally a Hugo site)")]
struct Args {
    /// How many entries (60% achievements, 15% parks, 25% policies).
    #[arg(long)]
    entries: usize,
    /// The chengguo site's folder (created; replaced if an earlier run wrote it).
    #[arg(long)]
    out: PathBuf,
    /// Also write the same corpus as a Hugo site in this folder.
    #[arg(long)]
    hugo: Option<PathBuf>,
    /// The PRNG seed; the same seed gives the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let config = match chengguo::config::load(&repo) {
        Ok(config) => config,
        Err(diagnostics) => {
            for diagnostic in diagnostics.iter() {
                eprintln!("{diagnostic}");
            }
            return ExitCode::FAILURE;
        }
    };
    let vocab = corpus::Vocab::from_config(&config);
    let generated = corpus::generate(args.entries, args.seed, &vocab);
    let written = match corpus::write_chengguo(&generated, &args.out, &repo) {
        Ok(count) => count,
        Err(error) => {
            eprintln!("error: cannot write {}: {error}", args.out.display());
            return ExitCode::FAILURE;
        }
    };
    eprintln!(
        "wrote {} entries ({} achievements, {} parks, {} policies) in {written} files → {}",
        generated.entries.len(),
        generated.count(corpus::Kind::Achievement),
        generated.count(corpus::Kind::Park),
        generated.count(corpus::Kind::Policy),
        args.out.display()
    );
    if let Some(hugo) = &args.hugo {
        match corpus::write_hugo(&generated, hugo, config.page_size) {
            Ok(count) => eprintln!(
                "wrote the Hugo site: {count} content files → {}",
                hugo.display()
            ),
            Err(error) => {
                eprintln!("error: cannot write {}: {error}", hugo.display());
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
