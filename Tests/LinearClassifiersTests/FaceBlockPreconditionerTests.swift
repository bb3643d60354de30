import Foundation
@testable import LinearClassifiers
import LinearAlgebra
import Testing
import TestSupport

/// `FaceBlockPreconditioner` inverts the face Hessian's per-feature class blocks
/// Aⱼ[c, l] = Σᵢ ωᵢxᵢⱼ² pᵢc(δcl − pᵢl) + δcl ridgeⱼ (and the intercepts' block): checked against
/// those blocks written out from the definition, on random probabilities. Tolerance 1e-10
/// relative (a K × K Cholesky solve of a well-conditioned block).
@Suite struct FaceBlockPreconditionerTests {
    let n = 40, k = 4

    func problem(seed: UInt64) -> (columns: [Double], probability: [Double], weights: [Double]) {
        var rng = SplitMix64(seed: seed)
        let columns = (0..<(3 * n)).map { _ in Double.random(in: -2..<2, using: &rng) }
        var probability = [Double](repeating: 0, count: k * n)
        for i in 0..<n {
            let raw = (0..<k).map { _ in Double.random(in: 0.05..<1, using: &rng) }
            let total = raw.reduce(0, +)
            for c in 0..<k { probability[c * n + i] = raw[c] / total }
        }
        let weights = (0..<n).map { _ in Double.random(in: 0.5..<1.5, using: &rng) / Double(n) }
        return (columns, probability, weights)
    }

    func block(_ x: [Double], feature f: Int, classes: [Int], ridge: Double, _ pr: [Double], _ w: [Double]) -> [[Double]] {
        classes.map { c in
            classes.map { l in
                var total = c == l ? ridge : 0
                for i in 0..<n {
                    let square = x.isEmpty ? 1 : x[f * n + i] * x[f * n + i]
                    total += w[i] * square * pr[c * n + i] * ((c == l ? 1 : 0) - pr[l * n + i])
                }
                return total
            }
        }
    }

    /// Features 0 (classes 0, 2), 1 (class 3) and 2 (all four classes): M⁻¹Aⱼv = v for every v
    /// on the partial rows, and for v ⟂ 1 on the full row and on the intercepts, up to the
    /// projection onto that complement (the full blocks are inverted there only).
    @Test(arguments: [0.0, 0.01]) func solvesTheClassBlocks(ridge: Double) {
        let (x, probability, weights) = problem(seed: 5)
        let support = [0 * k + 0, 0 * k + 2, 1 * k + 3, 2 * k + 0, 2 * k + 1, 2 * k + 2, 2 * k + 3]
        let preconditioner = FaceBlockPreconditioner(support: support, classes: k, columns: x, sampleCount: n,
                                                     probability: probability, weights: weights,
                                                     ridge: [ridge, ridge, ridge], fitIntercept: true, floor: 1e-12)
        #expect(preconditioner.ranges == [0..<2, 2..<3, 3..<7])
        var rng = SplitMix64(seed: 6)
        var v = (0..<support.count).map { _ in Double.random(in: -1..<1, using: &rng) }
        var vb = (0..<k).map { _ in Double.random(in: -1..<1, using: &rng) }
        let fullMean = v[3..<7].reduce(0, +) / 4, interceptMean = vb.reduce(0, +) / 4
        for s in 3..<7 { v[s] -= fullMean }
        for c in 0..<k { vb[c] -= interceptMean }
        var product = [Double](repeating: 0, count: support.count)
        for (f, range) in preconditioner.ranges.enumerated() {
            let a = block(x, feature: f, classes: range.map { support[$0] % k }, ridge: ridge, probability, weights)
            for (r, s) in range.enumerated() {
                product[s] = range.enumerated().reduce(0.0) { $0 + a[r][$1.offset] * v[$1.element] }
            }
        }
        let a = block([], feature: 0, classes: Array(0..<k), ridge: 0, probability, weights)
        let productB = (0..<k).map { c in (0..<k).reduce(0.0) { $0 + a[c][$1] * vb[$1] } }
        var (z, zb) = preconditioner.apply(product, productB)
        // The full blocks map the complement of 1 to itself (Aⱼ1 = ridge·1), so the centring is exact.
        let zMean = z[3..<7].reduce(0, +) / 4, zbMean = zb.reduce(0, +) / 4
        for s in 3..<7 { z[s] -= zMean }
        for c in 0..<k { zb[c] -= zbMean }
        for s in 0..<support.count {
            #expect(abs(z[s] - v[s]) <= 1e-10 * max(1, abs(v[s])), "coefficient \(s): \(z[s]) vs \(v[s])")
        }
        for c in 0..<k { #expect(abs(zb[c] - vb[c]) <= 1e-10 * max(1, abs(vb[c])), "intercept \(c)") }
    }
}
