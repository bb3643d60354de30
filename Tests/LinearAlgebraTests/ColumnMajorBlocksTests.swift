import Foundation
import Testing
import TestSupport
@testable import LinearAlgebra

/// `BLAS.columnMajorTimesFeatureMajor` and `columnMajorTransposeTimesClasses` against the plain
/// sums they stand for, on random data. Reference bound: Higham, Accuracy and Stability,
/// Thm 3.5, |fl(Σ) − Σ| ≤ γₘ Σ|terms| with γₘ ≈ m ε for m terms; checked with a factor 2m.
@Suite struct ColumnMajorBlocksTests {
    let n = 17, p = 9, k = 4

    func random(_ count: Int, _ rng: inout SplitMix64) -> [Double] {
        (0..<count).map { _ in Double.random(in: -1..<1, using: &rng) }
    }

    /// E ← βE + X Bᵀ: E[c·n + i] = βE₀ + Σⱼ x[j·n + i] B[j·K + c].
    @Test(arguments: [0.0, 1.0, -0.5]) func timesFeatureMajorIsTheColumnSum(beta: Double) {
        var rng = SplitMix64(seed: 11)
        let x = random(n * p, &rng), b = random(p * k, &rng), e0 = random(n * k, &rng)
        var e = e0
        BLAS.columnMajorTimesFeatureMajor(rows: n, columns: p, classes: k, x, b, beta: beta, into: &e)
        for c in 0..<k {
            for i in 0..<n {
                var reference = beta * e0[c * n + i], bound = abs(beta * e0[c * n + i])
                for j in 0..<p {
                    reference += x[j * n + i] * b[j * k + c]
                    bound += abs(x[j * n + i] * b[j * k + c])
                }
                #expect(abs(e[c * n + i] - reference) <= Double(2 * (p + 1)) * Double.ulpOfOne * bound)
            }
        }
    }

    /// G[j·K + c] = Σᵢ x[j·n + i] h[c·n + i].
    @Test func transposeTimesClassesIsTheColumnDot() {
        var rng = SplitMix64(seed: 12)
        let x = random(n * p, &rng), h = random(n * k, &rng)
        var g = [Double](repeating: .nan, count: p * k)
        BLAS.columnMajorTransposeTimesClasses(rows: n, columns: p, classes: k, x, h, into: &g)
        for j in 0..<p {
            for c in 0..<k {
                var reference = 0.0, bound = 0.0
                for i in 0..<n {
                    reference += x[j * n + i] * h[c * n + i]
                    bound += abs(x[j * n + i] * h[c * n + i])
                }
                #expect(abs(g[j * k + c] - reference) <= Double(2 * n) * Double.ulpOfOne * bound)
            }
        }
    }

    /// No columns: E ← βE; no rows: G = 0 (NaN already there must not survive).
    @Test func emptyDimensions() {
        var e: [Double] = [1, 2, 3]
        BLAS.columnMajorTimesFeatureMajor(rows: 3, columns: 0, classes: 1, [], [], beta: 2, into: &e)
        #expect(e == [2, 4, 6])
        var g = [Double](repeating: .nan, count: 4)
        BLAS.columnMajorTransposeTimesClasses(rows: 0, columns: 2, classes: 2, [], [], into: &g)
        #expect(g == [0, 0, 0, 0])
    }
}
