import DataIO
import Foundation
@testable import LinearClassifiers
import LinearAlgebra
import Modeling
import Testing
import TestSupport

/// Closed forms and invariants of the multinomial path, its certificate and its model.
@Suite struct MultinomialInvariantTests {
    static let iris = try! Fixture.classification(TestPaths.dataset("iris.csv"))

    func fit(_ data: Dataset, l1Ratio: Double = 1, penalty: MultinomialPenalty, grid: LambdaGrid = .automatic(),
             tolerance: Double = 1e-9) throws -> MultinomialPath {
        let (labels, encoding) = data.targetLabels!
        return try MultinomialPath.fit(x: data.features, labels: labels, classes: encoding.classes,
                                       parameters: try LogisticParameters(l1Ratio: l1Ratio, tolerance: tolerance),
                                       penalty: penalty, lambdas: grid)
    }

    /// At λ_max every coefficient is zero and the intercepts are the centred log-priors (iris:
    /// 50 rows per class, so all zero); the dual point Y − π is optimal, so the gap is 0 up to
    /// rounding; a little below λ_max some coefficient is non-zero (λ_max is the smallest such λ).
    @Test(arguments: MultinomialPenalty.allCases) func lambdaMaxGivesTheNullModel(penalty: MultinomialPenalty) throws {
        let path = try fit(Self.iris, penalty: penalty, grid: .automatic(count: 5, minRatio: 0.99))
        #expect(path.nonzeroCounts[0] == 0)
        #expect(path.intercepts[0].allSatisfy { abs($0) <= 1e-14 })
        #expect(path.certificates[0].relativeGap <= 1e-12)
        #expect(abs(path.devianceExplained[0]) <= 1e-12)
        #expect(path.nonzeroCounts[4] > 0)
    }

    /// Every λ certified: converged, dual ≤ primal, relative gap within the tolerance; the
    /// intercepts are centred; with the grouped penalty each feature's coefficients sum to 0
    /// over the classes (its optimal shift is the mean, applied after every Newton step).
    @Test(arguments: MultinomialPenalty.allCases) func everyLambdaIsCertified(penalty: MultinomialPenalty) throws {
        let wine = try Fixture.classification(TestPaths.dataset("wine.csv"))
        let path = try fit(wine, l1Ratio: 0.7, penalty: penalty, tolerance: 1e-8)
        #expect(path.lambdas.count > 10)
        for (l, certificate) in path.certificates.enumerated() {
            #expect(certificate.converged && certificate.dualObjective <= certificate.primalObjective * (1 + 1e-13))
            #expect(certificate.relativeGap <= 1e-8)
            if penalty == .grouped {
                for j in path.featureNames.indices {
                    let column = path.standardizedCoefficients[l].map { $0[j] }
                    #expect(abs(column.reduce(0, +)) <= 1e-12 * max(1, column.map(abs).max()!))
                }
            }
            #expect(abs(path.intercepts[l].reduce(0, +)) <= 1e-10)
        }
    }

    /// Two classes reduce to the binomial model. The optimum has β₂ = −β₁ (the optimal shift of
    /// (β₁, β₂) centres it), so with β = β₂ − β₁: ungrouped lasso penalty λ(|β/2| + |β/2|) =
    /// λ|β|, the binomial lasso at the same λ; grouped λ‖(β/2, −β/2)‖₂ = λ|β|/√2, the binomial
    /// lasso at λ/√2. The losses coincide, so the optimal objectives are equal: the two fits'
    /// objectives differ by at most the larger duality gap.
    @Test(arguments: MultinomialPenalty.allCases) func twoClassesMatchTheBinomialModel(penalty: MultinomialPenalty) throws {
        let data = try Fixture.generated
        let (labels, encoding) = data.targetLabels!
        let parameters = try LogisticParameters(l1Ratio: 1, tolerance: 1e-10)
        let multinomial = try MultinomialPath.fit(x: data.features, labels: labels, classes: encoding.classes,
                                                  parameters: parameters, penalty: penalty, lambdas: .automatic(count: 30))
        let factor = penalty == .grouped ? 1 / 2.0.squareRoot() : 1
        let binomial = try LogisticPath.fit(x: data.features, labels: labels, classes: encoding.classes, parameters: parameters,
                                            lambdas: .values(multinomial.lambdas.map { $0 * factor }))
        for l in multinomial.lambdas.indices {
            let a = multinomial.certificates[l], b = binomial.certificates[l]
            #expect(abs(a.primalObjective - b.primalObjective) <= max(a.dualityGap, b.dualityGap) + 1e-12,
                    "λ[\(l)]: \(a.primalObjective) vs \(b.primalObjective)")
        }
        // λ_max agrees too: maxⱼ|gⱼ₂| (ungrouped) and ‖(gⱼ₁, gⱼ₂)‖ = √2|gⱼ₂| (grouped) against the
        // binomial maxⱼ|gⱼ|, with g₂ = −g₁ the binomial gradient.
        let top = try LogisticPath.fit(x: data.features, labels: labels, classes: encoding.classes, parameters: parameters,
                                       lambdas: .automatic(count: 1)).lambdas[0]
        #expect(Approximate.close(multinomial.lambdas[0] * factor, top, relative: 1e-12))
    }

    /// The penalty-minimizing shift, against its definition: no c on a fine grid around it gives
    /// a smaller penalty (closed-form cases: the mean for grouped and ridge, a median for the lasso).
    @Test func optimalShiftMinimizesThePenalty() {
        let b = [0.3, -1.2, 2.5, 0.0, 0.7]
        #expect(abs(MultinomialPenalty.optimalShift(b, l1Ratio: 1, grouped: false) - -0.3) <= 1e-15)
        #expect(abs(MultinomialPenalty.optimalShift(b, l1Ratio: 0.4, grouped: true) - -0.46) <= 1e-15)
        for alpha in [0.0, 0.2, 0.5, 0.9] {
            let c = MultinomialPenalty.optimalShift(b, l1Ratio: alpha, grouped: false)
            func f(_ s: Double) -> Double { b.reduce(0) { $0 + alpha * abs($1 + s) + (1 - alpha) / 2 * ($1 + s) * ($1 + s) } }
            for step in -200...200 { #expect(f(c) <= f(c + Double(step) * 0.01) + 1e-14, "α \(alpha)") }
        }
    }

    /// A single-λ multinomial fit is the path's model at that λ and survives its model file.
    @Test func fittedModelRoundTripsAndPredicts() throws {
        let (labels, encoding) = Self.iris.targetLabels!
        let model = try LogisticRegressionParameters(lambda: 0.01, penalty: try LogisticParameters(), family: .multinomial)
            .fit(x: Self.iris.features, labels: labels, classes: encoding.classes)
        #expect(model.certificate.converged)
        #expect(model.coefficients.count == 3 && model.intercepts.count == 3)
        let back = try ModelFile.decode(LogisticModel.self, from: try ModelFile.encode(model), path: "m.json")
        #expect(back == model)
        let predicted = try model.predict(Self.iris.features)
        let accuracy = Double(zip(predicted, labels).filter { $0 == encoding.classes[$1] }.count) / Double(labels.count)
        #expect(accuracy > 0.9)
        let p = try model.probabilities(Self.iris.features)
        for i in 0..<p.rows { #expect(abs((0..<3).reduce(0) { $0 + p[i, $1] } - 1) <= 1e-12) }
    }
}
