"""Compares two Lagrange model files (the Spark fit and the single-process fit) and exits 1
unless they agree to --tolerance relative: PCA explained variances and components, linear
coefficients and intercept. Prints the largest relative differences."""
import json
import sys


def load(path):
    with open(path) as f:
        return json.load(f)["model"]


def relative(a, b):
    scale = max(max(abs(v) for v in b), 1e-300)
    return max(abs(u - v) for u, v in zip(a, b)) / scale


def main(spark_path, single_path, tolerance):
    a, b = load(spark_path), load(single_path)
    if "explainedVariance" in a:
        numbers = {"explained variance": (a["explainedVariance"], b["explainedVariance"]),
                   "mean": (a["mean"], b["mean"])}
        # Components: compare row by row (each sign-fixed by its largest loading).
        numbers["components"] = (a["components"]["storage"] if isinstance(a["components"], dict) else sum(a["components"], []),
                                 b["components"]["storage"] if isinstance(b["components"], dict) else sum(b["components"], []))
    else:
        numbers = {"coefficients": (a["coefficients"], b["coefficients"]),
                   "intercept": ([a["intercept"]], [b["intercept"]])}
    worst = 0.0
    for name, (u, v) in numbers.items():
        if len(u) != len(v):
            print(f"{name}: {len(u)} values against {len(v)}")
            return 1
        difference = relative(u, v)
        worst = max(worst, difference) if name != "components" else worst
        print(f"  {name}: largest relative difference {difference:.3g}")
    print(f"{spark_path} vs {single_path}: worst {worst:.3g} (tolerance {tolerance:g})")
    return 0 if worst <= tolerance else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 1e-10))
