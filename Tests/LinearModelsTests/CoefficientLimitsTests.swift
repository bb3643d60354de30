import Foundation
@testable import LinearModels
import LinearAlgebra
import Testing
import TestSupport
import Modeling

/// Coefficient limits (glmnet's `lower.limits` / `upper.limits`) on the Gaussian paths, against
/// R glmnet 4.1.6 (Fixtures/make_glmnet_limits_fixtures.R, thresh = 1e-14), at glmnet's λ values.
///
/// Tolerance, from the duality gaps, as in `GlmnetFixtureTests`: for feasible β (inside the
/// box) P(β) − P(β*) ≥ (1/2n)‖X(β − β*)‖² still holds (β* minimizes a quadratic plus a convex
/// function over a convex set), so two feasible solutions with gaps g₁, g₂ have fitted values
/// within √(2g₁) + √(2g₂). Ours is the path's certificate; glmnet's is the box-constrained dual
/// gap evaluated here at its coefficients (`boxGap`, written out independently of the solver's
/// check, from `CoordinateBox.conjugate`).
///
/// Rounding slack: a gap is the difference of P and D, both of the size of P(0), so it is known
/// only to about κ·ε·P(0) (κ = 16 ulps for the sums forming them); each gap term therefore gets
/// √(2κε·P(0)). (At λ near λ_max the two solutions' objectives agree to 1 ulp of P while their
/// fitted values differ by 2.6e-7 ≈ √(2·3e-14): below what any gap can resolve.)
@Suite struct CoefficientLimitsTests {
    /// The box-constrained duality gap at original-scale coefficients (every penalty factor 1):
    /// θ = s·r, s the largest in (0, 1] keeping every conjugate finite (see `certifyBoxed`).
    static func slack(_ design: Design) -> Double { 2 * (2 * 16 * Double.ulpOfOne * design.nullObjective).squareRoot() }

    static func boxGap(of coefficients: [Double], design: Design, box: CoordinateBox, lambda: Double, l1Ratio: Double) -> Double {
        let beta = zip(coefficients, design.scales).map { $0 * $1 }.enumerated().map { box.clamp($0.element, $0.offset) }
        let r = design.residual(of: beta)
        let g = design.correlations(r)
        let n = Double(design.sampleCount)
        let (c, d) = (lambda * l1Ratio, lambda * (1 - l1Ratio))
        var s = 1.0
        for j in g.indices { s = min(s, box.largestScale(g[j], threshold: c, ridge: d, j)) }
        let rr = r.reduce(0) { $0 + $1 * $1 } / n
        let yr = zip(design.response, r).reduce(0) { $0 + $1.0 * $1.1 } / n
        let primal = rr / 2 + c * beta.reduce(0) { $0 + abs($1) } + d / 2 * beta.reduce(0) { $0 + $1 * $1 }
        var dual = s * yr - s * s * rr / 2
        for j in g.indices { dual -= box.conjugate(s * g[j], threshold: c, ridge: d, j) }
        return max(0, primal - dual)
    }

    @Test func nonnegativeLassoPathMatchesGlmnet() throws {
        let fixture = try Fixture.json("glmnet_diabetes_lasso_nonnegative.json")
        let data = try Fixture.diabetes
        let parameters = try ElasticNetParameters(l1Ratio: 1, tolerance: 1e-12, limits: .nonnegative)
        let path = try ElasticNetPath.fit(x: data.features, y: data.targetValues!, parameters: parameters,
                                          lambdas: .values(fixture.numbers("lambda")), featureNames: data.featureNames)
        let design = path.design
        let box = try CoefficientLimits.nonnegative.box(scales: design.scales)
        let betas = fixture.matrix("beta"), a0 = fixture.numbers("a0")
        let slack = Self.slack(design)
        var someBind = false
        for (l, lambda) in path.lambdas.enumerated() {
            let certificate = path.certificates[l]
            #expect(certificate.converged)
            #expect(path.coefficients[l].allSatisfy { $0 >= 0 })
            someBind = someBind || betas[l].contains(0) && design.correlations(design.residual(of: path.standardizedCoefficients[l])).contains { $0 < -lambda }
            let peerGap = Self.boxGap(of: betas[l], design: design, box: box, lambda: lambda, l1Ratio: 1)
            let bound = (2 * certificate.dualityGap).squareRoot() + (2 * peerGap).squareRoot() + slack
            let distance = Check.predictionDistance(path.coefficients[l], betas[l], design: design)
            #expect(distance <= bound, "λ[\(l)] = \(lambda): fitted values differ by \(distance) > \(bound)")
            // Our own gap, recomputed independently of the solver's check, agrees with the certificate's.
            let recomputed = Self.boxGap(of: path.coefficients[l], design: design, box: box, lambda: lambda, l1Ratio: 1)
            #expect(recomputed <= certificate.dualityGap + 1e-10 * design.nullObjective)
            #expect(certificate.maximumKKTViolation <= 1e-5 * lambda)
            let meanPrediction = path.intercepts[l] + zip(design.means, path.coefficients[l]).reduce(0) { $0 + $1.0 * $1.1 }
            let peerMeanPrediction = a0[l] + zip(design.means, betas[l]).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(abs(meanPrediction - peerMeanPrediction) <= 1e-9 * abs(design.responseMean))
        }
        // The limit binds: some feature with a correlation beyond −λ is held at 0.
        #expect(someBind)
        // The automatic grid starts at glmnet's λ_max, which ignores the limits.
        let auto = try ElasticNetPath.fit(x: data.features, y: data.targetValues!, parameters: parameters, lambdas: .automatic(count: 3))
        #expect(Approximate.close(auto.lambdas[0], fixture.numbers("lambda")[0], relative: 1e-12))
    }

    /// The elastic net in a box [−10, 20], at glmnet's (λ_g, α_g) mapped to ours (glmnet scales y
    /// by its sd for the ridge part; see `GlmnetFixtureTests`), single fits at every third λ.
    @Test func elasticNetInABoxMatchesGlmnet() throws {
        let fixture = try Fixture.json("glmnet_diabetes_enet_box.json")
        let data = try Fixture.diabetes
        let limits = try CoefficientLimits(lower: -10, upper: 20)
        let y = data.targetValues!
        let mean = y.reduce(0, +) / Double(y.count)
        let sy = (y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(y.count)).squareRoot()
        let alphaG = 0.5
        let betas = fixture.matrix("beta")
        var atLimit = 0
        for (l, lambdaG) in fixture.numbers("lambda").enumerated() where l % 3 == 1 {
            let lambda = lambdaG * (alphaG + (1 - alphaG) / sy)
            let alpha = lambdaG * alphaG / lambda
            let parameters = try ElasticNetParameters(l1Ratio: alpha, tolerance: 1e-12, limits: limits)
            let model = try LinearRegression.fit(x: data.features, y: y, lambda: lambda, parameters: parameters)
            let design = try Design(x: data.features, y: y, standardize: true, fitIntercept: true)
            let box = try limits.box(scales: design.scales)
            guard case let .elasticNet(certificate) = model.certificate else { Issue.record("no certificate"); return }
            #expect(certificate.converged)
            #expect(model.coefficients.allSatisfy { $0 >= -10 - 1e-9 && $0 <= 20 + 1e-9 })
            atLimit += model.coefficients.filter { abs($0 + 10) < 1e-9 || abs($0 - 20) < 1e-9 }.count
            let peerGap = Self.boxGap(of: betas[l], design: design, box: box, lambda: lambda, l1Ratio: alpha)
            let bound = (2 * certificate.dualityGap).squareRoot() + (2 * peerGap).squareRoot() + Self.slack(design)
            #expect(Check.predictionDistance(model.coefficients, betas[l], design: design) <= bound,
                    "λ[\(l)]: our gap \(certificate.dualityGap), glmnet's \(peerGap), ours \(model.coefficients), glmnet \(betas[l])")
        }
        #expect(atLimit > 0)
    }

    /// The conjugate h*(ξ) = sup_{l ≤ b ≤ u} ξb − c|b| − (d/2)b² against a brute-force maximum
    /// over a fine grid of b (closed form vs definition), and its infinite cases.
    @Test func boxConjugateIsTheSupremum() throws {
        let box = CoordinateBox(lower: [-0.7, 0, -.infinity], upper: [1.3, .infinity, 0])
        for j in 0..<2 {
            for (c, d) in [(0.5, 0.0), (0.5, 2.0), (0.0, 1.0)] {
                for xi in stride(from: -3.0, through: 3.0, by: 0.37) {
                    let (lo, hi) = (box.lower[j], min(box.upper[j], 10))
                    var best = -Double.infinity
                    for k in 0...20_000 {
                        let b = lo + (hi - lo) * Double(k) / 20_000
                        best = max(best, xi * b - c * abs(b) - d / 2 * b * b)
                    }
                    let closed = box.conjugate(xi, threshold: c, ridge: d, j)
                    if j == 1, d == 0, xi > c { #expect(closed == .infinity); continue }
                    #expect(abs(closed - best) <= 1e-6, "j \(j) c \(c) d \(d) ξ \(xi): \(closed) vs \(best)")
                }
            }
        }
        // One-sided: β ≤ 0 with the lasso leaves only ξ ≥ −c as a constraint.
        #expect(box.conjugate(-2, threshold: 1, ridge: 0, 2) == .infinity)
        #expect(box.conjugate(5, threshold: 1, ridge: 0, 2) == 0)
        #expect(box.largestScale(-2, threshold: 1, ridge: 0, 2) == 0.5)
        #expect(box.largestScale(5, threshold: 1, ridge: 0, 2) == 1)
    }

    @Test func limitsThatDoNotContainZeroAreRefused() throws {
        #expect(throws: LagrangeError.self) { try CoefficientLimits(lower: 0.5) }
        #expect(throws: LagrangeError.self) { try CoefficientLimits(upper: -1) }
        #expect(throws: LagrangeError.self) { try CoefficientLimits(lower: .nan) }
        #expect(throws: LagrangeError.self) { try ElasticNetParameters(l1Ratio: 0, limits: .nonnegative) }
        let data = try Fixture.diabetes
        let factors = [0.0] + [Double](repeating: 1, count: 9)
        let parameters = try ElasticNetParameters(l1Ratio: 1, penaltyFactors: factors, limits: .nonnegative)
        #expect(throws: LagrangeError.self) {
            try ElasticNetPath.fit(x: data.features, y: data.targetValues!, parameters: parameters, lambdas: .automatic(count: 5))
        }
    }

    /// A box wide enough never to bind gives the unconstrained path (same λ grid, coefficients
    /// within the gaps' bound), through the residual solver instead of the covariance one.
    @Test func looseLimitsGiveTheUnconstrainedPath() throws {
        let data = try Fixture.diabetes
        let free = try ElasticNetPath.fit(x: data.features, y: data.targetValues!,
                                          parameters: try ElasticNetParameters(l1Ratio: 0.8, tolerance: 1e-12),
                                          lambdas: .automatic(count: 20))
        let boxed = try ElasticNetPath.fit(x: data.features, y: data.targetValues!,
                                           parameters: try ElasticNetParameters(l1Ratio: 0.8, tolerance: 1e-12,
                                                                                limits: try CoefficientLimits(lower: -1e6, upper: 1e6)),
                                           lambdas: .automatic(count: 20))
        #expect(free.lambdas == boxed.lambdas)
        for l in free.lambdas.indices {
            let bound = (2 * free.certificates[l].dualityGap).squareRoot() + (2 * boxed.certificates[l].dualityGap).squareRoot()
                + Self.slack(free.design)
            #expect(Check.predictionDistance(free.coefficients[l], boxed.coefficients[l], design: free.design) <= bound)
        }
    }
}
