//! Finding place mentions in free text: [`Gazetteer::tag`], [`Mention`],
//! [`Context`].
//!
//! The tagger reuses the gazetteer's keys and normalisation; it does not keep
//! a dictionary of its own. Its loop:
//!
//! 1. Split the text into words (letters and digits, with apostrophes inside a
//!    word such as `Step'anakert`; a possessive `'s` / `’s` is not part of it).
//! 2. Drop a word at once when it cannot start a mention: a Latin, Cyrillic or
//!    Armenian word that starts with a lower-case letter (capitalisation is
//!    how English, Russian and Armenian write place names), or a word whose
//!    normalised form is not in the Bloom filter of name prefixes built at
//!    compile time. Most words of running text stop here, after a few byte
//!    comparisons and at most one hash.
//! 3. Extend a surviving word over the following words while the joined key
//!    is still a name prefix, separated only by spaces or hyphens, and keep
//!    the longest key that names a place by a *strong* name (display,
//!    curated, or English, Armenian, Azerbaijani, Russian, Georgian): longest
//!    match wins, and `Agdam-Khankandi` is two mentions because
//!    `agdam khankandi` names nothing.
//! 4. Weigh the evidence: a mention that is also a common word (`Of`, `Nice`,
//!    `Mobile`, a given name such as `Lilit`) or sits at the start of a
//!    sentence is kept only for countries, continents, macro-regions, big
//!    cities, or when a place follows it (`Nice, France`).
//! 5. Choose among homonyms of different countries with the other mentions of
//!    the text (and of the text before, through a [`Context`]): `Georgia` next
//!    to `Tbilisi` is the country, next to `Atlanta` the US state; `Martuni`
//!    next to `Stepanakert` the Karabakh town.

use crate::gazetteer::{u32_at, Gazetteer, Name, Place};
use crate::layout::*;
use crate::normalize::normalize;

/// Longest name, in words, that the tagger tries to match.
const MAX_WORDS: usize = 8;
/// Most homonyms a mention keeps for context resolution.
const MAX_HOMONYMS: usize = 6;

/// A place mentioned in a text.
#[derive(Clone, Copy, Debug)]
pub struct Mention<'g> {
    start: usize,
    end: usize,
    place: Place<'g>,
    /// Index of the matched name, read only when asked for.
    name: u32,
    score: f64,
}

impl<'g> Mention<'g> {
    /// Byte offset of the mention's first byte in the text.
    pub fn start(&self) -> usize {
        self.start
    }
    /// Byte offset just past the mention's last byte.
    pub fn end(&self) -> usize {
        self.end
    }
    /// The mention as written: `&text[start..end]`.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
    /// The place it names.
    pub fn place(&self) -> Place<'g> {
        self.place
    }
    /// The gazetteer name it matched.
    pub fn matched_name(&self) -> Name<'g> {
        self.place.g.name(self.name)
    }
    /// Confidence in `[0, 1]`: 1.0 when the text is one of the place's names
    /// as written, 0.95 when it matches after normalisation, lower when it is
    /// also a common word or was chosen among homonyms by context.
    pub fn score(&self) -> f64 {
        self.score
    }
}

/// What the tagger remembers of the text read so far, to choose among
/// homonyms: the countries and places of recent unambiguous mentions. Carry
/// one `Context` from chunk to chunk of a long text ([`Gazetteer::tag_with`]).
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// (country code, place index) of recent unambiguous mentions, newest last.
    recent: Vec<([u8; 2], u32)>,
}

/// How many recent mentions the context remembers.
const CONTEXT_SIZE: usize = 64;

impl Context {
    /// An empty context.
    pub fn new() -> Context {
        Context::default()
    }

    fn remember(&mut self, cc: [u8; 2], place: u32) {
        if self.recent.len() == CONTEXT_SIZE {
            self.recent.remove(0);
        }
        self.recent.push((cc, place));
    }

    fn country_count(&self, cc: [u8; 2]) -> usize {
        self.recent.iter().filter(|(c, _)| *c == cc).count()
    }
}

/// A word of the text: byte range, and whether it may start a mention.
#[derive(Clone, Copy, Debug)]
struct Word {
    start: usize,
    end: usize,
    /// First letter is upper case, or the script has no case.
    capital: bool,
}

/// The longest match from a word: (its last word, candidates, exact, one word).
type Longest = (Word, Vec<(u32, u32)>, bool, bool);

/// The tagger's answers for a first word (see `Gazetteer::first_word`).
struct FirstWord {
    /// A name may start with the word (prefix Bloom filter).
    prefix: bool,
    /// A longer name may continue after the word.
    continued: bool,
    /// Strong candidates (place, name) of the word alone.
    cands: Vec<(u32, u32)>,
    /// The best candidate has the word exactly as written.
    exact: bool,
    /// The word has candidates and is a common word.
    common: bool,
    /// The word's key is shorter than three bytes.
    short: bool,
}

/// Longest word, in bytes, whose answers are memoised.
const MEMO_TEXT: usize = 16;
/// Slots of the per-thread first-word memo (a power of two; 256 KiB).
const MEMO_SLOTS: usize = 8192;
/// `MemoSlot::flags` bits: the fields of [`FirstWord`] of the same names.
const MEMO_PREFIX: u8 = 1;
const MEMO_CONTINUED: u8 = 2;
const MEMO_EXACT: u8 = 4;
const MEMO_COMMON: u8 = 8;
const MEMO_SHORT: u8 = 16;

/// One memoised first word, in half a cache line.
#[derive(Clone, Copy, Default)]
#[repr(C, align(32))]
struct MemoSlot {
    hash: u64,
    text: [u8; MEMO_TEXT],
    len: u8,
    flags: u8,
    /// Number of candidates, stored from `cands` on in `Memo::cands`.
    n: u8,
    cands: u32,
}

/// The per-thread first-word memo.
struct Memo {
    /// Direct-mapped: a slot is overwritten by the next word hashing to it.
    slots: Vec<MemoSlot>,
    /// The candidates of the memoised words, appended as they come.
    cands: Vec<(u32, u32)>,
}

/// Candidates stored before the memo starts again (512 KiB).
const MEMO_CANDS_MAX: usize = 1 << 16;

std::thread_local! {
    /// The memo of first words. The gazetteer is the embedded one, so its
    /// answers never go stale.
    static MEMO: std::cell::RefCell<Memo> = const {
        std::cell::RefCell::new(Memo { slots: Vec::new(), cands: Vec::new() })
    };
}

/// Hash of a word of at most [`MEMO_TEXT`] bytes, never 0 (an empty slot):
/// the word as two zero-padded 64-bit words, multiplied and folded.
#[inline]
fn memo_hash(bytes: &[u8]) -> u64 {
    let mut buf = [0u8; MEMO_TEXT];
    let n = bytes.len().min(MEMO_TEXT);
    buf[..n].copy_from_slice(&bytes[..n]);
    let (a, b) = buf.split_at(8);
    let a = u64::from_le_bytes(a.try_into().unwrap_or([0; 8]));
    let b = u64::from_le_bytes(b[..8].try_into().unwrap_or([0; 8]));
    let mut h = (a ^ (n as u64).rotate_left(56)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        ^ b.wrapping_mul(0xc2b2_ae3d_27d4_eb4f);
    h ^= h >> 29;
    h = h.wrapping_mul(0x1656_67b1_9e37_79f9);
    (h ^ (h >> 32)) | 1
}

/// A raw match before context: span, homonym candidates (place, name), flags.
struct Raw {
    start: usize,
    end: usize,
    /// Candidate (place, name index) pairs, best first.
    cands: Vec<(u32, u32)>,
    exact: bool,
    /// A single word that is also a common word or a given name.
    doubtful: bool,
    /// The mention starts a sentence, where capitals prove nothing.
    sentence_start: bool,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʻ' | 'ʼ' | '`')
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// The word that starts at byte `i` of `text` (which must start a word).
fn word_at(text: &str, i: usize) -> Word {
    let bytes = text.as_bytes();
    let b = bytes[i];
    let capital = if b < 0x80 {
        !b.is_ascii_lowercase()
    } else {
        let first = text[i..].chars().next().unwrap_or(' ');
        // Georgian Mkhedruli is caseless although Unicode files it as lower case.
        let caseless = matches!(first as u32, 0x10D0..=0x10FF);
        first.is_uppercase() || caseless || !first.is_lowercase()
    };
    let mut j = i;
    while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
        j += 1;
    }
    loop {
        if j >= bytes.len() {
            break;
        }
        let b = bytes[j];
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                j += 1;
                continue;
            }
            if b == b'\'' || b == b'`' {
                if let Some(n) = apostrophe_continues(text, j, 1) {
                    j = n;
                    continue;
                }
            }
            break;
        }
        let c = text[j..].chars().next().unwrap_or(' ');
        if is_word_char(c) {
            j += c.len_utf8();
            continue;
        }
        if is_apostrophe(c) {
            if let Some(n) = apostrophe_continues(text, j, c.len_utf8()) {
                j = n;
                continue;
            }
        }
        break;
    }
    Word {
        start: i,
        end: j,
        capital,
    }
}

/// The char of `text` that ends at byte `end`, if any.
fn char_before(text: &str, end: usize) -> Option<char> {
    text.get(..end)?.chars().next_back()
}

/// Whether a word may start at byte `i`: the character before it is neither a
/// letter or digit nor an apostrophe inside a word (`O'Brien`).
fn is_word_start(text: &str, i: usize) -> bool {
    match char_before(text, i) {
        None => true,
        Some(c) if is_word_char(c) => false,
        Some(c) if is_apostrophe(c) => {
            !char_before(text, i - c.len_utf8()).is_some_and(is_word_char)
        }
        Some(_) => true,
    }
}

/// The next byte at or after `from` where a word that may start a mention
/// begins: an ASCII capital, or a non-ASCII letter (whose case is checked
/// later), at a word boundary. Lower-case ASCII words, the bulk of English
/// text, are skipped a byte at a time without being split.
fn next_start(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    // Eight bytes at a time: most blocks hold neither an ASCII capital nor
    // the lead byte of a non-ASCII character, and are skipped whole.
    while i + 8 <= bytes.len() {
        let mut block = [0u8; 8];
        block.copy_from_slice(&bytes[i..i + 8]);
        // Only the flagged bytes are looked at, lowest first.
        let mut flagged = start_bytes(u64::from_le_bytes(block));
        while flagged != 0 {
            let k = i + (flagged.trailing_zeros() / 8) as usize;
            if let Some(at) = start_at(text, k) {
                return Some(at);
            }
            flagged &= flagged - 1;
        }
        i += 8;
    }
    (i..bytes.len()).find_map(|k| start_at(text, k))
}

/// Whether a word that may start a mention begins at byte `k`.
#[inline]
fn start_at(text: &str, k: usize) -> Option<usize> {
    let b = text.as_bytes()[k];
    if (b.is_ascii_uppercase() || b >= 0xC0) && is_word_start(text, k) {
        let c = text[k..].chars().next()?;
        if is_word_char(c) {
            return Some(k);
        }
    }
    None
}

/// The high bit of each byte of the little-endian block `x` that is an ASCII
/// capital or of the form `11xxxxxx` (the lead byte of a multi-byte
/// character); no other bit is set. Exact: no carry or borrow crosses a byte.
#[inline]
fn start_bytes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let lead = x & (x << 1) & HIGH;
    // among bytes below 128: (218 - b) has its high bit set for b <= 'Z',
    // (b + 63) for b >= 'A'; neither sum leaves its byte
    let low = x & (ONES * 127);
    let capital = (ONES * (127 + (b'Z' as u64 + 1))).wrapping_sub(low)
        & !x
        & low.wrapping_add(ONES * (127 - (b'A' as u64 - 1)))
        & HIGH;
    lead | capital
}

/// The next word after byte `from`, and the text between (the gap).
fn next_word(text: &str, from: usize) -> Option<(Word, &str)> {
    let mut i = from;
    // names join words with at most three bytes of spaces and hyphens
    while i < text.len() && i - from <= 3 {
        let c = text[i..].chars().next()?;
        if is_word_char(c) {
            return Some((word_at(text, i), &text[from..i]));
        }
        i += c.len_utf8();
    }
    None
}

/// If two or more ASCII capitals, each followed by a dot, start at byte
/// `i` ("U.S.", "D.R.C."), and no letter or digit follows, the end of the
/// last dot.
fn dotted_end(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut j = i;
    while j + 1 < b.len() && b[j].is_ascii_uppercase() && b[j + 1] == b'.' {
        j += 2;
    }
    let letters = (j - i) / 2;
    let follows_word = text[j..].chars().next().is_some_and(is_word_char);
    (letters >= 2 && !follows_word).then_some(j)
}

/// Whether `key` may be a name prefix, by the Bloom filter `bloom`.
#[inline]
fn bloom_has(bloom: &[u8], key: &[u8]) -> bool {
    if bloom.len() * 8 != PREFIX_BLOOM_BITS {
        return false;
    }
    let (a, b) = bloom_bits(key);
    bloom[a / 8] & (1 << (a % 8)) != 0 && bloom[b / 8] & (1 << (b % 8)) != 0
}

/// If the apostrophe at `at` (of `len` bytes) sits inside a word (a letter
/// follows) and is not a possessive `'s` ending the word, the index after it.
fn apostrophe_continues(text: &str, at: usize, len: usize) -> Option<usize> {
    let rest = &text[at + len..];
    let next = rest.chars().next()?;
    if !next.is_alphabetic() {
        return None;
    }
    if next == 's' || next == 'S' {
        let after = rest[1..].chars().next();
        if after.is_none_or(|c| !is_word_char(c)) {
            return None; // possessive
        }
    }
    Some(at + len)
}

/// The normalised key of a word, into `buf` (ASCII fast path).
fn word_key(word: &str, buf: &mut String) {
    buf.clear();
    if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&normalize(word));
    }
}

impl<'g> Gazetteer<'g> {
    /// True when `key` is a common word (`data/common_words.tsv`).
    pub fn is_common_word(&self, key: &str) -> bool {
        let list = self.section(SEC_COMMON_WORDS);
        let n = list.len() / 4;
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let w = self.bytes_at(u32_at(list, mid * 4));
            match w.cmp(key.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// What the tagger needs to know of a first word `word` (normalised to
    /// `key`, which `word_key` writes on demand): whether a name may start
    /// with it, its strong candidates and whether it is a common word. News
    /// repeats its capitalised words ("The", "President", "Moscow"), so the
    /// answers are memoised per thread, keyed by the word as written, which
    /// saves the Bloom filter, perfect-hash and record reads (cache misses
    /// all) of a repeat.
    fn first_word(&self, word: &str, key: &mut String, bloom: &[u8]) -> FirstWord {
        let compute = |key: &mut String| {
            word_key(word, key);
            let prefix = !key.is_empty() && bloom_has(bloom, key.as_bytes());
            let continued = prefix && {
                key.push(' ');
                let yes = bloom_has(bloom, key.as_bytes());
                key.pop();
                yes
            };
            let mut exact = false;
            let k = if prefix && self.may_be_key(key) {
                self.key_index(key)
            } else {
                None
            };
            let cands = match k {
                Some(k) => self.strong_candidates_of(k, word, &mut exact),
                None => Vec::new(),
            };
            let common = k.is_some_and(|k| self.key_is_common(k));
            FirstWord {
                prefix,
                continued,
                cands,
                exact,
                common,
                short: key.len() < 3,
            }
        };
        if word.len() > MEMO_TEXT {
            return compute(key);
        }
        let hash = memo_hash(word.as_bytes());
        MEMO.with(|cell| {
            let memo = &mut *cell.borrow_mut();
            if memo.slots.is_empty() {
                memo.slots.resize(MEMO_SLOTS, MemoSlot::default());
            }
            let at = (hash >> 20) as usize & (MEMO_SLOTS - 1);
            let slot = &memo.slots[at];
            if slot.hash == hash && &slot.text[..slot.len as usize] == word.as_bytes() {
                if slot.flags & MEMO_CONTINUED != 0 {
                    word_key(word, key);
                }
                let from = slot.cands as usize;
                return FirstWord {
                    prefix: slot.flags & MEMO_PREFIX != 0,
                    continued: slot.flags & MEMO_CONTINUED != 0,
                    cands: memo
                        .cands
                        .get(from..from + slot.n as usize)
                        .map(<[(u32, u32)]>::to_vec)
                        .unwrap_or_default(),
                    exact: slot.flags & MEMO_EXACT != 0,
                    common: slot.flags & MEMO_COMMON != 0,
                    short: slot.flags & MEMO_SHORT != 0,
                };
            }
            let first = compute(key);
            if memo.cands.len() + first.cands.len() > MEMO_CANDS_MAX {
                // The candidate store is full of answers of overwritten
                // slots: start again from an empty memo.
                memo.cands.clear();
                memo.slots.fill(MemoSlot::default());
            }
            let flag = |on: bool, bit: u8| if on { bit } else { 0 };
            memo.slots[at] = MemoSlot {
                hash,
                text: {
                    let mut t = [0u8; MEMO_TEXT];
                    t[..word.len()].copy_from_slice(word.as_bytes());
                    t
                },
                len: word.len() as u8,
                flags: flag(first.prefix, MEMO_PREFIX)
                    | flag(first.continued, MEMO_CONTINUED)
                    | flag(first.exact, MEMO_EXACT)
                    | flag(first.common, MEMO_COMMON)
                    | flag(first.short, MEMO_SHORT),
                n: first.cands.len() as u8,
                cands: memo.cands.len() as u32,
            };
            memo.cands.extend_from_slice(&first.cands);
            first
        })
    }

    /// (name index, place index, name record) of each of `postings`; the
    /// name's text is left unread (a cache miss that may not be needed).
    fn posting_names(&self, postings: &'g [u8]) -> impl Iterator<Item = (u32, u32, &'g [u8])> + 'g {
        let names = self.section(SEC_NAMES);
        postings.chunks_exact(4).filter_map(move |chunk| {
            let name = u32_at(chunk, 0);
            let rec = names.get(name as usize * NAME_SIZE..(name as usize + 1) * NAME_SIZE)?;
            Some((name, u32_at(rec, 0), rec))
        })
    }

    /// Places (one name each) with a name spelt exactly `span`, any name, in
    /// the gazetteer's order: for dotted abbreviations, whose spelling is
    /// evidence enough.
    fn dotted_candidates(&self, span: &str) -> Vec<(u32, u32)> {
        let mut out: Vec<(u32, u32)> = Vec::new();
        for (name, place, rec) in self.posting_names(self.postings(&normalize(span))) {
            let text = self.bytes_at(u32_at(rec, 4));
            if text == span.as_bytes()
                && !out.iter().any(|c| c.0 == place)
                && out.len() < MAX_HOMONYMS
            {
                out.push((place, name));
            }
        }
        out
    }

    /// Strong candidates (place, name) of a key, best first, one per place.
    fn strong_candidates(&self, key: &str, text: &str, exact: &mut bool) -> Vec<(u32, u32)> {
        *exact = false;
        // Most words that may start a name ("The", "New") are no key.
        if !self.may_be_key(key) {
            return Vec::new();
        }
        match self.key_index(key) {
            Some(k) => self.strong_candidates_of(k, text, exact),
            None => Vec::new(),
        }
    }

    /// [`Self::strong_candidates`] of the key with index `k`.
    fn strong_candidates_of(&self, k: u32, text: &str, exact: &mut bool) -> Vec<(u32, u32)> {
        // (place, name, the place has the text as written)
        let mut out: Vec<(u32, u32, bool)> = Vec::new();
        let script = text
            .chars()
            .find(|c| c.is_alphabetic())
            .map(crate::translit::script_of);
        for (name, place, rec) in self.posting_names(self.key_postings(k)) {
            if rec[11] == 0 {
                continue; // not a strong name
            }
            // A place already known to bear the text as written, or one past
            // the homonyms kept, has nothing to add: its name text, another
            // cache miss, is not read.
            match out.iter().find(|l| l.0 == place) {
                Some(l) if l.2 => continue,
                None if out.len() >= MAX_HOMONYMS => continue,
                _ => {}
            }
            let name_text = self.bytes_at(u32_at(rec, 4));
            // Text matches names of its own script only: the Georgian name of
            // Azerbaijan, აზერბაიჯანი, transliterates to "Azerbaijani", which
            // in English text is an adjective, not the country.
            let name_script = match name_text.first() {
                Some(b) if b.is_ascii_alphabetic() => Some(crate::translit::Script::Latin),
                _ => std::str::from_utf8(name_text)
                    .ok()
                    .and_then(|t| t.chars().find(|c| c.is_alphabetic()))
                    .map(crate::translit::script_of),
            };
            if name_script != script {
                continue;
            }
            let is_exact = name_text == text.as_bytes();
            if let Some(l) = out.iter_mut().find(|l| l.0 == place) {
                l.2 |= is_exact;
            } else if out.len() < MAX_HOMONYMS {
                out.push((place, name, is_exact));
            }
        }
        // As in `candidates`: a place with the text exactly as written first
        // ("Şuşa" is Shusha before Shush in Iran).
        out.sort_by_key(|l| !l.2);
        *exact = out.first().is_some_and(|l| l.2);
        out.into_iter().map(|(p, n, _)| (p, n)).collect()
    }

    /// Every place mentioned in `text`, in text order, longest match first,
    /// homonyms resolved with the rest of the text.
    ///
    /// ```
    /// let gaz = toponym::Gazetteer::embedded();
    /// let text = "Shelling was reported near Stepanakert and in Agdam-Khankandi road villages, Azerbaijan’s ministry said.";
    /// let ids: Vec<_> = gaz.tag(text).iter().map(|m| (m.text(text), m.place().id())).collect();
    /// assert_eq!(ids, [
    ///     ("Stepanakert", "gn:146970"),
    ///     ("Agdam", "gn:148619"),
    ///     ("Khankandi", "gn:146970"),
    ///     ("Azerbaijan", "gn:587116"),
    /// ]);
    /// ```
    pub fn tag(&self, text: &str) -> Vec<Mention<'g>> {
        self.tag_with(text, &mut Context::new())
    }

    /// [`tag`](Self::tag), with a [`Context`] carried over from earlier text
    /// (for a long text read in chunks) and updated with this one.
    pub fn tag_with(&self, text: &str, ctx: &mut Context) -> Vec<Mention<'g>> {
        let bloom = self.section(SEC_PREFIX_BLOOM);
        let mut raws: Vec<Raw> = Vec::new();
        let mut key = String::new();
        let mut wkey = String::new();
        let mut pos = 0;
        while let Some(at) = next_start(text, pos) {
            let w = word_at(text, at);
            pos = w.end.max(at + 1);
            if !w.capital {
                continue;
            }
            // "U.S.", "D.C.": capitals each followed by a dot, which a name
            // of the gazetteer spells exactly so.
            if let Some(end) = dotted_end(text, w.start) {
                let cands = self.dotted_candidates(&text[w.start..end]);
                if !cands.is_empty() {
                    raws.push(Raw {
                        start: w.start,
                        end,
                        cands,
                        exact: true,
                        doubtful: false,
                        sentence_start: false,
                    });
                    pos = end;
                    continue;
                }
            }
            let first = self.first_word(&text[w.start..w.end], &mut key, bloom);
            if !first.prefix {
                continue;
            }

            // Extend over following words joined by spaces or hyphens.
            // (last word, candidates, exact, single word) of the longest match so far
            let mut best: Option<Longest> = None;
            if !first.cands.is_empty() {
                best = Some((w, first.cands, first.exact, true));
            }
            let mut cur = w;
            let mut count = if first.continued { 1 } else { MAX_WORDS };
            while count < MAX_WORDS {
                let Some((next, gap)) = next_word(text, cur.end) else {
                    break;
                };
                if gap.is_empty()
                    || !gap
                        .chars()
                        .all(|c| c == ' ' || c == '-' || c == '‐' || c == '‑')
                {
                    break;
                }
                word_key(&text[next.start..next.end], &mut wkey);
                key.push(' ');
                key.push_str(&wkey);
                if !bloom_has(bloom, key.as_bytes()) {
                    break;
                }
                cur = next;
                count += 1;
                let span_text = &text[w.start..cur.end];
                let mut exact = false;
                let cands = self.strong_candidates(&key, span_text, &mut exact);
                if !cands.is_empty() {
                    best = Some((cur, cands, exact, false));
                }
            }
            let Some((last, cands, exact, single)) = best else {
                continue;
            };
            let (start, end) = (w.start, last.end);
            let short = single && first.short;
            // A single word that is also a common word or a given name is
            // doubtful, wherever it stands: capitalisation at the start of a
            // sentence proves nothing, and in a title proves little.
            let doubtful = single && first.common;
            let sentence_start = text[..start]
                .trim_end_matches([' ', '"', '“', '«', '(', '\'', '‘', '\t'])
                .chars()
                .last()
                .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | '\r' | ':' | '—' | '•'));
            // A one- or two-letter word is a mention only as a country's
            // abbreviation in capitals ("US", "UK"), never "SE", "IN" or "AM".
            if short
                && !(text[start..end].bytes().all(|b| b.is_ascii_uppercase())
                    && self.place(cands[0].0).tier() == 0)
            {
                continue;
            }
            raws.push(Raw {
                start,
                end,
                cands,
                exact,
                doubtful,
                sentence_start,
            });
            pos = end;
        }

        // Evidence for doubtful mentions: a prominent place (a country,
        // continent or macro-region, a city of a million) stands; so does one
        // next to another mention ("Atlanta, Georgia", "Nice, France"); in
        // mid-sentence, a region or a city of 100,000 stands too. A village
        // named like a common word or a given name ("Lilit") needs a neighbour.
        let prominent = |p: u32| {
            let place = self.place(p);
            place.tier() <= 1 || place.population().unwrap_or(0) >= 1_000_000
        };
        let place_ok = |p: u32, mid_sentence: bool| {
            let place = self.place(p);
            let pop = place.population().unwrap_or(0);
            prominent(p) || (mid_sentence && (place.tier() <= 2 || pop >= 100_000))
        };
        let adjacent = |a: &Raw, b: &Raw| {
            let gap = text.get(a.end..b.start).unwrap_or("x");
            gap.len() <= 3 && gap.trim_matches([' ', ',']).is_empty() && gap.contains(',')
        };
        let keep: Vec<bool> = (0..raws.len())
            .map(|k| {
                let r = &raws[k];
                if !r.doubtful || r.cands.iter().any(|c| place_ok(c.0, !r.sentence_start)) {
                    return true;
                }
                let prev = k.checked_sub(1).and_then(|b| raws.get(b));
                prev.is_some_and(|p| adjacent(p, r))
                    || raws.get(k + 1).is_some_and(|n| adjacent(r, n))
            })
            .collect();
        let raws: Vec<Raw> = raws
            .into_iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(r, _)| r)
            .collect();

        // Context: mentions whose candidates all lie in one country teach it.
        let country_of = |p: u32| {
            self.place(p).country().map(|cc| {
                let b = cc.as_bytes();
                [b[0], b[1]]
            })
        };
        for r in &raws {
            let first = country_of(r.cands[0].0);
            if let Some(cc) = first {
                if r.cands.iter().all(|c| country_of(c.0) == first) {
                    ctx.remember(cc, r.cands[0].0);
                }
            }
        }
        let mut out = Vec::with_capacity(raws.len());
        for (k, r) in raws.iter().enumerate() {
            // Among homonyms of different countries, the first candidate of
            // the country the text mentions most; within one country the
            // gazetteer's order stands.
            let mut pick = 0;
            let mut best = 0;
            // "City, Region": a region or country right after a comma is the
            // one that contains the place before it ("Atlanta, Georgia" is the
            // US state), and a place right before a comma is the one inside
            // the region after it ("Nice, France"). A list ("Washington,
            // Moscow") proves nothing.
            let comma = |a: &Raw, b: &Raw| {
                let gap = text.get(a.end..b.start).unwrap_or("x");
                gap.len() <= 3 && gap.contains(',') && gap.trim_matches([' ', ',']).is_empty()
            };
            // (not when the neighbour may be this very place in another
            // spelling: "Степанакерт, Ստեփանակերտ")
            let same = |o: &Raw| r.cands.iter().any(|c| c.0 == o.cands[0].0);
            let before = k
                .checked_sub(1)
                .map(|b| &raws[b])
                .filter(|b| comma(b, r) && !same(b))
                .map(|b| b.cands[0].0);
            let after = raws
                .get(k + 1)
                .filter(|a| comma(r, a) && !same(a))
                .map(|a| a.cands[0].0);
            // ... but a neighbour that can only be one of this mention's
            // places says which ("Washington, D.C." is the city).
            let named_beside = [k.checked_sub(1).map(|b| &raws[b]), raws.get(k + 1)]
                .into_iter()
                .flatten()
                .filter(|o| (comma(o, r) || comma(r, o)) && o.cands.len() == 1 && same(o))
                .map(|o| o.cands[0].0)
                .next();
            let within = |inner: u32, outer: u32| {
                let mut cur = self.place(inner).parent();
                for _ in 0..8 {
                    match cur {
                        Some(p) if p == self.place(outer) => return true,
                        Some(p) => cur = p.parent(),
                        None => return false,
                    }
                }
                false
            };
            // A country yields to a homonym of another country's on that
            // country's mentions only when the homonym is a region too
            // ("Georgia" near Atlanta is the US state); "Mexico" in a text
            // about the United States stays the country, not a town in
            // Missouri, unless a comma neighbour contains the town.
            let country_first = self.place(r.cands[0].0).tier() == 0;
            for (c, &(p, _)) in r.cands.iter().enumerate() {
                let cc = country_of(p);
                let contained =
                    before.is_some_and(|b| within(b, p)) || after.is_some_and(|a| within(p, a));
                let mut n = if country_first && c > 0 && self.place(p).tier() > 1 && !contained {
                    0
                } else {
                    cc.map_or(0, |cc| ctx.country_count(cc))
                };
                if contained {
                    n += 8;
                }
                if named_beside == Some(p) {
                    n += 16;
                }
                if n > best {
                    best = n;
                    pick = c;
                }
            }
            let (p, n) = r.cands[pick];
            let mut score = if r.exact { 1.0 } else { 0.95 };
            if r.doubtful && !prominent(p) {
                score *= 0.85;
            }
            if pick != 0 {
                score *= 0.9;
            }
            out.push(Mention {
                start: r.start,
                end: r.end,
                place: self.place(p),
                name: n,
                score,
            });
        }
        out
    }
}

impl<'g> Mention<'g> {
    fn shifted(mut self, by: usize) -> Mention<'g> {
        self.start += by;
        self.end += by;
        self
    }
}

impl<'g> Gazetteer<'g> {
    /// [`tag_with`](Self::tag_with) over bytes that may hold invalid UTF-8:
    /// each valid run is tagged; offsets are into `bytes`.
    pub fn tag_bytes(&self, bytes: &[u8], ctx: &mut Context) -> Vec<Mention<'g>> {
        let mut out = Vec::new();
        for (at, run) in utf8_runs(bytes) {
            out.extend(self.tag_with(run, ctx).into_iter().map(|m| m.shifted(at)));
        }
        out
    }

    /// Streams the mentions of a text read from `reader`, with byte offsets
    /// from the start of the stream, in constant memory: the text is read in
    /// [`Chunks`] of whole lines (a line longer than [`MAX_CHUNK`] is cut at a
    /// space), and one [`Context`] is carried from chunk to chunk.
    ///
    /// ```
    /// let gaz = toponym::Gazetteer::embedded();
    /// let text = "Talks in Baku.\nThen Yerevan.\n".as_bytes();
    /// let ids: Vec<_> = gaz.tag_reader(text).map(|m| m.unwrap().place().id()).collect();
    /// assert_eq!(ids, ["gn:587084", "gn:616052"]);
    /// ```
    pub fn tag_reader<R: std::io::Read>(&self, reader: R) -> TagReader<'g, R> {
        TagReader {
            gaz: *self,
            chunks: Chunks::new(reader),
            ctx: Context::new(),
            pending: std::collections::VecDeque::new(),
        }
    }
}

/// The valid UTF-8 runs of `bytes`, with their offsets.
pub fn utf8_runs(bytes: &[u8]) -> impl Iterator<Item = (usize, &str)> {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let (valid, skip) = match std::str::from_utf8(&bytes[i..]) {
                Ok(_) => (bytes.len() - i, 0),
                Err(e) => (
                    e.valid_up_to(),
                    e.error_len().unwrap_or(bytes.len() - i - e.valid_up_to()),
                ),
            };
            let at = i;
            i += valid + skip;
            if valid > 0 {
                if let Ok(s) = std::str::from_utf8(&bytes[at..at + valid]) {
                    return Some((at, s));
                }
            }
        }
        None
    })
}

/// Longest chunk [`Chunks`] reads before cutting a line at a space.
pub const MAX_CHUNK: usize = 1 << 20;

/// Size from which [`Chunks`] ends a chunk at the next newline.
const CHUNK_TARGET: usize = 1 << 16;

/// A reader split into chunks of whole lines (the last byte of a chunk is a
/// newline, or the chunk ends the stream, or a line longer than
/// [`MAX_CHUNK`] was cut after a space or, failing one, at a UTF-8 boundary).
#[derive(Debug)]
pub struct Chunks<R> {
    reader: std::io::BufReader<R>,
    offset: usize,
    carry: Vec<u8>,
    done: bool,
}

impl<R: std::io::Read> Chunks<R> {
    /// Chunks of `reader`.
    pub fn new(reader: R) -> Chunks<R> {
        Chunks {
            reader: std::io::BufReader::with_capacity(1 << 16, reader),
            offset: 0,
            carry: Vec::new(),
            done: false,
        }
    }
}

impl<R: std::io::Read> Iterator for Chunks<R> {
    /// (offset of the chunk in the stream, its bytes)
    type Item = std::io::Result<(usize, Vec<u8>)>;

    fn next(&mut self) -> Option<Self::Item> {
        use std::io::BufRead;
        if self.done && self.carry.is_empty() {
            return None;
        }
        let mut buf = std::mem::take(&mut self.carry);
        // Read until a chunk of whole lines of at least CHUNK_TARGET bytes, or
        // MAX_CHUNK bytes, or the end.
        while !self.done && buf.len() < MAX_CHUNK {
            if buf.len() >= CHUNK_TARGET && buf.contains(&b'\n') {
                break;
            }
            let avail = match self.reader.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Some(Err(e)),
            };
            if avail.is_empty() {
                self.done = true;
                break;
            }
            let take = avail.len().min(MAX_CHUNK - buf.len());
            buf.extend_from_slice(&avail[..take]);
            self.reader.consume(take);
        }
        if buf.is_empty() {
            return None;
        }
        // Cut after the last newline, else the last space, else at a UTF-8 boundary.
        if !self.done {
            let cut = buf
                .iter()
                .rposition(|&b| b == b'\n')
                .or_else(|| buf.iter().rposition(|&b| b == b' '))
                .map(|p| p + 1)
                .unwrap_or_else(|| {
                    let mut c = buf.len();
                    while c > 0 && (buf[c - 1] & 0xC0) == 0x80 {
                        c -= 1;
                    }
                    if c > 0 && buf[c - 1] >= 0xC0 {
                        c - 1
                    } else {
                        buf.len()
                    }
                })
                .max(1);
            self.carry = buf.split_off(cut);
        }
        let at = self.offset;
        self.offset += buf.len();
        Some(Ok((at, buf)))
    }
}

/// Iterator of the mentions of a stream, from [`Gazetteer::tag_reader`].
#[derive(Debug)]
pub struct TagReader<'g, R> {
    gaz: Gazetteer<'g>,
    chunks: Chunks<R>,
    ctx: Context,
    pending: std::collections::VecDeque<Mention<'g>>,
}

impl<'g, R: std::io::Read> Iterator for TagReader<'g, R> {
    type Item = std::io::Result<Mention<'g>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(m) = self.pending.pop_front() {
                return Some(Ok(m));
            }
            match self.chunks.next()? {
                Err(e) => return Some(Err(e)),
                Ok((at, bytes)) => {
                    let ms = self.gaz.tag_bytes(&bytes, &mut self.ctx);
                    self.pending.extend(ms.into_iter().map(|m| m.shifted(at)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of key `k` of the embedded image.
    fn key_text(g: &Gazetteer<'static>, k: u32) -> &'static str {
        let rec = &g.section(SEC_KEYS)[k as usize * KEY_SIZE..(k as usize + 1) * KEY_SIZE];
        g.str_at(u32_at(rec, 0))
    }

    #[test]
    fn image_filters_never_miss() {
        let g = Gazetteer::embedded();
        let bloom = g.section(SEC_PREFIX_BLOOM);
        let mut multiword = 0;
        for k in 0..g.key_count() as u32 {
            let text = key_text(&g, k);
            // every key passes the key Bloom filter and leads back to itself
            assert!(g.may_be_key(text), "key Bloom filter misses {text:?}");
            assert_eq!(g.key_index(text), Some(k), "{text:?}");
            // the common-word bit is the common-word list
            assert_eq!(g.key_is_common(k), g.is_common_word(text), "{text:?}");
            // a taggable multi-word key: each word prefix passes the prefix
            // filter, and says that the name continues after it
            let strong = g
                .posting_names(g.key_postings(k))
                .any(|(_, _, rec)| rec[11] != 0);
            if strong && text.contains(' ') {
                multiword += 1;
                for (i, _) in text.match_indices(' ') {
                    assert!(bloom_has(bloom, &text.as_bytes()[..i]), "{text:?} at {i}");
                    assert!(
                        bloom_has(bloom, &text.as_bytes()[..=i]),
                        "{text:?} continued at {i}"
                    );
                }
                assert!(bloom_has(bloom, text.as_bytes()), "{text:?}");
            }
        }
        assert!(multiword > 10_000, "{multiword} multi-word keys");
    }

    #[test]
    fn memo_gives_the_same_answers_warm_and_cold() {
        let g = Gazetteer::embedded();
        // Homonym-rich words (more candidates than a memo slot keeps), a
        // word longer than a slot's text, multi-word names, repeats.
        let text = "Springfield and Georgia. Washington, Moscow, Nagorno-Karabakh and the \
                    Republic of Armenia; Mezhdurechensky, Springfield, Georgia, Tbilisi. \
                    The President of Azerbaijan visited Stepanakert. "
            .repeat(3);
        let cold = std::thread::scope(|s| s.spawn(|| g.tag(&text)).join().expect("tagging thread"));
        let warm = g.tag(&text);
        let warm_again = g.tag(&text);
        let key = |ms: &[Mention<'static>]| -> Vec<(usize, usize, &'static str, &'static str)> {
            ms.iter()
                .map(|m| (m.start(), m.end(), m.place().id(), m.matched_name().lang()))
                .collect()
        };
        assert_eq!(key(&cold), key(&warm));
        assert_eq!(key(&warm), key(&warm_again));
        let said: Vec<&str> = warm.iter().map(|m| m.text(&text)).collect();
        for want in [
            "Springfield",
            "Washington",
            "Nagorno-Karabakh",
            "Republic of Armenia",
            "Stepanakert",
        ] {
            assert!(said.contains(&want), "{want} missing from {said:?}");
        }
    }

    #[test]
    fn block_filter_flags_exactly_the_starts() {
        // every byte value at every position, among neighbours of every kind
        for x in 0u32..=255 {
            let b = x as u8;
            let wanted = b.is_ascii_uppercase() || b >= 0xC0;
            for fill in [b'a', b'Z', 0xC3, 0x80, b'@', b'['] {
                for pos in 0..8 {
                    let mut block = [fill; 8];
                    block[pos] = b;
                    let flags = start_bytes(u64::from_le_bytes(block));
                    for (k, &byte) in block.iter().enumerate() {
                        let want = if k == pos {
                            wanted
                        } else {
                            fill.is_ascii_uppercase() || fill >= 0xC0
                        };
                        let got = flags & (0x80 << (8 * k)) != 0;
                        assert_eq!(got, want, "byte {byte:#x} at {k} in {block:x?}");
                    }
                    assert_eq!(flags & !0x8080_8080_8080_8080, 0);
                }
            }
        }
    }

    #[test]
    fn word_starts_and_possessives() {
        let t = "Azerbaijan’s army, Step'anakert and O'Brien in საქართველო";
        let mut starts = vec![];
        let mut pos = 0;
        while let Some(at) = next_start(t, pos) {
            let w = word_at(t, at);
            starts.push((&t[w.start..w.end], w.capital));
            pos = w.end.max(at + 1);
        }
        assert_eq!(
            starts,
            [
                ("Azerbaijan", true),
                ("Step'anakert", true),
                ("O'Brien", true),
                ("საქართველო", true)
            ]
        );
        let (w, gap) = next_word(t, 10).unwrap();
        assert_eq!(
            (&t[w.start..w.end], gap),
            ("s", "’"),
            "the possessive is no part of the name"
        );
    }
}
