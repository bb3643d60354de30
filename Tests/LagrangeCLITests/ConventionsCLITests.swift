import Foundation
import Testing
import TestSupport

/// Issue 15's command-line contract: usage errors exit 2, help says what the code does, the
/// LIBSVM workflow round-trips, fits print without --model, grid-edge warnings.
@Suite struct ConventionsCLITests {
    let diabetes = TestPaths.dataset("diabetes.csv")
    static let cancerSVM = TestPaths.root.appendingPathComponent("Tests/PeerFixtures/breast_cancer.svm").path

    /// DESIGN.md: exit status 2 for a usage error, with one error line on standard error.
    @Test(arguments: [[], ["fit"], ["help", "bogus"], ["help", "fit", "bogus"], ["fit", "ridge", "--data", "x.csv", "--lambda", "1", "--l1-ratio", "0.5"],
                      ["fit", "ridge", "--data", "x.csv", "--lambda", "1", "--tol", "1e-3"]])
    func usageErrorsExitTwo(_ arguments: [String]) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("lagrange: error: "))
        #expect(result.stdout.isEmpty)
    }

    @Test func helpTopicsThatExistExitZero() throws {
        for topic in [["help"], ["help", "fit"], ["help", "fit", "ridge"], ["--help"], ["fit", "pca", "--help"]] {
            #expect(try CLIRunner.run(topic).status == 0, "\(topic)")
        }
    }

    /// Help text with its line wrapping undone.
    static func help(_ arguments: [String]) throws -> String {
        try CLIRunner.run(arguments).stdout.components(separatedBy: .whitespacesAndNewlines).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// No sentence broken by a hard line break in the source: in the overview and discussion
    /// (before USAGE), every line but the last of a paragraph is filled to 60 columns or more.
    @Test(arguments: [["help", "path"], ["help", "fit", "pca"], ["help", "fit", "svm"], ["help", "describe"], ["help", "predict"]])
    func helpParagraphsAreWhole(_ arguments: [String]) throws {
        let text = try CLIRunner.run(arguments).stdout
        let head = text.components(separatedBy: "USAGE:")[0]
        for paragraph in head.components(separatedBy: "\n\n") {
            let lines = paragraph.split(separator: "\n", omittingEmptySubsequences: true)
            for line in lines.dropLast() { #expect(line.count >= 60, "\(arguments): short line '\(line)'") }
        }
    }

    /// The help lists only the options each command takes, and says their defaults.
    @Test func helpMatchesTheCode() throws {
        let ridge = try CLIRunner.run(["help", "fit", "ridge"]).stdout
        #expect(!ridge.contains("--l1-ratio") && !ridge.contains("--tol") && !ridge.contains("duality"))
        let lasso = try CLIRunner.run(["help", "fit", "lasso"]).stdout
        #expect(!lasso.contains("--l1-ratio") && lasso.contains("--tol"))
        let enet = try CLIRunner.run(["help", "fit", "enet"]).stdout
        #expect(enet.contains("--l1-ratio") && enet.contains("(default: 0.5)"))
        let pca = try Self.help(["help", "fit", "pca"])
        #expect(!pca.contains("default: the last column") && pca.contains("PCA has no target"))
        #expect(pca.contains("--components <k> Keep this many components (default: all"))
        // `path` is a group: the linear paths are its default subcommand `linear`, the grid `svm`.
        let path = try Self.help(["help", "path", "linear"])
        #expect(path.contains("(default: 1e-4 when rows > features, else 1e-2)"))
        let group = try Self.help(["help", "path"])
        #expect(group.contains("linear (default)") && group.contains("grid.py"))
        let grid = try Self.help(["help", "path", "svm"])
        #expect(grid.contains("--log2c <b,e,s>") && grid.contains("(default: -5,15,2)") && grid.contains("(default: 3,-15,-2)"))
        let root = try Self.help(["--help"])
        #expect(root.contains("From LIBSVM's svm-train") && root.contains("docs/conventions.md"))
        let svm = try CLIRunner.run(["help", "fit", "svm"]).stdout
        #expect(svm.contains("-C, -c <C>"))
    }

    /// `-c` is `-C`; without --model a fit prints its summary and writes no file.
    @Test func lowercaseCAndNoModelFile() throws {
        let directory = try TestPaths.temporaryDirectory()
        let lower = try CLIRunner.run(["fit", "svm", "--data", TestPaths.dataset("iris.csv"), "-c", "10"], currentDirectory: directory)
        let upper = try CLIRunner.run(["fit", "svm", "--data", TestPaths.dataset("iris.csv"), "-C", "10"], currentDirectory: directory)
        #expect(lower.status == 0 && lower.stdout == upper.stdout && lower.stdout.contains("C = 10.0"))
        #expect(!lower.stdout.contains("model written"))
        for arguments in [["fit", "lasso", "--data", diabetes, "--lambda", "1"], ["fit", "pca", "--data", TestPaths.dataset("iris.csv"), "--drop", "species"],
                          ["fit", "svr", "--data", diabetes]] {
            let result = try CLIRunner.run(arguments, currentDirectory: directory)
            #expect(result.status == 0 && result.stdout.contains("certificate") && !result.stdout.contains("written"), "\(arguments)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    /// LIBSVM round trip: fit on a .svm file, predict and describe the same file by extension,
    /// and the same file under another name with --format libsvm: identical predictions.
    @Test func libsvmRoundTrip() throws {
        let directory = try TestPaths.temporaryDirectory()
        let model = directory.appendingPathComponent("m.json").path
        #expect(try CLIRunner.run(["fit", "svm", "--data", Self.cancerSVM, "--model", model, "--quiet"]).status == 0)
        let byExtension = try CLIRunner.run(["predict", "--model", model, "--data", Self.cancerSVM])
        let renamed = directory.appendingPathComponent("cancer.txt").path
        try FileManager.default.copyItem(atPath: Self.cancerSVM, toPath: renamed)
        let byFormat = try CLIRunner.run(["predict", "--model", model, "--data", renamed, "--format", "libsvm"])
        #expect(byExtension.status == 0 && byFormat.status == 0, "\(byExtension.stderr) \(byFormat.stderr)")
        #expect(byExtension.stdout == byFormat.stdout && byExtension.stdout.split(separator: "\n").count == 570)
        // A test file that mentions fewer features than the model: absent entries are zeros.
        let short = directory.appendingPathComponent("short.svm").path
        try "1 1:0.5\n0 2:-0.25\n".write(toFile: short, atomically: true, encoding: .utf8)
        let padded = try CLIRunner.run(["predict", "--model", model, "--data", short])
        #expect(padded.status == 0 && padded.stdout.split(separator: "\n").count == 3, "\(padded.stderr)")
        let described = try CLIRunner.run(["describe", "--data", renamed, "--format", "libsvm"])
        #expect(described.status == 0 && described.stdout.contains("569 rows × 31 columns") && described.stdout.contains("sd (n−1)"))
    }

    /// A .tsv file needs no --delimiter; the table's counts are integers.
    @Test func tsvAndIntegerCounts() throws {
        let directory = try TestPaths.temporaryDirectory()
        let tsv = directory.appendingPathComponent("diabetes.tsv").path
        let text = try String(contentsOfFile: diabetes, encoding: .utf8).replacingOccurrences(of: ",", with: "\t")
        try text.write(toFile: tsv, atomically: true, encoding: .utf8)
        let comma = try CLIRunner.run(["describe", "--data", diabetes])
        let tab = try CLIRunner.run(["describe", "--data", tsv])
        #expect(tab.status == 0 && tab.stdout.replacingOccurrences(of: tsv, with: diabetes) == comma.stdout)
        let table = directory.appendingPathComponent("t.csv").path
        #expect(try CLIRunner.run(["path", "lasso", "--data", tsv, "--lambdas", "5", "--table", table]).status == 0)
        let rows = try String(contentsOfFile: table, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",") }
        #expect(rows[0][1] == "nonzero" && rows.dropFirst().allSatisfy { Int($0[1]) != nil })
    }

    /// The warning when the selected λ is at an end of the grid, for every path that selects:
    /// ridge by leave-one-out, lasso, elastic net and ridge by cross-validation. References
    /// (from the full curves): on diabetes the LOO and CV errors still fall at λ_max × 0.3, and
    /// with the default ridge grid the least LOO error is inside (see RidgeGridTests).
    @Test(arguments: [["path", "ridge", "--lambdas", "10", "--lambda-min-ratio", "0.01"],
                      ["path", "lasso", "--lambdas", "10", "--lambda-min-ratio", "0.3", "--cv", "5"],
                      ["path", "enet", "--lambdas", "10", "--lambda-min-ratio", "0.3", "--cv", "5"],
                      ["path", "ridge", "--lambdas", "10", "--lambda-min-ratio", "0.01", "--cv", "5"]])
    func selectedLambdaAtTheGridEndWarns(_ arguments: [String]) throws {
        let result = try CLIRunner.run(arguments + ["--data", diabetes])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("is the smallest λ of the grid"), "\(arguments): \(result.stderr)")
        let inside = try CLIRunner.run(["path", "ridge", "--lambdas", "10", "--data", diabetes])
        #expect(!inside.stderr.contains("of the grid"))
    }

    /// The largest end: a target drawn independently of the features (SplitMix64, seed 11) is
    /// predicted best by its mean; on this sample the cross-validated λ_min is λ_max, the first
    /// row of the table (marked "1 min"), and the warning says so.
    @Test func noiseTargetSelectsTheLargestLambda() throws {
        let directory = try TestPaths.temporaryDirectory()
        var generator = SplitMix64(seed: 11)
        var lines = ["a,b,c,y"]
        for _ in 0..<60 {
            lines.append((0..<4).map { _ in "\(Double(generator.next() % 1000) / 1000)" }.joined(separator: ","))
        }
        let file = directory.appendingPathComponent("noise.csv").path
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["path", "lasso", "--data", file, "--lambdas", "10", "--cv", "5", "--select", "min"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\n1 min"), "\(result.stdout)")
        #expect(result.stderr.contains("cross-validated λ_min (") && result.stderr.contains("is the largest λ of the grid"))
    }
}
