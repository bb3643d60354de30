#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old content or the complete new content:
/// the bytes go to a temporary file in the same directory, are flushed to disk, and the
/// temporary file is renamed over the target (`rename(2)` is atomic within a file system).
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    public static func write(_ bytes: [UInt8], to path: String) throws {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(name).tmp-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw failure(path, "cannot create a temporary file in '\(directory)'") }
        let temporary = String(cString: template)
        var written = 0
        var ok = true
        bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = Glibc_write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 { if errno == EINTR { continue }; ok = false; break }
                written += n
            }
        }
        ok = ok && fsync(fd) == 0
        let closed = close(fd) == 0
        guard ok, closed else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw failure(path, "write failed (\(reason)); the previous file, if any, is untouched")
        }
        fchmodIfPossible(temporary)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw failure(path, "cannot move the new file into place (\(reason)); the previous file, if any, is untouched")
        }
    }

    private static func failure(_ path: String, _ message: String) -> DataError {
        DataError(.writeFailed, file: path, message)
    }

    /// mkstemp creates 0600; a model or report is an ordinary file (0644 less the umask).
    private static func fchmodIfPossible(_ path: String) {
        let mask = umask(0)
        umask(mask)
        chmod(path, 0o666 & ~mask)
    }

    private static func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(fd, p, n)
        #else
        return Darwin.write(fd, p, n)
        #endif
    }
}
