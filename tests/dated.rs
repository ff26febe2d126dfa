//! Names as of a date: the dated renamings of `data/overlay/renamings_names.tsv`
//! and `data/overlay/withdrawn_names.tsv`, in both directions (an old name
//! resolves to today's place; today's place is named as it was at a date),
//! current names first, and the withdrawn countries of ISO 3166-3.

use toponym::{Date, Gazetteer, Place};

/// A row of a dated-names table: (line, id, lang, flags, period, name).
struct Row {
    line: usize,
    id: String,
    lang: String,
    flags: String,
    period: String,
    name: String,
}

fn rows(file: &str) -> Vec<Row> {
    let path = format!("{}/data/overlay/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.starts_with("id\t") && !l.is_empty())
        .map(|(i, l)| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 6, "{file}:{}: {l}", i + 1);
            Row {
                line: i + 1,
                id: c[0].into(),
                lang: c[1].into(),
                flags: c[2].into(),
                period: c[3].into(),
                name: c[4].into(),
            }
        })
        .collect()
}

fn date(s: &str) -> Date {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// A date inside a period written `FROM/UNTIL`: its start, or the year
/// before its end when it has no start.
fn inside(period: &str) -> Date {
    let (from, until) = period.split_once('/').expect("a FROM/UNTIL period");
    if !from.is_empty() {
        return date(from);
    }
    let year: i16 = until[..4].parse().expect("a year");
    Date::new(year - 1, None, None).expect("a year")
}

#[test]
fn every_dated_name_is_the_name_of_its_day_and_resolves_to_today() {
    let gaz = Gazetteer::embedded();
    let mut rows_seen = 0;
    let mut failures = Vec::new();
    for file in ["renamings_names.tsv", "withdrawn_names.tsv"] {
        let table = rows(file);
        for r in table.iter().filter(|r| !r.period.is_empty()) {
            rows_seen += 1;
            // a name out of use ended; a name in use has no end
            let ended = !r.period.ends_with('/');
            if (r.flags == "historic") != ended {
                failures.push(format!(
                    "{file}:{}: flags {:?}, period {}",
                    r.line, r.flags, r.period
                ));
            }
            let Some(place) = gaz.get(&r.id) else {
                failures.push(format!("{file}:{}: no place {}", r.line, r.id));
                continue;
            };
            // old name -> today's place
            let found = gaz.candidates(&r.name).iter().any(|m| m.place() == place);
            if !found {
                failures.push(format!(
                    "{file}:{}: {:?} does not find {}",
                    r.line, r.name, r.id
                ));
            }
            // today's place -> the name of the day (one of the names the
            // table gives that place in that language for that very period)
            let at = inside(&r.period);
            let want: Vec<&str> = table
                .iter()
                .filter(|o| o.id == r.id && o.lang == r.lang && o.period == r.period)
                .map(|o| o.name.as_str())
                .collect();
            let got = place.name_at(&r.lang, at);
            if !want.contains(&got) {
                failures.push(format!(
                    "{file}:{}: {} at {at} in {}: {got:?}, want {want:?}",
                    r.line, r.id, r.lang
                ));
            }
        }
    }
    assert!(rows_seen >= 150, "only {rows_seen} dated names");
    assert!(
        failures.is_empty(),
        "{} failures: {failures:#?}",
        failures.len()
    );
}

#[test]
fn at_least_150_places_have_dated_names() {
    let places: std::collections::HashSet<String> = rows("renamings_names.tsv")
        .into_iter()
        .chain(rows("withdrawn_names.tsv"))
        .filter(|r| !r.period.is_empty())
        .map(|r| r.id)
        .collect();
    assert!(places.len() >= 150, "{} places", places.len());
}

/// Current names first: a place whose newest dated English name is still in
/// use is shown by it (Astana, not Nur-Sultan; Eswatini, not Swaziland), and
/// no place is shown by a name the data marks as out of use while it has a
/// current one.
#[test]
fn display_names_are_current() {
    let gaz = Gazetteer::embedded();
    let mut stale = Vec::new();
    for p in gaz.places() {
        let english = |n: &toponym::Name<'_>| n.lang() == "en" || n.lang().is_empty();
        let shown: Vec<_> = p
            .names()
            .filter(|n| english(n) && n.text() == p.name())
            .collect();
        // (a place with no English name in use, such as a former country,
        // keeps its last name)
        let out_of_use = |n: &toponym::Name<'_>| n.is_historic() || n.until().is_some();
        let has_current = p.names().any(|n| n.lang() == "en" && !out_of_use(&n));
        if has_current && !shown.is_empty() && shown.iter().all(out_of_use) {
            stale.push(format!(
                "{} {}: shown by a name out of use",
                p.id(),
                p.name()
            ));
        }
        let newest = p
            .names()
            .filter(|n| n.lang() == "en" && !n.is_historic() && n.until().is_none())
            .filter_map(|n| n.from().map(|f| (f.to_string(), n.text())))
            .max();
        if let Some((from, name)) = newest {
            if name != p.name() {
                stale.push(format!(
                    "{} {}: in use since {from}: {name}",
                    p.id(),
                    p.name()
                ));
            }
        }
    }
    assert!(stale.is_empty(), "{stale:#?}");
}

fn place(id: &str) -> Place<'static> {
    Gazetteer::embedded().get(id).expect(id)
}

#[test]
fn names_of_the_day_from_the_issue() {
    let gyumri = place("gn:616635");
    assert_eq!(gyumri.name_at("en", date("1985")), "Leninakan");
    assert_eq!(gyumri.name_at("en", date("1900")), "Alexandropol");
    // where periods meet, the newer name
    assert_eq!(gyumri.name_at("en", date("1990")), "Kumayri");
    assert_eq!(gyumri.name_at("en", date("2024-05-01")), "Gyumri");
    // a language without a dated name falls back to English, then the display name
    assert_eq!(gyumri.name_at("xx", date("1985")), "Leninakan");
    let astana = place("gn:1526273");
    assert_eq!(astana.name(), "Astana");
    assert_eq!(astana.name_at("en", date("2020-06")), "Nur-Sultan");
    assert_eq!(astana.name_at("en", date("2022-09-16")), "Nur-Sultan");
    assert_eq!(astana.name_at("en", date("2022-09-17")), "Astana");
    // both sides of Karabakh: the English name of the day, the Azerbaijani
    // name since 1991, the Armenian name of today
    let city = place("gn:146970");
    assert_eq!(city.name_at("en", date("2000")), "Stepanakert");
    assert_eq!(city.name_at("en", date("2024")), "Khankendi");
    assert_eq!(city.name_at("az", date("2000")), "Xankəndi");
    assert_eq!(city.name_at("hy", date("2024")), "Ստեփանակերտ");
    assert_eq!(city.name_in("hy"), "Ստեփանակերտ");
}

/// Former countries of ISO 3166-3 are places of their own, named for their
/// period; renamed countries keep their former names as dated names.
#[test]
fn withdrawn_countries() {
    let gaz = Gazetteer::embedded();
    for (name, id) in [
        ("Soviet Union", "tp:soviet-union"),
        ("USSR", "tp:soviet-union"),
        ("Yugoslavia", "tp:yugoslavia"),
        ("Czechoslovakia", "tp:czechoslovakia"),
        ("East Germany", "tp:east-germany"),
    ] {
        let m = gaz.resolve(name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(m.place().id(), id, "{name}");
    }
    let ussr = place("tp:soviet-union");
    let until = ussr
        .names()
        .find(|n| n.text() == "Soviet Union")
        .and_then(|n| n.until());
    assert_eq!(until, Some(date("1991-12-26")));
    assert!(ussr.coordinates().is_some(), "a point from its capital");
    let congo = place("gn:203312");
    assert_eq!(congo.name_at("en", date("1985")), "Zaire");
    assert_eq!(congo.name_at("en", date("2000")), congo.name());
}

/// Every contested place of `data/overlay/contested_names.tsv` is a place of
/// the gazetteer, named by at least two sides, each with an English name,
/// and each side's English name is known as that side's.
#[test]
fn contested_places_have_two_sides() {
    let gaz = Gazetteer::embedded();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/overlay/contested_names.tsv"
    );
    let text = std::fs::read_to_string(path).expect("contested_names.tsv");
    let ids: std::collections::BTreeSet<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("id\t"))
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert!(ids.len() >= 140, "{} places", ids.len());
    for id in ids {
        let p = gaz.get(id).unwrap_or_else(|| panic!("{id} is no place"));
        let c = p
            .contested()
            .unwrap_or_else(|| panic!("{id} not contested"));
        let sides = c.sides();
        assert!(sides.len() >= 2, "{id}: {sides:?}");
        for side in sides {
            let name = c.name(side, "en").unwrap_or_else(|| panic!("{id} {side}"));
            // (a name both sides write belongs to neither)
            if let Some(found) = c.side_of(name) {
                assert_eq!(found, side, "{id}: {name}");
            }
        }
    }
    assert!(place("gn:616052").contested().is_none(), "Yerevan");
}
