"""Produces sklearn_breast_cancer.json for LinearClassifiersTests (run from this folder):
    /tmp/peervenv/bin/python make_sklearn_fixtures.py

scikit-learn's LogisticRegression(penalty="elasticnet", solver="saga", C, l1_ratio) minimizes
C·Σ log-loss + l1_ratio‖β‖₁ + (1 − l1_ratio)/2‖β‖² (intercept unpenalized), which is n·C times
Lagrange's objective at λ = 1/(nC). scikit-learn does not standardize, so X is standardized here
with the population sd (glmnet's convention, Lagrange's default) and the coefficients are mapped
back to the original scale: β = β_std / sd, b = b_std − Σ β·mean.
"""
import json
import numpy as np, pandas as pd, sklearn
from sklearn.linear_model import LogisticRegression

d = pd.read_csv("../../../Datasets/breast_cancer.csv")
X = d.iloc[:, :30].to_numpy(float)
y = (d["diagnosis"] == "malignant").astype(int).to_numpy()   # the second class in sorted order
n = len(y)
mean, sd = X.mean(0), X.std(0)
Z = (X - mean) / sd
fits = []
for l1_ratio in (1.0, 0.5):
    for lam in (0.05, 0.01, 0.002):
        model = LogisticRegression(penalty="elasticnet", solver="saga", C=1 / (n * lam), l1_ratio=l1_ratio,
                                   tol=1e-13, max_iter=1_000_000)
        model.fit(Z, y)
        beta = model.coef_[0] / sd
        fits.append({"lambda": lam, "l1_ratio": l1_ratio, "C": 1 / (n * lam), "n_iter": int(model.n_iter_[0]),
                     "coefficients": beta.tolist(), "intercept": float(model.intercept_[0] - beta @ mean)})
json.dump({"peer": f"scikit-learn {sklearn.__version__} (numpy {np.__version__})",
           "call": "LogisticRegression(penalty='elasticnet', solver='saga', C=1/(n*lambda), l1_ratio, tol=1e-13, max_iter=1e6) on population-sd standardized X",
           "fits": fits}, open("sklearn_breast_cancer.json", "w"))
