import DataIO
import Foundation
@testable import LinearClassifiers
import LinearAlgebra
import Modeling
import Testing
import TestSupport

/// Coefficient limits travel with the model file (logistic models here, Gaussian ones in LinearModelsTests): the
/// invariant is the round trip (decode(encode(m)) == m, limits included), an old file without
/// the field still loads (limits nil), and damaged limits — a box not containing 0, the wrong
/// count, a coefficient outside the box — are refused on decode.
@Suite struct SavedLimitsTests {
    /// The file with its limits replaced.
    static func withLimits(_ data: Data, lower: [Double], upper: [Double]) throws -> Data {
        try ModelFileEdits.editingModel(data) { $0["limits"] = ["lower": lower, "upper": upper] }
    }

    @Test func logisticModelKeepsItsLimits() throws {
        let data = try Fixture.generated
        let (labels, encoding) = data.targetLabels!
        let limits = try CoefficientLimits(lower: -0.4, upper: 0.6)
        let model = try LogisticRegressionParameters(lambda: 0.005, penalty: try LogisticParameters(l1Ratio: 0.5, limits: limits))
            .fit(x: data.features, labels: labels, classes: encoding.classes, featureNames: data.featureNames)
        #expect(model.limits == limits)
        let file = try ModelFile.encode(model)
        let decoded = try ModelFile.decode(LogisticModel.self, from: file, path: "m.json")
        #expect(decoded == model)
        #expect(model.modelDescription.facts.contains { $0.label == "coefficient limits" })
        let old = try ModelFile.decode(LogisticModel.self, from: try #require(try ModelFileEdits.removing("limits", from: file)), path: "m.json")
        #expect(old.limits == nil && old.coefficients == model.coefficients)
        let damaged = [
            try Self.withLimits(file, lower: [0.1], upper: [0.6]),                  // a box without 0
            try Self.withLimits(file, lower: [-0.4, -0.4], upper: [0.6]),           // 2 values for 40 features
            try Self.withLimits(file, lower: [-0.4], upper: [0.01]),                // coefficients outside
        ]
        for edited in damaged {
            #expect(edited != file)
            #expect(throws: DataError.self) { try ModelFile.decode(LogisticModel.self, from: edited, path: "m.json") }
        }
    }

    /// A multinomial model (one coefficient row per class) keeps its limits and its zero factors;
    /// a box that some class's coefficients leave is refused on decode.
    @Test func multinomialModelKeepsItsLimits() throws {
        let data = try MultinomialFixtureTests.iris
        let (labels, encoding) = data.targetLabels!
        let model = try LogisticRegressionParameters(lambda: 0.01, penalty: try LogisticParameters(l1Ratio: 1, limits: .nonnegative),
                                                     family: .multinomial)
            .fit(x: data.features, labels: labels, classes: encoding.classes, featureNames: data.featureNames)
        #expect(model.limits == .nonnegative)
        #expect(model.coefficients.count == 3 && model.coefficients.joined().allSatisfy { $0 >= 0 })
        #expect(model.coefficients.joined().contains { $0 > 0.5 })
        let file = try ModelFile.encode(model)
        #expect(try ModelFile.decode(LogisticModel.self, from: file, path: "m.json") == model)
        let outside = try Self.withLimits(file, lower: [0], upper: [0.5])
        #expect(throws: DataError.self) { try ModelFile.decode(LogisticModel.self, from: outside, path: "m.json") }
        let free = try LogisticRegressionParameters(lambda: 0.01, penalty: try LogisticParameters(l1Ratio: 1, penaltyFactors: [0, 1, 1, 1]),
                                                    family: .multinomial)
            .fit(x: data.features, labels: labels, classes: encoding.classes, featureNames: data.featureNames)
        #expect(free.penaltyFactors[0] == 0 && free.certificate.converged)
        #expect(try ModelFile.decode(LogisticModel.self, from: try ModelFile.encode(free), path: "m.json") == free)
    }
}
