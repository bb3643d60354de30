/// The features a coordinate-descent solver visits at one λ: those ever non-zero (and the
/// unpenalized ones, which `everActive` marks), plus those passing the sequential strong rule
/// |gⱼ(λ_prev)| ≥ wⱼ α (2λ − λ_prev) (Tibshirani et al. 2012). The rule can be wrong, so the
/// solvers add any feature that later violates the KKT condition |gⱼ| ≤ λαwⱼ (`admit`).
struct WorkingSet {
    private(set) var members: [Int] = []
    private(set) var contains: [Bool]

    /// An empty set over `featureCount` features.
    init(featureCount: Int) {
        contains = [Bool](repeating: false, count: featureCount)
    }

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

    /// Takes out every member for which `drop` is true (features screened out at this λ).
    mutating func remove(where drop: (Int) -> Bool) {
        members.removeAll { j in
            guard drop(j) else { return false }
            contains[j] = false
            return true
        }
    }

    /// Adds feature `j` (once).
    mutating func admit(_ j: Int) {
        guard !contains[j] else { return }
        contains[j] = true
        members.append(j)
    }
}
