//! The per-thread memo of first words: what the tagger learns of a
//! capitalised word (may a name start with it, may one continue after it, its
//! strong candidates, is it a common word), kept so that the words news
//! repeats ("The", "President", "Moscow") cost one probe after their first
//! time instead of Bloom-filter, perfect-hash and record reads.

use super::words::{bloom_has, word_key};
use super::WordMap;
use crate::gazetteer::Gazetteer;

/// The tagger's answers for a first word (see `Gazetteer::first_word`).
pub(super) struct FirstWord {
    /// A name may start with the word (prefix Bloom filter).
    pub prefix: bool,
    /// A longer name may continue after the word.
    pub continued: bool,
    /// Strong candidates (place, name) of the word alone.
    pub cands: Vec<(u32, u32)>,
    /// The best candidate has the word exactly as written.
    pub exact: bool,
    /// The word has candidates and is a common word.
    pub common: bool,
    /// The word's key is shorter than three bytes.
    pub short: bool,
    /// The word has no strong candidates but may be read as a name of some
    /// inflection table's language, as written or inflected
    /// ([`Gazetteer::readings_of`]).
    pub readable: bool,
    /// The word has no strong candidates but has some inflected reading
    /// (which may end a longer name).
    pub inflects: bool,
    /// The word as written is a demonym (`German`, `Canadian`).
    pub demonym: bool,
}

/// Longest word, in bytes, whose answers are memoised.
const MEMO_TEXT: usize = 16;
/// Slots of the per-thread first-word memo (a power of two; 1 MiB).
const MEMO_SLOTS: usize = 32768;
/// `MemoSlot::flags` bits: the fields of [`FirstWord`] of the same names
/// ([`FirstWord::flags`], [`FirstWord::from_flags`]).
const MEMO_PREFIX: u8 = 1;
const MEMO_CONTINUED: u8 = 2;
const MEMO_EXACT: u8 = 4;
const MEMO_COMMON: u8 = 8;
const MEMO_SHORT: u8 = 16;
const MEMO_READABLE: u8 = 32;
const MEMO_INFLECTS: u8 = 64;
const MEMO_DEMONYM: u8 = 128;

/// One memoised first word, in half a cache line.
#[derive(Clone, Copy, Default)]
#[repr(C, align(32))]
struct MemoSlot {
    hash: u64,
    text: [u8; MEMO_TEXT],
    len: u8,
    flags: u8,
    /// Number of candidates, stored from `cands` on in `Memo::cands`.
    n: u8,
    cands: u32,
}

/// The per-thread first-word memo.
struct Memo {
    /// Two-way: a word hashes to a pair of slots in one cache line; a new
    /// word takes the first and moves the first's word to the second.
    slots: Vec<MemoSlot>,
    /// The candidates of the memoised words, appended as they come.
    cands: Vec<(u32, u32)>,
    /// Words longer than a slot's text (most Cyrillic, Armenian and Georgian
    /// words): their flags and candidates, by the word.
    long: WordMap<LongAnswer>,
    /// The image the answers come from (`Gazetteer::identity`): another
    /// image empties the memo first.
    image: (usize, usize, u32),
}

impl Memo {
    /// The memo, emptied first if its answers come from another image.
    fn for_image(&mut self, image: (usize, usize, u32)) -> &mut Memo {
        if self.image != image {
            self.slots.fill(MemoSlot::default());
            self.cands.clear();
            self.long.clear();
            self.image = image;
        }
        self
    }
}

/// A long word's answer: its flags and candidates.
type LongAnswer = (u8, Vec<(u32, u32)>);

/// Long words remembered before their map starts again.
const MEMO_LONG_MAX: usize = 1 << 13;

/// Candidates stored before the memo starts again (1 MiB).
const MEMO_CANDS_MAX: usize = 1 << 17;

std::thread_local! {
    /// The memo of first words, of one image at a time.
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo {
        slots: Vec::new(),
        cands: Vec::new(),
        long: WordMap::default(),
        image: (0, 0, 0),
    });
}

impl FirstWord {
    /// The flags that stand for this answer's fields.
    fn flags(&self) -> u8 {
        let flag = |on: bool, bit: u8| if on { bit } else { 0 };
        flag(self.prefix, MEMO_PREFIX)
            | flag(self.continued, MEMO_CONTINUED)
            | flag(self.exact, MEMO_EXACT)
            | flag(self.common, MEMO_COMMON)
            | flag(self.short, MEMO_SHORT)
            | flag(self.readable, MEMO_READABLE)
            | flag(self.inflects, MEMO_INFLECTS)
            | flag(self.demonym, MEMO_DEMONYM)
    }

    /// The answer that `flags` and `cands` stand for.
    fn from_flags(flags: u8, cands: Vec<(u32, u32)>) -> FirstWord {
        FirstWord {
            prefix: flags & MEMO_PREFIX != 0,
            continued: flags & MEMO_CONTINUED != 0,
            cands,
            exact: flags & MEMO_EXACT != 0,
            common: flags & MEMO_COMMON != 0,
            short: flags & MEMO_SHORT != 0,
            readable: flags & MEMO_READABLE != 0,
            inflects: flags & MEMO_INFLECTS != 0,
            demonym: flags & MEMO_DEMONYM != 0,
        }
    }
}

/// A word of at most [`MEMO_TEXT`] bytes, zero-padded: compared and hashed
/// as two 64-bit words, loaded without a `memcpy` call.
#[inline]
fn padded(bytes: &[u8]) -> [u8; MEMO_TEXT] {
    let n = bytes.len().min(MEMO_TEXT);
    let half = n.min(8);
    let lo = load_le(&bytes[..half]).to_le_bytes();
    let hi = load_le(&bytes[half..n]).to_le_bytes();
    let mut buf = [0u8; MEMO_TEXT];
    buf[..8].copy_from_slice(&lo);
    buf[8..].copy_from_slice(&hi);
    buf
}

/// The bytes of `b` (at most eight) as a little-endian word, zero above:
/// two overlapping loads instead of a loop.
#[inline]
fn load_le(b: &[u8]) -> u64 {
    let n = b.len();
    let word = |at: usize| -> u64 {
        let mut w = [0u8; 4];
        w.copy_from_slice(&b[at..at + 4]);
        u64::from(u32::from_le_bytes(w))
    };
    if n >= 4 {
        // bytes 0..4 and n-4..n; where they overlap they agree
        word(0) | word(n - 4) << (8 * (n - 4))
    } else if n > 0 {
        u64::from(b[0])
            | u64::from(b[n / 2]) << (8 * (n / 2))
            | u64::from(b[n - 1]) << (8 * (n - 1))
    } else {
        0
    }
}

/// Hash of a padded word of `n` bytes, never 0 (an empty slot): the two
/// 64-bit halves multiplied and folded.
#[inline]
fn memo_hash(buf: &[u8; MEMO_TEXT], n: usize) -> u64 {
    let (a, b) = buf.split_at(8);
    let a = u64::from_le_bytes(a.try_into().unwrap_or([0; 8]));
    let b = u64::from_le_bytes(b.try_into().unwrap_or([0; 8]));
    let mut h = (a ^ (n as u64).rotate_left(56)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        ^ b.wrapping_mul(0xc2b2_ae3d_27d4_eb4f);
    h ^= h >> 29;
    h = h.wrapping_mul(0x1656_67b1_9e37_79f9);
    (h ^ (h >> 32)) | 1
}

impl<'g> Gazetteer<'g> {
    /// What the tagger needs to know of a first word `word` (`scratch` is
    /// room for its key on a miss): whether a name may start
    /// with it, its strong candidates and whether it is a common word. News
    /// repeats its capitalised words ("The", "President", "Moscow"), so the
    /// answers are memoised per thread, keyed by the word as written, which
    /// saves the Bloom filter, perfect-hash and record reads (cache misses
    /// all) of a repeat.
    pub(super) fn first_word(&self, word: &str, scratch: &mut String, bloom: &[u8]) -> FirstWord {
        self.memo(word, scratch, bloom, true)
    }

    /// Whether `word` has some inflected reading (which may end a longer
    /// name): [`FirstWord::inflects`], from the same memo, without copying
    /// the candidates out.
    pub(super) fn word_inflects(&self, word: &str, scratch: &mut String, bloom: &[u8]) -> bool {
        self.memo(word, scratch, bloom, false).inflects
    }

    /// The memo's answer for `word`, worked out on a miss (its key written
    /// to `key` then); `full` asks for its candidates.
    fn memo(&self, word: &str, key: &mut String, bloom: &[u8], full: bool) -> FirstWord {
        let compute = |key: &mut String| {
            word_key(word, key);
            let prefix = !key.is_empty() && bloom_has(bloom, key.as_bytes());
            let continued = prefix && {
                key.push(' ');
                let yes = bloom_has(bloom, key.as_bytes());
                key.pop();
                yes
            };
            let mut exact = false;
            let k = if prefix && self.may_be_key(key) {
                self.key_index(key)
            } else {
                None
            };
            let cands = match k {
                Some(k) => self.strong_candidates_of(k, word, &mut exact),
                None => Vec::new(),
            };
            let common = k.is_some_and(|k| self.key_is_common(k));
            let (inflects, readable) = if cands.is_empty() {
                self.readings_of(word, bloom)
            } else {
                (false, false)
            };
            FirstWord {
                prefix,
                continued,
                cands,
                exact,
                common,
                short: key.len() < 3,
                readable,
                inflects,
                demonym: super::demonyms::is_demonym(word),
            }
        };
        if word.len() > MEMO_TEXT {
            return MEMO.with(|cell| {
                let mut guard = cell.borrow_mut();
                let memo = guard.for_image(self.identity());
                if let Some((flags, cands)) = memo.long.get(word) {
                    if !full {
                        return FirstWord::from_flags(*flags, Vec::new());
                    }
                    return FirstWord::from_flags(*flags, cands.clone());
                }
                let first = compute(key);
                if memo.long.len() >= MEMO_LONG_MAX {
                    memo.long.clear();
                }
                memo.long
                    .insert(word.into(), (first.flags(), first.cands.clone()));
                first
            });
        }
        let text = padded(word.as_bytes());
        let hash = memo_hash(&text, word.len());
        MEMO.with(|cell| {
            let mut guard = cell.borrow_mut();
            let memo = guard.for_image(self.identity());
            if memo.slots.is_empty() {
                memo.slots.resize(MEMO_SLOTS, MemoSlot::default());
            }
            // two ways, one cache line: the newest word of the pair first
            let pair = (hash >> 20) as usize & (MEMO_SLOTS - 2);
            let hit = (pair..pair + 2).find(|&at| {
                let slot = &memo.slots[at];
                slot.hash == hash && slot.len as usize == word.len() && slot.text == text
            });
            if let Some(at) = hit {
                let slot = &memo.slots[at];
                if !full {
                    return FirstWord::from_flags(slot.flags, Vec::new());
                }
                let from = slot.cands as usize;
                let cands = memo
                    .cands
                    .get(from..from + slot.n as usize)
                    .map(<[(u32, u32)]>::to_vec)
                    .unwrap_or_default();
                return FirstWord::from_flags(slot.flags, cands);
            }
            let first = compute(key);
            if memo.cands.len() + first.cands.len() > MEMO_CANDS_MAX {
                // The candidate store is full of answers of overwritten
                // slots: start again from an empty memo.
                memo.cands.clear();
                memo.slots.fill(MemoSlot::default());
            }
            // the older word of the pair makes way
            memo.slots[pair + 1] = memo.slots[pair];
            memo.slots[pair] = MemoSlot {
                hash,
                text,
                len: word.len() as u8,
                flags: first.flags(),
                n: first.cands.len() as u8,
                cands: memo.cands.len() as u32,
            };
            memo.cands.extend_from_slice(&first.cands);
            first
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_is_the_word_then_zeros() {
        let text = "abcdefghijklmnopqrstuvwxyzÅ";
        for from in 0..4 {
            for len in 0..=20 {
                let Some(word) = text.as_bytes().get(from..from + len) else {
                    continue;
                };
                let mut want = [0u8; MEMO_TEXT];
                let n = len.min(MEMO_TEXT);
                want[..n].copy_from_slice(&word[..n]);
                assert_eq!(padded(word), want, "{from} {len}");
            }
        }
    }
}
