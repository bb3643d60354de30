import Foundation
import LinearAlgebra
import Modeling

/// A whole binomial elastic-net path: the engine behind every logistic fit, single-λ fits
/// included (STYLE: the path is the engine).
///
/// From λ_max = maxⱼ |gⱼ|/(αwⱼ) — g the loss gradient Xᵀ(ω∘(y − ȳ)) of the null model, the
/// smallest λ at which every coefficient is zero; with penalty factors 0, glmnet's rule: g at
/// the fit of the intercept and the unpenalized features, the max over the penalized ones
/// (`BinomialSolver.fitUnpenalized`) — down the grid, each λ warm-started from the
/// previous solution and stopped on its duality gap (`BinomialSolver`, `LogisticCertificate`).
///
/// On an automatic grid the path ends early as glmnet's does (from the fifth λ on): when the
/// fraction of deviance explained exceeds `maximumDevianceExplained`, grows by less than
/// `minimumDevianceGain` from one λ to the next, or the fitted probabilities are saturated
/// (Σ ωᵢpᵢ(1−pᵢ) below glmnet's `vmin`). Given λ values are all visited. With a coefficient
/// limit at exactly 0 the deviance-gain rule is off, as in glmnet (`CoefficientLimits.hasZeroLimit`).
public struct LogisticPath: LambdaPath {
    public let parameters: LogisticParameters
    public let family: LogisticFamily
    /// The class labels: `classes[1]` is the class whose log-odds the linear predictor models.
    public let classes: [String]
    public let featureNames: [String]
    public let lambdas: [Double]
    /// Original-scale coefficients, one row per λ.
    public let coefficients: [[Double]]
    public let intercepts: [Double]
    /// Coefficients on the standardized scale the problem is solved on.
    public let standardizedCoefficients: [[Double]]
    public let certificates: [LogisticCertificate]
    /// 1 − L(λ)/L₀: glmnet's `dev.ratio`.
    public let devianceExplained: [Double]
    /// The penalty factors, rescaled to sum to p.
    public let penaltyFactors: [Double]
    public let sampleCount: Int

    public var diagnostics: [PathDiagnostic] { [] }

    /// glmnet's early-stopping constants (`glmnet.control`: devmax, fdev, mnlam; lognet's vmin).
    public static let maximumDevianceExplained = 0.999
    public static let minimumDevianceGain = 1e-5
    public static let minimumLambdasBeforeStopping = 5
    static let minimumTotalCurvature = (1 + 1e-5) * 1e-5 * (1 - 1e-5)

    /// Fits the path of the binomial `labels` (class indices 0 and 1 into `classes`) on `x`.
    public static func fit(x: Matrix, labels: [Int], classes: [String], sampleWeights: [Double]? = nil,
                           parameters: LogisticParameters, lambdas grid: LambdaGrid = .automatic(),
                           featureNames: [String]? = nil) throws -> LogisticPath {
        let names = featureNames ?? (1...max(1, x.columns)).map { "x\($0)" }
        guard names.count == x.columns else {
            throw LagrangeError.shapeMismatch("\(names.count) feature names for \(x.columns) features")
        }
        let design = try ClassificationDesign(x: x, sampleWeights: sampleWeights, standardize: parameters.standardize,
                                              fitIntercept: parameters.fitIntercept, featureNames: names)
        return try fit(design: design, labels: labels, classes: classes, parameters: parameters, lambdas: grid,
                       featureNames: names)
    }

    static func fit(design: ClassificationDesign, labels: [Int], classes: [String], parameters: LogisticParameters,
                    lambdas grid: LambdaGrid, featureNames: [String]) throws -> LogisticPath {
        guard classes.count == 2 else {
            throw LagrangeError.invalidData("the binomial model needs exactly two classes, the target has \(classes.count); use the multinomial family")
        }
        guard labels.count == design.sampleCount, labels.allSatisfy({ $0 == 0 || $0 == 1 }) else {
            throw LagrangeError.shapeMismatch("\(design.sampleCount) rows but \(labels.count) labels, or a label outside 0…1")
        }
        let p = design.featureCount
        let factors = try parameters.normalizedPenaltyFactors(count: p)
        var solver = try BinomialSolver(design: design, y: labels.map(Double.init), l1Ratio: parameters.l1Ratio,
                                        penaltyFactors: factors, fitIntercept: parameters.fitIntercept,
                                        tolerance: parameters.tolerance, maximumPasses: parameters.maximumIterations)
        solver.box = try parameters.limits?.box(scales: design.scales)
        if let box = solver.box, let j = solver.unpenalized.first(where: { box.lower[$0] > -.infinity || box.upper[$0] < .infinity }) {
            throw LagrangeError.invalidParameter(name: "penaltyFactors", value: "0 for '\(featureNames[j])'",
                                                 requirement: "must be positive for a feature with a finite coefficient limit (an unpenalized feature is free)")
        }
        try solver.fitUnpenalized()
        let alpha = max(parameters.l1Ratio, LambdaGrid.smallestL1RatioForLambdaMax)
        var top = 0.0
        for j in 0..<p where factors[j] > 0 { top = max(top, abs(solver.gradient[j]) / (alpha * factors[j])) }
        let values = try grid.resolve(lambdaMax: top, samples: design.sampleCount, features: p)
        let stopsEarly: Bool
        if case .automatic = grid { stopsEarly = true } else { stopsEarly = false }
        let gainRule = !(parameters.limits?.hasZeroLimit ?? false)
        var coefficients: [[Double]] = [], intercepts: [Double] = [], standardized: [[Double]] = []
        var certificates: [LogisticCertificate] = [], deviance: [Double] = []
        var previous = max(top, values[0])
        for lambda in values {
            // At λ ≥ λ_max the null model is the solution (every |gⱼ| ≤ λαwⱼ): certified as it is,
            // so rounding in the coordinate updates cannot make a coefficient 1e-17 instead of 0.
            // With unpenalized features that model is their fit, certified too (solved on when
            // its Newton fit is not within the tolerance of this certificate).
            let atNull = lambda >= top && factors.indices.allSatisfy { factors[$0] == 0 || solver.beta[$0] == 0 }
            var certificate = atNull ? solver.certify(lambda: lambda, passes: 0) : solver.solve(lambda: lambda, previousLambda: previous)
            if atNull && !certificate.converged { certificate = solver.solve(lambda: lambda, previousLambda: previous) }
            previous = lambda
            let (beta, b) = design.originalScale(solver.beta, intercept: solver.intercept)
            coefficients.append(beta)
            intercepts.append(b)
            standardized.append(solver.beta)
            certificates.append(certificate)
            let loss = LogisticFunctions.meanLoss(eta: solver.eta, y: solver.y, weights: design.weights)
            deviance.append(1 - loss / solver.nullLoss)
            let m = deviance.count
            if stopsEarly, m >= minimumLambdasBeforeStopping {
                var curvature = 0.0
                for i in 0..<design.sampleCount {
                    let q = LogisticFunctions.sigmoid(solver.eta[i])
                    curvature += design.weights[i] * q * (1 - q)
                }
                if deviance[m - 1] > maximumDevianceExplained || (gainRule && deviance[m - 1] - deviance[m - 2] < minimumDevianceGain)
                    || curvature <= minimumTotalCurvature { break }
            }
        }
        return LogisticPath(parameters: parameters, family: .binomial, classes: classes, featureNames: featureNames,
                            lambdas: Array(values.prefix(coefficients.count)), coefficients: coefficients,
                            intercepts: intercepts, standardizedCoefficients: standardized, certificates: certificates,
                            devianceExplained: deviance, penaltyFactors: factors, sampleCount: design.sampleCount)
    }

    /// The linear predictor b + xᵀβ of every λ for the rows of `x`: result[l][i].
    public func linearPredictors(_ x: Matrix) throws -> [[Double]] {
        guard x.columns == featureNames.count else {
            throw LagrangeError.shapeMismatch("model has \(featureNames.count) features, data has \(x.columns)")
        }
        let b = try Matrix(rows: lambdas.count, columns: x.columns, storage: coefficients.flatMap { $0 })
        let product = try BLAS.multiply(b, .none, x, .transposed)   // L × m
        return (0..<lambdas.count).map { l in product.row(l).map { $0 + intercepts[l] } }
    }

    /// P(class `classes[1]` | x) of every λ for the rows of `x`: result[l][i].
    public func probabilities(_ x: Matrix) throws -> [[Double]] {
        try linearPredictors(x).map { $0.map(LogisticFunctions.sigmoid) }
    }

    /// The fitted model at grid point `index`.
    public func model(at index: Int, targetName: String? = nil) -> LogisticModel {
        LogisticModel(family: family, lambda: lambdas[index], l1Ratio: parameters.l1Ratio, standardize: parameters.standardize,
                      fitIntercept: parameters.fitIntercept, featureNames: featureNames, targetName: targetName,
                      classes: classes, coefficients: [coefficients[index]], intercepts: [intercepts[index]],
                      penaltyFactors: penaltyFactors, certificate: certificates[index], sampleCount: sampleCount,
                      limits: parameters.limits)
    }
}
