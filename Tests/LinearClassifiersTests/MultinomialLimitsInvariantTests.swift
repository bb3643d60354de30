import DataIO
import Foundation
@testable import LinearClassifiers
import LinearAlgebra
import Modeling
import Testing
import TestSupport

/// Invariants of the multinomial certificate under limits and zero penalty factors, independent
/// of glmnet: the dual value at any point is a lower bound on the optimum (weak duality, so the
/// gap is a true bound), and the Newton-corrected dual point meets the unpenalized equalities.
@Suite struct MultinomialLimitsInvariantTests {
    /// The dual objective at perturbed, box-feasible coefficients never exceeds the certified
    /// primal optimum (P* ≥ D(θ) for every feasible θ), for the non-negative lasso and a
    /// two-sided box elastic net.
    @Test func dualIsALowerBoundAtArbitraryPoints() throws {
        let data = try MultinomialFixtureTests.iris
        let (labels, encoding) = data.targetLabels!
        for (l1Ratio, limits) in [(1.0, CoefficientLimits.nonnegative), (0.5, try CoefficientLimits(lower: -1, upper: 1))] {
            let parameters = try LogisticParameters(l1Ratio: l1Ratio, tolerance: 1e-10, limits: limits)
            let path = try MultinomialPath.fit(x: data.features, labels: labels, classes: encoding.classes, parameters: parameters,
                                               lambdas: .automatic(count: 20), featureNames: data.featureNames)
            let design = try Check.design(data, parameters: parameters)
            var generator = SystemRandomNumberGenerator()
            for l in stride(from: 2, to: path.lambdas.count, by: 4) {
                let optimum = path.certificates[l].primalObjective
                #expect(path.certificates[l].converged)
                for _ in 0..<5 {
                    let beta = path.coefficients[l].map { row in
                        row.map { min(max($0 + Double.random(in: -0.5...0.5, using: &generator), limits.lower[0]), limits.upper[0]) }
                    }
                    let a0 = path.intercepts[l].map { $0 + Double.random(in: -0.5...0.5, using: &generator) }
                    let other = try MultinomialCheck.certificate(beta, a0: a0, design: design, labels: labels, lambda: path.lambdas[l],
                                                                 parameters: parameters, penalty: .ungrouped)
                    #expect(other.dualObjective <= optimum + 1e-12 * abs(optimum),
                            "λ[\(l)]: dual \(other.dualObjective) above the optimum \(optimum)")
                    #expect(other.primalObjective >= optimum - path.certificates[l].dualityGap - 1e-12 * abs(optimum))
                }
            }
        }
    }

    /// μ from `MultinomialUnpenalizedBlock.dualPoint` is in the simplex and Σᵢ ωᵢx̃ᵢⱼ(Yᵢₖ − μᵢₖ) = 0
    /// for the intercepts and the unpenalized columns, every class, to rounding.
    @Test func correctedDualPointMeetsTheEqualities() throws {
        let data = try MultinomialFixtureTests.wine
        let (labels, _) = data.targetLabels!
        let parameters = try LogisticParameters(l1Ratio: 1)
        let design = try Check.design(data, parameters: parameters)
        let n = design.sampleCount, k = 3, features = [0, 12]
        // Near (not at) the unpenalized fit: its η plus a small perturbation.
        var factors = [Double](repeating: 1, count: design.featureCount)
        for j in features { factors[j] = 0 }
        var solver = try MultinomialSolver(design: design, labels: labels, classCount: k, l1Ratio: 1, penalty: .ungrouped,
                                           penaltyFactors: factors, fitIntercept: true, tolerance: 1e-7, maximumPasses: 1000)
        try solver.fitUnpenalized()
        var eta = solver.eta
        for c in 0..<k { for i in 0..<n { eta[c * n + i] += 0.05 * sin(Double(i * (c + 1))) } }
        let probability = MultinomialFunctions.evaluate(eta: eta, labels: labels, weights: design.weights, classes: k).probability
        let mu = try #require(MultinomialUnpenalizedBlock.dualPoint(probability: probability, labels: labels, classes: k,
                                                                    design: design, features: features, fitIntercept: true))
        for i in 0..<n {
            let total = (0..<k).reduce(0) { $0 + mu[$1 * n + i] }
            #expect(abs(total - 1) <= 1e-12 && (0..<k).allSatisfy { mu[$0 * n + i] >= 0 })
        }
        for c in 0..<k {
            let residual = (0..<n).map { design.weights[$0] * ((labels[$0] == c ? 1 : 0) - mu[c * n + $0]) }
            #expect(abs(residual.reduce(0, +)) <= 1e-13)
            let column = design.transposeTimes(residual)
            for j in features { #expect(abs(column[j]) <= 1e-13, "class \(c), feature \(j): \(column[j])") }
            #expect(column.contains { abs($0) > 1e-3 }, "the penalized columns are not forced to 0")
        }
    }
}
