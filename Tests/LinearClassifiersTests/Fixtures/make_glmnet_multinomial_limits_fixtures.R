# Produces the multinomial coefficient-limit and zero-penalty-factor fixtures of
# LinearClassifiersTests (run from this folder):
#   Rscript make_glmnet_multinomial_limits_fixtures.R
# family = "multinomial"; limits on the original scale of the features; thresh = 1e-14. Where
# glmnet stops early ("convergence for the m-th lambda value not reached") it returns the first
# m − 1 points, and the tests compare those. a0[l][k], beta[l][k][j] as the other multinomial fixtures.
source("../../PeerFixtures/glmnet_writers.R")
iris <- read.csv("../../../Datasets/iris.csv")
xi <- as.matrix(iris[, 1:4]); yi <- factor(iris$species)
wine <- read.csv("../../../Datasets/wine.csv")
xw <- as.matrix(wine[, 1:13]); yw <- factor(wine$cultivar)
# The exact λ_max with zero penalty factors: the rule (max over the penalized j of maxₖ|gⱼₖ|, or
# ‖gⱼ·‖₂ grouped, over αwⱼ) at the maximum-likelihood fit of the intercepts and the unpenalized
# columns, by Newton's method to convergence (last class as reference), on glmnet's standardized
# scale (population sd). glmnet's own λ_max is only as accurate as its inner fit of those features.
exact_lambda_max <- function(x, y, pf, alpha, grouped) {
  n <- nrow(x); w <- rep(1 / n, n); Y <- model.matrix(~ y - 1); K <- ncol(Y)
  centred <- sweep(x, 2, colMeans(x)); z <- sweep(centred, 2, sqrt(colMeans(centred^2)), "/")
  free <- which(pf == 0); pf <- pf * length(pf) / sum(pf)
  xt <- cbind(1, z[, free, drop = FALSE]); m <- ncol(xt)
  B <- matrix(0, m, K - 1)
  probabilities <- function(B) { e <- exp(cbind(xt %*% B, 0)); e / rowSums(e) }
  for (step in 1:100) {
    P <- probabilities(B)
    G <- as.vector(t(xt) %*% (w * (Y[, 1:(K - 1)] - P[, 1:(K - 1)])))
    H <- matrix(0, m * (K - 1), m * (K - 1))
    for (c in 1:(K - 1)) for (l in 1:(K - 1)) {
      v <- w * P[, c] * ((c == l) - P[, l])
      H[(c - 1) * m + 1:m, (l - 1) * m + 1:m] <- t(xt) %*% (v * xt)
    }
    B <- B + matrix(solve(H, G), m, K - 1)
  }
  g <- t(z) %*% (w * (Y - probabilities(B)))
  score <- if (grouped) sqrt(rowSums(g^2)) else apply(abs(g), 1, max)
  max(score[-free] / pf[-free]) / alpha
}
report <- function(fit, name) cat(name, ": ", length(fit$lambda), " lambdas, lambda_max ", fit$lambda[1], "\n", sep = "")
# Zero penalty factors: sepal_length never penalized (ungrouped lasso on iris); alcohol and
# proline never penalized (grouped elastic net on wine).
f <- glmnet(xi, yi, family = "multinomial", alpha = 1, penalty.factor = c(0, 1, 1, 1), thresh = 1e-14, maxit = 1e6)
report(f, "iris pf"); write_multinomial_fit(f, "glmnet_iris_multinomial_lasso_pf.json",
  sprintf('"alpha":1,"type":"ungrouped","pf":[0,1,1,1],"lambda_max_exact":%.17g,', exact_lambda_max(xi, yi, c(0, 1, 1, 1), 1, FALSE)))
pw <- rep(1, 13); pw[c(1, 13)] <- 0
f <- glmnet(xw, yw, family = "multinomial", type.multinomial = "grouped", alpha = 0.5, nlambda = 50, penalty.factor = pw,
            thresh = 1e-14, maxit = 1e6)
report(f, "wine grouped pf"); write_multinomial_fit(f, "glmnet_wine_multinomial_grouped_enet_pf.json",
  sprintf('"alpha":0.5,"type":"grouped","pf":"alcohol,proline 0","lambda_max_exact":%.17g,', exact_lambda_max(xw, yw, pw, 0.5, TRUE)))
# Limits: the non-negative lasso on iris, a two-sided box elastic net on wine.
f <- glmnet(xi, yi, family = "multinomial", alpha = 1, lower.limits = 0, thresh = 1e-14, maxit = 1e6)
report(f, "iris nonneg"); write_multinomial_fit(f, "glmnet_iris_multinomial_lasso_nonnegative.json", '"alpha":1,"type":"ungrouped","lower":0,"upper":"inf",')
f <- glmnet(xw, yw, family = "multinomial", alpha = 0.5, nlambda = 50, lower.limits = -0.5, upper.limits = 0.5,
            thresh = 1e-14, maxit = 1e6)
report(f, "wine box"); write_multinomial_fit(f, "glmnet_wine_multinomial_enet_box.json", '"alpha":0.5,"type":"ungrouped","lower":-0.5,"upper":0.5,')
free <- glmnet(xw, yw, family = "multinomial", alpha = 0.5, nlambda = 50, thresh = 1e-10)
cat("wine free: largest |beta| ", max(sapply(free$beta, function(b) max(abs(as.matrix(b))))), "\n")
free <- glmnet(xi, yi, family = "multinomial", alpha = 1, thresh = 1e-10)
cat("iris free: smallest beta ", min(sapply(free$beta, function(b) min(as.matrix(b)))), "\n")
