//! Bytes and streams: the one context policy of `tag`, `normalize` and
//! [`Gazetteer::tag_reader`].
//!
//! Homonym context spans one *block*: a text given whole to
//! [`Gazetteer::tag`] or [`Gazetteer::tag_bytes`], or, in a stream, a run of
//! whole lines of at least [`BLOCK`] bytes (a block ends at the first newline
//! from its [`BLOCK`]th byte on). Invalid UTF-8 inside a block is no word and
//! breaks no context: the block is tagged as if each invalid byte were a
//! control character, so `tag` and `normalize` give one answer whatever
//! bytes surround a mention.

use super::{Context, Mention};
use crate::gazetteer::Gazetteer;
use std::io::BufRead;

/// Bytes from which a block of a stream ends at the next newline.
pub const BLOCK: usize = 1 << 16;

/// Stands in for an invalid byte: not a letter, digit, space or punctuation.
const INVALID: u8 = 0x1A;

impl<'g> Mention<'g> {
    fn shifted(mut self, by: usize) -> Mention<'g> {
        self.start += by;
        self.end += by;
        self
    }
}

impl<'g> Gazetteer<'g> {
    /// [`tag_with`](Self::tag_with) over bytes that may hold invalid UTF-8:
    /// offsets are into `bytes`, and every mention lies in valid UTF-8.
    ///
    /// ```
    /// let gaz = toponym::Gazetteer::embedded();
    /// let bytes = b"Talks in Baku\xff and Yerevan.";
    /// let ms = gaz.tag_bytes(bytes, &mut toponym::Context::new());
    /// assert_eq!((ms[0].start(), ms[0].end(), ms[1].start()), (9, 13, 19));
    /// ```
    pub fn tag_bytes(&self, bytes: &[u8], ctx: &mut Context) -> Vec<Mention<'g>> {
        match simdutf8::basic::from_utf8(bytes) {
            Ok(text) => self.tag_with(text, ctx),
            Err(_) => {
                let text = without_invalid(bytes);
                self.tag_with(&text, ctx)
            }
        }
    }

    /// Streams the mentions of a text read from `reader`, with byte offsets
    /// from the start of the stream: the text is read in blocks of whole
    /// lines (see [`BLOCK`]), each with a fresh [`Context`], so memory stays
    /// bounded by a block and the longest line.
    ///
    /// ```
    /// let gaz = toponym::Gazetteer::embedded();
    /// let text = "Talks in Baku.\nThen Yerevan.\n".as_bytes();
    /// let ids: Vec<_> = gaz.tag_reader(text).map(|m| m.unwrap().place().id()).collect();
    /// assert_eq!(ids, ["gn:587084", "gn:616052"]);
    /// ```
    pub fn tag_reader<R: std::io::Read>(&self, reader: R) -> TagReader<'g, R> {
        TagReader {
            gaz: *self,
            reader: std::io::BufReader::with_capacity(BLOCK, reader),
            offset: 0,
            ctx: Context::new(),
            pending: std::collections::VecDeque::new(),
        }
    }
}

/// `bytes` as text, each byte of invalid UTF-8 replaced by one control
/// character, so that offsets stay those of `bytes`.
fn without_invalid(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(_) => {
                out.extend_from_slice(rest);
                break;
            }
            Err(e) => {
                let valid = e.valid_up_to();
                let bad = e.error_len().unwrap_or(rest.len() - valid);
                out.extend_from_slice(&rest[..valid]);
                out.extend(std::iter::repeat_n(INVALID, bad));
                rest = &rest[valid + bad..];
            }
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Iterator of the mentions of a stream, from [`Gazetteer::tag_reader`].
#[derive(Debug)]
pub struct TagReader<'g, R> {
    gaz: Gazetteer<'g>,
    reader: std::io::BufReader<R>,
    offset: usize,
    ctx: Context,
    pending: std::collections::VecDeque<Mention<'g>>,
}

impl<'g, R: std::io::Read> Iterator for TagReader<'g, R> {
    type Item = std::io::Result<Mention<'g>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(m) = self.pending.pop_front() {
                return Some(Ok(m));
            }
            let mut block = Vec::new();
            while block.len() < BLOCK {
                match self.reader.read_until(b'\n', &mut block) {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => return Some(Err(e)),
                }
            }
            if block.is_empty() {
                return None;
            }
            let at = self.offset;
            self.offset += block.len();
            self.ctx.reset();
            let ms = self.gaz.tag_bytes(&block, &mut self.ctx);
            self.pending.extend(ms.into_iter().map(|m| m.shifted(at)));
        }
    }
}
