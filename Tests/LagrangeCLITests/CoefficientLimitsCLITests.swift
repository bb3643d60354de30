import Foundation
import Testing
import TestSupport

/// End-to-end: --lower-limit / --upper-limit / --nonnegative on `fit lasso|enet|logistic` and
/// `path lasso|enet|logistic`, and their bad input (one line each).
@Suite struct CoefficientLimitsCLITests {
    let diabetes = TestPaths.dataset("diabetes.csv")
    let breastCancer = TestPaths.dataset("breast_cancer.csv")
    let iris = TestPaths.dataset("iris.csv")

    /// The "coefficients" of a saved model, flattened (one array, or one per class).
    func coefficients(_ path: String) throws -> [Double] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        let model = object["model"] as! [String: Any]
        if let flat = model["coefficients"] as? [Double] { return flat }
        return (model["coefficients"] as! [[Double]]).flatMap { $0 }
    }

    @Test func nonnegativeLassoAndBoxedElasticNetFits() throws {
        let dir = try TestPaths.temporaryDirectory()
        let lasso = dir.appendingPathComponent("l.json").path, enet = dir.appendingPathComponent("e.json").path
        let run = try CLIRunner.run(["fit", "lasso", "--data", diabetes, "--lambda", "0.5", "--nonnegative", "--model", lasso])
        #expect(run.status == 0, "\(run.stderr)")
        let beta = try coefficients(lasso)
        #expect(beta.allSatisfy { $0 >= 0 } && beta.contains { $0 > 0 })
        let box = try CLIRunner.run(["fit", "enet", "--data", diabetes, "--lambda", "0.05", "--l1-ratio", "0.5",
                                     "--lower-limit", "-10", "--upper-limit", "20", "--model", enet])
        #expect(box.status == 0, "\(box.stderr)")
        // Within the box up to the rounding of the standardization scale.
        #expect(try coefficients(enet).allSatisfy { $0 >= -10 * (1 + 1e-15) && $0 <= 20 * (1 + 1e-15) })
        let path = try CLIRunner.run(["path", "enet", "--data", diabetes, "--l1-ratio", "0.5", "--lambdas", "10",
                                      "--nonnegative", "--cv", "3"])
        #expect(path.status == 0, "\(path.stderr)")
    }

    @Test func logisticFitsAndPathsInABox() throws {
        let dir = try TestPaths.temporaryDirectory()
        let model = dir.appendingPathComponent("g.json").path
        let run = try CLIRunner.run(["fit", "logistic", "--data", breastCancer, "--lambda", "0.01", "--lower-limit", "-0.5",
                                     "--upper-limit", "1", "--model", model])
        #expect(run.status == 0, "\(run.stderr)")
        let beta = try coefficients(model)
        #expect(beta.allSatisfy { $0 >= -0.5 * (1 + 1e-15) && $0 <= 1 * (1 + 1e-15) } && beta.contains { $0 == 1 })
        let path = try CLIRunner.run(["path", "logistic", "--data", breastCancer, "--lambdas", "8", "--nonnegative", "--cv", "3"])
        #expect(path.status == 0, "\(path.stderr)")
        #expect(path.stdout.contains("largest relative duality gap"))
    }

    /// The multinomial family: --nonnegative, --lower-limit/--upper-limit and --penalty-factor COL=0
    /// on `path logistic` (a saved model in the box, with the limits in `inspect`) and `fit logistic`.
    @Test func multinomialLimitsAndUnpenalizedFeature() throws {
        let dir = try TestPaths.temporaryDirectory()
        let model = dir.appendingPathComponent("k.json").path
        let nonnegative = try CLIRunner.run(["path", "logistic", "--data", iris, "--family", "multinomial", "--lambdas", "20", "--cv", "3",
                                             "--nonnegative", "--model", model])
        #expect(nonnegative.status == 0, "\(nonnegative.stderr)")
        #expect(nonnegative.stdout.contains("largest relative duality gap"))
        let beta = try coefficients(model)
        #expect(beta.count == 12 && beta.allSatisfy { $0 >= 0 } && beta.contains { $0 > 0 })
        let inspect = try CLIRunner.run(["inspect", "--model", model])
        #expect(inspect.stdout.contains("coefficient limits: [0, inf] on every coefficient"), "\(inspect.stdout)")
        let box = try CLIRunner.run(["path", "logistic", "--data", iris, "--family", "multinomial", "--lambdas", "20", "--cv", "3",
                                     "--lower-limit", "-1", "--upper-limit", "1", "--l1-ratio", "0.5", "--model", model])
        #expect(box.status == 0, "\(box.stderr)")
        let boxed = try coefficients(model)
        #expect(boxed.allSatisfy { abs($0) <= 1 * (1 + 1e-12) } && boxed.contains { abs($0) >= 1 - 1e-12 })
        let free = try CLIRunner.run(["path", "logistic", "--data", iris, "--family", "multinomial", "--lambdas", "20", "--cv", "3",
                                      "--penalty-factor", "sepal_length=0", "--model", model])
        #expect(free.status == 0, "\(free.stderr)")
        #expect(try CLIRunner.run(["inspect", "--model", model]).stdout.contains("unpenalized (penalty factor 0): sepal_length"))
        let fit = try CLIRunner.run(["fit", "logistic", "--data", iris, "--lambda", "0.01", "--penalty-factor", "sepal_length=0",
                                     "--model", model])
        #expect(fit.status == 0, "\(fit.stderr)")
    }

    /// Limits are saved in the model file and `inspect` shows them; a binomial fit with an
    /// unpenalized feature lists it in its summary.
    @Test func savedLimitsAndUnpenalizedFeature() throws {
        let dir = try TestPaths.temporaryDirectory()
        let model = dir.appendingPathComponent("m.json").path
        let fit = try CLIRunner.run(["fit", "logistic", "--data", breastCancer, "--lambda", "0.01", "--upper-limit", "1", "--model", model])
        #expect(fit.status == 0, "\(fit.stderr)")
        let inspect = try CLIRunner.run(["inspect", "--model", model])
        #expect(inspect.stdout.contains("coefficient limits: [-inf, 1] on every coefficient"), "\(inspect.stdout)")
        let free = try CLIRunner.run(["fit", "logistic", "--data", breastCancer, "--lambda", "0.01", "--penalty-factor", "worst_radius=0",
                                      "--model", model])
        #expect(free.status == 0, "\(free.stderr)")
        let saved = try CLIRunner.run(["inspect", "--model", model])
        #expect(saved.stdout.contains("unpenalized (penalty factor 0): worst_radius"), "\(saved.stdout)")
    }

    @Test func badLimitsGetOneLine() throws {
        let dir = try TestPaths.temporaryDirectory()
        let model = dir.appendingPathComponent("x.json").path
        let cases: [([String], Int32, String)] = [
            (["fit", "lasso", "--data", diabetes, "--lambda", "1", "--lower-limit", "abc"], 2, "--lower-limit"),
            (["fit", "lasso", "--data", diabetes, "--lambda", "1", "--lower-limit", "0.5"], 1, "lower-limit = 0.5"),
            (["fit", "lasso", "--data", diabetes, "--lambda", "1", "--upper-limit", "-1"], 1, "upper-limit = -1"),
            (["fit", "ridge", "--data", diabetes, "--lambda", "1", "--nonnegative"], 1, "not to ridge"),
            (["fit", "lasso", "--data", diabetes, "--lambda", "1", "--nonnegative", "--lower-limit", "-1"], 1, "--nonnegative"),
            (["fit", "logistic", "--data", iris, "--lambda", "0.1", "--upper-limit", "1", "--grouped"], 1,
             "ungrouped multinomial penalty only"),
            (["fit", "logistic", "--data", iris, "--lambda", "0.1", "--penalty-factor", "petal_width=0", "--nonnegative"], 1,
             "finite coefficient limit"),
            (["fit", "logistic", "--data", breastCancer, "--lambda", "0.1", "--penalty-factor", "worst_radius=0", "--nonnegative"], 1,
             "finite coefficient limit"),
        ]
        for (arguments, status, text) in cases {
            let run = try CLIRunner.run(arguments + ["--model", model])
            #expect(run.status == status, "\(arguments): \(run.status) \(run.stderr)")
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count == 1 && run.stderr.contains(text), "\(arguments): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: model))
        }
    }
}
