//! Resolving a name: the query's keys, their places ranked best first
//! ([`Gazetteer::find`], [`Gazetteer::candidates`], the fuzzy fallback), and
//! the results, [`Match`] and [`Method`].

use crate::date::Date;
use crate::fuzzy::{importance, score, GramIndex, Guesses, FOCUS_COUNTRIES, TRANSLIT_SIMILARITY};
use crate::gazetteer::{u32_at, Gazetteer, Name, Place};
use crate::layout::*;
use crate::normalize::normalize;
use crate::query::{Query, MAX_QUERY_LEN};
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
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Match<'g> {
    pub(crate) place: Place<'g>,
    name: Name<'g>,
    pub(crate) method: Method,
    score: f64,
    /// The date of the query ([`Query::at`]), for [`Match::name`].
    date: Option<Date>,
}

impl<'g> Match<'g> {
    pub(crate) fn new(place: Place<'g>, name: Name<'g>, method: Method) -> Match<'g> {
        Match {
            place,
            name,
            method,
            score: method.score(),
            date: None,
        }
    }

    pub(crate) fn fuzzy(place: Place<'g>, name: Name<'g>, score: f64) -> Match<'g> {
        Match {
            place,
            name,
            method: Method::Fuzzy,
            score,
            date: None,
        }
    }

    /// The place.
    pub fn place(&self) -> Place<'g> {
        self.place
    }

    /// The place's name for a reader of `lang`: as of the query's date
    /// ([`Query::at`], [`Place::name_at`]), else today's
    /// ([`Place::name_in`]).
    pub fn name(&self, lang: &str) -> &'g str {
        self.place.name_as_of(lang, self.date)
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

/// Resolution: from a query to its places, best first. The image access
/// these methods read through (keys, postings, records) is in
/// `gazetteer.rs`; normalisation in `normalize.rs`; fuzzy candidate keys in
/// `fuzzy/`.
impl<'g> Gazetteer<'g> {
    /// Every place that `query` may name through an exact or normalised key,
    /// best first: homonyms stay apart (Martuni in Armenia and Martuni in
    /// Karabakh are two matches). Without context, countries rank first, then
    /// continents and macro-regions, then regions, then the rest by population;
    /// a city ranks before the region of the same name that contains it.
    ///
    /// ```
    /// let gaz = toponym::Gazetteer::embedded();
    /// let all = gaz.candidates("Georgia");
    /// assert_eq!(all[0].place().kind(), toponym::Kind::Country);
    /// assert!(all.iter().any(|m| m.place().country() == Some("US")));
    /// ```
    pub fn candidates(&self, query: &str) -> Vec<Match<'g>> {
        if query.len() > MAX_QUERY_LEN {
            return Vec::new();
        }
        self.key_candidates(query, &normalize(query))
    }

    /// [`candidates`](Self::candidates) for a query already normalised to `key`.
    fn key_candidates(&self, query: &str, key: &str) -> Vec<Match<'g>> {
        self.ranked_postings(query, key)
            .into_iter()
            .map(|(p, n, method)| Match::new(self.place(p), self.name(n), method))
            .collect()
    }

    /// The places under `key`, best first, each with the name that matched
    /// and how: (place, name, method). Records are only read, not turned
    /// into matches, so that a name thousands of places share costs little
    /// when one answer is wanted.
    fn ranked_postings(&self, query: &str, key: &str) -> Vec<(u32, u32, Method)> {
        let postings = self.postings(key);
        let query = query.trim();
        // (place, name, method, strong): postings come best place first, a
        // place's postings adjacent.
        let mut found: Vec<(u32, u32, Method, bool)> = Vec::new();
        let names = self.section(SEC_NAMES);
        for chunk in postings.chunks_exact(4) {
            let n = u32_at(chunk, 0);
            let at = n as usize * NAME_SIZE;
            let Some(rec) = names.get(at..at + NAME_SIZE).map(NameRec) else {
                continue;
            };
            let p = rec.place();
            let strong = rec.strong();
            let method = if self.bytes_at(rec.text()) == query.as_bytes() {
                Method::Exact
            } else {
                Method::Normalized
            };
            match found.last_mut() {
                Some(last) if last.0 == p => {
                    last.3 |= strong;
                    if method == Method::Exact && last.2 != Method::Exact {
                        (last.1, last.2) = (n, method);
                    }
                }
                _ => found.push((p, n, method, strong)),
            }
        }
        // A place known by a strong name (display, curated, or in English or a
        // language of the region) comes first, and among those a place that
        // has the query written exactly as typed: "Şuşa" is Shusha before
        // Susa in Iran, although both share the key `susa`. Districts stay
        // last, as compiled ("St. Louis" is the city, not the district of
        // Saskatchewan spelt so).
        let last = self.ranks_last_under(key);
        // (each place's kind read once, not at every comparison: a name
        // thousands of places share would read their records many times over)
        found.sort_by_cached_key(|&(p, _, method, strong)| {
            (last(p), !strong, method != Method::Exact)
        });
        found.into_iter().map(|(p, n, m, _)| (p, n, m)).collect()
    }

    /// The best place for `query`: an exact or normalised match if there is
    /// one (same ranking as [`candidates`](Self::candidates)), else the best
    /// fuzzy match scoring at least
    /// [`DEFAULT_MIN_SCORE`](crate::DEFAULT_MIN_SCORE), else `None`.
    ///
    /// ```
    /// let gaz = toponym::Gazetteer::embedded();
    /// for q in ["Степанакерт", "Ստեփանակերտ", "Xankəndi", "Khankandi", "STEPANAKERT", "Step'anakert"] {
    ///     assert_eq!(gaz.resolve(q).unwrap().place().id(), "gn:146970", "{q}");
    /// }
    /// let typo = gaz.resolve("Stepanakret").unwrap();
    /// assert_eq!(typo.place().id(), "gn:146970");
    /// assert_eq!(typo.method(), toponym::Method::Fuzzy);
    /// assert!(gaz.resolve("Qwxzvq").is_none());
    /// ```
    pub fn resolve(&self, query: &str) -> Option<Match<'g>> {
        self.resolve_with(query, &Query::new())
    }

    /// The best place for `query` under the options `q` (filters, fuzzy
    /// fallback, minimum score): the first of [`search`](Self::search).
    pub fn resolve_with(&self, query: &str, q: &Query) -> Option<Match<'g>> {
        self.layered(query, &q.only_best()).into_iter().next()
    }

    /// The places `query` may name under the options `q`, best first, at
    /// most `q`'s limit: the exact and normalised matches that pass its
    /// filters; when there is none, the query's readings as an inflected form
    /// ([`Self::inflected`]), which also go first when those matches are all
    /// names in scripts other than the query's, met through transliteration;
    /// when there is none either and `q` allows it, the
    /// fuzzy matches scoring at least its minimum score. These are what
    /// [`resolve_with`](Self::resolve_with) chooses from. With
    /// [`Query::neighbours`], every layer at once, each place once: the exact
    /// matches, then the inflected readings, then the fuzzy neighbours (what
    /// `toponym search` lists).
    ///
    /// ```
    /// use toponym::{Gazetteer, Method, Query};
    /// let gaz = Gazetteer::embedded();
    /// let hits = gaz.search("Aghdamm", &Query::new());
    /// assert_eq!(hits[0].place().id(), "gn:148619");
    /// assert_eq!(hits[0].method(), Method::Fuzzy);
    /// assert!(hits.windows(2).all(|w| w[0].score() >= w[1].score()));
    /// let mut all = Query::new();
    /// all.neighbours(true);
    /// assert!(gaz.search("Agdam", &all).iter().any(|m| m.method() == Method::Fuzzy));
    /// ```
    pub fn search(&self, query: &str, q: &Query) -> Vec<Match<'g>> {
        if q.with_neighbours() {
            self.every_layer(query, q)
        } else {
            self.layered(query, q)
        }
    }

    /// [`search`](Self::search) without neighbours: the first layer that
    /// gives matches.
    fn layered(&self, query: &str, q: &Query) -> Vec<Match<'g>> {
        if query.len() > MAX_QUERY_LEN {
            return Vec::new();
        }
        let key = normalize(query);
        // (whether a non-Latin query matched only names in other scripts is
        // asked of all its matches, whatever the limit, so that `resolve`
        // and `search` agree)
        let limit = if in_latin_script(query) {
            q.max_results()
        } else {
            usize::MAX
        };
        let mut out = self.accepted_candidates(query, &key, q, limit);
        self.demonyms_first(query, q, &mut out);
        if out.is_empty() {
            out = self.accepted_inflected(query, q);
        } else if only_in_other_scripts(query, &out) {
            // A query whose matches are all names in another script, met
            // through transliteration ("Գորիսի" is "gorisi", a Latin name of
            // Gourcy in Burkina Faso), is first what it reads as in its own
            // script: the genitive of Գորիս, Goris.
            let own = self.accepted_inflected(query, q);
            out.retain(|m| !own.iter().any(|o| o.place == m.place));
            out.splice(0..0, own);
        }
        out.truncate(q.max_results());
        if out.is_empty() && q.is_fuzzy() {
            out = self.fuzzy(query, &key, q);
        }
        dated(out, q)
    }

    /// A demonym of `data/demonyms.tsv` ("British", "Chinese",
    /// "азербайджанский") means its country: the country (method
    /// [`Method::Demonym`]) goes before `out` unless `out` already starts
    /// with a country, so that "Canadian" is Canada before Canadian County
    /// and "French" finds France, not a fuzzy neighbour.
    fn demonyms_first(&self, query: &str, q: &Query, out: &mut Vec<Match<'g>>) {
        if out.first().is_some_and(|m| m.place().tier() == 0) {
            return;
        }
        let found: Vec<Match<'g>> = self
            .demonym_candidates(query.trim())
            .into_iter()
            .map(|(p, n)| Match::new(self.place(p), self.name(n), Method::Demonym))
            .filter(|m| q.accepts(&m.place()) && m.score() >= q.threshold())
            .collect();
        if found.is_empty() {
            return;
        }
        out.retain(|m| !found.iter().any(|f| f.place == m.place));
        out.splice(0..0, found);
        out.truncate(q.max_results());
    }

    /// The inflected readings of `query` that pass the filters of `q`.
    fn accepted_inflected(&self, query: &str, q: &Query) -> Vec<Match<'g>> {
        self.inflected(query)
            .into_iter()
            .filter(|m| q.accepts(&m.place()) && m.score() >= q.threshold())
            .collect()
    }

    /// The exact and normalised matches of `query` (normalised to `key`) that
    /// pass the filters and minimum score of `q`, best first, at most `limit`.
    fn accepted_candidates(
        &self,
        query: &str,
        key: &str,
        q: &Query,
        limit: usize,
    ) -> Vec<Match<'g>> {
        self.ranked_postings(query, key)
            .into_iter()
            .map(|(p, n, method)| Match::new(self.place(p), self.name(n), method))
            .filter(|m| q.accepts(&m.place()) && m.score() >= q.threshold())
            .take(limit)
            .collect()
    }

    /// [`search`](Self::search) with neighbours: every layer, each place once.
    fn every_layer(&self, query: &str, q: &Query) -> Vec<Match<'g>> {
        if query.len() > MAX_QUERY_LEN {
            return Vec::new();
        }
        let key = normalize(query);
        let mut out = self.accepted_candidates(query, &key, q, usize::MAX);
        self.demonyms_first(query, q, &mut out);
        // (the inflected readings first when the other matches are names in
        // other scripts only, as in `layered`)
        let at = if only_in_other_scripts(query, &out) {
            0
        } else {
            out.len()
        };
        let own: Vec<Match<'g>> = self
            .accepted_inflected(query, q)
            .into_iter()
            .filter(|m| !out.iter().any(|o| o.place == m.place))
            .collect();
        out.splice(at..at, own);
        if q.is_fuzzy() {
            for m in self.fuzzy(query, &key, q) {
                if !out.iter().any(|o| o.place == m.place) {
                    out.push(m);
                }
            }
        }
        out.truncate(q.max_results());
        dated(out, q)
    }

    /// The trigram index of this image.
    pub(crate) fn gram_index(&self) -> GramIndex<'g> {
        GramIndex::new(
            self.section(SEC_GRAM_OFFSETS),
            self.section(SEC_GRAM_POSTINGS),
            self.section(SEC_GRAM_SKIPS),
            self.section(SEC_KEY_LEN_STARTS),
            self.section(SEC_KEY_PREFIXES),
        )
    }

    /// Fuzzy matches only for `query` (normalised to `key`), best first,
    /// filtered and cut by `q`.
    fn fuzzy(&self, query: &str, key: &str, q: &Query) -> Vec<Match<'g>> {
        let index = self.gram_index();
        let keys = self.section(SEC_KEYS);
        let key_rec = |k: u32| {
            let at = k as usize * KEY_SIZE;
            &keys[at..at + KEY_SIZE]
        };
        let mut cands = index.candidates(key, |k| self.bytes_at(u32_at(key_rec(k), 0)));
        let add = |cands: &mut Vec<crate::fuzzy::Candidate>, k: u32, similarity: f64| match cands
            .iter_mut()
            .find(|c| c.key == k)
        {
            Some(c) => c.similarity = c.similarity.max(similarity),
            None => cands.push(crate::fuzzy::Candidate { key: k, similarity }),
        };
        let best_first = |cands: &mut Vec<crate::fuzzy::Candidate>| {
            cands.sort_by(|a, b| {
                b.similarity
                    .total_cmp(&a.similarity)
                    .then(a.key.cmp(&b.key))
            })
        };
        // Guesses at keys the index can miss, looked up together; each that
        // is a key joins the candidates with its similarity, at least `floor`.
        let look_up = |cands: &mut Vec<crate::fuzzy::Candidate>, guesses: &Guesses, floor: f64| {
            self.guessed_keys(guesses, |variant, k| {
                add(cands, k, crate::fuzzy::similarity(key, variant).max(floor))
            })
        };
        // Known transliteration swaps count as one cheap edit at least.
        let mut guesses = Guesses::default();
        crate::fuzzy::translit_variants(query, key, |variant| guesses.push(variant));
        look_up(&mut cands, &guesses, TRANSLIT_SIMILARITY);
        // For short names, which a transposition can strip of every shared
        // trigram ("taeko" / "takeo"), the keys one transposition away. The
        // index reads first the keys that begin like the query, and stops
        // there when one is close: the keys one edit away at the beginning
        // ("hiraz" is Shiraz).
        guesses.clear();
        crate::fuzzy::transposed_keys(key, |variant| guesses.push(variant));
        crate::fuzzy::start_edit_keys(key, |variant| guesses.push(variant));
        look_up(&mut cands, &guesses, 0.0);
        best_first(&mut cands);
        // Short names can lose every trigram to one edit ("kagwa" / "katwa"):
        // when the index finds nothing close, try every key one edit away.
        if cands.first().is_none_or(|c| c.similarity < NEIGHBOUR_BELOW) {
            guesses.clear();
            crate::fuzzy::one_edit_keys(key, |variant| guesses.push(variant));
            look_up(&mut cands, &guesses, 0.0);
            best_first(&mut cands);
        }
        let names = self.section(SEC_NAMES);
        let all_postings = self.section(SEC_POSTINGS);
        let latin_query = starts_latin(query.trim_start().as_bytes());
        let mut out: Vec<Match<'g>> = Vec::new();
        // Scores fall with similarity; a key far down cannot beat the limit.
        for c in cands.iter().take(FUZZY_KEYS) {
            // Keys come best first: once enough places score at least what
            // the most important place of this key could, stop.
            let bound = score(c.similarity, 1.0);
            if bound < q.threshold()
                || out.iter().filter(|m| m.score() >= bound).count() >= q.max_results()
            {
                break;
            }
            let rec = KeyRec(key_rec(c.key));
            let (start, count) = (rec.first_posting() as usize, rec.posting_count() as usize);
            let postings = &all_postings[start * 4..(start + count) * 4];
            // The key's places keep the build-time order (strong names, kind,
            // population, a city before its own region): a later place never
            // outscores an earlier one of the same key.
            let mut ceiling = f64::INFINITY;
            let n_postings = (postings.len() / 4).min(FUZZY_POSTINGS);
            let posting = |i: usize| u32_at(postings, i * 4);
            let record =
                |n: u32| NameRec(&names[n as usize * NAME_SIZE..(n as usize + 1) * NAME_SIZE]);
            let mut i = 0;
            while i < n_postings {
                // The run of this place's names under the key: the first
                // usable one (no code or abbreviation), and the first in the
                // query's script (Aghdam, not Աղդամ, for a Latin query; an
                // ASCII name, Aghdam rather than Ağdam, for an ASCII one).
                let p = record(posting(i)).place();
                let (mut first, mut latin, mut ascii) = (None, None, None);
                while i < n_postings && record(posting(i)).place() == p {
                    let n = posting(i);
                    i += 1;
                    let text = self.bytes_at(record(n).text());
                    if is_code(record(n).flags(), text) {
                        continue;
                    }
                    first = first.or(Some(n));
                    if latin.is_none() && starts_latin(text) {
                        latin = Some(n);
                    }
                    if ascii.is_none() && text.is_ascii() {
                        ascii = Some(n);
                    }
                }
                let place = self.place(p);
                let Some(first) = first else {
                    continue;
                };
                if !q.accepts(&place) {
                    continue;
                }
                // A Latin query that matches only the romanisation of a name
                // in another script ("Shiyan" via Шъйен) is weaker evidence
                // than a name in Latin letters.
                let latin = if query.is_ascii() {
                    ascii.or(latin)
                } else {
                    latin
                };
                let (shown, similarity) = match latin {
                    Some(n) if latin_query => (n, c.similarity),
                    _ if latin_query => (first, c.similarity * FOREIGN_SCRIPT_FACTOR),
                    _ => (first, c.similarity),
                };
                let focus = place
                    .country()
                    .is_some_and(|c| FOCUS_COUNTRIES.contains(&c));
                let imp = importance(
                    place.tier(),
                    place.population().unwrap_or(0),
                    record(first).strong(),
                    focus,
                );
                let s = score(similarity, imp).min(ceiling);
                ceiling = s - 0.001;
                if s < q.threshold() {
                    continue;
                }
                match out.iter_mut().find(|m| m.place == place) {
                    Some(m) if m.score() >= s => {}
                    Some(m) => *m = Match::fuzzy(place, self.name(shown), s),
                    None => out.push(Match::fuzzy(place, self.name(shown), s)),
                }
            }
        }
        out.sort_by(|a, b| {
            b.score()
                .total_cmp(&a.score())
                .then(a.place.idx.cmp(&b.place.idx))
        });
        out.truncate(q.max_results());
        out
    }
}

/// Similarity kept when a Latin-script query matches a name written in
/// another script through its romanisation.
const FOREIGN_SCRIPT_FACTOR: f64 = 0.97;

/// Whether the first letter of `text` is Latin (Basic Latin to Latin
/// Extended-B, IPA, Latin Extended Additional); text without letters counts.
fn starts_latin(text: &[u8]) -> bool {
    let text = String::from_utf8_lossy(text);
    match text.chars().find(|c| c.is_alphabetic()) {
        Some(c) => c < '\u{02b0}' || ('\u{1e00}'..='\u{1eff}').contains(&c),
        None => true,
    }
}

/// Whether a name with `flags` and `text` is an abbreviation or a short
/// all-capitals code (`IST`, `JBB`): a misspelt name is never meant as one.
fn is_code(flags: u8, text: &[u8]) -> bool {
    flags & FLAG_ABBR != 0
        || (text.len() <= 4 && text.iter().all(|b| b.is_ascii_uppercase() || *b == b'.'))
}

/// Below this similarity of the best trigram candidate, the keys one edit
/// away from the query are tried too.
const NEIGHBOUR_BELOW: f64 = 0.85;

/// Fuzzy matching scores at most this many candidate keys, best first.
const FUZZY_KEYS: usize = 40;
/// … and at most this many postings (homonym places) of each.
const FUZZY_POSTINGS: usize = 16;

/// `matches` carrying the date of `q`, for [`Match::name`].
fn dated<'g>(mut matches: Vec<Match<'g>>, q: &Query) -> Vec<Match<'g>> {
    if let Some(date) = q.date() {
        for m in &mut matches {
            m.date = Some(date);
        }
    }
    matches
}

/// Whether `query`'s first letter is Latin, or it has no letter.
fn in_latin_script(query: &str) -> bool {
    crate::translit::script_of_text(query).is_none_or(|s| s == crate::translit::Script::Latin)
}

/// Whether `query`, written in a script other than Latin, matched only names
/// written in other scripts than its own (through transliteration).
fn only_in_other_scripts(query: &str, matches: &[Match<'_>]) -> bool {
    let own = crate::translit::script_of_text(query);
    !in_latin_script(query)
        && matches
            .iter()
            .all(|m| crate::translit::script_of_text(m.matched_name().text()) != own)
}
