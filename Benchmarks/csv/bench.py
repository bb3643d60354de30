"""CSV loading: `lagrange describe` against `pandas.read_csv` + `DataFrame.describe()` on the
same generated files, in one run. Reports wall time (best of 3), throughput, the ratio, and
Lagrange's peak memory against the size of the parsed matrix."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

ROWS, COLUMNS = 100_000, 50
REPEATS = 3


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


def main():
    files = generate()
    rows = []
    for name, path in files.items():
        size_mb = os.path.getsize(path) / 1e6
        # Warm the page cache so both read from memory.
        with open(path, "rb") as f:
            while f.read(1 << 24):
                pass
        lagrange, peak = common.best_of(REPEATS, lambda: common.run_child([common.LAGRANGE, "describe", "--data", path]))
        pandas_read = common.best_of(REPEATS, lambda: time_pandas(path, describe=False))
        pandas_describe = common.best_of(REPEATS, lambda: time_pandas(path, describe=True))
        matrix_mib = ROWS * COLUMNS * 8 / 2**20
        rows.append([
            f"{ROWS:,} × {COLUMNS} ({name}, {size_mb:.1f} MB)",
            f"{lagrange:.3f} s ({size_mb / lagrange:.0f} MB/s)",
            f"{pandas_read:.3f} s ({size_mb / pandas_read:.0f} MB/s)",
            f"{pandas_describe:.3f} s",
            f"{lagrange / pandas_read:.2f}×",
            f"{lagrange / pandas_describe:.2f}×",
            f"{peak:.0f} MiB ({peak / matrix_mib:.2f}× the {matrix_mib:.0f} MiB matrix)",
        ])
    common.write_results(
        "csv", "CSV loading: lagrange describe vs pandas",
        ["file", "lagrange describe", "pandas read_csv", "pandas read_csv + describe", "ratio vs read_csv",
         "ratio vs read_csv + describe", "lagrange peak RSS"],
        rows,
        "Times are wall clock, best of 3, page cache warm. `lagrange describe` parses every number "
        "(correctly rounded, like `strtod`) and computes the per-column summary; the ratio is "
        "Lagrange's time over the peer's (below 1 is faster). Target (issue 2): at least 2× pandas' "
        "read_csv throughput, i.e. a ratio ≤ 0.5.",
        "bash Benchmarks/run csv")


if __name__ == "__main__":
    main()
