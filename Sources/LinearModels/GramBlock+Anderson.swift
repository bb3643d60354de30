/// Anderson acceleration of the Gram settle's inner cycles (`CycleExtrapolation`; Bertrand &
/// Massias 2021, "Anderson acceleration of coordinate descent").
///
/// An inner cycle applies one fixed map (one sweep order) to the coefficients of its block, so
/// its iterates βₖ converge like a vector autoregressive sequence. From the last K + 1 of them
/// and their gradients gₖ = X_Aᵀrₖ/n (k = 0…K),
///
///     β_acc = Σₖ₌₁ᴷ cₖ βₖ,   g_acc = Σₖ₌₁ᴷ cₖ gₖ,   c = z / Σ z,   (UᵀU) z = 1,
///
/// with U = [r₁ − r₀, …, r_K − r_{K−1}] the residual differences, whose inner products need no
/// residual: (UᵀU)ᵢⱼ/n = Δβᵢᵀ G Δβⱼ = −Δβᵢᵀ Δgⱼ. Since Σ cₖ = 1 and the gradient is affine in β,
/// g_acc is the gradient at β_acc. β_acc is only a candidate: with d = β_acc − β and
/// G d = g − g_acc, the change of the block's objective
///
///     P(β) = ‖r‖²/2n + Σₐ λαwₐ|βₐ| + ½ Σₐ λ(1−α)wₐβₐ²
///
/// is ΔP = −½ dᵀ(g + g_acc) + Σₐ λαwₐ(|β_acc,ₐ| − |βₐ|) + ½ Σₐ λ(1−α)wₐ(β_acc,ₐ² − βₐ²), O(|A|),
/// and the point is taken only when ΔP < 0 (skglm's rule). The certificate stays the check's,
/// from the exact residual: an extrapolation can change the passes, never the stopping rule.
extension GramBlock {
    /// Replaces β and g by the extrapolated point of `history` (this gathered block's own
    /// iterates) when it lowers the objective; whether it did.
    mutating func extrapolate(_ history: CycleExtrapolation, maximumAmplification: Double) -> Bool {
        precondition(gradient.count == beta.count && history.size == beta.count, "extrapolation needs a gathered block")
        guard let weights = history.weights(maximumAmplification: maximumAmplification) else { return false }
        let (candidate, candidateGradient) = history.combine(weights)
        var change = 0.0
        for a in beta.indices {
            let old = beta[a], new = candidate[a]
            change += objectiveChange(a, by: new - old, from: old, to: new, gradients: gradient[a], candidateGradient[a])
        }
        guard change < 0, change.isFinite else { return false }
        beta = candidate
        gradient = candidateGradient
        return true
    }

    /// Coordinate a's term of the block objective's change when βₐ moves by d from `old` to
    /// `new` and its gradient from g to g′ (the objective is quadratic along the move, so the loss
    /// changes by −½ d (g + g′) exactly): −½ d (g + g′) + λαwₐ(|new| − |old|) + ½ λ(1−α)wₐ(new² − old²).
    /// Shared by the extrapolation's and the face step's acceptance tests (`moveOnFace`).
    func objectiveChange(_ a: Int, by d: Double, from old: Double, to new: Double, gradients g: Double, _ gNew: Double) -> Double {
        let ridge = denominators[a] - meanSquares[a]
        return -0.5 * d * (g + gNew) + thresholds[a] * (abs(new) - abs(old)) + 0.5 * ridge * (new * new - old * old)
    }
}
