/// Anderson acceleration of the Gram settle's inner cycles (Bertrand & Massias 2021, "Anderson
/// acceleration of coordinate descent"; in residual form, as Celer's dual extrapolation).
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
struct CycleExtrapolation {
    /// Residual differences combined (Celer's and skglm's default, as `DualExtrapolation`).
    static let depth = DualExtrapolation.depth
    /// Coordinates of the block.
    let size: Int
    /// Iterates recorded since the last reset: β then g, `2 · size` values each, oldest first.
    private var iterates: [Double] = []
    private(set) var count = 0

    init(size: Int) {
        self.size = size
        iterates.reserveCapacity(2 * size * (Self.depth + 1))
    }

    /// Whether K + 1 iterates are recorded (the next `extrapolate` can try).
    var isFull: Bool { count == Self.depth + 1 }

    mutating func reset() {
        iterates.removeAll(keepingCapacity: true)
        count = 0
    }

    /// Records the block's coefficients and gradients after a pass (at most K + 1 are kept: the
    /// caller resets after each try).
    mutating func record(beta: [Double], gradient: [Double]) {
        precondition(count <= Self.depth && beta.count == size && gradient.count == size)
        iterates.append(contentsOf: beta)
        iterates.append(contentsOf: gradient)
        count += 1
    }

    /// The weights c₁…c_K, or nil when UᵀU is not positive definite (to rounding) or when
    /// Σ|cₖ| exceeds `maximumAmplification` (`DualExtrapolation`).
    func weights(maximumAmplification: Double) -> [Double]? {
        let k = Self.depth, m = size
        guard count == k + 1 else { return nil }
        // Δβᵢ and Δgᵢ (i = 0…K−1), m values each, one after the other.
        var differences = [Double](repeating: 0, count: 2 * k * m)
        var system = [Double](repeating: 0, count: k * k)
        // Unsafe pointers: K(K+1)/2 dot products of length |A| every K passes; with checked
        // indexing they cost about as much as the passes themselves.
        iterates.withUnsafeBufferPointer { it in
            differences.withUnsafeMutableBufferPointer { d in
                let (source, target) = (it.baseAddress!, d.baseAddress!)
                for i in 0..<k {
                    let older = source + i * 2 * m, newer = older + 2 * m, out = target + i * 2 * m
                    for a in 0..<(2 * m) { out[a] = newer[a] - older[a] }
                }
                for i in 0..<k {
                    let betaI = target + i * 2 * m, gradientI = betaI + m
                    for j in i..<k {
                        let betaJ = target + j * 2 * m, gradientJ = betaJ + m
                        var sum = 0.0
                        for a in 0..<m { sum += betaI[a] * gradientJ[a] + betaJ[a] * gradientI[a] }
                        system[i * k + j] = -0.5 * sum
                        system[j * k + i] = -0.5 * sum
                    }
                }
            }
        }
        guard let z = Self.solveOnes(system, k) else { return nil }
        let total = z.reduce(0, +)
        guard total.isFinite, abs(total) > 0, z.reduce(0, { $0 + abs($1) }) / abs(total) <= maximumAmplification else { return nil }
        return z.map { $0 / total }
    }

    /// β_acc and g_acc from `weights` (on iterates 1…K).
    func combine(_ weights: [Double]) -> (beta: [Double], gradient: [Double]) {
        let m = size
        var beta = [Double](repeating: 0, count: m), gradient = [Double](repeating: 0, count: m)
        iterates.withUnsafeBufferPointer { it in
            for (t, c) in weights.enumerated() {
                let base = (t + 1) * 2 * m
                for a in 0..<m {
                    beta[a] += c * it[base + a]
                    gradient[a] += c * it[base + m + a]
                }
            }
        }
        return (beta, gradient)
    }

    /// z with S z = 1 for the symmetric k × k matrix S (row-major) by Cholesky, nil when S is not
    /// positive definite to rounding (a pivot at most k·ε times the largest diagonal entry).
    static func solveOnes(_ s: [Double], _ k: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: k * k)
        let largest = (0..<k).map { s[$0 * k + $0] }.max() ?? 0
        guard largest > 0, largest.isFinite else { return nil }
        let floor = Double(k) * Double.ulpOfOne * largest
        for i in 0..<k {
            for j in 0...i {
                var sum = s[i * k + j]
                for t in 0..<j { sum -= l[i * k + t] * l[j * k + t] }
                if i == j {
                    guard sum > floor else { return nil }
                    l[i * k + i] = sum.squareRoot()
                } else {
                    l[i * k + j] = sum / l[j * k + j]
                }
            }
        }
        // L y = 1, then Lᵀ z = y.
        var y = [Double](repeating: 1, count: k)
        for i in 0..<k {
            for t in 0..<i { y[i] -= l[i * k + t] * y[t] }
            y[i] /= l[i * k + i]
        }
        for i in stride(from: k - 1, through: 0, by: -1) {
            for t in (i + 1)..<k { y[i] -= l[t * k + i] * y[t] }
            y[i] /= l[i * k + i]
        }
        return y
    }
}

extension GramBlock {
    /// Replaces β and g by the extrapolated point of `history` (this gathered block's own
    /// iterates) when it lowers the objective; whether it did.
    mutating func extrapolate(_ history: CycleExtrapolation, maximumAmplification: Double) -> Bool {
        precondition(gradient.count == beta.count && history.size == beta.count, "extrapolation needs a gathered block")
        guard let weights = history.weights(maximumAmplification: maximumAmplification) else { return false }
        let (candidate, candidateGradient) = history.combine(weights)
        var change = 0.0
        for a in beta.indices {
            let old = beta[a], new = candidate[a], d = new - old
            let ridge = denominators[a] - meanSquares[a]
            change += -0.5 * d * (gradient[a] + candidateGradient[a]) + thresholds[a] * (abs(new) - abs(old))
                + 0.5 * ridge * (new * new - old * old)
        }
        guard change < 0, change.isFinite else { return false }
        beta = candidate
        gradient = candidateGradient
        return true
    }
}
