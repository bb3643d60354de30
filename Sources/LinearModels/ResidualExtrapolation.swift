import LinearAlgebra

/// Dual extrapolation for the residual (wide) coordinate descent (Massias, Gramfort & Salmon
/// 2018, "Celer"): a dual point from the last K + 1 residuals, so the duality gap closes about as
/// fast as the primal converges instead of lagging behind it.
///
/// Coordinate descent's residuals rₖ = y − Xβₖ converge like a vector autoregressive sequence;
/// with U = [r₁ − r₀, …, r_K − r_{K−1}] and z = (UᵀU)⁻¹1, the combination
///
///     r_acc = Σₖ cₖ rₖ,   cₖ = zₖ / Σ z   (Σ cₖ = 1)
///
/// is much closer to the optimal residual than the last one. The sequence must come from one
/// fixed map: `CoordinateDescent` records the residuals of the inner cycles over the non-zero
/// coordinates, which keep one sweep order per cycle, and starts afresh with each cycle. It is only a candidate: the lasso
/// dual point is θ = s·r_acc with s ∈ [0, s_max], s_max = minⱼ λwⱼ / |xⱼᵀr_acc/n| over the
/// features not screened, which is feasible whatever r_acc is, so the gap it gives is a valid
/// bound. `CoordinateDescent.check` keeps the better of this dual value and the rescaled
/// residual's. (Residuals are n-vectors: recording them costs O(n) per pass, and the K × K
/// system O(K²n), both negligible next to a pass's O(n·|working set|).)
struct ResidualExtrapolation {
    /// Number of residual differences combined (Celer's default, as `DualExtrapolation`).
    static let depth = DualExtrapolation.depth
    private var residuals: [[Double]] = []

    /// Forgets the recorded residuals (a new λ).
    mutating func reset() {
        residuals.removeAll(keepingCapacity: true)
    }

    /// Records the residual after a pass.
    mutating func record(_ residual: [Double]) {
        residuals.append(residual)
        if residuals.count > Self.depth + 1 { residuals.removeFirst() }
    }

    /// r_acc, or nil until K + 1 residuals are recorded, when UᵀU is singular, or when the
    /// coefficients' Σ|cₖ| exceeds `maximumAmplification` (`DualExtrapolation`: combining with
    /// coefficients of both signs amplifies rounding by that factor).
    func extrapolate(maximumAmplification: Double) -> [Double]? {
        let k = Self.depth
        guard residuals.count == k + 1 else { return nil }
        let n = residuals[0].count
        var differences = [[Double]]()
        for t in 1...k {
            differences.append((0..<n).map { residuals[t][$0] - residuals[t - 1][$0] })
        }
        var system = Matrix.zeros(k, k)
        for i in 0..<k {
            for j in i..<k {
                let value = BLAS.dot(differences[i], differences[j]) / Double(n)
                system[i, j] = value
                system[j, i] = value
            }
        }
        guard let factor = try? Cholesky(system), let z = try? factor.solve([Double](repeating: 1, count: k)) else { return nil }
        let total = z.reduce(0, +)
        guard total.isFinite, abs(total) > 0,
              z.reduce(0, { $0 + abs($1) }) / abs(total) <= maximumAmplification else { return nil }
        var combined = [Double](repeating: 0, count: n)
        for t in 0..<k { BLAS.axpy(z[t] / total, residuals[t + 1], &combined) }
        return combined
    }
}
