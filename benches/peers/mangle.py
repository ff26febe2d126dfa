#!/usr/bin/env python3
"""Reproducible set of mangled place-name queries for fuzzy-matching benchmarks.

Samples places from `toponym export --format tsv`, picks one of their names and applies
ONE realistic edit (typo or transliteration variant). Writes TSV
`query  expected_id  original  edit` to benches/peers/out/mangled.tsv by default.

Sampling (seeded):
  * half the queries from places of kind city/town/country/region with a population,
    drawn without replacement with probability proportional to population (what people
    actually look up: big places come up more often);
  * the other half uniformly over places of kind city/town/village/country/region/district
    (the long tail, including the small curated places of the region).
A place's name is drawn among its Latin-script names of >= 4 characters, weighted toward
what people type: lang en/az/hy-Latn/ru-Latn 60 %, capitalised names without a language
30 %, capitalised names in other languages 10 % (see eligible_names, TIER_WEIGHTS).

A mangled query is dropped (and another edit or place tried) when it equals the original,
or when it is a name of ANY place -- compared both verbatim and after a conservative key
(NFKC, case folding, apostrophes dropped, punctuation/hyphens to space, Latin diacritics
folded, ə->e): such a query tests exact/normalised lookup, not fuzzy matching.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import OUT, Export, add_toponym_arg, read_export, toponym_binary  # noqa: E402

PREF_LANGS = {"", "en", "az", "hy-Latn", "ru-Latn"}
TIER_WEIGHTS = (0.6, 0.3, 0.1)  # en/az/hy-Latn/ru-Latn, capitalised no-language, other Latin
POP_KINDS = {"city", "town", "country", "region"}
UNIFORM_KINDS = {"city", "town", "village", "country", "region", "district"}
APOSTROPHES = "'’ʻʼ`´"

# QWERTY neighbours of each letter (same row and the adjacent keys of the rows above/below).
KEY_NEIGHBOURS = {
    "q": "wa", "w": "qesa", "e": "wrds", "r": "etfd", "t": "rygf", "y": "tuhg", "u": "yijh",
    "i": "uokj", "o": "iplk", "p": "ol", "a": "qwsz", "s": "awedxz", "d": "serfcx",
    "f": "drtgvc", "g": "ftyhbv", "h": "gyujnb", "j": "huikmn", "k": "jiolm", "l": "kop",
    "z": "asx", "x": "zsdc", "c": "xdfv", "v": "cfgb", "b": "vghn", "n": "bhjm", "m": "njk",
}
VOWELS = "aeiou"

# Transliteration swaps, both directions.
TRANSLIT_PAIRS = [("kh", "x"), ("sh", "ş"), ("gh", "ğ"), ("ch", "ç"), ("j", "c"),
                  ("ə", "a"), ("ə", "e"), ("y", "i"), ("ou", "u"), ("dzh", "j")]
TRANSLIT = TRANSLIT_PAIRS + [(b, a) for a, b in TRANSLIT_PAIRS]

_LATIN_OWN = {"ə": "e", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d",
              "ð": "d", "þ": "th", "ı": "i", "ħ": "h"}


def key(s: str) -> str:
    """Conservative lookup key, close to (a little looser than) toponym's normalisation."""
    s = unicodedata.normalize("NFKC", s).casefold()
    s = "".join(ch for ch in s if ch not in APOSTROPHES)
    s = "".join(_LATIN_OWN.get(ch, ch) for ch in s)
    out = []
    for ch in unicodedata.normalize("NFD", s):
        if unicodedata.combining(ch):
            continue
        out.append(ch if ch.isalnum() else " ")
    return " ".join("".join(out).split())


def is_latin(s: str) -> bool:
    letters = [ch for ch in s if ch.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(ch, "") for ch in letters)


def _case_like(src: str, new: str) -> str:
    return new.upper() if src.isupper() else new


def _lower1(ch: str) -> str:
    """Lower case of one character, unless that is not one character (İ -> i + dot)."""
    low = ch.lower()
    return low if len(low) == 1 else ch


def _neighbour(ch: str, rng: random.Random) -> str | None:
    base = key(ch)[:1] or ch.lower()
    nb = KEY_NEIGHBOURS.get(base)
    if not nb:
        return None
    return _case_like(ch, rng.choice(nb))


def edit_delete(s: str, rng: random.Random) -> tuple[str, str] | None:
    pos = [i for i, ch in enumerate(s) if not ch.isspace()]
    if len(pos) < 2:
        return None
    i = rng.choice(pos)
    return s[:i] + s[i + 1:], "delete"


def edit_insert(s: str, rng: random.Random) -> tuple[str, str] | None:
    i = rng.randrange(1, len(s) + 1)  # not before the first letter
    left = s[i - 1]
    if not left.isalpha():
        return None
    if rng.random() < 0.5:
        ins = _lower1(left) if i > 1 else left  # doubled letter
    else:
        ins = _neighbour(left.lower(), rng)
        if ins is None:
            return None
    return s[:i] + ins + s[i:], "insert"


def edit_substitute(s: str, rng: random.Random) -> tuple[str, str] | None:
    pos = [i for i, ch in enumerate(s) if ch.isalpha()]
    if not pos:
        return None
    i = rng.choice(pos)
    ch = s[i]
    base = key(ch)[:1]
    if base in VOWELS and rng.random() < 0.5:
        new = _case_like(ch, rng.choice([v for v in VOWELS if v != base]))
    else:
        new = _neighbour(ch, rng)
        if new is None:
            return None
    return s[:i] + new + s[i + 1:], "substitute"


def edit_transpose(s: str, rng: random.Random) -> tuple[str, str] | None:
    pos = [i for i in range(len(s) - 1)
           if s[i].isalpha() and s[i + 1].isalpha() and s[i].lower() != s[i + 1].lower()]
    if not pos:
        return None
    i = rng.choice(pos)
    a, b = s[i], s[i + 1]
    a2, b2 = _case_like(a, _lower1(b)), _case_like(b, _lower1(a))
    return s[:i] + a2 + b2 + s[i + 2:], "transpose"


def edit_translit(s: str, rng: random.Random) -> tuple[str, str] | None:
    low = "".join(_lower1(ch) for ch in s)  # same length as s, so positions carry over
    options = [(a, b) for a, b in TRANSLIT if a in low]
    if not options:
        return None
    # a plain letter turned into another (a>ə, i>y, u>ou, c>j...) applies to nearly every
    # name; weight the distinctive spellings (kh, x, ş, ə, dzh, ou...) up so they show.
    weights = [(0.3 if b == "ə" else 1.0) if len(a) == 1 and a.isascii() else 6.0
               for a, b in options]
    a, b = rng.choices(options, weights=weights)[0]
    starts = [m.start() for m in re.finditer(re.escape(a), low)]
    i = rng.choice(starts)
    src = s[i:i + len(a)]
    new = b.capitalize() if src[:1].isupper() else b
    if src.isupper() and len(src) > 1:
        new = b.upper()
    return s[:i] + new + s[i + len(a):], f"translit:{a}>{b}"


def edit_punct(s: str, rng: random.Random) -> tuple[str, str] | None:
    options = []
    if any(ch in s for ch in APOSTROPHES):
        options.append("apostrophe-drop")
    if "-" in s:
        options += ["hyphen-space", "hyphen-drop"]
    if not options:
        return None
    o = rng.choice(options)
    if o == "apostrophe-drop":
        t = "".join(ch for ch in s if ch not in APOSTROPHES)
    elif o == "hyphen-space":
        t = s.replace("-", " ")
    else:
        t = s.replace("-", "")
    return t, f"punct:{o}"


EDITS = [edit_delete, edit_insert, edit_substitute, edit_transpose, edit_translit, edit_punct]


def mangle_once(s: str, rng: random.Random) -> tuple[str, str] | None:
    """One random edit among those that apply to `s`."""
    fns = list(EDITS)
    rng.shuffle(fns)
    for fn in fns:
        r = fn(s, rng)
        if r is not None:
            return r
    return None


def eligible_names(place) -> list[list[str]]:
    """Names of `place` a person would plausibly type, in three tiers (see TIER_WEIGHTS):
    English and the romanisations of the region (en, az, hy-Latn, ru-Latn); capitalised
    names without a language (GeoNames' local and variant spellings); capitalised
    Latin-script names in other languages. Lower-case machine romanisations ("jypwr",
    "zhai pu er"), names shorter than 4 characters and other scripts are left out."""
    seen: set[str] = set()
    tiers: list[list[str]] = [[], [], []]
    for name, lang, _flags in place.names:
        if len(name) < 4 or name in seen or "\t" in name or not is_latin(name):
            continue
        if lang in PREF_LANGS and lang:
            t = 0
        elif not name[0].isupper():
            continue
        elif lang == "":
            t = 1
        else:
            t = 2
        seen.add(name)
        tiers[t].append(name)
    return tiers


def pick_name(place, rng: random.Random) -> str | None:
    """A tier by TIER_WEIGHTS (among the tiers the place has), then a name uniformly."""
    tiers = eligible_names(place)
    present = [i for i in range(3) if tiers[i]]
    if not present:
        return None
    t = rng.choices(present, weights=[TIER_WEIGHTS[i] for i in present])[0]
    return rng.choice(tiers[t])


def generate(exp: Export, n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    all_names = set(exp.ids_by_name)
    all_keys = {key(x) for x in all_names}
    places = sorted(exp.places.values(), key=lambda p: p.id)

    # stratum A: population-weighted without replacement (Efraimidis-Spirakis keys)
    pop = [p for p in places if p.kind in POP_KINDS and p.population > 0]
    order_a = sorted(pop, key=lambda p: -math.log(1.0 - rng.random()) / p.population)
    # stratum B: uniform
    uni = [p for p in places if p.kind in UNIFORM_KINDS]
    order_b = list(uni)
    rng.shuffle(order_b)

    used_places: set[str] = set()
    used_queries: set[str] = set()
    out: list[dict] = []

    def take(order, quota: int, stratum: str) -> None:
        got = 0
        for p in order:
            if got >= quota:
                break
            if p.id in used_places:
                continue
            original = pick_name(p, rng)
            if original is None:
                continue
            for _attempt in range(6):
                r = mangle_once(original, rng)
                if r is None:
                    break
                q, edit = r
                q = " ".join(q.split())
                if (q == original or len(q) < 3 or q in all_names or key(q) in all_keys
                        or q in used_queries):
                    continue
                used_places.add(p.id)
                used_queries.add(q)
                out.append({"query": q, "expected_id": p.id, "original": original,
                            "edit": edit, "stratum": stratum})
                got += 1
                break

    take(order_a, n // 2, "population")
    take(order_b, n - len(out), "uniform")
    return out


def write_tsv(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None,
                       lineterminator="\n")
        w.writerow(["query", "expected_id", "original", "edit"])
        for r in rows:
            w.writerow([r["query"], r["expected_id"], r["original"], r["edit"]])


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_toponym_arg(ap)
    ap.add_argument("--export", metavar="TSV",
                    help="read a saved `toponym export --format tsv` instead of running the binary")
    ap.add_argument("-n", "--queries", type=int, default=3000, help="number of queries (default 3000)")
    ap.add_argument("--seed", type=int, default=20240601, help="random seed (default 20240601)")
    ap.add_argument("-o", "--out", default=str(OUT / "mangled.tsv"),
                    help="output TSV (default benches/peers/out/mangled.tsv)")
    args = ap.parse_args(argv)

    exp = read_export(None if args.export else toponym_binary(args.toponym), args.export)
    rows = generate(exp, args.queries, args.seed)
    write_tsv(rows, Path(args.out))
    edits = Counter(r["edit"].split(":")[0] for r in rows)
    strata = Counter(r["stratum"] for r in rows)
    kinds = Counter(exp.places[r["expected_id"]].kind for r in rows)
    print(f"wrote {len(rows)} mangled queries to {args.out} (seed {args.seed}, "
          f"{len(exp.places)} places, {len(exp.rows)} names)")
    print("  by edit:   " + ", ".join(f"{k} {v}" for k, v in edits.most_common()))
    print("  by stratum: " + ", ".join(f"{k} {v}" for k, v in strata.most_common()))
    print("  by kind:   " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    if len(rows) < args.queries:
        print(f"warning: only {len(rows)} of {args.queries} queries could be made", file=sys.stderr)


if __name__ == "__main__":
    main()
