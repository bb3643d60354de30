import Foundation
@testable import LinearModels
import LinearAlgebra
import Testing
import TestSupport

/// Gap-safe screening and the correlation bounds behind the wide solver's checks.
///
/// Reference for "safe": a feature screened at λ must be zero at the optimum of λ. The optimum is
/// represented two ways: R glmnet 4.1.6's coefficients at thresh = 1e-14
/// (Fixtures/make_glmnet_fixtures.R, the 40 × 100 wide design), which are exactly zero wherever
/// glmnet's own coordinate update leaves them at zero; and, on a larger generated design, a fit
/// of ours at relative gap 1e-13 together with the KKT conditions computed here from scratch
/// (at a β whose gap is g, |xⱼᵀr/n| differs from the optimum's by at most √(2g) for unit-variance
/// columns, so a screened feature must satisfy |xⱼᵀr/n| ≤ λ + 2√(2g) there, computed from scratch).
@Suite struct ScreeningTests {
    /// Runs the wide solver along `lambdas` and returns, per λ, the screened set and the certificate.
    func screenedSets(_ design: Design, lambdas: [Double], tolerance: Double) throws -> [(screened: [Int], certificate: ElasticNetCertificate)] {
        let p = design.featureCount
        var solver = try CoordinateDescent(design: design, l1Ratio: 1, weights: [Double](repeating: 1, count: p),
                                           tolerance: tolerance, maxPasses: 100_000)
        var previous = lambdas[0]
        var out: [(screened: [Int], certificate: ElasticNetCertificate)] = []
        for lambda in lambdas {
            let certificate = solver.solve(lambda: lambda, previousLambda: previous)
            previous = lambda
            out.append(((0..<p).filter { solver.screening.screened[$0] }, certificate))
            // Screening only ever removes features that are zero in the current iterate.
            #expect(solver.screening.screened.indices.allSatisfy { !solver.screening.screened[$0] || solver.beta[$0] == 0 })
        }
        return out
    }

    @Test func screenedFeaturesAreZeroInGlmnetsSolution() throws {
        let fixture = try Fixture.json("glmnet_wide_lasso.json")
        let data = try Fixture.wide
        let design = try Design(x: data.features, y: data.targetValues!, standardize: true, fitIntercept: true)
        let lambdas = fixture.numbers("lambda")
        let betas = fixture.matrix("beta")
        var total = 0
        for tolerance in [1e-3, 1e-6, 1e-10] {
            for (l, result) in try screenedSets(design, lambdas: lambdas, tolerance: tolerance).enumerated() {
                #expect(result.certificate.converged)
                for j in result.screened {
                    #expect(betas[l][j] == 0, "λ[\(l)]: feature \(j) screened at tolerance \(tolerance), glmnet has \(betas[l][j])")
                }
                total += result.screened.count
            }
        }
        #expect(total > 1000)   // the rule does screen (p = 100, 40 λ, three tolerances)
    }

    @Test func screenedFeaturesAreZeroAtTheOptimumOfAWideDesign() throws {
        let (x, y) = Self.wideDesign(rows: 60, columns: 600, seed: 11)
        let design = try Design(x: x, y: y, standardize: true, fitIntercept: true)
        let top = lambdaMax(gradient: design.correlations(design.response), weights: [Double](repeating: 1, count: 600), l1Ratio: 1)
        let lambdas = (0..<30).map { top * pow(0.01, Double($0) / 29) }
        let reference = try ElasticNetPath.fit(design: design, parameters: try ElasticNetParameters(l1Ratio: 1, tolerance: 1e-13),
                                               lambdas: .values(lambdas), featureNames: (1...600).map { "x\($0)" })
        var screenedTotal = 0
        for tolerance in [1e-2, 1e-4, 1e-7] {
            for (l, result) in try screenedSets(design, lambdas: lambdas, tolerance: tolerance).enumerated() {
                let beta = reference.standardizedCoefficients[l]
                let gap = reference.certificates[l].dualityGap
                let g = design.correlations(design.residual(of: beta))
                for j in result.screened {
                    #expect(beta[j] == 0)
                    // The zero-coefficient KKT condition, from scratch, within the reference's slack.
                    #expect(abs(g[j]) <= lambdas[l] + 2 * (2 * gap).squareRoot() + 1e-12)
                }
                screenedTotal += result.screened.count
            }
        }
        #expect(screenedTotal > 10_000)
        // The path reports the counts, and a count never exceeds the zero coefficients.
        let path = try ElasticNetPath.fit(design: design, parameters: try ElasticNetParameters(l1Ratio: 1, tolerance: 1e-4),
                                          lambdas: .values(lambdas), featureNames: (1...600).map { "x\($0)" })
        #expect(path.screenedCounts.count == lambdas.count)
        #expect(zip(path.screenedCounts, path.nonzeroCounts).allSatisfy { $0 + $1 <= 600 })
        #expect(path.screenedCounts.reduce(0, +) > 0)
    }

    /// With screening and bounded correlations the certificate's dual value must still bound the
    /// optimum from below: D(θ) ≤ P(β*) ≤ P(β_ref) for a reference fit at gap 1e-13 (elastic net,
    /// α = 0.7, one unpenalized feature, so the projected dual residual is used); and its primal
    /// value is the objective of its β computed here from scratch (1e-12 relative).
    @Test func certificatesStayValidLowerBoundsOnAWideElasticNet() throws {
        let (x, y) = Self.wideDesign(rows: 60, columns: 400, seed: 3)
        let factors = [0.0] + [Double](repeating: 1, count: 399)
        let loose = try ElasticNetParameters(l1Ratio: 0.7, penaltyFactors: factors, tolerance: 1e-3)
        let tight = try ElasticNetParameters(l1Ratio: 0.7, penaltyFactors: factors, tolerance: 1e-13)
        let path = try ElasticNetPath.fit(x: x, y: y, parameters: loose, lambdas: .automatic(count: 25))
        let reference = try ElasticNetPath.fit(x: x, y: y, parameters: tight, lambdas: .values(path.lambdas))
        let design = path.design
        #expect(path.screenedCounts.reduce(0, +) > 0)
        for l in path.lambdas.indices {
            let certificate = path.certificates[l]
            #expect(certificate.converged)
            #expect(certificate.dualObjective <= reference.certificates[l].primalObjective + 1e-12 * design.nullObjective)
            let direct = Check.certificate(of: path.coefficients[l], design: design, lambda: path.lambdas[l], l1Ratio: 0.7,
                                           weights: path.penaltyFactors)
            #expect(abs(direct.primalObjective - certificate.primalObjective) <= 1e-12 * design.nullObjective)
        }
    }

    /// The covariance route reports counts too (tall fixture), never more than its zero coefficients.
    @Test func covarianceRouteReportsScreenedCounts() throws {
        let data = try Fixture.tall
        let path = try ElasticNetPath.fit(x: data.features, y: data.targetValues!, parameters: try ElasticNetParameters(l1Ratio: 1, tolerance: 1e-8),
                                          lambdas: .automatic(count: 30, minRatio: 1e-2))
        #expect(zip(path.screenedCounts, path.nonzeroCounts).allSatisfy { $0 + $1 <= 80 })
        #expect(path.screenedCounts.reduce(0, +) > 0)
    }

    /// `CorrelationBounds`: for vectors near and far from the span of the references, every bound
    /// is ≥ the exact |xⱼᵀρ|/n (computed here as a plain sum), and for a reference itself the
    /// projected part equals it to rounding (1e-12 relative to √vⱼ‖ρ‖/√n).
    @Test func correlationBoundsBoundTheExactCorrelations() throws {
        let (x, y) = Self.wideDesign(rows: 50, columns: 300, seed: 5)
        let design = try Design(x: x, y: y, standardize: true, fitIntercept: true)
        let n = design.sampleCount
        var bounds = CorrelationBounds(design: design, reference: design.response)
        var generator = TestSupport.SplitMix64(seed: 99)
        var current = design.response
        for step in 0..<(CorrelationBounds.capacity + 4) {
            // A random walk: each vector a small move from the last, sometimes a reference.
            current = current.map { $0 + 0.3 * (Double(generator.next() % 2001) / 1000 - 1) }
            if step % 2 == 0 { bounds.refresh(design: design, reference: current) }
            let split = bounds.split(current)
            var upper = [Double](repeating: 0, count: 300), projected = upper
            bounds.fill(split, exact: false, include: nil, into: &upper)
            bounds.fill(split, exact: true, include: nil, into: &projected)
            let norm = (current.reduce(0) { $0 + $1 * $1 } / Double(n)).squareRoot()
            for j in 0..<300 {
                var exact = 0.0
                for i in 0..<n { exact += design.columns[j * n + i] * current[i] }
                exact /= Double(n)
                #expect(abs(exact) <= upper[j])
                if step % 2 == 0 { #expect(abs(projected[j] - exact) <= 1e-12 * norm) }
            }
        }
    }

    /// n × p design with pairwise correlation 0.3 (a shared factor), 10 true non-zeros, noise sd 1.
    static func wideDesign(rows n: Int, columns p: Int, seed: UInt64) -> (Matrix, [Double]) {
        var generator = TestSupport.SplitMix64(seed: seed)
        func normal() -> Double {
            let u = (Double(generator.next() >> 11) + 0.5) / 9_007_199_254_740_992
            let v = (Double(generator.next() >> 11) + 0.5) / 9_007_199_254_740_992
            return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
        }
        var x = Matrix.zeros(n, p)
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let shared = normal()
            for j in 0..<p { x[i, j] = 0.3.squareRoot() * shared + 0.7.squareRoot() * normal() }
            for j in 0..<10 { y[i] += (j % 2 == 0 ? 1.5 : -1) * x[i, j] }
            y[i] += normal()
        }
        return (x, y)
    }
}
