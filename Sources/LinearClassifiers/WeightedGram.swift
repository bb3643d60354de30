import LinearAlgebra

/// The weighted Gram block of a working set W = (j₁, …, j_m) at one Newton step,
///
///     G_ab = Σᵢ vᵢ xᵢⱼₐ xᵢⱼ_b   (a, b ∈ 0..<m),
///
/// filled one column at a time, when the coordinate of that column first moves: column b costs
/// one n-vector v∘x_{j_b} and one dot product per row a whose column is not filled yet (the
/// entries of filled columns are copied by symmetry). The coordinate descent of
/// `BinomialSolver`'s covariance form (`BinomialSolver+Covariance`) reads column b to update the
/// whole working-set gradient after coordinate j_b moves, |W| operations instead of n.
///
/// Storage: one flat m × m buffer, column-major (column b at `b * m`); only filled columns are
/// meaningful.
struct WeightedGram {
    let members: [Int]
    let sampleCount: Int
    private(set) var entries: [Double]
    private(set) var filled: [Bool]
    private var scratch: [Double]

    init(members: [Int], sampleCount: Int) {
        self.members = members
        self.sampleCount = sampleCount
        let m = members.count
        entries = [Double](repeating: 0, count: m * m)
        filled = [Bool](repeating: false, count: m)
        scratch = [Double](repeating: 0, count: sampleCount)
    }

    /// G_bb, the curvature hⱼ = Σ vᵢxᵢⱼ² of position b (its column must be filled).
    @inline(__always) func diagonal(_ b: Int) -> Double { entries[b * members.count + b] }

    /// Fills column b from the column-major design `x` (n rows per column) and weights v.
    mutating func fill(_ b: Int, columns x: UnsafePointer<Double>, weights v: UnsafePointer<Double>) {
        guard !filled[b] else { return }
        let n = sampleCount, m = members.count
        let column = x + members[b] * n
        scratch.withUnsafeMutableBufferPointer { s in
            for i in 0..<n { s[i] = v[i] * column[i] }
            entries.withUnsafeMutableBufferPointer { g in
                for a in 0..<m {
                    g[b * m + a] = filled[a] ? g[a * m + b] : BLAS.dot(n, x + members[a] * n, s.baseAddress!)
                }
            }
        }
        filled[b] = true
    }
}
