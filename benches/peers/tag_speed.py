#!/usr/bin/env python3
"""Tagging throughput: `toponym tag` against flashtext over ~30 MB of news text.

Builds the corpus `benches/peers/out/news.txt` from the GeoWebNews article texts (read at run
time from ../shared; GPL-3.0, so the corpus stays in the git-ignored out/ folder), repeated
until it reaches `--mb` MB (10^6 bytes of UTF-8). Then it measures the wall time of
`toponym tag --threads 1 news.txt > /dev/null` and of `--threads 2` (best of `--runs`; the
process start-up, i.e. `toponym tag` on an empty file, is measured too and reported apart),
and of flashtext's `KeywordProcessor` (pinned, case-insensitive by default) loaded with every
distinct name of `toponym export --format tsv` of at least 3 characters, calling
`extract_keywords(text, span_info=True)` over the whole corpus (extraction timed alone; the
load time is reported separately). Reports MB/s and the ratio toponym / flashtext, and writes
benches/peers/out/tag_speed.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (OUT, REPO, add_toponym_arg, die, median, read_export,  # noqa: E402
                     toponym_binary, toponym_version, write_report)

DEFAULT_GWN = REPO.parent / "shared" / "bench" / "gwn" / "GWN.xml"


def build_corpus(gwn: Path, path: Path, mb: float) -> tuple[int, int]:
    """Writes the GWN article texts, separated by blank lines, repeated until at least `mb`
    MB; returns (bytes, repetitions). Deterministic."""
    if not gwn.is_file():
        die(f"GWN.xml not found at {gwn}: pass --gwn PATH")
    texts = [(a.findtext("text") or "").strip()
             for a in ET.parse(gwn).getroot().iter("article")]
    one = ("\n\n".join(t for t in texts if t) + "\n\n").encode("utf-8")
    reps = max(1, -(-int(mb * 1e6) // len(one)))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        for _ in range(reps):
            f.write(one)
    return len(one) * reps, reps


def write_jsonl(corpus: Path, path: Path) -> int:
    """Writes `corpus` as JSON Lines, one `{"id", "text"}` record per paragraph (blank-line
    separated), streaming, so that this process stays small: a child's peak RSS as wait4
    reports it includes the parent's memory it was forked with. Returns the record count."""
    n = 0
    para: list[str] = []
    with open(corpus, encoding="utf-8") as src, open(path, "w", encoding="utf-8") as out:
        for line in list_lines(src):
            if line.strip():
                para.append(line)
                continue
            if para:
                out.write(json.dumps({"id": n, "text": "\n".join(para)}, ensure_ascii=False) + "\n")
                n += 1
                para = []
        if para:
            out.write(json.dumps({"id": n, "text": "\n".join(para)}, ensure_ascii=False) + "\n")
            n += 1
    return n


def list_lines(f):
    """The lines of a text file without their line ends, one at a time."""
    for line in f:
        yield line.rstrip("\n")


def run_timed(cmd: list[str], stdout=subprocess.DEVNULL) -> tuple[float, int]:
    """Wall time of one run and the child's peak RSS in KiB (from wait4)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        die(f"{' '.join(cmd)} exited {proc.returncode}: {err[:2000]}")
    return wall, ru.ru_maxrss


def count_output(cmd: list[str]) -> tuple[int, int]:
    """Lines and bytes `cmd` writes (an untimed run, to check the tagger did the work)."""
    lines = nbytes = 0
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as proc:
        for chunk in iter(lambda: proc.stdout.read(1 << 20), b""):
            lines += chunk.count(b"\n")
            nbytes += len(chunk)
    return lines, nbytes


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_toponym_arg(ap)
    ap.add_argument("--gwn", default=None,
                    help="GWN.xml (default ../shared/bench/gwn/GWN.xml beside the repo)")
    ap.add_argument("--mb", type=float, default=30.0, help="corpus size in MB (default 30)")
    ap.add_argument("--corpus", default=str(OUT / "news.txt"), help="where to write the corpus")
    ap.add_argument("--runs", type=int, default=3, help="timed runs of toponym, best kept (default 3)")
    ap.add_argument("--threads", default="1,2", help="toponym --threads values (default 1,2)")
    ap.add_argument("--tag-arg", action="append", default=[], metavar="ARG",
                    help="extra argument for `toponym tag` (repeatable)")
    ap.add_argument("--skip-toponym", action="store_true",
                    help="only flashtext (e.g. while `toponym tag` does not exist yet)")
    ap.add_argument("--skip-flashtext", action="store_true", help="only toponym")
    ap.add_argument("--jsonl", action="store_true",
                    help="also time `toponym tag --input jsonl` over the corpus as JSON Lines "
                         "(one record per paragraph, out/news.jsonl)")
    ap.add_argument("-o", "--out", default=str(OUT / "tag_speed.md"), help="Markdown report")
    args = ap.parse_args(argv)

    toponym = toponym_binary(args.toponym)
    gwn = Path(args.gwn) if args.gwn else DEFAULT_GWN
    corpus = Path(args.corpus)
    nbytes, reps = build_corpus(gwn, corpus, args.mb)
    mb = nbytes / 1e6
    print(f"corpus {corpus}: {mb:.1f} MB ({reps} x the GWN texts)", file=sys.stderr)

    rows = []   # (system, setup s, time s, peak RSS MiB, note, MB tagged)
    cmds = []
    if not args.skip_toponym:
        help_text = subprocess.run([str(toponym), "tag", "--help"], capture_output=True,
                                   encoding="utf-8")
        if help_text.returncode != 0:
            die(f"{toponym} has no `tag` command yet: rebuild, or pass --skip-toponym")
        has_threads = "--threads" in help_text.stdout
        empty = OUT / "empty.txt"
        empty.write_bytes(b"")
        for th in [t.strip() for t in args.threads.split(",") if t.strip()]:
            if not has_threads and th != "1":
                continue
            thr = ["--threads", th] if has_threads else []
            cmd = [str(toponym), "tag"] + thr + args.tag_arg + [str(corpus)]
            start_cmd = [str(toponym), "tag"] + thr + args.tag_arg + [str(empty)]
            start = min(run_timed(start_cmd)[0] for _ in range(3))
            runs = [run_timed(cmd) for _ in range(max(1, args.runs))]
            best = min(w for w, _ in runs)
            rss = max(r for _, r in runs) / 1024
            lines, out_bytes = count_output(cmd)
            label = f"toponym tag --threads {th}" if has_threads else "toponym tag (no --threads option)"
            note = (f"best of {len(runs)} (median {median([w for w, _ in runs]):.2f} s), start-up "
                    f"included; start-up alone {start * 1e3:.0f} ms; output {lines:,} lines, "
                    f"{out_bytes / 1e6:.1f} MB; excluding start-up "
                    f"{mb / max(best - start, 1e-9):.1f} MB/s")
            rows.append((label, start, best, rss, note, mb))
            cmds.append(" ".join(["toponym", "tag"] + thr + args.tag_arg + ["out/news.txt", "> /dev/null"]))
        if args.jsonl:
            jsonl = OUT / "news.jsonl"
            records = write_jsonl(corpus, jsonl)
            jmb = jsonl.stat().st_size / 1e6
            for th in [t.strip() for t in args.threads.split(",") if t.strip()]:
                cmd = [str(toponym), "tag", "--input", "jsonl", "--threads", th, str(jsonl)]
                runs = [run_timed(cmd) for _ in range(max(1, args.runs))]
                best = min(w for w, _ in runs)
                rss = max(r for _, r in runs) / 1024
                rows.append((f"toponym tag --input jsonl --threads {th}", 0.0, best, rss,
                             f"best of {len(runs)} (median {median([w for w, _ in runs]):.2f} s); "
                             f"out/news.jsonl, {records:,} records, {jmb:.1f} MB", jmb))
                cmds.append(f"toponym tag --input jsonl --threads {th} out/news.jsonl > /dev/null")

    ft_rate = None
    if not args.skip_flashtext:
        try:
            from flashtext import KeywordProcessor
            from importlib.metadata import version
        except ImportError:
            die("flashtext is not installed: run `bash benches/peers/setup.sh` and use the venv's "
                "python, or pass --skip-flashtext")
        exp = read_export(toponym)
        names = sorted({r["name"] for r in exp.rows if len(r["name"]) >= 3})
        t0 = time.perf_counter()
        kp = KeywordProcessor()   # case_sensitive=False
        for n in names:
            kp.add_keyword(n)
        load = time.perf_counter() - t0
        text = corpus.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        found = kp.extract_keywords(text, span_info=True)
        ext = time.perf_counter() - t0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        ft_rate = mb / ext
        rows.append((f"flashtext {version('flashtext')} KeywordProcessor", load, ext, rss,
                     f"{len(names):,} distinct export names of >= 3 characters, case-insensitive; "
                     f"{len(found):,} matches; one run; peak RSS of the Python process, "
                     f"the parsed export included", mb))

    L = ["# Tagging throughput: toponym vs flashtext\n",
         f"Corpus: `{corpus.name}`, {mb:.1f} MB of UTF-8 news text ({reps} repetitions of the "
         f"{len(list(ET.parse(gwn).getroot().iter('article')))} GeoWebNews article texts). "
         + (f"{toponym_version(toponym)}; machine: {os.cpu_count()} logical CPUs." if not args.skip_toponym
            else f"machine: {os.cpu_count()} logical CPUs."),
         "toponym's time is the wall time of the whole process (`" + "`, `".join(cmds) + "`), "
         "start-up and gazetteer loading included; flashtext's time is `extract_keywords("
         "text, span_info=True)` over the whole corpus alone, its keyword loading reported as "
         "setup.\n" if cmds else "flashtext's time is `extract_keywords(text, span_info=True)` "
         "over the whole corpus alone, its keyword loading reported as setup.\n",
         "| system | setup (s) | tagging time (s) | MB/s | vs flashtext | peak RSS (MiB) | notes |",
         "|---|---:|---:|---:|---:|---:|---|"]
    for label, setup, t, rss, note, size in rows:
        rate = size / t
        ratio = f"{rate / ft_rate:.1f}x" if ft_rate else "–"
        L.append(f"| {label} | {setup:.2f} | {t:.2f} | **{rate:.1f}** | {ratio} | {rss:.0f} | {note} |")
    L.append("\nOrientation (PEERS.md, same kind of machine): flashtext 6.3 MB/s over 33 MB of GWN "
             "text; the aho-corasick crate ~40 MB/s; a tokenise-and-look-up loop over a HashSet "
             "39 MB/s. GeoWebNews is GPL-3.0 and is read at run time; `out/news.txt` is not "
             "committed.")
    report = "\n".join(L) + "\n"
    write_report(report, args.out)


if __name__ == "__main__":
    main()
