import Foundation
import Testing
import TestSupport

/// End-to-end: the multinomial family of `path logistic` and `fit logistic`, with predict,
/// evaluate and inspect on its model, and the family's usage errors.
@Suite struct MultinomialCLITests {
    let iris = TestPaths.dataset("iris.csv")
    let wine = TestPaths.dataset("wine.csv")

    /// Three classes and no --family: the multinomial path (the decision documented in the help).
    @Test func moreThanTwoClassesFitTheMultinomialPathWithCrossValidation() throws {
        let dir = try TestPaths.temporaryDirectory()
        let model = dir.appendingPathComponent("m.json").path, table = dir.appendingPathComponent("t.csv").path
        let report = dir.appendingPathComponent("r.html").path
        let path = try CLIRunner.run(["path", "logistic", "--data", iris, "--lambdas", "20", "--cv", "3",
                                      "--measure", "misclassification", "--table", table, "--report", report, "--model", model])
        #expect(path.status == 0, "\(path.stderr)")
        #expect(path.stdout.contains("multinomial logistic path") && path.stdout.contains("3 classes: setosa, versicolor, virginica"))
        #expect(path.stdout.contains("3-fold stratified CV (seed 1) on misclassification error"))
        let header = try String(contentsOfFile: table, encoding: .utf8).split(separator: "\n").first!
        #expect(header.hasPrefix("lambda,nonzero,pct_dev,l1_norm,relative_gap,duality_gap,cv_misclassification,cv_se,coef_setosa_sepal_length"))
        #expect(header.hasSuffix("intercept_setosa,intercept_versicolor,intercept_virginica"))
        let page = try String(contentsOfFile: report, encoding: .utf8)
        for label in ["setosa", "versicolor", "virginica"] { #expect(page.contains("Coefficient paths — class \(label)")) }
        #expect(page.contains("misclassification error"))
        let predicted = try CLIRunner.run(["predict", "--model", model, "--data", iris, "--probability"])
        #expect(predicted.status == 0, "\(predicted.stderr)")
        let lines = predicted.stdout.split(separator: "\n")
        #expect(lines.first == "prediction,probability_setosa,probability_versicolor,probability_virginica" && lines.count == 151)
        // Invariant: the probabilities sum to 1 and the label is the likeliest class.
        let names = ["setosa", "versicolor", "virginica"]
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",")
            let p = fields.dropFirst().map { Double($0)! }
            #expect(abs(p.reduce(0, +) - 1) <= 1e-14)
            #expect(String(fields[0]) == names[p.indices.max { p[$0] < p[$1] }!])
        }
        let inspect = try CLIRunner.run(["inspect", "--model", model])
        #expect(inspect.status == 0 && inspect.stdout.contains("multinomial logistic") && inspect.stdout.contains("rule 1se"))
        let evaluate = try CLIRunner.run(["evaluate", "--model", model, "--data", iris])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
    }

    @Test func fitGroupedMultinomial() throws {
        let dir = try TestPaths.temporaryDirectory()
        let model = dir.appendingPathComponent("g.json").path
        let fit = try CLIRunner.run(["fit", "logistic", "--data", wine, "--family", "multinomial", "--grouped", "--lambda", "0.05",
                                     "--l1-ratio", "0.5", "--model", model])
        #expect(fit.status == 0, "\(fit.stderr)")
        #expect(fit.stdout.contains("multinomial (grouped) logistic"))
        let predicted = try CLIRunner.run(["predict", "--model", model, "--data", wine, "--decision"])
        #expect(predicted.status == 0, "\(predicted.stderr)")
        #expect(predicted.stdout.hasPrefix("prediction,decision_0,decision_1,decision_2"))
    }

    @Test func familyUsageErrorsAreClear() throws {
        let binomial = try CLIRunner.run(["path", "logistic", "--data", iris, "--family", "binomial"])
        #expect(binomial.status == 1 && binomial.stderr.contains("3 classes") && binomial.stderr.contains("--family multinomial"))
        let grouped = try CLIRunner.run(["path", "logistic", "--data", TestPaths.dataset("breast_cancer.csv"), "--grouped"])
        #expect(grouped.status == 1 && grouped.stderr.contains("grouped") && grouped.stderr.contains("--family multinomial"))
        let auc = try CLIRunner.run(["path", "logistic", "--data", iris, "--lambdas", "5", "--cv", "3", "--measure", "auc"])
        #expect(auc.status == 1 && auc.stderr.contains("two classes"))
        let gaussian = try CLIRunner.run(["path", "lasso", "--data", TestPaths.dataset("diabetes.csv"), "--grouped"])
        #expect(gaussian.status == 2)
    }
}
