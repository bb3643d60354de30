/// Parses one run of complete CSV records (a "part" of a block) into numbers.
///
/// Runs on one thread over bytes `[start, end)` that begin at a record boundary. Numbers go
/// straight into `values` (row-major); only cells that are not numbers become `String`s.
/// Lines are counted relative to the part (0-based) and made absolute by the caller, since
/// parts of a block are parsed concurrently.
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

    var values: [Double] = []
    var rows = 0
    /// Newlines consumed so far, i.e. the 0-based line of the current position in the part.
    var newlines = 0
    var missingCounts: [Int]
    var firstMissing: [Int: (line: Int, row: Int)] = [:]
    var firstText: [Int: (line: Int, text: String)] = [:]
    var firstNonFinite: [Int: (line: Int, text: String)] = [:]
    var textCells: [Int: [(row: Int, text: String)]] = [:]
    var failure: Failure?
    /// Unescaped bytes of a quoted field with doubled quotes.
    private var scratch: [UInt8] = []

    init(columnCount: Int, delimiter: UInt8, missingTokens: [[UInt8]]) {
        self.columnCount = columnCount
        self.delimiter = delimiter
        self.missingTokens = missingTokens
        self.missingCounts = [Int](repeating: 0, count: columnCount)
    }

    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let quote = UInt8(ascii: "\"")

    /// Parses every record in `[start, end)` of `p`; stops at the first failure.
    func parse(_ p: UnsafePointer<UInt8>, start: Int, end: Int) {
        values.reserveCapacity(values.count + (end - start) / 4)
        var pos = start
        while pos < end {
            // Blank lines (`\n`, `\r\n`, or a lone `\r` at the very end) are skipped.
            if p[pos] == Self.newline { newlines += 1; pos += 1; continue }
            if p[pos] == Self.carriageReturn, pos + 1 == end || p[pos + 1] == Self.newline {
                pos += 1
                continue
            }
            guard let next = parseRecord(p, from: pos, end: end) else { return }
            pos = next
        }
    }

    /// Parses one record starting at `pos`; returns the position after its line break, or nil
    /// after recording a failure.
    private func parseRecord(_ p: UnsafePointer<UInt8>, from start: Int, end: Int) -> Int? {
        let recordLine = newlines
        var pos = start
        for column in 0..<columnCount {
            var fieldStart = pos
            var fieldEnd: Int
            var unescaped = false
            let quoted = pos < end && p[pos] == Self.quote
            if quoted {
                guard let closing = scanQuoted(p, from: pos + 1, end: end, line: recordLine, column: column) else { return nil }
                fieldStart = pos + 1
                fieldEnd = closing.fieldEnd
                unescaped = closing.unescaped
                pos = closing.after
                if pos < end, p[pos] != delimiter, p[pos] != Self.newline,
                   !(p[pos] == Self.carriageReturn && (pos + 1 == end || p[pos + 1] == Self.newline)) {
                    fail(.badQuote, recordLine, column, "unexpected character after a closing quote; a quote inside a quoted field must be doubled (\"\")")
                    return nil
                }
            } else {
                while pos < end, p[pos] != delimiter, p[pos] != Self.newline, p[pos] != Self.quote { pos += 1 }
                // Refused so that every accepted quote opens, closes or doubles: the boundary
                // finder's quote parity (which cuts blocks and parts) depends on it.
                if pos < end, p[pos] == Self.quote {
                    fail(.badQuote, recordLine, column, "a quote inside an unquoted field; quote the whole field and double its quotes (\"\")")
                    return nil
                }
                fieldEnd = pos
                if fieldEnd > fieldStart, p[fieldEnd - 1] == Self.carriageReturn, pos == end || p[pos] == Self.newline {
                    fieldEnd -= 1
                }
            }
            if unescaped {
                scratch.withUnsafeBufferPointer { s in
                    store(s.baseAddress!, count: s.count, column: column, line: recordLine, trim: false)
                }
            } else {
                store(p + fieldStart, count: fieldEnd - fieldStart, column: column, line: recordLine, trim: !quoted)
            }
            if failure != nil { return nil }
            let atRecordEnd = pos == end || p[pos] == Self.newline
                || (p[pos] == Self.carriageReturn && (pos + 1 == end || p[pos + 1] == Self.newline))
            if column < columnCount - 1 {
                if atRecordEnd {
                    fail(.raggedRow, recordLine, nil, "row has \(column + 1) fields, the header has \(columnCount)")
                    return nil
                }
                pos += 1 // the delimiter
            } else if !atRecordEnd {
                fail(.raggedRow, recordLine, nil, "row has more fields than the \(columnCount) of the header")
                return nil
            }
        }
        while pos < end, p[pos] != Self.newline { pos += 1 } // a trailing \r
        if pos < end { newlines += 1; pos += 1 }
        rows += 1
        return pos
    }

    /// Scans a quoted field whose content starts at `from`. Returns the content's end, whether
    /// it was unescaped into `scratch`, and the position after the closing quote.
    private func scanQuoted(_ p: UnsafePointer<UInt8>, from: Int, end: Int, line: Int, column: Int)
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
    /// text (which must be valid UTF-8).
    @inline(__always)
    private func store(_ field: UnsafePointer<UInt8>, count rawCount: Int, column: Int, line: Int, trim: Bool) {
        var start = 0
        var count = rawCount
        // Spaces around an unquoted cell are dropped; inside quotes they are part of the field.
        while trim, count > 0, field[start] == 0x20 || field[start] == 0x09 { start += 1; count -= 1 }
        while trim, count > 0, field[start + count - 1] == 0x20 || field[start + count - 1] == 0x09 { count -= 1 }
        let cell = field + start
        if count == 0 {
            recordMissing(column: column, line: line)
            return
        }
        if let value = DecimalParser.parse(cell, count) {
            values.append(value)
            if !value.isFinite, firstNonFinite[column] == nil {
                firstNonFinite[column] = (line, String(decoding: UnsafeBufferPointer(start: cell, count: count), as: UTF8.self))
            }
            return
        }
        let bytes = UnsafeBufferPointer(start: cell, count: count)
        if missingTokens.contains(where: { $0.elementsEqual(bytes) }) {
            recordMissing(column: column, line: line)
            return
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            fail(.invalidUTF8, line, column, "invalid UTF-8; save the file as UTF-8")
            return
        }
        values.append(.nan)
        if firstText[column] == nil { firstText[column] = (line, text) }
        textCells[column, default: []].append((rows, text))
    }

    private func recordMissing(column: Int, line: Int) {
        values.append(.nan)
        missingCounts[column] += 1
        if firstMissing[column] == nil { firstMissing[column] = (line, rows) }
    }

    private func fail(_ kind: DataError.Kind, _ line: Int, _ column: Int?, _ message: String) {
        if failure == nil { failure = Failure(kind: kind, relativeLine: line, column: column.map { $0 + 1 }, message: message) }
    }
}
