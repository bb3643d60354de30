import DataIO
import Foundation
@testable import LinearClassifiers
import LinearAlgebra
import Modeling
import Testing
import TestSupport

/// Weighted multinomial cross-validation against cv.glmnet (glmnet 4.1.6,
/// Fixtures/make_glmnet_multinomial_weights_fixtures.R: wine, α = 0.5, weights, deviance) on the
/// same folds (its `foldid` − 1) and λ values, ungrouped and grouped: each held-out deviance
/// weighted, each fold weighted by its total weight (cvm, cvsd), and the same λ_min and λ_1se.
///
/// Tolerance: the fold fits on both sides stop on tight criteria (our relative gap ≤ 1e-13,
/// glmnet's thresh = 1e-14), but a duality gap bounds training-row fitted values only, not
/// held-out predictions, so there is no closed-form bound (as for the Gaussian weighted CV
/// check). The disagreement is the fold fits' accuracy, not the formulas: with our gap at 1e-10
/// it was 3.7e-6 (mean) and 2.6e-5 (SE) relative, at 1e-13 1.5e-7 and 1.6e-6 ungrouped, 1.7e-6
/// and 1.5e-6 grouped (glmnet's grouped fits are its less accurate ones: it stops that path
/// early at this thresh). The margin, 1e-5 relative on both, sits above those and far below what
/// dropping the weights changes (> 1e-3 here, checked below); λ_min and λ_1se are the same λ.
@Suite struct MultinomialWeightedCVTests {
    @Test(arguments: [MultinomialPenalty.ungrouped, .grouped])
    func weightedCrossValidationMatchesCvGlmnet(_ penalty: MultinomialPenalty) throws {
        let fixture = try Fixture.json("glmnet_wine_multinomial_\(penalty == .grouped ? "grouped" : "ungrouped")_weighted_cv.json")
        let data = try MultinomialFixtureTests.wine
        let (labels, encoding) = data.targetLabels!
        let weights = fixture.numbers("weights"), lambdas = fixture.numbers("lambda")
        let folds = fixture.numbers("foldid").map { Int($0) - 1 }
        let parameters = try LogisticParameters(l1Ratio: 0.5, tolerance: 1e-13)
        func run(_ w: [Double]?) throws -> ClassificationCrossValidationResult {
            try MultinomialCrossValidation.run(x: data.features, labels: labels, classes: encoding.classes, sampleWeights: w,
                                               parameters: parameters, penalty: penalty, lambdas: lambdas, folds: 5, seed: 0,
                                               measure: .deviance, assignedFolds: folds)
        }
        let result = try run(weights)
        let cvm = fixture.numbers("cvm"), cvsd = fixture.numbers("cvsd")
        var worst = (0.0, 0.0)
        for l in cvm.indices {
            worst.0 = max(worst.0, abs(result.means[l] - cvm[l]) / cvm[l])
            worst.1 = max(worst.1, abs(result.standardErrors[l] - cvsd[l]) / cvsd[l])
        }
        #expect(worst.0 <= 1e-5 && worst.1 <= 1e-5, "relative differences: mean \(worst.0), SE \(worst.1)")
        #expect(lambdas[result.indexMin] == fixture["lambda_min"] as? Double)
        #expect(lambdas[result.index1SE] == fixture["lambda_1se"] as? Double)
        // The weighting matters here: the unweighted CV curve is further off than the tolerance.
        let unweighted = try run(nil)
        #expect(cvm.indices.contains { abs(unweighted.means[$0] - cvm[$0]) / cvm[$0] > 1e-3 })
    }
}
