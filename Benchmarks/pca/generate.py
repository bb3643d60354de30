"""The PCA benchmark's data: ROWS x COLS correlated Gaussian numbers as CSV.

    python generate.py ROWS COLS OUT.csv [SEED]     (bench.py calls write() itself)

The columns mix 20 latent factors with decaying scales plus independent noise, so the
spectrum has structure; values are written with 8 decimals (about 11.5 bytes a cell, so
200,000 x 200 is about 460 MB). Written in blocks, so memory stays small.
"""
import sys

import numpy


def write(rows, cols, out, seed=2026):
    rng = numpy.random.default_rng(seed)
    factors = min(20, cols)
    mixing = rng.standard_normal((factors, cols)) * (0.8 ** numpy.arange(factors))[:, None]
    block = 20_000
    with open(out, "w") as handle:
        handle.write(",".join(f"x{j + 1}" for j in range(cols)) + "\n")
        for start in range(0, rows, block):
            m = min(block, rows - start)
            x = rng.standard_normal((m, factors)) @ mixing + 0.3 * rng.standard_normal((m, cols))
            numpy.savetxt(handle, x, fmt="%.8f", delimiter=",")


if __name__ == "__main__":
    write(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 2026)
