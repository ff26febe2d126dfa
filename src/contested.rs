//! Contested places: the names each side writes (Stepanakert and Khankendi,
//! Sokhumi and Sukhum), from the `side` column of
//! `data/overlay/contested_names.tsv` (whose rows are also curated names of
//! their places, so that the tagger finds either side's names in text).
//!
//! A side is a convention, named by the language code of its usage: `hy`
//! (Armenian), `az` (Azerbaijani), `ka` (Georgian), `ab` (Abkhaz), `os`
//! (Ossetian). Which places are contested and which names compete is data,
//! keyed by place id, so it serves any image that holds those places. The
//! table is parsed on first use.
//!
//! ```
//! let gaz = toponym::Gazetteer::embedded();
//! let city = gaz.get("gn:146970").unwrap();
//! let c = city.contested().unwrap();
//! assert_eq!(c.side_of("Stepanakert"), Some("hy"));
//! assert_eq!(c.name("az", "en"), Some("Khankendi"));
//! assert_eq!(c.name("hy", "ru"), Some("Степанакерт"));
//! assert!(gaz.get("gn:616052").unwrap().contested().is_none()); // Yerevan
//! ```

use crate::gazetteer::Place;
use crate::normalize::normalize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The table, as built into the crate.
const TABLE: &str = include_str!("../data/overlay/contested_names.tsv");

/// One name of one side.
#[derive(Debug)]
struct Entry {
    side: &'static str,
    lang: &'static str,
    name: &'static str,
    /// The normalised name, to tell which side a written name is.
    key: String,
}

/// Every contested place's names by id, and the sides in table order.
struct Table {
    places: HashMap<&'static str, Vec<Entry>>,
    sides: Vec<&'static str>,
}

fn table() -> &'static Table {
    static TABLE_: OnceLock<Table> = OnceLock::new();
    TABLE_.get_or_init(|| {
        let mut places: HashMap<&'static str, Vec<Entry>> = HashMap::new();
        let mut sides = Vec::new();
        let mut lines = TABLE.lines().filter(|l| !l.starts_with('#'));
        // (build.rs checks the header and every row's columns)
        let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
        let col = |name: &str| header.iter().position(|h| *h == name);
        let (Some(id), Some(side), Some(lang), Some(name)) =
            (col("id"), col("side"), col("lang"), col("name"))
        else {
            return Table { places, sides };
        };
        for line in lines {
            let cells: Vec<&'static str> = line.split('\t').collect();
            let (Some(&id), Some(&side), Some(&lang), Some(&name)) = (
                cells.get(id),
                cells.get(side),
                cells.get(lang),
                cells.get(name),
            ) else {
                continue;
            };
            if !sides.contains(&side) {
                sides.push(side);
            }
            places.entry(id).or_default().push(Entry {
                side,
                lang,
                name,
                key: normalize(name),
            });
        }
        Table { places, sides }
    })
}

/// The sides of the table (`hy`, `az`, `ka`, `ab`, `os`), in table order.
pub fn sides() -> &'static [&'static str] {
    &table().sides
}

/// The competing names of one contested place ([`Place::contested`]).
#[derive(Clone, Copy, Debug)]
pub struct Contested {
    entries: &'static [Entry],
}

impl Contested {
    /// The sides that name the place, in table order.
    pub fn sides(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for e in self.entries {
            if !out.contains(&e.side) {
                out.push(e.side);
            }
        }
        out
    }

    /// The name side `side` writes in language `lang` (a BCP 47 tag; its
    /// primary language counts), else in English.
    pub fn name(&self, side: &str, lang: &str) -> Option<&'static str> {
        let primary = lang.split(['-', '_']).next().unwrap_or(lang);
        let of = |l: &str| {
            self.entries
                .iter()
                .find(|e| e.side == side && e.lang.eq_ignore_ascii_case(l))
                .map(|e| e.name)
        };
        of(lang).or_else(|| of(primary)).or_else(|| of("en"))
    }

    /// The side whose names include `written`: as written (ignoring case)
    /// when exactly one side's do, else compared normalised, when exactly one
    /// side's do (normalised, an Armenian-script spelling of an Azerbaijani
    /// name may equal the Latin one).
    pub fn side_of(&self, written: &str) -> Option<&'static str> {
        let only_one = |same: &dyn Fn(&Entry) -> bool| -> Option<&'static str> {
            let mut found: Option<&'static str> = None;
            for e in self.entries.iter().filter(|e| same(e)) {
                match found {
                    Some(s) if s != e.side => return None,
                    _ => found = Some(e.side),
                }
            }
            found
        };
        let lower = written.to_lowercase();
        let key = normalize(written);
        only_one(&|e: &Entry| e.name.to_lowercase() == lower)
            .or_else(|| only_one(&|e: &Entry| e.key == key))
    }

    /// The name of the side other than the one `written` is in, in `lang`:
    /// the competing name ("Khankendi" for "Stepanakert"); `None` when the
    /// side of `written` is not known or no other side names the place.
    pub fn competing(&self, written: &str, lang: &str) -> Option<&'static str> {
        let side = self.side_of(written)?;
        let other = self.sides().into_iter().find(|s| *s != side)?;
        self.name(other, lang)
    }
}

impl Place<'_> {
    /// The competing names of the place, if it is contested
    /// (`data/overlay/contested_names.tsv`).
    pub fn contested(&self) -> Option<Contested> {
        table().places.get(self.id()).map(|entries| Contested {
            entries: entries.as_slice(),
        })
    }
}
