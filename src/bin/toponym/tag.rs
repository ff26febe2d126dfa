//! `toponym tag`: place mentions in free text, or in a field of JSON Lines.

use crate::output::Out;
use crate::stream::{inputs, line_groups, ordered};
use serde_json::{json, Value};
use std::io;
use std::path::PathBuf;
use std::process::ExitCode;
use toponym::text::Chunks;
use toponym::{Context, Gazetteer, Mention};

/// Input formats of `tag`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// Plain text: one JSON object per mention, offsets into the input.
    Text,
    /// JSON Lines: each object is written back with a `places` array.
    Jsonl,
}

/// Arguments of `toponym tag`.
#[derive(clap::Args)]
pub struct Args {
    /// Files to read; stdin when none (or `-`).
    files: Vec<PathBuf>,
    /// Input format.
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    input: InputFormat,
    /// With `--input jsonl`: the field holding the text.
    #[arg(long, default_value = "text")]
    field: String,
    /// Worker threads (output order is always the input order).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=256))]
    threads: u16,
    /// Language of the `name` of each mention.
    #[arg(long, default_value = "en")]
    lang: String,
}

/// The JSON of a mention whose text is `text`.
pub fn mention_json(m: &Mention<'_>, text: &str, lang: &str) -> Value {
    let p = m.place();
    json!({
        "start": m.start(),
        "end": m.end(),
        "text": m.text(text),
        "id": p.id(),
        "geonames_id": p.geonames_id(),
        "name": p.name_in(lang),
        "kind": p.kind().as_str(),
        "country": p.country(),
        "score": (m.score() * 1000.0).round() / 1000.0,
    })
}

pub fn run(gaz: Gazetteer<'static>, args: Args) -> io::Result<ExitCode> {
    let inputs = inputs(&args.files)?;
    let many = inputs.len() > 1;
    let mut out = Out::new();
    let mut bad_lines = 0usize;
    for input in inputs {
        match args.input {
            InputFormat::Text => {
                // Each chunk of whole lines (about 64 KiB) is its own context
                // for homonyms, so the output does not depend on --threads.
                // The JSON is written by the workers, so that --threads scales.
                let work = |(at, bytes): (usize, Vec<u8>)| {
                    let mut lines = Vec::new();
                    for (run_at, run) in toponym::text::utf8_runs(&bytes) {
                        for m in gaz.tag_with(run, &mut Context::new()) {
                            let mut v = mention_json(&m, run, &args.lang);
                            v["start"] = Value::from(at + run_at + m.start());
                            v["end"] = Value::from(at + run_at + m.end());
                            if many {
                                v["file"] = Value::from(input.name.as_str());
                            }
                            // serialising a Value cannot fail
                            let _ = serde_json::to_writer(&mut lines, &v);
                            lines.push(b'\n');
                        }
                    }
                    lines
                };
                ordered(
                    Chunks::new(input.reader),
                    args.threads as usize,
                    work,
                    |lines| out.raw(&lines),
                )?;
            }
            InputFormat::Jsonl => {
                let name = input.name.clone();
                let work = |group: Vec<(usize, Vec<u8>)>| {
                    let mut lines: Vec<Vec<u8>> = Vec::with_capacity(group.len());
                    let mut errors = Vec::new();
                    for (n, line) in group {
                        match tag_json_line(&gaz, &line, &args.field, &args.lang) {
                            Ok(bytes) => lines.push(bytes),
                            Err(msg) => {
                                errors.push(format!("{name}: line {n}: {msg}"));
                                lines.push(line); // passed through unchanged
                            }
                        }
                    }
                    (lines, errors)
                };
                ordered(
                    line_groups(input.reader, 256 * 1024),
                    args.threads as usize,
                    work,
                    |(lines, errors)| {
                        for e in &errors {
                            eprintln!("toponym: {e}");
                        }
                        bad_lines += errors.len();
                        lines.iter().try_for_each(|l| out.raw_line(l))
                    },
                )?;
            }
        }
    }
    out.flush()?;
    Ok(if bad_lines > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// One JSON Lines record with its `places` added, or why it could not be.
fn tag_json_line(
    gaz: &Gazetteer<'static>,
    line: &[u8],
    field: &str,
    lang: &str,
) -> Result<Vec<u8>, String> {
    if line.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("empty line".to_string());
    }
    let mut v: Value = serde_json::from_slice(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let obj = v.as_object_mut().ok_or("not a JSON object")?;
    let text = match obj.get(field) {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(format!("field `{field}` is not a string")),
        None => return Err(format!("no field `{field}`")),
    };
    let places: Vec<Value> = gaz
        .tag(&text)
        .iter()
        .map(|m| mention_json(m, &text, lang))
        .collect();
    obj.insert("places".to_string(), Value::from(places));
    serde_json::to_vec(&v).map_err(|e| e.to_string())
}
