import Foundation
@testable import LinearClassifiers
import LinearAlgebra
import Modeling
import Testing
import TestSupport

/// Binomial paths with coefficient limits (glmnet's `lower.limits` / `upper.limits`) against R
/// glmnet 4.1.6 (Fixtures/make_glmnet_limits_fixtures.R, thresh = 1e-14), on Lagrange's own
/// automatic grid (same λ_max — glmnet ignores the limits for it — same grid, same early end).
///
/// The bounds are those of `GlmnetFixtureTests.compare`, with glmnet's gap measured by the
/// box-constrained certificate (`Check.certificate` passes the box): for β in the box the
/// strong-convexity and Bregman arguments there still hold, since the indicator of the box is
/// convex and its subgradient at β* only adds a non-negative term to P(β) − P(β*).
@Suite struct BinomialCoefficientLimitsTests {
    @Test func nonnegativeLassoPathMatchesGlmnet() throws {
        let data = try Fixture.generated
        let parameters = try LogisticParameters(l1Ratio: 1, tolerance: GlmnetFixtureTests.tolerance, limits: .nonnegative)
        let (labels, encoding) = data.targetLabels!
        let fixture = try Fixture.json("glmnet_generated_lasso_nonnegative.json")
        let path = try LogisticPath.fit(x: data.features, labels: labels, classes: encoding.classes, parameters: parameters,
                                        lambdas: .automatic(count: 40), featureNames: data.featureNames)
        #expect(path.coefficients.allSatisfy { $0.allSatisfy { $0 >= 0 } })
        // The limit binds: the true model has negative coefficients, held at 0 here.
        let free = try LogisticPath.fit(x: data.features, labels: labels, classes: encoding.classes,
                                        parameters: try LogisticParameters(l1Ratio: 1), lambdas: .automatic(count: 40))
        #expect(free.coefficients.last!.contains { $0 < 0 })
        #expect(path.lambdas[0] == free.lambdas[0])
        try GlmnetFixtureTests().compare(path, fixture: fixture, design: try Check.design(data, parameters: parameters),
                                         labels: labels, l1Ratio: 1)
        // glmnet turns off its deviance-gain stop when a limit is 0 (fdev = 0): the whole grid.
        #expect(path.lambdas.count == 40)
    }

    @Test func elasticNetInABoxMatchesGlmnet() throws {
        let data = try Fixture.generated
        let limits = try CoefficientLimits(lower: -0.4, upper: 0.6)
        let parameters = try LogisticParameters(l1Ratio: 0.5, tolerance: GlmnetFixtureTests.tolerance, limits: limits)
        let (labels, encoding) = data.targetLabels!
        let fixture = try Fixture.json("glmnet_generated_enet_box.json")
        let path = try LogisticPath.fit(x: data.features, labels: labels, classes: encoding.classes, parameters: parameters,
                                        lambdas: .automatic(count: 30), featureNames: data.featureNames)
        // Within the box up to the rounding of the scale (β = β̃ⱼ/sⱼ with β̃ⱼ clamped to sⱼlⱼ).
        #expect(path.coefficients.allSatisfy { $0.allSatisfy { $0 >= -0.4 * (1 + 1e-15) && $0 <= 0.6 * (1 + 1e-15) } })
        #expect(path.coefficients.last!.contains { abs($0 - 0.6) < 1e-12 } && path.coefficients.last!.contains { abs($0 + 0.4) < 1e-12 })
        try GlmnetFixtureTests().compare(path, fixture: fixture, design: try Check.design(data, parameters: parameters),
                                         labels: labels, l1Ratio: 0.5)
    }

    /// Multinomial limits are for the ungrouped penalty (MultinomialLimitsFixtureTests); the grouped one refuses them.
    @Test func groupedMultinomialLimitsAreRefused() throws {
        let parameters = try LogisticParameters(l1Ratio: 1, limits: .nonnegative)
        let x = try Matrix(rows: 6, columns: 1, storage: [0, 1, 2, 3, 4, 5])
        #expect(throws: LagrangeError.self) {
            try MultinomialPath.fit(x: x, labels: [0, 1, 2, 0, 1, 2], classes: ["a", "b", "c"], parameters: parameters, penalty: .grouped)
        }
        let path = try MultinomialPath.fit(x: x, labels: [0, 1, 2, 0, 1, 2], classes: ["a", "b", "c"], parameters: parameters,
                                           lambdas: .automatic(count: 5))
        #expect(path.coefficients.allSatisfy { $0.allSatisfy { $0.allSatisfy { $0 >= 0 } } })
    }
}
