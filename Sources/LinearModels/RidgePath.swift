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

    public static func fit(x: Matrix, y: [Double], standardize: Bool = true, fitIntercept: Bool = true,
                           lambdas grid: LambdaGrid = .automatic(), featureNames: [String]? = nil) throws -> RidgePath {
        let design = try Design(x: x, y: y, standardize: standardize, fitIntercept: fitIntercept, featureNames: featureNames)
        return try fit(design: design, lambdas: grid, featureNames: featureNames ?? (1...x.columns).map { "x\($0)" },
                       standardize: standardize, fitIntercept: fitIntercept)
    }

    static func fit(design: Design, lambdas grid: LambdaGrid, featureNames: [String], standardize: Bool, fitIntercept: Bool) throws -> RidgePath {
        let (n, p) = (design.sampleCount, design.featureCount)
        let zt = Matrix(uncheckedColumnMajor: design.columns, rows: n, columns: p)  // p × n
        let gradient0 = design.correlations(design.response)
        let top = lambdaMax(gradient: gradient0, weights: [Double](repeating: 1, count: p), l1Ratio: 0)
        let lambdas = try grid.resolve(lambdaMax: top, samples: n, features: p)
        let L = lambdas.count

        // Decomposition: U (n × r), σ (r), Vᵀ (r × p).
        var u: Matrix, sigma: [Double], vt: Matrix
        var eigenRoute: (u: Matrix, sigma: [Double], vt: Matrix)?
        if n >= eigenRouteRatio * p {
            let eigen = try BLAS.gram(zt, .rows).symmetricEigen()        // ZᵀZ, p × p
            let largest = eigen.values.first ?? 0
            // Only a well-conditioned ZᵀZ: σₖ = √eₖ loses accuracy for small eₖ, so fall back to the SVD.
            if largest > 0, (eigen.values.last ?? 0) > eigenConditionLimit * largest {
                let sigma = eigen.values.map { $0.squareRoot() }
                var u = try BLAS.multiply(zt, .transposed, eigen.vectors, .transposed)  // Z V, n × p
                u.storage.withUnsafeMutableBufferPointer { s in
                    for i in 0..<n { for k in 0..<p { s[i * p + k] /= sigma[k] } }
                }
                eigenRoute = (u, sigma, eigen.vectors)
            }
        }
        if let eigenRoute {
            (u, sigma, vt) = eigenRoute
        } else {
            let svd = try zt.transposed.svd()
            let largest = svd.singularValues.first ?? 0
            let kept = svd.singularValues.prefix { $0 > rankTolerance * largest }.count
            sigma = Array(svd.singularValues.prefix(kept))
            vt = svd.vt.selectingRows(0..<kept)
            u = kept == svd.u.columns ? svd.u : svd.u.selectingColumns(Array(0..<kept))
        }
        let r = sigma.count
        let y = design.response
        let c = try BLAS.multiply(u, .transposed, y)                 // Uᵀy
        var orthogonalPart = y                                        // y − UUᵀy
        try BLAS.gemv(u, .none, c, alpha: -1, beta: 1, into: &orthogonalPart)

        // Per-λ coefficient factors F (L × r), shrinkage complements M (r × L), Q = 1 − d (r × L).
        let nn = Double(n)
        var f = Matrix.zeros(L, r), m = Matrix.zeros(r, L), q = Matrix.zeros(r, L)
        var degrees = [Double](repeating: fitIntercept ? 1 : 0, count: L)
        for l in 0..<L {
            let penalty = nn * lambdas[l]
            for k in 0..<r {
                let s2 = sigma[k] * sigma[k]
                let complement = penalty / (s2 + penalty)
                f[l, k] = sigma[k] * c[k] / (s2 + penalty)
                m[k, l] = complement * c[k]
                q[k, l] = complement
                degrees[l] += s2 / (s2 + penalty)
            }
        }
        let beta = try BLAS.multiply(f, .none, vt, .none)             // L × p standardized β
        var residuals = Matrix(rows: n, columns: L, repeating: 0)     // r(λ) columns
        residuals.storage.withUnsafeMutableBufferPointer { s in
            for i in 0..<n { for l in 0..<L { s[i * L + l] = orthogonalPart[i] } }
        }
        try BLAS.gemm(u, .none, m, .none, beta: 1, into: &residuals)
        var squaredU = u
        squaredU.storage = u.storage.map { $0 * $0 }
        let leverageComplement = try BLAS.multiply(squaredU, .none, q, .none)   // Σₖ Uᵢₖ²(1 − dₖ), n × L
        let rowLeverage = (0..<n).map { i in squaredU.row(i).reduce(0, +) }
        let baseLeverage = rowLeverage.map { max(0, 1 - (fitIntercept ? 1 / nn : 0) - $0) }

        var loo = [Double](repeating: 0, count: L), rss = [Double](repeating: 0, count: L)
        residuals.storage.withUnsafeBufferPointer { res in
            leverageComplement.storage.withUnsafeBufferPointer { lev in
                for i in 0..<n {
                    for l in 0..<L {
                        let e = res[i * L + l]
                        let loo_i = e / (baseLeverage[i] + lev[i * L + l])
                        loo[l] += loo_i * loo_i
                        rss[l] += e * e
                    }
                }
            }
        }
        // Normal equations: Zᵀr/n − λβ, all λ at once (p × L).
        let zr = try BLAS.multiply(zt, .none, residuals, .none)
        let scoreScale = max(gradient0.reduce(0) { max($0, abs($1)) }, .leastNormalMagnitude)
        var certificates: [RidgeCertificate] = []
        var coefficients: [[Double]] = [], intercepts: [Double] = [], standardized: [[Double]] = []
        let nullSquare = 2 * nn * design.nullObjective
        for l in 0..<L {
            let b = Array(beta.row(l))
            var worst = 0.0
            for j in 0..<p { worst = max(worst, abs(zr[j, l] / nn - lambdas[l] * b[j])) }
            certificates.append(RidgeCertificate(normalEquationResidual: worst, relativeResidual: worst / scoreScale))
            let (orig, b0) = design.originalScale(b)
            coefficients.append(orig)
            intercepts.append(b0)
            standardized.append(b)
        }
        let gcv = (0..<L).map { l -> Double in
            let denominator = 1 - degrees[l] / nn
            return rss[l] / nn / (denominator * denominator)
        }
        return RidgePath(featureNames: featureNames, standardize: standardize, fitIntercept: fitIntercept, lambdas: lambdas,
                         coefficients: coefficients, intercepts: intercepts, standardizedCoefficients: standardized,
                         leaveOneOutErrors: loo.map { $0 / nn }, generalizedCrossValidationErrors: gcv,
                         certificates: certificates, devianceExplained: rss.map { 1 - $0 / nullSquare }, sampleCount: n)
    }

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
    public static func fit(x: Matrix, y: [Double], lambda: Double, parameters: ElasticNetParameters,
                           featureNames: [String], targetName: String? = nil) throws -> LinearModel {
        try validateLambda(lambda)
        let design = try Design(x: x, y: y, standardize: parameters.standardize, fitIntercept: parameters.fitIntercept, featureNames: featureNames)
        let (n, p) = (design.sampleCount, design.featureCount)
        let weights = try ElasticNetPath.normalizedPenaltyFactors(parameters.penaltyFactors, count: p)
        let zt = Matrix(uncheckedColumnMajor: design.columns, rows: n, columns: p)
        var system = Matrix.zeros(p, p)
        try BLAS.syrk(zt, .rows, alpha: 1 / Double(n), into: &system)
        for j in 0..<p { system[j, j] += lambda * weights[j] }
        let rhs = design.correlations(design.response)
        let factor: Cholesky
        do { factor = try Cholesky(system) } catch {
            throw LagrangeError.invalidParameter(name: "lambda", value: "\(lambda)",
                                                 requirement: "ZᵀZ/n + λI is singular at this λ (collinear features); use a positive λ")
        }
        let beta = try factor.solve(rhs)
        let g = design.correlations(design.residual(of: beta))
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
