import LinearAlgebra

/// The residual settle held back as the Gram settle is (`gramSettle`): a check on a wide design
/// costs a full product Xᵀρ/n as soon as the correlation bounds stop excluding features, so it is
/// not worth taking while the working set's own duality gap shows that it would fail.
extension CoordinateDescent {
    /// `settle`, then, while the gap of the problem restricted to `working` is above
    /// `subproblemGapFraction` of the target (and at most `subproblemTightenings` times), the sweep
    /// tolerance is tightened tenfold and the settle goes on. The restricted gap is computed from the
    /// exact correlations gⱼ = xⱼᵀr/n of the members (`restrictedGap`), kept in `known` for the check
    /// that follows, so it costs |W| column products the check would take anyway and O(n) more.
    /// Not with a box or unpenalized features (their checks certify another dual point).
    mutating func heldSettle(_ working: [Int], l1: Double, l2: Double, sweepTolerance: inout Double, passesLeft: Int) -> Int {
        var passes = settle(working, l1: l1, l2: l2, sweepTolerance: sweepTolerance, passesLeft: passesLeft)
        guard box == nil, projection == nil else { return passes }
        let target = Self.subproblemGapFraction * tolerance * design.nullObjective
        var tightenings = 0
        while passes < passesLeft, tightenings < Self.subproblemTightenings,
              restrictedGap(working, l1: l1, l2: l2) > target {
            sweepTolerance *= Self.sweepTightening
            tightenings += 1
            passes += settle(working, l1: l1, l2: l2, sweepTolerance: sweepTolerance, passesLeft: passesLeft - passes)
        }
        return passes
    }

    /// P(β) − D(θ) of the problem restricted to `working` (every non-zero βⱼ is a member; the
    /// other features held at 0), θ the rescaled residual of `ElasticNetCertificate` with
    /// s = min(1, minⱼ λαwⱼ / |gⱼ − λ(1−α)wⱼβⱼ|) over the members:
    ///
    ///     P = ‖r‖²/2n + λα Σ wⱼ|βⱼ| + λ(1−α)/2 Σ wⱼβⱼ²,   D = s·yᵀr/n − s²(‖r‖²/n + λ(1−α)Σ wⱼβⱼ²)/2.
    ///
    /// It only decides when to check (the global gap is at least this one when s ≤ yᵀr/‖r‖²,
    /// since more features can only lower s); the certificate is always the check's.
    mutating func restrictedGap(_ working: [Int], l1: Double, l2: Double) -> Double {
        let version = known.version
        let missing = working.filter { known.gradientAt[$0] != version }
        Self.exactCorrelations(design, missing, with: residual, into: &known.gradient)
        for j in missing { known.gradientAt[j] = version }
        effort.columnProducts += missing.count
        let n = design.sampleCount
        let inverseN = 1 / Double(n)
        var residualSquare = 0.0, responseDot = 0.0
        residual.withUnsafeBufferPointer { r in
            design.response.withUnsafeBufferPointer { y in
                residualSquare = BLAS.dot(n, r.baseAddress!, r.baseAddress!) * inverseN
                responseDot = BLAS.dot(n, y.baseAddress!, r.baseAddress!) * inverseN
            }
        }
        var penalty = 0.0, ridgeSquare = 0.0, scale = 1.0
        for j in working {
            let w = weights[j], b = beta[j]
            penalty += l1 * w * abs(b)
            ridgeSquare += l2 * w * b * b
            let xi = abs(known.gradient[j] - l2 * w * b)
            if xi > l1 * w { scale = min(scale, l1 * w / xi) }
        }
        let primal = residualSquare / 2 + penalty + ridgeSquare / 2
        let dual = scale * responseDot - scale * scale * (residualSquare + ridgeSquare) / 2
        return primal - dual
    }

    /// Records the cycle's pass in `history` (β on `active` and the residual) and, once it holds
    /// K + 1 iterates, tries the extrapolated point (`CycleExtrapolation`, residual form): taken
    /// when it lowers the objective, whose change over the cycle's coordinates is
    ///
    ///     ΔP = (‖r_acc‖² − ‖r‖²)/2n + Σⱼ λαwⱼ(|β_acc,ⱼ| − |βⱼ|) + ½ Σⱼ λ(1−α)wⱼ(β_acc,ⱼ² − βⱼ²)
    ///
    /// (r_acc the same combination of the recorded residuals, the residual of β_acc to rounding).
    mutating func extrapolateCycle(_ active: [Int], _ history: inout CycleExtrapolation, l1: Double, l2: Double) {
        history.record(beta: active.map { beta[$0] }, gradient: residual)
        guard history.isFull else { return }
        effort.extrapolations += 1
        defer {
            history.reset()
            history.record(beta: active.map { beta[$0] }, gradient: residual)
        }
        guard let combination = history.weights(maximumAmplification: DualExtrapolation.maximumAmplification(tolerance: tolerance))
        else { return }
        let (candidate, candidateResidual) = history.combine(combination)
        var change = (BLAS.dot(candidateResidual, candidateResidual) - BLAS.dot(residual, residual)) / (2 * Double(design.sampleCount))
        for (a, j) in active.enumerated() {
            let old = beta[j], new = candidate[a], w = weights[j]
            change += l1 * w * (abs(new) - abs(old)) + 0.5 * l2 * w * (new * new - old * old)
        }
        guard change < 0, change.isFinite else { return }
        for (a, j) in active.enumerated() { beta[j] = candidate[a] }
        residual = candidateResidual
        known.residualMoved()
        effort.extrapolationsTaken += 1
    }
}
