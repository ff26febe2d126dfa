//! Building gazetteer images at run time, for a world bigger than the
//! embedded one: from GeoNames' own dump files ([`Builder::geonames`] and
//! its companions) or from tables in the project's format
//! ([`Builder::tables`], `data/FORMAT.md`), compiled by the very pipeline the
//! build script runs on `data/` (`src/compile/`). The curated part of
//! `data/` (the overlay of contested names, the macro-regions) goes into
//! every image unless [`Builder::overlay`] turns it off.
//!
//! ```no_run
//! use toponym::builder::Builder;
//!
//! let mut b = Builder::new();
//! b.geonames("allCountries.zip")?
//!     .alternate_names("alternateNamesV2.zip")?
//!     .admin1("admin1CodesASCII.txt")?
//!     .admin2("admin2Codes.txt")?;
//! let built = b.build()?;
//! built.write("world.toponym")?;
//! let image = toponym::Image::open("world.toponym")?;
//! assert!(image.gazetteer().resolve("Stepanakert").is_some());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod geonames;

use crate::compile::{self, tsv, Source};
use std::collections::HashSet;
use std::fmt;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/curated.rs"));

/// The `tp:` places of `data/world/places.tsv` (macro-regions, corridors…).
const CURATED_PLACES: &str = include_str!(concat!(env!("OUT_DIR"), "/curated_places.tsv"));
/// The names of those places, from `data/world/names.tsv`.
const CURATED_NAMES: &str = include_str!(concat!(env!("OUT_DIR"), "/curated_names.tsv"));

/// Most bad rows quoted in [`Built::skipped`] (all are counted).
const MAX_QUOTED: usize = 30;

/// What hears a build's progress.
type ProgressFn = Box<dyn FnMut(&Progress) + Send>;

/// Reads source files and compiles them into an image.
pub struct Builder {
    source: Source,
    geonames: geonames::State,
    overlay: bool,
    strict: bool,
    progress: Option<ProgressFn>,
    skipped: Skipped,
    inputs: Vec<String>,
}

impl fmt::Debug for Builder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder")
            .field("places", &self.source.places.len())
            .field("names", &self.source.names.len())
            .field("overlay", &self.overlay)
            .field("strict", &self.strict)
            .finish()
    }
}

/// Where a build is: the phase and, while reading a file, the rows read.
#[derive(Clone, Debug)]
pub struct Progress {
    /// `read <file>`, then `merge`, `rank`, `hash`, `index`, `write`.
    pub phase: String,
    /// Rows read so far from the current file (0 in the later phases).
    pub rows: u64,
}

/// Bad rows skipped: how many, and the first few messages (file:line: why).
#[derive(Clone, Debug, Default)]
pub struct Skipped {
    /// Rows skipped in all.
    pub count: u64,
    /// The first messages, each naming file and line.
    pub first: Vec<String>,
}

/// A compiled image, with what went into it.
#[derive(Debug)]
pub struct Built {
    compiled: compile::Compiled,
    /// One line: places, names, keys, languages, image size, data version.
    pub summary: String,
    /// Bad rows skipped (none with [`Builder::strict`]).
    pub skipped: Skipped,
}

impl Built {
    /// The image in memory, for [`crate::Gazetteer::from_bytes`] or
    /// [`crate::Image::from_vec`].
    pub fn image(&self) -> Result<Vec<u8>, BuildError> {
        self.compiled.image().map_err(BuildError)
    }

    /// The image's size in bytes.
    pub fn len(&self) -> usize {
        self.compiled.len()
    }

    /// Always false: an image has at least its header.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Writes the image to `path` (section by section: a big image is not
    /// copied in memory), through a temporary file beside it and a rename,
    /// so that a process with the old image open keeps reading a whole file.
    pub fn write(&self, path: impl AsRef<Path>) -> Result<(), BuildError> {
        let path = path.as_ref();
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        let fail = |e: &dyn fmt::Display| BuildError(format!("{}: {e}", path.display()));
        let file = std::fs::File::create(&tmp).map_err(|e| fail(&e))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
        self.compiled.write_to(&mut w).map_err(|e| fail(&e))?;
        std::io::Write::flush(&mut w).map_err(|e| fail(&e))?;
        drop(w);
        std::fs::rename(&tmp, path).map_err(|e| fail(&e))
    }
}

/// Why a build failed: the first messages, each naming file and line.
#[derive(Debug, Clone)]
pub struct BuildError(String);

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BuildError {}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

impl Builder {
    /// A builder with nothing read yet, the curated overlay on, bad rows
    /// skipped.
    pub fn new() -> Builder {
        Builder {
            source: Source::default(),
            geonames: geonames::State::default(),
            overlay: true,
            strict: false,
            progress: None,
            skipped: Skipped::default(),
            inputs: Vec::new(),
        }
    }

    /// Whether the curated part of `data/` (the overlay of contested names,
    /// the macro-regions) goes into the image; on by default.
    pub fn overlay(&mut self, on: bool) -> &mut Self {
        self.overlay = on;
        self
    }

    /// Whether a bad row fails the build (`true`) or is skipped and counted
    /// (`false`, the default).
    pub fn strict(&mut self, on: bool) -> &mut Self {
        self.strict = on;
        self
    }

    /// Calls `f` as the build goes: every 100,000 rows read, and at each
    /// phase.
    pub fn on_progress(&mut self, f: impl FnMut(&Progress) + Send + 'static) -> &mut Self {
        self.progress = Some(Box::new(f));
        self
    }

    /// Whether the names of the geoname table's `alternatenames` column (the
    /// same names as alternateNamesV2, without languages) are used when no
    /// alternate names file is read; on by default. Turn it off when an
    /// alternate names file will be read, to save their memory while the
    /// table is read (`toponym build` does).
    pub fn alternatenames_column(&mut self, on: bool) -> &mut Self {
        self.geonames.use_column = on;
        self
    }

    /// Reads places from a GeoNames `geoname` table: `allCountries.txt`, a
    /// country's `XX.txt` or `citiesN.txt` (19 tab-separated columns), plain
    /// or zipped as GeoNames serves it. May be called for several files.
    pub fn geonames(&mut self, path: impl AsRef<Path>) -> Result<&mut Self, BuildError> {
        let path = path.as_ref();
        self.note_input(path);
        geonames::read_places(self, path)?;
        Ok(self)
    }

    /// Reads names from GeoNames' `alternateNamesV2.txt` (10 columns, plain or
    /// zipped): languages, the preferred/short/colloquial/historic flags and
    /// from/to periods; `abbr` rows become abbreviations, `wkdt` rows the
    /// Wikidata id; the other pseudo-languages (links, postal and airport
    /// codes) are left out. Names of places not read are ignored, so read
    /// the geoname tables first.
    pub fn alternate_names(&mut self, path: impl AsRef<Path>) -> Result<&mut Self, BuildError> {
        let path = path.as_ref();
        self.note_input(path);
        geonames::read_alternate_names(self, path)?;
        Ok(self)
    }

    /// Reads `admin1CodesASCII.txt` (`CC.A1`, name, ASCII name, geonameid):
    /// which place a first-level code stands for, for parents.
    pub fn admin1(&mut self, path: impl AsRef<Path>) -> Result<&mut Self, BuildError> {
        geonames::read_admin_codes(self, path.as_ref())?;
        Ok(self)
    }

    /// Reads `admin2Codes.txt` (`CC.A1.A2`, name, ASCII name, geonameid).
    pub fn admin2(&mut self, path: impl AsRef<Path>) -> Result<&mut Self, BuildError> {
        geonames::read_admin_codes(self, path.as_ref())?;
        Ok(self)
    }

    /// Reads `hierarchy.txt` (parent, child, type): administrative (`ADM`)
    /// links override the parents the admin codes give.
    pub fn hierarchy(&mut self, path: impl AsRef<Path>) -> Result<&mut Self, BuildError> {
        geonames::read_hierarchy(self, path.as_ref())?;
        Ok(self)
    }

    /// Reads a places table and a names table in the project's format
    /// (`data/FORMAT.md`), for sources converted into it. A bad row fails the
    /// build, as it does for `data/`.
    pub fn tables(
        &mut self,
        places: impl AsRef<Path>,
        names: impl AsRef<Path>,
    ) -> Result<&mut Self, BuildError> {
        let (places, names) = (places.as_ref(), names.as_ref());
        self.note_input(places);
        let shown = |p: &Path| p.display().to_string();
        let pt =
            tsv::Table::read(places, &shown(places), &tsv::PLACE_COLUMNS).map_err(BuildError)?;
        let nt = tsv::Table::read(names, &shown(names), &tsv::NAME_COLUMNS).map_err(BuildError)?;
        tsv::add_tables(&mut self.source, &pt, &nt).map_err(BuildError)?;
        Ok(self)
    }

    /// Merges, ranks, hashes and indexes what was read into an image.
    pub fn build(mut self) -> Result<Built, BuildError> {
        geonames::finish(&mut self);
        if self.overlay {
            self.add_curated()?;
        }
        self.drop_dangling_references();
        self.source.version = self.version();
        let mut progress = self.progress.take();
        let mut report = |phase: &str| {
            if let Some(f) = progress.as_mut() {
                f(&Progress {
                    phase: phase.to_string(),
                    rows: 0,
                });
            }
        };
        if self.source.places.is_empty() {
            return Err(BuildError("no places read: nothing to build".into()));
        }
        let compiled = compile::compile(self.source, &mut report).map_err(BuildError)?;
        Ok(Built {
            summary: compiled.summary.clone(),
            compiled,
            skipped: self.skipped,
        })
    }

    /// A bad row: an error when strict, else counted (and quoted, up to a
    /// point).
    pub(crate) fn bad_row(&mut self, file: &str, line: u64, why: &str) -> Result<(), BuildError> {
        let msg = format!("{file}:{line}: {why}");
        if self.strict {
            return Err(BuildError(msg));
        }
        self.skipped.count += 1;
        if self.skipped.first.len() < MAX_QUOTED {
            self.skipped.first.push(msg);
        }
        Ok(())
    }

    /// Reports `rows` read from `file`.
    pub(crate) fn report_rows(&mut self, file: &str, rows: u64) {
        if let Some(f) = self.progress.as_mut() {
            f(&Progress {
                phase: format!("read {file}"),
                rows,
            });
        }
    }

    fn note_input(&mut self, path: &Path) {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        self.inputs.push(name.into_owned());
    }

    /// The data version stored in the image: what it was built from.
    fn version(&self) -> String {
        let mut v = format!("built from {}", self.inputs.join(" "));
        if self.overlay {
            v.push_str(&format!(" + overlay {}", crate::DATA_VERSION));
        }
        // a string of the image holds at most 64 KiB
        if v.len() > 1000 {
            let cut = (0..=1000)
                .rev()
                .find(|&i| v.is_char_boundary(i))
                .unwrap_or(0);
            v.truncate(cut);
            v.push('…');
        }
        v
    }

    /// Adds the curated part of `data/`: the `tp:` places and their names,
    /// then the overlay, which refines the places read (a row refining a
    /// place this image lacks is left out).
    fn add_curated(&mut self) -> Result<(), BuildError> {
        let table = |text: &str, file: &str, cols: &[&str]| {
            tsv::Table::parse(text, file, cols).map_err(BuildError)
        };
        let places = table(CURATED_PLACES, "data/world/places.tsv", &tsv::PLACE_COLUMNS)?;
        let names = table(CURATED_NAMES, "data/world/names.tsv", &tsv::NAME_COLUMNS)?;
        let mut curated = Source::default();
        tsv::add_tables(&mut curated, &places, &names).map_err(BuildError)?;
        // the curated places the sources already hold (a --places table may)
        let ids: HashSet<&str> = curated.places.iter().map(|p| p.id.as_str()).collect();
        let held: HashSet<String> = self
            .source
            .places
            .iter()
            .filter(|p| ids.contains(p.id.as_str()))
            .map(|p| p.id.clone())
            .collect();
        drop(ids);
        curated.places.retain(|p| !held.contains(&p.id));
        curated.names.retain(|n| !held.contains(&n.id));
        self.source.places.append(&mut curated.places);
        self.source.names.append(&mut curated.names);
        let mut place_tables = Vec::new();
        let mut name_tables = Vec::new();
        for (file, text) in OVERLAY_TABLES {
            if file.ends_with("_places.tsv") {
                place_tables.push(table(text, file, &tsv::OVERLAY_PLACE_COLUMNS)?);
            } else if file.ends_with("_names.tsv") {
                name_tables.push(table(text, file, &tsv::NAME_COLUMNS)?);
            }
        }
        tsv::merge_overlay(&mut self.source, &place_tables, &name_tables, true)
            .map_err(BuildError)?;
        self.fold_curated_into_geonames();
        Ok(())
    }

    /// A curated `tp:` place that records the GeoNames id of a place the
    /// sources hold (a macro-region of allCountries) is that place: its names
    /// and the references to it move to the `gn:` place, which takes its
    /// kind (GeoNames files a macro-region as a generic region) and, if it
    /// has none, its parent.
    fn fold_curated_into_geonames(&mut self) {
        let source = &mut self.source;
        let ids: HashSet<&str> = source.places.iter().map(|p| p.id.as_str()).collect();
        let moves: std::collections::HashMap<String, String> = source
            .places
            .iter()
            .filter(|p| p.id.starts_with("tp:") && p.geonames_id != 0)
            .map(|p| (p.id.clone(), format!("gn:{}", p.geonames_id)))
            .filter(|(_, gn)| ids.contains(gn.as_str()))
            .collect();
        drop(ids);
        if moves.is_empty() {
            return;
        }
        let curated: std::collections::HashMap<String, (u8, String)> = source
            .places
            .iter()
            .filter_map(|p| Some((moves.get(&p.id)?.clone(), (p.kind, p.parent.clone()))))
            .collect();
        source.places.retain(|p| !moves.contains_key(&p.id));
        for p in &mut source.places {
            if let Some((kind, parent)) = curated.get(&p.id) {
                p.kind = *kind;
                if p.parent.is_empty() {
                    p.parent = parent.clone();
                }
            }
        }
        for p in &mut source.places {
            for id in [&mut p.parent, &mut p.seat] {
                if let Some(to) = moves.get(id.as_str()) {
                    *id = to.clone();
                }
            }
        }
        for n in &mut source.names {
            if let Some(to) = moves.get(&n.id) {
                n.id = to.clone();
            }
        }
    }

    /// Names of places the image lacks, and parents or seats it lacks, are
    /// left out: a country's file names parents in other files, and the
    /// overlay names places of the whole world.
    fn drop_dangling_references(&mut self) {
        let source = &mut self.source;
        let known: HashSet<&str> = source.places.iter().map(|p| p.id.as_str()).collect();
        let dangling = |id: &str, own: &str| !id.is_empty() && (id == own || !known.contains(id));
        let bad: Vec<(usize, bool, bool)> = source
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| (i, dangling(&p.parent, &p.id), dangling(&p.seat, &p.id)))
            .filter(|&(_, parent, seat)| parent || seat)
            .collect();
        let keep: Vec<bool> = source
            .names
            .iter()
            .map(|n| known.contains(n.id.as_str()))
            .collect();
        drop(known);
        for (i, parent, seat) in bad {
            if parent {
                source.places[i].parent.clear();
            }
            if seat {
                source.places[i].seat.clear();
            }
        }
        let overlay_start = source.names.len() - source.overlay_names;
        source.overlay_names = keep[overlay_start..].iter().filter(|&&k| k).count();
        let mut i = 0;
        source.names.retain(|_| {
            i += 1;
            keep[i - 1]
        });
    }
}
