#!/usr/bin/env bash
# Writes the seed corpora of the fuzz targets into fuzz/corpus/ (git-ignored):
# for `image`, the GeoNames test fixture (tests/data/geonames/) built by
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
ls -la fuzz/corpus/image | head
