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
        var blocks = try CSVBlocks(window: window, options: options)
        defer { blocks.release() }
        while let parts = try blocks.next() {
            // Each part's numbers leave the reused scratch by their own thread.
            var copies = [[Double]](repeating: [], count: parts.count)
            copies.withUnsafeMutableBufferPointer { out in
                DispatchQueue.concurrentPerform(iterations: parts.count) { out[$0] = Array(parts[$0].parser.values) }
            }
            let chunks = try zip(parts, copies).map { part, values in
                let matrix = try Matrix(rows: part.parser.rows, columns: blocks.header.count, storage: values)
                var chunk = try CSVChunk(part.parser, firstLine: part.firstLine, header: blocks.header, values: matrix)
                chunk.byteCount = part.byteCount
                return chunk
            }
            try body(chunks)
        }
        return blocks.header
    }

    private func mappedWindow(_ mapping: MappedFile, name: String) -> MappedWindow {
        MappedWindow(file: mapping, name: name, capacity: max(options.blockBytes, 1 << 12), limit: options.maxRecordBytes)
    }

    private func copyingWindow<Source: ByteSource>(_ source: Source) -> CSVBuffer<Source> {
        CSVBuffer(source: source, capacity: max(options.blockBytes, 1 << 12), limit: options.maxRecordBytes)
    }
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
