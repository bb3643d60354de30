"""Writes scikit-learn PCA reference values for the Decomposition tests.

Run from the repository root:
    python Tests/DecompositionTests/Fixtures/make_pca_fixtures.py
Needs scikit-learn, pandas, numpy. The peer's versions are written into the fixture.
Reference solver: svd_solver="full" (LAPACK SVD of the centred data), the most accurate.
"""
import json
import pathlib

import numpy
import pandas
import sklearn
from sklearn.decomposition import PCA

ROOT = pathlib.Path(__file__).resolve().parents[3]
CASES = [("iris.csv", "species", 2), ("wine.csv", "cultivar", 5), ("digits.csv", "digit", 10)]
SCORE_ROWS = 20

fixtures = {
    "peer": f"scikit-learn {sklearn.__version__}, numpy {numpy.__version__}, pandas {pandas.__version__}",
    "solver": "PCA(svd_solver='full')",
    "scoreRows": SCORE_ROWS,
    "cases": [],
}
for name, target, k in CASES:
    frame = pandas.read_csv(ROOT / "Datasets" / name)
    x = frame.drop(columns=[target]).to_numpy(dtype=float)
    plain = PCA(n_components=k, svd_solver="full").fit(x)
    white = PCA(n_components=k, svd_solver="full", whiten=True).fit(x)
    fixtures["cases"].append({
        "file": name,
        "target": target,
        "components": k,
        "explainedVariance": plain.explained_variance_.tolist(),
        "explainedVarianceRatio": plain.explained_variance_ratio_.tolist(),
        "singularValues": plain.singular_values_.tolist(),
        "noiseVariance": float(plain.noise_variance_),
        "mean": plain.mean_.tolist(),
        "componentRows": plain.components_.tolist(),
        "scores": plain.transform(x[:SCORE_ROWS]).tolist(),
        "whitenedScores": white.transform(x[:SCORE_ROWS]).tolist(),
    })

out = pathlib.Path(__file__).with_name("sklearn_pca.json")
out.write_text(json.dumps(fixtures, indent=1) + "\n")
print("wrote", out)
