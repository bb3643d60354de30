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

/// A fresh seeded random permutation of the coordinates for every sweep (randomized cyclic
/// coordinate descent, which does not stall on correlated designs as one fixed order can; see
/// LinearModels' `SweepOrder` for the measurements). Fixed seed: a fit is reproducible.
struct SweepOrder {
    static let seed: UInt64 = 0x5EED_C0DE
    private var generator = SeededGenerator(seed: SweepOrder.seed)

    /// Fisher–Yates; j ∈ 0...i is the high word of a 64-bit draw times i + 1 (Lemire 2019).
    mutating func shuffle(_ indices: inout [Int]) {
        var i = indices.count - 1
        while i > 0 {
            let j = Int(generator.next().multipliedFullWidth(by: UInt64(i + 1)).high)
            indices.swapAt(i, j)
            i -= 1
        }
    }
}
