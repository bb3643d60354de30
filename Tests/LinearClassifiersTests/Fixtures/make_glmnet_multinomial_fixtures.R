# Produces the multinomial R glmnet fixtures of LinearClassifiersTests (run from this folder):
#   Rscript make_glmnet_multinomial_fixtures.R
# family = "multinomial", both type.multinomial values; thresh = 1e-14 so glmnet's solutions are
# far more accurate than the tests' bounds need. The response is a factor (R's sorted level
# order, which is Lagrange's class order for these labels). a0 and beta hold one array per λ:
# a0[l][k], beta[l][k][j].
source("../../PeerFixtures/glmnet_writers.R")
iris <- read.csv("../../../Datasets/iris.csv")
xi <- as.matrix(iris[, 1:4]); yi <- factor(iris$species)
write_multinomial_fit(glmnet(xi, yi, family = "multinomial", alpha = 1, thresh = 1e-14, maxit = 1e6),
          "glmnet_iris_multinomial_lasso.json", '"alpha":1,"type":"ungrouped",')
write_multinomial_fit(glmnet(xi, yi, family = "multinomial", type.multinomial = "grouped", alpha = 1, thresh = 1e-14, maxit = 1e6),
          "glmnet_iris_multinomial_grouped.json", '"alpha":1,"type":"grouped",')
wine <- read.csv("../../../Datasets/wine.csv")
xw <- as.matrix(wine[, 1:13]); yw <- factor(wine$cultivar)
write_multinomial_fit(glmnet(xw, yw, family = "multinomial", alpha = 0.5, nlambda = 50, thresh = 1e-14, maxit = 1e6),
          "glmnet_wine_multinomial_enet.json", '"alpha":0.5,"type":"ungrouped",')
write_multinomial_fit(glmnet(xw, yw, family = "multinomial", type.multinomial = "grouped", alpha = 0.5, nlambda = 50,
                 thresh = 1e-14, maxit = 1e6),
          "glmnet_wine_multinomial_grouped_enet.json", '"alpha":0.5,"type":"grouped",')
