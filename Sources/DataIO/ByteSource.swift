#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where CSV and LIBSVM bytes come from: a file, standard input, or memory (tests).
public protocol ByteSource {
    /// A name for error messages (the path, or `<stdin>`).
    var name: String { get }
    /// Copies up to `buffer.count` bytes into `buffer`; returns 0 at end of input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// The total size when known in advance (a regular file), to size buffers once.
    var expectedByteCount: Int? { get }
}

extension ByteSource {
    public var expectedByteCount: Int? { nil }
}

/// Bytes read from a file descriptor with `read(2)`: a file, or standard input for `-`.
public final class FileByteSource: ByteSource {
    public let name: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool

    /// Opens `path` (`-` is standard input). Throws `.fileNotFound` or `.unreadable`.
    public init(path: String) throws {
        if path == "-" {
            name = "<stdin>"
            descriptor = 0
            ownsDescriptor = false
            return
        }
        name = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw DataError(.fileNotFound, file: path, "no such file; check the path") }
            throw DataError(.unreadable, file: path, "cannot open: \(String(cString: strerror(code)))")
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw DataError(.unreadable, file: path, "is a directory, not a data file")
        }
        descriptor = fd
        ownsDescriptor = true
        if (info.st_mode & S_IFMT) == S_IFREG { expectedByteCount = Int(info.st_size) }
    }

    public private(set) var expectedByteCount: Int?

    deinit { if ownsDescriptor { close(descriptor) } }

    /// The whole file mapped into memory, for a regular non-empty file that has not been read
    /// from yet; nil otherwise (standard input, a pipe, or a refused mapping).
    func mapped() -> MappedFile? {
        guard ownsDescriptor, let size = expectedByteCount, lseek(descriptor, 0, SEEK_CUR) == 0 else { return nil }
        return MappedFile(descriptor: descriptor, size: size)
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            #if canImport(Glibc)
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            #else
            let count = Darwin.read(descriptor, buffer.baseAddress, buffer.count)
            #endif
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw DataError(.unreadable, file: name, "read failed: \(String(cString: strerror(errno)))")
        }
    }
}

/// Bytes held in memory.
public struct MemoryByteSource: ByteSource {
    public let name: String
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8], name: String = "<memory>") {
        self.bytes = bytes
        self.name = name
    }

    public init(_ text: String, name: String = "<memory>") {
        self.init(Array(text.utf8), name: name)
    }

    public var expectedByteCount: Int? { bytes.count }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
