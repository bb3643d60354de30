import Foundation
import Testing
import TestSupport

/// The preprocessing options on the commands that fit many models (`path lasso|logistic`,
/// `path svm`, `path svr`) and on `fit logistic`. Reference: the same command on a file the
/// test encodes itself (one 0/1 column per level, sorted, in place; incomplete rows left out)
/// gives the same table byte for byte, and the saved pipeline is the model `fit` makes with the
/// same options.
@Suite struct PathPreprocessingCLITests {
    static let penguins = TestPaths.dataset("penguins.csv")

    /// penguins.csv (or `source`) with its text columns `text` one-hot encoded as `--encode onehot`
    /// names them and the rows with an `NA` cell left out (`--missing omit`).
    static func encodedPenguins(in directory: URL, from source: String = penguins,
                                encoding text: Set<String> = ["species", "island", "sex"]) throws -> String {
        let lines = try String(contentsOfFile: source, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            .filter { !$0.contains("NA") }
        var columns: [(name: String, cell: ([String]) -> String)] = []
        for (j, name) in header.enumerated() {
            if text.contains(name) {
                for level in Set(rows.map { $0[j] }).sorted() { columns.append(("\(name)=\(level)", { $0[j] == level ? "1" : "0" })) }
            } else {
                columns.append((name, { $0[j] }))
            }
        }
        let csv = ([columns.map(\.name).joined(separator: ",")] + rows.map { row in columns.map { $0.cell(row) }.joined(separator: ",") })
            .joined(separator: "\n") + "\n"
        let path = directory.appendingPathComponent("penguins-encoded.csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func lassoPathOnEncodedColumnsIsThePathOnTheEncodedFile() throws {
        let directory = try TestPaths.temporaryDirectory()
        let encoded = try Self.encodedPenguins(in: directory)
        let (tableA, tableB) = (directory.appendingPathComponent("a.csv").path, directory.appendingPathComponent("b.csv").path)
        let model = directory.appendingPathComponent("m.json").path
        let raw = try CLIRunner.run(["path", "lasso", "--data", Self.penguins, "--target", "body_mass_g", "--encode", "onehot",
                                     "--missing", "omit", "--cv", "5", "--table", tableA, "--model", model])
        #expect(raw.status == 0, "\(raw.stderr)")
        #expect(raw.stdout.contains("omitted 11 of 344 rows with a missing cell (--missing omit)"))
        let byHand = try CLIRunner.run(["path", "lasso", "--data", encoded, "--target", "body_mass_g", "--cv", "5", "--table", tableB])
        #expect(byHand.status == 0, "\(byHand.stderr)")
        #expect(try String(contentsOfFile: tableA, encoding: .utf8) == String(contentsOfFile: tableB, encoding: .utf8))
        // The saved model is a pipeline: predict takes the raw rows (an empty cell for an omitted one).
        let predict = try CLIRunner.run(["predict", "--model", model, "--data", Self.penguins])
        #expect(predict.status == 0, "\(predict.stderr)")
        let lines = predict.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 345 && lines.filter { $0 == "\"\"" }.count == 11)
    }

    @Test func logisticPathOnEncodedColumnsIsThePathOnTheEncodedFile() throws {
        let directory = try TestPaths.temporaryDirectory()
        let encoded = try Self.encodedPenguins(in: directory)
        let (tableA, tableB) = (directory.appendingPathComponent("a.csv").path, directory.appendingPathComponent("b.csv").path)
        // Sex from the measurements and the (encoded) species and island: a binomial path.
        let common = ["--target", "sex", "--lambdas", "20", "--cv", "3"]
        let raw = try CLIRunner.run(["path", "logistic", "--data", Self.penguins, "--encode", "onehot", "--missing", "omit",
                                     "--table", tableA] + common)
        #expect(raw.status == 0, "\(raw.stderr)")
        #expect(raw.stdout.contains("binomial logistic path"))
        let byHand = try CLIRunner.run(["path", "logistic", "--data", encoded, "--drop", "sex=female", "--table", tableB] + common.map {
            $0 == "sex" ? "sex=male" : $0
        })
        #expect(byHand.status == 0, "\(byHand.stderr)")
        #expect(try String(contentsOfFile: tableA, encoding: .utf8) == String(contentsOfFile: tableB, encoding: .utf8))
    }

    @Test func svmGridRefitIsTheFitWithTheSameOptions() throws {
        let directory = try TestPaths.temporaryDirectory()
        let (grid, fit) = (directory.appendingPathComponent("grid.json").path, directory.appendingPathComponent("fit.json").path)
        let options = ["--data", Self.penguins, "--target", "species", "--encode", "onehot", "--missing", "omit", "--scale", "standard"]
        let search = try CLIRunner.run(["path", "svm"] + options + ["--log2c", "-1,5,2", "--log2g", "-1,-7,-2", "--model", grid])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("best: C = 2^1 = 2, γ = 2^-3 = 0.125"))
        let single = try CLIRunner.run(["fit", "svm"] + options + ["-C", "2", "--gamma", "0.125", "--model", fit])
        #expect(single.status == 0, "\(single.stderr)")
        #expect(try String(contentsOfFile: grid, encoding: .utf8) == String(contentsOfFile: fit, encoding: .utf8))
    }

    @Test func svrGridAndFitLogisticTakeTheOptions() throws {
        let directory = try TestPaths.temporaryDirectory()
        let svr = try CLIRunner.run(["path", "svr", "--data", Self.penguins, "--target", "body_mass_g", "--encode", "onehot",
                                     "--missing", "omit", "--scale", "standard", "--log2c", "7,11,2", "--log2g", "-3,-5,-2",
                                     "--epsilon", "100", "--folds", "3"])
        #expect(svr.status == 0, "\(svr.stderr)")
        #expect(svr.stdout.contains("333 rows × 12 features"))
        let model = directory.appendingPathComponent("logistic.json").path
        let logistic = try CLIRunner.run(["fit", "logistic", "--data", Self.penguins, "--target", "sex", "--ignore-text",
                                          "--missing", "omit", "--lambda", "0.01", "--model", model])
        #expect(logistic.status == 0, "\(logistic.stderr)")
        let inspect = try CLIRunner.run(["inspect", "--model", model])
        #expect(inspect.stdout.hasPrefix("pipeline → binomial logistic"), "\(inspect.stdout)")
        // Without an option a text column is still refused, naming the options that handle it.
        let refused = try CLIRunner.run(["path", "lasso", "--data", Self.penguins, "--target", "body_mass_g"])
        #expect(refused.status == 1 && refused.stderr.contains("--encode onehot"), "\(refused.stderr)")
        // Statistics files have no cells to encode.
        let statistics = try CLIRunner.run(["path", "lasso", "--stats", "x.json", "--encode", "onehot"])
        #expect(statistics.status == 2 && statistics.stderr.contains("the preprocessing options need the rows (--data)"))
    }
}
