import KernelLoops
import LinearAlgebra
@testable import LinearModels
import Testing

/// The vector loops of the wide lasso's check (KernelLoops/BoundLoops.c) against the Swift loops
/// they replace, bit for bit: the same IEEE operations in the same order, so every bound and every
/// decision is the same. Every length 0…41 (vector body and scalar tail), random signs, zeros,
/// zero weights, non-zero coefficients and features screened beforehand.
@Suite struct BoundLoopsTests {
    /// `lagrange_correlation_bounds`: sum = Σₖ aₖ·d[k·stride + j] from 0 in k order, then either the
    /// sum or |sum|·inflation + root[j]·spread (`CorrelationBounds.fill`'s formula).
    @Test func boundsEqualTheSwiftLoopBitForBit() {
        var generator = SeededGenerator(seed: 21)
        let basis = CorrelationBounds.capacity
        for count in 0...41 {
            let stride = count + 3
            let d = (0..<(basis * stride)).map { _ in Double.random(in: -2...2, using: &generator) }
            let a = (0..<basis).map { k in k < 5 ? Double.random(in: -1...1, using: &generator) : 0 }
            let root = (0..<max(count, 1)).map { _ in Double.random(in: 0...3, using: &generator) }
            let spread = Double.random(in: 0...0.1, using: &generator)
            for exact in [false, true] {
                let inflation = exact ? 1 : 1 + 1e-12
                var expected = [Double](repeating: 0, count: max(count, 1))
                for j in 0..<count {
                    var sum = 0.0
                    for k in 0..<basis { sum += a[k] * d[k * stride + j] }
                    expected[j] = exact ? sum : abs(sum) * inflation + root[j] * spread
                }
                var actual = [Double](repeating: 0, count: max(count, 1))
                d.withUnsafeBufferPointer { d in
                    a.withUnsafeBufferPointer { a in
                        root.withUnsafeBufferPointer { root in
                            actual.withUnsafeMutableBufferPointer { out in
                                lagrange_correlation_bounds(d.baseAddress!, stride, a.baseAddress!, basis, root.baseAddress!,
                                                            spread, inflation, exact, count, out.baseAddress!)
                            }
                        }
                    }
                }
                #expect(actual.map(\.bitPattern) == expected.map(\.bitPattern), "count \(count), exact \(exact)")
            }
        }
    }

    /// `lagrange_exceeding`: the j with |values[j]| > t·wⱼ (≥ with `orEqual`) and neither flag,
    /// in increasing order; ties (|values[j]| = t·wⱼ exactly) included to tell > from ≥.
    @Test func exceedingEqualsTheSwiftFilter() {
        var generator = SeededGenerator(seed: 22)
        for count in 0...41 {
            let weights = (0..<max(count, 1)).map { _ in [0, 0.5, 1, 2][Int.random(in: 0..<4, using: &generator)] }
            let threshold = 0.75
            let values = (0..<max(count, 1)).map { j in
                Int.random(in: 0..<4, using: &generator) == 0 ? -threshold * weights[j] : Double.random(in: -2...2, using: &generator)
            }
            let skip = (0..<max(count, 1)).map { _ in Int.random(in: 0..<5, using: &generator) == 0 }
            let skipAlso = (0..<max(count, 1)).map { _ in Int.random(in: 0..<5, using: &generator) == 0 }
            for orEqual in [false, true] {
                let expected = (0..<count).filter { j in
                    (orEqual ? abs(values[j]) >= threshold * weights[j] : abs(values[j]) > threshold * weights[j]) && !skip[j] && !skipAlso[j]
                }
                var out = [Int](repeating: -1, count: max(count, 1))
                let found = values.withUnsafeBufferPointer { v in
                    weights.withUnsafeBufferPointer { w in
                        skip.withUnsafeBufferPointer { s in
                            skipAlso.withUnsafeBufferPointer { t in
                                out.withUnsafeMutableBufferPointer { o in
                                    lagrange_exceeding(v.baseAddress!, w.baseAddress!, threshold, orEqual, s.baseAddress!, t.baseAddress!,
                                                       count, o.baseAddress!)
                                }
                            }
                        }
                    }
                }
                #expect(Array(out[0..<found]) == expected, "count \(count), orEqual \(orEqual)")
            }
        }
    }

    /// `lagrange_gap_safe_screen` (through `GapSafeScreening.screenZeroCoefficients`) against the
    /// per-feature `GapSafeScreening.provesZero` loop it replaced, for the lasso (√vⱼ given) and the
    /// elastic net (√(vⱼ + λ(1−α)wⱼ) in the loop): the same flags and the same count.
    @Test func screeningEqualsTheSwiftLoop() {
        var generator = SeededGenerator(seed: 23)
        for count in 1...41 {
            let meanSquares = (0..<count).map { _ in Double.random(in: 0...2, using: &generator) }
            let roots = meanSquares.map { $0.squareRoot() }
            let weights = (0..<count).map { _ in [0, 0.5, 1, 1, 2][Int.random(in: 0..<5, using: &generator)] }
            let beta = (0..<count).map { _ in Int.random(in: 0..<4, using: &generator) == 0 ? 0.3 : 0 }
            let correlations = (0..<count).map { _ in Double.random(in: -1...1, using: &generator) }
            let (scale, radius, l1) = (0.9, Double.random(in: 0...0.5, using: &generator), 0.8)
            for ridge in [0, 0.2] {
                var expected = GapSafeScreening(featureCount: count)
                var actual = GapSafeScreening(featureCount: count)
                for j in 0..<count where Int.random(in: 0..<6, using: &generator) == 0 {
                    expected.screen(j)
                    actual.screen(j)
                }
                for j in 0..<count where weights[j] > 0 && beta[j] == 0 && !expected.screened[j] {
                    let root = ridge == 0 ? roots[j] : (meanSquares[j] + ridge * weights[j]).squareRoot()
                    if GapSafeScreening.provesZero(scaledCorrelation: scale * abs(correlations[j]), radius: radius,
                                                   rootAugmentedMeanSquare: root, threshold: l1 * weights[j]) {
                        expected.screen(j)
                    }
                }
                actual.screenZeroCoefficients(correlations: correlations, scale: scale, radius: radius, l1: l1, ridge: ridge,
                                              weights: weights, beta: beta, rootMeanSquares: roots, meanSquares: meanSquares)
                #expect(actual.screened == expected.screened, "count \(count), ridge \(ridge)")
                #expect(actual.count == expected.count)
            }
        }
    }
}
