"""Regenerates the scikit-learn reference fixtures of the ν formulations in Tests/SVMTests
(NuSVC, NuSVR, OneClassSVM; NuSVCFixtureTests and friends read them).

Run from the repository root:  python Tests/SVMTests/Fixtures/make_nu_fixtures.py
(needs scikit-learn, pandas, numpy; the versions used are written into every fixture).

NuSVC fixtures have the layout of make_fixtures.py's SVC fixtures: per one-vs-one pair (i, j),
i < j, LIBSVM's raw orientation (decision > 0 votes for class i), the training indices of the
pair's support vectors, their coefficients y*alpha/r and the intercept -rho/r (scikit-learn's
_dual_coef_ and _intercept_). NuSVR and OneClassSVM fixtures hold support_, dual_coef_,
intercept_, and predict / decision_function on the training rows. Every fixture has n_iter_
(per machine): SMO iterations, which equal Lagrange's when both take the same steps. The one-class fixtures use
every column but the last (the datasets' target) as features.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.svm import NuSVC, NuSVR, OneClassSVM

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
OUT = os.path.dirname(os.path.abspath(__file__))
DECISION_ROWS = 300


def load(name):
    frame = pd.read_csv(os.path.join(ROOT, "Datasets", name))
    x = frame.iloc[:, :-1].to_numpy(dtype=float)
    y = frame.iloc[:, -1]
    return x, y


def label_text(value):
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value)


def header(estimator, dataset):
    return {"peer": "scikit-learn", "peerVersion": sklearn.__version__, "numpyVersion": np.__version__,
            "dataset": dataset, "estimator": estimator}


def write(name, fixture, note):
    with open(os.path.join(OUT, name), "w") as handle:
        json.dump(fixture, handle, indent=1)
    print(name, note)


def nusvc_fixture(dataset, nu, kernel="rbf", gamma="scale", tol=1e-3, suffix=""):
    x, y = load(dataset)
    labels = np.array([label_text(v) for v in y])
    model = NuSVC(nu=nu, kernel=kernel, gamma=gamma, tol=tol, cache_size=200, decision_function_shape="ovo")
    model.fit(x, labels)
    classes = [str(c) for c in model.classes_]
    starts = np.concatenate([[0], np.cumsum(model.n_support_)])
    raw_coef = model._dual_coef_
    raw_intercept = model._intercept_
    pairs = []
    p = 0
    for i in range(len(classes)):
        for j in range(i + 1, len(classes)):
            indices, coefficients = [], []
            for cls, row in ((i, j - 1), (j, i)):
                for position in range(starts[cls], starts[cls + 1]):
                    value = raw_coef[row, position]
                    if value != 0:
                        indices.append(int(model.support_[position]))
                        coefficients.append(float(value))
            pairs.append({"first": i, "second": j, "supportIndices": indices,
                          "dualCoefficients": coefficients, "intercept": float(raw_intercept[p])})
            p += 1
    fixture = header("NuSVC", dataset) | {
        "parameters": {"kernel": kernel, "nu": nu, "gamma": gamma, "gammaValue": float(model._gamma), "tol": tol},
        "classes": classes,
        "supportIndices": [int(v) for v in model.support_],
        "supportCounts": [int(v) for v in model.n_support_],
        "pairs": pairs,
        "predictions": [str(v) for v in model.predict(x)],
        "decision": np.asarray(model.decision_function(x)).reshape(len(x), -1)[:DECISION_ROWS].tolist(),
        "iterations": [int(v) for v in np.atleast_1d(model.n_iter_)],
    }
    write(f"nusvc_{dataset.replace('.csv', '')}{suffix}.json", fixture, f"SVs {len(model.support_)}")


def nusvr_fixture(dataset, nu, C, kernel="rbf", gamma="scale", tol=1e-3, suffix=""):
    x, y = load(dataset)
    model = NuSVR(nu=nu, C=C, kernel=kernel, gamma=gamma, tol=tol, cache_size=200)
    model.fit(x, y.to_numpy(dtype=float))
    fixture = header("NuSVR", dataset) | {
        "parameters": {"kernel": kernel, "nu": nu, "C": C, "gamma": gamma, "gammaValue": float(model._gamma), "tol": tol},
        "supportIndices": [int(v) for v in model.support_],
        "dualCoefficients": [float(v) for v in model.dual_coef_[0]],
        "intercept": float(model.intercept_[0]),
        "predictions": [float(v) for v in model.predict(x)],
        "iterations": [int(v) for v in np.atleast_1d(model.n_iter_)],
    }
    write(f"nusvr_{dataset.replace('.csv', '')}{suffix}.json", fixture, f"SVs {len(model.support_)}")


def one_class_fixture(dataset, nu, kernel="rbf", gamma="scale", tol=1e-3, suffix=""):
    x, _ = load(dataset)
    model = OneClassSVM(nu=nu, kernel=kernel, gamma=gamma, tol=tol, cache_size=200)
    model.fit(x)
    fixture = header("OneClassSVM", dataset) | {
        "parameters": {"kernel": kernel, "nu": nu, "gamma": gamma, "gammaValue": float(model._gamma), "tol": tol},
        "supportIndices": [int(v) for v in model.support_],
        "dualCoefficients": [float(v) for v in model.dual_coef_[0]],
        "intercept": float(model.intercept_[0]),
        "predictions": [int(v) for v in model.predict(x)],
        "decision": [float(v) for v in model.decision_function(x)],
        "iterations": [int(v) for v in np.atleast_1d(model.n_iter_)],
    }
    write(f"oneclass_{dataset.replace('.csv', '')}{suffix}.json", fixture,
          f"SVs {len(model.support_)} outliers {int((model.predict(x) < 0).sum())}")


if __name__ == "__main__":
    nusvc_fixture("breast_cancer.csv", nu=0.3)
    nusvc_fixture("iris.csv", nu=0.5)
    nusvc_fixture("wine.csv", nu=0.2)
    nusvc_fixture("iris.csv", nu=0.1, kernel="linear", suffix="_linear")
    nusvr_fixture("diabetes.csv", nu=0.5, C=100.0)
    nusvr_fixture("diabetes.csv", nu=0.2, C=1.0, kernel="linear", suffix="_linear")
    one_class_fixture("iris.csv", nu=0.1)
    one_class_fixture("breast_cancer.csv", nu=0.05)
    one_class_fixture("wine.csv", nu=0.5)
    print("python", sys.version.split()[0])
