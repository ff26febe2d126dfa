#!/usr/bin/env python3
"""Build data/overlay/withdrawn_places.tsv and data/overlay/withdrawn_names.tsv: the countries
that ISO 3166-3 lists as withdrawn (the Soviet Union, Yugoslavia, Czechoslovakia, East
Germany...), as places of their own with the period their names were in use, and the former
names of countries that were renamed (Zaire, Burma, Upper Volta...) as dated names of today's
country.

Sources (see data/README.md):
  * ISO 3166-3 (former country names) as shipped in Debian's `iso-codes` 4.15.0-1
    (LGPL-2.1-or-later), `iso_3166-3.json`: names, alpha-4 codes and withdrawal dates. The
    withdrawal date is when ISO withdrew the code, which may come after the state ended; where
    the state's own end (or its renaming) is known, it is taken from the Wikipedia article named
    in STATES / RENAMED below (facts; CC BY-SA 4.0 pages), and the ISO date is kept in the note.
  * the English names news and archives write (Soviet Union, East Germany, Zaire...), the
    capitals (whose point stands for the place) and the start dates, from the same articles.

Usage: python3 tools/withdrawn.py [--cache DIR] [--check]
Standard library only; uses the pinned iso-codes package of tools/sources.py. Output is
deterministic.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sources  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT_PLACES = os.path.join(ROOT, "data", "overlay", "withdrawn_places.tsv")
OUT_NAMES = os.path.join(ROOT, "data", "overlay", "withdrawn_names.tsv")

# Withdrawn codes of states or territories that ended (no successor of the same extent):
# alpha-4 -> (id slug, kind, display name, period from/until, capital's id (its point stands
# for the place), parent, extra English names, Wikipedia article).
STATES = {
    "SUHH": ("soviet-union", "country", "Soviet Union", "1922-12-30/1991-12-26", "gn:524901",
             "", ["Soviet Union", "USSR", "U.S.S.R.", "Union of Soviet Socialist Republics"],
             "Soviet_Union"),
    "YUCS": ("yugoslavia", "country", "Yugoslavia", "1918-12-01/1992-04-27", "gn:792680",
             "gn:6255148", ["Yugoslavia", "Socialist Federal Republic of Yugoslavia", "SFRY"],
             "Socialist_Federal_Republic_of_Yugoslavia"),
    "CSHH": ("czechoslovakia", "country", "Czechoslovakia", "1918-10-28/1992-12-31",
             "gn:3067696", "gn:6255148", ["Czechoslovakia", "Czechoslovak Socialist Republic"],
             "Czechoslovakia"),
    "CSXX": ("serbia-and-montenegro", "country", "Serbia and Montenegro",
             "1992-04-27/2006-06-05", "gn:792680", "gn:6255148",
             ["Serbia and Montenegro", "Federal Republic of Yugoslavia"],
             "Serbia_and_Montenegro"),
    "DDDE": ("east-germany", "country", "East Germany", "1949-10-07/1990-10-03", "gn:2950159",
             "gn:6255148", ["East Germany", "German Democratic Republic", "GDR", "DDR"],
             "East_Germany"),
    "YDYE": ("south-yemen", "country", "South Yemen", "1967-11-30/1990-05-22", "gn:415189",
             "gn:6255147", ["South Yemen", "People's Democratic Republic of Yemen"],
             "South_Yemen"),
    "VDVN": ("north-vietnam", "country", "North Vietnam", "1945-09-02/1976-07-02", "gn:1581130",
             "gn:6255147", ["North Vietnam", "Democratic Republic of Vietnam"],
             "North_Vietnam"),
    "ANHH": ("netherlands-antilles", "country", "Netherlands Antilles", "1954-12-15/2010-10-10",
             "gn:3513090", "gn:6255149", ["Netherlands Antilles"], "Netherlands_Antilles"),
    "SKIN": ("sikkim", "country", "Sikkim (kingdom)", "/1975-05-16", "gn:1271631",
             "gn:6255147", [], "Sikkim_(kingdom)"),
    "PZPA": ("panama-canal-zone", "country", "Panama Canal Zone", "1903/1979-10-01", "",
             "gn:6255149", ["Panama Canal Zone"], "Panama_Canal_Zone"),
    "GEHH": ("gilbert-and-ellice-islands", "country", "Gilbert and Ellice Islands",
             "1916/1976", "", "gn:6255151", ["Gilbert and Ellice Islands"],
             "Gilbert_and_Ellice_Islands"),
    "PCHH": ("trust-territory-of-the-pacific-islands", "country",
             "Trust Territory of the Pacific Islands", "1947/1986", "", "gn:6255151",
             ["Trust Territory of the Pacific Islands"],
             "Trust_Territory_of_the_Pacific_Islands"),
}

# Withdrawn codes of countries that were renamed: alpha-4 -> (today's country's ISO alpha-2,
# period of the former name, former English names, Wikipedia article). The names become dated,
# historic names of today's country. Burma, Byelorussia, Dahomey, Upper Volta, New Hebrides,
# Rhodesia and Zaire are in data/overlay/renamings_names.tsv already (with their successors'
# dates); "East Timor" is still the usual English name of Timor-Leste.
RENAMED = {
    "AIDJ": ("DJ", "1967-07-05/1977-06-27", ["French Territory of the Afars and the Issas"],
             "French_Territory_of_the_Afars_and_the_Issas"),
}


def country_ids(cache):
    """ISO alpha-2 -> place id, from the generated places table."""
    out = {}
    with open(os.path.join(ROOT, "data", "world", "places.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {c: i for i, c in enumerate(header)}
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if cells[col["kind"]] == "country":
                out.setdefault(cells[col["country"]], cells[col["id"]])
    return out


def build(cache):
    dirs = sources.fetch(cache, log=lambda m: print(m, file=sys.stderr))
    path = os.path.join(dirs["iso-codes"], "usr", "share", "iso-codes", "json",
                        "iso_3166-3.json")
    with open(path, encoding="utf-8") as f:
        withdrawn = {e["alpha_4"]: e for e in json.load(f)["3166-3"]}
    countries = country_ids(cache)
    places, names = [], []
    for code, (slug, kind, name, period, capital, parent, english, article) in STATES.items():
        e = withdrawn[code]
        src = f"iso_3166-3 {code} (withdrawn {e['withdrawal_date']}); wp:{article}"
        pid = f"tp:{slug}"
        places.append([pid, kind, name, "", parent, "", "", "", "", "", capital,
                       f"former country; ISO 3166-3 {code}: {e['name']}", src])
        seen = set()
        for n in english + [p.strip() for p in e["name"].split(",")]:
            if n and n not in seen and not n.startswith("("):
                seen.add(n)
                names.append([pid, "en", "historic", period, n, src])
    for code, (alpha2, period, english, article) in RENAMED.items():
        e = withdrawn[code]
        pid = countries.get(alpha2)
        if pid is None:
            raise SystemExit(f"{code}: no country {alpha2} in data/world/places.tsv")
        src = f"iso_3166-3 {code} (withdrawn {e['withdrawal_date']}); wp:{article}"
        for n in english:
            names.append([pid, "en", "historic", period, n, src])
    return places, names


PLACES_HEADER = ["id", "kind", "name", "country", "parent", "lat", "lon", "population",
                 "geonames_id", "wikidata", "seat", "note", "source"]
NAMES_HEADER = ["id", "lang", "flags", "period", "name", "source"]
COMMENT = ("# Generated by tools/withdrawn.py from ISO 3166-3 (Debian iso-codes 4.15.0-1) and the "
           "Wikipedia articles named in `source`; do not edit by hand.\n")


def render(header, rows):
    return COMMENT + "\t".join(header) + "\n" + "".join("\t".join(r) + "\n" for r in rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", default=sources.DEFAULT_CACHE)
    ap.add_argument("--check", action="store_true", help="exit 1 if the output is not up to date")
    args = ap.parse_args()
    places, names = build(args.cache)
    return sources.write_outputs([(OUT_PLACES, render(PLACES_HEADER, places)),
                                  (OUT_NAMES, render(NAMES_HEADER, names))],
                                 args.check, "tools/withdrawn.py")


if __name__ == "__main__":
    sys.exit(main())
