//! Opening an image from arbitrary bytes (`Gazetteer::from_bytes`) and, when
//! it opens, looking things up in it: a truncated, corrupt or hostile image
//! must be an error or read safely, never a panic, an out-of-bounds read or
//! a huge allocation.
//!
//! The first byte chooses how the rest is used: odd, the bytes as they are
//! (most fail the checksum); even, with the header's CRC-32 rewritten to
//! match, so that the record checks and the readers behind them are reached.
//! Seed the corpus with a real image (`fuzz/README.md`).
#![no_main]

use libfuzzer_sys::fuzz_target;

/// Byte offset of the CRC-32 in the header, and the header's length.
const CHECKSUM: usize = 16;
const HEADER: usize = 24;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    let mut img = bytes.to_vec();
    if mode % 2 == 0 && img.len() >= HEADER {
        let crc = crc32fast::hash(&img[HEADER..]);
        img[CHECKSUM..CHECKSUM + 4].copy_from_slice(&crc.to_le_bytes());
    }
    let Ok(g) = toponym::Gazetteer::from_bytes(&img) else {
        return;
    };
    for q in [
        "Gyumri",
        "Leninakan",
        "Gumri",
        "Jerevan",
        "Syunik",
        "Mt. Aragats",
        "x",
        "Ереван",
    ] {
        let _ = g.resolve(q);
        let _ = g.candidates(q);
    }
    let _ = g.tag("Rallies in Gyumri, Goris and Yerevan; Mt. Aragats. В Капане.");
    for p in g.places().take(64) {
        let _ = (p.id(), p.name(), p.parent(), p.coordinates(), p.kind());
        for n in p.names().take(16) {
            let _ = (n.text(), n.lang(), n.period());
        }
        let _ = p.to_record();
    }
    let _ = g.by_geonames_id(616635);
    let _ = g.languages().count();
});
