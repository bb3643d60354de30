#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable byte buffer over a `ByteSource` holding the unparsed tail of the input.
/// It grows only while one record does not fit, up to the record-length limit.
struct CSVBuffer<Source: ByteSource>: CSVWindow {
    private var source: Source
    private var storage: UnsafeMutableRawBufferPointer
    private let limit: Int
    /// The capacity asked for; the buffer returns to it after a long record has passed, so
    /// streamed chunks stay bounded by one block.
    private let blockCapacity: Int
    /// Valid bytes at the front of the buffer.
    private(set) var count = 0
    /// True once the source reported end of input.
    private(set) var atEnd = false
    /// The physical line (1-based) of the buffer's first byte.
    private(set) var line = 1

    var name: String { source.name }

    init(source: Source, capacity: Int, limit: Int) {
        self.source = source
        self.storage = .allocate(byteCount: capacity, alignment: 64)
        self.limit = max(limit, capacity)
        self.blockCapacity = capacity
    }

    /// Frees the buffer. (A struct has no deinit; the reader's scope owns it.)
    func release() { storage.deallocate() }

    /// Reads until the buffer is full or the input ends.
    mutating func fill() throws {
        while !atEnd, count < storage.count {
            let free = UnsafeMutableRawBufferPointer(rebasing: storage[count...])
            let read = try source.read(into: free)
            if read == 0 { atEnd = true } else { count += read }
        }
    }

    /// Doubles the capacity for a record that does not fit, or refuses it past the limit.
    mutating func grow(line recordLine: Int) throws {
        guard storage.count < limit else { throw recordTooLong(line: recordLine, limit: limit) }
        let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: min(storage.count * 2, limit), alignment: 64)
        bigger.baseAddress!.copyMemory(from: storage.baseAddress!, byteCount: count)
        storage.deallocate()
        storage = bigger
    }

    /// Drops the first `bytes` bytes, which spanned `lines` line breaks.
    mutating func consume(_ bytes: Int, lines: Int) {
        let rest = count - bytes
        if storage.count > blockCapacity, rest <= blockCapacity {
            let smaller = UnsafeMutableRawBufferPointer.allocate(byteCount: blockCapacity, alignment: 64)
            if rest > 0 { smaller.baseAddress!.copyMemory(from: storage.baseAddress! + bytes, byteCount: rest) }
            storage.deallocate()
            storage = smaller
        } else if rest > 0 {
            memmove(storage.baseAddress!, storage.baseAddress! + bytes, rest)
        }
        count = rest
        line += lines
    }

    func withBytes<R>(_ body: (UnsafePointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafePointer(storage.baseAddress!.assumingMemoryBound(to: UInt8.self)))
    }
}
