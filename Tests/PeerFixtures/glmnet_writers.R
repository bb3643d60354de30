# Shared by the make_glmnet_*_fixtures.R scripts (each sources it from its own folder):
# loads glmnet and writes a fitted path as one JSON line.
suppressMessages(library(glmnet))
version <- as.character(packageVersion("glmnet"))
num <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse = ","), "]")
mat <- function(m) paste0("[", paste(apply(as.matrix(m), 2, num), collapse = ","), "]")   # one array per lambda
fit_json <- function(fit, extra, a0, beta, peer) {
  sprintf('{"peer":"%s","call":"%s",%s"lambda":%s,"a0":%s,"beta":%s,"dev_ratio":%s}\n',
          peer, gsub('"', "'", deparse1(fit$call)), extra, num(fit$lambda), a0, beta, num(fit$dev.ratio))
}
# A gaussian or binomial path: a0[l], beta[l][j].
write_fit <- function(fit, file, extra = "", peer = paste("R glmnet", version)) {
  cat(fit_json(fit, extra, num(fit$a0), mat(fit$beta), peer), file = file)
}
# A multinomial path: a0[l][k], beta[l][k][j].
write_multinomial_fit <- function(fit, file, extra = "", peer = paste("R glmnet", version)) {
  L <- length(fit$lambda)
  a0 <- paste0("[", paste(sapply(1:L, function(l) num(fit$a0[, l])), collapse = ","), "]")
  beta <- paste0("[", paste(sapply(1:L, function(l)
    paste0("[", paste(sapply(fit$beta, function(b) num(as.matrix(b)[, l])), collapse = ","), "]")), collapse = ","), "]")
  cat(fit_json(fit, extra, a0, beta, peer), file = file)
}
