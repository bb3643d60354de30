import Modeling

/// The certificate of the box-constrained elastic net (coefficient limits, `CoordinateBox`).
///
/// Primal, with hⱼ(b) = λαwⱼ|b| + λ(1−α)wⱼ/2·b² + ι_[lⱼ,uⱼ](b):
///
///     P(β) = (1/2n)‖y − Xβ‖² + Σⱼ hⱼ(βⱼ).
///
/// Its Fenchel dual over θ ∈ ℝⁿ (F(z) = (1/2n)‖y − z‖² has F*(u) = uᵀy + (n/2)‖u‖², taken at
/// u = −θ/n) is
///
///     D(θ) = yᵀθ/n − ‖θ‖²/(2n) − Σⱼ hⱼ*(xⱼᵀθ/n),
///
/// hⱼ* the conjugate of `CoordinateBox` (the box's support function shifted by λαwⱼ and smoothed
/// by λ(1−α)wⱼ). At the optimum θ = r = y − Xβ*, so the dual point is the rescaled dual residual
/// θ = sρ (ρ = r, or r projected off the unpenalized columns, `UnpenalizedProjection`; those
/// columns have xⱼᵀρ = 0 and hⱼ*(0) = 0) with the largest s ≤ 1 that keeps every hⱼ*(s·xⱼᵀρ/n)
/// finite — s < 1 only for the lasso's sides without a limit (the one-sided constraint
/// s·xⱼᵀρ/n ≤ λαwⱼ when uⱼ = +∞, and ≥ −λαwⱼ when lⱼ = −∞). With ρ = r at the optimum s = 1
/// and D = P: the gap closes. This is the unaugmented dual (the ridge part is in hⱼ, not in
/// extra rows); it is (1/n)-strongly concave, so gap-safe screening's ball holds for it, and its
/// test with √(vⱼ + λ(1−α)wⱼ) ≥ √vⱼ is the more conservative one (`GapSafeScreening`):
/// |s·xⱼᵀρ/n| + √vⱼ·√(2·gap) < λαwⱼ proves β*ⱼ = 0 because hⱼ*'s maximizer at any
/// |ξ| ≤ λαwⱼ is 0, whatever the box.
///
/// Features outside the working set and the candidates have |xⱼᵀρ/n| ≤ λαwⱼ (bound or exact),
/// so their conjugate at s ≤ 1 is 0 and they do not limit s. The rounding allowance δⱼ of
/// `ElasticNetCertificate` shrinks |xⱼᵀρ/n| before s and the conjugate are taken, and the KKT
/// violation (`CoordinateBox.kktViolation`, one-sided at a limit) is reported beyond δⱼ.
extension CoordinateDescent {
    func certifyBoxed(_ members: [Int], _ candidates: [Int], box: CoordinateBox, lambda: Double,
                      passes: Int) -> (ElasticNetCertificate, Double) {
        let (l1, l2) = (lambda * l1Ratio, lambda * (1 - l1Ratio))
        var weightedL1 = 0.0, weightedSquare = 0.0, violation = 0.0, scale = 1.0
        var residualBound = (2 * design.nullObjective).squareRoot()
        for j in members { residualBound += design.meanSquares[j].squareRoot() * abs(beta[j]) }
        let rounding = Double(design.sampleCount) * Double.ulpOfOne * residualBound
        // (j, the dual correlation shrunk by its rounding allowance) for every term of Σ hⱼ*.
        var terms: [(Int, Double)] = []
        func shrunk(_ value: Double, _ delta: Double) -> Double {
            value > 0 ? max(0, value - delta) : min(0, value + delta)
        }
        for j in members {
            let w = weights[j], b = beta[j]
            let delta = roundingAllowance(rounding * design.meanSquares[j].squareRoot(), bound: l1 * w)
            weightedL1 += w * abs(b)
            weightedSquare += w * b * b
            let correlation = shrunk(known.dual[j], delta)
            terms.append((j, correlation))
            if w > 0 { scale = min(scale, box.largestScale(correlation, threshold: l1 * w, ridge: l2 * w, j)) }
            let kkt = box.kktViolation(beta: b, gradient: known.gradient[j], threshold: l1 * w, ridge: l2 * w, j)
            violation = max(violation, kkt - delta)
        }
        for j in candidates {
            let w = weights[j]
            let delta = roundingAllowance(rounding * design.meanSquares[j].squareRoot(), bound: l1 * w)
            let correlation = shrunk(known.dual[j], delta)
            terms.append((j, correlation))
            scale = min(scale, box.largestScale(correlation, threshold: l1 * w, ridge: l2 * w, j))
            violation = max(violation, box.kktViolation(beta: 0, gradient: correlation, threshold: l1 * w, ridge: l2 * w, j))
        }
        var conjugate = 0.0
        for (j, correlation) in terms where weights[j] > 0 {
            conjugate += box.conjugate(scale * correlation, threshold: l1 * weights[j], ridge: l2 * weights[j], j)
        }
        let primal = known.residualSquare / 2 + l1 * weightedL1 + l2 / 2 * weightedSquare
        let dual = scale * known.responseDotDual - scale * scale * known.dualSquare / 2 - conjugate
        let certificate = ElasticNetCertificate(primal: primal, dual: dual, nullObjective: design.nullObjective,
                                                maximumKKTViolation: violation, iterations: passes, tolerance: tolerance)
        return (certificate, scale)
    }
}
