//! Phase 3: how homonyms rank under a key, and which names are strong.

use super::{NameRow, PlaceRow};
use crate::layout::*;

/// What ranking needs of a place once its records are written (the place
/// rows themselves are dropped by then: memory, in a world of millions).
pub(super) struct RankInfo {
    pub(super) kind: u8,
    pub(super) population: u32,
    /// How many people the place stands for, for ranking only: its
    /// population, or for a place without one (most regions and districts:
    /// no source gives theirs), the summed population of the cities, towns
    /// and villages inside it ([`prominence`]).
    pub(super) prominence: u64,
    pub(super) country: [u8; 2],
}

impl RankInfo {
    pub(super) fn of(p: &PlaceRow) -> RankInfo {
        let c = p.country.as_bytes();
        RankInfo {
            kind: p.kind,
            population: p.population,
            prominence: u64::from(p.population),
            country: [*c.first().unwrap_or(&0), *c.get(1).unwrap_or(&0)],
        }
    }
}

/// Fills in [`RankInfo::prominence`] of the places without a population:
/// the summed population of the populated places below them, through
/// `parents` (a lower bound: places the gazetteer lacks count nothing).
/// Maryland, whose cities hold millions, then ranks before Maryland County
/// in Liberia, and Montana the state before the Bulgarian province.
pub(super) fn prominence(places: &mut [RankInfo], parents: &[u32]) {
    for i in 0..places.len() {
        let populated = matches!(
            KIND_NAMES.get(places[i].kind as usize),
            Some(&("city" | "town" | "village"))
        );
        let people = u64::from(places[i].population);
        if !populated || people == 0 {
            continue;
        }
        let mut up = parents.get(i).copied().unwrap_or(u32::MAX) as usize;
        for _ in 0..8 {
            let Some(holder) = places.get_mut(up) else {
                break;
            };
            if holder.population == 0 {
                holder.prominence += people;
            }
            up = parents.get(up).copied().unwrap_or(u32::MAX) as usize;
        }
    }
}

/// Ranking tier of a kind code: lower ranks first among homonyms
/// (countries, then continents and macro-regions, then regions, then the rest
/// by population).
pub(super) fn tier_of_kind(kind: u8) -> u8 {
    match kind {
        2 => 0,
        0 | 1 => 1,
        3 => 2,
        _ => 3,
    }
}

/// Languages whose names count as strong evidence for a place: English (the
/// language of most queries) and the languages of the focus region.
const STRONG_LANGS: [&str; 5] = ["en", "hy", "az", "ru", "ka"];

/// How strongly a name stands for its place.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Strength {
    /// Matched in running text only where the text shows its language.
    Weak,
    /// A name a reader is likely to mean: the display name, a curated name,
    /// or a name in a [`STRONG_LANGS`] language.
    Strong,
    /// Strong only as an untagged name of a major place
    /// ([`untagged_name_of_a_major_place`]): matched in text, but among
    /// homonyms ranked after the places whose name it is by display,
    /// curation or language ("Julfa" is the town in Nakhchivan before Ras
    /// al-Khaimah, one of whose untagged names it is).
    Untagged,
}

/// The [`Strength`] of name `n` of place `p`; never strong when historic.
/// Among the homonyms of a key, places with a strong name rank first: a
/// query "Goris" means Goris in Armenia, not Gori, whose Lithuanian name is
/// Goris, and "Lacin" means Lachin, not China in Kabyle.
pub(super) fn strength(
    n: &NameRow,
    p: &PlaceRow,
    short: Option<&str>,
    common: &[String],
    curated_place: bool,
) -> Strength {
    // (a contested place's name stays in use by its side: Akna, Varanda)
    if n.flags & FLAG_HISTORIC != 0 && !n.side {
        return Strength::Weak;
    }
    // An abbreviation spelt with its dot ("Calif.", "U.S.") is matched in
    // text only as spelt, dot and all, never as the plain word it also is
    // ("Miss", "Wash", "Ill").
    if n.flags & FLAG_ABBR != 0 && n.name.ends_with('.') && !n.name.contains(' ') {
        return Strength::Weak;
    }
    // A district's name of one word ("Milano", "Firenze": most second-level
    // divisions are named after their seat) is no evidence in text of the
    // district, which text names with its designator ("Washington County")
    // or a cue word. The districts of the curated overlay keep theirs, so
    // that a cue can choose them ("Ağdam rayonunda").
    if KIND_NAMES.get(p.kind as usize) == Some(&"district")
        && !curated_place
        && !n.name.contains([' ', '-'])
    {
        return Strength::Weak;
    }
    let primary = n.lang.split('-').next().unwrap_or("");
    if n.name == p.name
        || n.curated
        || STRONG_LANGS.contains(&primary)
        || short == Some(n.name.as_str())
    {
        Strength::Strong
    } else if untagged_name_of_a_major_place(n, p, common) {
        Strength::Untagged
    } else {
        Strength::Weak
    }
}

/// A city this populous, or any country, continent, macro-region or
/// first-level region, lends strength to its Latin-script names that carry
/// no language tag.
const MAJOR_CITY: u32 = 100_000;

/// Whether `n` is a Latin-script name without a language tag of a major
/// place ([`MAJOR_CITY`]), capitalised (GeoNames' lower-case untagged
/// names are romanisations from other scripts: "perera"), of four letters
/// or more and no common word (`common`, sorted keys): GeoNames lists much of the everyday English
/// usage of such places untagged ("Holy See", "DPRK", "Sharjah"), while the
/// untagged names of small places are mostly variant spellings that
/// collide with words and people, and short untagged names of big places
/// are words and acronyms of other things ("The", "She", "Cup", "BJP").
fn untagged_name_of_a_major_place(n: &NameRow, p: &PlaceRow, common: &[String]) -> bool {
    n.lang.is_empty()
        && (tier_of_kind(p.kind) <= 2 || p.population >= MAJOR_CITY)
        && n.name.chars().next().is_some_and(char::is_uppercase)
        && n.name.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && n.name
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| crate::translit::script_of(c) == crate::translit::Script::Latin)
        && common
            .binary_search(&crate::normalize::normalize(&n.name))
            .is_err()
}

/// Generic words that end the display names of administrative units and
/// cities ("Tavush Province", "Sharjah Emirate", "Sharjah city", Pakistan's
/// tribal agencies: "South Waziristan Agency"): the name without one is how
/// text calls the place.
const DESIGNATORS: [&str; 17] = [
    "Agency",
    "Province",
    "Region",
    "District",
    "Emirate",
    "Governorate",
    "Oblast",
    "Krai",
    "Marz",
    "Rayon",
    "Municipality",
    "Prefecture",
    "County",
    "Department",
    "State",
    "City",
    "city",
];

/// The display name of place `pi` without its designator word, if it ends
/// with one ("Tavush Province" → "Tavush", "Paranaque City" → "Paranaque").
/// A city's "City" stays when the name without it is the display name of a
/// place that holds the city ("Oklahoma City", "Mexico City", "Quebec City":
/// "Oklahoma" alone is the state).
pub(super) fn short_display_name<'p>(
    places: &'p [PlaceRow],
    parents: &[u32],
    pi: usize,
) -> Option<&'p str> {
    let p = &places[pi];
    let (short, last) = p.name.rsplit_once(' ')?;
    if !DESIGNATORS.contains(&last) {
        return None;
    }
    let populated = matches!(KIND_NAMES.get(p.kind as usize), Some(&("city" | "town")));
    if populated {
        let mut up = parents[pi];
        for _ in 0..8 {
            let Some(holder) = places.get(up as usize) else {
                break;
            };
            if holder.name == short {
                return None;
            }
            up = parents[up as usize];
        }
    }
    Some(short)
}

/// A city this populous outranks a region of its country named like it, even
/// by the region's own display name: "Washington" is D.C. before the state,
/// "Buenos Aires", "Hanoi", "Taipei" the cities before their provinces.
const BIG_CITY: u32 = 300_000;

/// A city this populous outranks a region of any country named like it:
/// "Sofia" is Bulgaria's capital before the Sofia region of Madagascar.
const WORLD_CITY: u32 = 1_000_000;

/// A city this populous outranks a region of another country named like it
/// whose own cities hold fewer people ([`RankInfo::prominence`]):
/// "Portland" is the city in Oregon before the parish of Jamaica,
/// "Manchester" the English city before the Jamaican parish.
const FOREIGN_CITY: u32 = 100_000;

/// Whether place `inner` lies in place `outer`, through `parents` (a city
/// may be filed under a district of the region).
fn lies_in(parents: &[u32], inner: usize, outer: usize) -> bool {
    let mut up = parents.get(inner).copied().unwrap_or(u32::MAX) as usize;
    for _ in 0..8 {
        if up == outer {
            return true;
        }
        let Some(&next) = parents.get(up) else {
            return false;
        };
        up = next as usize;
    }
    false
}

/// Among the homonyms of one key, a region ranks above populated places, except
/// a place of its own country that lies in it, or any of its own country when
/// the key is not the region's display name: "Yerevan" is the city before the
/// province of the same name, "Shusha" the town before the city-district
/// "Shusha City", while "Washington" is the state (whose name it is) and
/// "Georgia" the US state still ranks above a Georgia of another country
/// (but see [`BIG_CITY`], [`WORLD_CITY`], [`FOREIGN_CITY`]). A district ranks below a city or
/// town of its country named like it, whatever their populations, even
/// under a key that says district and so does not put districts last
/// (`compile`): "Goris" is the town, the district is "Goris District".
pub(super) fn prefer_cities_over_their_own_region(
    key: &str,
    list: &mut Vec<u32>,
    name_place: &[u32],
    name_strong: &[bool],
    places: &[RankInfo],
    parents: &[u32],
    display_keys: &[String],
) {
    let place_of = |n: u32| name_place[n as usize] as usize;
    // a town or city, not a village: "Tavush" is the province before the
    // village of that name in it
    let populated = |p: usize| matches!(KIND_NAMES[places[p].kind as usize], "city" | "town");
    let mut i = 0;
    while i < list.len() {
        let region = place_of(list[i]);
        let district = KIND_NAMES.get(places[region].kind as usize) == Some(&"district");
        if district || tier_of_kind(places[region].kind) == 2 {
            let country = &places[region].country;
            // the key is the region's own display name ("Washington" the state)
            let region_named = display_keys[region] == key;
            if let Some(start) = (i + 1..list.len()).find(|&j| {
                let city = place_of(list[j]);
                let own_country = places[city].country == *country
                    && (district
                        || lies_in(parents, city, region)
                        || !region_named
                        || places[city].population >= BIG_CITY);
                let people = places[city].population;
                let foreign = people >= WORLD_CITY
                    || (people >= FOREIGN_CITY && u64::from(people) > places[region].prominence);
                populated(city)
                    && name_strong[list[j] as usize] >= name_strong[list[i] as usize]
                    && (own_country || foreign)
            }) {
                // Move every posting of that place (they are adjacent) before the region.
                let city = place_of(list[start]);
                let mut end = start;
                while end < list.len() && place_of(list[end]) == city {
                    end += 1;
                }
                let moved: Vec<u32> = list.drain(start..end).collect();
                for (o, n) in moved.into_iter().enumerate() {
                    list.insert(i + o, n);
                }
                continue;
            }
        }
        i += 1;
    }
}
