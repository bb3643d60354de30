"""Produces the scikit-learn metrics fixture of EvaluationTests (run from this folder):

    /tmp/peervenv/bin/python make_sklearn_metrics.py

Seeded labels, predictions and scores (numpy's default_rng(11); scores rounded to 2 decimals so
that ties occur, which the AUC must count as halves), with scikit-learn's scores of them:
three-class text labels with a class that is never predicted and one that is predicted but never
true; a binary problem with decision values; a regression problem.
"""
import json
import numpy as np
import sklearn
from sklearn import metrics

rng = np.random.default_rng(11)
out = {"peer": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}"}

labels = np.array(["cat", "dog", "emu"])
truth = labels[rng.integers(0, 2, 60)]                # 'emu' never true
predicted = np.where(rng.random(60) < 0.7, truth, labels[rng.integers(0, 3, 60)])
predicted[predicted == "dog"] = np.where(rng.random((predicted == "dog").sum()) < 0.5, "dog", "emu")
classes = sorted(set(truth) | set(predicted))
p, r, f, s = metrics.precision_recall_fscore_support(truth, predicted, labels=classes, zero_division=0)
out["multiclass"] = {
    "truth": truth.tolist(), "predicted": predicted.tolist(), "classes": classes,
    "accuracy": metrics.accuracy_score(truth, predicted),
    "balanced_accuracy": metrics.balanced_accuracy_score(truth, predicted),
    "confusion": metrics.confusion_matrix(truth, predicted, labels=classes).tolist(),
    "precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(), "support": s.tolist(),
    "macro_f1": metrics.f1_score(truth, predicted, average="macro", zero_division=0),
    "weighted_f1": metrics.f1_score(truth, predicted, average="weighted", zero_division=0),
}

n = 200
y = np.where(rng.random(n) < 0.35, "yes", "no")
score = np.round(rng.normal(size=n) + 1.2 * (y == "yes"), 2)
guess = np.where(score > 0, "yes", "no")
out["binary"] = {
    "truth": y.tolist(), "predicted": guess.tolist(), "decision": score.tolist(), "positive": "yes",
    "accuracy": metrics.accuracy_score(y, guess),
    "balanced_accuracy": metrics.balanced_accuracy_score(y, guess),
    "confusion": metrics.confusion_matrix(y, guess, labels=["no", "yes"]).tolist(),
    "f1": metrics.f1_score(y, guess, average=None, labels=["no", "yes"]).tolist(),
    "auc": metrics.roc_auc_score(y == "yes", score),
}

t = rng.normal(50, 10, 150)
f_hat = t + rng.normal(0, 4, 150)
out["regression"] = {
    "truth": t.tolist(), "predicted": f_hat.tolist(),
    "mse": metrics.mean_squared_error(t, f_hat), "rmse": metrics.root_mean_squared_error(t, f_hat),
    "mae": metrics.mean_absolute_error(t, f_hat), "r2": metrics.r2_score(t, f_hat),
}
with open("sklearn_metrics.json", "w") as fh:
    json.dump(out, fh)
print(out["peer"], out["binary"]["auc"], out["multiclass"]["classes"], out["multiclass"]["balanced_accuracy"])
