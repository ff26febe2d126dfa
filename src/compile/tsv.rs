//! Phase 1 for tables in the project's own format (`data/FORMAT.md`): the
//! TSV reader, row parsers and the merge of the curated overlay.

use super::{Errors, NameRow, Origin, PlaceRow, Source};
use crate::date::Period;
use crate::layout::*;
use crate::normalize;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// One TSV file: header map and rows (1-based line numbers).
pub(crate) struct Table {
    pub(crate) file: String,
    /// `file`, shared by the rows' origins.
    shared_name: std::sync::Arc<str>,
    cols: HashMap<String, usize>,
    pub(crate) rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    pub(crate) fn read(path: &Path, display: &str, required: &[&str]) -> Result<Table, String> {
        let text = fs::read(path).map_err(|e| format!("{display}: cannot read: {e}"))?;
        let text = String::from_utf8(text).map_err(|e| {
            let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            format!("{display}:{line}: invalid UTF-8")
        })?;
        Table::parse(&text, display, required)
    }

    /// A table from its text; `display` names it in messages.
    pub(crate) fn parse(text: &str, display: &str, required: &[&str]) -> Result<Table, String> {
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
            shared_name: display.into(),
            cols,
            rows,
        })
    }

    pub(crate) fn get<'a>(&self, row: &'a [String], col: &str) -> &'a str {
        self.cols.get(col).map_or("", |&i| row[i].trim())
    }
}

pub(crate) fn kind_code(s: &str) -> Option<u8> {
    KIND_NAMES.iter().position(|k| *k == s).map(|i| i as u8)
}

pub(crate) fn valid_id(id: &str) -> bool {
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

pub(crate) fn parse_places(t: &Table, overlay: bool, errors: &mut Errors) -> Vec<PlaceRow> {
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
            origin: Origin::new(&t.shared_name, n as u64),
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

pub(crate) fn parse_names(t: &Table, errors: &mut Errors) -> Vec<NameRow> {
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
        let period = match Period::parse(f("period")) {
            Some(p) => p,
            None => {
                errors.push(
                    &t.file,
                    n,
                    format!(
                        "bad period `{}`: expected years (YYYY, YYYY-YYYY, -YYYY, YYYY-) \
                         or dates FROM/UNTIL (each YYYY, YYYY-MM or YYYY-MM-DD, or empty), \
                         FROM not after UNTIL",
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
            again: false,
            // (the `side` column of overlay/contested_names.tsv)
            side: !f("side").is_empty(),
            origin: Origin::new(&t.shared_name, n as u64),
        });
    }
    out
}

/// The columns a places table must have.
pub(crate) const PLACE_COLUMNS: [&str; 9] = [
    "id",
    "kind",
    "name",
    "country",
    "parent",
    "lat",
    "lon",
    "population",
    "geonames_id",
];
/// The columns an overlay places table must have.
pub(crate) const OVERLAY_PLACE_COLUMNS: [&str; 7] =
    ["id", "kind", "name", "country", "parent", "lat", "lon"];
/// The columns a names table must have.
pub(crate) const NAME_COLUMNS: [&str; 5] = ["id", "lang", "flags", "period", "name"];

/// Phase 1 for `data/`: reads the world table (`places.tsv`, `names.tsv` in
/// `world`, the directory of the `toponym-data` crate, `data/world/` in the
/// repository), `common_words.tsv` and `VERSION`, then the overlay
/// (`overlay/*_places.tsv` override or add places, `*_names.tsv` add curated
/// names).
#[allow(dead_code)] // build.rs reads `data/` with it
pub(crate) fn read_dir(data: &Path, world: &Path) -> Result<Source, String> {
    let places = Table::read(
        &world.join("places.tsv"),
        "data/world/places.tsv",
        &PLACE_COLUMNS,
    )?;
    let names = Table::read(
        &world.join("names.tsv"),
        "data/world/names.tsv",
        &NAME_COLUMNS,
    )?;
    let mut source = Source::default();
    add_tables(&mut source, &places, &names)?;
    let common_path = data.join("common_words.tsv");
    if common_path.exists() {
        let t = Table::read(&common_path, "data/common_words.tsv", &["word"])?;
        source.common_words = t
            .rows
            .iter()
            .map(|(_, row)| t.get(row, "word").to_string())
            .collect();
    }
    let version = fs::read_to_string(data.join("VERSION")).unwrap_or_default();
    source.version = version.trim().to_string();

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
    let place_tables = overlay("_places.tsv", &OVERLAY_PLACE_COLUMNS)?;
    let name_tables = overlay("_names.tsv", &NAME_COLUMNS)?;
    merge_overlay(&mut source, &place_tables, &name_tables, false)?;
    Ok(source)
}

/// Adds the rows of a places table and a names table in the project's
/// format to `source`; a duplicate place id is an error.
pub(crate) fn add_tables(source: &mut Source, places: &Table, names: &Table) -> Result<(), String> {
    let mut errors = Errors::default();
    let mut more = parse_places(places, false, &mut errors);
    let more_names = parse_names(names, &mut errors);
    errors.into_result()?;
    let mut seen: HashMap<&str, &Origin> = HashMap::new();
    let mut errors = Errors::default();
    for p in source.places.iter().chain(more.iter()) {
        if let Some(first) = seen.insert(&p.id, &p.origin) {
            errors.at(
                &p.origin,
                format!("duplicate id {} (first at {first})", p.id),
            );
        }
    }
    errors.into_result()?;
    source.places.append(&mut more);
    source.names.extend(more_names);
    Ok(())
}

/// Merges the curated overlay into `source`: overlay places override the
/// non-empty fields of a place with the same id or add a new place; overlay
/// names are added as curated (they come first among a place's names).
/// With `partial`, the source need not hold every place the overlay refines
/// (an image built from one country's file): a row that only refines a place
/// the source lacks is skipped instead of being an error.
pub(crate) fn merge_overlay(
    source: &mut Source,
    place_tables: &[Table],
    name_tables: &[Table],
    partial: bool,
) -> Result<(), String> {
    let places = &mut source.places;
    let mut by_id: HashMap<String, usize> = places
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    let mut errors = Errors::default();
    let mut overlay_ids: HashMap<String, Origin> = HashMap::new();
    for t in place_tables {
        for o in parse_places(t, true, &mut errors) {
            if let Some(first) = overlay_ids.insert(o.id.clone(), o.origin.clone()) {
                errors.at(
                    &o.origin,
                    format!("duplicate overlay id {} (first at {first})", o.id),
                );
                continue;
            }
            match by_id.get(&o.id) {
                Some(&i) => places[i].override_with(&o),
                None => {
                    if o.kind == u8::MAX || o.name.is_empty() {
                        if partial {
                            continue;
                        }
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
    // Curated names go last; `group_names` puts them first in each place.
    for t in name_tables {
        let mut more = parse_names(t, &mut errors);
        more.iter_mut().for_each(|n| n.curated = true);
        source.overlay_names += more.len();
        source.names.extend(more);
    }
    errors.into_result()
}

impl PlaceRow {
    /// Takes the non-empty fields of an overlay row.
    fn override_with(&mut self, o: &PlaceRow) {
        if o.kind != u8::MAX {
            self.kind = o.kind;
        }
        if !o.name.is_empty() {
            self.name = o.name.clone();
        }
        if !o.country.is_empty() {
            self.country = o.country.clone();
        }
        if !o.parent.is_empty() {
            self.parent = o.parent.clone();
        }
        if !o.seat.is_empty() {
            self.seat = o.seat.clone();
        }
        if !o.lat.is_nan() && !o.lon.is_nan() {
            self.lat = o.lat;
            self.lon = o.lon;
            self.coords = o.coords;
        }
        if o.population != 0 {
            self.population = o.population;
        }
        if o.wikidata != 0 {
            self.wikidata = o.wikidata;
        }
        if o.geonames_id != 0 {
            self.geonames_id = o.geonames_id;
        }
    }
}
