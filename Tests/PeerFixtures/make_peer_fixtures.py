"""The peer-mapping fixtures of docs/conventions.md: for each row of the table, the model a
peer fits from its own parameters, which `lagrange` must reproduce from the mapped flags
(Tests/LagrangeCLITests/PeerMappingCLITests.swift runs the command of each row).

Run from the repository root, with scikit-learn, numpy and pandas importable and LIBSVM's
`svm-train` / `svm-predict` on PATH (Debian: libsvm-tools):

    python Tests/PeerFixtures/make_peer_fixtures.py
    (cd Tests/PeerFixtures && Rscript make_glmnet_peer_fixtures.R)   # needs folds.csv from this script

Writes, beside this file:
- breast_cancer.svm, diabetes.svm: LIBSVM text of Datasets/breast_cancer.csv (labels
  malignant = 0, benign = 1; the first row is class 0, so LIBSVM's first label is Lagrange's
  first class) and Datasets/diabetes.csv (target scaled to [-1, 1]); features min-max scaled
  to [-1, 1] and rounded to 6 decimals (exact in LIBSVM's %.8g model files), as svm-scale does.
- libsvm.json: per LIBSVM option, svm-train's model (support vectors as training rows,
  coefficients y*alpha oriented to LIBSVM's first label, rho) and svm-predict's labels.
- sklearn.json: Lasso, Ridge, ElasticNet and LassoCV on Datasets/diabetes.csv.
- folds.csv: Lagrange's 5-fold assignment of diabetes.csv for --seed 1 (SplitMix64 shuffle,
  then round robin, as LinearModels/CrossValidation.swift), used by LassoCV and cv.glmnet.
"""
import json
import os
import platform
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import ElasticNet, Lasso, LassoCV, Ridge

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.dirname(os.path.abspath(__file__))
MASK = (1 << 64) - 1


def splitmix_folds(n, k, seed):
    """CrossValidation.folds: Fisher-Yates with SplitMix64, then position % k."""
    state = seed

    def next_value():
        nonlocal state
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = next_value() % (i + 1)
        order[i], order[j] = order[j], order[i]
    fold = [0] * n
    for position, row in enumerate(order):
        fold[row] = position % k
    return fold


def scaled(x):
    lo, hi = x.min(axis=0), x.max(axis=0)
    return np.round(2 * (x - lo) / (hi - lo) - 1, 6)


def write_libsvm(path, x, labels):
    with open(path, "w") as handle:
        for row, label in zip(x, labels):
            entries = " ".join(f"{j + 1}:{value:.6f}".rstrip("0").rstrip(".") for j, value in enumerate(row) if value != 0)
            handle.write(f"{label} {entries}\n".replace(" \n", "\n"))


def read_libsvm_rows(path, p):
    rows = []
    with open(path) as handle:
        for line in handle:
            parts = line.split()
            row = [0.0] * p
            for entry in parts[1:]:
                index, value = entry.split(":")
                row[int(index) - 1] = float(value)
            rows.append(tuple(row))
    return rows


def libsvm_model(model_path, training_rows):
    """Header fields, and per support vector its training row and coefficient."""
    header, svs = {}, []
    with open(model_path) as handle:
        lines = handle.read().splitlines()
    start = lines.index("SV")
    for line in lines[:start]:
        key, *values = line.split()
        header[key] = values
    p = len(training_rows[0])
    index_of = {row: i for i, row in enumerate(training_rows)}
    assert len(index_of) == len(training_rows), "duplicate training rows make support vectors ambiguous"
    for line in lines[start + 1:]:
        parts = line.split()
        coefficient = float(parts[0])
        row = [0.0] * p
        for entry in parts[1:]:
            index, value = entry.split(":")
            row[int(index) - 1] = float(value)
        svs.append((index_of[tuple(row)], coefficient))
    return header, svs


def libsvm_row(option, data, train_args, lagrange_args, task):
    data_path = os.path.join(OUT, data)
    p = 30 if data.startswith("breast") else 10
    rows = read_libsvm_rows(data_path, p)
    with tempfile.TemporaryDirectory() as scratch:
        model = os.path.join(scratch, "model")
        predictions = os.path.join(scratch, "predictions")
        subprocess.run(["svm-train", "-q", *train_args, data_path, model], check=True)
        subprocess.run(["svm-predict", "-q", data_path, model, predictions], check=True)
        header, svs = libsvm_model(model, rows)
        with open(predictions) as handle:
            predicted = [line.strip() for line in handle]
    svs.sort()
    return {
        "option": option, "data": data, "task": task,
        "peerCommand": "svm-train " + " ".join(train_args),
        "lagrangeArguments": lagrange_args,
        "labels": header.get("label", []),
        "rho": float(header["rho"][0]),
        "totalSupportVectors": int(header["total_sv"][0]),
        "supportIndices": [i for i, _ in svs],
        # y*alpha (C-SVC: positive for labels[0]) or alpha - alpha* (epsilon-SVR).
        "coefficients": [c for _, c in svs],
        "predictions": predicted,
    }


def libsvm_fixtures():
    cancer = pd.read_csv(os.path.join(ROOT, "Datasets", "breast_cancer.csv"))
    x = scaled(cancer.iloc[:, :-1].to_numpy(dtype=float))
    labels = np.where(cancer.iloc[:, -1] == "malignant", 0, 1)
    assert labels[0] == 0
    write_libsvm(os.path.join(OUT, "breast_cancer.svm"), x, labels)
    diabetes = pd.read_csv(os.path.join(ROOT, "Datasets", "diabetes.csv"))
    xd = scaled(diabetes.iloc[:, :-1].to_numpy(dtype=float))
    yd = scaled(diabetes.iloc[:, -1].to_numpy(dtype=float).reshape(-1, 1)).ravel()
    write_libsvm(os.path.join(OUT, "diabetes.svm"), xd, [f"{v:.6f}".rstrip("0").rstrip(".") for v in yd])

    bc = "breast_cancer.svm"
    rows = [
        libsvm_row("-c", bc, ["-c", "10"], ["fit", "svm", "-c", "10", "--gamma", "auto"], "svc"),
        # At the default -e 0.001 these two problems take different SMO paths in LIBSVM and
        # Lagrange after a near-tie (kernel sums rounded in another order), and the two answers
        # agree only to ~1e-2; at -e 1e-6 both are the optimum to ~1e-6.
        libsvm_row("-g", bc, ["-g", "0.05", "-e", "0.000001"], ["fit", "svm", "--gamma", "0.05", "--tol", "0.000001"], "svc"),
        libsvm_row("-t -d -r", bc, ["-t", "1", "-d", "2", "-r", "1", "-g", "0.05", "-e", "0.000001"],
                   ["fit", "svm", "--kernel", "poly", "--degree", "2", "--coef0", "1", "--gamma", "0.05", "--tol", "0.000001"], "svc"),
        libsvm_row("-e", bc, ["-e", "0.0001"], ["fit", "svm", "--gamma", "auto", "--tol", "0.0001"], "svc"),
        libsvm_row("-m", bc, ["-m", "1"], ["fit", "svm", "--gamma", "auto", "--cache-mb", "1"], "svc"),
        libsvm_row("-h", bc, ["-h", "0"], ["fit", "svm", "--gamma", "auto", "--no-shrinking"], "svc"),
        libsvm_row("-wi", bc, ["-w1", "4"], ["fit", "svm", "--gamma", "auto", "--class-weight", "1=4"], "svc"),
        libsvm_row("-s 3 -p", "diabetes.svm", ["-s", "3", "-p", "0.05"], ["fit", "svr", "--gamma", "auto", "--epsilon", "0.05"], "svr"),
    ]
    version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "libsvm-tools"], capture_output=True, text=True).stdout
    with open(os.path.join(OUT, "libsvm.json"), "w") as handle:
        json.dump({"peer": f"LIBSVM svm-train/svm-predict (Debian libsvm-tools {version})", "rows": rows}, handle, indent=1)


def sklearn_fixtures():
    d = pd.read_csv(os.path.join(ROOT, "Datasets", "diabetes.csv"))
    x = d.iloc[:, :-1].to_numpy(dtype=float)
    y = d.iloc[:, -1].to_numpy(dtype=float)
    n = len(y)
    folds = splitmix_folds(n, 5, 1)
    pd.DataFrame({"fold": [f + 1 for f in folds]}).to_csv(os.path.join(OUT, "folds.csv"), index=False)

    rows = []

    def add(option, estimator, lagrange_args, extra=None):
        row = {"option": option, "estimator": estimator.__class__.__name__, "peerCall": repr(estimator),
               "lagrangeArguments": lagrange_args,
               "coefficients": [float(v) for v in estimator.coef_], "intercept": float(estimator.intercept_)}
        row.update(extra or {})
        rows.append(row)

    lasso = Lasso(alpha=0.5, tol=1e-12, max_iter=100000).fit(x, y)
    add("Lasso(alpha)", lasso, ["fit", "lasso", "--lambda", "0.5", "--no-standardize"])
    ridge = Ridge(alpha=2.0).fit(x, y)
    add("Ridge(alpha = n·λ)", ridge, ["fit", "ridge", "--lambda", repr(2.0 / n), "--no-standardize"])
    enet = ElasticNet(alpha=0.2, l1_ratio=0.7, tol=1e-12, max_iter=100000).fit(x, y)
    add("ElasticNet(alpha, l1_ratio)", enet, ["fit", "enet", "--lambda", "0.2", "--l1-ratio", "0.7", "--no-standardize"])
    splits = [(np.flatnonzero(np.array(folds) != f), np.flatnonzero(np.array(folds) == f)) for f in range(5)]
    cv = LassoCV(cv=splits, tol=1e-12, max_iter=100000).fit(x, y)
    sizes = np.array([len(test) for _, test in splits], dtype=float)
    weighted = (cv.mse_path_ * sizes).sum(axis=1) / sizes.sum()   # cv.glmnet's fold-size weighting
    add("LassoCV (minimum)", cv,
        ["path", "lasso", "--no-standardize", "--lambdas", "100", "--lambda-min-ratio", "0.001", "--cv", "5",
         "--seed", "1", "--select", "min"],
        {"alphas": [float(a) for a in cv.alphas_], "alpha": float(cv.alpha_), "weightedMSE": [float(v) for v in weighted]})
    with open(os.path.join(OUT, "sklearn.json"), "w") as handle:
        json.dump({"peer": f"scikit-learn {sklearn.__version__} (numpy {np.__version__}, Python {platform.python_version()})",
                   "rows": rows}, handle, indent=1)


if __name__ == "__main__":
    libsvm_fixtures()
    sklearn_fixtures()
    print("python", sys.version.split()[0], "scikit-learn", sklearn.__version__)
