//! Homonyms: which of a mention's places the text means.
//!
//! In order of strength: a word next to the mention that names a kind of
//! place (`Tavush and Ararat provinces`, `Aghdam District`, `the Syunik
//! governor`: `data/cue_words.tsv`); a comma neighbour that contains the
//! place or lies in it (`Atlanta, Georgia`, `Nice, France`) or can only be
//! one of its places (`Washington, D.C.`); the country the text mentions most
//! ([`Context`]). Without any of them the gazetteer's order stands, except
//! that a town comes before the district or province of the same name that
//! holds it (`Fuzuli` is the town, `Fuzuli District` the district).

use super::evidence::comma_joined;
use super::scan::Raw;
use super::{Context, Mention};
use crate::gazetteer::Gazetteer;
use crate::kind::Kind;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a cue word says the mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    /// A first-level region: province, region, oblast, marz, governor.
    Region,
    /// A second-level district: district, rayon, raion.
    District,
}

/// The cue words of `data/cue_words.tsv`, lower case, and their first letters.
struct CueWords {
    words: std::collections::HashMap<String, Cue, std::hash::BuildHasherDefault<super::Fnv>>,
    /// The conjunctions that carry a cue over a coordination.
    conjunctions: super::WordSet,
    /// Longest cue word or conjunction, in bytes.
    longest: usize,
    /// Bit `b` set when some cue word starts with ASCII letter `b`, in
    /// either case.
    ascii_firsts: u128,
    /// The non-ASCII first letters, lower case.
    other_firsts: Vec<char>,
}

fn cue_words() -> &'static CueWords {
    static WORDS: OnceLock<CueWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<(String, Cue)> = Vec::new();
        let mut conjunctions = super::WordSet::default();
        for cols in super::data_rows(include_str!("../../data/cue_words.tsv")) {
            let (Some(word), Some(means)) = (cols.first(), cols.get(1)) else {
                continue;
            };
            let word = word.to_lowercase();
            match *means {
                "region" => words.push((word, Cue::Region)),
                "district" => words.push((word, Cue::District)),
                "conjunction" => {
                    conjunctions.insert(word);
                }
                _ => {}
            }
        }
        let mut ascii_firsts = 0u128;
        let mut other_firsts = Vec::new();
        for c in words.iter().filter_map(|(w, _)| w.chars().next()) {
            if c.is_ascii() {
                ascii_firsts |= 1 << (c.to_ascii_lowercase() as u32);
                ascii_firsts |= 1 << (c.to_ascii_uppercase() as u32);
            } else if !other_firsts.contains(&c) {
                other_firsts.push(c);
            }
        }
        CueWords {
            longest: words
                .iter()
                .map(|(w, _)| w)
                .chain(&conjunctions)
                .map(String::len)
                .max()
                .unwrap_or(0),
            conjunctions,
            words: words.into_iter().collect(),
            ascii_firsts,
            other_firsts,
        }
    })
}

/// Whether `word` (lower case) is a cue word of a region or a district of
/// `data/cue_words.tsv` ("province", "governorate", "rayon").
pub(super) fn is_cue_word(word: &str) -> bool {
    cue_words().words.contains_key(word)
}

/// The first-level region of each mention's first place, and how many
/// mentions lie in each region.
pub(super) struct Regions {
    firsts: Vec<Option<u32>>,
    /// (region, mentions), sorted by region.
    counts: Vec<(u32, usize)>,
}

impl Regions {
    fn of(firsts: Vec<Option<u32>>) -> Regions {
        let mut all: Vec<u32> = firsts.iter().flatten().copied().collect();
        all.sort_unstable();
        let mut counts: Vec<(u32, usize)> = Vec::new();
        for g in all {
            match counts.last_mut() {
                Some(last) if last.0 == g => last.1 += 1,
                _ => counts.push((g, 1)),
            }
        }
        Regions { firsts, counts }
    }

    /// How many mentions other than mention `k` lie in (or are) region `g`.
    fn others_in(&self, k: usize, g: u32) -> usize {
        let all = self
            .counts
            .binary_search_by_key(&g, |c| c.0)
            .map_or(0, |i| self.counts[i].1);
        all - usize::from(self.firsts.get(k) == Some(&Some(g)))
    }
}

/// The cue of the word that starts at `at` (after spaces), if it is one.
fn cue_at(text: &str, at: usize) -> Option<Cue> {
    let rest = text.get(at..)?.trim_start_matches(' ');
    let cues = cue_words();
    // most mentions are followed by punctuation or a word that starts no cue
    let &b = rest.as_bytes().first()?;
    if b < 0x80 {
        if cues.ascii_firsts & (1 << b) == 0 {
            return None;
        }
    } else {
        let first = rest.chars().next()?.to_lowercase().next()?;
        if !cues.other_firsts.contains(&first) {
            return None;
        }
    }
    let end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    let word = &rest[..end];
    if word.len() > 2 * cues.longest {
        return None;
    }
    let cue = if word.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        cues.words.get(&word.to_lowercase())
    } else {
        cues.words.get(word)
    };
    cue.copied()
}

/// Whether a cue word follows mention `r` ("Ararat province").
pub(super) fn cued(text: &str, r: &Raw) -> bool {
    cue_at(text, r.end).is_some()
}

/// The cue of mention `k`: the word right after it, or, in a coordination
/// (`Tavush and Ararat provinces`: a comma or a conjunction of
/// `data/cue_words.tsv` between them), the word after the next mention.
fn cue_of(text: &str, raws: &[Raw], k: usize) -> Option<Cue> {
    let r = &raws[k];
    if let Some(cue) = cue_at(text, r.end) {
        return Some(cue);
    }
    let next = raws.get(k + 1)?;
    let gap = text.get(r.end..next.start)?.trim();
    let cues = cue_words();
    (gap == "," || gap.len() <= cues.longest && cues.conjunctions.contains(&gap.to_lowercase()))
        .then(|| cue_at(text, next.end))
        .flatten()
}

impl<'g> Gazetteer<'g> {
    /// Whether place `inner` lies in place `outer`.
    fn within(&self, inner: u32, outer: u32) -> bool {
        let outer = self.place(outer);
        let mut cur = self.place(inner).parent();
        for _ in 0..8 {
            match cur {
                Some(p) if p == outer => return true,
                Some(p) => cur = p.parent(),
                None => return false,
            }
        }
        false
    }

    fn country_code(&self, p: u32) -> Option<[u8; 2]> {
        self.place(p).country_code()
    }

    /// The first-level region that holds place `p`, or is `p`.
    fn region_of(&self, p: u32) -> Option<u32> {
        let mut cur = Some(self.place(p));
        for _ in 0..8 {
            let place = cur?;
            if place.kind() == Kind::Region {
                return Some(place.idx);
            }
            cur = place.parent();
        }
        None
    }

    /// Resolves the homonyms of every mention of `raws` and learns the
    /// countries of the unambiguous ones into `ctx`.
    pub(super) fn choose(&self, text: &str, raws: &[Raw], ctx: &mut Context) -> Vec<Mention<'g>> {
        // Mentions whose candidates all lie in one country teach it.
        for r in raws {
            let first = self.country_code(r.cands[0].0);
            if let Some(cc) = first {
                if r.cands.iter().all(|c| self.country_code(c.0) == first) {
                    ctx.remember(cc, r.cands[0].0);
                }
            }
        }
        // The first-level regions of the mentions' first places, with how
        // many mentions each: a homonym in a region the text names or is
        // about ("Orange County" in a story about California) is preferred
        // within its country.
        let regions = Regions::of(raws.iter().map(|r| self.region_of(r.cands[0].0)).collect());
        // (pick, proven by a cue word or a comma neighbour)
        let mut picks: Vec<(usize, bool)> = raws
            .iter()
            .enumerate()
            .map(
                |(k, r)| match cue_of(text, raws, k).and_then(|cue| self.cued(r, cue)) {
                    Some(pick) => (pick, true),
                    None => {
                        let (pick, proven) = self.by_context(text, raws, k, ctx, &regions);
                        (self.town_before_its_district(r, pick), proven)
                    }
                },
            )
            .collect();
        // One sense per text: a name proven once ("Parkland, Florida") is
        // that place at its other mentions ("the Parkland students").
        let mut proven: HashMap<&str, u32> = HashMap::new();
        for (r, &(pick, sure)) in raws.iter().zip(&picks) {
            if sure {
                proven
                    .entry(&text[r.start..r.end])
                    .or_insert(r.cands[pick].0);
            }
        }
        if !proven.is_empty() {
            for (r, (pick, sure)) in raws.iter().zip(picks.iter_mut()) {
                if *sure {
                    continue;
                }
                if let Some(&p) = proven.get(&text[r.start..r.end]) {
                    if let Some(c) = r.cands.iter().position(|c| c.0 == p) {
                        *pick = c;
                    }
                }
            }
        }
        let mut out = Vec::with_capacity(raws.len());
        for (r, &(pick, _)) in raws.iter().zip(&picks) {
            let (p, n) = r.cands[pick];
            let mut score = r.method.score();
            if r.doubtful && !self.prominent(p) {
                score *= 0.85;
            }
            if pick != 0 {
                score *= 0.9;
            }
            out.push(Mention {
                start: r.start,
                end: r.end,
                place: self.place(p),
                name: n,
                method: r.method,
                score,
            });
        }
        out
    }

    /// The first candidate of the kind the cue names.
    fn cued(&self, r: &Raw, cue: Cue) -> Option<usize> {
        let kinds: &[Kind] = match cue {
            Cue::Region => &[Kind::Region, Kind::District],
            Cue::District => &[Kind::District, Kind::Region],
        };
        kinds.iter().find_map(|&kind| {
            r.cands
                .iter()
                .position(|&(p, _)| self.place(p).kind() == kind)
        })
    }

    /// When `pick` is a district or province and a town or city of the
    /// mention lies in it, that town.
    fn town_before_its_district(&self, r: &Raw, pick: usize) -> usize {
        let admin = r.cands[pick].0;
        if !matches!(self.place(admin).kind(), Kind::District | Kind::Region) {
            return pick;
        }
        r.cands
            .iter()
            .position(|&(p, _)| {
                matches!(self.place(p).kind(), Kind::City | Kind::Town) && self.within(p, admin)
            })
            .unwrap_or(pick)
    }

    /// Among homonyms of different countries, the first candidate of the
    /// country the text mentions most, or the one a comma neighbour
    /// contains; within one country, the one in the region of the other
    /// mentions, else the gazetteer's order. Also says whether a comma
    /// neighbour proved the pick.
    fn by_context(
        &self,
        text: &str,
        raws: &[Raw],
        k: usize,
        ctx: &Context,
        regions: &Regions,
    ) -> (usize, bool) {
        let r = &raws[k];
        // (not when the neighbour may be this very place in another
        // spelling: "Степанакерт, Ստեփանակերտ")
        let same = |o: &Raw| r.cands.iter().any(|c| c.0 == o.cands[0].0);
        let prev = k.checked_sub(1).map(|b| &raws[b]);
        let next = raws.get(k + 1);
        // "City, Region": a region or country right after a comma contains
        // the place before it ("Atlanta, Georgia" is the US state), and a
        // place right before a comma lies in the region after it ("Nice,
        // France"). A list ("Washington, Moscow") proves nothing.
        // Any place of the neighbour may be the one: "Athens, Georgia" is
        // the US city in the US state, though each word alone would first be
        // the Greek capital and the country.
        let before = prev.filter(|b| comma_joined(text, b, r) && !same(b));
        let after = next.filter(|a| comma_joined(text, r, a) && !same(a));
        // ... but a neighbour that can only be one of this mention's places
        // says which ("Washington, D.C." is the city).
        let named_beside = [prev, next]
            .into_iter()
            .flatten()
            .filter(|o| {
                (comma_joined(text, o, r) || comma_joined(text, r, o))
                    && o.cands.len() == 1
                    && same(o)
            })
            .map(|o| o.cands[0].0)
            .next();
        // A country yields to a homonym of another country's on that
        // country's mentions only when the homonym is a first-level region
        // ("Georgia" near Atlanta is the US state); "Mexico" in a text about
        // the United States stays the country, not a town in Missouri,
        // unless a comma neighbour contains the town.
        let country_first = self.place(r.cands[0].0).tier() == 0;
        // Counts alone never pick a place of a tenth of the first's
        // population ("London" in a US story is still London, England).
        let first_pop = self.place(r.cands[0].0).population().unwrap_or(0);
        let minor = |p: u32| {
            self.place(p)
                .population()
                .is_some_and(|n| n > 0 && n.saturating_mul(10) < first_pop)
        };
        let mut pick = 0;
        let mut best = 0;
        let mut proven = false;
        for (c, &(p, _)) in r.cands.iter().enumerate() {
            let contained = before.is_some_and(|b| b.cands.iter().any(|o| self.within(o.0, p)))
                || after.is_some_and(|a| a.cands.iter().any(|o| self.within(p, o.0)));
            let count = self.country_code(p).map_or(0, |cc| ctx.country_count(cc));
            // Counts alone may not pick this homonym over the first: after a
            // country, unless it is a first-level region of the country the
            // text is mostly about (one US mention in a report on the
            // Caucasus leaves "Georgia" the country); otherwise when it is
            // minor.
            let barred = c > 0
                && !contained
                && if country_first {
                    self.place(p).tier() > 2 || count < ctx.top_count()
                } else {
                    minor(p)
                };
            let mut n = if barred { 0 } else { count };
            // within the country, the region the other mentions are in
            if !barred && r.cands.len() > 1 {
                n += 2 * self.region_of(p).map_or(0, |g| regions.others_in(k, g));
            }
            if contained {
                n += 8;
            }
            if named_beside == Some(p) {
                n += 16;
            }
            if n > best {
                best = n;
                pick = c;
                proven = contained || named_beside == Some(p);
            }
        }
        (pick, proven)
    }
}
