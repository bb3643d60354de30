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
        try forEachChunk(try FileByteSource(path: path), body)
    }

    /// Streams the data rows of `source` in chunks of at most one block's rows; returns the
    /// header. Throws a located `DataError` for malformed input.
    @discardableResult
    public func forEachChunk<Source: ByteSource>(_ source: Source, _ body: (CSVChunk) throws -> Void) throws -> [String] {
        if let file = source as? FileByteSource, let mapping = file.mapped() {
            return try forEachChunk(in: mappedWindow(mapping, name: file.name), body)
        }
        return try forEachChunk(in: copyingWindow(source), body)
    }

    private func forEachChunk<Window: CSVWindow>(in window: Window, _ body: (CSVChunk) throws -> Void) throws -> [String] {
        var blocks = try CSVBlocks(window: window, options: options)
        defer { blocks.release() }
        while let parts = try blocks.next() {
            for part in parts {
                var chunk = try CSVChunk(part.parser, firstLine: part.firstLine, header: blocks.header, copyingValues: true)
                chunk.byteCount = part.byteCount
                try body(chunk)
            }
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
    /// The chunk of one part parser's rows; the part's bytes start at physical line `firstLine`.
    /// Without `copyingValues` the chunk's matrix is left empty (the caller reads the parser's
    /// scratch directly).
    init(_ parser: CSVPartParser, firstLine: Int, header: [String], copyingValues: Bool) throws {
        let locate = { (j: Int, relative: Int, text: String?) in
            CellLocation(line: firstLine + relative, column: j + 1, text: text)
        }
        self.init(values: copyingValues ? try Matrix(rows: parser.rows, columns: header.count, storage: Array(parser.values))
                                        : Matrix.zeros(0, header.count),
                  firstLine: firstLine,
                  textCells: parser.textCells,
                  missingCounts: parser.missingCounts,
                  firstMissing: parser.firstMissing.reduce(into: [:]) { $0[$1.key] = locate($1.key, $1.value.line, nil) },
                  firstText: parser.firstText.reduce(into: [:]) { $0[$1.key] = locate($1.key, $1.value.line, $1.value.text) },
                  firstNonFinite: parser.firstNonFinite.reduce(into: [:]) { $0[$1.key] = locate($1.key, $1.value.line, $1.value.text) })
        columnNames = header
    }
}
