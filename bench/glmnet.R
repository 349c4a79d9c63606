#!/usr/bin/env Rscript
# glmnet (Debian r-cran-glmnet), the elastic-net reference, on a LIBSVM file: binary logistic regression with the
# penalty lambda (alpha ||w||_1 + (1 - alpha)/2 ||w||^2), no intercept, no standardization. glmnet's objective
# (1/n) sum_i log(1 + exp(-y_i w.x_i)) + penalty is Curvature's and MLlib's for the same lambda and alpha.
#   Rscript bench/glmnet.R DATA ALPHA LAMBDA THRESH [PATH_LENGTH]
# Fits along a path of PATH_LENGTH (default 30) lambdas from glmnet's lambda_max down to LAMBDA, as glmnet is meant
# to be used, with convergence threshold THRESH; prints one tab-separated line: thresh, seconds (the fit, not the
# reading), objective at LAMBDA (computed here in double), nonzero coefficients.
args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 4) {
  cat("usage: Rscript bench/glmnet.R DATA ALPHA LAMBDA THRESH [PATH_LENGTH]\n", file = stderr())
  quit(status = 2)
}
suppressPackageStartupMessages({ library(glmnet); library(Matrix) })
data <- args[1]; alpha <- as.numeric(args[2]); lambda <- eval(parse(text = args[3]))
thresh <- as.numeric(args[4]); steps <- if (length(args) >= 5) as.integer(args[5]) else 30L

lines <- readLines(data)
lines <- lines[nzchar(trimws(lines)) & !startsWith(trimws(lines), "#")]
parts <- strsplit(sub("#.*$", "", lines), "[[:space:]]+")
y <- as.numeric(vapply(parts, `[`, "", 1))
y <- ifelse(y > 0, 1, 0)
pairs <- lapply(parts, function(p) p[-1])
counts <- lengths(pairs)
kv <- unlist(pairs)
idx <- as.integer(sub(":.*$", "", kv)); val <- as.numeric(sub("^[^:]*:", "", kv))
x <- sparseMatrix(i = rep(seq_along(pairs), counts), j = idx, x = val, dims = c(length(pairs), max(idx)))

n <- nrow(x)
lambda_max <- max(abs(crossprod(x, y - mean(y)))) / (n * max(alpha, 1e-3))
path <- exp(seq(log(lambda_max), log(lambda), length.out = steps))
start <- proc.time()[["elapsed"]]
fit <- glmnet(x, y, family = "binomial", alpha = alpha, lambda = path, standardize = FALSE, intercept = FALSE,
              thresh = thresh, maxit = 1e6)
seconds <- proc.time()[["elapsed"]] - start
w <- as.numeric(coef(fit, s = lambda, exact = FALSE))[-1]
m <- as.numeric(x %*% w)
s <- 2 * y - 1
loss <- mean(ifelse(-s * m > 0, -s * m + log1p(exp(s * m)), log1p(exp(-s * m))))
objective <- loss + lambda * (alpha * sum(abs(w)) + (1 - alpha) / 2 * sum(w^2))
cat(sprintf("%g\t%.2f\t%.16g\t%d\n", thresh, seconds, objective, sum(w != 0)))
