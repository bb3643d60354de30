import Foundation
import Testing
import TestSupport
@testable import DataIO

@Suite struct DataLoaderTests {
    /// Reference: Fisher's iris, 150 samples, 4 measurements, 3 species of 50 each.
    @Test func irisFromTheBundledDatasets() throws {
        let d = try DataLoader.dataset(path: TestPaths.dataset("iris.csv"), options: DatasetOptions(task: .classification))
        #expect(d.sampleCount == 150 && d.featureCount == 4)
        #expect(d.featureNames == ["sepal_length", "sepal_width", "petal_length", "petal_width"])
        let labels = try #require(d.targetLabels)
        #expect(labels.encoding.classes == ["setosa", "versicolor", "virginica"])
        #expect((0..<3).map { c in labels.codes.filter { $0 == c }.count } == [50, 50, 50])
        #expect(d.features[0, 0] == 5.1)
    }

    /// Every bundled dataset loads through the reader with one thread and in 4 KiB blocks on
    /// two threads to the same table.
    @Test(arguments: ["iris.csv", "wine.csv", "diabetes.csv", "breast_cancer.csv", "digits.csv"])
    func bundledDatasetsReadTheSameInSmallBlocks(name: String) throws {
        let path = TestPaths.dataset(name)
        let one = try CSVReader(options: CSV.singleBlock).read(path: path)
        let blocked = try CSVReader(options: CSV.smallBlocks()).read(path: path)
        #expect(one.rowCount > 100)
        #expect(CSV.same(one, blocked))
    }

    @Test func libsvmByExtensionOrByFormat() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let svm = directory.appendingPathComponent("data.svm").path
        let txt = directory.appendingPathComponent("data.txt").path
        for path in [svm, txt] {
            #expect(FileManager.default.createFile(atPath: path, contents: Data("1 1:2\n0 2:3\n".utf8)))
        }
        let bySuffix = try DataLoader.dataset(path: svm, options: DatasetOptions(task: .regression))
        #expect(bySuffix.features.storage == [2, 0, 0, 3])
        #expect(bySuffix.targetValues == [1, 0])
        let byFormat = try DataLoader.dataset(path: txt, format: .libsvm, options: DatasetOptions(task: .regression))
        #expect(byFormat.features.storage == [2, 0, 0, 3])
        // Read as CSV, the same text is a one-column header "1 1:2" and a text row.
        #expect(CSV.error { _ = try DataLoader.dataset(path: txt, options: DatasetOptions(task: .regression)) } != nil)
    }
}
