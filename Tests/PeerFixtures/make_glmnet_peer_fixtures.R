# The R glmnet rows of docs/conventions.md (run from this folder, after make_peer_fixtures.py
# has written folds.csv):   Rscript make_glmnet_peer_fixtures.R
# Each row: glmnet's call from its own parameters, the lagrange arguments the table maps it to,
# and glmnet's coefficients (original scale). thresh = 1e-20 (maxit = 1e7) makes glmnet's
# solutions accurate far below the tests' tolerances (a solver setting, not part of the mapping;
# with standardize = FALSE, thresh = TH, maxit = 1e7 still left the intercept 1e-3 away, since glmnet's
# criterion weighs coefficient changes by the raw column variances).
suppressMessages(library(glmnet))
version <- as.character(packageVersion("glmnet"))
num <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse = ","), "]")
str <- function(v) paste0("[", paste0('"', v, '"', collapse = ","), "]")
d <- read.csv("../../Datasets/diabetes.csv")
x <- as.matrix(d[, 1:10]); y <- d$progression
sy <- sqrt(mean((y - mean(y))^2))        # glmnet scales y by its population sd
rows <- character(0)
TH <- 1e-20
add <- function(option, call, fit, args, extra = "") {
  b <- as.numeric(coef(fit))
  rows <<- c(rows, sprintf('{"option":"%s","peerCall":"%s","lagrangeArguments":%s,"intercept":%.17g,"coefficients":%s%s}',
                           option, call, str(args), b[1], num(b[-1]), extra))
}
add("lambda (lasso)", "glmnet(x, y, alpha = 1, lambda = 1)",
    glmnet(x, y, alpha = 1, lambda = 1, thresh = TH, maxit = 1e7), c("fit", "lasso", "--lambda", "1"))
# Ridge: glmnet's lambda_g is on the scale of y / s_y for the ridge part: ours is lambda_g / s_y.
lg <- 5
add("alpha = 0 (ridge)", "glmnet(x, y, alpha = 0, lambda = 5)",
    glmnet(x, y, alpha = 0, lambda = lg, thresh = TH, maxit = 1e7), c("fit", "ridge", "--lambda", sprintf("%.17g", lg / sy)))
# Elastic net: lambda * alpha = lambda_g * alpha_g and lambda * (1 - alpha) = lambda_g * (1 - alpha_g) / s_y.
lg <- 0.5; ag <- 0.5
lam <- lg * ag + lg * (1 - ag) / sy; alpha <- lg * ag / lam
add("alpha (elastic net)", "glmnet(x, y, alpha = 0.5, lambda = 0.5)",
    glmnet(x, y, alpha = ag, lambda = lg, thresh = TH, maxit = 1e7),
    c("fit", "enet", "--lambda", sprintf("%.17g", lam), "--l1-ratio", sprintf("%.17g", alpha)))
add("standardize = FALSE", "glmnet(x, y, alpha = 1, lambda = 0.5, standardize = FALSE)",
    glmnet(x, y, alpha = 1, lambda = 0.5, standardize = FALSE, thresh = TH, maxit = 1e7),
    c("fit", "lasso", "--lambda", "0.5", "--no-standardize"))
add("penalty.factor", "glmnet(x, y, alpha = 1, lambda = 1, penalty.factor = c(0, rep(1, 9)))",
    glmnet(x, y, alpha = 1, lambda = 1, penalty.factor = c(0, rep(1, 9)), thresh = TH, maxit = 1e7),
    c("fit", "lasso", "--lambda", "1", "--penalty-factor", "age=0"))
# cv.glmnet on Lagrange's folds (--seed 1), glmnet's own grid; lambda.1se is both defaults.
folds <- read.csv("folds.csv")$fold
set.seed(1)
cv <- cv.glmnet(x, y, alpha = 1, foldid = folds, thresh = TH, maxit = 1e7)
# The CV curve from glmnet's own fits of each fold on cv.glmnet's lambda sequence, weighted by
# fold size as cv.glmnet documents (mean and SE). cv.glmnet's reported cvm differs from these
# fold-by-fold fits by up to 0.1% (its internal fold fits are not reproduced by calling glmnet
# on the same rows), so the curve is compared against the fold fits and the selected lambdas
# against cv.glmnet.
w <- as.numeric(table(folds))
mse <- sapply(1:5, function(k) { tr <- folds != k
  f <- glmnet(x[tr, ], y[tr], alpha = 1, lambda = cv$lambda, thresh = TH, maxit = 1e7)
  colMeans((predict(f, x[!tr, ]) - y[!tr])^2) })
foldmean <- drop(mse %*% w) / sum(w)
foldse <- sqrt(drop(((mse - foldmean)^2) %*% w) / sum(w) / (5 - 1))
add("cv.glmnet (lambda.1se)", "cv.glmnet(x, y, foldid = folds)", cv,
    c("path", "lasso", "--cv", "5", "--seed", "1", "--table", "cv.csv"),
    sprintf(',"lambda":%s,"cvm":%s,"cvsd":%s,"cvglmnetCVM":%s,"lambdaMin":%.17g,"lambda1se":%.17g',
            num(cv$lambda), num(foldmean), num(foldse), num(cv$cvm), cv$lambda.min, cv$lambda.1se))
cat(sprintf('{"peer":"R glmnet %s (%s)","yPopulationSD":%.17g,"rows":[\n%s\n]}\n', version, R.version.string, sy,
            paste(rows, collapse = ",\n")), file = "glmnet.json")
