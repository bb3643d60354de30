/// The unparsed tail of a CSV input, seen as one contiguous run of bytes: the block loop of
/// `CSVReader` only fills, reads, grows and consumes it.
///
/// Two kinds: `CSVBuffer` copies bytes from any `ByteSource` (standard input, memory) into a
/// buffer of its own; `MappedWindow` reads a regular file in place through `mmap`, with no copy.
protocol CSVWindow {
    /// A name for error messages (the path, or `<stdin>`).
    var name: String { get }
    /// Valid bytes at the front of the window.
    var count: Int { get }
    /// True when nothing of the input lies beyond the window's bytes.
    var atEnd: Bool { get }
    /// The physical line (1-based) of the window's first byte.
    var line: Int { get }
    /// Makes the window as full as its capacity and the input allow.
    mutating func fill() throws
    /// Doubles the capacity for a record that does not fit, or refuses it past the limit.
    mutating func grow(line recordLine: Int) throws
    /// Drops the first `bytes` bytes, which spanned `lines` line breaks.
    mutating func consume(_ bytes: Int, lines: Int)
    mutating func skipByteOrderMark()
    func withBytes<R>(_ body: (UnsafePointer<UInt8>) throws -> R) rethrows -> R
    /// Readies `range` of the window's bytes for reading, on the thread about to parse them.
    func prepare(_ range: Range<Int>)
    /// Frees what the window holds (a struct has no deinit; the reader's scope owns it).
    func release()
}

extension CSVWindow {
    /// The error for a record longer than `limit` bytes.
    func recordTooLong(line recordLine: Int, limit: Int) -> DataError {
        DataError(.recordTooLong, file: name, line: recordLine,
                  "a record longer than \(limit >> 20) MiB, the most the reader accepts; is a line break or a closing quote missing?")
    }

    func prepare(_ range: Range<Int>) {}

    mutating func skipByteOrderMark() {
        guard count >= 3 else { return }
        let bom = withBytes { p in p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF }
        if bom { consume(3, lines: 0) }
    }
}
