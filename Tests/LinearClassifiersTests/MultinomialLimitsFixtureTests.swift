import DataIO
import Foundation
@testable import LinearClassifiers
import LinearAlgebra
import Modeling
import Testing
import TestSupport

/// Multinomial paths with coefficient limits and with zero penalty factors against R glmnet
/// 4.1.6 (Fixtures/make_glmnet_multinomial_limits_fixtures.R, thresh = 1e-14), on Lagrange's own
/// grid: the same λ_max and the same grid.
///
/// The bounds are `MultinomialFixtureTests`': both objectives within their duality gap of P*
/// (the peer's gap from our certificate at glmnet's coefficients, with the same factors and box).
/// With α < 1 the objective, minimized over the unpenalized rows, is λ(1−α)-strongly convex in
/// the penalized rows B_P (the box's indicator is convex too), so ‖B_P − B_P'‖_F ≤ √(2g₁/μ) + √(2g₂/μ);
/// the unpenalized rows are not compared (the loss alone fixes them).
@Suite struct MultinomialLimitsFixtureTests {
    static let tolerance = 1e-10

    func compare(_ path: MultinomialPath, fixture name: String, data: Dataset, count: Int? = nil) throws {
        try MultinomialFixtureTests().compare(path, fixture: name, data: data, samePathLength: true, count: count)
    }

    func fit(_ data: Dataset, parameters: LogisticParameters, penalty: MultinomialPenalty = .ungrouped,
             grid: LambdaGrid) throws -> MultinomialPath {
        let (labels, encoding) = data.targetLabels!
        return try MultinomialPath.fit(x: data.features, labels: labels, classes: encoding.classes, parameters: parameters,
                                       penalty: penalty, lambdas: grid, featureNames: data.featureNames)
    }

    @Test func irisNonnegativeLassoMatchesGlmnet() throws {
        let data = try MultinomialFixtureTests.iris
        let parameters = try LogisticParameters(l1Ratio: 1, tolerance: Self.tolerance, limits: .nonnegative)
        let path = try fit(data, parameters: parameters, grid: .automatic())
        try compare(path, fixture: "glmnet_iris_multinomial_lasso_nonnegative.json", data: data)
        // The limit binds: the free path has negative coefficients, this one none, and each row
        // of a non-zero feature has its smallest class coefficient at the limit (the shift's clamp).
        let free = try fit(data, parameters: try LogisticParameters(l1Ratio: 1, tolerance: 1e-7), grid: .automatic())
        #expect(free.coefficients.joined().joined().contains { $0 < -1 })
        let last = path.coefficients.last!
        for j in data.featureNames.indices {
            let row = last.map { $0[j] }
            #expect(row.min()! == 0, "feature \(j): \(row)")
        }
    }

    @Test func wineBoxElasticNetMatchesGlmnet() throws {
        let data = try MultinomialFixtureTests.wine
        let limits = try CoefficientLimits(lower: -0.5, upper: 0.5)
        let parameters = try LogisticParameters(l1Ratio: 0.5, tolerance: Self.tolerance, limits: limits)
        let path = try fit(data, parameters: parameters, grid: .automatic(count: 50))
        try compare(path, fixture: "glmnet_wine_multinomial_enet_box.json", data: data)
        let bound = path.coefficients.last!.joined().map(abs).max()!
        #expect(abs(bound - 0.5) <= 1e-12, "the largest |β| at the last λ is \(bound), not the limit")
        let free = try fit(data, parameters: try LogisticParameters(l1Ratio: 0.5, tolerance: 1e-7), grid: .automatic(count: 50))
        #expect(free.coefficients.joined().joined().contains { abs($0) > 1 })
    }

    /// With zero factors λ_max is read off the fit of the unpenalized block, which glmnet solves only
    /// to its inner accuracy: ours is checked against the exact rule (the script's Newton fit in R)
    /// and loosely against glmnet's, and the paths are compared on glmnet's λ values.
    func checkLambdaMax(_ ours: Double, fixture name: String) throws {
        let fixture = try Fixture.json(name)
        let exact = try #require(fixture["lambda_max_exact"] as? Double)
        let glmnet = fixture.numbers("lambda")[0]
        #expect(abs(ours - exact) <= 1e-10 * exact, "λ_max \(ours), exact \(exact)")
        #expect(abs(ours - glmnet) <= 1e-6 * glmnet, "λ_max \(ours), glmnet \(glmnet)")
    }

    @Test func irisUnpenalizedFeatureMatchesGlmnet() throws {
        let data = try MultinomialFixtureTests.iris
        let name = "glmnet_iris_multinomial_lasso_pf.json"
        let parameters = try LogisticParameters(l1Ratio: 1, penaltyFactors: [0, 1, 1, 1], tolerance: Self.tolerance)
        let automatic = try fit(data, parameters: parameters, grid: .automatic())
        try checkLambdaMax(automatic.lambdas[0], fixture: name)
        #expect(automatic.lambdas.count == (try Fixture.json(name)).numbers("lambda").count)
        let path = try fit(data, parameters: parameters, grid: .values((try Fixture.json(name)).numbers("lambda")))
        try compare(path, fixture: name, data: data)
        // sepal_length is in the model at every λ, λ_max included; the rest are 0 at the exact λ_max.
        #expect(path.coefficients.allSatisfy { rows in rows.contains { $0[0] != 0 } })
        #expect(automatic.coefficients[0].allSatisfy { $0[1...].allSatisfy { $0 == 0 } })
    }

    /// glmnet stops at the 21st λ ("convergence … not reached"), so 20 points are compared.
    @Test func wineGroupedUnpenalizedFeaturesMatchGlmnet() throws {
        let data = try MultinomialFixtureTests.wine
        var factors = [Double](repeating: 1, count: 13)
        factors[0] = 0
        factors[12] = 0
        let parameters = try LogisticParameters(l1Ratio: 0.5, penaltyFactors: factors, tolerance: Self.tolerance)
        let name = "glmnet_wine_multinomial_grouped_enet_pf.json"
        try checkLambdaMax(try fit(data, parameters: parameters, penalty: .grouped, grid: .automatic(count: 1)).lambdas[0], fixture: name)
        try compare(try fit(data, parameters: parameters, penalty: .grouped, grid: .values((try Fixture.json(name)).numbers("lambda"))),
                    fixture: name, data: data)
    }

    @Test func groupedLimitsAndLimitedUnpenalizedFeaturesAreRefused() throws {
        let data = try MultinomialFixtureTests.iris
        let limited = try LogisticParameters(l1Ratio: 1, limits: .nonnegative)
        #expect(throws: LagrangeError.self) { try fit(data, parameters: limited, penalty: .grouped, grid: .automatic()) }
        let both = try LogisticParameters(l1Ratio: 1, penaltyFactors: [0, 1, 1, 1], limits: .nonnegative)
        #expect(throws: LagrangeError.self) { try fit(data, parameters: both, grid: .automatic()) }
    }
}
