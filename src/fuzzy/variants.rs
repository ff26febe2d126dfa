//! Variants of a query looked up as keys: the keys a trigram index cannot
//! see (transliteration swaps, transpositions of short names, edits at the
//! beginning, a short name's whole one-edit neighbourhood).

use super::MAX_FUZZY_QUERY;

/// Longest key, in bytes, whose one-edit neighbourhood fuzzy matching walks.
pub const MAX_NEIGHBOURHOOD_KEY: usize = 8;

/// Calls `f` with every string one edit (deletion, insertion, substitution of
/// a letter or space, or transposition of neighbours) away from the ASCII key
/// `q`: about 55 per letter. Nothing for keys longer than
/// [`MAX_NEIGHBOURHOOD_KEY`] or not ASCII.
pub(crate) fn one_edit_keys(q: &str, f: impl FnMut(&str)) {
    if q.len() <= MAX_NEIGHBOURHOOD_KEY && q.len() >= 3 {
        edits_within(q, q.len() + 1, f);
    }
}

/// Calls `f` with every string one edit away from the ASCII key `q` that
/// changes its first two bytes: the keys the trigram index's first pass,
/// which reads only keys that begin like the query, cannot see ("hiraz" /
/// "shiraz", "hibin" / "yibin"). About 110 strings, whatever the key's length.
pub(crate) fn start_edit_keys(q: &str, f: impl FnMut(&str)) {
    if q.len() >= 3 && q.len() <= MAX_FUZZY_QUERY {
        edits_within(q, 2, f);
    }
}

/// Calls `f` with the strings one edit away from the ASCII key `q` whose
/// edit is a deletion, substitution or insertion before byte `upto`, or a
/// transposition of a byte before `upto` with the next; strings that would
/// begin or end with a space, or hold two in a row, are left out.
fn edits_within(q: &str, upto: usize, mut f: impl FnMut(&str)) {
    if !q.is_ascii() {
        return;
    }
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz ";
    let b = q.as_bytes();
    let mut buf: Vec<u8> = Vec::with_capacity(b.len() + 1);
    let emit = |buf: &[u8], f: &mut dyn FnMut(&str)| {
        if let Ok(s) = std::str::from_utf8(buf) {
            if !s.starts_with(' ') && !s.ends_with(' ') && !s.contains("  ") {
                f(s);
            }
        }
    };
    for i in 0..b.len().min(upto) {
        // deletion
        buf.clear();
        buf.extend_from_slice(&b[..i]);
        buf.extend_from_slice(&b[i + 1..]);
        emit(&buf, &mut f);
        // substitution
        for &c in ALPHABET {
            if c != b[i] {
                buf.clear();
                buf.extend_from_slice(b);
                buf[i] = c;
                emit(&buf, &mut f);
            }
        }
    }
    // transposition of neighbours
    for i in 0..b.len().saturating_sub(1).min(upto) {
        if b[i] != b[i + 1] {
            buf.clear();
            buf.extend_from_slice(b);
            buf.swap(i, i + 1);
            emit(&buf, &mut f);
        }
    }
    // insertion
    for i in 0..=b.len().min(upto) {
        for &c in ALPHABET {
            buf.clear();
            buf.extend_from_slice(&b[..i]);
            buf.push(c);
            buf.extend_from_slice(&b[i..]);
            emit(&buf, &mut f);
        }
    }
}

/// Strings that may be keys (a query's variants), packed in one buffer, so
/// that the key filter can be tested for all of them at once
/// ([`crate::Gazetteer::guessed_keys`]).
#[derive(Default)]
pub(crate) struct Guesses {
    text: String,
    ends: Vec<usize>,
}

impl Guesses {
    /// Adds a string.
    pub(crate) fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len());
    }

    /// Forgets every string (keeping the buffers).
    pub(crate) fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    /// The strings, in the order they were added.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(a, b)| self.text.get(a..b).unwrap_or(""))
    }
}

/// Similarity given to a key that a known transliteration swap of the query
/// reaches exactly (`pakhton` → `paxton`, `kadzhiki` → `kajiki`): as close as
/// a single cheap edit.
pub const TRANSLIT_SIMILARITY: f64 = 0.95;

/// Transliteration swaps tried on a normalised query key, each at one place
/// at a time and everywhere at once: the romanisations of one sound that
/// Azerbaijani, Armenian, Russian, Georgian and English spellings disagree on.
const KEY_SWAPS: &[(&str, &str)] = &[
    ("kh", "x"),
    ("x", "kh"),
    ("kh", "h"),
    ("kh", "k"),
    ("gh", "g"),
    ("g", "gh"),
    ("sh", "s"),
    ("ch", "c"),
    ("c", "ch"),
    ("tch", "ch"),
    ("dzh", "j"),
    ("j", "dzh"),
    ("zh", "j"),
    ("dj", "j"),
    ("j", "c"),
    ("c", "j"),
    ("ts", "c"),
    ("ts", "tz"),
    ("ou", "u"),
    ("u", "ou"),
];

/// Letters of Azerbaijani and Turkish that queries may carry, with the
/// digraphs English spelling uses for them (normalisation alone folds `ş`
/// to `s`, `ə` to `e`).
const RAW_SWAPS: &[(char, &str)] = &[
    ('ş', "sh"),
    ('ç', "ch"),
    ('ğ', "gh"),
    ('ə', "a"),
    ('ǝ', "a"),
];

/// Calls `f` with the transliteration variants of a query: `raw` with its
/// Azerbaijani letters spelt out, normalised, and the normalised `key` with
/// each of [`KEY_SWAPS`] applied at one occurrence (the first four) or at
/// all. Variants may repeat; nothing for keys over [`MAX_FUZZY_QUERY`].
pub(crate) fn translit_variants(raw: &str, key: &str, mut f: impl FnMut(&str)) {
    if key.len() > MAX_FUZZY_QUERY || !key.is_ascii() {
        return;
    }
    if raw.chars().any(|c| {
        RAW_SWAPS
            .iter()
            .any(|&(r, _)| r == c.to_lowercase().next().unwrap_or(c))
    }) {
        let mut spelt = String::with_capacity(raw.len() + 8);
        for c in raw.chars() {
            let lower = c.to_lowercase().next().unwrap_or(c);
            match RAW_SWAPS.iter().find(|&&(r, _)| r == lower) {
                Some(&(_, to)) => spelt.push_str(to),
                None => spelt.push(c),
            }
        }
        let v = crate::normalize::normalize(&spelt);
        if v != key {
            f(&v);
        }
    }
    let mut buf = String::with_capacity(key.len() + 8);
    for &(from, to) in KEY_SWAPS {
        let mut count = 0;
        for (at, _) in key.match_indices(from).take(4) {
            count += 1;
            buf.clear();
            buf.push_str(&key[..at]);
            buf.push_str(to);
            buf.push_str(&key[at + from.len()..]);
            f(&buf);
        }
        if count > 1 {
            f(&key.replace(from, to));
        }
    }
}

/// Calls `f` with every string that swaps two different neighbouring
/// characters of the key `q` (the transpositions a trigram index can miss
/// in a short name: `taeko` shares one trigram with `takeo`). Nothing for
/// keys longer than [`MAX_NEIGHBOURHOOD_KEY`] bytes.
pub(crate) fn transposed_keys(q: &str, mut f: impl FnMut(&str)) {
    if q.len() > MAX_NEIGHBOURHOOD_KEY {
        return;
    }
    let mut chars: Vec<char> = q.chars().collect();
    let mut buf = String::with_capacity(q.len());
    for i in 0..chars.len().saturating_sub(1) {
        if chars[i] != chars[i + 1] {
            chars.swap(i, i + 1);
            buf.clear();
            buf.extend(chars.iter());
            f(&buf);
            chars.swap(i, i + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_neighbourhood() {
        let mut seen = Vec::new();
        one_edit_keys("kagwa", |s| seen.push(s.to_string()));
        for want in ["katwa", "kgwa", "akgwa", "kagwas", "kag wa"] {
            assert!(seen.iter().any(|s| s == want), "{want}");
        }
        assert!(!seen.iter().any(|s| s == "kagwa"));
        let mut n = 0;
        one_edit_keys(&"x".repeat(40), |_| n += 1);
        assert_eq!(n, 0, "long keys are left to the trigram index");
    }

    #[test]
    fn start_edits_change_only_the_first_two_bytes() {
        let mut seen = Vec::new();
        start_edit_keys("hiraz", |s| seen.push(s.to_string()));
        for want in [
            "shiraz", "yiraz", "iraz", "hraz", "ihraz", "hriaz", "hsiraz",
        ] {
            assert!(seen.iter().any(|s| s == want), "{want}");
        }
        for unwanted in ["hiraz", "hiza", "hirza", "hiraa", "hirazs"] {
            assert!(!seen.iter().any(|s| s == unwanted), "{unwanted}");
        }
        assert!(seen.iter().all(|s| !s.starts_with(' ')));
        // whatever the key's length, unlike the whole neighbourhood
        let long = "nagorno karabakh republic";
        let mut n = 0;
        start_edit_keys(long, |s| {
            // the edit is within the first two bytes (a transposition of the
            // second and third reaches the third)
            assert!(s.ends_with(&long[3..]) && s != long, "{s}");
            n += 1;
        });
        assert!(n > 50, "{n}");
    }

    #[test]
    fn guesses_keep_their_strings_in_order() {
        let mut g = Guesses::default();
        for s in ["ab", "", "cde", "ə"] {
            g.push(s);
        }
        assert_eq!(g.iter().collect::<Vec<_>>(), ["ab", "", "cde", "ə"]);
        g.clear();
        assert_eq!(g.iter().count(), 0);
    }

    #[test]
    fn transpositions() {
        let mut seen = Vec::new();
        transposed_keys("taeko", |s| seen.push(s.to_string()));
        assert_eq!(seen, ["ateko", "teako", "takeo", "taeok"]);
        seen.clear();
        transposed_keys("ɲnoo", |s| seen.push(s.to_string()));
        assert_eq!(
            seen,
            ["nɲoo", "ɲono"],
            "characters, not bytes; no swap of equals"
        );
        seen.clear();
        transposed_keys(&"ab".repeat(5), |s| seen.push(s.to_string()));
        assert!(seen.is_empty(), "long keys are left to the trigram index");
    }
}
