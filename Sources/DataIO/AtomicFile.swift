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
        // O_EXCL with a fresh random name, mode 0666 so the kernel applies the umask (mkstemp
        // would make it 0600, and reading the umask means setting it, racing other threads).
        let parent = directory.isEmpty ? "/" : directory
        var temporary = ""
        var fd: Int32 = -1
        for _ in 0..<16 where fd < 0 {
            temporary = "\(parent)/.\(name).tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd < 0 && errno != EEXIST { break }
        }
        guard fd >= 0 else {
            throw failure(path, "cannot create a temporary file in '\(parent)' (\(String(cString: strerror(errno))))")
        }
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
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw failure(path, "cannot move the new file into place (\(reason)); the previous file, if any, is untouched")
        }
        // Make the rename itself durable.
        let directoryDescriptor = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    private static func failure(_ path: String, _ message: String) -> DataError {
        DataError(.writeFailed, file: path, message)
    }

    private static func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(fd, p, n)
        #else
        return Darwin.write(fd, p, n)
        #endif
    }
}
