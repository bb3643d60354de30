#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
import TestSupport

/// Issue 10 end to end: the CLI never traps, never leaves a partial or replaced file, and
/// says what is wrong in one line. Each case names the invariant it checks.
@Suite struct ReliabilityTests {
    /// The outcome of a run whose standard streams the test chooses.
    struct Run {
        var status: Int32
        var signalled: Bool
        var stderr: String
    }

    /// Runs `lagrange arguments…` through `/bin/sh -c script` (`$L` is the executable,
    /// `"$@"` the arguments), standard output discarded unless the script redirects it.
    static func shell(_ script: String, _ arguments: [String], in directory: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "L=\"$0\"; " + script, CLIRunner.executable.path] + arguments
        if let directory { process.currentDirectoryURL = directory }
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                   stderr: String(decoding: data, as: UTF8.self))
    }

    /// Whether the `lagrange` binary under test runs at all with `ulimit -f 2` (not in a
    /// ThreadSanitizer build, whose runtime dies at start-up under that limit).
    static let startsUnderAFileSizeLimit: Bool = {
        guard let run = try? shell("ulimit -f 2; exec \"$L\" --version", []) else { return false }
        return run.status == 0 && !run.stderr.contains("Sanitizer")
    }()

    static func expectOneLine(_ run: Run, _ prefix: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!run.signalled && run.status == 1, "status \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.hasPrefix("lagrange: error: " + prefix), "\(run.stderr.debugDescription)", sourceLocation: sourceLocation)
        #expect(run.stderr.filter { $0 == "\n" }.count == 1, "one line: \(run.stderr.debugDescription)", sourceLocation: sourceLocation)
    }

    static func text(_ url: URL) -> String? {
        (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Names in `directory` that start with "." — temporary files of an atomic write.
    static func hiddenFiles(_ directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasPrefix(".") }
    }

    static let iris = TestPaths.dataset("iris.csv")
    static let diabetes = TestPaths.dataset("diabetes.csv")

    // MARK: standard output

    /// Crash 1: `> /dev/full` and `>&-` trapped in FileHandle.write (exit 132). Now exit 1 and
    /// one line, for each command that prints.
    @Test(arguments: [">/dev/full", ">&-"])
    func unwritableStandardOutput(redirect: String) throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = directory.appendingPathComponent("m.json").path
        for arguments in [["describe", "--data", Self.iris],
                          ["fit", "lasso", "--data", Self.diabetes, "--lambda", "1", "--model", model],
                          ["predict", "--model", model, "--data", Self.diabetes]] {
            let run = try Self.shell("exec \"$L\" \"$@\" \(redirect)", arguments)
            Self.expectOneLine(run, redirect == ">&-" ? "standard output is closed" : "cannot write to standard output (No space left on device)")
        }
    }

    // MARK: files

    /// Case 8: `--model` through a symbolic link writes the file it names; the link stays.
    @Test func modelThroughASymbolicLink() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("real.json")
        try Data("old".utf8).write(to: target)
        let link = directory.appendingPathComponent("m.json")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real.json")
        let result = try CLIRunner.run(["fit", "lasso", "--data", Self.diabetes, "--lambda", "1", "--model", link.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "real.json")
        #expect(Self.text(target)?.contains("\"lagrange-model\"") == true)
        #expect(Self.hiddenFiles(directory).isEmpty)
    }

    /// Case 8: a FIFO is written in place (a reader receives the predictions) and stays a FIFO.
    @Test func predictionsIntoAFIFO() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = directory.appendingPathComponent("m.json").path
        #expect(try CLIRunner.run(["fit", "lasso", "--data", Self.diabetes, "--lambda", "1", "--model", model]).status == 0)
        let fifo = directory.appendingPathComponent("out.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [fifo]
        let out = Pipe()
        reader.standardOutput = out
        try reader.run()
        let result = try CLIRunner.run(["predict", "--model", model, "--data", Self.diabetes, "--output", fifo])
        let received = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        reader.waitUntilExit()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(received.hasPrefix("prediction\n") && received.filter { $0 == "\n" }.count == 443)
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }

    /// Case 8: as root, `--model /dev/full` replaced the device node with a regular file. Now
    /// the device is written in place: the write fails (one line), the node stays a device.
    @Test func characterDeviceIsNeverReplaced() throws {
        let run = try Self.shell("exec \"$L\" \"$@\"", ["fit", "lasso", "--data", Self.diabetes, "--lambda", "1", "--model", "/dev/full"])
        Self.expectOneLine(run, "/dev/full: write failed (No space left on device)")
        var info = stat()
        #expect(stat("/dev/full", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
    }

    /// Case 9: an output that is an input — the same path, a symbolic link to it, a hard link —
    /// is refused before anything is read or written; the input is unchanged.
    @Test func outputThatIsAnInputIsRefused() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("d.csv")
        try FileManager.default.copyItem(atPath: Self.diabetes, toPath: data.path)
        let original = try Data(contentsOf: data)
        let model = directory.appendingPathComponent("m.json").path
        #expect(try CLIRunner.run(["fit", "lasso", "--data", data.path, "--lambda", "1", "--model", model]).status == 0)
        let symbolic = directory.appendingPathComponent("s.csv").path
        let hard = directory.appendingPathComponent("h.csv").path
        try FileManager.default.createSymbolicLink(atPath: symbolic, withDestinationPath: data.path)
        #expect(link(data.path, hard) == 0)
        let runs: [(arguments: [String], option: String)] = [
            (["predict", "--model", model, "--data", data.path, "--output", data.path], "--output"),
            (["predict", "--model", model, "--data", data.path, "--output", model], "--output"),
            (["fit", "lasso", "--data", data.path, "--lambda", "1", "--model", symbolic], "--model"),
            (["path", "lasso", "--data", symbolic, "--table", hard], "--table"),
            (["fit", "pca", "--data", data.path, "--model", directory.appendingPathComponent("p.json").path, "--report", hard], "--report"),
        ]
        for (arguments, option) in runs {
            let run = try Self.shell("exec \"$L\" \"$@\"", arguments)
            let output = arguments[arguments.firstIndex(of: option)! + 1]
            Self.expectOneLine(run, "\(output): is the input file ")
            #expect(run.stderr.contains("\(option) would overwrite it"))
        }
        #expect(try Data(contentsOf: data) == original)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("p.json").path))
    }

    /// Case 10: every output is checked before any is written: a bad --report leaves no model.
    @Test func badReportPathWritesNoModel() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = directory.appendingPathComponent("m.json")
        let report = directory.appendingPathComponent("nodir/r.html").path
        let run = try Self.shell("exec \"$L\" \"$@\"", ["fit", "pca", "--data", Self.diabetes, "--model", model.path, "--report", report])
        Self.expectOneLine(run, "\(report): the directory '\(directory.path)/nodir' does not exist")
        #expect(!FileManager.default.fileExists(atPath: model.path))
        let path = try Self.shell("exec \"$L\" \"$@\"", ["path", "lasso", "--data", Self.diabetes, "--cv", "3",
                                                          "--model", model.path, "--report", directory.path])
        Self.expectOneLine(path, "\(directory.path): is a directory")
        #expect(!FileManager.default.fileExists(atPath: model.path))
    }

    /// Case 11: a signal during the write. The file-size limit (`ulimit -f`) stops a write at a
    /// known point every time: the process ignores SIGXFSZ, the write fails with EFBIG, and
    /// the old file is intact with no temporary file beside it. ThreadSanitizer's runtime cannot
    /// start under so small a limit (it dies with SIGBUS before `main`), so in a
    /// `swift test --sanitize=thread` build this one case is left out.
    @Test(.enabled(if: startsUnderAFileSizeLimit, "the sanitizer runtime cannot start under `ulimit -f 2`"))
    func writeCutShortByAFileSizeLimit() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out.csv")
        try Data("old\n".utf8).write(to: output)
        let model = directory.appendingPathComponent("m.json").path
        #expect(try CLIRunner.run(["fit", "lasso", "--data", Self.diabetes, "--lambda", "1", "--model", model]).status == 0)
        // 442 predictions are about 8 KB; the limit is 2 blocks of 512 bytes.
        let run = try Self.shell("ulimit -f 2; exec \"$L\" \"$@\"", ["predict", "--model", model, "--data", Self.diabetes, "--output", output.path])
        Self.expectOneLine(run, "\(output.path): write failed (File too large); the previous file, if any, is untouched")
        #expect(Self.text(output) == "old\n")
        #expect(Self.hiddenFiles(directory).isEmpty)
    }

    /// Case 11: SIGTERM while `predict --output` writes. The child is killed as soon as its
    /// temporary file appears; whatever the moment, the target is the old file or the whole
    /// new one, and no temporary file is left (the CLI's handler removes it). The output is
    /// ~10 MB of PCA scores so the write takes a while; attempts that land before or after
    /// the write still check the invariant.
    @Test func terminatedDuringTheWrite() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("big.csv")
        var csv = (0..<10).map { "x\($0)" }.joined(separator: ",") + "\n"
        var rng = SplitMix64(seed: 5)
        for _ in 0..<30_000 {
            csv += (0..<10).map { _ in String(Int.random(in: 0..<1000, using: &rng)) }.joined(separator: ",") + "\n"
        }
        try Data(csv.utf8).write(to: data)
        let model = directory.appendingPathComponent("m.json").path
        #expect(try CLIRunner.run(["fit", "pca", "--data", data.path, "--model", model]).status == 0)
        let output = directory.appendingPathComponent("out.csv")
        let complete = try CLIRunner.run(["predict", "--model", model, "--data", data.path]).stdout
        var killedDuringWrite = 0
        for _ in 0..<5 {
            try Data("old\n".utf8).write(to: output)
            let process = Process()
            process.executableURL = CLIRunner.executable
            process.arguments = ["predict", "--model", model, "--data", data.path, "--output", output.path]
            process.standardError = FileHandle.nullDevice
            try process.run()
            var sawTemporary = false
            while process.isRunning {
                // A temporary file with content: the write has begun (the empty one at start is
                // the output check's probe).
                if Self.hiddenFiles(directory).contains(where: { name in
                    ((try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path))?[.size] as? Int ?? 0) > 0
                }) {
                    sawTemporary = true
                    kill(process.processIdentifier, SIGTERM)
                    break
                }
                usleep(100)
            }
            process.waitUntilExit()
            if sawTemporary && process.terminationReason == .uncaughtSignal { killedDuringWrite += 1 }
            let now = Self.text(output)
            #expect(now == "old\n" || now == complete, "the target is partial (\(now?.count ?? -1) bytes)")
            #expect(Self.hiddenFiles(directory).isEmpty, "temporary file left: \(Self.hiddenFiles(directory))")
        }
        // Not asserted (it depends on timing): how many attempts hit the write itself.
        print("ReliabilityTests.terminatedDuringTheWrite: \(killedDuringWrite) of 5 attempts killed mid-write")
    }

    /// A read-only directory, as a user the permissions bind (root ignores them): the output
    /// check refuses before any work, the old file stays, no temporary file is made. When the
    /// tests run as root, the run drops to `nobody` with setpriv(1).
    @Test func readOnlyDirectory() throws {
        let asRoot = geteuid() == 0
        let setpriv = "/usr/bin/setpriv"
        guard !asRoot || FileManager.default.isExecutableFile(atPath: setpriv) else {
            print("ReliabilityTests.readOnlyDirectory: skipped — running as root without setpriv(1) to drop to a normal user")
            return
        }
        let base = try TestPaths.temporaryDirectory()
        defer {
            chmod(base.appendingPathComponent("ro").path, 0o755)
            try? FileManager.default.removeItem(at: base)
        }
        chmod(base.path, 0o755)
        let directory = base.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        let model = directory.appendingPathComponent("m.json")
        try Data("old".utf8).write(to: model)
        chmod(model.path, 0o644)
        chmod(directory.path, 0o555)
        let prefix = asRoot ? "exec \(setpriv) --reuid=65534 --regid=65534 --clear-groups \"$L\" \"$@\"" : "exec \"$L\" \"$@\""
        let run = try Self.shell(prefix, ["fit", "lasso", "--data", Self.diabetes, "--lambda", "1", "--model", model.path])
        Self.expectOneLine(run, "\(model.path): cannot create a file in '\(directory.path)' (Permission denied)")
        #expect(Self.text(model) == "old")
        #expect(Self.hiddenFiles(directory).isEmpty)
    }

    // MARK: numeric options at their extremes

    /// Every numeric option at 0, −1, nan, ±inf, 1e308 and Int.max: exit 0 with finite output,
    /// or exit 1/2 with exactly one line — never a trap (crash 2: --cache-mb 1e13 overflowed
    /// `Int`) and never "nan" in a model written with exit 0.
    static let extremes = ["0", "-1", "nan", "inf", "-inf", "1e308", "9223372036854775807"]

    static let numericOptions: [(command: [String], option: String)] = [
        (["fit", "svm"], "-C"), (["fit", "svm"], "--gamma"), (["fit", "svm"], "--tol"), (["fit", "svm"], "--cache-mb"),
        (["fit", "svm"], "--max-iterations"), (["fit", "svm", "--kernel", "poly"], "--coef0"),
        (["fit", "svr"], "--epsilon"), (["fit", "svr"], "--cache-mb"),
        (["fit", "lasso"], "--lambda"), (["fit", "lasso", "--lambda", "1"], "--tol"),
        (["fit", "enet", "--lambda", "1"], "--l1-ratio"),
        (["fit", "pca"], "--components"), (["fit", "pca"], "--variance"),
        (["path", "lasso"], "--lambdas"), (["path", "lasso"], "--lambda-min-ratio"), (["path", "lasso"], "--cv"),
        (["path", "lasso", "--cv", "3"], "--seed"), (["path", "lasso"], "--budget"), (["path", "enet"], "--l1-ratio"),
    ]

    /// The small inputs (classification: 40 iris rows; regression: 60 diabetes rows).
    static let smallData: (classification: String, regression: String) = {
        let directory = try! TestPaths.temporaryDirectory()
        let iris = try! String(contentsOfFile: ReliabilityTests.iris, encoding: .utf8).split(separator: "\n")
        let diabetes = try! String(contentsOfFile: ReliabilityTests.diabetes, encoding: .utf8).split(separator: "\n")
        let classification = directory.appendingPathComponent("iris40.csv")
        let regression = directory.appendingPathComponent("diabetes60.csv")
        try! ([iris[0]] + iris[1...20] + iris[51...70]).joined(separator: "\n").appending("\n").write(to: classification, atomically: true, encoding: .utf8)
        try! diabetes.prefix(61).joined(separator: "\n").appending("\n").write(to: regression, atomically: true, encoding: .utf8)
        return (classification.path, regression.path)
    }()

    /// Runs that save a model with a non-finite SVM certificate (kernel values or the SVR
    /// linear term overflow). That is issue 10 case 3 (the certificate contract: a non-finite
    /// objective fails the fit), done in the contract work; remove an entry when it lands —
    /// the known issue then goes unrecorded and fails this test as a reminder.
    @Test(arguments: 0..<numericOptions.count)
    func numericOptionAtExtremes(index: Int) throws {
        let (command, option) = Self.numericOptions[index]
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = command[1] == "svm" ? Self.smallData.classification : Self.smallData.regression
        let model = directory.appendingPathComponent("m.json").path
        for value in Self.extremes {
            var arguments = command + ["--data", data, option, value]
            if command[0] == "fit" { arguments += ["--model", model] }
            if command[0] == "fit", command[1] == "lasso" || command[1] == "enet", !arguments.contains("--lambda") {
                arguments += ["--lambda", "1"]
            }
            try? FileManager.default.removeItem(atPath: model)
            let run = try Self.shell("exec \"$L\" \"$@\"", arguments)
            let shown = "\(arguments.dropFirst(2).joined(separator: " ")) → status \(run.status): \(run.stderr)"
            #expect(!run.signalled, "\(shown)")
            #expect([0, 1, 2].contains(run.status), "\(shown)")
            if run.status != 0 {
                #expect(run.stderr.hasPrefix("lagrange: error: ") && run.stderr.filter { $0 == "\n" }.count == 1, "\(shown)")
            } else if let saved = Self.text(URL(fileURLWithPath: model)) {
                let finite = !saved.contains("\"nan\"") && !saved.contains("\"inf\"")
                #expect(finite, "non-finite value in the model: \(shown)")
            }
        }
    }
}
