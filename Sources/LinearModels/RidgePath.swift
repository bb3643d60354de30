import Foundation
import LinearAlgebra
import Modeling

/// The whole ridge path from one decomposition of the standardized design Z (n × p):
/// Z = U diag(σ) Vᵀ (thin SVD, or the eigen-decomposition ZᵀZ = V diag(σ²) Vᵀ with U = ZVσ⁻¹
/// when n ≥ `eigenRouteRatio`·p). With c = Uᵀy and dₖ(λ) = σₖ²/(σₖ² + nλ):
///
///     β(λ) = V diag(σₖ/(σₖ² + nλ)) c,    ŷ(λ) = U diag(d) c.
///
/// Leave-one-out and GCV need the hat matrix H = 11ᵀ/n + U diag(d) Uᵀ (intercept unpenalized).
/// Both the residual and 1 − Hᵢᵢ are formed without cancellation as λ → 0 and without
/// dividing by λ, using 1 − dₖ = nλ/(σₖ² + nλ):
///
///     r(λ) = (y − UUᵀy) + U((1 − d)∘c),
///     1 − Hᵢᵢ = (1 − 1/n − ‖Uᵢ‖²) + Σₖ Uᵢₖ²(1 − dₖ),
///     LOO(λ) = (1/n) Σᵢ (rᵢ/(1 − Hᵢᵢ))²,   GCV(λ) = (1/n)‖r‖² / (1 − tr H / n)².
///
/// LOO is exact: it equals refitting without row i with the same penalty nλ‖β‖² on the
/// sum-of-squares scale (scikit-learn `RidgeCV` with alpha = nλ) and the full-data
/// standardization.
public struct RidgePath: Sendable {
    public let featureNames: [String]
    public let standardize: Bool
    public let fitIntercept: Bool
    /// Decreasing λ values.
    public let lambdas: [Double]
    public let coefficients: [[Double]]
    public let intercepts: [Double]
    public let standardizedCoefficients: [[Double]]
    /// Mean squared leave-one-out error per λ.
    public let leaveOneOutErrors: [Double]
    /// Generalized cross-validation error per λ.
    public let generalizedCrossValidationErrors: [Double]
    public let certificates: [RidgeCertificate]
    public let devianceExplained: [Double]
    let sampleCount: Int

    /// n/p above which the path uses the eigen-decomposition of ZᵀZ instead of a thin SVD.
    public static let eigenRouteRatio = 4
    /// Components with σ ≤ this × σ₁ are treated as exact zeros (rank deficiency).
    public static let rankTolerance = 1e-12
    /// The eigen route is taken only when every eigenvalue of ZᵀZ exceeds this × the largest.
    public static let eigenConditionLimit = 1e-8

    /// With `sampleWeights` (`SampleWeights`) the fit, LOO and GCV are the weighted ones: the
    /// LOO error is Σᵢ wᵢ(yᵢ − ŷ₍₋ᵢ₎)²/n, exact with the intercept's leverage wᵢ/n.
    public static func fit(x: Matrix, y: [Double], sampleWeights: [Double]? = nil, standardize: Bool = true, fitIntercept: Bool = true,
                           lambdas grid: LambdaGrid = .automatic(), featureNames: [String]? = nil) throws -> RidgePath {
        let design = try Design(x: x, y: y, sampleWeights: sampleWeights, standardize: standardize, fitIntercept: fitIntercept,
                                featureNames: featureNames)
        return try fit(design: design, lambdas: grid, featureNames: featureNames ?? (1...x.columns).map { "x\($0)" },
                       standardize: standardize, fitIntercept: fitIntercept)
    }

    static func fit(design: Design, lambdas grid: LambdaGrid, featureNames: [String], standardize: Bool, fitIntercept: Bool) throws -> RidgePath {
        let (n, p) = (design.sampleCount, design.featureCount)
        let top = lambdaMax(gradient: design.correlations(design.response), weights: [Double](repeating: 1, count: p), l1Ratio: 0)
        let spectrum = try RidgeSpectrum(design: design, fitIntercept: fitIntercept)
        var evaluation = try spectrum.evaluate(try grid.resolve(lambdaMax: top, samples: n, features: p))
        if case .automatic(_, minRatio: nil) = grid {
            try bracketMinimum(&evaluation, spectrum: spectrum, lambdaMax: top)
        }
        var coefficients: [[Double]] = [], intercepts: [Double] = []
        for b in evaluation.beta {
            let (orig, b0) = design.originalScale(b)
            coefficients.append(orig)
            intercepts.append(b0)
        }
        let nullSquare = 2 * Double(n) * design.nullObjective
        return RidgePath(featureNames: featureNames, standardize: standardize, fitIntercept: fitIntercept, lambdas: evaluation.lambdas,
                         coefficients: coefficients, intercepts: intercepts, standardizedCoefficients: evaluation.beta,
                         leaveOneOutErrors: evaluation.leaveOneOut, generalizedCrossValidationErrors: evaluation.generalizedCrossValidation,
                         certificates: evaluation.certificates, devianceExplained: evaluation.residualSquares.map { 1 - $0 / nullSquare },
                         sampleCount: n)
    }

    /// The automatic grid stops at λ_max × the default ratio, which can be above the λ of least
    /// error (glmnet's ridge grid reaches further only because its λ carries the scale of y).
    /// While the least leave-one-out or GCV error is at the smallest λ, the grid goes on below
    /// it with its own log step, a decade at a time, until both curves turn up — or until a
    /// decade lowers neither minimum by more than `flatCurveTolerance` (relative: the
    /// unpenalized limit, where the curve is flat), or λ reaches λ_max × `extensionFloor`.
    static func bracketMinimum(_ evaluation: inout RidgeSpectrum.Evaluation, spectrum: RidgeSpectrum, lambdaMax: Double) throws {
        let lambdas = evaluation.lambdas
        guard lambdas.count >= 2, lambdas[1] < lambdas[0] else { return }
        let step = lambdas[1] / lambdas[0]
        let perDecade = max(1, Int((log(0.1) / log(step)).rounded(.up)))
        let floor = lambdaMax * extensionFloor
        func atSmallestLambda(_ errors: [Double]) -> Bool {
            errors.indices.min { errors[$0] < errors[$1] } == errors.count - 1
        }
        while atSmallestLambda(evaluation.leaveOneOut) || atSmallestLambda(evaluation.generalizedCrossValidation) {
            let last = evaluation.lambdas[evaluation.lambdas.count - 1]
            let added = (1...perDecade).map { last * pow(step, Double($0)) }.filter { $0 >= floor }
            guard !added.isEmpty else { return }
            let before = (evaluation.leaveOneOut.min()!, evaluation.generalizedCrossValidation.min()!)
            evaluation.append(try spectrum.evaluate(added))
            let after = (evaluation.leaveOneOut.min()!, evaluation.generalizedCrossValidation.min()!)
            if before.0 - after.0 <= flatCurveTolerance * before.0, before.1 - after.1 <= flatCurveTolerance * before.1 { return }
        }
    }

    /// Lowest λ the automatic ridge grid extends to, as a fraction of λ_max.
    public static let extensionFloor = 1e-12
    /// A decade of λ that lowers the least LOO and GCV errors by less than this (relative) ends the extension.
    public static let flatCurveTolerance = 1e-6

    /// Predictions of every λ: result[l][i].
    public func predict(_ x: Matrix) throws -> [[Double]] {
        guard x.columns == featureNames.count else {
            throw LagrangeError.shapeMismatch("model has \(featureNames.count) features, data has \(x.columns)")
        }
        let b = try Matrix(rows: lambdas.count, columns: x.columns, storage: coefficients.flatMap { $0 })
        let product = try BLAS.multiply(b, .none, x, .transposed)
        return (0..<lambdas.count).map { l in product.row(l).map { $0 + intercepts[l] } }
    }

    public func model(at index: Int, targetName: String? = nil) -> LinearModel {
        LinearModel(family: .ridge, lambda: lambdas[index], l1Ratio: 0, standardize: standardize, fitIntercept: fitIntercept,
                    featureNames: featureNames, targetName: targetName, coefficients: coefficients[index],
                    intercept: intercepts[index], penaltyFactors: [Double](repeating: 1, count: featureNames.count),
                    certificate: .ridge(certificates[index]), sampleCount: sampleCount)
    }
}

/// Single-λ ridge by Cholesky of ZᵀZ/n + λI.
public enum RidgeRegression {
    public static func fit(x: Matrix, y: [Double], sampleWeights: [Double]? = nil, lambda: Double, parameters: ElasticNetParameters,
                           featureNames: [String], targetName: String? = nil) throws -> LinearModel {
        try validateLambda(lambda)
        let design = try Design(x: x, y: y, sampleWeights: sampleWeights, standardize: parameters.standardize,
                                fitIntercept: parameters.fitIntercept, featureNames: featureNames)
        return try fit(design: design, lambda: lambda, parameters: parameters, featureNames: featureNames, targetName: targetName)
    }

    /// The same on a design of rows or of inner products (`Design.gramForm`, from statistics).
    static func fit(design: Design, lambda: Double, parameters: ElasticNetParameters,
                    featureNames: [String], targetName: String?) throws -> LinearModel {
        try validateLambda(lambda)
        let (n, p) = (design.sampleCount, design.featureCount)
        let weights = try ElasticNetPath.normalizedPenaltyFactors(parameters.penaltyFactors, count: p)
        var system = Matrix.zeros(p, p)
        if let gramForm = design.gramForm {
            system = try Matrix(rows: p, columns: p, storage: gramForm.gram)
        } else {
            let zt = Matrix(uncheckedColumnMajor: design.columns, rows: n, columns: p)
            try BLAS.syrk(zt, .rows, alpha: 1 / Double(n), into: &system)
        }
        for j in 0..<p { system[j, j] += lambda * weights[j] }
        let rhs = design.gramForm?.responseCorrelations ?? design.correlations(design.response)
        let factor: Cholesky
        do { factor = try Cholesky(system) } catch {
            throw LagrangeError.invalidParameter(name: "lambda", value: "\(lambda)",
                                                 requirement: "ZᵀZ/n + λI is singular at this λ (collinear features); use a positive λ")
        }
        let beta = try factor.solve(rhs)
        let g = design.gramGradient(beta) ?? design.correlations(design.residual(of: beta))
        var worst = 0.0
        for j in 0..<p { worst = max(worst, abs(g[j] - lambda * weights[j] * beta[j])) }
        let scale = max(rhs.reduce(0) { max($0, abs($1)) }, .leastNormalMagnitude)
        let (coefficients, intercept) = design.originalScale(beta)
        return LinearModel(family: .ridge, lambda: lambda, l1Ratio: 0, standardize: parameters.standardize,
                           fitIntercept: parameters.fitIntercept, featureNames: featureNames, targetName: targetName,
                           coefficients: coefficients, intercept: intercept, penaltyFactors: weights,
                           certificate: .ridge(RidgeCertificate(normalEquationResidual: worst, relativeResidual: worst / scale)),
                           sampleCount: n)
    }
}
