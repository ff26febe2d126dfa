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
        self.w.write_all(line.as_bytes())?;
        self.w.write_all(b"\n")?;
        if self.interactive {
            self.w.flush()?;
        }
        Ok(())
    }

    /// Writes `v` as one line of JSON.
    pub fn json(&mut self, v: &Value) -> io::Result<()> {
        serde_json::to_writer(&mut self.w, v).map_err(io::Error::other)?;
        self.w.write_all(b"\n")?;
        if self.interactive {
            self.w.flush()?;
        }
        Ok(())
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// The JSON shape of a match: `{"id", "geonames_id", "name", "kind", "country", "score", "method"}`.
pub fn match_json(m: &Match<'_>, lang: &str) -> Value {
    let p = m.place();
    json!({
        "id": p.id(),
        "geonames_id": p.geonames_id(),
        "name": p.name_in(lang),
        "kind": p.kind().as_str(),
        "country": p.country(),
        "score": m.score(),
        "method": m.method().as_str(),
    })
}

/// One line of text describing a place: `Stepanakert (city, AZ) gn:146970`.
pub fn place_text(p: &Place<'_>, lang: &str) -> String {
    let mut s = format!("{} ({}", p.name_in(lang), p.kind());
    if let Some(c) = p.country() {
        s.push_str(", ");
        s.push_str(c);
    }
    if let Some(parent) = p.parent().filter(|q| q.kind() != toponym::Kind::Country) {
        if p.kind() != toponym::Kind::Country {
            s.push_str(", ");
            s.push_str(parent.name_in(lang));
        }
    }
    s.push_str(") ");
    s.push_str(p.id());
    s
}
