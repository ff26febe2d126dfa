//! Phase 1 for GeoNames' dump files (<https://download.geonames.org/export/dump/>,
//! described in its `readme.txt`): the `geoname` table, `alternateNamesV2`,
//! the admin code tables and `hierarchy.txt`, read as they come (plain or
//! zipped), row by row, into the compiler's rows.

use super::{BuildError, Builder};
use crate::compile::{NameRow, Origin, PlaceRow};
use crate::date::{Date, Period};
use crate::layout::*;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Rows between two progress reports.
const REPORT_EVERY: u64 = 100_000;

/// Longest name kept, in bytes (GeoNames' names are at most 200 characters;
/// a longer field is a damaged row).
const MAX_NAME: usize = 1000;

/// What the GeoNames readers keep between files.
pub(super) struct State {
    /// Whether to keep the `alternatenames` column (`Builder::alternatenames_column`).
    pub(super) use_column: bool,
    /// Index in `source.places` of each GeoNames id read.
    by_geonames_id: HashMap<u32, u32>,
    /// Admin codes (`CC`, `CC.A1`, `CC.A1.A2`) → the id of the place they
    /// stand for (from ADM1/ADM2/PCL* rows and the admin code tables).
    admin: HashMap<String, String>,
    /// Parents given by `hierarchy.txt` (child id → parent id).
    hierarchy: HashMap<u32, u32>,
    /// Whether `alternateNamesV2` was read (then the `alternatenames` column
    /// of the geoname table, the same names without languages, is not used).
    alternate_names_read: bool,
    /// The `alternatenames` column of each place, until `finish` knows
    /// whether to use it.
    plain_names: Vec<(u32, String)>,
    /// English preferred names, which become display names.
    english: HashMap<u32, String>,
}

impl Default for State {
    fn default() -> Self {
        State {
            use_column: true,
            by_geonames_id: HashMap::new(),
            admin: HashMap::new(),
            hierarchy: HashMap::new(),
            alternate_names_read: false,
            plain_names: Vec::new(),
            english: HashMap::new(),
        }
    }
}

/// The lines of a file: a plain text file, or the text file inside a zip
/// archive (the one named like the archive, e.g. `allCountries.txt` in
/// `allCountries.zip`, else the largest).
fn open_lines(path: &Path) -> Result<(String, Box<dyn BufRead>), BuildError> {
    let shown = path.display().to_string();
    let fail = |e: &dyn std::fmt::Display| BuildError(format!("{shown}: {e}"));
    let file = std::fs::File::open(path).map_err(|e| fail(&e))?;
    if file.metadata().map_err(|e| fail(&e))?.is_dir() {
        return Err(fail(&"is a directory, expected a GeoNames file"));
    }
    let is_zip = path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("zip"));
    if !is_zip {
        return Ok((shown, Box::new(BufReader::with_capacity(1 << 20, file))));
    }
    let mut archive = zip::ZipArchive::new(file).map_err(|e| fail(&e))?;
    let stem = path
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    let wanted = format!("{stem}.txt");
    let mut best: Option<(usize, u64)> = None;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|e| fail(&e))?;
        let name = entry.name().to_string();
        if name == wanted {
            best = Some((i, u64::MAX));
            break;
        }
        if name.ends_with(".txt") && best.is_none_or(|(_, size)| entry.size() > size) {
            best = Some((i, entry.size()));
        }
    }
    let (i, _) = best.ok_or_else(|| fail(&"no .txt file inside the zip archive"))?;
    // The entry's bytes are read straight from the file and inflated with
    // flate2 (the archive's own entry reader borrows the archive, which a
    // boxed line reader cannot).
    let entry = archive.by_index_raw(i).map_err(|e| fail(&e))?;
    let (inner, start, size, method) = (
        entry.name().to_string(),
        entry.data_start(),
        entry.compressed_size(),
        entry.compression(),
    );
    drop(entry);
    let mut file = archive.into_inner();
    std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(start)).map_err(|e| fail(&e))?;
    let raw = BufReader::with_capacity(1 << 20, file.take(size));
    let reader: Box<dyn Read> = match method {
        zip::CompressionMethod::Stored => Box::new(raw),
        zip::CompressionMethod::Deflated => Box::new(flate2::bufread::DeflateDecoder::new(raw)),
        other => {
            return Err(fail(&format!(
                "{inner}: compression {other} is not supported (deflate or stored)"
            )))
        }
    };
    Ok((
        format!("{shown}:{inner}"),
        Box::new(BufReader::with_capacity(1 << 20, reader)),
    ))
}

/// A file's name as shown in messages, shared by its rows' origins.
struct Shown(std::sync::Arc<str>);

/// Calls `row` with each line's 1-based number and tab-separated fields
/// (a final CR dropped); a line that is not UTF-8 is a bad row.
fn each_row(
    b: &mut Builder,
    path: &Path,
    mut row: impl FnMut(&mut Builder, &Shown, u64, &[&str]) -> Result<(), BuildError>,
) -> Result<(), BuildError> {
    let (shown, mut lines) = open_lines(path)?;
    let shown = Shown(shown.as_str().into());
    let short = path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    let mut buf = Vec::new();
    let mut n = 0u64;
    loop {
        buf.clear();
        let read = lines
            .read_until(b'\n', &mut buf)
            .map_err(|e| BuildError(format!("{}: line {}: {e}", shown.0, n + 1)))?;
        if read == 0 {
            break;
        }
        n += 1;
        if n % REPORT_EVERY == 0 {
            b.report_rows(&short, n);
        }
        let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() || line.starts_with(b"#") {
            continue;
        }
        let Ok(line) = std::str::from_utf8(line) else {
            b.bad_row(&shown.0, n, "not UTF-8")?;
            continue;
        };
        let fields: Vec<&str> = line.split('\t').collect();
        row(b, &shown, n, &fields)?;
    }
    b.report_rows(&short, n);
    Ok(())
}

/// The kind of a GeoNames feature (class and code, see GeoNames'
/// `featureCodes_en.txt`), with a populated place's size deciding between
/// city (10,000+ or a capital), town (1,000+) and village, as `tools/import.py`
/// does for the embedded data.
fn kind_of(class: &str, code: &str, population: u32) -> &'static str {
    match (class, code) {
        ("A", c) if c.starts_with("PCL") || c == "TERR" => "country",
        ("A", "ADM1" | "ADM1H") => "region",
        ("A", c) if c.starts_with("ADM") => "district",
        ("L", "CONT") => "continent",
        ("P", c) if population >= 10_000 || c == "PPLC" => "city",
        ("P", _) if population >= 1_000 => "town",
        ("P", _) => "village",
        ("H", "STM" | "STMI" | "STMA" | "STMS" | "STMX") => "river",
        ("T", "MT" | "MTS" | "PK" | "PKS" | "VLC" | "HLL" | "HLLS") => "mountain",
        ("R", c) if c.starts_with("RD") || c == "TRL" => "road",
        ("S", "BDG") => "bridge",
        ("S", "PSTB" | "CSTM") => "checkpoint",
        _ => "other",
    }
}

/// Index of `kind` in the image's kind codes.
fn kind_code(kind: &str) -> u8 {
    KIND_NAMES
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(KIND_NAMES.len() - 1) as u8
}

/// Reads a `geoname` table: 19 columns (geonameid, name, asciiname,
/// alternatenames, latitude, longitude, feature class, feature code, country
/// code, cc2, admin1..admin4 codes, population, elevation, dem, timezone,
/// modification date).
pub(super) fn read_places(b: &mut Builder, path: &Path) -> Result<(), BuildError> {
    each_row(b, path, |b, file, n, f| {
        if f.len() != 19 {
            let why = format!(
                "expected the 19 columns of a GeoNames table, found {}",
                f.len()
            );
            return b.bad_row(&file.0, n, &why);
        }
        let Some(gid) = f[0].parse::<u32>().ok().filter(|&g| g > 0) else {
            return b.bad_row(&file.0, n, &format!("bad geonameid `{}`", f[0]));
        };
        let name = f[1].trim();
        if name.is_empty() || name.len() > MAX_NAME || crate::normalize::normalize(name).is_empty()
        {
            return b.bad_row(
                &file.0,
                n,
                &format!("geonameid {gid}: unusable name `{name}`"),
            );
        }
        let coord = |s: &str, max: f32| s.parse::<f32>().ok().filter(|v| v.abs() <= max);
        let (Some(lat), Some(lon)) = (coord(f[4], 90.0), coord(f[5], 180.0)) else {
            return b.bad_row(
                &file.0,
                n,
                &format!("geonameid {gid}: bad latitude/longitude"),
            );
        };
        let population = match f[14] {
            "" => 0,
            p => match p.parse::<u64>() {
                Ok(v) => v.min(u32::MAX as u64) as u32,
                Err(_) => {
                    return b.bad_row(
                        &file.0,
                        n,
                        &format!("geonameid {gid}: bad population `{p}`"),
                    )
                }
            },
        };
        let country = f[8];
        let country = if country.len() == 2 && country.bytes().all(|c| c.is_ascii_uppercase()) {
            country
        } else {
            ""
        };
        let (class, code) = (f[6], f[7]);
        let kind = kind_of(class, code, population);
        let id = format!("gn:{gid}");
        if b.geonames.by_geonames_id.contains_key(&gid) {
            return b.bad_row(&file.0, n, &format!("duplicate geonameid {gid}"));
        }
        // Admin codes this row stands for, and the code of its parent
        // (resolved in `finish`, when every row is known).
        let (a1, a2) = (f[10], f[11]);
        let own_code = match (class, code) {
            ("A", c) if (c.starts_with("PCL") || c == "TERR") && !country.is_empty() => {
                Some(country.to_string())
            }
            ("A", "ADM1") if !a1.is_empty() => Some(format!("{country}.{a1}")),
            ("A", "ADM2") if !a2.is_empty() => Some(format!("{country}.{a1}.{a2}")),
            _ => None,
        };
        if let Some(c) = own_code {
            // the first row claiming a code keeps it (PCLI before PCLD…)
            let first_pcl = code == "PCLI";
            let entry = b.geonames.admin.entry(c);
            match entry {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(id.clone());
                }
                std::collections::hash_map::Entry::Occupied(mut o) if first_pcl => {
                    o.insert(id.clone());
                }
                _ => {}
            }
        }
        let parent = match kind {
            "country" | "continent" => String::new(),
            "region" => format!("@{country}"),
            "district" if code == "ADM2" => format!("@{country}.{a1}"),
            _ => format!("@{country}.{a1}.{a2}"),
        };
        let index = b.source.places.len() as u32;
        b.geonames.by_geonames_id.insert(gid, index);
        if b.geonames.use_column && !b.geonames.alternate_names_read && !f[3].is_empty() {
            b.geonames.plain_names.push((index, f[3].to_string()));
        }
        b.source.places.push(PlaceRow {
            id,
            kind: kind_code(kind),
            name: name.to_string(),
            country: country.to_string(),
            parent,
            lat,
            lon,
            coords: COORDS_SOURCE,
            seat: String::new(),
            population,
            geonames_id: gid,
            wikidata: 0,
            origin: Origin::new(&file.0, n),
        });
        Ok(())
    })
}

/// A GeoNames `from`/`to` value: a date (`1924`, `1924-03`, `1924-03-15`)
/// as precise as it is given, or its year when the rest is unreadable; `None`
/// when empty or no year can be read.
fn date(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Ok(d) = s.parse::<Date>() {
        return Some(d);
    }
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len())
        .min(4);
    let y = digits[..end].parse::<i16>().ok().filter(|_| end > 0)?;
    Date::new(if neg { -y } else { y }, None, None).ok()
}

/// GeoNames' isolanguage as a language tag: `fr_1793` → `fr-1793`; a code
/// that cannot be a tag becomes unknown (empty).
fn language(code: &str) -> String {
    let tag = code.replace('_', "-");
    if tag.len() <= 35 && tag.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-') {
        tag
    } else {
        String::new()
    }
}

/// Reads `alternateNamesV2.txt`: alternateNameId, geonameid, isolanguage,
/// alternate name, isPreferredName, isShortName, isColloquial, isHistoric,
/// from, to (the older 8-column `alternateNames.txt` is read too).
pub(super) fn read_alternate_names(b: &mut Builder, path: &Path) -> Result<(), BuildError> {
    b.geonames.alternate_names_read = true;
    each_row(b, path, |b, file, n, f| {
        if f.len() != 10 && f.len() != 8 {
            let why = format!(
                "expected the 10 columns of alternateNamesV2, found {}",
                f.len()
            );
            return b.bad_row(&file.0, n, &why);
        }
        let Ok(gid) = f[1].parse::<u32>() else {
            return b.bad_row(&file.0, n, &format!("bad geonameid `{}`", f[1]));
        };
        let Some(&place) = b.geonames.by_geonames_id.get(&gid) else {
            return Ok(()); // a place not in this image
        };
        let text = f[3].trim();
        let flag = |i: usize, bit: u8| if f.get(i) == Some(&"1") { bit } else { 0 };
        let mut flags = flag(4, FLAG_PREFERRED)
            | flag(5, FLAG_SHORT)
            | flag(6, FLAG_COLLOQUIAL)
            | flag(7, FLAG_HISTORIC);
        let lang = match f[2] {
            "wkdt" => {
                if let Some(q) = text.strip_prefix('Q').and_then(|q| q.parse::<u32>().ok()) {
                    b.source.places[place as usize].wikidata = q;
                }
                return Ok(());
            }
            // not names: links, postal codes, airport and station codes…
            "link" | "post" | "iata" | "icao" | "faac" | "unlc" | "tcid" | "phon" | "piny" => {
                return Ok(());
            }
            "abbr" => {
                flags |= FLAG_ABBR;
                String::new()
            }
            code => language(code),
        };
        if text.is_empty() || text.len() > MAX_NAME || crate::normalize::normalize(text).is_empty()
        {
            return b.bad_row(
                &file.0,
                n,
                &format!("geonameid {gid}: unusable name `{text}`"),
            );
        }
        let (from, until) = (date(f.get(8).unwrap_or(&"")), date(f.get(9).unwrap_or(&"")));
        // (a period that ends before it starts says nothing)
        let period = Period::new(from, until).unwrap_or_default();
        let id = b.source.places[place as usize].id.clone();
        if lang == "en" && flags & FLAG_PREFERRED != 0 && flags & FLAG_HISTORIC == 0 {
            b.geonames
                .english
                .entry(place)
                .or_insert_with(|| text.to_string());
        }
        b.source.names.push(NameRow {
            id,
            lang,
            flags,
            period,
            name: text.to_string(),
            curated: false,
            again: false,
            side: false,
            origin: Origin::new(&file.0, n),
        });
        Ok(())
    })
}

/// Reads `admin1CodesASCII.txt` or `admin2Codes.txt`: code, name, ASCII
/// name, geonameid.
pub(super) fn read_admin_codes(b: &mut Builder, path: &Path) -> Result<(), BuildError> {
    each_row(b, path, |b, file, n, f| {
        match (f.len(), f.get(3).and_then(|g| g.parse::<u32>().ok())) {
            (4, Some(gid)) if !f[0].is_empty() => {
                b.geonames
                    .admin
                    .insert(f[0].to_string(), format!("gn:{gid}"));
                Ok(())
            }
            _ => b.bad_row(&file.0, n, "expected code, name, ASCII name and geonameid"),
        }
    })
}

/// Reads `hierarchy.txt`: parent id, child id, type; `ADM` (or untyped)
/// links give parents.
pub(super) fn read_hierarchy(b: &mut Builder, path: &Path) -> Result<(), BuildError> {
    each_row(b, path, |b, file, n, f| {
        let ids = (
            f.first().and_then(|p| p.parse::<u32>().ok()),
            f.get(1).and_then(|c| c.parse::<u32>().ok()),
        );
        match (f.len(), ids) {
            (2 | 3, (Some(parent), Some(child))) => {
                if matches!(f.get(2), None | Some(&"ADM") | Some(&"")) {
                    b.geonames.hierarchy.entry(child).or_insert(parent);
                }
                Ok(())
            }
            _ => b.bad_row(&file.0, n, "expected parent id, child id and type"),
        }
    })
}

/// After every file is read: parents from admin codes (the nearest level
/// known: ADM2, else ADM1, else the country) and from the hierarchy; English
/// display names; the `alternatenames` column when no alternateNamesV2 was
/// read.
pub(super) fn finish(b: &mut Builder) {
    let g = std::mem::take(&mut b.geonames);
    b.geonames.use_column = g.use_column;
    for p in &mut b.source.places {
        let Some(code) = p.parent.strip_prefix('@') else {
            continue;
        };
        let mut code = code;
        let mut parent = String::new();
        loop {
            if let Some(id) = g.admin.get(code).filter(|id| **id != p.id) {
                parent = id.clone();
                break;
            }
            match code.rfind('.') {
                Some(i) => code = &code[..i],
                None => break,
            }
        }
        p.parent = parent;
    }
    for (child, parent) in &g.hierarchy {
        if let (Some(&c), true) = (
            g.by_geonames_id.get(child),
            g.by_geonames_id.contains_key(parent),
        ) {
            b.source.places[c as usize].parent = format!("gn:{parent}");
        }
    }
    // The English preferred name becomes the display name; GeoNames' own
    // name (often the local one) stays a name of the place.
    for (place, name) in g.english {
        let p = &mut b.source.places[place as usize];
        let local = std::mem::replace(&mut p.name, name);
        b.source.names.push(NameRow {
            id: p.id.clone(),
            lang: String::new(),
            flags: 0,
            period: Period::default(),
            name: local,
            curated: false,
            again: false,
            side: false,
            origin: p.origin.clone(),
        });
    }
    if !g.alternate_names_read {
        for (place, names) in g.plain_names {
            let p = &b.source.places[place as usize];
            for name in names.split(',').map(str::trim) {
                if name.is_empty()
                    || name.len() > MAX_NAME
                    || crate::normalize::normalize(name).is_empty()
                {
                    continue;
                }
                let row = NameRow {
                    id: p.id.clone(),
                    lang: String::new(),
                    flags: 0,
                    period: Period::default(),
                    name: name.to_string(),
                    curated: false,
                    again: false,
                    side: false,
                    origin: p.origin.clone(),
                };
                b.source.names.push(row);
            }
        }
    }
}
