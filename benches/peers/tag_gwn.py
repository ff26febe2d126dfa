#!/usr/bin/env python3
"""GeoWebNews (GWN) tagging accuracy: toponym's free-text tagger against the gold toponyms.

Reads GWN.xml from the shared folder at run time (GPL-3.0 data: never copied into the repo),
sends every article as one JSONL line `{"article": n, "text": ...}` through
`toponym tag --input jsonl --field text` (stdin), converts the byte offsets of the returned
`places` to code points (GWN's offsets are code points) and scores the predicted spans against
the gold toponyms: precision, recall and F1, one-to-one. A prediction matches a gold toponym
when the spans overlap and, where the gold carries a GeoNames id, the predicted `id` is
`gn:<that id>` (or the predicted place's `geonames_id` is that id); the span-only variant
ignores ids. Recall is broken down by GWN toponym type. flashgeotext (PyPI, pinned; its
default demo data, case-sensitive) tags the same texts and is scored span-only, since it gives
no GeoNames ids. Writes benches/peers/out/tag_gwn.md.

Gold toponyms are the GWN types Literal, Mixed, Metonymic, Literal_Modifier,
Non_Literal_Modifier, Coercion, Embedded_Literal and Embedded_Non_Lit (6,612 annotations minus
expressions such as "the city", Non_Toponym, Demonym, Homonym and Language); this is the
toponym set of Gritta et al. (2019), and the 2,401 gold toponyms with a GeoNames id are all in it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (OUT, REPO, add_toponym_arg, die, pct, toponym_binary,  # noqa: E402
                     toponym_version, write_report)

DEFAULT_GWN = REPO.parent / "shared" / "bench" / "gwn" / "GWN.xml"
TOPONYM_TYPES = ("Literal", "Mixed", "Metonymic", "Literal_Modifier", "Non_Literal_Modifier",
                 "Coercion", "Embedded_Literal", "Embedded_Non_Lit")
PLACE_KEYS = ("start", "end", "text", "id", "geonames_id", "name", "kind", "country", "score")


# ---------------------------------------------------------------------------------------------
# gold

def read_gwn(path: Path) -> tuple[list[dict], int]:
    """Articles `{"article", "text", "gold", "other"}`: `gold` the toponyms (TOPONYM_TYPES),
    `other` the remaining annotations (for the false-positive breakdown). Each annotation is
    `{"start", "end", "name", "gn", "type"}` in code points. A few GWN offsets do not cover
    their `extractedName`; those are moved to the nearest occurrence of the name (within 300
    characters) or dropped. Returns the articles and the number of dropped annotations."""
    if not path.is_file():
        die(f"GWN.xml not found at {path}: pass --gwn PATH")
    root = ET.parse(path).getroot()
    arts, dropped = [], 0
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        gold, other = [], []
        for t in art.iter("toponym"):
            name = t.findtext("extractedName") or ""
            s, e = int(t.findtext("start")), int(t.findtext("end"))
            if text[s:e] != name:
                hits = [i for i in _find_all(text, name) if abs(i - s) <= 300]
                if not name or not hits:
                    dropped += 1
                    continue
                s = min(hits, key=lambda i: abs(i - s))
                e = s + len(name)
            gid = (t.findtext("geonamesID") or "").strip()
            typ = (t.findtext("type") or "").strip() or "?"
            a = {"start": s, "end": e, "name": name, "gn": gid, "type": typ}
            (gold if typ in TOPONYM_TYPES else other).append(a)
        arts.append({"article": int(art.get("file")), "text": text, "gold": gold, "other": other})
    return arts, dropped


def _find_all(text: str, sub: str):
    i = text.find(sub) if sub else -1
    while i >= 0:
        yield i
        i = text.find(sub, i + 1)


# ---------------------------------------------------------------------------------------------
# toponym tag

def byte_to_cp(text: str) -> dict[int, int]:
    """Byte offset (of a character boundary, or the end) in the UTF-8 text -> code-point offset."""
    m, b = {}, 0
    for i, ch in enumerate(text):
        m[b] = i
        b += len(ch.encode("utf-8"))
    m[b] = len(text)
    return m


def run_tag(toponym: Path, arts: list[dict], extra: list[str]) -> tuple[str, float, list[str]]:
    """Runs `toponym tag --input jsonl --field text` over all articles through stdin; returns
    its stdout, the wall time (process start-up included) and the command."""
    help_text = subprocess.run([str(toponym), "tag", "--help"], capture_output=True,
                               encoding="utf-8")
    if help_text.returncode != 0:
        die(f"{toponym} has no `tag` command yet (`toponym tag --help` exited "
            f"{help_text.returncode}); rebuild with `cargo build --release`, or pass "
            f"--tag-output FILE with a saved output")
    cmd = [str(toponym), "tag", "--input", "jsonl", "--field", "text"] + extra
    data = "".join(json.dumps({"article": a["article"], "text": a["text"]}, ensure_ascii=False)
                   + "\n" for a in arts).encode("utf-8")
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, input=data, capture_output=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        die(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode(errors='replace')[:2000]}")
    return proc.stdout.decode("utf-8"), wall, cmd


def parse_tag_output(out: str, arts: list[dict]) -> tuple[dict[int, list[dict]], Counter]:
    """Parses `toponym tag` JSONL output: one object per input line carrying `article`, `text`
    and `places`. Returns article -> predictions in code points `{"start", "end", "text", "id",
    "gn", "name", "kind", "country", "score"}` and a Counter of problems (offsets that are not
    character boundaries, `text` that differs from the covered substring, missing keys)."""
    by_article = {a["article"]: a for a in arts}
    preds: dict[int, list[dict]] = {}
    problems: Counter = Counter()
    for n, line in enumerate(out.splitlines(), 1):
        if not line.strip():
            continue
        try:
            o = json.loads(line)
        except json.JSONDecodeError as e:
            die(f"tag output line {n} is not JSON: {e}: {line[:200]!r}")
        art = by_article.get(o.get("article"))
        if art is None:
            die(f"tag output line {n}: unknown article {o.get('article')!r}")
        if o.get("text") != art["text"]:
            problems["`text` field changed by the tagger"] += 1
        if "places" not in o:
            die(f"tag output line {n} has no `places` array")
        b2c = byte_to_cp(art["text"])
        ps = []
        for p in o["places"]:
            missing = [k for k in PLACE_KEYS if k not in p]
            if missing:
                problems[f"place without {', '.join(missing)}"] += 1
            s, e = b2c.get(p.get("start")), b2c.get(p.get("end"))
            if s is None or e is None or e <= s:
                problems["offset not on a character boundary (or empty span)"] += 1
                continue
            if art["text"][s:e] != p.get("text"):
                problems["`text` differs from the covered substring"] += 1
            gn = str(p.get("geonames_id") or "")
            ps.append({"start": s, "end": e, "text": art["text"][s:e], "id": p.get("id") or "",
                       "gn": gn, "name": p.get("name", ""), "kind": p.get("kind", ""),
                       "country": p.get("country", ""), "score": p.get("score")})
        if art["article"] in preds:
            die(f"tag output line {n}: article {art['article']} answered twice")
        preds[art["article"]] = sorted(ps, key=lambda p: (p["start"], p["end"]))
    missing = [a["article"] for a in arts if a["article"] not in preds]
    if missing:
        die(f"tag output has no line for {len(missing)} articles (first: {missing[:5]})")
    return preds, problems


# ---------------------------------------------------------------------------------------------
# flashgeotext

def run_flashgeotext(arts: list[dict]) -> tuple[dict[int, list[dict]], float, float, str]:
    try:
        from flashgeotext.geotext import GeoText
        from importlib.metadata import version
    except ImportError:
        die("flashgeotext is not installed: run `bash benches/peers/setup.sh` and use the venv's "
            "python, or pass --skip-flashgeotext")
    t0 = time.perf_counter()
    gt = GeoText()
    load = time.perf_counter() - t0
    preds: dict[int, list[dict]] = {}
    t0 = time.perf_counter()
    for a in arts:
        res = gt.extract(input_text=a["text"], span_info=True)
        spans = set()
        for group in res.values():           # "cities", "countries"
            for name, meta in group.items():
                for s, e in meta["span_info"]:
                    spans.add((s, e, name))
        seen, ps = set(), []
        for s, e, name in sorted(spans):
            if (s, e) in seen:
                continue
            seen.add((s, e))
            ps.append({"start": s, "end": e, "text": a["text"][s:e], "id": "", "gn": "",
                       "name": name})
        preds[a["article"]] = ps
    return preds, load, time.perf_counter() - t0, version("flashgeotext")


# ---------------------------------------------------------------------------------------------
# scoring

def id_ok(pred: dict, gold: dict) -> bool:
    if not gold["gn"]:
        return True
    return pred["id"] == f"gn:{gold['gn']}" or pred["gn"] == gold["gn"]


def score(arts: list[dict], preds: dict[int, list[dict]], use_ids: bool) -> dict:
    """One-to-one greedy matching per article: predictions in text order each take the
    unmatched overlapping gold toponym (with the right id if `use_ids`) of largest overlap."""
    tp = npred = ngold = 0
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])     # type -> [matched, gold]
    with_id = [0, 0]
    fps: list[tuple[dict, dict]] = []    # (pred, article)
    missed: list[dict] = []
    for a in arts:
        gold = a["gold"]
        used = [False] * len(gold)
        for p in preds.get(a["article"], []):
            npred += 1
            best, best_ov = None, 0
            for i, g in enumerate(gold):
                if used[i]:
                    continue
                ov = min(p["end"], g["end"]) - max(p["start"], g["start"])
                if ov > 0 and (not use_ids or id_ok(p, g)) and ov > best_ov:
                    best, best_ov = i, ov
            if best is None:
                fps.append((p, a))
            else:
                used[best] = True
                tp += 1
        for g, u in zip(gold, used):
            ngold += 1
            by_type[g["type"]][1] += 1
            by_type[g["type"]][0] += u
            if g["gn"]:
                with_id[1] += 1
                with_id[0] += u
            if not u:
                missed.append(g)
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "npred": npred, "ngold": ngold, "p": p, "r": r, "f1": f,
            "by_type": dict(by_type), "with_id": with_id, "fps": fps, "missed": missed}


def fp_kind(p: dict, a: dict) -> str:
    """What a false positive overlaps: a non-toponym GWN annotation (by type), a gold toponym
    (wrong id or already taken), or nothing annotated."""
    for g in a["gold"]:
        if min(p["end"], g["end"]) > max(p["start"], g["start"]):
            return "a gold toponym (wrong id, or the gold was already matched)"
    for o in a["other"]:
        if min(p["end"], o["end"]) > max(p["start"], o["start"]):
            return f"a GWN `{o['type']}` annotation"
    return "nothing annotated"


# ---------------------------------------------------------------------------------------------

def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_toponym_arg(ap)
    ap.add_argument("--gwn", default=None,
                    help="GWN.xml (default ../shared/bench/gwn/GWN.xml beside the repo)")
    ap.add_argument("--tag-arg", action="append", default=[], metavar="ARG",
                    help="extra argument for `toponym tag` (repeatable, e.g. --tag-arg=--min-score "
                         "--tag-arg=0.8)")
    ap.add_argument("--tag-output", metavar="FILE",
                    help="score a saved `toponym tag` JSONL output instead of running the CLI")
    ap.add_argument("--skip-flashgeotext", action="store_true", help="do not run flashgeotext")
    ap.add_argument("--errors", type=int, default=20,
                    help="list the N most frequent false positives and misses (default 20)")
    ap.add_argument("-o", "--out", default=str(OUT / "tag_gwn.md"), help="Markdown report")
    args = ap.parse_args(argv)

    gwn = Path(args.gwn) if args.gwn else DEFAULT_GWN
    arts, dropped = read_gwn(gwn)
    chars = sum(len(a["text"]) for a in arts)
    nbytes = sum(len(a["text"].encode("utf-8")) for a in arts)

    if args.tag_output:
        out = Path(args.tag_output).read_text(encoding="utf-8")
        wall, cmd_s, version = None, f"saved output {args.tag_output}", "saved output"
    else:
        toponym = toponym_binary(args.toponym)
        out, wall, cmd = run_tag(toponym, arts, args.tag_arg)
        cmd_s = " ".join(["toponym"] + cmd[1:])
        version = toponym_version(toponym)
    preds, problems = parse_tag_output(out, arts)
    systems = [("toponym", "span + id", score(arts, preds, True)),
               ("toponym", "span only", score(arts, preds, False))]
    fg = None
    if not args.skip_flashgeotext:
        fg_preds, fg_load, fg_time, fg_version = run_flashgeotext(arts)
        fg = score(arts, fg_preds, False)
        systems.append((f"flashgeotext {fg_version}", "span only (no ids)", fg))

    ngold = systems[0][2]["ngold"]
    n_with_id = systems[0][2]["with_id"][1]
    L = [f"# GeoWebNews: tagging accuracy\n",
         f"`{gwn.name}`: {len(arts)} articles, {chars:,} characters ({nbytes:,} UTF-8 bytes), "
         f"{ngold:,} gold toponyms ({n_with_id:,} with a GeoNames id; types "
         f"{', '.join(TOPONYM_TYPES)}); {dropped} annotations dropped for offsets that do not "
         f"cover their name.",
         f"toponym: `{cmd_s}`, {version}"
         + (f"; {wall:.2f} s wall for all articles, start-up included "
            f"({nbytes / wall / 1e6:.2f} MB/s)." if wall else "."),
         "A prediction matches a gold toponym when the spans overlap (one-to-one) and, where the "
         "gold has a GeoNames id, the predicted id is that id (span + id); span only ignores ids. "
         "flashgeotext returns no GeoNames ids, so it is scored on spans only.\n"]
    if fg is not None:
        L.append(f"flashgeotext: default demo data, case-sensitive; {fg_load:.2f} s to load, "
                 f"{fg_time:.2f} s to tag ({nbytes / fg_time / 1e6:.2f} MB/s).\n")
    if problems:
        L.append("**Problems in toponym's output:** "
                 + "; ".join(f"{k}: {v}" for k, v in problems.most_common()) + ".\n")

    L += ["| system | matching | predicted | matched | precision | recall | F1 | recall, gold with an id |",
          "|---|---|---:|---:|---:|---:|---:|---:|"]
    for name, mode, s in systems:
        L.append(f"| {name} | {mode} | {s['npred']:,} | {s['tp']:,} | {100 * s['p']:.1f} % | "
                 f"{100 * s['r']:.1f} % | **{100 * s['f1']:.1f} %** | "
                 f"{pct(s['with_id'][0], s['with_id'][1])} |")
    L.append("")

    # The tuning half (articles 1-100), whose errors are read to tune the tagger, and the
    # held-out half (101-200), whose errors are not: the rules are tuned on the first only.
    L += ["Tuning half (articles 1–100, whose errors are read when the tagger's rules are "
          "tuned) and held-out half (101–200, whose errors are not):\n",
          "| half | matching | predicted | matched | precision | recall | F1 |",
          "|---|---|---:|---:|---:|---:|---:|"]
    for half, part in (("tuning", arts[:100]), ("held-out", arts[100:])):
        for mode, use_ids in (("span + id", True), ("span only", False)):
            s = score(part, preds, use_ids)
            L.append(f"| {half} | {mode} | {s['npred']:,} | {s['tp']:,} | {100 * s['p']:.1f} % | "
                     f"{100 * s['r']:.1f} % | **{100 * s['f1']:.1f} %** |")
    L.append("")

    L.append("## Recall by gold toponym type\n")
    L.append("| type | gold | with an id | " + " | ".join(f"{n}, {m}" for n, m, _ in systems) + " |")
    L.append("|---|---:|---:|" + "---:|" * len(systems))
    s0 = systems[0][2]
    ids_by_type = Counter(g["type"] for a in arts for g in a["gold"] if g["gn"])
    for typ, (_, n) in sorted(s0["by_type"].items(), key=lambda kv: -kv[1][1]):
        cells = [pct(s["by_type"].get(typ, [0, 0])[0], n) for _, _, s in systems]
        L.append(f"| {typ} | {n} | {ids_by_type[typ]} | " + " | ".join(cells) + " |")
    L.append("")

    span = systems[1][2]
    L.append("## toponym's false positives (span only): what they overlap\n")
    L.append("| overlaps | count |")
    L.append("|---|---:|")
    for k, c in Counter(fp_kind(p, a) for p, a in span["fps"]).most_common():
        L.append(f"| {k} | {c} |")
    L.append("")
    L.append(f"## Most frequent false positives, span only (top {args.errors})\n")
    L.append("| text | toponym's place | count |")
    L.append("|---|---|---:|")
    fpc = Counter((p["text"], f"{p['id']} {p['name']} ({p['kind'] or '–'}, {p['country'] or '–'})")
                  for p, _ in span["fps"])
    for (t, place), c in fpc.most_common(args.errors):
        L.append(f"| {t} | {place} | {c} |")
    L.append(f"\n## Most frequent misses, span only (top {args.errors})\n")
    L.append("| gold text | type | gold id | count |")
    L.append("|---|---|---|---:|")
    for (t, typ, gid), c in Counter((g["name"], g["type"], g["gn"])
                                    for g in span["missed"]).most_common(args.errors):
        L.append(f"| {t} | {typ} | {('gn:' + gid) if gid else '–'} | {c} |")
    # gold missed with ids but matched on spans alone: found, with another place's id
    missed_span = {id(g) for g in span["missed"]}
    idm = Counter((g["name"], "gn:" + g["gn"]) for g in systems[0][2]["missed"]
                  if id(g) not in missed_span)
    L.append(f"\n## Found as a span but with another id (top {args.errors})\n")
    L.append("| gold text | gold id | count |")
    L.append("|---|---|---:|")
    for (t, gid), c in idm.most_common(args.errors):
        L.append(f"| {t} | {gid} | {c} |")
    L.append("\nGeoWebNews (Gritta et al. 2019) is GPL-3.0 and is read at run time for evaluation "
             "only. GeoNames data is CC BY 4.0.")

    report = "\n".join(L) + "\n"
    write_report(report, args.out)


if __name__ == "__main__":
    main()
