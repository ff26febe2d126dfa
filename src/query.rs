//! Search options: filters, limits, fuzzy matching.

use crate::date::Date;
use crate::gazetteer::Place;
use crate::kind::Kind;

/// The default lowest score of a match that [`Gazetteer::resolve`](crate::Gazetteer::resolve)
/// returns: below it, a fuzzy candidate is too unlike the query to be a safe
/// answer, and the answer is no match. Chosen on the mangled-query benchmark
/// (`benches/peers/`) so that wrong answers to random strings stay rare while
/// one-edit typos of real names still resolve.
pub const DEFAULT_MIN_SCORE: f64 = 0.72;

/// Options for [`Gazetteer::find`](crate::Gazetteer::find),
/// [`Gazetteer::search`](crate::Gazetteer::search) and
/// [`Gazetteer::resolve_with`](crate::Gazetteer::resolve_with): a builder with
/// `&mut self` setters.
///
/// ```
/// use toponym::{Gazetteer, Kind, Query};
/// let gaz = Gazetteer::embedded();
/// let mut q = Query::new();
/// q.country("AM").kind(Kind::Town).limit(3);
/// let m = gaz.resolve_with("Martuni", &q).unwrap();
/// assert_eq!(m.place().country(), Some("AM"));
/// ```
#[derive(Clone, Debug)]
pub struct Query {
    countries: Vec<[u8; 2]>,
    kinds: Vec<Kind>,
    limit: usize,
    min_score: f64,
    fuzzy: bool,
    date: Option<Date>,
}

impl Default for Query {
    fn default() -> Query {
        Query::new()
    }
}

impl Query {
    /// No filters, at most 10 results, [`DEFAULT_MIN_SCORE`], fuzzy matching on.
    pub fn new() -> Query {
        Query {
            countries: Vec::new(),
            kinds: Vec::new(),
            limit: 10,
            min_score: DEFAULT_MIN_SCORE,
            fuzzy: true,
            date: None,
        }
    }

    /// Only places in this country (ISO 3166-1 alpha-2, any case). Repeat to
    /// allow several countries.
    pub fn country(&mut self, code: &str) -> &mut Query {
        let b = code.trim().as_bytes();
        let cc = if b.len() == 2 {
            [b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase()]
        } else {
            // an impossible code: matches nothing rather than everything
            [0, 0]
        };
        self.countries.push(cc);
        self
    }

    /// Only places of this kind. Repeat to allow several kinds.
    pub fn kind(&mut self, kind: Kind) -> &mut Query {
        self.kinds.push(kind);
        self
    }

    /// At most `n` results (the match and its alternatives together).
    pub fn limit(&mut self, n: usize) -> &mut Query {
        self.limit = n;
        self
    }

    /// Drop matches scoring below `score` (exact matches score 1.0,
    /// normalised ones 0.95, fuzzy ones at most 0.9).
    pub fn min_score(&mut self, score: f64) -> &mut Query {
        self.min_score = if score.is_nan() {
            DEFAULT_MIN_SCORE
        } else {
            score
        };
        self
    }

    /// Whether to fall back to fuzzy matching when no exact or normalised key
    /// matches (on by default).
    pub fn fuzzy(&mut self, yes: bool) -> &mut Query {
        self.fuzzy = yes;
        self
    }

    /// Name the matches as of `date` ([`Match::name`]): matching itself is
    /// unchanged, every name, old or new, still finds its place.
    ///
    /// ```
    /// use toponym::{Gazetteer, Query};
    /// let gaz = Gazetteer::embedded();
    /// let mut q = Query::new();
    /// q.at("1985".parse().unwrap());
    /// let m = gaz.resolve_with("Gyumri", &q).unwrap();
    /// assert_eq!(m.name("en"), "Leninakan");
    /// assert_eq!(gaz.resolve("Gyumri").unwrap().name("en"), "Gyumri");
    /// ```
    pub fn at(&mut self, date: Date) -> &mut Query {
        self.date = Some(date);
        self
    }

    /// The date of [`at`](Self::at), if any.
    pub fn date(&self) -> Option<Date> {
        self.date
    }

    pub(crate) fn max_results(&self) -> usize {
        self.limit
    }

    pub(crate) fn threshold(&self) -> f64 {
        self.min_score
    }

    pub(crate) fn is_fuzzy(&self) -> bool {
        self.fuzzy
    }

    /// Whether `place` passes the filters.
    pub(crate) fn accepts(&self, place: &Place<'_>) -> bool {
        let country_ok = self.countries.is_empty()
            || place
                .country()
                .is_some_and(|c| self.countries.iter().any(|cc| cc == c.as_bytes()));
        let kind_ok = self.kinds.is_empty() || self.kinds.contains(&place.kind());
        country_ok && kind_ok
    }
}
