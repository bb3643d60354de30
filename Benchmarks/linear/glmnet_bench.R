# Called by bench.py: times glmnet / cv.glmnet on the shared binary data and writes the coefficients.
#   Rscript glmnet_bench.R path|cv DIR n p [folds]
suppressMessages(library(glmnet))
a <- commandArgs(TRUE); mode <- a[1]; dir <- a[2]; n <- as.integer(a[3]); p <- as.integer(a[4])
folds <- if (length(a) >= 5) as.integer(a[5]) else 5L
rd <- function(f, k) readBin(file.path(dir, f), "double", k)
x <- matrix(rd("X.bin", n * p), n, p, byrow = TRUE); y <- rd("y.bin", n)
lambda <- rd("lambdas.bin", 100)
if (mode == "path") {
  t <- system.time(fit <- glmnet(x, y, alpha = 1, lambda = lambda, standardize = TRUE))[["elapsed"]]
  writeBin(c(as.vector(as.matrix(fit$beta)), fit$a0), file.path(dir, "glmnet_coef.bin"))
  cat(sprintf('{"time": %.6f, "nlambda": %d, "version": "%s"}\n', t, length(fit$lambda), packageVersion("glmnet")))
} else {
  set.seed(1)
  t <- system.time(cv <- cv.glmnet(x, y, alpha = 1, lambda = lambda, nfolds = folds, standardize = TRUE))[["elapsed"]]
  cat(sprintf('{"time": %.6f, "lambda_min": %.8g, "lambda_1se": %.8g, "version": "%s"}\n', t, cv$lambda.min, cv$lambda.1se, packageVersion("glmnet")))
}
