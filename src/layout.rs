//! The binary layout of a gazetteer image, shared by `build.rs` (which writes it)
//! and the library (which reads it in place, without copying or parsing).
//!
//! An image is little-endian throughout:
//!
//! ```text
//! magic "TOPONYM\0" | u32 format version | u32 section count
//! u32 CRC-32 of every byte after the header | u32 reserved (0)
//! section table: count × (u32 offset, u32 length), offsets from the image start
//! sections, in the order of the `SEC_*` constants
//! ```
//!
//! Strings live in the `STRINGS` section as `u16 length + UTF-8 bytes` and are
//! referred to by their `u32` offset in that section. See DESIGN.md.

/// First bytes of every image.
pub const MAGIC: &[u8; 8] = b"TOPONYM\0";
/// Version of this layout; bumped on any change.
pub const FORMAT_VERSION: u32 = 9;
/// Bytes before the section table.
pub const HEADER_LEN: usize = 24;
/// Byte offset of the format version in the header.
pub const HEADER_VERSION: usize = 8;
/// Byte offset of the section count in the header.
pub const HEADER_SECTIONS: usize = 12;
/// Byte offset of the CRC-32 (IEEE) of the bytes after the header: an image
/// opened at run time is checked against it, so a flipped byte is an error.
pub const HEADER_CHECKSUM: usize = 16;

/// Length-prefixed UTF-8 strings.
pub const SEC_STRINGS: usize = 0;
/// `PLACE_SIZE`-byte place records, sorted by id.
pub const SEC_PLACES: usize = 1;
/// `NAME_SIZE`-byte name records, grouped by place.
pub const SEC_NAMES: usize = 2;
/// `u32` string offsets of the language tags (a name's `lang` indexes this).
pub const SEC_LANGS: usize = 3;
/// Perfect-hash displacements: `(u32, u32)` per bucket.
pub const SEC_DISPS: usize = 4;
/// Perfect-hash slots: `u32` key index per slot.
pub const SEC_SLOTS: usize = 5;
/// `KEY_SIZE`-byte key records.
pub const SEC_KEYS: usize = 6;
/// `u32` name indexes, one run per key, best place first.
pub const SEC_POSTINGS: usize = 7;
/// Metadata: u64 hash key, u32 string offset of the data version.
pub const SEC_META: usize = 8;
/// Trigram index for fuzzy matching: `u32` offsets into `SEC_GRAM_POSTINGS`,
/// one per trigram code plus an end marker (`GRAM_CODES + 1` entries).
pub const SEC_GRAM_OFFSETS: usize = 9;
/// Trigram postings: per trigram, the ids of the keys containing it, ascending,
/// as LEB128 varints of the gaps.
pub const SEC_GRAM_POSTINGS: usize = 10;
/// Key ids are ordered by key length (then text): `u32` id of the first key of
/// each length `0..=GRAM_MAX_LEN + 1`, so fuzzy matching can skip keys whose
/// length rules them out.
pub const SEC_KEY_LEN_STARTS: usize = 11;
/// Bloom filter (`PREFIX_BLOOM_BITS` bits) of the word prefixes of every key
/// that text tagging may match (`nagorno`, `nagorno karabakh`), and of those
/// a longer name continues, with a trailing space (`nagorno `): lets the
/// tagger drop a token that cannot start a name, or skip looking past a
/// word that no name continues, with one hash.
pub const SEC_PREFIX_BLOOM: usize = 12;
/// Common words (normalised keys, sorted, as `u32` string offsets): a tagged
/// mention that is also a common word needs more evidence.
pub const SEC_COMMON_WORDS: usize = 13;
/// Bloom filter (`KEY_BLOOM_BITS` bits) of every key: most guesses fuzzy
/// matching looks up name no key, and one test rejects them.
pub const SEC_KEY_BLOOM: usize = 14;
/// One bit per key id, set when the key is a common word (the keys of
/// `SEC_COMMON_WORDS` that are keys), least significant bit first.
pub const SEC_COMMON_KEYS: usize = 15;
/// Skips into the trigram postings, so that fuzzy matching starts decoding a
/// long list near the keys of the query's length: `u32` entry index of each
/// trigram code's first skip (`GRAM_CODES + 1` entries), then the skips, each
/// `(u32 id, u32 offset)`: after every [`GRAM_SKIP_EVERY`] ids of a list, the
/// last id decoded and the offset in `SEC_GRAM_POSTINGS` where the next begins.
pub const SEC_GRAM_SKIPS: usize = 16;
/// Where the keys of one length and one two-symbol beginning lie: per length
/// `0..=GRAM_MAX_LEN` and per pair of trigram symbols ([`prefix_cell`]), the
/// `(u32 first, u32 end)` key ids of the keys of that length that begin
/// with those two symbols (contiguous, as key ids are ordered by length,
/// then text), `(0, 0)` for none. Fuzzy matching's first pass reads only
/// the keys that share the query's beginning.
pub const SEC_KEY_PREFIXES: usize = 17;
/// Number of sections.
pub const SECTIONS: usize = 18;

/// Cells of [`SEC_KEY_PREFIXES`]: one per key length and pair of symbols.
pub const PREFIX_CELLS: usize = (GRAM_MAX_LEN + 1) * GRAM_SYMBOLS * GRAM_SYMBOLS;

/// The cell of [`SEC_KEY_PREFIXES`] of keys of `len` bytes beginning with
/// the bytes `a`, `b`; `None` past [`GRAM_MAX_LEN`] or outside the trigram
/// alphabet.
pub const fn prefix_cell(len: usize, a: u8, b: u8) -> Option<usize> {
    if len > GRAM_MAX_LEN {
        return None;
    }
    match (gram_symbol(a), gram_symbol(b)) {
        (Some(x), Some(y)) => Some((len * GRAM_SYMBOLS + x as usize) * GRAM_SYMBOLS + y as usize),
        _ => None,
    }
}

/// Ids of a trigram list between two skips.
#[allow(dead_code)] // used by the compiler
pub const GRAM_SKIP_EVERY: usize = 64;

/// Smallest size of the prefix Bloom filter in bits; an image with more
/// prefixes has a bigger one ([`bloom_size`]): the size is the section's.
#[allow(dead_code)] // used by the compiler
pub const PREFIX_BLOOM_BITS: usize = 1 << 21;

/// The FNV-1a 64 offset basis: the hash of no bytes.
pub const FNV_BASIS: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a 64 of `key`, the hash of both Bloom filters.
pub const fn fnv1a(key: &[u8]) -> u64 {
    fnv1a_from(FNV_BASIS, key)
}

/// FNV-1a 64 of `key` continued from the hash `h` of the bytes before it
/// (what a streaming `Hasher` needs).
pub const fn fnv1a_from(mut h: u64, key: &[u8]) -> u64 {
    let mut i = 0;
    while i < key.len() {
        h ^= key[i] as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    h
}

/// Two bit positions of a blocked Bloom filter of `bits` bits: the 512-bit
/// block (a cache line) chosen by `block`, and bits `a`, `b` within it.
const fn in_block(bits: usize, block: u64, a: u64, b: u64) -> (usize, usize) {
    let blocks = (bits / 512) as u64;
    // the filters' sizes are powers of two (`bloom_size`): a mask, not a
    // division, for the same block
    let block = if blocks.is_power_of_two() {
        block & (blocks - 1)
    } else {
        block % blocks
    };
    let start = block as usize * 512;
    (start + (a & 511) as usize, start + (b & 511) as usize)
}

/// The two bit positions of `key` in a prefix Bloom filter of `bits` bits.
/// Both fall in one 512-bit block, so a test costs one memory access.
pub const fn bloom_bits(key: &[u8], bits: usize) -> (usize, usize) {
    let h = fnv1a(key);
    in_block(bits, h ^ (h >> 31), h >> 40, h >> 49)
}

/// Smallest size of the key Bloom filter in bits (see [`bloom_size`]).
#[allow(dead_code)] // used by the compiler
pub const KEY_BLOOM_BITS: usize = 1 << 22;

/// The two bit positions of `key` in a key Bloom filter of `bits` bits
/// (other bits of the hash than [`bloom_bits`] uses), in one 512-bit block.
pub const fn key_bloom_bits(key: &[u8], bits: usize) -> (usize, usize) {
    let h = fnv1a(key);
    in_block(bits, h >> 7, h >> 34, h >> 52)
}

/// Whether both bits `(a, b)` of a Bloom filter are set (bit `i` is bit
/// `i % 8` of byte `i / 8`; bits past its end are unset): the one test of
/// both filters, for the positions [`key_bloom_bits`] and `bloom_bits` give.
#[inline]
pub fn bloom_test(filter: &[u8], (a, b): (usize, usize)) -> bool {
    let bit = |i: usize| {
        filter
            .get(i / 8)
            .is_some_and(|byte| byte & (1 << (i % 8)) != 0)
    };
    bit(a) && bit(b)
}

/// The size in bits of a Bloom filter of `items` entries: at least `min`
/// (a power of two), doubled until it has eight bits per entry, so that a
/// world of millions of names keeps its filters useful.
#[allow(dead_code)] // used by the compiler
pub const fn bloom_size(items: usize, min: usize) -> usize {
    let mut bits = min;
    while bits < items.saturating_mul(8) {
        bits *= 2;
    }
    bits
}

/// Whether a Bloom filter section of `len` bytes has a usable size: whole
/// 512-bit blocks, a power of two of them.
pub const fn bloom_len_ok(len: usize) -> bool {
    len >= 64 && len.is_power_of_two()
}

/// Symbols of the trigram alphabet: space (also the word-boundary pad), `a`-`z`, `0`-`9`.
pub const GRAM_SYMBOLS: usize = 37;
/// Number of trigram codes.
#[allow(dead_code)] // used by build.rs
pub const GRAM_CODES: usize = GRAM_SYMBOLS * GRAM_SYMBOLS * GRAM_SYMBOLS;
/// Keys outside this length range (in bytes) are not in the trigram index.
#[allow(dead_code)] // used by build.rs
pub const GRAM_KEY_LEN: std::ops::RangeInclusive<usize> = 3..=GRAM_MAX_LEN;
/// Longest key in the trigram index, in bytes.
pub const GRAM_MAX_LEN: usize = 48;

/// The trigram symbol of an ASCII byte of a key, or `None` outside the alphabet.
pub const fn gram_symbol(b: u8) -> Option<u32> {
    match b {
        b' ' => Some(0),
        b'a'..=b'z' => Some((b - b'a') as u32 + 1),
        b'0'..=b'9' => Some((b - b'0') as u32 + 27),
        _ => None,
    }
}

/// The distinct trigram codes of a key padded with one space on each side,
/// sorted; `None` when the key has a byte outside the trigram alphabet.
pub fn gram_codes(key: &str, out: &mut Vec<u32>) -> bool {
    out.clear();
    let mut syms = Vec::with_capacity(key.len() + 2);
    syms.push(0);
    for b in key.bytes() {
        match gram_symbol(b) {
            Some(s) => syms.push(s),
            None => return false,
        }
    }
    syms.push(0);
    let n = GRAM_SYMBOLS as u32;
    for w in syms.windows(3) {
        out.push((w[0] * n + w[1]) * n + w[2]);
    }
    out.sort_unstable();
    out.dedup();
    true
}

/// Place record: id str, name str, kind u8, tier u8, country [u8; 2],
/// parent u32 (index or `NONE`), lat f32, lon f32, population u32,
/// geonames id u32 (0 = none), wikidata Q-number u32 (0 = none),
/// first name u32, name count u32, coords u8 (where lat/lon come from:
/// `COORDS_*`), reserved [u8; 3].
pub const PLACE_SIZE: usize = 48;
/// Coordinates given by the data row itself (GeoNames, or the curated overlay).
#[allow(dead_code)] // written by build.rs as the default; read as "anything else"
pub const COORDS_SOURCE: u8 = 0;
/// Natural Earth's label point for a country.
pub const COORDS_NATURAL_EARTH: u8 = 1;
/// The mean of a macro-region's member countries' points.
pub const COORDS_MEMBERS: u8 = 2;
/// Derived at build time from the places inside, the children or the
/// parent (`derive_points` in build.rs).
pub const COORDS_DERIVED: u8 = 3;
/// Name record: place u32, text str, lang u16, flags u8, strong u8 (1 for a
/// name a reader is likely to mean: see `strength` in src/compile/rank.rs),
/// period start i16, period end i16 (`NO_YEAR` = not known), then the month
/// and day of the start and of the end, u8 each (0 = not known).
pub const NAME_SIZE: usize = 20;
/// Key record: text str, first posting u32, posting count u32.
pub const KEY_SIZE: usize = 12;

/// "No such index" in a u32 field.
pub const NONE: u32 = u32::MAX;
/// "No year known" in a period field.
pub const NO_YEAR: i16 = i16::MIN;

/// Name flag: the preferred name in its language.
pub const FLAG_PREFERRED: u8 = 1;
/// Name flag: an official name.
pub const FLAG_OFFICIAL: u8 = 2;
/// Name flag: a short form.
pub const FLAG_SHORT: u8 = 4;
/// Name flag: a colloquial name.
pub const FLAG_COLLOQUIAL: u8 = 8;
/// Name flag: a historic name, no longer in use.
pub const FLAG_HISTORIC: u8 = 16;
/// Name flag: an abbreviation.
pub const FLAG_ABBR: u8 = 32;

/// Flag names as written in `data/world/names.tsv`, with their bits.
pub const FLAG_NAMES: [(&str, u8); 6] = [
    ("preferred", FLAG_PREFERRED),
    ("official", FLAG_OFFICIAL),
    ("short", FLAG_SHORT),
    ("colloquial", FLAG_COLLOQUIAL),
    ("historic", FLAG_HISTORIC),
    ("abbr", FLAG_ABBR),
];

/// Kind names as written in `data/`, in the order of their codes.
pub const KIND_NAMES: [&str; 14] = [
    "continent",
    "macroregion",
    "country",
    "region",
    "district",
    "city",
    "town",
    "village",
    "road",
    "checkpoint",
    "bridge",
    "river",
    "mountain",
    "other",
];

/// The little-endian `u32` at byte `at` of a record or table (0 past its
/// end, which a record of the right size never reaches).
#[inline]
pub fn le_u32(rec: &[u8], at: usize) -> u32 {
    match rec.get(at..at + 4) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
        _ => 0,
    }
}

/// The little-endian `u16` at byte `at` of a record or table (0 past its end).
#[inline]
pub fn le_u16(rec: &[u8], at: usize) -> u16 {
    match rec.get(at..at + 2) {
        Some(&[a, b]) => u16::from_le_bytes([a, b]),
        _ => 0,
    }
}

/// The byte at `at` of a record (0 past its end).
#[inline]
fn byte(rec: &[u8], at: usize) -> u8 {
    rec.get(at).copied().unwrap_or(0)
}

/// The fields of a place record ([`PLACE_SIZE`] bytes): what build.rs writes
/// ([`PlaceFields::write`]) and the library reads ([`PlaceRec`]), in one
/// place. Strings are offsets into `SEC_STRINGS`.
#[derive(Clone, Copy, Debug, Default)]
#[allow(dead_code)] // built by build.rs only
pub struct PlaceFields {
    pub id: u32,
    pub name: u32,
    pub kind: u8,
    pub tier: u8,
    pub country: [u8; 2],
    pub parent: u32,
    pub lat: f32,
    pub lon: f32,
    pub population: u32,
    pub geonames_id: u32,
    pub wikidata: u32,
    pub first_name: u32,
    pub name_count: u32,
    pub coords: u8,
}

#[allow(dead_code)] // written by build.rs only
impl PlaceFields {
    /// Appends the record.
    pub fn write(&self, out: &mut Vec<u8>) {
        let start = out.len();
        out.extend_from_slice(&self.id.to_le_bytes());
        out.extend_from_slice(&self.name.to_le_bytes());
        out.push(self.kind);
        out.push(self.tier);
        out.extend_from_slice(&self.country);
        out.extend_from_slice(&self.parent.to_le_bytes());
        out.extend_from_slice(&self.lat.to_le_bytes());
        out.extend_from_slice(&self.lon.to_le_bytes());
        out.extend_from_slice(&self.population.to_le_bytes());
        out.extend_from_slice(&self.geonames_id.to_le_bytes());
        out.extend_from_slice(&self.wikidata.to_le_bytes());
        out.extend_from_slice(&self.first_name.to_le_bytes());
        out.extend_from_slice(&self.name_count.to_le_bytes());
        out.push(self.coords);
        out.extend_from_slice(&[0; 3]);
        debug_assert_eq!(out.len() - start, PLACE_SIZE);
    }
}

/// A place record of an image, read field by field in place.
#[derive(Clone, Copy, Debug)]
pub struct PlaceRec<'a>(pub &'a [u8]);

impl PlaceRec<'_> {
    /// Byte offset of the country code (two bytes).
    pub const COUNTRY: usize = 10;

    #[inline]
    pub fn id(&self) -> u32 {
        le_u32(self.0, 0)
    }
    #[inline]
    pub fn name(&self) -> u32 {
        le_u32(self.0, 4)
    }
    #[inline]
    pub fn kind(&self) -> u8 {
        byte(self.0, 8)
    }
    #[inline]
    pub fn tier(&self) -> u8 {
        byte(self.0, 9)
    }
    /// The country code's two bytes (`[0, 0]` for none).
    #[inline]
    pub fn country(&self) -> [u8; 2] {
        [byte(self.0, Self::COUNTRY), byte(self.0, Self::COUNTRY + 1)]
    }
    #[inline]
    pub fn parent(&self) -> u32 {
        le_u32(self.0, 12)
    }
    #[inline]
    pub fn lat(&self) -> f32 {
        f32::from_bits(le_u32(self.0, 16))
    }
    #[inline]
    pub fn lon(&self) -> f32 {
        f32::from_bits(le_u32(self.0, 20))
    }
    #[inline]
    pub fn population(&self) -> u32 {
        le_u32(self.0, 24)
    }
    #[inline]
    pub fn geonames_id(&self) -> u32 {
        le_u32(self.0, 28)
    }
    #[inline]
    pub fn wikidata(&self) -> u32 {
        le_u32(self.0, 32)
    }
    #[inline]
    pub fn first_name(&self) -> u32 {
        le_u32(self.0, 36)
    }
    #[inline]
    pub fn name_count(&self) -> u32 {
        le_u32(self.0, 40)
    }
    /// Where the point comes from (`COORDS_*`).
    #[inline]
    pub fn coords(&self) -> u8 {
        byte(self.0, 44)
    }
}

/// The fields of a name record ([`NAME_SIZE`] bytes).
#[derive(Clone, Copy, Debug, Default)]
#[allow(dead_code)] // built by build.rs only
pub struct NameFields {
    pub place: u32,
    pub text: u32,
    pub lang: u16,
    pub flags: u8,
    pub strong: bool,
    pub from: i16,
    pub until: i16,
    /// Month and day of `from`, month and day of `until` (0 = not known).
    pub days: [u8; 4],
}

#[allow(dead_code)] // written by build.rs only
impl NameFields {
    /// Appends the record.
    pub fn write(&self, out: &mut Vec<u8>) {
        let start = out.len();
        out.extend_from_slice(&self.place.to_le_bytes());
        out.extend_from_slice(&self.text.to_le_bytes());
        out.extend_from_slice(&self.lang.to_le_bytes());
        out.push(self.flags);
        debug_assert_eq!(out.len() - start, NameRec::STRONG);
        out.push(self.strong as u8);
        out.extend_from_slice(&self.from.to_le_bytes());
        out.extend_from_slice(&self.until.to_le_bytes());
        debug_assert_eq!(out.len() - start, NameRec::DAYS);
        out.extend_from_slice(&self.days);
        debug_assert_eq!(out.len() - start, NAME_SIZE);
    }
}

/// A name record of an image, read field by field in place.
#[derive(Clone, Copy, Debug)]
pub struct NameRec<'a>(pub &'a [u8]);

impl NameRec<'_> {
    #[inline]
    pub fn place(&self) -> u32 {
        le_u32(self.0, 0)
    }
    #[inline]
    pub fn text(&self) -> u32 {
        le_u32(self.0, 4)
    }
    #[inline]
    pub fn lang(&self) -> u16 {
        le_u16(self.0, 8)
    }
    #[inline]
    pub fn flags(&self) -> u8 {
        byte(self.0, 10)
    }
    /// Offset of the `strong` byte in a record.
    pub const STRONG: usize = 11;

    /// A name a reader is likely to mean (`strength` in src/compile/rank.rs).
    #[inline]
    pub fn strong(&self) -> bool {
        byte(self.0, Self::STRONG) != 0
    }
    #[inline]
    pub fn from(&self) -> i16 {
        le_u16(self.0, 12) as i16
    }
    #[inline]
    pub fn until(&self) -> i16 {
        le_u16(self.0, 14) as i16
    }
    /// Offset of the four month and day bytes of the period.
    pub const DAYS: usize = 16;

    /// Month and day of the period's start, month and day of its end (0 =
    /// not known).
    #[inline]
    pub fn days(&self) -> [u8; 4] {
        [0, 1, 2, 3].map(|i| byte(self.0, Self::DAYS + i))
    }
}

/// The fields of a key record ([`KEY_SIZE`] bytes).
#[derive(Clone, Copy, Debug, Default)]
#[allow(dead_code)] // built by build.rs only
pub struct KeyFields {
    pub text: u32,
    pub first_posting: u32,
    pub posting_count: u32,
}

#[allow(dead_code)] // written by build.rs only
impl KeyFields {
    /// Appends the record.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.text.to_le_bytes());
        out.extend_from_slice(&self.first_posting.to_le_bytes());
        out.extend_from_slice(&self.posting_count.to_le_bytes());
    }
}

/// A key record of an image, read field by field in place.
#[derive(Clone, Copy, Debug)]
pub struct KeyRec<'a>(pub &'a [u8]);

impl KeyRec<'_> {
    #[inline]
    pub fn text(&self) -> u32 {
        le_u32(self.0, 0)
    }
    #[inline]
    pub fn first_posting(&self) -> u32 {
        le_u32(self.0, 4)
    }
    #[inline]
    pub fn posting_count(&self) -> u32 {
        le_u32(self.0, 8)
    }
}

/// Words that, ending a name, say it names a district: under such a key
/// ("Khojaly District", "Xocalı rayonu", "Ходжалинский район") the district
/// keeps its rank; under any other key a district ranks below every other
/// place (the image compiler's ranking, and the query-time sorts that keep it).
const DISTRICT_WORDS: [&str; 15] = [
    "District",
    "County",
    "Rayon",
    "Raion",
    "Municipality",
    "Borough",
    "Parish",
    "Province",
    "Department",
    "Prefecture",
    "Canton",
    "rayonu",
    "район",
    "շրջան",
    "მუნიციპალიტეტი",
];

/// Whether the normalised key `key` ends with a word of [`DISTRICT_WORDS`].
pub(crate) fn names_a_district(key: &str) -> bool {
    static WORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        DISTRICT_WORDS
            .iter()
            .map(|w| crate::normalize::normalize(w))
            .collect()
    });
    key.rsplit_once(' ')
        .is_some_and(|(_, last)| words.iter().any(|w| w == last))
}
