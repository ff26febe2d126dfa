"""Helpers shared by the benchmark scripts in benches/peers/ (not part of `cargo test`)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
OUT = HERE / "out"
DEFAULT_TOPONYM = REPO / "target" / "release" / "toponym"


def die(msg: str) -> None:
    print(f"error: {msg}", file=sys.stderr)
    sys.exit(2)


def toponym_binary(path: str | None) -> Path:
    """The toponym binary: `path` if given (relative to the current directory), else the
    release build of this checkout. Exits with a clear message when it is missing."""
    p = Path(path) if path else DEFAULT_TOPONYM
    if not p.is_file() or not os.access(p, os.X_OK):
        die(f"toponym binary not found at {p}: run `cargo build --release` first "
            f"(in {REPO}), or pass --toponym PATH")
    return p


def add_toponym_arg(ap) -> None:
    ap.add_argument("--toponym", metavar="PATH",
                    help=f"toponym binary (default: {DEFAULT_TOPONYM.relative_to(REPO)} in the repo)")


def add_resolve_args(ap) -> None:
    ap.add_argument("--exact", action="store_true",
                    help="pass --exact to toponym (exact/normalised only: the no-fuzzy baseline)")
    ap.add_argument("--min-score", metavar="S", default=None,
                    help="pass --min-score S to `toponym resolve` (not passed by default; "
                         "refused if this build has no such option)")


def resolve_extra(toponym: Path, args) -> list[str]:
    """Extra `toponym resolve` options from the command line (--min-score, --exact)."""
    extra = []
    if getattr(args, "exact", False):
        extra.append("--exact")
    if args.min_score is not None:
        help_text = subprocess.run([str(toponym), "resolve", "--help"], capture_output=True,
                                   encoding="utf-8").stdout
        if "--min-score" not in help_text:
            die(f"{toponym} has no `resolve --min-score` yet: drop --min-score")
        extra += ["--min-score", str(args.min_score)]
    return extra


@dataclass
class Place:
    id: str
    kind: str
    country: str
    population: int
    geonames_id: str
    names: list[tuple[str, str, str]] = field(default_factory=list)  # (name, lang, flags)


@dataclass
class Export:
    places: dict[str, Place]
    rows: list[dict]
    ids_by_name: dict[str, set[str]]

    @property
    def ids(self) -> set[str]:
        return set(self.places)


def read_export(toponym: Path | None = None, tsv: str | None = None) -> Export:
    """Reads `toponym export --format tsv` (from the binary, or from a saved file)."""
    if tsv:
        text = Path(tsv).read_text(encoding="utf-8")
    else:
        assert toponym is not None
        text = subprocess.run([str(toponym), "export", "--format", "tsv"], check=True,
                              capture_output=True, encoding="utf-8").stdout
    lines = text.splitlines()
    header = lines[0].split("\t")
    want = ["id", "name", "lang", "flags", "period", "kind", "country", "population", "geonames_id"]
    if header[:len(want)] != want:
        die(f"unexpected export header {header}")
    places: dict[str, Place] = {}
    rows = []
    ids_by_name: dict[str, set[str]] = defaultdict(set)
    for line in lines[1:]:
        r = dict(zip(header, line.split("\t")))
        rows.append(r)
        p = places.get(r["id"])
        if p is None:
            pop = r["population"]
            p = places[r["id"]] = Place(r["id"], r["kind"], r["country"],
                                        int(pop) if pop.isdigit() else 0, r["geonames_id"])
        p.names.append((r["name"], r["lang"], r["flags"]))
        ids_by_name[r["name"]].add(r["id"])
    return Export(places, rows, dict(ids_by_name))


def resolve_batch(toponym: Path, queries: list[str], limit: int = 9,
                  extra: list[str] | None = None) -> tuple[list[dict], float]:
    """Resolves all `queries` in one `toponym resolve --format jsonl` run through stdin.
    Returns the parsed objects (one per query, in order) and the wall time in seconds,
    process start-up included."""
    for q in queries:
        if "\n" in q or "\r" in q:
            die(f"query contains a line break: {q!r}")
    cmd = [str(toponym), "resolve", "--format", "jsonl", "--limit", str(limit)] + (extra or [])
    data = "".join(q + "\n" for q in queries).encode("utf-8")
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, input=data, capture_output=True)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        die(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode(errors='replace')}")
    out = [json.loads(l) for l in proc.stdout.decode("utf-8").splitlines()]
    if len(out) != len(queries):
        die(f"toponym returned {len(out)} lines for {len(queries)} queries")
    for q, o in zip(queries, out):
        if o["query"] != q:
            die(f"toponym answered {o['query']!r} for query {q!r}")
    return out, wall


def resolve_latencies(toponym: Path, queries: list[str], limit: int = 9,
                      extra: list[str] | None = None) -> tuple[list[dict], list[float]]:
    """Per-query latency of one long-running `toponym resolve` process: each query is
    written to its stdin and timed until its answer line arrives. stdout is a pseudo-
    terminal so that the CLI flushes every line (it buffers when stdout is a pipe); the
    figure therefore includes a pipe write and a pty read, a few µs. Start-up excluded."""
    import pty
    import select
    import tty

    cmd = [str(toponym), "resolve", "--format", "jsonl", "--limit", str(limit)] + (extra or [])
    master, slave = pty.openpty()
    tty.setraw(slave)  # no \n -> \r\n translation, no echo
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=slave, stderr=subprocess.DEVNULL)
    os.close(slave)
    answers, lat = [], []
    buf = b""
    try:
        for q in queries:
            t0 = time.perf_counter()
            proc.stdin.write(q.encode("utf-8") + b"\n")
            proc.stdin.flush()
            while b"\n" not in buf:
                r, _, _ = select.select([master], [], [], 30)
                if not r:
                    die(f"toponym did not answer {q!r} within 30 s")
                chunk = os.read(master, 1 << 16)
                if not chunk:
                    die("toponym closed its output early")
                buf += chunk
            lat.append(time.perf_counter() - t0)
            line, buf = buf.split(b"\n", 1)
            answers.append(json.loads(line.decode("utf-8")))
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
        os.close(master)
    return answers, lat


def top_ids(answer: dict, k: int = 10) -> list[str]:
    """Ids of the match and its alternatives, best first, at most k."""
    out = []
    if answer.get("match"):
        out.append(answer["match"]["id"])
    out.extend(a["id"] for a in answer.get("alternatives", []))
    return out[:k]


def percentile(xs: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    s = sorted(xs)
    if not s:
        return float("nan")
    k = max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))
    return s[k]


def median(xs: list[float]) -> float:
    s = sorted(xs)
    n = len(s)
    if n == 0:
        return float("nan")
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f} %" if d else "–"


def read_tsv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def toponym_version(toponym: Path) -> str:
    try:
        v = subprocess.run([str(toponym), "--version"], capture_output=True,
                           encoding="utf-8").stdout.strip()
    except OSError:
        v = "toponym ?"
    built = time.strftime("%Y-%m-%d %H:%M", time.localtime(toponym.stat().st_mtime))
    return f"{v} (binary of {built})"


def write_report(report: str, out: str) -> None:
    """Prints a Markdown report and writes it to `out`."""
    print(report)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(report, encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
