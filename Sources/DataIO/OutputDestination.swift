#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an output path leads, decided — and checked — before anything is written:
///
/// - `-` is standard output;
/// - a symbolic link is followed (to any depth), and the file it names is the target, so the
///   link stays a link and its target gets the new content;
/// - an existing FIFO or character device is a *stream*, written in place (never replaced);
/// - a regular file, existing or new, is replaced atomically (see `AtomicFile`); its
///   directory must accept a new file, which is checked by creating and removing one;
/// - anything else (a directory, a socket, a block device) is refused.
public struct OutputDestination: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case standardOutput
        /// A FIFO or character device, at this path (links followed), written in place.
        case stream(String)
        /// A regular file at this path (links followed), replaced atomically.
        case file(String)
    }

    /// The path as given (for messages).
    public let path: String
    public let kind: Kind

    /// Resolves `path` and checks that a write there can succeed, writing nothing.
    public init(path: String) throws {
        self.path = path
        if path == "-" {
            kind = .standardOutput
            return
        }
        let resolved = try Self.followLinks(path)
        var info = stat()
        if stat(resolved, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                kind = .file(resolved)
            case S_IFIFO, S_IFCHR:
                kind = .stream(resolved)
                return
            case S_IFDIR:
                throw Self.failure(path, "is a directory; give a file name")
            default:
                throw Self.failure(path, "is not a regular file, a FIFO or a character device; refusing to replace it")
            }
        } else if errno == ENOENT {
            kind = .file(resolved)
        } else {
            throw Self.failure(path, "cannot be examined (\(Self.reason()))")
        }
        try Self.checkDirectoryAcceptsFiles(for: resolved, path: path)
    }

    /// The file's identity when it exists (to refuse overwriting an input).
    public var identity: FileIdentity? {
        switch kind {
        case .standardOutput: return nil
        case let .stream(resolved), let .file(resolved): return FileIdentity(path: resolved)
        }
    }

    /// The directory part of `path` ("." when there is none).
    static func directory(of path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    /// Follows symbolic links at the last component until it is not a link (or does not
    /// exist); relative link targets are relative to the link's directory.
    private static func followLinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length >= 0 else { throw failure(path, "cannot read the symbolic link (\(reason()))") }
            let target = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/") ? target : directory(of: current).directory + "/" + target
        }
        throw failure(path, "has too many levels of symbolic links")
    }

    /// The directory must exist and accept a new file: creates and removes a probe file, the
    /// one test that also holds for root, read-only file systems and ACLs.
    private static func checkDirectoryAcceptsFiles(for resolved: String, path: String) throws {
        let (directory, name) = Self.directory(of: resolved)
        var info = stat()
        guard stat(directory, &info) == 0 else {
            throw failure(path, errno == ENOENT ? "the directory '\(directory)' does not exist; create it first"
                                                : "cannot reach the directory '\(directory)' (\(reason()))")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw failure(path, "'\(directory)' is not a directory")
        }
        let probe = AtomicFile.temporaryName(directory: directory, name: name)
        let slot = TemporaryFiles.register(probe) // a signal between open and unlink removes it too
        defer { TemporaryFiles.release(slot) }
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw failure(path, "cannot create a file in '\(directory)' (\(reason())); choose another location")
        }
        close(descriptor)
        unlink(probe)
    }

    static func reason() -> String {
        String(cString: strerror(errno))
    }

    static func failure(_ path: String, _ message: String) -> DataError {
        DataError(.writeFailed, file: path, message)
    }
}

/// A file's identity, device and inode: equal for two paths that name the same file through
/// links, `..` or hard links.
public struct FileIdentity: Hashable, Sendable {
    public let device: UInt64
    public let inode: UInt64

    /// The identity of the file at `path` (links followed), or nil when there is none.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
