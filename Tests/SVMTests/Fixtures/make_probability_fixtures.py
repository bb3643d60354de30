"""Regenerates the probability fixtures of Tests/SVMTests (SVCProbabilityTests).

Run from the repository root:  python Tests/SVMTests/Fixtures/make_probability_fixtures.py
(needs scikit-learn, pandas, numpy; the version used is written into every fixture).

scikit-learn's SVC(probability=True) fits each one-vs-one pair's Platt sigmoid on decision
values from an internal 5-fold cross-validation whose folds come from its LIBSVM fork's random
generator. To compare like with like, this script reproduces those folds and stores them:

- the seed handed to LIBSVM is check_random_state(random_state).randint(iinfo('i').max);
- LIBSVM's svm_train calls set_seed(seed) (std::mt19937) on entry, and so does every inner
  svm_train of the probability cross-validation, so each pair's shuffle starts from a freshly
  seeded generator: perm = identity; for i in 0..l-1: j = i + bounded_rand_int(l - i); swap;
- bounded_rand_int is the tweaked Lemire reduction of newrand.h, reproduced below;
- fold f holds positions perm[f*l//5 : (f+1)*l//5] of the pair's samples, which LIBSVM orders
  class i's rows (training order) then class j's, classes sorted.

The script checks the reproduction: it refits every fold with scikit-learn, fits the sigmoid with
a port of LIBSVM's sigmoid_train, and requires probA_/probB_ to agree before writing anything.
"""
import json
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.svm import SVC
from sklearn.utils import check_random_state

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
OUT = os.path.dirname(os.path.abspath(__file__))


def mt_stream(seed):
    generator = np.random.MT19937()
    generator._legacy_seeding(seed)
    while True:
        yield int(generator.random_raw(1)[0])


def bounded_rand_int(stream, rng):
    x = next(stream)
    m = x * rng
    low = m & 0xFFFFFFFF
    if low < rng:
        t = (-rng) & 0xFFFFFFFF
        if t >= rng:
            t -= rng
            if t >= rng:
                t %= rng
        while low < t:
            x = next(stream)
            m = x * rng
            low = m & 0xFFFFFFFF
    return m >> 32


def permutation(l, seed):
    stream = mt_stream(seed)
    perm = list(range(l))
    for i in range(l):
        j = i + bounded_rand_int(stream, l - i)
        perm[i], perm[j] = perm[j], perm[i]
    return perm


def sigmoid_train(dec, positive):
    prior1 = sum(positive)
    prior0 = len(positive) - prior1
    hi, lo = (prior1 + 1.0) / (prior1 + 2.0), 1.0 / (prior0 + 2.0)
    t = np.where(positive, hi, lo)
    a, b = 0.0, np.log((prior0 + 1.0) / (prior1 + 1.0))

    def objective(a, b):
        f = dec * a + b
        return np.sum(np.where(f >= 0, t * f + np.log1p(np.exp(-np.abs(f))), (t - 1) * f + np.log1p(np.exp(-np.abs(f)))))

    fval = objective(a, b)
    for _ in range(100):
        f = dec * a + b
        p = np.where(f >= 0, np.exp(-np.abs(f)) / (1 + np.exp(-np.abs(f))), 1 / (1 + np.exp(-np.abs(f))))
        q = 1 - p
        d2 = p * q
        h11, h22, h21 = 1e-12 + np.sum(dec * dec * d2), 1e-12 + np.sum(d2), np.sum(dec * d2)
        d1 = t - p
        g1, g2 = np.sum(dec * d1), np.sum(d1)
        if abs(g1) < 1e-5 and abs(g2) < 1e-5:
            break
        det = h11 * h22 - h21 * h21
        da, db = -(h22 * g1 - h21 * g2) / det, -(-h21 * g1 + h11 * g2) / det
        gd = g1 * da + g2 * db
        step = 1.0
        while step >= 1e-10:
            na, nb = a + step * da, b + step * db
            nf = objective(na, nb)
            if nf < fval + 0.0001 * step * gd:
                a, b, fval = na, nb, nf
                break
            step /= 2
        if step < 1e-10:
            break
    return a, b


def label_text(value):
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value)


def fixture(dataset, C=1.0, random_state=0):
    frame = pd.read_csv(os.path.join(ROOT, "Datasets", dataset))
    x = frame.iloc[:, :-1].to_numpy(dtype=float)
    labels = np.array([label_text(v) for v in frame.iloc[:, -1]])
    seed = check_random_state(random_state).randint(np.iinfo("i").max)
    model = SVC(C=C, gamma="scale", probability=True, random_state=random_state, decision_function_shape="ovo")
    model.fit(x, labels)
    gamma = model._gamma
    classes = list(model.classes_)
    pairs = []
    for i in range(len(classes)):
        for j in range(i + 1, len(classes)):
            rows = [r for r in range(len(labels)) if labels[r] == classes[i]] + \
                   [r for r in range(len(labels)) if labels[r] == classes[j]]
            positive = np.array([labels[r] == classes[i] for r in rows])
            perm = permutation(len(rows), seed)
            dec = np.zeros(len(rows))
            for f in range(5):
                begin, end = f * len(rows) // 5, (f + 1) * len(rows) // 5
                held = perm[begin:end]
                train = perm[:begin] + perm[end:]
                sub = SVC(C=C, gamma=gamma, tol=model.tol).fit(x[[rows[t] for t in train]], positive[train])
                # classes_ sorted: False, True; decision > 0 means True (class i).
                dec[held] = sub.decision_function(x[[rows[t] for t in held]])
            a, b = sigmoid_train(dec, positive)
            pairs.append({"first": i, "second": j, "permutation": perm, "probA": a, "probB": b})
    index = 0
    for pair in pairs:
        assert abs(pair["probA"] - model.probA_[index]) < 1e-3 * max(1, abs(model.probA_[index])), (pair["probA"], model.probA_[index])
        assert abs(pair["probB"] - model.probB_[index]) < 1e-3 * max(1, abs(model.probB_[index])), (pair["probB"], model.probB_[index])
        pair["probA"], pair["probB"] = float(model.probA_[index]), float(model.probB_[index])
        index += 1
    probabilities = model.predict_proba(x)
    out = {
        "peerVersion": sklearn.__version__,
        "dataset": dataset,
        "C": C,
        "gammaValue": float(gamma),
        "randomState": random_state,
        "libsvmSeed": int(seed),
        "classes": classes,
        "pairs": pairs,
        "probabilities": probabilities.tolist(),
        "predictions": [str(v) for v in model.predict(x)],
    }
    name = os.path.join(OUT, "probability_" + dataset.replace(".csv", ".json"))
    with open(name, "w") as handle:
        json.dump(out, handle)
    print(name, "pairs reproduced:", len(pairs))


if __name__ == "__main__":
    import warnings
    warnings.simplefilter("ignore", FutureWarning)
    fixture("iris.csv")
    fixture("breast_cancer.csv")
