import Foundation
@testable import LinearClassifiers
import LinearAlgebra
import Modeling
import Testing
import TestSupport

/// The unpenalized (λ = 0) binomial fit against R 4.2.2 `glm(family = binomial)`
/// (Fixtures/make_glm_fixtures.R: iris, versicolor against virginica, epsilon = 1e-14), and the
/// separation rule (`LogisticNewton`).
///
/// Tolerances. Our fit is within its exact gap g of the optimum: L(ours) − L* ≤ g. R stops when
/// the relative deviance change is below 1e-14; Newton converging quadratically, its
/// suboptimality is below that change, so L(R) − L* ≤ 1e-12·L allows it 100× for rounding. The
/// deviances (2n·L with equal weights) then agree within 2n(g + 1e-12·L). Near the optimum
/// L(θ) − L* ≈ ½(θ − θ*)ᵀH(θ − θ*), so each fit is within √(2ε) of θ* in the H-norm and
/// |Δθₖ| ≤ (√(2g) + √(2·1e-12·L))·√((H⁻¹)ₖₖ), doubled for the quadratic model's error.
@Suite struct UnpenalizedLogisticTests {
    /// iris without setosa: 100 rows, 4 features, classes versicolor / virginica.
    func versicolorVirginica() throws -> (x: Matrix, labels: [Int], classes: [String]) {
        let iris = try Fixture.classification(TestPaths.dataset("iris.csv"))
        let (codes, encoding) = iris.targetLabels!
        let rows = codes.indices.filter { encoding.classes[codes[$0]] != "setosa" }
        let x = try Matrix(rows: rows.count, columns: 4, storage: rows.flatMap { i in (0..<4).map { iris.features[i, $0] } })
        let labels = rows.map { encoding.classes[codes[$0]] == "virginica" ? 1 : 0 }
        return (x, labels, ["versicolor", "virginica"])
    }

    @Test func matchesRGlmOnIris() throws {
        let fixture = try Fixture.json("glm_iris_versicolor_virginica.json")
        let (x, labels, classes) = try versicolorVirginica()
        let parameters = LogisticRegressionParameters(lambda: 0, penalty: try LogisticParameters(tolerance: 1e-13))
        let model = try parameters.fit(x: x, labels: labels, classes: classes)
        let certificate = model.certificate
        #expect(certificate.converged)
        let n = Double(x.rows)
        let loss = certificate.primalObjective
        let allowance = certificate.dualityGap + 1e-12 * loss
        #expect(abs(2 * n * loss - (fixture["deviance"] as! Double)) <= 2 * n * allowance + 1e-12 * 2 * n * loss)
        // H = Σ ωᵢpᵢ(1−pᵢ)x̃ᵢx̃ᵢᵀ on the original scale, x̃ = (1, x), at our fit.
        let theta = [model.intercepts[0]] + model.coefficients[0]
        var hessian = Matrix.zeros(5, 5)
        for i in 0..<x.rows {
            let row = [1.0] + x.row(i)
            let eta = zip(theta, row).reduce(0) { $0 + $1.0 * $1.1 }
            let q = LogisticFunctions.sigmoid(eta)
            for k in 0..<5 { for l in 0..<5 { hessian[k, l] += q * (1 - q) * row[k] * row[l] / n } }
        }
        let factor = try Cholesky(hessian)
        let peer = [fixture["intercept"] as! Double] + (fixture["coefficients"] as! [Double])
        let radius = 2 * ((2 * certificate.dualityGap).squareRoot() + (2 * 1e-12 * loss).squareRoot())
        for k in 0..<5 {
            var unit = [Double](repeating: 0, count: 5)
            unit[k] = 1
            let bound = radius * (try factor.solve(unit)[k]).squareRoot()
            #expect(abs(theta[k] - peer[k]) <= bound, "θ[\(k)] = \(theta[k]) vs glm \(peer[k]) (bound \(bound))")
        }
    }

    /// breast_cancer (30 features) is separable: R's glm reports "fitted probabilities numerically
    /// 0 or 1" and does not converge (|η| reaches 1.9e8); here a one-line error.
    @Test func separableClassesAreRefused() throws {
        let data = try Fixture.breastCancer
        let (labels, encoding) = data.targetLabels!
        let parameters = LogisticRegressionParameters(lambda: 0, penalty: try LogisticParameters())
        #expect {
            try parameters.fit(x: data.features, labels: labels, classes: encoding.classes)
        } throws: { error in "\(error)".contains("separable") }
        // Complete separation on one feature: x < 0 ⇔ class 0.
        let x = try Matrix(rows: 6, columns: 1, storage: [-3, -2, -1, 1, 2, 3])
        #expect {
            try parameters.fit(x: x, labels: [0, 0, 0, 1, 1, 1], classes: ["a", "b"])
        } throws: { error in "\(error)".contains("separable") }
    }

    /// The gap of the Newton-corrected dual point is exact: at λ = 0 the dual is
    /// −Σ ωᵢh(p̃ᵢ) over p̃ with Σ ωᵢ(yᵢ − p̃ᵢ)x̃ᵢ = 0; checked here by the invariant that a
    /// converged fit has gap ≥ 0 and a gradient (KKT violation) at rounding level.
    @Test func certificateOfTheNewtonFitCloses() throws {
        let (x, labels, classes) = try versicolorVirginica()
        let model = try LogisticRegressionParameters(lambda: 0, penalty: try LogisticParameters())
            .fit(x: x, labels: labels, classes: classes)
        #expect(model.certificate.dualityGap >= 0 && model.certificate.relativeGap <= 1e-7)
        #expect(model.certificate.maximumKKTViolation <= 1e-6)
        #expect(model.lambda == 0)
    }
}
