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

use crate::layout::*;
use crate::normalize;
use std::collections::HashMap;

mod index;
mod points;
mod rank;
pub(crate) mod tsv;

use index::{bloom_filters, gram_index};
use points::derive_points;
use rank::{is_strong_name, prefer_cities_over_their_own_region, short_display_name, tier_of_kind};

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
    pub(crate) fn at(&mut self, origin: &str, msg: impl std::fmt::Display) {
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
    pub(crate) origin: String,
}

#[derive(Clone, Debug)]
pub(crate) struct NameRow {
    pub(crate) id: String,
    pub(crate) lang: String,
    pub(crate) flags: u8,
    pub(crate) period: (i16, i16),
    pub(crate) name: String,
    /// From the curated overlay.
    pub(crate) curated: bool,
    /// file:line of the row, for messages.
    pub(crate) origin: String,
}

/// Interned length-prefixed strings.
#[derive(Default)]
pub(crate) struct Strings {
    pub(crate) bytes: Vec<u8>,
    seen: HashMap<String, u32>,
}

impl Strings {
    pub(crate) fn add(&mut self, s: &str) -> Result<u32, String> {
        if let Some(&o) = self.seen.get(s) {
            return Ok(o);
        }
        let len: u16 = s
            .len()
            .try_into()
            .map_err(|_| format!("string too long for the image: {}…", &s[..40]))?;
        let off = self.bytes.len() as u32;
        self.bytes.extend_from_slice(&len.to_le_bytes());
        self.bytes.extend_from_slice(s.as_bytes());
        self.seen.insert(s.to_string(), off);
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
    pub(crate) image: Vec<u8>,
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
    let (index, parents) = resolve_references(&mut places)?;
    let grouped = group_names(&places, names, overlay_names, &index)?;
    drop(index);

    progress("rank");
    // Build the image tables.
    let mut strings = Strings::default();
    let mut langs: Vec<String> = vec![String::new()];
    let mut lang_index: HashMap<String, u16> = HashMap::from([(String::new(), 0)]);
    let mut place_bytes = Vec::with_capacity(places.len() * PLACE_SIZE);
    let mut name_bytes = Vec::new();
    let mut keys: HashMap<String, Vec<u32>> = HashMap::new();
    let mut name_place: Vec<u32> = Vec::new();
    let mut name_strong: Vec<bool> = Vec::new();
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
        for n in &grouped[pi] {
            let lang = match lang_index.get(&n.lang) {
                Some(&l) => l,
                None => {
                    let l = langs.len() as u16;
                    langs.push(n.lang.clone());
                    lang_index.insert(n.lang.clone(), l);
                    l
                }
            };
            let strong = is_strong_name(n, p, short_names[pi]);
            NameFields {
                place: pi as u32,
                text: strings.add(&n.name)?,
                lang,
                flags: n.flags,
                strong,
                from: n.period.0,
                until: n.period.1,
            }
            .write(&mut name_bytes);
            for k in normalize::name_keys(&n.name, &n.lang, az) {
                keys.entry(k).or_default().push(name_count);
            }
            name_place.push(pi as u32);
            name_strong.push(strong);
            let primary = n.lang.split('-').next().unwrap_or("");
            name_english
                .push(n.name == p.name || n.curated || primary == "en" || primary.is_empty());
            name_count += 1;
        }
        let country = p.country.as_bytes();
        PlaceFields {
            id: strings.add(&p.id)?,
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

    // Keys in a deterministic order; postings best place first.
    let mut key_list: Vec<(String, Vec<u32>)> = keys.into_iter().collect();
    // Keys by length, then text: fuzzy matching reads only ids of plausible lengths.
    key_list.sort_by(|a, b| a.0.len().cmp(&b.0.len()).then_with(|| a.0.cmp(&b.0)));
    let mut len_starts = Vec::with_capacity((GRAM_MAX_LEN + 2) * 4);
    for len in 0..=GRAM_MAX_LEN + 1 {
        let first = key_list.partition_point(|(k, _)| k.len() < len) as u32;
        len_starts.extend_from_slice(&first.to_le_bytes());
    }
    // A place ranks by its strongest name under the key, so that all the
    // postings of one place stay adjacent.
    let rank = |name: u32, strong_places: &[u32], english_places: &[u32]| {
        let p = name_place[name as usize] as usize;
        (
            !strong_places.contains(&(p as u32)),
            !english_places.contains(&(p as u32)),
            tier_of_kind(places[p].kind),
            std::cmp::Reverse(places[p].population),
            p,
            name,
        )
    };
    let display_keys: Vec<String> = places
        .iter()
        .map(|p| normalize::normalize(&p.name))
        .collect();
    let mut postings: Vec<u8> = Vec::new();
    let mut key_bytes = Vec::with_capacity(key_list.len() * KEY_SIZE);
    let mut posting_count = 0u32;
    for (k, list) in &mut key_list {
        let strong_places: Vec<u32> = list
            .iter()
            .filter(|&&n| name_strong[n as usize])
            .map(|&n| name_place[n as usize])
            .collect();
        // Among places with a strong name, those bearing the key in English
        // (or by their own display name) first: "Tunis" is the city before
        // Tunisia, whose Azerbaijani name it is.
        let english_places: Vec<u32> = list
            .iter()
            .filter(|&&n| name_strong[n as usize] && name_english[n as usize])
            .map(|&n| name_place[n as usize])
            .collect();
        list.sort_by_key(|&n| rank(n, &strong_places, &english_places));
        prefer_cities_over_their_own_region(
            k,
            list,
            &name_place,
            &name_strong,
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
    let (gram_offsets, gram_postings) = gram_index(&key_list);

    let (bloom, key_bloom) = bloom_filters(&key_list, &name_strong);
    // The common words, as a sorted list of keys, for the tagger.
    let mut common: Vec<String> = common_words
        .iter()
        .map(|w| normalize::normalize(w))
        .filter(|k| !k.is_empty())
        .collect();
    common.sort();
    common.dedup();
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

    let sections: [&[u8]; SECTIONS] = [
        &strings.bytes,
        &place_bytes,
        &name_bytes,
        &lang_bytes,
        &disps,
        &slots,
        &key_bytes,
        &postings,
        &meta,
        &gram_offsets,
        &gram_postings,
        &len_starts,
        &bloom,
        &common_bytes,
        &key_bloom,
        &common_keys,
    ];
    progress("write");
    let image = write_image(&sections);
    let summary = format!(
        "{} places, {} names, {} keys, {} languages, image {} bytes, data {version}",
        places.len(),
        name_count,
        key_list.len(),
        langs.len(),
        image.len()
    );
    Ok(Compiled { image, summary })
}

/// Phase 6: the header, the section table and the sections, each 8-byte
/// aligned.
fn write_image(sections: &[&[u8]; SECTIONS]) -> Vec<u8> {
    let mut image = Vec::new();
    image.extend_from_slice(MAGIC);
    image.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    image.extend_from_slice(&(SECTIONS as u32).to_le_bytes());
    image.extend_from_slice(&[0; HEADER_LEN - HEADER_CHECKSUM]); // checksum, reserved
    let mut offset = HEADER_LEN + SECTIONS * 8;
    for s in sections {
        offset = offset.next_multiple_of(8);
        image.extend_from_slice(&(offset as u32).to_le_bytes());
        image.extend_from_slice(&(s.len() as u32).to_le_bytes());
        offset += s.len();
    }
    for s in sections {
        image.resize(image.len().next_multiple_of(8), 0);
        image.extend_from_slice(s);
    }
    let crc = crc32fast::hash(&image[HEADER_LEN..]);
    image[HEADER_CHECKSUM..HEADER_CHECKSUM + 4].copy_from_slice(&crc.to_le_bytes());
    image
}

/// Phase 3: the names of each place, overlay names first so that curated
/// names come before generated ones of the same language; duplicates (same
/// lang and text) merged by OR-ing their flags; every place named by its
/// display name.
fn group_names(
    places: &[PlaceRow],
    mut names: Vec<NameRow>,
    overlay_names: usize,
    index: &HashMap<String, u32>,
) -> Result<Vec<Vec<NameRow>>, String> {
    let mut errors = Errors::default();
    // Group names by place, overlay names first so that curated names come
    // before generated ones of the same language; merge duplicates (same lang
    // and text) by OR-ing their flags.
    let overlay_start = names.len() - overlay_names;
    names.rotate_left(overlay_start);
    let mut grouped: Vec<Vec<NameRow>> = vec![Vec::new(); places.len()];
    let mut seen: HashMap<(u32, String, String), usize> = HashMap::new();
    for n in names {
        let Some(&pi) = index.get(n.id.as_str()) else {
            errors.at(
                &n.origin,
                format!("name `{}` for unknown place {}", n.name, n.id),
            );
            continue;
        };
        let group = &mut grouped[pi as usize];
        match seen.get(&(pi, n.lang.clone(), n.name.clone())) {
            Some(&at) => {
                let slot = &mut group[at];
                slot.flags |= n.flags;
                if slot.period == (NO_YEAR, NO_YEAR) {
                    slot.period = n.period;
                }
            }
            None => {
                seen.insert((pi, n.lang.clone(), n.name.clone()), group.len());
                group.push(n);
            }
        }
    }
    drop(seen);
    errors.into_result()?;
    // Every place is found by its display name.
    for (i, p) in places.iter().enumerate() {
        if !grouped[i].iter().any(|n| n.name == p.name) {
            grouped[i].push(NameRow {
                id: p.id.clone(),
                lang: String::new(),
                flags: 0,
                period: (NO_YEAR, NO_YEAR),
                name: p.name.clone(),
                curated: false,
                origin: p.origin.clone(),
            });
        }
    }
    Ok(grouped)
}

/// Phase 2: sorts the places by id, resolves parents and seats to indexes
/// and gives every place without a point a derived one (`derive_points`):
/// the index of ids, and each place's parent.
fn resolve_references(places: &mut [PlaceRow]) -> Result<(HashMap<String, u32>, Vec<u32>), String> {
    // Order places by id and resolve parents.
    places.sort_by(|a, b| a.id.cmp(&b.id));
    let index: HashMap<String, u32> = places
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i as u32))
        .collect();
    let mut errors = Errors::default();
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
    let parents: Vec<u32> = places
        .iter()
        .map(|p| refer(p, &p.parent, "parent"))
        .collect();
    let seats: Vec<u32> = places.iter().map(|p| refer(p, &p.seat, "seat")).collect();
    errors.into_result()?;
    derive_points(places, &parents, &seats);
    Ok((index, parents))
}
