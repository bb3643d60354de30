# Produces the R glmnet fixtures of LinearModelsTests (run from this folder):
#   Rscript make_glmnet_fixtures.R
# Convergence threshold is tightened (thresh = 1e-14) so glmnet's solutions are accurate to
# far below the tests' tolerances. glmnet's standardize=TRUE uses the population sd (1/n).
source("../../PeerFixtures/glmnet_writers.R")
d <- read.csv("../../../Datasets/diabetes.csv")
x <- as.matrix(d[, 1:10]); y <- d$progression
write_fit(glmnet(x, y, alpha = 1, nlambda = 50, standardize = TRUE, thresh = 1e-14), "glmnet_diabetes_lasso.json")
sy <- sqrt(mean((y - mean(y))^2))
write_fit(glmnet(x, y, alpha = 0.5, nlambda = 30, standardize = TRUE, thresh = 1e-14), "glmnet_diabetes_enet.json",
          sprintf('"alpha":0.5,"y_population_sd":%.17g,', sy))
pf <- c(0, rep(1, 9))
write_fit(glmnet(x, y, alpha = 1, nlambda = 30, standardize = TRUE, thresh = 1e-14, penalty.factor = pf),
          "glmnet_diabetes_lasso_pf.json", sprintf('"penalty_factor":%s,', num(pf)))
# A generated p > n problem: 40 rows, 100 correlated features, 5 true non-zeros.
set.seed(4)
n <- 40; p <- 100
z <- matrix(rnorm(n * p), n, p)
x2 <- z + 0.5 * matrix(rnorm(n), n, p)
y2 <- drop(x2[, 1:5] %*% c(3, -2, 1.5, 1, -1)) + rnorm(n)
colnames(x2) <- paste0("f", 1:p)
write.csv(data.frame(x2, y = y2), "wide.csv", row.names = FALSE)
w <- read.csv("wide.csv"); x2 <- as.matrix(w[, 1:p]); y2 <- w$y
write_fit(glmnet(x2, y2, alpha = 1, nlambda = 40, standardize = TRUE, thresh = 1e-14), "glmnet_wide_lasso.json")
# No intercept: glmnet scales by the sd about the mean but does not centre.
write_fit(glmnet(x, y, alpha = 1, nlambda = 20, standardize = TRUE, intercept = FALSE, thresh = 1e-14),
          "glmnet_diabetes_lasso_nointercept.json")
# A generated tall, correlated problem for covariance mode with several Gram batches: 200 rows,
# 80 equicorrelated features (pairwise correlation 0.5, as in Benchmarks/linear), 10 true
# non-zeros, λ down to 1e-3 λ_max so most features enter. Values written with 7 digits.
set.seed(7)
n <- 200; p <- 80
x3 <- signif(sqrt(0.5) * matrix(rnorm(n * p), n, p) + sqrt(0.5) * matrix(rnorm(n), n, p), 7)
b3 <- c(c(2, -1.5, 1, -1, 0.8, -0.8, 0.6, -0.6, 0.5, -0.5), rep(0, p - 10))
y3 <- signif(drop(x3 %*% b3) + 1.5 * rnorm(n), 7)
colnames(x3) <- paste0("f", 1:p)
write.csv(data.frame(x3, y = y3), "tall.csv", row.names = FALSE)
t3 <- read.csv("tall.csv"); x3 <- as.matrix(t3[, 1:p]); y3 <- t3$y
write_fit(glmnet(x3, y3, alpha = 1, nlambda = 40, lambda.min.ratio = 1e-3, standardize = TRUE, thresh = 1e-14),
          "glmnet_tall_lasso.json")
