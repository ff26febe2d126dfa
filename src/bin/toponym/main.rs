//! The `toponym` command-line tool: a thin clap wrapper over the library.
//!
//! One file per subcommand, each with a `run` function. Exit codes: 0 success,
//! 1 no match where the user asked for one, 2 usage or input errors. A broken
//! pipe (`toponym export | head`) is a normal exit.

mod build;
mod export;
mod generate;
mod jsonl;
mod normalize;
mod output;
mod resolve;
mod search;
mod show;
mod stats;
mod stream;
mod tag;

use clap::{Parser, Subcommand};
use std::process::ExitCode;
use toponym::Gazetteer;

/// mimalloc: the tagger allocates a few small vectors per mention, and the
/// system allocator costs about 5 % of `tag`'s time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The crate's version and the embedded data's (`toponym --version`).
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (data ",
    env!("TOPONYM_DATA_VERSION"),
    ")"
);

/// Multilingual place-name gazetteer: resolve any spelling, in any script, to one stable id.
#[derive(Parser)]
#[command(name = "toponym", version = VERSION, about, long_about = None)]
struct Cli {
    /// Use the gazetteer image at IMAGE (from `toponym build`) instead of the embedded one.
    #[arg(long, global = true, value_name = "IMAGE", env = "TOPONYM_GAZETTEER")]
    gazetteer: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Resolve place names to canonical ids (names from the arguments, or stdin one per line).
    Resolve(resolve::Args),
    /// List the top candidates for a name, exact, normalised and fuzzy, with scores.
    Search(search::Args),
    /// Find place mentions in text (or in a field of JSON Lines) and link them to ids.
    Tag(tag::Args),
    /// Rewrite text so that every place mention uses one naming convention.
    Normalize(normalize::Args),
    /// Show a place and all its names, by id (gn:146970) or by name.
    Show(show::Args),
    /// Export every (place, name) row of the gazetteer.
    Export(export::Args),
    /// Counts of places, names, languages and kinds, and the data version.
    Stats(stats::Args),
    /// Build a gazetteer image from GeoNames' dump files (or tables in toponym's format).
    Build(build::Args),
    /// Write shell completions or the man page (`toponym generate man > toponym.1`).
    Generate(generate::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(a) => build::run(a),
        Command::Generate(a) => generate::run(<Cli as clap::CommandFactory>::command(), a),
        command => match open(cli.gazetteer.as_deref()) {
            Ok(gaz) => run(gaz, command),
            Err(e) => {
                eprintln!("toponym: {e}");
                return ExitCode::from(2);
            }
        },
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("toponym: {e}");
            ExitCode::from(2)
        }
    }
}

/// The gazetteer of `--gazetteer` / `TOPONYM_GAZETTEER` (an empty value
/// meaning none), else the embedded one.
fn open(path: Option<&std::path::Path>) -> Result<Gazetteer<'static>, toponym::ImageError> {
    match path {
        Some(path) if !path.as_os_str().is_empty() => Gazetteer::open(path),
        _ => Ok(Gazetteer::embedded()),
    }
}

/// Runs a subcommand that reads a gazetteer.
fn run(gaz: Gazetteer<'static>, command: Command) -> std::io::Result<ExitCode> {
    match command {
        Command::Resolve(a) => resolve::run(gaz, a),
        Command::Search(a) => search::run(gaz, a),
        Command::Show(a) => show::run(gaz, a),
        Command::Tag(a) => tag::run(gaz, a),
        Command::Normalize(a) => normalize::run(gaz, a),
        Command::Export(a) => export::run(gaz, a),
        Command::Stats(a) => stats::run(gaz, a),
        Command::Build(a) => build::run(a),
        Command::Generate(a) => generate::run(<Cli as clap::CommandFactory>::command(), a),
    }
}
