import Foundation
import LinearAlgebra
import Modeling

/// A whole multinomial elastic-net path (glmnet's `family = "multinomial"`, symmetric
/// parametrization: one intercept and one coefficient vector per class), ungrouped or grouped
/// (`MultinomialPenalty`).
///
/// λ_max is the smallest λ at which every coefficient is zero: with g = Xᵀ(ω∘(Y − π)) at the
/// null model (π the class priors), λ_max = maxⱼ maxₖ |gⱼₖ|/(αwⱼ) (ungrouped) or
/// maxⱼ ‖gⱼ·‖₂/(αwⱼ) (grouped), α floored as `LambdaGrid` says. Down the grid each λ is
/// warm-started and stopped on its duality gap (`MultinomialSolver`, `LogisticCertificate.multinomial`).
/// An automatic grid ends early as glmnet's does (from the fifth λ on): when the fraction of
/// deviance explained exceeds 0.999 or grows by less than 1e-5 from one λ to the next (the
/// latter rule off with a coefficient limit at 0, as in glmnet).
///
/// Penalty factors 0 (ungrouped and grouped): the path starts from the fit of the intercepts and
/// those features (`MultinomialSolver.fitUnpenalized`) and λ_max is the max over the penalized
/// features at that fit. Coefficient limits (ungrouped only; not on an unpenalized feature): every
/// class coefficient in [lⱼ, uⱼ] (`MultinomialSolver+Box`); λ_max and the grid are the
/// unconstrained ones, as glmnet's.
public struct MultinomialPath: Sendable {
    public let parameters: LogisticParameters
    public let penalty: MultinomialPenalty
    public let classes: [String]
    public let featureNames: [String]
    public let lambdas: [Double]
    /// Original-scale coefficients: `coefficients[l][k][j]` for λ l, class k, feature j.
    public let coefficients: [[[Double]]]
    /// `intercepts[l][k]`, centred to sum to zero over the classes.
    public let intercepts: [[Double]]
    /// Standardized-scale coefficients, laid out as `coefficients`.
    public let standardizedCoefficients: [[[Double]]]
    public let certificates: [LogisticCertificate]
    /// 1 − L(λ)/L₀ (glmnet's `dev.ratio`).
    public let devianceExplained: [Double]
    public let penaltyFactors: [Double]
    public let sampleCount: Int

    /// Features with a non-zero coefficient in some class, at each λ (glmnet's `df`).
    public var nonzeroCounts: [Int] {
        coefficients.map { classes in featureNames.indices.reduce(0) { count, j in count + (classes.contains { $0[j] != 0 } ? 1 : 0) } }
    }

    /// Σₖ‖βₖ‖₁ at each λ (original scale).
    public var l1Norms: [Double] { coefficients.map { $0.reduce(0) { $0 + $1.reduce(0) { $0 + abs($1) } } } }

    public var converged: Bool { certificates.allSatisfy(\.converged) }

    /// Fits the path of class `labels` (indices into `classes`, at least two) on `x`.
    public static func fit(x: Matrix, labels: [Int], classes: [String], sampleWeights: [Double]? = nil,
                           parameters: LogisticParameters, penalty: MultinomialPenalty = .ungrouped,
                           lambdas grid: LambdaGrid = .automatic(), featureNames: [String]? = nil) throws -> MultinomialPath {
        let names = featureNames ?? (1...max(1, x.columns)).map { "x\($0)" }
        guard names.count == x.columns else {
            throw LagrangeError.shapeMismatch("\(names.count) feature names for \(x.columns) features")
        }
        let design = try ClassificationDesign(x: x, sampleWeights: sampleWeights, standardize: parameters.standardize,
                                              fitIntercept: parameters.fitIntercept, featureNames: names)
        return try fit(design: design, labels: labels, classes: classes, parameters: parameters, penalty: penalty,
                       lambdas: grid, featureNames: names)
    }

    static func fit(design: ClassificationDesign, labels: [Int], classes: [String], parameters: LogisticParameters,
                    penalty: MultinomialPenalty, lambdas grid: LambdaGrid, featureNames: [String]) throws -> MultinomialPath {
        let k = classes.count
        guard k >= 2 else {
            throw LagrangeError.singleClass(classes.first)
        }
        guard labels.count == design.sampleCount, labels.allSatisfy({ $0 >= 0 && $0 < k }) else {
            throw LagrangeError.shapeMismatch("\(design.sampleCount) rows but \(labels.count) labels, or a label outside 0..<\(k)")
        }
        if let limits = parameters.limits, penalty == .grouped {
            throw LagrangeError.invalidParameter(name: limits.given.name, value: limits.given.value,
                                                 requirement: "applies to the ungrouped multinomial penalty only (not to --grouped)")
        }
        let p = design.featureCount
        let factors = try parameters.normalizedPenaltyFactors(count: p)
        var solver = try MultinomialSolver(design: design, labels: labels, classCount: k, l1Ratio: parameters.l1Ratio,
                                           penalty: penalty, penaltyFactors: factors, fitIntercept: parameters.fitIntercept,
                                           tolerance: parameters.tolerance, maximumPasses: parameters.maximumIterations)
        solver.box = try parameters.limits?.box(scales: design.scales)
        if let box = solver.box, let j = factors.indices.first(where: { factors[$0] == 0 && (box.lower[$0] > -.infinity || box.upper[$0] < .infinity) }) {
            throw LagrangeError.invalidParameter(name: "penaltyFactors", value: "0 for '\(featureNames[j])'",
                                                 requirement: "must be positive for a feature with a finite coefficient limit (an unpenalized feature is free)")
        }
        try solver.fitUnpenalized()
        let alpha = max(parameters.l1Ratio, LambdaGrid.smallestL1RatioForLambdaMax)
        let scores = solver.scores(solver.gradient)
        var top = 0.0
        for j in 0..<p where factors[j] > 0 { top = max(top, scores[j] / (alpha * factors[j])) }
        let values = try grid.resolve(lambdaMax: top, samples: design.sampleCount, features: p)
        let stopsEarly: Bool
        if case .automatic = grid { stopsEarly = true } else { stopsEarly = false }
        let gainRule = !(parameters.limits?.hasZeroLimit ?? false)
        var coefficients: [[[Double]]] = [], intercepts: [[Double]] = [], standardized: [[[Double]]] = []
        var certificates: [LogisticCertificate] = [], deviance: [Double] = []
        var previous = max(top, values[0])
        for lambda in values {
            // At λ ≥ λ_max the null model (with unpenalized features, their fit) is certified as it
            // is, and solved on only when that certificate fails.
            let atNull = lambda >= top && (0..<p).allSatisfy { j in factors[j] == 0 || (0..<k).allSatisfy { solver.beta[j * k + $0] == 0 } }
            var certificate = atNull ? solver.certify(lambda: lambda, passes: 0) : nil
            if certificate?.converged != true { certificate = solver.solve(lambda: lambda, previousLambda: previous) }
            previous = lambda
            var original: [[Double]] = [], scaled: [[Double]] = [], b: [Double] = []
            for c in 0..<k {
                let column = (0..<p).map { solver.beta[$0 * k + c] }
                let (beta, intercept) = design.originalScale(column, intercept: solver.intercepts[c])
                original.append(beta)
                scaled.append(column)
                b.append(intercept)
            }
            let mean = b.reduce(0, +) / Double(k)
            coefficients.append(original)
            intercepts.append(parameters.fitIntercept ? b.map { $0 - mean } : b)
            standardized.append(scaled)
            certificates.append(certificate!)
            let loss = MultinomialFunctions.evaluate(eta: solver.eta, labels: labels, weights: design.weights, classes: k).loss
            // β = 0 is feasible with penalty 0, so at the optimum loss ≤ null loss: a negative
            // fraction is rounding of the softmax (−1.6e-13 at λ_max on iris), shown as 0.
            deviance.append(max(0, 1 - loss / solver.nullLoss))
            let m = deviance.count
            if stopsEarly, m >= LogisticPath.minimumLambdasBeforeStopping,
               deviance[m - 1] > LogisticPath.maximumDevianceExplained
                || (gainRule && deviance[m - 1] - deviance[m - 2] < LogisticPath.minimumDevianceGain) { break }
        }
        return MultinomialPath(parameters: parameters, penalty: penalty, classes: classes, featureNames: featureNames,
                               lambdas: Array(values.prefix(coefficients.count)), coefficients: coefficients,
                               intercepts: intercepts, standardizedCoefficients: standardized, certificates: certificates,
                               devianceExplained: deviance, penaltyFactors: factors, sampleCount: design.sampleCount)
    }

    /// The linear predictors of every λ for the rows of `x`: result[l] is n × K.
    public func linearPredictors(_ x: Matrix) throws -> [Matrix] {
        try lambdas.indices.map { try model(at: $0).decisionFunction(x) }
    }

    /// The fitted model at grid point `index`.
    public func model(at index: Int, targetName: String? = nil) -> LogisticModel {
        LogisticModel(family: .multinomial, lambda: lambdas[index], l1Ratio: parameters.l1Ratio,
                      standardize: parameters.standardize, fitIntercept: parameters.fitIntercept, featureNames: featureNames,
                      targetName: targetName, classes: classes, coefficients: coefficients[index],
                      intercepts: intercepts[index], penaltyFactors: penaltyFactors, certificate: certificates[index],
                      sampleCount: sampleCount, multinomialPenalty: penalty, limits: parameters.limits)
    }
}
