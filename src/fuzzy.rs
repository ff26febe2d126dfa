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
//!    ids are ordered by length. A cheap first pass allows `L = 3`; a second,
//!    wider one runs only when the first finds nothing close.
//! 3. Each candidate key is checked for length and for its real number of
//!    shared trigrams, then scored with strsim: the optimal-string-alignment
//!    distance (edits and adjacent transpositions) blended with Jaro-Winkler.
//! 4. The score mixes that similarity with the importance of the key's best
//!    place (kind and population), so that `Pars` is Paris and not a hamlet.
//!
//! Fuzzy scores are at most [`FUZZY_MAX_SCORE`], below the score of any
//! normalised match: an exact or normalised hit always ranks first.

use crate::layout::*;

/// The highest score a fuzzy match can get (a normalised match scores 0.95).
pub const FUZZY_MAX_SCORE: f64 = 0.9;

/// Longest normalised query, in bytes, that fuzzy matching considers. Longer
/// queries get no fuzzy match: no place name is that long.
pub const MAX_FUZZY_QUERY: usize = 64;

/// Weight of string similarity against place importance in a fuzzy score.
const SIMILARITY_WEIGHT: f64 = 0.85;

/// Upper bound on candidate keys verified for one query; when the rarest
/// trigram lists hold more, the keys sharing the most of them are kept.
const MAX_VERIFIED: usize = 4000;

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
    len_starts: &'g [u8],
}

impl<'g> GramIndex<'g> {
    pub(crate) fn new(offsets: &'g [u8], postings: &'g [u8], len_starts: &'g [u8]) -> Self {
        GramIndex {
            offsets,
            postings,
            len_starts,
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
        let word = |i: usize| {
            u32::from_le_bytes([
                self.offsets[i],
                self.offsets[i + 1],
                self.offsets[i + 2],
                self.offsets[i + 3],
            ]) as usize
        };
        let (s, e) = (word(at), word(at + 4));
        if s > e || e > self.postings.len() {
            (0, 0)
        } else {
            (s, e)
        }
    }

    /// Calls `f` with each key id of trigram `code` within `ids`, ascending.
    fn decode(&self, code: u32, ids: std::ops::Range<u32>, mut f: impl FnMut(u32)) {
        let (s, e) = self.range(code);
        let bytes = &self.postings[s..e];
        let (mut value, mut shift, mut prev) = (0u32, 0u32, 0u32);
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
        // swap such as kh/x (at most four trigrams lost); from nine letters on,
        // when it finds nothing close, a second pass allows two edits (six).
        let passes: &[usize] = if q.len() <= 8 { &[4] } else { &[4, 6] };
        let mut found = Vec::new();
        for &lost in passes {
            found = self.pass(q, &grams, &by_df, lost, &key_text);
            if found.first().is_some_and(|c| c.similarity >= GOOD_ENOUGH) {
                break;
            }
        }
        found
    }

    /// One filtering pass: keys that lack at most `lost` of the query's trigrams.
    fn pass<'k>(
        &self,
        q: &str,
        grams: &[u32],
        by_df: &[(usize, u32)],
        lost: usize,
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
        let min_hits = scan.saturating_sub(lost).max(1) as u32;
        // Each lost trigram beyond the first three allows one more byte of
        // length difference.
        let slack = 1 + lost / 3;
        let lens = self.len_start(qlen.saturating_sub(slack))..self.len_start(qlen + slack + 1);
        // Hits per key of the length window, counted densely (no sorting).
        let width = lens.end.saturating_sub(lens.start) as usize;
        let mut hits = vec![0u8; width];
        let mut touched: Vec<u32> = Vec::new();
        for &(_, code) in by_df.iter().take(scan) {
            self.decode(code, lens.clone(), |id| {
                let h = &mut hits[(id - lens.start) as usize];
                if *h == 0 {
                    touched.push(id);
                }
                *h = h.saturating_add(1);
            });
        }
        // (hits in the scanned lists, key): when capping, keep the most hits.
        let mut counted: Vec<(u32, u32)> = touched
            .iter()
            .map(|&id| (hits[(id - lens.start) as usize] as u32, id))
            .filter(|&(h, _)| h >= min_hits)
            .collect();
        if counted.len() > MAX_VERIFIED {
            counted.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            counted.truncate(MAX_VERIFIED);
        }
        // (shared trigrams, key) of the keys that pass the count filter; only
        // the ones sharing the most are scored with strsim.
        let mut passed: Vec<(usize, u32)> = Vec::new();
        for &(_, key) in &counted {
            let shared = count_shared(grams, key_text(key));
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

/// At most this many keys that pass the trigram count filter are scored with
/// strsim, those sharing the most trigrams with the query.
const MAX_SCORED: usize = 150;

/// Bytes of postings above which a trigram list is read only when the
/// filter cannot do without it.
const BIG_LIST: usize = 8 * 1024;

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
/// `1 - osa_distance / longer length` and Jaro-Winkler. The distance keeps
/// short names honest (Jaro-Winkler alone rates `gori`/`goris` 0.96); Jaro-
/// Winkler rewards a shared beginning, where transliterations agree most.
pub(crate) fn similarity(q: &str, key: &str) -> f64 {
    // both are ASCII keys: bytes are characters
    let longer = q.len().max(key.len()).max(1) as f64;
    let d = strsim::osa_distance(q, key) as f64;
    let edit = (1.0 - d / longer).max(0.0);
    let jw = strsim::jaro_winkler(q, key);
    0.5 * edit + 0.5 * jw
}

/// Longest key, in bytes, whose one-edit neighbourhood fuzzy matching walks.
pub const MAX_NEIGHBOURHOOD_KEY: usize = 12;

/// Calls `f` with every string one edit (deletion, insertion, substitution of
/// a letter or space, or transposition of neighbours) away from the ASCII key
/// `q`: about 55 per letter. Nothing for keys longer than
/// [`MAX_NEIGHBOURHOOD_KEY`] or not ASCII.
pub(crate) fn one_edit_keys(q: &str, mut f: impl FnMut(&str)) {
    if !q.is_ascii() || q.len() > MAX_NEIGHBOURHOOD_KEY || q.len() < 3 {
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
    for i in 0..b.len() {
        // deletion
        buf.clear();
        buf.extend_from_slice(&b[..i]);
        buf.extend_from_slice(&b[i + 1..]);
        emit(&buf, &mut f);
        // transposition
        if i + 1 < b.len() && b[i] != b[i + 1] {
            buf.clear();
            buf.extend_from_slice(b);
            buf.swap(i, i + 1);
            emit(&buf, &mut f);
        }
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
    // insertion
    for i in 0..=b.len() {
        for &c in ALPHABET {
            buf.clear();
            buf.extend_from_slice(&b[..i]);
            buf.push(c);
            buf.extend_from_slice(&b[i..]);
            emit(&buf, &mut f);
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
