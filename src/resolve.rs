//! Results of resolving a name: [`Match`] and [`Method`].

use crate::gazetteer::{Name, Place};
use std::fmt;

/// How a query reached a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Method {
    /// The query is one of the place's names, byte for byte (less outer spaces).
    Exact,
    /// The query and a name share a normalised key: they differ in case,
    /// diacritics, apostrophes, separators or script (`Степанакерт`,
    /// `Step'anakert`), or the query is a spelling variant the gazetteer stores
    /// for the name (`Khankandi` for `Xankəndi`).
    Normalized,
    /// The query is an inflected form of a name: a case ending, a suffix or
    /// an elided article (`Мартакерта`, `Füzulidə`, `Tiflis'ten`,
    /// `d'Erevan`), read with the language tables of `data/inflection/`.
    Inflected,
    /// A mention in text that names the place by its people or adjective
    /// (`Armenian`, `Azerbaijanis`): only when asked for
    /// ([`Context::demonyms`](crate::Context::demonyms)).
    Demonym,
    /// The query is close to a name but not equal to it even after
    /// normalisation: a typo or an unusual transliteration (`Stepanakret`).
    Fuzzy,
}

impl Method {
    /// The method's name: `"exact"`, `"normalized"`, `"inflected"`,
    /// `"demonym"` or `"fuzzy"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Exact => "exact",
            Method::Normalized => "normalized",
            Method::Inflected => "inflected",
            Method::Demonym => "demonym",
            Method::Fuzzy => "fuzzy",
        }
    }

    /// The score a match by this method gets, in `[0, 1]`: 1.0 for exact,
    /// 0.95 for normalised, 0.93 for an inflected form, 0.92 for a demonym,
    /// and the most a fuzzy match can get,
    /// [`FUZZY_MAX_SCORE`](crate::fuzzy::FUZZY_MAX_SCORE), for fuzzy.
    pub fn score(self) -> f64 {
        match self {
            Method::Exact => 1.0,
            Method::Normalized => 0.95,
            Method::Inflected => 0.93,
            Method::Demonym => 0.92,
            Method::Fuzzy => crate::fuzzy::FUZZY_MAX_SCORE,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place that a query may name, with the name that matched and how.
#[derive(Clone, Copy, Debug)]
pub struct Match<'g> {
    pub(crate) place: Place<'g>,
    name: Name<'g>,
    pub(crate) method: Method,
    score: f64,
}

impl<'g> Match<'g> {
    pub(crate) fn new(place: Place<'g>, name: Name<'g>, method: Method) -> Match<'g> {
        Match {
            place,
            name,
            method,
            score: method.score(),
        }
    }

    pub(crate) fn fuzzy(place: Place<'g>, name: Name<'g>, score: f64) -> Match<'g> {
        Match {
            place,
            name,
            method: Method::Fuzzy,
            score,
        }
    }

    /// The place.
    pub fn place(&self) -> Place<'g> {
        self.place
    }

    /// The name of the place that the query matched.
    pub fn matched_name(&self) -> Name<'g> {
        self.name
    }

    /// How the query matched.
    pub fn method(&self) -> Method {
        self.method
    }

    /// Confidence in `[0, 1]`, comparable across queries: 1.0 for an exact
    /// match, 0.95 for a normalised one, at most 0.9 for a fuzzy one (string
    /// similarity blended with the place's importance).
    pub fn score(&self) -> f64 {
        self.score
    }
}
