//! Typo- and transliteration-tolerant candidate generation and scoring:
//! the trigram index (`index`), string similarity (`similarity`), the
//! variants of a query looked up as keys (`variants`) and the fuzzy score
//! (`rank`). The ranking of places under candidate keys is resolve.rs's.
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

mod index;
mod rank;
mod similarity;
mod variants;

pub(crate) use index::GramIndex;
pub(crate) use rank::{importance, score, FOCUS_COUNTRIES};
pub(crate) use similarity::similarity;
pub(crate) use variants::{
    one_edit_keys, start_edit_keys, translit_variants, transposed_keys, Guesses,
    TRANSLIT_SIMILARITY,
};

/// The highest score a fuzzy match can get (a normalised match scores 0.95).
pub const FUZZY_MAX_SCORE: f64 = 0.9;

/// Longest normalised query, in bytes, that fuzzy matching considers. Longer
/// queries get no fuzzy match: no place name is that long.
pub const MAX_FUZZY_QUERY: usize = 64;

/// A key that survived filtering, with its string similarity to the query.
pub(crate) struct Candidate {
    /// Index of the key.
    pub key: u32,
    /// Similarity in [0, 1].
    pub similarity: f64,
}
