#!/usr/bin/env bash
# Scale benchmark of `toponym build` and of built images, on generated files
# with the shape and size of GeoNames' dumps (gen_geonames.py: no real
# allCountries.txt is reachable on the benchmark machines).
#
#   benches/scale/run.sh [SIZES...]        default: 1000000 4000000 13000000
#
# For each size N (places; alternate names 1.23 × N, as in the real dumps):
# generates the files into $SCALE_DIR/N (default /tmp/toponym-scale, kept
# between runs), builds an image with `toponym build --progress` under
# /usr/bin/time (wall time, peak memory), then runs examples/image_bench on
# the image and on the embedded gazetteer, side by side: open time, exact and
# fuzzy resolve latency (median, p99), tagging throughput on the first 10 MB
# of benches/peers/out/news.txt. Writes benches/scale/out/scale.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZES=("${@:-1000000 4000000 13000000}")
read -r -a SIZES <<<"${SIZES[*]}"
DIR=${SCALE_DIR:-/tmp/toponym-scale}
OUT=benches/scale/out
mkdir -p "$DIR" "$OUT"
cargo build --release --quiet --bin toponym --example image_bench
BIN=target/release/toponym
BENCH=target/release/examples/image_bench
CORPUS=benches/peers/out/news.txt
[ -s "$CORPUS" ] || { echo "no $CORPUS: run benches/peers/tag_speed.py once to write it" >&2; exit 2; }
REPORT=$OUT/scale.md
{
  echo "# toponym build at scale ($(date -u +%F), $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GB)"
  echo
  echo "| places | alt. names | input MB | build s | peak MB | image MB | keys | open ms | exact µs (p50/p99) | fuzzy µs (p50/p99) | tag MB/s |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
} >"$REPORT"
row() { # label json build_s peak_mb input_mb alt
  python3 - "$@" <<'PY'
import json, sys
label, js, build, peak, inp, alt = sys.argv[1:7]
j = json.loads(js)
img = j["image"]
import os
size = os.path.getsize(img) / 1e6 if img != "embedded" else float("nan")
print(f"| {label} | {alt} | {inp} | {build} | {peak} | {size:.0f} | {j['keys']:,} | {j['open_ms']} | "
      f"{j['exact_median_us']}/{j['exact_p99_us']} | {j['fuzzy_median_us']}/{j['fuzzy_p99_us']} | {j['tag_mb_s']} |")
PY
}
row "embedded ($($BIN stats --format jsonl | python3 -c 'import json,sys; print(json.load(sys.stdin)["places"])'))" \
  "$($BENCH - "$CORPUS")" "-" "-" "-" "-" >>"$REPORT"
for N in "${SIZES[@]}"; do
  ALT=$((N * 123 / 100))
  D=$DIR/$N
  if [ ! -s "$D/alternateNamesV2.txt" ]; then
    python3 benches/scale/gen_geonames.py --places "$N" --alternate-names "$ALT" --out "$D"
  fi
  IMG=$DIR/$N.toponym
  /usr/bin/time -v "$BIN" build --progress --geonames "$D/allCountries.txt" \
    --alternate-names "$D/alternateNamesV2.txt" --admin1 "$D/admin1CodesASCII.txt" \
    --admin2 "$D/admin2Codes.txt" --hierarchy "$D/hierarchy.txt" --output "$IMG" 2>"$OUT/build-$N.log"
  SECS=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$OUT/build-$N.log")
  PEAK=$(awk '/Maximum resident set size/{print int($6/1024)}' "$OUT/build-$N.log")
  INPUT=$(du -cm "$D"/*.txt | awk 'END{print $1}')
  row "$N" "$($BENCH "$IMG" "$CORPUS")" "$SECS" "$PEAK" "$INPUT" "$ALT" >>"$REPORT"
  cat "$REPORT"
done
echo
cat "$REPORT"
