//! Owned, serialisable records of places and names.

use crate::date::Date;
use crate::gazetteer::{Flag, Name, Place};
use crate::kind::Kind;

/// An owned copy of a [`Place`] with all its names, for serialisation
/// (`Serialize` and `Deserialize` with the `serde` feature).
///
/// ```
/// let gaz = toponym::Gazetteer::embedded();
/// let rec = gaz.get("gn:147625").unwrap().to_record();
/// assert_eq!(rec.kind, toponym::Kind::Town);
/// assert!(rec.names.iter().any(|n| n.name == "Berdzor"));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PlaceRecord {
    /// Canonical id (`gn:…` or `tp:…`).
    pub id: String,
    /// Kind of place.
    pub kind: Kind,
    /// Default display name.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// Id of the enclosing place.
    pub parent: Option<String>,
    /// Latitude in degrees.
    pub lat: Option<f64>,
    /// Longitude in degrees.
    pub lon: Option<f64>,
    /// Where `lat`/`lon` come from ([`crate::CoordinateSource::as_str`]).
    pub coords: Option<String>,
    /// Population.
    pub population: Option<u64>,
    /// GeoNames id.
    pub geonames_id: Option<u32>,
    /// Wikidata item (`Q…`).
    pub wikidata: Option<String>,
    /// All names.
    pub names: Vec<NameRecord>,
}

/// An owned copy of a [`Name`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct NameRecord {
    /// The name as written.
    pub name: String,
    /// BCP 47 language tag, empty when unknown.
    pub lang: String,
    /// Flags, in the order of [`Flag::ALL`].
    pub flags: Vec<Flag>,
    /// When the name came into use, as precisely as known.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub from: Option<Date>,
    /// When the name went out of use, as precisely as known.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub until: Option<Date>,
}

impl From<Name<'_>> for NameRecord {
    fn from(n: Name<'_>) -> NameRecord {
        NameRecord {
            name: n.text().to_string(),
            lang: n.lang().to_string(),
            flags: n.flags().collect(),
            from: n.from(),
            until: n.until(),
        }
    }
}

impl Place<'_> {
    /// An owned, serialisable copy of the place and its names.
    pub fn to_record(&self) -> PlaceRecord {
        let coords = self.coordinates();
        PlaceRecord {
            id: self.id().to_string(),
            kind: self.kind(),
            name: self.name().to_string(),
            country: self.country().map(str::to_string),
            parent: self.parent().map(|p| p.id().to_string()),
            lat: coords.map(|c| c.0),
            lon: coords.map(|c| c.1),
            coords: self.coordinate_source().map(|c| c.as_str().to_string()),
            population: self.population(),
            geonames_id: self.geonames_id(),
            wikidata: self.wikidata(),
            names: self.names().map(NameRecord::from).collect(),
        }
    }
}

/// A date serialises as its text (`"1991-12-26"`, `"1985"`); here, not
/// in `date.rs`, which the build script compiles without serde.
#[cfg(feature = "serde")]
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}
