//! `toponym tag`: place mentions in free text, or in a field of JSON Lines.

use crate::jsonl;
use crate::output::{feature_bytes, FeatureCollection, Naming, Out};
use crate::stream::Chunks;
use crate::stream::{inputs, line_groups, ordered, Line};
use std::io;
use std::path::PathBuf;
use std::process::ExitCode;
use toponym::{Context, Gazetteer, Mention, Method};

/// Input formats of `tag`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// Plain text: one JSON object per mention, offsets into the input.
    Text,
    /// JSON Lines: each object is written back with a `places` array.
    Jsonl,
}

/// Output formats of `tag` on text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// One JSON object per mention (JSON Lines).
    Jsonl,
    /// One GeoJSON FeatureCollection: a Point feature per mention, its
    /// fields as properties (for QGIS, geojson.io, kepler.gl).
    Geojson,
}

/// Arguments of `toponym tag`.
#[derive(clap::Args)]
pub struct Args {
    /// Files to read; stdin when none (or `-`).
    files: Vec<PathBuf>,
    /// Input format.
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    input: InputFormat,
    /// Output format with `--input text` (`--input jsonl` writes the records
    /// back).
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    format: OutputFormat,
    /// With `--input jsonl`: the field holding the text [default: text].
    #[arg(long)]
    field: Option<String>,
    /// Worker threads [default: the available cores]. The output does not
    /// depend on it: it is always in input order, and each block of text is
    /// its own context.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=256))]
    threads: Option<u16>,
    /// With `--input jsonl`: the longest record tagged, in bytes; a longer
    /// line is reported and passed through untagged, read in pieces, so
    /// memory stays bounded.
    #[arg(long, value_name = "BYTES", default_value_t = 16 << 20,
          value_parser = clap::value_parser!(u64).range(1..=1 << 32))]
    max_record: u64,
    #[command(flatten)]
    naming: crate::output::Naming,
    /// Also tag demonyms and adjectives of countries ("Armenian",
    /// "Azerbaijanis", "армянский") as mentions of the country (method
    /// `demonym`).
    #[arg(long)]
    demonyms: bool,
}

impl Args {
    /// The tagger's context for a new block of text.
    fn context(&self) -> Context {
        let mut ctx = Context::new();
        ctx.demonyms(self.demonyms);
        ctx
    }
}

/// One mention as written out: the documented key order is the field order.
#[derive(serde::Serialize)]
pub struct MentionOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    id: &'a str,
    geonames_id: Option<u32>,
    name: &'a str,
    kind: &'static str,
    country: Option<&'a str>,
    lat: Option<f64>,
    lon: Option<f64>,
    score: f64,
    method: &'static str,
    /// For an inflected form, the name it was reduced to.
    #[serde(skip_serializing_if = "Option::is_none")]
    stem: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
}

impl MentionOut<'_> {
    /// Appends the mention as one JSON line, byte for byte what
    /// `serde_json::to_writer` writes, without serde's per-field machinery
    /// (the hot path of `toponym tag` on text).
    fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"start\":");
        push_u64(out, self.start as u64);
        out.extend_from_slice(b",\"end\":");
        push_u64(out, self.end as u64);
        out.extend_from_slice(b",\"text\":");
        json_str(out, self.text);
        out.extend_from_slice(b",\"id\":");
        json_str(out, self.id);
        out.extend_from_slice(b",\"geonames_id\":");
        match self.geonames_id {
            Some(n) => push_u64(out, u64::from(n)),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"name\":");
        json_str(out, self.name);
        out.extend_from_slice(b",\"kind\":");
        json_str(out, self.kind);
        out.extend_from_slice(b",\"country\":");
        match self.country {
            Some(c) => json_str(out, c),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"lat\":");
        push_coordinate(out, self.lat);
        out.extend_from_slice(b",\"lon\":");
        push_coordinate(out, self.lon);
        out.extend_from_slice(b",\"score\":");
        push_score(out, self.score);
        out.extend_from_slice(b",\"method\":");
        json_str(out, self.method);
        if let Some(stem) = self.stem {
            out.extend_from_slice(b",\"stem\":");
            json_str(out, stem);
        }
        if let Some(file) = self.file {
            out.extend_from_slice(b",\"file\":");
            json_str(out, file);
        }
        out.push(b'}');
    }
}

/// Appends `n` in decimal, as `write!` would, without the formatting
/// machinery (three numbers per mention).
fn push_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Appends a coordinate (five decimals at most, as `Place::coordinates`
/// gives them) as serde_json writes it, from its integer count of 1e-5
/// degrees: the shortest digits that read back to the same float, ".0" on a
/// whole number; serde_json itself near zero, where it may use an exponent.
fn push_coordinate(out: &mut Vec<u8>, v: Option<f64>) {
    let Some(v) = v else {
        out.extend_from_slice(b"null");
        return;
    };
    if !(v.is_finite() && v.abs() >= 1e-3 && v.abs() < 1e6) {
        let _ = serde_json::to_writer(&mut *out, &v);
        return;
    }
    let k = (v * 1e5).round() as i64;
    if k < 0 {
        out.push(b'-');
    }
    let k = k.unsigned_abs();
    push_u64(out, k / 100_000);
    out.push(b'.');
    // five decimals, trailing zeros dropped but one kept
    let (mut digits, mut frac) = ([b'0'; 5], k % 100_000);
    for d in digits.iter_mut().rev() {
        *d = b'0' + (frac % 10) as u8;
        frac /= 10;
    }
    let keep = digits.iter().rposition(|&d| d != b'0').map_or(1, |i| i + 1);
    out.extend_from_slice(&digits[..keep]);
}

/// Appends a score as serde_json writes a float: its shortest round-trip
/// form, keeping ".0" on whole numbers. Scores take a handful of values,
/// so the text of the last few is kept per thread.
fn push_score(out: &mut Vec<u8>, score: f64) {
    use std::cell::RefCell;
    use std::io::Write;
    /// (bits of the score, its text) for the scores written last.
    type Texts = [(u64, [u8; 32], u8); 8];
    std::thread_local! {
        static TEXTS: RefCell<(Texts, usize)> = const { RefCell::new(([(u64::MAX, [0; 32], 0); 8], 0)) };
    }
    let bits = score.to_bits();
    TEXTS.with(|cell| {
        let (texts, next) = &mut *cell.borrow_mut();
        if let Some((_, text, len)) = texts.iter().find(|t| t.0 == bits) {
            out.extend_from_slice(&text[..*len as usize]);
            return;
        }
        let mut text = Vec::with_capacity(32);
        if score.fract() == 0.0 {
            // whole: 1.0 or 0.0 (`{:.1}` would take the slow exact path)
            let _ = write!(text, "{score}.0");
        } else {
            let _ = write!(text, "{score}");
        }
        out.extend_from_slice(&text);
        if text.len() <= 32 {
            let slot = &mut texts[*next % texts.len()];
            slot.0 = bits;
            slot.1[..text.len()].copy_from_slice(&text);
            slot.2 = text.len() as u8;
            *next += 1;
        }
    });
}

/// Appends `s` as a JSON string: plain runs copied whole, `"`, `\\` and
/// control characters escaped as serde_json escapes them.
fn json_str(out: &mut Vec<u8>, s: &str) {
    /// Bytes that need escaping in a JSON string.
    const ESCAPE: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            t[b] = true;
            b += 1;
        }
        t[b'"' as usize] = true;
        t[b'\\' as usize] = true;
        t
    };
    out.push(b'"');
    let mut rest = s.as_bytes();
    while let Some(i) = rest.iter().position(|&b| ESCAPE[b as usize]) {
        out.extend_from_slice(&rest[..i]);
        let b = rest[i];
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[(b >> 4) as usize]);
                out.push(HEX[(b & 15) as usize]);
            }
        }
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// What a mention's JSON says of its place, by place: `name_in` scans all
/// names of a place, and the same places come up again and again in a text.
#[derive(Default)]
pub struct NameCache(
    std::collections::HashMap<
        toponym::Place<'static>,
        PlaceOut,
        std::hash::BuildHasherDefault<PlaceHasher>,
    >,
);

/// The place fields of a mention's JSON.
#[derive(Clone, Copy)]
pub struct PlaceOut {
    id: &'static str,
    geonames_id: Option<u32>,
    name: &'static str,
    kind: &'static str,
    country: Option<&'static str>,
    point: Option<(f64, f64)>,
}

impl NameCache {
    fn place(&mut self, p: &toponym::Place<'static>, naming: &Naming) -> PlaceOut {
        *self.0.entry(*p).or_insert_with(|| PlaceOut {
            id: p.id(),
            geonames_id: p.geonames_id(),
            name: naming.name(p),
            kind: p.kind().as_str(),
            country: p.country(),
            point: p.coordinates(),
        })
    }
}

/// Hasher for places, which hash as one `u32` index: a multiply, not SipHash.
#[derive(Default)]
pub struct PlaceHasher(u64);

impl std::hash::Hasher for PlaceHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

std::thread_local! {
    /// Each worker thread's cache, kept across chunks and lines (one
    /// `--lang` and `--at` per run, so its names never go stale).
    static NAMES: std::cell::RefCell<NameCache> = std::cell::RefCell::new(NameCache::default());
}

/// The display name of `p` by `naming`, through this thread's cache (for
/// `normalize --to name`, which writes one per mention).
pub fn display_name(p: &toponym::Place<'static>, naming: &Naming) -> &'static str {
    NAMES.with(|names| names.borrow_mut().place(p, naming).name)
}

/// A mention for output: `text` is what it spans, its offsets are shifted
/// by `shift`.
pub fn mention_out<'a>(
    m: &Mention<'static>,
    text: &'a str,
    shift: usize,
    names: &mut NameCache,
    naming: &Naming,
    file: Option<&'a str>,
) -> MentionOut<'a> {
    let p = names.place(&m.place(), naming);
    MentionOut {
        start: m.start() + shift,
        end: m.end() + shift,
        text,
        id: p.id,
        geonames_id: p.geonames_id,
        name: p.name,
        kind: p.kind,
        country: p.country,
        lat: p.point.map(|c| c.0),
        lon: p.point.map(|c| c.1),
        score: (m.score() * 1000.0).round() / 1000.0,
        method: m.method().as_str(),
        stem: (m.method() == Method::Inflected).then(|| m.matched_name().text()),
        file,
    }
}

pub fn run(gaz: Gazetteer<'static>, args: Args) -> io::Result<ExitCode> {
    if args.format == OutputFormat::Geojson && args.input == InputFormat::Jsonl {
        eprintln!(
            "toponym: --format geojson needs --input text (--input jsonl writes the records back)"
        );
        return Ok(ExitCode::from(2));
    }
    if args.field.is_some() && args.input != InputFormat::Jsonl {
        eprintln!("toponym: --field names the text's field of JSON Lines: it needs --input jsonl");
        return Ok(ExitCode::from(2));
    }
    if args.field.as_deref() == Some("places") {
        eprintln!(
            "toponym: --field places: `places` is the field tag writes the mentions into; \
             the text must be in another field"
        );
        return Ok(ExitCode::from(2));
    }
    let threads = crate::stream::workers(args.threads);
    let inputs = inputs(&args.files)?;
    let mut out = Out::new();
    let mut bad_lines = 0usize;
    let geojson = args.format == OutputFormat::Geojson;
    let mut collection = if geojson {
        Some(FeatureCollection::start(&mut out)?)
    } else {
        None
    };
    for input in inputs {
        match args.input {
            InputFormat::Text => {
                let progress = crate::stream::Progress::bytes();
                // Each chunk of whole lines (about 64 KiB) is its own context
                // for homonyms, so the output does not depend on --threads.
                // The JSON is written by the workers, so that --threads scales.
                let work = |(at, bytes): (usize, Vec<u8>)| {
                    let mut lines = Vec::new();
                    let file = Some(input.name.as_str());
                    NAMES.with(|names| {
                        let names = &mut names.borrow_mut();
                        for m in gaz.tag_bytes(&bytes, &mut args.context()) {
                            // a mention lies in valid UTF-8
                            let said =
                                std::str::from_utf8(&bytes[m.start()..m.end()]).unwrap_or("");
                            let m = mention_out(&m, said, at, names, &args.naming, file);
                            if geojson {
                                let point = m.lat.zip(m.lon);
                                feature_bytes(&mut lines, point, |b| m.write_json(b));
                            } else {
                                m.write_json(&mut lines);
                                lines.push(b'\n');
                            }
                        }
                    });
                    (lines, bytes.len())
                };
                ordered(Chunks::new(input.reader), threads, work, |(lines, read)| {
                    progress.add(read);
                    match collection.as_mut() {
                        Some(c) => c.raw_features(&mut out, &lines),
                        None => out.raw(&lines),
                    }
                })?;
            }
            InputFormat::Jsonl => {
                let progress = crate::stream::Progress::records();
                let name = input.name.clone();
                let max_record = args.max_record;
                let work = |group: Vec<Line>| {
                    let mut lines: Vec<Vec<u8>> = Vec::with_capacity(group.len());
                    let mut errors = Vec::new();
                    let mut records = 0;
                    for line in group {
                        let (n, line) = match line {
                            Line::Whole(n, line) => (n, line),
                            Line::Overlong(n, piece, first) => {
                                if first {
                                    records += 1;
                                    errors.push(format!(
                                        "{name}: line {n}: a record longer than {max_record} \
                                         bytes (--max-record), passed through untagged"
                                    ));
                                }
                                lines.push(piece);
                                continue;
                            }
                        };
                        records += 1;
                        // (the record and its line ending, which is written back as read;
                        // a `\r` before it is JSON white space, kept after the `}`)
                        let body = line.strip_suffix(b"\n").unwrap_or(&line);
                        if body.iter().all(u8::is_ascii_whitespace) {
                            lines.push(line); // a blank line passes through
                            continue;
                        }
                        match tag_json_line(&gaz, body, &args) {
                            Ok(mut bytes) => {
                                bytes.extend_from_slice(&line[body.len()..]);
                                lines.push(bytes);
                            }
                            Err(msg) => {
                                errors.push(format!("{name}: line {n}: {msg}"));
                                lines.push(line); // passed through unchanged
                            }
                        }
                    }
                    (lines, errors, records)
                };
                ordered(
                    line_groups(input.reader, 256 * 1024, max_record as usize),
                    threads,
                    work,
                    |(lines, errors, records)| {
                        progress.add(records);
                        // (the first errors in full; past them, a count at the end)
                        for e in errors.iter().take(MAX_ERRORS.saturating_sub(bad_lines)) {
                            progress.say(&format!("toponym: {e}"));
                        }
                        bad_lines += errors.len();
                        lines.iter().try_for_each(|l| out.raw(l))
                    },
                )?;
            }
        }
    }
    if let Some(c) = collection {
        c.finish(&mut out)?;
    }
    out.flush()?;
    if bad_lines > MAX_ERRORS {
        eprintln!(
            "toponym: {} more records could not be tagged (passed through unchanged)",
            bad_lines - MAX_ERRORS
        );
    }
    Ok(if bad_lines > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Errors of JSON Lines records reported one by one; the rest are counted.
const MAX_ERRORS: usize = 20;

/// One JSON Lines record with its `places` added (see [`jsonl::splice`]),
/// or why it could not be.
fn tag_json_line(gaz: &Gazetteer<'static>, line: &[u8], args: &Args) -> Result<Vec<u8>, String> {
    let (field, naming) = (args.field.as_deref().unwrap_or("text"), &args.naming);
    jsonl::splice(line, field, |text| {
        let mut places = Vec::new();
        places.push(b'[');
        NAMES.with(|names| {
            let names = &mut names.borrow_mut();
            for (i, m) in gaz.tag_with(text, &mut args.context()).iter().enumerate() {
                if i > 0 {
                    places.push(b',');
                }
                mention_out(m, m.text(text), 0, names, naming, None).write_json(&mut places);
            }
        });
        places.push(b']');
        places
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_as_serde_writes_them() {
        // every count of 1e-5 degree near the edges, and a sweep between
        let ks = (-18_000_000i64..=-17_999_000)
            .chain(-200_000..=200_000)
            .chain(17_999_000..=18_000_000)
            .chain((-18_000_000..18_000_000).step_by(997));
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for k in ks {
            let v = (k as f64) / 1e5;
            ours.clear();
            push_coordinate(&mut ours, Some(v));
            theirs.clear();
            serde_json::to_writer(&mut theirs, &v).expect("a float serialises");
            assert_eq!(ours, theirs, "{v}");
        }
    }

    #[test]
    fn json_lines_as_serde_writes_them() {
        for text in [
            "Stepanakert",
            "quote \" backslash \\ tab \t nl \n cr \r bell \u{7} nul \0 ff \u{c} bs \u{8} del \u{7f}",
            "Ստեփանակերտ / Степанакерт / Xankəndi — “quoted” \u{2028}",
            "",
        ] {
            for (score, geonames_id, country, file) in [
                (1.0, Some(146970), Some("AZ"), None),
                (0.95, None, None, Some("a \"file\".txt")),
                (0.855, Some(1), Some("AM"), None),
                (0.0, Some(u32::MAX), None, None),
                (0.85 * 0.9, Some(0), None, None),
                (0.93 * 0.85 * 0.9, Some(10), None, None),
                (0.85 * 0.9, Some(99), None, None),
            ] {
                // (the scores repeat: their text is kept per thread)
                let start = [0, 3, 1_234_567_890_123][text.len() % 3];
                let (lat, lon) = [
                    (Some(39.81519), Some(46.75186)),
                    (None, None),
                    (Some(-0.00001), Some(-179.99999)),
                    (Some(45.0), Some(-0.5)),
                    (Some(0.0), Some(0.001)),
                    (Some(-12.3), Some(100.10001)),
                ][(start + geonames_id.unwrap_or(0) as usize) % 6];
                let m = MentionOut {
                    start,
                    end: start + text.len(),
                    lat,
                    lon,
                    text,
                    id: "gn:146970",
                    geonames_id,
                    name: text,
                    kind: "city",
                    country,
                    score,
                    method: "inflected",
                    stem: file.map(|_| text),
                    file,
                };
                let mut ours = Vec::new();
                m.write_json(&mut ours);
                let theirs = serde_json::to_vec(&m).expect("plain fields serialise");
                assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs));
            }
        }
    }
}
