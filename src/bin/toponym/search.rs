//! `toponym search`: the top candidates for a query, with scores.

use crate::output::{match_json, place_text, Format, Out};
use std::io;
use std::process::ExitCode;
use toponym::Gazetteer;

/// Arguments of `toponym search`.
#[derive(clap::Args)]
pub struct Args {
    /// The names to search for; standard input, one a line, when none.
    queries: Vec<String>,
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
    let mut out = Out::new();
    let mut missed = false;
    let mut bad = false;
    // (with several names, each text line starts with its name, and each JSON
    // object carries it as `query`)
    let many = args.queries.len() != 1;
    let mut answer = |query: &str, out: &mut Out| -> io::Result<()> {
        let hits = gaz.search(query, &q);
        for m in &hits {
            match args.format {
                Format::Jsonl => {
                    let mut v = match_json(m, &args.naming);
                    if let Some(o) = v.as_object_mut() {
                        o.insert("query".to_string(), query.into());
                    }
                    out.json(&v)?
                }
                Format::Text => out.line(&format!(
                    "{}{:.3}  {:<10}  {}  via {}",
                    if many {
                        format!("{query}\t")
                    } else {
                        String::new()
                    },
                    m.score(),
                    m.method().as_str(),
                    place_text(&m.place(), &args.naming),
                    m.matched_name().text()
                ))?,
            }
        }
        if hits.is_empty() {
            missed = true;
            eprintln!(
                "toponym: no candidates for `{}`",
                crate::output::shorten(query, 80)
            );
        }
        Ok(())
    };
    if args.queries.is_empty() {
        // (a blank line asks for nothing; a bad line is reported and counts as missed)
        crate::stream::stdin_names(|name| match name {
            crate::stream::StdinName::Name(s) if s.trim().is_empty() => Ok(()),
            crate::stream::StdinName::Name(s) => answer(s, &mut out),
            crate::stream::StdinName::Bad { .. } => {
                bad = true;
                Ok(())
            }
        })?;
    } else {
        for query in &args.queries {
            answer(query, &mut out)?;
        }
    }
    out.flush()?;
    Ok(if bad {
        ExitCode::from(2)
    } else if missed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
