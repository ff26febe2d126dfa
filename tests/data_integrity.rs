//! Guards on `data/`: ids, names, the curated overlay, known pairs and homonyms.
//!
//! The build script already refuses broken rows; these tests check what the
//! data *means*, through the compiled gazetteer.

use std::collections::{HashMap, HashSet};
use std::fs;
use toponym::{normalize::normalize, Gazetteer};

fn read_tsv(rel: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let path = format!("{}/{rel}", env!("CARGO_MANIFEST_DIR"));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut lines = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split('\t')
        .map(str::to_string)
        .collect();
    let rows = lines
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn ids_are_unique_and_well_formed() {
    let (h, rows) = read_tsv("data/world/places.tsv");
    let id = col(&h, "id");
    let mut seen = HashSet::new();
    for r in &rows {
        let v = &r[id];
        let ok = v
            .strip_prefix("gn:")
            .is_some_and(|n| n.parse::<u32>().is_ok())
            || v.strip_prefix("tp:").is_some_and(|s| {
                !s.is_empty()
                    && s.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            });
        assert!(ok, "malformed id {v}");
        assert!(seen.insert(v.clone()), "duplicate id {v}");
    }
    let mut overlay = HashSet::new();
    let mut files: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/overlay"))
            .expect("data/overlay")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|f| f.ends_with("_places.tsv"))
            .collect();
    files.sort();
    assert!(files.len() >= 4, "{files:?}");
    for file in &files {
        let (h, rows) = read_tsv(&format!("data/overlay/{file}"));
        let id = col(&h, "id");
        for r in &rows {
            assert!(
                overlay.insert(r[id].clone()),
                "duplicate overlay id {} in {file}",
                r[id]
            );
        }
    }
    // The compiled gazetteer holds each id once.
    let g = Gazetteer::embedded();
    assert_eq!(g.len(), seen.union(&overlay).count());
}

#[test]
fn every_name_has_a_key_and_a_place() {
    let g = Gazetteer::embedded();
    let mut empty = vec![];
    for p in g.places() {
        assert!(p.names().len() > 0, "{} has no names", p.id());
        for n in p.names() {
            if normalize(n.text()).is_empty() {
                empty.push(format!("{} {:?}", p.id(), n.text()));
            }
            assert_eq!(n.place(), p);
        }
    }
    assert!(empty.is_empty(), "names without a key: {empty:?}");
}

#[test]
fn every_place_resolves_from_its_display_name() {
    let g = Gazetteer::embedded();
    for p in g.places() {
        assert!(
            g.candidates(p.name()).iter().any(|m| m.place() == p),
            "{} not found by {:?}",
            p.id(),
            p.name()
        );
    }
}

#[test]
fn every_overlay_name_resolves_to_its_own_place() {
    let g = Gazetteer::embedded();
    let (h, rows) = read_tsv("data/overlay/karabakh_names.tsv");
    let (id, name) = (col(&h, "id"), col(&h, "name"));
    // Known homonyms: (name, curated id, the place it resolves to instead).
    let (hh, known) = read_tsv("tests/data/overlay_homonyms.tsv");
    let known: HashSet<(String, String, String)> = known
        .into_iter()
        .map(|r| {
            (
                r[col(&hh, "name")].clone(),
                r[col(&hh, "curated_id")].clone(),
                r[col(&hh, "resolves_to")].clone(),
            )
        })
        .collect();
    let mut not_found = vec![];
    let mut outranked = HashSet::new();
    for r in &rows {
        let c = g.candidates(&r[name]);
        if !c.iter().any(|m| m.place().id() == r[id]) {
            not_found.push(format!("{} {:?}", r[id], r[name]));
        } else if c[0].place().id() != r[id] {
            outranked.insert((
                r[name].clone(),
                r[id].clone(),
                c[0].place().id().to_string(),
            ));
        }
    }
    assert!(
        not_found.is_empty(),
        "overlay names that do not find their place: {not_found:#?}"
    );
    let unexpected: Vec<_> = outranked.difference(&known).collect();
    assert!(unexpected.is_empty(), "overlay names resolving elsewhere, not in tests/data/overlay_homonyms.tsv: {unexpected:#?}");
    let stale: Vec<_> = known.difference(&outranked).collect();
    assert!(
        stale.is_empty(),
        "rows of tests/data/overlay_homonyms.tsv that no longer happen: {stale:#?}"
    );
}

/// Spellings that must name one place.
const SAME_PLACE: &[&[&str]] = &[
    &[
        "Stepanakert",
        "Khankendi",
        "Khankandi",
        "Xankəndi",
        "Степанакерт",
        "Ստեփանակերտ",
        "Ханкенди",
    ],
    &["Aghdam", "Agdam", "Ağdam", "Akna", "Агдам"],
    &["Lachin", "Berdzor", "Laçın", "Лачин", "Բերձոր"],
    &["Shusha", "Shushi", "Şuşa", "Шуша"],
    &["Kalbajar", "Karvachar", "Kəlbəcər"],
    &["Barda", "Bərdə", "Partav"],
    &[
        "Nagorno-Karabakh",
        "Artsakh",
        "Dağlıq Qarabağ",
        "Нагорный Карабах",
    ],
    &["South Caucasus", "Transcaucasia"],
    &["Armenia", "Hayastan", "Հայաստան", "Ermənistan", "Армения"],
    &["Azerbaijan", "Azərbaycan", "Азербайджан", "Ադրբեջան"],
];

#[test]
fn known_pairs_share_one_id() {
    let g = Gazetteer::embedded();
    let mut errors = vec![];
    for group in SAME_PLACE {
        let ids: HashMap<&str, Option<&str>> = group
            .iter()
            .map(|q| (*q, g.resolve(q).map(|m| m.place().id())))
            .collect();
        let distinct: HashSet<_> = ids.values().collect();
        if distinct.len() != 1 || distinct.contains(&None) {
            errors.push(format!("{ids:?}"));
        }
    }
    assert!(errors.is_empty(), "{errors:#?}");
}

/// Different places that share a name: each pair must stay two places.
const HOMONYMS: &[(&str, &str, &str)] = &[
    // (name, id of one place, id of another)
    ("Martuni", "gn:616438", "gn:146969"),
    ("Georgia", "gn:614540", "gn:4197000"),
    ("Aghdam", "gn:148619", "tp:hakaku-aghdam-khojavend"),
];

#[test]
fn known_homonyms_stay_apart() {
    let g = Gazetteer::embedded();
    for (name, a, b) in HOMONYMS {
        let ids: Vec<&str> = g.candidates(name).iter().map(|m| m.place().id()).collect();
        assert!(
            ids.contains(a) && ids.contains(b),
            "{name}: {ids:?} lacks {a} or {b}"
        );
        let pa = g.get(a).unwrap();
        let pb = g.get(b).unwrap();
        assert_ne!(pa, pb);
    }
}

#[test]
fn coverage_of_the_embedded_default() {
    let g = Gazetteer::embedded();
    assert!(g.len() >= 40_000, "{} places", g.len());
    assert!(g.name_count() >= 500_000, "{} names", g.name_count());
    let mut kinds: HashMap<toponym::Kind, usize> = HashMap::new();
    for p in g.places() {
        *kinds.entry(p.kind()).or_default() += 1;
    }
    assert!(kinds[&toponym::Kind::Country] >= 245);
    assert!(kinds[&toponym::Kind::Region] >= 3_000);
    assert_eq!(kinds[&toponym::Kind::Continent], 7);
    for cc in ["AM", "AZ", "GE"] {
        let n = g.places().filter(|p| p.country() == Some(cc)).count();
        assert!(n >= 100, "{cc}: {n} places");
    }
}

/// Every place has a point on the map, and says where it comes from: the
/// data row (GeoNames or the curated overlay), Natural Earth's label point
/// for a country, the mean of a macro-region's members, or a point derived
/// at build time (its seat, the largest place inside, its children, its
/// parent).
#[test]
fn every_place_has_coordinates() {
    use toponym::CoordinateSource as C;
    let gaz = Gazetteer::embedded();
    let mut by_source = std::collections::HashMap::new();
    let mut without = Vec::new();
    for p in gaz.places() {
        match (p.coordinates(), p.coordinate_source()) {
            (Some((lat, lon)), Some(src)) => {
                assert!(
                    lat.abs() <= 90.0 && lon.abs() <= 180.0,
                    "{} {lat},{lon}",
                    p.id()
                );
                *by_source.entry(src).or_insert(0usize) += 1;
            }
            _ => without.push(p.id()),
        }
    }
    assert!(
        without.is_empty(),
        "places without coordinates: {without:?}"
    );
    for src in [C::Source, C::NaturalEarth, C::Members, C::Derived] {
        assert!(
            by_source.get(&src).copied().unwrap_or(0) > 0,
            "no {src:?} point"
        );
    }
    let place = |id: &str| gaz.get(id).unwrap_or_else(|| panic!("{id}"));
    let point = |id: &str| place(id).coordinates().unwrap_or_default();
    // (the point of `id` lies in the box, and comes from `src`)
    let lies_in = |id: &str, lat: std::ops::Range<f64>, lon: std::ops::Range<f64>, src| {
        let (y, x) = point(id);
        assert!(lat.contains(&y) && lon.contains(&x), "{id} at {y},{x}");
        assert_eq!(place(id).coordinate_source(), Some(src), "{id}");
    };
    // Armenia: Natural Earth's label point lies in the country
    lies_in("gn:174982", 38.8..41.4, 43.4..46.7, C::NaturalEarth);
    // the South Caucasus: the mean of Armenia, Azerbaijan and Georgia
    lies_in("tp:south-caucasus", 39.0..43.0, 43.0..48.0, C::Members);
    // Syunik Province: the mean of its towns and villages lies in it
    lies_in("gn:409314", 38.8..39.9, 45.9..46.7, C::Derived);
    // Nagorno-Karabakh: the point of its seat, Stepanakert
    assert_eq!(point("tp:nagorno-karabakh"), point("gn:146970"));
    // Polynesia straddles the antimeridian: its mean stays in the Pacific
    let (_, lon) = point("tp:polynesia");
    assert!(lon.abs() > 140.0, "{lon}");
}

/// Self-consistency over the whole gazetteer: every (place, name) pair that
/// `export` lists finds the place among the exact and normalised candidates
/// of the name (the failures are listed, if any).
#[test]
fn every_name_finds_its_place() {
    let g = Gazetteer::embedded();
    let mut pairs = 0usize;
    let mut failed = Vec::new();
    for p in g.places() {
        for n in p.names() {
            pairs += 1;
            if !g.candidates(n.text()).iter().any(|m| m.place() == p) {
                failed.push(format!("{} {:?} [{}]", p.id(), n.text(), n.lang()));
            }
        }
    }
    assert!(
        pairs >= g.name_count(),
        "{pairs} pairs of {} names",
        g.name_count()
    );
    assert!(
        failed.is_empty(),
        "{} of {pairs} names do not find their place: {:#?}",
        failed.len(),
        &failed[..failed.len().min(50)]
    );
}
