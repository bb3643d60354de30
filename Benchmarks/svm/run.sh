#!/usr/bin/env bash
# Side-by-side SVM benchmark: Lagrange (release build) against scikit-learn's SVC/SVR on the
# same generated data, in one run: single fits (SVC, SVR) and the 5,000 × 20, 8 C × 8 γ, 5-fold grid search
# (GridSearchCV(SVC(), n_jobs=2) against `lagrange path svm`). Writes Benchmarks/svm/RESULTS.md.
#
#   Benchmarks/svm/run.sh            # full run (several minutes of scikit-learn time, most of it the grid)
#   Benchmarks/svm/run.sh --only grid   # just the grid search (--only fits: just the single fits)
#   LAGRANGE_PEER_PYTHON=/path/to/python Benchmarks/svm/run.sh   # reuse an interpreter
#
# Without LAGRANGE_PEER_PYTHON it creates (or reuses) Benchmarks/.venv from PyPI.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
if [[ -n "${LAGRANGE_PEER_PYTHON:-}" ]]; then
    PYTHON="$LAGRANGE_PEER_PYTHON"
else
    if [[ ! -x Benchmarks/.venv/bin/python ]]; then
        python3 -m venv Benchmarks/.venv
        Benchmarks/.venv/bin/pip install --quiet scikit-learn pandas numpy
    fi
    PYTHON=Benchmarks/.venv/bin/python
fi
swift build -c release --product lagrange >&2
exec "$PYTHON" Benchmarks/svm/bench.py --lagrange "$ROOT/.build/release/lagrange" --command "$0 $*" "$@"
