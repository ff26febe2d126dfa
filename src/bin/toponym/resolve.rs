//! `toponym resolve`: names to canonical ids.

use crate::output::{match_json, place_text, FeatureCollection, Out};
use crate::stream::StdinName;
use serde_json::{json, Value};
use std::io;
use std::process::ExitCode;
use toponym::Gazetteer;

/// Output formats of `resolve`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable text.
    Text,
    /// One JSON object per name (JSON Lines).
    Jsonl,
    /// One GeoJSON FeatureCollection: a Point feature per name that has a
    /// match, with the query and the match's fields as properties.
    Geojson,
}

/// Arguments of `toponym resolve`.
#[derive(clap::Args)]
pub struct Args {
    /// Names to resolve; when none are given, names are read from stdin, one per line.
    names: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// At most this many alternatives (other places the name could mean).
    #[arg(long, default_value_t = 5, allow_negative_numbers = true)]
    limit: usize,
    #[command(flatten)]
    naming: crate::output::Naming,
    /// Match exact and normalised keys only: no fuzzy fallback.
    #[arg(long)]
    exact: bool,
    /// Answer "no match" rather than a match scoring below this (exact 1.0,
    /// normalised 0.95, fuzzy at most 0.9).
    #[arg(long, default_value_t = toponym::DEFAULT_MIN_SCORE, value_parser = crate::output::parse_score, allow_negative_numbers = true)]
    min_score: f64,
    #[command(flatten)]
    filters: crate::output::Filters,
    /// Exit with status 1 when any name has no match.
    #[arg(long)]
    strict: bool,
}

pub fn run(gaz: Gazetteer<'static>, args: Args) -> io::Result<ExitCode> {
    // (the match and --limit alternatives)
    let query = match args.filters.query(
        &gaz,
        args.min_score,
        args.limit.saturating_add(1),
        args.exact,
    ) {
        Ok(q) => q,
        Err(e) => return Ok(crate::output::usage_error(e)),
    };
    let mut out = Out::new();
    let mut missed = false;
    let mut input_errors = false;
    let mut collection = if args.format == Format::Geojson {
        Some(FeatureCollection::start(&mut out)?)
    } else {
        None
    };
    let mut answer = |text: Option<&str>,
                      lossy: &str,
                      error: Option<String>,
                      out: &mut Out|
     -> io::Result<()> {
        let cands = text.map(|t| gaz.search(t, &query)).unwrap_or_default();
        if cands.is_empty() && error.is_none() {
            missed = true;
        }
        match args.format {
            Format::Geojson => match (cands.first(), collection.as_mut()) {
                (Some(m), Some(c)) => {
                    let mut props = match_json(m, &args.naming);
                    props["query"] = Value::from(lossy);
                    c.feature(out, m.place().coordinates(), &props)
                }
                _ => Ok(()),
            },
            Format::Jsonl => {
                let mut v = json!({
                    "query": lossy,
                    "match": cands.first().map(|m| match_json(m, &args.naming)),
                    "alternatives": cands.iter().skip(1).take(args.limit).map(|m| match_json(m, &args.naming)).collect::<Vec<Value>>(),
                });
                if let Some(e) = &error {
                    v["error"] = Value::from(e.as_str());
                }
                out.json(&v)
            }
            Format::Text => {
                if let Some(e) = &error {
                    return out.line(&format!("{lossy}\t! {e}"));
                }
                match cands.first() {
                    None => out.line(&format!("{lossy}\t-> no match")),
                    Some(m) => {
                        out.line(&format!(
                            "{lossy}\t-> {} [{} {:.2}]",
                            place_text(&m.place(), &args.naming),
                            m.method(),
                            m.score()
                        ))?;
                        for alt in cands.iter().skip(1).take(args.limit) {
                            out.line(&format!(
                                "\t   or {}",
                                place_text(&alt.place(), &args.naming)
                            ))?;
                        }
                        Ok(())
                    }
                }
            }
        }
    };

    if !args.names.is_empty() {
        for n in &args.names {
            answer(Some(n), n, None, &mut out)?;
        }
    } else {
        crate::stream::stdin_names(|name| match name {
            StdinName::Name(s) => answer(Some(s), s, None, &mut out),
            StdinName::Bad { shown, error } => {
                input_errors = true;
                answer(None, &shown, Some(error), &mut out)
            }
        })?;
    }
    if let Some(c) = collection {
        c.finish(&mut out)?;
    }
    out.flush()?;
    Ok(if input_errors {
        ExitCode::from(2)
    } else if missed && args.strict {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
