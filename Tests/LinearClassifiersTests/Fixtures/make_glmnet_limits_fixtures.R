# Produces the coefficient-limit fixtures of LinearClassifiersTests (run from this folder):
#   Rscript make_glmnet_limits_fixtures.R
# family = "binomial"; limits on the original scale of the features; thresh = 1e-14.
# glmnet's λ_max ignores the limits (as Lagrange's).
source("../../PeerFixtures/glmnet_writers.R")
g <- read.csv("generated.csv"); p <- 40
x2 <- as.matrix(g[, 1:p]); y2 <- factor(g$label)
write_fit(glmnet(x2, y2, family = "binomial", alpha = 1, nlambda = 40, lower.limits = 0, thresh = 1e-14, maxit = 1e6),
          "glmnet_generated_lasso_nonnegative.json", '"lower":0,"upper":"inf",')
write_fit(glmnet(x2, y2, family = "binomial", alpha = 0.5, nlambda = 30, lower.limits = -0.4, upper.limits = 0.6,
                 thresh = 1e-14, maxit = 1e6),
          "glmnet_generated_enet_box.json", '"alpha":0.5,"lower":-0.4,"upper":0.6,')
