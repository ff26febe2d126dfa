//! `toponym show`: one place and all its names.

use crate::output::{place_text, Format, Out};
use std::io;
use std::process::ExitCode;
use toponym::{Gazetteer, Place};

/// Arguments of `toponym show`.
#[derive(clap::Args)]
pub struct Args {
    /// A canonical id (gn:146970, tp:lachin-corridor) or a name.
    query: String,
    /// Output format (`jsonl`: the place record as one JSON object).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    naming: crate::output::Naming,
}

pub fn run(gaz: Gazetteer<'static>, args: Args) -> io::Result<ExitCode> {
    let q = args.query.trim();
    let place: Option<Place<'_>> = if q.starts_with("gn:") || q.starts_with("tp:") {
        gaz.get(q)
    } else {
        gaz.resolve(q).map(|m| m.place())
    };
    let Some(p) = place else {
        eprintln!("toponym: no place for `{q}`");
        return Ok(ExitCode::from(1));
    };
    let mut out = Out::new();
    match args.format {
        Format::Jsonl => {
            let v = serde_json::to_value(p.to_record()).map_err(io::Error::other)?;
            out.json(&v)?;
        }
        Format::Text => {
            out.line(&place_text(&p, &args.naming))?;
            if let Some((lat, lon)) = p.coordinates() {
                let from = match p.coordinate_source() {
                    Some(toponym::CoordinateSource::NaturalEarth) => " (Natural Earth label point)",
                    Some(toponym::CoordinateSource::Members) => " (mean of the member countries)",
                    Some(toponym::CoordinateSource::Derived) => {
                        " (derived: seat, or the places inside, children or parent)"
                    }
                    _ => "",
                };
                out.line(&format!("  coordinates  {lat}, {lon}{from}"))?;
            }
            if let Some(pop) = p.population() {
                out.line(&format!("  population   {pop}"))?;
            }
            let mut chain = Vec::new();
            let mut cur = p.parent();
            while let Some(parent) = cur {
                chain.push(format!("{} {}", args.naming.name(&parent), parent.id()));
                cur = parent.parent();
                if chain.len() > 8 {
                    break;
                }
            }
            if !chain.is_empty() {
                out.line(&format!("  within       {}", chain.join(" < ")))?;
            }
            if let Some(q) = p.wikidata() {
                out.line(&format!("  wikidata     {q}"))?;
            }
            out.line(&format!("  names        {}", p.names().len()))?;
            for n in p.names() {
                let mut tags: Vec<String> = n.flags().map(|f| f.to_string()).collect();
                let period = n.period_str();
                if !period.is_empty() {
                    tags.push(period);
                }
                let lang = if n.lang().is_empty() { "-" } else { n.lang() };
                let tags = if tags.is_empty() {
                    String::new()
                } else {
                    format!("  ({})", tags.join(", "))
                };
                out.line(&format!("    {lang:<10} {}{tags}", n.text()))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
