import DataIO
import Foundation
@testable import LinearClassifiers
import LinearAlgebra
import Modeling
import Testing
import TestSupport

/// Weighted multinomial paths against R glmnet 4.1.6 with `weights =`
/// (Fixtures/make_glmnet_multinomial_weights_fixtures.R, thresh = 1e-14; the weights are stored
/// in the fixture), ungrouped and grouped, with the bounds of `MultinomialFixtureTests.compare`
/// (the certificate evaluated on the weighted design). The ungrouped path runs on Lagrange's
/// own automatic grid (same λ_max, grid and length as glmnet's); glmnet's grouped fit stops
/// after 27 λ at this thresh (its warning in the script), so that one is compared on the first
/// 27 points of Lagrange's automatic 40-point grid.
@Suite struct MultinomialWeightsFixtureTests {
    func weighted(_ name: String) throws -> (data: Dataset, weights: [Double]) {
        (try MultinomialFixtureTests.wine, try Fixture.json(name).numbers("weights"))
    }

    func path(_ data: Dataset, weights: [Double], penalty: MultinomialPenalty, lambdas: LambdaGrid) throws -> MultinomialPath {
        let (labels, encoding) = data.targetLabels!
        return try MultinomialPath.fit(x: data.features, labels: labels, classes: encoding.classes, sampleWeights: weights,
                                       parameters: try LogisticParameters(l1Ratio: 0.5, tolerance: MultinomialFixtureTests.tolerance),
                                       penalty: penalty, lambdas: lambdas, featureNames: data.featureNames)
    }

    @Test func wineWeightedUngroupedElasticNetMatchesGlmnet() throws {
        let name = "glmnet_wine_multinomial_enet_weighted.json"
        let (data, weights) = try weighted(name)
        #expect(weights.count == data.features.rows)
        let fitted = try path(data, weights: weights, penalty: .ungrouped, lambdas: .automatic(count: 40))
        try MultinomialFixtureTests().compare(fitted, fixture: name, data: data, samePathLength: true, weights: weights)
    }

    @Test func wineWeightedGroupedElasticNetMatchesGlmnet() throws {
        let name = "glmnet_wine_multinomial_grouped_enet_weighted.json"
        let (data, weights) = try weighted(name)
        let top = try path(data, weights: weights, penalty: .grouped, lambdas: .automatic(count: 1)).lambdas[0]
        let grid = (0..<27).map { top * exp(log(1e-4) * Double($0) / 39) }
        let fitted = try path(data, weights: weights, penalty: .grouped, lambdas: .values(grid))
        try MultinomialFixtureTests().compare(fitted, fixture: name, data: data, samePathLength: true, weights: weights)
    }
}
