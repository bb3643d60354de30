"""Produces the scikit-learn fixtures of LinearModelsTests (run from this folder):

    /tmp/peervenv/bin/python make_sklearn_fixtures.py

scikit-learn has no glmnet-style standardization inside lasso_path / enet_path / Ridge, so
the features are standardized here exactly as Lagrange does (centred, divided by the
population sd), y is centred, and the coefficients are mapped back to the original scale
(β / sd, intercept ȳ − Σ x̄ β). Convention mapping (DESIGN.md): enet_path's `alphas` are λ
and `l1_ratio` is α; Ridge's alpha = n·λ. Tolerances are tightened (tol=1e-12) so the
references are accurate far below the tests' tolerances.
"""
import json
import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import enet_path, lasso_path, Ridge, RidgeCV

peer = f"scikit-learn {sklearn.__version__}"
d = pd.read_csv("../../../Datasets/diabetes.csv")
X = d.iloc[:, :10].to_numpy(float)
y = d["progression"].to_numpy(float)
n = X.shape[0]
mu, sd = X.mean(0), X.std(0)          # population sd (ddof=0)
Z = (X - mu) / sd
yc = y - y.mean()

def original(beta_std):
    beta = beta_std / sd
    return beta.tolist(), float(y.mean() - mu @ beta)

out = {}
lambdas = np.geomspace(40.0, 0.04, 25)
for name, l1 in [("lasso", 1.0), ("enet", 0.5)]:
    alphas, coefs, gaps = enet_path(Z, yc, l1_ratio=l1, alphas=lambdas, tol=1e-12, max_iter=100000)
    betas, a0 = zip(*(original(coefs[:, k]) for k in range(len(alphas))))
    out[name] = {"l1_ratio": l1, "lambda": alphas.tolist(), "beta": list(betas), "a0": list(a0)}
ridge_lambdas = [10.0, 1.0, 0.1, 0.01, 1e-4]
ridge = []
for lam in ridge_lambdas:
    m = Ridge(alpha=n * lam, fit_intercept=True, solver="cholesky").fit(Z, y)
    beta, a0 = original(m.coef_)
    ridge.append({"lambda": lam, "beta": beta, "a0": a0})
out["ridge"] = ridge
cv_lambdas = np.geomspace(10.0, 1e-6, 15)
rcv = RidgeCV(alphas=n * cv_lambdas, fit_intercept=True, store_cv_results=True).fit(Z, y)
out["ridge_loo"] = {"lambda": cv_lambdas.tolist(), "mean_loo_squared_error": rcv.cv_results_.mean(axis=0).tolist()}
out["peer"] = peer
out["script"] = "make_sklearn_fixtures.py"
json.dump(out, open("sklearn_diabetes.json", "w"))
print(peer, {k: (len(v) if isinstance(v, list) else "") for k, v in out.items()})
