//! `toponym build`: compile a gazetteer image from GeoNames' dump files or
//! tables in the project's format, for `--gazetteer` / `TOPONYM_GAZETTEER`.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;
use toponym::builder::Builder;

/// Arguments of `toponym build`.
#[derive(clap::Args)]
pub struct Args {
    /// A GeoNames `geoname` table: allCountries.txt, XX.txt or citiesN.txt,
    /// plain or zipped (repeat for several).
    #[arg(long, value_name = "FILE")]
    geonames: Vec<PathBuf>,
    /// GeoNames' alternateNamesV2.txt (plain or zipped): names in every
    /// language, with flags and periods.
    #[arg(long, value_name = "FILE")]
    alternate_names: Option<PathBuf>,
    /// GeoNames' admin1CodesASCII.txt, for parents.
    #[arg(long, value_name = "FILE")]
    admin1: Option<PathBuf>,
    /// GeoNames' admin2Codes.txt, for parents.
    #[arg(long, value_name = "FILE")]
    admin2: Option<PathBuf>,
    /// GeoNames' hierarchy.txt: administrative parents.
    #[arg(long, value_name = "FILE")]
    hierarchy: Option<PathBuf>,
    /// A places table in the project's format (data/FORMAT.md); needs --names.
    #[arg(long, value_name = "FILE", requires = "names")]
    places: Option<PathBuf>,
    /// A names table in the project's format; needs --places.
    #[arg(long, value_name = "FILE", requires = "places")]
    names: Option<PathBuf>,
    /// Leave out the curated overlay and the macro-regions of the embedded data.
    #[arg(long)]
    no_overlay: bool,
    /// Fail on the first bad row instead of skipping it.
    #[arg(long)]
    strict: bool,
    /// Print each phase as it starts, with the time elapsed and the peak
    /// memory so far, one line each on stderr (a terminal gets a spinner
    /// without this).
    #[arg(long)]
    progress: bool,
    /// Where to write the image.
    #[arg(long, short, value_name = "IMAGE")]
    output: PathBuf,
}

pub fn run(args: Args) -> io::Result<ExitCode> {
    if args.geonames.is_empty() && args.places.is_none() {
        eprintln!("toponym: build needs --geonames FILE or --places FILE --names FILE");
        return Ok(ExitCode::from(2));
    }
    let started = Instant::now();
    let mut b = Builder::new();
    b.overlay(!args.no_overlay)
        .strict(args.strict)
        .alternatenames_column(args.alternate_names.is_none());
    if args.progress {
        let mut last = String::new();
        b.on_progress(move |p| {
            if p.phase != last {
                eprintln!(
                    "toponym: {:>7.1} s  peak {:>6} MB  {}",
                    started.elapsed().as_secs_f64(),
                    peak_memory_mb().map_or("?".to_string(), |m| m.to_string()),
                    p.phase
                );
                last = p.phase.clone();
            }
        });
    } else if io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        b.on_progress(move |p| {
            if p.rows > 0 {
                bar.set_message(format!("{}: {} rows", p.phase, p.rows));
            } else {
                bar.set_message(p.phase.clone());
            }
            if p.phase == "write" {
                bar.finish_and_clear();
            }
        });
    }
    let result = (|| {
        // admin codes first: the geoname rows' parents are resolved at the end
        if let Some(f) = &args.admin1 {
            b.admin1(f)?;
        }
        if let Some(f) = &args.admin2 {
            b.admin2(f)?;
        }
        for f in &args.geonames {
            b.geonames(f)?;
        }
        if let Some(f) = &args.alternate_names {
            b.alternate_names(f)?;
        }
        if let Some(f) = &args.hierarchy {
            b.hierarchy(f)?;
        }
        if let (Some(p), Some(n)) = (&args.places, &args.names) {
            b.tables(p, n)?;
        }
        let built = b.build()?;
        built.write(&args.output)?;
        Ok::<_, toponym::builder::BuildError>(built)
    })();
    let built = match result {
        Ok(built) => built,
        Err(e) => {
            eprintln!("toponym: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    eprintln!(
        "toponym: wrote {} ({}) in {:.1} s",
        args.output.display(),
        built.summary,
        started.elapsed().as_secs_f64()
    );
    if built.skipped.count > 0 {
        eprintln!("toponym: skipped {} bad rows:", built.skipped.count);
        for m in &built.skipped.first {
            eprintln!("  {m}");
        }
        if built.skipped.count > built.skipped.first.len() as u64 {
            eprintln!("  …");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The process's peak resident memory in MB, where the system tells it
/// (Linux's `/proc/self/status`).
fn peak_memory_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
