//! `toponym search`: the top candidates for a query, with scores.

use crate::output::{match_json, place_text, Format, Out};
use std::io;
use std::process::ExitCode;
use toponym::Gazetteer;

/// Arguments of `toponym search`.
#[derive(clap::Args)]
pub struct Args {
    /// The name to search for.
    query: String,
    /// At most this many candidates.
    #[arg(long, default_value_t = 10, allow_negative_numbers = true)]
    limit: usize,
    /// Drop candidates scoring below this.
    #[arg(long, default_value_t = 0.5, value_parser = crate::output::parse_score, allow_negative_numbers = true)]
    min_score: f64,
    /// Exact and normalised matches only.
    #[arg(long)]
    exact: bool,
    #[command(flatten)]
    naming: crate::output::Naming,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    filters: crate::output::Filters,
}

pub fn run(gaz: Gazetteer<'static>, args: Args) -> io::Result<ExitCode> {
    let mut q = match args
        .filters
        .query(&gaz, args.min_score, args.limit, args.exact)
    {
        Ok(q) => q,
        Err(e) => return Ok(crate::output::usage_error(e)),
    };
    // every candidate: the exact matches and their fuzzy neighbours
    q.neighbours(true);
    let hits = gaz.search(&args.query, &q);
    let mut out = Out::new();
    for m in &hits {
        match args.format {
            Format::Jsonl => out.json(&match_json(m, &args.naming))?,
            Format::Text => out.line(&format!(
                "{:.3}  {:<10}  {}  via {}",
                m.score(),
                m.method().as_str(),
                place_text(&m.place(), &args.naming),
                m.matched_name().text()
            ))?,
        }
    }
    out.flush()?;
    if hits.is_empty() {
        eprintln!(
            "toponym: no candidates for `{}`",
            crate::output::shorten(&args.query, 80)
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
