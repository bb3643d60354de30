# Produces the unpenalized (λ = 0) logistic fixture of LinearClassifiersTests (run from this folder):
#   Rscript make_glm_fixtures.R
# R's glm(family = binomial) on the bundled iris data, versicolor against virginica (the two
# classes that overlap, so the maximum-likelihood fit exists), with a tight convergence
# criterion (epsilon = 1e-14) so the coefficients are accurate far below the test's bound.
num <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse = ","), "]")
i <- read.csv("../../../Datasets/iris.csv")
i <- i[i$species != "setosa", ]
i$species <- factor(i$species)   # levels versicolor, virginica: the log-odds of virginica
g <- glm(species ~ ., data = i, family = binomial, control = glm.control(epsilon = 1e-14, maxit = 100))
cat(sprintf('{"peer":"R %s glm(family = binomial)","call":"%s","intercept":%.17g,"coefficients":%s,"deviance":%.17g,"null_deviance":%.17g,"iterations":%d}\n',
            paste(R.version$major, R.version$minor, sep = "."), gsub('"', "'", deparse1(g$call)), coef(g)[1], num(coef(g)[-1]),
            g$deviance, g$null.deviance, g$iter), file = "glm_iris_versicolor_virginica.json")
