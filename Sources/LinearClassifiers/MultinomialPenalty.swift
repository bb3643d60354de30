import Foundation

/// How the multinomial elastic net penalizes the K coefficients βⱼ· = (βⱼ₁, …, βⱼK) of feature j
/// (glmnet's `type.multinomial`), with wⱼ the penalty factor:
///
/// - `ungrouped`: λwⱼ Σₖ (α|βⱼₖ| + (1−α)/2 βⱼₖ²), every coefficient on its own;
/// - `grouped`: λwⱼ (α‖βⱼ·‖₂ + (1−α)/2 ‖βⱼ·‖₂²), a group lasso that keeps or drops a feature
///   for all classes at once (Simon, Friedman & Hastie 2013).
///
/// The loss is invariant under βⱼ· → βⱼ· + c·1 (the symmetric parametrization), so at the
/// optimum every βⱼ· minimizes the penalty over such shifts (`optimalShift`).
public enum MultinomialPenalty: String, Codable, Sendable, CaseIterable {
    case ungrouped, grouped

    /// The penalty of one feature's coefficients `b` (K values) with l1 = λαwⱼ, l2 = λ(1−α)wⱼ.
    @inline(__always)
    func value(_ b: UnsafeBufferPointer<Double>, l1: Double, l2: Double) -> Double {
        var absolute = 0.0, square = 0.0
        for v in b {
            absolute += abs(v)
            square += v * v
        }
        return self == .grouped ? l1 * square.squareRoot() + l2 / 2 * square : l1 * absolute + l2 / 2 * square
    }

    /// The shift c minimizing the penalty of βⱼ· + c·1 over c ∈ ℝ.
    ///
    /// Grouped (and ridge, α = 0): both ‖b + c1‖₂ and ‖b + c1‖₂² are smallest at c = −mean(b).
    /// Ungrouped: f(c) = Σₖ α|bₖ + c| + (1−α)/2 (bₖ + c)² is convex and piecewise quadratic with
    /// breakpoints aₖ = −bₖ; c is a breakpoint where 0 ∈ ∂f, or the root of the linear f′ inside
    /// an interval between breakpoints (with α = 1 any point of the median interval; its midpoint
    /// is returned).
    static func optimalShift(_ b: [Double], l1Ratio alpha: Double, grouped: Bool) -> Double {
        let k = Double(b.count)
        let total = b.reduce(0, +)
        if grouped || alpha == 0 { return -total / k }
        let points = b.map { -$0 }.sorted()
        // f′ on the open interval where `above` values of bₖ + c are positive and the rest negative.
        func slope(_ c: Double, above: Int) -> Double {
            alpha * Double(2 * above - b.count) + (1 - alpha) * (total + k * c)
        }
        if alpha == 1 {
            let m = points.count
            return m % 2 == 1 ? points[m / 2] : (points[m / 2 - 1] + points[m / 2]) / 2
        }
        // Interval (points[i−1], points[i]) has i breakpoints below c, so i terms bₖ + c > 0.
        for i in 0...points.count {
            let low = i == 0 ? -Double.infinity : points[i - 1]
            let high = i == points.count ? Double.infinity : points[i]
            let root = -(total + alpha * Double(2 * i - b.count) / (1 - alpha)) / k
            if root > low && root < high { return root }
            // At a breakpoint: the subdifferential spans the one-sided slopes.
            if i < points.count, slope(high, above: i) <= 0, slope(high, above: i + 1) >= 0 { return high }
        }
        return -total / k
    }
}
