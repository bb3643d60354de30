# Produces the zero-penalty-factor fixtures of LinearClassifiersTests (run from this folder):
#   Rscript make_glmnet_penalty_factor_fixtures.R
# family = "binomial" with penalty.factor containing zeros: those features are never penalized,
# and glmnet computes λ_max over the penalized features after fitting the unpenalized ones
# (with the intercept). thresh = 1e-14. glmnet's λ_max is only as accurate as its inner fit of
# the unpenalized features, so each fixture also stores the exact one ("lambda_max_glm"): the
# same rule applied to R's glm fit of those features (epsilon = 1e-15) on glmnet's standardized
# scale (weighted means, weighted population sd).
source("../../PeerFixtures/glmnet_writers.R")
g <- read.csv("generated.csv"); p <- 40
x2 <- as.matrix(g[, 1:p]); y2 <- factor(g$label); w2 <- g$weight
# max over penalized j of |Σ ωᵢ zᵢⱼ (yᵢ − pᵢ)| / (α wⱼ), p from glm on the unpenalized columns.
exact_lambda_max <- function(x, y, w, pf, alpha) {
  w <- w / sum(w); y <- as.numeric(y == levels(y)[2])
  centred <- sweep(x, 2, colSums(w * x)); z <- sweep(centred, 2, sqrt(colSums(w * centred^2)), "/")
  free <- which(pf == 0); pf <- pf * length(pf) / sum(pf)
  fit <- suppressWarnings(glm(y ~ z[, free], family = binomial, weights = w * length(y),
                              control = glm.control(epsilon = 1e-15, maxit = 100)))
  g <- colSums(w * (y - fitted(fit)) * z)
  max(abs(g[-free]) / pf[-free]) / alpha
}
glm_version <- as.character(getRversion())
# Lasso, the two strongest features (f1, f2) unpenalized.
pf <- c(0, 0, rep(1, p - 2))
write_fit(glmnet(x2, y2, family = "binomial", alpha = 1, nlambda = 40, penalty.factor = pf, thresh = 1e-14, maxit = 1e6),
          "glmnet_generated_lasso_pf.json", sprintf('"penalty_factor":%s,"lambda_max_glm":%.17g,"glm":"R %s",', num(pf),
                  exact_lambda_max(x2, y2, rep(1, nrow(x2)), pf, 1), glm_version))
# Elastic net with sample weights: a null feature (f20) unpenalized, f3 at factor 2.
pf2 <- rep(1, p); pf2[20] <- 0; pf2[3] <- 2
write_fit(glmnet(x2, y2, family = "binomial", alpha = 0.5, nlambda = 30, weights = w2, penalty.factor = pf2,
                 thresh = 1e-14, maxit = 1e6),
          "glmnet_generated_enet_weighted_pf.json", sprintf('"alpha":0.5,"weights":"weight","penalty_factor":%s,"lambda_max_glm":%.17g,"glm":"R %s",', num(pf2),
                  exact_lambda_max(x2, y2, w2, pf2, 0.5), glm_version))
