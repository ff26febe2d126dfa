#!/usr/bin/env python3
"""Build data/overlay/contested_names.tsv: the places whose name depends on the side that writes it,
and each side's names (Stepanakert / Khankendi, Sokhumi / Sukhum), for `normalize --style`.

Sources (see data/README.md):
  * ../shared/data/contested_names.tsv, the project's curated table of competing Armenian and
    Azerbaijani names of Nagorno-Karabakh and its surroundings (its `source` column is kept):
    every row whose Armenian-side and Azerbaijani-side names differ, except the uncontested
    places outside the area of the conflict (OUTSIDE). The Armenian side's names
    are `names_hy` (lang hy) and `names_hy_latin` (lang en: how English writes the Armenian
    name); the Azerbaijani side's are `names_az` (az) and `names_az_en` (en). The first name of
    each cell is the one written.
  * HAND below: the places of Abkhazia and South Ossetia whose Georgian name and the name of
    the de facto authorities (and of Russian usage) differ, from the Wikipedia articles named
    (facts; CC BY-SA 4.0 pages).

Table rows map to ids as tools/convert_contested.py mapped them: the row's GeoNames id, else
the link in tools/overlay_links.txt, else `tp:<key>`; every id must be a place of data/.

Usage: python3 tools/contested.py [--table PATH] [--check]
Standard library only. Output is deterministic.
"""
import argparse
import csv
import difflib
import os
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sources import write_outputs  # noqa: E402  (helpers of every importer)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "data", "overlay", "contested_names.tsv")
TABLE = os.path.join(ROOT, "..", "shared", "data", "contested_names.tsv")

# (id, [(side, lang, name)]; a side's first name in a language is the one written), source.
# Sides: ka (Georgian usage), ab (Abkhaz usage), os (Ossetian usage); the de facto authorities'
# names are also Russian usage. Left out: Gali / Gal and Java / Dzau, whose short names are
# words of other texts far more often (the table's names are curated names, which the tagger
# finds in any text).
HAND = [
    ("gn:611847", [("ka", "en", "Sokhumi"), ("ka", "ka", "სოხუმი"), ("ka", "ru", "Сухуми"),
                   ("ab", "en", "Sukhum"), ("ab", "ab", "Аҟәа"), ("ab", "ru", "Сухум")],
     "wp:Sukhumi"),
    ("gn:611403", [("ka", "en", "Tskhinvali"), ("ka", "ka", "ცხინვალი"), ("ka", "ru", "Цхинвали"),
                   ("os", "en", "Tskhinval"), ("os", "os", "Цхинвал"), ("os", "ru", "Цхинвал")],
     "wp:Tskhinvali"),
    ("gn:615914", [("ka", "en", "Akhalgori"), ("ka", "ka", "ახალგორი"), ("ka", "ru", "Ахалгори"),
                   ("os", "en", "Leningor"), ("os", "ru", "Ленингор")],
     "wp:Akhalgori"),
    ("gn:611583", [("ka", "en", "Tkvarcheli"), ("ka", "ka", "ტყვარჩელი"),
                   ("ka", "ru", "Ткварчели"), ("ab", "en", "Tkuarchal"), ("ab", "ru", "Ткуарчал")],
     "wp:Tkvarcheli"),
    ("gn:612652", [("ka", "en", "Ochamchire"), ("ka", "ka", "ოჩამჩირე"),
                   ("ka", "ru", "Очамчире"), ("ab", "en", "Ochamchira"), ("ab", "ru", "Очамчыра")],
     "wp:Ochamchire"),
    ("gn:615460", [("ka", "en", "Bichvinta"), ("ka", "ka", "ბიჭვინთა"), ("ka", "ru", "Бичвинта"),
                   ("ab", "en", "Pitsunda"), ("ab", "ru", "Пицунда")],
     "wp:Pitsunda"),
    ("tp:south-ossetia", [("ka", "en", "Tskhinvali Region"), ("ka", "en", "Samachablo"),
                          ("ka", "ka", "ცხინვალის რეგიონი"), ("os", "en", "South Ossetia"),
                          ("os", "ru", "Южная Осетия")],
     "wp:South_Ossetia"),
]

KINDS = {"city", "town", "village", "district", "region"}

# Rows of the table outside the area of the conflict: the other side's name is an exonym or a
# historic name of an uncontested place (Partav for Barda, Iravan for Yerevan), not a competing
# name of today.
OUTSIDE = {"barda", "ganja", "shamkir", "gadabay", "nakhchivan", "julfa-jugha", "ordubad",
           "khndzoresk", "jermuk", "vardenis", "meghri", "yerevan"}


def norm(s):
    s = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in s if c.isalnum())


# Cyrillic to Latin, as English writes Russian forms of the region's names (Khankendi, Shusha)
CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
               ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o",
                "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e",
                "yu", "ya"]))


def latin(ru):
    return "".join(CYR.get(c, c) for c in ru.casefold())


# Armenian script to Latin, as English writes the region's names (Khankendi, Aghdam)
ARM = dict(zip("աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ",
               ["a", "b", "g", "d", "e", "z", "e", "y", "t", "zh", "i", "l", "kh", "ts", "k", "h",
                "dz", "gh", "ch", "m", "y", "n", "sh", "o", "ch", "p", "j", "r", "s", "v", "t",
                "r", "ts", "v", "p", "k", "o", "f"]))


def hy_latin(hy):
    return "".join(ARM.get(c, c) for c in hy.casefold())


def script_side(name, to_latin, sides):
    """The side whose English names a Cyrillic or Armenian-script name spells (`Ханкенди` and
    `Խանքենդի` are Khankendi: az), when one side is clearly closer; None when both are alike."""
    score = {side: max(difflib.SequenceMatcher(None, to_latin(name), norm(n)).ratio()
                       for n in names)
             for side, names in sides.items()}
    (best, a), (_, b) = sorted(score.items(), key=lambda kv: -kv[1])
    return best if a >= 0.75 and a - b >= 0.15 else None


def split(cell):
    return [n.strip() for n in (cell or "").split(";") if n.strip() and "(" not in n]


def place_ids():
    ids = set()
    for path in [os.path.join(ROOT, "data", "world", "places.tsv")] + [
            os.path.join(ROOT, "data", "overlay", f)
            for f in sorted(os.listdir(os.path.join(ROOT, "data", "overlay")))
            if f.endswith("_places.tsv")]:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.startswith("#") and not line.startswith("id\t"):
                    ids.add(line.split("\t", 1)[0])
    return ids


def links():
    out = {}
    with open(os.path.join(HERE, "overlay_links.txt"), encoding="utf-8") as f:
        for line in f:
            if " -> " in line and not line.startswith("#"):
                key, rest = line.split(" -> ", 1)
                out[key.strip()] = rest.split()[0]
    return out


def build(table):
    ids, linked = place_ids(), links()
    rows = []
    with open(table, encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            if r["kind"] not in KINDS:
                continue
            hy_en, az_en = split(r["names_hy_latin"]), split(r["names_az_en"])
            if not hy_en or not az_en or norm(hy_en[0]) == norm(az_en[0]):
                continue
            key = r["key"].strip()
            if key in OUTSIDE:
                continue
            gid = (r["geonames_id"] or "").strip()
            pid = f"gn:{gid}" if gid else linked.get(key, f"tp:{key}")
            if pid not in ids:
                raise SystemExit(f"contested_names.tsv {key}: id {pid} is not a place of data/")
            source = " ".join(r["source"].split())
            both = {"hy": hy_en, "az": az_en}
            # an Armenian-script spelling of the Azerbaijani name (Խանքենդի) is the
            # Azerbaijani side's name in Armenian
            names = ([("hy", "en", n) for n in hy_en]
                     + [(script_side(n, hy_latin, both) or "hy", "hy", n)
                        for n in split(r["names_hy"])]
                     + [("az", "en", n) for n in az_en] + [("az", "az", n) for n in
                                                           split(r["names_az"])])
            # a Russian form goes with the side whose English name it spells
            for ru in split(r["names_ru"]):
                side = script_side(ru, latin, both)
                if side:
                    names.append((side, "ru", ru))
            rows.extend([pid, side, lang, name, source] for side, lang, name in names)
    for pid, names, source in HAND:
        if pid not in ids:
            raise SystemExit(f"HAND: id {pid} is not a place of data/")
        rows.extend([pid, side, lang, name, source] for side, lang, name in names)
    seen, out = set(), []
    for row in rows:
        k = tuple(row[:4])
        if k not in seen:
            seen.add(k)
            out.append(row)
    return out


HEADER = """\
# Contested places: each side's names, for `normalize --style dual` and `--style SIDE`; also
# curated names of their places (the columns of names.tsv, plus `side` and `source`).
# Generated by tools/contested.py from ../shared/data/contested_names.tsv (the project's curated
# table; its sources kept) and the script's hand list for Abkhazia and South Ossetia (Wikipedia
# articles named in `source`); do not edit by hand. Sides: hy (Armenian usage), az (Azerbaijani
# usage), ka (Georgian usage), ab (Abkhaz usage), os (Ossetian usage). The first name of a side in
# a language is the one written.
"""


def render(rows):
    return HEADER + "id\tlang\tflags\tperiod\tname\tside\tsource\n" + "".join(
        f"{pid}\t{lang}\t\t\t{name}\t{side}\t{source}\n" for pid, side, lang, name, source in rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--table", default=TABLE)
    ap.add_argument("--check", action="store_true", help="exit 1 if the output is not up to date")
    args = ap.parse_args()
    return write_outputs([(OUT, render(build(args.table)))], args.check, "tools/contested.py")
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    places = len({r[0] for r in build(args.table)})
    print(f"wrote {OUT}: {text.count(chr(10)) - HEADER.count(chr(10)) - 1} names of {places} places")
    return 0


if __name__ == "__main__":
    sys.exit(main())
