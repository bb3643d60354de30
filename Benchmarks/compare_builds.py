"""Two builds of Lagrange, the same work, interleaved: is one slower than the other?

The per-family benchmarks compare Lagrange with a peer; their ratios move with the peer's own
run-to-run spread (2-3x on a shared 2-core machine). To check that a change made no family
slower (issue 9: "no family slower by more than 5%"), this script times two release builds —
`--base` and `--head`, each a checkout with `swift build -c release` done — on identical
inputs, alternating base/head run by run so both see the same machine, and reports the best
of N for each and the head/base ratio.

Usage: python Benchmarks/compare_builds.py --base /path/to/old/checkout --head . [--repeats 7] [--only NAME-PART]
Needs numpy and scikit-learn (the peers' venv) to generate the data; writes a markdown table.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "linear"))
from bench import correlated, standardize  # noqa: E402  (Benchmarks/linear/bench.py)


def timed(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def linear_data(work):
    n, p = 5000, 1000
    X, y = correlated(n, p, rho=0.5, k=20, seed=0)
    Z, yc, _, _ = standardize(X, y)
    lambdas = np.abs(Z.T @ yc).max() / n * np.geomspace(1, 1e-3, 100)
    X.tofile(os.path.join(work, "X.bin")); y.tofile(os.path.join(work, "y.bin"))
    lambdas.tofile(os.path.join(work, "lambdas.bin"))
    n2, p2 = 20000, 200
    X2, y2 = correlated(n2, p2, rho=0.5, k=20, seed=1)
    Z2, yc2, _, _ = standardize(X2, y2)
    rl = (np.abs(Z2.T @ yc2).max() / n2 / 1e-3) * np.geomspace(1, 1e-4, 100)
    X2.tofile(os.path.join(work, "X2.bin")); y2.tofile(os.path.join(work, "y2.bin")); rl.tofile(os.path.join(work, "rl.bin"))
    header = ",".join(f"x{j}" for j in range(p)) + ",y"
    np.savetxt(os.path.join(work, "lasso.csv"), np.column_stack([X, y]), delimiter=",", header=header, comments="", fmt="%.10g")


def svm_data(work):
    from sklearn.datasets import make_classification, make_regression
    x, y = make_classification(n_samples=20000, n_features=20, n_informative=10, n_redundant=4,
                               flip_y=0.05, class_sep=1.0, random_state=0)
    save_csv(os.path.join(work, "svc.csv"), x, y)
    x, y = make_regression(n_samples=10000, n_features=20, n_informative=10, noise=10.0, random_state=2)
    save_csv(os.path.join(work, "svr.csv"), x, y / y.std())


def save_csv(path, x, y):
    header = ",".join(f"f{j}" for j in range(x.shape[1])) + ",target"
    np.savetxt(path, np.column_stack([x, y]), delimiter=",", header=header, comments="", fmt="%.17g")


def tasks(root, work, data):
    lagrange = os.path.join(root, ".build", "release", "lagrange")
    bench = os.path.join(root, ".build", "release", "linear-bench")
    csvbench = os.path.join(root, ".build", "release", "CSVBench")
    w = lambda name: os.path.join(work, name)  # noqa: E731
    model = w(f"model-{abs(hash(root))}.json")
    n, p = "5000", "1000"
    return {
        "csv reader, 100,000 × 50 (62.5 MB), in process": [csvbench, os.path.join(data, "csv_100000x50_f9.csv")],
        "lagrange describe, 100,000 × 50": [lagrange, "describe", "--data", os.path.join(data, "csv_100000x50_f9.csv")],
        "fit svm 20,000 × 20 rbf (process)": [lagrange, "fit", "svm", "--data", w("svc.csv"), "--kernel", "rbf", "--gamma", "0.05",
                                              "-C", "1", "--tol", "1e-3", "--cache-mb", "200", "--model", model, "--quiet"],
        "fit svr 10,000 × 20 rbf (process)": [lagrange, "fit", "svr", "--data", w("svr.csv"), "--kernel", "rbf", "--gamma", "0.05",
                                              "-C", "10", "--epsilon", "0.1", "--tol", "1e-3", "--cache-mb", "200", "--model", model, "--quiet"],
        "lasso path 5000 × 1000, 100 λ, tol 1e-3 (in process)": [bench, "lasso", w("X.bin"), w("y.bin"), n, p, w("lambdas.bin"), "1e-3", w("coef.bin")],
        "5-fold CV of that path (in process)": [bench, "cv", w("X.bin"), w("y.bin"), n, p, w("lambdas.bin"), "1e-3", "5"],
        "ridge path + LOO 20000 × 200 (in process)": [bench, "ridge", w("X2.bin"), w("y2.bin"), "20000", "200", w("rl.bin"), w("loo.bin")],
        "lagrange path lasso whole process (101 MB CSV)": [lagrange, "path", "lasso", "--data", w("lasso.csv"), "--target", "y", "--tol", "5e-4"],
        "fit pca 200,000 × 200 (460 MB CSV, process)": [lagrange, "fit", "pca", "--data", os.path.join(data, "pca_200000x200.csv"), "--model", model, "--quiet"],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--head", default=os.path.dirname(HERE))
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--out", default=None)
    parser.add_argument("--only", action="append", default=[], help="run only tasks whose name contains this (repeatable)")
    args = parser.parse_args()
    data = os.path.join(HERE, "data")
    for needed in ("csv_100000x50_f9.csv", "pca_200000x200.csv"):
        if not os.path.exists(os.path.join(data, needed)):
            sys.exit(f"missing {os.path.join(data, needed)}: run `bash Benchmarks/run csv pca` once to generate it")
    work = tempfile.mkdtemp(prefix="lagrange-compare-")
    linear_data(work)
    svm_data(work)
    base, head = tasks(os.path.abspath(args.base), work, data), tasks(os.path.abspath(args.head), work, data)
    lines = ["| task | base best (s) | head best (s) | head / base |", "|---|---:|---:|---:|"]
    for name in base:
        if args.only and not any(part in name for part in args.only):
            continue
        times = {"base": [], "head": []}
        for _ in range(args.repeats):
            times["base"].append(timed(base[name]))
            times["head"].append(timed(head[name]))
        b, h = min(times["base"]), min(times["head"])
        line = f"| {name} | {b:.3f} | {h:.3f} | {h / b:.3f} |"
        print(line, flush=True)
        lines.append(line)
    table = "\n".join(lines)
    if args.out:
        with open(args.out, "w") as handle:
            handle.write(table + "\n")
    print(table)


if __name__ == "__main__":
    main()
