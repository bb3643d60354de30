# Produces the coefficient-limit fixtures of LinearModelsTests (run from this folder):
#   Rscript make_glmnet_limits_fixtures.R
# glmnet's lower.limits / upper.limits are on the original scale of the features (as Lagrange's
# --lower-limit / --upper-limit). thresh = 1e-14 so glmnet's solutions are far more accurate than
# the tests' bounds need. λ_max is glmnet's unconstrained one (it ignores the limits).
source("../../PeerFixtures/glmnet_writers.R")
d <- read.csv("../../../Datasets/diabetes.csv")
x <- as.matrix(d[, 1:10]); y <- d$progression
write_fit(glmnet(x, y, alpha = 1, nlambda = 40, lower.limits = 0, thresh = 1e-14),
          "glmnet_diabetes_lasso_nonnegative.json", '"lower":0,"upper":"inf",')
write_fit(glmnet(x, y, alpha = 0.5, nlambda = 30, lower.limits = -10, upper.limits = 20, thresh = 1e-14),
          "glmnet_diabetes_enet_box.json", '"alpha":0.5,"lower":-10,"upper":20,')
