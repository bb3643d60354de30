import LinearAlgebra
import Statistics

/// Fits from sufficient statistics (n, means, centred scatter of [X y]) instead of rows: the
/// same objective, the same solvers (Cholesky for ridge, covariance-mode coordinate descent
/// for the lasso and the elastic net, whose certificates need only G = XᵀX/n, Xᵀy/n and
/// ‖y‖²/n), so the same models and certificates as from the rows, up to rounding.
/// The features are every column of the statistics but the target; select others first with
/// `SufficientStatistics.selecting(features:target:)`.
extension LinearModelParameters: StatisticsEstimator {
    public func fit(_ statistics: SufficientStatistics, context: ExecutionContext = ExecutionContext()) throws -> LinearModel {
        try validate()
        let design = try Design(statistics: statistics, standardize: penalty.standardize, fitIntercept: penalty.fitIntercept)
        return try LinearRegression.fit(design: design, lambda: lambda, parameters: penalty, featureNames: statistics.featureNames,
                                        targetName: statistics.targetName).labelled(family)
    }
}

extension PathParameters {
    /// The whole path from sufficient statistics: the ridge path by one eigen-decomposition
    /// of G (with GCV; leave-one-out needs the rows), the elastic-net path by covariance-mode
    /// coordinate descent, each λ with its certificate.
    public func fit(_ statistics: SufficientStatistics, context: ExecutionContext = ExecutionContext()) throws -> any RegularizationPath {
        try validate()
        let design = try Design(statistics: statistics, standardize: penalty.standardize, fitIntercept: penalty.fitIntercept)
        if penalty.l1Ratio == 0, let gramForm = design.gramForm {
            return try RidgePath.fit(gramDesign: design, gramForm: gramForm, lambdas: lambdas, featureNames: statistics.featureNames,
                                     standardize: penalty.standardize, fitIntercept: penalty.fitIntercept)
        }
        return try ElasticNetPath.fit(design: design, parameters: penalty, lambdas: lambdas, featureNames: statistics.featureNames)
    }
}

extension CrossValidation {
    /// K-fold cross-validation by parts: the parts (shards' statistics, with the same columns)
    /// are grouped into K folds by a seeded shuffle (`folds(samples:count:seed:)` on the parts),
    /// each training set's statistics are the total minus its fold's (`SufficientStatistics.subtract`,
    /// exact up to rounding), the path is refitted on them on the given λ grid, and the
    /// held-out error is computed from the fold's own statistics, exactly: for the residual
    /// e = y − b − xᵀβ, with w = (−β, 1) on [X y],
    ///
    ///     mean of e² over the fold = (ȳ − b − x̄ᵀβ)² + wᵀ M w / n_fold.
    ///
    /// Means and standard errors as `run(x:…)` (cv.glmnet's, weighted by fold sizes).
    /// `foldOfRow` of the result holds the fold of each part.
    public static func run(parts: [SufficientStatistics], parameters: ElasticNetParameters, lambdas: [Double],
                           folds k: Int, seed: UInt64, context: ExecutionContext = ExecutionContext()) throws -> CrossValidationResult {
        guard k >= 2, k <= parts.count else {
            throw LagrangeError.invalidParameter(name: "folds", value: "\(k)", requirement: "needs between 2 and the number of parts (\(parts.count)) folds")
        }
        let total = try SufficientStatistics.merged(parts)
        let foldOfPart = folds(samples: parts.count, count: k, seed: seed)
        let held = try (0..<k).map { fold in
            try SufficientStatistics.merged(parts.indices.filter { foldOfPart[$0] == fold }.map { parts[$0] })
        }
        if let empty = held.firstIndex(where: { $0.count == 0 }) {
            throw LagrangeError.invalidData("cross-validation fold \(empty + 1) has no rows (its parts are empty); use fewer folds")
        }
        let path = PathParameters(penalty: parameters, lambdas: .values(lambdas))
        let errors = try Parallel.map(k, threads: context.threads) { fold in
            do {
                var training = total
                try training.subtract(held[fold])
                return try heldOutErrors(try path.fit(training, context: .serial), on: held[fold])
            } catch {
                throw LagrangeError.invalidData("cross-validation fold \(fold + 1) failed: \(error)")
            }
        }
        let sizes = held.map { Double($0.count) }
        let n = sizes.reduce(0, +)
        let L = lambdas.count
        var means = [Double](repeating: 0, count: L), ses = [Double](repeating: 0, count: L)
        for l in 0..<L {
            let mean = (0..<k).reduce(0) { $0 + sizes[$1] * errors[$1][l] } / n
            let spread = (0..<k).reduce(0) { $0 + sizes[$1] * (errors[$1][l] - mean) * (errors[$1][l] - mean) } / n
            means[l] = mean
            ses[l] = (spread / Double(k - 1)).squareRoot()
        }
        let indexMin = means.indices.min { means[$0] < means[$1] || (means[$0] == means[$1] && $0 < $1) }!
        let bound = means[indexMin] + ses[indexMin]
        let index1SE = means.indices.first { means[$0] <= bound }!
        return CrossValidationResult(folds: k, seed: seed, lambdas: lambdas, meanErrors: means, standardErrors: ses,
                                     indexMin: indexMin, index1SE: index1SE, foldOfRow: foldOfPart,
                                     constantColumnFolds: [Int](repeating: 0, count: total.featureNames.count))
    }

    /// The mean squared error of every λ of `path` on the rows summarized by `fold`.
    static func heldOutErrors(_ path: any RegularizationPath, on fold: SufficientStatistics) throws -> [Double] {
        guard let target = fold.targetIndex else { throw LagrangeError.invalidData("the statistics have no target column") }
        let features = fold.columnNames.indices.filter { $0 != target }
        let (mean, m, n) = (fold.mean, fold.scatter, Double(fold.count))
        // One λ's dense coefficients at a time (a sparse path builds no L × p matrix).
        return path.intercepts.enumerated().map { l, intercept in
            let beta = path.coefficients(at: l)
            var w = [Double](repeating: 0, count: fold.columnNames.count)
            var bias = mean[target] - intercept
            for (a, j) in features.enumerated() {
                w[j] = -beta[a]
                bias -= beta[a] * mean[j]
            }
            w[target] = 1
            var quadratic = 0.0
            for i in w.indices where w[i] != 0 {
                var row = 0.0
                for j in w.indices where w[j] != 0 { row += m[i, j] * w[j] }
                quadratic += w[i] * row
            }
            return bias * bias + max(quadratic, 0) / n
        }
    }
}
