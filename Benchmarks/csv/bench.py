"""CSV loading against pandas on the same generated files, in one run, two ways:

- the reader alone, in process on both sides: `CSVReader().read(path:)` (CSVBench, every
  number into one row-major matrix) against `pandas.read_csv` — the parsing throughput the
  issue's target speaks of;
- the whole command: `lagrange describe` as a process (start-up, parse, summary, output)
  against `pandas.read_csv` + `DataFrame.describe()` in process.

Reports wall time (best of 5), throughput, the ratios, and `lagrange describe`'s peak memory
against the size of the parsed matrix."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402

import json  # noqa: E402
import subprocess  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

ROWS, COLUMNS = 100_000, 50
REPEATS = 5
CSVBENCH = os.path.join(common.ROOT, ".build", "release", "CSVBench")


def generate():
    """Two 100,000 × 50 files of standard normals: 9 decimals (≈ 62 MB, the issue's file)
    and pandas' default shortest round-trip repr (17 significant digits, ≈ 98 MB)."""
    os.makedirs(common.DATA, exist_ok=True)
    rng = np.random.default_rng(20261123)
    frame = pd.DataFrame(rng.standard_normal((ROWS, COLUMNS)), columns=[f"x{j}" for j in range(COLUMNS)])
    files = {}
    for name, fmt in [("9 decimals", "%.9f"), ("shortest repr", None)]:
        path = os.path.join(common.DATA, f"csv_{ROWS}x{COLUMNS}_{'f9' if fmt else 'repr'}.csv")
        if not os.path.exists(path):
            frame.to_csv(path, index=False, float_format=fmt)
        files[name] = path
    return files


def time_pandas(path, describe):
    start = time.perf_counter()
    frame = pd.read_csv(path)
    if describe:
        frame.describe()
    return time.perf_counter() - start


def time_reader(path):
    """CSVBench's best of REPEATS reads, in one process."""
    out = subprocess.run([CSVBENCH, path, str(REPEATS)], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])["best"]


def main():
    files = generate()
    rows = []
    for name, path in files.items():
        size_mb = os.path.getsize(path) / 1e6
        # Warm the page cache so both read from memory.
        with open(path, "rb") as f:
            while f.read(1 << 24):
                pass
        reader = time_reader(path)
        pandas_read = common.best_of(REPEATS, lambda: time_pandas(path, describe=False))
        lagrange, peak = common.best_of(REPEATS, lambda: common.run_child([common.LAGRANGE, "describe", "--data", path]))
        pandas_describe = common.best_of(REPEATS, lambda: time_pandas(path, describe=True))
        matrix_mib = ROWS * COLUMNS * 8 / 2**20
        rows.append([
            f"{ROWS:,} × {COLUMNS} ({name}, {size_mb:.1f} MB)",
            f"{reader:.3f} s ({size_mb / reader:.0f} MB/s)",
            f"{pandas_read:.3f} s ({size_mb / pandas_read:.0f} MB/s)",
            f"**{reader / pandas_read:.2f}×**",
            f"{lagrange:.3f} s",
            f"{pandas_describe:.3f} s",
            f"{lagrange / pandas_describe:.2f}×",
            f"{peak:.0f} MiB ({peak / matrix_mib:.2f}× the {matrix_mib:.0f} MiB matrix)",
        ])
    common.write_results(
        "csv", "CSV loading: Lagrange vs pandas",
        ["file", "Lagrange reader (in process)", "pandas read_csv", "ratio", "lagrange describe (process)",
         "pandas read_csv + describe", "ratio", "lagrange describe peak RSS"],
        rows,
        "Wall clock, best of 5, page cache warm; ratios are Lagrange's time over the peer's (below 1 is "
        "faster). The reader row is the issue's target (at least 2× pandas' read_csv throughput, a ratio "
        "≤ 0.5): both sides parse every number of the file into memory in their own process (Lagrange: "
        "`CSVReader().read(path:)`, correctly rounded like `strtod`, through `Benchmarks/csv/CSVBench`). "
        "The describe row times `lagrange describe` as a whole process — start-up, parsing, the summary "
        "and its output — against `read_csv` + `describe()` inside an already running Python.",
        "bash Benchmarks/run csv")


if __name__ == "__main__":
    main()
