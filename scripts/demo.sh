#!/usr/bin/env bash
# The main job on the bundled datasets: install what is missing, build in release mode, then
# describe every dataset, fit an SVM and predict with it, fit the lasso path with its report,
# fit a PCA with its report, and split → fit (with preprocessing) → evaluate on the penguins
# table. Everything it writes goes into demo-output/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product lagrange 2>&1 | tail -1
lagrange=.build/release/lagrange
out=demo-output
mkdir -p "$out"

step() { echo; echo "== $*"; }

for data in Datasets/*.csv; do
  step "lagrange describe --data $data"
  "$lagrange" describe --data "$data"
done

step "SVM: fit a C-SVC on breast_cancer (RBF kernel), then predict with it"
"$lagrange" fit svm --data Datasets/breast_cancer.csv --model "$out/breast_cancer-svm.json"
"$lagrange" predict --model "$out/breast_cancer-svm.json" --data Datasets/breast_cancer.csv \
  --decision --output "$out/breast_cancer-predictions.csv"
echo "predictions: $out/breast_cancer-predictions.csv ($(($(wc -l < "$out/breast_cancer-predictions.csv") - 1)) rows)"

step "SVM: one-vs-one C-SVC on iris, and an epsilon-SVR on diabetes"
"$lagrange" fit svm --data Datasets/iris.csv --model "$out/iris-svm.json" --quiet | tail -12
"$lagrange" fit svr --data Datasets/diabetes.csv -C 100 --epsilon 10 --model "$out/diabetes-svr.json" | tail -9

step "Lasso path on diabetes with 10-fold cross-validation, table and report"
"$lagrange" path lasso --data Datasets/diabetes.csv --cv 10 --seed 1 \
  --report "$out/diabetes-lasso.html" --table "$out/diabetes-lasso.csv" --model "$out/diabetes-lasso.json"

step "PCA of iris, scores coloured by species"
"$lagrange" fit pca --data Datasets/iris.csv --label species --components 2 \
  --model "$out/iris-pca.json" --report "$out/iris-pca.html"
"$lagrange" predict --model "$out/iris-pca.json" --data Datasets/iris.csv --output "$out/iris-scores.csv"

step "Real data: split penguins (text columns, missing cells), fit with preprocessing, evaluate on the held-out rows"
cp Datasets/penguins.csv "$out/penguins.csv"
"$lagrange" split --data "$out/penguins.csv" --test 0.25 --seed 1 --stratify --target species
"$lagrange" fit svm --data "$out/penguins-train.csv" --target species --encode onehot --missing mean --scale standard \
  --model "$out/penguins-svm.json" | sed -n 1,4p
"$lagrange" predict --model "$out/penguins-svm.json" --data "$out/penguins-test.csv" --output "$out/penguins-predictions.csv"
"$lagrange" evaluate --model "$out/penguins-svm.json" --data "$out/penguins-test.csv"

echo
echo "Reports to open in a browser:"
echo "  $(pwd)/$out/diabetes-lasso.html   (regularization path, cross-validation, table)"
echo "  $(pwd)/$out/iris-pca.html         (scree plot, scores, loadings)"
