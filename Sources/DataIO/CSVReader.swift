import Dispatch
import LinearAlgebra

/// Reads CSV text with a header row: RFC 4180 quoting, CRLF or LF, an optional UTF-8 byte-order
/// mark, blank lines skipped, numbers parsed straight into `Double`s.
///
/// The input is read in blocks of `options.blockBytes`; each block ends at a record boundary
/// and is split among `options.threads` parsers. Memory is one block plus the numbers, so
/// `forEachChunk` streams files larger than memory and `read` peaks below twice the final
/// matrix plus a block.
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
        var assembler = CSVTable.Assembler(expectedBytes: source.expectedByteCount)
        let header = try forEachPart(source) { parser, firstLine, byteCount, header in
            // The numbers are copied once, from the parser's scratch into the table.
            assembler.append(try CSVChunk(parser, firstLine: firstLine, header: header, copyingValues: false),
                             values: parser.values, rows: parser.rows, byteCount: byteCount)
        }
        return try assembler.table(source: source.name, columnNames: header)
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
        try forEachPart(source) { parser, firstLine, byteCount, header in
            var chunk = try CSVChunk(parser, firstLine: firstLine, header: header, copyingValues: true)
            chunk.byteCount = byteCount
            try body(chunk)
        }
    }

    /// The block loop: each parsed part is handed over with its first line and byte count
    /// while its numbers are still in the parser's scratch buffer.
    private func forEachPart<Source: ByteSource>(_ source: Source,
                                                 _ body: (CSVPartParser, Int, Int, [String]) throws -> Void) throws -> [String] {
        var buffer = CSVBuffer(source: source, capacity: max(options.blockBytes, 1 << 12), limit: options.maxRecordBytes)
        defer { buffer.release() }
        let header = try readHeader(&buffer)
        let missing = options.missingTokens.map { Array($0.utf8) }
        var keepText = [Bool](repeating: false, count: header.count)
        switch options.keepText {
        case .none: break
        case .lastColumn: keepText[header.count - 1] = true
        case let .columns(names): for (j, name) in header.enumerated() where names.contains(name) { keepText[j] = true }
        }
        let threads = max(1, options.threads)
        let scratches = (0..<threads).map { _ in CSVScratch() }
        var dataRows = 0
        while true {
            try buffer.fill()
            guard buffer.count > 0 else { break }
            let targets = (1..<threads).map { buffer.count * $0 / threads }
            let (last, splits) = buffer.withBytes { CSVBoundaries.find($0, count: buffer.count, targets: targets) }
            var end: Int
            var cuts: [Int]
            if buffer.atEnd {
                end = buffer.count
                cuts = splits.map { last == nil ? end : $0 }
            } else if let last {
                end = last
                cuts = splits
            } else {
                try buffer.grow(line: buffer.line)
                continue
            }
            if buffer.atEnd, let last, last < end { cuts = cuts.map { min($0, last) } }
            cuts = [0] + cuts + [end]
            let parsers = (0..<threads).map { _ in
                CSVPartParser(columnCount: header.count, delimiter: options.delimiter, missingTokens: missing, keepText: keepText)
            }
            buffer.withBytes { p in
                if threads == 1 {
                    parsers[0].parse(p, start: 0, end: end, scratch: scratches[0])
                } else {
                    DispatchQueue.concurrentPerform(iterations: threads) { k in
                        parsers[k].parse(p, start: cuts[k], end: cuts[k + 1], scratch: scratches[k])
                    }
                }
            }
            var line = buffer.line
            for (k, parser) in parsers.enumerated() {
                if let failure = parser.failure {
                    throw DataError(failure.kind, file: source.name, line: line + failure.relativeLine,
                                    column: failure.column, failure.message)
                }
                if parser.rows > 0 {
                    dataRows += parser.rows
                    try body(parser, line, threads == 1 ? end : cuts[k + 1] - cuts[k], header)
                }
                line += parser.newlines
            }
            buffer.consume(end, lines: line - buffer.line)
        }
        guard dataRows > 0 else {
            throw DataError(.headerOnly, file: source.name, "has a header row but no data rows")
        }
        return header
    }

    /// Reads the header record (skipping a byte-order mark and blank lines).
    private func readHeader<Source: ByteSource>(_ buffer: inout CSVBuffer<Source>) throws -> [String] {
        try buffer.fill()
        buffer.skipByteOrderMark()
        while true {
            try buffer.fill()
            guard buffer.count > 0 else { throw DataError(.empty, file: buffer.name, "is empty; expected a header row and data rows") }
            let (last, splits) = buffer.withBytes { CSVBoundaries.find($0, count: buffer.count, targets: [1]) }
            let recordEnd: Int
            if let first = splits.first, last != nil, first > 0 {
                recordEnd = first
            } else if buffer.atEnd {
                recordEnd = buffer.count
            } else {
                try buffer.grow(line: buffer.line)
                continue
            }
            let fields = try buffer.withBytes { p in
                try CSVHeader.fields(p, count: recordEnd, delimiter: options.delimiter, file: buffer.name, line: buffer.line)
            }
            // A quoted name may hold line breaks: count them all, or every later line is off.
            let headerLine = buffer.line
            let lineBreaks = buffer.withBytes { p in (0..<recordEnd).reduce(0) { $0 + (p[$1] == UInt8(ascii: "\n") ? 1 : 0) } }
            buffer.consume(recordEnd, lines: lineBreaks)
            guard let fields else { continue } // a blank line before the header
            return try CSVHeader.names(fields, file: buffer.name, line: headerLine)
        }
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
