import Foundation
import Modeling

/// Coefficient limits (`CoordinateBox`, lⱼ ≤ βⱼₖ ≤ uⱼ for every class k, on the solver's scale)
/// and the symmetric parametrization's shift.
///
/// The loss depends on βⱼ· only up to a common shift βⱼ· + c·1, so `normalize` moves each row by
/// the c that minimizes its penalty (`MultinomialPenalty.optimalShift`, glmnet's `elc`). Under
/// limits the shifted row must stay in the box: c ∈ [lⱼ − minₖ βⱼₖ, uⱼ − maxₖ βⱼₖ] (an interval
/// containing 0 when the row is in the box). The penalty is convex in c, so its minimizer over
/// the interval is the unconstrained one clamped to it — what glmnet 4.1.6's `elc` returns too
/// (its last line clamps the shift to the same interval). For the non-negative lasso the clamp
/// makes every row's smallest coefficient 0. An unpenalized feature (wⱼ = 0) has no penalty to
/// minimize; its row is centred to mean 0, as glmnet does.
///
/// The coordinate update is the clamped soft-threshold, βⱼₖ ← clamp(S(zⱼₖ, λαwⱼ)/(hⱼₖ + λ(1−α)wⱼ), lⱼ, uⱼ),
/// the exact minimizer of the quadratic model along βⱼₖ in the box; the line search moves along
/// a segment between two points of the box. The certificate uses the box's conjugate
/// (`LogisticCertificate.multinomial`). Limits are for the ungrouped penalty only (the grouped
/// coordinate update is a group soft-threshold of K coefficients, whose restriction to a box is
/// no longer closed-form) and not on unpenalized features; `MultinomialPath` refuses both.
extension MultinomialSolver {
    /// Whether the face Newton steps (`faceNewtonStep`) and the secant warm start (`predict`)
    /// may run: without limits, or when every finite limit is 0 (sign constraints such as the
    /// non-negative lasso). Both keep the sign of every non-zero coefficient and stop a
    /// coefficient at 0 rather than carry it across, so a coefficient with its allowed sign stays
    /// in [0, ∞) or (−∞, 0]; a limit away from 0 they would not see, so they are skipped then.
    var sidesOnlyAtZero: Bool {
        guard let box else { return true }
        return box.lower.allSatisfy { $0 == 0 || $0 == -.infinity } && box.upper.allSatisfy { $0 == 0 || $0 == .infinity }
    }

    /// The shift c that `normalize` adds to row j (`row` = βⱼ·), as the extension says.
    func symmetricShift(_ row: [Double], feature j: Int) -> Double {
        let k = Double(row.count)
        var c = penaltyFactors[j] == 0 ? -row.reduce(0, +) / k
            : MultinomialPenalty.optimalShift(row, l1Ratio: l1Ratio, grouped: penalty == .grouped)
        if let box {
            let low = box.lower[j] - (row.min() ?? 0), high = box.upper[j] - (row.max() ?? 0)
            c = max(low, min(high, c))
        }
        return c
    }
}
