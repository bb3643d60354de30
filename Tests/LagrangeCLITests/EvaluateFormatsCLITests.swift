import Foundation
import Testing
import TestSupport

/// `evaluate` reads every format `fit` reads (issue 15): a model fitted on a LIBSVM file is
/// scored on a LIBSVM file. Reference: the six points are separable by the sign of feature 1,
/// so a C-SVC classifies all of them correctly (accuracy 1, confusion matrix diagonal).
@Suite struct EvaluateFormatsCLITests {
    @Test func evaluateReadsLIBSVMFiles() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("t.svm").path
        try "+1 1:0.5 2:1\n-1 1:-0.5 2:-1\n+1 1:0.7 2:0.9\n-1 1:-0.6 2:-1.2\n+1 1:0.4 2:1.1\n-1 1:-0.3 2:-0.8\n"
            .write(toFile: data, atomically: true, encoding: .utf8)
        let model = directory.appendingPathComponent("m.json").path
        #expect(try CLIRunner.run(["fit", "svm", "--data", data, "--model", model, "--quiet"]).status == 0)
        let run = try CLIRunner.run(["evaluate", "--model", model, "--data", data, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let classification = object?["classification"] as? [String: Any]
        #expect((classification?["accuracy"] as? Double) == 1, "\(run.stdout)")
    }
}
