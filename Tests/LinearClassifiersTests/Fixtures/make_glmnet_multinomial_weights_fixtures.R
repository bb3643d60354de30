# Produces the weighted multinomial R glmnet fixtures of LinearClassifiersTests (run from this folder):
#   Rscript make_glmnet_multinomial_weights_fixtures.R
# family = "multinomial" with sample weights (stored in the fixture, "weights": one per row of
# Datasets/wine.csv), ungrouped and grouped; thresh = 1e-14. glmnet normalizes the weights to
# sum to 1 (so does Lagrange); standardization uses the weighted population sd.
# a0 and beta hold one array per λ: a0[l][k], beta[l][k][j].
suppressMessages(library(glmnet))
version <- as.character(packageVersion("glmnet"))
num <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse = ","), "]")
write_fit <- function(fit, file, extra = "") {
  L <- length(fit$lambda)
  a0 <- paste0("[", paste(sapply(1:L, function(l) num(fit$a0[, l])), collapse = ","), "]")
  beta <- paste0("[", paste(sapply(1:L, function(l)
    paste0("[", paste(sapply(fit$beta, function(b) num(as.matrix(b)[, l])), collapse = ","), "]")), collapse = ","), "]")
  cat(sprintf('{"peer":"R glmnet %s","call":"%s",%s"lambda":%s,"a0":%s,"beta":%s,"dev_ratio":%s}\n',
              version, gsub('"', "'", deparse1(fit$call)), extra, num(fit$lambda), a0, beta, num(fit$dev.ratio)),
      file = file)
}
wine <- read.csv("../../../Datasets/wine.csv")
xw <- as.matrix(wine[, 1:13]); yw <- factor(wine$cultivar)
set.seed(7)
ww <- round(runif(nrow(xw), 0.2, 3), 3)
write_fit(glmnet(xw, yw, family = "multinomial", alpha = 0.5, nlambda = 40, weights = ww, thresh = 1e-14, maxit = 1e6),
          "glmnet_wine_multinomial_enet_weighted.json", sprintf('"alpha":0.5,"type":"ungrouped","weights":%s,', num(ww)))
write_fit(glmnet(xw, yw, family = "multinomial", type.multinomial = "grouped", alpha = 0.5, nlambda = 40, weights = ww,
                 thresh = 1e-14, maxit = 1e6),
          "glmnet_wine_multinomial_grouped_enet_weighted.json", sprintf('"alpha":0.5,"type":"grouped","weights":%s,', num(ww)))
