import Foundation
@testable import LinearClassifiers
import LinearAlgebra
import Modeling
import Testing

/// The ungrouped solver's economies at the small-λ end (`MultinomialSolver.checksEarly`, the
/// face Newton step, the secant warm start): they change the work, never the certificate.
@Suite struct MultinomialFaceNewtonTests {
    /// An equicorrelated design (pairwise correlation 0.5) with 8 signal features and labels drawn
    /// from the softmax model, as `multinomial_bench.py`'s `data(n, p, K)` on a smaller scale.
    static func data(n: Int = 300, p: Int = 24, k: Int = 4, seed: UInt64 = 7) -> (Matrix, [Int]) {
        var generator = SeededGenerator(seed: seed)
        func normal() -> Double {
            let u = Double.random(in: Double.ulpOfOne..<1, using: &generator), v = Double.random(in: 0..<1, using: &generator)
            return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
        }
        let coefficients = (0..<(8 * k)).map { _ in 0.8 * normal() }
        var storage = [Double](repeating: 0, count: n * p)
        var labels = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let common = normal()
            for j in 0..<p { storage[i * p + j] = 0.5.squareRoot() * (normal() + common) }
            let eta = (0..<k).map { c in (0..<8).reduce(0.0) { $0 + storage[i * p + $1] * coefficients[$1 * k + c] } }
            let top = eta.max()!
            let weights = eta.map { exp($0 - top) }
            var u = Double.random(in: 0..<1, using: &generator) * weights.reduce(0, +)
            var label = k - 1
            for c in 0..<k {
                u -= weights[c]
                if u < 0 { label = c; break }
            }
            labels[i] = label
        }
        return (try! Matrix(rows: n, columns: p, storage: storage), labels)
    }

    func path(_ x: Matrix, _ labels: [Int], k: Int, tolerance: Double, l1Ratio: Double = 1,
              grid: LambdaGrid = .automatic(count: 60, minRatio: 1e-4)) throws -> MultinomialPath {
        try MultinomialPath.fit(x: x, labels: labels, classes: (0..<k).map(String.init),
                                parameters: try LogisticParameters(l1Ratio: l1Ratio, tolerance: tolerance),
                                penalty: .ungrouped, lambdas: grid)
    }

    /// Down to 1e-4·λ_max every feature is active, so the early checks and the face steps run.
    /// Every λ of the loose path is certified, and its objective lies within the two gaps of a
    /// path fitted at 1e-10: P_loose − P_tight ≤ gap_loose + gap_tight (both are ≥ P*).
    @Test(arguments: [1.0, 0.6]) func looseFitsLieWithinTheirGapsOfTightOnes(l1Ratio: Double) throws {
        let (x, labels) = Self.data()
        let tight = try path(x, labels, k: 4, tolerance: 1e-10, l1Ratio: l1Ratio)
        // The same λ (an automatic grid may stop early at a different point).
        let loose = try path(x, labels, k: 4, tolerance: 1e-2, l1Ratio: l1Ratio, grid: .values(tight.lambdas))
        #expect(loose.nonzeroCounts.last == 24)
        for (l, (a, b)) in zip(loose.certificates, tight.certificates).enumerated() {
            #expect(a.converged && a.relativeGap <= 1e-2, "λ[\(l)] gap \(a.relativeGap)")
            #expect(b.converged && b.relativeGap <= 1e-10, "λ[\(l)] tight gap \(b.relativeGap)")
            let slack = 1e-12 * b.primalObjective
            #expect(abs(a.primalObjective - b.primalObjective) <= a.dualityGap + b.dualityGap + slack,
                    "λ[\(l)]: \(a.primalObjective) vs \(b.primalObjective), gaps \(a.dualityGap), \(b.dualityGap)")
        }
    }

    /// Face Newton steps from a rough point (the previous λ's solution) never raise the
    /// objective and keep the signs of the coefficients they move (one may land on 0); when the
    /// support stays, four of them (at a tight tolerance) leave the KKT violation on the support
    /// a millionth of what it was (Newton's quadratic convergence on the face).
    @Test func faceStepLowersTheObjectiveOnItsFace() throws {
        let (x, labels) = Self.data(n: 400, p: 16, k: 3, seed: 11)
        let design = try ClassificationDesign(x: x, sampleWeights: nil, standardize: true, fitIntercept: true,
                                              featureNames: (0..<16).map { "x\($0)" })
        var solver = try MultinomialSolver(design: design, labels: labels, classCount: 3, l1Ratio: 1, penalty: .ungrouped,
                                           penaltyFactors: [Double](repeating: 1, count: 16), fitIntercept: true,
                                           tolerance: 1e-10, maximumPasses: 100_000)
        let top = solver.scores(solver.gradient).max()!
        _ = solver.solve(lambda: 0.05 * top, previousLambda: top)
        // A rough point for the next λ: the solution at the last one (the softmax and gradient
        // afresh; the loss gradient does not depend on λ).
        let lambda = 0.04 * top
        var start = solver
        start.refreshPredictor()
        start.gradient = start.fullGradient()
        func objective(_ s: MultinomialSolver) -> Double {
            SoftmaxPoint(eta: s.eta, labels: labels, weights: design.weights, classes: 3).loss + s.penaltyValue(s.beta, lambda: lambda)
        }
        func supportViolation(_ s: MultinomialSolver) -> Double {
            var worst = 0.0
            for (index, b) in s.beta.enumerated() where b != 0 {
                worst = max(worst, abs(s.gradient[index] - lambda * (b > 0 ? 1 : -1)))
            }
            return worst
        }
        let violationBefore = supportViolation(start)
        var stepped = start
        var movedEvery = true
        // Newton on the face: a few steps, each lowering the objective and keeping the signs.
        for _ in 0..<4 {
            let previous = stepped, before = objective(stepped)
            let (_, moved) = stepped.faceNewtonStep(lambda: lambda)
            movedEvery = movedEvery && moved
            stepped.refreshPredictor()
            stepped.gradient = stepped.fullGradient()
            #expect(objective(stepped) <= before + 1e-15 * abs(before))
            for (a, b) in zip(previous.beta, stepped.beta) where b != 0 { #expect(a != 0 && (a > 0) == (b > 0)) }
        }
        #expect(violationBefore > 1e-4)
        // On this instance the support stays (19 coefficients) and every step moves (measured:
        // 2.4e-3 → 1.2e-13).
        #expect(movedEvery)
        #expect(stepped.beta.filter({ $0 != 0 }).count == start.beta.filter({ $0 != 0 }).count)
        #expect(supportViolation(stepped) <= 1e-6 * violationBefore)
    }
}
