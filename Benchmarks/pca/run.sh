#!/usr/bin/env bash
# PCA benchmark, Lagrange and pandas + scikit-learn side by side on one generated file.
#   Benchmarks/pca/run.sh              (200,000 × 200, about 480 MB, in Benchmarks/data)
#   LAGRANGE_PEER_PYTHON=/path/to/python Benchmarks/pca/run.sh   (use an existing interpreter)
# Writes Benchmarks/pca/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${ROWS:-200000}
COLS=${COLS:-200}
DATA=Benchmarks/data/pca_${ROWS}x${COLS}.csv
SMALL=Benchmarks/data/pca_$((ROWS / 10))x${COLS}.csv

PY=${LAGRANGE_PEER_PYTHON:-}
if [ -z "$PY" ]; then
    if [ ! -x Benchmarks/.venv/bin/python ]; then
        python3 -m venv Benchmarks/.venv
        Benchmarks/.venv/bin/pip install --quiet scikit-learn pandas numpy
    fi
    PY=Benchmarks/.venv/bin/python
fi
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (/usr/bin/time; apt-get install time)"; exit 1; }

mkdir -p Benchmarks/data
[ -f "$DATA" ] || "$PY" Benchmarks/pca/generate.py "$ROWS" "$COLS" "$DATA"
[ -f "$SMALL" ] || head -n $((ROWS / 10 + 1)) "$DATA" > "$SMALL"
swift build -c release --product lagrange
swift build -c release --product PCABench
"$PY" Benchmarks/pca/bench.py "$DATA" "$SMALL"
