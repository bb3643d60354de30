# Produces the multinomial R glmnet fixtures of LinearClassifiersTests (run from this folder):
#   Rscript make_glmnet_multinomial_fixtures.R
# family = "multinomial", both type.multinomial values; thresh = 1e-14 so glmnet's solutions are
# far more accurate than the tests' bounds need. The response is a factor (R's sorted level
# order, which is Lagrange's class order for these labels). a0 and beta hold one array per λ:
# a0[l][k], beta[l][k][j].
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
iris <- read.csv("../../../Datasets/iris.csv")
xi <- as.matrix(iris[, 1:4]); yi <- factor(iris$species)
write_fit(glmnet(xi, yi, family = "multinomial", alpha = 1, thresh = 1e-14, maxit = 1e6),
          "glmnet_iris_multinomial_lasso.json", '"alpha":1,"type":"ungrouped",')
write_fit(glmnet(xi, yi, family = "multinomial", type.multinomial = "grouped", alpha = 1, thresh = 1e-14, maxit = 1e6),
          "glmnet_iris_multinomial_grouped.json", '"alpha":1,"type":"grouped",')
wine <- read.csv("../../../Datasets/wine.csv")
xw <- as.matrix(wine[, 1:13]); yw <- factor(wine$cultivar)
write_fit(glmnet(xw, yw, family = "multinomial", alpha = 0.5, nlambda = 50, thresh = 1e-14, maxit = 1e6),
          "glmnet_wine_multinomial_enet.json", '"alpha":0.5,"type":"ungrouped",')
write_fit(glmnet(xw, yw, family = "multinomial", type.multinomial = "grouped", alpha = 0.5, nlambda = 50,
                 thresh = 1e-14, maxit = 1e6),
          "glmnet_wine_multinomial_grouped_enet.json", '"alpha":0.5,"type":"grouped",')
