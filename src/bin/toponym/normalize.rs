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
    /// Rewrite nothing: the output is the input, byte for byte (a check of the pipeline).
    #[arg(long)]
    keep: bool,
    /// Worker threads (output order is always the input order).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=256))]
    threads: u16,
}

pub fn run(gaz: Gazetteer<'static>, args: Args) -> io::Result<ExitCode> {
    let mut out = Out::new();
    for input in inputs(&args.files)? {
        let work = |(_, bytes): (usize, Vec<u8>)| rewrite(&gaz, &bytes, &args);
        ordered(
            Chunks::new(input.reader),
            args.threads as usize,
            work,
            |b| out.raw(&b),
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `bytes` with every mention replaced; all other bytes copied as they are.
fn rewrite(gaz: &Gazetteer<'static>, bytes: &[u8], args: &Args) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 16);
    let mut copied = 0;
    for m in gaz.tag_bytes(bytes, &mut Context::new()) {
        out.extend_from_slice(&bytes[copied..m.start()]);
        let original = &bytes[m.start()..m.end()];
        if args.keep {
            out.extend_from_slice(original);
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
    out
}
