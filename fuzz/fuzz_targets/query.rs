//! `resolve_with`, `search` and `candidates` of the embedded gazetteer with
//! arbitrary `Query` options and an arbitrary name: never a panic, and what
//! comes back keeps the query's promises (at most `limit` results, none
//! below `min_score`, only the countries and kinds asked for, and first the
//! match `resolve_with` chooses).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use toponym::{Date, Gazetteer, Kind, Query};

/// Country codes the options pick from: the region's, one that has no
/// place, and malformed ones that must be refused.
const COUNTRIES: [&str; 8] = ["AM", "az", "GE", "RU", "US", "ZZ", "A", "ÄÖ"];

fuzz_target!(|data: &[u8]| {
    if data.len() < 6 {
        return;
    }
    static GAZ: OnceLock<Gazetteer<'static>> = OnceLock::new();
    let gaz = GAZ.get_or_init(Gazetteer::embedded);
    let (opts, name) = data.split_at(6);
    let name = String::from_utf8_lossy(name);
    let mut q = Query::new();
    let mut countries = Vec::new();
    if opts[0] & 1 != 0 {
        let code = COUNTRIES[(opts[0] >> 1) as usize % COUNTRIES.len()];
        if q.country(code).is_ok() {
            countries.push(code.to_ascii_uppercase());
        }
    }
    let mut kinds = Vec::new();
    if opts[1] & 1 != 0 {
        let kind = Kind::ALL[(opts[1] >> 1) as usize % Kind::ALL.len()];
        q.kind(kind);
        kinds.push(kind);
    }
    let limit = opts[2] as usize % 40;
    let limited = q.limit(limit).is_ok();
    assert_eq!(limited, limit > 0, "limit {limit}");
    let min = f64::from(opts[3]) / 200.0 - 0.1; // -0.1 to 1.175: some out of range
    let min_ok = q.min_score(min).is_ok();
    assert_eq!(min_ok, (0.0..=1.0).contains(&min), "min_score {min}");
    q.fuzzy(opts[4] & 1 != 0).neighbours(opts[4] & 2 != 0);
    if opts[4] & 4 != 0 {
        if let Ok(d) = Date::new(i16::from(opts[5]) * 10, None, None) {
            q.at(d);
        }
    }
    let limit = if limited { limit } else { 10 };
    let min = if min_ok {
        min
    } else {
        toponym::DEFAULT_MIN_SCORE
    };

    let found = gaz.search(&name, &q);
    assert!(
        found.len() <= limit,
        "{} results over a limit of {limit}",
        found.len()
    );
    for m in &found {
        assert!(
            m.score() >= min && m.score() <= 1.0,
            "score {} for {name:?}",
            m.score()
        );
        let p = m.place();
        if !countries.is_empty() {
            assert!(
                p.country()
                    .is_some_and(|c| countries.iter().any(|k| k == c)),
                "{} is not in {countries:?}",
                p.id()
            );
        }
        if !kinds.is_empty() {
            assert!(kinds.contains(&p.kind()), "{} is not a {kinds:?}", p.id());
        }
        let _ = (m.name("en"), m.matched_name().text(), m.method());
    }
    let best = gaz.resolve_with(&name, &q);
    if let Some(b) = &best {
        assert!(b.score() >= min && b.score() <= 1.0);
    }
    if opts[4] & 2 == 0 {
        // (without neighbours, search lists what resolve chooses from, best first)
        assert_eq!(
            best.map(|b| b.place()),
            found.first().map(|f| f.place()),
            "resolve and search disagree on {name:?}"
        );
    }
    let _ = gaz.candidates(&name);
});
