//! Shared output helpers: formats, the buffered stdout writer, JSON shapes.

use serde_json::{json, Value};
use std::io::{self, BufWriter, IsTerminal, Write};
use toponym::{Match, Place};

/// Output format of `resolve`, `show` and `stats`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable text.
    Text,
    /// One JSON object per line (JSON Lines).
    Jsonl,
}

/// Buffered stdout that flushes every line when stdout is a terminal.
pub struct Out {
    w: BufWriter<io::StdoutLock<'static>>,
    interactive: bool,
}

impl Out {
    pub fn new() -> Out {
        let stdout = io::stdout();
        Out {
            interactive: stdout.is_terminal(),
            w: BufWriter::with_capacity(64 * 1024, stdout.lock()),
        }
    }

    /// Writes `line` and a newline.
    pub fn line(&mut self, line: &str) -> io::Result<()> {
        self.raw_line(line.as_bytes())
    }

    /// Writes `v` as one line of JSON.
    pub fn json(&mut self, v: &Value) -> io::Result<()> {
        // (an I/O error keeps its kind, so that a closed pipe ends quietly)
        serde_json::to_writer(&mut self.w, v).map_err(|e| match e.io_error_kind() {
            Some(kind) => io::Error::new(kind, e),
            None => io::Error::other(e),
        })?;
        self.raw(b"\n")
    }

    /// Writes `bytes` and a newline.
    pub fn raw_line(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.w.write_all(bytes)?;
        self.raw(b"\n")
    }

    /// Writes `bytes` as they are; on a terminal, flushes at once.
    pub fn raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.w.write_all(bytes)?;
        if self.interactive {
            self.w.flush()?;
        }
        Ok(())
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// A GeoJSON FeatureCollection written as it streams, in constant memory:
/// the collection's head before the first feature, a comma between
/// features, the closing brackets at [`FeatureCollection::finish`]. One
/// feature a line, so the output is also easy to read and to diff.
pub struct FeatureCollection {
    started: bool,
}

impl FeatureCollection {
    /// Writes the collection's head.
    pub fn start(out: &mut Out) -> io::Result<FeatureCollection> {
        out.raw(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
        Ok(FeatureCollection { started: false })
    }

    /// Writes features already serialised by [`feature_bytes`], each
    /// beginning with a comma (the first one's is dropped).
    pub fn raw_features(&mut self, out: &mut Out, bytes: &[u8]) -> io::Result<()> {
        let bytes = match bytes.split_first() {
            Some((b',', rest)) if !self.started => rest,
            _ => bytes,
        };
        if !bytes.is_empty() {
            self.started = true;
            out.raw(bytes)?;
        }
        Ok(())
    }

    /// Writes one Point feature (`point` is (lat, lon); a place without one
    /// gets a null geometry, which GeoJSON allows).
    pub fn feature(
        &mut self,
        out: &mut Out,
        point: Option<(f64, f64)>,
        properties: &Value,
    ) -> io::Result<()> {
        let mut bytes = Vec::new();
        let props = serde_json::to_vec(properties).map_err(io::Error::other)?;
        feature_bytes(&mut bytes, point, |b| b.extend_from_slice(&props));
        self.raw_features(out, &bytes)
    }

    /// Closes the collection.
    pub fn finish(self, out: &mut Out) -> io::Result<()> {
        out.raw(b"\n]}\n")
    }
}

/// Appends `,\n` and one GeoJSON Point feature whose properties object
/// `properties` writes; GeoJSON orders a position longitude first.
pub fn feature_bytes(
    out: &mut Vec<u8>,
    point: Option<(f64, f64)>,
    properties: impl FnOnce(&mut Vec<u8>),
) {
    out.extend_from_slice(b",\n{\"type\":\"Feature\",\"geometry\":");
    match point {
        Some((lat, lon)) => {
            out.extend_from_slice(b"{\"type\":\"Point\",\"coordinates\":[");
            let _ = serde_json::to_writer(&mut *out, &lon);
            out.push(b',');
            let _ = serde_json::to_writer(&mut *out, &lat);
            out.extend_from_slice(b"]}");
        }
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"properties\":");
    properties(out);
    out.push(b'}');
}

/// `text` cut to at most `max` characters, with `…` where it was cut (for
/// echoing user input in a message).
pub fn shorten(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]).into(),
        None => text.into(),
    }
}

/// How places are named in the output: `--lang` and `--at`.
#[derive(clap::Args, Clone, Debug)]
pub struct Naming {
    /// Language of the names shown (BCP 47: en, hy, az, ru, ka…).
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Name places as they were called at this date (YYYY, YYYY-MM or
    /// YYYY-MM-DD): Gyumri is Leninakan at 1985. Matching is unchanged.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub at: Option<toponym::Date>,
}

fn parse_date(s: &str) -> Result<toponym::Date, String> {
    s.parse().map_err(|e: toponym::DateError| e.to_string())
}

impl Naming {
    /// The name of `p` for the reader: in `--lang`, as of `--at` when given.
    pub fn name<'g>(&self, p: &Place<'g>) -> &'g str {
        p.name_as_of(&self.lang, self.at)
    }
}

/// The JSON shape of a match: `{"id", "geonames_id", "name", "kind", "country", "lat", "lon",
/// "score", "method"}`.
pub fn match_json(m: &Match<'_>, naming: &Naming) -> Value {
    let p = m.place();
    let point = p.coordinates();
    json!({
        "id": p.id(),
        "geonames_id": p.geonames_id(),
        "name": naming.name(&p),
        "kind": p.kind().as_str(),
        "country": p.country(),
        "lat": point.map(|c| c.0),
        "lon": point.map(|c| c.1),
        "score": m.score(),
        "method": m.method().as_str(),
    })
}

/// One line of text describing a place: `Kent (city, US, Washington)
/// gn:5799625`, with the first-level region that holds it (a city is filed
/// under its county or district, which says less), else its parent.
pub fn place_text(p: &Place<'_>, naming: &Naming) -> String {
    let mut s = format!("{} ({}", naming.name(p), p.kind());
    if let Some(c) = p.country() {
        s.push_str(", ");
        s.push_str(c);
    }
    if p.kind() != toponym::Kind::Country {
        let region = std::iter::successors(p.parent(), |q| q.parent())
            .take(8)
            .find(|q| q.kind() == toponym::Kind::Region);
        if let Some(holder) = region
            .or_else(|| p.parent())
            .filter(|q| q.kind() != toponym::Kind::Country)
        {
            s.push_str(", ");
            s.push_str(naming.name(&holder));
        }
    }
    s.push_str(") ");
    s.push_str(p.id());
    s
}

/// Filters shared by `resolve` and `search`.
#[derive(clap::Args, Debug)]
pub struct Filters {
    /// Only places in this country (ISO 3166-1 alpha-2, e.g. AZ); repeatable.
    #[arg(long = "country", value_name = "CC", value_parser = parse_country)]
    countries: Vec<String>,
    /// Only places of this kind (country, region, district, city, town, village, …); repeatable.
    #[arg(long = "kind", value_name = "KIND")]
    kinds: Vec<toponym::Kind>,
}

impl Filters {
    /// A library query with these filters, `--min-score`, `--limit` and
    /// fuzzy matching unless `exact`; a refused option is a usage error.
    pub fn query(
        &self,
        gaz: &toponym::Gazetteer<'_>,
        min_score: f64,
        limit: usize,
        exact: bool,
    ) -> Result<toponym::Query, String> {
        let mut q = toponym::Query::new();
        for c in &self.countries {
            q.country(c).map_err(|e| e.to_string())?;
            // (a well-formed code of no country would match nothing, silently)
            if !gaz.has_country(c) {
                return Err(format!(
                    "--country {c}: no country of the gazetteer has this code"
                ));
            }
        }
        for k in &self.kinds {
            q.kind(*k);
        }
        q.min_score(min_score)
            .and_then(|q| q.limit(limit))
            .map_err(|e| e.to_string())?
            .fuzzy(!exact);
        Ok(q)
    }
}

/// A usage error: the message on stderr, exit status 2.
pub fn usage_error(message: impl std::fmt::Display) -> std::process::ExitCode {
    eprintln!("toponym: {message}");
    std::process::ExitCode::from(2)
}

fn parse_country(s: &str) -> Result<String, String> {
    if s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(s.to_ascii_uppercase())
    } else {
        Err(format!(
            "`{s}` is not an ISO 3166-1 alpha-2 country code (e.g. AM, AZ, GE)"
        ))
    }
}

/// A score in [0, 1].
pub fn parse_score(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("`{s}` is not a score between 0 and 1")),
    }
}
