"""The Python API of toponym, as a user calls it: results, offsets, pickling, None, errors."""

import json
import os
import pickle
import random
import shutil
import subprocess

import pytest

import toponym


def test_resolve_any_spelling_to_one_id():
    for name in ["Stepanakert", "Степанакерт", "Ստեփանակերտ", "Khankandi", "Xankəndi"]:
        m = toponym.resolve(name)
        assert m is not None and m.id == "gn:146970", name
    m = toponym.resolve("Khankandi")
    assert (m.kind, m.country, m.method, m.score) == ("city", "AZ", "exact", 1.0)
    assert m.lat is not None and 39 < m.lat < 41 and 46 < m.lon < 47
    assert toponym.resolve("Stepanakret").method == "fuzzy"
    assert toponym.resolve("Qwxzvq") is None
    assert toponym.resolve("Stepanakret", exact=True) is None


def test_options():
    assert toponym.resolve("Martuni", country="AM").country == "AM"
    assert toponym.resolve("Martuni", country=["AZ"], kind="town").country == "AZ"
    assert toponym.resolve("Gyumri", at="1985").name == "Leninakan"
    assert toponym.resolve("Khankendi", lang="hy").name == "Ստեփանակերտ"
    assert toponym.resolve("Stepanakret", min_score=0.95) is None
    hits = toponym.search("Aghdamm", limit=3)
    assert 0 < len(hits) <= 3 and hits[0].id == "gn:148619"
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:]))
    assert {m.country for m in toponym.candidates("Martuni")} >= {"AM", "AZ"}


def test_bad_options_are_python_errors():
    with pytest.raises(ValueError, match="country"):
        toponym.resolve("Martuni", country="ARM")
    with pytest.raises(ValueError):
        toponym.resolve("Martuni", kind="planet")
    with pytest.raises(ValueError, match="date"):
        toponym.resolve("Gyumri", at="1985-13")
    with pytest.raises(ValueError, match="score"):
        toponym.resolve("Gyumri", min_score=float("nan"))
    with pytest.raises(ValueError):
        toponym.search("Gyumri", limit=0)
    with pytest.raises(ValueError, match="annotate"):
        toponym.normalize("Gyumri", to="xml")
    with pytest.raises(KeyError):
        toponym.Place("gn:0")
    with pytest.raises(TypeError):
        toponym.resolve(42)


def test_many_keep_order_and_none():
    names = ["Yerevan", None, "Qwxzvq", "Baku"]
    got = toponym.resolve_many(names)
    assert [m.id if m else None for m in got] == ["gn:616052", None, None, "gn:587084"]
    assert toponym.resolve_many(iter(["Tbilisi"]))[0].id == "gn:611717"
    texts = ["Flights to Yerevan.", None, ""]
    tagged = toponym.tag_many(texts)
    assert [len(t) for t in tagged] == [1, 0, 0]


def test_mention_offsets_are_string_indices():
    text = "Ծաղկաձոր — ski trip. Then Ağdam, Füzulidə, and «Stepanakert» 🙂 Baku."
    ms = toponym.tag(text)
    assert [m.text for m in ms] == ["Ծաղկաձոր", "Ağdam", "Füzulidə", "Stepanakert", "Baku"]
    raw = text.encode("utf-8")
    for m in ms:
        assert text[m.start:m.end] == m.text
        assert raw[m.byte_start:m.byte_end].decode("utf-8") == m.text
    assert ms[2].method == "inflected"


def test_places():
    p = toponym.get("gn:147625")
    assert p.name == "Lachin" and p.kind == "town" and p.country == "AZ"
    assert any(n["name"] == "Berdzor" for n in p.names)
    assert p.parent is not None and p.parent.id
    assert p.name_in("hy") == "Լաչին" or p.name_in("hy")
    d = p.to_dict()
    assert d["id"] == "gn:147625" and isinstance(d["names"], list)
    assert toponym.get("gn:0") is None
    akna = [n for n in toponym.get("gn:148619").names if n["name"] == "Akna"][0]
    assert "historic" in akna["flags"] and (akna["from"], akna["until"]) == ("2010", "2020")
    assert toponym.get("gn:616635").name_in("en", at="1985") == "Leninakan"


def test_everything_pickles():
    m = toponym.resolve("Gyumri")
    assert pickle.loads(pickle.dumps(m)) == m
    ms = toponym.tag("Convoys reached Shusha and Lachin.")
    assert pickle.loads(pickle.dumps(ms)) == ms
    p = toponym.get("gn:146970")
    q = pickle.loads(pickle.dumps(p))
    assert q == p and hash(q) == hash(p) and q.name == p.name


def test_normalize_keeps_every_other_character():
    text = "Aid reached Khankandi (and Ağdam) — 12 km."
    assert toponym.normalize(text, to="id") == "Aid reached gn:146970 (and gn:148619) — 12 km."
    assert toponym.normalize(text, to="annotate").startswith("Aid reached Khankandi [gn:146970]")
    assert toponym.normalize(text, lang="ru") == "Aid reached Степанакерт (and Агдам) — 12 km."
    assert toponym.normalize("Flights to Gyumri.", at="1970") == "Flights to Leninakan."


def test_no_crash_on_any_string():
    rng = random.Random(7)
    alphabet = "aZ ,.'’-\u0301Ա Жاב😀\u200d\t\n0" + "".join(chr(c) for c in range(0x20, 0x250, 7))
    for _ in range(300):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
        toponym.resolve(s)
        for m in toponym.tag(s):
            assert s[m.start:m.end] == m.text
        assert isinstance(toponym.normalize(s), str)
    with pytest.raises(UnicodeEncodeError):
        toponym.tag("lone \ud800 surrogate")
    long = "Stepanakert " * 5000
    assert len(toponym.tag(long)) == 5000


def _cli():
    """The CLI of the same source tree, when built (for the differential test)."""
    for path in [os.environ.get("TOPONYM_BIN", ""),
                 os.path.join(os.path.dirname(__file__), "../../../target/release/toponym"),
                 os.path.join(os.path.dirname(__file__), "../../../target/debug/toponym")]:
        if path and os.path.isfile(path):
            return path
    return shutil.which("toponym")


def test_same_answers_as_the_cli():
    cli = _cli()
    if cli is None:
        pytest.skip("no toponym binary built (set TOPONYM_BIN)")
    names = ["Khankandi", "Martuni", "Gyumri", "Paris", "Stepanakret", "Berdzor", "Tiflis",
             "Нагорный Карабах", "Qwxzvq", "Canadian", "Füzulidə", "Washington"]
    out = subprocess.run([cli, "resolve", "--format", "jsonl", *names], capture_output=True,
                         text=True, check=False).stdout.splitlines()
    for name, line in zip(names, out):
        want = json.loads(line)["match"]
        got = toponym.resolve(name)
        assert (got.id if got else None) == (want["id"] if want else None), name
        if got:
            assert (got.name, got.method, got.score) == (want["name"], want["method"],
                                                           want["score"]), name
    text = "Talks in Tbilisi: Georgia and Armenia agreed. Flights to Gyumri resumed from Baku."
    cli_tag = subprocess.run([cli, "tag"], input=text, capture_output=True, text=True,
                             check=False).stdout.splitlines()
    want = [(json.loads(l)["start"], json.loads(l)["id"]) for l in cli_tag]
    got = [(m.byte_start, m.id) for m in toponym.tag(text)]
    assert got == want


def test_pandas_recipe():
    pd = pytest.importorskip("pandas")
    s = pd.Series(["Yerevan", None, "Khankandi"])
    ids = [m.id if m else None for m in toponym.resolve_many(s)]
    assert ids == ["gn:616052", None, "gn:146970"]
    df = pd.DataFrame({"text": ["Flights to Baku.", "Nothing here."]})
    df["places"] = [[m.id for m in ms] for ms in toponym.tag_many(df["text"])]
    assert df["places"].tolist() == [["gn:587084"], []]


def test_polars_recipe():
    pl = pytest.importorskip("polars")
    df = pl.DataFrame({"name": ["Yerevan", None, "Khankandi"]})
    out = df.with_columns(
        pl.col("name").map_batches(
            lambda s: pl.Series([m.id if m else None for m in toponym.resolve_many(s.to_list())],
                                dtype=pl.String),
            return_dtype=pl.String,
        ).alias("place_id"))
    assert out["place_id"].to_list() == ["gn:616052", None, "gn:146970"]


def test_a_gazetteer_from_an_image_file(tmp_path):
    """`Gazetteer(path)` answers from an image built by `toponym build`, and its results find
    their places there; a missing or damaged file is an OSError naming it."""
    cli = _cli()
    if cli is None:
        pytest.skip("no toponym binary built (set TOPONYM_BIN)")
    fixture = os.path.join(os.path.dirname(__file__), "../../../tests/data/geonames")
    image = str(tmp_path / "small.toponym")
    subprocess.run([cli, "build", "--geonames", os.path.join(fixture, "AM.txt"),
                    "--alternate-names", os.path.join(fixture, "alternateNamesV2.txt"),
                    "--no-overlay", "--output", image], check=True, capture_output=True)
    g = toponym.Gazetteer(image)
    assert g.path == image and 0 < len(g) < 1000
    some = g.get(g.candidates("Yerevan")[0].id) if g.candidates("Yerevan") else None
    m = g.resolve("Yerevan")
    assert m is not None and m.image == image and m.place.image == image
    assert some == m.place and m.place.name == g.get(m.id).name
    assert pickle.loads(pickle.dumps(m.place)) == m.place
    assert pickle.loads(pickle.dumps(g)).path == image
    assert [x.id for x in g.tag("Flights to Yerevan.")] == [m.id]
    assert toponym.Gazetteer().path is None and len(toponym.Gazetteer()) > 100_000
    with pytest.raises(OSError, match="nowhere"):
        toponym.Gazetteer(str(tmp_path / "nowhere.toponym"))
    bad = tmp_path / "bad.toponym"
    bad.write_bytes(b"not an image")
    with pytest.raises(OSError, match="bad.toponym"):
        toponym.Gazetteer(str(bad))
