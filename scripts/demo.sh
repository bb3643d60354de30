#!/usr/bin/env bash
# The main job on the bundled datasets: install what is missing, build in release mode, then
# describe every dataset, fit and apply models, and write the reports into demo-output/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product lagrange 2>&1 | tail -1
lagrange=.build/release/lagrange
out=demo-output
mkdir -p "$out"

for data in Datasets/*.csv; do
  echo
  echo "== lagrange describe --data $data"
  "$lagrange" describe --data "$data"
done
