"""Wide-data section of the linear benchmark (p ≫ n), run through `Benchmarks/linear/run.sh wide`.

Same yardstick as bench.py (imported from it): per λ, every contender's primal objective on
standardized X (population sd) and centred y, minus the best dual value among all contenders'
rescaled-residual dual points, relative to ‖y − ȳ‖²/(2n). Contenders: Lagrange (release
`linear-bench`, in process), R glmnet (`glmnet_bench.R`), celer (`celer_path`) and skglm
(`Lasso(...).path`, AndersonCD) from PyPI, all on the same arrays and the same 100 λ from λ_max
to λ_max/100. For each peer, Lagrange's tolerance is halved from 1e-3 until its largest gap is
≤ that peer's largest gap; then Lagrange and the peer are timed in interleaved rounds (peer, Lagrange,
peer, Lagrange, …), so a drift of the machine's speed during the run reaches both sides alike; each
row gives both best times and the median (and range) of the per-round ratios.
Writes the "Wide data" section of RESULTS.md.
"""
import os, platform, re, subprocess, sys, tempfile, time
import numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import BENCH, LAGRANGE, HERE, correlated, standardize, primal_dual, run
# Binaries may be copied elsewhere so the worktree can be rebuilt during a long run.
BENCH = os.environ.get("LINEAR_BENCH", BENCH)
LAGRANGE = os.environ.get("LAGRANGE_BIN", LAGRANGE)

NL = 100


def designs():
    """(name, X, y): the three wide designs (numpy default_rng seeds 2, 3, 4)."""
    yield "500×10,000, corr 0.2, 30 true", *correlated(500, 10_000, rho=0.2, k=30, seed=2)
    yield "leukemia-shaped 72×7,129, corr 0.5, 10 true", *correlated(72, 7_129, rho=0.5, k=10, seed=3)
    yield "200×100,000, corr 0.2, 20 true", *correlated(200, 100_000, rho=0.2, k=20, seed=4)


def paired(rounds, peer, ours):
    """Interleaved timing: `rounds` rounds of one peer run then one Lagrange run. Returns the
    best result of each side and the per-round ratios Lagrange / peer."""
    peer_runs, our_runs = [], []
    for _ in range(rounds):
        peer_runs.append(peer()); our_runs.append(ours())
    ratios = sorted(o["time"] / q["time"] for o, q in zip(our_runs, peer_runs))
    return min(peer_runs, key=lambda r: r["time"]), min(our_runs, key=lambda r: r["time"]), ratios


def ratio_note(ratios):
    """'paired ratio median M (range a–b, N rounds)' for a row's notes."""
    return (f"interleaved Lagrange / peer: median {np.median(ratios):.2f}, range {ratios[0]:.2f}–{ratios[-1]:.2f} "
            f"over {len(ratios)} rounds")


def peers_python(Z, yc, lambdas):
    """celer and skglm on the standardized design and centred response (standardizing is not timed).
    Returns each peer's timed run function; celer's first run gives its coefficients."""
    from celer import celer_path
    from skglm import Lasso as SkLasso
    out = {}

    def cel():
        t0 = time.perf_counter()
        _, coefs, _ = celer_path(Z.copy(), yc.copy(), pb="lasso", alphas=lambdas, tol=5e-4)
        return {"time": time.perf_counter() - t0, "coefs": coefs.T}

    def skg():
        t0 = time.perf_counter()
        _, coefs, _, _ = SkLasso(fit_intercept=False, tol=1e-4).path(Z.copy(), yc.copy(), lambdas)
        return {"time": time.perf_counter() - t0, "coefs": coefs.T}
    SkLasso(fit_intercept=False, tol=1e-4).path(Z[:, :50].copy(), yc.copy(), lambdas)   # numba compilation, untimed
    out["celer"] = cel
    out["skglm"] = skg
    return out


def bench_design(name, X, y, work, repeats, rows, cv_folds=0):
    n, p = X.shape
    Z, yc, mu, sd = standardize(X, y)
    lam_max = np.abs(Z.T @ yc).max() / n
    lambdas = lam_max * np.geomspace(1, 1e-2, NL)
    X.tofile(os.path.join(work, "X.bin")); y.tofile(os.path.join(work, "y.bin")); lambdas.tofile(os.path.join(work, "lambdas.bin"))
    p0 = yc @ yc / (2 * n)
    def glmnet():
        return run(["Rscript", os.path.join(HERE, "glmnet_bench.R"), "path", work, str(n), str(p)])
    glmnet()
    gcoef = np.fromfile(os.path.join(work, "glmnet_coef.bin"))[: p * NL].reshape(NL, p) * sd
    peer_runs = {"glmnet": glmnet, **peers_python(Z, yc, lambdas)}
    pds = {"glmnet": primal_dual(Z, yc, lambdas, gcoef)}
    for k in ("celer", "skglm"):
        pds[k] = primal_dual(Z, yc, lambdas, peer_runs[k]()["coefs"])
    out = os.path.join(work, "lagrange_coef.bin")

    def ours(tol):
        return run([BENCH, "lasso", os.path.join(work, "X.bin"), os.path.join(work, "y.bin"),
                    str(n), str(p), os.path.join(work, "lambdas.bin"), repr(tol), out])

    def gaps():
        l_pd = primal_dual(Z, yc, lambdas, np.fromfile(out)[: p * NL].reshape(NL, p) * sd)
        best = l_pd[1]
        for pd in pds.values():
            best = np.maximum(best, pd[1])
        return np.maximum(l_pd[0] - best, 0) / p0, {k: np.maximum(pd[0] - best, 0) / p0 for k, pd in pds.items()}
    matched = {}
    for peer in ("glmnet", "celer", "skglm"):
        tol = 1e-3
        for _ in range(10):
            ours(tol)
            lg, pg = gaps()
            if lg.max() <= pg[peer].max():
                break
            tol /= 2
        # skglm, much the slowest contender, is timed once.
        peer_best, result, ratios = paired(1 if peer == "skglm" else repeats, peer_runs[peer], lambda: ours(tol))
        lg, pg = gaps()
        matched[peer] = tol
        if peer == "glmnet":
            g_best = peer_best
        print(f"{name} vs {peer}: ours {lg.max():.2e} {peer} {pg[peer].max():.2e} tol {tol:.1e} "
              f"time {result['time']:.3f} vs {peer_best['time']:.3f}; {ratio_note(ratios)}", flush=True)
        rows.append((f"lasso path {name}, 100 λ to λ_max/100", result["time"], peer, peer_best["time"],
                     f"largest / median gap: Lagrange {lg.max():.1e} / {np.median(lg):.1e}, {peer} {pg[peer].max():.1e} / "
                     f"{np.median(pg[peer]):.1e} (Lagrange tol {tol:.1e}, {result['passes']} passes); {ratio_note(ratios)}"))
    if cv_folds:
        tol = matched["glmnet"]
        gcv, ocv, ratios = paired(
            repeats,
            lambda: run(["Rscript", os.path.join(HERE, "glmnet_bench.R"), "cv", work, str(n), str(p), str(cv_folds)]),
            lambda: run([BENCH, "cv", os.path.join(work, "X.bin"), os.path.join(work, "y.bin"),
                         str(n), str(p), os.path.join(work, "lambdas.bin"), repr(tol), str(cv_folds)]))
        print(f"cv {ocv['time']:.3f} vs {gcv['time']:.3f}; {ratio_note(ratios)}", flush=True)
        rows.append((f"{cv_folds}-fold CV {name} (incl. the full-data path)", ocv["time"], "cv.glmnet", gcv["time"],
                     f"Lagrange tol {tol:.1e} (glmnet-matched); λ_min: Lagrange {ocv['lambda_min']:.4g}, cv.glmnet {gcv['lambda_min']:.4g} "
                     f"(different folds); {ratio_note(ratios)}"))
    return matched, glmnet, g_best


def whole_process(X, y, work, glmnet, g_best, rows, repeats, tol):
    """`lagrange path lasso` on a CSV of the 500×10,000 design, whole process, at the
    glmnet-matched tolerance `tol` of the in-process row, interleaved with glmnet's fit
    (`glmnet` runs it; `g_best` is its best run from the in-process row)."""
    n, p = X.shape
    csv_path = os.path.join(work, "wide.csv")
    with open(csv_path, "w") as f:
        f.write(",".join(f"x{j + 1}" for j in range(p)) + ",y\n")
        np.savetxt(f, np.column_stack([X, y]), fmt="%.17g", delimiter=",")
    size = os.path.getsize(csv_path)
    cli = [LAGRANGE, "path", "lasso", "--data", csv_path, "--lambdas", "100", "--lambda-min-ratio", "1e-2",
           "--tol", repr(tol), "--quiet"]

    def once(argv):
        t0 = time.perf_counter(); subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - t0
    g_run, whole, ratios = paired(repeats, glmnet, lambda: {"time": once(cli)})
    g_run = min(g_run, g_best, key=lambda r: r["time"])
    # A narrow file of the same format and about the same size, read in the same run, so the
    # wide file's MB/s is compared with a narrow one's under the same machine state.
    narrow_path = os.path.join(work, "narrow.csv")
    rng = np.random.default_rng(5)
    Xn = rng.standard_normal((100_000, 50))
    yn = Xn[:, :5].sum(axis=1) + rng.standard_normal(100_000)
    with open(narrow_path, "w") as f:
        f.write(",".join(f"x{j + 1}" for j in range(50)) + ",y\n")
        np.savetxt(f, np.column_stack([Xn, yn]), fmt="%.17g", delimiter=",")
    narrow_size = os.path.getsize(narrow_path)
    t = whole["time"]
    # Interleaved, so both files see the same load.
    dw, dn = [], []
    for _ in range(repeats):
        dw.append(once([LAGRANGE, "describe", "--data", csv_path]))
        dn.append(once([LAGRANGE, "describe", "--data", narrow_path]))
    d, dnarrow = min(dw), min(dn)
    wide_rate, narrow_rate = size / 1e6 / d, narrow_size / 1e6 / dnarrow
    rows.append(("`lagrange path lasso` whole process: CSV → path table, 500×10,000, 100 λ to λ_max/100", t,
                 "glmnet fit alone", g_run["time"], f"tol {tol:.2e} (glmnet-matched); best of {repeats}; glmnet's best of all its runs; "
                 f"{ratio_note(ratios)}"))
    rows.append((f"`lagrange describe` of that CSV ({size / 1e6:.0f} MB)", d, "—", float("nan"),
                 f"{wide_rate:.0f} MB/s whole process, best of {repeats}; wide / narrow MB/s {wide_rate / narrow_rate:.2f}"))
    rows.append((f"`lagrange describe` of a narrow CSV, 100,000×50 + target, same format ({narrow_size / 1e6:.0f} MB)", dnarrow,
                 "—", float("nan"), f"{narrow_rate:.0f} MB/s whole process, best of {repeats}, interleaved with the row above"))


def main():
    repeats = int(os.environ.get("BENCH_REPEATS", "3"))
    work = tempfile.mkdtemp(prefix="lagrange-wide-")
    rows = []
    load_before = os.getloadavg()[0]
    for i, (name, X, y) in enumerate(designs()):
        r = repeats if X.shape[1] <= 10_000 else max(1, repeats - 1)
        matched, glmnet, g_best = bench_design(name, X, y, work, r, rows, cv_folds=10 if i == 0 else 0)
        if i == 0 and os.path.exists(LAGRANGE):
            # Right after the first design, while its glmnet inputs are still in `work`.
            whole_process(X, y, work, glmnet, g_best, rows, repeats, matched["glmnet"])
    lines = ["| task | Lagrange (s) | peer | peer (s) | peer / Lagrange | notes |", "|---|---:|---|---:|---:|---|"]
    for task, t, peer, pt, note in rows:
        ratio = f"{pt / t:.2f}×" if pt == pt else "—"
        pts = f"{pt:.3f}" if pt == pt else "—"
        lines.append(f"| {task} | {t:.3f} | {peer} | {pts} | {ratio} | {note} |")
    table = "\n".join(lines)
    print(table)
    import celer, skglm
    glm_version = subprocess.run(["Rscript", "-e", "cat(as.character(packageVersion('glmnet')))"], capture_output=True, text=True).stdout
    # Another program's load on 2 cores shows as a 1-minute load average above ~1.5 (this run is ~1).
    quiet = load_before <= 1.5
    state = (f"one quiet run: load average (1 min) {load_before:.1f} at the start and {os.getloadavg()[0]:.1f} at the end, "
             f"on {os.cpu_count()} cores (the benchmark itself is ~1)." if quiet else
             f"**Provisional: the machine was shared — load average (1 min) {load_before:.1f} at the start and "
             f"{os.getloadavg()[0]:.1f} at the end, on {os.cpu_count()} cores.** Re-run on a quiet machine before quoting.")
    section = f"""## Wide data (p ≫ n){"" if quiet else " — PROVISIONAL"}

Produced by `Benchmarks/linear/run.sh wide` (`bench_wide.py`; command:
`LAGRANGE_PEER_PYTHON={sys.executable} Benchmarks/linear/run.sh wide`), best of {repeats} runs each
(2 for 200×100,000), fit time only except the whole-process rows. Each row's Lagrange and peer runs are interleaved
(peer, Lagrange, peer, Lagrange, …) so that a drift of this VM's speed reaches both; the notes give the median and
range of the per-round ratios Lagrange / peer beside the ratio of the best times. Versions: R glmnet {glm_version}, celer {celer.__version__},
skglm {skglm.__version__}; {state}

Data (`bench_wide.py: designs()`, bench.py's `correlated`): X = √(1−ρ)·G + √ρ·g·1ᵀ with G an n×p standard Gaussian
matrix and g one standard Gaussian column (so every pair of columns has correlation ρ); the first k coefficients are
±U(0.5, 2), y = Xβ + noise at SNR 3; numpy `default_rng` seeds 2, 3, 4. The leukemia-shaped design has the shape of
celer's leukemia benchmark (72 × 7,129) but is synthetic (ρ 0.5, 10 true features), not the expression data.
All contenders get the same 100 λ from λ_max to λ_max/100. Peers: glmnet defaults (thresh 1e-7, standardize), celer
`celer_path(tol=5e-4)` and skglm `Lasso(fit_intercept=False, tol=1e-4).path` on the standardized X and centred y
(standardizing is not in their time; skglm's numba compilation is done before timing, and skglm, much the slowest,
is timed once). Lagrange (`linear-bench lasso`) is handed the features column by column, as R hands glmnet its
(column-major) matrix, and standardizes them in place within its time (`ElasticNetPath.fit(columns:)`, what
`lagrange path` does with a parsed CSV); glmnet's time includes its own standardization. Gaps by bench.py's yardstick; for
each peer Lagrange's tolerance is halved from 1e-3 until its largest gap is ≤ the peer's, so every row is at an equal or
smaller gap. The CV row uses the glmnet-matched tolerance; cv.glmnet gets the same λ grid and the same number of folds.

{table}
"""
    path = os.path.join(HERE, "RESULTS.md")
    text = open(path).read()
    text = re.sub(r"\n## Wide data \(p ≫ n\).*", "", text, flags=re.S).rstrip() + "\n\n" + section
    open(path, "w").write(text)


if __name__ == "__main__":
    main()
