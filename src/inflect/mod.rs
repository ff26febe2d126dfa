//! Inflected place names: `Мартакерта`, `Գորիսում`, `Füzulidə`, `ქუთაისში`,
//! `Tiflis'ten`, `Jerewans`, `d'Erevan`.
//!
//! The rules are data, one table per language in `data/inflection/` (format
//! in `data/FORMAT.md`, grammars cited in `data/README.md`): an ending to take
//! off, letters to put back (Russian `-ии` → `-ия`, Georgian `-ში` → `-ი`),
//! and conditions on the stem (vowel harmony, a final vowel or consonant).
//! A word is read as an inflected form only when its stem is a name of a
//! place *in that language or script* ([`Gazetteer::inflected`] and the
//! tagger both check it), so English "Parisian" stays unlinked. Glued
//! suffixes of Latin-script languages (Azerbaijani `-də`, German `-s`) are
//! read in running text only when the text shows the language (`Evidence`);
//! Turkish suffixes after an apostrophe and French or Italian elisions show
//! it themselves.

pub(crate) mod table;

use crate::gazetteer::{u32_at, Gazetteer};
use crate::layout::{NameRec, NAME_SIZE, SEC_NAMES};
use crate::resolve::{Match, Method};
use crate::translit::Script;
use std::sync::OnceLock;
use table::{split_apostrophe, RuleKind, Table, TableScript};

// `INFLECTION_TABLES: &[(&str, &str)]`: (language, file text) of every table,
// written by the build script, which has validated them.
include!(concat!(env!("OUT_DIR"), "/inflection_tables.rs"));

/// Most homonyms an inflected reading keeps.
const MAX_PLACES: usize = 6;

/// The tables, parsed at first use (the build script has checked them, so a
/// table that fails here cannot occur; it would be skipped).
pub(crate) fn tables() -> &'static [Table] {
    static TABLES: OnceLock<Vec<Table>> = OnceLock::new();
    TABLES.get_or_init(|| {
        INFLECTION_TABLES
            .iter()
            .filter_map(|(lang, text)| table::parse(lang, text).ok())
            .collect()
    })
}

/// The languages with an inflection table, in file order (`ru`, `hy`, …).
pub fn languages() -> impl Iterator<Item = &'static str> {
    tables().iter().map(|t| t.lang.as_str())
}

/// Who reads a word with the tables: the tagger, in running text whose
/// language it checks before it uses a glued suffix (`Evidence`), or
/// `resolve`, which reads a word alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reader {
    /// The tagger, in running text.
    Text,
    /// A word alone that shows the table's language by its letters
    /// (Azerbaijani `ə`: "Batumidə").
    Shown,
    /// A word alone (`Gazetteer::inflected`, `resolve`).
    Alone,
}

/// One reading of a word as an inflected form of a name.
#[derive(Clone, Debug)]
pub(crate) struct Stem {
    /// The name the reading gives, lower case (`мартакерт`).
    pub text: String,
    /// Index of its table in [`tables`].
    pub table: usize,
    /// Whether it was read from a glued suffix (not an apostrophe).
    pub glued: bool,
}

/// The script of the first letter of `text`, if a table may be written in it.
fn script_of_text(text: &str) -> Option<TableScript> {
    match crate::translit::script_of_text(text)? {
        Script::Latin => Some(TableScript::Latin),
        Script::Cyrillic => Some(TableScript::Cyrillic),
        Script::Armenian => Some(TableScript::Armenian),
        Script::Georgian => Some(TableScript::Georgian),
        _ => None,
    }
}

/// Lower case as the tables write it (Turkish `İ` is `i`).
fn lower(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'İ' => out.push('i'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Whether some table is written in the script of `word`: the cheap test
/// before [`stems`].
pub(crate) fn may_inflect(word: &str) -> bool {
    tables_for(word).next().is_some()
}

/// The tables of the script of `word`.
pub(crate) fn tables_for(word: &str) -> impl Iterator<Item = usize> {
    let script = script_of_text(word);
    tables()
        .iter()
        .enumerate()
        .filter(move |(_, t)| Some(t.script) == script)
        .map(|(i, _)| i)
}

/// Every reading of `word` as an inflected form (glued or after an
/// apostrophe), table by table, longest ending first; evidence is not
/// checked here.
pub(crate) fn stems(word: &str, out: &mut Vec<Stem>) {
    out.clear();
    let low = lower(word);
    let split = split_apostrophe(&low);
    for ti in tables_for(word) {
        let t = &tables()[ti];
        // only the rules that can fit: glued suffixes ending in the word's
        // last byte, or the rules after an apostrophe
        let candidates = match split {
            None => low
                .as_bytes()
                .last()
                .map_or(&[][..], |&b| &t.suffixes_by_last_byte[b as usize][..]),
            Some(_) => &t.after_apostrophe[..],
        };
        for &r in candidates {
            let rule = &t.rules[r];
            if let Some(stem) = t.reading(rule, &low, split) {
                push(out, stem, ti, rule.kind == RuleKind::Suffix);
            }
        }
    }
}

fn push(out: &mut Vec<Stem>, text: String, table: usize, glued: bool) {
    if !out.iter().any(|s| s.text == text && s.table == table) {
        out.push(Stem { text, table, glued });
    }
}

/// Whether `prefix` (as written, before an apostrophe) is an elided article
/// or preposition of some table (`d`, `l`, `dell`, `all`, `qu`).
pub(crate) fn is_elision(prefix: &str) -> bool {
    elision_tables(prefix).next().is_some()
}

/// The tables that list `prefix` (as written) as an elided article or
/// preposition.
pub(crate) fn elision_tables(prefix: &str) -> impl Iterator<Item = usize> {
    let low = if prefix.is_empty() || prefix.len() > 8 {
        String::new()
    } else {
        lower(prefix)
    };
    tables().iter().enumerate().filter_map(move |(i, t)| {
        (!low.is_empty()
            && t.rules
                .iter()
                .any(|r| r.kind == RuleKind::Elision && r.ending == low))
        .then_some(i)
    })
}

/// What a text shows of the languages whose glued suffixes and bare names
/// need evidence. The evidence of a word is the text around it: its line (in
/// running text, the paragraph), at most [`EVIDENCE_REACH`] bytes either
/// side. It is worked out in one pass over those words, only when a reading
/// needs it, and kept for the next words in the same stretch; a whole text is
/// never surveyed for one word, and the answer does not depend on how a
/// stream is cut into blocks.
/// How far, in bytes, the evidence of a word reaches either side of it:
/// a few sentences.
pub(crate) const EVIDENCE_REACH: usize = 400;

#[derive(Debug)]
pub(crate) struct Evidence<'t> {
    text: &'t str,
    /// The line last surveyed: its byte range, and bit `i` set when it
    /// shows the language of table `i`.
    line: Option<(usize, usize, u64)>,
}

/// The evidence words of every table, for one cheap look-up per word of a
/// text: (FNV-1a hash of the lower-case word, the word, the tables that
/// list it as bits), sorted by hash; and the shortest and longest word.
struct EvidenceWords {
    words: Vec<(u64, String, u64)>,
    shortest: usize,
    longest: usize,
}

fn evidence_words() -> &'static EvidenceWords {
    static WORDS: OnceLock<EvidenceWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<(u64, String, u64)> = Vec::new();
        for (i, t) in tables().iter().enumerate().take(64) {
            for w in &t.evidence_words {
                match words.iter_mut().find(|(_, word, _)| word == w) {
                    Some(entry) => entry.2 |= 1u64 << i,
                    None => words.push((crate::layout::fnv1a(w.as_bytes()), w.clone(), 1u64 << i)),
                }
            }
        }
        words.sort();
        EvidenceWords {
            shortest: words.iter().map(|w| w.1.len()).min().unwrap_or(0),
            longest: words.iter().map(|w| w.1.len()).max().unwrap_or(0),
            words,
        }
    })
}

impl EvidenceWords {
    /// The entry of a lower-case word, if it is an evidence word.
    fn get(&self, lower: &str) -> Option<&(u64, String, u64)> {
        let h = crate::layout::fnv1a(lower.as_bytes());
        let from = self.words.partition_point(|w| w.0 < h);
        self.words[from..]
            .iter()
            .take_while(|w| w.0 == h)
            .find(|w| w.1 == lower)
    }
}

impl<'t> Evidence<'t> {
    /// The evidence of `text`, not yet looked at.
    pub fn new(text: &'t str) -> Evidence<'t> {
        Evidence { text, line: None }
    }

    /// Whether the text around byte `at` (a character boundary) shows the
    /// language of table `i`: one of its letters, or two distinct of its
    /// words. Always true for a table that needs no evidence.
    pub fn shows(&mut self, i: usize, at: usize) -> bool {
        if !tables().get(i).is_some_and(Table::needs_evidence) {
            return true;
        }
        let text = self.text;
        let bits = match self.line {
            Some((start, end, bits)) if start <= at && at <= end => bits,
            _ => {
                let at = at.min(text.len());
                let mut from = at.saturating_sub(EVIDENCE_REACH);
                while !text.is_char_boundary(from) {
                    from += 1;
                }
                let mut to = (at + EVIDENCE_REACH).min(text.len());
                while !text.is_char_boundary(to) {
                    to -= 1;
                }
                let start = text[from..at].rfind('\n').map_or(from, |p| from + p + 1);
                let end = text[at..to].find('\n').map_or(to, |p| at + p);
                let bits = survey(&text[start..end]);
                self.line = Some((start, end, bits));
                bits
            }
        };
        bits & (1u64 << (i % 64)) != 0
    }
}

/// The tables whose language `text` shows, as bits.
fn survey(text: &str) -> u64 {
    let words = evidence_words();
    let ts = tables();
    let mut shown = 0u64;
    for (i, t) in ts.iter().enumerate().take(64) {
        if t.evidence_letters.iter().any(|&c| text.contains(c)) {
            shown |= 1 << i;
        }
    }
    // the distinct evidence words met so far, and the tables of those met once
    let mut met: Vec<&str> = Vec::new();
    let mut once = 0u64;
    let mut lower = String::new();
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        // (a lower-case letter takes at most twice the bytes of its capital)
        if w.len() < words.shortest / 2 || w.len() > 2 * words.longest {
            continue;
        }
        let Some((_, word, bits)) = words.get(crate::normalize::lower_into(w, &mut lower)) else {
            continue;
        };
        if met.contains(&word.as_str()) {
            continue;
        }
        met.push(word);
        shown |= bits & once;
        once |= bits;
    }
    shown
}

impl<'g> Gazetteer<'g> {
    /// The places (one name each, best first, at most six) whose name in
    /// the language or script of table `table` has the normalised key `key`.
    ///
    /// A stem read with a table's rules must be a name of the place in that
    /// table's languages (`@langs`), or, in a script other than Latin, any
    /// name in that script; a stem read after an apostrophe may also be a
    /// strong Latin name (the apostrophe shows the suffix).
    pub(crate) fn stem_candidates(&self, key: &str, table: usize, glued: bool) -> Vec<(u32, u32)> {
        self.stem_candidates_as(key, "", table, glued, Reader::Text)
    }

    /// [`Self::stem_candidates`], with a place that has the stem `stem`
    /// exactly (lower case) first: `Şuşa'da` is Shusha, not Susa in Iran.
    pub(crate) fn stem_candidates_as(
        &self,
        key: &str,
        stem: &str,
        table: usize,
        glued: bool,
        reader: Reader,
    ) -> Vec<(u32, u32)> {
        match self.guess_index(key) {
            Some(k) => self.stem_candidates_of(k, stem, table, glued, reader),
            None => Vec::new(),
        }
    }

    /// [`Self::stem_candidates_as`] of the key with index `k`.
    pub(crate) fn stem_candidates_of(
        &self,
        k: u32,
        stem: &str,
        table: usize,
        glued: bool,
        reader: Reader,
    ) -> Vec<(u32, u32)> {
        let Some(t) = tables().get(table) else {
            return Vec::new();
        };
        let names = self.section(SEC_NAMES);
        // (place, name, has the stem exactly)
        let mut out: Vec<(u32, u32, bool)> = Vec::new();
        for chunk in self.key_postings(k).chunks_exact(4) {
            let n = u32_at(chunk, 0);
            let Some(rec) = names.get(n as usize * NAME_SIZE..(n as usize + 1) * NAME_SIZE) else {
                continue;
            };
            let rec = NameRec(rec);
            let place = rec.place();
            let name = self.name(n);
            let exact = !stem.is_empty() && lower(name.text()) == stem;
            if let Some(c) = out.iter_mut().find(|c| c.0 == place) {
                c.2 |= exact;
                continue;
            }
            if out.len() >= MAX_PLACES {
                break;
            }
            if name.is_historic() {
                continue;
            }
            if script_of_text(name.text()) != Some(t.script) {
                continue;
            }
            let lang = name.lang();
            let primary = lang.split('-').next().unwrap_or("");
            let strong = rec.strong();
            // A strong name (English, display, curated) takes a glued suffix
            // of a table whose language running text must show first, in
            // text that shows it ("Batumidə", "İstanbulda" in Azerbaijani
            // text: GeoNames tags those spellings English or Turkish only);
            // a word read alone has no such evidence ("Pars" is no German
            // genitive of Par in Cornwall).
            let shown = reader != Reader::Alone && t.needs_evidence();
            let ok = t.langs.iter().any(|l| l == primary)
                || (t.script != TableScript::Latin
                    && (strong || primary.is_empty() || primary == "und"))
                || (strong && (!glued || shown));
            if ok {
                out.push((place, n, exact));
            }
        }
        out.sort_by_key(|c| !c.2);
        out.into_iter().map(|(p, n, _)| (p, n)).collect()
    }

    /// How a reading of a word ranks by its best place `p`, lower first:
    /// tier, then population. When several readings of one word name
    /// places, the likeliest is the one whose place ranks first (`Харкові`
    /// is Kharkiv, from Харків, not Khārk in Iran, from Харк + `-ові`); the
    /// tagger and `resolve` both order readings so.
    pub(crate) fn reading_rank(&self, p: u32) -> (u8, std::cmp::Reverse<u64>) {
        let place = self.place(p);
        (
            place.tier(),
            std::cmp::Reverse(place.population().unwrap_or(0)),
        )
    }

    /// The places `query` names as an inflected form (`Мартакерта`,
    /// `Füzulidə`, `Tiflis'ten`, `d'Erevan`), best first, each with the name
    /// its stem is (method [`Method::Inflected`]). Running text is not
    /// needed: the word alone is read with every table of its script.
    ///
    /// ```
    /// let gaz = toponym::Gazetteer::embedded();
    /// let m = &gaz.inflected("Степанакерта")[0];
    /// assert_eq!(m.place().id(), "gn:146970");
    /// assert_eq!(m.matched_name().text(), "Степанакерт");
    /// assert!(gaz.inflected("Parisian").is_empty());
    /// ```
    pub fn inflected(&self, query: &str) -> Vec<Match<'g>> {
        let query = query.trim();
        // an elided article or preposition: d'Erevan, dell'Armenia
        let word = split_apostrophe(query)
            .filter(|(prefix, _)| is_elision(prefix))
            .map_or(query, |(_, name)| name);
        let mut out: Vec<Match<'g>> = Vec::new();
        let mut add = |place: u32, name: u32| {
            if !out.iter().any(|m| m.place.idx == place) {
                out.push(Match::new(
                    self.place(place),
                    self.name(name),
                    Method::Inflected,
                ));
            }
        };
        if word.len() != query.len() {
            for m in self.candidates(word) {
                add(m.place().idx, m.matched_name().idx);
            }
        }
        let mut readings = Vec::new();
        stems(word, &mut readings);
        // (a word alone shows its language only by its letters: `Batumidə`)
        let mut evidence = Evidence::new(word);
        let mut lists: Vec<Vec<(u32, u32)>> = readings
            .iter()
            .map(|s| {
                let key = crate::normalize::normalize(&s.text);
                let reader = if evidence.shows(s.table, 0) {
                    Reader::Shown
                } else {
                    Reader::Alone
                };
                self.stem_candidates_as(&key, &s.text, s.table, s.glued, reader)
            })
            .collect();
        // the reading whose best place ranks first goes first, as in text
        lists.sort_by_key(|cands| cands.first().map(|c| self.reading_rank(c.0)));
        for (p, n) in lists.into_iter().flatten() {
            add(p, n);
        }
        // A name of several words inflects on every word (Russian
        // `Нагорного Карабаха`): each word as written or read with one table.
        let words: Vec<&str> = word.split(' ').filter(|w| !w.is_empty()).collect();
        if (2..=4).contains(&words.len()) {
            for t in tables_for(word) {
                let mut keys = vec![String::new()];
                for w in &words {
                    stems(w, &mut readings);
                    let mut forms = vec![crate::normalize::normalize(w)];
                    forms.extend(
                        readings
                            .iter()
                            .filter(|s| s.table == t)
                            .map(|s| crate::normalize::normalize(&s.text)),
                    );
                    keys = keys
                        .iter()
                        .flat_map(|k| forms.iter().map(move |f| format!("{k} {f}")))
                        .take(256)
                        .collect();
                }
                for key in &keys {
                    for (p, n) in
                        self.stem_candidates_as(key.trim_start(), "", t, true, Reader::Alone)
                    {
                        add(p, n);
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_parses_and_its_examples_hold() {
        assert!(!INFLECTION_TABLES.is_empty());
        assert_eq!(
            tables().len(),
            INFLECTION_TABLES.len(),
            "a table failed to parse"
        );
        for (lang, text) in INFLECTION_TABLES {
            let t = table::parse(lang, text).expect("validated by the build script");
            for rule in &t.rules {
                let (form, name) = table::example(text, rule.line).expect("example column");
                let low = lower(&form);
                let got = t.reading(rule, &low, split_apostrophe(&low));
                assert_eq!(
                    got.as_deref(),
                    Some(lower(&name).as_str()),
                    "data/inflection/{lang}.tsv:{}: {form} → {name}",
                    rule.line
                );
            }
        }
    }

    #[test]
    fn evidence_needs_the_language() {
        let ti = tables()
            .iter()
            .position(|t| t.lang == "az")
            .expect("az table");
        assert!(!Evidence::new("Pakistani troops crossed the border.").shows(ti, 0));
        assert!(Evidence::new("Füzulidə yeni məktəb açılıb.").shows(ti, 0));
        // the line around the word, not the whole text
        let two = "Pakistani troops crossed the border.\nFüzulidə yeni məktəb açılıb.";
        let mut e = Evidence::new(two);
        assert!(!e.shows(ti, 0));
        assert!(e.shows(ti, two.find("Füzulidə").unwrap_or(0)));
    }
}
