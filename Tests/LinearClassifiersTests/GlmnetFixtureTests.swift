import Foundation
@testable import LinearClassifiers
import LinearAlgebra
import Modeling
import Testing
import TestSupport

/// Binomial paths against R glmnet 4.1.6 (Fixtures/make_glmnet_fixtures.R, thresh = 1e-14), on
/// Lagrange's own automatic grid: the same λ_max, the same grid and the same early end.
///
/// Tolerances, from the duality gaps. Both solutions lie within their gaps of the optimum:
/// P* ≤ P(ours) ≤ P* + g₁ and P* ≤ P(glmnet) ≤ P* + g₂, g₂ measured by evaluating our
/// certificate at glmnet's coefficients; so |P(ours) − P(glmnet)| ≤ max(g₁, g₂).
/// - Elastic net (α < 1): P is μ-strongly convex in β with μ = λ(1−α) on the standardized scale,
///   so ‖β − β*‖ ≤ √(2g/μ) for either solution and ‖β₁ − β₂‖ ≤ √(2g₁/μ) + √(2g₂/μ).
/// - Any α: P − P* ≥ (κ/2)‖η − η*‖²_ω where κ bounds p(1−p) from below between the two
///   predictors (the Bregman divergence of the loss; the penalty part is ≥ 0 at the optimum's
///   subgradient); κ is taken as the smallest pᵢ(1−pᵢ) at either fit, halved for the segment.
///   So ‖η₁ − η₂‖_ω ≤ √(2g₁/κ) + √(2g₂/κ).
/// - glmnet's dev.ratio: the loss is 1-Lipschitz in ‖·‖_ω, so |Δ dev.ratio| ≤ ‖η₁ − η₂‖_ω / L₀.
@Suite struct GlmnetFixtureTests {
    static let tolerance = 1e-10

    func compare(_ path: LogisticPath, fixture: [String: Any], design: ClassificationDesign, labels: [Int],
                 l1Ratio: Double) throws {
        let lambdas = fixture.numbers("lambda"), betas = fixture.matrix("beta"), a0 = fixture.numbers("a0")
        #expect(path.lambdas.count == lambdas.count, "path length \(path.lambdas.count), glmnet \(lambdas.count)")
        for l in 0..<min(lambdas.count, path.lambdas.count) {
            let lambda = path.lambdas[l]
            #expect(abs(lambda - lambdas[l]) <= 1e-10 * lambdas[l], "λ[\(l)] \(lambda) vs \(lambdas[l])")
            let peer = Check.certificate(betas[l], intercept: a0[l], design: design, labels: labels, lambda: lambda,
                                         parameters: path.parameters)
            let ours = path.certificates[l]
            #expect(ours.converged)
            let slack = 1e-12 * ours.primalObjective
            #expect(abs(ours.primalObjective - peer.primalObjective) <= max(ours.dualityGap, peer.dualityGap) + slack,
                    "λ[\(l)]: objectives \(ours.primalObjective) vs \(peer.primalObjective)")
            let (etaOurs, betaOurs) = Check.eta(path.coefficients[l], intercept: path.intercepts[l], design: design)
            let (etaPeer, betaPeer) = Check.eta(betas[l], intercept: a0[l], design: design)
            // A computed gap is exact only to the rounding of P and D: the objective check above
            // allows `slack` = 1e-12·P for it, and so do the distance bounds below (a gap at that
            // floor still bounds ‖Δβ‖ by √(2·slack/μ); changing only the summation order of the
            // solver's curvatures moved λ[4] of the no-intercept fixture by 1.5e-8, above the
            // 1e-9 these bounds used to allow with both gaps computed as 0).
            let gapOurs = ours.dualityGap + slack, gapPeer = peer.dualityGap + slack
            if l1Ratio < 1 {
                let mu = lambda * (1 - l1Ratio)
                let bound = (2 * gapOurs / mu).squareRoot() + (2 * gapPeer / mu).squareRoot()
                let distance = zip(betaOurs, betaPeer).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
                #expect(distance <= bound, "λ[\(l)]: ‖Δβ‖ = \(distance) > \(bound)")
            }
            var kappa = 0.25
            for i in etaOurs.indices {
                for e in [etaOurs[i], etaPeer[i]] {
                    let p = LogisticFunctions.sigmoid(e)
                    kappa = min(kappa, p * (1 - p))
                }
            }
            kappa /= 2
            let bound = (2 * gapOurs / kappa).squareRoot() + (2 * gapPeer / kappa).squareRoot()
            var square = 0.0
            for i in etaOurs.indices { square += design.weights[i] * (etaOurs[i] - etaPeer[i]) * (etaOurs[i] - etaPeer[i]) }
            let distance = square.squareRoot()
            #expect(distance <= bound, "λ[\(l)]: ‖Δη‖_ω = \(distance) > \(bound)")
            // |L(η₁) − L(η₂)| ≤ Σ ωᵢ|pᵢ − yᵢ||Δηᵢ| ≤ ‖Δη‖_ω (|p − y| ≤ 1, Σω = 1), so the fractions of
            // deviance explained differ by at most ‖Δη‖_ω / L₀ (plus rounding).
            let devianceBound = distance / Check.nullLoss(design: design, labels: labels, fitIntercept: path.parameters.fitIntercept) + 1e-12
            #expect(abs(path.devianceExplained[l] - fixture.numbers("dev_ratio")[l]) <= devianceBound,
                    "λ[\(l)]: dev.ratio \(path.devianceExplained[l]) vs \(fixture.numbers("dev_ratio")[l]) (bound \(devianceBound))")
        }
    }

    @Test func breastCancerLassoPathMatchesGlmnet() throws {
        let data = try Fixture.breastCancer
        let parameters = try LogisticParameters(l1Ratio: 1, tolerance: Self.tolerance)
        let (labels, encoding) = data.targetLabels!
        #expect(encoding.classes == ["benign", "malignant"])
        let path = try LogisticPath.fit(x: data.features, labels: labels, classes: encoding.classes, parameters: parameters,
                                        featureNames: data.featureNames)
        try compare(path, fixture: try Fixture.json("glmnet_breast_cancer_lasso.json"),
                    design: try Check.design(data, parameters: parameters), labels: labels, l1Ratio: 1)
    }

    @Test func breastCancerElasticNetPathMatchesGlmnet() throws {
        let data = try Fixture.breastCancer
        let parameters = try LogisticParameters(l1Ratio: 0.5, tolerance: Self.tolerance)
        let (labels, encoding) = data.targetLabels!
        let path = try LogisticPath.fit(x: data.features, labels: labels, classes: encoding.classes, parameters: parameters,
                                        lambdas: .automatic(count: 50))
        try compare(path, fixture: try Fixture.json("glmnet_breast_cancer_enet.json"),
                    design: try Check.design(data, parameters: parameters), labels: labels, l1Ratio: 0.5)
    }

    @Test func generatedLassoPathMatchesGlmnetAndStopsWhereItStops() throws {
        let data = try Fixture.generated
        let parameters = try LogisticParameters(l1Ratio: 1, tolerance: Self.tolerance)
        let (labels, encoding) = data.targetLabels!
        #expect(encoding.classes == ["no", "yes"])
        let path = try LogisticPath.fit(x: data.features, labels: labels, classes: encoding.classes, parameters: parameters)
        try compare(path, fixture: try Fixture.json("glmnet_generated_lasso.json"),
                    design: try Check.design(data, parameters: parameters), labels: labels, l1Ratio: 1)
    }

    @Test func weightedLassoPathMatchesGlmnet() throws {
        let data = try Fixture.generated
        let weights = try Fixture.generatedWeights
        let parameters = try LogisticParameters(l1Ratio: 1, tolerance: Self.tolerance)
        let (labels, encoding) = data.targetLabels!
        let path = try LogisticPath.fit(x: data.features, labels: labels, classes: encoding.classes, sampleWeights: weights,
                                        parameters: parameters, lambdas: .automatic(count: 50))
        try compare(path, fixture: try Fixture.json("glmnet_generated_lasso_weighted.json"),
                    design: try Check.design(data, weights: weights, parameters: parameters), labels: labels, l1Ratio: 1)
    }

    @Test func noInterceptElasticNetPathMatchesGlmnet() throws {
        let data = try Fixture.generated
        let parameters = try LogisticParameters(l1Ratio: 0.3, fitIntercept: false, tolerance: Self.tolerance)
        let (labels, encoding) = data.targetLabels!
        let path = try LogisticPath.fit(x: data.features, labels: labels, classes: encoding.classes, parameters: parameters,
                                        lambdas: .automatic(count: 40))
        try compare(path, fixture: try Fixture.json("glmnet_generated_enet_nointercept.json"),
                    design: try Check.design(data, parameters: parameters), labels: labels, l1Ratio: 0.3)
    }
}
