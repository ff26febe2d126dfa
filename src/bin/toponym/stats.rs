//! `toponym stats`: what the gazetteer holds.

use crate::output::{Format, Out};
use serde_json::json;
use std::collections::BTreeMap;
use std::io;
use std::process::ExitCode;
use toponym::Gazetteer;

/// Arguments of `toponym stats`.
#[derive(clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(gaz: Gazetteer<'static>, args: Args) -> io::Result<ExitCode> {
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut countries = std::collections::BTreeSet::new();
    for p in gaz.places() {
        *kinds.entry(p.kind().as_str()).or_default() += 1;
        if let Some(c) = p.country() {
            countries.insert(c);
        }
    }
    let languages = gaz.languages().filter(|l| !l.is_empty()).count();
    let mut out = Out::new();
    match args.format {
        Format::Jsonl => out.json(&json!({
            "data_version": gaz.data_version(),
            "places": gaz.len(),
            "names": gaz.name_count(),
            "keys": gaz.key_count(),
            "languages": languages,
            "countries": countries.len(),
            "kinds": kinds,
        }))?,
        Format::Text => {
            out.line(&format!("data version  {}", gaz.data_version()))?;
            out.line(&format!("places        {}", gaz.len()))?;
            out.line(&format!("names         {}", gaz.name_count()))?;
            out.line(&format!("lookup keys   {}", gaz.key_count()))?;
            out.line(&format!("languages     {languages}"))?;
            out.line(&format!("countries     {}", countries.len()))?;
            out.line("kinds")?;
            for (k, n) in &kinds {
                out.line(&format!("  {k:<12} {n}"))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
