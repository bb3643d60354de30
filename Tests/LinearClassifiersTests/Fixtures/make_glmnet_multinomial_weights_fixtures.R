# Produces the weighted multinomial R glmnet fixtures of LinearClassifiersTests (run from this folder):
#   Rscript make_glmnet_multinomial_weights_fixtures.R
# family = "multinomial" with sample weights (stored in the fixture, "weights": one per row of
# Datasets/wine.csv), ungrouped and grouped; thresh = 1e-14. glmnet normalizes the weights to
# sum to 1 (so does Lagrange); standardization uses the weighted population sd.
# a0 and beta hold one array per λ: a0[l][k], beta[l][k][j].
source("../../PeerFixtures/glmnet_writers.R")
wine <- read.csv("../../../Datasets/wine.csv")
xw <- as.matrix(wine[, 1:13]); yw <- factor(wine$cultivar)
set.seed(7)
ww <- round(runif(nrow(xw), 0.2, 3), 3)
write_multinomial_fit(glmnet(xw, yw, family = "multinomial", alpha = 0.5, nlambda = 40, weights = ww, thresh = 1e-14, maxit = 1e6),
          "glmnet_wine_multinomial_enet_weighted.json", sprintf('"alpha":0.5,"type":"ungrouped","weights":%s,', num(ww)))
write_multinomial_fit(glmnet(xw, yw, family = "multinomial", type.multinomial = "grouped", alpha = 0.5, nlambda = 40, weights = ww,
                 thresh = 1e-14, maxit = 1e6),
          "glmnet_wine_multinomial_grouped_enet_weighted.json", sprintf('"alpha":0.5,"type":"grouped","weights":%s,', num(ww)))
# Weighted cross-validation: cv.glmnet on the fixed folds foldid_i = (i − 1) mod 5 + 1 and the
# first 25 λ of the ungrouped path above, multinomial deviance (cv.glmnet clamps the
# probabilities to [1e-5, 1 − 1e-5]), ungrouped and grouped.
fit <- glmnet(xw, yw, family = "multinomial", alpha = 0.5, nlambda = 40, weights = ww, thresh = 1e-14, maxit = 1e6)
foldid <- (seq_len(nrow(xw)) - 1) %% 5 + 1
for (type in c("ungrouped", "grouped")) {
  cv <- cv.glmnet(xw, yw, family = "multinomial", type.multinomial = type, alpha = 0.5, weights = ww,
                  lambda = fit$lambda[1:25], foldid = foldid, type.measure = "deviance", thresh = 1e-14, maxit = 1e6)
  cat(sprintf('{"peer":"R glmnet %s (R %s)","call":"%s","type":"%s","weights":%s,"foldid":%s,"lambda":%s,"cvm":%s,"cvsd":%s,"lambda_min":%.17g,"lambda_1se":%.17g}\n',
              version, getRversion(), gsub('"', "'", deparse1(cv$call)), type, num(ww), num(foldid), num(cv$lambda),
              num(cv$cvm), num(cv$cvsd), cv$lambda.min, cv$lambda.1se),
      file = sprintf("glmnet_wine_multinomial_%s_weighted_cv.json", type))
}
