import Foundation
@testable import LinearModels
import Testing

/// Whole lasso paths on one wide design (`ScreeningTests.wideDesign`, 60 × 600, 30 λ from λ_max to
/// λ_max/100) solved by differently configured solvers, and the check that they agree: each
/// certifies its own gap at every λ, so their primal values differ by at most the larger gap.
enum PathVariants {
    /// The certificates and effort of each variant (`configure` sets up a fresh solver).
    static func solve(tolerance: Double, _ variants: [(inout CoordinateDescent) -> Void]) throws
        -> (design: Design, certificates: [[ElasticNetCertificate]], efforts: [SolverEffort]) {
        let (x, y) = ScreeningTests.wideDesign(rows: 60, columns: 600, seed: 44)
        let design = try Design(x: x, y: y, standardize: true, fitIntercept: true)
        let p = 600
        let top = lambdaMax(gradient: design.correlations(design.response), weights: [Double](repeating: 1, count: p), l1Ratio: 1)
        let lambdas = (0..<30).map { top * pow(0.01, Double($0) / 29) }
        var certificates: [[ElasticNetCertificate]] = [], efforts: [SolverEffort] = []
        for configure in variants {
            var solver = try CoordinateDescent(design: design, l1Ratio: 1, weights: [Double](repeating: 1, count: p),
                                               tolerance: tolerance, maxPasses: 1_000_000)
            configure(&solver)
            var previous = lambdas[0], path: [ElasticNetCertificate] = []
            for lambda in lambdas {
                path.append(solver.solve(lambda: lambda, previousLambda: previous))
                previous = lambda
            }
            certificates.append(path)
            efforts.append(solver.effort)
        }
        return (design, certificates, efforts)
    }

    /// Every variant converged within `tolerance` at every λ, and each pair's primal values differ
    /// by at most the larger of their gaps.
    static func expectAgreement(_ design: Design, _ certificates: [[ElasticNetCertificate]], tolerance: Double) {
        for l in certificates[0].indices {
            for v in 1..<certificates.count {
                let (a, b) = (certificates[0][l], certificates[v][l])
                #expect(a.converged && b.converged && a.relativeGap <= tolerance && b.relativeGap <= tolerance)
                #expect(abs(a.primalObjective - b.primalObjective) <= max(a.dualityGap, b.dualityGap) + 1e-14 * design.nullObjective)
            }
        }
    }
}
