//! The trigram index of an image, read in place: candidate keys for a
//! normalised query, with their similarity (steps 1 to 3 of the module
//! documentation).

use super::similarity::similarity;
use super::{Candidate, MAX_FUZZY_QUERY};
use crate::layout::*;

/// Upper bound on candidate keys verified for one query; when the rarest
/// trigram lists hold more, the keys sharing the most of them are kept.
const MAX_VERIFIED: usize = 1000;

/// Reads the trigram index of an image.
pub(crate) struct GramIndex<'g> {
    offsets: &'g [u8],
    postings: &'g [u8],
    skips: &'g [u8],
    len_starts: &'g [u8],
    prefixes: &'g [u8],
}

impl<'g> GramIndex<'g> {
    pub(crate) fn new(
        offsets: &'g [u8],
        postings: &'g [u8],
        skips: &'g [u8],
        len_starts: &'g [u8],
        prefixes: &'g [u8],
    ) -> Self {
        GramIndex {
            offsets,
            postings,
            skips,
            len_starts,
            prefixes,
        }
    }

    /// Key ids of the keys of `len` bytes that begin with the bytes `a`, `b`
    /// (empty for none).
    fn prefix_range(&self, len: usize, a: u8, b: u8) -> std::ops::Range<u32> {
        match prefix_cell(len, a, b).and_then(|c| self.prefixes.get(c * 8..c * 8 + 8)) {
            Some(cell) => le_u32(cell, 0)..le_u32(cell, 4),
            None => 0..0,
        }
    }

    /// Where to start decoding the list of trigram `code`, which spans
    /// `s..e` of the postings, to reach ids from `first` on: the offset and
    /// the id decoded just before it (the list's start and 0 without a skip
    /// before `first`).
    fn skip_to(&self, code: u32, first: u32, s: usize, e: usize) -> (usize, u32) {
        let table = (GRAM_CODES + 1) * 4;
        let at = code as usize * 4;
        let (lo, hi) = (
            le_u32(self.skips, at) as usize,
            le_u32(self.skips, at + 4) as usize,
        );
        let entry = |i: usize| {
            let b = table + i * 8;
            (le_u32(self.skips, b), le_u32(self.skips, b + 4) as usize)
        };
        // the skips of this list with an id below `first`
        let (mut a, mut b) = (lo, hi.max(lo));
        while a < b {
            let mid = a + (b - a) / 2;
            if entry(mid).0 < first {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        match a.checked_sub(1).filter(|&i| i >= lo).map(entry) {
            Some((id, off)) if (s..=e).contains(&off) => (off, id),
            _ => (s, 0),
        }
    }

    /// First key id of keys of length `len` or more (ids are ordered by length).
    fn len_start(&self, len: usize) -> u32 {
        let at = len.min(GRAM_MAX_LEN + 1) * 4;
        match self.len_starts.get(at..at + 4) {
            Some(b) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            None => u32::MAX,
        }
    }

    fn range(&self, code: u32) -> (usize, usize) {
        let at = code as usize * 4;
        if at + 8 > self.offsets.len() {
            return (0, 0);
        }
        let (s, e) = (
            le_u32(self.offsets, at) as usize,
            le_u32(self.offsets, at + 4) as usize,
        );
        if s > e || e > self.postings.len() {
            (0, 0)
        } else {
            (s, e)
        }
    }

    /// Calls `f` with each key id of trigram `code` within `ids`, ascending.
    fn decode(&self, code: u32, ids: std::ops::Range<u32>, mut f: impl FnMut(u32)) {
        let (s, e) = self.range(code);
        let (start, mut prev) = self.skip_to(code, ids.start, s, e);
        let bytes = &self.postings[start..e];
        let (mut value, mut shift) = (0u32, 0u32);
        for &b in bytes {
            value |= ((b & 0x7f) as u32) << shift;
            if b & 0x80 != 0 {
                shift += 7;
                continue;
            }
            prev = prev.wrapping_add(value);
            if prev >= ids.end {
                break;
            }
            if prev >= ids.start {
                f(prev);
            }
            value = 0;
            shift = 0;
        }
    }

    /// Bytes of the postings of trigram `code` that hold the key ids `ids`
    /// (from the skip before the first to the skip before the end).
    fn window_bytes(&self, code: u32, ids: &std::ops::Range<u32>) -> usize {
        let (s, e) = self.range(code);
        let (from, _) = self.skip_to(code, ids.start, s, e);
        let (to, _) = self.skip_to(code, ids.end, s, e);
        // the ids after the last skip before the end: at most one skip's worth
        to.saturating_sub(from) + GRAM_SKIP_EVERY
    }

    /// The keys of the id `windows` found in enough of the query's trigram
    /// lists, as (hits, key, whether the hits are exact shared-trigram
    /// counts: every list read). `hits` is a zeroed counter per key of the
    /// windows, left zeroed.
    ///
    /// The first `scan` lists (rarest first) propose keys. While more of them
    /// pass than [`VERIFY_BUDGET`] and the next list costs less to read than
    /// fetching their texts to verify them would, the next list is read too,
    /// counting only keys already proposed: a key lacking at most `lost`
    /// trigrams is in all but `lost` of any lists read, so each list read asks
    /// one more hit. On a big image, where the rarest lists propose hundreds
    /// or thousands of keys, this replaces a text fetch per key (cache misses
    /// into the image) by sequential reads of a few more lists.
    fn count_hits(
        &self,
        hits: &mut Vec<u8>,
        by_df: &[(usize, u32)],
        scan: usize,
        needed: Needed,
        windows: &[std::ops::Range<u32>],
    ) -> Vec<(u32, u32, bool)> {
        // each window's counters follow the previous window's
        let mut bases = Vec::with_capacity(windows.len());
        let mut width = 0;
        for w in windows {
            bases.push(width);
            width += w.end.saturating_sub(w.start) as usize;
        }
        if hits.len() < width {
            hits.resize(width, 0);
        }
        // (counter, key) of each proposed key
        let mut touched: Vec<(usize, u32)> = Vec::new();
        for &(_, code) in by_df.iter().take(scan) {
            for (w, &base) in windows.iter().zip(&bases) {
                self.decode(code, w.clone(), |id| {
                    let at = base + (id - w.start) as usize;
                    if hits[at] == 0 {
                        touched.push((at, id));
                    }
                    hits[at] = hits[at].saturating_add(1);
                });
            }
        }
        let mut read = scan.min(by_df.len());
        let mut min = needed.after(read, by_df.len());
        while let Some(&(_, code)) = by_df.get(read) {
            let passing = touched.iter().filter(|&&(at, _)| hits[at] >= min).count();
            if passing <= VERIFY_BUDGET {
                break;
            }
            let cost: usize = windows.iter().map(|w| self.window_bytes(code, w)).sum();
            if cost > passing * VERIFY_COST_BYTES {
                break;
            }
            // keys that already fail are dropped (zeroed: no longer counted)
            touched.retain(|&(at, _)| {
                if hits[at] < min {
                    hits[at] = 0;
                }
                hits[at] > 0
            });
            for (w, &base) in windows.iter().zip(&bases) {
                self.decode(code, w.clone(), |id| {
                    let at = base + (id - w.start) as usize;
                    if hits[at] > 0 {
                        hits[at] = hits[at].saturating_add(1);
                    }
                });
            }
            read += 1;
            min = needed.after(read, by_df.len());
        }
        let exact = read == by_df.len();
        let mut out = Vec::new();
        for &(at, id) in &touched {
            if hits[at] >= min {
                out.push((hits[at] as u32, id, exact));
            }
            hits[at] = 0;
        }
        out
    }

    /// Candidate keys for the normalised query `q`, with their similarity,
    /// best first; `key_text` gives the text of a key id.
    pub(crate) fn candidates<'k>(
        &self,
        q: &str,
        key_text: impl Fn(u32) -> &'k [u8],
    ) -> Vec<Candidate> {
        let mut grams = Vec::new();
        if q.len() < 2 || q.len() > MAX_FUZZY_QUERY || !gram_codes(q, &mut grams) {
            return Vec::new();
        }
        // The query's trigrams, rarest first.
        let mut by_df: Vec<(usize, u32)> = grams
            .iter()
            .map(|&c| {
                let (s, e) = self.range(c);
                (e - s, c)
            })
            .collect();
        by_df.sort_unstable();
        // A first pass allows one edit, a transposition or a transliteration
        // swap such as kh/x (at most four trigrams lost), among the keys that
        // begin like the query (most typos fall later in a name), then among
        // all keys; from nine letters on, when it finds nothing close, a last
        // pass allows two edits (six). A pass that finds a close key ends the
        // search.
        let mut passes = vec![(4, Reach::SharedStart), (4, Reach::Lengths)];
        if q.len() > 8 {
            passes.push((6, Reach::Lengths));
        }
        let mut found = Vec::new();
        for (lost, reach) in passes {
            found = self.pass(q, &grams, &by_df, lost, reach, &key_text);
            if found.first().is_some_and(|c| c.similarity >= GOOD_ENOUGH) {
                break;
            }
        }
        found
    }

    /// One filtering pass: keys within `reach` that lack at most `lost` of
    /// the query's trigrams.
    fn pass<'k>(
        &self,
        q: &str,
        grams: &[u32],
        by_df: &[(usize, u32)],
        lost: usize,
        reach: Reach,
        key_text: &impl Fn(u32) -> &'k [u8],
    ) -> Vec<Candidate> {
        let qlen = q.len();
        let g = grams.len();
        // Two shared trigrams at least, even for short queries ("Pars" and
        // "Paris" share " pa" and "par").
        let need = g.saturating_sub(lost).max(if g >= 4 { 2 } else { 1 });
        // Prefix filtering: a key lacking at most `lost` of the query's
        // trigrams is in at least `scan - lost` of any `scan` of its lists.
        // Reading the rarest `lost + 2` lists (all, for short queries) and
        // keeping keys found in enough of them leaves few keys to verify.
        let mut scan = (lost + 2).min(g);
        // A very common trigram costs more to read than it filters.
        while scan > lost + 1 && by_df[scan - 1].0 > BIG_LIST {
            scan -= 1;
        }
        // When all the lists together are short enough to read, read them
        // all: the hit counts are then the exact numbers of shared trigrams,
        // and no key text needs to be fetched to verify them.
        // That pays where the rarest lists filter poorly (a key found in one
        // of them would need verifying) or cost little anyway.
        let total: usize = by_df.iter().map(|&(bytes, _)| bytes).sum();
        if total <= FULL_SCAN_BYTES && (scan <= lost + 1 || total <= CHEAP_SCAN_BYTES) {
            scan = g;
        }
        // Each lost trigram beyond the first three allows one more byte of
        // length difference; the pass over keys that begin like the query is
        // the one-edit pass, and one edit changes the length by one at most
        // (the transliteration swaps that change it more are looked up as
        // guesses).
        let slack = match reach {
            Reach::Lengths => 1 + lost / 3,
            Reach::SharedStart => 1,
        };
        let lens = qlen.saturating_sub(slack)..qlen + slack + 1;
        let windows: Vec<std::ops::Range<u32>> = match reach {
            Reach::Lengths => {
                std::iter::once(self.len_start(lens.start)..self.len_start(lens.end)).collect()
            }
            Reach::SharedStart => {
                let b = q.as_bytes();
                lens.map(|len| self.prefix_range(len, b[0], b[1]))
                    .filter(|w| !w.is_empty())
                    .collect()
            }
        };
        let needed = Needed { lost, all: need };
        // (hits, key, hits are exact) of every window
        let mut counted = HITS
            .with(|cell| self.count_hits(&mut cell.borrow_mut(), by_df, scan, needed, &windows));
        if counted.len() > MAX_VERIFIED {
            // the MAX_VERIFIED with the most hits, in order, without sorting
            // them all
            let order =
                |a: &(u32, u32, bool), b: &(u32, u32, bool)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
            counted.select_nth_unstable_by(MAX_VERIFIED, order);
            counted.truncate(MAX_VERIFIED);
            counted.sort_unstable_by(order);
        }
        // (shared trigrams, key) of the keys that pass the count filter; only
        // the ones sharing the most are scored with strsim.
        let mut passed: Vec<(usize, u32)> = Vec::new();
        for &(hits, key, exact) in &counted {
            let shared = if exact {
                hits as usize
            } else {
                count_shared(grams, key_text(key))
            };
            if shared >= need {
                passed.push((shared, key));
            }
        }
        if passed.len() > MAX_SCORED {
            passed.select_nth_unstable_by(MAX_SCORED, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            passed.truncate(MAX_SCORED);
        }
        let mut out = Vec::new();
        for &(_, key) in &passed {
            let Ok(text) = std::str::from_utf8(key_text(key)) else {
                continue;
            };
            let similarity = similarity(q, text);
            if similarity > 0.0 {
                out.push(Candidate { key, similarity });
            }
        }
        out.sort_by(|a, b| {
            b.similarity
                .total_cmp(&a.similarity)
                .then(a.key.cmp(&b.key))
        });
        out
    }
}

std::thread_local! {
    /// Scratch hit counters of [`GramIndex::pass`], all zero between calls.
    static HITS: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The keys a filtering pass reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// Keys of a plausible length.
    Lengths,
    /// Keys of a plausible length that begin with the query's first two
    /// bytes.
    SharedStart,
}

/// How many of the query's trigrams a key must share: all but `lost`, and at
/// least `all` once every list is read.
#[derive(Clone, Copy)]
struct Needed {
    lost: usize,
    all: usize,
}

impl Needed {
    /// Hits a key needs in the first `read` of `lists` trigram lists.
    fn after(self, read: usize, lists: usize) -> u8 {
        let n = if read >= lists {
            self.all
        } else {
            read.saturating_sub(self.lost).max(1)
        };
        n.min(u8::MAX as usize) as u8
    }
}

/// Proposed keys up to which they are verified by their text rather than by
/// reading more trigram lists.
const VERIFY_BUDGET: usize = 64;

/// Bytes of trigram postings worth reading to spare one key's verification
/// (its key record and text: two cache misses on a big image).
const VERIFY_COST_BYTES: usize = 128;

/// At most this many keys that pass the trigram count filter are scored with
/// strsim, those sharing the most trigrams with the query.
const MAX_SCORED: usize = 60;

/// Bytes of postings above which a trigram list is read only when the
/// filter cannot do without it.
const BIG_LIST: usize = 8 * 1024;

/// Total bytes of postings up to which every trigram list of a query is
/// read (exact shared counts) rather than only the rarest ones.
const FULL_SCAN_BYTES: usize = 64 * 1024;

/// Total bytes of postings up to which reading every list is always cheaper.
const CHEAP_SCAN_BYTES: usize = 8 * 1024;

/// A candidate at least this similar ends the search after its pass.
const GOOD_ENOUGH: f64 = 0.85;

/// Number of the trigrams of ` key ` that are among the sorted query
/// trigrams `grams` (a trigram repeated in the key counts each time, which
/// only loosens the filter), without allocating.
fn count_shared(grams: &[u32], key: &[u8]) -> usize {
    let n = GRAM_SYMBOLS as u32;
    let (mut a, mut b) = (0u32, 0u32);
    let mut shared = 0;
    for &byte in key.iter().chain(std::iter::once(&b' ')) {
        let Some(c) = gram_symbol(byte) else {
            return 0;
        };
        let code = (a * n + b) * n + c;
        if grams.binary_search(&code).is_ok() {
            shared += 1;
        }
        (a, b) = (b, c);
    }
    shared
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefix_directory_holds_every_indexed_key() {
        let gaz = crate::Gazetteer::embedded();
        let index = gaz.gram_index();
        let keys = gaz.section(SEC_KEYS);
        let text = |id: u32| gaz.bytes_at(KeyRec(&keys[id as usize * KEY_SIZE..]).text());
        let mut checked = 0;
        for id in (0..(keys.len() / KEY_SIZE) as u32).step_by(13) {
            let t = text(id);
            let Some(cell) = t.get(..2).and_then(|ab| prefix_cell(t.len(), ab[0], ab[1])) else {
                continue;
            };
            let range = index.prefix_range(t.len(), t[0], t[1]);
            assert!(
                range.contains(&id),
                "{:?} ({cell})",
                String::from_utf8_lossy(t)
            );
            for end in [range.start, range.end - 1] {
                let e = text(end);
                assert!(e.len() == t.len() && e[..2] == t[..2], "cell {cell}");
            }
            checked += 1;
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn shared_counts() {
        let mut g = Vec::new();
        assert!(gram_codes("paris", &mut g));
        assert_eq!(count_shared(&g, b"paris"), 5);
        assert_eq!(count_shared(&g, b"parys"), 2); // " pa", "par"
        assert_eq!(count_shared(&g, b"PARIS"), 0, "outside the alphabet");
    }
}
