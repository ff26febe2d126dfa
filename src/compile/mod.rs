//! The image compiler: place and name rows in, a gazetteer image out.
//!
//! One pipeline for both builds: `build.rs` includes this module with
//! `#[path]` to compile `data/` into the embedded image, and `toponym build`
//! runs it on rows read from GeoNames' dump files (`crate::builder`). The
//! phases, in order:
//!
//! 1. read: rows from tables (`tsv`: the project's own format and the curated
//!    overlay; GeoNames' files in `crate::builder::geonames`) into a [`Source`];
//! 2. merge: places sorted by id, parents and seats resolved, missing points
//!    derived (`resolve_references`, `points`); names grouped by place
//!    (`group_names`);
//! 3. rank: place and name records written, names normalised into keys, each
//!    key's postings ordered best place first (`rank`);
//! 4. key and hash: a perfect hash over the keys (`phf_generator`);
//! 5. index: the trigram index and the Bloom filters (`index`);
//! 6. write: the sections behind the header (`write_image`).
//!
//! Errors name the file and line of the row (`Errors`).

use crate::date::Period;
use crate::layout::*;
use crate::normalize;
use std::collections::HashMap;

mod index;
mod points;
mod rank;
pub(crate) mod tsv;

use index::{bloom_filters, gram_index};
use points::derive_points;
use rank::{
    prefer_cities_over_their_own_region, prominence, short_display_name, strength, tier_of_kind,
    RankInfo, Strength,
};

/// Most errors reported before giving up.
pub(crate) const MAX_ERRORS: usize = 30;

/// Problems found in the input tables, each naming file and line.
#[derive(Default)]
pub(crate) struct Errors(pub(crate) Vec<String>);

impl Errors {
    pub(crate) fn push(&mut self, file: &str, line: usize, msg: impl std::fmt::Display) {
        if self.0.len() < MAX_ERRORS {
            self.0.push(format!("{file}:{line}: {msg}"));
        } else if self.0.len() == MAX_ERRORS {
            self.0.push("… more errors not shown".to_string());
        }
    }
    pub(crate) fn at(&mut self, origin: impl std::fmt::Display, msg: impl std::fmt::Display) {
        if self.0.len() < MAX_ERRORS {
            self.0.push(format!("{origin}: {msg}"));
        }
    }
    pub(crate) fn into_result(self) -> Result<(), String> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "invalid gazetteer data:\n  {}",
                self.0.join("\n  ")
            ))
        }
    }
}

#[derive(Clone, Debug, Default)]
pub(crate) struct PlaceRow {
    pub(crate) id: String,
    pub(crate) kind: u8,
    pub(crate) name: String,
    pub(crate) country: String,
    pub(crate) parent: String,
    pub(crate) lat: f32,
    pub(crate) lon: f32,
    /// Where `lat`/`lon` come from (`COORDS_*` of layout.rs).
    pub(crate) coords: u8,
    /// A place whose point stands for this one when it has none (a region's
    /// capital: `seat` column of the overlay).
    pub(crate) seat: String,
    pub(crate) population: u32,
    pub(crate) geonames_id: u32,
    pub(crate) wikidata: u32,
    /// file:line of the row, for messages.
    pub(crate) origin: Origin,
}

#[derive(Clone, Debug)]
pub(crate) struct NameRow {
    pub(crate) id: String,
    pub(crate) lang: String,
    pub(crate) flags: u8,
    pub(crate) period: Period,
    pub(crate) name: String,
    /// From the curated overlay.
    pub(crate) curated: bool,
    /// An earlier period of a name that came back (Ganja 1918–1935, again
    /// since 1989): written for naming at a date, never matched (its text is
    /// matched through the name's current record).
    pub(crate) again: bool,
    /// A side's name of a contested place (`overlay/contested_names.tsv`):
    /// in use by that side, whatever another table says of it.
    pub(crate) side: bool,
    /// file:line of the row, for messages.
    pub(crate) origin: Origin,
}

/// Where a row comes from, for messages: a file (shared by its rows) and a
/// line.
#[derive(Clone, Debug, Default)]
pub(crate) struct Origin {
    file: std::sync::Arc<str>,
    line: u64,
}

impl Origin {
    pub(crate) fn new(file: &std::sync::Arc<str>, line: u64) -> Origin {
        Origin {
            file: file.clone(),
            line,
        }
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// Interned length-prefixed strings. A string seen before is found by its
/// 64-bit hash (FNV-1a) and a comparison with the bytes already written,
/// rather than by a copy of it in a map: a world of millions of names keeps
/// one copy of each. The rare second string of a hash goes to `collided`.
#[derive(Default)]
pub(crate) struct Strings {
    pub(crate) bytes: Vec<u8>,
    seen: HashMap<u64, u32>,
    collided: HashMap<String, u32>,
}

impl Strings {
    pub(crate) fn add(&mut self, s: &str) -> Result<u32, String> {
        let h = fnv1a(s.as_bytes());
        if let Some(&o) = self.seen.get(&h) {
            let at = o as usize;
            let len = le_u16(&self.bytes, at) as usize;
            if self.bytes.get(at + 2..at + 2 + len) == Some(s.as_bytes()) {
                return Ok(o);
            }
            if let Some(&o) = self.collided.get(s) {
                return Ok(o);
            }
            let o = self.append(s)?;
            self.collided.insert(s.to_string(), o);
            return Ok(o);
        }
        let o = self.append(s)?;
        self.seen.insert(h, o);
        Ok(o)
    }

    /// Appends a string known to be new (a place id: ids are unique),
    /// without remembering it.
    pub(crate) fn add_unique(&mut self, s: &str) -> Result<u32, String> {
        self.append(s)
    }

    fn append(&mut self, s: &str) -> Result<u32, String> {
        let len: u16 = s.len().try_into().map_err(|_| {
            let cut = (0..=40).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
            format!("string too long for the image: {}…", &s[..cut])
        })?;
        let off: u32 = self.bytes.len().try_into().map_err(|_| {
            "the strings of the image pass 4 GiB: too big for one image".to_string()
        })?;
        self.bytes.extend_from_slice(&len.to_le_bytes());
        self.bytes.extend_from_slice(s.as_bytes());
        Ok(off)
    }
}

/// What phase 1 produces: every row, ready to merge.
#[derive(Default)]
pub(crate) struct Source {
    pub(crate) places: Vec<PlaceRow>,
    /// All names; the last `overlay_names` come from the curated overlay.
    pub(crate) names: Vec<NameRow>,
    pub(crate) overlay_names: usize,
    /// Common words (`data/common_words.tsv`), as written.
    pub(crate) common_words: Vec<String>,
    /// The data version stored in the image (`data/VERSION`).
    pub(crate) version: String,
}

/// A compiled image and a one-line summary of what it holds.
pub(crate) struct Compiled {
    /// The sections, in the order of the `SEC_*` constants.
    pub(crate) sections: Vec<Vec<u8>>,
    pub(crate) summary: String,
}

/// Phases 2 to 6: compiles `source` into an image. `progress` hears the name
/// of each phase as it starts.
pub(crate) fn compile(source: Source, progress: &mut dyn FnMut(&str)) -> Result<Compiled, String> {
    let Source {
        mut places,
        names,
        overlay_names,
        common_words,
        version,
    } = source;
    progress("merge");
    let parents = resolve_references(&mut places)?;
    let grouped = group_names(&places, names, overlay_names)?;
    current_display_names(&mut places, &grouped);

    progress("rank");
    // The common words, as a sorted list of keys, for ranking and the tagger.
    let mut common: Vec<String> = common_words
        .iter()
        .map(|w| normalize::normalize(w))
        .filter(|k| !k.is_empty())
        .collect();
    common.sort();
    common.dedup();
    // Build the image tables.
    let mut strings = Strings::default();
    let mut langs: Vec<String> = vec![String::new()];
    let mut lang_index: HashMap<String, u16> = HashMap::from([(String::new(), 0)]);
    let mut place_bytes = Vec::with_capacity(places.len() * PLACE_SIZE);
    let mut name_bytes = Vec::new();
    let mut keys: HashMap<String, Vec<u32>> = HashMap::new();
    let mut name_place: Vec<u32> = Vec::new();
    let mut name_strong: Vec<bool> = Vec::new();
    // Strong names that rank as strong: all but the untagged names of major
    // places (`Strength::Untagged`), which are listed with their keys.
    let mut name_ranks_strong: Vec<bool> = Vec::new();
    let mut untagged_strong: Vec<(u32, String)> = Vec::new();
    // Names a reader of English text means by default: the display name, a
    // curated one, an English one, or one without a language (GeoNames'
    // romanisations).
    let mut name_english: Vec<bool> = Vec::new();
    let mut name_count = 0u32;
    let short_names: Vec<Option<&str>> = (0..places.len())
        .map(|pi| short_display_name(&places, &parents, pi))
        .collect();
    for (pi, p) in places.iter().enumerate() {
        let first = name_count;
        let az = p.country == "AZ";
        // Every place is found by its display name.
        let display = NameRow {
            id: String::new(),
            lang: String::new(),
            flags: 0,
            period: Period::default(),
            name: p.name.clone(),
            curated: false,
            again: false,
            side: false,
            origin: p.origin.clone(),
        };
        let named = grouped.of(pi).any(|n| n.name == p.name);
        // (a place with names of the curated overlay)
        let curated_place = grouped.of(pi).any(|n| n.curated);
        for n in grouped.of(pi).chain((!named).then_some(&display)) {
            let lang = match lang_index.get(&n.lang) {
                Some(&l) => l,
                None => {
                    let l = langs.len() as u16;
                    langs.push(n.lang.clone());
                    lang_index.insert(n.lang.clone(), l);
                    l
                }
            };
            let strength = if n.again {
                Strength::Weak
            } else {
                strength(n, p, short_names[pi], &common, curated_place)
            };
            let strong = strength != Strength::Weak;
            NameFields {
                place: pi as u32,
                text: strings.add(&n.name)?,
                lang,
                flags: n.flags,
                strong,
                from: n.period.years().0,
                until: n.period.years().1,
                days: n.period.days(),
            }
            .write(&mut name_bytes);
            if !n.again {
                for k in normalize::name_keys(&n.name, &n.lang, az) {
                    keys.entry(k).or_default().push(name_count);
                }
            }
            name_place.push(pi as u32);
            name_strong.push(strong);
            if strength == Strength::Untagged {
                untagged_strong.push((name_count, normalize::normalize(&n.name)));
            }
            name_ranks_strong.push(strength == Strength::Strong);
            let primary = n.lang.split('-').next().unwrap_or("");
            name_english
                .push(n.name == p.name || n.curated || primary == "en" || primary.is_empty());
            name_count += 1;
        }
        let country = p.country.as_bytes();
        PlaceFields {
            id: strings.add_unique(&p.id)?,
            name: strings.add(&p.name)?,
            kind: p.kind,
            tier: tier_of_kind(p.kind),
            country: [
                *country.first().unwrap_or(&0),
                *country.get(1).unwrap_or(&0),
            ],
            parent: parents[pi],
            lat: p.lat,
            lon: p.lon,
            population: p.population,
            geonames_id: p.geonames_id,
            wikidata: p.wikidata,
            first_name: first,
            name_count: name_count - first,
            coords: p.coords,
        }
        .write(&mut place_bytes);
    }
    debug_assert_eq!(name_bytes.len(), name_count as usize * NAME_SIZE);
    drop(short_names);
    drop(grouped);
    let display_keys: Vec<String> = places
        .iter()
        .map(|p| normalize::normalize(&p.name))
        .collect();
    // An untagged name of a major place stays strong only where it names no
    // other place: "Holy See", "DPRK"; not "Julfa" (a town in Nakhchivan
    // too) nor "Arménie", which GeoNames lists untagged for Armenia in
    // Colombia as well as for the country.
    for (n, key) in &untagged_strong {
        let own = name_place[*n as usize];
        let shared = keys
            .get(key)
            .is_some_and(|list| list.iter().any(|&o| name_place[o as usize] != own));
        if shared {
            name_strong[*n as usize] = false;
            if let Some(b) = name_bytes.get_mut(*n as usize * NAME_SIZE + NameRec::STRONG) {
                *b = 0;
            }
        }
    }
    let place_count = places.len();
    let mut places: Vec<RankInfo> = places.into_iter().map(|p| RankInfo::of(&p)).collect();
    prominence(&mut places, &parents);

    // Keys in a deterministic order; postings best place first.
    let mut key_list: Vec<(String, Vec<u32>)> = keys.into_iter().collect();
    // Keys by length, then text: fuzzy matching reads only ids of plausible lengths.
    key_list.sort_by(|a, b| a.0.len().cmp(&b.0.len()).then_with(|| a.0.cmp(&b.0)));
    let mut len_starts = Vec::with_capacity((GRAM_MAX_LEN + 2) * 4);
    for len in 0..=GRAM_MAX_LEN + 1 {
        let first = key_list.partition_point(|(k, _)| k.len() < len) as u32;
        len_starts.extend_from_slice(&first.to_le_bytes());
    }
    let key_prefixes = index::prefix_directory(&key_list);
    // A place ranks by its strongest name under the key, so that all the
    // postings of one place stay adjacent. A district (a second-level
    // division) ranks below every other place of the key unless the key
    // says district (`names_a_district`): a bare name means the town, city,
    // region or country before the district of any country ("Roma" is
    // Rome, not the province; "Grecia" Greece in Italian, not the canton of
    // Costa Rica; "St. Louis" the city, not the district of Saskatchewan).
    let district = KIND_NAMES.iter().position(|&k| k == "district");
    let rank = |name: u32, strong_places: &[u32], english_places: &[u32], last: bool| {
        let p = name_place[name as usize] as usize;
        (
            last && district == Some(places[p].kind as usize),
            !strong_places.contains(&(p as u32)),
            !english_places.contains(&(p as u32)),
            tier_of_kind(places[p].kind),
            std::cmp::Reverse(places[p].prominence),
            p,
            name,
        )
    };
    let mut postings: Vec<u8> = Vec::new();
    let mut key_bytes = Vec::with_capacity(key_list.len() * KEY_SIZE);
    let mut posting_count = 0u32;
    for (k, list) in &mut key_list {
        let strong_places: Vec<u32> = list
            .iter()
            .filter(|&&n| name_ranks_strong[n as usize])
            .map(|&n| name_place[n as usize])
            .collect();
        // Among places with a strong name, those bearing the key in English
        // (or by their own display name) first: "Tunis" is the city before
        // Tunisia, whose Azerbaijani name it is.
        let english_places: Vec<u32> = list
            .iter()
            .filter(|&&n| name_ranks_strong[n as usize] && name_english[n as usize])
            .map(|&n| name_place[n as usize])
            .collect();
        let districts_last = !names_a_district(k);
        list.sort_by_key(|&n| rank(n, &strong_places, &english_places, districts_last));
        prefer_cities_over_their_own_region(
            k,
            list,
            &name_place,
            &name_ranks_strong,
            &places,
            &parents,
            &display_keys,
        );
        KeyFields {
            text: strings.add(k)?,
            first_posting: posting_count,
            posting_count: list.len() as u32,
        }
        .write(&mut key_bytes);
        for &n in list.iter() {
            postings.extend_from_slice(&n.to_le_bytes());
        }
        posting_count += list.len() as u32;
    }
    progress("hash");
    let key_strs: Vec<&str> = key_list.iter().map(|(k, _)| k.as_str()).collect();
    let state =
        phf_generator::generate_hash_with_hash_fn(&key_strs, |k, hk| phf_shared::hash(*k, hk));
    let mut disps = Vec::with_capacity(state.disps.len() * 8);
    for (a, b) in &state.disps {
        disps.extend_from_slice(&a.to_le_bytes());
        disps.extend_from_slice(&b.to_le_bytes());
    }
    let mut slots = Vec::with_capacity(state.map.len() * 4);
    for &m in &state.map {
        slots.extend_from_slice(&(m as u32).to_le_bytes());
    }

    let version = if version.is_empty() {
        "unversioned".to_string()
    } else {
        version
    };
    let mut lang_bytes = Vec::new();
    for l in &langs {
        lang_bytes.extend_from_slice(&strings.add(l)?.to_le_bytes());
    }
    let mut meta = Vec::new();
    meta.extend_from_slice(&state.key.to_le_bytes());
    meta.extend_from_slice(&strings.add(&version)?.to_le_bytes());

    progress("index");
    let (gram_offsets, gram_postings, gram_skips) = gram_index(&key_list);

    let (bloom, key_bloom) = bloom_filters(&key_list, &name_strong);
    let mut common_bytes = Vec::with_capacity(common.len() * 4);
    for w in &common {
        common_bytes.extend_from_slice(&strings.add(w)?.to_le_bytes());
    }
    // The same, as one bit per key id, for the tagger (no string compares).
    let mut common_keys = vec![0u8; key_list.len().div_ceil(8)];
    for (ki, (k, _)) in key_list.iter().enumerate() {
        if common.binary_search(k).is_ok() {
            common_keys[ki / 8] |= 1 << (ki % 8);
        }
    }

    let sections = vec![
        strings.bytes,
        place_bytes,
        name_bytes,
        lang_bytes,
        disps,
        slots,
        key_bytes,
        postings,
        meta,
        gram_offsets,
        gram_postings,
        len_starts,
        bloom,
        common_bytes,
        key_bloom,
        common_keys,
        gram_skips,
        key_prefixes,
    ];
    let mut compiled = Compiled {
        sections,
        summary: String::new(),
    };
    compiled.summary = format!(
        "{} places, {} names, {} keys, {} languages, image {} bytes, data {version}",
        place_count,
        name_count,
        key_list.len(),
        langs.len(),
        compiled.len()
    );
    Ok(compiled)
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled")
            .field("bytes", &self.len())
            .field("summary", &self.summary)
            .finish()
    }
}

/// Phase 6: the image is the header, the section table and the sections,
/// each 8-byte aligned; written from the sections as they are, so that a
/// big image is never held twice.
impl Compiled {
    /// (offset, length) of each section in the image.
    fn table(&self) -> Vec<(usize, usize)> {
        let mut offset = HEADER_LEN + SECTIONS * 8;
        self.sections
            .iter()
            .map(|s| {
                offset = offset.next_multiple_of(8);
                let at = offset;
                offset += s.len();
                (at, s.len())
            })
            .collect()
    }

    /// The image's size in bytes.
    pub(crate) fn len(&self) -> usize {
        self.table()
            .last()
            .map_or(HEADER_LEN, |&(at, len)| at + len)
    }

    /// Writes the image: the header (its checksum computed over the rest
    /// first), the section table, each section after its padding.
    pub(crate) fn write_to(&self, out: &mut dyn std::io::Write) -> Result<(), String> {
        let table = self.table();
        if self.sections.len() != SECTIONS || u32::try_from(self.len()).is_err() {
            return Err(format!(
                "the image would be {} bytes: more than the format's 4 GiB",
                self.len()
            ));
        }
        let mut head = Vec::with_capacity(SECTIONS * 8);
        for &(at, len) in &table {
            head.extend_from_slice(&(at as u32).to_le_bytes());
            head.extend_from_slice(&(len as u32).to_le_bytes());
        }
        // the bytes after the header, in order: table, then padding and sections
        let mut end = HEADER_LEN + head.len();
        let mut crc = crc32fast::Hasher::new();
        crc.update(&head);
        for (s, &(at, _)) in self.sections.iter().zip(&table) {
            crc.update(&[0u8; 8][..at - end]);
            crc.update(s);
            end = at + s.len();
        }
        let mut header = Vec::with_capacity(HEADER_LEN);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        header.extend_from_slice(&(SECTIONS as u32).to_le_bytes());
        header.extend_from_slice(&crc.finalize().to_le_bytes());
        header.resize(HEADER_LEN, 0); // reserved
        let fail = |e: std::io::Error| format!("cannot write the image: {e}");
        out.write_all(&header).map_err(fail)?;
        out.write_all(&head).map_err(fail)?;
        let mut end = HEADER_LEN + head.len();
        for (s, &(at, _)) in self.sections.iter().zip(&table) {
            out.write_all(&[0u8; 8][..at - end]).map_err(fail)?;
            out.write_all(s).map_err(fail)?;
            end = at + s.len();
        }
        Ok(())
    }

    /// The image in memory.
    pub(crate) fn image(&self) -> Result<Vec<u8>, String> {
        let mut image = Vec::with_capacity(self.len());
        self.write_to(&mut image)?;
        Ok(image)
    }
}

/// Phase 3: the names of each place, in one vector sorted by place (no
/// vector per place: memory, in a world of millions), overlay names first
/// so that curated names come before generated ones of the same language;
/// duplicates (same lang and text) merged into the first by OR-ing their
/// flags. A name no longer needs its place id once grouped: it is dropped.
struct Grouped {
    /// The names, place by place; a merged duplicate has an empty text.
    names: Vec<NameRow>,
    /// Where each place's names start in `names`, and the end.
    starts: Vec<usize>,
}

impl Grouped {
    /// The names of place `pi`, duplicates left out.
    fn of(&self, pi: usize) -> impl Iterator<Item = &NameRow> {
        self.names[self.starts[pi]..self.starts[pi + 1]]
            .iter()
            .filter(|n| !n.name.is_empty())
    }
}

fn group_names(
    places: &[PlaceRow],
    mut names: Vec<NameRow>,
    overlay_names: usize,
) -> Result<Grouped, String> {
    let overlay_start = names.len() - overlay_names;
    names.rotate_left(overlay_start);
    // stable: within a place, the overlay's names and then the order read
    // An index of ids for the sort keys: a binary search per name would
    // cost tens of cache misses each over millions of places.
    let index: HashMap<&str, u32> = places
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i as u32))
        .collect();
    names.sort_by_cached_key(|n| index.get(n.id.as_str()).copied().unwrap_or(u32::MAX));
    drop(index);
    let known = names.partition_point(|n| place_index(places, &n.id).is_some());
    let mut errors = Errors::default();
    for n in &names[known..] {
        errors.at(
            &n.origin,
            format!("name `{}` for unknown place {}", n.name, n.id),
        );
    }
    errors.into_result()?;
    let mut starts = Vec::with_capacity(places.len() + 1);
    let mut at = 0;
    for (pi, p) in places.iter().enumerate() {
        starts.push(at);
        while at < names.len() && names[at].id == p.id {
            at += 1;
        }
        let group = &mut names[starts[pi]..at];
        merge_duplicates(group);
        group.iter_mut().for_each(|n| n.id = String::new());
    }
    starts.push(at);
    Ok(Grouped { names, starts })
}

/// Whether a name is in use today: not historic, and no end to its period.
fn in_use(n: &NameRow) -> bool {
    n.flags & FLAG_HISTORIC == 0 && n.period.until.is_none()
}

/// Current names first: a place with an English name in use since a known
/// date (a renaming: Astana since 2022-09-17, Gavar since 1995) is shown by
/// the newest such name; else a place whose display name the data marks as
/// out of use in English (historic, or its period ended: Swaziland) and
/// nowhere as current is shown by its current English name, the preferred
/// one first. A place with no English name in use (the Soviet Union) keeps
/// its last name.
fn current_display_names(places: &mut [PlaceRow], grouped: &Grouped) {
    for (pi, p) in places.iter_mut().enumerate() {
        let current_english = |n: &&NameRow| n.lang == "en" && in_use(n);
        let renamed = grouped
            .of(pi)
            .filter(current_english)
            .filter_map(|n| Some((n.period.from?.first_day(), n)))
            .max_by_key(|(from, _)| *from);
        if let Some((_, n)) = renamed {
            p.name = n.name.clone();
            continue;
        }
        let english = |n: &&NameRow| n.lang == "en" || n.lang.is_empty();
        let mut shown = grouped
            .of(pi)
            .filter(english)
            .filter(|n| n.name == p.name)
            .peekable();
        if shown.peek().is_none()
            || grouped
                .of(pi)
                .filter(english)
                .any(|n| n.name == p.name && in_use(n))
        {
            continue;
        }
        let best = grouped.of(pi).filter(current_english).max_by_key(|n| {
            (
                n.flags & FLAG_PREFERRED != 0,
                n.flags & (FLAG_SHORT | FLAG_ABBR | FLAG_COLLOQUIAL) == 0,
            )
        });
        if let Some(n) = best {
            p.name = n.name.clone();
        }
    }
}

/// Merges the names of one place that repeat a (lang, text) into the first
/// of them (a current one first), OR-ing their flags and keeping the first
/// period given; the others are left with an empty text. A repeat with a
/// period of its own, other than the first's, stays a record of its own
/// (`NameRow::again`).
fn merge_duplicates(group: &mut [NameRow]) {
    if group.len() < 2 {
        return;
    }
    // (a current row first, so that a name that came back is matched and
    // ranked as current: Ganja since 1989 before Ganja 1918–1935)
    let mut order: Vec<usize> = (0..group.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| {
            let n = &group[i];
            (&n.lang, &n.name, n.flags & FLAG_HISTORIC != 0, i)
        };
        key(a).cmp(&key(b))
    });
    let mut first = order[0];
    for &i in &order[1..] {
        if group[i].lang == group[first].lang && group[i].name == group[first].name {
            let (flags, period) = (group[i].flags, group[i].period);
            if !period.is_empty()
                && !group[first].period.is_empty()
                && period != group[first].period
            {
                // another period of the same name: a record of its own
                group[i].again = true;
                continue;
            }
            let slot = &mut group[first];
            slot.flags |= flags;
            if slot.period.is_empty() {
                slot.period = period;
            }
            group[i].name = String::new();
        } else {
            first = i;
        }
    }
}

/// The index of the place with id `id` in places sorted by id.
fn place_index(places: &[PlaceRow], id: &str) -> Option<u32> {
    places
        .binary_search_by(|p| p.id.as_str().cmp(id))
        .ok()
        .map(|i| i as u32)
}

/// Phase 2: sorts the places by id, resolves parents and seats to indexes
/// and gives every place without a point a derived one (`derive_points`):
/// each place's parent.
fn resolve_references(places: &mut [PlaceRow]) -> Result<Vec<u32>, String> {
    // ids are unique (checked next), so an unstable sort, in place, will do
    places.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    let sorted: &[PlaceRow] = places;
    let mut errors = Errors::default();
    for w in sorted.windows(2) {
        if w[0].id == w[1].id {
            errors.at(
                &w[1].origin,
                format!("duplicate id {} (also at {})", w[1].id, w[0].origin),
            );
        }
    }
    errors.into_result()?;
    let mut errors = Errors::default();
    // ids to indexes: a binary search per reference would cost tens of cache
    // misses each over millions of places
    let index: HashMap<&str, u32> = sorted
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i as u32))
        .collect();
    // The index of the place a row refers to by id (`what`: parent, seat),
    // `NONE` for none; an unknown id or the row itself is an error.
    let mut refer = |p: &PlaceRow, id: &str, what: &str| -> u32 {
        if id.is_empty() {
            return NONE;
        }
        if id == p.id {
            errors.at(&p.origin, format!("{} is its own {what}", p.id));
            return NONE;
        }
        index.get(id).copied().unwrap_or_else(|| {
            errors.at(
                &p.origin,
                format!("{what} {id} of {} is not a known place", p.id),
            );
            NONE
        })
    };
    let parents: Vec<u32> = sorted
        .iter()
        .map(|p| refer(p, &p.parent, "parent"))
        .collect();
    let seats: Vec<u32> = sorted.iter().map(|p| refer(p, &p.seat, "seat")).collect();
    drop(index);
    errors.into_result()?;
    derive_points(places, &parents, &seats);
    Ok(parents)
}
