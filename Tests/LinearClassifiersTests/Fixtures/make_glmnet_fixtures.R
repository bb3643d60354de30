# Produces the R glmnet fixtures of LinearClassifiersTests (run from this folder):
#   Rscript make_glmnet_fixtures.R
# family = "binomial"; thresh = 1e-14 so glmnet's solutions are far more accurate than the
# tests' bounds need; glmnet's standardize = TRUE uses the (weighted) population sd. The
# response is a factor: glmnet models the log-odds of its second level (R's sorted order,
# which is Lagrange's class order for these labels).
source("../../PeerFixtures/glmnet_writers.R")
d <- read.csv("../../../Datasets/breast_cancer.csv")
x <- as.matrix(d[, 1:30]); y <- factor(d$diagnosis)
write_fit(glmnet(x, y, family = "binomial", alpha = 1, thresh = 1e-14, maxit = 1e6),
          "glmnet_breast_cancer_lasso.json")
write_fit(glmnet(x, y, family = "binomial", alpha = 0.5, nlambda = 50, thresh = 1e-14, maxit = 1e6),
          "glmnet_breast_cancer_enet.json", '"alpha":0.5,')

# A generated problem: 300 rows, 40 equicorrelated features (pairwise correlation 0.5), 8 true
# non-zeros, labels drawn from the logistic model, and a sample-weight column in [0.5, 2].
set.seed(11)
n <- 300; p <- 40
x2 <- signif(sqrt(0.5) * matrix(rnorm(n * p), n, p) + sqrt(0.5) * matrix(rnorm(n), n, p), 7)
b2 <- c(1.5, -1.2, 1, -0.8, 0.7, -0.6, 0.5, -0.5, rep(0, p - 8))
prob <- 1 / (1 + exp(-(0.3 + drop(x2 %*% b2))))
y2 <- ifelse(runif(n) < prob, "yes", "no")
w2 <- round(runif(n, 0.5, 2), 3)
colnames(x2) <- paste0("f", 1:p)
write.csv(data.frame(x2, weight = w2, label = y2), "generated.csv", row.names = FALSE)
g <- read.csv("generated.csv"); x2 <- as.matrix(g[, 1:p]); y2 <- factor(g$label); w2 <- g$weight
write_fit(glmnet(x2, y2, family = "binomial", alpha = 1, thresh = 1e-14, maxit = 1e6),
          "glmnet_generated_lasso.json")
write_fit(glmnet(x2, y2, family = "binomial", alpha = 1, weights = w2, nlambda = 50, thresh = 1e-14, maxit = 1e6),
          "glmnet_generated_lasso_weighted.json", '"weights":"weight",')
write_fit(glmnet(x2, y2, family = "binomial", alpha = 0.3, nlambda = 40, thresh = 1e-14, maxit = 1e6,
                 intercept = FALSE),
          "glmnet_generated_enet_nointercept.json", '"alpha":0.3,')
