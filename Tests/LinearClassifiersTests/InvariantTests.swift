import DataIO
import Foundation
@testable import LinearClassifiers
import LinearAlgebra
import Modeling
import Testing
import TestSupport

/// Properties that hold whatever the data: closed forms and invariants of the path, the
/// certificate, cross-validation and the model file.
@Suite struct InvariantTests {
    static let data = try! Fixture.generated

    /// At λ_max every coefficient is zero and the intercept is the null model's logit(ȳ); the
    /// certificate's gap is then 0 up to rounding (the dual point y − ȳ is optimal).
    @Test func lambdaMaxGivesTheNullModel() throws {
        let (labels, encoding) = Self.data.targetLabels!
        let path = try LogisticPath.fit(x: Self.data.features, labels: labels, classes: encoding.classes,
                                        parameters: try LogisticParameters(), lambdas: .automatic(count: 5))
        #expect(path.nonzeroCounts[0] == 0)
        let mean = Double(labels.reduce(0, +)) / Double(labels.count)
        #expect(Approximate.close(path.intercepts[0], log(mean / (1 - mean)), relative: 1e-12))
        #expect(path.certificates[0].relativeGap <= 1e-12)
        #expect(abs(path.devianceExplained[0]) <= 1e-12)
        #expect(path.nonzeroCounts[4] > 0)
    }

    /// Every certificate on the path: converged, dual ≤ primal, and the relative gap within tolerance.
    @Test func everyLambdaIsCertified() throws {
        let (labels, encoding) = Self.data.targetLabels!
        let path = try LogisticPath.fit(x: Self.data.features, labels: labels, classes: encoding.classes,
                                        parameters: try LogisticParameters(l1Ratio: 0.7, tolerance: 1e-8))
        for certificate in path.certificates {
            // Dual ≤ primal up to the rounding of two sums of n terms of size ~L₀.
            #expect(certificate.converged && certificate.dualObjective <= certificate.primalObjective * (1 + 1e-13))
            #expect(certificate.relativeGap <= 1e-8)
        }
    }

    /// Integer sample weights equal repeated rows (glmnet's weights are frequency weights up to scale).
    @Test func integerWeightsEqualRepeatedRows() throws {
        let (labels, encoding) = Self.data.targetLabels!
        let weights = (0..<labels.count).map { Double($0 % 3 + 1) }
        let rows = (0..<labels.count).flatMap { i in [Int](repeating: i, count: i % 3 + 1) }
        let parameters = try LogisticParameters(tolerance: 1e-11)
        let weighted = try LogisticPath.fit(x: Self.data.features, labels: labels, classes: encoding.classes,
                                            sampleWeights: weights, parameters: parameters, lambdas: .automatic(count: 10))
        let repeated = try LogisticPath.fit(x: Self.data.features.selectingRows(rows), labels: rows.map { labels[$0] },
                                            classes: encoding.classes, parameters: parameters,
                                            lambdas: .values(weighted.lambdas))
        #expect(Approximate.close(weighted.lambdas[0], repeated.lambdas[0], relative: 1e-12))
        for l in weighted.lambdas.indices {
            // Both solve the same problem to a relative gap of 1e-11: objectives within the gaps.
            let (a, b) = (weighted.certificates[l], repeated.certificates[l])
            #expect(abs(a.primalObjective - b.primalObjective) <= max(a.dualityGap, b.dualityGap) + 1e-14)
        }
    }

    /// Stratified folds: fold sizes differ by at most one, each class is spread over the folds
    /// to within one row, and the same seed gives the same folds.
    @Test func stratifiedFoldsBalanceEveryClass() {
        let labels = (0..<103).map { $0 % 7 == 0 ? 1 : 0 }
        let folds = ClassificationCrossValidation.stratifiedFolds(labels: labels, classCount: 2, count: 5, seed: 3)
        #expect(folds == ClassificationCrossValidation.stratifiedFolds(labels: labels, classCount: 2, count: 5, seed: 3))
        let sizes = (0..<5).map { f in folds.filter { $0 == f }.count }
        #expect(sizes.max()! - sizes.min()! <= 1)
        for c in 0..<2 {
            let counts = (0..<5).map { f in labels.indices.filter { folds[$0] == f && labels[$0] == c }.count }
            #expect(counts.max()! - counts.min()! <= 1)
        }
    }

    /// The one-sort AUC equals the pairwise Mann–Whitney definition (ties count one half), weighted.
    @Test func areaUnderCurveEqualsPairwiseCount() {
        var generator = SeededGenerator(seed: 9)
        let n = 200
        let scores = (0..<n).map { _ in Double(generator.next() % 20) }   // many ties
        let labels = (0..<n).map { _ in Int(generator.next() % 2) }
        let weights = (0..<n).map { _ in Double(generator.next() % 5 + 1) }
        var pairs = 0.0, total = 0.0
        for i in 0..<n where labels[i] == 1 {
            for j in 0..<n where labels[j] == 0 {
                total += weights[i] * weights[j]
                pairs += weights[i] * weights[j] * (scores[i] > scores[j] ? 1 : (scores[i] == scores[j] ? 0.5 : 0))
            }
        }
        #expect(Approximate.close(ClassificationCrossValidation.areaUnderCurve(scores, labels: labels, weights: weights),
                                  pairs / total, relative: 1e-13))
    }

    /// Cross-validation: λ_1se ≥ λ_min, the AUC optimum is a maximum, deviance a minimum, and a
    /// seed gives the same result.
    @Test func crossValidationSelectsConsistently() throws {
        let (labels, encoding) = Self.data.targetLabels!
        let parameters = try LogisticParameters()
        let path = try LogisticPath.fit(x: Self.data.features, labels: labels, classes: encoding.classes, parameters: parameters,
                                        lambdas: .automatic(count: 30))
        for measure in ClassificationMeasure.allCases {
            let cv = try ClassificationCrossValidation.run(x: Self.data.features, labels: labels, classes: encoding.classes,
                                                           parameters: parameters, lambdas: path.lambdas, folds: 5, seed: 4,
                                                           measure: measure, context: ExecutionContext(threads: 2))
            #expect(cv.lambda1SE >= cv.lambdaMin)
            if measure.largerIsBetter {
                #expect(cv.means.allSatisfy { $0 <= cv.means[cv.indexMin] })
                #expect(cv.means.allSatisfy { (0...1).contains($0) })
            } else {
                #expect(cv.means.allSatisfy { $0 >= cv.means[cv.indexMin] })
            }
            #expect(cv.standardErrors.allSatisfy { $0 >= 0 && $0.isFinite })
            let again = try ClassificationCrossValidation.run(x: Self.data.features, labels: labels, classes: encoding.classes,
                                                              parameters: parameters, lambdas: path.lambdas, folds: 5, seed: 4,
                                                              measure: measure, context: .serial)
            #expect(again == cv)
        }
    }

    /// Probabilities are the logistic of the decision value, rows sum to 1, and the prediction is
    /// the more probable class.
    @Test func modelOutputsAgree() throws {
        let model = try LogisticRegressionParameters(lambda: 0.01, penalty: try LogisticParameters()).fit(Self.data)
        let x = Self.data.features
        let eta = try model.decisionFunction(x), p = try model.probabilities(x), predicted = try model.predict(x)
        for i in 0..<x.rows {
            #expect(Approximate.close(p[i, 1], 1 / (1 + exp(-eta[i, 0])), relative: 1e-14))
            #expect(abs(p[i, 0] + p[i, 1] - 1) <= 1e-15)
            #expect(predicted[i] == model.classes[p[i, 1] > 0.5 ? 1 : 0])
        }
    }

    /// A model file round-trips bit for bit; damaged ones are refused on decode.
    @Test func modelFileRoundTripsAndDamageIsRefused() throws {
        let model = try LogisticRegressionParameters(lambda: 0.02, penalty: try LogisticParameters()).fit(Self.data)
        let data = try ModelFile.encode(model)
        #expect(try ModelFile.decode(LogisticModel.self, from: data, path: "m.json") == model)
        let text = String(decoding: data, as: UTF8.self)
        let damaged = [
            text.replacingOccurrences(of: "\"intercepts\" : [", with: "\"intercepts\" : [\"nan\", "),
            text.replacingOccurrences(of: "\"lambda\" : ", with: "\"lambda\" : -1, \"unused\" : "),
            text.replacingOccurrences(of: "\"no\",", with: "\"yes\","),
        ]
        for edited in damaged {
            #expect(edited != text)
            #expect(throws: DataError.self) { try ModelFile.decode(LogisticModel.self, from: Data(edited.utf8), path: "m.json") }
        }
    }

    @Test func badInputIsRefusedClearly() throws {
        let (labels, _) = Self.data.targetLabels!
        #expect(throws: LagrangeError.self) { try LogisticParameters(l1Ratio: 1.5) }
        #expect(throws: LagrangeError.self) { try LogisticParameters(penaltyFactors: [0, 0]) }
        #expect(throws: LagrangeError.self) { try LogisticParameters(penaltyFactors: [-1, 1]) }
        #expect(throws: LagrangeError.self) {
            try LogisticPath.fit(x: Self.data.features, labels: labels, classes: ["a", "b", "c"], parameters: try LogisticParameters())
        }
        #expect(throws: LagrangeError.self) {
            try LogisticPath.fit(x: Self.data.features, labels: labels.map { _ in 0 }, classes: ["a", "b"], parameters: try LogisticParameters())
        }
        #expect(throws: LagrangeError.self) {
            try LogisticPath.fit(x: Self.data.features, labels: labels, classes: ["a", "b"],
                                 sampleWeights: labels.map { _ in -1 }, parameters: try LogisticParameters())
        }
    }
}
