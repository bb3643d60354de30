"""Lagrange on Apache Spark: exact mergeable statistics as map tasks, a tree of merges, the
fit on the driver (docs/scale.md).

    map     every partition → `lagrange stats --data - --output -` (the binary is shipped to
            the executors with SparkContext.addFile), one statistics file per partition
    reduce  RDD.treeReduce with `lagrange merge` (associative and commutative, so any tree
            gives the same statistics up to rounding)
    fit     `lagrange fit pca|ridge|lasso|enet --stats` / `lagrange path … --stats` on the driver

Input: a directory of CSV files with the same header (read with sc.textFile, or one task
per file with --per-file when the files are on a file system every executor sees), or a
Spark DataFrame of numeric columns (`statistics_of_dataframe`).

Usage (see README.md):
    python lagrange_spark.py --lagrange PATH/TO/lagrange --input DIR --target y \\
        --output merged.lgs [--master local[2]] [--fit pca|ridge|lasso|enet|path-lasso ...] \\
        [--lambda 0.1] [--model model.json] [--per-file]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

from pyspark import SparkFiles
from pyspark.sql import SparkSession

LAGRANGE = "lagrange"


def _binary():
    """The shipped binary on this executor (or on the driver)."""
    path = SparkFiles.get(LAGRANGE)
    if not os.access(path, os.X_OK):
        os.chmod(path, 0o755)
    return path


def _stats_arguments(target, drop, missing):
    arguments = ["--output", "-", "--quiet"]
    if target:
        arguments += ["--target", target]
    for column in drop or []:
        arguments += ["--drop", column]
    if missing:
        arguments += ["--missing", missing]
    return arguments


def _pipe_lines(header, lines, arguments):
    """Streams `header` and then `lines` (CSV text, no header) into `lagrange stats -`;
    yields its statistics file (bytes). An empty partition yields nothing."""
    lines = (line for line in lines if line != header and line)  # each file's own header row
    first = next(lines, None)
    if first is None:
        return
    process = subprocess.Popen([_binary(), "stats", "--data", "-"] + arguments,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    buffer = [header, first]
    size = 0
    for line in lines:
        buffer.append(line)
        size += len(line)
        if size > 1 << 22:
            process.stdin.write(("\n".join(buffer) + "\n").encode())
            buffer, size = [], 0
    if buffer:
        process.stdin.write(("\n".join(buffer) + "\n").encode())
    process.stdin.close()
    output = process.stdout.read()
    error = process.stderr.read().decode(errors="replace")
    if process.wait() != 0:
        raise RuntimeError(f"lagrange stats failed: {error.strip()}")
    yield output


def _merge(a, b):
    """Two statistics files → one, by `lagrange merge` (runs on executors and on the driver)."""
    with tempfile.TemporaryDirectory() as directory:
        left, right = os.path.join(directory, "a.lgs"), os.path.join(directory, "b.lgs")
        with open(left, "wb") as f:
            f.write(a)
        with open(right, "wb") as f:
            f.write(b)
        result = subprocess.run([_binary(), "merge", left, right, "--output", "-", "--quiet"], capture_output=True)
        if result.returncode != 0:
            raise RuntimeError(f"lagrange merge failed: {result.stderr.decode(errors='replace').strip()}")
        return result.stdout


def ship(spark, lagrange_path):
    """Makes the binary available to every executor (SparkContext.addFile)."""
    spark.sparkContext.addFile(os.path.abspath(lagrange_path))


def statistics_of_csv_directory(spark, directory, target=None, drop=None, missing=None, per_file=False, depth=2):
    """The merged statistics (bytes) of every CSV file under `directory` (same header)."""
    sc = spark.sparkContext
    arguments = _stats_arguments(target, drop, missing)
    files = sorted(os.path.join(directory, f) for f in os.listdir(directory) if f.endswith(".csv"))
    if not files:
        raise ValueError(f"no .csv files in {directory}")
    if per_file:
        # One task per file, read by lagrange itself (fastest; the files must be visible to
        # every executor at the same path, as on one machine or a shared file system).
        def one_file(path):
            result = subprocess.run([_binary(), "stats", "--data", path] + arguments, capture_output=True)
            if result.returncode != 0:
                raise RuntimeError(f"lagrange stats failed: {result.stderr.decode(errors='replace').strip()}")
            return result.stdout
        parts = sc.parallelize(files, len(files)).map(one_file)
    else:
        with open(files[0], encoding="utf-8") as f:
            header = f.readline().rstrip("\r\n")
        parts = sc.textFile(directory).mapPartitions(lambda lines: _pipe_lines(header, iter(lines), arguments))
    return parts.treeReduce(_merge, depth=depth)


def statistics_of_dataframe(df, target=None, drop=None, depth=2):
    """The merged statistics (bytes) of a DataFrame of numeric columns: each partition is
    written as CSV (shortest round-trip numbers, so no digit is lost) into `lagrange stats -`."""
    columns = df.columns
    header = ",".join(columns)
    arguments = _stats_arguments(target, drop, "omit")

    def rows_as_csv(rows):
        for row in rows:
            yield ",".join("" if v is None else repr(float(v)) for v in row)

    parts = df.rdd.mapPartitions(lambda rows: _pipe_lines(header, rows_as_csv(rows), arguments))
    return parts.treeReduce(_merge, depth=depth)


def fit_on_driver(lagrange_path, statistics_path, command):
    """Runs `lagrange <command…> --stats statistics_path` on the driver; returns its output."""
    result = subprocess.run([lagrange_path] + command + ["--stats", statistics_path], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip())
    return result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lagrange", required=True, help="path to the lagrange binary (shipped to the executors)")
    parser.add_argument("--input", required=True, help="directory of CSV files with the same header")
    parser.add_argument("--target", help="target column (recorded in the statistics)")
    parser.add_argument("--drop", action="append", help="column to leave out (repeatable)")
    parser.add_argument("--missing", choices=["fail", "omit"])
    parser.add_argument("--output", required=True, help="where the merged statistics file is written")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--per-file", action="store_true", help="one task per file, read by lagrange itself")
    parser.add_argument("--dataframe", action="store_true",
                        help="read the directory with Spark's CSV reader into a DataFrame (all columns double) first")
    parser.add_argument("--fit", action="append", default=[],
                        help="a fit on the driver, e.g. 'fit pca --model pca.json' or 'path lasso --lambdas 50' (repeatable)")
    options = parser.parse_args()

    spark = SparkSession.builder.master(options.master).appName("lagrange-statistics").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    ship(spark, options.lagrange)
    start = time.perf_counter()
    if options.dataframe:
        from pyspark.sql.types import DoubleType, StructField, StructType
        files = sorted(f for f in os.listdir(options.input) if f.endswith(".csv"))
        with open(os.path.join(options.input, files[0]), encoding="utf-8") as f:
            names = f.readline().rstrip("\r\n").split(",")
        schema = StructType([StructField(name, DoubleType()) for name in names])
        df = spark.read.csv(options.input, header=True, schema=schema)
        merged = statistics_of_dataframe(df, options.target, options.drop)
    else:
        merged = statistics_of_csv_directory(spark, options.input, options.target, options.drop, options.missing, options.per_file)
    elapsed = time.perf_counter() - start
    with open(options.output, "wb") as f:
        f.write(merged)
    print(f"statistics of {options.input} on {options.master}: {len(merged)} bytes in {elapsed:.2f} s → {options.output}")
    spark.stop()
    for fit in options.fit:
        start = time.perf_counter()
        print(fit_on_driver(options.lagrange, options.output, fit.split()), end="")
        print(f"({fit}: {time.perf_counter() - start:.2f} s on the driver)")


if __name__ == "__main__":
    sys.exit(main())
