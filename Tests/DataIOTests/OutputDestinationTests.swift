#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
import TestSupport
@testable import DataIO

/// Issue 10, cases 8 and 11: where an output goes (links followed, streams written in place,
/// non-regular files never replaced) and the registry of temporary files for signal handlers.
@Suite struct OutputDestinationTests {
    private static func text(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func fileType(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    /// Writing through a link replaces the file it names; the link stays a link (it used to be
    /// replaced by a regular file, leaving its target stale).
    @Test func followsSymbolicLinksToTheirTarget() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("real.json").path
        let inner = directory.appendingPathComponent("inner-link").path
        let outer = directory.appendingPathComponent("model.json").path
        try AtomicFile.write("old", to: target)
        #expect(symlink("real.json", inner) == 0) // relative target
        #expect(symlink(inner, outer) == 0)       // a chain of two links
        try AtomicFile.write("new", to: outer)
        #expect(Self.fileType(outer) == S_IFLNK)
        #expect(Self.fileType(inner) == S_IFLNK)
        #expect(Self.text(target) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["inner-link", "model.json", "real.json"])
    }

    /// A dangling link: the file it names is created, the link kept.
    @Test func danglingLinkCreatesItsTarget() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let link = directory.appendingPathComponent("out.csv").path
        #expect(symlink("made.csv", link) == 0)
        try AtomicFile.write("x", to: link)
        #expect(Self.fileType(link) == S_IFLNK)
        #expect(Self.text(directory.appendingPathComponent("made.csv").path) == "x")
    }

    @Test func linkLoopIsAnError() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = directory.appendingPathComponent("a").path
        #expect(symlink("b", a) == 0)
        #expect(symlink("a", directory.appendingPathComponent("b").path) == 0)
        let error = CSV.error { try AtomicFile.write("x", to: a) }
        #expect(error?.message == "has too many levels of symbolic links")
    }

    /// A FIFO is written in place (a reader gets the bytes) and stays a FIFO.
    @Test func writesAFIFOInPlace() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("stream").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(try OutputDestination(path: fifo).kind == .stream(fifo))
        final class Box: @unchecked Sendable { var data = Data() }
        let received = Box()
        // The semaphore orders the reader's write of `received.data` before the check below
        // (polling `isFinished` did not, and ThreadSanitizer reported the race).
        let readerDone = DispatchSemaphore(value: 0)
        let reader = Thread {
            received.data = FileHandle(forReadingAtPath: fifo)!.readDataToEndOfFile()
            readerDone.signal()
        }
        reader.start()
        try AtomicFile.write("through the pipe\n", to: fifo)
        readerDone.wait()
        #expect(String(decoding: received.data, as: UTF8.self) == "through the pipe\n")
        #expect(Self.fileType(fifo) == S_IFIFO)
    }

    /// A character device is written in place, never replaced (as root, the old code renamed a
    /// regular file over /dev/full). /dev/null takes the bytes; /dev/full fails cleanly.
    @Test func characterDevicesAreWrittenInPlace() throws {
        #expect(try OutputDestination(path: "/dev/null").kind == .stream("/dev/null"))
        try AtomicFile.write("discarded", to: "/dev/null")
        #expect(Self.fileType("/dev/null") == S_IFCHR)
        let error = CSV.error { try AtomicFile.write("no room", to: "/dev/full") }
        #expect(error?.kind == .writeFailed)
        #expect(error?.message.hasPrefix("write failed (") == true)
        #expect(Self.fileType("/dev/full") == S_IFCHR)
    }

    @Test func dashIsStandardOutput() throws {
        #expect(try OutputDestination(path: "-").kind == .standardOutput)
    }

    /// An existing file keeps its permission bits when replaced.
    @Test func replacementKeepsPermissions() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("report.html").path
        try AtomicFile.write("old", to: path)
        #expect(chmod(path, 0o640) == 0)
        try AtomicFile.write("new", to: path)
        let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o640)
    }

    /// Checked before anything is written: a missing directory names the directory.
    @Test func missingDirectoryIsFoundByTheCheck() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("nodir/r.html").path
        let error = CSV.error { _ = try OutputDestination(path: path) }
        #expect(error?.message == "the directory '\(directory.path)/nodir' does not exist; create it first")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [])
    }

    /// The same file through a link, `..` or a hard link has one identity.
    @Test func identitySeesThroughLinks() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("d.csv").path
        try AtomicFile.write("a\n1\n", to: path)
        #expect(symlink(path, directory.appendingPathComponent("s.csv").path) == 0)
        #expect(link(path, directory.appendingPathComponent("h.csv").path) == 0)
        let identity = FileIdentity(path: path)
        #expect(identity != nil)
        #expect(FileIdentity(path: directory.appendingPathComponent("s.csv").path) == identity)
        #expect(FileIdentity(path: directory.appendingPathComponent("h.csv").path) == identity)
        #expect(FileIdentity(path: directory.path + "/../" + directory.lastPathComponent + "/d.csv") == identity)
        #expect(try OutputDestination(path: directory.appendingPathComponent("s.csv").path).identity == identity)
    }

    /// The registry holds a temporary file's name from before the file exists until after it
    /// is renamed; the signal handler's loop unlinks what is registered (limited here to this
    /// test's directory: tests run concurrently). ReliabilityTests sends real signals.
    @Test func registryListsAndRemovesTemporaryFiles() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        TemporaryFiles.prepare()
        let temporary = AtomicFile.temporaryName(directory: directory.path, name: "m.json")
        let slot = try #require(TemporaryFiles.register(temporary))
        #expect(TemporaryFiles.registered.contains(temporary))
        #expect(FileManager.default.createFile(atPath: temporary, contents: Data("partial".utf8)))
        TemporaryFiles.removeRegistered(inDirectory: directory.path + "/")
        #expect(!FileManager.default.fileExists(atPath: temporary))
        TemporaryFiles.release(slot)
        #expect(!TemporaryFiles.registered.contains(temporary))
        // A finished write leaves nothing registered under its directory.
        try AtomicFile.write("done", to: directory.appendingPathComponent("m.json").path)
        #expect(!TemporaryFiles.registered.contains { $0.hasPrefix(directory.path) })
    }
}
