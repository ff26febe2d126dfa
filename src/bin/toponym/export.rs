//! `toponym export`: every (place, name) row, or every place on a map.

use crate::output::{FeatureCollection, Out};
use serde_json::json;
use std::io;
use std::process::ExitCode;
use toponym::Gazetteer;

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Tab-separated values with a header row.
    Tsv,
    /// One JSON object per (place, name) row.
    Jsonl,
    /// One GeoJSON FeatureCollection: a Point feature per place, with id,
    /// name, kind, country, population, geonames_id and coords (where the
    /// point comes from) as properties.
    Geojson,
}

/// Arguments of `toponym export`.
#[derive(clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Tsv)]
    format: ExportFormat,
}

/// TSV columns, in order.
const COLUMNS: [&str; 12] = [
    "id",
    "name",
    "lang",
    "flags",
    "period",
    "kind",
    "country",
    "population",
    "geonames_id",
    "lat",
    "lon",
    "coords",
];

pub fn run(gaz: Gazetteer<'static>, args: Args) -> io::Result<ExitCode> {
    let mut out = Out::new();
    match args.format {
        ExportFormat::Geojson => places_geojson(gaz, &mut out)?,
        ExportFormat::Tsv => name_rows(gaz, &mut out, false)?,
        ExportFormat::Jsonl => name_rows(gaz, &mut out, true)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Every place as a GeoJSON Point feature.
fn places_geojson(gaz: Gazetteer<'static>, out: &mut Out) -> io::Result<()> {
    let mut places = FeatureCollection::start(out)?;
    for p in gaz.places() {
        let props = json!({
            "id": p.id(),
            "name": p.name(),
            "kind": p.kind().as_str(),
            "country": p.country(),
            "population": p.population(),
            "geonames_id": p.geonames_id(),
            "coords": p.coordinate_source().map(|c| c.as_str()),
        });
        places.feature(out, p.coordinates(), &props)?;
    }
    places.finish(out)
}

/// Every (place, name) row, as TSV with a header row or as JSON Lines.
fn name_rows(gaz: Gazetteer<'static>, out: &mut Out, jsonl: bool) -> io::Result<()> {
    if !jsonl {
        out.line(&COLUMNS.join("\t"))?;
    }
    for p in gaz.places() {
        let point = p.coordinates();
        let coords = p.coordinate_source().map(|c| c.as_str());
        for n in p.names() {
            let flags: Vec<&str> = n.flags().map(toponym::Flag::as_str).collect();
            if jsonl {
                out.json(&json!({
                    "id": p.id(),
                    "name": n.text(),
                    "lang": n.lang(),
                    "flags": flags,
                    "period": n.period_str(),
                    "kind": p.kind().as_str(),
                    "country": p.country(),
                    "population": p.population(),
                    "geonames_id": p.geonames_id(),
                    "lat": point.map(|c| c.0),
                    "lon": point.map(|c| c.1),
                    "coords": coords,
                }))?;
            } else {
                out.line(&format!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    p.id(),
                    n.text(),
                    n.lang(),
                    flags.join(","),
                    n.period_str(),
                    p.kind(),
                    p.country().unwrap_or(""),
                    p.population().map(|v| v.to_string()).unwrap_or_default(),
                    p.geonames_id().map(|v| v.to_string()).unwrap_or_default(),
                    point.map(|c| c.0.to_string()).unwrap_or_default(),
                    point.map(|c| c.1.to_string()).unwrap_or_default(),
                    coords.unwrap_or(""),
                ))?;
            }
        }
    }
    Ok(())
}
