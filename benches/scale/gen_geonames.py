#!/usr/bin/env python3
"""Synthetic GeoNames dump generator for the scale benchmark of `toponym build`.

No real `allCountries.txt` (13 M rows, ~1.6 GB) is reachable on the benchmark machines, so
this script writes files with the same *shape* and roughly the same *size distribution* as the
GeoNames dumps (https://download.geonames.org/export/dump/, see its readme.txt), for timing and
memory measurements of the gazetteer build at full scale. The content is invented; nothing here
is real geography, and the output is not meant to be resolved against.

Files written into `--out DIR`:

  allCountries.txt      the 19-column `geoname` table, sorted by increasing geonameid
  alternateNamesV2.txt  the 10-column alternate-name table, sorted by alternateNameId
  admin1CodesASCII.txt  `CC.A1  name  asciiname  geonameid` for every generated ADM1 row
  admin2Codes.txt       `CC.A1.A2  name  asciiname  geonameid` for every generated ADM2 row
  hierarchy.txt         `parentId  childId  ADM`: PCLI->ADM1, ADM1->ADM2, ADM2->some PPL
  allCountries.zip, alternateNamesV2.zip   with --zip, as GeoNames distributes them

What is mimicked, because it matters to a build's speed and memory:
  * the feature-class mix (~40 % P, 20 % H, 20 % T, 10 % S, 5 % L, 3 % A, 2 % V/R/U) and the
    common feature codes of each class;
  * name length and shape (syllable-based invented words, multi-word "Lake X", "X River",
    "San X", hyphens, apostrophes, ~9 % with non-ASCII Latin letters), asciiname = ASCII fold;
  * heavy name duplication: names are drawn from a Zipf-Mandelbrot distribution over a pool, so
    the commonest names repeat thousands of times at 13 M rows (like "San Jose", "Mill Creek");
  * a skewed country distribution over 250 codes (US ~ 1/6 of all rows), per-country admin1
    codes "01".."30", numeric admin2 codes, timezones of the country;
  * Pareto-like populations (mostly 0; a few cities in the millions);
  * alternate names skewed towards countries, capitals and big cities, with the pseudo-language
    codes (link ~15 %, post ~10 %, wkdt, iata, icao, faac, abbr, unlc), non-Latin scripts
    (Cyrillic, CJK, kana, Hangul, Arabic, Hebrew, Greek, Armenian, Georgian) transliterated
    from the invented Latin names, ~2 % historic names, some from/to years;
  * alternate-name rows are *not* ordered by geonameid (as in the real file, where names were
    added in waves): each row goes to one of 64 "eras" and the eras are concatenated;
  * the `alternatenames` column of allCountries.txt is the sorted, comma-separated set of the
    place's own alternate names (minus links, postcodes, Wikidata ids and UN/LOCODEs), capped
    at 10,000 characters, so the two files agree.
  * sizes: ~114 bytes per allCountries row (real: ~123) and ~43 per alternate name (real: ~44).

Performance: one streaming pass writes allCountries.txt, hierarchy.txt and the alternate-name
eras (temporary files in DIR) together, then the eras are joined; with --zip, background
threads deflate each file while it is written. Nothing grows with the row count except the
admin tables (a few tens of thousands of units) and bounded caches. Measured on a 2-core VM
(with a cargo build running alongside): 13 M places + 13 M alternate names + both zips in
6.5 min, peak RSS ~410 MB. The zips come out at ~40 % of the text (real dumps: ~25 %), as
invented names and random coordinates compress worse than real data.

Output, zips included, is deterministic for a given (--places, --alternate-names, --seed): one
random.Random plus a SplitMix64 hash for names; no set/dict iteration order or str hash()
reaches the output.

Usage:
  python3 benches/scale/gen_geonames.py --places 13000000 --out /tmp/geonames-synth --zip
  python3 benches/scale/gen_geonames.py --places 20000 --alternate-names 30000 --out DIR --seed 7

Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import functools
import math
import os
import queue
import random
import sys
import threading
import time
import unicodedata
import zipfile
from urllib.parse import quote

# ---------------------------------------------------------------------------------------------
# Static tables
# ---------------------------------------------------------------------------------------------

# ISO 3166 code, rough centre (lat lon), up to four timezones. Derived from tzdata's zone.tab
# (the first zone's city as the centre; hand-picked centres and zones for the big countries),
# plus BV, HM and GeoNames' XK (Kosovo).
COUNTRY_TABLE = """
AD 42.5 1.5 Europe/Andorra
AE 25.3 55.3 Asia/Dubai
AF 34.5 69.2 Asia/Kabul
AG 17.1 -61.8 America/Antigua
AI 18.2 -63.1 America/Anguilla
AL 41.3 19.8 Europe/Tirane
AM 40.2 44.5 Asia/Yerevan
AO -8.8 13.2 Africa/Luanda
AQ -75.3 0.0 Antarctica/McMurdo Antarctica/Casey
AR -38.4 -63.6 America/Argentina/Buenos_Aires America/Argentina/Cordoba America/Argentina/Salta
AS -14.3 -170.7 Pacific/Pago_Pago
AT 48.2 16.3 Europe/Vienna
AU -25.3 133.8 Australia/Sydney Australia/Perth Australia/Brisbane Australia/Adelaide
AW 12.5 -70.0 America/Aruba
AX 60.1 19.9 Europe/Mariehamn
AZ 40.4 49.9 Asia/Baku
BA 43.9 18.4 Europe/Sarajevo
BB 13.1 -59.6 America/Barbados
BD 23.7 90.4 Asia/Dhaka
BE 50.8 4.3 Europe/Brussels
BF 12.4 -1.5 Africa/Ouagadougou
BG 42.7 23.3 Europe/Sofia
BH 26.4 50.6 Asia/Bahrain
BI -3.4 29.4 Africa/Bujumbura
BJ 6.5 2.6 Africa/Porto-Novo
BL 17.9 -62.9 America/St_Barthelemy
BM 32.3 -64.8 Atlantic/Bermuda
BN 4.9 114.9 Asia/Brunei
BO -16.5 -68.2 America/La_Paz
BQ 12.2 -68.3 America/Kralendijk
BR -10.3 -53.2 America/Sao_Paulo America/Manaus America/Fortaleza America/Belem
BS 25.1 -77.3 America/Nassau
BT 27.5 89.7 Asia/Thimphu
BV -54.4 3.4 Europe/Oslo
BW -24.6 25.9 Africa/Gaborone
BY 53.9 27.6 Europe/Minsk
BZ 17.5 -88.2 America/Belize
CA 56.1 -106.3 America/Toronto America/Vancouver America/Winnipeg America/Edmonton
CC -12.2 96.9 Indian/Cocos
CD -4.3 15.3 Africa/Kinshasa Africa/Lubumbashi
CF 4.4 18.6 Africa/Bangui
CG -4.3 15.3 Africa/Brazzaville
CH 47.4 8.5 Europe/Zurich
CI 5.3 -4.0 Africa/Abidjan
CK -21.2 -159.8 Pacific/Rarotonga
CL -35.7 -71.5 America/Santiago
CM 4.0 9.7 Africa/Douala
CN 35.9 104.2 Asia/Shanghai Asia/Urumqi
CO 4.6 -74.1 America/Bogota
CR 9.9 -84.1 America/Costa_Rica
CU 23.1 -82.4 America/Havana
CV 14.9 -23.5 Atlantic/Cape_Verde
CW 12.2 -69.0 America/Curacao
CX -10.4 105.7 Indian/Christmas
CY 35.2 33.4 Asia/Nicosia Asia/Famagusta
CZ 50.1 14.4 Europe/Prague
DE 51.2 10.4 Europe/Berlin
DJ 11.6 43.1 Africa/Djibouti
DK 55.7 12.6 Europe/Copenhagen
DM 15.3 -61.4 America/Dominica
DO 18.5 -69.9 America/Santo_Domingo
DZ 36.8 3.0 Africa/Algiers
EC -2.2 -79.8 America/Guayaquil Pacific/Galapagos
EE 59.4 24.8 Europe/Tallinn
EG 30.1 31.2 Africa/Cairo
EH 27.1 -13.2 Africa/El_Aaiun
ER 15.3 38.9 Africa/Asmara
ES 40.4 -3.7 Europe/Madrid Africa/Ceuta Atlantic/Canary
ET 9.0 38.7 Africa/Addis_Ababa
FI 60.2 25.0 Europe/Helsinki
FJ -18.1 178.4 Pacific/Fiji
FK -51.7 -57.9 Atlantic/Stanley
FM 7.4 151.8 Pacific/Chuuk Pacific/Pohnpei Pacific/Kosrae
FO 62.0 -6.8 Atlantic/Faroe
FR 46.6 2.2 Europe/Paris
GA 0.4 9.4 Africa/Libreville
GB 51.5 -0.1 Europe/London
GD 12.1 -61.8 America/Grenada
GE 41.7 44.8 Asia/Tbilisi
GF 4.9 -52.3 America/Cayenne
GG 49.5 -2.5 Europe/Guernsey
GH 5.5 -0.2 Africa/Accra
GI 36.1 -5.3 Europe/Gibraltar
GL 71.7 -42.6 America/Nuuk
GM 13.5 -16.6 Africa/Banjul
GN 9.5 -13.7 Africa/Conakry
GP 16.2 -61.5 America/Guadeloupe
GQ 3.8 8.8 Africa/Malabo
GR 38.0 23.7 Europe/Athens
GS -54.3 -36.5 Atlantic/South_Georgia
GT 14.6 -90.5 America/Guatemala
GU 13.5 144.8 Pacific/Guam
GW 11.8 -15.6 Africa/Bissau
GY 6.8 -58.2 America/Guyana
HK 22.3 114.2 Asia/Hong_Kong
HM -53.1 73.5 Indian/Kerguelen
HN 14.1 -87.2 America/Tegucigalpa
HR 45.8 16.0 Europe/Zagreb
HT 18.5 -72.3 America/Port-au-Prince
HU 47.5 19.1 Europe/Budapest
ID -2.5 118.0 Asia/Jakarta Asia/Makassar Asia/Jayapura Asia/Pontianak
IE 53.3 -6.2 Europe/Dublin
IL 31.8 35.2 Asia/Jerusalem
IM 54.1 -4.5 Europe/Isle_of_Man
IN 21.0 78.0 Asia/Kolkata
IO -7.3 72.4 Indian/Chagos
IQ 33.4 44.4 Asia/Baghdad
IR 32.4 53.7 Asia/Tehran
IS 64.2 -21.9 Atlantic/Reykjavik
IT 41.9 12.5 Europe/Rome
JE 49.2 -2.1 Europe/Jersey
JM 18.0 -76.8 America/Jamaica
JO 31.9 35.9 Asia/Amman
JP 35.6 139.7 Asia/Tokyo
KE -1.3 36.8 Africa/Nairobi
KG 42.9 74.6 Asia/Bishkek
KH 11.6 104.9 Asia/Phnom_Penh
KI 1.4 173.0 Pacific/Tarawa Pacific/Kanton Pacific/Kiritimati
KM -11.7 43.3 Indian/Comoro
KN 17.3 -62.7 America/St_Kitts
KP 39.0 125.8 Asia/Pyongyang
KR 37.5 127.0 Asia/Seoul
KW 29.3 48.0 Asia/Kuwait
KY 19.3 -81.4 America/Cayman
KZ 48.0 66.9 Asia/Almaty Asia/Aqtobe Asia/Qyzylorda
LA 18.0 102.6 Asia/Vientiane
LB 33.9 35.5 Asia/Beirut
LC 14.0 -61.0 America/St_Lucia
LI 47.1 9.5 Europe/Vaduz
LK 6.9 79.8 Asia/Colombo
LR 6.3 -10.8 Africa/Monrovia
LS -29.5 27.5 Africa/Maseru
LT 54.7 25.3 Europe/Vilnius
LU 49.6 6.2 Europe/Luxembourg
LV 57.0 24.1 Europe/Riga
LY 32.9 13.2 Africa/Tripoli
MA 33.6 -7.6 Africa/Casablanca
MC 43.7 7.4 Europe/Monaco
MD 47.0 28.8 Europe/Chisinau
ME 42.4 19.3 Europe/Podgorica
MF 18.1 -63.1 America/Marigot
MG -18.9 47.5 Indian/Antananarivo
MH 7.2 171.2 Pacific/Majuro Pacific/Kwajalein
MK 42.0 21.4 Europe/Skopje
ML 12.7 -8.0 Africa/Bamako
MM 16.8 96.2 Asia/Yangon
MN 47.9 106.9 Asia/Ulaanbaatar Asia/Hovd
MO 22.2 113.5 Asia/Macau
MP 15.2 145.8 Pacific/Saipan
MQ 14.6 -61.1 America/Martinique
MR 18.1 -15.9 Africa/Nouakchott
MS 16.7 -62.2 America/Montserrat
MT 35.9 14.5 Europe/Malta
MU -20.2 57.5 Indian/Mauritius
MV 4.2 73.5 Indian/Maldives
MW -15.8 35.0 Africa/Blantyre
MX 23.6 -102.6 America/Mexico_City America/Monterrey America/Hermosillo America/Tijuana
MY 3.2 101.7 Asia/Kuala_Lumpur Asia/Kuching
MZ -26.0 32.6 Africa/Maputo
NA -22.6 17.1 Africa/Windhoek
NC -22.3 166.4 Pacific/Noumea
NE 13.5 2.1 Africa/Niamey
NF -29.1 168.0 Pacific/Norfolk
NG 6.5 3.4 Africa/Lagos
NI 12.2 -86.3 America/Managua
NL 52.4 4.9 Europe/Amsterdam
NO 64.5 12.0 Europe/Oslo
NP 27.7 85.3 Asia/Kathmandu
NR -0.5 166.9 Pacific/Nauru
NU -19.0 -169.9 Pacific/Niue
NZ -36.9 174.8 Pacific/Auckland Pacific/Chatham
OM 23.6 58.6 Asia/Muscat
PA 9.0 -79.5 America/Panama
PE -12.1 -77.0 America/Lima
PF -17.5 -149.6 Pacific/Tahiti Pacific/Marquesas Pacific/Gambier
PG -9.5 147.2 Pacific/Port_Moresby Pacific/Bougainville
PH 14.6 121.0 Asia/Manila
PK 24.9 67.0 Asia/Karachi
PL 52.2 21.0 Europe/Warsaw
PM 47.0 -56.3 America/Miquelon
PN -25.1 -130.1 Pacific/Pitcairn
PR 18.5 -66.1 America/Puerto_Rico
PS 31.5 34.5 Asia/Gaza Asia/Hebron
PT 38.7 -9.1 Europe/Lisbon Atlantic/Madeira Atlantic/Azores
PW 7.3 134.5 Pacific/Palau
PY -25.3 -57.7 America/Asuncion
QA 25.3 51.5 Asia/Qatar
RE -20.9 55.5 Indian/Reunion
RO 44.4 26.1 Europe/Bucharest
RS 44.8 20.5 Europe/Belgrade
RU 61.5 90.0 Europe/Moscow Asia/Yekaterinburg Asia/Novosibirsk Asia/Vladivostok
RW -1.9 30.1 Africa/Kigali
SA 24.6 46.7 Asia/Riyadh
SB -9.5 160.2 Pacific/Guadalcanal
SC -4.7 55.5 Indian/Mahe
SD 15.6 32.5 Africa/Khartoum
SE 59.3 18.1 Europe/Stockholm
SG 1.3 103.8 Asia/Singapore
SH -15.9 -5.7 Atlantic/St_Helena
SI 46.0 14.5 Europe/Ljubljana
SJ 78.0 16.0 Arctic/Longyearbyen
SK 48.1 17.1 Europe/Bratislava
SL 8.5 -13.2 Africa/Freetown
SM 43.9 12.5 Europe/San_Marino
SN 14.7 -17.4 Africa/Dakar
SO 2.1 45.4 Africa/Mogadishu
SR 5.8 -55.2 America/Paramaribo
SS 4.8 31.6 Africa/Juba
ST 0.3 6.7 Africa/Sao_Tome
SV 13.7 -89.2 America/El_Salvador
SX 18.1 -63.0 America/Lower_Princes
SY 33.5 36.3 Asia/Damascus
SZ -26.3 31.1 Africa/Mbabane
TC 21.5 -71.1 America/Grand_Turk
TD 12.1 15.1 Africa/Ndjamena
TF -49.4 70.2 Indian/Kerguelen
TG 6.1 1.2 Africa/Lome
TH 13.8 100.5 Asia/Bangkok
TJ 38.6 68.8 Asia/Dushanbe
TK -9.4 -171.2 Pacific/Fakaofo
TL -8.6 125.6 Asia/Dili
TM 38.0 58.4 Asia/Ashgabat
TN 36.8 10.2 Africa/Tunis
TO -21.1 -175.2 Pacific/Tongatapu
TR 41.0 29.0 Europe/Istanbul
TT 10.7 -61.5 America/Port_of_Spain
TV -8.5 179.2 Pacific/Funafuti
TW 25.1 121.5 Asia/Taipei
TZ -6.8 39.3 Africa/Dar_es_Salaam
UA 45.0 34.1 Europe/Simferopol Europe/Kyiv
UG 0.3 32.4 Africa/Kampala
UM 28.2 -177.4 Pacific/Midway Pacific/Wake
US 39.8 -98.6 America/New_York America/Chicago America/Denver America/Los_Angeles
UY -34.9 -56.2 America/Montevideo
UZ 39.7 66.8 Asia/Samarkand Asia/Tashkent
VA 41.9 12.4 Europe/Vatican
VC 13.2 -61.2 America/St_Vincent
VE 10.5 -66.9 America/Caracas
VG 18.4 -64.6 America/Tortola
VI 18.4 -64.9 America/St_Thomas
VN 10.8 106.7 Asia/Ho_Chi_Minh
VU -17.7 168.4 Pacific/Efate
WF -13.3 -176.2 Pacific/Wallis
WS -13.8 -171.7 Pacific/Apia
XK 42.6 21.0 Europe/Belgrade
YE 12.8 45.2 Asia/Aden
YT -12.8 45.2 Indian/Mayotte
ZA -26.2 28.0 Africa/Johannesburg
ZM -15.4 28.3 Africa/Lusaka
ZW -17.8 31.1 Africa/Harare
"""

# The countries with the most GeoNames rows, in roughly that order; the rest follow in code
# order. Country weights fall off as 1/(rank+2)^1.25, which gives the US ~17 % of the rows.
BIG_COUNTRIES = ("US CN IN NO MX ID RU CA IR FR DE AU BR PK TH KR NP PH KE CO JP ES IT GB TR "
                 "AF VN PE MA DZ").split()

# Feature classes of the non-fixed rows, with their share (percent). Class A's share is reduced
# by the fixed admin rows (PCLI/ADM1/ADM2) at run time.
CLASS_WEIGHTS = {"P": 40, "H": 20, "T": 20, "S": 10, "L": 5, "A": 3,
                 "V": 1, "R": 0.5, "U": 0.5}

# Feature codes per class: (code, weight, name family). PPLC (one per country) and PPLA (one
# per ADM1), PCLI, ADM1 and ADM2 are "fixed" rows created from the admin structure instead.
FEATURE_CODES = {
    "P": [("PPL", 78, "ppl"), ("PPLX", 6, "ppl"), ("PPLL", 4, "ppl"), ("PPLA4", 2, "ppl"),
          ("PPLA3", 2, "ppl"), ("PPLA2", 1.5, "ppl"), ("PPLQ", 1, "ppl"), ("PPLH", 1, "ppl"),
          ("PPLF", 0.8, "ppl"), ("PPLW", 0.6, "ppl"), ("PPLS", 0.6, "ppl"),
          ("PPLR", 0.4, "ppl")],
    "H": [("STM", 44, "stream"), ("STMI", 6, "stream"), ("STMX", 2, "stream"),
          ("LK", 10, "lake"), ("LKS", 2, "lake"), ("RSV", 4, "lake"), ("PND", 4, "lake"),
          ("SPNG", 6, "spring"), ("WLL", 5, "spring"), ("CNL", 3, "water"), ("BAY", 2, "water"),
          ("SWMP", 2, "water"), ("WAD", 2, "stream"), ("COVE", 1, "water"), ("LGN", 1, "water"),
          ("DTCH", 1, "water"), ("INLT", 1, "water"), ("FLLS", 1, "water"),
          ("MRSH", 1, "water"), ("GLCR", 0.5, "water")],
    "T": [("MT", 28, "mount"), ("HLL", 24, "hill"), ("PK", 7, "mount"), ("ISL", 6, "island"),
          ("VAL", 6, "terrain"), ("HLLS", 4, "hill"), ("RDGE", 4, "terrain"),
          ("MTS", 4, "mount"), ("PASS", 3, "terrain"), ("CAPE", 3, "terrain"),
          ("PT", 3, "terrain"), ("SPUR", 2, "terrain"), ("CLF", 1, "terrain"),
          ("PLN", 1, "terrain"), ("DPR", 1, "terrain"), ("BCH", 1, "terrain"),
          ("ISLS", 1, "island"), ("CNYN", 1, "terrain"), ("SAND", 0.5, "terrain"),
          ("MESA", 0.5, "terrain"), ("GAP", 0.5, "terrain")],
    "S": [("SCH", 24, "school"), ("CH", 18, "church"), ("FRM", 12, "farm"),
          ("HTL", 10, "hotel"), ("CMTY", 6, "cemetery"), ("BLDG", 5, "spot"),
          ("MSQE", 3, "mosque"), ("AIRP", 2.5, "airport"), ("TMPL", 2, "church"),
          ("RSTN", 2, "spot"), ("HSP", 2, "spot"), ("PO", 2, "spot"), ("MUS", 1, "spot"),
          ("MN", 1, "spot"), ("TOWR", 1, "spot"), ("RSRT", 1, "hotel"),
          ("AIRF", 0.5, "airport"), ("STDM", 0.5, "spot"), ("MALL", 0.5, "spot"),
          ("BDG", 1, "spot"), ("MNMT", 0.5, "spot"), ("RECG", 1, "spot"),
          ("CSTL", 0.5, "spot")],
    "L": [("LCTY", 35, "generic"), ("AREA", 18, "generic"), ("PRK", 12, "park"),
          ("RESF", 6, "park"), ("RES", 5, "park"), ("FLD", 7, "generic"),
          ("GRAZ", 3, "generic"), ("RGN", 4, "generic"), ("PRT", 2, "generic"),
          ("CST", 2, "generic"), ("OILF", 1, "generic"), ("MILB", 1, "generic"),
          ("INDS", 1, "generic"), ("CTRB", 1, "generic")],
    "A": [("ADM3", 45, "admin"), ("ADM4", 35, "admin"), ("ADMD", 10, "admin"),
          ("ADM5", 3, "admin"), ("ADM2H", 3, "admin"), ("ADM3H", 2, "admin"),
          ("ADM1H", 1, "admin"), ("ZN", 0.5, "admin"), ("PCLH", 0.2, "admin")],
    "V": [("FRST", 60, "forest"), ("GRSLD", 10, "generic"), ("SCRB", 8, "generic"),
          ("CULT", 6, "generic"), ("VIN", 5, "generic"), ("ORCH", 5, "generic"),
          ("TREE", 3, "generic"), ("WDLD", 3, "forest")],
    "R": [("RD", 40, "road"), ("TRL", 15, "road"), ("ST", 15, "road"), ("RR", 15, "road"),
          ("TNL", 10, "road"), ("RDJCT", 5, "road")],
    "U": [("SMU", 25, "undersea"), ("BNKU", 15, "undersea"), ("RDGU", 15, "undersea"),
          ("CNYU", 15, "undersea"), ("HLLU", 10, "undersea"), ("KNLU", 10, "undersea"),
          ("DPU", 5, "undersea"), ("TRGU", 5, "undersea")],
}

# Name patterns per family: "{0}" and "{1}" are invented words. Weights are relative.
NAME_PATTERNS = {
    "ppl": [("{0}", 60), ("{0} {1}", 7), ("{0}-{1}", 3), ("San {0}", 3), ("Santa {0}", 2),
            ("Saint-{0}", 2), ("New {0}", 1), ("{0}ville", 2), ("{0}burg", 2), ("{0}pur", 2),
            ("{0}abad", 1), ("{0} City", 1), ("Bad {0}", 0.5), ("Nowa {0}", 0.5),
            ("Kampung {0}", 1.5), ("Ban {0}", 1.5), ("Ust'-{0}", 0.3), ("{0}'s Corner", 0.3),
            ("Port {0}", 0.5), ("{0} Springs", 0.5), ("Sidi {0}", 0.5), ("Al {0}", 1),
            ("Dorf {0}", 0.3), ("{0} Heights", 0.5), ("Villa {0}", 0.5), ("Nueva {0}", 0.5)],
    "stream": [("{0} River", 15), ("{0} Creek", 15), ("Rio {0}", 4), ("Río {0}", 2),
               ("{0} Brook", 3), ("Ruisseau {0}", 2), ("{0}bach", 3), ("Sungai {0}", 3),
               ("Nahr {0}", 1), ("Wadi {0}", 2), ("Arroyo {0}", 2), ("Quebrada {0}", 2),
               ("{0} Run", 1), ("{0} Branch", 1), ("{0}", 15), ("Rivière {0}", 1),
               ("{0} Fork", 1), ("{0}joki", 1), ("Khor {0}", 1), ("Ruisseau de {0}", 1)],
    "lake": [("Lake {0}", 8), ("{0} Lake", 8), ("Lac {0}", 2), ("{0} Pond", 3),
             ("{0} Reservoir", 2), ("Laguna {0}", 2), ("{0}see", 1), ("Ozero {0}", 1),
             ("{0}järvi", 1), ("{0} Tank", 1), ("{0}", 6), ("Lago {0}", 2), ("Embalse {0}", 1)],
    "spring": [("{0} Spring", 5), ("{0} Springs", 2), ("{0} Well", 3), ("Bir {0}", 2),
               ("Ain {0}", 2), ("Fuente {0}", 1), ("{0}", 4), ("Chashmeh-ye {0}", 1)],
    "water": [("{0} Bay", 3), ("{0} Canal", 3), ("{0} Swamp", 2), ("{0} Cove", 1),
              ("{0} Ditch", 1), ("{0} Falls", 1), ("{0} Glacier", 1), ("{0}", 6),
              ("Baie {0}", 1), ("{0} Marsh", 1), ("Teluk {0}", 1)],
    "mount": [("Mount {0}", 8), ("{0} Mountain", 6), ("{0} Peak", 3), ("Pic {0}", 1),
              ("Monte {0}", 2), ("Cerro {0}", 3), ("Jabal {0}", 2), ("Gunung {0}", 2),
              ("{0}berg", 2), ("Gora {0}", 1), ("{0}", 10), ("Kuh-e {0}", 1),
              ("{0} Mountains", 1), ("Sierra {0}", 1), ("{0}tepe", 1)],
    "hill": [("{0} Hill", 10), ("{0} Hills", 2), ("Bukit {0}", 2), ("Loma {0}", 2),
             ("{0}", 8), ("Tall {0}", 1), ("Colline {0}", 1), ("{0} Knob", 1),
             ("{0} Butte", 1), ("{0}hügel", 0.5)],
    "island": [("{0} Island", 6), ("Isla {0}", 3), ("Île {0}", 1), ("Pulau {0}", 2),
               ("{0} Islands", 1), ("{0}", 6), ("Ilha {0}", 1), ("{0}øya", 0.5)],
    "terrain": [("{0} Valley", 4), ("{0} Ridge", 4), ("{0} Pass", 2), ("Cape {0}", 2),
                ("{0} Point", 3), ("Punta {0}", 2), ("{0} Canyon", 2), ("{0} Plain", 1),
                ("{0}", 12), ("Col de {0}", 1), ("Valle {0}", 1), ("{0} Gap", 1)],
    "school": [("{0} School", 10), ("{0} Elementary School", 4), ("{0} High School", 2),
               ("Escuela {0}", 3), ("{0} Primary School", 3), ("Sekolah {0}", 1),
               ("École {0}", 1), ("{0} Middle School", 1), ("{0} Academy", 1),
               ("Saint {0} School", 1)],
    "church": [("{0} Church", 6), ("Saint {0} Church", 3), ("Saint {0}'s Church", 2),
               ("Iglesia {0}", 2), ("Église Saint-{0}", 1), ("{0} Baptist Church", 2),
               ("{0} Temple", 2), ("Wat {0}", 2), ("{0} Chapel", 1), ("Kirche {0}", 1),
               ("First {0} Church", 1)],
    "farm": [("{0} Farm", 8), ("{0} Ranch", 3), ("Fazenda {0}", 2), ("Hacienda {0}", 2),
             ("Estancia {0}", 2), ("{0}", 6), ("{0}gård", 1), ("Ferme {0}", 1)],
    "hotel": [("Hotel {0}", 6), ("{0} Hotel", 4), ("{0} Inn", 2), ("{0} Resort", 1),
              ("{0} Lodge", 1), ("Hôtel {0}", 1), ("{0} Guest House", 1)],
    "cemetery": [("{0} Cemetery", 8), ("Cimetière de {0}", 1), ("Cementerio {0}", 1),
                 ("{0} Memorial Gardens", 1), ("Friedhof {0}", 1)],
    "mosque": [("{0} Mosque", 3), ("Masjid {0}", 3), ("Jami {0}", 1), ("Mesquita {0}", 0.5)],
    "airport": [("{0} Airport", 6), ("{0} International Airport", 2), ("{0} Airstrip", 2),
                ("Aeropuerto {0}", 1), ("{0} Airfield", 1), ("Aérodrome de {0}", 0.5)],
    "spot": [("{0} Building", 2), ("{0} Station", 3), ("{0} Hospital", 2),
             ("{0} Post Office", 2), ("{0} Museum", 1), ("{0} Mine", 1), ("{0} Tower", 1),
             ("{0}", 4), ("{0} Bridge", 1), ("{0} Stadium", 0.5), ("{0} Mall", 0.5),
             ("{0} Castle", 0.5), ("Estación {0}", 0.5), ("{0} Golf Club", 0.5)],
    "generic": [("{0}", 20), ("{0} Area", 2), ("{0} Field", 2), ("{0} Region", 1),
                ("{0} Beach", 1), ("{0} Locality", 0.5), ("El {0}", 2), ("La {0}", 2),
                ("Los {0}", 1), ("{0} Oil Field", 0.5), ("{0} Industrial Area", 0.5)],
    "park": [("{0} Park", 8), ("{0} State Park", 1), ("{0} National Park", 1),
             ("{0} Reserve", 3), ("{0} Forest Reserve", 2), ("{0} Indian Reservation", 0.5),
             ("Parque {0}", 1), ("{0} Wildlife Refuge", 0.5)],
    "admin": [("{0}", 30), ("{0} County", 4), ("{0} Province", 2), ("Provincia de {0}", 2),
              ("{0} District", 4), ("Municipio de {0}", 3), ("Gmina {0}", 1),
              ("{0}skiy Rayon", 1), ("Kabupaten {0}", 1), ("Canton de {0}", 1),
              ("Commune de {0}", 1), ("Kecamatan {0}", 2), ("Barangay {0}", 2),
              ("Township of {0}", 1), ("{0} Oblast", 0.5)],
    "forest": [("{0} Forest", 6), ("{0} Woods", 3), ("Bosque {0}", 1), ("{0}", 4),
               ("{0} National Forest", 0.5), ("Forêt de {0}", 0.5)],
    "road": [("{0} Road", 6), ("{0} Trail", 3), ("{0} Street", 3), ("{0} Tunnel", 1),
             ("{0} Railroad", 1), ("{0} Junction", 1), ("Carretera {0}", 0.5)],
    "undersea": [("{0} Seamount", 5), ("{0} Bank", 3), ("{0} Ridge", 3), ("{0} Canyon", 3),
                 ("{0} Knoll", 2), ("{0} Trough", 1), ("{0} Deep", 1), ("{0} Hill", 1)],
    "country": [("{0}", 6), ("Republic of {0}", 2), ("Kingdom of {0}", 1),
                ("{0} Islands", 0.5), ("Federal Republic of {0}", 0.3)],
}
FAMILIES = sorted(NAME_PATTERNS)
FAMILY_INDEX = {f: i for i, f in enumerate(FAMILIES)}

# Syllables of invented words. Repeated entries weight the choice.
ONSETS = ("b c d f g h j k l m n p r s t v w y z br tr st ch sh kr gr pl th dr "
          "b d g k l m n r s t b k m n r s t l").split() + [""] * 6
NUCLEI = "a a a a e e e i i i o o o u u ai ou ea ia y au ei".split()
CODAS_INNER = [""] * 10 + "n r l s m".split()
CODAS_FINAL = [""] * 7 + "n n r r l s s m k t ng rd nt st sk".split()
SYLLABLE_COUNTS = [1] * 2 + [2] * 6 + [3] * 5 + [4] * 3           # 16 entries
# Non-ASCII Latin letters sprinkled into ~18 % of words: (ASCII letter, replacement).
DIACRITICS = [("e", "é"), ("u", "ü"), ("o", "ö"), ("a", "á"), ("a", "ä"), ("e", "ə"),
              ("l", "ł"), ("n", "ñ"), ("c", "ç"), ("s", "ş"), ("i", "ı"), ("z", "ž"),
              ("a", "ã"), ("o", "ø"), ("e", "è"), ("s", "š"), ("o", "ó"), ("i", "í"),
              ("a", "å"), ("g", "ğ"), ("c", "č"), ("e", "ē"), ("u", "ú"), ("a", "ạ")]

# Letters whose NFKD decomposition is not a plain ASCII letter + marks.
FOLD_SPECIAL = {"ə": "a", "ł": "l", "ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe",
                "đ": "d", "ʼ": "'", "’": "'"}

# Language codes of alternate names (weights) and their script. Unlisted codes are Latin.
NAME_LANGS = [("en", 14), ("ru", 8), ("de", 5), ("fr", 5), ("es", 4), ("zh", 5), ("ja", 4),
              ("ar", 4), ("it", 3), ("pt", 3), ("pl", 2), ("nl", 2), ("uk", 2), ("tr", 2),
              ("fa", 2), ("ko", 2), ("hy", 1.5), ("ka", 1.5), ("az", 1.5), ("el", 1),
              ("he", 1), ("be", 1), ("bg", 1), ("sr", 1), ("kk", 0.5), ("sv", 1), ("fi", 1),
              ("cs", 1), ("ro", 1), ("id", 1), ("vi", 1), ("eo", 1), ("ca", 1), ("la", 0.5),
              ("eu", 0.5), ("ceb", 0.7), ("war", 0.3), ("arz", 0.5), ("ast", 0.3),
              ("yue", 0.3), ("nds", 0.3), ("hu", 0.7), ("lt", 0.5), ("lv", 0.5), ("sk", 0.5)]
LANG_SCRIPT = {"ru": "cyrl", "uk": "cyrl", "be": "cyrl", "bg": "cyrl", "sr": "cyrl",
               "kk": "cyrl", "zh": "hani", "yue": "hani", "ja": "kana", "ko": "hang",
               "ar": "arab", "fa": "arab", "arz": "arab", "he": "hebr", "el": "grek",
               "hy": "armn", "ka": "geor"}
WIKI_LANGS = [("en", 70), ("de", 5), ("fr", 5), ("es", 4), ("ru", 4), ("it", 3), ("pl", 2),
              ("nl", 2), ("ja", 2), ("pt", 2), ("sv", 1)]

# Kinds of alternate-name rows per feature class (weights). "name" is a language-tagged
# name, "local" an untagged variant, "hist" a historic name; the rest are GeoNames'
# pseudo-language codes. Overall this gives ~15 % link and ~10 % post.
ALT_KINDS_P = [("name", 44), ("local", 18), ("link", 13), ("post", 15), ("wkdt", 4),
               ("hist", 2.5), ("unlc", 0.8), ("iata", 0.3), ("abbr", 0.4), ("icao", 0.1)]
ALT_KINDS_A = [("name", 46), ("local", 10), ("link", 26), ("post", 2), ("wkdt", 7),
               ("hist", 4), ("abbr", 3), ("unlc", 0.3)]
ALT_KINDS_S = [("name", 36), ("local", 22), ("link", 14), ("post", 3), ("wkdt", 6),
               ("hist", 1), ("iata", 6), ("icao", 7), ("faac", 4), ("abbr", 1)]
ALT_KINDS_OTHER = [("name", 42), ("local", 28), ("link", 19), ("wkdt", 7), ("hist", 2),
                   ("abbr", 0.5), ("post", 1)]
# Kinds that do not go into allCountries' `alternatenames` column.
NOT_IN_COLUMN = frozenset(("link", "post", "wkdt"))

# Generic words translated in Latin-script alternate names.
GENERIC_WORDS = {
    "River": {"de": "Fluss", "fr": "Rivière", "es": "Río", "it": "Fiume", "pt": "Rio",
              "pl": "Rzeka", "tr": "Nehri", "nl": "Rivier", "sv": "Älv", "fi": "Joki"},
    "Lake": {"de": "See", "fr": "Lac", "es": "Lago", "it": "Lago", "pt": "Lago",
             "pl": "Jezioro", "tr": "Gölü", "nl": "Meer", "sv": "Sjön", "fi": "Järvi"},
    "Mount": {"de": "Berg", "fr": "Mont", "es": "Monte", "it": "Monte", "pt": "Monte",
              "pl": "Góra", "tr": "Dağı", "nl": "Berg", "cs": "Hora"},
    "Island": {"de": "Insel", "fr": "Île", "es": "Isla", "it": "Isola", "pt": "Ilha",
               "pl": "Wyspa", "tr": "Adası", "nl": "Eiland"},
    "Saint": {"fr": "Saint", "es": "San", "it": "San", "pt": "São", "de": "Sankt",
              "pl": "Święty", "en": "St."},
    "San": {"en": "Saint", "fr": "Saint", "de": "Sankt", "pt": "São"},
    "Province": {"de": "Provinz", "fr": "Province", "es": "Provincia", "it": "Provincia",
                 "pl": "Prowincja", "tr": "İli"},
    "District": {"de": "Bezirk", "fr": "District", "es": "Distrito", "pl": "Powiat",
                 "tr": "İlçesi", "ru": "Rayon"},
    "School": {"de": "Schule", "fr": "École", "es": "Escuela", "pt": "Escola"},
    "Church": {"de": "Kirche", "fr": "Église", "es": "Iglesia", "it": "Chiesa"},
    "Airport": {"de": "Flughafen", "fr": "Aéroport", "es": "Aeropuerto", "it": "Aeroporto",
                "pt": "Aeroporto", "pl": "Port lotniczy", "tr": "Havalimanı"},
    "City": {"es": "Ciudad", "fr": "Ville", "de": "Stadt", "it": "Città"},
}
# Spelling habits of Latin-script languages: (old, new) substitutions, applied once each.
SPELLING = {
    "de": [("c", "k"), ("v", "w"), ("sh", "sch"), ("ch", "tsch"), ("j", "dsch")],
    "fr": [("u", "ou"), ("sh", "ch"), ("k", "c"), ("w", "ou")],
    "es": [("k", "c"), ("sh", "ch"), ("y", "i"), ("w", "gu")],
    "it": [("k", "c"), ("y", "i"), ("sh", "sc")],
    "pt": [("ny", "nh"), ("k", "c"), ("sh", "x")],
    "nl": [("u", "oe"), ("y", "ij"), ("sh", "sj"), ("ch", "tsj")],
    "pl": [("v", "w"), ("sh", "sz"), ("ch", "cz"), ("y", "j"), ("l", "ł")],
    "tr": [("sh", "ş"), ("ch", "ç"), ("i", "ı"), ("g", "ğ")],
    "az": [("a", "ə"), ("sh", "ş"), ("ch", "ç"), ("kh", "x"), ("gh", "ğ")],
    "cs": [("sh", "š"), ("ch", "č"), ("r", "ř"), ("zh", "ž")],
    "sk": [("sh", "š"), ("ch", "č"), ("a", "á")],
    "ro": [("sh", "ș"), ("ts", "ț"), ("a", "ă")],
    "sv": [("a", "å"), ("o", "ö")],
    "fi": [("a", "aa"), ("k", "kk"), ("y", "j")],
    "hu": [("sh", "s"), ("s", "sz"), ("o", "ó"), ("e", "é")],
    "lt": [("sh", "š"), ("ch", "č"), ("o", "as")],
    "lv": [("sh", "š"), ("a", "ā"), ("e", "ē")],
    "vi": [("a", "ạ"), ("o", "ố"), ("e", "ễ"), ("u", "ư")],
    "eo": [("ch", "ĉ"), ("sh", "ŝ"), ("y", "j")],
    "ca": [("y", "i"), ("sh", "x"), ("ch", "tx")],
    "id": [("ch", "c"), ("y", "j"), ("oo", "u")],
}

# Transliteration tables for non-Latin scripts: digraphs first (str.replace), then single
# letters (str.translate). Input is a lower-cased ASCII name.
def _letters(table: str) -> dict[str, str]:
    """Map a..z to the 26 space-separated entries of `table`."""
    out = table.split()
    assert len(out) == 26, table
    return dict(zip("abcdefghijklmnopqrstuvwxyz", out))


CYRL_DIGRAPHS = [("shch", "щ"), ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"),
                 ("ts", "ц"), ("ya", "я"), ("yu", "ю"), ("yo", "ё"), ("ai", "ай"),
                 ("ei", "ей"), ("ou", "оу")]
CYRL_LETTERS = _letters("а б к д е ф г х и й к л м н о п к р с т у в в кс ы з")
GREK_DIGRAPHS = [("th", "θ"), ("ch", "χ"), ("ps", "ψ"), ("ph", "φ"), ("ks", "ξ"),
                 ("ou", "ου"), ("sh", "σ"), ("ai", "αι"), ("ei", "ει")]
GREK_LETTERS = _letters("α β κ δ ε φ γ χ ι τζ κ λ μ ν ο π κ ρ σ τ ου β ου ξ υ ζ")
ARMN_DIGRAPHS = [("kh", "խ"), ("ts", "ծ"), ("dz", "ձ"), ("gh", "ղ"), ("ch", "ճ"),
                 ("sh", "շ"), ("zh", "ժ"), ("ou", "ու")]
ARMN_LETTERS = _letters("ա բ ց դ ե ֆ գ հ ի ջ կ լ մ ն ո պ ք ր ս տ ու վ վ խ յ զ")
GEOR_DIGRAPHS = [("kh", "ხ"), ("ts", "ც"), ("dz", "ძ"), ("gh", "ღ"), ("ch", "ჩ"),
                 ("sh", "შ"), ("zh", "ჟ")]
GEOR_LETTERS = _letters("ა ბ ც დ ე ფ გ ჰ ი ჯ კ ლ მ ნ ო პ ქ რ ს ტ უ ვ ვ ხ ი ზ")
ARAB_DIGRAPHS = [("sh", "ش"), ("kh", "خ"), ("th", "ث"), ("gh", "غ"), ("ch", "تش"),
                 ("dh", "ذ"), ("ou", "و"), ("ai", "اي")]
ARAB_LETTERS = _letters("ا ب ك د ي ف غ ه ي ج ك ل م ن و ب ق ر س ت و ف و كس ي ز")
HEBR_DIGRAPHS = [("sh", "ש"), ("ch", "ח"), ("kh", "ח"), ("ts", "צ"), ("ou", "ו"),
                 ("ai", "יי")]
HEBR_LETTERS = _letters("א ב ק ד א פ ג ה י ג כ ל מ נ ו פ ק ר ס ט ו ו ו קס י ז")
ALPHABETIC_SCRIPTS = {
    "cyrl": (CYRL_DIGRAPHS, str.maketrans(CYRL_LETTERS), True),
    "grek": (GREK_DIGRAPHS, str.maketrans(GREK_LETTERS), True),
    "armn": (ARMN_DIGRAPHS, str.maketrans(ARMN_LETTERS), True),
    "geor": (GEOR_DIGRAPHS, str.maketrans(GEOR_LETTERS), False),
    "arab": (ARAB_DIGRAPHS, str.maketrans(ARAB_LETTERS), False),
    "hebr": (HEBR_DIGRAPHS, str.maketrans(HEBR_LETTERS), False),
}
# Syllabic scripts: a name is cut into consonants+vowel chunks, each becoming one character.
HAN_CHARS = ("阿巴卡达拉马纳萨塔瓦亚哈加扎帕法尔斯克特德尼里利米诺科罗多布格基乌伊埃奥"
             "西韦恩索莫波托洛戈贝佩泰内勒梅赫谢耶兰林山河新")
KANA_ROWS = {"": "アイウエオ", "k": "カキクケコ", "s": "サシスセソ", "t": "タチツテト",
             "n": "ナニヌネノ", "h": "ハヒフヘホ", "m": "マミムメモ", "y": "ヤイユエヨ",
             "r": "ラリルレロ", "w": "ワイウエオ", "g": "ガギグゲゴ", "z": "ザジズゼゾ",
             "d": "ダヂヅデド", "b": "バビブベボ", "p": "パピプペポ"}
KANA_CONSONANT = {"c": "k", "q": "k", "x": "k", "l": "r", "f": "h", "v": "b", "j": "z"}
HANGUL_ONSET = {"g": 0, "k": 15, "n": 2, "d": 3, "t": 16, "r": 5, "l": 5, "m": 6, "b": 7,
                "p": 17, "f": 17, "v": 7, "s": 9, "c": 9, "z": 12, "x": 9, "j": 12,
                "q": 15, "h": 18, "w": 11, "y": 11, "": 11}
HANGUL_VOWEL = {"a": 0, "e": 5, "i": 20, "o": 8, "u": 13, "y": 18}
HANGUL_CODA = {"n": 4, "m": 16, "l": 8, "r": 8, "k": 1, "g": 1, "s": 19, "t": 7, "p": 17}
VOWELS = frozenset("aeiouy")

# Postcode formats: '9' is a digit, 'A' an upper-case letter.
POSTCODE_FORMATS = {"US": "99999", "DE": "99999", "FR": "99999", "ES": "99999",
                    "IT": "99999", "MX": "99999", "IN": "999999", "CN": "999999",
                    "RU": "999999", "CA": "A9A 9A9", "GB": "AA9 9AA", "NL": "9999 AA",
                    "JP": "999-9999", "BR": "99999-999", "PL": "99-999", "PT": "9999-999",
                    "AU": "9999", "NO": "9999", "AT": "9999", "CH": "9999", "BE": "9999",
                    "DK": "9999", "SE": "999 99", "AM": "9999", "AZ": "AZ 9999",
                    "GE": "9999"}

DIGITS = "0123456789"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# ICAO region letter by country (else a letter derived from the code).
ICAO_PREFIX = {"US": "K", "CA": "C", "AU": "Y", "CN": "Z", "RU": "U", "BR": "S", "IN": "V",
               "GB": "E", "DE": "E", "FR": "L", "ES": "L", "IT": "L", "JP": "R", "MX": "M"}

# Real dumps: ~13.1 M geoname rows with ids up to ~13 M (sparser below full scale).
GEONAMEID_SPAN = 13_500_000
ALT_ERAS = 64                  # alternate-name rows are dealt into this many "eras"
CHUNK = 20_000                 # places per write
NAME_POOL = 1_000_000          # names per family that can repeat (Zipf-Mandelbrot ranks)
NAME_POOL_Q = 100.0            # Zipf-Mandelbrot offset: top name ~0.1 % of a family's draws
POOLED_SHARE = 0.55            # share of rows named from the pool (others get a fresh name)
NAME_CACHE = 16_384            # pool ranks below this are cached
FULL_SCALE = 13_000_000        # row count of the real dump (scales the fixed rows' names)

MASK64 = (1 << 64) - 1


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------

def mix64(x: int) -> int:
    """SplitMix64 finaliser: a well-spread 64-bit hash of an integer (names are a pure
    function of (seed, family, key), so a popular name costs nothing to regenerate)."""
    x = (x + 0x9E3779B97F4A7C15) & MASK64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK64
    return x ^ (x >> 31)


def slot_table(pairs, size: int = 4096) -> list:
    """Expand (item, weight) pairs into `size` slots so that `slots[int(random() * size)]`
    picks an item with probability proportional to its weight (to within 1/size). One
    random() and one index per draw: the cheapest weighted choice in pure Python."""
    total = sum(w for _, w in pairs)
    slots: list = []
    acc = 0.0
    for item, w in pairs:
        acc += w
        slots.extend([item] * (round(acc / total * size) - len(slots)))
    return slots


class _FoldTable(dict):
    """str.translate table folding Latin letters to ASCII; fills itself on first use."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if code < 128:
            out = ch
        elif ch in FOLD_SPECIAL:
            out = FOLD_SPECIAL[ch]
        else:
            out = "".join(c for c in unicodedata.normalize("NFKD", ch)
                          if not unicodedata.combining(c))
            if not out.isascii():
                out = ""
        self[code] = out
        return out


_FOLD = _FoldTable()


def ascii_fold(s: str) -> str:
    """GeoNames' `asciiname`: the name with diacritics removed ("Gəncə" -> "Ganca")."""
    return s if s.isascii() else s.translate(_FOLD)


N_ONSETS, N_NUCLEI = len(ONSETS), len(NUCLEI)
N_CODAS_INNER, N_CODAS_FINAL, N_DIACRITICS = len(CODAS_INNER), len(CODAS_FINAL), len(DIACRITICS)


def invent_word(h: int) -> str:
    """A pronounceable invented word (1-4 syllables) taken from the bits of a 64-bit hash."""
    g = mix64(h)
    n = SYLLABLE_COUNTS[g & 15]
    g >>= 4
    parts = []
    for i in range(n):
        parts.append(ONSETS[h % N_ONSETS])
        h //= N_ONSETS
        parts.append(NUCLEI[h % N_NUCLEI])
        h //= N_NUCLEI
        if i == n - 1:
            parts.append(CODAS_FINAL[g % N_CODAS_FINAL])
            g //= N_CODAS_FINAL
        else:
            parts.append(CODAS_INNER[g % N_CODAS_INNER])
            g //= N_CODAS_INNER
    w = "".join(parts)
    if len(w) < 3:
        w += "n" + NUCLEI[g % N_NUCLEI]
    g //= N_NUCLEI
    if g % 100 < 18:                                   # ~18 % get one non-ASCII letter
        a, b = DIACRITICS[(g // 100) % N_DIACRITICS]
        w = w.replace(a, b, 1)
    return w.capitalize()


class NameMaker:
    """Place names as a pure function of (seed, family, key). Keys below NAME_POOL are the
    shared pool (drawn Zipf-Mandelbrot, so low ranks repeat a lot); larger keys give names
    that are fresh (unique up to chance collisions of short words)."""

    def __init__(self, seed: int):
        self.salt = mix64(seed * 0x100000001B3 + 0x5EED)
        self.patterns = [slot_table(NAME_PATTERNS[f], 1024) for f in FAMILIES]
        self.cache: list[dict[int, str]] = [{} for _ in FAMILIES]

    def make(self, family: int, key: int) -> str:
        h = mix64(self.salt ^ (family << 56) ^ key)
        pat = self.patterns[family][h & 1023]
        w0 = invent_word(h >> 10)
        if "{1}" in pat:
            return pat.format(w0, invent_word(mix64(h ^ 0x2545F4914F6CDD1D)))
        return pat.replace("{0}", w0)

    def pooled(self, family: int, rank: int) -> str:
        if rank >= NAME_CACHE:
            return self.make(family, rank)
        cache = self.cache[family]
        name = cache.get(rank)
        if name is None:
            name = cache[rank] = self.make(family, rank)
        return name


def _syllables(word: str):
    """Cut a lower-case ASCII word into (onset, vowels, coda) chunks for syllabic scripts."""
    out = []
    i, n = 0, len(word)
    while i < n:
        j = i
        while j < n and word[j] not in VOWELS:
            j += 1
        if j == n:                                     # trailing consonants only
            out.append((word[i:j], "", ""))
            break
        k = j
        while k < n and word[k] in VOWELS:
            k += 1
        m = k
        while m < n and word[m] not in VOWELS:
            m += 1
        if m == n:
            out.append((word[i:j], word[j:k], word[k:m]))
            break
        out.append((word[i:j], word[j:k], word[k:m - 1]))   # last consonant opens the next
        i = m - 1
    return out


def _han(word: str) -> str:
    out = []
    for onset, vowel, coda in _syllables(word):
        out.append(HAN_CHARS[(ord(onset[-1:] or "a") * 31 + ord(vowel[:1] or "e"))
                             % len(HAN_CHARS)])
        c = coda[:1]
        if c in ("r", "l"):
            out.append("尔")
        elif c == "s":
            out.append("斯")
        elif c == "n":
            out.append("恩")
        elif c == "k":
            out.append("克")
    return "".join(out)


def _kana(word: str) -> str:
    out = []
    for onset, vowel, coda in _syllables(word):
        c = onset[-1:]
        row = KANA_ROWS.get(KANA_CONSONANT.get(c, c), KANA_ROWS["k"])
        v = "aiueo".find(vowel[:1]) if vowel else 2
        out.append(row[v if v >= 0 else 1])
        c = coda[:1]
        if c in ("n", "m"):
            out.append("ン")
        elif c in ("r", "l"):
            out.append("ル")
        elif c == "s":
            out.append("ス")
        elif c:
            out.append("ッ")
    return "".join(out)


def _hangul(word: str) -> str:
    out = []
    for onset, vowel, coda in _syllables(word):
        lead = HANGUL_ONSET.get(onset[-1:], 11)
        vow = HANGUL_VOWEL.get(vowel[:1], 18)
        tail = HANGUL_CODA.get(coda[:1], 0)
        out.append(chr(0xAC00 + (lead * 21 + vow) * 28 + tail))
    return "".join(out)


@functools.lru_cache(maxsize=1 << 17)
def transliterate(script: str, ascii_name: str) -> str:
    """Render an ASCII name in a non-Latin script: letter tables for the alphabets, one
    character per syllable for Han, kana and Hangul. Plausible-looking, not linguistics."""
    s = ascii_name.lower().replace("-", " ").replace("'", "")
    if script in ALPHABETIC_SCRIPTS:
        digraphs, table, cased = ALPHABETIC_SCRIPTS[script]
        for a, b in digraphs:
            if a in s:
                s = s.replace(a, b)
        s = s.translate(table)
        if script == "grek":
            s = s.replace("σ ", "ς ")
            if s.endswith("σ"):
                s = s[:-1] + "ς"
        return s.title() if cased else s
    words = s.split()
    if script == "hani":
        return "".join(_han(w) for w in words)
    if script == "kana":
        return "・".join(_kana(w) for w in words)
    return " ".join(_hangul(w) for w in words)          # hang


@functools.lru_cache(maxsize=1 << 17)
def localize(name: str, lang: str) -> str:
    """A Latin-script language's version of a name: translated generic words ("Lake X" ->
    "Lac X") and that language's spelling habits ("sh" -> "sz" in Polish)."""
    words = name.split(" ")
    for i, w in enumerate(words):
        tr = GENERIC_WORDS.get(w)
        if tr is not None and lang in tr:
            words[i] = tr[lang]
    s = " ".join(words)
    for a, b in SPELLING.get(lang, ()):
        if a in s:
            s = s.replace(a, b, 1)
    return s


@functools.lru_cache(maxsize=1 << 16)
def wiki_link(wiki: str, title: str) -> str:
    return f"https://{wiki}.wikipedia.org/wiki/{quote(title.replace(' ', '_'))}"


def pareto(u: float, xmin: float, alpha: float, cap: float) -> int:
    """Inverse-CDF Pareto draw from a uniform u in [0, 1)."""
    return int(min(cap, xmin * (1.0 - u) ** (-1.0 / alpha)))


def random_population(fclass: str, fcode: str, rnd) -> int:
    """Population of a non-fixed row: 0 for most; Pareto (alpha 0.75, x_min 110) for ~12 %
    of populated places, which gives ~200 k places >= 500, ~20 k >= 15 000 and a few hundred
    >= 1 M at 13 M rows (real: cities500 ~200 k, cities15000 ~26 k)."""
    if fclass == "P":
        if rnd() < 0.12:
            return pareto(rnd(), 110, 0.75, 30_000_000)
        return 0
    if fclass == "A":
        return pareto(rnd(), 1000, 0.9, 5_000_000) if rnd() < 0.08 else 0
    if fclass in ("S", "L") and rnd() < 0.004:
        return pareto(rnd(), 20, 1.0, 100_000)
    return 0


def alt_weight(fclass: str, fcode: str, pop: int) -> float:
    """Relative number of alternate names of a row (before scaling to --alternate-names)."""
    if fclass == "P":
        return 0.8 + min(600.0, 0.2 * pop ** 0.4) if pop else 0.8
    if fclass == "A":
        return 0.8
    if fclass == "S":
        return 6.0 if fcode == "AIRP" else 0.6
    if fclass in ("H", "T"):
        return 0.55
    if fclass == "L":
        return 0.45
    return 0.3


# ---------------------------------------------------------------------------------------------
# Countries and the admin structure (the only data kept for the whole run)
# ---------------------------------------------------------------------------------------------

class Adm2:
    __slots__ = ("code", "name", "gid", "parent")


class Adm1:
    __slots__ = ("code", "name", "gid", "adm2", "country")


class Country:
    __slots__ = ("cc", "lat", "lon", "spread", "tzs", "weight", "adm1", "gid", "name",
                 "post_format", "adm2_style")


def load_countries() -> list[Country]:
    """The 250 countries, biggest first, with their row-share weights."""
    by_cc = {}
    for line in COUNTRY_TABLE.strip().splitlines():
        cc, lat, lon, *tzs = line.split()
        c = Country()
        c.cc, c.lat, c.lon, c.tzs = cc, float(lat), float(lon), tzs
        by_cc[cc] = c
    ranked = [by_cc[cc] for cc in BIG_COUNTRIES] + \
             [by_cc[cc] for cc in sorted(by_cc) if cc not in BIG_COUNTRIES]
    total = sum(1.0 / (r + 2) ** 1.25 for r in range(len(ranked)))
    for r, c in enumerate(ranked):
        c.weight = 1.0 / (r + 2) ** 1.25 / total
        c.spread = 1.0 + 14.0 * math.sqrt(c.weight / ranked[0].weight)
        c.post_format = POSTCODE_FORMATS.get(c.cc) or ("99999", "9999", "999999")[r % 3]
        c.adm2_style = ("{:03d}", "{:d}", "{:03d}", "{:04d}")[r % 4]
        c.adm1 = []
    return ranked


# ---------------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------------

class Fixed:
    """A row created from the admin structure rather than drawn at random: PCLI and PPLC
    per country, ADM1 and (mostly) PPLA per admin1, ADM2 per admin2. Its geonameid is known
    before streaming starts, so the code files and most of hierarchy.txt are written first."""
    __slots__ = ("fclass", "fcode", "country", "adm1", "adm2", "name", "pop", "weight", "gid")

    def __init__(self, fclass, fcode, country, adm1, adm2, name, pop, weight):
        self.fclass, self.fcode, self.country = fclass, fcode, country
        self.adm1, self.adm2, self.name, self.pop, self.weight = adm1, adm2, name, pop, weight
        self.gid = 0


class Generator:
    def __init__(self, places: int, alt_names: int, seed: int, out_dir: str):
        self.n, self.m, self.out = places, alt_names, out_dir
        self.rng = random.Random(seed)
        self.names = NameMaker(seed)
        # Row i gets a geonameid in [1 + floor(i*s), floor((i+1)*s)], s >= 1.04: unique,
        # increasing, with gaps, spread up to ~13.5 M like the real ids.
        self.stride = max(GEONAMEID_SPAN, places * 1.04) / places
        self.dates = self._date_slots()
        self.countries = self._build_admin()
        self._build_slot_tables(seed)
        self.summaries: list[str] = []

    # -- setup ----------------------------------------------------------------------------

    def gid_of(self, i: int) -> int:
        lo = int(i * self.stride)
        width = int((i + 1) * self.stride) - lo
        return 1 + lo + ((i * 2654435761) >> 8) % width

    def _date_slots(self) -> list[str]:
        """Modification dates: skewed towards recent years, 15 % on a few bulk-edit days."""
        import datetime
        rnd = self.rng.random
        end = datetime.date(2024, 12, 31)
        span = (end - datetime.date(2006, 1, 1)).days
        bulk = [end - datetime.timedelta(days=int(span * rnd())) for _ in range(8)]
        out = []
        for _ in range(8192):
            if rnd() < 0.15:
                d = bulk[int(rnd() * 8)]
            else:
                d = end - datetime.timedelta(days=int(span * rnd() ** 1.6))
            out.append(d.isoformat())
        return out

    def _build_admin(self) -> list[Country]:
        """Countries, admin1 and admin2 units, and the fixed rows that stand for them, spread
        over random row positions. Admin counts scale with --places (at 13 M: 250 countries,
        ~4,000 ADM1, 50,000 ADM2; real: 252, ~3,900, ~47,000)."""
        n, rng, names = self.n, self.rng, self.names
        countries = load_countries()[:min(250, max(1, n // 40))]
        wsum = sum(c.weight for c in countries)
        for c in countries:
            c.weight /= wsum
        t1 = max(len(countries), min(4000, n // 3000))
        t2 = min(50_000, n // 250)
        sqsum = sum(math.sqrt(c.weight) for c in countries)
        # Alternate-name weight factor of fixed rows: below full scale there are relatively
        # more of them (250 countries whatever n), so each gets fewer names.
        fs = min(1.0, max(0.02, n / FULL_SCALE))
        fam_country, fam_admin, fam_ppl = (FAMILY_INDEX[f] for f in ("country", "admin", "ppl"))
        fixed: list[Fixed] = []
        self.adm1_units: list[Adm1] = []
        self.adm2_units: list[Adm2] = []
        key = 1 << 44                                   # name keys of fixed rows: fresh names
        for c in countries:
            c.name = names.make(fam_country, key)
            key += 1
            pop = pareto(rng.random(), 50_000, 0.6, 1_400_000_000)
            fixed.append(Fixed("A", "PCLI", c, None, None, c.name, pop, 400 * fs))
            n1 = min(30, max(1, round(t1 * math.sqrt(c.weight) / sqsum)))
            for a in range(n1):
                u = Adm1()
                u.code, u.country, u.adm2 = f"{a + 1:02d}", c, []
                u.name = names.make(fam_admin, key)
                key += 1
                c.adm1.append(u)
                self.adm1_units.append(u)
                pop = pareto(rng.random(), 20_000, 0.8, 200_000_000) if rng.random() < 0.5 else 0
                fixed.append(Fixed("A", "ADM1", c, u, None, u.name, pop, 20 * fs))
                if rng.random() < 0.8:
                    pop = pareto(rng.random(), 5_000, 0.8, 20_000_000)
                    fixed.append(Fixed("P", "PPLA", c, u, None, names.make(fam_ppl, key), pop,
                                       (alt_weight("P", "PPLA", pop) + 5) * fs))
                    key += 1
            pop = pareto(rng.random(), 20_000, 0.7, 38_000_000)
            capital_adm1 = c.adm1[int(rng.random() * len(c.adm1))]
            fixed.append(Fixed("P", "PPLC", c, capital_adm1, None, names.make(fam_ppl, key),
                               pop, (alt_weight("P", "PPLC", pop) + 150) * fs))
            key += 1
        for c in countries:
            for u in c.adm1:
                k = min(999, int(t2 * c.weight / len(c.adm1) + rng.random()))
                for code in sorted(rng.sample(range(1, 1000), k)):
                    v = Adm2()
                    v.code, v.parent = c.adm2_style.format(code), u
                    v.name = names.make(fam_admin, key)
                    key += 1
                    u.adm2.append(v)
                    self.adm2_units.append(v)
                    pop = pareto(rng.random(), 2_000, 0.8, 20_000_000) if rng.random() < 0.3 else 0
                    fixed.append(Fixed("A", "ADM2", c, u, v, v.name, pop, 4 * fs))
        if len(fixed) > n:
            sys.exit(f"--places {n} is too small for the admin structure ({len(fixed)} rows)")
        positions = sorted(rng.sample(range(n), len(fixed)))
        rng.shuffle(fixed)
        for pos, f in zip(positions, fixed):
            f.gid = self.gid_of(pos)
            if f.fcode == "PCLI":
                f.country.gid = f.gid
            elif f.fcode == "ADM1":
                f.adm1.gid = f.gid
            elif f.fcode == "ADM2":
                f.adm2.gid = f.gid
        self.fixed = list(zip(positions, fixed))
        self.fixed_admin = sum(f.fclass == "A" for f in fixed)
        return countries

    def _build_slot_tables(self, seed: int) -> None:
        """Lookup tables for the weighted draws of the hot loop, and the mean alternate-name
        weight of a random row (a quick Monte Carlo on a separate generator)."""
        a_share = max(0.3, CLASS_WEIGHTS["A"] - 100.0 * self.fixed_admin / self.n)
        kinds = {"P": slot_table(ALT_KINDS_P, 1024), "A": slot_table(ALT_KINDS_A, 1024),
                 "S": slot_table(ALT_KINDS_S, 1024)}
        other_kinds = slot_table(ALT_KINDS_OTHER, 1024)
        self.kinds = kinds
        pairs = []
        for fclass, cw in CLASS_WEIGHTS.items():
            if fclass == "A":
                cw = a_share
            codes = FEATURE_CODES[fclass]
            total = sum(w for _, w, _ in codes)
            for fcode, w, family in codes:
                item = (fclass, fcode, FAMILY_INDEX[family], kinds.get(fclass, other_kinds))
                pairs.append((item, cw * w / total))
        self.code_slots = slot_table(pairs, 1 << 16)
        self.country_slots = slot_table([(c, c.weight) for c in self.countries], 1 << 16)
        self.lang_slots = slot_table(NAME_LANGS, 1024)
        self.wiki_slots = slot_table(WIKI_LANGS, 1024)
        mc = random.Random(seed ^ 0x5A5A5A5A)
        total, samples = 0.0, 100_000
        for _ in range(samples):
            fclass, fcode, _, _ = self.code_slots[int(mc.random() * 65536)]
            total += alt_weight(fclass, fcode, random_population(fclass, fcode, mc.random))
        self.mean_random_weight = total / samples

    # -- output helpers --------------------------------------------------------------------

    def _path(self, name: str) -> str:
        return os.path.join(self.out, name)

    def _report(self, name: str, rows: int, seconds: float, note: str = "") -> None:
        size = os.path.getsize(self._path(name))
        line = (f"{name}: {rows:,} rows, {size:,} bytes ({size / max(rows, 1):.1f} B/row), "
                f"{seconds:.1f} s{note}")
        print(line, file=sys.stderr, flush=True)

    def write_admin_files(self) -> list[str]:
        """Write admin1CodesASCII.txt and admin2Codes.txt (sorted by code, as GeoNames
        ships them); return the head of hierarchy.txt (PCLI->ADM1, ADM1->ADM2)."""
        t = time.monotonic()
        rows = sorted(f"{u.country.cc}.{u.code}\t{u.name}\t{ascii_fold(u.name)}\t{u.gid}\n"
                      for u in self.adm1_units)
        with open(self._path("admin1CodesASCII.txt"), "w", encoding="utf-8", newline="\n") as f:
            f.writelines(rows)
        self._report("admin1CodesASCII.txt", len(rows), time.monotonic() - t)
        t = time.monotonic()
        rows = sorted(f"{v.parent.country.cc}.{v.parent.code}.{v.code}\t{v.name}\t"
                      f"{ascii_fold(v.name)}\t{v.gid}\n" for v in self.adm2_units)
        with open(self._path("admin2Codes.txt"), "w", encoding="utf-8", newline="\n") as f:
            f.writelines(rows)
        self._report("admin2Codes.txt", len(rows), time.monotonic() - t)
        head = [f"{u.country.gid}\t{u.gid}\tADM\n" for u in self.adm1_units]
        head += [f"{v.parent.gid}\t{v.gid}\tADM\n" for v in self.adm2_units]
        return head

    # -- alternate names -------------------------------------------------------------------

    def _alternate_names(self, gid: int, name: str, ascii: str, family: int, country,
                         count: int, kinds: list, eras: list) -> list[str]:
        """Write `count` alternate-name rows of one place into random eras; return the
        names that go into allCountries' `alternatenames` column."""
        rnd = self.rng.random
        lang_slots, wiki_slots = self.lang_slots, self.wiki_slots
        column = []
        for _ in range(count):
            kind = kinds[int(rnd() * 1024)]
            # The six columns after the name: preferred, short, colloquial, historic, from, to.
            flags = "\t\t\t\t\t"
            if kind == "name":
                lang = lang_slots[int(rnd() * 1024)]
                script = LANG_SCRIPT.get(lang)
                if script is not None:
                    val = transliterate(script, ascii)
                elif rnd() < 0.45:
                    val = name                          # same spelling as the main name
                else:
                    val = localize(name, lang)
                r = rnd()
                if r < 0.05:
                    flags = "1\t\t\t\t\t"
                elif r < 0.065:
                    flags = "\t1\t\t\t\t"
                elif r < 0.07:
                    flags = "\t\t1\t\t\t"
                column.append(val)
            elif kind == "local":                       # untagged variant
                lang = ""
                r = rnd()
                if r < 0.3:
                    val = ascii
                elif r < 0.6:
                    val = localize(name, ("de", "fr", "es", "pl", "tr", "cs")[int(r * 20) % 6])
                else:
                    val = self.names.pooled(family, int(rnd() * 50_000))
                if rnd() < 0.02:
                    flags = "\t\t1\t\t\t"
                column.append(val)
            elif kind == "hist":                        # former name, sometimes with years
                lang = "" if rnd() < 0.7 else ("en", "de", "ru", "fr", "tr")[int(rnd() * 5)]
                val = self.names.make(family, (1 << 48) + int(rnd() * (1 << 40)))
                if lang == "ru":
                    val = transliterate("cyrl", ascii_fold(val))
                r = rnd()
                if r < 0.2:
                    to = 1850 + int(rnd() * 170)
                    flags = f"\t\t\t1\t{to - 1 - int(rnd() * 80)}\t{to}"
                elif r < 0.35:
                    flags = f"\t\t\t1\t\t{1850 + int(rnd() * 170)}"
                else:
                    flags = "\t\t\t1\t\t"
                column.append(val)
            elif kind == "link":
                lang = "link"
                wiki = wiki_slots[int(rnd() * 1024)]
                if wiki in LANG_SCRIPT:
                    title = transliterate(LANG_SCRIPT[wiki], ascii)
                elif wiki == "en":
                    title = name
                else:
                    title = localize(name, wiki)
                val = wiki_link(wiki, title)
            elif kind == "post":
                lang = "post"
                fmt = country.post_format if country is not None else "99999"
                x = self.rng.getrandbits(48)
                out = []
                for ch in fmt:
                    if ch == "9":
                        out.append(DIGITS[x % 10])
                        x //= 10
                    elif ch == "A":
                        out.append(UPPER[x % 26])
                        x //= 26
                    else:
                        out.append(ch)
                val = "".join(out)
            elif kind == "wkdt":
                lang = "wkdt"
                val = f"Q{int(rnd() ** 2 * 120_000_000) + 1}"
            else:                                       # iata icao faac abbr unlc
                lang = kind
                letters = "".join(ch for ch in ascii.upper() if "A" <= ch <= "Z") or "X"
                r1, r2, r3 = (UPPER[int(rnd() * 26)] for _ in range(3))
                if kind == "iata":
                    val = letters[0] + r1 + r2
                elif kind == "icao":
                    cc = country.cc if country is not None else "XX"
                    val = ICAO_PREFIX.get(cc, cc[0]) + letters[0] + r1 + r2
                elif kind == "faac":
                    val = letters[0] + DIGITS[int(rnd() * 10)] + r1
                elif kind == "abbr":
                    words = ascii.split()
                    val = ("".join(w[0] for w in words).upper() if len(words) > 1
                           else letters[:3] + r1)
                else:                                   # unlc: country + 3 letters
                    cc = country.cc if country is not None else "XX"
                    val = cc + (letters[:2] + r1 + r2)[:3]
                if kind != "unlc":
                    column.append(val)
            eras[int(rnd() * ALT_ERAS)].append(f"{gid}\t{lang}\t{val}\t{flags}\n")
        return column

    # -- the streaming pass ----------------------------------------------------------------

    def run(self, make_zips: bool) -> None:
        """Write allCountries.txt, hierarchy.txt and alternateNamesV2.txt (and with
        `make_zips` their zips, deflated in background threads as the text is written)."""
        n, m = self.n, self.m
        rng = self.rng
        rnd = rng.random
        names, dates = self.names, self.dates
        code_slots, country_slots = self.code_slots, self.country_slots
        all_countries = self.countries
        kinds_by_class = self.kinds
        fam_ppl = FAMILY_INDEX["ppl"]
        log_span = math.log((NAME_POOL + NAME_POOL_Q) / NAME_POOL_Q)
        exp, log = math.exp, math.log

        hier_head = self.write_admin_files()
        t0 = time.monotonic()
        geo = open(self._path("allCountries.txt"), "wb", buffering=1 << 20)
        # The zip thread deflates each chunk while the next is generated (zlib releases
        # the GIL, so this uses the second core). Zip64 only when 2 GiB might be exceeded.
        geo_zip = ZipSink(self._path("allCountries.zip"), "allCountries.txt",
                          n * 200 >= zipfile.ZIP64_LIMIT) if make_zips else None
        hier = open(self._path("hierarchy.txt"), "w", encoding="utf-8", newline="\n",
                    buffering=1 << 20)
        hier.writelines(hier_head)
        hier_rows = len(hier_head)
        era_paths = [self._path(f".alternateNamesV2.era{b:02d}.tmp") for b in range(ALT_ERAS)]
        era_files = [open(p, "w", encoding="utf-8", newline="\n", buffering=1 << 18)
                     for p in era_paths]
        eras: list[list[str]] = [[] for _ in range(ALT_ERAS)]

        # Alternate names are handed out as we go: a row with weight w gets on average
        # w * remaining / (expected remaining weight), so the total comes out at exactly m.
        remaining_alt = m
        fixed_weight_left = sum(f.weight for _, f in self.fixed)
        random_rows_left = n - len(self.fixed)
        mean_w = self.mean_random_weight
        fixed = self.fixed
        fixed_i = 0
        next_fixed = fixed[0][0] if fixed else -1

        for start in range(0, n, CHUNK):
            lines = []
            for i in range(start, min(n, start + CHUNK)):
                gid = self.gid_of(i)
                a2obj = None
                a3 = a4 = ""
                if i == next_fixed:                     # a country, admin unit or capital
                    f = fixed[fixed_i][1]
                    fixed_i += 1
                    next_fixed = fixed[fixed_i][0] if fixed_i < len(fixed) else -1
                    fclass, fcode, country, name, pop = f.fclass, f.fcode, f.country, f.name, f.pop
                    family = FAMILY_INDEX["admin"] if fclass == "A" else fam_ppl
                    kinds = kinds_by_class[fclass]
                    if fcode == "PCLI":
                        a1 = "00"
                    else:
                        a1 = f.adm1.code
                        if f.adm2 is not None:
                            a2obj = f.adm2
                    weight = f.weight
                    expected_left = fixed_weight_left + random_rows_left * mean_w
                    fixed_weight_left -= weight
                else:                                   # a random row
                    fclass, fcode, family, kinds = code_slots[int(rnd() * 65536)]
                    if fclass == "U" or (fclass == "H" and rnd() < 0.003):
                        country = None                  # undersea / high seas: no country
                        a1 = ""
                    else:
                        country = country_slots[int(rnd() * 65536)]
                        if rnd() < 0.02:
                            a1 = "00"
                        else:
                            adm1 = country.adm1
                            u = adm1[int(rnd() * len(adm1))]
                            a1 = u.code
                            if u.adm2 and rnd() < 0.7:
                                a2obj = u.adm2[int(rnd() * len(u.adm2))]
                                if fcode in ("ADM3", "ADM4", "ADM5") or rnd() < 0.15:
                                    a3 = str(1 + int(rnd() * 99_999))
                                    if fcode in ("ADM4", "ADM5") or rnd() < 0.4:
                                        a4 = str(1 + int(rnd() * 9_999_999))
                    if rnd() < POOLED_SHARE:            # a common name (Zipf-Mandelbrot rank)
                        rank = int(NAME_POOL_Q * exp(rnd() * log_span) - NAME_POOL_Q)
                        name = names.pooled(family, rank)
                    else:
                        name = names.make(family, NAME_POOL + i)
                    pop = random_population(fclass, fcode, rnd)
                    weight = alt_weight(fclass, fcode, pop)
                    expected_left = fixed_weight_left + random_rows_left * mean_w
                    random_rows_left -= 1
                ascii = name if name.isascii() else name.translate(_FOLD)

                # Location, timezone.
                if country is None:
                    cc = tz = ""
                    lat = (rnd() * 2.0 - 1.0) * 70.0
                    lon = rnd() * 360.0 - 180.0
                else:
                    cc = country.cc
                    spread = country.spread
                    lat = country.lat + (rnd() + rnd() - 1.0) * spread
                    lat = 89.9 if lat > 89.9 else -89.9 if lat < -89.9 else lat
                    lon = country.lon + (rnd() + rnd() - 1.0) * spread * 1.3
                    lon = lon - 360.0 if lon > 180.0 else lon + 360.0 if lon < -180.0 else lon
                    tzs = country.tzs
                    tz = tzs[0] if len(tzs) == 1 else tzs[int(rnd() * len(tzs))]

                # Elevation (rarely given) and the DEM value (always given).
                if fclass == "T":
                    dem = 100 + int(rnd() * 3500)
                    elev = str(dem + int(rnd() * 50)) if rnd() < 0.3 else ""
                elif fclass == "U":
                    dem, elev = -9999, ""
                else:
                    dem = int(rnd() ** 2 * (1500 if fclass == "H" else 2500))
                    elev = str(dem) if rnd() < 0.04 else ""
                cc2 = all_countries[int(rnd() * len(all_countries))].cc if rnd() < 0.003 else ""

                # Alternate names: how many, then the rows themselves.
                alt_column = ""
                if remaining_alt > 0:
                    if i == n - 1:
                        count = remaining_alt
                    else:
                        mean = weight * remaining_alt / max(expected_left, 1.0)
                        if mean < 20.0:                 # small places: 0 for most, a few for some
                            count = int(-mean * log(1.0 - rnd()) + rnd())
                        else:
                            count = int(mean * (0.5 + rnd()) + rnd())
                        if count > remaining_alt:
                            count = remaining_alt
                    if count:
                        remaining_alt -= count
                        column = self._alternate_names(gid, name, ascii, family, country, count,
                                                       kinds, eras)
                        if column:
                            alt_column = ",".join(sorted(set(column)))
                            if len(alt_column) > 10_000:
                                alt_column = alt_column[:alt_column.rindex(",", 0, 10_001)]

                a2 = a2obj.code if a2obj is not None else ""
                if fclass == "P" and a2obj is not None and rnd() < 0.25:
                    hier.write(f"{a2obj.gid}\t{gid}\tADM\n")
                    hier_rows += 1
                lines.append(f"{gid}\t{name}\t{ascii}\t{alt_column}\t{lat:.5f}\t{lon:.5f}\t"
                             f"{fclass}\t{fcode}\t{cc}\t{cc2}\t{a1}\t{a2}\t{a3}\t{a4}\t{pop}\t"
                             f"{elev}\t{dem}\t{tz}\t{dates[int(rnd() * 8192)]}\n")
            data = "".join(lines).encode("utf-8")
            geo.write(data)
            if geo_zip is not None:
                geo_zip.write(data)
            for b in range(ALT_ERAS):
                if eras[b]:
                    era_files[b].write("".join(eras[b]))
                    eras[b].clear()

        geo.close()
        hier.close()
        for f in era_files:
            f.close()
        t1 = time.monotonic()
        self._report("allCountries.txt", n, t1 - t0, " (one pass with the alternate names)")
        self._report("hierarchy.txt", hier_rows, t1 - t0, " (same pass)")

        # Concatenate the eras, numbering rows with ~12 % gaps in the ids.
        alt_zip = ZipSink(self._path("alternateNamesV2.zip"), "alternateNamesV2.txt",
                          m * 100 >= zipfile.ZIP64_LIMIT) if make_zips else None
        with open(self._path("alternateNamesV2.txt"), "wb", buffering=1 << 20) as alt:
            next_id = 0
            for path in era_paths:
                with open(path, encoding="utf-8", newline="\n") as f:
                    rows = f.read().split("\n")
                rows.pop()                              # after the last newline
                out = []
                for row in rows:
                    next_id += 1 if rnd() >= 0.06 else 2 + int(rnd() * 3)
                    out.append(f"{next_id}\t{row}\n")
                data = "".join(out).encode("utf-8")
                alt.write(data)
                if alt_zip is not None:
                    alt_zip.write(data)
                os.remove(path)
        self._report("alternateNamesV2.txt", m, time.monotonic() - t0,
                     f" (incl. {time.monotonic() - t1:.1f} s joining {ALT_ERAS} eras)")
        for sink in (geo_zip, alt_zip):                 # wait for the deflate threads
            if sink is not None:
                sink.close()


class ZipSink:
    """A one-member zip (deflate, fixed timestamp: reproducible bytes) written by a
    background thread from the byte chunks handed to `write`, as GeoNames ships its dumps."""

    def __init__(self, path: str, member: str, zip64: bool):
        self.path, self.member, self.zip64 = path, member, zip64
        self.queue: queue.Queue = queue.Queue(maxsize=8)    # bounds the memory in flight
        self.error: BaseException | None = None
        self.started = time.monotonic()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        info = zipfile.ZipInfo(self.member, date_time=(2024, 12, 31, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o100644 << 16            # regular file, rw-r--r--
        try:
            with zipfile.ZipFile(self.path, "w", allowZip64=True) as z, \
                    z.open(info, "w", force_zip64=self.zip64) as w:
                while (chunk := self.queue.get()) is not None:
                    w.write(chunk)
        except BaseException as e:                 # reported by close()
            self.error = e
            while self.queue.get() is not None:     # drain so the producer never blocks
                pass

    def write(self, chunk: bytes) -> None:
        self.queue.put(chunk)

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise RuntimeError(f"writing {self.path} failed") from self.error
        size = os.path.getsize(self.path)
        print(f"{os.path.basename(self.path)}: {size:,} bytes, "
              f"{time.monotonic() - self.started:.1f} s (deflated alongside generation)",
              file=sys.stderr, flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(
        description="Write synthetic GeoNames dump files (allCountries.txt, "
                    "alternateNamesV2.txt, admin codes, hierarchy) for a scale benchmark.")
    ap.add_argument("--places", type=int, required=True, metavar="N",
                    help="rows of allCountries.txt (real dump: ~13,000,000)")
    ap.add_argument("--alternate-names", type=int, metavar="M",
                    help="rows of alternateNamesV2.txt (default: N; real dump: ~16,000,000)")
    ap.add_argument("--out", required=True, metavar="DIR", help="output directory")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--zip", action="store_true",
                    help="also write allCountries.zip and alternateNamesV2.zip")
    args = ap.parse_args()
    if args.places < 100:
        ap.error("--places must be at least 100")
    m = args.places if args.alternate_names is None else args.alternate_names
    if m < 0:
        ap.error("--alternate-names must not be negative")
    os.makedirs(args.out, exist_ok=True)
    t = time.monotonic()
    gen = Generator(args.places, m, args.seed, args.out)
    gen.run(make_zips=args.zip)
    print(f"total: {time.monotonic() - t:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
