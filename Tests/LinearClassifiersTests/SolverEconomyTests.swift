import Foundation
@testable import LinearClassifiers
import LinearAlgebra
import Testing
import TestSupport

/// The binomial solver's shortcuts compute the same quantities as the plain formulas: the
/// certificate from the solver's stored probabilities equals the one from η, and the
/// elementwise kernels equal their definitions.
@Suite struct SolverEconomyTests {
    static let data = try! Fixture.generated

    /// Reference: `LogisticCertificate.binomial` without `evaluated` (σ and the loss from η). The
    /// solver's `evaluate` uses the same overflow-free formulas in the same order, so the two
    /// certificates agree exactly, with and without an intercept and for an elastic-net penalty.
    @Test func storedProbabilitiesGiveTheSameCertificate() throws {
        let (labels, _) = Self.data.targetLabels!
        let y = labels.map(Double.init)
        for fitIntercept in [true, false] {
            let design = try ClassificationDesign(x: Self.data.features, standardize: true, fitIntercept: fitIntercept)
            let p = design.featureCount
            let beta: [Double] = (0..<p).map { (j: Int) -> Double in
                j % 3 == 0 ? 0.3 * Double(j % 5) - 0.5 : 0.0
            }
            let intercept: Double = fitIntercept ? 0.2 : 0.0
            var eta = [Double](repeating: intercept, count: design.sampleCount)
            for j in 0..<p where beta[j] != 0 {
                for i in eta.indices { eta[i] += beta[j] * design.columns[j * design.sampleCount + i] }
            }
            let state = BinomialSolver.evaluate(eta: eta, y: y, weights: design.weights)
            let u: [Double] = (0..<design.sampleCount).map { (i: Int) -> Double in design.weights[i] * (y[i] - state.probability[i]) }
            let g = design.transposeTimes(u)
            let factors = [Double](repeating: 1, count: p)
            func certificate(_ evaluated: (loss: Double, probability: [Double])?) -> LogisticCertificate {
                LogisticCertificate.binomial(beta: beta, eta: eta, y: y, gradient: g, design: design, penaltyFactors: factors,
                                             lambda: 0.01, l1Ratio: 0.6, fitIntercept: fitIntercept, nullLoss: 0.69,
                                             passes: 0, tolerance: 1, evaluated: evaluated)
            }
            #expect(certificate(state) == certificate(nil))
        }
    }

    /// Reference: the definitions hⱼ = Σ vᵢxᵢ² and uᵢ − δvᵢxᵢ summed naively, on lengths that
    /// are and are not multiples of the kernel's unrolling (relative 1e-14: only the order of
    /// the partial sums differs).
    @Test func kernelsEqualTheirDefinitions() {
        var generator = SeededGenerator(seed: 7)
        for n in [1, 3, 4, 5, 17, 1000] {
            let x = (0..<n).map { _ in Double.random(in: -2...2, using: &generator) }
            let v = (0..<n).map { _ in Double.random(in: 0...0.25, using: &generator) }
            var u = (0..<n).map { _ in Double.random(in: -1...1, using: &generator) }
            let naive: Double = (0..<n).reduce(0.0) { (sum: Double, i: Int) -> Double in sum + v[i] * x[i] * x[i] }
            let h = x.withUnsafeBufferPointer { xp in
                v.withUnsafeBufferPointer { vp in WeightedColumnKernels.curvature(n, xp.baseAddress!, vp.baseAddress!) }
            }
            #expect(abs(h - naive) <= 1e-14 * max(naive, 1e-300))
            let expected: [Double] = (0..<n).map { (i: Int) -> Double in u[i] - 0.37 * (v[i] * x[i]) }
            x.withUnsafeBufferPointer { xp in
                v.withUnsafeBufferPointer { vp in
                    u.withUnsafeMutableBufferPointer { up in
                        WeightedColumnKernels.subtractWeighted(n, 0.37, vp.baseAddress!, xp.baseAddress!, up.baseAddress!)
                    }
                }
            }
            #expect(u == expected)
        }
    }

    /// The C kernels (`KernelLoops`' WeightedLoops.c, widest vectors) equal the Swift loops they
    /// replaced bit for bit, on lengths around the 4- and 8-wide blocks and on offset (unaligned)
    /// pointers.
    @Test func kernelsEqualTheSwiftLoopsBitForBit() {
        var generator = SeededGenerator(seed: 11)
        for n in [1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 1000, 1003] {
            for offset in [0, 1] {
                let x = (0..<(n + offset)).map { _ in Double.random(in: -2...2, using: &generator) }
                let v = (0..<(n + offset)).map { _ in Double.random(in: 0...0.25, using: &generator) }
                let start = (0..<(n + offset)).map { _ in Double.random(in: -1...1, using: &generator) }
                var fast = start, reference = start
                x.withUnsafeBufferPointer { xp in
                    v.withUnsafeBufferPointer { vp in
                        let xs = xp.baseAddress! + offset, vs = vp.baseAddress! + offset
                        let h = WeightedColumnKernels.curvature(n, xs, vs)
                        #expect(h.bitPattern == WeightedColumnKernels.referenceCurvature(n, xs, vs).bitPattern)
                        fast.withUnsafeMutableBufferPointer { up in
                            WeightedColumnKernels.subtractWeighted(n, -0.73, vs, xs, up.baseAddress! + offset)
                        }
                        reference.withUnsafeMutableBufferPointer { up in
                            WeightedColumnKernels.referenceSubtractWeighted(n, -0.73, vs, xs, up.baseAddress! + offset)
                        }
                    }
                }
                #expect(fast.map(\.bitPattern) == reference.map(\.bitPattern))
            }
        }
    }

    /// The sweep's product (`dot`) and its fused form (`subtractWeightedThenDot`: the previous
    /// move's update of u, then the product with the next column) equal their Swift loops bit for
    /// bit: the fused u is `subtractWeighted`'s, its product `dot`'s on that u.
    @Test func fusedUpdateAndProductEqualTheSeparateLoopsBitForBit() {
        var generator = SeededGenerator(seed: 12)
        for n in [1, 3, 7, 8, 9, 15, 16, 17, 31, 1000, 1003] {
            for offset in [0, 1] {
                let x = (0..<(n + offset)).map { _ in Double.random(in: -2...2, using: &generator) }
                let next = (0..<(n + offset)).map { _ in Double.random(in: -2...2, using: &generator) }
                let v = (0..<(n + offset)).map { _ in Double.random(in: 0...0.25, using: &generator) }
                let start = (0..<(n + offset)).map { _ in Double.random(in: -1...1, using: &generator) }
                var fused = start, separate = start
                var fusedProduct = 0.0, separateProduct = 0.0
                x.withUnsafeBufferPointer { xp in
                    next.withUnsafeBufferPointer { np in
                        v.withUnsafeBufferPointer { vp in
                            let xs = xp.baseAddress! + offset, ns = np.baseAddress! + offset, vs = vp.baseAddress! + offset
                            start.withUnsafeBufferPointer { sp in
                                let plain = WeightedColumnKernels.dot(n, ns, sp.baseAddress! + offset)
                                #expect(plain.bitPattern == WeightedColumnKernels.referenceDot(n, ns, sp.baseAddress! + offset).bitPattern)
                            }
                            fused.withUnsafeMutableBufferPointer { up in
                                fusedProduct = WeightedColumnKernels.subtractWeightedThenDot(n, 0.41, vs, xs, up.baseAddress! + offset,
                                                                                            next: ns)
                            }
                            separate.withUnsafeMutableBufferPointer { up in
                                WeightedColumnKernels.referenceSubtractWeighted(n, 0.41, vs, xs, up.baseAddress! + offset)
                                separateProduct = WeightedColumnKernels.referenceDot(n, ns, up.baseAddress! + offset)
                            }
                        }
                    }
                }
                #expect(fused.map(\.bitPattern) == separate.map(\.bitPattern))
                #expect(fusedProduct.bitPattern == separateProduct.bitPattern, "n \(n) offset \(offset)")
            }
        }
    }
}
