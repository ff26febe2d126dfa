//! Normalisation and keys of arbitrary text: never a panic, and
//! `normalize` is idempotent (a key normalised again is the same key).
#![no_main]

use libfuzzer_sys::fuzz_target;
use toponym::normalize::{name_keys, normalize};

/// Languages whose keys take rules of their own, and one that has none.
const LANGS: [&str; 8] = ["", "en", "ru", "hy", "az", "ka", "tr", "de"];

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(bytes);
    let once = normalize(&text);
    assert_eq!(
        normalize(&once),
        once,
        "normalize is not idempotent on {text:?}"
    );
    let lang = LANGS[mode as usize % LANGS.len()];
    for key in name_keys(&text, lang, mode & 0x80 != 0) {
        let _ = normalize(&key);
    }
    let mut prev = None;
    for c in text.chars() {
        let _ = toponym::translit::cyrillic(c, prev);
        let _ = toponym::translit::armenian(c, prev, None);
        let _ = toponym::translit::georgian(c);
        let _ = toponym::translit::latin_special(c);
        prev = Some(c);
    }
});
