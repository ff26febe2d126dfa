//! People and organisations are not places: a place word inside a person's
//! or an organisation's name is dropped.
//!
//! - `Paris Hilton`, `Sydney Sweeney`: a place word that is a given name
//!   (or one of `data/people/dropped_given_names.tsv`, left out of the
//!   given names for being a place) directly followed by a surname that is
//!   no ordinary English word (`data/people/surnames.tsv`), or by a middle
//!   name and then a surname (`Georgia May Jagger`).
//! - `Sofia Zakharova`, `Ararat Mirzoyan`: a place word directly followed by
//!   a capitalised word with a surname ending (`data/people/surname_suffixes.tsv`:
//!   Armenian -yan, Russian -ova, Georgian -shvili, Azerbaijani -zade…); a
//!   *weak* ending (-in, -ia, -li, which places have too) counts only after a
//!   known given name. A surname in a case form counts too, read with the
//!   inflection tables (`Араратом Мирзояном`, `Mirzoyanla`); a place word
//!   right after a preposition of place is the place (`В Баку Пашинян
//!   заявил`).
//! - `Luis Moreno Ocampo`: a place word directly after a given name
//!   (`data/people/given_names.tsv`; names that are also common words, such
//!   as Will or Jordan, are no evidence on their own).
//! - `President Ararat …`, `Mr Sevan`: a place word directly after a title
//!   (`data/people/titles.tsv`), unless the word is inflected (Russian
//!   `президент Армении` is "the president of Armenia").
//! - `Columbia University`, `Washington Post`: a place word directly followed
//!   by a capitalised organisation word (`data/people/organisation_words.tsv`).
//!
//! The same word stays a place elsewhere: `flights to Sofia`, `the Ararat
//! valley`, `Lake Sevan`.

use super::data_rows as rows;
use super::evidence::{after_place_preposition, comma_joined};
use super::homonyms::cued;
use super::lists::{
    CALENDAR_WORDS, DROPPED_GIVEN_NAMES, GIVEN_NAMES, ORGANISATION_WORDS, SURNAMES, TITLES,
};
use super::scan::Raw;
use super::words::{word_after, word_before};
use crate::gazetteer::Gazetteer;
use crate::normalize::lower_into as lower;
use crate::resolve::Method;
use std::sync::OnceLock;

/// The surname endings of `data/people/surname_suffixes.tsv`, lower case.
struct Lists {
    /// (suffix, strong), longest first.
    suffixes: Vec<(String, bool)>,
    /// Indices into `suffixes` by the suffix's last byte: most words end in
    /// a byte no suffix ends in.
    suffixes_by_last: Vec<Vec<u16>>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let mut suffixes: Vec<(String, bool)> =
            rows(include_str!("../../data/people/surname_suffixes.tsv"))
                .filter_map(|c| {
                    let suffix = c.first()?.trim_start_matches('-').to_lowercase();
                    let strong = c.get(2).is_some_and(|s| *s == "strong");
                    (!suffix.is_empty()).then_some((suffix, strong))
                })
                .collect();
        // longest first: "-ova" decides before "-a" would
        suffixes.sort_by_key(|s| std::cmp::Reverse(s.0.chars().count()));
        let mut suffixes_by_last = vec![Vec::new(); 256];
        for (i, (s, _)) in suffixes.iter().enumerate() {
            if let (Some(&b), Ok(i)) = (s.as_bytes().last(), u16::try_from(i)) {
                suffixes_by_last[b as usize].push(i);
            }
        }
        Lists {
            suffixes,
            suffixes_by_last,
        }
    })
}

impl Lists {
    /// Whether `word` is a case form of a word with a strong surname
    /// ending, read with the inflection tables: "Мирзояном", "Mirzoyanla"
    /// (with Mirzoyan), "Мирзояна".
    fn inflected_surname(&self, word: &str) -> bool {
        if !crate::inflect::may_inflect(word) {
            return false;
        }
        let mut stems = Vec::new();
        crate::inflect::stems(word, &mut stems);
        stems.iter().any(|s| self.surname(&s.text) == Some(true))
    }

    /// The strength of the surname ending of `low` (a lower-case word), if
    /// it has one: `Some(true)` for a strong ending.
    fn surname(&self, low: &str) -> Option<bool> {
        let last = *low.as_bytes().last()?;
        self.suffixes_by_last[last as usize]
            .iter()
            .map(|&i| &self.suffixes[i as usize])
            .find(|(s, _)| {
                low.ends_with(s.as_str()) && low[..low.len() - s.len()].chars().nth(1).is_some()
            })
            .map(|&(_, strong)| strong)
    }
}

/// Whose name a place word lies inside.
enum Holder {
    Person,
    Organisation,
}

/// Whether `low` (a lower-case word) is a surname of
/// `data/people/surnames.tsv`, which the US Census writes without
/// diacritics: "Peña" is Pena, "Muñoz" Munoz.
fn is_surname(low: &str) -> bool {
    if SURNAMES.has(low) {
        return true;
    }
    if low.is_ascii() {
        return false;
    }
    let mut key = String::new();
    super::words::word_key(low, &mut key);
    SURNAMES.has(&key)
}

/// Whether `word` is a given name of `data/people/given_names.tsv`.
pub(super) fn is_given_name(word: &str) -> bool {
    GIVEN_NAMES.has(lower(word, &mut String::new()))
}

impl<'g> Gazetteer<'g> {
    /// `raws` without the mentions inside a person's or an organisation's
    /// name, nor the echoes of a person's name: a word the text has used in
    /// a person's name ("Ashley Sutton", "his brother Tyler Williams") is
    /// that person where it stands alone elsewhere in the text ("Few
    /// predicted Sutton would storm…"), unless a preposition of place, a
    /// cue word or a comma neighbour shows the place ("Ararat Mirzoyan
    /// visited a school in Ararat"); a word that may name a region or a
    /// prominent place keeps its mentions ("Oklahoma Gov. Mary Fallin").
    pub(super) fn drop_people(&self, text: &str, raws: Vec<Raw>) -> Vec<Raw> {
        let lists = lists();
        // the next mention's start, so that "Sofia Zakharova" differs from
        // "Tbilisi Batumi"
        // (with its place: "Paris Hilton" and "Jordan Henderson" are people
        // although Hilton and Henderson are towns, which are not prominent)
        let starts: Vec<(usize, u32)> = raws.iter().map(|r| (r.start, r.cands[0].0)).collect();
        let mut out = Vec::with_capacity(raws.len());
        let mut bufs = [String::new(), String::new()];
        // (a set: one text may be a whole book of mentions)
        let mut people: std::collections::HashSet<&str, std::hash::BuildHasherDefault<super::Fnv>> =
            Default::default();
        // where the last place word found in a person's name ends
        let mut person_end: Option<usize> = None;
        for r in raws {
            if r.method == Method::Demonym {
                out.push(r);
                continue;
            }
            // a place word right after a person's name goes on with it
            // ("Luis Moreno Ocampo": Moreno after the given name, then Ocampo)
            let holder = if person_end.is_some_and(|end| text.get(end..r.start) == Some(" ")) {
                Some(Holder::Person)
            } else {
                self.in_a_name(text, &r, lists, &starts, &mut bufs)
            };
            match holder {
                None => out.push(r),
                Some(Holder::Person) => {
                    people.insert(&text[r.start..r.end]);
                    person_end = Some(r.end);
                }
                Some(Holder::Organisation) => {}
            }
        }
        if people.is_empty() {
            return out;
        }
        let [buf, _] = &mut bufs;
        let echo: Vec<bool> = (0..out.len())
            .map(|k| {
                let r = &out[k];
                people.contains(&text[r.start..r.end])
                    && r.method != Method::Inflected
                    && r.cands
                        .iter()
                        .all(|c| !self.prominent(c.0) && self.place(c.0).tier() >= 3)
                    && !after_place_preposition(text, r, buf)
                    && !cued(text, r)
                    && !(k > 0 && comma_joined(text, &out[k - 1], r))
                    && !out.get(k + 1).is_some_and(|n| comma_joined(text, r, n))
            })
            .collect();
        out.into_iter()
            .zip(echo)
            .filter(|(_, e)| !e)
            .map(|(r, _)| r)
            .collect()
    }

    /// Whose name mention `r` lies inside, if a person's or an
    /// organisation's; `bufs` are scratch space for lower-case words.
    fn in_a_name(
        &self,
        text: &str,
        r: &Raw,
        lists: &Lists,
        starts: &[(usize, u32)],
        bufs: &mut [String; 2],
    ) -> Option<Holder> {
        let [buf, said_low] = bufs;
        let said = &text[r.start..r.end];
        if let Some(next) = word_after(text, r.end) {
            let next_is_place = starts
                .binary_search_by_key(&(r.end + 1), |s| s.0)
                .is_ok_and(|at| self.prominent(starts[at].1));
            // "Washington Post", "Moscow State University"
            let second = word_after(text, r.end + 1 + next.len());
            if [Some(next), second]
                .iter()
                .flatten()
                .any(|w| ORGANISATION_WORDS.has(lower(w, buf)))
            {
                return Some(Holder::Organisation);
            }
            if !next_is_place {
                let month_or_day = CALENDAR_WORDS.has(next);
                let written = next;
                let next = lower(next, buf);
                // "в Баку Пашинян заявил": after a preposition of place the
                // word is the place, and the surname the sentence's subject
                if (lists.surname(next) == Some(true) || lists.inflected_surname(written))
                    && !after_place_preposition(text, r, said_low)
                {
                    return Some(Holder::Person);
                }
                // "Sofia Coppola": a given name before a weak surname ending
                // or a capitalised word that is no common word
                let said = lower(said, said_low);
                let given = GIVEN_NAMES.has(said);
                // "Paris Hilton", "Sydney Sweeney": a given name, or one
                // left out of the list for being a place, before a surname
                // that is no ordinary word (which the common-word list,
                // blind to case, cannot tell) nor a month or a weekday ("in
                // Paris Monday")
                let first_name = given || DROPPED_GIVEN_NAMES.has(said);
                if is_surname(next) && !month_or_day && first_name {
                    return Some(Holder::Person);
                }
                // "Georgia May Jagger": a middle name (which may be a month
                // too) between a given name and a surname
                if first_name && (GIVEN_NAMES.has(next) || DROPPED_GIVEN_NAMES.has(next)) {
                    if let Some(third) = second.filter(|w| w.starts_with(char::is_uppercase)) {
                        let third = lower(third, said_low);
                        if is_surname(third) || lists.surname(third).is_some() {
                            return Some(Holder::Person);
                        }
                    }
                }
                if given
                    && (lists.surname(next).is_some() || {
                        // (the common-word list holds normalised keys)
                        super::words::word_key(next, said_low);
                        !self.is_common_word(said_low)
                    })
                {
                    return Some(Holder::Person);
                }
            }
        }
        if let Some((prev, capital)) = word_before(text, r.start) {
            let low = lower(prev, buf);
            if TITLES.has(low) && r.method != Method::Inflected {
                return Some(Holder::Person);
            }
            // a given name right before: "Luis Moreno", "Denzel Washington"
            if capital && GIVEN_NAMES.has(low) {
                return Some(Holder::Person);
            }
        }
        None
    }
}
