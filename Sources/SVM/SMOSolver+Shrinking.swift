extension SMOSolver {
    /// Whether variable t, at a bound, cannot move at the current extremes
    /// m = `maximumUp` (max over I_up of −y∇f) and −M = `maximumLow` (max over I_low of y∇f):
    /// at its upper bound it is only in I_low, and it stays out of the working set while
    /// −yₜ∇ₜf > m; at its lower bound symmetrically while −yₜ∇ₜf < M.
    private func canShrink(_ t: Int, maximumUp: Double, maximumLow: Double) -> Bool {
        switch status[t] {
        case .atUpperBound:
            return labels[t] > 0 ? -gradient[t] > maximumUp : -gradient[t] > maximumLow
        case .atLowerBound:
            return labels[t] > 0 ? gradient[t] > maximumLow : gradient[t] > maximumUp
        case .free:
            return false
        }
    }

    /// Moves variables that can be shrunk past the end of the active prefix. The first time the
    /// violation falls within 10 × tolerance, every variable is brought back once (with its
    /// gradient rebuilt) so that no early, wrong shrinking decision survives to the end.
    func shrink() {
        if settings.workingSetRule == .sameLabel { return shrinkSameLabel() }
        var maximumUp = -Double.infinity, maximumLow = -Double.infinity
        for t in 0..<activeSize {
            if labels[t] > 0 {
                if status[t] != .atUpperBound { maximumUp = max(maximumUp, -gradient[t]) }
                if status[t] != .atLowerBound { maximumLow = max(maximumLow, gradient[t]) }
            } else {
                if status[t] != .atUpperBound { maximumLow = max(maximumLow, -gradient[t]) }
                if status[t] != .atLowerBound { maximumUp = max(maximumUp, gradient[t]) }
            }
        }
        if !hasUnshrunk, maximumUp + maximumLow <= Self.unshrinkFactor * settings.tolerance {
            hasUnshrunk = true
            reconstructGradient()
            activeSize = count
        }
        var t = 0
        while t < activeSize {
            if canShrink(t, maximumUp: maximumUp, maximumLow: maximumLow) {
                activeSize -= 1
                while activeSize > t {
                    if !canShrink(activeSize, maximumUp: maximumUp, maximumLow: maximumLow) {
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

    /// The violation, as a multiple of the tolerance, below which all variables are unshrunk
    /// once (LIBSVM's choice).
    static var unshrinkFactor: Double { 10 }

    /// Rebuilds ∇f for the shrunk variables t ≥ activeSize: ∇ₜf = Ḡₜ + pₜ + Σ_{free j} αⱼQₜⱼ.
    /// Only the free × shrunk block of Q is needed; `QMatrix.accumulateColumns` computes it block
    /// by block without storing it in the kernel cache (storing the free columns at full length
    /// would evict the columns the solver goes on reading), the terms added in j order.
    func reconstructGradient() {
        guard activeSize < count else { return }
        for t in activeSize..<count { gradient[t] = gradientAtUpperBound[t] + linearTerm[t] }
        var free: [Int] = [], weights: [Double] = []
        for j in 0..<activeSize where status[j] == .free {
            free.append(j)
            weights.append(alpha[j])
        }
        q.accumulateColumns(free, weights: weights, from: activeSize, to: count, into: gradient + activeSize)
    }

    /// ρ from the free variables (their average of yₜ∇ₜf, which the KKT conditions make equal),
    /// or the midpoint of the feasible interval when no variable is free.
    func threshold() -> Double {
        var upper = Double.infinity, lower = -Double.infinity
        var freeCount = 0, freeSum = 0.0
        for t in 0..<activeSize {
            let value = labels[t] * gradient[t]
            switch status[t] {
            case .atUpperBound:
                if labels[t] < 0 { upper = min(upper, value) } else { lower = max(lower, value) }
            case .atLowerBound:
                if labels[t] > 0 { upper = min(upper, value) } else { lower = max(lower, value) }
            case .free:
                freeCount += 1
                freeSum += value
            }
        }
        return freeCount > 0 ? freeSum / Double(freeCount) : (upper + lower) / 2
    }

    /// m(α) − M(α) over every variable (the active set must be everything).
    func maximumViolation() -> Double {
        var maximumUp = -Double.infinity, minimumLow = Double.infinity
        for t in 0..<count {
            let value = -labels[t] * gradient[t]
            let inUp = labels[t] > 0 ? status[t] != .atUpperBound : status[t] != .atLowerBound
            let inLow = labels[t] > 0 ? status[t] != .atLowerBound : status[t] != .atUpperBound
            if inUp { maximumUp = max(maximumUp, value) }
            if inLow { minimumLow = min(minimumLow, value) }
        }
        guard maximumUp > -Double.infinity, minimumLow < Double.infinity else { return 0 }
        return max(0, maximumUp - minimumLow)
    }

    /// The solution in the problem's original order.
    func makeSolution(iterations: Int, converged: Bool) -> DualSolution {
        var objective = 0.0
        for t in 0..<count { objective += alpha[t] * (gradient[t] + linearTerm[t]) }
        objective /= 2
        var originalAlpha = [Double](repeating: 0, count: count)
        var originalGradient = [Double](repeating: 0, count: count)
        for t in 0..<count {
            originalAlpha[originalIndex[t]] = alpha[t]
            originalGradient[originalIndex[t]] = gradient[t]
        }
        return DualSolution(alpha: originalAlpha, gradient: originalGradient, rho: threshold(),
                            objective: objective, maximumViolation: maximumViolation(),
                            iterations: iterations, converged: converged)
    }
}
