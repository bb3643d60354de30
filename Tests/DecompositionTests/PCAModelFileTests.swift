import DataIO
import Decomposition
import Foundation
import LinearAlgebra
import Testing
import TestSupport

/// The versioned JSON model file (kind "pca", version 1).
@Suite struct PCAModelFileTests {
    /// Doubles are written in shortest round-trip form, so a saved model reads back equal.
    @Test func roundTripsExactly() throws {
        let data = try PCATestData.features("iris.csv", target: "species")
        let model = try PCAParameters(components: .varianceFraction(0.95), whiten: true)
            .fit(data.features, featureNames: data.featureNames)
        let directory = try TestPaths.temporaryDirectory()
        let path = directory.appendingPathComponent("pca.json").path
        try ModelFile.write(model, to: path)
        let back = try ModelFile.read(PCAModel.self, from: path)
        #expect(back == model)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"kind\" : \"pca\""))
        #expect(text.contains("\"version\" : 1"))
        #expect(text.contains("\"varianceFraction\" : 0.95"))
    }

    @Test(arguments: [ComponentSelection.count(3), .varianceFraction(0.8), .all])
    func selectionRoundTrips(selection: ComponentSelection) throws {
        let model = try PCAParameters(components: selection).fit(PCATestData.correlated(rows: 40, columns: 5))
        let back = try ModelFile.decode(PCAModel.self, from: try ModelFile.encode(model), path: "m.json")
        #expect(back.selection == selection)
        #expect(back == model)
    }

    @Test func refusesDamagedComponents() throws {
        let model = try PCAParameters(components: .count(2)).fit(PCATestData.correlated(rows: 20, columns: 3))
        var text = String(decoding: try ModelFile.encode(model), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"featureNames\" : [\n      \"x1\",", with: "\"featureNames\" : [")
        #expect(throws: DataError.self) { try ModelFile.decode(PCAModel.self, from: Data(text.utf8), path: "m.json") }
    }
}
