"""Produces the scikit-learn fixture of PreprocessingTests (run from this folder):

    /tmp/peervenv/bin/python make_sklearn_fixtures.py

Penguins (Datasets/penguins.csv) split by row: data rows i with i % 4 == 0 are the test file,
the others the training file (both written here, each row copied as written). On the training
file, scikit-learn's

    Pipeline([ColumnTransformer([("num", SimpleImputer(strategy="mean"), numeric),
                                 ("cat", Pipeline([SimpleImputer(strategy="most_frequent"),
                                                   OneHotEncoder(handle_unknown="ignore")]), text)]),
              StandardScaler(), SVC(C=1, kernel="rbf", gamma="scale", tol=1e-3)])

is fitted with target `species`, and its predictions and one-vs-one decision values on the test
file are saved. Lagrange's pipeline (missing mean, one-hot, standard scaling) orders the encoded
columns differently (each text column's levels in its own place); an rbf kernel and gamma="scale"
do not depend on the column order, so the predictions must be the same.
"""
import json
import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.svm import SVC

with open("../../../Datasets/penguins.csv") as f:
    lines = f.read().splitlines()
header, rows = lines[0], lines[1:]
with open("penguins_train.csv", "w") as f:
    f.write("\n".join([header] + [r for i, r in enumerate(rows) if i % 4 != 0]) + "\n")
with open("penguins_test.csv", "w") as f:
    f.write("\n".join([header] + [r for i, r in enumerate(rows) if i % 4 == 0]) + "\n")

train = pd.read_csv("penguins_train.csv")
test = pd.read_csv("penguins_test.csv")
target = "species"
features = [c for c in train.columns if c != target]
text = [c for c in features if not pd.api.types.is_numeric_dtype(train[c])]
numeric = [c for c in features if c not in text]
pipeline = Pipeline([
    ("columns", ColumnTransformer([
        ("num", SimpleImputer(strategy="mean"), numeric),
        ("cat", Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                          ("onehot", OneHotEncoder(handle_unknown="ignore"))]), text)])),
    ("scale", StandardScaler()),
    ("svc", SVC(C=1.0, kernel="rbf", gamma="scale", tol=1e-3, decision_function_shape="ovo")),
])
pipeline.fit(train[features], train[target])
svc = pipeline.named_steps["svc"]
out = {
    "peer": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, pandas {pd.__version__}",
    "pipeline": "ColumnTransformer(SimpleImputer(mean) | SimpleImputer(most_frequent)+OneHotEncoder(ignore)) + StandardScaler + SVC(rbf, C=1, gamma=scale)",
    "classes": [str(c) for c in svc.classes_],
    "n_support": [int(v) for v in svc.n_support_],
    "gamma": float(svc._gamma),
    "predictions": [str(p) for p in pipeline.predict(test[features])],
    "decision": pipeline.decision_function(test[features]).tolist(),
    "imputed_means": dict(zip(numeric, pipeline.named_steps["columns"].named_transformers_["num"].statistics_.tolist())),
}
with open("sklearn_penguins_pipeline.json", "w") as f:
    json.dump(out, f, indent=1)
print(out["peer"], out["n_support"], out["gamma"])
