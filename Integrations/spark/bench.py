"""Lagrange on Spark against Spark MLlib on the same Spark session and the same CSV files.

    python bench.py --lagrange PATH --input DIR [--master local[2]] [--lambda 0.01] [--generate ROWS FEATURES FILES]

--generate writes DIR first (numpy, 6 significant digits: the benchmark needs the same text
for both, not full precision). Then, one run each, wall clock on the driver:

  MLlib PCA        spark.read.csv (schema: all double) → VectorAssembler → PCA(k = p).fit
  Lagrange PCA     partitions → lagrange stats → treeReduce(lagrange merge) → lagrange fit pca --stats
  MLlib ridge      LinearRegression(solver="normal", elasticNetParam=0, regParam=r, standardization=True)
  Lagrange ridge   the same statistics → lagrange fit ridge --lambda λ --stats, λ = r / σ_y
                   (MLlib's normal solver standardizes the label by its population sd σ_y and
                   divides regParam by it, which for the L2 term is λ = r / σ_y in glmnet's scale)
  Lagrange lasso path from the same statistics (MLlib has no path).

The statistics are computed once per mode and reused by the ridge and lasso fits; each row
of the table says what it includes. Prints one JSON line with the times and the agreement.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lagrange_spark  # noqa: E402


def generate(directory, rows, features, files, seed=2000):
    import numpy as np
    from multiprocessing import Pool
    os.makedirs(directory, exist_ok=True)
    per_file = -(-rows // files)
    jobs = [(directory, k, min(per_file, rows - k * per_file), features, seed) for k in range(files)]
    with Pool(2) as pool:
        pool.map(_write_part, jobs)


def _write_part(job):
    import numpy as np
    directory, k, count, p, seed = job
    rng = np.random.default_rng([seed, k])
    mixing = np.random.default_rng(seed).normal(size=(p, p)) / np.sqrt(p) + np.eye(p)
    beta = np.random.default_rng(seed + 1).normal(size=p) * (np.arange(p) % 4 != 2)
    x = rng.normal(size=(count, p)) @ mixing + np.arange(p) % 7
    y = 3 + x @ beta + rng.normal(scale=0.5, size=count)
    header = ",".join([f"x{j + 1}" for j in range(p)] + ["y"])
    np.savetxt(os.path.join(directory, f"part-{k:05d}.csv"), np.column_stack([x, y]), fmt="%.6g",
               delimiter=",", header=header, comments="")


def seconds(body):
    start = time.perf_counter()
    value = body()
    return value, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lagrange", required=True)
    parser.add_argument("--input", required=True)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--lambda", dest="reg", type=float, default=0.01, help="MLlib regParam r")
    parser.add_argument("--generate", nargs=3, type=int, metavar=("ROWS", "FEATURES", "FILES"))
    parser.add_argument("--driver-memory", default="8g")
    parser.add_argument("--text-file", action="store_true",
                        help="also time the statistics through sc.textFile partitions piped by Python (slower)")
    options = parser.parse_args()
    if options.generate:
        _, took = seconds(lambda: generate(options.input, *options.generate))
        print(f"generated {options.generate} in {took:.1f} s", file=sys.stderr)

    from pyspark.ml.feature import PCA, VectorAssembler
    from pyspark.ml.regression import LinearRegression
    from pyspark.sql import SparkSession
    from pyspark.sql.types import DoubleType, StructField, StructType

    spark = (SparkSession.builder.master(options.master).appName("lagrange-bench")
             .config("spark.driver.memory", options.driver_memory).getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    lagrange_spark.ship(spark, options.lagrange)
    files = sorted(f for f in os.listdir(options.input) if f.endswith(".csv"))
    with open(os.path.join(options.input, files[0])) as f:
        names = f.readline().strip().split(",")
    features, p = names[:-1], len(names) - 1
    schema = StructType([StructField(n, DoubleType()) for n in names])
    work = tempfile.mkdtemp(prefix="lagrange-bench-")
    result = {"master": options.master, "files": len(files), "features": p, "spark": spark.version}
    # Warm-up (not timed): Python workers and the JVM's CSV reader, so neither side pays the start-up.
    spark.sparkContext.parallelize(range(4), 2).map(lambda v: v).collect()
    spark.read.csv(os.path.join(options.input, files[0]), header=True, schema=schema).limit(10).collect()

    def lagrange(command, statistics):
        out = subprocess.run([options.lagrange] + command + ["--stats", statistics, "--quiet"], capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(out.stderr)
        return out.stdout

    def model(path):
        with open(path) as f:
            return json.load(f)["model"]

    # Lagrange: statistics by the text-file partitions piped through Python, and by one task per file.
    modes = (("textFile", False), ("perFile", True)) if options.text_file else (("perFile", True),)
    for mode, per_file in modes:
        merged, took = seconds(lambda: lagrange_spark.statistics_of_csv_directory(spark, options.input, target="y", per_file=per_file))
        path = os.path.join(work, f"{mode}.lgs")
        with open(path, "wb") as f:
            f.write(merged)
        _, fit_pca = seconds(lambda: lagrange(["fit", "pca", "--model", os.path.join(work, f"{mode}-pca.json")], path))
        result[f"lagrange_statistics_{mode}_s"] = round(took, 2)
        result[f"lagrange_pca_{mode}_s"] = round(took + fit_pca, 2)
    statistics = os.path.join(work, "perFile.lgs")
    pca = model(os.path.join(work, "perFile-pca.json"))

    # MLlib PCA on Spark's CSV reader.
    def mllib_pca():
        df = spark.read.csv(options.input, header=True, schema=schema)
        vectors = VectorAssembler(inputCols=features, outputCol="features").transform(df)
        return PCA(k=p, inputCol="features", outputCol="pc").fit(vectors)
    mllib, took = seconds(mllib_pca)
    result["mllib_pca_s"] = round(took, 2)
    ratios = list(mllib.explainedVariance.toArray())
    ours = pca["explainedVarianceRatio"]
    result["pca_explained_variance_ratio_max_relative_difference"] = max(abs(a - b) / abs(b) for a, b in zip(ours, ratios))

    # MLlib ridge (normal equations) against Lagrange ridge from the same statistics.
    def mllib_ridge():
        df = spark.read.csv(options.input, header=True, schema=schema)
        vectors = VectorAssembler(inputCols=features, outputCol="features").transform(df)
        return LinearRegression(featuresCol="features", labelCol="y", solver="normal", elasticNetParam=0.0,
                                regParam=options.reg, standardization=True).fit(vectors)
    ridge, took = seconds(mllib_ridge)
    result["mllib_ridge_s"] = round(took, 2)
    # σ_y (population) from the statistics, to express MLlib's regParam in Lagrange's λ.
    import lagrange_statistics as ls
    decoded = ls.decode(open(statistics, "rb").read())
    sigma_y = (decoded.scatter[-1][-1] / decoded.count) ** 0.5
    lam = options.reg / sigma_y
    _, took = seconds(lambda: lagrange(["fit", "ridge", "--lambda", repr(lam), "--model", os.path.join(work, "ridge.json")], statistics))
    result["lagrange_ridge_fit_from_statistics_s"] = round(took, 3)
    result["lagrange_ridge_s"] = round(result["lagrange_statistics_perFile_s"] + took, 2)
    ours = model(os.path.join(work, "ridge.json"))
    theirs = list(ridge.coefficients.toArray()) + [ridge.intercept]
    mine = ours["coefficients"] + [ours["intercept"]]
    scale = max(abs(v) for v in theirs)
    result["ridge_coefficients_max_relative_difference"] = max(abs(a - b) for a, b in zip(mine, theirs)) / scale
    result["ridge_certificate_relative_residual"] = ours["certificate"]["ridge"]["_0"]["relativeResidual"]
    _, took = seconds(lambda: lagrange(["path", "lasso", "--lambdas", "100", "--table", os.path.join(work, "lasso.csv")], statistics))
    result["lagrange_lasso_path_100_from_statistics_s"] = round(took, 3)
    spark.stop()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
