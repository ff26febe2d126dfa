#!/usr/bin/env bash
# Runs every fuzz target for a short bounded time (default 20 seconds each),
# from its committed corpus and the image seeds of seed.sh: what `.ci/run`
# does when a nightly toolchain is there. A crash fails the run and leaves
# its input in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo +nightly install cargo-fuzz --locked --quiet
fi
fuzz/seed.sh >/dev/null
cd fuzz
for target in $(cargo +nightly fuzz list); do
  max_len=()
  [ "$target" = image ] && max_len=(-max_len=1400000)
  # (a scratch copy of the corpus, so a run never rewrites the committed one)
  scratch=$(mktemp -d)
  cp -r "corpus/$target/." "$scratch/"
  log="$scratch.log"
  status=0
  cargo +nightly fuzz run -O "$target" "$scratch" -- -max_total_time="$seconds" \
    -rss_limit_mb=4096 "${max_len[@]}" >"$log" 2>&1 || status=$?
  rm -rf "$scratch"
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$log" >&2
    echo "fuzz target $target failed (exit $status): see fuzz/artifacts/$target/" >&2
    exit 1
  fi
  echo "fuzz $target: $(grep -E '^Done [0-9]+ runs' "$log" || echo 'done')"
  rm -f "$log"
done
