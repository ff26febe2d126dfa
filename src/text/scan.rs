//! Scanning: from each word that may start a mention to the longest name it
//! starts, as written or inflected, with that name's candidates ([`Raw`]).
//!
//! A word is tried as written first (through the memo of first words), then,
//! when that names nothing, as an inflected form read with the language
//! tables ([`crate::inflect`]): `Мартакерта`, `Füzulidə`, `Tiflis'ten`.
//! Multi-word names grow over space- or hyphen-joined words, each of which
//! may be inflected too (`Нагорного Карабаха`, `Լեռնային Ղարաբաղում`).

use super::words::*;
use super::{Options, WordMap, MAX_WORDS};
use crate::gazetteer::Gazetteer;
use crate::inflect::{self, Evidence, Reader, Stem};
use crate::layout::SEC_PREFIX_BLOOM;
use crate::normalize::normalize;
use crate::resolve::Method;
use std::rc::Rc;

/// A mention before the evidence and context phases: span, candidates
/// (place, name) best first, and what the later phases weigh.
#[derive(Debug)]
pub(super) struct Raw {
    pub start: usize,
    pub end: usize,
    /// Candidate (place, name index) pairs, best first.
    pub cands: Vec<(u32, u32)>,
    /// How the words reached the name.
    pub method: Method,
    /// A single word that is also a common word or a given name.
    pub doubtful: bool,
    /// The mention starts a sentence, where capitals prove nothing.
    pub sentence_start: bool,
}

/// The longest match from a word so far.
struct Longest {
    /// Byte offset just past its last word.
    end: usize,
    cands: Vec<(u32, u32)>,
    method: Method,
    single: bool,
}

/// A name being grown word by word.
struct Growing {
    /// Its key so far; empty until a second word joins the first.
    key: String,
    /// The inflection reading of some word of it: (table, glued).
    inflected: Option<(usize, bool)>,
}

/// The scanner of one text: its words, one at a time.
pub(super) struct Scanner<'g, 't> {
    gaz: Gazetteer<'g>,
    text: &'t str,
    bloom: &'g [u8],
    options: Options,
    evidence: Evidence<'t>,
    key: String,
    wkey: String,
    /// Keys of words looked up only for their memo answers.
    scratch: String,
}

impl<'g, 't> Scanner<'g, 't> {
    pub fn new(gaz: Gazetteer<'g>, text: &'t str, options: Options) -> Scanner<'g, 't> {
        Scanner {
            gaz,
            text,
            bloom: gaz.section(SEC_PREFIX_BLOOM),
            options,
            evidence: Evidence::new(text),
            key: String::new(),
            wkey: String::new(),
            scratch: String::new(),
        }
    }

    /// Every raw mention of the text, in text order, none overlapping.
    pub fn scan(mut self) -> Vec<Raw> {
        let mut raws = Vec::new();
        let mut pos = 0;
        while let Some(at) = next_start(self.text, pos) {
            let w = word_at(self.text, at);
            pos = w.end.max(at + 1);
            if let Some(r) = self.mention_at(w) {
                pos = r.end;
                raws.push(r);
            }
        }
        raws
    }

    /// The mention that starts with word `w`, if any.
    fn mention_at(&mut self, w: Word) -> Option<Raw> {
        let text = self.text;
        // L'Arménie: the name starts after the elided article
        let w = after_elision(text, w).unwrap_or(w);
        if !w.capital {
            return self.demonym(w);
        }
        // "U.S.", "D.C.": capitals each followed by a dot, and "Calif."
        // after a comma, which a name of the gazetteer spells exactly so.
        if let Some(end) = dotted_end(text, w.start).or_else(|| abbreviation_end(text, &w)) {
            let cands = self.gaz.dotted_candidates(&text[w.start..end]);
            if !cands.is_empty() {
                return Some(Raw {
                    start: w.start,
                    end,
                    cands,
                    method: Method::Exact,
                    doubtful: false,
                    sentence_start: false,
                });
            }
        }
        let word = &text[w.start..w.end];
        let first = self.gaz.first_word(word, &mut self.key, self.bloom);
        let mut best = None;
        if first.prefix {
            if !first.cands.is_empty() {
                best = Some(Longest {
                    end: w.end,
                    cands: first.cands,
                    method: if first.exact {
                        Method::Exact
                    } else {
                        Method::Normalized
                    },
                    single: true,
                });
            }
            if first.continued {
                // the word's key grows in place, and its buffer is kept;
                // it is written once a word joins (`grow`)
                let mut key = std::mem::take(&mut self.key);
                key.clear();
                let mut grown = Growing {
                    key,
                    inflected: None,
                };
                let longer = self.grow(w.start, w, &mut grown);
                self.key = grown.key;
                if let Some(longer) = longer {
                    best = Some(longer);
                }
            }
        }
        // read through the language tables, not as a name of the gazetteer
        let by_tables = best.is_none();
        if best.is_none() {
            best = self.elided(w);
        }
        if best.is_none() && first.readable {
            best = self.inflected(w);
        }
        let Some(mut best) = best else {
            return self.demonym(w);
        };
        // A word that is a demonym ("German", "Canadian") is never a place
        // merely named like it (a parish of the Isle of Man, Canadian
        // County): it is its country with `--demonyms`, else nothing.
        if best.single
            && first.demonym
            && !best.cands.iter().any(|c| self.gaz.place(c.0).tier() == 0)
        {
            return self.demonym(w);
        }
        let (start, end) = (w.start, best.end);
        let dateline = dateline(text, start, end);
        // A one- or two-letter word is a mention only as the abbreviation of
        // a country or a union of countries in capitals ("US", "UK", "EU"),
        // never "SE", "IN" or "AM".
        if best.single
            && first.short
            && best.method != Method::Inflected
            && !(text[start..end].bytes().all(|b| b.is_ascii_uppercase())
                && self.gaz.place(best.cands[0].0).tier() <= 1)
        {
            return None;
        }
        if best.single && first.short && best.method != Method::Inflected {
            // ...and then it is only that country or union: "EU" is never Eu
            // in Normandy, whatever French places the text names
            let gaz = self.gaz;
            best.cands.retain(|c| gaz.place(c.0).tier() <= 1);
        }
        Some(Raw {
            start,
            end,
            cands: best.cands,
            method: best.method,
            // A single word that is also a common word or a given name is
            // doubtful, wherever it stands: capitalisation at the start of a
            // sentence proves nothing, and in a title proves little.
            doubtful: best.single && !dateline && {
                if by_tables && best.method == Method::Inflected {
                    // an inflected reading of a word that is a common word
                    // of its language as written: "Дорога" opening a Russian
                    // sentence is "the road", not Dorog in Hungary read as
                    // Дорог + -а (a name as written, such as "Firenze", is
                    // itself a frequent word, and stays a name)
                    word_key(word, &mut self.scratch);
                    self.gaz.is_common_word(&self.scratch)
                } else {
                    first.common && best.method != Method::Inflected
                }
            },
            sentence_start: !dateline && sentence_start(text, start),
        })
    }

    /// Grows the name `grown`, which ends with word `last` and starts at
    /// byte `start`, over the following words joined by spaces or hyphens
    /// while its key is still a name prefix; the longest that names a place.
    /// A following word may be inflected (`Нагорного Карабаха`).
    fn grow(&mut self, start: usize, mut last: Word, grown: &mut Growing) -> Option<Longest> {
        let text = self.text;
        let mut best = None;
        for _ in 1..MAX_WORDS {
            let Some((next, gap)) = next_word(text, last.end) else {
                break;
            };
            let joined = !gap.is_empty()
                && gap
                    .chars()
                    .all(|c| c == ' ' || c == '-' || c == '‐' || c == '‑');
            if !joined && !abbreviation_gap(text, &last, gap) {
                break;
            }
            if grown.key.is_empty() {
                // the first word's key, left unwritten until a word joins it
                word_key(&text[start..last.end], &mut grown.key);
            }
            let next_text = &text[next.start..next.end];
            word_key(next_text, &mut self.wkey);
            let len = grown.key.len();
            grown.key.push(' ');
            grown.key.push_str(&self.wkey);
            if !bloom_has(self.bloom, grown.key.as_bytes()) {
                // the next word may be an inflected form of the name's next
                // word, if the memo says it has a reading at all
                grown.key.truncate(len);
                // (the last word of a name need not name anything alone:
                // any inflected reading may do)
                let inflects = self
                    .gaz
                    .word_inflects(next_text, &mut self.scratch, self.bloom);
                if !inflects || !self.grow_inflected(grown, next_text) {
                    break;
                }
            }
            last = next;
            let cands = match grown.inflected {
                None => {
                    let mut exact = false;
                    let cands =
                        self.gaz
                            .strong_candidates(&grown.key, &text[start..last.end], &mut exact);
                    let method = if exact {
                        Method::Exact
                    } else {
                        Method::Normalized
                    };
                    (!cands.is_empty()).then_some((cands, method))
                }
                Some((table, glued)) => {
                    let cands = self.gaz.stem_candidates(&grown.key, table, glued);
                    (!cands.is_empty() && self.shown(table, glued, start))
                        .then_some((cands, Method::Inflected))
                }
            };
            if let Some((cands, method)) = cands {
                best = Some(Longest {
                    end: last.end,
                    cands,
                    method,
                    single: false,
                });
            }
        }
        best
    }

    /// Adds to `grown` the first reading of `word` as an inflected form that
    /// keeps the key a name prefix; false when there is none.
    fn grow_inflected(&mut self, grown: &mut Growing, word: &str) -> bool {
        let readings = self.gaz.word_readings(word, self.bloom);
        let len = grown.key.len();
        for (s, r) in &readings.stems {
            let Some(r) = r else {
                continue;
            };
            if grown.inflected.is_some_and(|(t, _)| t != s.table) {
                continue;
            }
            grown.key.push(' ');
            grown.key.push_str(&r.key);
            if bloom_has(self.bloom, grown.key.as_bytes()) {
                grown.inflected = Some((s.table, s.glued));
                return true;
            }
            grown.key.truncate(len);
        }
        false
    }

    /// Word `w` as a name of a table's language, as written or inflected:
    /// first as written (`Jerewan` in German text, `Tbilissi` in French,
    /// `Київ` in Ukrainian: these names are not strong, so they count only
    /// where the text is in their language), then the longest name its
    /// inflected readings start, the first reading that names a place.
    fn inflected(&mut self, w: Word) -> Option<Longest> {
        let readings = self
            .gaz
            .word_readings(&self.text[w.start..w.end], self.bloom);
        for (t, cands) in &readings.bare {
            if self.shown(*t, true, w.start) {
                return Some(Longest {
                    end: w.end,
                    cands: cands.clone(),
                    method: Method::Normalized,
                    single: true,
                });
            }
        }
        for (i, (s, r)) in readings.stems.iter().enumerate() {
            let Some(r) = r else {
                continue;
            };
            if r.continues {
                let mut grown = Growing {
                    key: r.key.clone(),
                    inflected: Some((s.table, s.glued)),
                };
                if let Some(longer) = self.grow(w.start, w, &mut grown) {
                    return Some(longer);
                }
            }
            if !r.alone.is_empty() && self.shown(s.table, s.glued, w.start) {
                let cands = self.likeliest_reading(&readings.stems[i..], s.table, w.start);
                return Some(Longest {
                    end: w.end,
                    cands: cands.unwrap_or(&r.alone).clone(),
                    method: Method::Inflected,
                    single: true,
                });
            }
        }
        None
    }

    /// Among the readings `stems` of one word in table `table` that name a
    /// place alone, the candidates of the one whose best place ranks first
    /// ([`Gazetteer::reading_rank`]).
    fn likeliest_reading<'r>(
        &mut self,
        stems: &'r [(Stem, Option<StemReading>)],
        table: usize,
        at: usize,
    ) -> Option<&'r Vec<(u32, u32)>> {
        let gaz = self.gaz;
        let rank = |cands: &[(u32, u32)]| cands.first().map(|c| gaz.reading_rank(c.0));
        let mut best: Option<&'r Vec<(u32, u32)>> = None;
        for (s, r) in stems {
            let Some(r) = r else {
                continue;
            };
            if s.table != table || r.alone.is_empty() || !self.shown(s.table, s.glued, at) {
                continue;
            }
            if best.is_none_or(|b| rank(&r.alone) < rank(b)) {
                best = Some(&r.alone);
            }
        }
        best
    }

    /// Word `w` after an elided article (`d'Erevan`, `all'Azerbaigian`):
    /// its names in the languages that elide so, as well as strong ones.
    fn elided(&mut self, w: Word) -> Option<Longest> {
        let text = self.text;
        let prefix = elided_prefix(text, w.start)?;
        let key = normalize(&text[w.start..w.end]);
        for t in inflect::elision_tables(prefix) {
            let cands = self.gaz.stem_candidates(&key, t, false);
            if !cands.is_empty() {
                return Some(Longest {
                    end: w.end,
                    cands,
                    method: Method::Inflected,
                    single: true,
                });
            }
        }
        None
    }

    /// Whether a reading of table `table` may be used at byte `at`: glued
    /// suffixes and bare names of a language that needs evidence only where
    /// the line shows the language.
    fn shown(&mut self, table: usize, glued: bool, at: usize) -> bool {
        !glued || self.evidence.shows(table, at)
    }

    /// Word `w` as a demonym (`Armenian`, `азербайджанский`), when asked for.
    fn demonym(&mut self, w: Word) -> Option<Raw> {
        if !self.options.demonyms {
            return None;
        }
        let word = &self.text[w.start..w.end];
        let cands = self.gaz.demonym_candidates(word);
        if cands.is_empty() {
            return None;
        }
        Some(Raw {
            start: w.start,
            end: w.end,
            cands,
            method: Method::Demonym,
            doubtful: false,
            sentence_start: sentence_start(self.text, w.start),
        })
    }
}

/// What one reading of a word as an inflected form gives.
struct StemReading {
    /// The normalised key of the stem.
    key: String,
    /// The places the stem names alone.
    alone: Vec<(u32, u32)>,
    /// A longer name may continue after the stem (`нагорныи `).
    continues: bool,
}

/// What the inflection tables make of one word, whatever the text shows.
#[derive(Default)]
struct WordReadings {
    /// The tables in whose language the word as written is a name, with
    /// the places it names.
    bare: Vec<(usize, Vec<(u32, u32)>)>,
    /// Its inflected readings, longest ending first, each with what its
    /// stem gives (`None` for a stem with no key).
    stems: Vec<(Stem, Option<StemReading>)>,
}

/// Words whose readings are kept per thread before the store starts again.
const READINGS_MAX: usize = 1 << 14;

std::thread_local! {
    /// The readings of the words read so far: text of the region's
    /// languages repeats its inflected names as English repeats its names.
    static READINGS: std::cell::RefCell<WordMap<Rc<WordReadings>>> =
        std::cell::RefCell::new(WordMap::default());
}

impl<'g> Gazetteer<'g> {
    /// The readings of `word` (the gazetteer is the embedded one, so they
    /// never go stale), from the per-thread store.
    fn word_readings(&self, word: &str, bloom: &[u8]) -> Rc<WordReadings> {
        if let Some(r) = READINGS.with(|store| store.borrow().get(word).cloned()) {
            return r;
        }
        let readings = Rc::new(self.read_word(word, bloom));
        READINGS.with(|store| {
            let mut store = store.borrow_mut();
            if store.len() >= READINGS_MAX {
                store.clear();
            }
            store.insert(word.into(), Rc::clone(&readings));
        });
        readings
    }

    /// [`WordReadings`] of `word`, worked out.
    fn read_word(&self, word: &str, bloom: &[u8]) -> WordReadings {
        if !inflect::may_inflect(word) {
            return WordReadings::default();
        }
        // a lower-case word is only ever the end of a longer name: its
        // stems' keys are all it needs
        let capital = starts_capital(word);
        let mut key = String::new();
        word_key(word, &mut key);
        let k = (capital && key.len() >= 3)
            .then(|| self.guess_index(&key))
            .flatten();
        let bare = match k {
            Some(k) => inflect::tables_for(word)
                .map(|t| (t, self.stem_candidates_of(k, "", t, true, Reader::Text)))
                .filter(|(_, cands)| !cands.is_empty())
                .collect(),
            None => Vec::new(),
        };
        let mut stems = Vec::new();
        inflect::stems(word, &mut stems);
        let stems = stems
            .into_iter()
            .map(|s| {
                let reading = self.stem_reading(&s, bloom, capital);
                (s, reading)
            })
            .collect();
        WordReadings { bare, stems }
    }

    /// What reading `s` gives: the places its stem names (when `alone`) and
    /// whether a longer name may continue after it; `None` for an empty stem.
    fn stem_reading(&self, s: &Stem, bloom: &[u8], alone: bool) -> Option<StemReading> {
        let key = normalize(&s.text);
        if key.is_empty() {
            return None;
        }
        let alone = if alone {
            self.stem_candidates_as(&key, &s.text, s.table, s.glued, Reader::Text)
        } else {
            Vec::new()
        };
        let mut prefix = key.clone();
        prefix.push(' ');
        let continues = bloom_has(bloom, prefix.as_bytes());
        Some(StemReading {
            key,
            alone,
            continues,
        })
    }

    /// How `word` may be read with the inflection tables, whatever the text
    /// shows: (it has some inflected reading at all, it starts with a capital
    /// and some reading of it, as written or inflected, names a place or
    /// starts a longer name). The memo keeps both, so that the capitalised
    /// words of English text ("The", "President") are looked at once, not at
    /// every occurrence.
    pub(super) fn readings_of(&self, word: &str, bloom: &[u8]) -> (bool, bool) {
        let r = self.word_readings(word, bloom);
        let names = !r.bare.is_empty()
            || r.stems.iter().any(|(_, r)| {
                r.as_ref()
                    .is_some_and(|r| r.continues || !r.alone.is_empty())
            });
        (!r.stems.is_empty(), starts_capital(word) && names)
    }
}
