//! Compiles `data/` into the embedded gazetteer image.
//!
//! Reads the generated tables (`data/places.tsv`, `data/names.tsv`) and the
//! hand-edited overlay (`data/overlay/*_places.tsv`, `*_names.tsv`), validates
//! them (a broken row fails the build with its file and line), normalises every
//! name into its lookup keys with the same code the library uses at run time,
//! solves a perfect hash (phf) over the keys and writes one binary image to
//! `$OUT_DIR/gazetteer.bin`, which the library embeds with `include_bytes!` and
//! reads in place. The layout is in `src/layout.rs` and DESIGN.md.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "src/inflect/table.rs"]
mod inflect_table;
#[allow(dead_code)]
#[path = "src/layout.rs"]
mod layout;
#[allow(dead_code)]
#[path = "src/normalize.rs"]
mod normalize;
#[allow(dead_code)]
#[path = "src/translit.rs"]
mod translit;

use layout::*;

fn main() {
    if let Err(e) = text_tables().and_then(|()| try_main()) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

/// Most errors reported before giving up.
const MAX_ERRORS: usize = 30;

/// Problems found in `data/`, each naming file and line.
#[derive(Default)]
struct Errors(Vec<String>);

impl Errors {
    fn push(&mut self, file: &str, line: usize, msg: impl std::fmt::Display) {
        if self.0.len() < MAX_ERRORS {
            self.0.push(format!("{file}:{line}: {msg}"));
        } else if self.0.len() == MAX_ERRORS {
            self.0.push("… more errors not shown".to_string());
        }
    }
    fn at(&mut self, origin: &str, msg: impl std::fmt::Display) {
        if self.0.len() < MAX_ERRORS {
            self.0.push(format!("{origin}: {msg}"));
        }
    }
    fn into_result(self) -> Result<(), String> {
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
struct PlaceRow {
    id: String,
    kind: u8,
    name: String,
    country: String,
    parent: String,
    lat: f32,
    lon: f32,
    /// Where `lat`/`lon` come from (`COORDS_*` of layout.rs).
    coords: u8,
    /// A place whose point stands for this one when it has none (a region's
    /// capital: `seat` column of the overlay).
    seat: String,
    population: u32,
    geonames_id: u32,
    wikidata: u32,
    /// file:line of the row, for messages.
    origin: String,
}

#[derive(Clone, Debug)]
struct NameRow {
    id: String,
    lang: String,
    flags: u8,
    period: (i16, i16),
    name: String,
    /// From the curated overlay.
    curated: bool,
    /// file:line of the row, for messages.
    origin: String,
}

/// One TSV file: header map and rows (1-based line numbers).
struct Table {
    file: String,
    cols: HashMap<String, usize>,
    rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    fn read(path: &Path, display: &str, required: &[&str]) -> Result<Table, String> {
        let text = fs::read(path).map_err(|e| format!("{display}: cannot read: {e}"))?;
        let text = String::from_utf8(text).map_err(|e| {
            let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            format!("{display}:{line}: invalid UTF-8")
        })?;
        let mut lines = text
            .split('\n')
            .enumerate()
            .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
            .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'));
        let (hline, header) = lines
            .next()
            .ok_or_else(|| format!("{display}: empty file, expected a header row"))?;
        let cols: HashMap<String, usize> = header
            .split('\t')
            .enumerate()
            .map(|(i, c)| (c.trim().to_string(), i))
            .collect();
        for r in required {
            if !cols.contains_key(*r) {
                return Err(format!("{display}:{hline}: header lacks column `{r}`"));
            }
        }
        let ncols = header.split('\t').count();
        let mut rows = Vec::new();
        let mut errors = Errors::default();
        for (n, l) in lines {
            let fields: Vec<String> = l.split('\t').map(str::to_string).collect();
            if fields.len() != ncols {
                errors.push(
                    display,
                    n,
                    format!(
                        "expected {ncols} tab-separated fields, found {}",
                        fields.len()
                    ),
                );
                continue;
            }
            rows.push((n, fields));
        }
        errors.into_result()?;
        Ok(Table {
            file: display.to_string(),
            cols,
            rows,
        })
    }

    fn get<'a>(&self, row: &'a [String], col: &str) -> &'a str {
        self.cols.get(col).map_or("", |&i| row[i].trim())
    }
}

fn kind_code(s: &str) -> Option<u8> {
    KIND_NAMES.iter().position(|k| *k == s).map(|i| i as u8)
}

fn valid_id(id: &str) -> bool {
    if let Some(n) = id.strip_prefix("gn:") {
        !n.is_empty()
            && n.len() <= 10
            && n.bytes().all(|b| b.is_ascii_digit())
            && n.parse::<u32>().is_ok()
    } else if let Some(s) = id.strip_prefix("tp:") {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    } else {
        false
    }
}

fn parse_places(t: &Table, overlay: bool, errors: &mut Errors) -> Vec<PlaceRow> {
    let mut out = Vec::new();
    for (n, row) in &t.rows {
        let n = *n;
        let f = |c: &str| t.get(row, c);
        let id = f("id");
        if !valid_id(id) {
            errors.push(
                &t.file,
                n,
                format!("bad id `{id}`: expected gn:<number> or tp:<slug>"),
            );
            continue;
        }
        let mut p = PlaceRow {
            id: id.to_string(),
            origin: format!("{}:{n}", t.file),
            ..Default::default()
        };
        let kind = f("kind");
        match kind_code(kind) {
            Some(k) => p.kind = k,
            None if overlay && kind.is_empty() => p.kind = u8::MAX,
            None => {
                errors.push(
                    &t.file,
                    n,
                    format!("unknown kind `{kind}` (one of {})", KIND_NAMES.join(", ")),
                );
                continue;
            }
        }
        p.name = f("name").to_string();
        if p.name.is_empty() && !overlay {
            errors.push(&t.file, n, "empty name");
        }
        let country = f("country");
        let country_ok = country.is_empty()
            || (country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase()));
        if !country_ok {
            errors.push(&t.file, n, format!("bad country code `{country}`"));
        }
        p.country = country.to_string();
        p.parent = f("parent").to_string();
        if !p.parent.is_empty() && !valid_id(&p.parent) {
            errors.push(&t.file, n, format!("bad parent id `{}`", p.parent));
        }
        let coord = |c: &str, max: f32, errors: &mut Errors| -> f32 {
            let s = f(c);
            if s.is_empty() {
                return f32::NAN;
            }
            match s.parse::<f32>() {
                Ok(v) if v.abs() <= max => v,
                _ => {
                    errors.push(&t.file, n, format!("bad {c} `{s}`"));
                    f32::NAN
                }
            }
        };
        p.lat = coord("lat", 90.0, errors);
        p.lon = coord("lon", 180.0, errors);
        p.coords = match f("coords") {
            "" => COORDS_SOURCE,
            "ne" => COORDS_NATURAL_EARTH,
            "members" => COORDS_MEMBERS,
            other => {
                errors.push(
                    &t.file,
                    n,
                    format!("bad coords `{other}` (empty, ne or members)"),
                );
                COORDS_SOURCE
            }
        };
        p.seat = f("seat").to_string();
        if !p.seat.is_empty() && !valid_id(&p.seat) {
            errors.push(&t.file, n, format!("bad seat id `{}`", p.seat));
        }
        if p.coords != COORDS_SOURCE && (p.lat.is_nan() || p.lon.is_nan()) {
            errors.push(&t.file, n, "coords names a source but lat/lon are empty");
        }
        let pop = f("population");
        p.population = if pop.is_empty() {
            0
        } else {
            match pop.parse::<u64>() {
                Ok(v) => v.min(u32::MAX as u64) as u32,
                Err(_) => {
                    errors.push(&t.file, n, format!("bad population `{pop}`"));
                    0
                }
            }
        };
        let gid = f("geonames_id");
        if !gid.is_empty() {
            match gid.parse::<u32>() {
                Ok(v) if v > 0 => p.geonames_id = v,
                _ => errors.push(&t.file, n, format!("bad geonames_id `{gid}`")),
            }
        }
        if let Some(num) = id.strip_prefix("gn:") {
            let num: u32 = num.parse().unwrap_or(0);
            if p.geonames_id != 0 && p.geonames_id != num {
                errors.push(
                    &t.file,
                    n,
                    format!("geonames_id {} contradicts id {id}", p.geonames_id),
                );
            }
            p.geonames_id = num;
        }
        let wd = f("wikidata");
        if !wd.is_empty() {
            match wd.strip_prefix('Q').and_then(|q| q.parse::<u32>().ok()) {
                Some(q) => p.wikidata = q,
                None => errors.push(&t.file, n, format!("bad wikidata id `{wd}`")),
            }
        }
        out.push(p);
    }
    out
}

fn parse_period(s: &str) -> Option<(i16, i16)> {
    if s.is_empty() {
        return Some((NO_YEAR, NO_YEAR));
    }
    let year = |y: &str| -> Option<i16> {
        if y.is_empty() {
            Some(NO_YEAR)
        } else {
            y.parse::<i16>().ok().filter(|v| *v > NO_YEAR)
        }
    };
    match s.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (year(a)?, year(b)?);
            if a != NO_YEAR && b != NO_YEAR && a > b {
                return None;
            }
            Some((a, b))
        }
        None => {
            let y = year(s)?;
            Some((y, y))
        }
    }
}

fn parse_names(t: &Table, errors: &mut Errors) -> Vec<NameRow> {
    let mut out = Vec::new();
    for (n, row) in &t.rows {
        let n = *n;
        let f = |c: &str| t.get(row, c);
        let id = f("id");
        if !valid_id(id) {
            errors.push(&t.file, n, format!("bad id `{id}`"));
            continue;
        }
        let name = f("name");
        if name.is_empty() {
            errors.push(&t.file, n, "empty name");
            continue;
        }
        if normalize::normalize(name).is_empty() {
            errors.push(
                &t.file,
                n,
                format!("name `{name}` has no letters or digits"),
            );
            continue;
        }
        let lang = f("lang");
        if !lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') || lang.len() > 35 {
            errors.push(&t.file, n, format!("bad language tag `{lang}`"));
            continue;
        }
        let mut flags = 0u8;
        for fl in f("flags")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match FLAG_NAMES.iter().find(|(k, _)| *k == fl) {
                Some((_, bit)) => flags |= bit,
                None => errors.push(&t.file, n, format!("unknown flag `{fl}`")),
            }
        }
        let period = match parse_period(f("period")) {
            Some(p) => p,
            None => {
                errors.push(
                    &t.file,
                    n,
                    format!(
                        "bad period `{}`: expected YYYY, YYYY-YYYY, -YYYY or YYYY-",
                        f("period")
                    ),
                );
                continue;
            }
        };
        out.push(NameRow {
            id: id.to_string(),
            lang: lang.to_string(),
            flags,
            period,
            name: name.to_string(),
            curated: false,
            origin: format!("{}:{n}", t.file),
        });
    }
    out
}

/// Interned length-prefixed strings.
#[derive(Default)]
struct Strings {
    bytes: Vec<u8>,
    seen: HashMap<String, u32>,
}

impl Strings {
    fn add(&mut self, s: &str) -> Result<u32, String> {
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

/// The build, in phases: read the data and the overlay (`read_data`),
/// resolve references and derive points (`resolve_references`), group names
/// (`group_names`), write the place and name records and collect keys, order
/// each key's postings and solve the perfect hash, build the fuzzy index
/// (`gram_index`) and the filters (`bloom_filters`), write the image.
fn try_main() -> Result<(), String> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let data = root.join("data");
    println!("cargo:rerun-if-changed=data");
    for f in [
        "build.rs",
        "src/layout.rs",
        "src/normalize.rs",
        "src/translit.rs",
    ] {
        println!("cargo:rerun-if-changed={f}");
    }

    let (mut places, names, overlay_names) = read_data(&data)?;
    let (index, parents) = resolve_references(&mut places)?;
    let grouped = group_names(&places, names, overlay_names, &index)?;

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

    let version = fs::read_to_string(data.join("VERSION"))
        .unwrap_or_default()
        .trim()
        .to_string();
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

    let (gram_offsets, gram_postings) = gram_index(&key_list);

    let (bloom, key_bloom) = bloom_filters(&key_list, &name_strong);
    // The common words, as a sorted list of keys, for the tagger.
    let mut common: Vec<String> = Vec::new();
    let common_path = data.join("common_words.tsv");
    if common_path.exists() {
        let t = Table::read(&common_path, "data/common_words.tsv", &["word"])?;
        for (_, row) in &t.rows {
            let k = normalize::normalize(t.get(row, "word"));
            if !k.is_empty() {
                common.push(k);
            }
        }
    }
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
    let mut image = Vec::new();
    image.extend_from_slice(MAGIC);
    image.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    image.extend_from_slice(&(SECTIONS as u32).to_le_bytes());
    let mut offset = HEADER_LEN + SECTIONS * 8;
    for s in &sections {
        offset = offset.next_multiple_of(8);
        image.extend_from_slice(&(offset as u32).to_le_bytes());
        image.extend_from_slice(&(s.len() as u32).to_le_bytes());
        offset += s.len();
    }
    for s in &sections {
        image.resize(image.len().next_multiple_of(8), 0);
        image.extend_from_slice(s);
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    fs::write(out.join("gazetteer.bin"), &image).map_err(|e| format!("cannot write image: {e}"))?;
    let mut summary = String::new();
    let _ = write!(
        summary,
        "{} places, {} names, {} keys, {} languages, image {} bytes",
        places.len(),
        name_count,
        key_list.len(),
        langs.len(),
        image.len()
    );
    println!("cargo:rustc-env=TOPONYM_DATA_VERSION={version}");
    // A one-line summary beside the image, for whoever wonders what was built.
    fs::write(out.join("gazetteer.summary"), summary)
        .map_err(|e| format!("cannot write summary: {e}"))?;
    Ok(())
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

/// The trigram index over the keys, for fuzzy matching: per trigram code an
/// offset into LEB128 gap-coded ascending key ids (`SEC_GRAM_OFFSETS`,
/// `SEC_GRAM_POSTINGS`).
fn gram_index(key_list: &[(String, Vec<u32>)]) -> (Vec<u8>, Vec<u8>) {
    let mut gram_lists: Vec<Vec<u32>> = vec![Vec::new(); GRAM_CODES];
    let mut codes = Vec::new();
    for (ki, (k, _)) in key_list.iter().enumerate() {
        if GRAM_KEY_LEN.contains(&k.len()) && gram_codes(k, &mut codes) {
            for &c in &codes {
                gram_lists[c as usize].push(ki as u32);
            }
        }
    }
    let mut gram_offsets = Vec::with_capacity((GRAM_CODES + 1) * 4);
    let mut gram_postings = Vec::new();
    for list in &gram_lists {
        gram_offsets.extend_from_slice(&(gram_postings.len() as u32).to_le_bytes());
        let mut prev = 0u32;
        for (i, &k) in list.iter().enumerate() {
            let mut gap = if i == 0 { k } else { k - prev };
            prev = k;
            loop {
                let byte = (gap & 0x7f) as u8;
                gap >>= 7;
                if gap == 0 {
                    gram_postings.push(byte);
                    break;
                }
                gram_postings.push(byte | 0x80);
            }
        }
    }
    gram_offsets.extend_from_slice(&(gram_postings.len() as u32).to_le_bytes());
    (gram_offsets, gram_postings)
}

/// The two Bloom filters of the image: the word prefixes of keys with a
/// strong name, and of the prefixes a longer name continues with a trailing
/// space (`SEC_PREFIX_BLOOM`, for the tagger); and every key
/// (`SEC_KEY_BLOOM`, for fuzzy matching's guesses, which mostly name no key:
/// one cheap test instead of a perfect-hash probe).
fn bloom_filters(key_list: &[(String, Vec<u32>)], name_strong: &[bool]) -> (Vec<u8>, Vec<u8>) {
    let mut bloom = vec![0u8; PREFIX_BLOOM_BITS / 8];
    for (k, list) in key_list {
        if !list.iter().any(|&n| name_strong[n as usize]) {
            continue;
        }
        let mut set = |text: &[u8]| {
            let (a, b) = bloom_bits(text);
            bloom[a / 8] |= 1 << (a % 8);
            bloom[b / 8] |= 1 << (b % 8);
        };
        let mut end = 0;
        loop {
            let next = k[end..].find(' ').map(|i| end + i);
            set(&k.as_bytes()[..next.unwrap_or(k.len())]);
            match next {
                // "nagorno " too: a name continues after this prefix
                Some(i) => {
                    set(&k.as_bytes()[..i + 1]);
                    end = i + 1;
                }
                None => break,
            }
        }
    }
    // Every key, for fuzzy matching's guesses (transliteration swaps, keys
    // one edit away) that mostly name no key: one cheap test instead of a
    // perfect-hash probe.
    let mut key_bloom = vec![0u8; KEY_BLOOM_BITS / 8];
    for (k, _) in key_list {
        let (a, b) = key_bloom_bits(k.as_bytes());
        key_bloom[a / 8] |= 1 << (a % 8);
        key_bloom[b / 8] |= 1 << (b % 8);
    }
    (bloom, key_bloom)
}

/// Phase 1: reads `data/places.tsv` and `data/names.tsv`, then the overlay
/// (`data/overlay/*_places.tsv` override or add places, `*_names.tsv` add
/// curated names): the places, all names (overlay names last) and how many
/// of them come from the overlay.
fn read_data(data: &Path) -> Result<(Vec<PlaceRow>, Vec<NameRow>, usize), String> {
    let mut errors = Errors::default();
    let places_t = Table::read(
        &data.join("places.tsv"),
        "data/places.tsv",
        &[
            "id",
            "kind",
            "name",
            "country",
            "parent",
            "lat",
            "lon",
            "population",
            "geonames_id",
        ],
    )?;
    let mut places = parse_places(&places_t, false, &mut errors);
    let names_t = Table::read(
        &data.join("names.tsv"),
        "data/names.tsv",
        &["id", "lang", "flags", "period", "name"],
    )?;
    let mut names = parse_names(&names_t, &mut errors);
    errors.into_result()?;

    // Duplicate ids in the generated table.
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut errors = Errors::default();
    for (i, p) in places.iter().enumerate() {
        if let Some(&j) = by_id.get(&p.id) {
            errors.at(
                &p.origin,
                format!("duplicate id {} (first at {})", p.id, places[j].origin),
            );
        } else {
            by_id.insert(p.id.clone(), i);
        }
    }
    errors.into_result()?;

    // The overlay: places override or add, names add.
    let mut overlay_files: Vec<PathBuf> = match fs::read_dir(data.join("overlay")) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => Vec::new(),
    };
    overlay_files.sort();
    // The overlay tables whose file name ends with `suffix`, in name order.
    let overlay = |suffix: &str, cols: &[&str]| -> Result<Vec<Table>, String> {
        overlay_files
            .iter()
            .filter(|p| p.to_string_lossy().ends_with(suffix))
            .map(|path| {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                Table::read(path, &format!("data/overlay/{name}"), cols)
            })
            .collect()
    };
    let mut errors = Errors::default();
    let mut overlay_ids: HashMap<String, String> = HashMap::new();
    let place_cols = ["id", "kind", "name", "country", "parent", "lat", "lon"];
    for t in overlay("_places.tsv", &place_cols)? {
        for o in parse_places(&t, true, &mut errors) {
            if let Some(first) = overlay_ids.insert(o.id.clone(), o.origin.clone()) {
                errors.at(
                    &o.origin,
                    format!("duplicate overlay id {} (first at {first})", o.id),
                );
                continue;
            }
            match by_id.get(&o.id) {
                Some(&i) => {
                    let p = &mut places[i];
                    if o.kind != u8::MAX {
                        p.kind = o.kind;
                    }
                    if !o.name.is_empty() {
                        p.name = o.name.clone();
                    }
                    if !o.country.is_empty() {
                        p.country = o.country.clone();
                    }
                    if !o.parent.is_empty() {
                        p.parent = o.parent.clone();
                    }
                    if !o.seat.is_empty() {
                        p.seat = o.seat.clone();
                    }
                    if !o.lat.is_nan() && !o.lon.is_nan() {
                        p.lat = o.lat;
                        p.lon = o.lon;
                        p.coords = o.coords;
                    }
                    if o.population != 0 {
                        p.population = o.population;
                    }
                    if o.wikidata != 0 {
                        p.wikidata = o.wikidata;
                    }
                }
                None => {
                    if o.kind == u8::MAX || o.name.is_empty() {
                        errors.at(
                            &o.origin,
                            format!("new place {} needs a kind and a name", o.id),
                        );
                        continue;
                    }
                    by_id.insert(o.id.clone(), places.len());
                    places.push(o);
                }
            }
        }
    }
    let mut overlay_names = 0;
    for t in overlay("_names.tsv", &["id", "lang", "flags", "period", "name"])? {
        let mut more = parse_names(&t, &mut errors);
        more.iter_mut().for_each(|n| n.curated = true);
        overlay_names += more.len();
        names.extend(more);
    }
    errors.into_result()?;
    Ok((places, names, overlay_names))
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

/// Validates the language tables of the tagger (`data/inflection/*.tsv`,
/// `data/people/*.tsv`, `data/demonyms.tsv`, `data/cue_words.tsv`; a broken row fails the build
/// with its file and line) and writes `$OUT_DIR/inflection_tables.rs`, which
/// embeds each inflection table with its language.
fn text_tables() -> Result<(), String> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let dir = root.join("data").join("inflection");
    println!("cargo:rerun-if-changed=src/inflect/table.rs");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map_err(|e| format!("data/inflection: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    let mut errors = Errors::default();
    let mut code = String::from(
        "/// (language, text) of every table of `data/inflection/`, generated by build.rs.\n\
         pub(crate) const INFLECTION_TABLES: &[(&str, &str)] = &[\n",
    );
    for path in &files {
        let lang = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let shown = format!("data/inflection/{lang}.tsv");
        let text = fs::read_to_string(path).map_err(|e| format!("{shown}: {e}"))?;
        if let Err((line, msg)) = inflect_table::parse(&lang, &text) {
            errors.push(&shown, line, msg);
        }
        let _ = writeln!(
            code,
            "    ({lang:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    for (file, cols) in [
        ("people/given_names.tsv", &["name", "lang"][..]),
        (
            "people/surname_suffixes.tsv",
            &["suffix", "script", "strength"][..],
        ),
        ("people/titles.tsv", &["title", "lang"][..]),
        ("people/organisation_words.tsv", &["word", "lang"][..]),
        ("demonyms.tsv", &["id", "lang", "demonym"][..]),
        ("cue_words.tsv", &["word", "means", "lang"][..]),
    ] {
        let path = root.join("data").join(file);
        if path.exists() {
            let t = Table::read(&path, &format!("data/{file}"), cols)?;
            for (line, row) in &t.rows {
                for c in cols {
                    if t.get(row, c).trim().is_empty() {
                        errors.push(&t.file, *line, format!("empty `{c}`"));
                    }
                }
                if cols.contains(&"means")
                    && !["region", "district", "conjunction"].contains(&t.get(row, "means"))
                {
                    errors.push(
                        &t.file,
                        *line,
                        format!(
                            "`means` is {:?}, not region, district or conjunction",
                            t.get(row, "means")
                        ),
                    );
                }
            }
        }
    }
    errors.into_result()?;
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    fs::write(out.join("inflection_tables.rs"), code)
        .map_err(|e| format!("cannot write inflection_tables.rs: {e}"))?;
    fs::write(out.join("people_lists.rs"), people_lists(&root)?)
        .map_err(|e| format!("cannot write people_lists.rs: {e}"))
}

/// `$OUT_DIR/people_lists.rs`: the word lists of `data/people/` as the
/// tagger looks them up (lower case, sorted, without duplicates), so that
/// nothing is parsed when the tagger first runs: given names; the last word
/// of each title (a title of several words precedes the name with its last
/// word: "Prime Minister"), without a final dot; organisation words without
/// a final dot.
fn people_lists(root: &Path) -> Result<String, String> {
    let column = |file: &str, col: &str, word: fn(&str) -> Option<String>| {
        let path = root.join("data").join("people").join(file);
        let t = Table::read(&path, &format!("data/people/{file}"), &[col])?;
        let mut words: Vec<String> = t
            .rows
            .iter()
            .filter_map(|(_, row)| word(t.get(row, col)))
            .filter(|w| !w.is_empty())
            .collect();
        words.sort();
        words.dedup();
        Ok::<_, String>(words)
    };
    let lists = [
        (
            "GIVEN_NAMES",
            "given names (`data/people/given_names.tsv`)",
            column("given_names.tsv", "name", |w| {
                let mut buf = String::new();
                Some(normalize::lower_into(w, &mut buf).to_string())
            })?,
        ),
        (
            "TITLES",
            "the last word of each title (`data/people/titles.tsv`)",
            column("titles.tsv", "title", |w| {
                let mut buf = String::new();
                let t = normalize::lower_into(w, &mut buf);
                Some(
                    t.split_whitespace()
                        .last()?
                        .trim_end_matches('.')
                        .to_string(),
                )
            })?,
        ),
        (
            "ORGANISATION_WORDS",
            "organisation words (`data/people/organisation_words.tsv`)",
            column("organisation_words.tsv", "word", |w| {
                let mut buf = String::new();
                Some(normalize::lower_into(w.trim_end_matches('.'), &mut buf).to_string())
            })?,
        ),
    ];
    let mut code = String::new();
    for (name, what, words) in &lists {
        let _ = writeln!(
            code,
            "/// The {what}, lower case and sorted; generated by build.rs.\n\
             pub(crate) const {name}: &[&str] = &{words:?};"
        );
    }
    Ok(code)
}

/// Gives a point to every place the data leaves without one (regions and
/// districts, the few countries Natural Earth lacks, curated places), marked
/// `COORDS_DERIVED`, in this order of preference:
/// 0. the point of its seat, when the data names one (`seat` column: a
///    region whose towns are filed under other districts, such as the
///    provinces of the former Nagorno-Karabakh Republic);
/// 1. the mean, on the sphere, of the cities, towns and villages inside it
///    (near the middle of where its people live; on GeoWebNews 61.0 % of
///    resolved names land within 161 km of the gold point this way, 58.5 %
///    with the largest place instead);
/// 2. the mean of its children's points (a region of districts);
/// 3. its parent's point.
///
/// Returns how many points were derived.
fn derive_points(places: &mut [PlaceRow], parents: &[u32], seats: &[u32]) -> usize {
    let has_point = |p: &PlaceRow| !p.lat.is_nan() && !p.lon.is_nan();
    let mut derived = 0;
    // 0. the seat's own point
    for i in 0..places.len() {
        let seat = seats[i] as usize;
        if has_point(&places[i]) || seat >= places.len() || !has_point(&places[seat]) {
            continue;
        }
        places[i].lat = places[seat].lat;
        places[i].lon = places[seat].lon;
        places[i].coords = COORDS_DERIVED;
        derived += 1;
    }
    let missing: Vec<bool> = places.iter().map(|p| !has_point(p)).collect();
    let populated = |p: &PlaceRow| {
        matches!(
            KIND_NAMES.get(p.kind as usize),
            Some(&("city" | "town" | "village"))
        )
    };
    // 1. the mean of the populated places inside (on the sphere)
    let mut sums: Vec<(f64, f64, f64, u32)> = vec![(0.0, 0.0, 0.0, 0); places.len()];
    for (i, p) in places.iter().enumerate() {
        if !populated(p) || !has_point(p) {
            continue;
        }
        let (la, lo) = ((p.lat as f64).to_radians(), (p.lon as f64).to_radians());
        let v = (la.cos() * lo.cos(), la.cos() * lo.sin(), la.sin());
        let mut up = parents[i];
        for _ in 0..16 {
            let Some(&is_missing) = missing.get(up as usize) else {
                break;
            };
            if is_missing {
                let s = &mut sums[up as usize];
                s.0 += v.0;
                s.1 += v.1;
                s.2 += v.2;
                s.3 += 1;
            }
            up = parents[up as usize];
        }
    }
    for i in 0..places.len() {
        let (x, y, z, n) = sums[i];
        if n > 0 {
            places[i].lat = z.atan2((x * x + y * y).sqrt()).to_degrees() as f32;
            places[i].lon = y.atan2(x).to_degrees() as f32;
            places[i].coords = COORDS_DERIVED;
            derived += 1;
        }
    }
    // 2. the mean of the children's points, deepest places first
    let depth = |mut i: usize| {
        let mut d = 0;
        while let Some(&up) = parents.get(i) {
            if up == NONE || d > 16 {
                break;
            }
            i = up as usize;
            d += 1;
        }
        d
    };
    let mut order: Vec<usize> = (0..places.len())
        .filter(|&i| !has_point(&places[i]))
        .collect();
    order.sort_by_key(|&i| std::cmp::Reverse(depth(i)));
    let mut children: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, &up) in parents.iter().enumerate() {
        if up != NONE {
            children.entry(up).or_default().push(i);
        }
    }
    for &i in &order {
        let pts: Vec<(f32, f32)> = children
            .get(&(i as u32))
            .into_iter()
            .flatten()
            .map(|&c| (places[c].lat, places[c].lon))
            .filter(|(lat, lon)| !lat.is_nan() && !lon.is_nan())
            .collect();
        if pts.is_empty() {
            continue;
        }
        let n = pts.len() as f32;
        places[i].lat = pts.iter().map(|p| p.0).sum::<f32>() / n;
        places[i].lon = pts.iter().map(|p| p.1).sum::<f32>() / n;
        places[i].coords = COORDS_DERIVED;
        derived += 1;
    }
    // 3. the parent's point, shallowest places first
    for &i in order.iter().rev() {
        if has_point(&places[i]) {
            continue;
        }
        let up = parents[i];
        if let Some(parent) = places.get(up as usize).filter(|p| has_point(p)) {
            let (lat, lon) = (parent.lat, parent.lon);
            places[i].lat = lat;
            places[i].lon = lon;
            places[i].coords = COORDS_DERIVED;
            derived += 1;
        }
    }
    derived
}

/// Ranking tier of a kind code: lower ranks first among homonyms
/// (countries, then continents and macro-regions, then regions, then the rest
/// by population).
pub fn tier_of_kind(kind: u8) -> u8 {
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

/// A strong name is one a reader is likely to mean: the display name, a
/// curated name, or a name in a [`STRONG_LANGS`] language; never a historic
/// one. Among the homonyms of a key, places with a strong name rank first: a
/// query "Goris" means Goris in Armenia, not Gori, whose Lithuanian name is
/// Goris, and "Lacin" means Lachin, not China in Kabyle.
fn is_strong_name(n: &NameRow, p: &PlaceRow, short: Option<&str>) -> bool {
    if n.flags & FLAG_HISTORIC != 0 {
        return false;
    }
    // An abbreviation spelt with its dot ("Calif.", "U.S.") is matched in
    // text only as spelt, dot and all, never as the plain word it also is
    // ("Miss", "Wash", "Ill").
    if n.flags & FLAG_ABBR != 0 && n.name.ends_with('.') && !n.name.contains(' ') {
        return false;
    }
    let primary = n.lang.split('-').next().unwrap_or("");
    n.name == p.name
        || n.curated
        || STRONG_LANGS.contains(&primary)
        || short == Some(n.name.as_str())
}

/// Generic words that end the display names of administrative units and
/// cities ("Tavush Province", "Sharjah Emirate", "Sharjah city"): the name
/// without one is how text calls the place.
const DESIGNATORS: [&str; 16] = [
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
fn short_display_name<'p>(places: &'p [PlaceRow], parents: &[u32], pi: usize) -> Option<&'p str> {
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

/// Among the homonyms of one key, a region ranks above populated places, except
/// a place of its own country that lies in it, or any of its own country when
/// the key is not the region's display name: "Yerevan" is the city before the
/// province of the same name, "Shusha" the town before the city-district
/// "Shusha City", while "Washington" is the state (whose name it is) and
/// "Georgia" the US state still ranks above a Georgia of another country
/// (but see [`WORLD_CITY`]).
/// A city this populous outranks a region of its country named like it, even
/// by the region's own display name: "Washington" is D.C. before the state,
/// "Buenos Aires", "Hanoi", "Taipei" the cities before their provinces.
const BIG_CITY: u32 = 300_000;

/// A city this populous outranks a region of any country named like it:
/// "Sofia" is Bulgaria's capital before the Sofia region of Madagascar.
const WORLD_CITY: u32 = 1_000_000;

fn prefer_cities_over_their_own_region(
    key: &str,
    list: &mut Vec<u32>,
    name_place: &[u32],
    name_strong: &[bool],
    places: &[PlaceRow],
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
        if tier_of_kind(places[region].kind) == 2 {
            let country = &places[region].country;
            // the key is the region's own display name ("Washington" the state)
            let region_named = display_keys[region] == key;
            if let Some(start) = (i + 1..list.len()).find(|&j| {
                let city = place_of(list[j]);
                let own_country = places[city].country == *country
                    && (parents[city] == region as u32
                        || !region_named
                        || places[city].population >= BIG_CITY);
                populated(city)
                    && name_strong[list[j] as usize] >= name_strong[list[i] as usize]
                    && (own_country || places[city].population >= WORLD_CITY)
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
