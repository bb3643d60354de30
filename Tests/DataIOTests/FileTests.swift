#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
import TestSupport
@testable import DataIO
import LinearAlgebra

private func contents(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
}

/// Names in `directory` other than the expected ones: leftover temporary files.
private func leftovers(_ directory: URL, expected: Set<String>) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !expected.contains($0) }
}

@Suite struct AtomicFileTests {
    @Test func writesANewFileWithOrdinaryPermissions() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("model.json").path
        try AtomicFile.write("hello\n", to: path)
        #expect(contents(path) == "hello\n")
        let mask = umask(0)
        umask(mask)
        let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o666 & ~Int(mask))
        #expect(try leftovers(directory, expected: ["model.json"]) == [])
    }

    @Test func replacesAnExistingFile() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.csv").path
        try AtomicFile.write("old", to: path)
        try AtomicFile.write(Array("new".utf8), to: path)
        #expect(contents(path) == "new")
        #expect(try leftovers(directory, expected: ["out.csv"]) == [])
    }

    /// With a read-only directory no temporary file can be made: an error, and the old file
    /// is untouched. (Root ignores directory permissions, so this needs a normal user.)
    @Test(.enabled(if: geteuid() != 0, "root can write into a read-only directory"))
    func unwritableDirectoryLeavesTheOldFileIntact() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer {
            chmod(directory.path, 0o755)
            try? FileManager.default.removeItem(at: directory)
        }
        let path = directory.appendingPathComponent("model.json").path
        try AtomicFile.write("old", to: path)
        chmod(directory.path, 0o555)
        let error = CSV.error { try AtomicFile.write("new", to: path) }
        #expect(error?.kind == .writeFailed)
        #expect(contents(path) == "old")
    }

    /// A directory as the target is refused before anything is written (it used to fail only at
    /// the rename): the directory and its content stay, and no temporary file is left.
    @Test func directoryTargetIsRefusedAndLeftIntact() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("report.html")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try AtomicFile.write("keep", to: target.appendingPathComponent("inside").path)
        let error = CSV.error { try AtomicFile.write("new", to: target.path) }
        #expect(error?.kind == .writeFailed)
        #expect(error?.message == "is a directory; give a file name")
        #expect(contents(target.appendingPathComponent("inside").path) == "keep")
        #expect(try leftovers(directory, expected: ["report.html"]) == [])
    }

    @Test func missingDirectoryIsAnError() {
        let error = CSV.error { try AtomicFile.write("x", to: "/nonexistent-lagrange-dir/model.json") }
        #expect(error?.kind == .writeFailed)
        #expect(error?.file == "/nonexistent-lagrange-dir/model.json")
    }
}

private struct TinyModel: PersistableModel, Equatable {
    static let modelKind = "tiny"
    static let modelVersion = 2
    var weights: [Double]
    var name: String
    /// Refuses the name "reject", so a test can see that decoding runs the check.
    func validate() throws {
        if name == "reject" { throw LagrangeError.invalidData("the name is 'reject'") }
    }
}

private struct OtherModel: PersistableModel {
    static let modelKind = "other"
    static let modelVersion = 2
    var weights: [Double]
    func validate() throws {}
}

@Suite struct ModelFileTests {
    /// Extreme doubles (the smallest subnormal, the largest finite, the smallest normal, −0,
    /// 1/3, ±∞) come back with the same bits: the file format promises shortest round-trip text.
    @Test func roundTripsBitForBit() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("tiny.json").path
        let weights: [Double] = [.leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude,
                                 .leastNormalMagnitude, -0.0, 1.0 / 3, 0.1, 1e-300, 123456789.123456789,
                                 .infinity, -.infinity]
        let model = TinyModel(weights: weights, name: "ünïcode \"quoted\"")
        try ModelFile.write(model, to: path)
        let back = try ModelFile.read(TinyModel.self, from: path)
        #expect(back.name == model.name)
        #expect(back.weights.map(\.bitPattern) == weights.map(\.bitPattern))
        let header = try ModelFile.header(of: try ModelFile.readData(path: path), path: path)
        #expect(header == ModelFileHeader(format: "lagrange-model", kind: "tiny", version: 2, lagrangeVersion: LagrangeVersion.current))
    }

    @Test func nanSurvives() throws {
        let data = try ModelFile.encode(TinyModel(weights: [.nan], name: ""))
        #expect(try ModelFile.decode(TinyModel.self, from: data, path: "m.json").weights[0].isNaN)
    }

    /// `ModelFile.decode` runs the model's `validate()`: a file whose values fail it is refused
    /// as damaged, naming the file and the reason.
    @Test func decodingValidatesTheModel() throws {
        let data = try ModelFile.encode(TinyModel(weights: [1], name: "reject"))
        let error = CSV.error { _ = try ModelFile.decode(TinyModel.self, from: data, path: "m.json") }
        #expect(error?.kind == .modelFile)
        #expect(error?.description == "m.json: is a damaged 'tiny' model file: the name is 'reject'")
    }

    @Test func refusesAnotherKind() throws {
        let data = try ModelFile.encode(TinyModel(weights: [1], name: "a"))
        let error = CSV.error { _ = try ModelFile.decode(OtherModel.self, from: data, path: "m.json") }
        #expect(error?.kind == .modelFile)
        #expect(error?.description == "m.json: is a 'tiny' model, not a 'other' model")
    }

    @Test func refusesAnotherVersion() {
        let json = #"{"format": "lagrange-model", "kind": "tiny", "version": 1, "lagrangeVersion": "0.0.1", "model": {"weights": [1], "name": "a"}}"#
        let error = CSV.error { _ = try ModelFile.decode(TinyModel.self, from: Data(json.utf8), path: "m.json") }
        #expect(error?.kind == .modelFile)
        #expect(error?.message.contains("version 1") == true)
        #expect(error?.message.contains("refit") == true)
    }

    @Test(arguments: [#"{"a": 1}"#, "not json at all", "", #"{"format": "something-else", "kind": "tiny", "version": 2, "lagrangeVersion": "0.1.0"}"#])
    func refusesWhatIsNotAModelFile(text: String) {
        let error = CSV.error { _ = try ModelFile.decode(TinyModel.self, from: Data(text.utf8), path: "m.json") }
        #expect(error?.kind == .modelFile)
        #expect(error?.description == "m.json: is not a Lagrange model file (no \"format\": \"lagrange-model\" header)")
    }

    @Test func damagedModelNamesTheField() {
        let json = #"{"format": "lagrange-model", "kind": "tiny", "version": 2, "lagrangeVersion": "0.1.0", "model": {"name": "a"}}"#
        let error = CSV.error { _ = try ModelFile.decode(TinyModel.self, from: Data(json.utf8), path: "m.json") }
        #expect(error?.kind == .modelFile)
        #expect(error?.message == "is a damaged 'tiny' model file: missing field 'model.weights'")
    }

    @Test func missingModelFile() {
        let error = CSV.error { _ = try ModelFile.read(TinyModel.self, from: "/nonexistent/m.json") }
        #expect(error?.kind == .fileNotFound)
    }
}
