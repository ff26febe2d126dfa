#!/usr/bin/env bash
# Writes the seed corpora of the fuzz targets into fuzz/corpus/: for `image`, the GeoNames test fixture (tests/data/geonames/) built by
# `toponym build --no-overlay`, raw and with its checksum to be resealed (the
# target's first byte), and its header and section table alone.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin toponym
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
D=tests/data/geonames
target/release/toponym build --no-overlay --geonames $D/AM.txt --alternate-names $D/alternateNamesV2.txt \
  --admin1 $D/admin1CodesASCII.txt --hierarchy $D/hierarchy.txt --output "$T/am.toponym" 2>/dev/null
mkdir -p fuzz/corpus/image
python3 - "$T/am.toponym" <<'PY'
import sys
img = open(sys.argv[1], "rb").read()
head = 24 + 8 * int.from_bytes(img[12:16], "little")
for name, data in [("fixture-resealed", b"\0" + img), ("fixture-raw", b"\1" + img),
                   ("header-only", b"\0" + img[:head])]:
    open(f"fuzz/corpus/image/{name}", "wb").write(data)
PY
# The text targets: the labelled sentences of tests/data (each JSON Lines
# record as it is for `jsonl`, its text for `tag`, its mentions' words for
# `normalize` and `query`), behind each target's option byte(s).
python3 - <<'PY'
import json, os, glob, hashlib
def put(target, data):
    os.makedirs(f"fuzz/corpus/{target}", exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    open(f"fuzz/corpus/{target}/{name}", "wb").write(data)
for path in sorted(glob.glob("tests/data/*.jsonl")):
    for i, line in enumerate(open(path, encoding="utf-8")):
        line = line.rstrip("\n")
        rec = json.loads(line)
        text = rec["text"].encode()
        put("jsonl", bytes([i % 4 and 0]) + line.encode())
        put("tag", bytes([i % 128 + 1]) + text)
        for m in rec.get("mentions", []):
            word = m["text"].encode()
            put("normalize", bytes([i % 8]) + word)
            put("query", bytes([i % 256, 0, 10, 60, 1, 200]) + word)
PY
ls fuzz/corpus | while read t; do echo "$t: $(ls fuzz/corpus/$t | wc -l) seeds"; done
