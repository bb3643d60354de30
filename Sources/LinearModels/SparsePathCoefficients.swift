/// The coefficients of an elastic-net path, stored sparsely: one compressed row per λ.
///
/// Grid point l owns the entries `starts[l] ..< starts[l + 1]` of `indices`, `standardized` and
/// `original`: the features whose standardized coefficient βⱼ is stored, in increasing order, with
/// βⱼ (the scale the solver works on) and βⱼ/sⱼ (the original scale, `Design.scales`, the same
/// division `Design.originalScale` does). A lasso path on wide data has at most about n non-zero
/// coefficients per λ, so the path costs O(L·n) memory instead of the O(L·p) of dense rows
/// (72 × 7,129 with 100 λ: under 0.2 MB instead of 11.4 MB of fresh pages).
///
/// Every coefficient is stored unless it is +0.0 bit for bit: a −0.0 (equal to 0, but printed and
/// written differently) is kept, so the dense views rebuild exactly the rows a dense path held.
/// A coefficient left out is +0.0 on both scales, since every sⱼ is positive and finite (1 without
/// standardization and for constant columns, a standard deviation otherwise).
struct SparsePathCoefficients: Sendable {
    /// p: the length of each dense row.
    let featureCount: Int
    /// Where each grid point's entries start; one more element than grid points.
    private(set) var starts: [Int] = [0]
    private(set) var indices: [Int] = []
    private(set) var standardized: [Double] = []
    private(set) var original: [Double] = []

    init(featureCount: Int) {
        self.featureCount = featureCount
    }

    /// The number of grid points stored.
    var count: Int { starts.count - 1 }

    /// The entries of grid point `l`.
    func range(_ l: Int) -> Range<Int> { starts[l] ..< starts[l + 1] }

    /// Appends a grid point from the solver's standardized β, read once in place (the caller passes
    /// the solver's own array: no copy is made, so the solver's next update does not copy it either).
    mutating func append(standardized beta: [Double], scales: [Double]) {
        precondition(beta.count == featureCount && scales.count == featureCount, "one coefficient and one scale per feature")
        for j in 0..<featureCount where beta[j].bitPattern != 0 {
            indices.append(j)
            standardized.append(beta[j])
            original.append(beta[j] / scales[j])
        }
        starts.append(indices.count)
    }

    /// Grid point `l` as a dense p-vector on the original scale (`standardized: false`) or on the
    /// standardized scale.
    func dense(_ l: Int, standardized onStandardizedScale: Bool) -> [Double] {
        var row = [Double](repeating: 0, count: featureCount)
        let values = onStandardizedScale ? standardized : original
        for e in range(l) { row[indices[e]] = values[e] }
        return row
    }
}

extension Design {
    /// The original-scale intercept b = ȳ − Σⱼ x̄ⱼ βⱼ/sⱼ of the original-scale coefficients
    /// `coefficients` of the features `indices` (increasing; every other coefficient +0.0).
    ///
    /// Bit-identical to `originalScale(_:)`, which subtracts x̄ⱼ·0 for every other feature too: that
    /// term is ±0, and b − (±0) = b for every b except b = −0.0 with a −0 term, possible only when
    /// ȳ itself is −0.0 (a difference of two doubles is −0.0 only as (−0) − (+0)); that case takes
    /// the dense loop.
    func originalIntercept(indices: ArraySlice<Int>, coefficients: ArraySlice<Double>) -> Double {
        var intercept = responseMean
        if responseMean == 0, responseMean.sign == .minus {
            var dense = [Double](repeating: 0, count: featureCount)
            for (j, c) in zip(indices, coefficients) { dense[j] = c }
            for j in 0..<featureCount { intercept -= means[j] * dense[j] }
            return intercept
        }
        for (j, c) in zip(indices, coefficients) { intercept -= means[j] * c }
        return intercept
    }
}
