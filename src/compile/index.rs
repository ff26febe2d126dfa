//! Phase 5: the trigram index for fuzzy matching and the Bloom filters.

use crate::layout::*;

/// The trigram index over the keys, for fuzzy matching: per trigram code an
/// offset into LEB128 gap-coded ascending key ids (`SEC_GRAM_OFFSETS`,
/// `SEC_GRAM_POSTINGS`), and the skips into those lists (`SEC_GRAM_SKIPS`).
pub(super) fn gram_index(key_list: &[(String, Vec<u32>)]) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let mut gram_lists: Vec<Vec<u32>> = vec![Vec::new(); GRAM_CODES];
    let mut codes = Vec::new();
    for (ki, (k, _)) in key_list.iter().enumerate() {
        if GRAM_KEY_LEN.contains(&k.len()) && gram_codes(k, &mut codes) {
            for &c in &codes {
                gram_lists[c as usize].push(ki as u32);
            }
        }
    }
    let mut gram_offsets = Vec::with_capacity((GRAM_CODES + 1) * 4);
    let mut gram_postings = Vec::new();
    let mut skip_starts = Vec::with_capacity((GRAM_CODES + 1) * 4);
    let mut skips = Vec::new();
    for list in &gram_lists {
        gram_offsets.extend_from_slice(&(gram_postings.len() as u32).to_le_bytes());
        skip_starts.extend_from_slice(&((skips.len() / 8) as u32).to_le_bytes());
        let mut prev = 0u32;
        for (i, &k) in list.iter().enumerate() {
            if i > 0 && i % GRAM_SKIP_EVERY == 0 {
                skips.extend_from_slice(&prev.to_le_bytes());
                skips.extend_from_slice(&(gram_postings.len() as u32).to_le_bytes());
            }
            let mut gap = if i == 0 { k } else { k - prev };
            prev = k;
            loop {
                let byte = (gap & 0x7f) as u8;
                gap >>= 7;
                if gap == 0 {
                    gram_postings.push(byte);
                    break;
                }
                gram_postings.push(byte | 0x80);
            }
        }
    }
    gram_offsets.extend_from_slice(&(gram_postings.len() as u32).to_le_bytes());
    skip_starts.extend_from_slice(&((skips.len() / 8) as u32).to_le_bytes());
    skip_starts.extend_from_slice(&skips);
    (gram_offsets, gram_postings, skip_starts)
}

/// The key-prefix directory (`SEC_KEY_PREFIXES`): for each key length and
/// pair of first symbols, the range of key ids, from `key_list` in id order
/// (by length, then text, so that each cell's keys are contiguous).
pub(super) fn prefix_directory(key_list: &[(String, Vec<u32>)]) -> Vec<u8> {
    let mut cells = vec![(0u32, 0u32); PREFIX_CELLS];
    for (id, (k, _)) in key_list.iter().enumerate() {
        let b = k.as_bytes();
        let Some(cell) = b.get(..2).and_then(|ab| prefix_cell(b.len(), ab[0], ab[1])) else {
            continue;
        };
        let id = id as u32;
        let range = &mut cells[cell];
        if range.1 == 0 {
            *range = (id, id + 1);
        } else {
            // ordered keys: a cell's keys follow each other
            range.1 = id + 1;
        }
    }
    let mut out = Vec::with_capacity(PREFIX_CELLS * 8);
    for (first, end) in cells {
        out.extend_from_slice(&first.to_le_bytes());
        out.extend_from_slice(&end.to_le_bytes());
    }
    out
}

/// The two Bloom filters of the image: the word prefixes of keys with a
/// strong name, and of the prefixes a longer name continues with a trailing
/// space (`SEC_PREFIX_BLOOM`, for the tagger); and every key
/// (`SEC_KEY_BLOOM`, for fuzzy matching's guesses, which mostly name no key:
/// one cheap test instead of a perfect-hash probe).
pub(super) fn bloom_filters(
    key_list: &[(String, Vec<u32>)],
    name_strong: &[bool],
) -> (Vec<u8>, Vec<u8>) {
    let strong = |list: &[u32]| list.iter().any(|&n| name_strong[n as usize]);
    // a key of w words sets 2w - 1 prefixes
    let prefixes: usize = key_list
        .iter()
        .filter(|(_, list)| strong(list))
        .map(|(k, _)| 2 * k.matches(' ').count() + 1)
        .sum();
    let bits = bloom_size(prefixes, PREFIX_BLOOM_BITS);
    let mut bloom = vec![0u8; bits / 8];
    for (k, list) in key_list {
        if !strong(list) {
            continue;
        }
        let mut set = |text: &[u8]| {
            let (a, b) = bloom_bits(text, bits);
            bloom[a / 8] |= 1 << (a % 8);
            bloom[b / 8] |= 1 << (b % 8);
        };
        let mut end = 0;
        loop {
            let next = k[end..].find(' ').map(|i| end + i);
            set(&k.as_bytes()[..next.unwrap_or(k.len())]);
            match next {
                // "nagorno " too: a name continues after this prefix
                Some(i) => {
                    set(&k.as_bytes()[..i + 1]);
                    end = i + 1;
                }
                None => break,
            }
        }
    }
    // Every key, for fuzzy matching's guesses (transliteration swaps, keys
    // one edit away) that mostly name no key: one cheap test instead of a
    // perfect-hash probe.
    let bits = bloom_size(key_list.len(), KEY_BLOOM_BITS);
    let mut key_bloom = vec![0u8; bits / 8];
    for (k, _) in key_list {
        let (a, b) = key_bloom_bits(k.as_bytes(), bits);
        key_bloom[a / 8] |= 1 << (a % 8);
        key_bloom[b / 8] |= 1 << (b % 8);
    }
    (bloom, key_bloom)
}
