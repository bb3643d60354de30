"""Shared helpers for the side-by-side benchmarks: timing, child peak memory, machine facts,
and the Markdown table each family writes to its RESULTS.md."""
import os
import platform
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAGRANGE = os.path.join(ROOT, ".build", "release", "lagrange")
DATA = os.path.join(ROOT, "Benchmarks", "data")


def run_child(argv, stdout=subprocess.DEVNULL):
    """Runs argv under /usr/bin/time; returns (wall seconds, peak RSS in MiB). Raises on a
    non-zero exit. (The rusage Python gets from wait4 would count the pages the child shared
    with this Python process between fork and exec, so the child's own figure comes from
    GNU time, which forks from a small process.)"""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + list(argv), stdout=stdout, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    err = proc.stderr.decode(errors="replace").strip().splitlines()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}: {' '.join(err)}")
    return wall, int(err[-1]) / 1024.0


def best_of(n, fn):
    """The fastest of n runs of fn() -> seconds (or (seconds, extra)); returns that result."""
    results = [fn() for _ in range(n)]
    return min(results, key=lambda r: r[0] if isinstance(r, tuple) else r)


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){mem}, {platform.system()} {platform.release()}"


def swift_version():
    try:
        out = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout
        return out.splitlines()[0].strip()
    except (OSError, IndexError):
        return "swift (unknown version)"


def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def write_results(family, title, header, rows, notes, command):
    import numpy, pandas  # noqa: F401  (versions for the record)
    versions = [f"python {sys.version.split()[0]}", f"numpy {numpy.__version__}", f"pandas {pandas.__version__}"]
    try:
        import sklearn
        versions.append(f"scikit-learn {sklearn.__version__}")
    except ImportError:
        pass
    text = f"""# {title}

Machine: {machine()}
Versions: {swift_version()}; {', '.join(versions)}
Command: `{command}`
Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}

{markdown_table(header, rows)}

{notes}
"""
    path = os.path.join(ROOT, "Benchmarks", family, "RESULTS.md")
    with open(path, "w") as f:
        f.write(text)
    print(text)
