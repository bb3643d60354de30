#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
import TestSupport

/// DESIGN.md "Bad input" and "Command line": bad input exits 1 with exactly one line on
/// standard error, `lagrange: error: FILE[:LINE[:COLUMN]]: message`; usage errors exit 2.
@Suite struct BadInputCLITests {
    /// Writes `bytes` to a fresh file and returns its path.
    private static func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let directory = try TestPaths.temporaryDirectory()
        let path = directory.appendingPathComponent(name).path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }

    private static func file(_ name: String, _ text: String) throws -> String {
        try file(name, Array(text.utf8))
    }

    private static func removeDirectory(of path: String) {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }

    /// Runs `describe --data path` and checks the one-line error that must start with
    /// `lagrange: error: <location>: `; returns the message after it.
    @discardableResult
    private static func expectOneLineError(_ path: String, location: String, _ extra: [String] = [],
                                           sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try CLIRunner.run(["describe", "--data", path] + extra)
        #expect(result.status == 1, "exit status", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "nothing on standard output", sourceLocation: sourceLocation)
        let prefix = "lagrange: error: \(location): "
        #expect(result.stderr.hasPrefix(prefix), "stderr: \(result.stderr.debugDescription)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasSuffix("\n") && result.stderr.filter { $0 == "\n" }.count == 1,
                "exactly one line: \(result.stderr.debugDescription)", sourceLocation: sourceLocation)
        return String(result.stderr.dropFirst(prefix.count).dropLast())
    }

    @Test func missingFile() throws {
        let message = try Self.expectOneLineError("/nonexistent/data.csv", location: "/nonexistent/data.csv")
        #expect(message == "no such file; check the path")
    }

    @Test func directoryInsteadOfAFile() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.expectOneLineError(directory.path, location: directory.path)
    }

    @Test func emptyFile() throws {
        let path = try Self.file("empty.csv", "")
        defer { Self.removeDirectory(of: path) }
        #expect(try Self.expectOneLineError(path, location: path).contains("empty"))
    }

    @Test func emptyStandardInput() throws {
        let result = try CLIRunner.run(["describe", "--data", "-"], stdin: "")
        #expect(result.status == 1)
        #expect(result.stderr == "lagrange: error: <stdin>: is empty; expected a header row and data rows\n")
    }

    @Test func headerOnly() throws {
        let path = try Self.file("header.csv", "a,b,c\n")
        defer { Self.removeDirectory(of: path) }
        #expect(try Self.expectOneLineError(path, location: path) == "has a header row but no data rows")
    }

    @Test func raggedRow() throws {
        let path = try Self.file("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n")
        defer { Self.removeDirectory(of: path) }
        #expect(try Self.expectOneLineError(path, location: "\(path):3") == "row has 2 fields, the header has 3")
    }

    @Test func unterminatedQuote() throws {
        let path = try Self.file("quote.csv", "a,b\n1,x\n2,\"never closed\n3,y\n")
        defer { Self.removeDirectory(of: path) }
        #expect(try Self.expectOneLineError(path, location: "\(path):3:2").contains("unterminated quote"))
    }

    @Test func duplicateColumnNames() throws {
        let path = try Self.file("dup.csv", "x,y,x\n1,2,3\n")
        defer { Self.removeDirectory(of: path) }
        #expect(try Self.expectOneLineError(path, location: "\(path):1:3").contains("duplicate column name 'x'"))
    }

    @Test func invalidUTF8() throws {
        let path = try Self.file("latin1.csv", Array("name,x\nJos".utf8) + [0xE9] + Array(",1\n".utf8))
        defer { Self.removeDirectory(of: path) }
        #expect(try Self.expectOneLineError(path, location: "\(path):2:1").contains("UTF-8"))
    }

    @Test func invalidUTF8InTheHeader() throws {
        let path = try Self.file("latin1-header.csv", Array("a,caf".utf8) + [0xE9] + Array("\n1,2\n".utf8))
        defer { Self.removeDirectory(of: path) }
        #expect(try Self.expectOneLineError(path, location: "\(path):1:2").contains("UTF-8"))
    }

    /// A 1 GiB line, made cheaply as a sparse file ("a,b\n1," then NUL bytes up to 1 GiB + 10):
    /// refused as too long without reading it all into memory — the largest child's peak RSS
    /// (getrusage) stays far below 1 GiB. (No wall-clock bound: it failed under the sanitizers'
    /// slowdown; the work is bounded by the record limit, which the RSS check pins down.)
    @Test func oneGigabyteLine() throws {
        let path = try Self.file("huge.csv", "a,b\n1,")
        defer { Self.removeDirectory(of: path) }
        #expect(truncate(path, (1 << 30) + 10) == 0)
        let message = try Self.expectOneLineError(path, location: "\(path):2")
        #expect(message.contains("a record longer than"))
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        #expect(usage.ru_maxrss < 400 * 1024, "peak RSS \(usage.ru_maxrss) KiB")
    }

    /// An impossible --delimiter is a usage error (DESIGN.md: exit 2), one line naming the option.
    @Test func badDelimiterIsAUsageError() throws {
        let path = try Self.file("ok.csv", "a,b\n1,2\n")
        defer { Self.removeDirectory(of: path) }
        let result = try CLIRunner.run(["describe", "--data", path, "--delimiter", "ab"])
        #expect(result.stderr.hasPrefix("lagrange: error: "))
        #expect(result.stderr.contains("--delimiter"))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        #expect(result.status == 2)
    }

    @Test(arguments: [["describe"], ["describe", "--data"], ["describe", "--data", "x.csv", "--bogus"],
                      ["frobnicate"], ["describe", "--data", "a.csv", "extra-argument"]])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("lagrange: error: "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "one line: \(result.stderr.debugDescription)")
    }

    @Test func versionSucceeds() throws {
        let version = try CLIRunner.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0\n")
    }

    /// Issue 2: "help for every command": usage on standard output, exit 0.
    @Test(arguments: [["--help"], ["describe", "--help"], ["help", "describe"]])
    func helpPrintsUsageAndSucceeds(arguments: [String]) throws {
        let help = try CLIRunner.run(arguments)
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE"))
        #expect(help.stderr.isEmpty)
    }
}
