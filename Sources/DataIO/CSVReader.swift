import Dispatch
import LinearAlgebra

/// Reads CSV text with a header row: RFC 4180 quoting, CRLF or LF, an optional UTF-8 byte-order
/// mark, blank lines skipped, numbers parsed straight into `Double`s.
///
/// The input is read in blocks of `options.blockBytes`; each block ends at a record boundary
/// and is split among `options.threads` parsers. A regular file is mapped and parsed in place
/// (`MappedWindow`); other sources are copied into a buffer (`CSVBuffer`). Memory is one block
/// plus the numbers, so `forEachChunk` streams files larger than memory and `read` peaks near
/// the final matrix plus two blocks.
public struct CSVReader: Sendable {
    public var options: CSVOptions

    public init(options: CSVOptions = CSVOptions()) {
        self.options = options
    }

    /// Reads the whole file at `path` (`-` for standard input) into a table.
    public func read(path: String) throws -> CSVTable {
        let source = try FileByteSource(path: path)
        return try read(source)
    }

    /// Reads everything from `source` into a table.
    public func read<Source: ByteSource>(_ source: Source) throws -> CSVTable {
        if let file = source as? FileByteSource, let mapping = file.mapped() {
            return try readTable(mappedWindow(mapping, name: file.name), expectedBytes: mapping.size)
        }
        return try readTable(copyingWindow(source), expectedBytes: source.expectedByteCount)
    }

    /// Streams the data rows of `path` in chunks of at most one block's rows; returns the header.
    @discardableResult
    public func forEachChunk(path: String, _ body: (CSVChunk) throws -> Void) throws -> [String] {
        try forEachBlock(path: path) { chunks in for chunk in chunks { try body(chunk) } }
    }

    /// Streams the data rows of `source` in chunks of at most one block's rows; returns the
    /// header. Throws a located `DataError` for malformed input.
    @discardableResult
    public func forEachChunk<Source: ByteSource>(_ source: Source, _ body: (CSVChunk) throws -> Void) throws -> [String] {
        try forEachBlock(source) { chunks in for chunk in chunks { try body(chunk) } }
    }

    /// Streams the data rows of `path` block by block: `body` gets a block's chunks in order,
    /// one per parsing thread that had rows, so a consumer can work on them in parallel too.
    @discardableResult
    public func forEachBlock(path: String, _ body: ([CSVChunk]) throws -> Void) throws -> [String] {
        try forEachBlock(try FileByteSource(path: path), body)
    }

    /// `forEachBlock` over any byte source.
    @discardableResult
    public func forEachBlock<Source: ByteSource>(_ source: Source, _ body: ([CSVChunk]) throws -> Void) throws -> [String] {
        if let file = source as? FileByteSource, let mapping = file.mapped() {
            return try forEachBlock(in: mappedWindow(mapping, name: file.name), body)
        }
        return try forEachBlock(in: copyingWindow(source), body)
    }

    private func forEachBlock<Window: CSVWindow>(in window: Window, _ body: ([CSVChunk]) throws -> Void) throws -> [String] {
        try forEachBlockInPlace(in: window) { parts in
            // Each part's numbers leave the reused scratch by their own thread.
            var copies = [[Double]](repeating: [], count: parts.count)
            copies.withUnsafeMutableBufferPointer { out in
                Parallel.forEach(parts.count, threads: parts.count) { out[$0] = Array(parts[$0].values) }
            }
            try body(zip(parts, copies).map { part, values in
                var chunk = part.chunk
                chunk.values = try Matrix(rows: part.rows, columns: chunk.columnNames.count, storage: values)
                return chunk
            })
        }
    }

    /// Streams the data rows of `path` block by block without copying the numbers: `body` gets
    /// the block's parts in order, each with its numbers borrowed from the parser's scratch
    /// (valid only during the call) and its chunk of metadata (whose `values` is empty), so a
    /// consumer that reduces the numbers — a covariance, column sums — reads them in place, on
    /// as many threads as there are parts.
    @discardableResult
    public func forEachBlockInPlace(path: String, _ body: ([CSVBorrowedPart]) throws -> Void) throws -> [String] {
        let source = try FileByteSource(path: path)
        if let mapping = source.mapped() { return try forEachBlockInPlace(in: mappedWindow(mapping, name: source.name), body) }
        return try forEachBlockInPlace(in: copyingWindow(source), body)
    }

    private func forEachBlockInPlace<Window: CSVWindow>(in window: Window, _ body: ([CSVBorrowedPart]) throws -> Void) throws -> [String] {
        var blocks = try CSVBlocks(window: window, options: options)
        defer { blocks.release() }
        let empty = Matrix.zeros(0, blocks.header.count)
        while let parts = try blocks.next() {
            try body(parts.map { part in
                var chunk = try CSVChunk(part.parser, firstLine: part.firstLine, header: blocks.header, values: empty)
                chunk.byteCount = part.byteCount
                return CSVBorrowedPart(chunk: chunk, rows: part.parser.rows, values: part.parser.values)
            })
        }
        return blocks.header
    }

    func mappedWindow(_ mapping: MappedFile, name: String) -> MappedWindow {
        MappedWindow(file: mapping, name: name, capacity: max(options.blockBytes, 1 << 12), limit: options.maxRecordBytes)
    }

    private func copyingWindow<Source: ByteSource>(_ source: Source) -> CSVBuffer<Source> {
        CSVBuffer(source: source, capacity: max(options.blockBytes, 1 << 12), limit: options.maxRecordBytes)
    }
}

/// One part of a block as its parser left it (see `CSVReader.forEachBlockInPlace`).
public struct CSVBorrowedPart {
    /// The part's first line, column names, text and missing cells; its `values` is empty.
    public let chunk: CSVChunk
    public let rows: Int
    /// rows × columns, row-major, NaN where a cell is missing or text; borrowed from the
    /// parser's scratch, so valid only during the call that hands the part over.
    public let values: UnsafeBufferPointer<Double>
}

extension CSVChunk {
    /// The chunk of one part parser's rows, whose numbers are `values` (an empty matrix when
    /// the caller reads the parser's scratch directly); the part's bytes start at physical line
    /// `firstLine`.
    init(_ parser: CSVPartParser, firstLine: Int, header: [String], values: Matrix) throws {
        let locate = { (j: Int, relative: Int, text: String?) in
            CellLocation(line: firstLine + relative, column: j + 1, text: text)
        }
        self.init(values: values,
                  firstLine: firstLine,
                  textCells: parser.textCells,
                  missingCounts: parser.missingCounts,
                  firstMissing: parser.firstMissing.reduce(into: [:]) { $0[$1.key] = locate($1.key, $1.value.line, nil) },
                  firstText: parser.firstText.reduce(into: [:]) { $0[$1.key] = locate($1.key, $1.value.line, $1.value.text) },
                  firstNonFinite: parser.firstNonFinite.reduce(into: [:]) { $0[$1.key] = locate($1.key, $1.value.line, $1.value.text) })
        columnNames = header
    }
}
