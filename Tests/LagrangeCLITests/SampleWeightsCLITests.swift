import Foundation
import Testing
import TestSupport

/// End-to-end `--weights COL` for the Gaussian paths and fits and for `fit svm`.
/// References: integer weights are row copies (SampleWeights' invariant), and weights of 1 are
/// no weights (SVM boxes Cᵢ = C·1).
@Suite struct SampleWeightsCLITests {
    /// diabetes.csv with a weight column `w` before the target (wᵢ = 1 + i mod 3, i from 0),
    /// and the same data with row i written 1 + i mod 3 times (no weight column).
    func weightedAndCopied() throws -> (weighted: String, copied: String) {
        let dir = try TestPaths.temporaryDirectory()
        let rows = try String(contentsOfFile: TestPaths.dataset("diabetes.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        let header = rows[0].split(separator: ",").map(String.init)
        var weighted = [header.dropLast().joined(separator: ",") + ",w," + header.last!]
        var copied = [rows[0]]
        for (i, line) in rows.dropFirst().enumerated() {
            var fields = line.split(separator: ",").map(String.init)
            let k = 1 + i % 3
            copied += [String](repeating: line, count: k)
            fields.insert("\(k)", at: fields.count - 1)
            weighted.append(fields.joined(separator: ","))
        }
        let a = dir.appendingPathComponent("weighted.csv").path, b = dir.appendingPathComponent("copied.csv").path
        try weighted.joined(separator: "\n").write(toFile: a, atomically: true, encoding: .utf8)
        try copied.joined(separator: "\n").write(toFile: b, atomically: true, encoding: .utf8)
        return (a, b)
    }

    /// The coefficient table of a `fit` summary (from the "coefficients" line to the certificate,
    /// whose rounding-level residuals differ between the two computations).
    func coefficients(_ output: String) -> [Substring] {
        let lines = output.split(separator: "\n")
        return Array(lines.drop { !$0.hasPrefix("coefficients") }.prefix { !$0.hasPrefix("certificate") })
    }

    @Test func weightedRidgeFitEqualsRowCopies() throws {
        let (weighted, copied) = try weightedAndCopied()
        let a = try CLIRunner.run(["fit", "ridge", "--data", weighted, "--weights", "w", "--lambda", "0.1"])
        let b = try CLIRunner.run(["fit", "ridge", "--data", copied, "--lambda", "0.1"])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        #expect(a.stdout.contains("weighted by 'w'"))
        #expect(!coefficients(a.stdout).isEmpty && coefficients(a.stdout) == coefficients(b.stdout))
    }

    @Test func weightedLassoPathWithCrossValidation() throws {
        let (weighted, _) = try weightedAndCopied()
        let dir = try TestPaths.temporaryDirectory()
        let model = dir.appendingPathComponent("m.json").path
        let path = try CLIRunner.run(["path", "lasso", "--data", weighted, "--weights", "w", "--lambdas", "8", "--cv", "4",
                                      "--model", model])
        #expect(path.status == 0, "\(path.stderr)")
        #expect(path.stdout.contains("442 rows × 10 features, target 'progression', weighted by 'w'"))
        #expect(path.stdout.contains("4-fold CV"))
        let inspect = try CLIRunner.run(["inspect", "--model", model])
        #expect(inspect.status == 0 && !inspect.stdout.contains("'w'"))
    }

    @Test func badWeightsNameTheColumnAndRow() throws {
        let dir = try TestPaths.temporaryDirectory()
        let csv = dir.appendingPathComponent("bad.csv").path
        try "a,w,y\n1,1,2\n2,0,3\n3,1,5\n4,1,4\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["fit", "lasso", "--data", csv, "--weights", "w", "--lambda", "0.1"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(csv): the weight column 'w' (field 2) holds 0.0 on data row 2; weights must be finite numbers > 0"),
                "\(result.stderr)")
        let text = dir.appendingPathComponent("text.csv").path
        try "a,w,y\n1,1,2\n2,x,3\n3,1,5\n4,1,4\n".write(toFile: text, atomically: true, encoding: .utf8)
        let other = try CLIRunner.run(["path", "lasso", "--data", text, "--weights", "w"])
        #expect(other.status != 0 && other.stderr.contains("\(text):3:2: non-numeric value 'x' in the weight column 'w'"), "\(other.stderr)")
        let missing = try CLIRunner.run(["fit", "svm", "--data", csv, "--weights", "nope"])
        #expect(missing.status != 0 && missing.stderr.contains("nope"))
    }

    @Test func svmWeightsOfOneAreNoWeights() throws {
        let dir = try TestPaths.temporaryDirectory()
        let rows = try String(contentsOfFile: TestPaths.dataset("iris.csv"), encoding: .utf8).split(separator: "\n")
        let header = rows[0].split(separator: ",").dropLast().joined(separator: ",") + ",w," + rows[0].split(separator: ",").last!
        let body = rows.dropFirst().map { line -> String in
            var fields = line.split(separator: ",").map(String.init)
            fields.insert("1", at: fields.count - 1)
            return fields.joined(separator: ",")
        }
        let csv = dir.appendingPathComponent("iris_w.csv").path
        try ([header] + body).joined(separator: "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        let weighted = try CLIRunner.run(["fit", "svm", "--data", csv, "--weights", "w"])
        let plain = try CLIRunner.run(["fit", "svm", "--data", csv, "--drop", "w"])
        #expect(weighted.status == 0 && plain.status == 0, "\(weighted.stderr)\(plain.stderr)")
        #expect(weighted.stdout == plain.stdout)
    }
}
