import Foundation
import Testing
import TestSupport

/// End-to-end preprocessing, evaluate and split on the bundled penguins table (text columns,
/// missing cells, features in the thousands next to features near 1).
@Suite struct PreprocessingCLITests {
    static let penguins = TestPaths.dataset("penguins.csv")

    func run(_ arguments: [String]) throws -> CLIRunner.Result { try CLIRunner.run(arguments) }

    @Test func textColumnsAreNamedAllAtOnce() throws {
        let directory = try TestPaths.temporaryDirectory()
        let result = try run(["fit", "svm", "--data", Self.penguins, "--target", "species", "--model", directory.appendingPathComponent("m.json").path])
        #expect(result.status == 1)
        #expect(result.stderr == "lagrange: error: \(Self.penguins): text in feature columns 'island', 'sex'; encode them with --encode onehot, or leave them out with --ignore-text or --drop island,sex\n")
    }

    @Test func fitPredictEvaluateInspectAPipeline() throws {
        let directory = try TestPaths.temporaryDirectory()
        let model = directory.appendingPathComponent("m.json").path
        let fit = try run(["fit", "svm", "--data", Self.penguins, "--target", "species", "--encode", "onehot", "--missing", "mean",
                           "--scale", "standard", "--model", model])
        #expect(fit.status == 0 && fit.stderr == "", "\(fit.stderr)")
        #expect(fit.stdout.contains("preprocessing: missing: mean; text: one-hot, unknown levels → error; scaling: standard (population sd, n)"))
        #expect(fit.stdout.contains("encoded features: 10 from 7 input columns"))

        let predict = try run(["predict", "--model", model, "--data", Self.penguins])
        #expect(predict.status == 0)
        #expect(predict.stdout.split(separator: "\n").count == 345)

        let evaluate = try run(["evaluate", "--model", model, "--data", Self.penguins, "--json"])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as? [String: Any])
        let scores = try #require(object["classification"] as? [String: Any])
        #expect(object["scored"] as? Int == 344)
        #expect((scores["accuracy"] as? Double ?? 0) > 0.95)
        #expect((scores["confusion"] as? [[Int]])?.count == 3)

        let inspect = try run(["inspect", "--model", model, "--json"])
        let stored = try #require(try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        #expect(stored["kind"] as? String == "pipeline")
        #expect((stored["model"] as? [String: Any])?["innerKind"] as? String == "svc")
        let text = try run(["inspect", "--model", model])
        #expect(text.stdout.contains("island=Torgersen"))
    }

    @Test func rbfWarnsAboutUnscaledFeatures() throws {
        let directory = try TestPaths.temporaryDirectory()
        let model = directory.appendingPathComponent("m.json").path
        let fit = try run(["fit", "svm", "--data", Self.penguins, "--target", "species", "--ignore-text", "--missing", "median", "--model", model])
        #expect(fit.status == 0)
        #expect(fit.stderr.contains("feature standard deviations differ by") && fit.stderr.contains("--scale standard"))
        let linear = try run(["fit", "svm", "--kernel", "linear", "--data", Self.penguins, "--target", "species", "--ignore-text",
                              "--missing", "median", "--model", model])
        #expect(!linear.stderr.contains("standard deviations"))
    }

    /// R's na.omit + model.matrix: 11 rows omitted, treatment-contrast columns named column=level;
    /// predict gives those rows an empty prediction and keeps the row count.
    @Test func omitAndDropFirstForALinearModel() throws {
        let directory = try TestPaths.temporaryDirectory()
        let model = directory.appendingPathComponent("m.json").path
        let fit = try run(["fit", "lasso", "--data", Self.penguins, "--target", "body_mass_g", "--encode", "onehot", "--drop-first",
                           "--missing", "omit", "--lambda", "20", "--model", model])
        #expect(fit.status == 0, "\(fit.stderr)")
        #expect(fit.stdout.contains("omitted 11 of 344 rows with a missing cell (--missing omit)"))
        #expect(fit.stdout.contains("species=Gentoo") && !fit.stdout.contains("species=Adelie"))
        let predict = try run(["predict", "--model", model, "--data", Self.penguins])
        let lines = predict.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 345 && lines.filter { $0 == "\"\"" }.count == 11)
        #expect(predict.stderr.contains("11 of 344 rows have a missing cell"))
        let evaluate = try run(["evaluate", "--model", model, "--data", Self.penguins])
        #expect(evaluate.status == 0 && evaluate.stdout.contains("R²"))
        #expect(evaluate.stderr.contains("11 of 344 rows not scored (2 with a missing target, 9 left out by the model for a missing cell)"))
    }

    @Test func correlationPCAAndCommaDrop() throws {
        let directory = try TestPaths.temporaryDirectory()
        let model = directory.appendingPathComponent("m.json").path
        let fit = try run(["fit", "pca", "--data", Self.penguins, "--drop", "species,island", "--drop", "sex,year",
                           "--missing", "omit", "--scale", "standard", "--model", model])
        #expect(fit.status == 0, "\(fit.stderr)")
        #expect(fit.stdout.contains("scaling: standard (sample sd, n − 1)"))
        #expect(fit.stdout.contains("total variance: 4"))
    }

    @Test func splitWritesTwoFilesDeterministically() throws {
        let directory = try TestPaths.temporaryDirectory()
        let data = directory.appendingPathComponent("p.csv").path
        try FileManager.default.copyItem(atPath: Self.penguins, toPath: data)
        let first = try run(["split", "--data", data, "--test", "0.25", "--seed", "3", "--stratify", "--target", "species"])
        #expect(first.status == 0, "\(first.stderr)")
        let train = try String(contentsOfFile: directory.appendingPathComponent("p-train.csv").path, encoding: .utf8)
        let test = try String(contentsOfFile: directory.appendingPathComponent("p-test.csv").path, encoding: .utf8)
        let original = try String(contentsOfFile: data, encoding: .utf8).split(separator: "\n")
        let trainRows = train.split(separator: "\n"), testRows = test.split(separator: "\n")
        #expect(trainRows.first == original.first && testRows.first == original.first)
        #expect(trainRows.count + testRows.count == original.count + 1)
        #expect(Set(trainRows.dropFirst() + testRows.dropFirst()) == Set(original.dropFirst()))
        #expect(testRows.filter { $0.hasPrefix("Chinstrap,") }.count == 17)   // round(0.25 · 68)
        _ = try run(["split", "--data", data, "--test", "0.25", "--seed", "3", "--stratify", "--target", "species"])
        #expect(try String(contentsOfFile: directory.appendingPathComponent("p-test.csv").path, encoding: .utf8) == test)
    }

    /// Every new option's misuse: one line, exit 2 for usage, 1 for bad input.
    @Test(arguments: [
        (["fit", "svm", "--missing", "sometimes"], Int32(2), "--missing"),
        (["fit", "svm", "--drop-first"], Int32(2), "--drop-first applies with --encode onehot"),
        (["fit", "svm", "--unknown", "ignore"], Int32(2), "--unknown applies with --encode onehot"),
        (["fit", "svm", "--scale", "zscore"], Int32(2), "--scale"),
        (["split", "--test", "1.5"], Int32(2), "--test takes a fraction in (0, 1)"),
        (["fit", "svm", "--features", "bill_length_mm", "--drop", "sex"], Int32(1), "give --features or --drop, not both"),
        (["fit", "svm", "--features", "beak"], Int32(1), "no column named 'beak'"),
        (["fit", "svm", "--features", "island", "--ignore-text", "--missing", "mean"], Int32(1), "holds text, and --ignore-text"),
    ] as [([String], Int32, String)])
    func misuseGetsOneLine(_ arguments: [String], _ status: Int32, _ message: String) throws {
        let directory = try TestPaths.temporaryDirectory()
        var full = arguments + ["--data", Self.penguins]
        if arguments[0] == "fit" { full += ["--target", "species", "--model", directory.appendingPathComponent("m.json").path] }
        let result = try run(full)
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    @Test func predictNamesAnUnseenLevelAndEvaluateRefusesPCA() throws {
        let directory = try TestPaths.temporaryDirectory()
        let model = directory.appendingPathComponent("m.json").path
        _ = try run(["fit", "svm", "--data", Self.penguins, "--target", "species", "--encode", "onehot", "--missing", "omit",
                     "--scale", "standard", "--model", model])
        let data = directory.appendingPathComponent("new.csv").path
        try "island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\nAtlantis,40,18,190,3700,male,2009\n"
            .write(toFile: data, atomically: true, encoding: .utf8)
        let predict = try run(["predict", "--model", model, "--data", data])
        #expect(predict.status == 1)
        #expect(predict.stderr == "lagrange: error: \(data): data row 1: level 'Atlantis' of column 'island' was not seen in training (levels: 'Biscoe', 'Dream', 'Torgersen'); fix the value, or refit with --unknown ignore to encode unseen levels as zeros\n")
        let pca = directory.appendingPathComponent("pca.json").path
        _ = try run(["fit", "pca", "--data", TestPaths.dataset("iris.csv"), "--drop", "species", "--model", pca])
        let evaluate = try run(["evaluate", "--model", pca, "--data", TestPaths.dataset("iris.csv")])
        #expect(evaluate.status == 1 && evaluate.stderr.contains("has no target to score"))
    }
}
