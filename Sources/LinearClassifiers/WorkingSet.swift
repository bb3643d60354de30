import LinearAlgebra

/// The features a logistic solver visits at one λ: those ever non-zero, plus those passing the
/// sequential strong rule |gⱼ(λ_prev)| ≥ wⱼα(2λ − λ_prev) (Tibshirani et al. 2012), g the loss
/// gradient Xᵀ(ω∘(y − p)). The rule can be wrong, so the solver admits any feature that later
/// violates the KKT condition |gⱼ| ≤ λαwⱼ (`admitViolators`). (The Gaussian solvers keep the
/// same rule in LinearModels; the families do not share internals.)
struct WorkingSet {
    private(set) var members: [Int] = []
    private(set) var contains: [Bool]

    init(gradient: [Double], weights: [Double], everActive: [Bool], l1Ratio: Double, lambda: Double, previousLambda: Double) {
        let threshold = l1Ratio * (2 * lambda - previousLambda)
        contains = [Bool](repeating: false, count: gradient.count)
        for j in gradient.indices where everActive[j] || abs(gradient[j]) >= weights[j] * threshold {
            admit(j)
        }
    }

    /// The KKT check: admits every feature outside the set with |gⱼ| > λαwⱼ (`l1` = λα) and
    /// returns them (empty when the strong rule missed nothing).
    mutating func admitViolators(gradient: [Double], weights: [Double], l1: Double) -> [Int] {
        var added: [Int] = []
        for j in gradient.indices where !contains[j] && abs(gradient[j]) > l1 * weights[j] {
            admit(j)
            added.append(j)
        }
        return added
    }

    mutating func admit(_ j: Int) {
        guard !contains[j] else { return }
        contains[j] = true
        members.append(j)
    }
}
