import Foundation
@testable import LinearModels
import LinearAlgebra
import Testing
import TestSupport

/// The extrapolated dual point of the wide solver (`ResidualExtrapolation`).
///
/// Reference: weak duality. Whatever the extrapolation returns, the dual value the certificate
/// reports must not exceed the optimum P(β*) ≤ P(β_ref) of a reference fit at relative gap 1e-13
/// (made with the extrapolation off, so the reference does not depend on what is tested); and
/// the fits with it on and off must agree to what their gaps allow (for unit-variance columns,
/// ‖X(β − β*)‖²/(2n) ≤ gap, so the fitted values differ by at most 2√(2·gap) in RMS).
@Suite struct ExtrapolationTests {
    func solve(_ design: Design, lambdas: [Double], tolerance: Double, extrapolates: Bool) throws -> [(beta: [Double], certificate: ElasticNetCertificate)] {
        let p = design.featureCount
        var solver = try CoordinateDescent(design: design, l1Ratio: 1, weights: [Double](repeating: 1, count: p),
                                           tolerance: tolerance, maxPasses: 100_000)
        solver.extrapolates = extrapolates
        var previous = lambdas[0]
        return lambdas.map { lambda in
            let certificate = solver.solve(lambda: lambda, previousLambda: previous)
            previous = lambda
            return (solver.beta, certificate)
        }
    }

    @Test func extrapolatedDualValuesStayBelowTheOptimum() throws {
        let (x, y) = ScreeningTests.wideDesign(rows: 60, columns: 600, seed: 17)
        let design = try Design(x: x, y: y, standardize: true, fitIntercept: true)
        let top = lambdaMax(gradient: design.correlations(design.response), weights: [Double](repeating: 1, count: 600), l1Ratio: 1)
        let lambdas = (0..<40).map { top * pow(0.01, Double($0) / 39) }
        let reference = try solve(design, lambdas: lambdas, tolerance: 1e-13, extrapolates: false)
        let slack = 1e-12 * design.nullObjective
        for tolerance in [1e-3, 1e-6, 1e-9] {
            let fits = try solve(design, lambdas: lambdas, tolerance: tolerance, extrapolates: true)
            for l in lambdas.indices {
                let (beta, certificate) = fits[l]
                #expect(certificate.converged)
                #expect(certificate.dualObjective <= reference[l].certificate.primalObjective + slack)
                // The primal value is that of β, from scratch.
                let r = design.residual(of: beta)
                let primal = r.reduce(0) { $0 + $1 * $1 } / Double(2 * design.sampleCount) + lambdas[l] * beta.reduce(0) { $0 + abs($1) }
                #expect(abs(primal - certificate.primalObjective) <= slack)
                // Fitted values agree with the reference's within the two gaps.
                let rr = design.residual(of: reference[l].beta)
                let rms = (zip(r, rr).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(design.sampleCount)).squareRoot()
                let allowance = (2 * certificate.dualityGap).squareRoot() + (2 * reference[l].certificate.dualityGap).squareRoot()
                #expect(rms <= allowance + 1e-9)
            }
        }
    }
}
