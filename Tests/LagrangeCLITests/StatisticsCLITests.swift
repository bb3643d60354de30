import Foundation
import Testing
import TestSupport

/// End-to-end: `lagrange stats`, `merge`, and `fit … --stats` / `path … --stats` give the
/// models `--data` gives on the whole file (the reference: the same command on the rows).
@Suite struct StatisticsCLITests {
    let diabetes = TestPaths.dataset("diabetes.csv")

    /// diabetes.csv cut into `count` CSV shards (header repeated), in `dir`.
    func shards(_ count: Int, in dir: URL) throws -> [String] {
        let lines = try String(contentsOfFile: diabetes, encoding: .utf8).split(separator: "\n")
        let header = lines[0], rows = lines.dropFirst()
        return try (0..<count).map { k in
            let slice = rows.enumerated().filter { $0.offset % count == k }.map(\.element)
            let path = dir.appendingPathComponent("shard\(k).csv").path
            try ([header] + slice).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    /// Runs `stats` on every shard and `merge`s them; returns the parts and the merged file.
    func statistics(_ shards: [String], in dir: URL, extra: [String] = []) throws -> (parts: [String], all: String) {
        let parts = try shards.enumerated().map { k, shard in
            let part = dir.appendingPathComponent("part\(k).lgs").path
            let run = try CLIRunner.run(["stats", "--data", shard, "--target", "progression", "--output", part] + extra)
            #expect(run.status == 0, "\(run.stderr)")
            return part
        }
        let all = dir.appendingPathComponent("all.lgs").path
        let merge = try CLIRunner.run(["merge"] + parts + ["--output", all])
        #expect(merge.status == 0 && merge.stdout.contains("442 rows × 11 columns, target 'progression'"), "\(merge.stderr)")
        return (parts, all)
    }

    func coefficients(_ model: String) throws -> [Double] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model))) as? [String: Any]
        let fields = object?["model"] as? [String: Any]
        return (fields?["coefficients"] as? [Double] ?? []) + [fields?["intercept"] as? Double ?? .nan]
    }

    @Test(arguments: [["ridge", "--lambda", "0.1"], ["lasso", "--lambda", "1", "--tol", "1e-10"], ["enet", "--lambda", "0.5", "--l1-ratio", "0.3", "--tol", "1e-10"]])
    func fitFromMergedStatisticsEqualsFitFromTheFile(arguments: [String]) throws {
        let dir = try TestPaths.temporaryDirectory()
        let (_, all) = try statistics(try shards(5, in: dir), in: dir)
        let fromStats = dir.appendingPathComponent("s.json").path, fromRows = dir.appendingPathComponent("r.json").path
        let a = try CLIRunner.run(["fit"] + arguments + ["--stats", all, "--model", fromStats])
        let b = try CLIRunner.run(["fit"] + arguments + ["--data", diabetes, "--model", fromRows])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
        #expect(a.stdout.contains("all.lgs: 442 rows × 10 features, target 'progression'"))
        let (s, r) = (try coefficients(fromStats), try coefficients(fromRows))
        #expect(s.count == 11)
        // Ridge is a direct solve (rounding); lasso/enet stop at relative gap 1e-10, within
        // which the coefficients of this well-conditioned problem agree to about 1e-4.
        let bound = arguments[0] == "ridge" ? 1e-9 : 1e-4
        for (u, v) in zip(s, r) { #expect(abs(u - v) <= bound * max(1, abs(v)), "\(u) vs \(v)") }
    }

    @Test func pcaAndPathsFromStatistics() throws {
        let dir = try TestPaths.temporaryDirectory()
        let (parts, all) = try statistics(try shards(6, in: dir), in: dir)
        let pca = try CLIRunner.run(["fit", "pca", "--stats", all, "--model", dir.appendingPathComponent("p.json").path])
        let rows = try CLIRunner.run(["fit", "pca", "--data", diabetes, "--target", "progression", "--model", dir.appendingPathComponent("q.json").path])
        #expect(pca.status == 0 && rows.status == 0)
        // The target recorded by `stats` is left out, as --target leaves it out of the rows.
        #expect(pca.stdout.contains("442 rows, 10 features → 10 components"))
        let variance = { (text: String) in text.split(separator: "\n").first { $0.hasPrefix("total variance") } }
        #expect(variance(pca.stdout) != nil && variance(pca.stdout) == variance(rows.stdout))
        let ridgeModel = dir.appendingPathComponent("ridge.json").path
        let ridge = try CLIRunner.run(["path", "ridge", "--stats", all, "--lambdas", "20", "--model", ridgeModel])
        #expect(ridge.status == 0 && ridge.stdout.contains("GCV") && !ridge.stdout.contains("LOO"), "\(ridge.stderr)")
        #expect(ridge.stdout.contains("generalized cross-validation: least error") && FileManager.default.fileExists(atPath: ridgeModel))
        let model = dir.appendingPathComponent("cv.json").path
        let lasso = try CLIRunner.run(["path", "lasso", "--stats"] + parts + ["--cv-parts", "3", "--lambdas", "20", "--model", model])
        #expect(lasso.status == 0, "\(lasso.stderr)")
        #expect(lasso.stdout.contains("3-fold CV by parts (seed 1)"))
        #expect(FileManager.default.fileExists(atPath: model))
        let usage = try CLIRunner.run(["path", "lasso", "--data", diabetes, "--cv-parts", "3"])
        #expect(usage.status == 2 && usage.stderr.contains("--cv-parts needs --stats"))
    }

    @Test func standardInputAndOutputGiveTheSameBytes() throws {
        let dir = try TestPaths.temporaryDirectory()
        let shard = try shards(2, in: dir)[0]
        let file = dir.appendingPathComponent("f.lgs").path, piped = dir.appendingPathComponent("p.lgs").path
        _ = try CLIRunner.run(["stats", "--data", shard, "--target", "progression", "--output", file])
        // As an engine runs it: CSV on standard input, statistics on standard output.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "'\(CLIRunner.executable.path)' stats --data - --target progression --output - --quiet < '\(shard)' > '\(piped)'"]
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        let a = try Data(contentsOf: URL(fileURLWithPath: file)), b = try Data(contentsOf: URL(fileURLWithPath: piped))
        #expect(a.count > 48 && a == b)
    }

    @Test func mergeRefusesOtherColumnsOrTargetsInOneLineAndWritesNothing() throws {
        let dir = try TestPaths.temporaryDirectory()
        let shard = try shards(2, in: dir)[0]
        let targeted = dir.appendingPathComponent("t.lgs").path, dropped = dir.appendingPathComponent("d.lgs").path
        let untargeted = dir.appendingPathComponent("u.lgs").path
        _ = try CLIRunner.run(["stats", "--data", shard, "--target", "progression", "--output", targeted])
        _ = try CLIRunner.run(["stats", "--data", shard, "--target", "progression", "--drop", "bmi", "--output", dropped])
        _ = try CLIRunner.run(["stats", "--data", shard, "--output", untargeted])
        let out = dir.appendingPathComponent("m.lgs").path
        for (other, words) in [(dropped, "column 'bmi' is in one part only"), (untargeted, "different targets")] {
            let merge = try CLIRunner.run(["merge", targeted, other, "--output", out])
            #expect(merge.status == 1)
            #expect(merge.stderr.contains(words) && merge.stderr.contains(other))
            #expect(merge.stderr.split(separator: "\n").count == 1)
            #expect(!FileManager.default.fileExists(atPath: out))
        }
        // A damaged part is refused, naming the file.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: targeted))
        bytes[60] ^= 1
        let damaged = dir.appendingPathComponent("bad.lgs").path
        try bytes.write(to: URL(fileURLWithPath: damaged))
        let refused = try CLIRunner.run(["fit", "ridge", "--stats", damaged, "--lambda", "1", "--model", out])
        #expect(refused.status == 1 && refused.stderr.contains("bad.lgs") && refused.stderr.contains("damaged statistics file"))
        let notStatistics = try CLIRunner.run(["merge", diabetes, "--output", out])
        #expect(notStatistics.status == 1 && notStatistics.stderr.contains("not a Lagrange statistics file"))
    }

    @Test func missingCellsFailOrAreOmittedAndHeaderOnlyShardsAreEmpty() throws {
        let dir = try TestPaths.temporaryDirectory()
        let csv = dir.appendingPathComponent("m.csv").path
        try "a,b,y\n1,2,3\n2,,5\n4,1,1\n3,3,3\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let fail = try CLIRunner.run(["stats", "--data", csv, "--output", dir.appendingPathComponent("f.lgs").path])
        #expect(fail.status == 1 && fail.stderr.contains("m.csv:3:2"))
        let omitted = dir.appendingPathComponent("o.lgs").path
        let omit = try CLIRunner.run(["stats", "--data", csv, "--target", "y", "--missing", "omit", "--output", omitted])
        #expect(omit.status == 0 && omit.stdout.contains("3 rows × 3 columns, target 'y', 1 rows with missing values omitted"))
        let dropped = try CLIRunner.run(["stats", "--data", csv, "--drop", "b", "--missing", "omit", "--output", dir.appendingPathComponent("k.lgs").path])
        #expect(dropped.stdout.contains("4 rows × 2 columns"))
        let headerOnly = dir.appendingPathComponent("h.csv").path
        try "a,b,y\n".write(toFile: headerOnly, atomically: true, encoding: .utf8)
        let empty = dir.appendingPathComponent("e.lgs").path
        let run = try CLIRunner.run(["stats", "--data", headerOnly, "--target", "y", "--output", empty])
        #expect(run.status == 0 && run.stdout.contains("0 rows × 3 columns"))
        let merged = dir.appendingPathComponent("me.lgs").path
        let merge = try CLIRunner.run(["merge", empty, omitted, empty, "--output", merged])
        #expect(merge.status == 0 && merge.stdout.contains("3 rows × 3 columns"))
        let tooFew = try CLIRunner.run(["fit", "ridge", "--stats", empty, "--lambda", "1", "--model", dir.appendingPathComponent("z.json").path])
        #expect(tooFew.status == 1 && tooFew.stderr.contains("at least 2 rows"))
    }
}
