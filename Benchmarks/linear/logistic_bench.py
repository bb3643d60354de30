"""Binomial lasso path and 10-fold CV: Lagrange (release `linear-bench`) against R glmnet.

    /tmp/peervenv/bin/python Benchmarks/linear/logistic_bench.py [n p]     (default 5000 1000)

Data: equicorrelated Gaussian design (pairwise correlation 0.5), 20 non-zero coefficients,
labels drawn from the logistic model (numpy seed 1). Both get the same 100 λ (glmnet's grid:
λ_max down to λ_max·1e-4 when n > p, else 1e-2).

One yardstick for the gaps (Lagrange's certificate, written out here independently): on
standardized X (population sd), per λ, P = mean log-loss + λ‖β‖₁ at the contender's
coefficients; the dual point θ = y − p, centred, rescaled by s = min(1, λ/‖Xᵀθ/n‖∞,
1/‖θ‖∞); D = −mean h(y − sθ), h the negative binary entropy; relative gap (P − D)/L₀, L₀ the
intercept-only loss. glmnet runs at its default thresh (1e-7, on its own criterion); Lagrange's
tolerance is halved from 1e-2 until its largest gap is ≤ glmnet's largest gap.

Timings are wall-clock fit times (data loading excluded), best of 3; they move with the load
of a shared machine, so compare one run's ratios.
"""
import json, os, subprocess, sys, tempfile
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, ".build", "release", "linear-bench")

R_SCRIPT = r'''
suppressMessages(library(glmnet))
a <- commandArgs(TRUE); mode <- a[1]; dir <- a[2]; n <- as.integer(a[3]); p <- as.integer(a[4])
rd <- function(f, k) readBin(file.path(dir, f), "double", k)
x <- matrix(rd("X.bin", n * p), n, p, byrow = TRUE); y <- rd("y.bin", n); lambda <- rd("lambdas.bin", 100)
if (mode == "path") {
  t <- system.time(fit <- glmnet(x, y, family = "binomial", lambda = lambda))[["elapsed"]]
  writeBin(c(as.vector(as.matrix(fit$beta)), fit$a0), file.path(dir, "glmnet_coef.bin"))
  cat(sprintf('{"time": %.6f, "nlambda": %d, "version": "%s"}\n', t, length(fit$lambda), packageVersion("glmnet")))
} else {
  set.seed(1)
  t <- system.time(cv <- cv.glmnet(x, y, family = "binomial", lambda = lambda, nfolds = 10))[["elapsed"]]
  cat(sprintf('{"time": %.6f, "lambda_min": %.8g, "lambda_1se": %.8g}\n', t, cv$lambda.min, cv$lambda.1se))
}
'''


def data(n, p, seed=1):
    rng = np.random.default_rng(seed)
    X = np.sqrt(0.5) * rng.standard_normal((n, p)) + np.sqrt(0.5) * rng.standard_normal((n, 1))
    beta = np.zeros(p)
    beta[:20] = rng.choice([-1, 1], 20) * rng.uniform(0.2, 0.6, 20)
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-(X @ beta)))).astype(float)
    return X, y


def gaps(X, y, lambdas, B, a0):
    n = len(y)
    mu, sd = X.mean(0), X.std(0)
    Z = (X - mu) / sd
    ybar = y.mean(); b0 = np.log(ybar / (1 - ybar)); null = np.mean(np.logaddexp(0, b0) - y * b0)
    xlogx = lambda u: np.where(u > 0, u * np.log(np.where(u > 0, u, 1)), 0)
    out = []
    for lam, b, a in zip(lambdas, B, a0):
        bs = b * sd; eta = a + mu @ b + Z @ bs
        th = y - 1 / (1 + np.exp(-eta)); th -= th.mean()
        c = Z.T @ th / n
        s = min(1, lam / max(np.abs(c).max(), 1e-300), 1 / np.abs(th).max())
        P = np.mean(np.logaddexp(0, eta) - y * eta) + lam * np.abs(bs).sum()
        u = y - s * th
        out.append((P + np.mean(xlogx(u) + xlogx(1 - u))) / null)
    return np.array(out)


def run(cmd):
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])


def best(k, f):
    return min((f() for _ in range(k)), key=lambda r: r["time"])


def main():
    n, p = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) > 2 else (5000, 1000)
    X, y = data(n, p)
    d = tempfile.mkdtemp()
    X.tofile(os.path.join(d, "X.bin")); y.tofile(os.path.join(d, "y.bin"))
    Z = (X - X.mean(0)) / X.std(0)
    lmax = np.abs(Z.T @ (y - y.mean()) / n).max()
    lambdas = lmax * np.exp(np.linspace(0, np.log(1e-4 if n > p else 1e-2), 100))
    lambdas.tofile(os.path.join(d, "lambdas.bin"))
    rfile = os.path.join(d, "bench.R"); open(rfile, "w").write(R_SCRIPT)
    g = best(3, lambda: run(["Rscript", rfile, "path", d, str(n), str(p)]))
    v = np.fromfile(os.path.join(d, "glmnet_coef.bin")); L = g["nlambda"]
    glmnet_gaps = gaps(X, y, lambdas[:L], v[:L * p].reshape(L, p), v[L * p:])
    tol = 1e-2
    while True:
        out = os.path.join(d, "ours.bin")
        ours = best(3, lambda: run([BENCH, "logistic", os.path.join(d, "X.bin"), os.path.join(d, "y.bin"), str(n), str(p),
                                    os.path.join(d, "lambdas.bin"), str(tol), out]))
        w = np.fromfile(out); our_gaps = gaps(X, y, lambdas, w[:100 * p].reshape(100, p), w[100 * p:])
        if our_gaps[:L].max() <= glmnet_gaps.max() or tol < 1e-12:
            break
        tol /= 2
    print(f"path {n}x{p}, 100 λ: Lagrange {ours['time']:.3f} s (tol {tol:.2g}, {ours['passes']} passes, largest/median gap "
          f"{our_gaps.max():.2e}/{np.median(our_gaps):.2e}); glmnet {g['version']} {g['time']:.3f} s ({L} λ, largest/median gap "
          f"{glmnet_gaps.max():.2e}/{np.median(glmnet_gaps):.2e}); ratio Lagrange/glmnet {ours['time'] / g['time']:.2f}")
    cv_ours = best(1, lambda: run([BENCH, "logistic-cv", os.path.join(d, "X.bin"), os.path.join(d, "y.bin"), str(n), str(p),
                                   os.path.join(d, "lambdas.bin"), str(tol), "10"]))
    cv_glmnet = best(1, lambda: run(["Rscript", rfile, "cv", d, str(n), str(p)]))
    print(f"10-fold CV (incl. the full path): Lagrange {cv_ours['time']:.3f} s (λ_min {cv_ours['lambda_min']:.5g}, λ_1se "
          f"{cv_ours['lambda_1se']:.5g}); cv.glmnet {cv_glmnet['time']:.3f} s (λ_min {cv_glmnet['lambda_min']:.5g}, λ_1se "
          f"{cv_glmnet['lambda_1se']:.5g}); ratio {cv_ours['time'] / cv_glmnet['time']:.2f}")


if __name__ == "__main__":
    main()
