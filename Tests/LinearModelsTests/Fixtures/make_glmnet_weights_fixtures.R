# Produces the weighted Gaussian glmnet fixtures of LinearModelsTests (run from this folder):
#   Rscript make_glmnet_weights_fixtures.R
# Same conventions as make_glmnet_fixtures.R (thresh = 1e-14, population sd). The weights are
# w_i = 1 + (i mod 7)/2 for the diabetes rows i = 1..442 (glmnet rescales them to sum to n);
# the test rebuilds them with the same formula.
source("../../PeerFixtures/glmnet_writers.R")
r_peer <- sprintf("R glmnet %s (R %s)", version, getRversion())
d <- read.csv("../../../Datasets/diabetes.csv")
x <- as.matrix(d[, 1:10]); y <- d$progression
w <- 1 + ((seq_len(nrow(x))) %% 7) / 2
write_fit(glmnet(x, y, weights = w, alpha = 1, nlambda = 40, standardize = TRUE, thresh = 1e-14),
          "glmnet_diabetes_lasso_weighted.json", sprintf('"weights":%s,', num(w)), peer = r_peer)
write_fit(glmnet(x, y, weights = w, alpha = 0.5, nlambda = 30, standardize = TRUE, thresh = 1e-14),
          "glmnet_diabetes_enet_weighted.json", sprintf('"weights":%s,"alpha":0.5,', num(w)), peer = r_peer)
# Weighted cross-validation: cv.glmnet on the fixed folds foldid_i = (i − 1) mod 5 + 1 and the
# weighted lasso's first 25 λ (so fold fits and the grid are the same on both sides).
fit <- glmnet(x, y, weights = w, alpha = 1, nlambda = 40, standardize = TRUE, thresh = 1e-14)
foldid <- ((seq_len(nrow(x)) - 1) %% 5) + 1
cv <- cv.glmnet(x, y, weights = w, alpha = 1, lambda = fit$lambda[1:25], foldid = foldid, standardize = TRUE, thresh = 1e-14)
cat(sprintf('{"peer":"R glmnet %s (R %s)","call":"%s","weights":%s,"foldid":%s,"lambda":%s,"cvm":%s,"cvsd":%s}\n',
            version, getRversion(), gsub('"', "'", deparse1(cv$call)), num(w), num(foldid), num(cv$lambda), num(cv$cvm), num(cv$cvsd)),
    file = "glmnet_diabetes_lasso_weighted_cv.json")
