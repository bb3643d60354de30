#!/bin/sh
# Side-by-side benchmark of Lagrange's linear models against R glmnet and scikit-learn.
#   Benchmarks/linear/run.sh            (from the repository root)
#   Benchmarks/linear/run.sh wide       (the wide-data section only: bench_wide.py, needs celer and skglm)
# Python: $LAGRANGE_PEER_PYTHON if set, else Benchmarks/.venv (created from PyPI on first use).
# R: needs Rscript with glmnet (Debian/Ubuntu: apt-get install r-cran-glmnet).
set -e
cd "$(dirname "$0")/../.."
if [ -n "$LAGRANGE_PEER_PYTHON" ]; then
  PY="$LAGRANGE_PEER_PYTHON"
else
  if [ ! -x Benchmarks/.venv/bin/python ]; then
    python3 -m venv Benchmarks/.venv
    Benchmarks/.venv/bin/pip install --quiet scikit-learn pandas numpy
  fi
  PY=Benchmarks/.venv/bin/python
fi
Rscript -e 'suppressMessages(library(glmnet))' || { echo "R glmnet missing: apt-get install r-cran-glmnet" >&2; exit 1; }
swift build -c release --product linear-bench
swift build -c release --product lagrange
if [ "$1" = wide ]; then
  shift
  exec "$PY" Benchmarks/linear/bench_wide.py "$@"
fi
exec "$PY" Benchmarks/linear/bench.py "$@"
