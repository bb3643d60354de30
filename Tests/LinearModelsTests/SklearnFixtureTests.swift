import Foundation
@testable import LinearModels
import LinearAlgebra
import Testing
import TestSupport

/// Against scikit-learn 1.9.1 (Fixtures/make_sklearn_fixtures.py, tol=1e-12): `enet_path` /
/// `lasso_path` on standardized diabetes, `Ridge(alpha = nλ)`, `RidgeCV` leave-one-out errors.
@Suite struct SklearnFixtureTests {
    @Test(arguments: ["lasso", "enet"])
    func pathsMatchEnetPath(name: String) throws {
        let fixture = try Fixture.json("sklearn_diabetes.json").object(name)
        let data = try Fixture.diabetes
        let alpha = (fixture["l1_ratio"] as! NSNumber).doubleValue
        let parameters = try ElasticNetParameters(l1Ratio: alpha, tolerance: 1e-12)
        let path = try ElasticNetPath.fit(x: data.features, y: data.targetValues!, parameters: parameters,
                                          lambdas: .values(fixture.numbers("lambda")))
        let design = path.design
        let betas = fixture.matrix("beta")
        // Same gap-derived bound as the glmnet tests: ‖XΔβ‖/√n ≤ √(2g_ours) + √(2g_sklearn).
        for l in path.lambdas.indices {
            let peerGap = Check.certificate(of: betas[l], design: design, lambda: path.lambdas[l], l1Ratio: alpha).dualityGap
            let bound = (2 * path.certificates[l].dualityGap).squareRoot() + (2 * peerGap).squareRoot()
                + 1e-9 * (2 * design.nullObjective).squareRoot()
            #expect(Check.predictionDistance(path.coefficients[l], betas[l], design: design) <= bound)
        }
        // Coefficients themselves: diabetes has n > p, so the loss is μ-strongly convex with μ the
        // smallest eigenvalue of ZᵀZ/n, and ‖Δβ_std‖ ≤ ‖ZΔβ‖/(√n·√μ). Checked per coordinate.
        let mu = try BLAS.gram(Matrix(uncheckedColumnMajor: design.columns, rows: design.sampleCount, columns: design.featureCount), .rows)
            .symmetricEigen().values.last! / Double(design.sampleCount)
        for l in path.lambdas.indices {
            let peerGap = Check.certificate(of: betas[l], design: design, lambda: path.lambdas[l], l1Ratio: alpha).dualityGap
            let bound = ((2 * path.certificates[l].dualityGap).squareRoot() + (2 * peerGap).squareRoot()
                         + 1e-9 * (2 * design.nullObjective).squareRoot()) / mu.squareRoot()
            for j in 0..<design.featureCount {
                #expect(abs(path.coefficients[l][j] - betas[l][j]) * design.scales[j] <= bound)
            }
        }
    }

    /// Ridge(alpha = nλ) on standardized diabetes. Both sides solve the same well-conditioned
    /// 10 × 10 system (condition number of ZᵀZ ≈ 1e3 here), so agreement to 1e-9 relative to
    /// max|β| is a safe margin over double rounding.
    @Test func ridgeMatchesSklearnRidge() throws {
        let fixtures = try Fixture.json("sklearn_diabetes.json")["ridge"] as! [[String: Any]]
        let data = try Fixture.diabetes
        let lambdas = fixtures.map { ($0["lambda"] as! NSNumber).doubleValue }
        let path = try RidgePath.fit(x: data.features, y: data.targetValues!, lambdas: .values(lambdas))
        for (l, fixture) in fixtures.enumerated() {
            let expected = fixture.numbers("beta")
            let scale = expected.map(abs).max()!
            #expect(Approximate.maxAbsoluteDifference(path.coefficients[l], expected) <= 1e-9 * scale)
            #expect(Approximate.close(path.intercepts[l], (fixture["a0"] as! NSNumber).doubleValue, relative: 1e-10))
            let single = try RidgeRegression.fit(x: data.features, y: data.targetValues!, lambda: lambdas[l],
                                                 parameters: .ridge(), featureNames: data.featureNames)
            #expect(Approximate.maxAbsoluteDifference(single.coefficients, expected) <= 1e-9 * scale)
        }
    }

    /// RidgeCV's stored leave-one-out squared errors (alpha = nλ, down to λ = 1e-6). Both are
    /// closed forms in double precision on a condition-1e3 problem: 1e-8 relative.
    @Test func leaveOneOutMatchesRidgeCV() throws {
        let fixture = try Fixture.json("sklearn_diabetes.json").object("ridge_loo")
        let data = try Fixture.diabetes
        let path = try RidgePath.fit(x: data.features, y: data.targetValues!, lambdas: .values(fixture.numbers("lambda")))
        let expected = fixture.numbers("mean_loo_squared_error")
        for l in expected.indices {
            #expect(Approximate.close(path.leaveOneOutErrors[l], expected[l], relative: 1e-8),
                    "λ = \(path.lambdas[l]): \(path.leaveOneOutErrors[l]) vs RidgeCV \(expected[l])")
        }
    }
}
