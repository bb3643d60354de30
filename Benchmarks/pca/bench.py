"""Side-by-side PCA benchmark: Lagrange vs pandas + scikit-learn on the same generated file.

Run through run.sh (which builds the release binaries and picks the Python interpreter).
Prints a table and writes Benchmarks/pca/RESULTS.md.
"""
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

import numpy
import pandas
import sklearn
from sklearn.decomposition import PCA

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LAGRANGE = os.path.join(ROOT, ".build", "release", "lagrange")
BENCH = os.path.join(ROOT, ".build", "release", "PCABench")
REPEATS = int(os.environ.get("REPEATS", "3"))
data, small = sys.argv[1], sys.argv[2]


def median_time(body, repeats=REPEATS):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def timed_run(arguments):
    """Wall seconds and peak RSS (MB) of one command, from /usr/bin/time -v."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-v"] + arguments, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(arguments)}\n{result.stderr}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1)) / 1024
    return wall, rss, result.stdout


model = os.path.join(ROOT, "Benchmarks", "data", "pca_model.json")
lagrange_command = [LAGRANGE, "fit", "pca", "--data", data, "--model", model, "--quiet"]
subprocess.run(["cat", data], stdout=subprocess.DEVNULL, check=True)  # warm the page cache for both sides

# Peer: pandas.read_csv + PCA(covariance_eigh), and numpy's centred XᵀX + eigh floor.
read_time = median_time(lambda: pandas.read_csv(data))
x = pandas.read_csv(data).to_numpy(dtype=float)
eigh_time = median_time(lambda: PCA(svd_solver="covariance_eigh").fit(x))


def numpy_floor():
    centred = x - x.mean(axis=0)
    numpy.linalg.eigh(centred.T @ centred)


numpy_floor_time = median_time(numpy_floor)
peer_ratio = PCA(svd_solver="covariance_eigh").fit(x).explained_variance_ratio_[:3]
n, p = x.shape
del x

# Lagrange end to end (median wall time) and its peak memory; the same on a tenth of the rows.
runs = [timed_run(lagrange_command) for _ in range(REPEATS)]
lagrange_time = statistics.median(r[0] for r in runs)
peak_rss = max(r[1] for r in runs)
ours_ratio = json.loads(subprocess.run([LAGRANGE, "inspect", "--model", model, "--json"], capture_output=True,
                                       text=True, check=True).stdout)["explainedVarianceRatio"][:3]
small_wall, small_rss, _ = timed_run([LAGRANGE, "fit", "pca", "--data", small, "--model", model, "--quiet"])
n_small = sum(1 for _ in open(small)) - 1

# Fit alone vs the floor, in one Lagrange process on the matrix in memory.
bench = json.loads(subprocess.run([BENCH, data, "5"], capture_output=True, text=True, check=True).stdout)

end_to_end_peer = read_time + eigh_time
cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
lines = [
    "# PCA benchmark",
    "",
    f"Data: generated {n:,} × {p} numeric CSV ({os.path.getsize(data) / 1e6:.0f} MB), `Benchmarks/pca/generate.py`.",
    f"Machine: {os.cpu_count()} cores (`nproc` = {os.cpu_count()}), {cpu}; shared with other builds, so times vary by ±10%.",
    f"Peer: scikit-learn {sklearn.__version__}, pandas {pandas.__version__}, numpy {numpy.__version__}; Python {platform.python_version()}.",
    f"Command: `Benchmarks/pca/run.sh` (medians of {REPEATS} runs; PCABench medians of 5).",
    "",
    "| what | Lagrange | peer | ratio (Lagrange / peer) |",
    "|---|---:|---:|---:|",
    f"| end to end: `lagrange fit pca` vs `pandas.read_csv` + `PCA(svd_solver=\"covariance_eigh\").fit` | {lagrange_time:.2f} s | {end_to_end_peer:.2f} s ({read_time:.2f} + {eigh_time:.2f}) | {lagrange_time / end_to_end_peer:.2f}× (target ≤ 0.4×) |",
    f"| fit alone (data in memory): `PCAParameters().fit` vs `PCA(covariance_eigh).fit` | {bench['fit']:.3f} s | {eigh_time:.3f} s | {bench['fit'] / eigh_time:.2f}× (target ≤ 1×) |",
    f"| fit alone vs bare floor `dsyrk` XᵀX + `dsyevd` (same Lagrange process) | {bench['fit']:.3f} s | {bench['floor']:.3f} s | {bench['fit'] / bench['floor']:.2f}× (target ≤ 1.5×) |",
    f"| numpy centred XᵀX + `eigh` floor (for reference) | | {numpy_floor_time:.3f} s | |",
    "",
    "Peak memory of `lagrange fit pca` (maximum resident set size from `/usr/bin/time -v`), streaming the file:",
    "",
    "| rows | file | peak RSS | the matrix alone would be |",
    "|---:|---:|---:|---:|",
    f"| {n_small:,} | {os.path.getsize(small) / 1e6:.0f} MB | {small_rss:.0f} MB | {n_small * p * 8 / 1e6:.0f} MB |",
    f"| {n:,} | {os.path.getsize(data) / 1e6:.0f} MB | {peak_rss:.0f} MB | {n * p * 8 / 1e6:.0f} MB |",
    "",
    f"Same answer: explained variance ratio of the first three components, Lagrange {[round(v, 8) for v in ours_ratio]}, "
    f"scikit-learn {[round(float(v), 8) for v in peer_ratio]}.",
    "",
]
text = "\n".join(lines)
print(text)
with open(os.path.join(ROOT, "Benchmarks", "pca", "RESULTS.md"), "w") as handle:
    handle.write(text)
