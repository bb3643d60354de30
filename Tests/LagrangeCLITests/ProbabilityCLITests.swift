import Foundation
import Testing
import TestSupport

/// End-to-end `fit svm --probability` and `predict --probability`. Reference: the definitions
/// (rows sum to 1; with --probability-labels the label is the column of largest probability);
/// the agreement with scikit-learn is in Tests/SVMTests/SVCProbabilityTests.swift.
@Suite struct ProbabilityCLITests {
    @Test func probabilityColumnsAndArgmaxLabels() throws {
        let directory = try TestPaths.temporaryDirectory()
        let model = directory.appendingPathComponent("wine.json").path
        let fit = try CLIRunner.run(["fit", "svm", "--data", TestPaths.dataset("wine.csv"), "--scale", "standard",
                                     "--probability", "--probability-labels", "--model", model, "--quiet"])
        #expect(fit.status == 0)
        #expect(fit.stdout.contains("labels by the largest probability"))
        let predict = try CLIRunner.run(["predict", "--model", model, "--data", TestPaths.dataset("wine.csv"), "--probability"])
        #expect(predict.status == 0)
        let lines = predict.stdout.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let header = try #require(lines.first)
        #expect(header.first == "prediction" && header.dropFirst().allSatisfy { $0.hasPrefix("probability_") })
        #expect(lines.count == 179)
        for row in lines.dropFirst() {
            let p = row.dropFirst().map { Double($0)! }
            #expect(abs(p.reduce(0, +) - 1) <= 1e-9)
            let best = p.indices.max { p[$0] < p[$1] }!
            #expect(row[0] == String(header[best + 1].dropFirst("probability_".count)))
        }
        let plain = try CLIRunner.run(["predict", "--model", model, "--data", TestPaths.dataset("wine.csv")])
        #expect(plain.stdout.hasPrefix("prediction\n"))
    }

    @Test func probabilityNeedsAFittedCalibration() throws {
        let directory = try TestPaths.temporaryDirectory()
        let model = directory.appendingPathComponent("iris.json").path
        _ = try CLIRunner.run(["fit", "svm", "--data", TestPaths.dataset("iris.csv"), "--model", model, "--quiet"])
        let predict = try CLIRunner.run(["predict", "--model", model, "--data", TestPaths.dataset("iris.csv"), "--probability"])
        #expect(predict.status == 1)
        #expect(predict.stderr.contains("fit svm --probability"))
        let labelsOnly = try CLIRunner.run(["fit", "svm", "--data", TestPaths.dataset("iris.csv"), "--probability-labels"])
        #expect(labelsOnly.status == 2)
    }
}
