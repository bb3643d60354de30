import LinearAlgebra

extension Design {
    /// Transforms one column in place for a weighted design (`SampleWeights`), w summing to n:
    ///
    ///     x̄ = Σ wᵢxᵢ/n (0 without an intercept),   s² = Σ wᵢ(xᵢ − x̄_w)²/n (1 without standardization),
    ///     x̃ᵢ = √wᵢ (xᵢ − x̄)/s,   meanSquare = (1/n)‖x̃‖² = Σ wᵢ(xᵢ − x̄)²/(n s²).
    ///
    /// As in the unweighted case, a column constant up to rounding (`ConstantColumn`) is zeroed
    /// when an intercept or standardization would make it degenerate. Deviations are divided by
    /// their largest before squaring, so values near 1e±160 do not under- or overflow.
    static func weightedColumn(_ column: UnsafeMutableBufferPointer<Double>, weights w: [Double], roots: [Double],
                               standardize: Bool, fitIntercept: Bool) -> ColumnOutcome {
        let n = column.count
        var weightedMean = 0.0
        for i in 0..<n { weightedMean += w[i] * column[i] }
        weightedMean /= Double(n)
        var largest = 0.0
        for i in 0..<n { largest = max(largest, abs(column[i] - weightedMean)) }
        if (fitIntercept || standardize) && ConstantColumn.isConstant(spread: largest, mean: weightedMean) {
            for i in 0..<n { column[i] = 0 }
            return ColumnOutcome(constant: true, mean: fitIntercept ? weightedMean : 0, scale: 1, meanSquare: 0)
        }
        /// √(Σ wᵢ(xᵢ − c)²/n), scaled by m against under- and overflow.
        func root(about c: Double) -> Double {
            var m = 0.0
            for i in 0..<n { m = max(m, abs(column[i] - c)) }
            guard m > 0 else { return 0 }
            var sum = 0.0
            for i in 0..<n { let d = (column[i] - c) / m; sum += w[i] * d * d }
            return m * (sum / Double(n)).squareRoot()
        }
        let shift = fitIntercept ? weightedMean : 0
        let s = standardize ? root(about: weightedMean) : 1
        let spread = root(about: shift) / s
        for i in 0..<n { column[i] = roots[i] * (column[i] - shift) / s }
        return ColumnOutcome(constant: false, mean: shift, scale: s, meanSquare: spread * spread)
    }
}
