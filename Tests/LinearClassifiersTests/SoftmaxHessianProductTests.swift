import Foundation
import LinearAlgebra
import Testing
@testable import LinearClassifiers

/// `SoftmaxHessianProduct` (the C kernel `lagrange_softmax_hessian_product`) against the plain
/// sums it stands for, on random data with ragged sizes (rows not a multiple of 8 or of the
/// block, odd feature and class counts) and directions with zero entries (the kernel skips
/// all-zero groups). The two sum in different orders, so they agree to rounding: with
/// Ū = |b| + |X||D| (entrywise), H̄ᵢ꜀ = ωᵢpᵢ꜀(Ū ᵢ꜀ + Σₗ pᵢₗŪᵢₗ) and Ḡ = |X|ᵀH̄, both lie within
/// about (n + f + K)ε Ḡ of the exact product (Higham, Accuracy and Stability, Thm 3.5, γₘ ≈ mε
/// per sum of m terms, carried through the weighting); checked with twice that.
@Suite struct SoftmaxHessianProductTests {
    struct Case: CustomStringConvertible, Sendable {
        let n, f, k: Int
        let block: Int?
        var description: String { "n \(n) f \(f) K \(k) block \(block.map(String.init) ?? "auto")" }
    }

    static let cases = [
        Case(n: 1, f: 1, k: 1, block: nil), Case(n: 37, f: 5, k: 3, block: 8), Case(n: 37, f: 5, k: 3, block: 16),
        Case(n: 37, f: 6, k: 2, block: 5), Case(n: 100, f: 7, k: 10, block: nil), Case(n: 203, f: 9, k: 4, block: 24),
        Case(n: 64, f: 4, k: 7, block: 64), Case(n: 5, f: 3, k: 5, block: 2), Case(n: 300, f: 13, k: 11, block: 40),
    ]

    @Test(arguments: cases) func matchesThePlainSums(_ size: Case) {
        let (n, f, k) = (size.n, size.f, size.k)
        var rng = SeededGenerator(seed: UInt64(n * 1000 + f * 10 + k))
        let x = (0..<(n * f)).map { _ in Double.random(in: -2..<2, using: &rng) }
        // About a third of the direction's entries are 0, a whole feature's now and then.
        let d = (0..<(f * k)).map { index -> Double in
            if (index / k) % 4 == 1 { return 0 }
            return Double.random(in: 0..<1, using: &rng) < 0.3 ? 0 : Double.random(in: -1..<1, using: &rng)
        }
        let b = (0..<k).map { _ in Double.random(in: -1..<1, using: &rng) }
        let w = (0..<n).map { _ in Double.random(in: 0.1..<2, using: &rng) }
        var p = [Double](repeating: 0, count: k * n)
        for i in 0..<n {
            let raw = (0..<k).map { _ in Double.random(in: 0.01..<1, using: &rng) }
            let total = raw.reduce(0, +)
            for c in 0..<k { p[c * n + i] = raw[c] / total }
        }
        let (g, gb) = SoftmaxHessianProduct.apply(rows: n, features: f, classes: k, columns: x, direction: d, intercepts: b,
                                                  probability: p, weights: w, blockRows: size.block)
        // The plain sums and their absolute-value bounds.
        var u = [Double](repeating: 0, count: k * n), ubar = u
        for c in 0..<k {
            for i in 0..<n {
                var total = b[c], bound = abs(b[c])
                for j in 0..<f {
                    total += x[j * n + i] * d[j * k + c]
                    bound += abs(x[j * n + i] * d[j * k + c])
                }
                u[c * n + i] = total
                ubar[c * n + i] = bound
            }
        }
        var h = u, hbar = u
        for i in 0..<n {
            var mean = 0.0, meanBound = 0.0
            for c in 0..<k {
                mean += p[c * n + i] * u[c * n + i]
                meanBound += p[c * n + i] * ubar[c * n + i]
            }
            for c in 0..<k {
                h[c * n + i] = w[i] * p[c * n + i] * (u[c * n + i] - mean)
                hbar[c * n + i] = w[i] * p[c * n + i] * (ubar[c * n + i] + meanBound)
            }
        }
        let factor = 2 * Double(n + f + k + 8) * Double.ulpOfOne
        for c in 0..<k {
            var total = 0.0, bound = 0.0
            for i in 0..<n {
                total += h[c * n + i]
                bound += hbar[c * n + i]
            }
            #expect(abs(gb[c] - total) <= factor * bound, "gb[\(c)]: \(gb[c]) vs \(total)")
            for j in 0..<f {
                var dot = 0.0, dotBound = 0.0
                for i in 0..<n {
                    dot += x[j * n + i] * h[c * n + i]
                    dotBound += abs(x[j * n + i]) * hbar[c * n + i]
                }
                #expect(abs(g[j * k + c] - dot) <= factor * dotBound, "g[\(j), \(c)]: \(g[j * k + c]) vs \(dot)")
            }
        }
    }

    /// The block rows: a multiple of 8 where n allows, never more than n, and the design's
    /// block and the K × rows work block within their cache budgets.
    @Test func blockRowsFitTheCaches() {
        #expect(SoftmaxHessianProduct.blockRows(rows: 5000, features: 500, classes: 10) == 128)
        #expect(SoftmaxHessianProduct.blockRows(rows: 5000, features: 10, classes: 10) == 304)
        #expect(SoftmaxHessianProduct.blockRows(rows: 5, features: 500, classes: 10) == 5)
        #expect(SoftmaxHessianProduct.blockRows(rows: 5000, features: 100_000, classes: 3) == 8)
    }
}
