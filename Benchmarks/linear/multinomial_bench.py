"""Multinomial lasso path (ungrouped, or grouped with `grouped`): Lagrange (release
`linear-bench`) against R glmnet.

    /tmp/peervenv/bin/python Benchmarks/linear/multinomial_bench.py [n p K [grouped]]   (default 5000 500 10)

Data: equicorrelated Gaussian design (pairwise correlation 0.5); 20 features carry signal, each
with a coefficient per class drawn from N(0, 0.5²); labels drawn from the softmax model (numpy
seed 1). Both get the same 100 λ (glmnet's grid: λ_max = maxⱼₖ |zⱼᵀ(Y·ₖ − πₖ)|/n, or
maxⱼ ‖·‖₂ over k for grouped, down to λ_max·1e-4 when n > p, else 1e-2); with a given λ
sequence neither stops early.

One yardstick for the gaps (Lagrange's certificate, written out here independently): on
standardized X (population sd), per λ, P = mean multinomial log-loss + λ Σ|βⱼₖ| (grouped:
λ Σⱼ ‖βⱼ·‖₂) at the contender's coefficients; the dual point θ = Y − softmax(η), each class
column centred (when that leaves the simplex, Y − θ is mixed with the priors π), rescaled by
t = min(1, λ / maxⱼₖ |Zᵀθ/n|) (grouped: the largest row norm); D = −mean Σₖ uₖ log uₖ at
u = Y − tθ; relative gap (P − D)/L₀, L₀ = −Σ πₖ log πₖ. glmnet runs at its default thresh
(1e-7, on its own criterion); Lagrange's tolerance is halved from 1e-2 until its largest gap
is ≤ glmnet's largest gap and its median gap ≤ glmnet's median gap (both printed).

Timings are wall-clock fit times (data loading excluded), best of 3 for Lagrange and of 1
for glmnet unless it is quick; the machine is shared, so compare one run's ratios.
"""
import json, os, subprocess, sys, tempfile
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, ".build", "release", "linear-bench")

R_SCRIPT = r'''
suppressMessages(library(glmnet))
a <- commandArgs(TRUE); dir <- a[1]; n <- as.integer(a[2]); p <- as.integer(a[3]); type <- a[4]
rd <- function(f, k) readBin(file.path(dir, f), "double", k)
x <- matrix(rd("X.bin", n * p), n, p, byrow = TRUE); y <- factor(rd("y.bin", n)); lambda <- rd("lambdas.bin", 100)
t <- system.time(fit <- glmnet(x, y, family = "multinomial", type.multinomial = type, lambda = lambda))[["elapsed"]]
L <- length(fit$lambda)
B <- unlist(lapply(1:L, function(l) unlist(lapply(fit$beta, function(b) as.matrix(b)[, l]))))
writeBin(c(B, as.vector(fit$a0)), file.path(dir, "glmnet_coef.bin"))
cat(sprintf('{"time": %.6f, "nlambda": %d, "version": "%s"}\n', t, L, packageVersion("glmnet")))
'''


def data(n, p, k, seed=1):
    rng = np.random.default_rng(seed)
    X = np.sqrt(0.5) * rng.standard_normal((n, p)) + np.sqrt(0.5) * rng.standard_normal((n, 1))
    B = np.zeros((p, k))
    B[:20] = rng.normal(0, 0.5, (20, k))
    eta = X @ B
    P = np.exp(eta - eta.max(1, keepdims=True)); P /= P.sum(1, keepdims=True)
    y = (P.cumsum(1) < rng.uniform(size=(n, 1))).sum(1)
    return X, np.minimum(y, k - 1).astype(float)


def gaps(X, y, k, lambdas, B, a0, grouped):
    """B: L × k × p original-scale coefficients, a0: L × k."""
    n = len(y)
    mu, sd = X.mean(0), X.std(0)
    Z = (X - mu) / sd
    Y = np.eye(k)[y.astype(int)]
    pi = Y.mean(0); null = -np.sum(pi * np.log(pi))
    xlogx = lambda u: np.where(u > 0, u * np.log(np.where(u > 0, u, 1)), 0)
    out = []
    for lam, b, a in zip(lambdas, B, a0):
        bs = b.T * sd[:, None]                       # p × k standardized
        eta = a + mu @ b.T + Z @ bs
        top = eta.max(1, keepdims=True)
        lse = top[:, 0] + np.log(np.exp(eta - top).sum(1))
        Pr = np.exp(eta - lse[:, None])
        pen = np.sqrt((bs ** 2).sum(1)).sum() if grouped else np.abs(bs).sum()
        P = np.mean(lse - eta[np.arange(n), y.astype(int)]) + lam * pen
        M = Pr + (Y - Pr).mean(0)                    # Y − θ after centring θ = Y − Pr per class
        if M.min() < 0:
            s = np.max(np.where(M < 0, -M / (pi - M), 0))
            M = (1 - s) * M + s * pi
        th = Y - M
        C = Z.T @ th / n
        size = np.sqrt((C ** 2).sum(1)).max() if grouped else np.abs(C).max()
        t = min(1, lam / max(size, 1e-300))
        U = Y - t * th
        out.append((P + np.mean(xlogx(U).sum(1))) / null)
    return np.array(out)


def run(cmd):
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])


def best(k, f):
    return min((f() for _ in range(k)), key=lambda r: r["time"])


def main():
    n, p, k = (int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])) if len(sys.argv) > 3 else (5000, 500, 10)
    grouped = "grouped" in sys.argv
    X, y = data(n, p, k)
    d = tempfile.mkdtemp()
    X.tofile(os.path.join(d, "X.bin")); y.tofile(os.path.join(d, "y.bin"))
    Z = (X - X.mean(0)) / X.std(0)
    Y = np.eye(k)[y.astype(int)]
    G = Z.T @ (Y - Y.mean(0)) / n
    lmax = np.sqrt((G ** 2).sum(1)).max() if grouped else np.abs(G).max()
    lambdas = lmax * np.exp(np.linspace(0, np.log(1e-4 if n > p else 1e-2), 100))
    lambdas.tofile(os.path.join(d, "lambdas.bin"))
    rfile = os.path.join(d, "bench.R"); open(rfile, "w").write(R_SCRIPT)
    g = run(["Rscript", rfile, d, str(n), str(p), "grouped" if grouped else "ungrouped"])
    v = np.fromfile(os.path.join(d, "glmnet_coef.bin")); L = g["nlambda"]
    glmnet_gaps = gaps(X, y, k, lambdas[:L], v[:L * k * p].reshape(L, k, p), v[L * k * p:].reshape(L, k), grouped)
    tol = 1e-2
    while True:
        out = os.path.join(d, "ours.bin")
        cmd = [BENCH, "multinomial", os.path.join(d, "X.bin"), os.path.join(d, "y.bin"), str(n), str(p),
               os.path.join(d, "lambdas.bin"), str(tol), out, str(k)] + (["grouped"] if grouped else [])
        ours = run(cmd)
        w = np.fromfile(out)
        our_gaps = gaps(X, y, k, lambdas, w[:100 * k * p].reshape(100, k, p), w[100 * k * p:].reshape(100, k), grouped)
        # Both yardsticks: our largest AND median gap at most glmnet's (glmnet's largest gap is
        # often far above its median, so the largest alone would compare at a looser median).
        if (our_gaps[:L].max() <= glmnet_gaps.max() and np.median(our_gaps[:L]) <= np.median(glmnet_gaps)) or tol < 1e-12:
            break
        tol /= 2
    ours = best(2, lambda: run(cmd))
    print(f"multinomial{' grouped' if grouped else ''} path {n}x{p}, K = {k}, 100 λ: Lagrange {ours['time']:.3f} s "
          f"(tol {tol:.2g}, {ours['passes']} passes, largest/median gap {our_gaps.max():.2e}/{np.median(our_gaps):.2e}); "
          f"glmnet {g['version']} {g['time']:.3f} s ({L} λ, largest/median gap {glmnet_gaps.max():.2e}/"
          f"{np.median(glmnet_gaps):.2e}); ratio Lagrange/glmnet {ours['time'] / g['time']:.2f}")


if __name__ == "__main__":
    main()
