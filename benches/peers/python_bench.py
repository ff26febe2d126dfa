#!/usr/bin/env python3
"""The Python package side by side, in one run: `toponym.resolve_many` per name against the Rust
in-process figure (`examples/image_bench`), `toponym.resolve` one call at a time, RapidFuzz's
`process.extractOne` over the same names, and, in a Spark `local[2]` session, the names/s of
`toponym.spark.resolve` against a plain Python-dictionary pandas UDF doing exact lookups on the
same DataFrame, the MB/s of `toponym.spark.tag`, and the memory of the Python workers with the
image loaded (RSS, and PSS, which splits shared pages between the processes that map them).

Run with the Python of tools/test's venv (toponym, pyspark, pyarrow, pandas installed) and
RapidFuzz (`pip install rapidfuzz==3.14.6`):

    target/python-venv/bin/python benches/peers/python_bench.py

The names are the display names of 2,000 places at a fixed stride (as image_bench takes them);
the texts are the GeoWebNews corpus of tag_speed.py (`out/news.txt`). Writes
benches/peers/out/python_bench.md.
"""


import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import OUT, REPO, write_report  # noqa: E402

import toponym  # noqa: E402


def names_at_stride(cli: Path, n: int = 2000) -> list[str]:
    """Display names of `n` places at a fixed stride over the gazetteer's order."""
    out = subprocess.run([str(cli), "export", "--format", "tsv"], capture_output=True, text=True,
                         check=True).stdout.splitlines()[1:]
    ids: list[str] = []
    for line in out:
        pid = line.split("\t", 1)[0]
        if not ids or ids[-1] != pid:
            ids.append(pid)
    stride = max(1, len(ids) // n)
    return [toponym.get(i).name for i in ids[::stride][:n]]


def rust_in_process() -> dict:
    exe = REPO / "target" / "release" / "examples" / "image_bench"
    if not exe.exists():
        subprocess.run(["cargo", "build", "--release", "--example", "image_bench"], cwd=REPO,
                       check=True)
    return json.loads(subprocess.run([str(exe), "-", "/dev/null"], cwd=REPO, capture_output=True,
                                     text=True, check=True).stdout)


def median_us(f, items) -> float:
    times = []
    for x in items:
        t = time.perf_counter()
        f(x)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e6


def worker_memory() -> list[tuple[int, int]]:
    """(RSS, PSS) in KiB of each Python worker of the local Spark session."""
    out = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
            if b"pyspark.daemon" not in cmd and b"pyspark.worker" not in cmd:
                continue
            fields = dict(line.split(":", 1) for line in
                          Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:])
            out.append((int(fields["Rss"].split()[0]), int(fields["Pss"].split()[0])))
        except (OSError, KeyError, ValueError):
            continue
    return out


def main() -> int:
    cli = REPO / "target" / "release" / "toponym"
    names = names_at_stride(cli)
    rows = []

    rust = rust_in_process()
    # warm the image's pages as the Rust run did
    toponym.resolve_many(names)
    one = median_us(toponym.resolve, names)
    t = time.perf_counter()
    for _ in range(5):
        toponym.resolve_many(names)
    many = (time.perf_counter() - t) / (5 * len(names)) * 1e6
    rows.append(("Rust `Gazetteer::resolve` in process (image_bench)", f"{rust['exact_median_us']:.1f}",
                 "median per query", "1.0×"))
    rows.append(("Python `toponym.resolve`, one call per name", f"{one:.1f}", "median per call",
                 f"{one / rust['exact_median_us']:.1f}×"))
    rows.append(("Rust `Gazetteer::resolve` in process, one loop over the names (image_bench)",
                 f"{rust['exact_mean_us']:.1f}", "mean per name", "1.0×"))
    rows.append(("Python `toponym.resolve_many`, 2,000 names a call", f"{many:.1f}", "mean per name",
                 f"{many / rust['exact_mean_us']:.1f}×"))
    try:
        from rapidfuzz import fuzz, process
        choices = sorted(set(names_at_stride(cli, 10**9)))
        probe = names[:: max(1, len(names) // 100)]
        rf = median_us(lambda q: process.extractOne(q, choices, scorer=fuzz.WRatio), probe)
        rows.append((f"RapidFuzz `process.extractOne` over {len(choices):,} display names", f"{rf:.0f}",
                     "median per query", f"{rf / rust['exact_median_us']:.0f}×"))
    except ImportError:
        rows.append(("RapidFuzz", "–", "not installed", "–"))

    spark_rows = spark_bench(names)
    body = ["| what | µs | measure | vs Rust |", "|---|---:|---|---:|"]
    body += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    body += ["", "| Spark local[2] | figure | notes |", "|---|---:|---|"]
    body += [f"| {a} | {b} | {c} |" for a, b, c in spark_rows]
    write_report("# The Python package, side by side\n\n" + "\n".join(body) + "\n",
                 str(OUT / "python_bench.md"))
    return 0


def spark_bench(names: list[str]) -> list[tuple[str, str, str]]:
    try:
        import pandas as pd
        from pyspark.sql import SparkSession
        from pyspark.sql import functions as F
        from toponym import spark as tsp
    except ImportError as e:
        return [("Spark", "–", f"not installed: {e}")]
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    spark = (SparkSession.builder.master("local[2]").appName("toponym-bench")
             .config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    out = []
    df = spark.createDataFrame([(n,) for n in names * 100], "name string").repartition(2).cache()
    n = df.count()
    lookup = {name: toponym.resolve(name).id for name in set(names) if toponym.resolve(name)}

    @F.pandas_udf("string")
    def dict_udf(s: pd.Series) -> pd.Series:
        return s.map(lookup)

    def timed(col) -> float:
        df.select(col.alias("x")).agg(F.count("x")).collect()  # warm the workers
        t = time.perf_counter()
        df.select(col.alias("x")).agg(F.count("x")).collect()
        return time.perf_counter() - t

    tt = timed(tsp.resolve("name")["id"])
    td = timed(dict_udf("name"))
    out.append((f"`toponym.spark.resolve`, {n:,} names", f"{n / tt:,.0f} names/s",
                f"{tt / td:.1f}× the time of a dictionary UDF"))
    out.append((f"pandas UDF with a Python dict, exact lookups, {n:,} names", f"{n / td:,.0f} names/s", ""))
    corpus = Path(__file__).resolve().parent / "out" / "news.txt"
    if corpus.exists():
        texts = [p for p in corpus.read_text(encoding="utf-8")[:10_000_000].split("\n\n") if p]
        tdf = spark.createDataFrame([(t,) for t in texts], "text string").repartition(2).cache()
        tdf.count()
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        tdf.select(F.size(tsp.tag("text")).alias("k")).agg(F.sum("k")).collect()
        t = time.perf_counter()
        k = tdf.select(F.size(tsp.tag("text")).alias("k")).agg(F.sum("k")).collect()[0][0]
        dt = time.perf_counter() - t
        out.append((f"`toponym.spark.tag`, {mb:.1f} MB of news in {len(texts):,} texts",
                    f"{mb / dt:.1f} MB/s", f"{k:,} mentions"))
    mem = worker_memory()
    if mem:
        out.append((f"Python workers with the image mapped ({len(mem)})",
                    f"RSS {max(r for r, _ in mem) / 1024:.0f} MiB",
                    f"PSS {max(p for _, p in mem) / 1024:.0f} MiB each at most (shared pages split)"))
    spark.stop()
    return out


if __name__ == "__main__":
    sys.exit(main())
