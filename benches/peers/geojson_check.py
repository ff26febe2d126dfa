"""Validates toponym's GeoJSON output with real GeoJSON consumers: the `geojson` package's
validator and shapely's geometry constructor (both pinned in requirements.txt).

    $VENV/bin/python benches/peers/geojson_check.py [--toponym PATH]

Checks `toponym export --format geojson` (every place of the embedded gazetteer),
`toponym tag --format geojson` (the GeoWebNews texts when ../shared/bench/gwn/GWN.xml is
there, else a few sentences) and `toponym resolve --format geojson`: each output is one valid
FeatureCollection whose features are valid Point features with longitude in [-180, 180] and
latitude in [-90, 90], each place exported exactly once. Writes out/geojson_check.md; exit
status 1 when a check fails.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections import Counter

import geojson
from shapely.geometry import shape

from _common import OUT, REPO, add_toponym_arg, die, toponym_binary

SENTENCES = (
    "Shelling was reported near Stepanakert and on the Agdam-Khankandi road, Azerbaijan's "
    "defence ministry said.\nTalks in Tbilisi: Georgia and Armenia agreed.\n"
    "В Капане прошла акция протеста. Колонна выехала из Мартакерта.\n"
)


def run(toponym, args, stdin=b""):
    p = subprocess.run([str(toponym), *args], input=stdin, capture_output=True)
    if p.returncode != 0:
        die(f"toponym {' '.join(args)} exited {p.returncode}: {p.stderr.decode()[:500]}")
    return p.stdout.decode("utf-8")


def check(name, text, problems):
    """Parses `text` as GeoJSON and checks every feature; returns the features."""
    obj = geojson.loads(text)
    if not isinstance(obj, geojson.FeatureCollection):
        problems.append(f"{name}: not a FeatureCollection")
        return []
    if not obj.is_valid:
        problems.append(f"{name}: invalid: {obj.errors()}")
    for i, f in enumerate(obj["features"]):
        if not isinstance(f, geojson.Feature) or not f.is_valid:
            problems.append(f"{name}: feature {i} invalid")
            continue
        geom = shape(f["geometry"])
        if geom.geom_type != "Point" or not geom.is_valid:
            problems.append(f"{name}: feature {i} is a {geom.geom_type}")
        elif not (-180 <= geom.x <= 180 and -90 <= geom.y <= 90):
            problems.append(f"{name}: feature {i} at {geom.x},{geom.y}")
    return obj["features"]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_toponym_arg(ap)
    ap.add_argument("--gwn", default=None, help="GWN.xml (default ../shared/bench/gwn/GWN.xml)")
    args = ap.parse_args(argv)
    toponym = toponym_binary(args.toponym)
    problems = []
    rows = []

    features = check("export", run(toponym, ["export", "--format", "geojson"]), problems)
    ids = Counter(f["properties"]["id"] for f in features)
    dup = [i for i, n in ids.items() if n > 1]
    if dup:
        problems.append(f"export: ids exported twice: {dup[:5]}")
    sources = Counter(f["properties"]["coords"] for f in features)
    rows.append(("export --format geojson", len(features),
                 ", ".join(f"{k} {v:,}" for k, v in sorted(sources.items()))))

    text = SENTENCES.encode("utf-8")
    gwn = args.gwn or str(REPO.parent / "shared" / "bench" / "gwn" / "GWN.xml")
    try:
        import tag_gwn
        from pathlib import Path
        arts, _ = tag_gwn.read_gwn(Path(gwn))
        text = "\n".join(a["text"] for a in arts).encode("utf-8")
        what = f"tag --format geojson (GeoWebNews, {len(arts)} articles)"
    except (OSError, SystemExit, ImportError):
        what = "tag --format geojson (three sentences)"
    features = check("tag", run(toponym, ["tag", "--format", "geojson"], text), problems)
    rows.append((what, len(features), ""))

    names = b"Stepanakert\nLeninakan\nSyunik\nSouth Caucasus\nnosuchplacexyz\n"
    features = check("resolve", run(toponym, ["resolve", "--format", "geojson"], names), problems)
    if len(features) != 4:
        problems.append(f"resolve: {len(features)} features for 4 names that match")
    rows.append(("resolve --format geojson (5 names, 4 match)", len(features), ""))

    lines = ["# GeoJSON output, checked with geojson " + geojson.__version__ + " and shapely", "",
             "| output | features | coordinates from |", "|---|---:|---|"]
    lines += [f"| `{w}` | {n:,} | {s} |" for w, n, s in rows]
    lines += ["", "problems: " + ("; ".join(problems[:20]) if problems else "none")]
    OUT.mkdir(exist_ok=True)
    (OUT / "geojson_check.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
