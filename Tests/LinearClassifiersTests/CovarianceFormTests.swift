import Foundation
@testable import LinearClassifiers
import LinearAlgebra
import Modeling
import Testing
import TestSupport

/// The covariance form of the binomial Newton steps (`BinomialSolver+Covariance`) solves the same
/// problems as the residual form: its Gram block equals its definition, and along whole paths
/// both forms are certified and their objectives agree within the sum of their duality gaps.
@Suite struct CovarianceFormTests {
    /// Reference: G_ab = Σᵢ vᵢxᵢₐxᵢ_b summed naively (relative 1e-13: only the order of the partial
    /// sums differs), whatever order the columns are filled in (entries of filled columns are
    /// copied by symmetry).
    @Test func gramColumnsEqualTheirDefinition() {
        var generator = SeededGenerator(seed: 11)
        let (n, p) = (37, 6)
        let x = (0..<n * p).map { _ in Double.random(in: -2...2, using: &generator) }
        let v = (0..<n).map { _ in Double.random(in: 0...0.25, using: &generator) }
        let members = [4, 0, 5, 2]
        var gram = WeightedGram(members: members, sampleCount: n)
        x.withUnsafeBufferPointer { xp in
            v.withUnsafeBufferPointer { vp in
                for b in [2, 0, 3, 1, 2] { gram.fill(b, columns: xp.baseAddress!, weights: vp.baseAddress!) }
            }
        }
        let m = members.count
        for a in 0..<m {
            for b in 0..<m {
                let naive = (0..<n).reduce(0.0) { $0 + v[$1] * x[members[a] * n + $1] * x[members[b] * n + $1] }
                #expect(abs(gram.entries[b * m + a] - naive) <= 1e-13 * max(abs(naive), 1e-300))
            }
            #expect(gram.diagonal(a) == gram.entries[a * m + a])
        }
    }

    /// Runs the solver along `lambdas` in one inner form; returns the certificates.
    static func path(_ form: NewtonInnerForm, design: ClassificationDesign, labels: [Int], l1Ratio: Double, fitIntercept: Bool,
                     box: CoordinateBox?, lambdas: [Double], tolerance: Double) throws -> [LogisticCertificate] {
        let p = design.featureCount
        var solver = try BinomialSolver(design: design, y: labels.map(Double.init), l1Ratio: l1Ratio,
                                        penaltyFactors: [Double](repeating: 1, count: p), fitIntercept: fitIntercept,
                                        tolerance: tolerance, maximumPasses: 1_000_000)
        solver.box = box
        solver.innerForm = form
        var previous = lambdas[0]
        var certificates: [LogisticCertificate] = []
        for lambda in lambdas {
            certificates.append(solver.solve(lambda: lambda, previousLambda: previous))
            previous = lambda
        }
        return certificates
    }

    /// Invariant: on breast_cancer.csv (nearly separable and collinear, where the covariance form
    /// matters) and on the generated fixture — lasso and elastic net, with and without an
    /// intercept, with a non-negativity box — each form certifies every λ at tolerance 1e-8, and
    /// the two primal objectives differ by at most the sum of the two duality gaps (each is
    /// within its gap of the same optimum).
    @Test func bothFormsReachTheSameOptimum() throws {
        let cases: [(data: String, l1Ratio: Double, fitIntercept: Bool, nonNegative: Bool)] = [
            ("breast", 1, true, false), ("breast", 0.5, true, false), ("breast", 1, false, false),
            ("breast", 1, true, true), ("generated", 1, true, false), ("generated", 0.3, true, true),
        ]
        for c in cases {
            let data = c.data == "breast" ? try Fixture.breastCancer : try Fixture.generated
            let (labels, _) = data.targetLabels!
            let design = try ClassificationDesign(x: data.features, standardize: true, fitIntercept: c.fitIntercept)
            let box = c.nonNegative ? try CoefficientLimits(lower: 0).box(scales: design.scales) : nil
            let probe = try BinomialSolver(design: design, y: labels.map(Double.init), l1Ratio: c.l1Ratio,
                                           penaltyFactors: [Double](repeating: 1, count: design.featureCount),
                                           fitIntercept: c.fitIntercept, tolerance: 1e-8, maximumPasses: 1)
            let top = probe.gradient.map { abs($0) / c.l1Ratio }.max()!
            let lambdas = (0..<30).map { top * pow(1e-3, Double($0 + 1) / 30) }
            let residual = try Self.path(.residual, design: design, labels: labels, l1Ratio: c.l1Ratio,
                                         fitIntercept: c.fitIntercept, box: box, lambdas: lambdas, tolerance: 1e-8)
            let covariance = try Self.path(.covariance, design: design, labels: labels, l1Ratio: c.l1Ratio,
                                           fitIntercept: c.fitIntercept, box: box, lambdas: lambdas, tolerance: 1e-8)
            for (l, (a, b)) in zip(residual, covariance).enumerated() {
                #expect(a.converged && b.converged, "\(c) λ[\(l)]: gaps \(a.relativeGap), \(b.relativeGap)")
                let bound = a.dualityGap + b.dualityGap + 1e-14 * abs(a.primalObjective)
                #expect(abs(a.primalObjective - b.primalObjective) <= bound, "\(c) λ[\(l)]")
            }
        }
    }
}
