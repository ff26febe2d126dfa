//! The `toponym` binary, run as a user would.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn toponym(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_toponym"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn toponym");
    if let Some(input) = stdin {
        let mut s = child.stdin.take().unwrap();
        // (a usage error exits before reading: a broken pipe is no failure)
        let _ = s.write_all(input);
    }
    child.wait_with_output().expect("wait for toponym")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn jsonl(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

#[test]
fn resolve_issue_spellings_exactly() {
    let names = [
        "Степанакерт",
        "Ստեփանակերտ",
        "Xankəndi",
        "Khankandi",
        "STEPANAKERT",
        "Step'anakert",
        "Stepʻanakert",
    ];
    let mut args = vec!["resolve", "--exact", "--format", "jsonl"];
    args.extend(names);
    let o = toponym(&args, None);
    assert!(o.status.success(), "{o:?}");
    let rows = jsonl(&o);
    assert_eq!(rows.len(), names.len());
    for (row, name) in rows.iter().zip(names) {
        assert_eq!(row["query"], name);
        assert_eq!(row["match"]["id"], "gn:146970", "{name}: {row}");
        assert_eq!(row["match"]["geonames_id"], 146970);
        assert!(["exact", "normalized"].contains(&row["match"]["method"].as_str().unwrap()));
    }
}

#[test]
fn jsonl_shape_and_key_order() {
    let o = toponym(&["resolve", "--format", "jsonl", "Martuni"], None);
    let line = stdout(&o);
    assert!(
        line.starts_with(r#"{"query":"Martuni","match":{"id":"#),
        "{line}"
    );
    let row = &jsonl(&o)[0];
    let m = &row["match"];
    for k in [
        "id",
        "geonames_id",
        "name",
        "kind",
        "country",
        "lat",
        "lon",
        "score",
        "method",
    ] {
        assert!(m.get(k).is_some(), "match lacks {k}: {row}");
    }
    assert!(m["lat"].is_f64() && m["lon"].is_f64(), "{row}");
    // the two Martunis are different places; both are offered
    let mut ids = vec![m["id"].as_str().unwrap().to_string()];
    ids.extend(
        row["alternatives"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap().to_string()),
    );
    let countries: Vec<&str> = std::iter::once(m)
        .chain(row["alternatives"].as_array().unwrap())
        .map(|a| a["country"].as_str().unwrap())
        .collect();
    assert!(
        countries.contains(&"AM") && countries.contains(&"AZ"),
        "{row}"
    );
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
}

#[test]
fn limit_caps_alternatives() {
    let o = toponym(
        &["resolve", "--format", "jsonl", "--limit", "1", "Paris"],
        None,
    );
    let row = &jsonl(&o)[0];
    assert_eq!(row["match"]["country"], "FR");
    assert_eq!(row["alternatives"].as_array().unwrap().len(), 1);
}

#[test]
fn lang_chooses_display_name() {
    let o = toponym(
        &["resolve", "--format", "jsonl", "--lang", "hy", "Khankendi"],
        None,
    );
    assert_eq!(jsonl(&o)[0]["match"]["name"], "Ստեփանակերտ");
    let o = toponym(
        &["resolve", "--format", "jsonl", "--lang", "ru", "Khankendi"],
        None,
    );
    assert_eq!(jsonl(&o)[0]["match"]["name"], "Степанакерт");
}

#[test]
fn stdin_lines_in_order_with_invalid_utf8_reported() {
    let input = b"Aghdam\n\xff\xfe bad\r\nBerdzor\n\nQwxzvq\n";
    let o = toponym(&["resolve", "--format", "jsonl"], Some(input));
    assert_eq!(o.status.code(), Some(2), "invalid input is an input error");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("line 2") && err.contains("invalid UTF-8"),
        "{err}"
    );
    let rows = jsonl(&o);
    assert_eq!(rows.len(), 5, "one object per input line");
    assert_eq!(rows[0]["match"]["id"], "gn:148619");
    assert!(rows[1]["match"].is_null());
    assert!(rows[1]["error"].as_str().unwrap().contains("line 2"));
    assert_eq!(rows[2]["match"]["id"], "gn:147625");
    assert_eq!(rows[3]["query"], "");
    assert!(rows[3]["match"].is_null());
    assert!(rows[4]["match"].is_null());
}

#[test]
fn strict_exits_1_on_no_match() {
    let o = toponym(&["resolve", "--strict", "Qwxzvq"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("no match"));
    let o = toponym(&["resolve", "Qwxzvq"], None);
    assert_eq!(o.status.code(), Some(0));
    let o = toponym(&["resolve", "--strict", "Yerevan"], None);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        toponym(&["resolve", "--format", "xml", "x"], None)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(toponym(&["frobnicate"], None).status.code(), Some(2));
    assert_eq!(
        toponym(&["resolve", "--limit", "-3", "x"], None)
            .status
            .code(),
        Some(2)
    );
    // `--field` says which field of JSON Lines holds the text
    let o = toponym(&["tag", "--field", "body"], Some(b"Yerevan\n"));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--input jsonl"));
    let o = toponym(
        &["tag", "--input", "jsonl", "--field", "body"],
        Some(br#"{"body":"Flights to Yerevan"}"#),
    );
    assert!(o.status.success());
    assert!(stdout(&o).contains("gn:616052"));
}

#[test]
fn version_names_the_data() {
    let o = toponym(&["--version"], None);
    assert!(o.status.success());
    let v = stdout(&o);
    assert!(v.starts_with("toponym "), "{v}");
    assert!(
        v.contains(&format!("(data {})", toponym::DATA_VERSION)),
        "{v}"
    );
}

#[test]
fn huge_line_and_nul_bytes_do_not_break() {
    let mut input = vec![b'a'; 2_000_000];
    input.extend_from_slice(b"\nYere\0van\nYerevan\n");
    let o = toponym(&["resolve", "--format", "jsonl"], Some(&input));
    // (the huge line is an input error, answered with one; the others are answered)
    assert_eq!(o.status.code(), Some(2));
    let rows = jsonl(&o);
    assert_eq!(rows.len(), 3);
    assert!(rows[0]["error"].is_string());
    assert!(rows[1]["error"].is_null());
    assert_eq!(rows[2]["match"]["id"], "gn:616052");
}

#[test]
fn show_by_id_and_by_name() {
    let o = toponym(&["show", "gn:146970"], None);
    assert!(o.status.success());
    let text = stdout(&o);
    for n in ["Ստեփանակերտ", "Степанакерт", "Xankəndi", "Stepanakert"] {
        assert!(text.contains(n), "show lacks {n}:\n{text}");
    }
    let o = toponym(&["show", "--format", "jsonl", "Berdzor"], None);
    let v = &jsonl(&o)[0];
    assert_eq!(v["id"], "gn:147625");
    assert!(v["names"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["name"] == "Berdzor"));
    let o = toponym(&["show", "tp:does-not-exist"], None);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn export_tsv_has_header_and_every_name() {
    let o = toponym(&["export", "--format", "tsv"], None);
    assert!(o.status.success());
    let text = stdout(&o);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert_eq!(header[0], "id");
    assert_eq!(header[1], "name");
    let rows: Vec<&str> = lines.collect();
    let gaz = toponym::Gazetteer::embedded();
    assert_eq!(rows.len(), gaz.name_count());
    assert!(rows.iter().all(|r| r.split('\t').count() == header.len()));
    assert!(rows
        .iter()
        .any(|r| r.starts_with("gn:146970\tStepanakert\t")));
}

#[test]
fn export_jsonl_rows() {
    let o = toponym(&["export", "--format", "jsonl"], None);
    let text = stdout(&o);
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert!(first["id"].is_string() && first["name"].is_string());
    assert_eq!(
        text.lines().count(),
        toponym::Gazetteer::embedded().name_count()
    );
}

#[test]
fn stats_counts() {
    let o = toponym(&["stats", "--format", "jsonl"], None);
    let v = &jsonl(&o)[0];
    assert!(v["places"].as_u64().unwrap() >= 40_000, "{v}");
    assert!(v["names"].as_u64().unwrap() >= 500_000, "{v}");
    assert_eq!(v["data_version"], toponym::DATA_VERSION);
    assert!(v["kinds"]["country"].as_u64().unwrap() >= 240);
}

#[cfg(unix)]
#[test]
fn broken_pipe_is_a_normal_exit() {
    // `toponym export | head -1`: the reader goes away early.
    let mut child = Command::new(env!("CARGO_BIN_EXE_toponym"))
        .args(["export"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut buf = [0u8; 16];
    std::io::Read::read_exact(&mut out, &mut buf).unwrap();
    drop(out);
    let o = child.wait_with_output().unwrap();
    assert!(
        o.status.success(),
        "status {:?}, stderr {}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// `search` with nothing close exits 1 and says so, echoing a long query
/// only in part.
#[test]
fn search_without_candidates_shortens_the_query() {
    let long = "Qzxq".repeat(2_500);
    let o = toponym(&["search", &long], None);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no candidates for `QzxqQzxq"), "{err}");
    assert!(
        err.contains('…') && err.len() < 300,
        "{} bytes: {err}",
        err.len()
    );
}

/// `tag` and `resolve` give every place its point; a region without one in
/// GeoNames has a derived point, which `show` says is derived.
#[test]
fn places_come_with_coordinates() {
    let o = toponym(
        &["tag"],
        Some("Shelling hit Syunik Province near Kapan.".as_bytes()),
    );
    let ms = jsonl(&o);
    assert_eq!(ms.len(), 2, "{ms:?}");
    for m in &ms {
        let (lat, lon) = (m["lat"].as_f64().unwrap(), m["lon"].as_f64().unwrap());
        assert!(
            (38.8..41.4).contains(&lat) && (43.4..46.7).contains(&lon),
            "{m}"
        );
    }
    // the province's point is derived from its towns and villages
    assert_ne!(ms[0]["lat"], ms[1]["lat"], "{ms:?}");
    let o = toponym(&["show", "gn:409314"], None);
    assert!(stdout(&o).contains("(derived"), "{}", stdout(&o));
}

/// `--format geojson`: one FeatureCollection, a Point feature per mention
/// (tag), per matched name (resolve) or per place (export), longitude first.
#[test]
fn geojson_feature_collections() {
    let collection = |o: &Output| -> Vec<serde_json::Value> {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
        assert_eq!(v["type"], "FeatureCollection");
        let features = v["features"].as_array().expect("features").clone();
        for f in &features {
            assert_eq!(f["type"], "Feature", "{f}");
            assert_eq!(f["geometry"]["type"], "Point", "{f}");
        }
        features
    };
    let o = toponym(
        &["tag", "--format", "geojson"],
        Some("Talks in Tbilisi: Georgia and Armenia agreed.".as_bytes()),
    );
    let fs = collection(&o);
    assert_eq!(fs.len(), 3);
    assert_eq!(fs[0]["properties"]["id"], "gn:611717");
    let pos = &fs[0]["geometry"]["coordinates"];
    assert_eq!(pos[0], fs[0]["properties"]["lon"], "longitude first");
    assert_eq!(pos[1], fs[0]["properties"]["lat"]);
    // no mention: an empty collection, still one document
    assert!(collection(&toponym(
        &["tag", "--format", "geojson"],
        Some(b"nothing here")
    ))
    .is_empty());
    let o = toponym(
        &["resolve", "--format", "geojson"],
        Some(b"Leninakan\nnosuchplacexyz\n"),
    );
    let fs = collection(&o);
    assert_eq!(fs.len(), 1, "the name without a match has no feature");
    assert_eq!(fs[0]["properties"]["query"], "Leninakan");
    assert_eq!(fs[0]["properties"]["id"], "gn:616635");
    let o = toponym(&["export", "--format", "geojson"], None);
    let fs = collection(&o);
    assert!(fs.len() > 50_000, "{}", fs.len());
    // GeoJSON is for text input; JSON Lines input writes its records back
    let o = toponym(
        &["tag", "--input", "jsonl", "--format", "geojson"],
        Some(b"{}"),
    );
    assert_eq!(o.status.code(), Some(2));
}

/// A reader that stops early (`| head -1`) ends the JSON Lines output
/// quietly, as the README promises: exit 0, nothing on stderr.
#[test]
fn closed_pipe_is_no_error_for_json_lines() {
    use std::io::{BufRead, BufReader};
    for args in [
        &["export", "--format", "jsonl"][..],
        &["export", "--format", "geojson"][..],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_toponym"))
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn toponym");
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .expect("one line");
        // the reader is dropped here: the pipe closes
        let out = child.wait_with_output().expect("wait for toponym");
        assert!(!first.is_empty());
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// `--at DATE` names places as they were called then, on every command that
/// names places; matching is unchanged; a bad date is a usage error.
#[test]
fn names_as_of_a_date() {
    let o = toponym(
        &[
            "resolve", "--at", "1985", "--lang", "en", "--format", "jsonl", "Gyumri",
        ],
        None,
    );
    assert!(o.status.success());
    assert_eq!(jsonl(&o)[0]["match"]["name"], "Leninakan");
    let o = toponym(
        &["normalize", "--at", "1970", "--lang", "en"],
        Some(b"Flights to Gyumri resumed.\n"),
    );
    assert_eq!(stdout(&o), "Flights to Leninakan resumed.\n");
    let o = toponym(
        &["tag", "--at", "1975"],
        Some(b"A convoy left Saint Petersburg.\n"),
    );
    assert_eq!(jsonl(&o)[0]["name"], "Leningrad");
    let o = toponym(&["search", "--at", "2020", "Astana"], None);
    let first = stdout(&o).lines().next().unwrap_or("").to_string();
    assert!(first.contains(" Nur-Sultan (city, KZ"), "{first}");
    let o = toponym(&["show", "--at", "1950", "gn:1526273"], None);
    assert!(stdout(&o).starts_with("Akmolinsk"), "{}", stdout(&o));
    // without --at, today's name
    let o = toponym(&["resolve", "--format", "jsonl", "Leninakan"], None);
    assert_eq!(jsonl(&o)[0]["match"]["name"], "Gyumri");
    for bad in ["1985-13", "85", "1985-02-30", "soon"] {
        let o = toponym(&["resolve", "--at", bad, "Gyumri"], None);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("--at") && err.contains(bad), "{bad}: {err}");
    }
}

/// The first English name of each side of each contested place
/// (`data/overlay/contested_names.tsv`), in table order: (id, [(side, name)]).
fn contested_pairs() -> Vec<(String, Vec<(String, String)>)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/overlay/contested_names.tsv"
    );
    let text = std::fs::read_to_string(path).expect("contested_names.tsv");
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    let col = |c: &str| header.iter().position(|h| *h == c).expect(c);
    let (id, lang, name, side) = (col("id"), col("lang"), col("name"), col("side"));
    let mut out: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for l in lines {
        let c: Vec<&str> = l.split('\t').collect();
        if c[lang] != "en" {
            continue;
        }
        if out.last().is_none_or(|(i, _)| i != c[id]) {
            out.push((c[id].to_string(), Vec::new()));
        }
        let sides = &mut out.last_mut().expect("a place").1;
        if !sides.iter().any(|(s, _)| s == c[side]) {
            sides.push((c[side].to_string(), c[name].to_string()));
        }
    }
    out
}

/// `normalize --style dual`: each mention of a contested place as written,
/// the competing name in parentheses at its first mention in the input;
/// uncontested places and later mentions untouched. Over every contested
/// place of the table, both ways (one input per place and way); a name both
/// sides write, or one that names another place first, gets nothing.
#[test]
fn dual_style_names_both_sides_at_first_mention() {
    let text = "Aid waited outside Stepanakert for days. In Stepanakert, residents queued \
                at the bank; Yerevan and Baku traded blame. Convoys reached Shusha.\n";
    let o = toponym(&["normalize", "--style", "dual"], Some(text.as_bytes()));
    assert_eq!(
        stdout(&o),
        "Aid waited outside Stepanakert (Khankendi) for days. In Stepanakert, residents queued \
         at the bank; Yerevan and Baku traded blame. Convoys reached Shusha (Shushi).\n"
    );
    let o = toponym(&["normalize", "--style", "az"], Some(text.as_bytes()));
    assert!(stdout(&o).starts_with("Aid waited outside Khankendi for days. In Khankendi,"));
    let o = toponym(
        &["normalize", "--style", "hy", "--lang", "ru"],
        Some("Ханкенди".as_bytes()),
    );
    assert_eq!(stdout(&o), "Степанакерт");
    // --keep is still the identity, alone; with a style it is a usage error
    let o = toponym(&["normalize", "--keep"], Some(text.as_bytes()));
    assert_eq!(stdout(&o), text);
    let o = toponym(
        &["normalize", "--style", "dual", "--keep"],
        Some(text.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        toponym(&["normalize", "--style", "xx"], None).status.code(),
        Some(2)
    );
    let pairs: Vec<_> = contested_pairs()
        .into_iter()
        .filter(|(_, sides)| sides.len() >= 2)
        .collect();
    assert!(pairs.len() >= 100, "{} contested places", pairs.len());
    let mut right = 0;
    let mut wrong = Vec::new();
    for (id, sides) in &pairs {
        for (a, b) in [(&sides[0].1, &sides[1].1), (&sides[1].1, &sides[0].1)] {
            let input = format!("Aid reached {a} and Hadrut on Monday; {a} was calm.\n");
            let want = format!("Aid reached {a} ({b}) and Hadrut on Monday; {a} was calm.\n");
            let got = stdout(&toponym(
                &["normalize", "--style", "dual"],
                Some(input.as_bytes()),
            ));
            if got == want {
                right += 1;
            } else {
                wrong.push(format!("{id}: {got:?}, want {want:?}"));
            }
        }
    }
    // every town and district centre of Karabakh, both ways: Stepanakert,
    // Shusha, Martakert, Martuni, Lachin, Kalbajar, Aghdam, Jabrayil, Fuzuli,
    // Qubadli, Zangilan, Khojaly (but Varanda, Fuzuli's Armenian name, is
    // also a Portuguese word, which needs more context than this sentence)
    let towns = [
        "gn:146970",
        "gn:147105",
        "tp:martakert-aghdara",
        "gn:146969",
        "gn:147625",
        "gn:586268",
        "gn:148619",
        "gn:148141",
        "gn:148106",
        "gn:147305",
        "gn:146901",
        "gn:147774",
    ];
    let missed: Vec<&String> = wrong
        .iter()
        .filter(|w| towns.iter().any(|t| w.starts_with(&format!("{t}: "))))
        .filter(|w| !w.contains("reached Varanda "))
        .collect();
    eprintln!(
        "dual style: {right} of {} sentences; {wrong:#?}",
        2 * pairs.len()
    );
    assert!(missed.is_empty(), "{missed:#?}");
    // (the rest: villages whose name both sides write, or which names a
    // bigger village elsewhere first without more context)
    assert!(right * 100 >= 2 * pairs.len() * 85, "{right}: {wrong:#?}");
}

/// Options that make no sense and inputs that are no text are usage or
/// input errors (exit 2) that name what was refused, never silently another
/// question.
#[test]
fn refused_options_and_inputs_name_what_was_refused() {
    let refused = |args: &[&str], says: &str| {
        let o = toponym(args, Some(b"Baku\n"));
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        assert!(err.contains(says), "{args:?}: {err}");
    };
    refused(&["resolve", "--country", "ZZ", "Baku"], "--country ZZ");
    refused(
        &["resolve", "--min-score", "-1", "Baku"],
        "`-1` is not a score",
    );
    refused(&["resolve", "--limit", "-1", "Baku"], "'-1'");
    refused(&["search", "--limit", "0", "Baku"], "limit of 0");
    refused(&["normalize", "--keep", "--to", "id"], "--keep");
    refused(&["normalize", "--keep", "--style", "dual"], "--keep");
    let dir = env!("CARGO_MANIFEST_DIR");
    refused(&["tag", dir], &format!("{dir}: is a directory"));
    refused(&["normalize", dir], &format!("{dir}: is a directory"));
    // a lone surrogate escape in JSON Lines is named; the record passes through
    let o = toponym(
        &["tag", "--input", "jsonl"],
        Some(b"{\"text\":\"x \\udc00\"}\n"),
    );
    assert_eq!(stdout(&o), "{\"text\":\"x \\udc00\"}\n");
    assert!(String::from_utf8_lossy(&o.stderr).contains("lone surrogate escape `\\udc00`"));
    // a pair is a character, and a well-formed line
    let o = toponym(
        &["tag", "--input", "jsonl"],
        Some("{\"text\":\"\\ud83d\\ude00 Baku\"}\n".as_bytes()),
    );
    assert!(o.status.success() && stdout(&o).contains("gn:587084"));
}

/// With its standard output closed, the tool says so and fails, rather
/// than write its answers nowhere (Linux, where this is known).
#[cfg(target_os = "linux")]
#[test]
fn standard_output_on_dev_null_is_a_normal_exit() {
    // read-write, as Python's subprocess.DEVNULL opens it: `--strict`'s exit
    // status is the answer
    for (name, code) in [("Baku", 0), ("Qwxzvq", 1)] {
        let o = Command::new(env!("CARGO_BIN_EXE_toponym"))
            .args(["resolve", "--strict", name])
            .stdout(
                std::fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .open("/dev/null")
                    .unwrap(),
            )
            .output()
            .expect("toponym");
        assert_eq!(o.status.code(), Some(code), "{name}: {o:?}");
        assert!(o.stderr.is_empty() || code == 1, "{o:?}");
    }
    let script = format!("{} resolve Baku > /dev/null", env!("CARGO_BIN_EXE_toponym"));
    let o = Command::new("sh")
        .args(["-c", &script])
        .output()
        .expect("sh");
    assert_eq!(o.status.code(), Some(0));
}

/// JSON Lines come back byte for byte around the added `places`: CR LF
/// endings, blanks after the closing brace, blank lines, a last line without
/// a newline, and records that cannot be tagged (passed through, their
/// errors reported one by one up to a cap, then counted).
#[test]
fn json_lines_pass_through_byte_for_byte() {
    let input =
        b"{\"text\":\"Baku\"}\r\n{\"text\":\"Baku\"} \t\n[1]\r\n\n  \n{\"text\":\"Yerevan\"}";
    let o = toponym(&["tag", "--input", "jsonl"], Some(input));
    let out = stdout(&o);
    let places = regex_free_strip(&out);
    assert_eq!(places.as_bytes(), input, "{out}");
    assert!(out.contains("\"id\":\"gn:587084\"") && out.contains("\"id\":\"gn:616052\""));
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert_eq!(
        err.lines().count(),
        1,
        "only the [1] record is an error: {err}"
    );
    // many bad records: the first errors, then a count
    let many: Vec<u8> = b"{\"x\":1}\n".repeat(100);
    let o = toponym(&["tag", "--input", "jsonl"], Some(&many));
    assert_eq!(o.stdout, many);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(err.lines().count() <= 21, "{err}");
    assert!(err.contains("80 more records"), "{err}");
}

/// `out` without the `,"places":[…]` that `tag --input jsonl` adds.
fn regex_free_strip(out: &str) -> String {
    let mut s = out.to_string();
    while let Some(at) = s.find(",\"places\":[") {
        let end = s[at..]
            .find("]}")
            .map(|e| at + e + 1)
            .expect("the end of places");
        // (the mentions' objects end in `}`: the array ends at the first `]` after them)
        s.replace_range(at..end, "");
    }
    s
}

/// A line of standard input too long to be a name is reported and skipped
/// without being held in memory; the lines after it are answered.
#[test]
fn resolve_caps_the_length_of_a_line() {
    let mut input = b"Yerevan\n".to_vec();
    input.extend(std::iter::repeat_n(b'x', 1 << 20));
    input.extend_from_slice(b"\nBaku\n");
    let o = toponym(&["resolve", "--format", "jsonl"], Some(&input));
    assert_eq!(o.status.code(), Some(2));
    let rows = jsonl(&o);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["match"]["id"], "gn:616052");
    assert!(rows[1]["error"]
        .as_str()
        .unwrap_or("")
        .contains("longer than 4096 bytes"));
    assert_eq!(rows[2]["match"]["id"], "gn:587084");
}

/// `search` takes several names, or reads them from standard input, like
/// `resolve`; each answer carries its name.
#[test]
fn search_takes_several_names_and_stdin() {
    let o = toponym(&["search", "--limit", "1", "Agdam", "Khankandi"], None);
    assert!(o.status.success());
    let lines: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("Agdam\t") && lines[0].contains("gn:148619"));
    assert!(lines[1].starts_with("Khankandi\t") && lines[1].contains("gn:146970"));
    let o = toponym(
        &["search", "--limit", "1", "--format", "jsonl"],
        Some(b"Baku\r\nQwxzvq\n"),
    );
    assert_eq!(o.status.code(), Some(1), "a name without candidates");
    let rows = jsonl(&o);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0]["query"].as_str(), rows[0]["id"].as_str()),
        (Some("Baku"), Some("gn:587084"))
    );
    // a blank line asks for nothing; a line that is not UTF-8 is reported
    // with its number (exit 2), and the lines after it are answered
    let o = toponym(&["search", "--limit", "1"], Some(b"\n\xff\nBaku\n"));
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o).lines().count(), 1);
    assert!(String::from_utf8_lossy(&o.stderr).contains("stdin line 2: invalid UTF-8"));
    // one name: the lines as before, without it
    let o = toponym(&["search", "--limit", "1", "Agdam"], None);
    assert!(stdout(&o).starts_with("1.000"));
}

#[test]
fn tag_writes_one_schema_for_stdin_one_file_and_several() {
    let dir = std::env::temp_dir().join(format!("toponym-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
    std::fs::write(&a, "Talks in Baku.\n").unwrap();
    std::fs::write(&b, "Then Yerevan.\n").unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let keys = |o: &Output| -> Vec<(Vec<String>, String)> {
        jsonl(o)
            .iter()
            .map(|m| {
                let obj = m.as_object().expect("a mention is an object");
                (
                    obj.keys().cloned().collect(),
                    m["file"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    let piped = keys(&toponym(&["tag"], Some(b"Talks in Baku.\n")));
    let one = keys(&toponym(&["tag", a], None));
    let two = keys(&toponym(&["tag", a, b], None));
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(piped.len(), 1);
    assert_eq!(piped[0].1, "-", "stdin is named `-`");
    assert_eq!(one[0].1, a);
    assert_eq!(two.iter().map(|k| k.1.as_str()).collect::<Vec<_>>(), [a, b]);
    for k in one.iter().chain(&two) {
        assert_eq!(k.0, piped[0].0, "every mention has the same fields");
    }
}

#[test]
fn tag_refuses_to_read_the_text_from_the_places_field() {
    let o = toponym(
        &["tag", "--input", "jsonl", "--field", "places"],
        Some(b"{\"places\":\"Baku\"}\n"),
    );
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(o.stdout.is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--field places"));
}

#[test]
fn tag_passes_records_over_the_cap_through_in_pieces() {
    let junk = "x".repeat(200_000); // not JSON, and longer than the cap
    let long = format!("{{\"text\":\"Baku {}\"}}", "y".repeat(300)); // JSON, over the cap
    let input = format!("{junk}\n{long}\r\n{{\"text\":\"Talks in Baku\"}}\n{junk}");
    let o = toponym(
        &["tag", "--input", "jsonl", "--max-record", "256"],
        Some(input.as_bytes()),
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "a record passed through is an error"
    );
    let out = stdout(&o);
    let lines: Vec<&str> = out.split_inclusive('\n').collect();
    assert_eq!(lines.len(), 4, "{}", &out[..out.len().min(300)]);
    assert_eq!(
        lines[0],
        format!("{junk}\n"),
        "passed through byte for byte"
    );
    assert_eq!(lines[1], format!("{long}\r\n"));
    assert!(lines[2].contains("\"places\":[{"), "{}", lines[2]);
    assert_eq!(lines[3], junk, "the last line keeps its missing newline");
    let err = String::from_utf8_lossy(&o.stderr);
    for n in [1, 2, 4] {
        assert!(
            err.contains(&format!("line {n}: a record longer than 256 bytes")),
            "{err}"
        );
    }
    assert!(!err.contains("line 3"), "{err}");
}

#[test]
fn long_runs_say_nothing_on_stderr_when_it_is_not_a_terminal() {
    let text = "Talks in Baku and Yerevan.\n".repeat(20_000);
    for args in [&["tag"][..], &["normalize"], &["tag", "--input", "jsonl"]] {
        let input = if args.len() == 3 {
            "{\"text\":\"Baku\"}\n".repeat(20_000)
        } else {
            text.clone()
        };
        let o = toponym(args, Some(input.as_bytes()));
        assert!(o.status.success(), "{args:?}: {o:?}");
        assert!(
            o.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn generate_writes_the_man_page_and_completions() {
    let o = toponym(&["generate", "man"], None);
    assert!(o.status.success(), "{o:?}");
    let page = stdout(&o);
    assert!(
        page.starts_with(".ie") || page.contains(".TH toponym 1"),
        "{}",
        &page[..200]
    );
    for command in [
        "RESOLVE",
        "SEARCH",
        "TAG",
        "NORMALIZE",
        "SHOW",
        "EXPORT",
        "STATS",
        "BUILD",
    ] {
        assert!(
            page.contains(&format!(".SH \"TOPONYM {command}\"")),
            "{command}"
        );
    }
    assert!(
        page.contains("max\\-record"),
        "the options of each command are there"
    );
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = toponym(&["generate", &format!("complete-{shell}")], None);
        assert!(o.status.success(), "{shell}: {o:?}");
        assert!(stdout(&o).contains("normalize"), "{shell}");
    }
    // bash itself takes the completion script, and completes a command
    let script = stdout(&toponym(&["generate", "complete-bash"], None));
    let bash = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "{script}\nCOMP_WORDS=(toponym no); COMP_CWORD=1; COMP_LINE='toponym no'; \
             COMP_POINT=10; _toponym toponym no toponym; echo \"${{COMPREPLY[@]}}\""
        ))
        .output();
    if let Ok(bash) = bash {
        assert!(bash.status.success(), "{bash:?}");
        assert_eq!(String::from_utf8_lossy(&bash.stdout).trim(), "normalize");
    }
    let o = toponym(&["generate", "complete-tcsh"], None);
    assert_eq!(o.status.code(), Some(2));
}

/// `cmd` run by `script(1)` on a pseudo-terminal (standard input, output and
/// error all on it), with `input` typed; what the terminal showed, or None
/// where util-linux's `script` is missing.
fn on_a_terminal(cmd: &str, input: &[u8]) -> Option<String> {
    let mut child = Command::new("script")
        .args(["-qec", cmd, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().ok()?;
    let _ = writer.join();
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// On a terminal, `resolve` without names says it reads standard input, and
/// answers there without a progress bar; with its answers sent elsewhere,
/// a long run shows its progress on the terminal (and nothing is drawn when
/// standard error is no terminal: `long_runs_say_nothing_…`).
#[test]
fn a_terminal_gets_a_hint_and_progress() {
    let exe = env!("CARGO_BIN_EXE_toponym");
    // (Ctrl-D ends the input on the terminal)
    let Some(shown) = on_a_terminal(&format!("{exe} resolve"), b"Baku\n\x04") else {
        return;
    };
    assert!(
        shown.contains("reading names from standard input"),
        "{shown}"
    );
    assert!(shown.contains("gn:587084"), "{shown}");
    assert!(
        !shown.contains("records,"),
        "no bar among the answers: {shown}"
    );
    let shown = on_a_terminal(&format!("{exe} resolve > /dev/null"), b"Baku\nGoris\n\x04")
        .expect("script ran once");
    assert!(
        shown.contains("records,") && shown.contains("/s"),
        "{shown}"
    );
    let dir = std::env::temp_dir().join(format!("toponym-progress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("news.txt");
    std::fs::write(&big, "Talks in Baku and Yerevan.\n".repeat(200_000)).unwrap();
    let shown = on_a_terminal(
        &format!("{exe} tag --threads 1 {} > /dev/null", big.display()),
        b"",
    )
    .expect("script ran once");
    std::fs::remove_dir_all(&dir).ok();
    assert!(shown.contains(" read, "), "{shown}");
}
