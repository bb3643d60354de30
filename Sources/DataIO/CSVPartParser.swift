import LinearAlgebra

/// Parses one run of complete CSV records (a "part" of a block) into numbers.
///
/// Runs on one thread over bytes `[start, end)` that begin at a record boundary. Numbers go
/// straight into `values` (row-major); only cells that are not numbers become `String`s.
/// Lines are counted relative to the part (0-based) and made absolute by the caller, since
/// parts of a block are parsed concurrently.
///
/// The hot loop keeps its state in locals (class properties would pay a dynamic exclusivity
/// check per access) and tries `DecimalParser.scanExact` first, which parses a plain number
/// and finds the end of its field in one pass; anything else (quotes, spaces, text, missing,
/// long or inexact numbers) takes the general path.
final class CSVPartParser {
    struct Failure {
        var kind: DataError.Kind
        var relativeLine: Int
        var column: Int?
        var message: String
    }

    let columnCount: Int
    let delimiter: UInt8
    let missingTokens: [[UInt8]]
    /// Columns whose numeric cells are also kept as written (class labels).
    let keepText: [Bool]
    let keepsAnyText: Bool

    /// Where `parse` wrote the numbers (row-major), valid until the scratch is reused.
    private(set) var values = UnsafeBufferPointer<Double>(start: nil, count: 0)
    var rows = 0
    /// Newlines consumed so far, i.e. the 0-based line of the current position in the part.
    var newlines = 0
    var missingCounts: [Int]
    var firstMissing: [Int: (line: Int, row: Int)] = [:]
    var firstText: [Int: (line: Int, text: String)] = [:]
    var firstNonFinite: [Int: (line: Int, text: String)] = [:]
    var textCells: [Int: [(row: Int, text: String)]] = [:]
    var failure: Failure?
    /// Whether the part held a quote byte before it stopped: its cut points, found without
    /// quote parity, may then be wrong (see `CSVBlocks`).
    private(set) var sawQuote = false
    /// Unescaped bytes of a quoted field with doubled quotes.
    private var scratch: [UInt8] = []

    /// A header of one field while rows have more usually means the file's delimiter is not
    /// the one being read with (a ';'-separated file with decimal commas, read with ',').
    var delimiterHint: String {
        guard columnCount == 1 else { return "" }
        let shown = delimiter == 9 ? "tab" : "'\(Character(Unicode.Scalar(delimiter)))'"
        return "; the header was read as a single column with the delimiter \(shown): if the file uses another one (';', tab, '|'), give it with --delimiter"
    }

    init(columnCount: Int, delimiter: UInt8, missingTokens: [[UInt8]], keepText: [Bool] = []) {
        self.columnCount = columnCount
        self.delimiter = delimiter
        self.missingTokens = missingTokens
        self.keepText = keepText.isEmpty ? [Bool](repeating: false, count: columnCount) : keepText
        self.keepsAnyText = keepText.contains(true)
        self.missingCounts = [Int](repeating: 0, count: columnCount)
    }

    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let quote = UInt8(ascii: "\"")

    /// Parses every record in `[start, end)` of `p` into `scratch`; stops at the first failure.
    func parse(_ p: UnsafePointer<UInt8>, start: Int, end: Int, scratch: CSVScratch) {
        // Every cell but a final empty one ends in a delimiter or line break, so the part
        // holds at most (bytes + columns) cells.
        scratch.reserve(end - start + columnCount + 1)
        let written = parseRecords(p, start: start, end: end, into: scratch.pointer)
        values = UnsafeBufferPointer(start: scratch.pointer, count: written)
    }

    /// The record loop of `parse`; returns how many cells it wrote to `out`.
    private func parseRecords(_ p: UnsafePointer<UInt8>, start: Int, end: Int, into out: UnsafeMutablePointer<Double>) -> Int {
        var written = 0
        var rows = 0
        var newlines = 0
        defer {
            self.rows = rows
            self.newlines = newlines
        }
        let lastColumn = columnCount - 1
        let delimiter = self.delimiter
        let keepsAnyText = self.keepsAnyText
        var pos = start
        records: while pos < end {
            // Blank lines (`\n`, `\r\n`, or a lone `\r` at the very end) are skipped.
            if p[pos] == Self.newline { newlines += 1; pos += 1; continue }
            if p[pos] == Self.carriageReturn, pos + 1 == end || p[pos + 1] == Self.newline {
                pos += 1
                continue
            }
            let recordLine = newlines
            var column = 0
            while true {
                // Fast path: a plain number ending at a delimiter (not after the last column)
                // or at the record's end (after the last column).
                if let (value, next) = DecimalParser.scanExact(p, from: pos, end: end) {
                    let stop = next < end ? p[next] : Self.newline
                    if column < lastColumn {
                        if stop == delimiter {
                            out[written] = value
                            written &+= 1
                            if keepsAnyText, keepText[column] { keepWritten(p + pos, count: next - pos, column: column, row: rows) }
                            pos = next &+ 1
                            column &+= 1
                            continue
                        }
                    } else if stop == Self.newline
                                || (stop == Self.carriageReturn && (next &+ 1 == end || p[next &+ 1] == Self.newline)) {
                        out[written] = value
                        written &+= 1
                        if keepsAnyText, keepText[column] { keepWritten(p + pos, count: next - pos, column: column, row: rows) }
                        pos = next
                        break
                    }
                }
                guard let next = generalField(p, from: pos, end: end, column: column, line: recordLine,
                                              row: rows, newlines: &newlines, out: out, written: &written) else { return written }
                pos = next
                // `pos` is at the field's terminator: delimiter, line break, `\r\n`, or the end.
                let atRecordEnd = pos == end || p[pos] == Self.newline
                    || (p[pos] == Self.carriageReturn && (pos + 1 == end || p[pos + 1] == Self.newline))
                if column < lastColumn {
                    if atRecordEnd {
                        fail(.raggedRow, recordLine, nil, "row has \(column + 1) fields, the header has \(columnCount)")
                        return written
                    }
                    pos += 1 // the delimiter
                    column += 1
                } else if !atRecordEnd {
                    fail(.raggedRow, recordLine, nil, "row has more fields than the \(columnCount) of the header" + delimiterHint)
                    return written
                } else {
                    break
                }
            }
            while pos < end, p[pos] != Self.newline { pos += 1 } // a trailing \r
            if pos < end { newlines += 1; pos += 1 }
            rows += 1
        }
        return written
    }

    /// Any field the fast path did not take: quoted, padded, missing, text, or a number that
    /// needs `strtod`. Returns the position of the field's terminator, or nil after a failure.
    @inline(never)
    private func generalField(_ p: UnsafePointer<UInt8>, from start: Int, end: Int, column: Int, line: Int, row: Int,
                              newlines: inout Int, out: UnsafeMutablePointer<Double>, written: inout Int) -> Int? {
        var pos = start
        if pos < end, p[pos] == Self.quote {
            sawQuote = true
            guard let closing = scanQuoted(p, from: pos + 1, end: end, line: line, column: column, newlines: &newlines) else { return nil }
            pos = closing.after
            if pos < end, p[pos] != delimiter, p[pos] != Self.newline,
               !(p[pos] == Self.carriageReturn && (pos + 1 == end || p[pos + 1] == Self.newline)) {
                fail(.badQuote, line, column, "unexpected character after a closing quote; a quote inside a quoted field must be doubled (\"\")")
                return nil
            }
            if closing.unescaped {
                scratch.withUnsafeBufferPointer { s in
                    store(s.baseAddress!, count: s.count, trim: false, column: column, line: line, row: row, out: out, written: &written)
                }
            } else {
                store(p + start + 1, count: closing.fieldEnd - start - 1, trim: false, column: column, line: line, row: row, out: out, written: &written)
            }
        } else {
            while pos < end, p[pos] != delimiter, p[pos] != Self.newline, p[pos] != Self.quote { pos += 1 }
            // Refused so that every accepted quote opens, closes or doubles one: the quote
            // parity that cuts blocks and parts at record boundaries depends on it.
            if pos < end, p[pos] == Self.quote {
                sawQuote = true
                fail(.badQuote, line, column, "a quote inside an unquoted field; quote the whole field and double its quotes (\"\")")
                return nil
            }
            var fieldEnd = pos
            if fieldEnd > start, p[fieldEnd - 1] == Self.carriageReturn, pos == end || p[pos] == Self.newline {
                fieldEnd -= 1
            }
            store(p + start, count: fieldEnd - start, trim: true, column: column, line: line, row: row, out: out, written: &written)
        }
        return failure == nil ? pos : nil
    }

    /// Scans a quoted field whose content starts at `from`. Returns the content's end, whether
    /// it was unescaped into `scratch`, and the position after the closing quote.
    private func scanQuoted(_ p: UnsafePointer<UInt8>, from: Int, end: Int, line: Int, column: Int, newlines: inout Int)
        -> (fieldEnd: Int, unescaped: Bool, after: Int)? {
        var pos = from
        var segmentStart = from
        var unescaped = false
        while true {
            while pos < end, p[pos] != Self.quote {
                if p[pos] == Self.newline { newlines += 1 }
                pos += 1
            }
            guard pos < end else {
                fail(.unterminatedQuote, line, column, "unterminated quote: the quoted field never closes")
                return nil
            }
            if pos + 1 < end, p[pos + 1] == Self.quote {
                if !unescaped { scratch.removeAll(keepingCapacity: true); unescaped = true }
                scratch.append(contentsOf: UnsafeBufferPointer(start: p + segmentStart, count: pos + 1 - segmentStart))
                pos += 2
                segmentStart = pos
                continue
            }
            if unescaped {
                scratch.append(contentsOf: UnsafeBufferPointer(start: p + segmentStart, count: pos - segmentStart))
            }
            return (pos, unescaped, pos + 1)
        }
    }

    /// Classifies one cell: empty or a missing token → missing; a number → value; otherwise
    /// text (which must be valid UTF-8). Blanks around an unquoted cell are dropped (`trim`);
    /// inside quotes they are part of the field.
    private func store(_ field: UnsafePointer<UInt8>, count rawCount: Int, trim: Bool, column: Int, line: Int, row: Int,
                       out: UnsafeMutablePointer<Double>, written: inout Int) {
        var start = 0
        var count = rawCount
        while trim, count > 0, field[start] == 0x20 || field[start] == 0x09 { start += 1; count -= 1 }
        while trim, count > 0, field[start + count - 1] == 0x20 || field[start + count - 1] == 0x09 { count -= 1 }
        let cell = field + start
        let bytes = UnsafeBufferPointer(start: cell, count: count)
        if count == 0 || missingTokens.contains(where: { $0.elementsEqual(bytes) }) {
            out[written] = .nan
            written += 1
            missingCounts[column] += 1
            if firstMissing[column] == nil { firstMissing[column] = (line, row) }
            return
        }
        if let value = DecimalParser.parse(cell, count) {
            out[written] = value
            written += 1
            if keepText[column] { keepWritten(cell, count: count, column: column, row: row) }
            if !value.isFinite, firstNonFinite[column] == nil {
                firstNonFinite[column] = (line, String(decoding: bytes, as: UTF8.self))
            }
            return
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            fail(.invalidUTF8, line, column, "invalid UTF-8; save the file as UTF-8")
            return
        }
        out[written] = .nan
        written += 1
        if firstText[column] == nil { firstText[column] = (line, text) }
        textCells[column, default: []].append((row, text))
    }

    /// Keeps a numeric cell's text as written, for a column that asked for it. It joins the
    /// column's text cells without marking the column as non-numeric (`firstText`).
    @inline(never)
    private func keepWritten(_ cell: UnsafePointer<UInt8>, count: Int, column: Int, row: Int) {
        textCells[column, default: []].append((row, String(decoding: UnsafeBufferPointer(start: cell, count: count), as: UTF8.self)))
    }

    @inline(never)
    private func fail(_ kind: DataError.Kind, _ line: Int, _ column: Int?, _ message: String) {
        if failure == nil { failure = Failure(kind: kind, relativeLine: line, column: column.map { $0 + 1 }, message: message) }
    }
}

/// A parsing thread's output buffer, reused from block to block so the numbers land in memory
/// that is already mapped (fresh pages cost a fault each, which showed in the profile).
final class CSVScratch {
    private(set) var pointer: UnsafeMutablePointer<Double>
    private(set) var capacity: Int

    init() {
        capacity = 0
        pointer = .allocate(capacity: 1)
    }

    /// Room for at least `count` numbers (the contents are not kept).
    func reserve(_ count: Int) {
        guard count > capacity else { return }
        pointer.deallocate()
        capacity = count
        pointer = .allocate(capacity: count)
    }

    deinit { pointer.deallocate() }
}
