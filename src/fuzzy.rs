//! Typo- and transliteration-tolerant candidate generation and scoring.
//!
//! Candidates come from a trigram index built at compile time over every ASCII
//! lookup key (the normalised, transliterated names and their variants), so a
//! query never scans the name list:
//!
//! 1. The query is normalised like any name (so `Степанакрт` is `stepanakrt`)
//!    and split into the trigrams of ` key ` (one space of padding each side).
//! 2. A key that lacks at most `L` of the query's `G` trigrams (an edit
//!    changes at most three) is, by the pigeonhole principle, in one of the
//!    `L + 1` *rarest* trigram lists, so only those lists are read (prefix
//!    filtering); keys of implausible length are skipped by id range, as key
//!    ids are ordered by length, then text. A first pass allows `L = 4` (one
//!    edit, a transposition or a transliteration swap such as `kh`/`x`) among
//!    the keys that begin with the query's first two letters (a directory
//!    gives their id ranges per length: a few hundred keys where the length
//!    alone leaves millions); when it finds nothing close, a second pass
//!    allows `L = 4` among all keys of a plausible length, and from nine
//!    letters on a third allows `L = 6` (two edits).
//!    When those lists filter poorly and are short, all lists are read and
//!    the counts are exact. When they propose more keys than verifying is
//!    worth (thousands, on an image of millions of keys), the next rarest
//!    lists are read for the proposed keys only, each asking one more hit.
//! 3. Each candidate key is checked for length and for its real number of
//!    shared trigrams, then scored: a typo-weighted optimal-string-alignment
//!    distance (`typo_distance`: vowels, sound-alike consonants and
//!    neighbouring keys cost less) blended with Jaro-Winkler. Exact lookups of
//!    the query's transliteration swaps (`translit_variants`: `kh`/`x`,
//!    `dzh`/`j`, …), of its edits in the first two letters (which the first
//!    pass cannot see) and, for short names, of its transpositions and
//!    one-edit neighbours add keys the index cannot see; the key filter is
//!    tested for all of them at once.
//! 4. The score mixes that similarity with the importance of the key's best
//!    place (kind and population), so that `Pars` is Paris and not a hamlet.
//!
//! Fuzzy scores are at most [`FUZZY_MAX_SCORE`], below the score of any
//! normalised match: an exact or normalised hit always ranks first.

use crate::gazetteer::u32_at;
use crate::layout::*;

/// The highest score a fuzzy match can get (a normalised match scores 0.95).
pub const FUZZY_MAX_SCORE: f64 = 0.9;

/// Longest normalised query, in bytes, that fuzzy matching considers. Longer
/// queries get no fuzzy match: no place name is that long.
pub const MAX_FUZZY_QUERY: usize = 64;

/// Weight of string similarity against place importance in a fuzzy score.
const SIMILARITY_WEIGHT: f64 = 0.9;

/// Upper bound on candidate keys verified for one query; when the rarest
/// trigram lists hold more, the keys sharing the most of them are kept.
const MAX_VERIFIED: usize = 1000;

/// A key that survived filtering, with its string similarity to the query.
pub(crate) struct Candidate {
    /// Index of the key.
    pub key: u32,
    /// Similarity in [0, 1].
    pub similarity: f64,
}

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
            u32_at(self.offsets, at) as usize,
            u32_at(self.offsets, at + 4) as usize,
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
        // length difference.
        let slack = 1 + lost / 3;
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

/// String similarity of a query and a key in [0, 1]: the mean of
/// `1 - typo_distance / longer length` and Jaro-Winkler. The distance keeps
/// short names honest (Jaro-Winkler alone rates `gori`/`goris` 0.96); Jaro-
/// Winkler rewards a shared beginning, where transliterations agree most.
pub(crate) fn similarity(q: &str, key: &str) -> f64 {
    // both are ASCII keys: bytes are characters
    let longer = q.len().max(key.len()).max(1) as f64;
    let d = typo_distance(q.as_bytes(), key.as_bytes());
    let edit = (1.0 - d / longer).max(0.0);
    let jw = jaro_winkler(q.as_bytes(), key.as_bytes());
    0.5 * edit + 0.5 * jw
}

/// Jaro-Winkler similarity of two byte strings, as `strsim::jaro_winkler`
/// computes it for ASCII text, without allocating (strings longer than 80
/// bytes go to strsim).
pub(crate) fn jaro_winkler(a: &[u8], b: &[u8]) -> f64 {
    if a.len() > DP_MAX || b.len() > DP_MAX {
        return strsim::jaro_winkler(
            std::str::from_utf8(a).unwrap_or(""),
            std::str::from_utf8(b).unwrap_or(""),
        );
    }
    let jaro = jaro(a, b);
    let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count();
    if jaro > 0.7 {
        (jaro + 0.1 * prefix as f64 * (1.0 - jaro)).min(1.0)
    } else {
        jaro
    }
}

/// Jaro similarity of two byte strings of at most 80 bytes.
fn jaro(a: &[u8], b: &[u8]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a.len() == 1 && b.len() == 1 {
        return if a[0] == b[0] { 1.0 } else { 0.0 };
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut b_used = [false; DP_MAX];
    let mut a_used = [false; DP_MAX];
    let mut matches = 0usize;
    for (i, &x) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        for j in lo..hi {
            if !b_used[j] && b[j] == x {
                b_used[j] = true;
                a_used[i] = true;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let mut transpositions = 0usize;
    let mut j = 0;
    for (i, &x) in a.iter().enumerate() {
        if !a_used[i] {
            continue;
        }
        while !b_used[j] {
            j += 1;
        }
        if x != b[j] {
            transpositions += 1;
        }
        j += 1;
    }
    let m = matches as f64;
    (m / a.len() as f64 + m / b.len() as f64 + (m - (transpositions / 2) as f64) / m) / 3.0
}

/// Longest strings [`typo_distance`] compares on the stack.
const DP_MAX: usize = 80;

/// Optimal-string-alignment distance (insertions, deletions, substitutions
/// and transpositions of neighbours) whose costs follow how names really get
/// misspelt and transliterated: a substitution costs less between vowels,
/// between letters that transliterate one sound (`c`/`k`, `j`/`y`, `v`/`w`,
/// `s`/`z`, …) and between neighbouring keys of a QWERTY keyboard; inserting
/// or dropping a doubled letter, or the `h` of a digraph (`kh`, `sh`, `gh`,
/// `ch`, `zh`), costs half; a transposition costs 0.8. Bytes outside `a-z`
/// cost as much as any letter. Strings longer than 80 bytes fall back to
/// the unweighted distance.
pub(crate) fn typo_distance(a: &[u8], b: &[u8]) -> f64 {
    if a.len() > DP_MAX || b.len() > DP_MAX {
        return strsim::osa_distance(
            std::str::from_utf8(a).unwrap_or(""),
            std::str::from_utf8(b).unwrap_or(""),
        ) as f64;
    }
    if a == b {
        return 0.0;
    }
    let (n, m) = (a.len(), b.len());
    // Three rolling rows (i-2, i-1, i) of the DP matrix in one buffer.
    let mut rows = [0f32; 3 * (DP_MAX + 1)];
    let w = DP_MAX + 1;
    let mut ins_b = [0f32; DP_MAX];
    for (j, c) in ins_b.iter_mut().enumerate().take(m) {
        *c = indel_cost(b, j);
    }
    for j in 1..=m {
        rows[w + j] = rows[w + j - 1] + ins_b[j - 1];
    }
    let (mut r2, mut r1, mut r0) = (0, w, 2 * w);
    for i in 1..=n {
        let del_a = indel_cost(a, i - 1);
        let x = a[i - 1];
        rows[r0] = rows[r1] + del_a;
        for j in 1..=m {
            let y = b[j - 1];
            let sub = rows[r1 + j - 1] + substitution_cost(x, y);
            let del = rows[r1 + j] + del_a;
            let ins = rows[r0 + j - 1] + ins_b[j - 1];
            let mut best = sub.min(del).min(ins);
            if i > 1 && j > 1 && x == b[j - 2] && a[i - 2] == y && x != y {
                best = best.min(rows[r2 + j - 2] + 0.8);
            }
            rows[r0 + j] = best;
        }
        (r2, r1, r0) = (r1, r0, r2);
    }
    rows[r1 + m] as f64
}

/// Cost of inserting or deleting `s[i]`: half for a doubled letter or the
/// `h` closing a digraph, one otherwise.
fn indel_cost(s: &[u8], i: usize) -> f32 {
    let c = s[i];
    let before = if i > 0 { s[i - 1] } else { 0 };
    let after = s.get(i + 1).copied().unwrap_or(0);
    let doubled = c.is_ascii_alphabetic() && (c == before || c == after);
    let digraph_h = c == b'h' && matches!(before, b'k' | b's' | b'g' | b'c' | b'z' | b'd' | b't');
    if doubled || digraph_h {
        0.5
    } else {
        1.0
    }
}

/// Cost of writing `y` where `x` was meant.
fn substitution_cost(x: u8, y: u8) -> f32 {
    if x == y {
        return 0.0;
    }
    let (Some(i), Some(j)) = (letter(x), letter(y)) else {
        return 1.0;
    };
    let bit = 1u32 << j;
    if SOUND_ALIKE[i] & bit != 0 {
        0.5
    } else if KEY_NEIGHBOURS[i] & bit != 0 {
        0.7
    } else {
        1.0
    }
}

/// `a`-`z` as 0-25.
fn letter(c: u8) -> Option<usize> {
    c.is_ascii_lowercase().then(|| (c - b'a') as usize)
}

/// Letters that stand for one sound across romanisations: the vowels among
/// themselves, and consonants that transliteration tables swap.
const SOUND_ALIKE: [u32; 26] = sound_alike();

const fn sound_alike() -> [u32; 26] {
    const GROUPS: [&[u8]; 9] = [
        b"aeiouy", b"ck", b"kq", b"cs", b"sz", b"jyi", b"vw", b"fv", b"gj",
    ];
    let mut t = [0u32; 26];
    let mut g = 0;
    while g < GROUPS.len() {
        let group = GROUPS[g];
        let mut i = 0;
        while i < group.len() {
            let mut j = 0;
            while j < group.len() {
                if i != j {
                    t[(group[i] - b'a') as usize] |= 1 << (group[j] - b'a');
                }
                j += 1;
            }
            i += 1;
        }
        g += 1;
    }
    t
}

/// Neighbouring keys on a QWERTY keyboard (same row, or the row above or
/// below, offset by half a key).
const KEY_NEIGHBOURS: [u32; 26] = key_neighbours();

const fn key_neighbours() -> [u32; 26] {
    const ROWS: [&[u8]; 3] = [b"qwertyuiop", b"asdfghjkl", b"zxcvbnm"];
    let mut t = [0u32; 26];
    let mut r = 0;
    while r < 3 {
        let row = ROWS[r];
        let mut i = 0;
        while i < row.len() {
            let c = (row[i] - b'a') as usize;
            if i > 0 {
                t[c] |= 1 << (row[i - 1] - b'a');
            }
            if i + 1 < row.len() {
                t[c] |= 1 << (row[i + 1] - b'a');
            }
            // the row below starts half a key to the right: below `i` are
            // keys `i - 1` and `i` of the next row; above, `i` and `i + 1`
            if r + 1 < 3 {
                let below = ROWS[r + 1];
                if i > 0 && i - 1 < below.len() {
                    t[c] |= 1 << (below[i - 1] - b'a');
                }
                if i < below.len() {
                    t[c] |= 1 << (below[i] - b'a');
                }
            }
            if r > 0 {
                let above = ROWS[r - 1];
                if i < above.len() {
                    t[c] |= 1 << (above[i] - b'a');
                }
                if i + 1 < above.len() {
                    t[c] |= 1 << (above[i + 1] - b'a');
                }
            }
            i += 1;
        }
        r += 1;
    }
    t
}

/// Longest key, in bytes, whose one-edit neighbourhood fuzzy matching walks.
pub const MAX_NEIGHBOURHOOD_KEY: usize = 8;

/// Calls `f` with every string one edit (deletion, insertion, substitution of
/// a letter or space, or transposition of neighbours) away from the ASCII key
/// `q`: about 55 per letter. Nothing for keys longer than
/// [`MAX_NEIGHBOURHOOD_KEY`] or not ASCII.
pub(crate) fn one_edit_keys(q: &str, f: impl FnMut(&str)) {
    if q.len() <= MAX_NEIGHBOURHOOD_KEY && q.len() >= 3 {
        edits_within(q, q.len() + 1, f);
    }
}

/// Calls `f` with every string one edit away from the ASCII key `q` that
/// changes its first two bytes: the keys the trigram index's first pass,
/// which reads only keys that begin like the query, cannot see ("hiraz" /
/// "shiraz", "hibin" / "yibin"). About 110 strings, whatever the key's length.
pub(crate) fn start_edit_keys(q: &str, f: impl FnMut(&str)) {
    if q.len() >= 3 && q.len() <= MAX_FUZZY_QUERY {
        edits_within(q, 2, f);
    }
}

/// Calls `f` with the strings one edit away from the ASCII key `q` whose
/// edit is a deletion, substitution or insertion before byte `upto`, or a
/// transposition of a byte before `upto` with the next; strings that would
/// begin or end with a space, or hold two in a row, are left out.
fn edits_within(q: &str, upto: usize, mut f: impl FnMut(&str)) {
    if !q.is_ascii() {
        return;
    }
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz ";
    let b = q.as_bytes();
    let mut buf: Vec<u8> = Vec::with_capacity(b.len() + 1);
    let emit = |buf: &[u8], f: &mut dyn FnMut(&str)| {
        if let Ok(s) = std::str::from_utf8(buf) {
            if !s.starts_with(' ') && !s.ends_with(' ') && !s.contains("  ") {
                f(s);
            }
        }
    };
    for i in 0..b.len().min(upto) {
        // deletion
        buf.clear();
        buf.extend_from_slice(&b[..i]);
        buf.extend_from_slice(&b[i + 1..]);
        emit(&buf, &mut f);
        // substitution
        for &c in ALPHABET {
            if c != b[i] {
                buf.clear();
                buf.extend_from_slice(b);
                buf[i] = c;
                emit(&buf, &mut f);
            }
        }
    }
    // transposition of neighbours
    for i in 0..b.len().saturating_sub(1).min(upto) {
        if b[i] != b[i + 1] {
            buf.clear();
            buf.extend_from_slice(b);
            buf.swap(i, i + 1);
            emit(&buf, &mut f);
        }
    }
    // insertion
    for i in 0..=b.len().min(upto) {
        for &c in ALPHABET {
            buf.clear();
            buf.extend_from_slice(&b[..i]);
            buf.push(c);
            buf.extend_from_slice(&b[i..]);
            emit(&buf, &mut f);
        }
    }
}

/// Strings that may be keys (a query's variants), packed in one buffer, so
/// that the key filter can be tested for all of them at once
/// ([`crate::Gazetteer::guessed_keys`]).
#[derive(Default)]
pub(crate) struct Guesses {
    text: String,
    ends: Vec<usize>,
}

impl Guesses {
    /// Adds a string.
    pub(crate) fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len());
    }

    /// Forgets every string (keeping the buffers).
    pub(crate) fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    /// The strings, in the order they were added.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(a, b)| self.text.get(a..b).unwrap_or(""))
    }
}

/// Similarity given to a key that a known transliteration swap of the query
/// reaches exactly (`pakhton` → `paxton`, `kadzhiki` → `kajiki`): as close as
/// a single cheap edit.
pub const TRANSLIT_SIMILARITY: f64 = 0.95;

/// Transliteration swaps tried on a normalised query key, each at one place
/// at a time and everywhere at once: the romanisations of one sound that
/// Azerbaijani, Armenian, Russian, Georgian and English spellings disagree on.
const KEY_SWAPS: &[(&str, &str)] = &[
    ("kh", "x"),
    ("x", "kh"),
    ("kh", "h"),
    ("kh", "k"),
    ("gh", "g"),
    ("g", "gh"),
    ("sh", "s"),
    ("ch", "c"),
    ("c", "ch"),
    ("tch", "ch"),
    ("dzh", "j"),
    ("j", "dzh"),
    ("zh", "j"),
    ("dj", "j"),
    ("j", "c"),
    ("c", "j"),
    ("ts", "c"),
    ("ts", "tz"),
    ("ou", "u"),
    ("u", "ou"),
];

/// Letters of Azerbaijani and Turkish that queries may carry, with the
/// digraphs English spelling uses for them (normalisation alone folds `ş`
/// to `s`, `ə` to `e`).
const RAW_SWAPS: &[(char, &str)] = &[
    ('ş', "sh"),
    ('ç', "ch"),
    ('ğ', "gh"),
    ('ə', "a"),
    ('ǝ', "a"),
];

/// Calls `f` with the transliteration variants of a query: `raw` with its
/// Azerbaijani letters spelt out, normalised, and the normalised `key` with
/// each of [`KEY_SWAPS`] applied at one occurrence (the first four) or at
/// all. Variants may repeat; nothing for keys over [`MAX_FUZZY_QUERY`].
pub(crate) fn translit_variants(raw: &str, key: &str, mut f: impl FnMut(&str)) {
    if key.len() > MAX_FUZZY_QUERY || !key.is_ascii() {
        return;
    }
    if raw.chars().any(|c| {
        RAW_SWAPS
            .iter()
            .any(|&(r, _)| r == c.to_lowercase().next().unwrap_or(c))
    }) {
        let mut spelt = String::with_capacity(raw.len() + 8);
        for c in raw.chars() {
            let lower = c.to_lowercase().next().unwrap_or(c);
            match RAW_SWAPS.iter().find(|&&(r, _)| r == lower) {
                Some(&(_, to)) => spelt.push_str(to),
                None => spelt.push(c),
            }
        }
        let v = crate::normalize::normalize(&spelt);
        if v != key {
            f(&v);
        }
    }
    let mut buf = String::with_capacity(key.len() + 8);
    for &(from, to) in KEY_SWAPS {
        let mut count = 0;
        for (at, _) in key.match_indices(from).take(4) {
            count += 1;
            buf.clear();
            buf.push_str(&key[..at]);
            buf.push_str(to);
            buf.push_str(&key[at + from.len()..]);
            f(&buf);
        }
        if count > 1 {
            f(&key.replace(from, to));
        }
    }
}

/// Calls `f` with every string that swaps two different neighbouring
/// characters of the key `q` (the transpositions a trigram index can miss
/// in a short name: `taeko` shares one trigram with `takeo`). Nothing for
/// keys longer than [`MAX_NEIGHBOURHOOD_KEY`] bytes.
pub(crate) fn transposed_keys(q: &str, mut f: impl FnMut(&str)) {
    if q.len() > MAX_NEIGHBOURHOOD_KEY {
        return;
    }
    let mut chars: Vec<char> = q.chars().collect();
    let mut buf = String::with_capacity(q.len());
    for i in 0..chars.len().saturating_sub(1) {
        if chars[i] != chars[i + 1] {
            chars.swap(i, i + 1);
            buf.clear();
            buf.extend(chars.iter());
            f(&buf);
            chars.swap(i, i + 1);
        }
    }
}

/// Countries of the focus region (Armenia, Azerbaijan, Georgia, which files
/// Nagorno-Karabakh under AZ): their places get [`FOCUS_BONUS`] of importance,
/// so that "Shushy" is Shusha before Shush in Iran.
pub const FOCUS_COUNTRIES: [&str; 3] = ["AM", "AZ", "GE"];

/// Importance added to places of the [`FOCUS_COUNTRIES`].
pub const FOCUS_BONUS: f64 = 0.2;

/// Importance of a place in [0, 1] from its ranking tier and population,
/// halved when the place bears the key only as a minor alternate name.
pub(crate) fn importance(tier: u8, population: u64, strong: bool, focus: bool) -> f64 {
    let by_kind = match tier {
        0 => 1.0,
        1 => 0.9,
        2 => 0.5,
        _ => 0.0,
    };
    let by_pop = ((population as f64 + 1.0).log10() / 7.5).min(1.0);
    let mut base: f64 = f64::max(by_kind, by_pop);
    if focus {
        base = (base + FOCUS_BONUS).min(1.0);
    }
    if strong {
        base
    } else {
        base * 0.5
    }
}

/// The fuzzy score of a key with `similarity` whose best place has `importance`.
pub(crate) fn score(similarity: f64, importance: f64) -> f64 {
    FUZZY_MAX_SCORE * (SIMILARITY_WEIGHT * similarity + (1.0 - SIMILARITY_WEIGHT) * importance)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_orders_close_names() {
        assert!(similarity("stepanakret", "stepanakert") > similarity("stepanakret", "stepanavan"));
        assert!(similarity("goris", "goris") > similarity("goris", "gori"));
        assert_eq!(similarity("goris", "goris"), 1.0);
    }

    #[test]
    fn jaro_winkler_agrees_with_strsim() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "martha",
            "marhta",
            "dixon",
            "dicksonx",
            "stepanakert",
            "stepanakret",
            "stepanavan",
            "gori",
            "goris",
            "aghdam",
            "agdash",
            "xankendi",
            "khankendi",
            "jellyfish",
            "smellyfish",
            "aaaa",
            "aaab",
            "abcabcabc",
            "cbacbacba",
        ];
        for a in words {
            for b in words {
                let ours = jaro_winkler(a.as_bytes(), b.as_bytes());
                let theirs = strsim::jaro_winkler(a, b);
                assert!(
                    (ours - theirs).abs() < 1e-12,
                    "{a:?} {b:?}: {ours} vs {theirs}"
                );
            }
        }
    }

    #[test]
    fn typo_distance_weights() {
        let d = |a: &str, b: &str| typo_distance(a.as_bytes(), b.as_bytes());
        assert!((d("goris", "goris") - 0.0).abs() < 1e-6);
        assert!((d("gori", "goris") - 1.0).abs() < 1e-6);
        assert!((d("kazan", "kezan") - 0.5).abs() < 1e-6, "vowels");
        assert!(
            (d("kyiv", "kyjv") - 0.5).abs() < 1e-6,
            "i/j transliterate one sound"
        );
        assert!(
            (d("sousa", "slusa") - 0.7).abs() < 1e-6,
            "o and l are neighbouring keys"
        );
        assert!(
            (d("paris", "pqris") - 0.7).abs() < 1e-6,
            "a and q are neighbouring keys"
        );
        assert!((d("paris", "pmris") - 1.0).abs() < 1e-6);
        assert!(
            (d("aghdam", "aghdamm") - 0.5).abs() < 1e-6,
            "doubled letter"
        );
        assert!((d("khankendi", "kankendi") - 0.5).abs() < 1e-6, "digraph h");
        assert!(
            (d("stepanakert", "stepanakret") - 0.8).abs() < 1e-6,
            "transposition"
        );
        let long = "x".repeat(100);
        assert!(
            (d(&long, &long[1..]) - 1.0).abs() < 1e-6,
            "long strings: plain distance"
        );
    }

    #[test]
    fn one_edit_neighbourhood() {
        let mut seen = Vec::new();
        one_edit_keys("kagwa", |s| seen.push(s.to_string()));
        for want in ["katwa", "kgwa", "akgwa", "kagwas", "kag wa"] {
            assert!(seen.iter().any(|s| s == want), "{want}");
        }
        assert!(!seen.iter().any(|s| s == "kagwa"));
        let mut n = 0;
        one_edit_keys(&"x".repeat(40), |_| n += 1);
        assert_eq!(n, 0, "long keys are left to the trigram index");
    }

    #[test]
    fn start_edits_change_only_the_first_two_bytes() {
        let mut seen = Vec::new();
        start_edit_keys("hiraz", |s| seen.push(s.to_string()));
        for want in [
            "shiraz", "yiraz", "iraz", "hraz", "ihraz", "hriaz", "hsiraz",
        ] {
            assert!(seen.iter().any(|s| s == want), "{want}");
        }
        for unwanted in ["hiraz", "hiza", "hirza", "hiraa", "hirazs"] {
            assert!(!seen.iter().any(|s| s == unwanted), "{unwanted}");
        }
        assert!(seen.iter().all(|s| !s.starts_with(' ')));
        // whatever the key's length, unlike the whole neighbourhood
        let long = "nagorno karabakh republic";
        let mut n = 0;
        start_edit_keys(long, |s| {
            // the edit is within the first two bytes (a transposition of the
            // second and third reaches the third)
            assert!(s.ends_with(&long[3..]) && s != long, "{s}");
            n += 1;
        });
        assert!(n > 50, "{n}");
    }

    #[test]
    fn guesses_keep_their_strings_in_order() {
        let mut g = Guesses::default();
        for s in ["ab", "", "cde", "ə"] {
            g.push(s);
        }
        assert_eq!(g.iter().collect::<Vec<_>>(), ["ab", "", "cde", "ə"]);
        g.clear();
        assert_eq!(g.iter().count(), 0);
    }

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
    fn transpositions() {
        let mut seen = Vec::new();
        transposed_keys("taeko", |s| seen.push(s.to_string()));
        assert_eq!(seen, ["ateko", "teako", "takeo", "taeok"]);
        seen.clear();
        transposed_keys("ɲnoo", |s| seen.push(s.to_string()));
        assert_eq!(
            seen,
            ["nɲoo", "ɲono"],
            "characters, not bytes; no swap of equals"
        );
        seen.clear();
        transposed_keys(&"ab".repeat(5), |s| seen.push(s.to_string()));
        assert!(seen.is_empty(), "long keys are left to the trigram index");
    }

    #[test]
    fn shared_counts() {
        let mut g = Vec::new();
        assert!(gram_codes("paris", &mut g));
        assert_eq!(count_shared(&g, b"paris"), 5);
        assert_eq!(count_shared(&g, b"parys"), 2); // " pa", "par"
        assert_eq!(count_shared(&g, b"PARIS"), 0, "outside the alphabet");
    }

    #[test]
    fn scores_stay_below_normalised_matches() {
        assert!(score(1.0, 1.0) <= FUZZY_MAX_SCORE);
        assert!(FUZZY_MAX_SCORE < crate::Method::Normalized.score());
        assert!(score(0.9, 0.8) > score(0.9, 0.1), "importance breaks ties");
    }
}
