//! Images built at run time (`toponym build`, `toponym::builder`) and opened
//! from files (`--gazetteer`, `TOPONYM_GAZETTEER`, `Gazetteer::open`): a
//! fixture in GeoNames' own format builds an image that finds its places by
//! every name, keeps flags and periods, and round-trips through `show` and
//! `export`; damaged images are errors (exit status 2), never panics.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The hand-written fixture: a few places of Armenia as GeoNames ships
/// them (`tests/data/geonames/`).
fn fixture(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/geonames")
        .join(file)
}

fn toponym(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_toponym"))
        .args(args)
        .envs(env.iter().copied())
        .env_remove(if env.is_empty() {
            "TOPONYM_GAZETTEER"
        } else {
            ""
        })
        .stdin(Stdio::null())
        .output()
        .expect("run toponym")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A fresh directory under the target directory, for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// Builds the fixture into `dir/am.toponym` (the geoname table and the
/// alternate names zipped when `zipped`).
fn build_fixture(dir: &Path, zipped: bool, extra: &[&str]) -> (PathBuf, Output) {
    let (geo, alt) = if zipped {
        (
            zip_one(dir, "AM.zip", &fixture("AM.txt")),
            zip_one(
                dir,
                "alternateNamesV2.zip",
                &fixture("alternateNamesV2.txt"),
            ),
        )
    } else {
        (fixture("AM.txt"), fixture("alternateNamesV2.txt"))
    };
    let image = dir.join("am.toponym");
    let mut args = vec![
        "build".to_string(),
        "--geonames".into(),
        geo.display().to_string(),
        "--alternate-names".into(),
        alt.display().to_string(),
        "--admin1".into(),
        fixture("admin1CodesASCII.txt").display().to_string(),
        "--hierarchy".into(),
        fixture("hierarchy.txt").display().to_string(),
        "--output".into(),
        image.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = toponym(&args, &[]);
    (image, out)
}

/// A zip archive holding `file` (deflated), as GeoNames serves its dumps.
fn zip_one(dir: &Path, name: &str, file: &Path) -> PathBuf {
    let path = dir.join(name);
    let mut w = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file(file.file_name().unwrap().to_string_lossy(), opts)
        .unwrap();
    w.write_all(&std::fs::read(file).unwrap()).unwrap();
    w.finish().unwrap();
    path
}

/// Every (geonameid, name) of the fixture that is a name, not a link,
/// postal or airport code: what the image must find.
fn fixture_names() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in std::fs::read_to_string(fixture("AM.txt")).unwrap().lines() {
        let f: Vec<&str> = line.split('\t').collect();
        out.push((format!("gn:{}", f[0]), f[1].to_string()));
        for alt in f[3].split(',').filter(|a| !a.is_empty()) {
            let _ = alt; // the column is not used when alternateNamesV2 is given
        }
    }
    let skip = ["link", "post", "iata", "wkdt"];
    for line in std::fs::read_to_string(fixture("alternateNamesV2.txt"))
        .unwrap()
        .lines()
    {
        let f: Vec<&str> = line.split('\t').collect();
        if !skip.contains(&f[2]) && f[1] != "99999999" {
            out.push((format!("gn:{}", f[1]), f[3].to_string()));
        }
    }
    out
}

#[test]
fn a_geonames_fixture_builds_an_image_that_finds_every_name() {
    for zipped in [false, true] {
        let dir = scratch(if zipped {
            "build-zipped"
        } else {
            "build-plain"
        });
        let (image, out) = build_fixture(&dir, zipped, &[]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(text(&out.stderr).contains("wrote"), "{}", text(&out.stderr));
        let names = fixture_names();
        let mut args = vec![
            "--gazetteer",
            image.to_str().unwrap(),
            "resolve",
            "--exact",
            "--format",
            "jsonl",
        ];
        args.extend(names.iter().map(|(_, n)| n.as_str()));
        let o = toponym(&args, &[]);
        assert!(o.status.success(), "{}", text(&o.stderr));
        let lines: Vec<serde_json::Value> = text(&o.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), names.len());
        for ((id, name), line) in names.iter().zip(&lines) {
            // a name may be shared (Arpa): the place must be among the
            // candidates, and the top one when the name is its own
            let got = line["match"]["id"].as_str().unwrap_or("");
            if got != id {
                let o = toponym(
                    &[
                        "--gazetteer",
                        image.to_str().unwrap(),
                        "search",
                        name,
                        "--format",
                        "jsonl",
                    ],
                    &[],
                );
                assert!(
                    text(&o.stdout).contains(id.as_str()),
                    "{name}: {id} not among {}",
                    text(&o.stdout)
                );
            }
        }
        // the same through the environment variable
        let o = toponym(
            &["resolve", "Leninakan", "--format", "jsonl"],
            &[("TOPONYM_GAZETTEER", image.to_str().unwrap())],
        );
        assert!(
            text(&o.stdout).contains("\"gn:616635\""),
            "{}",
            text(&o.stdout)
        );
    }
}

#[test]
fn a_built_image_keeps_flags_periods_parents_and_round_trips_through_export() {
    let dir = scratch("build-roundtrip");
    let (image, out) = build_fixture(&dir, false, &["--no-overlay"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let img = image.to_str().unwrap();
    let show = toponym(&["--gazetteer", img, "show", "gn:616635"], &[]);
    let show = text(&show.stdout);
    assert!(show.contains("Leninakan  (historic, 1924-1990)"), "{show}");
    assert!(show.contains("Գյումրի  (preferred)"), "{show}");
    assert!(
        show.contains("within       Shirak gn:828264 < Armenia gn:174982 < Asia gn:6255147"),
        "{show}"
    );
    let show = toponym(
        &["--gazetteer", img, "show", "gn:174982", "--format", "jsonl"],
        &[],
    );
    assert!(
        text(&show.stdout).contains("\"wikidata\":\"Q399\""),
        "{}",
        text(&show.stdout)
    );
    // export gives back every name with its language, flags and period
    let export = toponym(&["--gazetteer", img, "export"], &[]);
    let export = text(&export.stdout);
    for want in [
        "gn:616635\tЛенинакан\tru\thistoric\t1924-1990",
        "gn:616635\tLeninakan\ten\thistoric\t1924-1990",
        "gn:616199\tAragats\t\t\t",
        "gn:616635\tAlexandropol\ten\thistoric\t1837-1924",
        "gn:616199\tMt. Aragats\t\tabbr\t",
        "gn:616052\tYer\ten\tcolloquial\t",
        "gn:616052\tYerevan City\ten\tshort\t",
        "gn:174982\tArménie\tfr-1793\t",
    ] {
        let (id, rest) = want.split_once('\t').unwrap();
        let (name, rest) = rest.split_once('\t').unwrap();
        assert!(
            export
                .lines()
                .any(|l| l.starts_with(&format!("{id}\t{name}\t")) && l.contains(rest)),
            "no export row like {want:?}"
        );
    }
    assert!(!export.contains("https://"), "links are not names");
    assert!(!export.contains("\t3101\t"), "postal codes are not names");
    // without the overlay, only the fixture's places
    let stats = toponym(&["--gazetteer", img, "stats", "--format", "jsonl"], &[]);
    assert!(
        text(&stats.stdout).contains("\"places\":13"),
        "{}",
        text(&stats.stdout)
    );
}

#[test]
fn a_town_ranks_before_the_district_named_like_it() {
    // GeoNames files some districts under their town's bare name, with more
    // people (Roma the province, Roma the city): the town comes first, in
    // resolve and in text; the district is still a candidate.
    let dir = scratch("district");
    let (image, out) = build_fixture(&dir, false, &["--no-overlay"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let img = image.to_str().unwrap();
    let o = toponym(
        &["--gazetteer", img, "resolve", "Goris", "--format", "jsonl"],
        &[],
    );
    let v: serde_json::Value = serde_json::from_str(text(&o.stdout).trim()).unwrap();
    assert_eq!(v["match"]["id"], "gn:174895", "{v}");
    let alternatives = v["alternatives"].to_string();
    assert!(alternatives.contains("gn:174894"), "{v}");
    let bytes = std::fs::read(&image).unwrap();
    let gaz = toponym::Gazetteer::from_bytes(&bytes).unwrap();
    let ids: Vec<&str> = gaz
        .tag("A rally in Goris on Sunday.")
        .iter()
        .map(|m| m.place().id())
        .collect();
    assert_eq!(ids, ["gn:174895"]);
}

#[test]
fn curated_macro_regions_fold_into_the_geonames_place_of_the_same_id() {
    // The embedded data keeps the Middle East as tp:middle-east, recording
    // its GeoNames id; an image holding GeoNames' own row has one place.
    let dir = scratch("fold");
    let (image, out) = build_fixture(&dir, false, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let img = image.to_str().unwrap();
    let args = [
        "--gazetteer",
        img,
        "resolve",
        "--format",
        "jsonl",
        "Moyen-Orient",
        "Nahost",
        "Middle East",
    ];
    let o = toponym(&args, &[]);
    let ids: Vec<String> = text(&o.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["match"]["id"].as_str().unwrap_or("").to_string()
        })
        .collect();
    assert_eq!(ids, ["gn:6269133"; 3], "{}", text(&o.stdout));
    let o = toponym(&["--gazetteer", img, "show", "tp:middle-east"], &[]);
    assert_eq!(o.status.code(), Some(1), "no second Middle East");
    // the embedded gazetteer keeps the tp: place, with its GeoNames id
    let o = toponym(&["show", "Middle East", "--format", "jsonl"], &[]);
    assert!(
        text(&o.stdout).contains("\"geonames_id\":6269133"),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn bad_rows_are_skipped_and_named_or_fatal_with_strict() {
    let dir = scratch("build-bad-rows");
    let mut rows = std::fs::read_to_string(fixture("AM.txt")).unwrap();
    rows.push_str("not a row\n");
    rows.push_str(
        "123\tBadcoord\tBadcoord\t\tnorth\t45\tP\tPPL\tAM\t\t08\t\t\t\t0\t\t0\t\t2024-01-01\n",
    );
    let geo = dir.join("AM.txt");
    std::fs::write(&geo, rows).unwrap();
    let image = dir.join("bad.toponym");
    let args = [
        "build",
        "--geonames",
        geo.to_str().unwrap(),
        "-o",
        image.to_str().unwrap(),
    ];
    let o = toponym(&args, &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(err.contains("skipped 2 bad rows"), "{err}");
    assert!(err.contains("AM.txt:14: expected the 19 columns"), "{err}");
    assert!(
        err.contains("AM.txt:15: geonameid 123: bad latitude/longitude"),
        "{err}"
    );
    let mut strict = args.to_vec();
    strict.push("--strict");
    let o = toponym(&strict, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("AM.txt:14:"),
        "{}",
        text(&o.stderr)
    );
    // no input at all, or a missing file: usage errors naming the file
    let o = toponym(&["build", "-o", image.to_str().unwrap()], &[]);
    assert_eq!(o.status.code(), Some(2));
    let o = toponym(
        &[
            "build",
            "--geonames",
            "/no/such/file.txt",
            "-o",
            image.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("/no/such/file.txt"),
        "{}",
        text(&o.stderr)
    );
}

/// The little-endian u32 at `at`.
fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

/// Writes the CRC-32 of the bytes after the header into the header, as the
/// image writer does (so that a test can damage an image's structure
/// without the checksum catching it first).
fn reseal(img: &mut [u8]) {
    let crc = crc32(&img[24..]);
    img[16..20].copy_from_slice(&crc.to_le_bytes());
}

/// CRC-32 (IEEE), bit by bit: the reference the image's checksum follows.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn damaged_images_are_errors_with_status_2_naming_the_file() {
    let dir = scratch("damaged");
    let (image, out) = build_fixture(&dir, false, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let good = std::fs::read(&image).unwrap();
    assert_eq!(
        crc32(&good[24..]),
        u32_at(&good, 16),
        "the writer's checksum is CRC-32"
    );
    let mut older = good.clone();
    older[8..12].copy_from_slice(&(u32_at(&good, 8) - 1).to_le_bytes());
    let mut flipped = good.clone();
    let mid = good.len() / 2;
    flipped[mid] ^= 0x10;
    let mut bad_offset = good.clone();
    // the first posting of the first key points past the names
    let keys_at = u32_at(&good, 24 + 6 * 8) as usize;
    let postings_at = u32_at(&good, 24 + 7 * 8) as usize;
    let first = u32_at(&good, keys_at + 4) as usize;
    bad_offset[postings_at + first * 4..postings_at + first * 4 + 4]
        .copy_from_slice(&u32::MAX.to_le_bytes());
    reseal(&mut bad_offset);
    let cases: [(&str, Vec<u8>, &str); 6] = [
        ("empty", Vec::new(), "not a toponym gazetteer image"),
        ("truncated", good[..good.len() / 3].to_vec(), "truncated"),
        ("older", older, "format version"),
        ("flipped", flipped, "checksum"),
        ("bad-offset", bad_offset, "posting"),
        (
            "foreign",
            b"id\tname\n1\tGoris\n".to_vec(),
            "not a toponym gazetteer image",
        ),
    ];
    for (name, bytes, why) in cases {
        let path = dir.join(format!("{name}.toponym"));
        std::fs::write(&path, &bytes).unwrap();
        let o = toponym(
            &["--gazetteer", path.to_str().unwrap(), "resolve", "Goris"],
            &[],
        );
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = text(&o.stderr);
        assert!(
            err.contains(path.to_str().unwrap()) && err.contains(why),
            "{name}: {err}"
        );
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(toponym::Gazetteer::from_bytes(&bytes).is_err(), "{name}");
    }
    for (path, why) in [
        ("/no/such/image", "No such file"),
        (dir.to_str().unwrap(), "directory"),
    ] {
        let o = toponym(&["--gazetteer", path, "stats"], &[]);
        assert_eq!(o.status.code(), Some(2));
        assert!(text(&o.stderr).contains(why), "{}", text(&o.stderr));
    }
}

#[test]
fn an_image_in_memory_reads_like_the_embedded_one() {
    let embedded = toponym::Gazetteer::embedded();
    let dir = scratch("in-memory");
    let (image, out) = build_fixture(&dir, false, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = std::fs::read(&image).unwrap();
    let gaz = toponym::Gazetteer::from_bytes(&bytes).expect("a good image");
    let opened = toponym::Image::open(&image).expect("a good image file");
    for g in [gaz, opened.gazetteer()] {
        assert_eq!(g.resolve("Leninakan").unwrap().place().id(), "gn:616635");
        assert_eq!(
            g.resolve("Gyumri").unwrap().place().name_in("hy"),
            "Գյումրի"
        );
        // the tagger's memo belongs to one image at a time
        let text = "Rallies in Gyumri and Goris; a convoy left Stepanakert.";
        let ids = |g: toponym::Gazetteer<'_>| -> Vec<String> {
            g.tag(text)
                .iter()
                .map(|m| m.place().id().to_string())
                .collect()
        };
        assert_eq!(ids(g), ["gn:616635", "gn:174895", "gn:146970"]);
        assert_eq!(ids(embedded), ["gn:616635", "gn:174895", "gn:146970"]);
        assert!(g.len() < embedded.len() / 10);
        assert!(ids(g).iter().all(|id| g.get(id).is_some()));
    }
}

#[test]
fn images_damaged_behind_a_good_checksum_are_errors_or_read_safely() {
    // A writer with a bug (or a hostile file) can produce an image whose
    // checksum is right: the checks of every offset must catch what a
    // lookup would follow, and anything they let through must be read
    // without a panic.
    let dir = scratch("mutations");
    let (image, out) = build_fixture(&dir, false, &["--no-overlay"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let good = std::fs::read(&image).unwrap();
    let table_end = 24 + 18 * 8; // header and section table
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut rejected, mut accepted) = (0, 0);
    for round in 0..200 {
        let mut img = good.clone();
        for _ in 0..1 + round % 4 {
            // half the damage in the header and section table, half anywhere
            let at = if next() % 2 == 0 {
                8 + next() as usize % (table_end - 8)
            } else {
                table_end + next() as usize % (img.len() - table_end)
            };
            img[at] = next() as u8;
        }
        reseal(&mut img);
        match toponym::Gazetteer::from_bytes(&img) {
            Err(e) => {
                assert!(!e.to_string().is_empty());
                rejected += 1;
            }
            Ok(g) => {
                accepted += 1;
                for q in [
                    "Gyumri",
                    "Leninakan",
                    "Gumri",
                    "Jerevan",
                    "Syunik",
                    "Mount Aragats",
                    "x",
                ] {
                    let _ = g.resolve(q);
                    let _ = g.candidates(q);
                }
                let _ = g.tag("Rallies in Gyumri, Goris and Yerevan; Mt. Aragats.");
                for p in g.places() {
                    let _ = (p.name(), p.parent(), p.coordinates(), p.names().count());
                }
            }
        }
    }
    eprintln!("{rejected} damaged images rejected, {accepted} accepted and read");
    assert!(rejected > 50, "most damage is caught: {rejected} of 200");
    assert!(accepted > 0, "and some damage reads as another image");
}

#[test]
fn tables_in_the_projects_format_build_and_bad_rows_name_file_and_line() {
    let dir = scratch("tables");
    let places = dir.join("places.tsv");
    let names = dir.join("names.tsv");
    std::fs::write(
        &places,
        "id\tkind\tname\tcountry\tparent\tlat\tlon\tpopulation\tgeonames_id\n\
         tp:test-land\tcountry\tTestland\tZZ\t\t10\t20\t1000\t\n\
         tp:test-town\ttown\tTesttown\tZZ\ttp:test-land\t10.5\t20.5\t500\t\n",
    )
    .unwrap();
    std::fs::write(
        &names,
        "id\tlang\tflags\tperiod\tname\n\
         tp:test-town\tru\t\t\tТесттаун\n\
         tp:test-town\ten\thistoric\t1900-1950\tOld Testtown\n",
    )
    .unwrap();
    let image = dir.join("tables.toponym");
    let (p, n, i) = (
        places.to_str().unwrap(),
        names.to_str().unwrap(),
        image.to_str().unwrap(),
    );
    let build = || {
        toponym(
            &[
                "build",
                "--no-overlay",
                "--places",
                p,
                "--names",
                n,
                "-o",
                i,
            ],
            &[],
        )
    };
    let o = build();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = toponym(&["--gazetteer", i, "show", "Тесттаун"], &[]);
    let shown = text(&o.stdout);
    assert!(
        shown.starts_with("Testtown (town, ZZ) tp:test-town"),
        "{shown}"
    );
    assert!(
        shown.contains("within       Testland tp:test-land"),
        "{shown}"
    );
    assert!(
        shown.contains("Old Testtown  (historic, 1900-1950)"),
        "{shown}"
    );
    // a bad row of a table fails the build, naming file and line
    std::fs::write(
        &names,
        "id\tlang\tflags\tperiod\tname\ntp:test-town\tru\tsometimes\t\tТесттаун\n",
    )
    .unwrap();
    let o = build();
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains(&format!("{n}:2: unknown flag `sometimes`")),
        "{err}"
    );
}
