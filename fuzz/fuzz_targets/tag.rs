//! Tagging arbitrary bytes: `tag_bytes`, `tag` of the valid text, and
//! `tag_reader` reading the same bytes in pieces of an arbitrary size. Never
//! a panic; every mention lies on character boundaries of valid UTF-8 and
//! in order; the stream read in pieces gives what the whole gives.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Read;
use std::sync::OnceLock;
use toponym::{Context, Gazetteer};

/// A reader handing out at most `piece` bytes per read.
struct Pieces<'a> {
    rest: &'a [u8],
    piece: usize,
}

impl Read for Pieces<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.rest.len().min(self.piece).min(buf.len());
        buf[..n].copy_from_slice(&self.rest[..n]);
        self.rest = &self.rest[n..];
        Ok(n)
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    static GAZ: OnceLock<Gazetteer<'static>> = OnceLock::new();
    let gaz = GAZ.get_or_init(Gazetteer::embedded);
    let mut ctx = Context::new();
    ctx.demonyms(mode & 0x80 != 0);
    let whole = gaz.tag_bytes(bytes, &mut ctx);
    let mut end = 0;
    for m in &whole {
        assert!(
            m.start() < m.end() && m.start() >= end,
            "mentions out of order"
        );
        let said = std::str::from_utf8(&bytes[m.start()..m.end()]);
        assert!(said.is_ok(), "a mention in invalid UTF-8");
        end = m.end();
        let _ = (
            m.place().id(),
            m.matched_name().text(),
            m.method(),
            m.score(),
        );
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        let mut ctx2 = Context::new();
        ctx2.demonyms(mode & 0x80 != 0);
        assert_eq!(
            gaz.tag_with(text, &mut ctx2),
            whole,
            "tag_with and tag_bytes differ"
        );
    }
    if mode & 0x80 == 0 {
        // (the reader has the default context: no demonyms)
        let piece = 1 + (mode as usize & 0x7f);
        let read: Vec<_> = gaz
            .tag_reader(Pieces { rest: bytes, piece })
            .map(|m| m.expect("reading a slice does not fail"))
            .collect();
        assert_eq!(
            read, whole,
            "tag_reader in pieces of {piece} differs from the whole"
        );
    }
});
