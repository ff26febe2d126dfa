//! Fuzzy resolution on the embedded gazetteer.

use toponym::{Gazetteer, Kind, Method, Query};

fn gaz() -> Gazetteer<'static> {
    Gazetteer::embedded()
}

/// Misspellings and odd transliterations of the issue, with the place each means.
const TYPOS: &[(&str, &str)] = &[
    ("Stepanakret", "gn:146970"),
    ("Aghdamm", "gn:148619"),
    ("Khankandy", "gn:146970"),
    ("Shushy", "gn:147105"),
    ("Jabrail", "gn:148141"),
    ("Fizuli", "gn:148106"),
    ("Kelbajar", "gn:586268"),
    ("Gyanja", "gn:586523"),
    ("Stepanakertt", "gn:146970"),
    ("Yerevna", "gn:616052"),
    ("Tbilsi", "gn:611717"),
    ("Nagorno Karabah", "tp:nagorno-karabakh"),
    ("Степанакрт", "gn:146970"),
    ("Khojavnd", "gn:146969"),
    ("Gorris", "gn:174895"),
];

/// A typo in the first two letters: the trigram index's first pass reads
/// only keys that begin like the query, and a close one ends the search, so
/// these are found by the keys one edit away at the beginning ("hiraz" has a
/// close key of its own beginning, Hira…, and is still Shiraz).
#[test]
fn typos_at_the_beginning_of_a_name_resolve() {
    for (q, id) in [
        ("hiraz", "gn:115019"),
        ("Hibin", "gn:1786770"),
        ("Ulasgow", "gn:2648579"),
        ("Rarsaw", "gn:756135"),
        ("Yrevan", "gn:616052"),
        ("Tepanakert", "gn:146970"),
    ] {
        let m = gaz().resolve(q).map(|m| (m.place().id(), m.method()));
        assert_eq!(m, Some((id, Method::Fuzzy)), "{q}");
    }
}

#[test]
fn typos_resolve_to_the_right_place() {
    let mut wrong = vec![];
    for (q, id) in TYPOS {
        match gaz().resolve(q) {
            Some(m) if m.place().id() == *id => {}
            other => wrong.push(format!(
                "{q}: {:?}",
                other.map(|m| (m.place().id(), m.score()))
            )),
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Romanisations that differ by a known swap (dzh/j, kh/x, x/kh) reach the
/// place through an exact lookup of the swapped spelling; transposed letters
/// in a short name, which can leave no trigram in common, are tried too.
#[test]
fn transliteration_swaps_and_short_transpositions() {
    for (q, id) in [
        ("Dzhabrail", "gn:148141"),
        ("Xodzhaly", "gn:147774"),
        ("Kadzhiki", "gn:1860750"),
        ("Yeodzhu", "gn:1832743"),
        ("Xetri", "gn:1266744"),
        ("Taeko", "gn:1821940"),
        ("Keslo", "gn:5799571"),
    ] {
        let m = gaz().resolve(q).unwrap_or_else(|| panic!("{q}: no match"));
        assert_eq!(m.place().id(), id, "{q}");
        assert_eq!(m.method(), Method::Fuzzy, "{q}");
    }
}

/// Airport-style codes and abbreviations (`IST`, `JBB`) are names for exact
/// lookup only: a misspelt word never lands on one.
#[test]
fn codes_are_no_fuzzy_targets() {
    let mut q = Query::new();
    q.min_score(0.0)
        .unwrap()
        .limit(20)
        .unwrap()
        .neighbours(true);
    for typo in ["Jbbu", "Isrt", "Vlov", "Asif"] {
        for m in gaz().search(typo, &q) {
            let name = m.matched_name();
            let code = name.text().len() <= 4
                && name
                    .text()
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b == b'.');
            assert!(
                !(m.method() == Method::Fuzzy && (code || name.is_abbreviation())),
                "{typo} matched the code {} of {}",
                name.text(),
                m.place()
            );
        }
    }
}

#[test]
fn fuzzy_method_and_score_range() {
    let m = gaz().resolve("Stepanakret").unwrap();
    assert_eq!(m.method(), Method::Fuzzy);
    assert!(m.score() > toponym::DEFAULT_MIN_SCORE && m.score() <= toponym::FUZZY_MAX_SCORE);
}

#[test]
fn pars_is_paris() {
    assert_eq!(gaz().resolve("Pars").unwrap().place().id(), "gn:2988507");
}

#[test]
fn close_names_stay_apart() {
    for (q, id) in [
        ("Agdam", "gn:148619"),
        ("Agdash", "gn:587378"),
        ("Aghdara", "tp:martakert-aghdara"),
        ("Aghjabadi", "gn:587384"),
        ("Goris", "gn:174895"),
        ("Gori", "gn:614455"),
        ("Stepanakert", "gn:146970"),
        ("Stepanavan", "gn:616194"),
        ("Khojaly", "gn:147774"),
        ("Khojavend", "gn:146969"),
    ] {
        assert_eq!(gaz().resolve(q).map(|m| m.place().id()), Some(id), "{q}");
    }
    // and their typos do not drift to the neighbour
    assert_eq!(
        gaz().resolve("Stepanavn").unwrap().place().id(),
        "gn:616194"
    );
    assert_eq!(gaz().resolve("Khojavnd").unwrap().place().id(), "gn:146969");
}

#[test]
fn exact_beats_fuzzy() {
    // (search lists what resolve chooses from: the exact match alone)
    let hits = gaz().search("Gori", &Query::new());
    assert_eq!(hits[0].place().id(), "gn:614455");
    assert!(hits.iter().all(|m| m.method() != Method::Fuzzy));
    // with its fuzzy neighbours, they come after every exact match
    let mut q = Query::new();
    q.neighbours(true);
    let hits = gaz().search("Gori", &q);
    assert_eq!(hits[0].method(), Method::Exact);
    let i = hits
        .iter()
        .position(|m| m.method() == Method::Fuzzy)
        .expect("fuzzy neighbours of Gori");
    assert!(hits[..i].iter().all(|m| m.method() != Method::Fuzzy));
    assert!(hits[i..].iter().all(|m| m.method() == Method::Fuzzy));
}

#[test]
fn refuses_to_guess() {
    for q in [
        "Qwxzvq",
        "xyzzy",
        "Lorem ipsum dolor",
        "zzzzzzzz",
        "12345",
        "qqqqq",
        "Bxqwpt Frlmn",
    ] {
        assert!(gaz().resolve(q).is_none(), "{q}: {:?}", gaz().resolve(q));
    }
}

#[test]
fn exact_option_turns_fuzzy_off() {
    let mut q = Query::new();
    q.fuzzy(false);
    assert!(gaz().resolve_with("Stepanakret", &q).is_none());
    assert!(gaz().resolve_with("Stepanakert", &q).is_some());
}

#[test]
fn min_score_threshold() {
    let mut q = Query::new();
    q.min_score(0.95).unwrap();
    assert!(gaz().resolve_with("Stepanakret", &q).is_none());
    q.min_score(0.0).unwrap();
    assert!(gaz().resolve_with("Stepanakret", &q).is_some());
}

/// Options that make no sense are errors, not silently another query.
#[test]
fn bad_query_options_are_errors() {
    use toponym::QueryError;
    let mut q = Query::new();
    assert_eq!(
        q.min_score(f64::NAN)
            .err()
            .map(|e| e.to_string().is_empty()),
        Some(false)
    );
    assert!(matches!(q.min_score(-0.1), Err(QueryError::MinScore(_))));
    assert!(matches!(q.min_score(1.5), Err(QueryError::MinScore(_))));
    assert!(matches!(q.limit(0), Err(QueryError::Limit)));
    for bad in ["", "A", "ARM", "1A", "Ä1"] {
        assert!(
            matches!(q.country(bad), Err(QueryError::Country(_))),
            "{bad}"
        );
    }
    // and the query is unchanged by a refused option
    assert_eq!(
        gaz().resolve_with("Martuni", &q).unwrap().place().id(),
        gaz().resolve("Martuni").unwrap().place().id()
    );
}

#[test]
fn filters_apply_to_exact_and_fuzzy() {
    let mut q = Query::new();
    q.country("am").unwrap();
    assert_eq!(
        gaz().resolve_with("Martuni", &q).unwrap().place().country(),
        Some("AM")
    );
    let mut q = Query::new();
    q.country("AZ").unwrap().kind(Kind::Town);
    let m = gaz().resolve_with("Martuni", &q).unwrap();
    assert_eq!(
        (m.place().country(), m.place().kind()),
        (Some("AZ"), Kind::Town)
    );
    let mut q = Query::new();
    q.country("FR").unwrap();
    assert!(gaz()
        .search("Shushy", &q)
        .iter()
        .all(|m| m.place().country() == Some("FR")));
    let mut q = Query::new();
    q.kind(Kind::Country);
    assert_eq!(
        gaz().resolve_with("Georgia", &q).unwrap().place().id(),
        "gn:614540"
    );
    let mut q = Query::new();
    q.country("US").unwrap();
    assert_eq!(
        gaz().resolve_with("Georgia", &q).unwrap().place().id(),
        "gn:4197000"
    );
}

/// Hostile queries answer without a panic (their latency, p99.9 and max, is
/// measured by `cargo bench --bench fuzzy`, not timed here), and a query over
/// `MAX_QUERY_LEN` bytes matches nothing, while one just under it still
/// finds its place.
#[test]
fn hostile_queries_and_the_length_cap() {
    let long = "Stepanakert ".repeat(900);
    assert!(gaz().resolve(&long).is_none());
    let garbage: String = (0u32..20_000)
        .filter_map(|c| char::from_u32(c * 7 % 0x10FFFF))
        .collect();
    let _ = gaz().search(&garbage, &Query::new());
    let bytes: Vec<u8> = (0..10_000u32).map(|i| (i * 31 % 256) as u8).collect();
    let _ = gaz().search(&String::from_utf8_lossy(&bytes), &Query::new());
    let _ = gaz().search("a", &Query::new());
    let _ = gaz().search("", &Query::new());
    let _ = gaz().search(&"ab".repeat(32), &Query::new());

    let cap = toponym::MAX_QUERY_LEN;
    let padded = |n: usize| format!("Yerevan{}", " ".repeat(n - "Yerevan".len()));
    let under = gaz()
        .resolve(&padded(cap))
        .expect("a query of the cap's length is looked up");
    assert_eq!(under.place().id(), "gn:616052");
    assert!(gaz().resolve(&padded(cap + 1)).is_none());
    assert!(gaz().candidates(&padded(cap + 1)).is_empty());
    let mut all = Query::new();
    all.neighbours(true);
    assert!(gaz().search(&padded(cap + 1), &all).is_empty());
    assert!(!gaz().search(&padded(cap), &all).is_empty());
}

#[test]
fn search_orders_by_score_and_respects_limit() {
    let mut q = Query::new();
    q.limit(3).unwrap().min_score(0.0).unwrap().neighbours(true);
    let hits = gaz().search("Shushy", &q);
    assert!(hits.len() <= 3 && !hits.is_empty());
    assert!(hits.windows(2).all(|w| w[0].score() >= w[1].score()));
}
