"""Writes a regression data set as FILES CSV files (same header) under DIR/parts and, unless
--no-single, the same rows as one file DIR/all.csv (for the single-process reference fit).

Columns x1…xP are correlated Gaussians with offsets (one of 1e6), y = Xβ + noise. Numbers are
written in shortest round-trip form, so every reader sees the same doubles. Pure Python
(random.Random with a seed): no third-party package needed.
"""
import argparse
import os
import random


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--features", type=int, default=20)
    parser.add_argument("--files", type=int, default=16)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--no-single", action="store_true")
    parser.add_argument("dir")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    p = options.features
    offsets = [1e6 if j == 1 else float(j % 5) for j in range(p)]
    beta = [(-1) ** j * (1 + j % 3) if j % 4 != 2 else 0.0 for j in range(p)]
    os.makedirs(os.path.join(options.dir, "parts"), exist_ok=True)
    header = ",".join([f"x{j + 1}" for j in range(p)] + ["y"]) + "\n"
    single = None if options.no_single else open(os.path.join(options.dir, "all.csv"), "w")
    if single:
        single.write(header)
    per_file = -(-options.rows // options.files)
    for k in range(options.files):
        with open(os.path.join(options.dir, "parts", f"part-{k:05d}.csv"), "w") as out:
            out.write(header)
            lines = []
            for _ in range(min(per_file, options.rows - k * per_file)):
                common = rng.gauss(0, 1)
                x = [offsets[j] + rng.gauss(0, 1) + 0.5 * common * (j % 3) for j in range(p)]
                y = 3.0 + sum(b * (v - o) for b, v, o in zip(beta, x, offsets)) + rng.gauss(0, 0.5)
                lines.append(",".join(repr(v) for v in x + [y]) + "\n")
            text = "".join(lines)
            out.write(text)
            if single:
                single.write(text)
    if single:
        single.close()


if __name__ == "__main__":
    main()
