import Foundation
import Testing
import TestSupport

/// End-to-end `lagrange path svm`: the grid, the chosen point, the CSV table and the refit.
/// Reference: the same search through the library is checked against a brute-force loop of
/// plain fits in Tests/SVMTests/SVCPathTests.swift; here the command must report that search.
@Suite struct PathSVMCLITests {
    @Test func gridTableAndRefit() throws {
        let directory = try TestPaths.temporaryDirectory()
        let table = directory.appendingPathComponent("grid.csv").path
        let model = directory.appendingPathComponent("best.json").path
        let run = try CLIRunner.run(["path", "svm", "--data", TestPaths.dataset("iris.csv"), "--log2c", "-1,7,2",
                                     "--log2g", "1,-7,-2", "--folds", "5", "--seed", "1", "--table", table, "--model", model])
        #expect(run.status == 0)
        #expect(run.stderr == "")
        #expect(run.stdout.contains("5-fold stratified CV accuracy (%, seed 1)"))
        #expect(run.stdout.contains("125 of 125 fold fits converged"))
        let bestLine = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("best: ") })
        // The grid of the default search, restricted: its best point in this window is C = 2, γ = 0.125 (99.33%).
        #expect(bestLine.hasPrefix("best: C = 2^1 = 2, γ = 2^-3 = 0.125, CV accuracy 99.33% (149/150)"))

        let rows = try String(contentsOfFile: table, encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 1 + 5 * 5)
        #expect(rows.first?.hasPrefix("log2_c,log2_gamma,c,gamma,cv_accuracy,correct,rows") == true)

        let inspect = try CLIRunner.run(["inspect", "--model", model, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        let stored = try #require(object["model"] as? [String: Any])
        #expect(stored["c"] as? Double == 2)
        let kernel = try #require(stored["kernel"] as? [String: Any])
        #expect(((kernel["rbf"] as? [String: Any])?["gamma"] as? Double) == 0.125)
    }

    @Test func rejectsAGridThatLeadsNowhere() throws {
        let run = try CLIRunner.run(["path", "svm", "--data", TestPaths.dataset("iris.csv"), "--log2c", "1,5,-1"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--log2c"))
    }

    /// The library names the parameter `folds`; `path svm` and `path svr` spell it `--folds`
    /// (where `path lasso` says `--cv`), and the error must name the option typed.
    @Test(arguments: ["svm", "svr"])
    func tooManyFoldsNamesTheFoldsOption(_ family: String) throws {
        let run = try CLIRunner.run(["path", family, "--data", TestPaths.dataset(family == "svm" ? "iris.csv" : "diabetes.csv"),
                                     "--log2c", "0,1,1", "--log2g", "0,-1,-1", "--folds", "5000"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("lagrange: error: "))
        #expect(run.stderr.hasPrefix("lagrange: error: invalid folds = 5000: "))
    }
}
