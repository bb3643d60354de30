import Foundation
import Testing
import TestSupport

/// End-to-end: `lagrange fit pca`, `predict` and `inspect` on real files.
@Suite struct PCACLITests {
    let iris = TestPaths.dataset("iris.csv")

    @Test func fitPredictInspectIris() throws {
        let directory = try TestPaths.temporaryDirectory()
        let model = directory.appendingPathComponent("iris.json").path
        let report = directory.appendingPathComponent("iris.html").path
        let fit = try CLIRunner.run(["fit", "pca", "--data", iris, "--label", "species", "--components", "2",
                                     "--model", model, "--report", report])
        #expect(fit.status == 0, "\(fit.stderr)")
        // Datasets/README.md (scikit-learn 1.9.1): ratios 0.92461872, 0.05306648.
        #expect(fit.stdout.contains("pc1         4.22824   0.924619"))
        #expect(fit.stdout.contains("pc2        0.242671  0.0530665"))
        #expect(fit.stdout.contains("max eigen-residual ‖Σv − λv‖"))
        #expect(fit.stdout.contains("converged "))
        #expect(fit.stderr.isEmpty)

        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("versicolor") && html.contains("Loadings"))
        #expect(html.contains("petal_length"))

        let predict = try CLIRunner.run(["predict", "--model", model, "--data", iris])
        #expect(predict.status == 0, "\(predict.stderr)")
        let lines = predict.stdout.split(separator: "\n")
        #expect(lines.first == "pc1,pc2")
        #expect(lines.count == 151)
        // scikit-learn 1.9.1 PCA(2).transform(iris)[0] = (−2.684125626, 0.319397247); the sign
        // rules agree on iris's first two components. Printed in shortest round-trip form, so
        // agreement to 1e-8 leaves room only for the last few ulps.
        let first = lines[1].split(separator: ",").map { Double($0)! }
        #expect(abs(first[0] - -2.684125626) < 1e-8 && abs(first[1] - 0.319397247) < 1e-8)

        let inspect = try CLIRunner.run(["inspect", "--model", model])
        #expect(inspect.status == 0)
        #expect(inspect.stdout.contains("150 rows, 4 features → 2 components"))
        let json = try CLIRunner.run(["inspect", "--model", model, "--json"])
        #expect(json.stdout.contains("\"kind\" : \"pca\""))
    }

    @Test func varianceFractionAndStandardInput() throws {
        let directory = try TestPaths.temporaryDirectory()
        let model = directory.appendingPathComponent("m.json").path
        let text = try String(contentsOfFile: iris, encoding: .utf8)
        let fit = try CLIRunner.run(["fit", "pca", "--data", "-", "--drop", "species", "--variance", "0.95", "--model", model], stdin: text)
        #expect(fit.status == 0, "\(fit.stderr)")
        // Cumulative ratios 0.9246, 0.9777: the smallest k reaching 0.95 is 2.
        #expect(fit.stdout.contains("→ 2 components"))
    }

    /// A streamed file larger than one read block (8 MB, so several chunks) gives the model of
    /// the same rows fitted whole: compared through predict's scores against a fit on stdin
    /// (read as one table), which must agree to rounding (1e-9 on scores of order 1).
    @Test func streamedFileMatchesWholeTable() throws {
        let directory = try TestPaths.temporaryDirectory()
        let data = directory.appendingPathComponent("big.csv").path
        var csv = "a,b,c,d\n"
        var state: UInt64 = 3
        for _ in 0..<250_000 {
            var row: [Double] = []
            var carry = 0.0
            for j in 0..<4 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                carry = 0.5 * carry + Double(state >> 40) / Double(1 << 24)
                row.append(carry + [1e6, 0, -3, 42][j])
            }
            csv += row.map { String(format: "%.6f", $0) }.joined(separator: ",") + "\n"
        }
        try csv.write(toFile: data, atomically: true, encoding: .utf8)
        let streamed = directory.appendingPathComponent("s.json").path
        let whole = directory.appendingPathComponent("w.json").path
        #expect(try CLIRunner.run(["fit", "pca", "--data", data, "--model", streamed]).status == 0)
        #expect(try CLIRunner.run(["fit", "pca", "--data", "-", "--model", whole], stdin: csv).status == 0)
        let probe = directory.appendingPathComponent("probe.csv").path
        try csv.split(separator: "\n").prefix(50).joined(separator: "\n").write(toFile: probe, atomically: true, encoding: .utf8)
        let a = try CLIRunner.run(["predict", "--model", streamed, "--data", probe]).stdout
        let b = try CLIRunner.run(["predict", "--model", whole, "--data", probe]).stdout
        let numbersA = a.split(whereSeparator: { $0 == "\n" || $0 == "," }).dropFirst(4).map { Double($0)! }
        let numbersB = b.split(whereSeparator: { $0 == "\n" || $0 == "," }).dropFirst(4).map { Double($0)! }
        #expect(numbersA.count == 49 * 4)
        #expect(Approximate.maxAbsoluteDifference(numbersA, numbersB) <= 1e-9)
    }

    /// A wide file (n < p) streams through the reader too, and takes the SVD route: its rows
    /// (at most p) are kept. Rank is min(n, p) = 5 components.
    @Test func wideFileTakesSVDRoute() throws {
        let directory = try TestPaths.temporaryDirectory()
        let data = directory.appendingPathComponent("wide.csv").path
        let header = (1...12).map { "f\($0)" }.joined(separator: ",")
        let rows = (0..<5).map { i in (0..<12).map { j in "\(Double((i * 7 + j * j) % 11) + 0.5 * Double(j))" }.joined(separator: ",") }
        try ([header] + rows).joined(separator: "\n").write(toFile: data, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["fit", "pca", "--data", data, "--model", directory.appendingPathComponent("m.json").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("5 rows, 12 features → 5 components (SVD route, LAPACK dgesdd)"))
    }

    // MARK: - Bad input: one line, exit 1, nothing lost.

    func expectFailure(_ arguments: [String], stdin: String? = nil, status: Int32 = 1, message: String) throws {
        let result = try CLIRunner.run(arguments, stdin: stdin)
        #expect(result.status == status, "\(arguments)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    @Test func badInputs() throws {
        let directory = try TestPaths.temporaryDirectory()
        let model = directory.appendingPathComponent("m.json").path
        try expectFailure(["fit", "pca", "--data", iris, "--drop", "species", "--components", "5", "--model", model],
                          message: "invalid components = 5: must be at most the number of features (4)")
        try expectFailure(["fit", "pca", "--data", iris, "--drop", "species", "--variance", "0", "--model", model],
                          message: "invalid variance = 0.0: must be a fraction in (0, 1]")
        try expectFailure(["fit", "pca", "--data", iris, "--model", model],
                          message: "iris.csv:2:5: non-numeric value 'setosa' in column 'species', which must be numeric")
        try expectFailure(["fit", "pca", "--data", iris, "--drop", "nope", "--model", model],
                          message: "no column named 'nope' (--drop)")
        try expectFailure(["fit", "pca", "--data", iris, "--components", "2", "--variance", "0.9", "--model", model],
                          status: 2, message: "give --components or --variance, not both")

        let nan = directory.appendingPathComponent("nan.csv").path
        try "a,b\n1,2\n3,NaN\n5,7\n".write(toFile: nan, atomically: true, encoding: .utf8)
        try expectFailure(["fit", "pca", "--data", nan, "--model", model], message: "nan.csv:3:2: missing value")

        let constant = directory.appendingPathComponent("constant.csv").path
        try "a,b,c\n1,5,2\n2,5,9\n4,5,1\n".write(toFile: constant, atomically: true, encoding: .utf8)
        try expectFailure(["fit", "pca", "--data", constant, "--whiten", "--model", model],
                          message: "column 'b' is constant")
        try expectFailure(["fit", "pca", "--data", nan, "--components", "1", "--model", model], stdin: nil,
                          message: "missing value")
        let oneRow = directory.appendingPathComponent("one.csv").path
        try "a,b\n1,2\n".write(toFile: oneRow, atomically: true, encoding: .utf8)
        try expectFailure(["fit", "pca", "--data", oneRow, "--model", model], message: "PCA needs at least 2")
    }

    @Test func predictNeedsTrainingColumnsAndFailedFitKeepsOldModel() throws {
        let directory = try TestPaths.temporaryDirectory()
        let model = directory.appendingPathComponent("m.json").path
        #expect(try CLIRunner.run(["fit", "pca", "--data", iris, "--drop", "species", "--model", model]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: model))
        let partial = directory.appendingPathComponent("partial.csv").path
        try "sepal_length,sepal_width,petal_length\n1,2,3\n".write(toFile: partial, atomically: true, encoding: .utf8)
        try expectFailure(["predict", "--model", model, "--data", partial],
                          message: "column 'petal_width', a feature of the model, is missing")
        // A failed fit leaves the previous model file as it was.
        try expectFailure(["fit", "pca", "--data", iris, "--model", model], message: "non-numeric value")
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == before)
    }
}
