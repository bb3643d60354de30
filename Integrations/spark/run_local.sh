#!/usr/bin/env bash
# One command: installs PySpark from PyPI into a virtual environment, builds lagrange (release),
# generates a data set split into 16 CSV files, runs the Lagrange-on-Spark job on local[2]
# (statistics per partition → tree of merges → fits on the driver), and checks the models
# against the single-process fits of the same rows (relative difference ≤ 1e-10).
#
#   Integrations/spark/run_local.sh [ROWS] [FEATURES]     (default 200000 × 20)
#
# Needs Java 17 (PySpark 4 runs in local mode with nothing else) and python3 with venv.
# Environment: LAGRANGE_SPARK_VENV (default /tmp/lagrange-spark-venv), WORK (default a temp dir).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rows="${1:-200000}"
features="${2:-20}"
venv="${LAGRANGE_SPARK_VENV:-/tmp/lagrange-spark-venv}"
work="${WORK:-$(mktemp -d /tmp/lagrange-spark-XXXXXX)}"

java -version 2>&1 | head -1
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pyspark" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet 'pyspark>=4,<5'
fi
"$venv/bin/python" -c "import pyspark; print('pyspark', pyspark.__version__)"

(cd "$root" && swift build -c release --product lagrange >/dev/null)
lagrange="$root/.build/release/lagrange"

echo "data: $rows rows × $features features in 16 files under $work"
"$venv/bin/python" "$here/make_data.py" --rows "$rows" --features "$features" --files 16 "$work"

# Lagrange on Spark: partitions of the text files piped through `lagrange stats -`.
"$venv/bin/python" "$here/lagrange_spark.py" --lagrange "$lagrange" --input "$work/parts" --target y \
    --output "$work/spark.lgs" --master 'local[2]' \
    --fit "fit pca --model $work/spark-pca.json" \
    --fit "fit ridge --lambda 0.01 --model $work/spark-ridge.json" \
    --fit "fit lasso --lambda 0.01 --tol 1e-12 --model $work/spark-lasso.json" \
    --fit "path lasso --lambdas 30" | grep -v '^ *[0-9]' 
# The same from a Spark DataFrame (Spark's CSV reader, every column a double).
"$venv/bin/python" "$here/lagrange_spark.py" --lagrange "$lagrange" --input "$work/parts" --target y \
    --output "$work/spark-df.lgs" --master 'local[2]' --dataframe \
    --fit "fit ridge --lambda 0.01 --model $work/spark-df-ridge.json" | grep -v '^ *[0-9]'

# The single-process reference: the same rows as one file.
"$lagrange" fit pca --data "$work/all.csv" --target y --model "$work/single-pca.json" --quiet >/dev/null
"$lagrange" fit ridge --data "$work/all.csv" --target y --lambda 0.01 --model "$work/single-ridge.json" --quiet >/dev/null
"$lagrange" fit lasso --data "$work/all.csv" --target y --lambda 0.01 --tol 1e-12 --model "$work/single-lasso.json" --quiet >/dev/null

# Another language reads the format: the per-file statistics merged in plain Python equal
# Spark's merged statistics.
for f in "$work"/parts/*.csv; do "$lagrange" stats --data "$f" --target y --output "${f%.csv}.lgs" --quiet >/dev/null; done
PYTHONPATH="$here" "$venv/bin/python" - "$work" <<'PY'
import glob, sys
import lagrange_statistics as ls
work = sys.argv[1]
parts = [ls.decode(open(p, "rb").read()) for p in sorted(glob.glob(f"{work}/parts/*.lgs"))]
total = parts[0]
for part in parts[1:]:
    total = ls.merge(total, part)
spark = ls.decode(open(f"{work}/spark.lgs", "rb").read())
ls.decode(ls.encode(total))
scale = max(abs(v) for row in spark.scatter for v in row)
difference = max(abs(a - b) for ra, rb in zip(total.scatter, spark.scatter) for a, b in zip(ra, rb)) / scale
print(f"python merge of {len(parts)} files vs spark: n {total.count} = {spark.count}, scatter relative difference {difference:.3g}")
sys.exit(0 if total.count == spark.count and difference <= 1e-12 else 1)
PY

status=0
python3 "$here/compare_models.py" "$work/spark-pca.json" "$work/single-pca.json" 1e-10 || status=1
python3 "$here/compare_models.py" "$work/spark-ridge.json" "$work/single-ridge.json" 1e-10 || status=1
python3 "$here/compare_models.py" "$work/spark-df-ridge.json" "$work/single-ridge.json" 1e-10 || status=1
# The lasso stops on its duality gap (tol 1e-12 relative): agreement to the certificate's bound, not 1e-10.
python3 "$here/compare_models.py" "$work/spark-lasso.json" "$work/single-lasso.json" 1e-5 || status=1
[ "$status" = 0 ] && echo "OK: Lagrange on Spark (local[2]) gives the single-process models" || echo "FAILED"
exit "$status"
