//! Words: where a word that may start a mention begins, where it ends, its
//! key. One apostrophe rule for the tagger and the normaliser
//! ([`crate::normalize::is_apostrophe`]): an apostrophe between letters is
//! inside a word (`Step‘anakert`, `Erivan'da`), except a possessive `'s` and
//! an elided article before a name (`d'Erevan`).

use crate::layout::{bloom_bits, bloom_len_ok, bloom_test};
use crate::normalize::{is_apostrophe, normalize};

/// A word of the text: byte range, and whether it may start a mention.
#[derive(Clone, Copy, Debug)]
pub(super) struct Word {
    pub start: usize,
    pub end: usize,
    /// First letter is upper case, or the script has no case.
    pub capital: bool,
    /// An apostrophe inside the word (`Erivan'da`, `L'Arménie`).
    pub apostrophe: bool,
}

#[inline]
pub(super) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // General Punctuation (dashes, quotes, spaces, invisible operators)
    // holds no letter, digit or combining mark: news is full of it, and the
    // Unicode tables need not be asked
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        return false;
    }
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// Whether `word` starts with a capital, or with a letter of a script
/// without case: what a word needs to start a mention.
pub(super) fn starts_capital(word: &str) -> bool {
    match word.as_bytes().first() {
        None => false,
        Some(&b) if b < 0x80 => !b.is_ascii_lowercase(),
        Some(_) => {
            let first = word.chars().next().unwrap_or(' ');
            // Georgian Mkhedruli is caseless although Unicode files it as lower case.
            let caseless = matches!(first as u32, 0x10D0..=0x10FF);
            first.is_uppercase() || caseless || !first.is_lowercase()
        }
    }
}

/// The word that starts at byte `i` of `text` (which must start a word).
pub(super) fn word_at(text: &str, i: usize) -> Word {
    let bytes = text.as_bytes();
    let capital = starts_capital(&text[i..]);
    let mut apostrophe = false;
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
                    apostrophe = true;
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
                apostrophe = true;
                continue;
            }
        }
        break;
    }
    Word {
        start: i,
        end: j,
        capital,
        apostrophe,
    }
}

/// The char of `text` that ends at byte `end`, if any.
pub(super) fn char_before(text: &str, end: usize) -> Option<char> {
    text.get(..end)?.chars().next_back()
}

/// Whether a word may start at byte `i`: the character before it is neither a
/// letter or digit nor an apostrophe inside a word (`O'Brien`).
pub(super) fn is_word_start(text: &str, i: usize) -> bool {
    match char_before(text, i) {
        None => true,
        Some(c) if is_word_char(c) => false,
        Some(c) if is_apostrophe(c) => {
            let at = i - c.len_utf8();
            // after an elided article or preposition a name starts
            // (d'Erevan, dell'Armenia); after other letters the apostrophe
            // is inside a word (O'Brien)
            !char_before(text, at).is_some_and(is_word_char) || elided_prefix(text, i).is_some()
        }
        Some(_) => true,
    }
}

/// The next byte at or after `from` where a word that may start a mention
/// begins: an ASCII capital, or a non-ASCII letter (whose case is checked
/// later), at a word boundary. Lower-case ASCII words, the bulk of English
/// text, are skipped a byte at a time without being split.
pub(super) fn next_start(text: &str, from: usize) -> Option<usize> {
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
pub(super) fn start_at(text: &str, k: usize) -> Option<usize> {
    let b = text.as_bytes()[k];
    let starts = if b.is_ascii_uppercase() {
        true
    } else {
        // a lead byte: the dashes and quotes of news are no word
        b >= 0xC0 && is_word_char(text[k..].chars().next()?)
    };
    (starts && is_word_start(text, k)).then_some(k)
}

/// The high bit of each byte of the little-endian block `x` that is an ASCII
/// capital or of the form `11xxxxxx` (the lead byte of a multi-byte
/// character); no other bit is set. Exact: no carry or borrow crosses a byte.
#[inline]
pub(super) fn start_bytes(x: u64) -> u64 {
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
pub(super) fn next_word(text: &str, from: usize) -> Option<(Word, &str)> {
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
pub(super) fn dotted_end(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut j = i;
    while j + 1 < b.len() && b[j].is_ascii_uppercase() && b[j + 1] == b'.' {
        j += 2;
    }
    let letters = (j - i) / 2;
    if letters < 2 {
        return None;
    }
    let follows_word = text[j..].chars().next().is_some_and(is_word_char);
    (!follows_word).then_some(j)
}

/// If word `w` is an abbreviation of a capital and one to four small letters
/// with its dot, right after a comma ("RALEIGH, Calif.", "Severn, Md."),
/// the end of the dot: where US news writes a state after a city.
pub(super) fn abbreviation_end(text: &str, w: &Word) -> Option<usize> {
    let word = text.get(w.start..w.end)?.as_bytes();
    let shaped = (2..=5).contains(&word.len())
        && word[0].is_ascii_uppercase()
        && word[1..].iter().all(u8::is_ascii_lowercase);
    if !shaped || text.as_bytes().get(w.end) != Some(&b'.') {
        return None;
    }
    let end = w.end + 1;
    let after_comma = text.get(..w.start)?.ends_with(", ");
    let follows_word = text.get(end..)?.chars().next().is_some_and(is_word_char);
    (after_comma && !follows_word).then_some(end)
}

/// Whether `key` may be a name prefix, by the Bloom filter `bloom`.
#[inline]
pub(super) fn bloom_has(bloom: &[u8], key: &[u8]) -> bool {
    if !bloom_len_ok(bloom.len()) {
        return false;
    }
    bloom_test(bloom, bloom_bits(key, bloom.len() * 8))
}

/// If the apostrophe at `at` (of `len` bytes) sits inside a word (a letter
/// follows) and is not a possessive `'s` ending the word, the index after it.
pub(super) fn apostrophe_continues(text: &str, at: usize, len: usize) -> Option<usize> {
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
pub(super) fn word_key(word: &str, buf: &mut String) {
    buf.clear();
    if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&normalize(word));
    }
}

/// The elided article or preposition (`d`, `l`, `dell`, `all`: a whole word
/// that an inflection table lists) before the apostrophe that ends just
/// before byte `start`, if there is one.
pub(super) fn elided_prefix(text: &str, start: usize) -> Option<&str> {
    let apostrophe = char_before(text, start).filter(|&c| is_apostrophe(c))?;
    let at = start - apostrophe.len_utf8();
    let before = &text[..at];
    let from = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(at, |(i, _)| i);
    let prefix = &before[from..];
    (at - from <= 8 && crate::inflect::is_elision(prefix)).then_some(prefix)
}

/// The word after an elided article inside `w` (`L'Arménie` → `Arménie`),
/// if `w` starts with one.
pub(super) fn after_elision(text: &str, w: Word) -> Option<Word> {
    if !w.apostrophe {
        return None;
    }
    let (prefix, name) = crate::inflect::table::split_apostrophe(&text[w.start..w.end])?;
    if !crate::inflect::is_elision(prefix) {
        return None;
    }
    let at = w.end - name.len();
    Some(Word {
        start: at,
        end: w.end,
        capital: name.chars().next().is_some_and(|c| !c.is_lowercase()),
        apostrophe: crate::inflect::table::split_apostrophe(name).is_some(),
    })
}

/// Whether a mention at byte `start` opens a sentence, where capitals prove
/// nothing.
pub(super) fn sentence_start(text: &str, start: usize) -> bool {
    text[..start]
        .trim_end_matches([' ', '"', '“', '«', '(', '\'', '‘', '\t'])
        .chars()
        .last()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | '\r' | ':' | '—' | '•'))
}

/// Whether the mention at `start..end` is the place of a dateline: written
/// in capitals (three letters or more) at the start of a sentence and
/// followed by a comma, a parenthesis or a dash (`WASHINGTON (AP) —`,
/// `RALEIGH, N.C. (AP) -`, `WINNIPEG —`, `WASHINGTON—`). Capitals there are the dateline's
/// style, not a common word shouted, so they prove the place.
pub(super) fn dateline(text: &str, start: usize, end: usize) -> bool {
    let said = &text[start..end];
    // most mentions are written "Title": their second letter says so at once
    if said.as_bytes().get(1).is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    let letters = said.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3 || said.chars().any(char::is_lowercase) || !sentence_start(text, start) {
        return false;
    }
    let after = &text[end..];
    after.starts_with(',')
        || [" (", " —", " –", " -", "\u{a0}—", "—", "–"]
            .iter()
            .any(|p| after.starts_with(p))
}

/// Whether the gap after word `last` of `text` is an abbreviation's dot and
/// one space inside a name: `St. Louis`, `ST. LOUIS`, `Mt. Hood`, `Ft. Worth`
/// (a short capitalised word: the prefix filter decides whether a name goes
/// on).
pub(super) fn abbreviation_gap(text: &str, last: &Word, gap: &str) -> bool {
    let word = &text[last.start..last.end];
    gap == ". "
        && (2..=3).contains(&word.len())
        && word.as_bytes()[0].is_ascii_uppercase()
        && (word.as_bytes()[1..].iter().all(u8::is_ascii_lowercase)
            || word.as_bytes()[1..].iter().all(u8::is_ascii_uppercase))
}

/// The word right after byte `end`, past one space: (its text, capitalised).
pub(super) fn word_after(text: &str, end: usize) -> Option<&str> {
    let rest = text.get(end..)?;
    let rest = rest
        .strip_prefix(' ')
        .or_else(|| rest.strip_prefix('\u{a0}'))?;
    // most words after a mention are lower case: no need to find their end
    rest.chars().next().filter(|c| c.is_uppercase())?;
    let len = rest
        .find(|c: char| !c.is_alphanumeric() && c != '-')
        .unwrap_or(rest.len());
    Some(&rest[..len])
}

/// The word right before byte `start`, past one space (a title may end with
/// a dot: `Mr.`), and whether it is capitalised.
pub(super) fn word_before(text: &str, start: usize) -> Option<(&str, bool)> {
    let before = text.get(..start)?;
    let before = before
        .strip_suffix(' ')
        .or_else(|| before.strip_suffix('\u{a0}'))?;
    let before = before.strip_suffix('.').unwrap_or(before);
    let from = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, _)| i)?;
    let word = &before[from..];
    Some((word, word.chars().next().is_some_and(char::is_uppercase)))
}
