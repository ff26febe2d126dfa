//! Text tagging and normalisation: the labelled South Caucasus set, and
//! losslessness of `toponym normalize`.

use std::io::Write;
use std::process::{Command, Stdio};
use toponym::{Context, Gazetteer};

fn labelled() -> Vec<serde_json::Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/caucasus_sentences.jsonl"
    );
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Precision and recall on tests/data/caucasus_sentences.jsonl: a predicted
/// mention is right when its byte span and its id equal a gold mention's.
#[test]
fn labelled_caucasus_sentences_precision_and_recall() {
    let gaz = Gazetteer::embedded();
    let (mut tp, mut fp, mut gold_n) = (0usize, 0usize, 0usize);
    let mut errors = vec![];
    for s in labelled() {
        let text = s["text"].as_str().unwrap();
        let gold: Vec<(u64, u64, String)> = s["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["start"].as_u64().unwrap(),
                    m["end"].as_u64().unwrap(),
                    m["id"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        gold_n += gold.len();
        for m in gaz.tag(text) {
            let got = (m.start() as u64, m.end() as u64, m.place().id().to_string());
            if gold.contains(&got) {
                tp += 1;
            } else {
                fp += 1;
                errors.push(format!("extra or wrong: {:?} -> {}", m.text(text), got.2));
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / gold_n.max(1) as f64;
    eprintln!("labelled set: precision {precision:.3}, recall {recall:.3} ({tp} of {gold_n}); {errors:#?}");
    assert!(precision >= 0.97, "precision {precision:.3}: {errors:#?}");
    assert!(recall >= 0.97, "recall {recall:.3}");
}

/// (text as written, id) of each mention of `text`.
fn tagged(text: &str) -> Vec<(&str, &'static str)> {
    Gazetteer::embedded()
        .tag(text)
        .iter()
        .map(|m| (m.text(text), m.place().id()))
        .collect()
}

#[test]
fn mentions_from_the_issue() {
    let text = "The Agdam-Khankandi road reopened; Azerbaijan’s and Karabakh’s officials met in the South Caucasus, Republic of Armenia.";
    assert_eq!(
        tagged(text),
        [
            ("Agdam", "gn:148619"),
            ("Khankandi", "gn:146970"),
            ("Azerbaijan", "gn:587116"),
            ("Karabakh", "tp:karabakh"),
            ("South Caucasus", "tp:south-caucasus"),
            ("Republic of Armenia", "gn:174982"),
        ]
    );
}

#[test]
fn homonyms_follow_context() {
    let gaz = Gazetteer::embedded();
    let id = |text: &str, word: &str| {
        gaz.tag(text)
            .iter()
            .find(|m| m.text(text) == word)
            .map(|m| m.place().id().to_string())
    };
    assert_eq!(
        id("Talks in Tbilisi: Georgia and Armenia agreed.", "Georgia").as_deref(),
        Some("gn:614540")
    );
    assert_eq!(
        id("He flew from Atlanta, Georgia to Savannah.", "Georgia").as_deref(),
        Some("gn:4197000")
    );
    assert_eq!(
        id("Shelling in Martuni and Stepanakert.", "Martuni").as_deref(),
        Some("gn:146969")
    );
    // one sense per text: a name a comma neighbour proved keeps its place
    assert_eq!(
        tagged("Flights to Paris, Texas resumed. Paris officials were pleased."),
        [
            ("Paris", "gn:4717560"),
            ("Texas", "gn:4736286"),
            ("Paris", "gn:4717560")
        ]
    );
    // a cue word chooses a district of the curated overlay by its one-word
    // name, which the district ranking leaves among the candidates
    assert_eq!(
        id("Ağdam rayonunda minatəmizləmə işləri davam edir.", "Ağdam").as_deref(),
        Some("gn:148617")
    );
    assert_eq!(
        id("Ağdam yenidən qurulur.", "Ağdam").as_deref(),
        Some("gn:148619")
    );
    // a text about the United States does not turn the country Mexico into
    // a town in Missouri; a comma neighbour that contains the town does
    let us = "Officials in Texas, California and Arizona said Mexico would reply.";
    assert_eq!(id(us, "Mexico").as_deref(), Some("gn:3996063"));
    assert_eq!(
        id("The fair in Mexico, Missouri opened.", "Mexico").as_deref(),
        Some("gn:4398103")
    );
}

#[test]
fn common_words_and_given_names_are_not_places() {
    let gaz = Gazetteer::embedded();
    for text in [
        "Of course the talks went on.",
        "Nice weather today.",
        "Mobile phones were confiscated.",
        "Many people left.",
        "Hope is fading.",
        "Lilit and Artak met their lawyer.",
    ] {
        let ms = gaz.tag(text);
        assert!(
            ms.is_empty(),
            "{text}: {:?}",
            ms.iter().map(|m| m.text(text)).collect::<Vec<_>>()
        );
    }
}

/// A word used in a person's name is that person where it stands alone
/// later in the same text, but still the place after a preposition of place
/// or beside another mention; a month after a preposition is no town.
#[test]
fn person_echoes_and_prepositions_of_place() {
    assert_eq!(
        tagged("Ashley Sutton won the title in 2017. Few predicted Sutton would storm to victory."),
        []
    );
    // a place word right after a person's name goes on with it
    assert_eq!(
        tagged("Luis Moreno Ocampo warned of a genocide in Nagorno-Karabakh."),
        [("Nagorno-Karabakh", "tp:nagorno-karabakh")]
    );
    assert_eq!(
        tagged("Ashley Sutton grew up in Sutton, south London."),
        [("Sutton", "gn:2636503"), ("London", "gn:2643743")]
    );
    // a town of 40,000 that is also a common word: a place after "in" only
    assert_eq!(
        tagged("A nerve agent attack in Salisbury left two people in hospital."),
        [("Salisbury", "gn:2638664")]
    );
    assert_eq!(tagged("Salisbury police said the park would reopen."), []);
    // the preposition may start the sentence
    assert_eq!(
        tagged("In Salisbury, police sealed off the park."),
        [("Salisbury", "gn:2638664")]
    );
    assert_eq!(
        tagged("The talks resumed in March in Geneva."),
        [("Geneva", "gn:2660646")]
    );
}

/// A place word that is a given name, or a census given name left out of
/// the list for being a place, is a person before a surname that is no
/// ordinary English word; before an ordinary word, a month or a weekday it
/// is still the place.
#[test]
fn given_names_that_are_places_before_a_surname() {
    assert_eq!(tagged("Paris Hilton posted a photo from her holiday."), []);
    assert_eq!(tagged("Sydney Sweeney starred in the film."), []);
    assert_eq!(tagged("Virginia Woolf wrote the novel in 1927."), []);
    // the census writes surnames without diacritics: Peña is Pena
    assert_eq!(
        tagged("Santiago Peña met investors. Flights to Santiago resumed."),
        [("Santiago", "gn:3871336")]
    );
    assert_eq!(
        tagged("In Paris Monday, ministers agreed on sanctions."),
        [("Paris", "gn:2988507")]
    );
    assert_eq!(
        tagged("Sydney Harbour was closed to ferries."),
        [("Sydney", "gn:2147714")]
    );
    // (which Georgia, the text does not say; a place all the same)
    let got = tagged("Georgia Power raised its rates.");
    assert_eq!(got.iter().map(|m| m.0).collect::<Vec<_>>(), ["Georgia"]);
}

/// A demonym is never a place merely named like it: "German" is no parish
/// of the Isle of Man; with demonyms asked for, it is Germany.
#[test]
fn demonyms_are_not_their_homographs() {
    let text = "The German delegation met officials of the parish.";
    assert_eq!(tagged(text), []);
    let mut ctx = Context::new();
    ctx.demonyms(true);
    let ms = Gazetteer::embedded().tag_with(text, &mut ctx);
    let got: Vec<&str> = ms.iter().map(|m| m.place().id()).collect();
    assert_eq!(got, ["gn:2921044"]);
}

#[test]
fn scripts_and_offsets() {
    let gaz = Gazetteer::embedded();
    let text = "Степанакерт и Ստեփանակերտ, Xankəndi, თბილისი.";
    let ms = gaz.tag(text);
    let ids: Vec<&str> = ms.iter().map(|m| m.place().id()).collect();
    assert_eq!(ids, ["gn:146970", "gn:146970", "gn:146970", "gn:611717"]);
    for m in &ms {
        assert!(text.is_char_boundary(m.start()) && text.is_char_boundary(m.end()));
    }
}

#[test]
fn streaming_reader_matches_whole_text() {
    let gaz = Gazetteer::embedded();
    let text = "Baku and Yerevan.\n".repeat(20_000);
    let whole: Vec<(usize, &str)> = gaz
        .tag_with(&text, &mut Context::new())
        .iter()
        .map(|m| (m.start(), m.place().id()))
        .collect();
    let streamed: Vec<(usize, &str)> = gaz
        .tag_reader(text.as_bytes())
        .map(|m| m.unwrap())
        .map(|m| (m.start(), m.place().id()))
        .collect();
    assert_eq!(whole, streamed);
}

#[test]
fn bad_text_does_not_panic() {
    let gaz = Gazetteer::embedded();
    let mut ctx = Context::new();
    for bytes in [
        &b""[..],
        b"\0\0\0",
        b"\xff\xfe Baku \xc3",
        b"'s's's",
        b"----",
        "ə'ş’ß".as_bytes(),
    ] {
        let _ = gaz.tag_bytes(bytes, &mut ctx);
    }
    let long = "Baku ".repeat(200_000);
    assert_eq!(gaz.tag(&long).len(), 200_000);
}

fn toponym(args: &[&str], input: &[u8]) -> (Vec<u8>, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_toponym"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    let _ = writer.join();
    (out.stdout, out.status.code().unwrap_or(-1))
}

/// A deterministic xorshift64 generator from a non-zero `state`.
fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// A deterministic stream of bytes: text with place names, line endings of
/// every kind, invalid UTF-8, NULs and multi-byte characters cut in half.
fn random_input(seed: u64, len: usize) -> Vec<u8> {
    let mut next = xorshift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let pieces: [&[u8]; 14] = [
        b"Stepanakert ",
        "Ստեփանակերտ".as_bytes(),
        "Xankəndi, ".as_bytes(),
        b"\r\n",
        b"\n",
        b"\r",
        b"\xff",
        b"\xc3",
        b"\0",
        b"Agdam-Khankandi ",
        "Azerbaijan’s ".as_bytes(),
        b"the ",
        b"  ",
        "ş".as_bytes(),
    ];
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        if next() % 3 == 0 {
            out.push((next() % 256) as u8);
        } else {
            out.extend_from_slice(pieces[(next() % pieces.len() as u64) as usize]);
        }
    }
    out
}

#[test]
fn normalize_keep_is_byte_identical_for_any_input() {
    for seed in 0..40 {
        let input = random_input(seed, 1 + (seed as usize * 997) % 20_000);
        let (out, code) = toponym(&["normalize", "--keep"], &input);
        assert_eq!(code, 0);
        assert_eq!(out, input, "seed {seed}");
    }
    // a long single line crosses the chunk size
    let long = random_input(99, 3 << 20)
        .into_iter()
        .filter(|&b| b != b'\n' && b != b'\r')
        .collect::<Vec<u8>>();
    let (out, _) = toponym(&["normalize", "--keep", "--threads", "2"], &long);
    assert!(out == long, "long line changed");
}

#[test]
fn normalize_changes_only_mentions() {
    let mut input = "Khankandi and Степанакерт\r\n".as_bytes().to_vec();
    input.extend_from_slice(b"bad \xff\0bytes Agdam\n");
    let (out, _) = toponym(&["normalize", "--to", "annotate"], &input);
    let mut expected = "Khankandi [gn:146970] and Степанакерт [gn:146970]\r\n"
        .as_bytes()
        .to_vec();
    expected.extend_from_slice(b"bad \xff\0bytes Agdam [gn:148619]\n");
    assert_eq!(out, expected, "{}", String::from_utf8_lossy(&out));
    let (out, _) = toponym(&["normalize", "--to", "id"], b"Talks in Baku.");
    assert_eq!(out, b"Talks in gn:587084.");
    let (out, _) = toponym(&["normalize", "--lang", "hy"], b"Talks in Baku.");
    assert_eq!(String::from_utf8(out).unwrap(), "Talks in Բաքու.");
}

#[test]
fn tag_text_offsets_are_bytes_into_the_input() {
    let input = "Ünïcödé: Ստեփանակերտ and Baku\n\u{ff}\n".as_bytes();
    let (out, code) = toponym(&["tag"], input);
    assert_eq!(code, 0);
    let out = String::from_utf8(out).unwrap();
    // (a loop over no lines would pass: the two places are there)
    assert_eq!(out.lines().count(), 2, "{out}");
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let (s, e) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&input[s..e], v["text"].as_str().unwrap().as_bytes());
    }
}

#[test]
fn tag_jsonl_keeps_fields_order_and_bad_lines() {
    let input = b"{\"id\":1,\"text\":\"Talks in Baku.\",\"z\":[1]}\nnot json\n{\"id\":3,\"text\":\"Yerevan\"}\n";
    let (out, code) = toponym(&["tag", "--input", "jsonl"], input);
    assert_eq!(code, 2, "a malformed line is an input error");
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[0].starts_with(
            r#"{"id":1,"text":"Talks in Baku.","z":[1],"places":[{"start":9,"end":13,"#
        ),
        "{}",
        lines[0]
    );
    assert_eq!(lines[1], "not json", "passed through, not lost");
    assert!(lines[2].contains(r#""id":"gn:616052""#));
    // threads keep input order and give the same output
    let many: String = (0..3000)
        .map(|i| format!("{{\"n\":{i},\"text\":\"Baku {i} Yerevan\"}}\n"))
        .collect();
    let (one, _) = toponym(&["tag", "--input", "jsonl"], many.as_bytes());
    let (two, _) = toponym(
        &["tag", "--input", "jsonl", "--threads", "2"],
        many.as_bytes(),
    );
    assert_eq!(one, two);
    assert_eq!(String::from_utf8(one).unwrap().lines().count(), 3000);
}

/// A JSON Lines record comes back as written (spacing, escapes, numbers of
/// any precision) with its `places` appended; one that already has a
/// `places` field gets its value replaced where it stands.
#[test]
fn tag_jsonl_writes_records_back_as_written() {
    let input = "{ \"n\": 12345678901234567890123, \"t\": \"\\u00e9\", \"text\": \"Baku\" }\n\
                 {\"text\":\"Yerevan\",\"places\":\"old\",\"k\":1.50}\n\
                 {\"text\":\"\"}\n";
    let (out, code) = toponym(&["tag", "--input", "jsonl"], input.as_bytes());
    assert_eq!(code, 0);
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with(
            r#"{ "n": 12345678901234567890123, "t": "\u00e9", "text": "Baku" ,"places":[{"start":0,"end":4,"text":"Baku","id":"gn:587084""#
        ),
        "{}",
        lines[0]
    );
    let second: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(second["places"][0]["id"], "gn:616052", "{}", lines[1]);
    // (the old value replaced where it stood: every other byte as written)
    assert!(
        lines[1].starts_with(r#"{"text":"Yerevan","places":[{"start":0"#),
        "{}",
        lines[1]
    );
    assert!(lines[1].ends_with(r#"}],"k":1.50}"#), "{}", lines[1]);
    assert_eq!(lines[2], r#"{"text":"","places":[]}"#);
    // a number serde_json would not give back digit for digit, in a record
    // with `places` (found by the `jsonl` fuzz target)
    let input = "{\"places\": [1, 2],\t\"text\":\"x\", \"n\": 7333333333333331.5 }\r\n";
    let (out, _) = toponym(&["tag", "--input", "jsonl"], input.as_bytes());
    assert_eq!(
        String::from_utf8(out).unwrap(),
        input.replace("[1, 2]", "[]"),
        "byte for byte but the replaced value"
    );
}

#[test]
fn tag_empty_input() {
    let (out, code) = toponym(&["tag"], b"");
    assert_eq!((out.len(), code), (0, 0));
    let (out, code) = toponym(&["normalize"], b"");
    assert_eq!((out.len(), code), (0, 0));
}

#[test]
fn two_letter_words_only_as_country_abbreviations() {
    let gaz = Gazetteer::embedded();
    let text = "IN THE US AND UK, SE ASIA AM";
    let got: Vec<&str> = gaz.tag(text).iter().map(|m| m.text(text)).collect();
    assert_eq!(got, ["US", "UK", "ASIA"]);
    // and then it is only the country or the union, whatever places of
    // another country the text names: "EU" is not Eu in Normandy
    assert_eq!(
        tagged("Talks in Rouen and Le Havre: the EU and Normandy. EU rules."),
        [
            ("Rouen", "gn:2982652"),
            ("Le Havre", "gn:3003796"),
            ("EU", "tp:european-union"),
            ("Normandy", "gn:11071621"),
            ("EU", "tp:european-union"),
        ]
    );
}

/// Abbreviations written with dots are mentions when a name of the
/// gazetteer is spelt exactly so; initials of a person are not. A neighbour
/// that can only be one of a mention's places picks it among homonyms.
#[test]
fn dotted_abbreviations() {
    let text = "U.S.-led talks: the U.S.A. and the U.K. met in Washington, D.C. \
                while J.R. Smith and A.B. Jones flew to L.A. and the U.S.";
    assert_eq!(
        tagged(text),
        [
            ("U.S.", "gn:6252001"),
            ("U.S.A.", "gn:6252001"),
            ("U.K.", "gn:2635167"),
            ("Washington", "gn:4140963"),
            ("D.C.", "gn:4140963"),
            ("L.A.", "gn:5368361"),
            ("U.S.", "gn:6252001"),
        ]
    );
}

/// Rules measured on English news: datelines, abbreviations inside names,
/// names with an inner capital, one sense per discourse, comma pairs, and a
/// country that keeps its sense beside one mention of another country.
#[test]
fn news_conventions() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        // a dateline's capitals prove the place (and "Washington" is D.C.)
        (
            "WASHINGTON (AP) — The Senate voted on Tuesday.",
            &[("WASHINGTON", "gn:4140963")],
        ),
        (
            "ST. LOUIS – Police said two men were held. Officers in St. Louis arrested them.",
            &[("ST. LOUIS", "gn:4407066"), ("St. Louis", "gn:4407066")],
        ),
        // NoMa, the Washington neighbourhood, is not the given name Noma
        ("Noma said she had been at home all day.", &[]),
        // either word alone would be Greece's capital and the country
        (
            "A resident of Athens, Georgia, won the lottery.",
            &[("Athens", "gn:4180386"), ("Georgia", "gn:4197000")],
        ),
        // the state at the start of a sentence, as it is mid-sentence; a
        // city's "City" is part of its name
        (
            "Oklahoma teachers walked out on Monday. Schools across Oklahoma closed.",
            &[("Oklahoma", "gn:4544379"), ("Oklahoma", "gn:4544379")],
        ),
        (
            "Flights to Oklahoma City and Mexico City resumed.",
            &[("Oklahoma City", "gn:4544349"), ("Mexico City", "gn:3530597")],
        ),
        // AP's state abbreviations after a city, dot and all; never the
        // plain words they also are
        (
            "OAKLAND, Calif. (AP) — A 55-year-old Severn, Md., man was charged.",
            &[
                ("OAKLAND", "gn:5378538"),
                ("Calif.", "gn:5332921"),
                ("Severn", "gn:4369190"),
                ("Md.", "gn:4361885"),
            ],
        ),
        ("Miss Smith will wash the car. Ill fortune struck.", &[]),
        // (a short word after a comma, then a character of several bytes)
        (
            "Officials in Raleigh, Mo’s office said.",
            &[("Raleigh", "gn:4487042")],
        ),
        // one US mention in a report on the Caucasus leaves Georgia the country
        (
            "A Washington think tank said Azerbaijan and Armenia must talk, and Georgia offered to host them.",
            &[
                ("Washington", "gn:4140963"),
                ("Azerbaijan", "gn:587116"),
                ("Armenia", "gn:174982"),
                ("Georgia", "gn:614540"),
            ],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(tagged(text), *want, "{text}");
    }
}

/// The tagger on text stitched from the pieces its rules look at (elisions,
/// apostrophe suffixes, case endings in four scripts, dotted and AP
/// abbreviations, datelines, people, cue words) and random bytes: no panic,
/// and every mention lies on character boundaries, in order, without
/// overlap.
#[test]
fn tagger_survives_stitched_and_random_text() {
    let pieces: [&str; 28] = [
        "Stepanakert ",
        ", Mo’s ",
        ", Calif. ",
        ", Md., ",
        "OAKLAND, Calif. (AP) — ",
        "WASHINGTON (AP) - ",
        "St. Louis ",
        "ST. ",
        "U.S. ",
        "D.C.",
        "d’Erevan ",
        "dell'Armenia ",
        "Tiflis'ten ",
        "Erivan’da ",
        "из Мартакерта ",
        "Нагорного Карабаха ",
        "Գորիսում ",
        "ქუთაისში ",
        "Füzulidə ",
        "Sofia Zakharova ",
        "Tavush and Ararat provinces ",
        "NoMa ",
        "Athens, Georgia, ",
        "’",
        "ş",
        "\n",
        ". ",
        "Ա",
    ];
    let gaz = Gazetteer::embedded();
    let mut next = xorshift(0x2545_F491_4F6C_DD1D);
    let mut mentions = 0;
    for _ in 0..300 {
        let mut bytes = Vec::new();
        for _ in 0..(next() % 40) {
            if next() % 5 == 0 {
                bytes.push((next() % 256) as u8);
            } else {
                bytes.extend_from_slice(pieces[(next() % pieces.len() as u64) as usize].as_bytes());
            }
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let mut ctx = Context::new();
        ctx.demonyms(next() % 2 == 0);
        for (src, ms) in [
            (text.as_bytes(), gaz.tag_with(&text, &mut ctx)),
            (&bytes[..], gaz.tag_bytes(&bytes, &mut ctx)),
        ] {
            let mut last_end = 0;
            for m in &ms {
                assert!(m.start() < m.end() && m.end() <= src.len(), "{text:?}");
                assert!(m.start() >= last_end, "overlap in {text:?}");
                assert!(
                    std::str::from_utf8(&src[m.start()..m.end()]).is_ok(),
                    "{text:?}"
                );
                last_end = m.end();
            }
            mentions += ms.len();
        }
    }
    assert!(mentions > 500, "{mentions} mentions");
}

/// A word the gazetteer's name capitalises must be capitalised in text: a
/// sentence that starts "The range of…" or "The gap between…" does not name
/// The Range or The Gap in Queensland, which stay places when written so;
/// names with lower-case words of their own still match.
#[test]
fn a_lower_case_word_is_not_a_capitalised_name_word() {
    assert_eq!(
        tagged("The range of services grew. The gap between rich and poor widened."),
        []
    );
    assert_eq!(
        tagged("He moved to The Gap near Brisbane, then to Stratford-upon-Avon."),
        [
            ("The Gap", "gn:6943585"),
            ("Brisbane", "gn:2174003"),
            ("Stratford-upon-Avon", "gn:2636713"),
        ]
    );
    // a designator that news writes in lower case is still the name's
    assert_eq!(
        tagged("Clashes near Mount Chaambi, Kasserine governorate."),
        [("Kasserine governorate", "gn:2473460")]
    );
}
