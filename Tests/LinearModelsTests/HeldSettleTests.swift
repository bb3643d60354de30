import Foundation
@testable import LinearModels
import LinearAlgebra
import Testing
import TestSupport

/// The residual settle held back until the working set's own gap is small (`heldSettle`).
///
/// References:
/// - `restrictedGap`: the duality gap of the problem restricted to the working set, computed here
///   directly from r = y − Xβ by plain loops (primal (1/2n)‖r‖² + λαΣ|βⱼ| + λ(1−α)/2 Σβⱼ², dual
///   at s·r with s = min(1, minⱼ λα/|xⱼᵀr/n − λ(1−α)βⱼ|) over the members — the formula of
///   `ElasticNetCertificate`), to 1e-11 relative to P(0); the members' gradients it leaves in
///   `known` are the exact xⱼᵀr/n (1e-13);
/// - a whole path on the residual route (Gram route off, so every settle is held): every λ
///   certified (relative gap ≤ tolerance), and the held settle takes no more checks than the
///   unheld one would need at least — one per λ — and fewer full products than checks.
@Suite struct HeldSettleTests {
    @Test(arguments: [1.0, 0.5])
    func restrictedGapIsTheCertificateOfTheWorkingSet(l1Ratio: Double) throws {
        let (x, y) = ScreeningTests.wideDesign(rows: 50, columns: 400, seed: 13)
        let design = try Design(x: x, y: y, standardize: true, fitIntercept: true)
        let n = 50
        var solver = try CoordinateDescent(design: design, l1Ratio: l1Ratio, weights: [Double](repeating: 1, count: 400),
                                           tolerance: 1e-6, maxPasses: 1000)
        var start = [Double](repeating: 0, count: 400)
        start[17] = 0.3
        start[200] = -0.2
        start[91] = 0.05
        solver.warmStart(start)
        let members = [4, 17, 90, 91, 200, 333, 399]
        let lambda = 0.05
        let (l1, l2) = (lambda * l1Ratio, lambda * (1 - l1Ratio))
        let estimate = solver.restrictedGap(members, l1: l1, l2: l2)
        let r = design.residual(of: start)
        var square = 0.0, responseDot = 0.0
        for i in 0..<n {
            square += r[i] * r[i]
            responseDot += design.response[i] * r[i]
        }
        square /= Double(n)
        responseDot /= Double(n)
        var scale = 1.0
        for j in members {
            var g = 0.0
            for i in 0..<n { g += design.columns[j * n + i] * r[i] }
            g /= Double(n)
            #expect(abs(solver.known.gradient[j] - g) <= 1e-13)
            #expect(solver.known.gradientAt[j] == solver.known.version)
            scale = min(scale, l1 / max(abs(g - l2 * start[j]), l1))
        }
        let ridge = start.reduce(0) { $0 + $1 * $1 }
        let primal = square / 2 + l1 * start.reduce(0) { $0 + abs($1) } + l2 / 2 * ridge
        let dual = scale * responseDot - scale * scale * (square + l2 * ridge) / 2
        #expect(abs(estimate - (primal - dual)) <= 1e-11 * design.nullObjective)
        #expect(primal - dual > 0)
    }

    @Test(arguments: [1e-3, 1e-6])
    func heldResidualPathIsCertifiedWithFewFullProducts(tolerance: Double) throws {
        let (x, y) = ScreeningTests.wideDesign(rows: 60, columns: 1200, seed: 31)
        let design = try Design(x: x, y: y, standardize: true, fitIntercept: true)
        let p = design.featureCount
        let top = lambdaMax(gradient: design.correlations(design.response), weights: [Double](repeating: 1, count: p), l1Ratio: 1)
        let lambdas = (0..<50).map { top * pow(0.01, Double($0) / 49) }
        var solver = try CoordinateDescent(design: design, l1Ratio: 1, weights: [Double](repeating: 1, count: p),
                                           tolerance: tolerance, maxPasses: 1_000_000)
        solver.usesGram = false
        var previous = lambdas[0]
        for lambda in lambdas {
            let certificate = solver.solve(lambda: lambda, previousLambda: previous)
            previous = lambda
            #expect(certificate.converged && certificate.relativeGap <= tolerance)
        }
        #expect(solver.effort.checks >= lambdas.count)
        #expect(solver.effort.fullProducts < solver.effort.checks)
    }
}
