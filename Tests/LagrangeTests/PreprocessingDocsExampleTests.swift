import Foundation
import Testing
import TestSupport
import Lagrange

/// Keeps docs/preprocessing.md's library example compiling and true. References: every
/// encoded column is named (`island=Biscoe`…), the certificate converged, the file round-trips.
@Suite struct PreprocessingDocsExampleTests {
    @Test func libraryExampleRuns() throws {
        var csv = CSVOptions()
        csv.keepText = .columns(["species"])
        let table = try CSVReader(options: csv).read(path: TestPaths.dataset("penguins.csv"))
        let data = try TrainingData(table: table, selection: ColumnSelection(target: "species"), task: .classification)
        let pipeline = try PipelineParameters(
            preprocessing: PreprocessingParameters(missing: .mean, encoding: .oneHot(dropFirst: false), scaling: .standard),
            estimator: SVCParameters(c: 1)).fit(data)
        #expect(pipeline.preprocessor.outputNames.prefix(3) == ["island=Biscoe", "island=Dream", "island=Torgersen"])
        #expect(pipeline.certificate.converged)
        let outputs = try pipeline.outputs(try FeatureTable(table, columns: pipeline.featureNames), decision: false)
        #expect(outputs.columns[0].name == "prediction" && outputs.omittedRows.isEmpty)
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("penguins.json").path
        try ModelFile.write(pipeline, to: path)
        #expect(try ModelFile.read(Pipeline<SVC>.self, from: path) == pipeline)
    }
}
