import Foundation
import Testing
import TestSupport
@testable import DataIO

/// DESIGN.md: class labels are kept as given and predicted back as given — a numeric label
/// column keeps its text as written, not a reformatted number.
@Suite struct LabelTextTests {
    private func dataset(_ csv: String, target: String? = nil, task: LearningTask) throws -> Dataset {
        let directory = try TestPaths.temporaryDirectory()
        let path = directory.appendingPathComponent("labels.csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        return try DataLoader.dataset(path: path, options: DatasetOptions(task: task, target: target))
    }

    @Test func numericLabelsKeepTheirWrittenForm() throws {
        let data = try dataset("x,y\n1,1.50\n2,007\n3,1.50\n4,-2e0\n", task: .classification)
        let (codes, encoding) = try #require(data.targetLabels)
        // Ordered by numeric value: -2e0 < 1.50 < 007.
        #expect(encoding.classes == ["-2e0", "1.50", "007"])
        #expect(codes == [1, 2, 1, 0])
        // The feature column stays numeric.
        #expect(data.features.storage == [1, 2, 3, 4])
    }

    @Test func namedTargetKeepsTextAndFeaturesStayNumeric() throws {
        let data = try dataset("y,x\n0.0,1\n1.0,2\n", target: "y", task: .classification)
        #expect(data.targetLabels?.encoding.classes == ["0.0", "1.0"])
        #expect(data.featureNames == ["x"])
    }

    @Test func regressionTargetIsStillNumeric() throws {
        let data = try dataset("x,y\n1,1.50\n2,007\n", task: .regression)
        #expect(data.targetValues == [1.5, 7])
    }
}
