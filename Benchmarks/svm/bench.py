"""Runs Lagrange and scikit-learn on the same generated SVM problems and writes RESULTS.md.

Timing: scikit-learn is timed around `fit` only (data already in memory); Lagrange is timed
around the whole `lagrange fit` process (CSV parsing, fit, model file write) — so the ratio
is conservative for Lagrange. Each side is run `--repeats` times and the best time is kept.
"""
import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.datasets import make_classification, make_regression
from sklearn.model_selection import GridSearchCV, PredefinedSplit
from sklearn.svm import SVC, SVR

HERE = os.path.dirname(os.path.abspath(__file__))


def problems(quick):
    scale = 4 if quick else 1
    x, y = make_classification(n_samples=20000 // scale, n_features=20, n_informative=10, n_redundant=4,
                               flip_y=0.05, class_sep=1.0, random_state=0)
    yield ("binary", f"{len(x)} × 20, 2 classes, rbf γ=0.05, C=1", x, y, "svm",
           dict(kernel="rbf", gamma=0.05, C=1.0))
    x, y = make_classification(n_samples=10000 // scale, n_features=20, n_informative=12, n_redundant=2,
                               n_classes=10, n_clusters_per_class=1, random_state=1)
    yield ("multiclass", f"{len(x)} × 20, 10 classes (45 one-vs-one machines), rbf γ=0.05, C=1", x, y, "svm",
           dict(kernel="rbf", gamma=0.05, C=1.0))
    x, y = make_regression(n_samples=10000 // scale, n_features=20, n_informative=10, noise=10.0, random_state=2)
    y = y / y.std()
    yield ("svr", f"{len(x)} × 20 regression, rbf γ=0.05, C=10, ε=0.1", x, y, "svr",
           dict(kernel="rbf", gamma=0.05, C=10.0, epsilon=0.1))


# The grid search problem (issue 12): 5,000 × 20, 8 C × 8 γ, 5-fold.
GRID_LOG2C = (-5, 9, 2)     # -5, -3, …, 9
GRID_LOG2G = (1, -13, -2)   # 1, -1, …, -13
GRID_FOLDS = 5
GRID_SEED = 1


def grid_values(begin, end, step):
    count = int((end - begin) / step + 1e-9) + 1
    return [begin + i * step for i in range(count)]


def splitmix64(seed):
    """Lagrange's SeededGenerator (SplitMix64), for reproducing its fold assignment."""
    state = seed
    mask = (1 << 64) - 1
    while True:
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        yield z ^ (z >> 31)


def lagrange_folds(y, k, seed):
    """Modeling.StratifiedFolds.assign, transcribed: classes in numeric order, each class's rows
    shuffled by one SplitMix64 Fisher–Yates and dealt round robin, the count running on."""
    generator = splitmix64(seed)
    fold = np.zeros(len(y), dtype=int)
    dealt = 0
    for label in sorted(set(y.tolist())):
        rows = [i for i in range(len(y)) if y[i] == label]
        for i in range(len(rows) - 1, 0, -1):
            j = next(generator) % (i + 1)
            rows[i], rows[j] = rows[j], rows[i]
        for row in rows:
            fold[row] = dealt % k
            dealt += 1
    return fold


def grid_search(args, work):
    """GridSearchCV(SVC(), n_jobs=2) against `lagrange path svm` on the same rows and folds."""
    scale = 4 if args.quick else 1
    x, y = make_classification(n_samples=5000 // scale, n_features=20, n_informative=10, n_redundant=4,
                               flip_y=0.05, class_sep=1.0, random_state=0)
    columns = [f"f{j}" for j in range(x.shape[1])]
    frame = pd.DataFrame(x, columns=columns)
    frame["target"] = y
    data = os.path.join(work, "grid.csv")
    frame.to_csv(data, index=False, float_format="%.17g")
    log2cs, log2gs = grid_values(*GRID_LOG2C), grid_values(*GRID_LOG2G)
    fold = lagrange_folds(y, GRID_FOLDS, GRID_SEED)
    search = GridSearchCV(SVC(kernel="rbf", tol=1e-3, cache_size=200),
                          {"C": [2.0 ** v for v in log2cs], "gamma": [2.0 ** v for v in log2gs]},
                          cv=PredefinedSplit(fold), n_jobs=2, refit=False)
    (peer_time, peer_cpu), _ = best_of(args.repeats, lambda: search.fit(x, y))
    results = search.cv_results_
    sizes = np.bincount(fold, minlength=GRID_FOLDS)
    # Pooled held-out correct counts per point, comparable with Lagrange's table.
    peer_correct = {}
    for index, params in enumerate(results["params"]):
        correct = sum(round(results[f"split{f}_test_score"][index] * sizes[f]) for f in range(GRID_FOLDS))
        peer_correct[(float(np.log2(params["C"])), float(np.log2(params["gamma"])))] = correct
    # scikit-learn's choice: the best mean fold accuracy, first in its grid order on ties.
    peer_best = results["params"][search.best_index_]
    peer_point = (float(np.log2(peer_best["C"])), float(np.log2(peer_best["gamma"])))

    table = os.path.join(work, "grid-table.csv")
    cli = [args.lagrange, "path", "svm", "--data", data, "--kernel", "rbf",
           "--log2c", ",".join(str(v) for v in GRID_LOG2C), "--log2g", ",".join(str(v) for v in GRID_LOG2G),
           "--folds", str(GRID_FOLDS), "--seed", str(GRID_SEED), "--tol", "1e-3", "--cache-mb", "200",
           "--table", table, "--quiet"]
    (ours_time, ours_cpu), fitted = best_of(args.repeats, lambda: subprocess.run(cli, capture_output=True, text=True, check=True))
    ours = pd.read_csv(table)
    ours_correct = {(r.log2_c, r.log2_gamma): int(r.correct) for r in ours.itertuples()}
    best_line = [line for line in fitted.stdout.splitlines() if line.startswith("best:")][0]
    ours_point = (float(best_line.split("C = 2^")[1].split(" ")[0]), float(best_line.split("γ = 2^")[1].split(" ")[0]))
    same_counts = sum(1 for key, value in ours_correct.items() if peer_correct.get(key) == value)
    if ours_point == peer_point:
        agreement = "same point"
    elif ours_correct[ours_point] == ours_correct.get(peer_point):
        agreement = "CV tie (same held-out count at both points in Lagrange's table)"
    else:
        agreement = "DIFFERENT"
    row = dict(description=f"{len(x)} × 20, 2 classes, rbf, {len(log2cs)} C × {len(log2gs)} γ, {GRID_FOLDS}-fold",
               peer_time=peer_time, ours_time=ours_time, peer_cpu=peer_cpu, ours_cpu=ours_cpu, ratio=ours_time / peer_time,
               peer_point=peer_point, ours_point=ours_point, peer_accuracy=peer_correct[peer_point] / len(x),
               ours_accuracy=ours_correct[ours_point] / len(x), agreement=agreement, same_counts=same_counts,
               points=len(ours_correct))
    print(f"grid        scikit-learn {peer_time:7.2f} s (cpu {peer_cpu:.2f})  lagrange {ours_time:7.2f} s (cpu {ours_cpu:.2f})  "
          f"ratio {row['ratio']:.3f}  chosen log2(C, γ) {peer_point} / {ours_point}: {agreement}; "
          f"{same_counts}/{len(ours_correct)} points with equal held-out counts", flush=True)
    return row


def best_of(repeats, run):
    """Best wall time over `repeats` runs, with the CPU time (this process and its children)
    of that run: CPU time is less sensitive to other load on the machine."""
    best, result = None, None
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = run()
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in zip(after, before))
        if best is None or wall < best[0]:
            best = (wall, cpu)
    return best, result


def cpu_model():
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lagrange", required=True)
    parser.add_argument("--command", default="Benchmarks/svm/run.sh")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="quarter-size problems (smoke test)")
    parser.add_argument("--output", default=os.path.join(HERE, "RESULTS.md"))
    parser.add_argument("--only", choices=["fits", "grid"], help="run only the single fits or only the grid search")
    args = parser.parse_args()
    load_before = os.popen("uptime").read().strip()
    version = subprocess.run([args.lagrange, "--version"], capture_output=True, text=True).stdout.strip()
    rows = []
    work = tempfile.mkdtemp(prefix="lagrange-svm-bench-")
    for name, description, x, y, command, params in (problems(args.quick) if args.only != "grid" else []):
        columns = [f"f{j}" for j in range(x.shape[1])]
        frame = pd.DataFrame(x, columns=columns)
        frame["target"] = y
        data = os.path.join(work, f"{name}.csv")
        frame.to_csv(data, index=False, float_format="%.17g")
        model_path = os.path.join(work, f"{name}.json")

        if command == "svm":
            peer = SVC(kernel=params["kernel"], gamma=params["gamma"], C=params["C"], tol=1e-3, cache_size=200)
        else:
            peer = SVR(kernel=params["kernel"], gamma=params["gamma"], C=params["C"], epsilon=params["epsilon"],
                       tol=1e-3, cache_size=200)
        (peer_time, peer_cpu), _ = best_of(args.repeats, lambda: peer.fit(x, y))
        peer_sv = len(peer.support_)
        peer_pred = peer.predict(x)

        cli = [args.lagrange, "fit", command, "--data", data, "--kernel", params["kernel"], "--gamma", str(params["gamma"]),
               "-C", str(params["C"]), "--tol", "1e-3", "--cache-mb", "200", "--model", model_path, "--quiet"]
        if command == "svr":
            cli += ["--epsilon", str(params["epsilon"])]
        (ours_time, ours_cpu), fitted = best_of(args.repeats, lambda: subprocess.run(cli, capture_output=True, text=True, check=True))
        summary = fitted.stdout
        ours_sv = int(summary.split("support vectors: ")[1].split(" ")[0])
        predicted = subprocess.run([args.lagrange, "predict", "--model", model_path, "--data", data],
                                   capture_output=True, text=True, check=True).stdout.split("\n")[1:-1]
        if command == "svm":
            truth = [str(int(v)) for v in y]
            ours_quality = np.mean([p == t for p, t in zip(predicted, truth)])
            peer_quality = np.mean(peer_pred == y)
            quality = "training accuracy"
        else:
            ours_pred = np.array([float(v) for v in predicted])
            ours_quality = 1 - np.mean((ours_pred - y) ** 2) / np.var(y)
            peer_quality = 1 - np.mean((peer_pred - y) ** 2) / np.var(y)
            quality = "training R²"
        violation = summary.split("max KKT violation")[1].split()[0]
        rows.append(dict(name=name, description=description, peer_time=peer_time, ours_time=ours_time,
                         peer_cpu=peer_cpu, ours_cpu=ours_cpu,
                         ratio=ours_time / peer_time, peer_sv=peer_sv, ours_sv=ours_sv,
                         sv_diff=abs(ours_sv - peer_sv) / peer_sv, quality=quality,
                         peer_quality=peer_quality, ours_quality=ours_quality, violation=violation))
        r = rows[-1]
        print(f"{name:10s}  scikit-learn {peer_time:7.2f} s (cpu {peer_cpu:.2f})  lagrange {ours_time:7.2f} s (cpu {ours_cpu:.2f})  ratio {r['ratio']:.3f}  "
              f"SVs {peer_sv} / {ours_sv}  {quality} {peer_quality:.4f} / {ours_quality:.4f}", flush=True)

    grid = grid_search(args, work) if args.only != "fits" else None

    nproc = os.cpu_count()
    lines = [
        "# SVM benchmark: Lagrange vs scikit-learn",
        "",
        f"Machine: {nproc} cores ({cpu_model()}), {platform.system()} {platform.release()}.",
        f"Versions: {version}; scikit-learn {sklearn.__version__} (LIBSVM inside), numpy {np.__version__}, "
        f"Python {platform.python_version()}.",
        f"Command: `{args.command}`" + (" (quick, quarter-size)" if args.quick else "") + f", best of {args.repeats}.",
        "",
        "Both sides fit the same generated data (tol 1e-3, cache 200 MB, shrinking on). scikit-learn is timed "
        "around `fit` only; Lagrange around the whole `lagrange fit` process (CSV parsing and model file included). "
        "The ratio is wall-clock Lagrange / scikit-learn; CPU seconds (user + system, all threads) are shown too, "
        "because wall times move with other load on a shared machine (`uptime` before the run: "
        + load_before + ").",
        "",
        "| problem | scikit-learn fit (s) | Lagrange fit (s) | ratio | CPU s sklearn / Lagrange | SVs sklearn / Lagrange | quality sklearn / Lagrange | Lagrange max KKT violation |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r['description']} | {r['peer_time']:.2f} | {r['ours_time']:.2f} | {r['ratio']:.3f} | "
                     f"{r['peer_cpu']:.2f} / {r['ours_cpu']:.2f} | "
                     f"{r['peer_sv']} / {r['ours_sv']} ({100 * r['sv_diff']:.2f}% apart) | "
                     f"{r['quality']} {r['peer_quality']:.4f} / {r['ours_quality']:.4f} | {r['violation']} |")
    if grid:
        g = grid
        fmt = lambda point: f"({point[0]:g}, {point[1]:g})"
        lines += [
            "",
            "Grid search: `lagrange path svm` (warm starts along C, stratified folds, seed "
            f"{GRID_SEED}) against `GridSearchCV(SVC(kernel='rbf', tol=1e-3, cache_size=200), n_jobs=2, refit=False)` "
            f"over log₂C = {GRID_LOG2C[0]}…{GRID_LOG2C[1]} step {GRID_LOG2C[2]} and log₂γ = {GRID_LOG2G[0]}…{GRID_LOG2G[1]} "
            f"step {GRID_LOG2G[2]}. scikit-learn gets Lagrange's fold assignment through a `PredefinedSplit` (bench.py "
            "transcribes `StratifiedFolds`), so both score the same held-out rows. Lagrange is timed around the whole "
            "process (no refit on either side); scikit-learn's CPU seconds miss its joblib workers (they outlive the "
            "timing), so its CPU column is a lower bound. Ties: Lagrange takes the smaller C, then the larger margin; scikit-learn "
            "the first best mean fold accuracy in its grid order (C outer, γ inner, both as listed).",
            "",
            "| problem | scikit-learn GridSearchCV (s) | Lagrange path svm (s) | ratio | CPU s sklearn / Lagrange | chosen log₂(C, γ) sklearn / Lagrange | CV accuracy sklearn / Lagrange | grid points with equal held-out counts |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            f"| {g['description']} | {g['peer_time']:.2f} | {g['ours_time']:.2f} | {g['ratio']:.3f} | "
            f"{g['peer_cpu']:.2f} / {g['ours_cpu']:.2f} | {fmt(g['peer_point'])} / {fmt(g['ours_point'])}: {g['agreement']} | "
            f"{g['peer_accuracy']:.4f} / {g['ours_accuracy']:.4f} | {g['same_counts']} of {g['points']} |",
        ]
    with open(args.output, "w") as handle:
        handle.write("\n".join(lines) + "\n")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    sys.exit(main())
