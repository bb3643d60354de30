/// Which pairs of variables `SMOSolver` may update together.
enum WorkingSetRule: Sendable {
    /// Any pair: the problem has the one equality constraint yᵀα = Δ.
    case standard
    /// Only pairs with the same label: the problem of the ν formulations (ν-SVC, ν-SVR), whose
    /// dual has a second equality constraint,
    ///
    ///     min ½αᵀQα + pᵀα  s.t.  Σ_{yₜ=+1} αₜ = Δ₊,  Σ_{yₜ=−1} αₜ = Δ₋,  0 ≤ αₜ ≤ Cₜ
    ///
    /// (yᵀα and eᵀα fixed, equivalently). A step along (−1, +1) in two variables of the same
    /// label keeps both sums, so the two-variable update of `SMOSolver.updatePair` applies
    /// unchanged; only the selection, the shrinking test and the optimality condition change
    /// (Chang & Lin, "Training ν-support vector classifiers", Neural Computation 13, 2001;
    /// LIBSVM's `Solver_NU`).
    case sameLabel
}

/// The KKT conditions of the same-label problem, per label s = ±1: with
/// I_up^s = {t : yₜ = s, yₜ = +1 ⇒ αₜ < Cₜ, yₜ = −1 ⇒ αₜ > 0} and I_low^s likewise,
/// mₛ = max_{I_up^s} −yₜ∇ₜf and Mₛ = min_{I_low^s} −yₜ∇ₜf. α is optimal iff mₛ ≤ Mₛ for both
/// labels (each label has its own multiplier); the violation is max(m₊ − M₊, m₋ − M₋).
extension SMOSolver {
    /// Fan, Chen & Lin's second-order selection restricted to same-label pairs: i₊ maximizes
    /// −∇ₜf over I_up⁺ and i₋ maximizes ∇ₜf over I_up⁻; j minimizes −b²/a over both labels,
    /// where b and a are taken with the i of j's label, and i is then that i. Nil when the
    /// violation max(m₊ − M₊, m₋ − M₋) is below the tolerance.
    func selectSameLabelWorkingSet() -> (Int, Int)? {
        var maximumUpPositive = -Double.infinity, maximumUpNegative = -Double.infinity
        var upPositive = -1, upNegative = -1
        for t in 0..<activeSize {
            if labels[t] > 0 {
                if status[t] != .atUpperBound, -gradient[t] >= maximumUpPositive { maximumUpPositive = -gradient[t]; upPositive = t }
            } else {
                if status[t] != .atLowerBound, gradient[t] >= maximumUpNegative { maximumUpNegative = gradient[t]; upNegative = t }
            }
        }
        // Two columns held at once: QMatrix keeps the last two valid.
        let columnPositive: UnsafePointer<Float>? = upPositive >= 0 ? q.column(upPositive, length: activeSize) : nil
        let columnNegative: UnsafePointer<Float>? = upNegative >= 0 ? q.column(upNegative, length: activeSize) : nil
        var maximumLowPositive = -Double.infinity, maximumLowNegative = -Double.infinity
        var selected = -1
        var bestDecrease = Double.infinity
        let g = gradient, s = status, d = diagonal
        for t in 0..<activeSize {
            let gradientDifference: Double
            let column: UnsafePointer<Float>?
            let partner: Int
            if labels[t] > 0 {
                guard s[t] != .atLowerBound else { continue }
                maximumLowPositive = max(maximumLowPositive, g[t])
                gradientDifference = maximumUpPositive + g[t]
                column = columnPositive
                partner = upPositive
            } else {
                guard s[t] != .atUpperBound else { continue }
                maximumLowNegative = max(maximumLowNegative, -g[t])
                gradientDifference = maximumUpNegative - g[t]
                column = columnNegative
                partner = upNegative
            }
            guard gradientDifference > 0, let column else { continue }
            var curvature = d[partner] + d[t] - 2 * Double(column[t])
            if curvature <= 0 { curvature = Self.curvatureFloor }
            let decrease = -(gradientDifference * gradientDifference) / curvature
            if decrease <= bestDecrease { bestDecrease = decrease; selected = t }
        }
        lastViolation = max(maximumUpPositive + maximumLowPositive, maximumUpNegative + maximumLowNegative)
        if lastViolation < settings.tolerance || selected == -1 { return nil }
        return (labels[selected] > 0 ? upPositive : upNegative, selected)
    }

    /// Shrinking with the per-label extremes: a variable at a bound leaves the active set while
    /// its −yₜ∇ₜf is beyond the extreme of its own label's other set (as `shrink`, label by
    /// label). The one-time unshrink happens when the same-label violation is within
    /// `unshrinkFactor` × tolerance.
    func shrinkSameLabel() {
        // up₊ = max −∇f over I_up⁺, low₊ = max ∇f over I_low⁺, up₋ = max ∇f over I_up⁻,
        // low₋ = max −∇f over I_low⁻.
        var upPositive = -Double.infinity, lowPositive = -Double.infinity
        var upNegative = -Double.infinity, lowNegative = -Double.infinity
        for t in 0..<activeSize {
            if labels[t] > 0 {
                if status[t] != .atUpperBound { upPositive = max(upPositive, -gradient[t]) }
                if status[t] != .atLowerBound { lowPositive = max(lowPositive, gradient[t]) }
            } else {
                if status[t] != .atLowerBound { upNegative = max(upNegative, gradient[t]) }
                if status[t] != .atUpperBound { lowNegative = max(lowNegative, -gradient[t]) }
            }
        }
        if !hasUnshrunk, max(upPositive + lowPositive, upNegative + lowNegative) <= Self.unshrinkFactor * settings.tolerance {
            hasUnshrunk = true
            reconstructGradient()
            activeSize = count
        }
        func canShrink(_ t: Int) -> Bool {
            switch status[t] {
            case .atUpperBound: return labels[t] > 0 ? -gradient[t] > upPositive : -gradient[t] > lowNegative
            case .atLowerBound: return labels[t] > 0 ? gradient[t] > lowPositive : gradient[t] > upNegative
            case .free: return false
            }
        }
        var t = 0
        while t < activeSize {
            if canShrink(t) {
                activeSize -= 1
                while activeSize > t {
                    if !canShrink(activeSize) {
                        swapVariables(t, activeSize)
                        break
                    }
                    activeSize -= 1
                }
            }
            t += 1
        }
        flushPendingSwaps()
        q.activePrefixShrank(to: activeSize)
    }
}

/// What the ν formulations read off a same-label solution (in the problem's order).
struct SameLabelThresholds {
    /// ρ = (r₊ − r₋)/2: the decision function is Σ yₜαₜK(xₜ, x) − ρ.
    var rho: Double
    /// r = (r₊ + r₋)/2: the margin ρ' of ν-SVC (the solution is rescaled by 1/r), and −ε of ν-SVR.
    var r: Double
    /// max(m₊ − M₊, m₋ − M₋) ≥ 0.
    var maximumViolation: Double

    /// r₊ is the average of ∇ₜf over the free variables with yₜ = +1 (the KKT conditions make
    /// them equal), or, with none free, the midpoint of the interval the bounded ones allow
    /// (∇ₜf ≤ r₊ at the upper bound, ≥ r₊ at the lower bound); r₋ likewise over yₜ = −1, with
    /// ∇ₜf in place of −yₜ∇ₜf (LIBSVM's `Solver_NU::calculate_rho`).
    init(_ solution: DualSolution, labels: [Double], upperBounds: [Double]) {
        var sums = [0.0, 0.0], freeCounts = [0, 0]
        var upper = [Double.infinity, Double.infinity], lower = [-Double.infinity, -Double.infinity]
        var up = [-Double.infinity, -Double.infinity], low = [Double.infinity, Double.infinity]
        for t in labels.indices {
            let side = labels[t] > 0 ? 0 : 1
            let g = solution.gradient[t], a = solution.alpha[t]
            if a >= upperBounds[t] {
                lower[side] = max(lower[side], g)
            } else if a <= 0 {
                upper[side] = min(upper[side], g)
            } else {
                sums[side] += g
                freeCounts[side] += 1
            }
            let value = -labels[t] * g
            let inUp = labels[t] > 0 ? a < upperBounds[t] : a > 0
            let inLow = labels[t] > 0 ? a > 0 : a < upperBounds[t]
            if inUp { up[side] = max(up[side], value) }
            if inLow { low[side] = min(low[side], value) }
        }
        let r = (0..<2).map { freeCounts[$0] > 0 ? sums[$0] / Double(freeCounts[$0]) : (upper[$0] + lower[$0]) / 2 }
        rho = (r[0] - r[1]) / 2
        self.r = (r[0] + r[1]) / 2
        let violations = (0..<2).map { up[$0] > -Double.infinity && low[$0] < Double.infinity ? max(0, up[$0] - low[$0]) : 0 }
        maximumViolation = max(violations[0], violations[1])
    }
}
