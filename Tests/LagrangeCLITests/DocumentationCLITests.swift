import Foundation
import Testing
import TestSupport

/// Every shell transcript of README.md and docs/*.md runs as written and prints what the
/// document shows (rules: `Transcript`). Each document runs in a fresh directory laid out like
/// a clone's root (every top-level entry of the repository linked in, nothing else), with the
/// built `lagrange` first on PATH; its blocks run in order, so a later block can use a file an
/// earlier one wrote. Reference: the documents themselves — a change of output is a change of
/// the docs.
@Suite struct DocumentationCLITests {
    static let documents: [String] = {
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.root.appendingPathComponent("docs").path)) ?? []
        return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }()

    /// A directory that looks like a fresh clone's root: links to the repository's entries.
    static func cloneRoot() throws -> URL {
        let directory = try TestPaths.temporaryDirectory()
        let entries = try FileManager.default.contentsOfDirectory(atPath: TestPaths.root.path)
        for entry in entries where ![".build", ".git", ".swiftpm"].contains(entry) {
            try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent(entry),
                                                       withDestinationURL: TestPaths.root.appendingPathComponent(entry))
        }
        return directory
    }

    @Test func everyDocumentIsListed() {
        #expect(Self.documents.contains("docs/conventions.md"))
        #expect(Self.documents.count >= 5)
    }

    @Test(arguments: documents)
    func transcriptsRunAsWritten(_ document: String) throws {
        let text = try String(contentsOf: TestPaths.root.appendingPathComponent(document), encoding: .utf8)
        let transcript = Transcript(markdown: text)
        let directory = try Self.cloneRoot()
        defer { try? FileManager.default.removeItem(at: directory) }
        let binDirectory = CLIRunner.executable.deletingLastPathComponent().path
        for block in transcript.blocks {
            if let reason = block.notRun {
                #expect(!reason.isEmpty, "\(document):\(block.line): a block marked 'not run' must say why")
                continue
            }
            #expect(!block.commands.isEmpty,
                    "\(document):\(block.line): a shell block without '$ ' commands; fence it as text, or mark it <!-- not run: reason -->")
            for command in block.commands {
                let result = try Self.shell(command.command, in: directory, path: binDirectory)
                let actual = result.output.components(separatedBy: "\n")
                #expect(result.status == 0, "\(document):\(command.line): `\(command.command)` exited \(result.status):\n\(result.output)")
                #expect(Transcript.matches(expected: command.expected, actual: actual),
                        "\(document):\(command.line): `\(command.command)` printed\n\(result.output)\nbut the document shows\n\(command.expected.joined(separator: "\n"))")
            }
        }
    }

    @Test func elisionRules() {
        #expect(Transcript.matches(expected: ["a", "…", "d"], actual: ["a", "b", "c", "d"]))
        #expect(Transcript.matches(expected: ["a", "…"], actual: ["a"]))
        #expect(!Transcript.matches(expected: ["a", "d"], actual: ["a", "b", "d"]))
        #expect(Transcript.matches(expected: ["gap … (tol 0.001)"], actual: ["gap 0.0004 (tol 0.001)"]))
        #expect(!Transcript.matches(expected: ["gap … (tol 0.001)"], actual: ["gap 0.0004 (tol 0.01)"]))
        let parsed = Transcript(markdown: "text\n<!-- not run: slow -->\n```sh\nmake\n```\n```\n$ echo hi\nhi\n```\n```text\nlagrange fit …\n```\n")
        #expect(parsed.blocks.count == 2)
        #expect(parsed.blocks[0].notRun == "slow")
        #expect(parsed.blocks[1].commands.first?.command == "echo hi" && parsed.blocks[1].commands.first?.expected == ["hi"])
    }

    /// `/bin/sh -c command` in `directory` with `path` first on PATH; output with stderr merged.
    static func shell(_ command: String, in directory: URL, path: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec 2>&1; " + command]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
