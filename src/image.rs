//! Images read at run time: an [`Image`] is a gazetteer image in a file
//! (memory-mapped) or in memory, checked when it is opened, so that every
//! later lookup can read it in place.
//!
//! The checks, in order: the header (magic, format version, section count),
//! the section table (every section inside the image), the CRC-32 of the
//! bytes after the header (a flipped byte anywhere is an error), then every
//! offset and index a lookup follows (string offsets, parent and name
//! indexes, postings, the perfect hash's slots, the trigram index, the sizes
//! of the fixed-size sections). A truncated, corrupt or foreign file is an
//! [`ImageError`] naming the file, never a panic or an out-of-bounds read.

use crate::date::{Date, Period};
use crate::fuzzy::Guesses;
use crate::gazetteer::{u32_at, Gazetteer};
use crate::layout::*;
use std::fmt;
use std::path::{Path, PathBuf};

/// A gazetteer image loaded at run time: a file mapped into memory
/// ([`Image::open`]) or bytes already in memory ([`Image::from_vec`]),
/// checked once. Its [`gazetteer`](Image::gazetteer) reads it in place.
///
/// ```no_run
/// let image = toponym::Image::open("world.toponym")?;
/// let gaz = image.gazetteer();
/// println!("{} places", gaz.len());
/// # Ok::<(), toponym::ImageError>(())
/// ```
pub struct Image {
    bytes: Bytes,
}

enum Bytes {
    Mapped(memmap2::Mmap),
    Owned(Vec<u8>),
}

impl fmt::Debug for Image {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Image")
            .field("bytes", &self.as_bytes().len())
            .field("mapped", &matches!(self.bytes, Bytes::Mapped(_)))
            .finish()
    }
}

impl Image {
    /// Maps the image file at `path` into memory and checks it. Opening reads
    /// every page once (the checksum); the pages are then shared through the
    /// page cache by every process that opens the same file.
    ///
    /// The file must not be modified or truncated while it is open, as with
    /// any memory-mapped file; write a new image beside it and rename it over
    /// the old one instead (`toponym build` does).
    pub fn open(path: impl AsRef<Path>) -> Result<Image, ImageError> {
        let path = path.as_ref();
        let err = |problem| ImageError {
            path: Some(path.to_path_buf()),
            problem,
        };
        let file = std::fs::File::open(path).map_err(|e| err(Problem::Io(e)))?;
        let meta = file.metadata().map_err(|e| err(Problem::Io(e)))?;
        if meta.is_dir() {
            return Err(err(Problem::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "is a directory, not an image file",
            ))));
        }
        if meta.len() == 0 {
            return Err(err(Problem::NotAnImage("empty file".into())));
        }
        let map = mmap(&file).map_err(|e| err(Problem::Io(e)))?;
        check(&map).map_err(err)?;
        Ok(Image {
            bytes: Bytes::Mapped(map),
        })
    }

    /// Checks an image already in memory and takes it.
    pub fn from_vec(bytes: Vec<u8>) -> Result<Image, ImageError> {
        check(&bytes).map_err(|problem| ImageError {
            path: None,
            problem,
        })?;
        Ok(Image {
            bytes: Bytes::Owned(bytes),
        })
    }

    /// The gazetteer this image holds.
    pub fn gazetteer(&self) -> Gazetteer<'_> {
        Gazetteer::from_checked(self.as_bytes())
    }

    /// The image's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        match &self.bytes {
            Bytes::Mapped(m) => m,
            Bytes::Owned(v) => v,
        }
    }
}

/// Maps `file` read-only.
#[allow(unsafe_code)]
fn mmap(file: &std::fs::File) -> std::io::Result<memmap2::Mmap> {
    // SAFETY: the mapping is read-only and private to this `Image`. Memory
    // mapping is `unsafe` because another process could change or truncate
    // the file while it is mapped; `Image::open` documents that an image file
    // must not change while open (images are written whole and renamed into
    // place), and everything read from the mapping is checked first and then
    // only read through bounds-checked slices.
    unsafe { memmap2::Mmap::map(file) }
}

impl<'g> Gazetteer<'g> {
    /// A gazetteer over an image in memory (as written by `toponym build`),
    /// after the checks of [`Image`]: a truncated, corrupt or foreign image is
    /// an error.
    ///
    /// ```
    /// let bytes = std::fs::read("no-such-image").unwrap_or_default();
    /// assert!(toponym::Gazetteer::from_bytes(&bytes).is_err());
    /// ```
    pub fn from_bytes(bytes: &'g [u8]) -> Result<Gazetteer<'g>, ImageError> {
        check(bytes).map_err(|problem| ImageError {
            path: None,
            problem,
        })?;
        Ok(Gazetteer::from_checked(bytes))
    }
}

impl Gazetteer<'static> {
    /// Opens the image file at `path` ([`Image::open`]) for the rest of the
    /// process: the mapping is never unmapped, which suits a program that
    /// opens one gazetteer at start-up. To close it again, keep the
    /// [`Image`] instead.
    pub fn open(path: impl AsRef<Path>) -> Result<Gazetteer<'static>, ImageError> {
        let image: &'static Image = Box::leak(Box::new(Image::open(path)?));
        Ok(image.gazetteer())
    }
}

/// The image layer of a gazetteer: its sections, strings, the perfect-hash
/// probe from a key to its postings, and the key Bloom filter. Everything
/// above (records, resolution, tagging) reads the image through these and
/// the record views of `layout.rs`.
impl<'g> Gazetteer<'g> {
    /// A gazetteer over an image that passed the checks of `image.rs` (or
    /// the compile-time check of the embedded one).
    pub(crate) fn from_checked(img: &'g [u8]) -> Gazetteer<'g> {
        Gazetteer { img }
    }

    /// What tells this image from another in a per-thread cache: where it
    /// lies, its length and its checksum (an image at the same address with
    /// the same length and checksum holds the same bytes).
    pub(crate) fn identity(&self) -> (usize, usize, u32) {
        (
            self.img.as_ptr() as usize,
            self.img.len(),
            le_u32(self.img, HEADER_CHECKSUM),
        )
    }

    /// Section `s` of the image, through the section table of its header
    /// (checked when the image was opened; empty if it were not in bounds).
    #[inline]
    pub(crate) fn section(&self, s: usize) -> &'g [u8] {
        let at = HEADER_LEN + s * 8;
        let (off, len) = (
            le_u32(self.img, at) as usize,
            le_u32(self.img, at + 4) as usize,
        );
        self.img.get(off..off.saturating_add(len)).unwrap_or(&[])
    }

    #[inline]
    pub(crate) fn str_at(&self, off: u32) -> &'g str {
        std::str::from_utf8(self.bytes_at(off)).unwrap_or("")
    }

    /// The bytes of the string at `off`, unchecked for UTF-8 (for comparisons).
    #[inline]
    pub(crate) fn bytes_at(&self, off: u32) -> &'g [u8] {
        let strings = self.section(SEC_STRINGS);
        let off = off as usize;
        let len = le_u16(strings, off) as usize;
        strings.get(off + 2..off + 2 + len).unwrap_or(&[])
    }

    /// The postings (name indexes, best place first) of a normalised key.
    #[inline]
    pub(crate) fn postings(&self, key: &str) -> &'g [u8] {
        match self.key_index(key) {
            Some(k) => self.key_postings(k),
            None => &[],
        }
    }

    /// The postings of the key with index `k`.
    #[inline]
    pub(crate) fn key_postings(&self, k: u32) -> &'g [u8] {
        let keys = self.section(SEC_KEYS);
        let at = k as usize * KEY_SIZE;
        let Some(rec) = keys.get(at..at + KEY_SIZE).map(KeyRec) else {
            return &[];
        };
        let (start, count) = (rec.first_posting() as usize, rec.posting_count() as usize);
        self.section(SEC_POSTINGS)
            .get(start * 4..(start + count) * 4)
            .unwrap_or(&[])
    }

    /// Whether the key with index `k` is a common word.
    #[inline]
    pub(crate) fn key_is_common(&self, k: u32) -> bool {
        let bits = self.section(SEC_COMMON_KEYS);
        bits.get(k as usize / 8)
            .is_some_and(|b| b & (1 << (k % 8)) != 0)
    }

    /// Whether `key` may be a key (no false negatives): one Bloom filter
    /// test, far cheaper than [`Self::key_index`] for a key that is absent.
    #[inline]
    pub(crate) fn may_be_key(&self, key: &str) -> bool {
        match self.key_filter() {
            Some(filter) => bloom_test(filter, key_bloom_bits(key.as_bytes(), filter.len() * 8)),
            None => true,
        }
    }

    /// The key Bloom filter; `None` for an image without a usable one, where
    /// the perfect hash decides.
    #[inline]
    fn key_filter(&self) -> Option<&'g [u8]> {
        let filter = self.section(SEC_KEY_BLOOM);
        bloom_len_ok(filter.len()).then_some(filter)
    }

    /// The index of a normalised key, through the perfect hash, after a
    /// test of the key Bloom filter (for guesses that are mostly no key).
    pub(crate) fn guess_index(&self, key: &str) -> Option<u32> {
        if self.may_be_key(key) {
            self.key_index(key)
        } else {
            None
        }
    }

    /// Calls `f` with each of `guesses` that is a key and its index, in
    /// order. The key filter is tested for every guess before the first
    /// perfect-hash probe: the tests are independent reads, so their cache
    /// misses (a filter of megabytes, on a big image) overlap instead of
    /// following one another.
    pub(crate) fn guessed_keys(&self, guesses: &Guesses, mut f: impl FnMut(&str, u32)) {
        let maybe: Vec<bool> = match self.key_filter() {
            Some(filter) => {
                let bits = filter.len() * 8;
                let positions: Vec<(usize, usize)> = guesses
                    .iter()
                    .map(|g| key_bloom_bits(g.as_bytes(), bits))
                    .collect();
                positions
                    .into_iter()
                    .map(|p| bloom_test(filter, p))
                    .collect()
            }
            None => guesses.iter().map(|_| true).collect(),
        };
        for (g, _) in guesses.iter().zip(maybe).filter(|&(_, m)| m) {
            if let Some(k) = self.key_index(g) {
                f(g, k);
            }
        }
    }

    /// The index of a normalised key, through the perfect hash.
    pub(crate) fn key_index(&self, key: &str) -> Option<u32> {
        if key.is_empty() {
            return None;
        }
        let meta = self.section(SEC_META);
        let hash_key = u64::from(le_u32(meta, 0)) | u64::from(le_u32(meta, 4)) << 32;
        let disps = self.section(SEC_DISPS);
        let slots = self.section(SEC_SLOTS);
        let nslots = slots.len() / 4;
        if nslots == 0 || disps.is_empty() {
            return None;
        }
        let h = phf_shared::hash(key, &hash_key);
        let bucket = (h.g % (disps.len() / 8) as u32) as usize;
        let (d1, d2) = (u32_at(disps, bucket * 8), u32_at(disps, bucket * 8 + 4));
        let slot = phf_shared::displace(h.f1, h.f2, d1, d2) % nslots as u32;
        let k = u32_at(slots, slot as usize * 4) as usize;
        let rec = KeyRec(
            self.section(SEC_KEYS)
                .get(k * KEY_SIZE..(k + 1) * KEY_SIZE)?,
        );
        (self.bytes_at(rec.text()) == key.as_bytes()).then_some(k as u32)
    }
}

/// Why an image could not be used, and which file it came from.
#[derive(Debug)]
pub struct ImageError {
    path: Option<PathBuf>,
    problem: Problem,
}

#[derive(Debug)]
enum Problem {
    Io(std::io::Error),
    NotAnImage(String),
    Version(u32),
    Corrupt(String),
}

impl ImageError {
    /// The file the image was read from, if it came from one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}

impl fmt::Display for ImageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{}: ", p.display())?,
            None => f.write_str("gazetteer image: ")?,
        }
        match &self.problem {
            Problem::Io(e) => write!(f, "{e}"),
            Problem::NotAnImage(why) => write!(f, "not a toponym gazetteer image ({why})"),
            Problem::Version(v) => write!(
                f,
                "image format version {v}, but this toponym reads version {FORMAT_VERSION}: \
                 rebuild it with this version's `toponym build`"
            ),
            Problem::Corrupt(why) => write!(f, "damaged image: {why}"),
        }
    }
}

impl std::error::Error for ImageError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.problem {
            Problem::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// The whole check of an image: header, section table, checksum, records.
fn check(img: &[u8]) -> Result<(), Problem> {
    if img.len() < MAGIC.len() || &img[..MAGIC.len()] != MAGIC {
        let why = if img.is_empty() {
            "empty".to_string()
        } else {
            "no TOPONYM magic at the start".to_string()
        };
        return Err(Problem::NotAnImage(why));
    }
    let corrupt = |why: String| Problem::Corrupt(why);
    if img.len() < HEADER_LEN {
        return Err(corrupt(format!(
            "{} bytes, shorter than the header",
            img.len()
        )));
    }
    let version = le_u32(img, HEADER_VERSION);
    if version != FORMAT_VERSION {
        return Err(Problem::Version(version));
    }
    let sections = le_u32(img, HEADER_SECTIONS) as usize;
    if sections != SECTIONS {
        return Err(corrupt(format!("{sections} sections, expected {SECTIONS}")));
    }
    let table_end = HEADER_LEN + SECTIONS * 8;
    if img.len() < table_end {
        return Err(corrupt(format!(
            "truncated: {} bytes, shorter than the section table",
            img.len()
        )));
    }
    for s in 0..SECTIONS {
        let off = le_u32(img, HEADER_LEN + s * 8) as u64;
        let len = le_u32(img, HEADER_LEN + s * 8 + 4) as u64;
        if off < table_end as u64 || off + len > img.len() as u64 {
            return Err(corrupt(format!(
                "truncated: section {s} ends at byte {}, the image has {}",
                off + len,
                img.len()
            )));
        }
    }
    // The checksum and the records on two threads (each a pass over most of
    // the image); a checksum error is the one reported, as damage explains
    // any record error.
    let (crc, records) = std::thread::scope(|s| {
        let crc = s.spawn(|| crc32fast::hash(&img[HEADER_LEN..]));
        let records = check_records(Gazetteer::from_checked(img));
        (crc.join(), records)
    });
    let crc = crc.map_err(|_| corrupt("the checksum could not be computed".into()))?;
    if crc != le_u32(img, HEADER_CHECKSUM) {
        return Err(corrupt(format!(
            "checksum {crc:08x} does not match the header's {:08x}",
            le_u32(img, HEADER_CHECKSUM)
        )));
    }
    records.map_err(corrupt)
}

/// Every offset and index a lookup follows, in every record: an image whose
/// checksum is right but whose writer was wrong (or hostile) is still caught
/// here, not by a panic later.
fn check_records(g: Gazetteer<'_>) -> Result<(), String> {
    let sec = |s| g.section(s);
    let strings = sec(SEC_STRINGS);
    // A string in bounds (its UTF-8 is checked when read: invalid text reads
    // as empty, so a pass over every string is not needed here).
    let string = |off: u32, what: &dyn Fn() -> String| -> Result<(), String> {
        if string_in_bounds(strings, off) {
            Ok(())
        } else {
            Err(format!("{} points at no string", what()))
        }
    };
    let multiple = |s: usize, size: usize, what: &str| -> Result<usize, String> {
        let len = sec(s).len();
        if len % size != 0 {
            return Err(format!(
                "{what} section of {len} bytes is not whole records of {size}"
            ));
        }
        Ok(len / size)
    };
    let exact = |s: usize, want: usize, what: &str| -> Result<(), String> {
        if sec(s).len() != want {
            return Err(format!(
                "{what} section of {} bytes, expected {want}",
                sec(s).len()
            ));
        }
        Ok(())
    };
    let places = multiple(SEC_PLACES, PLACE_SIZE, "place")?;
    let names = multiple(SEC_NAMES, NAME_SIZE, "name")?;
    let keys = multiple(SEC_KEYS, KEY_SIZE, "key")?;
    let postings = multiple(SEC_POSTINGS, 4, "postings")?;
    let langs = multiple(SEC_LANGS, 4, "language")?;
    let slots = multiple(SEC_SLOTS, 4, "slot")?;
    let disps = multiple(SEC_DISPS, 8, "displacement")?;
    multiple(SEC_COMMON_WORDS, 4, "common word")?;
    exact(SEC_GRAM_OFFSETS, (GRAM_CODES + 1) * 4, "trigram offsets")?;
    exact(SEC_KEY_LEN_STARTS, (GRAM_MAX_LEN + 2) * 4, "key length")?;
    for (s, what) in [
        (SEC_PREFIX_BLOOM, "prefix filter"),
        (SEC_KEY_BLOOM, "key filter"),
    ] {
        if !bloom_len_ok(sec(s).len()) {
            return Err(format!(
                "{what} of {} bytes, not a power of two of 64-byte blocks",
                sec(s).len()
            ));
        }
    }
    exact(SEC_COMMON_KEYS, keys.div_ceil(8), "common key")?;
    if sec(SEC_META).len() < 12 {
        return Err("metadata section too short".into());
    }
    string(le_u32(sec(SEC_META), 8), &|| "the data version".into())?;
    if slots != keys || (keys > 0 && disps == 0) {
        return Err(format!(
            "perfect hash of {slots} slots and {disps} buckets for {keys} keys"
        ));
    }
    for i in 0..langs {
        string(le_u32(sec(SEC_LANGS), i * 4), &|| format!("language {i}"))?;
    }
    for i in 0..sec(SEC_COMMON_WORDS).len() / 4 {
        string(le_u32(sec(SEC_COMMON_WORDS), i * 4), &|| {
            format!("common word {i}")
        })?;
    }
    let place_ok = |r: PlaceRec<'_>| {
        string_in_bounds(strings, r.id())
            && string_in_bounds(strings, r.name())
            && (r.parent() == NONE || (r.parent() as usize) < places)
            && r.first_name() as u64 + r.name_count() as u64 <= names as u64
            && (r.kind() as usize) < KIND_NAMES.len()
    };
    if let Some(i) = sec(SEC_PLACES)
        .chunks_exact(PLACE_SIZE)
        .position(|r| !place_ok(PlaceRec(r)))
    {
        return Err(format!(
            "place {i} has an id, name, parent, names or kind out of range"
        ));
    }
    let name_ok = |r: NameRec<'_>| {
        string_in_bounds(strings, r.text())
            && (r.place() as usize) < places
            && (r.lang() as usize) < langs.max(1)
            && period_of(&r).is_some()
    };
    if let Some(i) = sec(SEC_NAMES)
        .chunks_exact(NAME_SIZE)
        .position(|r| !name_ok(NameRec(r)))
    {
        return Err(format!(
            "name {i} has a text, place, language or period out of range"
        ));
    }
    let key_ok = |r: KeyRec<'_>| {
        string_in_bounds(strings, r.text())
            && r.first_posting() as u64 + r.posting_count() as u64 <= postings as u64
    };
    if let Some(i) = sec(SEC_KEYS)
        .chunks_exact(KEY_SIZE)
        .position(|r| !key_ok(KeyRec(r)))
    {
        return Err(format!("key {i} has a text or postings out of range"));
    }
    let below = |s: usize, n: usize| {
        sec(s)
            .chunks_exact(4)
            .position(|b| le_u32(b, 0) as usize >= n)
    };
    if let Some(i) = below(SEC_POSTINGS, names) {
        return Err(format!("posting {i} names no name"));
    }
    if let Some(i) = below(SEC_SLOTS, keys) {
        return Err(format!("hash slot {i} names no key"));
    }
    let mut last = 0;
    for i in 0..=GRAM_MAX_LEN + 1 {
        let start = le_u32(sec(SEC_KEY_LEN_STARTS), i * 4);
        if start < last || start as usize > keys {
            return Err(format!("key length table entry {i} out of order"));
        }
        last = start;
    }
    exact(SEC_KEY_PREFIXES, PREFIX_CELLS * 8, "key prefix directory")?;
    for (i, cell) in sec(SEC_KEY_PREFIXES).chunks_exact(8).enumerate() {
        let (first, end) = (le_u32(cell, 0), le_u32(cell, 4));
        if first > end || end as usize > keys {
            return Err(format!("key prefix directory entry {i} out of range"));
        }
    }
    check_grams(sec(SEC_GRAM_OFFSETS), sec(SEC_GRAM_POSTINGS), keys)?;
    check_gram_skips(sec(SEC_GRAM_SKIPS), sec(SEC_GRAM_OFFSETS))
}

/// The skips into the trigram lists: a start per code, ascending, inside
/// the table; each skip's offset inside its own list.
fn check_gram_skips(skips: &[u8], offsets: &[u8]) -> Result<(), String> {
    let table = (GRAM_CODES + 1) * 4;
    if skips.len() < table || (skips.len() - table) % 8 != 0 {
        return Err(format!("trigram skip section of {} bytes", skips.len()));
    }
    let count = (skips.len() - table) / 8;
    let mut last = 0;
    for code in 0..GRAM_CODES {
        let (lo, hi) = (
            le_u32(skips, code * 4) as usize,
            le_u32(skips, code * 4 + 4) as usize,
        );
        if lo != last || hi < lo || hi > count {
            return Err(format!("trigram {code}'s skips are out of order"));
        }
        last = hi;
        let (s, e) = (le_u32(offsets, code * 4), le_u32(offsets, code * 4 + 4));
        for i in lo..hi {
            let off = le_u32(skips, table + i * 8 + 4);
            if off < s || off > e {
                return Err(format!("trigram {code}'s skip {i} points outside its list"));
            }
        }
    }
    Ok(())
}

/// Whether the string at `off` (u16 length, then bytes) lies inside
/// `strings`.
#[inline]
fn string_in_bounds(strings: &[u8], off: u32) -> bool {
    let off = off as usize;
    off + 2 <= strings.len() && off + 2 + le_u16(strings, off) as usize <= strings.len()
}

/// The trigram index: offsets ascending inside the postings, and every
/// gap-coded list decoding to ascending key ids below `keys`.
fn check_grams(offsets: &[u8], postings: &[u8], keys: usize) -> Result<(), String> {
    let mut prev_end = 0usize;
    for code in 0..GRAM_CODES {
        let (start, end) = (
            le_u32(offsets, code * 4) as usize,
            le_u32(offsets, code * 4 + 4) as usize,
        );
        if start != prev_end || end < start || end > postings.len() {
            return Err(format!("trigram {code}'s list is out of bounds"));
        }
        prev_end = end;
        let (mut id, mut gap, mut shift, mut first) = (0u64, 0u64, 0u32, true);
        for &b in &postings[start..end] {
            if shift > 28 {
                return Err(format!("trigram {code}'s list holds a malformed number"));
            }
            gap |= ((b & 0x7f) as u64) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                if !first && gap == 0 {
                    return Err(format!("trigram {code}'s list is not ascending"));
                }
                id += gap;
                if id >= keys as u64 {
                    return Err(format!("trigram {code}'s list names no key"));
                }
                (gap, shift, first) = (0, 0, false);
            }
        }
        if shift != 0 {
            return Err(format!("trigram {code}'s list ends inside a number"));
        }
    }
    Ok(())
}

/// The period of a name record, `None` when its fields do not make one (a
/// month without a year, a day without a month, a day its month lacks).
pub(crate) fn period_of(r: &NameRec<'_>) -> Option<Period> {
    let [fm, fd, um, ud] = r.days();
    let side = |year: i16, month: u8, day: u8| -> Option<Option<Date>> {
        if year == NO_YEAR {
            return (month == 0 && day == 0).then_some(None);
        }
        let opt = |v: u8| (v != 0).then_some(v);
        Date::new(year, opt(month), opt(day)).ok().map(Some)
    };
    Some(Period {
        from: side(r.from(), fm, fd)?,
        until: side(r.until(), um, ud)?,
    })
}
