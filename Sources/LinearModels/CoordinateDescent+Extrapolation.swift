import LinearAlgebra

/// The extrapolated dual point of `CoordinateDescent` (`ResidualExtrapolation`).
extension CoordinateDescent {
    /// The dual value D = sA − s²B/2 (A = yᵀr_acc/n, B = ‖r_acc‖²/n) of θ = s·r_acc at the best
    /// feasible s = min(A/B, s_max), s_max = minⱼ λwⱼ/|xⱼᵀr_acc/n| over the features not
    /// screened; with s and the magnitudes |xⱼᵀr_acc|/n used (exact, or upper bounds from
    /// `CorrelationBounds`, either of which keeps θ feasible and screening safe).
    ///
    /// Exact O(n) products: the working set's, and those of the open features whose bound
    /// reaches λwⱼ (the only ones that could make s_max < 1); nil, rather than a full product,
    /// when more than `refreshFraction` of the features would need one. Lasso only (α = 1) and
    /// without unpenalized features (the point would need β_acc and the projection): nil otherwise.
    func extrapolatedDual(_ working: WorkingSet, open: [Bool], lambda: Double) -> (value: Double, scale: Double, correlations: [Double])? {
        guard extrapolates, box == nil, l1Ratio == 1, projection == nil, lambda > 0,
              let r = extrapolation.extrapolate(maximumAmplification: DualExtrapolation.maximumAmplification(tolerance: tolerance))
        else { return nil }
        let p = design.featureCount
        var correlations = [Double](repeating: 0, count: p)
        bounds.fill(bounds.split(r), exact: false, include: nil, into: &correlations)
        exactCorrelations(working.members, with: r, into: &correlations)
        let needed = (0..<p).filter { open[$0] && correlations[$0] > lambda * weights[$0] }
        guard Double(needed.count) <= Self.refreshFraction * Double(p) else { return nil }
        exactCorrelations(needed, with: r, into: &correlations)
        var sMax = Double.infinity
        for j in 0..<p where weights[j] > 0 && !screening.screened[j] {
            let c = abs(correlations[j])
            if c > 0 { sMax = min(sMax, lambda * weights[j] / c) }
        }
        let inverseN = 1 / Double(design.sampleCount)
        let a = BLAS.dot(design.response, r) * inverseN, b = BLAS.dot(r, r) * inverseN
        guard a > 0, b > 0, sMax > 0 else { return nil }
        let s = min(a / b, sMax)
        return (s * a - s * s * b / 2, s, correlations)
    }
}
