#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file mapped read-only into memory, so the CSV parser reads the page cache in
/// place: no `read(2)` copy, and no fresh buffer pages to fault in (both showed in the
/// profile of `lagrange describe`).
///
/// Pages behind the parser are handed back (`MADV_DONTNEED`) as the window moves on, so the
/// resident size stays near one block however large the file — the same bound as the copying
/// `CSVBuffer`. (A file truncated by another process while it is being read would raise
/// SIGBUS; a file that only grows is read to the size it had when it was opened.)
final class MappedFile {
    let base: UnsafePointer<UInt8>
    let size: Int
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
    /// Linux's MADV_POPULATE_READ, as a number so that C libraries older than its name
    /// (glibc < 2.35) build too.
    private static let populateRead: Int32 = 22

    /// Maps `size` bytes of the open file `descriptor`; nil when the system refuses (the
    /// caller then reads the file with `read(2)`).
    init?(descriptor: Int32, size: Int) {
        guard size > 0, let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
              address != MAP_FAILED else { return nil }
        base = UnsafePointer(address.assumingMemoryBound(to: UInt8.self))
        self.size = size
        #if os(Linux)
        _ = madvise(address, size, MADV_SEQUENTIAL)
        #endif
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), size) }

    /// Maps the pages of `[offset, offset + count)` in one call instead of one fault each
    /// while parsing. Advice only: failure changes nothing.
    func prefetch(_ offset: Int, _ count: Int) {
        let (start, length) = pages(from: offset, to: offset + count, rounding: .outward)
        guard length > 0 else { return }
        #if os(Linux)
        // MADV_POPULATE_READ (Linux 5.14) maps them now; older kernels take MADV_WILLNEED.
        if madvise(UnsafeMutableRawPointer(mutating: base + start), length, Self.populateRead) != 0 {
            _ = madvise(UnsafeMutableRawPointer(mutating: base + start), length, MADV_WILLNEED)
        }
        #endif
    }

    /// Drops the whole pages in `[offset, end)` from this process (they stay in the page
    /// cache), so parsed bytes stop counting in the resident size. Returns where the dropped
    /// pages end.
    func release(_ offset: Int, _ end: Int) -> Int {
        let (start, length) = pages(from: offset, to: end, rounding: .inward)
        guard length > 0 else { return offset }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), length, MADV_DONTNEED)
        return start + length
    }

    private enum Rounding { case inward, outward }

    /// The page-aligned range covering (outward) or inside (inward) `[from, to)`, clamped to the file.
    private func pages(from: Int, to: Int, rounding: Rounding) -> (start: Int, length: Int) {
        let page = Self.pageSize   // offsets from `base`, which mmap returns page-aligned
        var start = rounding == .outward ? from / page * page : (from + page - 1) / page * page
        var end = rounding == .outward ? (to + page - 1) / page * page : to / page * page
        start = max(0, start)
        end = min(end, rounding == .outward ? (size + page - 1) / page * page : size / page * page)
        return (start, max(0, end - start))
    }
}

/// A `CSVWindow` over a mapped file: `[offset, offset + count)` of the mapping.
struct MappedWindow: CSVWindow {
    let name: String
    private let file: MappedFile
    private let limit: Int
    private let blockCapacity: Int
    private var capacity: Int
    /// File offset of the window's first byte.
    private var offset = 0
    /// Everything below this offset has been handed back (`release`).
    private var released = 0
    private(set) var line = 1

    init(file: MappedFile, name: String, capacity: Int, limit: Int) {
        self.name = name
        self.file = file
        self.capacity = capacity
        self.blockCapacity = capacity
        self.limit = max(limit, capacity)
    }

    var count: Int { min(capacity, file.size - offset) }
    var atEnd: Bool { offset + capacity >= file.size }

    /// The mapping needs no filling: the parsing threads map their own parts (`prepare`).
    mutating func fill() throws {}

    func prepare(_ range: Range<Int>) {
        file.prefetch(offset + range.lowerBound, range.count)
    }

    mutating func grow(line recordLine: Int) throws {
        guard capacity < limit else { throw recordTooLong(line: recordLine, limit: limit) }
        capacity = min(capacity * 2, limit)
    }

    mutating func consume(_ bytes: Int, lines: Int) {
        offset += bytes
        line += lines
        capacity = blockCapacity   // back to one block once a long record has passed
        released = file.release(released, offset)
    }

    func withBytes<R>(_ body: (UnsafePointer<UInt8>) throws -> R) rethrows -> R {
        try body(file.base + offset)
    }

    func release() {}
}
