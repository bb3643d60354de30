import DataIO
import Foundation
@testable import LinearModels
import LinearAlgebra
import Modeling
import Testing
import TestSupport

/// Coefficient limits travel with a linear model's file: the invariant is the round trip
/// (decode(encode(m)) == m, limits included); an old file without the field still loads
/// (limits nil); a coefficient outside the saved box is refused on decode.
@Suite struct SavedLimitsTests {
    @Test func linearModelKeepsItsLimits() throws {
        let data = try DataLoader.dataset(path: TestPaths.dataset("diabetes.csv"), options: DatasetOptions(task: .regression))
        let parameters = try ElasticNetParameters(l1Ratio: 1, limits: .nonnegative)
        let model = try LinearRegression.fit(x: data.features, y: data.targetValues!, lambda: 0.5, parameters: parameters,
                                             featureNames: data.featureNames)
        #expect(model.limits == .nonnegative)
        let file = try ModelFile.encode(model)
        #expect(try ModelFile.decode(LinearModel.self, from: file, path: "g.json") == model)
        let old = try ModelFile.decode(LinearModel.self, from: try #require(try ModelFileEdits.removing("limits", from: file)), path: "g.json")
        #expect(old.limits == nil && old.coefficients == model.coefficients)
        // A negative coefficient under a non-negative limit.
        let j = try #require(model.coefficients.firstIndex { $0 > 0 })
        let damaged = try ModelFileEdits.editingModel(file) { fields in
            var coefficients = fields["coefficients"] as! [Double]
            coefficients[j] = -coefficients[j]
            fields["coefficients"] = coefficients
        }
        #expect(throws: DataError.self) { try ModelFile.decode(LinearModel.self, from: damaged, path: "g.json") }
    }
}
