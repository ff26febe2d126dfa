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

/// The longest query looked up, in bytes. A longer one matches nothing and
/// costs nothing: the longest name of the embedded gazetteer is about 500
/// bytes, and a GeoNames name (at most 400 characters) at most 1,600, so
/// no place is lost, while a hostile 10-megabyte "name" is never normalised
/// or hashed. Lookups of queries up to the cap take time linear in their
/// length, and fuzzy matching only considers queries of up to 64 bytes once
/// normalised.
pub const MAX_QUERY_LEN: usize = 4096;

/// Options for
/// [`Gazetteer::search`](crate::Gazetteer::search) and
/// [`Gazetteer::resolve_with`](crate::Gazetteer::resolve_with): a builder with
/// `&mut self` setters.
///
/// ```
/// use toponym::{Gazetteer, Kind, Query};
/// let gaz = Gazetteer::embedded();
/// let mut q = Query::new();
/// q.country("AM")?.kind(Kind::Town).limit(3)?;
/// let m = gaz.resolve_with("Martuni", &q).unwrap();
/// assert_eq!(m.place().country(), Some("AM"));
/// # Ok::<(), toponym::QueryError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Query {
    countries: Vec<[u8; 2]>,
    kinds: Vec<Kind>,
    limit: usize,
    min_score: f64,
    fuzzy: bool,
    neighbours: bool,
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
            neighbours: false,
            date: None,
        }
    }

    /// Only places in this country (ISO 3166-1 alpha-2, any case). Repeat to
    /// allow several countries. A code that is not two ASCII letters is an
    /// error.
    pub fn country(&mut self, code: &str) -> Result<&mut Query, QueryError> {
        let b = code.trim().as_bytes();
        if b.len() != 2 || !b.iter().all(u8::is_ascii_alphabetic) {
            return Err(QueryError::Country(code.to_string()));
        }
        self.countries
            .push([b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase()]);
        Ok(self)
    }

    /// Only places of this kind. Repeat to allow several kinds.
    pub fn kind(&mut self, kind: Kind) -> &mut Query {
        self.kinds.push(kind);
        self
    }

    /// At most `n` results (the match and its alternatives together); 0 is
    /// an error.
    pub fn limit(&mut self, n: usize) -> Result<&mut Query, QueryError> {
        if n == 0 {
            return Err(QueryError::Limit);
        }
        self.limit = n;
        Ok(self)
    }

    /// Drop matches scoring below `score` (exact matches score 1.0,
    /// normalised ones 0.95, fuzzy ones at most 0.9). A score outside 0 to 1
    /// (or NaN) is an error.
    pub fn min_score(&mut self, score: f64) -> Result<&mut Query, QueryError> {
        if !(0.0..=1.0).contains(&score) {
            return Err(QueryError::MinScore(score));
        }
        self.min_score = score;
        Ok(self)
    }

    /// Whether to fall back to fuzzy matching when no exact or normalised key
    /// matches (on by default).
    pub fn fuzzy(&mut self, yes: bool) -> &mut Query {
        self.fuzzy = yes;
        self
    }

    /// Whether [`search`](crate::Gazetteer::search) also lists the fuzzy
    /// neighbours of a name that matches exactly (what `toponym search`
    /// shows); off by default, when it lists what `resolve` chooses from.
    pub fn neighbours(&mut self, yes: bool) -> &mut Query {
        self.neighbours = yes;
        self
    }

    pub(crate) fn with_neighbours(&self) -> bool {
        self.neighbours
    }

    /// The same options with at most one result.
    pub(crate) fn only_best(&self) -> Query {
        Query {
            limit: 1,
            ..self.clone()
        }
    }

    /// Name the matches as of `date` ([`Match::name`](crate::Match::name)): matching itself is
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

/// Why a [`Query`] option was refused.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum QueryError {
    /// A country code that is not two ASCII letters.
    Country(String),
    /// A minimum score outside 0 to 1, or NaN.
    MinScore(f64),
    /// A limit of 0 results.
    Limit,
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QueryError::Country(c) => {
                write!(
                    f,
                    "`{c}` is not a country code (two letters, ISO 3166-1 alpha-2)"
                )
            }
            QueryError::MinScore(s) => write!(f, "minimum score {s} is not between 0 and 1"),
            QueryError::Limit => f.write_str("a limit of 0 results allows none"),
        }
    }
}

impl std::error::Error for QueryError {}
