"""Regenerates the scikit-learn reference fixtures of Tests/SVMTests.

Run from the repository root:  python Tests/SVMTests/Fixtures/make_fixtures.py
(needs scikit-learn, pandas, numpy; the version used is written into every fixture).

Each SVC fixture holds, per one-vs-one pair (i, j) with i < j, LIBSVM's raw orientation
(decision > 0 votes for class i): the training indices of the pair's support vectors, their
coefficients y*alpha, and the intercept -rho. scikit-learn flips the sign of dual_coef_ and
intercept_ for two classes; the raw values are its _dual_coef_ and _intercept_.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.svm import SVC, SVR

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


def sample_weights(n):
    """The weighted fixtures' sample weights: w_i = 0.5 + (i mod 4)/2 for rows i = 0..n-1."""
    return np.array([0.5 + (i % 4) / 2 for i in range(n)])


def svc_fixture(dataset, kernel="rbf", C=1.0, gamma="scale", tol=1e-3, class_weight=None, degree=3, coef0=0.0, suffix="",
                weighted=False):
    x, y = load(dataset)
    weights = sample_weights(len(x)) if weighted else None
    labels = np.array([label_text(v) for v in y])
    model = SVC(kernel=kernel, C=C, gamma=gamma, tol=tol, class_weight=class_weight, cache_size=200,
                degree=degree, coef0=coef0,
                decision_function_shape="ovo")
    model.fit(x, labels, sample_weight=weights)
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
    decision = model.decision_function(x)
    fixture = {
        "peer": "scikit-learn", "peerVersion": sklearn.__version__, "numpyVersion": np.__version__,
        "dataset": dataset, "estimator": "SVC",
        "parameters": {"kernel": kernel, "C": C, "gamma": gamma, "gammaValue": float(model._gamma),
                       "tol": tol, "classWeight": class_weight, "degree": degree, "coef0": coef0,
                       "sampleWeights": None if weights is None else [float(v) for v in weights]},
        "classes": classes,
        "supportIndices": [int(v) for v in model.support_],
        "supportCounts": [int(v) for v in model.n_support_],
        "pairs": pairs,
        "predictions": [str(v) for v in model.predict(x)],
        # The first DECISION_ROWS rows only: digits has 45 columns, and all 1797 rows would
        # make a 2 MB fixture for no extra checking power.
        "decision": np.asarray(decision).reshape(len(x), -1)[:DECISION_ROWS].tolist(),
        "trainingAccuracy": float(model.score(x, labels)),
    }
    name = f"svc_{dataset.replace('.csv', '')}{suffix}.json"
    with open(os.path.join(OUT, name), "w") as handle:
        json.dump(fixture, handle, indent=1)
    print(name, "SVs", len(model.support_), "accuracy", fixture["trainingAccuracy"])


def svr_fixture(dataset, kernel="rbf", C=1.0, epsilon=0.1, gamma="scale", tol=1e-3, suffix="", weighted=False):
    x, y = load(dataset)
    weights = sample_weights(len(x)) if weighted else None
    model = SVR(kernel=kernel, C=C, epsilon=epsilon, gamma=gamma, tol=tol, cache_size=200)
    model.fit(x, y.to_numpy(dtype=float), sample_weight=weights)
    fixture = {
        "peer": "scikit-learn", "peerVersion": sklearn.__version__, "numpyVersion": np.__version__,
        "dataset": dataset, "estimator": "SVR",
        "parameters": {"kernel": kernel, "C": C, "epsilon": epsilon, "gamma": gamma,
                       "gammaValue": float(model._gamma), "tol": tol,
                       "sampleWeights": None if weights is None else [float(v) for v in weights]},
        "supportIndices": [int(v) for v in model.support_],
        "dualCoefficients": [float(v) for v in model.dual_coef_[0]],
        "intercept": float(model.intercept_[0]),
        "predictions": [float(v) for v in model.predict(x)],
    }
    name = f"svr_{dataset.replace('.csv', '')}{suffix}.json"
    with open(os.path.join(OUT, name), "w") as handle:
        json.dump(fixture, handle, indent=1)
    print(name, "SVs", len(model.support_))


def weighted_fixtures():
    """Only the sample-weight fixtures (python make_fixtures.py weighted)."""
    svc_fixture("iris.csv", weighted=True, suffix="_weighted")
    svc_fixture("wine.csv", C=10.0, weighted=True, suffix="_weighted")
    svc_fixture("breast_cancer.csv", weighted=True, suffix="_weighted")


def weighted_svr_fixtures():
    """Only the weighted ε-SVR fixture (python make_fixtures.py weighted-svr)."""
    svr_fixture("diabetes.csv", C=100.0, epsilon=10.0, weighted=True, suffix="_weighted")


if __name__ == "__main__" and sys.argv[1:] == ["weighted"]:
    weighted_fixtures()
    print("python", sys.version.split()[0])
elif __name__ == "__main__" and sys.argv[1:] == ["weighted-svr"]:
    weighted_svr_fixtures()
    print("python", sys.version.split()[0])
elif __name__ == "__main__":
    weighted_fixtures()
    svc_fixture("breast_cancer.csv")
    svc_fixture("iris.csv")
    svc_fixture("wine.csv")
    svc_fixture("digits.csv")
    svc_fixture("iris.csv", kernel="linear", suffix="_linear")
    svc_fixture("wine.csv", class_weight="balanced", C=10.0, suffix="_balanced")
    svc_fixture("iris.csv", kernel="poly", degree=3, coef0=1.0, C=0.5, suffix="_poly")
    svc_fixture("iris.csv", kernel="sigmoid", gamma=0.005, coef0=-0.5, C=100.0, suffix="_sigmoid")
    svr_fixture("diabetes.csv", C=100.0, epsilon=10.0)
    svr_fixture("diabetes.csv", kernel="linear", C=1.0, epsilon=10.0, suffix="_linear")
    weighted_svr_fixtures()
    print("python", sys.version.split()[0])
