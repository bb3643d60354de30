#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an output so that nothing already on disk is lost or half-written.
///
/// A regular file (links followed, see `OutputDestination`): the bytes go to a temporary file
/// in the same directory, are flushed to disk, and the temporary file is renamed over the
/// target (`rename(2)` is atomic within a file system), so readers see the old content or the
/// complete new one. An existing file keeps its permission bits. The temporary file is listed
/// in `TemporaryFiles` while it exists, for a program's signal handler to remove.
/// A FIFO, a character device or `-` (standard output) is a stream and is written in place.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(bytes, to: OutputDestination(path: path))
    }

    public static func write(_ bytes: [UInt8], to destination: OutputDestination) throws {
        switch destination.kind {
        case .standardOutput:
            if let reason = writeAll(1, bytes) {
                throw DataError(.writeFailed, file: "<stdout>", "cannot write to standard output (\(reason))")
            }
        case let .stream(resolved):
            let descriptor = open(resolved, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw OutputDestination.failure(destination.path, "cannot open for writing (\(OutputDestination.reason()))")
            }
            let reason = writeAll(descriptor, bytes)
            close(descriptor)
            if let reason { throw OutputDestination.failure(destination.path, "write failed (\(reason))") }
        case let .file(resolved):
            try replace(resolved, with: bytes, path: destination.path)
        }
    }

    /// `.NAME.tmp-PID-RANDOM` beside the target.
    static func temporaryName(directory: String, name: String) -> String {
        "\(directory)/.\(name).tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    }

    private static func replace(_ resolved: String, with bytes: [UInt8], path: String) throws {
        let (directory, name) = OutputDestination.directory(of: resolved)
        var existing = stat()
        let previousMode: mode_t? = stat(resolved, &existing) == 0 ? existing.st_mode & 0o777 : nil
        // O_EXCL with a fresh random name, mode 0666 so the kernel applies the umask (mkstemp
        // would make it 0600, and reading the umask means setting it, racing other threads).
        var temporary = ""
        var slot: Int?
        var descriptor: Int32 = -1
        for _ in 0..<16 where descriptor < 0 {
            temporary = temporaryName(directory: directory, name: name)
            slot = TemporaryFiles.register(temporary) // published before the file exists
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor < 0 {
                let error = errno
                TemporaryFiles.release(slot)
                errno = error
                if error != EEXIST { break }
            }
        }
        guard descriptor >= 0 else {
            throw OutputDestination.failure(path, "cannot create a temporary file in '\(directory)' (\(OutputDestination.reason()))")
        }
        defer { TemporaryFiles.release(slot) } // after the rename or the unlink below
        if let previousMode { _ = fchmod(descriptor, previousMode) }
        var reason = writeAll(descriptor, bytes)
        if reason == nil, fsync(descriptor) != 0 { reason = OutputDestination.reason() }
        if close(descriptor) != 0, reason == nil { reason = OutputDestination.reason() }
        if let reason {
            unlink(temporary)
            throw OutputDestination.failure(path, "write failed (\(reason)); the previous file, if any, is untouched")
        }
        guard rename(temporary, resolved) == 0 else {
            let reason = OutputDestination.reason()
            unlink(temporary)
            throw OutputDestination.failure(path, "cannot move the new file into place (\(reason)); the previous file, if any, is untouched")
        }
        // Make the rename itself durable.
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// Writes every byte, retrying short writes and EINTR; nil on success, else the reason.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { raw -> String? in
            var written = 0
            while written < raw.count {
                #if canImport(Glibc)
                let n = Glibc.write(descriptor, raw.baseAddress! + written, raw.count - written)
                #else
                let n = Darwin.write(descriptor, raw.baseAddress! + written, raw.count - written)
                #endif
                if n < 0 {
                    if errno == EINTR { continue }
                    return OutputDestination.reason()
                }
                written += n
            }
            return nil
        }
    }
}
