import Foundation
import Testing
import TestSupport

/// End-to-end: `lagrange path logistic`, `fit logistic`, `predict --probability`, and bad input.
@Suite struct LogisticCLITests {
    let breastCancer = TestPaths.dataset("breast_cancer.csv")
    let iris = TestPaths.dataset("iris.csv")

    @Test func pathWithCrossValidationSavesAModelThatPredictsProbabilities() throws {
        let dir = try TestPaths.temporaryDirectory()
        let model = dir.appendingPathComponent("m.json").path, table = dir.appendingPathComponent("t.csv").path
        let report = dir.appendingPathComponent("r.html").path
        let path = try CLIRunner.run(["path", "logistic", "--data", breastCancer, "--lambdas", "15", "--cv", "3", "--measure", "auc",
                                      "--table", table, "--report", report, "--model", model, "--select", "min"])
        #expect(path.status == 0, "\(path.stderr)")
        #expect(path.stdout.contains("log-odds of 'malignant' against 'benign'"))
        #expect(path.stdout.contains("3-fold stratified CV (seed 1) on AUC"))
        #expect(path.stdout.contains("largest relative duality gap"))
        let header = try String(contentsOfFile: table, encoding: .utf8).split(separator: "\n").first!
        #expect(header.hasPrefix("lambda,nonzero,pct_dev,l1_norm,relative_gap,duality_gap,cv_auc,cv_se,coef_mean_radius"))
        #expect(try String(contentsOfFile: report, encoding: .utf8).contains("AUC"))
        let predicted = try CLIRunner.run(["predict", "--model", model, "--data", breastCancer, "--probability", "--decision"])
        #expect(predicted.status == 0, "\(predicted.stderr)")
        let lines = predicted.stdout.split(separator: "\n")
        #expect(lines.first == "prediction,decision,probability_benign,probability_malignant" && lines.count == 570)
        // Invariant: the two probabilities sum to 1 and the label is the likelier class.
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",")
            let (p0, p1) = (Double(fields[2])!, Double(fields[3])!)
            #expect(abs(p0 + p1 - 1) <= 1e-15)
            #expect(fields[0] == (p1 > 0.5 ? "malignant" : "benign"))
        }
        let inspect = try CLIRunner.run(["inspect", "--model", model])
        #expect(inspect.status == 0 && inspect.stdout.contains("binomial logistic") && inspect.stdout.contains("rule min"))
    }

    @Test func fitLogisticWithWeights() throws {
        let dir = try TestPaths.temporaryDirectory()
        let csv = dir.appendingPathComponent("w.csv").path
        // iris' first two classes with a weight column (2 for every row: the same fit as unweighted).
        let rows = try String(contentsOfFile: iris, encoding: .utf8).split(separator: "\n")
        let kept = rows.dropFirst().filter { !$0.hasSuffix("virginica") }
        let header = rows[0].split(separator: ",").dropLast().joined(separator: ",") + ",w," + rows[0].split(separator: ",").last!
        let body = kept.map { line -> String in
            var fields = line.split(separator: ",").map(String.init)
            fields.insert("2", at: fields.count - 1)
            return fields.joined(separator: ",")
        }
        try ([header] + body).joined(separator: "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        let weighted = try CLIRunner.run(["fit", "logistic", "--data", csv, "--weights", "w", "--lambda", "0.05",
                                          "--model", dir.appendingPathComponent("a.json").path])
        #expect(weighted.status == 0, "\(weighted.stderr)")
        let plain = try CLIRunner.run(["fit", "logistic", "--data", csv, "--drop", "w", "--lambda", "0.05",
                                       "--model", dir.appendingPathComponent("b.json").path])
        #expect(plain.status == 0)
        // The same fit: identical summaries (all but the last line, which names the model file).
        #expect(weighted.stdout.split(separator: "\n").dropLast() == plain.stdout.split(separator: "\n").dropLast())
        #expect(!weighted.stdout.contains("'w'"))
    }

    @Test func badInputFailsClearly() throws {
        let three = try CLIRunner.run(["path", "logistic", "--data", iris, "--family", "binomial"])
        #expect(three.status == 1 && three.stderr.contains("multinomial") && three.stderr.contains("3 classes"))
        let model = try CLIRunner.run(["path", "logistic", "--data", breastCancer, "--model", "/tmp/x.json"])
        #expect(model.status == 2 && model.stderr.contains("--cv"))
        let measure = try CLIRunner.run(["path", "lasso", "--data", TestPaths.dataset("diabetes.csv"), "--measure", "auc"])
        #expect(measure.status == 2)
        let noModel = try CLIRunner.run(["predict", "--model", "/nonexistent.json", "--data", breastCancer, "--probability"])
        #expect(noModel.status == 1)
    }
}
