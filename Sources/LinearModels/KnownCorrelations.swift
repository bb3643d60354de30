/// What the coordinate-descent checks know of the correlations at the current residual, so a
/// check that follows another without a move of β (the first check at a new λ) recomputes
/// nothing, and one after a move recomputes only what it needs.
///
/// Per feature: gⱼ = xⱼᵀr/n exactly (working-set features, where `gradientAt[j]` is the current
/// version), and xⱼᵀρ/n for the dual residual ρ (`dual[j]`), exact where `dualAt[j]` is the
/// current version, else an upper bound on its magnitude from `CorrelationBounds` (valid when
/// `boundsAt` is the current version). The version increases whenever the residual moves.
struct KnownCorrelations {
    private(set) var version = 0
    var gradient: [Double]
    var gradientAt: [Int]
    var dual: [Double]
    var dualAt: [Int]
    /// The version at which every `dual[j]` was last set to at least a bound, and ρ computed.
    var boundsAt = -1
    /// ρ (the residual, or its projection off the unpenalized columns) and its inner products
    /// ‖r‖²/n, ‖ρ‖²/n, yᵀρ/n, at version `boundsAt`.
    var dualResidual: [Double] = []
    var residualSquare = 0.0
    var dualSquare = 0.0
    var responseDotDual = 0.0

    init(featureCount p: Int) {
        gradient = [Double](repeating: 0, count: p)
        gradientAt = [Int](repeating: -1, count: p)
        dual = [Double](repeating: 0, count: p)
        dualAt = [Int](repeating: -1, count: p)
    }

    /// β moved: nothing known is current any more.
    mutating func residualMoved() { version += 1 }

    /// dual[j] ← values[j], exact at the current version, for every j not exact yet with neither
    /// skip[j] nor skipAlso[j] (one pass over all p without per-element copy-on-write checks).
    mutating func setExact(_ values: [Double], skipping skip: [Bool], _ skipAlso: [Bool]) {
        let current = version
        values.withUnsafeBufferPointer { v in
            dual.withUnsafeMutableBufferPointer { d in
                dualAt.withUnsafeMutableBufferPointer { at in
                    for j in 0..<v.count where at[j] != current && !skip[j] && !skipAlso[j] {
                        d[j] = v[j]
                        at[j] = current
                    }
                }
            }
        }
    }

    /// Whether `dual[j]` is exact at the current residual.
    @inline(__always)
    func isExact(_ j: Int) -> Bool { dualAt[j] == version }
}
