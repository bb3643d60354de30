import Foundation
@testable import LinearModels
import LinearAlgebra
import Testing
import TestSupport
import Modeling

/// Lasso / elastic-net paths against R glmnet 4.1.6 (Fixtures/make_glmnet_fixtures.R,
/// standardize=TRUE, thresh=1e-14), at glmnet's own λ values.
///
/// Tolerance, from the duality gaps: for any β, P(β) − P(β*) ≥ (1/2n)‖X(β − β*)‖² (the loss is
/// quadratic and the penalty convex), and P(β) − P(β*) ≤ gap(β). So two solutions with gaps
/// g₁, g₂ have fitted values within ‖X(β₁ − β₂)‖/√n ≤ √(2g₁) + √(2g₂). Both gaps are measured:
/// ours from our certificate, glmnet's by evaluating our certificate at glmnet's coefficients.
/// A small slack of 1e-9·‖y − ȳ‖/√n covers rounding in forming the gaps themselves.
@Suite struct GlmnetFixtureTests {
    static let tight = try! ElasticNetParameters(l1Ratio: 1, tolerance: 1e-12)

    func compare(path: ElasticNetPath, fixture: [String: Any], l1Ratio: Double, lambdaMap: (Double) -> (Double, Double),
                 weights: [Double]? = nil) throws {
        let design = path.design
        let betas = fixture.matrix("beta"), a0 = fixture.numbers("a0")
        let slack = 1e-9 * (2 * design.nullObjective).squareRoot()
        for (l, lambda) in path.lambdas.enumerated() {
            let (ours, _) = lambdaMap(fixture.numbers("lambda")[l])
            #expect(abs(ours - lambda) <= 1e-12 * lambda)
            let peerGap = Check.certificate(of: betas[l], design: design, lambda: lambda, l1Ratio: path.parameters.l1Ratio,
                                            weights: weights).dualityGap
            let ourGap = path.certificates[l].dualityGap
            let bound = (2 * ourGap).squareRoot() + (2 * peerGap).squareRoot() + slack
            let distance = Check.predictionDistance(path.coefficients[l], betas[l], design: design)
            #expect(distance <= bound, "λ[\(l)] = \(lambda): fitted values differ by \(distance) > \(bound)")
            // dev.ratio = 1 − RSS/TSS; with ‖r‖/√n = ρ, |ΔRSS|/n ≤ 2ρ·d + d² for fitted values d apart.
            let rho = (2 * path.certificates[l].primalObjective).squareRoot()
            let devianceBound = (2 * rho * bound + bound * bound) / (2 * design.nullObjective)
            #expect(abs(path.devianceExplained[l] - fixture.numbers("dev_ratio")[l]) <= devianceBound)
            // Intercept: b = ȳ − x̄ᵀβ, so |Δb| ≤ Σ|x̄ⱼ||Δβⱼ|; compared through the mean prediction instead.
            let meanPrediction = path.intercepts[l] + zip(design.means, path.coefficients[l]).reduce(0) { $0 + $1.0 * $1.1 }
            let peerMeanPrediction = a0[l] + zip(design.means, betas[l]).reduce(0) { $0 + $1.0 * $1.1 }
            if path.parameters.fitIntercept {
                #expect(abs(meanPrediction - peerMeanPrediction) <= 1e-9 * abs(design.responseMean))
            } else {
                #expect(path.intercepts[l] == 0 && a0[l] == 0)
            }
        }
    }

    @Test func diabetesLassoPathMatchesGlmnet() throws {
        let fixture = try Fixture.json("glmnet_diabetes_lasso.json")
        let data = try Fixture.diabetes
        let path = try ElasticNetPath.fit(x: data.features, y: data.targetValues!, parameters: Self.tight,
                                          lambdas: .values(fixture.numbers("lambda")), featureNames: data.featureNames)
        // glmnet reports λ in the units of y for the lasso: identical to ours (λ_max checked here).
        try compare(path: path, fixture: fixture, l1Ratio: 1, lambdaMap: { ($0, 1) })
        // Our own default grid starts at glmnet's λ_max = max|xⱼᵀ(y − ȳ)|/n (standardized x).
        let auto = try ElasticNetPath.fit(x: data.features, y: data.targetValues!, parameters: .lasso(), lambdas: .automatic(count: 3))
        #expect(Approximate.close(auto.lambdas[0], fixture.numbers("lambda")[0], relative: 1e-12))
        #expect(auto.nonzeroCounts[0] == 0)
    }

    /// intercept = FALSE: glmnet scales by the sd about the mean without centring (so do we).
    @Test func noInterceptLassoMatchesGlmnet() throws {
        let fixture = try Fixture.json("glmnet_diabetes_lasso_nointercept.json")
        let data = try Fixture.diabetes
        let parameters = try ElasticNetParameters(l1Ratio: 1, fitIntercept: false, tolerance: 1e-12)
        let path = try ElasticNetPath.fit(x: data.features, y: data.targetValues!, parameters: parameters,
                                          lambdas: .values(fixture.numbers("lambda")))
        try compare(path: path, fixture: fixture, l1Ratio: 1, lambdaMap: { ($0, 1) })
    }

    @Test func widePLargerThanNLassoMatchesGlmnet() throws {
        let fixture = try Fixture.json("glmnet_wide_lasso.json")
        let data = try Fixture.wide
        #expect(data.featureCount == 100 && data.sampleCount == 40)
        let path = try ElasticNetPath.fit(x: data.features, y: data.targetValues!, parameters: Self.tight,
                                          lambdas: .values(fixture.numbers("lambda")))
        try compare(path: path, fixture: fixture, l1Ratio: 1, lambdaMap: { ($0, 1) })
    }

    /// A tall equicorrelated design (n = 200 ≥ 2p, p = 80): covariance mode, with Gram rows computed
    /// in several batches (32, then doubling) and sweeps in random order, down to 1e-3 λ_max where
    /// 77 of 80 features are active.
    @Test func tallCorrelatedLassoMatchesGlmnet() throws {
        let fixture = try Fixture.json("glmnet_tall_lasso.json")
        let data = try Fixture.tall
        #expect(data.featureCount == 80 && data.sampleCount == 200)
        let design = try Design(x: data.features, y: data.targetValues!, standardize: true, fitIntercept: true)
        let solver = try SolverChoice.make(design: design, l1Ratio: 1, weights: [Double](repeating: 1, count: 80),
                                           tolerance: 1e-12, maxPasses: 100_000)
        #expect(solver is CovarianceDescent)
        let path = try ElasticNetPath.fit(x: data.features, y: data.targetValues!, parameters: Self.tight,
                                          lambdas: .values(fixture.numbers("lambda")))
        #expect(path.nonzeroCounts.last! >= 70)
        try compare(path: path, fixture: fixture, l1Ratio: 1, lambdaMap: { ($0, 1) })
    }

    /// glmnet (gaussian) scales y by its population sd s_y before fitting and maps λ back, so its
    /// (λ_g, α_g) solves our objective with λα = λ_g α_g and λ(1 − α) = λ_g(1 − α_g)/s_y. For the
    /// lasso the two coincide; for the elastic net this mapping is verified here.
    @Test func diabetesElasticNetMatchesGlmnetUnderTheYScaleMapping() throws {
        let fixture = try Fixture.json("glmnet_diabetes_enet.json")
        let data = try Fixture.diabetes
        let sy = (fixture["y_population_sd"] as! NSNumber).doubleValue
        let alphaG = 0.5
        func mapped(_ lambdaG: Double) -> (lambda: Double, alpha: Double) {
            let lambda = lambdaG * (alphaG + (1 - alphaG) / sy)
            return (lambda, lambdaG * alphaG / lambda)
        }
        let betas = fixture.matrix("beta")
        for (l, lambdaG) in fixture.numbers("lambda").enumerated() where l % 5 == 2 {
            let (lambda, alpha) = mapped(lambdaG)
            let parameters = try ElasticNetParameters(l1Ratio: alpha, tolerance: 1e-12)
            let model = try LinearRegression.fit(x: data.features, y: data.targetValues!, lambda: lambda, parameters: parameters)
            let design = try Design(x: data.features, y: data.targetValues!, standardize: true, fitIntercept: true)
            guard case let .elasticNet(certificate) = model.certificate else { Issue.record("no certificate"); return }
            let peerGap = Check.certificate(of: betas[l], design: design, lambda: lambda, l1Ratio: alpha).dualityGap
            let bound = (2 * certificate.dualityGap).squareRoot() + (2 * peerGap).squareRoot() + 1e-9 * (2 * design.nullObjective).squareRoot()
            #expect(Check.predictionDistance(model.coefficients, betas[l], design: design) <= bound)
            // And the mapping matters: glmnet's β is far from optimal for the unmapped (λ_g, α_g).
            let unmappedGap = Check.certificate(of: betas[l], design: design, lambda: lambdaG, l1Ratio: alphaG).relativeGap
            #expect(unmappedGap > 1e-6)
        }
    }

    /// Penalty factors (glmnet's `penalty.factor`, rescaled to sum to p): feature 1 unpenalized.
    @Test func penaltyFactorsMatchGlmnet() throws {
        let fixture = try Fixture.json("glmnet_diabetes_lasso_pf.json")
        let data = try Fixture.diabetes
        let factors = fixture.numbers("penalty_factor")
        let parameters = try ElasticNetParameters(l1Ratio: 1, penaltyFactors: factors, tolerance: 1e-12)
        let path = try ElasticNetPath.fit(x: data.features, y: data.targetValues!, parameters: parameters,
                                          lambdas: .values(fixture.numbers("lambda")))
        try compare(path: path, fixture: fixture, l1Ratio: 1, lambdaMap: { ($0, 1) }, weights: path.penaltyFactors)
        // The unpenalized feature is in from the start; λ_max is measured after fitting it (as glmnet).
        #expect(path.coefficients.allSatisfy { $0[0] != 0 })
        #expect(path.coefficients[0].dropFirst().allSatisfy { $0 == 0 })
        let auto = try ElasticNetPath.fit(x: data.features, y: data.targetValues!, parameters: parameters, lambdas: .automatic(count: 2))
        #expect(Approximate.close(auto.lambdas[0], fixture.numbers("lambda")[0], relative: 1e-9))
    }
}
