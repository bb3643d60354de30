import Foundation
@testable import LinearClassifiers
import LinearAlgebra
import Modeling
import Testing
import TestSupport

/// Binomial paths with penalty factors 0 (glmnet's `penalty.factor` with zeros: unpenalized
/// features) against R glmnet 4.1.6 (Fixtures/make_glmnet_penalty_factor_fixtures.R,
/// thresh = 1e-14).
///
/// λ_max is glmnet's rule — the max over the penalized features of |gⱼ|/(αwⱼ), g at the fit of
/// the intercept and the unpenalized ones — and is checked to 1e-10 against the exact value the
/// script computes from R's `glm` fit of those features (epsilon 1e-15). glmnet's own λ_max is
/// only as accurate as its inner IRLS fit of the unpenalized block (it stops on the change of the
/// coefficients, not on the gradient): 9e-9 relative from the glm value on the lasso fixture, so
/// against glmnet's the check is 1e-7. The coefficients are then compared on glmnet's own grid,
/// within the bounds the two duality gaps give (`GlmnetFixtureTests.compare`; glmnet's gap
/// measured by the same certificate, whose dual point meets the unpenalized equalities by
/// `UnpenalizedDualPoint`).
@Suite struct PenaltyFactorTests {
    @Test func lassoWithTwoUnpenalizedFeaturesMatchesGlmnet() throws {
        let data = try Fixture.generated
        let factors = [0, 0] + [Double](repeating: 1, count: 38)
        let parameters = try LogisticParameters(l1Ratio: 1, penaltyFactors: factors, tolerance: GlmnetFixtureTests.tolerance)
        let (labels, encoding) = data.targetLabels!
        let fixture = try Fixture.json("glmnet_generated_lasso_pf.json")
        let automatic = try LogisticPath.fit(x: data.features, labels: labels, classes: encoding.classes, parameters: parameters,
                                             lambdas: .automatic(count: 40), featureNames: data.featureNames)
        try checkLambdaMax(automatic.lambdas[0], fixture: fixture)
        #expect(automatic.lambdas.count == fixture.numbers("lambda").count)
        let path = try LogisticPath.fit(x: data.features, labels: labels, classes: encoding.classes, parameters: parameters,
                                        lambdas: .values(fixture.numbers("lambda")), featureNames: data.featureNames)
        // Always in the model, from λ_max on; the penalized ones are all 0 at λ_max.
        let alwaysIn = path.coefficients.allSatisfy { row in row[0] != 0 && row[1] != 0 }
        // (On the automatic grid: glmnet's λ[0] is a little below the exact λ_max.)
        let penalizedAtZero = automatic.coefficients[0].dropFirst(2).allSatisfy { $0 == 0 }
        #expect(alwaysIn)
        #expect(penalizedAtZero)
        try GlmnetFixtureTests().compare(path, fixture: fixture,
                                         design: try Check.design(data, parameters: parameters), labels: labels, l1Ratio: 1)
    }

    @Test func weightedElasticNetWithAnUnpenalizedNullFeatureMatchesGlmnet() throws {
        let data = try Fixture.generated
        let weights = try Fixture.generatedWeights
        var factors = [Double](repeating: 1, count: 40)
        factors[19] = 0
        factors[2] = 2
        let parameters = try LogisticParameters(l1Ratio: 0.5, penaltyFactors: factors, tolerance: GlmnetFixtureTests.tolerance)
        let (labels, encoding) = data.targetLabels!
        let fixture = try Fixture.json("glmnet_generated_enet_weighted_pf.json")
        let automatic = try LogisticPath.fit(x: data.features, labels: labels, classes: encoding.classes, sampleWeights: weights,
                                             parameters: parameters, lambdas: .automatic(count: 30), featureNames: data.featureNames)
        try checkLambdaMax(automatic.lambdas[0], fixture: fixture)
        #expect(automatic.lambdas.count == fixture.numbers("lambda").count)
        let path = try LogisticPath.fit(x: data.features, labels: labels, classes: encoding.classes, sampleWeights: weights,
                                        parameters: parameters, lambdas: .values(fixture.numbers("lambda")),
                                        featureNames: data.featureNames)
        let alwaysIn = path.coefficients.allSatisfy { row in row[19] != 0 }
        #expect(alwaysIn)
        try GlmnetFixtureTests().compare(path, fixture: fixture,
                                         design: try Check.design(data, weights: weights, parameters: parameters),
                                         labels: labels, l1Ratio: 0.5)
    }

    func checkLambdaMax(_ ours: Double, fixture: [String: Any]) throws {
        let exact = try #require(fixture["lambda_max_glm"] as? Double)
        let glmnet = fixture.numbers("lambda")[0]
        #expect(abs(ours - exact) <= 1e-10 * exact, "λ_max \(ours), exact \(exact)")
        #expect(abs(ours - glmnet) <= 1e-7 * glmnet, "λ_max \(ours), glmnet \(glmnet)")
    }

    /// The invariant of the corrected dual point: Σᵢ ωᵢθ̃ᵢ = 0 and Σᵢ ωᵢθ̃ᵢxᵢⱼ = 0 for every
    /// unpenalized j (G − Hd = 0), and yᵢ − θ̃ᵢ ∈ [0, 1], at a point away from the optimum.
    @Test func correctedDualPointMeetsTheEqualities() throws {
        let data = try Fixture.generated
        let design = try ClassificationDesign(x: data.features, standardize: true, fitIntercept: true)
        let y = data.targetLabels!.codes.map(Double.init)
        let n = design.sampleCount
        let features = [0, 7]
        // The MLE on the intercept and x₁, x₈, moved along x₁₃ (correlated with both): the
        // residual's equalities fail, by a small margin as near a penalized optimum.
        let mle = try LogisticNewton.fit(design: design, y: y, fitIntercept: true, tolerance: 1e-12,
                                         nullLoss: Check.nullLoss(design: design, labels: data.targetLabels!.codes, fitIntercept: true),
                                         subset: features)
        let theta = (0..<n).map { i in
            let eta = mle.intercept + mle.beta[0] * design.columns[i] + mle.beta[7] * design.columns[7 * n + i]
                + 0.2 * design.columns[12 * n + i]
            return y[i] - LogisticFunctions.sigmoid(eta)
        }
        let corrected = try #require(UnpenalizedDualPoint.binomial(theta: theta, y: y, design: design, features: features,
                                                                   fitIntercept: true))
        let omega = design.weights
        func weightedSum(_ r: [Double], column: Int?) -> Double {
            var total = 0.0
            for i in 0..<n { total += omega[i] * r[i] * (column.map { design.columns[$0 * n + i] } ?? 1) }
            return total
        }
        let interceptSum = weightedSum(corrected, column: nil)
        #expect(abs(interceptSum) < 1e-15)
        for j in features {
            let c = weightedSum(corrected, column: j)
            #expect(abs(c) < 1e-15)
        }
        var inDomain = true
        for i in 0..<n where y[i] - corrected[i] < 0 || y[i] - corrected[i] > 1 { inDomain = false }
        #expect(inDomain)
        // The uncorrected residual does not meet them.
        let uncorrected = weightedSum(theta, column: 0)
        #expect(abs(uncorrected) > 1e-3)
    }

    @Test func singleFitAtALambdaIsThePathsModel() throws {
        let data = try Fixture.generated
        let factors = [0, 0] + [Double](repeating: 1, count: 38)
        let parameters = try LogisticParameters(l1Ratio: 1, penaltyFactors: factors, tolerance: 1e-10)
        let (labels, encoding) = data.targetLabels!
        let fixture = try Fixture.json("glmnet_generated_lasso_pf.json")
        let lambda = fixture.numbers("lambda")[10]
        let model = try LogisticRegressionParameters(lambda: lambda, penalty: parameters)
            .fit(x: data.features, labels: labels, classes: encoding.classes)
        #expect(model.certificate.converged)
        let design = try Check.design(data, parameters: parameters)
        let peer = Check.certificate(fixture.matrix("beta")[10], intercept: fixture.numbers("a0")[10], design: design,
                                     labels: labels, lambda: lambda, parameters: parameters)
        let ours = Check.certificate(model.coefficients[0], intercept: model.intercepts[0], design: design, labels: labels,
                                     lambda: lambda, parameters: parameters)
        let nullLoss = Check.nullLoss(design: design, labels: labels, fitIntercept: true)
        let bound: Double = max(ours.dualityGap, peer.dualityGap) + 1e-12 * ours.primalObjective
        let difference: Double = abs(ours.primalObjective - peer.primalObjective)
        #expect(ours.dualityGap <= 1e-10 * nullLoss * 1.01)
        #expect(difference <= bound)
    }

    @Test func refusals() throws {
        let x = try Matrix(rows: 6, columns: 2, storage: [0, 0.3, 1, -0.2, 2, 0.9, 3, 0.1, 4, -0.7, 5, 0.4])
        // The unpenalized feature separates the classes: no MLE for it.
        let separating = try LogisticParameters(penaltyFactors: [0, 1])
        #expect(throws: LagrangeError.self) {
            try LogisticPath.fit(x: x, labels: [0, 0, 0, 1, 1, 1], classes: ["a", "b"], parameters: separating)
        }
        // A limit on an unpenalized feature (binomial and multinomial); an unpenalized feature
        // separating three classes (multinomial); all factors 0.
        let limited = try LogisticParameters(penaltyFactors: [0, 1], limits: .nonnegative)
        #expect(throws: LagrangeError.self) {
            try LogisticPath.fit(x: x, labels: [0, 1, 0, 1, 0, 1], classes: ["a", "b"], parameters: limited)
        }
        #expect(throws: LagrangeError.self) {
            try MultinomialPath.fit(x: x, labels: [0, 1, 2, 0, 1, 2], classes: ["a", "b", "c"], parameters: limited)
        }
        #expect(throws: LagrangeError.self) {
            try MultinomialPath.fit(x: x, labels: [0, 0, 1, 1, 2, 2], classes: ["a", "b", "c"],
                                    parameters: try LogisticParameters(penaltyFactors: [0, 1]))
        }
        #expect(throws: LagrangeError.self) { try LogisticParameters(penaltyFactors: [0, 0]) }
    }
}
