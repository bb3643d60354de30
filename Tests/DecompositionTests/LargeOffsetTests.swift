import Decomposition
import LinearAlgebra
import Testing
import TestSupport
import Statistics

/// Accuracy on data with large offsets, against an exact reference.
///
/// The data are xᵢⱼ = offsetⱼ + aᵢⱼ/16 with small integers aᵢⱼ, every value exactly
/// representable. The covariance is then the exact rational
/// (n Σ aⱼaₖ − Σaⱼ Σaₖ) / (256 n (n − 1)), whose numerator is an exact integer: the
/// reference is correctly rounded — a high-precision reference without a big-number library.
@Suite struct LargeOffsetTests {
    static let n = 2000
    static let offsets: [Double] = [1e6, -3e7, 0, 1e8]

    static func integers() -> [[Int]] {
        var state: UInt64 = 12345
        return (0..<n).map { _ in
            (0..<offsets.count).map { j in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let base = Int(state >> 59) - 16                 // −16 … 15
                return j == 1 ? base * 3 : base                  // one column with 9× the variance
            }
        }
    }

    static func data(_ a: [[Int]]) throws -> Matrix {
        try Matrix(rows: a.map { row in row.enumerated().map { offsets[$0.offset] + Double($0.element) / 16 } })
    }

    static func exactCovariance(_ a: [[Int]]) -> Matrix {
        let p = offsets.count
        var sigma = Matrix.zeros(p, p)
        for j in 0..<p {
            for k in 0..<p {
                var sumJ = 0, sumK = 0, sumJK = 0
                for row in a { sumJ += row[j]; sumK += row[k]; sumJK += row[j] * row[k] }
                let numerator = n * sumJK - sumJ * sumK
                sigma[j, k] = Double(numerator) / Double(256 * n * (n - 1))
            }
        }
        return sigma
    }

    /// Rows are shifted by the first block's mean (exact subtraction near the offset), each
    /// block is centred on its own mean, and blocks merge through mean differences, so only
    /// the rounding of sums of O(1) numbers remains: ~√n·ε ≈ 1e-14 relative at worst (measured
    /// 4.5e-15). A merge that carried the offset (a running mean stored near 1e8, whose ulp is
    /// 1.5e-8) measured 5e-10 here, and the one-pass formula loses every digit.
    static let relativeTolerance = 1e-13

    @Test(arguments: [3, 100, 2000])
    func covarianceMatchesExactReference(blockRows: Int) throws {
        let a = Self.integers()
        let x = try Self.data(a)
        let exact = Self.exactCovariance(a)
        var moments = CovarianceAccumulator(featureCount: Self.offsets.count)
        var start = 0
        while start < Self.n {
            let end = min(start + blockRows, Self.n)
            try moments.add(x.selectingRows(start..<end))
            start = end
        }
        let sigma = try moments.covariance()
        let scale = exact.storage.map(abs).max()!
        #expect(Approximate.maxAbsoluteDifference(sigma.storage, exact.storage) <= Self.relativeTolerance * scale)

        // The eigenvalues of the fit match those of the exact covariance (the same LAPACK call
        // on matrices equal to 1e-13; eigenvalues are well conditioned, so to ~1e-12 relative).
        let model = try PCAParameters().fit(moments)
        let reference = try exact.symmetricEigen()
        for c in 0..<Self.offsets.count {
            #expect(Approximate.close(model.explainedVariance[c], reference.values[c], relative: 1e-12), "λ\(c + 1)")
        }
    }

    /// Blocks dealt round-robin to three accumulators (each with its own shift, the mean of
    /// its first block), merged at the end as the streaming fit merges its per-thread ones:
    /// the same exact reference to the same tolerance, and the count and mean of all rows.
    @Test(arguments: [7, 150])
    func mergedAccumulatorsMatchExactReference(blockRows: Int) throws {
        let a = Self.integers()
        let x = try Self.data(a)
        let exact = Self.exactCovariance(a)
        var slots = (0..<3).map { _ in CovarianceAccumulator(featureCount: Self.offsets.count) }
        var start = 0
        var block = 0
        while start < Self.n {
            let end = min(start + blockRows, Self.n)
            try slots[block % 3].add(x.selectingRows(start..<end))
            start = end
            block += 1
        }
        var merged = CovarianceAccumulator(featureCount: Self.offsets.count)
        for slot in slots + [CovarianceAccumulator(featureCount: Self.offsets.count)] { try merged.merge(slot) }
        #expect(merged.count == Self.n)
        let scale = exact.storage.map(abs).max()!
        #expect(Approximate.maxAbsoluteDifference(try merged.covariance().storage, exact.storage) <= Self.relativeTolerance * scale)
        for j in 0..<Self.offsets.count {
            let exactMean = Self.offsets[j] + Double(a.reduce(0) { $0 + $1[j] }) / 16 / Double(Self.n)
            #expect(abs(merged.mean[j] - exactMean) <= 4 * Self.offsets[j].magnitude.ulp + 1e-15, "mean \(j + 1)")
        }
        var wrongWidth = CovarianceAccumulator(featureCount: 2)
        #expect(throws: (any Error).self) { try wrongWidth.merge(merged) }
    }

    /// The in-memory path (two passes over the whole matrix, `CentredScatter`) meets the same
    /// exact reference: eigenvalues to 1e-12 relative, the mean to a few ulps of 1e8.
    @Test func wholeMatrixFitMatchesExactReference() throws {
        let a = Self.integers()
        let x = try Self.data(a)
        let model = try PCAParameters().fit(x)
        let reference = try Self.exactCovariance(a).symmetricEigen()
        for c in 0..<Self.offsets.count {
            #expect(Approximate.close(model.explainedVariance[c], reference.values[c], relative: 1e-12), "λ\(c + 1)")
        }
        for j in 0..<Self.offsets.count {
            let exactMean = Self.offsets[j] + Double(a.reduce(0) { $0 + $1[j] }) / 16 / Double(Self.n)
            #expect(abs(model.mean[j] - exactMean) <= 4 * Self.offsets[j].magnitude.ulp + 1e-15, "mean \(j + 1)")
        }
    }

    /// The test can fail: the textbook one-pass formula (Σx² − n x̄²)/(n − 1) loses every
    /// digit on these data, far outside the tolerance above.
    @Test func naiveOnePassFormulaWouldFail() throws {
        let a = Self.integers()
        let x = try Self.data(a)
        let exact = Self.exactCovariance(a)
        let column = x.column(3)
        let mean = column.reduce(0, +) / Double(Self.n)
        let naive = (column.reduce(0) { $0 + $1 * $1 } - Double(Self.n) * mean * mean) / Double(Self.n - 1)
        #expect(abs(naive - exact[3, 3]) > 1e3 * Self.relativeTolerance * exact[3, 3])
    }
}
