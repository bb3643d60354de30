import Foundation
import LinearAlgebra

/// One decomposition of the standardized design Z (n × p), from which every ridge λ follows in
/// closed form: Z = U diag(σ) Vᵀ (thin SVD, or the eigen-decomposition ZᵀZ = V diag(σ²) Vᵀ with
/// U = ZVσ⁻¹ when n ≥ `RidgePath.eigenRouteRatio`·p and ZᵀZ is well conditioned), c = Uᵀy and
/// the part of y outside the column space of U. See `RidgePath` for the per-λ formulas.
struct RidgeSpectrum {
    /// Zᵀ, p × n (the design's column-major storage read as row-major).
    let zt: Matrix
    let u: Matrix
    let sigma: [Double]
    let vt: Matrix
    let c: [Double]
    /// y − UUᵀy.
    let orthogonalPart: [Double]
    /// Uᵢₖ², n × r.
    let squaredU: Matrix
    /// 1 − 1/n − ‖Uᵢ‖² (without the 1/n when there is no intercept), clipped at 0.
    let baseLeverage: [Double]
    /// max |Zᵀy|/n, the scale of the relative normal-equation residual.
    let scoreScale: Double
    let fitIntercept: Bool

    init(design: Design, fitIntercept: Bool) throws {
        let (n, p) = (design.sampleCount, design.featureCount)
        let zt = Matrix(uncheckedColumnMajor: design.columns, rows: n, columns: p)  // p × n
        var u: Matrix, sigma: [Double], vt: Matrix
        var eigenRoute: (u: Matrix, sigma: [Double], vt: Matrix)?
        if n >= RidgePath.eigenRouteRatio * p {
            let eigen = try BLAS.gram(zt, .rows).symmetricEigen()        // ZᵀZ, p × p
            let largest = eigen.values.first ?? 0
            // Only a well-conditioned ZᵀZ: σₖ = √eₖ loses accuracy for small eₖ, so fall back to the SVD.
            if largest > 0, (eigen.values.last ?? 0) > RidgePath.eigenConditionLimit * largest {
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
            let kept = svd.singularValues.prefix { $0 > RidgePath.rankTolerance * largest }.count
            sigma = Array(svd.singularValues.prefix(kept))
            vt = svd.vt.selectingRows(0..<kept)
            u = kept == svd.u.columns ? svd.u : svd.u.selectingColumns(Array(0..<kept))
        }
        let y = design.response
        let c = try BLAS.multiply(u, .transposed, y)                 // Uᵀy
        var orthogonalPart = y                                        // y − UUᵀy
        try BLAS.gemv(u, .none, c, alpha: -1, beta: 1, into: &orthogonalPart)
        var squaredU = u
        squaredU.storage = u.storage.map { $0 * $0 }
        let rowLeverage = (0..<n).map { i in squaredU.row(i).reduce(0, +) }
        let gradient0 = design.correlations(y)
        self.zt = zt
        self.u = u
        self.sigma = sigma
        self.vt = vt
        self.c = c
        self.orthogonalPart = orthogonalPart
        self.squaredU = squaredU
        // The intercept's leverage is 1/n, or wᵢ/n with sample weights (its column is √w, ‖√w‖² = n).
        self.baseLeverage = rowLeverage.indices.map { i in
            max(0, 1 - (fitIntercept ? (design.sampleWeights?[i] ?? 1) / Double(n) : 0) - rowLeverage[i])
        }
        self.scoreScale = max(gradient0.reduce(0) { max($0, abs($1)) }, .leastNormalMagnitude)
        self.fitIntercept = fitIntercept
    }

    /// The per-λ quantities of a ridge path.
    struct Evaluation {
        var lambdas: [Double] = []
        /// Standardized coefficients, one row per λ.
        var beta: [[Double]] = []
        var leaveOneOut: [Double] = []
        var generalizedCrossValidation: [Double] = []
        var residualSquares: [Double] = []
        var certificates: [RidgeCertificate] = []

        mutating func append(_ other: Evaluation) {
            lambdas += other.lambdas
            beta += other.beta
            leaveOneOut += other.leaveOneOut
            generalizedCrossValidation += other.generalizedCrossValidation
            residualSquares += other.residualSquares
            certificates += other.certificates
        }
    }

    /// Coefficients, LOO and GCV errors, residual sums of squares and certificates at `lambdas`.
    func evaluate(_ lambdas: [Double]) throws -> Evaluation {
        let n = u.rows, r = sigma.count, p = zt.rows
        let L = lambdas.count
        guard L > 0 else { return Evaluation() }
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
        let leverageComplement = try BLAS.multiply(squaredU, .none, q, .none)   // Σₖ Uᵢₖ²(1 − dₖ), n × L

        var loo = [Double](repeating: 0, count: L), rss = [Double](repeating: 0, count: L)
        residuals.storage.withUnsafeBufferPointer { res in
            leverageComplement.storage.withUnsafeBufferPointer { lev in
                for i in 0..<n {
                    for l in 0..<L {
                        let e = res[i * L + l]
                        let looResidual = e / (baseLeverage[i] + lev[i * L + l])
                        loo[l] += looResidual * looResidual
                        rss[l] += e * e
                    }
                }
            }
        }
        // Normal equations: Zᵀr/n − λβ, all λ at once (p × L).
        let zr = try BLAS.multiply(zt, .none, residuals, .none)
        var out = Evaluation()
        out.lambdas = lambdas
        for l in 0..<L {
            let b = Array(beta.row(l))
            var worst = 0.0
            for j in 0..<p { worst = max(worst, abs(zr[j, l] / nn - lambdas[l] * b[j])) }
            out.certificates.append(RidgeCertificate(normalEquationResidual: worst, relativeResidual: worst / scoreScale))
            out.beta.append(b)
        }
        out.leaveOneOut = loo.map { $0 / nn }
        out.residualSquares = rss
        out.generalizedCrossValidation = (0..<L).map { l in
            let denominator = 1 - degrees[l] / nn
            return rss[l] / nn / (denominator * denominator)
        }
        return out
    }
}
