//! String similarity of a query and a key: a typo-weighted
//! optimal-string-alignment distance blended with Jaro-Winkler.

/// String similarity of a query and a key in [0, 1]: the mean of
/// `1 - typo_distance / longer length` and Jaro-Winkler. The distance keeps
/// short names honest (Jaro-Winkler alone rates `gori`/`goris` 0.96); Jaro-
/// Winkler rewards a shared beginning, where transliterations agree most.
pub(crate) fn similarity(q: &str, key: &str) -> f64 {
    // both are ASCII keys: bytes are characters
    let longer = q.len().max(key.len()).max(1) as f64;
    let d = typo_distance(q.as_bytes(), key.as_bytes());
    let edit = (1.0 - d / longer).max(0.0);
    let jw = jaro_winkler(q.as_bytes(), key.as_bytes());
    0.5 * edit + 0.5 * jw
}

/// Jaro-Winkler similarity of two byte strings, as `strsim::jaro_winkler`
/// computes it for ASCII text, without allocating (strings longer than 80
/// bytes go to strsim).
pub(crate) fn jaro_winkler(a: &[u8], b: &[u8]) -> f64 {
    if a.len() > DP_MAX || b.len() > DP_MAX {
        return strsim::jaro_winkler(
            std::str::from_utf8(a).unwrap_or(""),
            std::str::from_utf8(b).unwrap_or(""),
        );
    }
    let jaro = jaro(a, b);
    let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count();
    if jaro > 0.7 {
        (jaro + 0.1 * prefix as f64 * (1.0 - jaro)).min(1.0)
    } else {
        jaro
    }
}

/// Jaro similarity of two byte strings of at most 80 bytes.
fn jaro(a: &[u8], b: &[u8]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a.len() == 1 && b.len() == 1 {
        return if a[0] == b[0] { 1.0 } else { 0.0 };
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut b_used = [false; DP_MAX];
    let mut a_used = [false; DP_MAX];
    let mut matches = 0usize;
    for (i, &x) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        for j in lo..hi {
            if !b_used[j] && b[j] == x {
                b_used[j] = true;
                a_used[i] = true;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let mut transpositions = 0usize;
    let mut j = 0;
    for (i, &x) in a.iter().enumerate() {
        if !a_used[i] {
            continue;
        }
        while !b_used[j] {
            j += 1;
        }
        if x != b[j] {
            transpositions += 1;
        }
        j += 1;
    }
    let m = matches as f64;
    (m / a.len() as f64 + m / b.len() as f64 + (m - (transpositions / 2) as f64) / m) / 3.0
}

/// Longest strings [`typo_distance`] compares on the stack.
const DP_MAX: usize = 80;

/// Optimal-string-alignment distance (insertions, deletions, substitutions
/// and transpositions of neighbours) whose costs follow how names really get
/// misspelt and transliterated: a substitution costs less between vowels,
/// between letters that transliterate one sound (`c`/`k`, `j`/`y`, `v`/`w`,
/// `s`/`z`, …) and between neighbouring keys of a QWERTY keyboard; inserting
/// or dropping a doubled letter, or the `h` of a digraph (`kh`, `sh`, `gh`,
/// `ch`, `zh`), costs half; a transposition costs 0.8. Bytes outside `a-z`
/// cost as much as any letter. Strings longer than 80 bytes fall back to
/// the unweighted distance.
pub(crate) fn typo_distance(a: &[u8], b: &[u8]) -> f64 {
    if a.len() > DP_MAX || b.len() > DP_MAX {
        return strsim::osa_distance(
            std::str::from_utf8(a).unwrap_or(""),
            std::str::from_utf8(b).unwrap_or(""),
        ) as f64;
    }
    if a == b {
        return 0.0;
    }
    let (n, m) = (a.len(), b.len());
    // Three rolling rows (i-2, i-1, i) of the DP matrix in one buffer.
    let mut rows = [0f32; 3 * (DP_MAX + 1)];
    let w = DP_MAX + 1;
    let mut ins_b = [0f32; DP_MAX];
    for (j, c) in ins_b.iter_mut().enumerate().take(m) {
        *c = indel_cost(b, j);
    }
    for j in 1..=m {
        rows[w + j] = rows[w + j - 1] + ins_b[j - 1];
    }
    let (mut r2, mut r1, mut r0) = (0, w, 2 * w);
    for i in 1..=n {
        let del_a = indel_cost(a, i - 1);
        let x = a[i - 1];
        rows[r0] = rows[r1] + del_a;
        for j in 1..=m {
            let y = b[j - 1];
            let sub = rows[r1 + j - 1] + substitution_cost(x, y);
            let del = rows[r1 + j] + del_a;
            let ins = rows[r0 + j - 1] + ins_b[j - 1];
            let mut best = sub.min(del).min(ins);
            if i > 1 && j > 1 && x == b[j - 2] && a[i - 2] == y && x != y {
                best = best.min(rows[r2 + j - 2] + 0.8);
            }
            rows[r0 + j] = best;
        }
        (r2, r1, r0) = (r1, r0, r2);
    }
    rows[r1 + m] as f64
}

/// Cost of inserting or deleting `s[i]`: half for a doubled letter or the
/// `h` closing a digraph, one otherwise.
fn indel_cost(s: &[u8], i: usize) -> f32 {
    let c = s[i];
    let before = if i > 0 { s[i - 1] } else { 0 };
    let after = s.get(i + 1).copied().unwrap_or(0);
    let doubled = c.is_ascii_alphabetic() && (c == before || c == after);
    let digraph_h = c == b'h' && matches!(before, b'k' | b's' | b'g' | b'c' | b'z' | b'd' | b't');
    if doubled || digraph_h {
        0.5
    } else {
        1.0
    }
}

/// Cost of writing `y` where `x` was meant.
fn substitution_cost(x: u8, y: u8) -> f32 {
    if x == y {
        return 0.0;
    }
    let (Some(i), Some(j)) = (letter(x), letter(y)) else {
        return 1.0;
    };
    let bit = 1u32 << j;
    if SOUND_ALIKE[i] & bit != 0 {
        0.5
    } else if KEY_NEIGHBOURS[i] & bit != 0 {
        0.7
    } else {
        1.0
    }
}

/// `a`-`z` as 0-25.
fn letter(c: u8) -> Option<usize> {
    c.is_ascii_lowercase().then(|| (c - b'a') as usize)
}

/// Letters that stand for one sound across romanisations: the vowels among
/// themselves, and consonants that transliteration tables swap.
const SOUND_ALIKE: [u32; 26] = sound_alike();

const fn sound_alike() -> [u32; 26] {
    const GROUPS: [&[u8]; 9] = [
        b"aeiouy", b"ck", b"kq", b"cs", b"sz", b"jyi", b"vw", b"fv", b"gj",
    ];
    let mut t = [0u32; 26];
    let mut g = 0;
    while g < GROUPS.len() {
        let group = GROUPS[g];
        let mut i = 0;
        while i < group.len() {
            let mut j = 0;
            while j < group.len() {
                if i != j {
                    t[(group[i] - b'a') as usize] |= 1 << (group[j] - b'a');
                }
                j += 1;
            }
            i += 1;
        }
        g += 1;
    }
    t
}

/// Neighbouring keys on a QWERTY keyboard (same row, or the row above or
/// below, offset by half a key).
const KEY_NEIGHBOURS: [u32; 26] = key_neighbours();

const fn key_neighbours() -> [u32; 26] {
    const ROWS: [&[u8]; 3] = [b"qwertyuiop", b"asdfghjkl", b"zxcvbnm"];
    let mut t = [0u32; 26];
    let mut r = 0;
    while r < 3 {
        let row = ROWS[r];
        let mut i = 0;
        while i < row.len() {
            let c = (row[i] - b'a') as usize;
            if i > 0 {
                t[c] |= 1 << (row[i - 1] - b'a');
            }
            if i + 1 < row.len() {
                t[c] |= 1 << (row[i + 1] - b'a');
            }
            // the row below starts half a key to the right: below `i` are
            // keys `i - 1` and `i` of the next row; above, `i` and `i + 1`
            if r + 1 < 3 {
                let below = ROWS[r + 1];
                if i > 0 && i - 1 < below.len() {
                    t[c] |= 1 << (below[i - 1] - b'a');
                }
                if i < below.len() {
                    t[c] |= 1 << (below[i] - b'a');
                }
            }
            if r > 0 {
                let above = ROWS[r - 1];
                if i < above.len() {
                    t[c] |= 1 << (above[i] - b'a');
                }
                if i + 1 < above.len() {
                    t[c] |= 1 << (above[i + 1] - b'a');
                }
            }
            i += 1;
        }
        r += 1;
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_orders_close_names() {
        assert!(similarity("stepanakret", "stepanakert") > similarity("stepanakret", "stepanavan"));
        assert!(similarity("goris", "goris") > similarity("goris", "gori"));
        assert_eq!(similarity("goris", "goris"), 1.0);
    }

    #[test]
    fn jaro_winkler_agrees_with_strsim() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "martha",
            "marhta",
            "dixon",
            "dicksonx",
            "stepanakert",
            "stepanakret",
            "stepanavan",
            "gori",
            "goris",
            "aghdam",
            "agdash",
            "xankendi",
            "khankendi",
            "jellyfish",
            "smellyfish",
            "aaaa",
            "aaab",
            "abcabcabc",
            "cbacbacba",
        ];
        for a in words {
            for b in words {
                let ours = jaro_winkler(a.as_bytes(), b.as_bytes());
                let theirs = strsim::jaro_winkler(a, b);
                assert!(
                    (ours - theirs).abs() < 1e-12,
                    "{a:?} {b:?}: {ours} vs {theirs}"
                );
            }
        }
    }

    #[test]
    fn typo_distance_weights() {
        let d = |a: &str, b: &str| typo_distance(a.as_bytes(), b.as_bytes());
        assert!((d("goris", "goris") - 0.0).abs() < 1e-6);
        assert!((d("gori", "goris") - 1.0).abs() < 1e-6);
        assert!((d("kazan", "kezan") - 0.5).abs() < 1e-6, "vowels");
        assert!(
            (d("kyiv", "kyjv") - 0.5).abs() < 1e-6,
            "i/j transliterate one sound"
        );
        assert!(
            (d("sousa", "slusa") - 0.7).abs() < 1e-6,
            "o and l are neighbouring keys"
        );
        assert!(
            (d("paris", "pqris") - 0.7).abs() < 1e-6,
            "a and q are neighbouring keys"
        );
        assert!((d("paris", "pmris") - 1.0).abs() < 1e-6);
        assert!(
            (d("aghdam", "aghdamm") - 0.5).abs() < 1e-6,
            "doubled letter"
        );
        assert!((d("khankendi", "kankendi") - 0.5).abs() < 1e-6, "digraph h");
        assert!(
            (d("stepanakert", "stepanakret") - 0.8).abs() < 1e-6,
            "transposition"
        );
        let long = "x".repeat(100);
        assert!(
            (d(&long, &long[1..]) - 1.0).abs() < 1e-6,
            "long strings: plain distance"
        );
    }
}
