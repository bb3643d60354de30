"""Side-by-side benchmark (run through Benchmarks/linear/run.sh).

Generates the data once, runs Lagrange (release `linear-bench`), R glmnet and scikit-learn on
the same arrays in one run, computes every contender's duality gap with one formula, and
writes Benchmarks/linear/RESULTS.md.

Gap (Lagrange's stopping quantity, docs/linear-models.md): on standardized X (population sd)
and centred y, P(β) = ‖r‖²/(2n) + λ‖β‖₁, dual point θ = s·r with s = min(1, λ/‖Xᵀr/n‖∞),
D = s·yᵀr/n − s²‖r‖²/(2n); relative gap = (P − D) / (‖y − ȳ‖²/(2n)).
"""
import json, os, platform, re, subprocess, sys, tempfile, time, warnings
warnings.filterwarnings("ignore")
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, ".build", "release", "linear-bench")
LAGRANGE = os.path.join(ROOT, ".build", "release", "lagrange")
HERE = os.path.join(ROOT, "Benchmarks", "linear")


def correlated(n, p, rho, k, seed):
    """Equicorrelated Gaussian design (corr rho), k non-zero coefficients, SNR 3."""
    rng = np.random.default_rng(seed)
    X = np.sqrt(1 - rho) * rng.standard_normal((n, p)) + np.sqrt(rho) * rng.standard_normal((n, 1))
    beta = np.zeros(p)
    beta[:k] = rng.choice([-1, 1], k) * rng.uniform(0.5, 2, k)
    signal = X @ beta
    y = signal + rng.standard_normal(n) * signal.std() / 3
    return X, y


def standardize(X, y):
    mu, sd = X.mean(0), X.std(0)
    return (X - mu) / sd, y - y.mean(), mu, sd


def primal_dual(Z, yc, lambdas, betas_std):
    """Primal P(β) and the dual value of the rescaled residual, per λ."""
    n = len(yc)
    P, D = [], []
    for lam, b in zip(lambdas, betas_std):
        r = yc - Z @ b
        g = Z.T @ r / n
        s = min(1.0, lam / max(np.abs(g).max(), 1e-300))
        P.append(r @ r / (2 * n) + lam * np.abs(b).sum())
        D.append(s * (yc @ r) / n - s * s * (r @ r) / (2 * n))
    return np.array(P), np.array(D)


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    return json.loads(out)


def best_of(k, f):
    results = [f() for _ in range(k)]
    return min(results, key=lambda r: r["time"])


def main():
    import sklearn
    from sklearn.linear_model import lasso_path, RidgeCV
    repeats = int(os.environ.get("BENCH_REPEATS", "3"))
    work = tempfile.mkdtemp(prefix="lagrange-bench-")
    rows = []
    # ---- lasso path, 5,000 × 1,000, 100 λ down to 1e-3 λ_max --------------------------
    n, p = 5000, 1000
    X, y = correlated(n, p, rho=0.5, k=20, seed=0)
    Z, yc, mu, sd = standardize(X, y)
    lam_max = np.abs(Z.T @ yc).max() / n
    lambdas = lam_max * np.geomspace(1, 1e-3, 100)
    X.astype(np.float64).tofile(os.path.join(work, "X.bin"))
    y.astype(np.float64).tofile(os.path.join(work, "y.bin"))
    lambdas.tofile(os.path.join(work, "lambdas.bin"))

    g = best_of(repeats, lambda: run(["Rscript", os.path.join(HERE, "glmnet_bench.R"), "path", work, str(n), str(p)]))
    coef = np.fromfile(os.path.join(work, "glmnet_coef.bin"))
    g_pd = primal_dual(Z, yc, lambdas, coef[: p * 100].reshape(100, p) * sd)   # standardized scale

    def sk():
        t0 = time.perf_counter()
        Zs = (X - X.mean(0)) / X.std(0)                              # sklearn has no standardize: part of its work
        _, coefs, _ = lasso_path(Zs, y - y.mean(), alphas=lambdas)
        return {"time": time.perf_counter() - t0, "coefs": coefs}
    s = best_of(repeats, sk)
    s_pd = primal_dual(Z, yc, lambdas, s["coefs"].T)
    p0 = yc @ yc / (2 * n)
    out = os.path.join(work, "lagrange_coef.bin")

    def ours_at(tol):
        return run([BENCH, "lasso", os.path.join(work, "X.bin"), os.path.join(work, "y.bin"),
                    str(n), str(p), os.path.join(work, "lambdas.bin"), repr(tol), out])

    def gaps():
        # One dual value per λ for everyone: the best of the contenders' feasible dual points
        # (each a valid lower bound on the optimum), so each gap bounds that contender's
        # suboptimality by the same yardstick.
        l_pd = primal_dual(Z, yc, lambdas, np.fromfile(out)[: p * 100].reshape(100, p) * sd)
        best = np.maximum(np.maximum(g_pd[1], s_pd[1]), l_pd[1])
        return [np.maximum(pd[0] - best, 0) / p0 for pd in (l_pd, g_pd, s_pd)]
    # Per peer: the largest tolerance (halving from 1e-3) at which Lagrange's largest gap is ≤
    # that peer's largest gap, timed best-of-repeats.
    timed = {}
    for peer_index, peer in ((1, "glmnet"), (2, "sklearn")):
        tol = 1e-3
        for _ in range(8):
            ours_at(tol)
            all_gaps = gaps()
            if all_gaps[0].max() <= all_gaps[peer_index].max():
                break
            tol /= 2
        result = best_of(repeats, lambda: ours_at(tol))
        l_gap, g_gap, s_gap = gaps()
        print(f"vs {peer}: ours {l_gap.max():.2e} glmnet {g_gap.max():.2e} sklearn {s_gap.max():.2e} tol {tol:.2e}", flush=True)
        timed[peer] = (result, tol, l_gap, g_gap, s_gap)
    tol = timed["glmnet"][1]      # CV is compared with cv.glmnet: at the glmnet-matched tolerance
    for peer, label, peer_time in (("glmnet", "glmnet", g["time"]), ("sklearn", "sklearn lasso_path", s["time"])):
        result, peer_tol, l_gap, g_gap, s_gap = timed[peer]
        peer_gap = g_gap if peer == "glmnet" else s_gap
        rows.append(("lasso path 5000×1000, 100 λ (ratio 1e-3)", result["time"], [(label, peer_time)],
                     f"largest / median relative gap: Lagrange {l_gap.max():.1e} / {np.median(l_gap):.1e}, {peer} {peer_gap.max():.1e} / {np.median(peer_gap):.1e} (Lagrange tol {peer_tol:.1e}, {result['passes']} passes)"))

    # ---- the same lasso path as a user runs it: the lagrange process on a CSV file ---------
    # Whole process, wall clock: start-up, reading and checking the CSV, standardizing, the path,
    # printing its table. The CSV holds exactly the arrays above (17 significant digits), so it is
    # the same problem; the command derives the same λ grid itself (λ_max down to 1e-3 λ_max).
    csv_path = os.path.join(work, "lasso.csv")
    with open(csv_path, "w") as f:
        f.write(",".join(f"x{j + 1}" for j in range(p)) + ",y\n")
        np.savetxt(f, np.column_stack([X, y]), fmt="%.17g", delimiter=",")
    cli_tol = 5e-4
    cli = [LAGRANGE, "path", "lasso", "--data", csv_path, "--lambdas", "100", "--lambda-min-ratio", "1e-3",
           "--tol", repr(cli_tol), "--quiet"]

    def whole_process():
        t0 = time.perf_counter()
        subprocess.run(cli, check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - t0
    cli_times = sorted(whole_process() for _ in range(max(repeats, 5)))
    def kernels(argv):
        """OpenBLAS's kernel choice in the process ("Prescott", "SkylakeX", …)."""
        lines = subprocess.run(argv, capture_output=True, text=True, env=dict(os.environ, OPENBLAS_VERBOSE="2")).stderr
        return " → ".join(l.split(":", 1)[1].strip() for l in lines.splitlines() if l.startswith("Core:")) or "not reported"
    cli_kernels = kernels(cli)
    bench_kernels = kernels([BENCH, "lasso", os.path.join(work, "X.bin"), os.path.join(work, "y.bin"), str(n), str(p),
                             os.path.join(work, "lambdas.bin"), repr(cli_tol), out])
    rows.append(("`lagrange path lasso` whole process: CSV (101 MB) → path table, 5000×1000, 100 λ", cli_times[0],
                 [("glmnet fit alone", g["time"])],
                 f"tol {cli_tol:g}; best of {len(cli_times)} runs, median {np.median(cli_times):.3f} s; "
                 f"Lagrange / glmnet = {cli_times[0] / g['time']:.2f} (best), {np.median(cli_times) / g['time']:.2f} (median); "
                 f"OpenBLAS kernels: lagrange {cli_kernels}, linear-bench {bench_kernels}"))

    # ---- 5-fold CV on the same data ----------------------------------------------------
    gcv = best_of(repeats, lambda: run(["Rscript", os.path.join(HERE, "glmnet_bench.R"), "cv", work, str(n), str(p)]))
    ocv = best_of(repeats, lambda: run([BENCH, "cv", os.path.join(work, "X.bin"), os.path.join(work, "y.bin"),
                                        str(n), str(p), os.path.join(work, "lambdas.bin"), repr(tol), "5"]))
    rows.append(("5-fold CV of that path (incl. the full-data path)", ocv["time"], [("cv.glmnet", gcv["time"])],
                 f"λ_min: Lagrange {ocv['lambda_min']:.4g}, cv.glmnet {gcv['lambda_min']:.4g} (different folds)"))

    # ---- ridge path + LOO over 100 λ, 20,000 × 200 -------------------------------------
    n2, p2 = 20000, 200
    X2, y2 = correlated(n2, p2, rho=0.5, k=20, seed=1)
    Z2, yc2, _, _ = standardize(X2, y2)
    rl = (np.abs(Z2.T @ yc2).max() / n2 / 1e-3) * np.geomspace(1, 1e-4, 100)
    X2.tofile(os.path.join(work, "X2.bin")); y2.tofile(os.path.join(work, "y2.bin")); rl.tofile(os.path.join(work, "rl.bin"))

    def skr():
        t0 = time.perf_counter()
        Zs = (X2 - X2.mean(0)) / X2.std(0)
        m = RidgeCV(alphas=n2 * rl, fit_intercept=True, store_cv_results=True).fit(Zs, y2)
        return {"time": time.perf_counter() - t0, "loo": m.cv_results_.mean(axis=0)}
    sr = best_of(repeats, skr)
    loo_out = os.path.join(work, "loo.bin")
    orr = best_of(repeats, lambda: run([BENCH, "ridge", os.path.join(work, "X2.bin"), os.path.join(work, "y2.bin"),
                                        str(n2), str(p2), os.path.join(work, "rl.bin"), loo_out]))
    loo = np.fromfile(loo_out)
    agree = np.max(np.abs(loo - sr["loo"]) / sr["loo"])
    rows.append(("ridge path + exact LOO, 20000×200, 100 λ", orr["time"], [("sklearn RidgeCV", sr["time"])],
                 f"LOO errors agree to {agree:.1e} relative"))

    # ---- report --------------------------------------------------------------------------
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    cores = os.cpu_count()
    lines = ["| task | Lagrange (s) | peer | peer (s) | peer / Lagrange | notes |", "|---|---:|---|---:|---:|---|"]
    for task, t, peers, note in rows:
        for name, pt in peers:
            lines.append(f"| {task} | {t:.3f} | {name} | {pt:.3f} | {pt / t:.2f}× | {note} |")
    table = "\n".join(lines)
    print(table)
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.strip().splitlines()[0]
    text = f"""# Linear models: benchmark results

Produced by `Benchmarks/linear/run.sh` (command: `LAGRANGE_PEER_PYTHON={sys.executable} Benchmarks/linear/run.sh`),
best of {repeats} runs each, fit time only (data generation and loading excluded; scikit-learn's time includes
standardizing X, which glmnet and Lagrange do inside the fit) — except the `lagrange path lasso` row, which times the
whole command-line process (start-up, reading the CSV file, the path, printing) against glmnet's fit alone.
OpenBLAS picks its kernels from the CPU model when it loads (a model it does not know gets its generic Prescott
kernels; `OPENBLAS_CORETYPE` chooses them instead); the kernels each Lagrange process used are named in that row.

Machine: {cores} cores (`nproc`), {cpu}. Versions: {swift}; R glmnet {g['version']}; scikit-learn {sklearn.__version__},
numpy {np.__version__}; Python {platform.python_version()}.

Data: equicorrelated Gaussian design (pairwise correlation 0.5), 20 non-zero coefficients, SNR 3, numpy seed 0 / 1.
All contenders get the same 100 λ values (glmnet's grid: λ_max down to λ_max·1e-3 for the lasso, and for ridge
λ_max/0.001 down by 1e-4). Gaps are measured for every contender by one yardstick (see `bench.py`): per λ, the primal
objective of its coefficients minus the best dual value among all contenders' rescaled-residual dual points (each a
valid lower bound on the optimum), relative to (1/2n)‖y − ȳ‖². For each peer, Lagrange's tolerance is halved from 1e-3
until its largest gap is ≤ that peer's largest gap, so each comparison is at an equal or smaller gap (the CV row,
compared with cv.glmnet, uses the glmnet-matched tolerance). Load average (1 min) when the report was written:
{os.getloadavg()[0]:.1f} on {cores} cores. Times move with the machine's load (up to ~2× between runs on a loaded machine), so compare the ratios of one run, made on a quiet machine.

{table}
"""
    # The "Wide data" section belongs to bench_wide.py: keep it when rewriting the rest.
    path = os.path.join(HERE, "RESULTS.md")
    previous = open(path).read() if os.path.exists(path) else ""
    wide = re.search(r"\n## Wide data \(p ≫ n\).*", previous, flags=re.S)
    if wide:
        text = text.rstrip() + "\n" + wide.group(0).rstrip() + "\n"
    open(path, "w").write(text)


if __name__ == "__main__":
    main()
