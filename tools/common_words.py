#!/usr/bin/env python3
"""Build data/common_words.tsv: frequent words the tagger must not take for place names.

Usage: python3 tools/common_words.py [--check] [--out PATH]

  --check     build in memory and compare with the existing file (exit 1 if it differs)
  --out PATH  where to write (default data/common_words.tsv)

Needs the pinned PyPI `wordfreq` 3.1.1 (Apache-2.0 code; its word lists are CC BY-SA 4.0),
e.g. from the peers venv (`bash benches/peers/setup.sh`, which pins it) or any venv with
`pip install wordfreq==3.1.1`; the script refuses another version, whose lists would differ.

Rows (TAB-separated, header `word  lang  zipf`): for each language below, the words of
`wordfreq.top_n_list(lang, N)` that consist of letters (internal apostrophes and hyphens
allowed) and are at least 2 characters long, lower-cased (dotted `İ` folded to `i`, as
toponym's normaliser does), with `zipf_frequency(word, lang)` to 2 decimals; plus the given
names of `tools/given_names.tsv` (hand-written) with lang `name` and an empty zipf. One row per
(word, lang), sorted by word (code points) then lang. Output is deterministic: the same
wordfreq version and name list give a byte-identical file.
"""
import argparse
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_OUT = os.path.join(ROOT, "data", "common_words.tsv")
NAMES = os.path.join(HERE, "given_names.tsv")

WORDFREQ_VERSION = "3.1.1"
# language -> how many of its most frequent words
LANGS = {"en": 30000, "de": 10000, "fr": 10000, "es": 10000, "it": 10000, "pt": 10000,
         "ru": 10000, "tr": 10000}

# runs of letters (any script), joined by single internal apostrophes or hyphens
WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def fold(s):
    """Lower-case as toponym's normaliser does for case: `İ` -> `i` (no combining dot)."""
    return s.replace("İ", "i").lower()


def keep(word):
    return len(word) >= 2 and WORD.fullmatch(word) is not None


def wordfreq_rows():
    try:
        import wordfreq
        from importlib.metadata import version
    except ImportError:
        sys.exit("error: wordfreq is not installed: run with the peers venv "
                 "(bash benches/peers/setup.sh) or `pip install wordfreq==%s`" % WORDFREQ_VERSION)
    v = version("wordfreq")
    if v != WORDFREQ_VERSION:
        sys.exit(f"error: wordfreq {v} installed, this list is pinned to {WORDFREQ_VERSION}")
    rows = {}
    for lang, n in LANGS.items():
        words = wordfreq.top_n_list(lang, n)
        if len(words) < n:
            sys.exit(f"error: wordfreq gave {len(words)} words for {lang}, expected {n}")
        for w in words:
            w = fold(w)
            if keep(w) and (w, lang) not in rows:
                rows[(w, lang)] = "%.2f" % wordfreq.zipf_frequency(w, lang)
    return rows


def name_rows():
    rows = {}
    with open(NAMES, encoding="utf-8", newline="") as f:
        lines = [l for l in f if not l.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if reader.fieldnames != ["name", "lang", "note"]:
        sys.exit(f"error: {NAMES}: header must be name, lang, note (got {reader.fieldnames})")
    for i, r in enumerate(reader, 2):
        name = fold(r["name"].strip())
        if not keep(name):
            sys.exit(f"error: {NAMES}: row {i}: {r['name']!r} is not a word of letters")
        rows[(name, "name")] = ""
    return rows


def build():
    rows = wordfreq_rows()
    rows.update(name_rows())
    out = ["word\tlang\tzipf\n"]
    for (w, lang) in sorted(rows):
        out.append(f"{w}\t{lang}\t{rows[(w, lang)]}\n")
    return "".join(out), len(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the existing file only")
    ap.add_argument("--out", default=DEFAULT_OUT, help="output TSV (default data/common_words.tsv)")
    args = ap.parse_args()
    text, n = build()
    if args.check:
        try:
            with open(args.out, encoding="utf-8", newline="") as f:
                old = f.read()
        except FileNotFoundError:
            old = None
        if old != text:
            print(f"{args.out} is out of date: run python3 tools/common_words.py", file=sys.stderr)
            sys.exit(1)
        print(f"{args.out} is up to date ({n} rows)")
        return
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    print(f"wrote {args.out}: {n} rows, {len(text.encode('utf-8')):,} bytes")


if __name__ == "__main__":
    main()
