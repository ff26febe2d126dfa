//! Candidates: the places a key may name in running text. Only *strong*
//! names count (display, curated, or English, Armenian, Azerbaijani,
//! Russian, Georgian), and only names in the script of the text
//! (`აზერბაიჯანი` transliterates to "Azerbaijani", an adjective in English).

use super::MAX_HOMONYMS;
use crate::gazetteer::{u32_at, Gazetteer};
use crate::layout::*;
use crate::normalize::normalize;

impl<'g> Gazetteer<'g> {
    /// True when `key` is a common word (`data/common_words.tsv`).
    pub(crate) fn is_common_word(&self, key: &str) -> bool {
        let list = self.section(SEC_COMMON_WORDS);
        let n = list.len() / 4;
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let w = self.bytes_at(u32_at(list, mid * 4));
            match w.cmp(key.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// name's text is left unread (a cache miss that may not be needed).
    pub(super) fn posting_names(
        &self,
        postings: &'g [u8],
    ) -> impl Iterator<Item = (u32, u32, NameRec<'g>)> + 'g {
        let names = self.section(SEC_NAMES);
        postings.chunks_exact(4).filter_map(move |chunk| {
            let name = u32_at(chunk, 0);
            let rec =
                NameRec(names.get(name as usize * NAME_SIZE..(name as usize + 1) * NAME_SIZE)?);
            Some((name, rec.place(), rec))
        })
    }

    /// Places (one name each) with a name spelt exactly `span`, any name, in
    /// the gazetteer's order: for dotted abbreviations, whose spelling is
    /// evidence enough.
    pub(super) fn dotted_candidates(&self, span: &str) -> Vec<(u32, u32)> {
        let mut out: Vec<(u32, u32)> = Vec::new();
        for (name, place, rec) in self.posting_names(self.postings(&normalize(span))) {
            let text = self.bytes_at(rec.text());
            if text == span.as_bytes()
                && !out.iter().any(|c| c.0 == place)
                && out.len() < MAX_HOMONYMS
            {
                out.push((place, name));
            }
        }
        out
    }

    /// Strong candidates (place, name) of a key, best first, one per place.
    pub(super) fn strong_candidates(
        &self,
        key: &str,
        text: &str,
        exact: &mut bool,
    ) -> Vec<(u32, u32)> {
        *exact = false;
        // Most words that may start a name ("The", "New") are no key.
        if !self.may_be_key(key) {
            return Vec::new();
        }
        match self.key_index(key) {
            Some(k) => self.strong_candidates_of(k, text, exact),
            None => Vec::new(),
        }
    }

    /// [`Self::strong_candidates`] of the key with index `k`.
    pub(super) fn strong_candidates_of(
        &self,
        k: u32,
        text: &str,
        exact: &mut bool,
    ) -> Vec<(u32, u32)> {
        // (place, name, the place has the text as written)
        let mut out: Vec<(u32, u32, bool)> = Vec::new();
        let script = crate::translit::script_of_text(text);
        for (name, place, rec) in self.posting_names(self.key_postings(k)) {
            if !rec.strong() {
                continue; // not a strong name
            }
            // A place already known to bear the text as written, or one past
            // the homonyms kept, has nothing to add: its name text, another
            // cache miss, is not read.
            match out.iter().find(|l| l.0 == place) {
                Some(l) if l.2 => continue,
                None if out.len() >= MAX_HOMONYMS => continue,
                _ => {}
            }
            let name_text = self.bytes_at(rec.text());
            // Text matches names of its own script only: the Georgian name of
            // Azerbaijan, აზერბაიჯანი, transliterates to "Azerbaijani", which
            // in English text is an adjective, not the country.
            let name_script = match name_text.first() {
                Some(b) if b.is_ascii_alphabetic() => Some(crate::translit::Script::Latin),
                _ => std::str::from_utf8(name_text)
                    .ok()
                    .and_then(crate::translit::script_of_text),
            };
            if name_script != script {
                continue;
            }
            let is_exact = name_text == text.as_bytes();
            // A name with a capital inside ("NoMa", "DeKalb") is matched as
            // written or in capitals only: "Noma" is a word or a person.
            if !is_exact && inner_capital(name_text) && text.chars().any(char::is_lowercase) {
                continue;
            }
            // A word the name capitalises is written with a capital in text:
            // "The range of services" is not The Range in Queensland, nor
            // "The gap between" The Gap.
            if !is_exact && lowers_a_capital(text, name_text) {
                continue;
            }
            if let Some(l) = out.iter_mut().find(|l| l.0 == place) {
                l.2 |= is_exact;
            } else if out.len() < MAX_HOMONYMS {
                out.push((place, name, is_exact));
            }
        }
        // As in `candidates`: a place with the text exactly as written first
        // ("Şuşa" is Shusha before Shush in Iran), districts still last.
        if out
            .iter()
            .any(|l| self.place(l.0).kind() == crate::Kind::District)
        {
            let key = normalize(text);
            let last = self.ranks_last_under(&key);
            out.sort_by_cached_key(|l| (last(l.0), !l.2));
        } else {
            out.sort_by_key(|l| !l.2);
        }
        *exact = out.first().is_some_and(|l| l.2);
        out.into_iter().map(|(p, n, _)| (p, n)).collect()
    }
}

/// Whether a word after the first of `text` starts with a lower-case letter
/// where the same word of `name` (word for word: spaces and hyphens) starts
/// with a capital, and is no cue word (news writes "Kasserine governorate"
/// for Kasserine Governorate). Caseless scripts have no capitals, so they
/// never differ.
fn lowers_a_capital(text: &str, name: &[u8]) -> bool {
    let Ok(name) = std::str::from_utf8(name) else {
        return false;
    };
    if !text.contains([' ', '-']) || name_words(text).count() != name_words(name).count() {
        return false;
    }
    let starts = |w: &str, f: fn(char) -> bool| w.chars().next().is_some_and(f);
    name_words(text)
        .zip(name_words(name))
        .skip(1)
        .any(|(a, b)| {
            starts(a, char::is_lowercase)
                && starts(b, char::is_uppercase)
                && !super::homonyms::is_cue_word(a)
        })
}

/// The words of a name or its text, split at spaces and hyphens.
fn name_words(s: &str) -> impl Iterator<Item = &str> {
    s.split([' ', '-']).filter(|w| !w.is_empty())
}

/// Whether `name` has an ASCII capital right after a lower-case letter.
fn inner_capital(name: &[u8]) -> bool {
    name.windows(2)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
}
