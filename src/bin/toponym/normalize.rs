//! `toponym normalize`: rewrite every place mention to one naming convention,
//! keeping every other byte of the input.

use crate::output::Out;
use crate::stream::Chunks;
use crate::stream::{inputs, ordered};
use std::io;
use std::path::PathBuf;
use std::process::ExitCode;
use toponym::{Context, Gazetteer};

/// What a mention becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum To {
    /// The place's preferred name in `--lang`.
    Name,
    /// The canonical id (`gn:146970`).
    Id,
    /// The mention followed by its id: `Khankandi [gn:146970]`.
    Annotate,
}

/// Arguments of `toponym normalize`.
#[derive(clap::Args)]
pub struct Args {
    /// Files to read; stdin when none (or `-`).
    files: Vec<PathBuf>,
    /// What each mention is replaced with.
    #[arg(long, value_enum, default_value_t = To::Name)]
    to: To,
    #[command(flatten)]
    naming: crate::output::Naming,
    /// Write contested places by a side's convention and leave every other
    /// mention as written: `dual` adds the competing name in parentheses at a
    /// contested place's first mention in each input ("Stepanakert
    /// (Khankendi)"); a side (`hy`, `az`, `ka`, `ab`, `os`) writes every
    /// mention of a contested place as that side does, in `--lang`.
    #[arg(long, value_name = "STYLE", value_parser = parse_style, conflicts_with = "to")]
    style: Option<Style>,
    /// Rewrite nothing: the output is the input, byte for byte (a check of the pipeline).
    #[arg(long, conflicts_with_all = ["to", "style"])]
    keep: bool,
    /// Worker threads [default: the available cores]. The output does not
    /// depend on it: it is always in input order, and each block of text is
    /// its own context.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=256))]
    threads: Option<u16>,
}

/// How `--style` writes contested places.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Style {
    /// As written, with the competing name at the first mention.
    Dual,
    /// As the side of this code writes them.
    Side(String),
}

fn parse_style(s: &str) -> Result<Style, String> {
    if s == "dual" {
        return Ok(Style::Dual);
    }
    let sides = toponym::contested::sides();
    if sides.contains(&s) {
        Ok(Style::Side(s.to_string()))
    } else {
        Err(format!("expected `dual` or a side: {}", sides.join(", ")))
    }
}

/// A chunk rewritten: its bytes, and the competing names `--style dual`
/// would add after a mention (offset in the bytes, place, text), which only
/// the place's first mention in the input keeps.
type Rewritten = (Vec<u8>, Vec<(usize, toponym::Place<'static>, &'static str)>);

pub fn run(gaz: Gazetteer<'static>, args: Args) -> io::Result<ExitCode> {
    let mut out = Out::new();
    let threads = crate::stream::workers(args.threads);
    for input in inputs(&args.files)? {
        let progress = crate::stream::Progress::bytes();
        let work = |(_, bytes): (usize, Vec<u8>)| (rewrite(&gaz, &bytes, &args), bytes.len());
        // (chunks are rewritten in parallel; which mention is a place's first
        // is decided here, in input order)
        let mut named = std::collections::HashSet::new();
        ordered(
            Chunks::new(input.reader),
            threads,
            work,
            |((bytes, added), read): (Rewritten, usize)| {
                progress.add(read);
                let mut from = 0;
                for (at, place, competing) in added {
                    if named.insert(place) {
                        out.raw(&bytes[from..at])?;
                        out.raw(format!(" ({competing})").as_bytes())?;
                        from = at;
                    }
                }
                out.raw(&bytes[from..])
            },
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `bytes` with every mention replaced; all other bytes copied as they are.
fn rewrite(gaz: &Gazetteer<'static>, bytes: &[u8], args: &Args) -> Rewritten {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 16);
    let mut added = Vec::new();
    let mut copied = 0;
    for m in gaz.tag_bytes(bytes, &mut Context::new()) {
        out.extend_from_slice(&bytes[copied..m.start()]);
        let original = &bytes[m.start()..m.end()];
        if args.keep {
            out.extend_from_slice(original);
        } else if let Some(style) = &args.style {
            let place = m.place();
            let contested = place.contested();
            // (a mention lies in valid UTF-8)
            let written = std::str::from_utf8(original).unwrap_or("");
            match (style, contested) {
                (Style::Side(side), Some(c)) => out.extend_from_slice(
                    c.name(side, &args.naming.lang)
                        .unwrap_or(written)
                        .as_bytes(),
                ),
                (Style::Dual, Some(c)) => {
                    out.extend_from_slice(original);
                    if let Some(competing) = c.competing(written, &args.naming.lang) {
                        added.push((out.len(), place, competing));
                    }
                }
                (_, None) => out.extend_from_slice(original),
            }
        } else {
            match args.to {
                To::Name => out.extend_from_slice(
                    crate::tag::display_name(&m.place(), &args.naming).as_bytes(),
                ),
                To::Id => out.extend_from_slice(m.place().id().as_bytes()),
                To::Annotate => {
                    out.extend_from_slice(original);
                    out.extend_from_slice(b" [");
                    out.extend_from_slice(m.place().id().as_bytes());
                    out.extend_from_slice(b"]");
                }
            }
        }
        copied = m.end();
    }
    out.extend_from_slice(&bytes[copied..]);
    (out, added)
}
