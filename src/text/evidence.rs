//! Evidence for doubtful mentions: a single word that is also a common word
//! or a given name (`Of`, `Nice`, `Mobile`, `Lilit`) stands only for a
//! prominent place (a country, continent or macro-region, a city of a
//! million; in mid-sentence, a region or a city of 100,000 too; after a
//! preposition of place, a town of 10,000 too: `in Salisbury`, but not
//! `in March`) or next to another mention (`Nice, France`); a word of
//! direction alone (`the Centre`, `Avenue West`) only beside another
//! mention.

use super::lists::{CALENDAR_WORDS, PLACE_PREPOSITIONS, POSITION_WORDS};
use super::scan::Raw;
use super::words::word_before;
use crate::gazetteer::Gazetteer;
use crate::normalize::lower_into as lower;

/// Whether the doubtful mention `r` follows a preposition of place
/// (`data/place_prepositions.tsv`, where a noun of place and "of" count as
/// one: "the city of Salisbury") in mid-sentence and is no month or weekday
/// (`data/calendar_words.tsv`).
pub(super) fn after_place_preposition(text: &str, r: &Raw, buf: &mut String) -> bool {
    if r.sentence_start || CALENDAR_WORDS.has(&text[r.start..r.end]) {
        return false;
    }
    // (`word_before` passes over a dot after a title: "in. Salisbury" is no
    // preposition)
    let dotted = text
        .get(..r.start)
        .is_some_and(|b| b.trim_end().ends_with('.'));
    let Some((prev, _)) = word_before(text, r.start).filter(|_| !dotted) else {
        return false;
    };
    if PLACE_PREPOSITIONS.has(lower(prev, buf)) {
        return true;
    }
    // "the city of Salisbury": a noun of place and "of" (two-word rows)
    if buf.as_str() != "of" {
        return false;
    }
    let of_at = text[..r.start].trim_end_matches([' ', '\u{a0}']).len() - prev.len();
    word_before(text, of_at).is_some_and(|(noun, _)| {
        lower(noun, buf);
        buf.push_str(" of");
        PLACE_PREPOSITIONS.has(buf)
    })
}

/// Whether mentions `a` and `b` (in this order) are joined by a comma and
/// nothing else but spaces: `Atlanta, Georgia`, `Nice, France`.
pub(super) fn comma_joined(text: &str, a: &Raw, b: &Raw) -> bool {
    let gap = text.get(a.end..b.start).unwrap_or("x");
    gap.len() <= 3 && gap.contains(',') && gap.trim_matches([' ', ',']).is_empty()
}

impl<'g> Gazetteer<'g> {
    /// A place prominent enough to be meant by a common word anywhere.
    pub(super) fn prominent(&self, p: u32) -> bool {
        let place = self.place(p);
        place.tier() <= 1 || place.population().unwrap_or(0) >= 1_000_000
    }

    /// The mentions of `raws` that stand: every one but the doubtful ones
    /// without a prominent place or a comma neighbour, unless the text also
    /// names the same place where it stands (one sense per discourse:
    /// "Oklahoma teachers walked out" at the start of a sentence is the
    /// state when the text names Oklahoma mid-sentence too).
    pub(super) fn keep_supported(&self, text: &str, raws: Vec<Raw>) -> Vec<Raw> {
        // (prominent places are kept before this is asked)
        let place_ok = |p: u32, mid_sentence: bool, placed: bool| {
            let place = self.place(p);
            let pop = place.population().unwrap_or(0);
            (mid_sentence && (place.tier() <= 2 || pop >= 100_000)) || (placed && pop >= 10_000)
        };
        let mut buf = String::new();
        let mut keep: Vec<bool> = (0..raws.len())
            .map(|k| {
                let r = &raws[k];
                if !r.doubtful {
                    return true;
                }
                if r.cands.iter().any(|c| self.prominent(c.0)) {
                    return true;
                }
                // a word of direction alone ("the West", "Avenue West")
                if !POSITION_WORDS.has(lower(&text[r.start..r.end], &mut buf)) {
                    let placed = after_place_preposition(text, r, &mut buf);
                    if r.cands
                        .iter()
                        .any(|c| place_ok(c.0, !r.sentence_start, placed))
                    {
                        return true;
                    }
                }
                let prev = k.checked_sub(1).and_then(|b| raws.get(b));
                prev.is_some_and(|p| comma_joined(text, p, r))
                    || raws.get(k + 1).is_some_and(|n| comma_joined(text, r, n))
            })
            .collect();
        if keep.contains(&false) {
            let mut kept: Vec<u32> = raws
                .iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(r, _)| r.cands[0].0)
                .collect();
            kept.sort_unstable();
            // (only where the capital proved nothing, at the start of a
            // sentence, and never for a given name: "Nelson concedes" is a
            // person even in a text about Nelson)
            for (r, k) in raws.iter().zip(keep.iter_mut()) {
                if !*k
                    && r.sentence_start
                    && kept.binary_search(&r.cands[0].0).is_ok()
                    && !super::people::is_given_name(&text[r.start..r.end])
                {
                    *k = true;
                }
            }
        }
        raws.into_iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(r, _)| r)
            .collect()
    }
}
