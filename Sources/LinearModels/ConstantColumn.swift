import LinearAlgebra

/// When a column (or the target) holds one value up to rounding.
///
/// The test is relative to the values' magnitude — maxᵢ|vᵢ − x̄| ≤ 64ε·|x̄| — so it does not
/// depend on units: a column at 1e-150 scale that varies is not constant (the old absolute
/// floor, 1e-13·max(1, |x̄|), called it constant), and n copies of 0.1, whose computed mean is
/// off by an ulp, is. An all-zero column is constant (0 ≤ 0).
public enum ConstantColumn {
    /// 64 ulps: the rounding of a mean of n equal values stays far below it for any n in memory.
    static let relativeSpread = 64 * Double.ulpOfOne

    static func isConstant(spread: Double, mean: Double) -> Bool {
        spread <= relativeSpread * abs(mean)
    }

    /// The columns of `x` that are constant by this test, for a caller's warning: a linear
    /// model gives them coefficient 0 (with an intercept or standardization).
    ///
    /// One pass over the rows in storage order finds every column's least and largest value;
    /// a column whose range is wide for its magnitude cannot be constant (`isClearlyVarying`),
    /// and only the others — none in most data — get the exact test: every such column's sum
    /// and spread carried along two more passes in row order (each column still adds its values
    /// in row order, so the means are those of a column-wise loop). Walking the row-major matrix
    /// column by column touched a new cache line per cell, 6% of `lagrange path lasso` on a
    /// 500 × 10,000 file; the two exact passes over every column were 4% of its start-up.
    public static func indices(in x: Matrix, rows: [Int]? = nil) -> [Int] {
        let count = rows?.count ?? x.rows
        guard count > 0 else { return [] }
        let p = x.columns
        var least = [Double](repeating: .infinity, count: p)
        var largest = [Double](repeating: -.infinity, count: p)
        var unordered = [Bool](repeating: false, count: p)
        x.storage.withUnsafeBufferPointer { v in
            for a in 0..<count {
                let row = (rows?[a] ?? a) * p
                for j in 0..<p {
                    let value = v[row + j]
                    least[j] = value < least[j] ? value : least[j]
                    largest[j] = value > largest[j] ? value : largest[j]
                    unordered[j] = unordered[j] || value.isNaN
                }
            }
        }
        let candidates = (0..<p).filter { unordered[$0] || !isClearlyVarying(least: least[$0], largest: largest[$0], count: count) }
        guard !candidates.isEmpty else { return [] }
        var means = [Double](repeating: 0, count: candidates.count)
        var spreads = [Double](repeating: 0, count: candidates.count)
        x.storage.withUnsafeBufferPointer { v in
            means.withUnsafeMutableBufferPointer { mean in
                for a in 0..<count {
                    let row = (rows?[a] ?? a) * p
                    for (c, j) in candidates.enumerated() { mean[c] += v[row + j] }
                }
                for c in candidates.indices { mean[c] /= Double(count) }
                spreads.withUnsafeMutableBufferPointer { spread in
                    for a in 0..<count {
                        let row = (rows?[a] ?? a) * p
                        for (c, j) in candidates.enumerated() { spread[c] = max(spread[c], abs(v[row + j] - mean[c])) }
                    }
                }
            }
        }
        return candidates.indices.filter { isConstant(spread: spreads[$0], mean: means[$0]) }.map { candidates[$0] }
    }

    /// `indices(in:)` for features stored column by column: row j of `columns` (p × n) is
    /// feature j. The same test on the same values in the same order (range first, then the sum
    /// in sample order and the spread about its mean), so the same columns.
    public static func indices(inColumns columns: Matrix) -> [Int] {
        let (p, n) = (columns.rows, columns.columns)
        guard n > 0 else { return [] }
        return columns.storage.withUnsafeBufferPointer { v in
            (0..<p).filter { j in
                let feature = UnsafeBufferPointer(rebasing: v[j * n ..< (j + 1) * n])
                var (least, largest, unordered) = (Double.infinity, -Double.infinity, false)
                for value in feature {
                    least = value < least ? value : least
                    largest = value > largest ? value : largest
                    unordered = unordered || value.isNaN
                }
                if !unordered && isClearlyVarying(least: least, largest: largest, count: n) { return false }
                var mean = 0.0
                for value in feature { mean += value }
                mean /= Double(n)
                var spread = 0.0
                for value in feature { spread = max(spread, abs(value - mean)) }
                return isConstant(spread: spread, mean: mean)
            }
        }
    }

    /// Whether values in [least, largest] (n of them) are surely not constant by `isConstant`:
    /// fl(largest − least) > 4c·M, c = `relativeSpread`, M = max(|least|, |largest|).
    ///
    /// Why that suffices: the computed mean m̂ of n values of magnitude ≤ M is at most
    /// M(1 + nε) ≤ 1.01·M in magnitude (for n < 10^13), and the computed spread is at least
    /// (1 − ε)(largest − least)/2, since the mean is at least that far from one of the two
    /// ends; with largest − least ≥ fl(largest − least)/(1 + ε) > 4cM/(1 + ε) the spread
    /// exceeds 1.9·cM > c|m̂|. An infinite M (or a NaN) fails the comparison and takes the
    /// exact test.
    static func isClearlyVarying(least: Double, largest: Double, count: Int) -> Bool {
        guard count < 10_000_000_000_000 else { return false }
        let magnitude = max(abs(least), abs(largest))
        return largest - least > 4 * relativeSpread * magnitude
    }
}
