# Produces the R fixtures of PreprocessingTests (run from this folder):
#   Rscript make_r_fixtures.R
# Text columns become factors whose levels are sorted in code-point order (sort(method =
# "radix") is locale-independent), the order Lagrange documents for one-hot levels.
suppressMessages(library(glmnet))
num <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse = ","), "]")
str <- function(v) paste0("[", paste0('"', v, '"', collapse = ","), "]")
peer <- sprintf("%s, glmnet %s", R.version.string, as.character(packageVersion("glmnet")))
p <- read.csv("../../../Datasets/penguins.csv", stringsAsFactors = FALSE)
for (column in c("species", "island", "sex")) {
  p[[column]] <- factor(p[[column]], levels = sort(unique(na.omit(p[[column]])), method = "radix"))
}

# 1. Correlation PCA: prcomp(scale. = TRUE) on the complete rows of the four measurements.
measures <- c("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g")
m <- na.omit(p[, measures])
pca <- prcomp(m, center = TRUE, scale. = TRUE)
cat(sprintf('{"peer":"%s","call":"prcomp(na.omit(penguins[, measures]), scale. = TRUE)","features":%s,"rows":%s,"sdev":%s,"rotation":%s,"scores":%s}\n',
            peer, str(measures), num(as.integer(rownames(m))), num(pca$sdev),
            paste0("[", paste(apply(pca$rotation, 2, num), collapse = ","), "]"),
            paste0("[", paste(apply(pca$x, 2, num), collapse = ","), "]")),
    file = "prcomp_penguins_scaled.json")

# 2. na.omit + model.matrix (treatment contrasts: first level dropped) + glmnet: body mass
# from every other column, text and missing values included, at one λ per fit.
d <- na.omit(p)
x <- model.matrix(body_mass_g ~ species + island + bill_length_mm + bill_depth_mm + flipper_length_mm + sex + year, d)[, -1]
y <- d$body_mass_g
write_fit <- function(alpha, lambda, file) {
  fit <- glmnet(x, y, alpha = alpha, lambda = lambda, standardize = TRUE, thresh = 1e-14)
  cat(sprintf('{"peer":"%s","call":"%s","rows":%d,"alpha":%.17g,"lambda":%.17g,"columns":%s,"a0":%.17g,"beta":%s}\n',
              peer, gsub('"', "'", deparse1(fit$call)), nrow(x), alpha, lambda, str(colnames(x)), fit$a0,
              num(as.numeric(fit$beta))), file = file)
}
write_fit(1, 20, "glmnet_penguins_lasso.json")
write_fit(0.5, 5, "glmnet_penguins_enet.json")
