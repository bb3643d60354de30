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
    public static func indices(in x: Matrix, rows: [Int]? = nil) -> [Int] {
        let rows = rows ?? Array(0..<x.rows)
        guard !rows.isEmpty else { return [] }
        var constant: [Int] = []
        for j in 0..<x.columns {
            var sum = 0.0
            for i in rows { sum += x[i, j] }
            let mean = sum / Double(rows.count)
            var spread = 0.0
            for i in rows { spread = max(spread, abs(x[i, j] - mean)) }
            if isConstant(spread: spread, mean: mean) { constant.append(j) }
        }
        return constant
    }
}
