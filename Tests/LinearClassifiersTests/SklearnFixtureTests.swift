import Foundation
@testable import LinearClassifiers
import LinearAlgebra
import Modeling
import Testing
import TestSupport

/// Single-λ fits against scikit-learn 1.9.1's LogisticRegression(penalty="elasticnet",
/// solver="saga", C = 1/(nλ)) on breast_cancer.csv (Fixtures/make_sklearn_fixtures.py: X
/// standardized with the population sd there, coefficients mapped back to the original scale).
///
/// Tolerances from the duality gaps, as in `GlmnetFixtureTests`: the objectives agree within the
/// larger gap, and the predictors within √(2g₁/κ) + √(2g₂/κ) in ‖·‖_ω (κ the smallest p(1−p) at
/// either fit, halved); for α < 1 the standardized coefficients also within √(2g₁/μ) + √(2g₂/μ),
/// μ = λ(1−α). saga's gap is measured with our certificate at its coefficients.
@Suite struct SklearnFixtureTests {
    @Test func singleLambdaFitsMatchSaga() throws {
        let fixture = try Fixture.json("sklearn_breast_cancer.json")
        let data = try Fixture.breastCancer
        let (labels, encoding) = data.targetLabels!
        for case let fit as [String: Any] in fixture["fits"] as! [Any] {
            let lambda = (fit["lambda"] as! NSNumber).doubleValue, alpha = (fit["l1_ratio"] as! NSNumber).doubleValue
            let parameters = try LogisticParameters(l1Ratio: alpha, tolerance: 1e-10)
            let model = try LogisticRegressionParameters(lambda: lambda, penalty: parameters)
                .fit(x: data.features, labels: labels, classes: encoding.classes)
            let design = try Check.design(data, parameters: parameters)
            let peer = Check.certificate(fit.numbers("coefficients"), intercept: (fit["intercept"] as! NSNumber).doubleValue,
                                         design: design, labels: labels, lambda: lambda, parameters: parameters)
            let ours = model.certificate
            #expect(ours.converged)
            #expect(abs(ours.primalObjective - peer.primalObjective) <= max(ours.dualityGap, peer.dualityGap) + 1e-12,
                    "λ \(lambda), α \(alpha): objectives \(ours.primalObjective) vs saga \(peer.primalObjective) (saga gap \(peer.dualityGap))")
            let (etaOurs, betaOurs) = Check.eta(model.coefficients[0], intercept: model.intercepts[0], design: design)
            let (etaPeer, betaPeer) = Check.eta(fit.numbers("coefficients"), intercept: (fit["intercept"] as! NSNumber).doubleValue,
                                                design: design)
            var kappa = 0.25
            for e in etaOurs + etaPeer { kappa = min(kappa, LogisticFunctions.sigmoid(e) * (1 - LogisticFunctions.sigmoid(e))) }
            kappa /= 2
            var square = 0.0
            for i in etaOurs.indices { square += design.weights[i] * (etaOurs[i] - etaPeer[i]) * (etaOurs[i] - etaPeer[i]) }
            let bound = (2 * ours.dualityGap / kappa).squareRoot() + (2 * peer.dualityGap / kappa).squareRoot() + 1e-9
            #expect(square.squareRoot() <= bound, "λ \(lambda), α \(alpha): ‖Δη‖_ω = \(square.squareRoot()) > \(bound)")
            if alpha < 1 {
                let mu = lambda * (1 - alpha)
                let distance = zip(betaOurs, betaPeer).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
                let betaBound = (2 * ours.dualityGap / mu).squareRoot() + (2 * peer.dualityGap / mu).squareRoot() + 1e-9
                #expect(distance <= betaBound, "λ \(lambda), α \(alpha): ‖Δβ‖ = \(distance) > \(betaBound)")
            }
        }
    }
}
