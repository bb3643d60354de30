import Foundation
import Modeling

/// The multinomial loss, probabilities and entropy, without overflow. Arrays indexed by class
/// and row are class-major: entry (i, k) at `k*n + i`.
enum MultinomialFunctions {
    /// Every pᵢₖ = e^{ηᵢₖ}/Σₗ e^{ηᵢₗ} and the loss Σᵢ ωᵢ [log Σₖ e^{ηᵢₖ} − ηᵢ,yᵢ], computed afresh
    /// (`SoftmaxPoint(eta:…)`: the largest ηᵢₖ subtracted first).
    static func evaluate(eta: [Double], labels: [Int], weights: [Double], classes k: Int) -> (loss: Double, probability: [Double]) {
        let point = SoftmaxPoint(eta: eta, labels: labels, weights: weights, classes: k)
        return (point.loss, point.probability)
    }

    /// The class priors πₖ = Σ ωᵢ 1[yᵢ = k].
    static func priors(labels: [Int], weights: [Double], classes k: Int) -> [Double] {
        var pi = [Double](repeating: 0, count: k)
        for i in labels.indices { pi[labels[i]] += weights[i] }
        return pi
    }

    /// L₀: the null model's loss, −Σ πₖ log πₖ with intercepts (ηᵢₖ = log πₖ), log K without (η = 0).
    static func nullLoss(priors: [Double], fitIntercept: Bool) -> Double {
        fitIntercept ? -priors.reduce(0) { $0 + ($1 > 0 ? $1 * log($1) : 0) } : log(Double(priors.count))
    }
}

extension LogisticCertificate {
    /// The certificate of a multinomial fit (standardized scale).
    ///
    /// Primal, with Yᵢₖ = 1[yᵢ = k], ηᵢ· = b + Bᵀxᵢ and Ω the penalty (`MultinomialPenalty`):
    ///
    ///     P(b, B) = Σᵢ ωᵢ [log Σₖ e^{ηᵢₖ} − ηᵢ,yᵢ] + Σⱼ Ωⱼ(βⱼ·).
    ///
    /// The conjugate of the log-partition is the negative entropy on the simplex,
    /// A*(μ) = Σₖ μₖ log μₖ, so the Fenchel dual in the residual θ (θ = Y − P at the optimum),
    /// with Cⱼₖ = Σᵢ ωᵢxᵢⱼθᵢₖ, is
    ///
    ///     D(θ) = −Σᵢ ωᵢ A*(Yᵢ − θᵢ) − Σⱼ Ωⱼ*(Cⱼ·),
    ///     Ωⱼ*(c) = Σₖ (|cₖ| − λαwⱼ)₊² / (2λ(1−α)wⱼ)     (ungrouped),
    ///     Ωⱼ*(c) = (‖c‖₂ − λαwⱼ)₊² / (2λ(1−α)wⱼ)         (grouped),
    ///
    /// subject to Yᵢ − θᵢ in the simplex, Σᵢ ωᵢθᵢₖ = 0 for every k (with intercepts) and, for the
    /// lasso (λ(1−α)wⱼ = 0), |Cⱼₖ| ≤ λαwⱼ (ungrouped) or ‖Cⱼ·‖₂ ≤ λαwⱼ (grouped).
    ///
    /// The feasible point: θ = Y − P; with intercepts, each class column is shifted by its
    /// weighted mean mₖ (Σₖ mₖ = 0, so rows still sum to 0) when every Pᵢₖ + mₖ stays in [0, 1];
    /// otherwise Yᵢ − θᵢ is replaced by μᵢ = (1−s)(Pᵢ + m) + sπ, the smallest s ∈ [0, 1] making it
    /// non-negative (its weighted mean is π, as required, for every s). Then θ ← tθ with
    /// t = min(1, λαwⱼ/|Cⱼₖ|) (or /‖Cⱼ·‖₂) over the lasso features: Y − tθ is a convex
    /// combination of Y and Y − θ, so it stays in the simplex.
    ///
    /// With coefficient limits (`box`, ungrouped) the penalty of βⱼₖ gains the indicator of
    /// [lⱼ, uⱼ] and Ωⱼ*(c) becomes Σₖ hⱼ*(cₖ) with the box's conjugate (`CoordinateBox.conjugate`,
    /// finite except on a lasso side without a limit, where the rescaling t enforces the one-sided
    /// constraint, `CoordinateBox.largestScale`); the KKT violation at a limit is one-sided. With
    /// features of penalty factor 0 (`unpenalized`) their constraints are the equalities Cⱼₖ = 0
    /// for every k: the intercepts' and theirs are met by the Newton correction of the block
    /// (`MultinomialUnpenalizedBlock.dualPoint`) instead of the shift above, the rescaling keeps
    /// them (they are linear), and while the corrected point is infeasible the gap is +∞.
    ///
    /// `beta` and `gradient` are p × K (feature-major, entry (j, k) at `j*K + k`); `gradient` is
    /// Xᵀ(ω∘(Y − P)) at `eta` (class-major). KKT violation: per coefficient as the binomial
    /// (ungrouped), per feature with norms (grouped), and maxₖ |mₖ| for the intercepts.
    static func multinomial(beta: [Double], eta: [Double], labels: [Int], classes k: Int, gradient: [Double],
                            design: ClassificationDesign, penaltyFactors w: [Double], lambda: Double, l1Ratio: Double,
                            penalty: MultinomialPenalty, fitIntercept: Bool, priors: [Double], nullLoss: Double,
                            passes: Int, tolerance: Double, box: CoordinateBox? = nil,
                            unpenalized: [Int] = []) -> LogisticCertificate {
        let n = labels.count, p = design.featureCount
        let omega = design.weights
        let (loss, probability) = MultinomialFunctions.evaluate(eta: eta, labels: labels, weights: omega, classes: k)
        // μ = Y − θ, class-major.
        var mu = probability
        var means = [Double](repeating: 0, count: k)
        for c in 0..<k {
            var m = 0.0
            for i in 0..<n where omega[i] > 0 { m += omega[i] * ((labels[i] == c ? 1 : 0) - probability[c * n + i]) }
            means[c] = m
        }
        var scores = gradient   // C, p × K
        if !unpenalized.isEmpty {
            // The equalities of the intercepts and of the unpenalized features, by the Newton
            // correction (`MultinomialUnpenalizedBlock`); +∞ gap while that point is infeasible.
            guard let corrected = MultinomialUnpenalizedBlock.dualPoint(probability: probability, labels: labels, classes: k,
                                                                        design: design, features: unpenalized,
                                                                        fitIntercept: fitIntercept) else {
                var penaltyTotal = 0.0
                beta.withUnsafeBufferPointer { b in
                    for j in 0..<p {
                        let row = UnsafeBufferPointer(rebasing: b[(j * k)..<(j * k + k)])
                        penaltyTotal += penalty.value(row, l1: lambda * l1Ratio * w[j], l2: lambda * (1 - l1Ratio) * w[j])
                    }
                }
                return LogisticCertificate(primalObjective: loss + penaltyTotal, dualObjective: -.infinity, dualityGap: .infinity,
                                           relativeGap: .infinity, maximumKKTViolation: gradient.reduce(0) { max($0, abs($1)) },
                                           iterations: passes, tolerance: tolerance)
            }
            mu = corrected
            for c in 0..<k {
                let v = (0..<n).map { omega[$0] * ((labels[$0] == c ? 1 : 0) - mu[c * n + $0]) }
                let column = design.transposeTimes(v)
                for j in 0..<p { scores[j * k + c] = column[j] }
            }
        } else if fitIntercept && means.contains(where: { $0 != 0 }) {
            var shiftable = true
            for c in 0..<k where shiftable {
                for i in 0..<n where omega[i] > 0 {
                    let value = probability[c * n + i] + means[c]
                    if value < 0 || value > 1 { shiftable = false; break }
                }
            }
            if shiftable {
                for c in 0..<k {
                    for i in 0..<n { mu[c * n + i] += means[c] }
                    for j in 0..<p { scores[j * k + c] -= means[c] * design.weightedColumnSums[j] }
                }
            } else {
                var s = 0.0
                for c in 0..<k {
                    for i in 0..<n where omega[i] > 0 {
                        let value = probability[c * n + i] + means[c]
                        if value < 0 { s = max(s, -value / (priors[c] - value)) }
                    }
                }
                for c in 0..<k {
                    for i in 0..<n { mu[c * n + i] = (1 - s) * (probability[c * n + i] + means[c]) + s * priors[c] }
                    var v = [Double](repeating: 0, count: n)
                    for i in 0..<n { v[i] = omega[i] * ((labels[i] == c ? 1 : 0) - mu[c * n + i]) }
                    let column = design.transposeTimes(v)
                    for j in 0..<p { scores[j * k + c] = column[j] }
                }
            }
        }
        let l1 = lambda * l1Ratio, l2 = lambda * (1 - l1Ratio)
        var scale = 1.0
        var violation = fitIntercept ? means.map(abs).max() ?? 0 : 0
        var penaltyTotal = 0.0, conjugate = 0.0
        beta.withUnsafeBufferPointer { b in
            for j in 0..<p {
                let row = UnsafeBufferPointer(rebasing: b[(j * k)..<(j * k + k)])
                penaltyTotal += penalty.value(row, l1: l1 * w[j], l2: l2 * w[j])
                let t = l1 * w[j]
                switch penalty {
                case .ungrouped:
                    for c in 0..<k {
                        if w[j] == 0 {
                            // Unpenalized: Cⱼₖ = 0 by the correction; the KKT condition is gⱼₖ = 0.
                            violation = max(violation, abs(gradient[j * k + c]))
                            continue
                        }
                        if let box {
                            scale = min(scale, box.largestScale(scores[j * k + c], threshold: t, ridge: l2 * w[j], j))
                            violation = max(violation, box.kktViolation(beta: row[c], gradient: gradient[j * k + c], threshold: t,
                                                                        ridge: l2 * w[j], j))
                            continue
                        }
                        let score = abs(scores[j * k + c])
                        if l2 * w[j] == 0, score > t { scale = min(scale, t / score) }
                        let value = row[c]
                        let xi = gradient[j * k + c] - l2 * w[j] * value
                        violation = max(violation, value == 0 ? max(0, abs(xi) - t) : abs(xi - t * (value > 0 ? 1 : -1)))
                    }
                case .grouped:
                    var norm = 0.0, betaNorm = 0.0
                    for c in 0..<k {
                        norm += scores[j * k + c] * scores[j * k + c]
                        betaNorm += row[c] * row[c]
                    }
                    norm = norm.squareRoot()
                    betaNorm = betaNorm.squareRoot()
                    if w[j] > 0, l2 * w[j] == 0, norm > t { scale = min(scale, t / norm) }
                    var residual = 0.0
                    for c in 0..<k {
                        let xi = gradient[j * k + c] - l2 * w[j] * row[c]
                        let r = betaNorm == 0 ? xi : xi - t * row[c] / betaNorm
                        residual += r * r
                    }
                    residual = residual.squareRoot()
                    violation = max(violation, betaNorm == 0 ? max(0, residual - t) : residual)
                }
            }
        }
        if let box {
            for j in 0..<p where w[j] > 0 {
                for c in 0..<k { conjugate += box.conjugate(scale * scores[j * k + c], threshold: l1 * w[j], ridge: l2 * w[j], j) }
            }
        } else if l2 > 0 {
            for j in 0..<p where w[j] > 0 {
                let t = l1 * w[j], d = 2 * l2 * w[j]
                switch penalty {
                case .ungrouped:
                    for c in 0..<k {
                        let excess = max(0, scale * abs(scores[j * k + c]) - t)
                        conjugate += excess * excess / d
                    }
                case .grouped:
                    var norm = 0.0
                    for c in 0..<k { norm += scores[j * k + c] * scores[j * k + c] }
                    let excess = max(0, scale * norm.squareRoot() - t)
                    conjugate += excess * excess / d
                }
            }
        }
        var entropy = 0.0
        for c in 0..<k {
            for i in 0..<n where omega[i] > 0 {
                let y = labels[i] == c ? 1.0 : 0.0
                let value = y - scale * (y - mu[c * n + i])
                if value > 0 { entropy += omega[i] * value * log(value) }
            }
        }
        let primal = loss + penaltyTotal
        let dual = -entropy - conjugate
        let gap = max(0, primal - dual)
        return LogisticCertificate(primalObjective: primal, dualObjective: dual, dualityGap: gap, relativeGap: gap / nullLoss,
                                   maximumKKTViolation: violation, iterations: passes, tolerance: tolerance)
    }
}
