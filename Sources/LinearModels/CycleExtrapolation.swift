/// Anderson extrapolation of coordinate-descent cycles (Bertrand & Massias 2021, "Anderson
/// acceleration of coordinate descent"; the combination is Celer's dual extrapolation's).
///
/// A cycle applies one fixed map (one sweep order) to the coefficients of its block, so its
/// iterates βₖ converge like a vector autoregressive sequence. From the last K + 1 of them
/// (k = 0…K), with U = [r₁ − r₀, …, r_K − r_{K−1}] the residual differences,
///
///     β_acc = Σₖ₌₁ᴷ cₖ βₖ,   c = z / Σ z,   (UᵀU) z = 1,
///
/// and, since Σ cₖ = 1 and the residual and gradient are affine in β, the residual and gradient at
/// β_acc are the same combinations of the recorded ones. In gradient form (the Gram settle) the
/// residuals are not kept: (UᵀU)ᵢⱼ/n = Δβᵢᵀ G Δβⱼ = −Δβᵢᵀ Δgⱼ (symmetrized); in residual form they
/// are. β_acc is only a candidate that the caller takes when it lowers the objective.
struct CycleExtrapolation {
    /// Residual differences combined (Celer's and skglm's default, as `DualExtrapolation`).
    static let depth = DualExtrapolation.depth
    /// Coordinates of the block.
    let size: Int
    /// Length of the vector recorded with β: the block's gradient (`size`) in gradient form, the
    /// residual (n) in residual form.
    let companionLength: Int
    /// In residual form (UᵀU)ᵢⱼ/n = Δrᵢᵀ Δrⱼ / n; in gradient form −½(Δβᵢᵀ Δgⱼ + Δβⱼᵀ Δgᵢ).
    let residualForm: Bool
    /// Iterates recorded since the last reset: β then its companion, oldest first.
    private var iterates: [Double] = []
    private(set) var count = 0

    /// Gradient form: β and g = X_Aᵀr/n of a block of `size` coordinates.
    init(size: Int) {
        self.init(size: size, companionLength: size, residualForm: false)
    }

    /// Residual form: β of a block of `size` coordinates and the residual (`residualLength` = n).
    init(size: Int, residualLength: Int) {
        self.init(size: size, companionLength: residualLength, residualForm: true)
    }

    private init(size: Int, companionLength: Int, residualForm: Bool) {
        (self.size, self.companionLength, self.residualForm) = (size, companionLength, residualForm)
        iterates.reserveCapacity((size + companionLength) * (Self.depth + 1))
    }

    /// Whether K + 1 iterates are recorded (the next `extrapolate` can try).
    var isFull: Bool { count == Self.depth + 1 }

    mutating func reset() {
        iterates.removeAll(keepingCapacity: true)
        count = 0
    }

    /// Records the block's coefficients and their gradient (or residual) after a pass (at most
    /// K + 1 are kept: the caller resets after each try).
    mutating func record(beta: [Double], gradient: [Double]) {
        precondition(count <= Self.depth && beta.count == size && gradient.count == companionLength)
        iterates.append(contentsOf: beta)
        iterates.append(contentsOf: gradient)
        count += 1
    }

    /// The weights c₁…c_K, or nil when UᵀU is not positive definite (to rounding) or when
    /// Σ|cₖ| exceeds `maximumAmplification` (`DualExtrapolation`).
    func weights(maximumAmplification: Double) -> [Double]? {
        let k = Self.depth, m = size, w = size + companionLength, c = companionLength
        guard count == k + 1 else { return nil }
        // Differences of consecutive iterates (i = 0…K−1), w values each, one after the other.
        var differences = [Double](repeating: 0, count: k * w)
        var system = [Double](repeating: 0, count: k * k)
        // Unsafe pointers: K(K+1)/2 dot products every K passes; with checked indexing they
        // cost about as much as the passes themselves.
        iterates.withUnsafeBufferPointer { it in
            differences.withUnsafeMutableBufferPointer { d in
                let (source, target) = (it.baseAddress!, d.baseAddress!)
                for i in 0..<k {
                    let older = source + i * w, newer = older + w, out = target + i * w
                    for a in 0..<w { out[a] = newer[a] - older[a] }
                }
                let inverseLength = 1 / Double(c)
                for i in 0..<k {
                    let betaI = target + i * w, companionI = betaI + m
                    for j in i..<k {
                        let betaJ = target + j * w, companionJ = betaJ + m
                        var sum = 0.0
                        if residualForm {
                            for a in 0..<c { sum += companionI[a] * companionJ[a] }
                            sum *= inverseLength
                        } else {
                            for a in 0..<m { sum += betaI[a] * companionJ[a] + betaJ[a] * companionI[a] }
                            sum *= -0.5
                        }
                        system[i * k + j] = sum
                        system[j * k + i] = sum
                    }
                }
            }
        }
        guard let z = Self.solveOnes(system, k) else { return nil }
        let total = z.reduce(0, +)
        guard total.isFinite, abs(total) > 0, z.reduce(0, { $0 + abs($1) }) / abs(total) <= maximumAmplification else { return nil }
        return z.map { $0 / total }
    }

    /// β_acc and g_acc (or r_acc) from `weights` (on iterates 1…K).
    func combine(_ weights: [Double]) -> (beta: [Double], gradient: [Double]) {
        let (m, w) = (size, size + companionLength)
        var beta = [Double](repeating: 0, count: m), companion = [Double](repeating: 0, count: companionLength)
        iterates.withUnsafeBufferPointer { it in
            for (t, c) in weights.enumerated() {
                let base = (t + 1) * w
                for a in 0..<m { beta[a] += c * it[base + a] }
                for a in 0..<companionLength { companion[a] += c * it[base + m + a] }
            }
        }
        return (beta, companion)
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

