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
    args = parser.parse_args()
    load_before = os.popen("uptime").read().strip()
    version = subprocess.run([args.lagrange, "--version"], capture_output=True, text=True).stdout.strip()
    rows = []
    work = tempfile.mkdtemp(prefix="lagrange-svm-bench-")
    for name, description, x, y, command, params in problems(args.quick):
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
    with open(args.output, "w") as handle:
        handle.write("\n".join(lines) + "\n")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    sys.exit(main())
