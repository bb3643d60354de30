import Foundation
import Testing
import TestSupport

/// End-to-end `lagrange fit svm|svr`, `predict`, `inspect` on the bundled datasets. Reference
/// figures come from scikit-learn 1.9.1 on the same files with the same hyperparameters (see
/// Tests/SVMTests/Fixtures/make_fixtures.py): iris SVC(rbf, C=1, gamma='scale') has 60
/// support vectors and training accuracy 146/150; diabetes SVR(C=100, epsilon=10) has 384.
@Suite struct SVMCLITests {
    func write(_ text: String, _ name: String, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func fitPredictInspectIris() throws {
        let directory = try TestPaths.temporaryDirectory()
        let model = directory.appendingPathComponent("iris.json").path
        let fit = try CLIRunner.run(["fit", "svm", "--data", TestPaths.dataset("iris.csv"), "--model", model])
        #expect(fit.status == 0)
        #expect(fit.stderr == "")
        #expect(fit.stdout.contains("support vectors: 60 of 150"))
        #expect(fit.stdout.contains("  dual objective"))
        #expect(fit.stdout.contains("  duality gap"))
        #expect(fit.stdout.contains("  max KKT violation"))
        #expect(fit.stdout.contains("  converged          yes"))

        let predict = try CLIRunner.run(["predict", "--model", model, "--data", TestPaths.dataset("iris.csv")])
        #expect(predict.status == 0)
        let lines = predict.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "prediction")
        #expect(lines.count == 151)
        let truth = try String(contentsOfFile: TestPaths.dataset("iris.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { String($0.split(separator: ",").last!) }
        let correct = zip(lines.dropFirst(), truth).filter { $0 == $1 }.count
        #expect(correct == 146)

        let decision = try CLIRunner.run(["predict", "--model", model, "--data", TestPaths.dataset("iris.csv"), "--decision"])
        #expect(decision.stdout.hasPrefix("prediction,decision_setosa_vs_versicolor,decision_setosa_vs_virginica,decision_versicolor_vs_virginica\n"))

        let inspect = try CLIRunner.run(["inspect", "--model", model])
        #expect(inspect.status == 0)
        #expect(inspect.stdout.contains("C-SVC, kernel rbf"))
        #expect(inspect.stdout.contains("max KKT violation"))
        let json = try CLIRunner.run(["inspect", "--model", model, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "svc")
        let stored = try #require(object["model"] as? [String: Any])
        #expect(((stored["supportVectors"] as? [String: Any])?["indices"] as? [Int])?.count == 60)
        let certificate = try #require(object["certificate"] as? [String: Any])
        #expect((certificate["maximumKKTViolation"] as? Double ?? 1) <= 1e-3)
    }

    @Test func binaryDecisionColumnAndOutputFile() throws {
        let directory = try TestPaths.temporaryDirectory()
        let model = directory.appendingPathComponent("bc.json").path
        let output = directory.appendingPathComponent("out.csv").path
        let fit = try CLIRunner.run(["fit", "svm", "--data", TestPaths.dataset("breast_cancer.csv"),
                                     "-C", "0.5", "--class-weight", "balanced", "--model", model, "--quiet"])
        #expect(fit.status == 0)
        let predict = try CLIRunner.run(["predict", "--model", model, "--data", TestPaths.dataset("breast_cancer.csv"),
                                         "--decision", "--output", output])
        #expect(predict.status == 0)
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.hasPrefix("prediction,decision\n"))
        #expect(text.split(separator: "\n").count == 570)
    }

    @Test func fitSVRDiabetes() throws {
        let directory = try TestPaths.temporaryDirectory()
        let model = directory.appendingPathComponent("svr.json").path
        let fit = try CLIRunner.run(["fit", "svr", "--data", TestPaths.dataset("diabetes.csv"), "-C", "100", "--epsilon", "10", "--model", model])
        #expect(fit.status == 0)
        #expect(fit.stdout.contains("ε-SVR, kernel rbf"))
        #expect(fit.stdout.contains("support vectors: 384 of 442"))
        let predict = try CLIRunner.run(["predict", "--model", model, "--data", TestPaths.dataset("diabetes.csv")])
        #expect(predict.status == 0)
        #expect(predict.stdout.hasPrefix("prediction\n"))
        #expect(predict.stdout.split(separator: "\n").count == 443)
        let json = try CLIRunner.run(["inspect", "--model", model, "--json"])
        #expect(json.stdout.contains("\"kind\" : \"svr\""))
    }

    @Test func invalidHyperparametersExitOneAndKeepTheOldModel() throws {
        let directory = try TestPaths.temporaryDirectory()
        let model = try write("keep me", "model.json", in: directory)
        let cases: [([String], String)] = [
            (["-C", "0"], "lagrange: error: invalid C = 0.0: must be a finite number > 0\n"),
            (["--gamma=-0.5"], "lagrange: error: invalid gamma = -0.5: must be a finite number ≥ 0, 'scale' or 'auto'\n"),
            // A negative number after a space is the option's value, not an unknown option.
            (["--gamma", "-0.5"], "lagrange: error: invalid gamma = -0.5: must be a finite number ≥ 0, 'scale' or 'auto'\n"),
            (["-C", "-1"], "lagrange: error: invalid C = -1.0: must be a finite number > 0\n"),
            (["--kernel", "poly", "--degree", "0"], "lagrange: error: invalid degree = 0: must be an integer ≥ 1\n"),
        ]
        for (arguments, message) in cases {
            let result = try CLIRunner.run(["fit", "svm", "--data", TestPaths.dataset("iris.csv"), "--model", model] + arguments)
            #expect(result.status == 1)
            #expect(result.stderr == message)
        }
        let svr = try CLIRunner.run(["fit", "svr", "--data", TestPaths.dataset("diabetes.csv"), "--epsilon=-1", "--model", model])
        #expect(svr.status == 1)
        let spaced = try CLIRunner.run(["fit", "svr", "--data", TestPaths.dataset("diabetes.csv"), "--epsilon", "-1", "--model", model])
        #expect(spaced.status == 1)
        #expect(spaced.stderr.hasPrefix("lagrange: error: invalid epsilon"))
        #expect(try String(contentsOfFile: model, encoding: .utf8) == "keep me")
    }

    /// The sigmoid kernel's usual negative r, written `--coef0 -0.5`, is taken as the value.
    @Test func negativeValuesFollowTheirOption() throws {
        let directory = try TestPaths.temporaryDirectory()
        let model = directory.appendingPathComponent("m.json").path
        let fit = try CLIRunner.run(["fit", "svm", "--data", TestPaths.dataset("iris.csv"), "--kernel", "sigmoid",
                                     "--gamma", "0.005", "--coef0", "-0.5", "--model", model, "--quiet"])
        #expect(fit.status == 0, "\(fit.stderr)")
        let json = try CLIRunner.run(["inspect", "--model", model, "--json"])
        #expect(json.stdout.contains("-0.5"))
    }

    @Test func usageErrorsExitTwo() throws {
        for arguments in [["--gamma", "wide"], ["--kernel", "cubic"], ["--class-weight", "heavy"]] {
            let result = try CLIRunner.run(["fit", "svm", "--data", TestPaths.dataset("iris.csv"), "--model", "/tmp/never.json"] + arguments)
            #expect(result.status == 2)
        }
    }

    @Test func badDataIsOneLocatedLine() throws {
        let directory = try TestPaths.temporaryDirectory()
        let model = directory.appendingPathComponent("m.json").path
        let single = try write("a,b,label\n1,2,x\n3,4,x\n5,6,x\n", "single.csv", in: directory)
        let result = try CLIRunner.run(["fit", "svm", "--data", single, "--model", model])
        #expect(result.status == 1)
        #expect(result.stderr == "lagrange: error: \(single): the target column 'label' has a single class ('x'); a classifier needs at least two\n")

        let nan = try write("a,b,label\n1,2,x\n3,nan,y\n5,6,x\n", "nan.csv", in: directory)
        let nanResult = try CLIRunner.run(["fit", "svm", "--data", nan, "--model", model])
        #expect(nanResult.status == 1)
        #expect(nanResult.stderr.hasPrefix("lagrange: error: \(nan):3:2:"))
        #expect(nanResult.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: model))
    }

    @Test func predictNeedsEveryTrainingColumnAndAKnownModel() throws {
        let directory = try TestPaths.temporaryDirectory()
        let model = directory.appendingPathComponent("m.json").path
        #expect(try CLIRunner.run(["fit", "svm", "--data", TestPaths.dataset("iris.csv"), "--model", model]).status == 0)
        let partial = try write("sepal_length,sepal_width,petal_length\n5.1,3.5,1.4\n", "partial.csv", in: directory)
        let missing = try CLIRunner.run(["predict", "--model", model, "--data", partial])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("column 'petal_width', a feature of the model, is missing"))

        let alien = try write(#"{"format": "lagrange-model", "kind": "tree", "version": 1, "lagrangeVersion": "0.1.0", "model": {}}"#, "alien.json", in: directory)
        let unknown = try CLIRunner.run(["predict", "--model", alien, "--data", TestPaths.dataset("iris.csv")])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("is a 'tree' model"))

        let newer = try String(contentsOfFile: model, encoding: .utf8).replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 99")
        let future = try write(newer, "future.json", in: directory)
        let refused = try CLIRunner.run(["inspect", "--model", future])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("version 99"))
    }

    @Test func iterationCapWarnsOnStandardError() throws {
        let directory = try TestPaths.temporaryDirectory()
        let model = directory.appendingPathComponent("m.json").path
        let capped = try CLIRunner.run(["fit", "svm", "--data", TestPaths.dataset("breast_cancer.csv"), "--max-iterations", "5", "--model", model])
        #expect(capped.status == 0)
        #expect(capped.stderr.hasPrefix("lagrange: warning: the solver stopped at its iteration cap after 5 iterations"))
        #expect(capped.stdout.contains("converged          no"))
        let quiet = try CLIRunner.run(["fit", "svm", "--data", TestPaths.dataset("breast_cancer.csv"), "--max-iterations", "5", "--model", model, "--quiet"])
        #expect(quiet.stderr == "")
    }
}
