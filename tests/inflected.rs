//! Running text in the region's own languages: the labelled sentences of
//! `tests/data/inflected_sentences.jsonl` (inflected names in ru, uk, be, hy,
//! az, tr, ka, de, fr, it, ca, split into a tuning and a held-out part), the
//! look-alikes of `inflected_negatives.jsonl`, and the people of
//! `people_sentences.jsonl`.
//!
//! `cargo test --test inflected -- --nocapture` prints the figures by
//! language and split.

use std::collections::BTreeMap;
use toponym::{Gazetteer, Method, Query};

/// A sentence and its gold mentions as (byte start, byte end, id).
struct Labelled {
    lang: String,
    split: String,
    text: String,
    gold: Vec<(usize, usize, String)>,
}

/// Reads a labelled file whose mentions give their text, in text order.
fn labelled(file: &str) -> Vec<Labelled> {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let v: serde_json::Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("{file}:{}: {e}", i + 1));
            let text = v["text"].as_str().expect("text").to_string();
            let mut from = 0;
            let gold = v["mentions"]
                .as_array()
                .expect("mentions")
                .iter()
                .map(|m| {
                    let said = m["text"].as_str().expect("mention text");
                    // a byte `start` where the text occurs more than once
                    let at = match m["start"].as_u64() {
                        Some(at) => at as usize,
                        None => {
                            from + text[from..].find(said).unwrap_or_else(|| {
                                panic!("{file}:{}: {said:?} not in order", i + 1)
                            })
                        }
                    };
                    from = at + said.len();
                    (at, from, m["id"].as_str().expect("id").to_string())
                })
                .collect();
            Labelled {
                lang: v["lang"].as_str().unwrap_or("").to_string(),
                split: v["split"].as_str().unwrap_or("tune").to_string(),
                text,
                gold,
            }
        })
        .collect()
}

/// What a set of labelled sentences scored.
#[derive(Clone, Copy, Default)]
struct Counts {
    /// Gold mentions.
    gold: usize,
    /// Gold mentions found in text with their span and id.
    found: usize,
    /// Mentions the tagger gave.
    predicted: usize,
    /// Gold mentions resolved alone, without fuzzy matching, to their id.
    alone: usize,
    /// Sentences without a gold mention that got one.
    placeless_tagged: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.gold += o.gold;
        self.found += o.found;
        self.predicted += o.predicted;
        self.alone += o.alone;
        self.placeless_tagged += o.placeless_tagged;
    }
}

/// Per (split, lang).
type Tally = BTreeMap<(String, String), Counts>;

/// The sum of some rows of a tally.
fn total<'a>(rows: impl Iterator<Item = &'a Counts>) -> Counts {
    let mut sum = Counts::default();
    for r in rows {
        sum += *r;
    }
    sum
}

fn tally(set: &[Labelled]) -> (Tally, Vec<String>) {
    let gaz = Gazetteer::embedded();
    let mut exact = Query::new();
    exact.fuzzy(false);
    let mut t = Tally::new();
    let mut errors = Vec::new();
    for s in set {
        let row = t.entry((s.split.clone(), s.lang.clone())).or_default();
        let found: Vec<(usize, usize, &str)> = gaz
            .tag(&s.text)
            .iter()
            .map(|m| (m.start(), m.end(), m.place().id()))
            .collect();
        row.gold += s.gold.len();
        row.predicted += found.len();
        if s.gold.is_empty() && !found.is_empty() {
            row.placeless_tagged += 1;
        }
        for (a, b, id) in &s.gold {
            if found.contains(&(*a, *b, id.as_str())) {
                row.found += 1;
            } else {
                errors.push(format!(
                    "{}: missed {:?} {id} in {:?}; got {found:?}",
                    s.lang,
                    &s.text[*a..*b],
                    s.text
                ));
            }
            if gaz
                .resolve_with(&s.text[*a..*b], &exact)
                .is_some_and(|m| m.place().id() == id)
            {
                row.alone += 1;
            } else {
                errors.push(format!(
                    "{}: {:?} alone does not resolve to {id}",
                    s.lang,
                    &s.text[*a..*b]
                ));
            }
        }
        for (a, b, id) in &found {
            if !s
                .gold
                .iter()
                .any(|g| (g.0, g.1, g.2.as_str()) == (*a, *b, *id))
            {
                errors.push(format!(
                    "{}: extra {:?} {id} in {:?}",
                    s.lang,
                    &s.text[*a..*b],
                    s.text
                ));
            }
        }
    }
    (t, errors)
}

fn ratio(n: usize, d: usize) -> f64 {
    n as f64 / d.max(1) as f64
}

#[test]
fn inflected_names_in_sentences() {
    let set = labelled("inflected_sentences.jsonl");
    let (t, errors) = tally(&set);
    eprintln!("split    lang  gold  found-in-text  resolved-alone  predicted");
    for ((split, lang), r) in &t {
        eprintln!(
            "{split:8} {lang:4} {:5} {:13} {:15} {:10}",
            r.gold, r.found, r.alone, r.predicted
        );
    }
    let splits: Vec<(&str, Counts)> = ["tune", "heldout"]
        .into_iter()
        .map(|split| {
            (
                split,
                total(t.iter().filter(|(k, _)| k.0 == split).map(|(_, r)| r)),
            )
        })
        .collect();
    for (split, r) in &splits {
        eprintln!(
            "{split}: found in text {:.1} %, precision {:.1} %, resolved alone {:.1} %",
            100.0 * ratio(r.found, r.gold),
            100.0 * ratio(r.found, r.predicted),
            100.0 * ratio(r.alone, r.gold)
        );
    }
    eprintln!("{errors:#?}");
    // every language has its sentences, and each split is held to the bar
    for lang in ["ru", "uk", "hy", "az", "tr", "ka", "de", "fr", "it", "ca"] {
        let n = total(t.iter().filter(|(k, _)| k.1 == lang).map(|(_, r)| r)).gold;
        assert!(n >= 10, "{lang}: {n} labelled mentions");
    }
    for (split, r) in &splits {
        assert!(r.gold > 0, "{split}: no sentences");
        assert!(
            ratio(r.found, r.gold) >= 0.95,
            "{split}: found in text {}/{}",
            r.found,
            r.gold
        );
        assert!(
            ratio(r.alone, r.gold) >= 0.95,
            "{split}: resolved alone {}/{}",
            r.alone,
            r.gold
        );
        assert!(
            ratio(r.found, r.predicted) >= 0.95,
            "{split}: precision {}/{}",
            r.found,
            r.predicted
        );
    }
}

#[test]
fn people_who_share_a_place_name_are_not_places() {
    let set = labelled("people_sentences.jsonl");
    let (t, errors) = tally(&set);
    let r = total(t.values());
    let precision = ratio(r.found, r.predicted);
    let recall = ratio(r.found, r.gold);
    eprintln!(
        "people: precision {:.1} %, recall {:.1} % ({}/{}, {} predicted); \
         sentences without a place that get one: {}; {errors:#?}",
        100.0 * precision,
        100.0 * recall,
        r.found,
        r.gold,
        r.predicted,
        r.placeless_tagged
    );
    assert!(precision >= 0.85, "{errors:#?}");
    assert!(recall >= 0.85, "{errors:#?}");
    assert!(r.placeless_tagged * 10 <= set.len(), "{errors:#?}");
}

#[test]
fn look_alikes_are_not_inflected_names() {
    let set = labelled("inflected_negatives.jsonl");
    let (t, errors) = tally(&set);
    let r = total(t.values());
    let extra: Vec<&String> = errors.iter().filter(|e| e.contains("extra")).collect();
    eprintln!(
        "look-alikes: {}/{} real places found, {} predicted; {extra:#?}",
        r.found, r.gold, r.predicted
    );
    assert!(extra.len() * 20 <= set.len(), "{extra:#?}");
    assert!(ratio(r.found, r.gold) >= 0.9, "{errors:#?}");
}

/// A multi-word name whose later word is lower case and inflected
/// (`Лачинского коридора`, `Լաչինի միջանցքում`) is one mention.
#[test]
fn inflected_multi_word_names_with_lower_case_words() {
    let gaz = Gazetteer::embedded();
    for (text, said) in [
        (
            "Блокада Лачинского коридора продолжалась.",
            "Лачинского коридора",
        ),
        ("Մենք Լաչինի միջանցքում էինք։", "Լաչինի միջանցքում"),
    ] {
        let ms = gaz.tag(text);
        assert!(
            ms.iter()
                .any(|m| m.text(text) == said && m.place().id() == "tp:lachin-corridor"),
            "{text}: {:?}",
            ms.iter().map(|m| m.text(text)).collect::<Vec<_>>()
        );
    }
}

/// When two readings of one word in one language both name a place, the one
/// whose place ranks first wins: `Харкові` is Харків with the alternation
/// і/о before `-ові` (Kharkiv), not `Харк` + `-ові` (Khārk, a town in Iran).
#[test]
fn the_likeliest_of_two_readings_wins() {
    let gaz = Gazetteer::embedded();
    let text = "У Харкові знову пролунали вибухи.";
    let ms = gaz.tag(text);
    assert_eq!(
        ms.iter()
            .map(|m| (m.text(text), m.place().id(), m.matched_name().text()))
            .collect::<Vec<_>>(),
        [("Харкові", "gn:706483", "Харків")]
    );
}

/// An inflected reading of a word that is, as written, a common word of its
/// language is doubtful like a common English word: "Дорога" opening a
/// Russian sentence is "the road", not Dorog in Hungary (Дорог + -а); the
/// towns of the same sentence stay.
#[test]
fn a_common_word_read_as_an_inflected_name_is_doubtful() {
    let gaz = Gazetteer::embedded();
    let text = "Дорога между Горисом и Капаном была перекрыта на два часа.";
    let ids: Vec<_> = gaz
        .tag(text)
        .iter()
        .map(|m| (m.text(text), m.place().id()))
        .collect();
    assert_eq!(ids, [("Горисом", "gn:174895"), ("Капаном", "gn:174875")]);
}

/// A query whose only exact or normalised matches are names in another
/// script, met through transliteration, is first what it reads as in its
/// own script: "Գորիսի" transliterates to "gorisi", a Latin name of Gourcy
/// in Burkina Faso, and is the genitive of Գորիս, Goris; `search` lists
/// the same order.
#[test]
fn an_inflected_reading_in_the_query_script_before_a_transliteration() {
    let gaz = Gazetteer::embedded();
    let m = gaz.resolve("Գորիսի").expect("a match");
    assert_eq!(
        (m.place().id(), m.method()),
        ("gn:174895", Method::Inflected)
    );
    let mut all = Query::new();
    all.neighbours(true);
    let hits = gaz.search("Գորիսի", &all);
    assert_eq!(hits[0].place().id(), "gn:174895");
    assert!(hits.iter().any(|h| h.place().id() == "gn:2360238"));
    // a Latin query keeps its normalised match
    assert_eq!(
        gaz.resolve("Gorisi").map(|m| m.place().id()),
        Some("gn:2360238")
    );
}

/// Georgia's regions by the short names Georgian and Russian text use
/// (GeoNames has "იმერეთის მხარე", "Imereti region"), and Samegrelo, the
/// historical region, inflected as any name.
#[test]
fn georgian_regions_by_their_short_names() {
    resolve_inflected(&[
        ("იმერეთში", "gn:865539"),
        ("აჭარაში", "gn:615929"),
        ("Аджарии", "gn:615929"),
        ("სამეგრელოში", "tp:samegrelo"),
        ("Мегрелии", "tp:samegrelo"),
    ]);
}

/// Russian short names of Armenian provinces (GeoNames has only "Лорийская
/// область"…), Karabakh, and the neuter -ье declension (Закавказья).
#[test]
fn russian_short_names_and_neuter_ye_declension() {
    resolve_inflected(&[
        ("Гегаркунике", "gn:828261"),
        ("Вайоц-Дзоре", "gn:409315"),
        ("Арагацотне", "gn:828259"),
        ("Карабахе", "tp:karabakh"),
        ("Закавказья", "tp:south-caucasus"),
        ("Арцахе", "tp:nagorno-karabakh"),
        ("Arzachs", "tp:nagorno-karabakh"),
    ]);
}

/// A place word before a surname in a case form is a person's given name
/// ("Араратом Мирзояном", "Ararat Mirzoyanla"), but not right after a
/// preposition of place: "В Баку Пашинян заявил" names Baku.
#[test]
fn given_names_before_inflected_surnames_and_places_before_subjects() {
    let gaz = Gazetteer::embedded();
    let ids = |text: &str| -> Vec<&'static str> {
        gaz.tag(text).iter().map(|m| m.place().id()).collect()
    };
    assert_eq!(
        ids("Встреча с Араратом Мирзояном прошла в Баку."),
        ["gn:587084"]
    );
    assert!(ids("Заявление Арарата Мирзояна опубликовано.").is_empty());
    assert!(ids("Ararat Mirzoyanla görüşdü.").is_empty());
    assert_eq!(ids("В Баку Пашинян заявил о мире."), ["gn:587084"]);
    assert_eq!(ids("Из Гюмри Ованнисян уехал."), ["gn:616635"]);
}

/// A name GeoNames tags English or Turkish only takes an Azerbaijani or
/// Turkish suffix where the text shows the language ("Batumidə",
/// "İstanbulda"), or alone when the word's own letters show it (ə); a word
/// alone without such evidence is no inflected form of an English name
/// ("Pars" is not Par in Cornwall with a German genitive -s).
#[test]
fn strong_names_take_suffixes_where_the_language_shows() {
    let gaz = Gazetteer::embedded();
    let text = "Nazir Batumidə oldu, sonra İstanbulda görüşdü.";
    let ids: Vec<_> = gaz.tag(text).iter().map(|m| m.place().id()).collect();
    assert_eq!(ids, ["gn:615532", "gn:745044"]);
    let m = gaz.resolve("Batumidə").expect("Batumidə");
    assert_eq!(
        (m.place().id(), m.method()),
        ("gn:615532", Method::Inflected)
    );
    assert!(gaz.inflected("Pars").is_empty());
    assert!(gaz.tag("Pars and Londons are no places here.").is_empty());
}

/// Georgian syncope (ერევანი → ერევნის, ერევნიდან) and Georgian names of
/// Karabakh, Istanbul and Washington that GeoNames lacks.
#[test]
fn georgian_syncope_and_names() {
    resolve_inflected(&[
        ("ერევნის", "gn:616052"),
        ("ერევნიდან", "gn:616052"),
        ("ყარაბაღში", "tp:karabakh"),
        ("სტამბოლში", "gn:745044"),
        ("ვაშინგტონში", "gn:4140963"),
    ]);
}

/// Armenian names news uses that GeoNames files elsewhere or lacks:
/// Վաշինգտոն is the capital (GeoNames gives it the state only), ԱՄՆ, and
/// Եվրամիություն with its -ության genitive.
#[test]
fn armenian_names_of_washington_the_us_and_the_eu() {
    let gaz = Gazetteer::embedded();
    let text = "ԱՄՆ-ում և Եվրամիությունում քննարկել են Վաշինգտոնում։ Եվրամիության դիրքորոշումը։";
    let ids: Vec<_> = gaz
        .tag(text)
        .iter()
        .map(|m| (m.text(text), m.place().id()))
        .collect();
    assert_eq!(
        ids,
        [
            ("ԱՄՆ", "gn:6252001"),
            ("Եվրամիությունում", "tp:european-union"),
            ("Վաշինգտոնում", "gn:4140963"),
            ("Եվրամիության", "tp:european-union"),
        ]
    );
}

/// "ЕС" is the European Union in Russian text, not a transliteration of a
/// Latin "ES" (Yasuj in Iran).
#[test]
fn russian_abbreviation_of_the_eu() {
    let gaz = Gazetteer::embedded();
    let text = "Послы ЕС собрались в Брюсселе.";
    let ids: Vec<_> = gaz.tag(text).iter().map(|m| m.place().id()).collect();
    assert_eq!(ids, ["tp:european-union", "gn:2800866"]);
}

/// Asserts that each (word, id) resolves alone to the place, as an inflected
/// form.
fn resolve_inflected(cases: &[(&str, &str)]) {
    let gaz = Gazetteer::embedded();
    for &(word, id) in cases {
        let m = gaz.resolve(word).expect(word);
        assert_eq!(
            (m.place().id(), m.method()),
            (id, Method::Inflected),
            "{word}"
        );
    }
}
