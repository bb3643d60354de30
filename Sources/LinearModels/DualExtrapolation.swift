import LinearAlgebra

/// Dual extrapolation (Massias, Gramfort & Salmon 2018, "Celer"): a better dual point from the
/// last K + 1 iterates, so the duality gap closes as fast as the primal converges.
///
/// Coordinate descent's residuals rₖ = y − Xβₖ converge like a vector autoregressive sequence;
/// the extrapolated residual r_acc = Σₖ cₖ rₖ (Σ cₖ = 1) with cₖ ∝ (UᵀU)⁻¹1, U = [r₁ − r₀, …,
/// r_K − r_{K−1}], is much closer to the optimal residual than the last one. Since Σ cₖ = 1,
/// r_acc is itself the residual of β_acc = Σ cₖ βₖ, so everything is computed from β and
/// g = Xᵀr/n without forming a residual (covariance mode):
///
///     (UᵀU)ᵢⱼ / n = Δβᵢᵀ G Δβⱼ = −Δβᵢᵀ Δgⱼ,   g_acc = Σ cₖ gₖ.
///
/// The dual point is then the feasible rescaling θ = s·(r_acc, −√(nλ(1−α)w)∘β_acc) with the
/// best s ∈ [0, s_max] (`ScaledDualPoint`). The certificate keeps the larger of this dual value
/// and the standard one, so the gap can only get tighter, and stays a valid bound (the point is
/// feasible by construction).
struct DualExtrapolation {
    /// Number of residual differences combined (Celer's default).
    static let depth = 5
    /// Combining iterates with coefficients of both signs amplifies rounding in β_acc, g_acc and
    /// the inner products by Σ|cₖ|. The extrapolation is used only while that amplified rounding,
    /// Σ|cₖ|·ε_machine (relative to P(0)), stays below this fraction of the gap tolerance, so it
    /// cannot move the certified gap by more than 0.1% of the tolerance.
    static let roundingShareOfTolerance = 1e-3

    /// The largest Σ|cₖ| accepted for a relative gap tolerance.
    static func maximumAmplification(tolerance: Double) -> Double {
        roundingShareOfTolerance * tolerance / Double.ulpOfOne
    }
    private var betas: [[Double]] = []
    private var gradients: [[Double]] = []

    mutating func reset() {
        betas.removeAll(keepingCapacity: true)
        gradients.removeAll(keepingCapacity: true)
    }

    mutating func record(beta: [Double], gradient: [Double]) {
        betas.append(beta)
        gradients.append(gradient)
        if betas.count > Self.depth + 1 {
            betas.removeFirst()
            gradients.removeFirst()
        }
    }

    /// (β_acc, g_acc), or nil until K + 1 iterates are known or when UᵀU is singular.
    func extrapolate(maximumAmplification: Double) -> (beta: [Double], gradient: [Double])? {
        let k = Self.depth
        guard betas.count == k + 1 else { return nil }
        let p = betas[0].count
        var deltaBeta = [[Double]](), deltaGradient = [[Double]]()
        for t in 1...k {
            deltaBeta.append((0..<p).map { betas[t][$0] - betas[t - 1][$0] })
            deltaGradient.append((0..<p).map { gradients[t][$0] - gradients[t - 1][$0] })
        }
        var system = Matrix.zeros(k, k)
        for i in 0..<k {
            for j in i..<k {
                let value = -0.5 * (BLAS.dot(deltaBeta[i], deltaGradient[j]) + BLAS.dot(deltaBeta[j], deltaGradient[i]))
                system[i, j] = value
                system[j, i] = value
            }
        }
        guard let factor = try? Cholesky(system), let z = try? factor.solve([Double](repeating: 1, count: k)) else { return nil }
        let total = z.reduce(0, +)
        guard total.isFinite, abs(total) > 0,
              z.reduce(0, { $0 + abs($1) }) / abs(total) <= maximumAmplification else { return nil }
        var beta = [Double](repeating: 0, count: p), gradient = [Double](repeating: 0, count: p)
        for t in 0..<k {
            let c = z[t] / total
            BLAS.axpy(c, betas[t + 1], &beta)
            BLAS.axpy(c, gradients[t + 1], &gradient)
        }
        return (beta, gradient)
    }
}

/// The dual value of the best feasible rescaling s·(r, −√(nλ(1−α)w)∘β) of the augmented residual
/// of any β, from inner products: A = yᵀr/n = ‖y‖²/n − βᵀc, B = ‖r‖²/n + λ(1−α)Σwⱼβⱼ² with
/// ‖r‖²/n = A − βᵀg, s_max = minⱼ λαwⱼ/|gⱼ − λ(1−α)wⱼβⱼ|, s = clamp(A/B, 0, s_max),
/// D = sA − s²B/2 (the maximum of the concave D(s) over the feasible interval).
func scaledDualValue(beta: [Double], gradient: [Double], responseSquare: Double, responseCorrelations: [Double],
                     weights: [Double], lambda: Double, l1Ratio: Double) -> Double {
    let l1 = lambda * l1Ratio, l2 = lambda * (1 - l1Ratio)
    let a = responseSquare - BLAS.dot(beta, responseCorrelations)
    var weightedSquare = 0.0
    var sMax = Double.infinity
    for j in beta.indices {
        weightedSquare += weights[j] * beta[j] * beta[j]
        let xi = abs(gradient[j] - l2 * weights[j] * beta[j])
        if weights[j] > 0, xi > 0 { sMax = min(sMax, l1 * weights[j] / xi) }
    }
    let b = a - BLAS.dot(beta, gradient) + l2 * weightedSquare
    guard b > 0, a > 0 else { return -.infinity }
    let s = min(a / b, sMax)
    return s * a - s * s * b / 2
}
