import Foundation
import Testing
import TestSupport

/// End-to-end: `lagrange fit ridge|lasso|enet`, `path`, `predict`, `inspect`, and bad input.
@Suite struct LinearModelsCLITests {
    let diabetes = TestPaths.dataset("diabetes.csv")

    @Test func fitLassoPredictInspect() throws {
        let dir = try TestPaths.temporaryDirectory()
        let model = dir.appendingPathComponent("lasso.json").path
        let fit = try CLIRunner.run(["fit", "lasso", "--data", diabetes, "--lambda", "1", "--model", model])
        #expect(fit.status == 0, "\(fit.stderr)")
        #expect(fit.stdout.contains("lasso at λ = 1; standardized features, with intercept; 442 training rows"))
        #expect(fit.stdout.contains("non-zero coefficients: 7 of 10"))
        #expect(fit.stdout.contains("duality gap"))
        #expect(fit.stderr.isEmpty)
        let predicted = try CLIRunner.run(["predict", "--model", model, "--data", diabetes])
        #expect(predicted.status == 0)
        let lines = predicted.stdout.split(separator: "\n")
        #expect(lines.first == "prediction" && lines.count == 443)
        // Reference: scikit-learn-style check, the mean prediction of a model with intercept equals ȳ
        // (the residuals of a centred fit sum to zero): ȳ = 152.133484 for diabetes.
        let mean = lines.dropFirst().map { Double($0)! }.reduce(0, +) / 442
        #expect(abs(mean - 152.133484162896) < 1e-8)
        let inspect = try CLIRunner.run(["inspect", "--model", model])
        #expect(inspect.status == 0 && inspect.stdout.contains("lasso at λ = 1"))
        let json = try CLIRunner.run(["inspect", "--model", model, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        // One schema for every family: the model file's own fields under "model".
        #expect(object?["kind"] as? String == "linear-model")
        #expect((object?["model"] as? [String: Any])?["family"] as? String == "lasso")
        #expect((object?["certificate"] as? [String: Any])?["relativeDualityGap"] is Double)
    }

    @Test func fitRidgeAndEnet() throws {
        let dir = try TestPaths.temporaryDirectory()
        let ridge = try CLIRunner.run(["fit", "ridge", "--data", diabetes, "--lambda", "0.1", "--model", dir.appendingPathComponent("r.json").path])
        #expect(ridge.status == 0 && ridge.stdout.contains("normal-equation residual"))
        let enet = try CLIRunner.run(["fit", "enet", "--data", diabetes, "--lambda", "0.5", "--l1-ratio", "0.3",
                                      "--penalty-factor", "bmi=0", "--model", dir.appendingPathComponent("e.json").path])
        #expect(enet.status == 0 && enet.stdout.contains("enet at λ = 0.5, l1-ratio 0.3"))
    }

    @Test func pathWithCrossValidationReportTableAndModel() throws {
        let dir = try TestPaths.temporaryDirectory()
        let report = dir.appendingPathComponent("path.html").path
        let table = dir.appendingPathComponent("path.csv").path
        let model = dir.appendingPathComponent("cv.json").path
        let args = ["path", "lasso", "--data", diabetes, "--lambdas", "30", "--cv", "5", "--seed", "3",
                    "--report", report, "--table", table, "--model", model]
        let run = try CLIRunner.run(args)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("λ_min ="))
        #expect(run.stdout.contains(" 1se"))
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg") && !html.contains("<script"))
        #expect(html.contains("λ_1se") && html.contains("bmi"))
        let csv = try String(contentsOfFile: table, encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 31)
        #expect(csv[0].hasPrefix("lambda,nonzero,pct_dev,l1_norm,relative_gap,duality_gap,screened,cv_mean,cv_se,coef_age"))
        func saved() throws -> NSDictionary {
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model))) as! NSDictionary
        }
        let first = try saved()
        // Same seed → same folds → the same saved model (compared as JSON: key order may vary).
        let again = try CLIRunner.run(args)
        #expect(again.status == 0)
        #expect(try saved() == first)
        let inspect = try CLIRunner.run(["inspect", "--model", model])
        #expect(inspect.stdout.contains("rule 1se"))
    }

    @Test func ridgePathAndBudget() throws {
        let ridge = try CLIRunner.run(["path", "ridge", "--data", diabetes, "--lambdas", "10"])
        #expect(ridge.status == 0 && ridge.stdout.contains("LOO MSE") && ridge.stdout.contains("leave-one-out: least error"))
        let budget = try CLIRunner.run(["path", "lasso", "--data", diabetes, "--lambdas", "20", "--budget", "10"])
        #expect(budget.status == 0 && budget.stdout.contains("budget 10 on the standardized scale: λ ="))
    }

    @Test func badInputIsOneLineExitOne() throws {
        let dir = try TestPaths.temporaryDirectory()
        let model = dir.appendingPathComponent("keep.json").path
        try "precious".write(toFile: model, atomically: true, encoding: .utf8)
        func fails(_ args: [String], _ expected: String) throws {
            let run = try CLIRunner.run(args)
            #expect(run.status == 1, "\(args)")
            #expect(run.stderr.hasPrefix("lagrange: error: ") && run.stderr.contains(expected), "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1)
        }
        try fails(["fit", "lasso", "--data", diabetes, "--lambda=-1", "--model", model], "invalid lambda = -1.0")
        // The same value after a space is the option's value, not an unknown option (exit 2).
        try fails(["fit", "lasso", "--data", diabetes, "--lambda", "-1", "--model", model], "invalid lambda = -1.0")
        try fails(["fit", "enet", "--data", diabetes, "--lambda", "1", "--l1-ratio", "1.5", "--model", model], "invalid l1-ratio = 1.5")
        let constantTarget = dir.appendingPathComponent("ct.csv").path
        try "a,b,y\n1,2,3\n2,1,3\n3,3,3\n".write(toFile: constantTarget, atomically: true, encoding: .utf8)
        try fails(["fit", "lasso", "--data", constantTarget, "--lambda", "1", "--model", model], "the target is constant")
        let constantColumn = dir.appendingPathComponent("cc.csv").path
        try "a,b,y\n1,5,3\n2,5,1\n3,5,4\n".write(toFile: constantColumn, atomically: true, encoding: .utf8)
        // A constant column is not an error (issue 10, case 7): coefficient 0 and a warning.
        let constantRun = try CLIRunner.run(["fit", "ridge", "--data", constantColumn, "--lambda", "1",
                                             "--model", dir.appendingPathComponent("cc.json").path])
        #expect(constantRun.status == 0 && constantRun.stderr.contains("column 'b' is constant, so its coefficient is 0"), "\(constantRun.stderr)")
        let nan = dir.appendingPathComponent("nan.csv").path
        try "a,b,y\n1,5,3\n2,nan,1\n3,4,4\n".write(toFile: nan, atomically: true, encoding: .utf8)
        let nanRun = try CLIRunner.run(["fit", "lasso", "--data", nan, "--lambda", "1", "--model", model])
        #expect(nanRun.status == 1 && nanRun.stderr.contains("nan.csv:3:2: missing value in column 'b', which must be numeric"), "\(nanRun.stderr)")
        // Nothing already on disk is lost.
        #expect(try String(contentsOfFile: model, encoding: .utf8) == "precious")
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CLIRunner.run(["fit", "lasso", "--data", diabetes, "--model", "x.json"]).status == 2)
        #expect(try CLIRunner.run(["fit", "lasso", "--data", diabetes, "--lambda", "1", "--l1-ratio", "0.5", "--model", "x.json"]).status == 2)
        #expect(try CLIRunner.run(["path", "lasso", "--data", diabetes, "--model", "x.json"]).status == 2)
        #expect(try CLIRunner.run(["path", "spline", "--data", diabetes]).status == 2)
    }
}
