import Foundation
import LinearAlgebra
import Modeling

extension RidgePath {
    /// The ridge path from the inner products alone (`Design.gramForm`): with the
    /// eigen-decomposition G = ZᵀZ/n = V diag(e) Vᵀ and a = Vᵀc, c = Zᵀy/n,
    ///
    ///     β(λ) = V diag(1/(eₖ + λ)) a,                        (G + λI)β = c
    ///     ‖y − Zβ‖²/n = ‖y‖²/n − Σₖ aₖ² (eₖ + 2λ)/(eₖ + λ)²,
    ///     tr H = [intercept] + Σₖ eₖ/(eₖ + λ),   GCV = (‖r‖²/n) / (1 − tr H/n)².
    ///
    /// the eigen route of the rows' path (which takes it when n ≥ 4p and G is well
    /// conditioned), with G formed from the statistics. Leave-one-out errors need each row's
    /// leverage, which the statistics do not hold: `leaveOneOutErrors` is empty. Eigenvalues at
    /// most `gramRankTolerance` × e₁ count as zero (exact collinearity, to the Gram matrix's
    /// resolution). The certificate is the same normal-equation residual c − Gβ − λβ.
    static func fit(gramDesign design: Design, gramForm: GramForm, lambdas grid: LambdaGrid, featureNames: [String],
                    standardize: Bool, fitIntercept: Bool) throws -> RidgePath {
        let (n, p) = (design.sampleCount, design.featureCount)
        let c = gramForm.responseCorrelations
        let top = lambdaMax(gradient: c, weights: [Double](repeating: 1, count: p), l1Ratio: 0)
        var lambdas = try grid.resolve(lambdaMax: top, samples: n, features: p)
        let eigen = try Matrix(rows: p, columns: p, storage: gramForm.gram).symmetricEigen()
        let largest = max(eigen.values.first ?? 0, 0)
        let kept = eigen.values.prefix { $0 > gramRankTolerance * largest }.count
        let values = Array(eigen.values.prefix(kept))
        let vt = eigen.vectors.selectingRows(0..<kept)                       // kept × p
        let a = try BLAS.multiply(vt, .none, c)                              // Vᵀc
        let nn = Double(n)
        let scoreScale = max(c.reduce(0) { max($0, abs($1)) }, .leastNormalMagnitude)
        var coefficients: [[Double]] = [], intercepts: [Double] = [], standardized: [[Double]] = []
        var certificates: [RidgeCertificate] = [], deviance: [Double] = [], gcv: [Double] = []
        func evaluate(_ grid: [Double]) throws {
            for lambda in grid {
                let scaled = (0..<kept).map { a[$0] / (values[$0] + lambda) }
                let beta = try BLAS.multiply(vt, .transposed, scaled)
                var explained = 0.0, degrees = fitIntercept ? 1.0 : 0.0
                for k in 0..<kept {
                    let d = values[k] + lambda
                    explained += a[k] * a[k] * (values[k] + 2 * lambda) / (d * d)
                    degrees += values[k] / d
                }
                let meanSquare = max(gramForm.responseSquare - explained, 0)
                let g = design.gramGradient(beta) ?? c
                var worst = 0.0
                for j in 0..<p { worst = max(worst, abs(g[j] - lambda * beta[j])) }
                certificates.append(RidgeCertificate(normalEquationResidual: worst, relativeResidual: worst / scoreScale))
                let (original, intercept) = design.originalScale(beta)
                coefficients.append(original)
                intercepts.append(intercept)
                standardized.append(beta)
                deviance.append(1 - meanSquare / gramForm.responseSquare)
                let denominator = 1 - degrees / nn
                gcv.append(meanSquare / (denominator * denominator))
            }
        }
        try evaluate(lambdas)
        // As the rows' path (`bracketMinimum`), the automatic grid goes on below its smallest λ,
        // a decade at a time, while the least GCV error is there (no leave-one-out here).
        if case .automatic(_, minRatio: nil) = grid, lambdas.count >= 2, lambdas[1] < lambdas[0] {
            let step = lambdas[1] / lambdas[0]
            let perDecade = max(1, Int((log(0.1) / log(step)).rounded(.up)))
            while gcv.indices.min(by: { gcv[$0] < gcv[$1] }) == gcv.count - 1 {
                let added = (1...perDecade).map { lambdas[lambdas.count - 1] * pow(step, Double($0)) }.filter { $0 >= top * extensionFloor }
                guard !added.isEmpty else { break }
                let before = gcv.min()!
                try evaluate(added)
                lambdas += added
                if before - gcv.min()! <= flatCurveTolerance * before { break }
            }
        }
        return RidgePath(featureNames: featureNames, standardize: standardize, fitIntercept: fitIntercept, lambdas: lambdas,
                         coefficients: coefficients, intercepts: intercepts, standardizedCoefficients: standardized,
                         leaveOneOutErrors: [], generalizedCrossValidationErrors: gcv,
                         certificates: certificates, devianceExplained: deviance, sampleCount: n)
    }

    /// Eigenvalues of G at most this × the largest are treated as zero in a path from statistics.
    public static let gramRankTolerance = 1e-12
}
