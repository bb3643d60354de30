import Foundation
import Testing
import TestSupport
import DataIO
import Decomposition
import LinearAlgebra

/// The library's streaming PCA (`PCAParameters.fit(csv:…)`) against the in-memory fit of the
/// same rows. Reference: the eigenvalues agree to 1e-12 relative and the directions to 1e-10
/// (the stream merges per-part moments, a different but exact summation order).
@Suite struct StreamingFitTests {
    @Test func streamingEqualsInMemoryFit() throws {
        let path = TestPaths.dataset("iris.csv")
        let data = try DataLoader.dataset(path: path, options: DatasetOptions(task: .unsupervised, target: "species"))
        let parameters = PCAParameters(components: .count(3))
        let inMemory = try parameters.fit(data.features, featureNames: data.featureNames)
        var options = CSVOptions()
        options.threads = 2
        var observedRows = 0
        let streamed = try parameters.fit(csv: path, reader: CSVReader(options: options),
                                          featureColumns: { header in header.indices.filter { header[$0] != "species" } },
                                          context: .serial, observe: { part, columns in
                                              observedRows += part.rows
                                              #expect(columns == [0, 1, 2, 3])
                                          })
        #expect(observedRows == 150)
        #expect(streamed.featureNames == inMemory.featureNames)
        for (a, b) in zip(streamed.explainedVariance, inMemory.explainedVariance) { #expect(abs(a - b) <= 1e-12 * b) }
        #expect(Approximate.maxAbsoluteDifference(streamed.components.storage, inMemory.components.storage) <= 1e-10)
        #expect(streamed.certificate.converged)
    }

    @Test func aTextFeatureIsRefusedWithItsLocation() throws {
        let path = TestPaths.dataset("iris.csv")
        #expect(throws: DataError.self) {
            try PCAParameters().fit(csv: path, reader: CSVReader(), featureColumns: { Array($0.indices) })
        }
    }
}
