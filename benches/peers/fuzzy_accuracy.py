#!/usr/bin/env python3
"""Fuzzy-matching accuracy and speed: toponym vs RapidFuzz vs localis on mangled queries.

Reads benches/peers/out/mangled.tsv (made by mangle.py; generated with its defaults when
missing) and resolves every query with
  * toponym: one `toponym resolve --format jsonl --limit 9` batch through stdin (top-10 =
    match + 9 alternatives), timed as a whole (process start-up included), then once more
    query by query through one long-running process for per-query latency;
  * RapidFuzz: process.extractOne / process.extract(limit=10) over every distinct name of
    `toponym export` (a name shared by several places counts as correct when the expected
    place is among them), scorer WRatio with RapidFuzz's defaults, and fuzz.ratio with
    utils.default_process; on the first --rapidfuzz-sample queries (it takes ~0.1-1 s a
    query over half a million names);
  * localis: cities / countries / subdivisions .search() chosen by the kind of the expected
    place (city/town/village, country, region/district; other kinds are skipped), with
    results mapped to gn:<geonames_id>.
Prints a Markdown table and writes it to benches/peers/out/fuzzy_accuracy.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (OUT, HERE, add_resolve_args, add_toponym_arg, die,  # noqa: E402
                     median, pct, percentile, read_export, read_tsv, resolve_batch,
                     resolve_extra, resolve_latencies, toponym_binary, toponym_version,
                     top_ids, write_report)

LOCALIS_ROUTE = {"city": "cities", "town": "cities", "village": "cities",
                 "country": "countries", "region": "subdivisions", "district": "subdivisions"}


class Result:
    """Per-query outcomes of one tool on a list of query indices."""

    def __init__(self, name: str):
        self.name = name
        self.idx: list[int] = []
        self.top1: dict[int, bool] = {}
        self.top10: dict[int, bool] = {}
        self.none: dict[int, bool] = {}
        self.lat: list[float] = []  # seconds, one per query where timed
        self.note = ""

    def add(self, i: int, top1: bool, top10: bool, none: bool) -> None:
        self.idx.append(i)
        self.top1[i], self.top10[i], self.none[i] = top1, top10, none

    def acc(self, which: str, subset=None) -> tuple[int, int]:
        d = getattr(self, which)
        idx = self.idx if subset is None else [i for i in subset if i in d]
        return sum(d[i] for i in idx), len(idx)


def us(x: float) -> str:
    if x != x:  # nan
        return "–"
    v = x * 1e6
    return f"{v:,.0f}" if v >= 100 else f"{v:.1f}"


def fold(s: str) -> str:
    """Case-insensitive comparison key: NFKD, combining marks dropped, casefolded."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", s)
                   if not unicodedata.combining(ch)).casefold()


def run_toponym(args, rows, toponym, exp) -> tuple[Result, Result, dict]:
    queries = [r["query"] for r in rows]
    extra = resolve_extra(toponym, args)
    answers, wall = resolve_batch(toponym, queries, limit=9, extra=extra)
    # start-up alone: the same command with no input (median of 5)
    starts = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([str(toponym), "resolve", "--format", "jsonl"] + extra,
                       input=b"", capture_output=True, check=True)
        starts.append(time.perf_counter() - t0)
    res = Result(" ".join(["toponym"] + extra))
    # homonym-lenient: an answered place also counts when one of its export names equals the
    # query's original (unmangled) name after fold(), like the RapidFuzz leniency
    len_res = Result(" ".join(["toponym"] + extra) + " (homonym-lenient)")
    folded: dict[str, set[str]] = {}

    def has_name(pid: str, name: str) -> bool:
        if pid not in folded:
            p = exp.places.get(pid)
            folded[pid] = {fold(n) for n, _l, _f in p.names} if p else set()
        return name in folded[pid]

    methods = Counter()
    for i, (r, a) in enumerate(zip(rows, answers)):
        ids = top_ids(a, 10)
        res.add(i, bool(ids) and ids[0] == r["expected_id"], r["expected_id"] in ids, not ids)
        orig = fold(r["original"])
        ok = [x == r["expected_id"] or has_name(x, orig) for x in ids]
        len_res.add(i, bool(ok) and ok[0], any(ok), not ids)
        methods[a["match"]["method"] if a["match"] else "no match"] += 1
    answers2, lat = resolve_latencies(toponym, queries, limit=9, extra=extra)
    mismatch = sum(1 for a, b in zip(answers, answers2) if top_ids(a) != top_ids(b))
    if mismatch:
        print(f"warning: {mismatch} queries answered differently by the batch and the "
              f"per-query run", file=sys.stderr)
    res.lat = lat
    len_res.lat = lat
    info = {"wall": wall, "startup": median(starts), "methods": methods, "n": len(queries)}
    return res, len_res, info


def run_rapidfuzz(rows, exp, sample: int) -> list[Result]:
    from rapidfuzz import fuzz, process, utils
    import rapidfuzz

    names = sorted(exp.ids_by_name)
    rows = rows[:sample]
    out = []
    # WRatio with RapidFuzz's defaults (no processor: case-sensitive), as users call it.
    # ratio with default_process: choices processed once up front (the documented way to
    # avoid re-processing half a million names per query); processed names that collide
    # map to the union of their places.
    proc_ids: dict[str, set[str]] = defaultdict(set)
    for n in names:
        proc_ids[utils.default_process(n)] |= exp.ids_by_name[n]
    proc_names = sorted(proc_ids)
    configs = [
        ("RapidFuzz extractOne WRatio (defaults)", names, exp.ids_by_name, None, {}),
        ("RapidFuzz extractOne ratio + default_process", proc_names, proc_ids,
         utils.default_process, {"scorer": fuzz.ratio}),
    ]
    for label, choices, ids_of, qproc, kw in configs:
        res = Result(label)
        res.note = f"rapidfuzz {rapidfuzz.__version__}, {len(choices):,} distinct names"
        t_build = time.perf_counter()
        for i, r in enumerate(rows):
            q = qproc(r["query"]) if qproc else r["query"]
            t0 = time.perf_counter()
            best = process.extractOne(q, choices, processor=None, **kw)
            res.lat.append(time.perf_counter() - t0)
            top = process.extract(q, choices, processor=None, limit=10, **kw)
            e = r["expected_id"]
            top1 = best is not None and e in ids_of[best[0]]
            top10 = any(e in ids_of[m[0]] for m in top)
            res.add(i, top1, top10, best is None)
        print(f"  {label}: {len(rows)} queries in {time.perf_counter() - t_build:.0f} s",
              file=sys.stderr)
        out.append(res)
    return out


def run_localis(rows, exp) -> Result:
    import importlib.metadata as md
    import localis

    regs = {"cities": localis.cities, "countries": localis.countries,
            "subdivisions": localis.subdivisions}
    t0 = time.perf_counter()
    for reg in regs.values():
        reg.search("warm up", limit=1)  # loads data and the search index
    load = time.perf_counter() - t0
    res = Result("localis search (routed by expected kind)")
    res.note = f"localis {md.version('localis')}, load + index {load:.1f} s"
    for i, r in enumerate(rows):
        place = exp.places[r["expected_id"]]
        route = LOCALIS_ROUTE.get(place.kind)
        if route is None:
            continue
        expected = {r["expected_id"]}
        if place.geonames_id:
            expected.add(f"gn:{place.geonames_id}")
        t0 = time.perf_counter()
        found = regs[route].search(r["query"], limit=10)
        res.lat.append(time.perf_counter() - t0)
        ids = [f"gn:{e.geonames_id}" if getattr(e, "geonames_id", None) else f"localis:{e.id}"
               for e, _score in found]
        res.add(i, bool(ids) and ids[0] in expected, any(x in expected for x in ids), not ids)
    return res


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_toponym_arg(ap)
    add_resolve_args(ap)
    ap.add_argument("--mangled", default=str(OUT / "mangled.tsv"),
                    help="query set (default benches/peers/out/mangled.tsv; made by mangle.py when missing)")
    ap.add_argument("--queries", type=int, default=None, help="use the first N queries (default all)")
    ap.add_argument("--rapidfuzz-sample", type=int, default=300,
                    help="RapidFuzz on the first N queries (default 300; 0 skips it)")
    ap.add_argument("--skip-localis", action="store_true", help="do not run localis")
    ap.add_argument("-o", "--out", default=str(OUT / "fuzzy_accuracy.md"), help="Markdown report")
    args = ap.parse_args(argv)

    toponym = toponym_binary(args.toponym)
    mangled = Path(args.mangled)
    if not mangled.exists():
        print(f"{mangled} missing: generating it with mangle.py defaults", file=sys.stderr)
        subprocess.run([sys.executable, str(HERE / "mangle.py"), "--toponym", str(toponym),
                        "-o", str(mangled)], check=True)
    rows = read_tsv(mangled)
    if args.queries:
        rows = rows[:args.queries]
    if not rows:
        die(f"no queries in {mangled}")
    exp = read_export(toponym)
    missing = [r["expected_id"] for r in rows if r["expected_id"] not in exp.places]
    if missing:
        die(f"{len(missing)} expected ids of {mangled} are not in the export (e.g. {missing[0]}): "
            f"regenerate it with mangle.py")

    load_before = os.getloadavg()[0]
    print(f"toponym on {len(rows)} queries…", file=sys.stderr)
    top, top_len, info = run_toponym(args, rows, toponym, exp)
    results = [top, top_len]
    if args.rapidfuzz_sample:
        print(f"RapidFuzz on {min(args.rapidfuzz_sample, len(rows))} queries…", file=sys.stderr)
        results += run_rapidfuzz(rows, exp, args.rapidfuzz_sample)
    if not args.skip_localis:
        print("localis…", file=sys.stderr)
        results.append(run_localis(rows, exp))

    # ---- report
    n = len(rows)
    L = []
    L.append(f"# Fuzzy matching on mangled queries\n")
    L.append(f"{n} queries from `{mangled.name}` (one edit each; see mangle.py), "
             f"{toponym_version(toponym)}, {len(exp.places):,} places / {len(exp.rows):,} names. "
             f"top-10 = match + 9 alternatives. Peers that ran on a subset are compared with "
             f"toponym on the same subset (last column: strict; homonym-lenient).\n")
    L.append("| tool | queries | top-1 | top-10 | no answer | median µs/query | p99 µs/query "
             "| toponym top-1 / top-10 on the same queries |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---|")
    for r in results:
        t1, d = r.acc("top1")
        t10, _ = r.acc("top10")
        nn, _ = r.acc("none")
        same = ""
        if r is not top and r is not top_len:
            a, b = top.acc("top1", r.idx)
            c, _ = top.acc("top10", r.idx)
            a2, _ = top_len.acc("top1", r.idx)
            c2, _ = top_len.acc("top10", r.idx)
            same = f"{pct(a, b)} / {pct(c, b)}; {pct(a2, b)} / {pct(c2, b)}"
        L.append(f"| {r.name} | {d} | {pct(t1, d)} | {pct(t10, d)} | {nn} | "
                 f"{us(median(r.lat))} | {us(percentile(r.lat, 99))} | {same} |")
    per_batch = info["wall"] / n
    L.append("")
    L.append(f"- toponym, whole batch: {info['wall'] * 1e3:.0f} ms wall for {n} queries = "
             f"**{us(per_batch)} µs/query including process start-up** "
             f"({n / info['wall']:,.0f} queries/s); start-up alone (empty input) "
             f"{info['startup'] * 1e3:.0f} ms. Median/p99 above: one long-running process, each "
             f"query timed from stdin write to answer line (pty), start-up excluded; that round "
             f"trip between two processes costs tens to ~100 µs by itself, so for cheap queries "
             f"the median is an upper bound and the batch figure is closer to the lookup cost.")
    L.append("- toponym answers by method: " + ", ".join(
        f"{k} {v}" for k, v in info["methods"].most_common()) +
        " (queries resolved exactly/normalised are variant spellings the gazetteer holds as keys, "
        "e.g. transliteration swaps).")
    L.append(f"- `{top.name}` is strict (the answered id must be the expected id); "
             f"`{top_len.name}` also counts an answered place when one of its export names "
             f"equals the query's original (unmangled) name, compared case-insensitively after "
             f"NFKD with combining marks dropped: a homonym of the expected place, as the "
             f"RapidFuzz leniency below allows. Same run, same timings.")
    rfw = next((r for r in results if r.name.startswith("RapidFuzz extractOne WRatio")), None)
    if rfw and rfw.lat:
        ratio = median(rfw.lat) / median(top.lat)
        L.append(f"- ratio of medians, RapidFuzz extractOne WRatio / toponym: **{ratio:,.0f}×** "
                 f"(toponym per query in a running process vs one in-process RapidFuzz call); "
                 f"vs toponym's batch figure with start-up: "
                 f"{median(rfw.lat) / per_batch:,.0f}×.")
    L.append(f"- machine: {os.cpu_count()} cores, 1-min load average {load_before:.1f} before the "
             f"run, {os.getloadavg()[0]:.1f} after; per-query figures are wall-clock and shift "
             f"with other work on the machine (a cargo build alongside doubles them).")
    for r in results:
        if r.note:
            L.append(f"- {r.name}: {r.note}.")
    if rfw:
        L.append("- RapidFuzz choices are the distinct export names; a name shared by several "
                 "places counts as correct when the expected place is among them (lenient to "
                 "RapidFuzz); its top-10 is 10 distinct names, so possibly more than 10 places.")
    if not args.skip_localis:
        L.append("- localis is routed by the gold kind of the expected place (cities for "
                 "city/town/village, countries, subdivisions for region/district; other kinds "
                 "skipped): an oracle hint the other tools do not get.")

    # per edit type
    edits = sorted({r["edit"].split(":")[0] for r in rows})
    L.append("\n## By edit type (top-1 / top-10, n)\n")
    L.append("| edit | " + " | ".join(r.name for r in results) + " |")
    L.append("|---|" + "---:|" * len(results))
    for e in edits:
        sub = [i for i, r in enumerate(rows) if r["edit"].split(":")[0] == e]
        cells = []
        for r in results:
            a, b = r.acc("top1", sub)
            c, _ = r.acc("top10", sub)
            cells.append(f"{pct(a, b)} / {pct(c, b)} ({b})" if b else "–")
        L.append(f"| {e} | " + " | ".join(cells) + " |")
    sub = list(range(n))
    nm = [i for i in sub if top.none[i]]
    L.append(f"\ntoponym gave no match for {len(nm)} of {n} queries.")
    by_edit_none = Counter(rows[i]["edit"].split(":")[0] for i in nm)
    L.append("No match by edit: " + ", ".join(f"{k} {v}" for k, v in by_edit_none.most_common()) + ".")
    report = "\n".join(L) + "\n"
    write_report(report, args.out)


if __name__ == "__main__":
    main()
