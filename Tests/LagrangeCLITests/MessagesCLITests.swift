import Foundation
import Testing
import TestSupport

/// Issue 10, "Unclear messages": each is one line that names what is wrong and how to fix it.
/// Every expectation here failed on the message the issue quotes.
@Suite struct MessagesCLITests {
    private static func write(_ text: String, _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    private static func oneLine(_ result: CLIRunner.Result, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        #expect(result.status != 0, "status \(result.status)", sourceLocation: sourceLocation)
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr.debugDescription)", sourceLocation: sourceLocation)
        return result.stderr
    }

    @Test func semicolonFileGetsADelimiterHint() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = try Self.write("a;b;y\n1;2;3\n4;5;7\n2;2;2\n", "semi.csv", in: directory)
        let message = Self.oneLine(try CLIRunner.run(["fit", "lasso", "--data", data, "--lambda", "0.1",
                                                      "--model", directory.appendingPathComponent("m.json").path]))
        #expect(message.hasSuffix("(the header is one column, 'a;b;y': if the file is separated by ';', pass --delimiter ';')\n"))
    }

    /// A model file cut short (it has its "format" header): "damaged or truncated", not "no
    /// format header".
    @Test func truncatedModelFile() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = directory.appendingPathComponent("m.json").path
        #expect(try CLIRunner.run(["fit", "lasso", "--data", TestPaths.dataset("diabetes.csv"), "--lambda", "1", "--model", model]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: model))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: model))
        let message = Self.oneLine(try CLIRunner.run(["predict", "--model", model, "--data", TestPaths.dataset("diabetes.csv")]))
        #expect(message.hasPrefix("lagrange: error: \(model): is a damaged or truncated Lagrange model file (not valid JSON: it ends after \(bytes.count / 2) bytes"))
    }

    /// predict has no --drop: its hint for a non-numeric feature cell must not offer it, and
    /// the column is not called "numeric column" (it may be all text).
    @Test func predictHintAndTextColumnWording() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let train = try Self.write("a,b,y\n1,2,3\n2,1,4\n3,5,9\n4,3,8\n", "train.csv", in: directory)
        let model = directory.appendingPathComponent("m.json").path
        #expect(try CLIRunner.run(["fit", "lasso", "--data", train, "--lambda", "0.1", "--model", model]).status == 0)
        let test = try Self.write("a,b\n1,x\n", "test.csv", in: directory)
        let message = Self.oneLine(try CLIRunner.run(["predict", "--model", model, "--data", test]))
        #expect(message == "lagrange: error: \(test):2:2: non-numeric value 'x' in column 'b', which must be numeric; the model was trained on it as a number, so fix or remove the row\n")
        #expect(!message.contains("--drop") && !message.contains("numeric column"))
    }

    /// A model file whose parts disagree in size: the message names the model file.
    @Test func shapeMismatchNamesTheModelFile() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = directory.appendingPathComponent("m.json")
        #expect(try CLIRunner.run(["fit", "lasso", "--data", TestPaths.dataset("diabetes.csv"), "--lambda", "1", "--model", model.path]).status == 0)
        var json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: model)) as? [String: Any])
        var inner = try #require(json["model"] as? [String: Any])
        inner["coefficients"] = Array(try #require(inner["coefficients"] as? [Double]).dropLast())
        json["model"] = inner
        try JSONSerialization.data(withJSONObject: json).write(to: model)
        let message = Self.oneLine(try CLIRunner.run(["predict", "--model", model.path, "--data", TestPaths.dataset("diabetes.csv")]))
        #expect(message.hasPrefix("lagrange: error: \(model.path): "))
    }

    /// `--seed -1` was "Missing value for '--seed <S>'"; `--budget -1` was refused only after
    /// the whole path was printed.
    @Test func negativeSeedAndBudgetAreRefusedUpFront() throws {
        let seed = try CLIRunner.run(["path", "lasso", "--data", TestPaths.dataset("diabetes.csv"), "--cv", "3", "--seed", "-1"])
        #expect(seed.status == 2)
        #expect(Self.oneLine(seed).hasPrefix("lagrange: error: The value '-1' is invalid for '--seed <S>'"))
        let budget = try CLIRunner.run(["path", "lasso", "--data", TestPaths.dataset("diabetes.csv"), "--budget", "-1"])
        #expect(budget.status == 2 && budget.stdout.isEmpty)
        #expect(Self.oneLine(budget).hasPrefix("lagrange: error: --budget must be a finite number ≥ 0, got -1.0"))
    }

    /// NUL and an ANSI escape from a cell reach the message escaped, never raw.
    @Test func controlCharactersAreEscaped() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = try Self.write("a,b\n1,x\u{1B}[31mred\u{0}\n2,3\n", "ctl.csv", in: directory)
        let message = Self.oneLine(try CLIRunner.run(["fit", "lasso", "--data", data, "--lambda", "1",
                                                      "--model", directory.appendingPathComponent("m.json").path]))
        #expect(message.contains("'x\\u{1B}[31mred\\0'"))
        #expect(!message.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    /// `--decision` on a PCA or SVR model warns, as it does for a linear model.
    @Test func decisionOnNonClassifiersWarns() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = try Self.write("a,b,y\n1,2,3\n2,1,4\n3,5,9\n4,3,8\n5,5,11\n", "d.csv", in: directory)
        // One behaviour for every model without decision values (the `Model` contract).
        for (family, kind) in [("pca", "a 'pca' model has no decision values, so only its outputs are written"),
                               ("svr", "a 'svr' model has no decision values, so only its outputs are written")] {
            let model = directory.appendingPathComponent("\(family).json").path
            #expect(try CLIRunner.run(["fit", family, "--data", data, "--model", model]).status == 0)
            let run = try CLIRunner.run(["predict", "--model", model, "--data", data, "--decision"])
            #expect(run.status == 0)
            #expect(run.stderr == "lagrange: warning: --decision applies to classifiers; \(kind)\n")
        }
    }

    /// Labels 1 and 1.0 are one class (the column is numeric); a continuous target with many
    /// values makes the classifier warn.
    @Test func numericLabelsAreClassesByValue() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = try Self.write("a,y\n1,1\n2,1.0\n3,2\n4,2.0\n5,1\n6,2\n", "labels.csv", in: directory)
        let run = try CLIRunner.run(["fit", "svm", "--data", data, "--model", directory.appendingPathComponent("m.json").path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("classes: 2\n"), "\(run.stdout)")
        var rows = "a,y\n"
        for i in 0..<60 { rows += "\(i),\(Double(i) * 0.37)\n" }
        let continuous = try Self.write(rows, "continuous.csv", in: directory)
        let warned = try CLIRunner.run(["fit", "svm", "--data", continuous, "--model", directory.appendingPathComponent("c.json").path])
        #expect(warned.stderr.hasPrefix("lagrange: warning: the target 'y' has 60 distinct numeric values in 60 rows"))
    }

    /// Case 7: a 0/1 column with a single 1 is constant in one CV training fold; `path --cv 10`
    /// failed with "column 1 is constant". Now it runs and warns once, by name.
    @Test func columnConstantInOneFoldWarns() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var rows = "flag,a,y\n"
        for i in 0..<40 { rows += "\(i == 7 ? 1 : 0),\(Double(i) / 3),\(Double(i % 7) + Double(i) / 5)\n" }
        let data = try Self.write(rows, "flag.csv", in: directory)
        let run = try CLIRunner.run(["path", "lasso", "--data", data, "--cv", "10", "--lambdas", "10"])
        #expect(run.status == 0, "\(run.stderr)")
        // The first warning line is the constant column's (a grid-edge warning may follow).
        #expect(run.stderr.hasPrefix("lagrange: warning: column 'flag' is constant in the training rows of 1 of 10 cross-validation folds; it gets coefficient 0 there (as in cv.glmnet)\n"))
    }

    /// A column constant in the data gets coefficient 0 with a warning (it was refused).
    @Test func constantColumnWarns() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = try Self.write("a,c,y\n1,7,3\n2,7,4\n3,7,9\n4,7,8\n5,7,11\n", "c.csv", in: directory)
        let run = try CLIRunner.run(["fit", "lasso", "--data", data, "--lambda", "0.1", "--model", directory.appendingPathComponent("m.json").path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "lagrange: warning: column 'c' is constant, so its coefficient is 0 (as in glmnet); leave it out with --drop c\n")
    }
}
