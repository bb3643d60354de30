/// The header record: field splitting with quotes, UTF-8 checks, and column-name rules.
enum CSVHeader {
    /// Splits one record (`count` bytes, possibly ending in a line break) into fields. Returns
    /// nil for a blank line.
    static func fields(_ p: UnsafePointer<UInt8>, count: Int, delimiter: UInt8, file: String, line: Int) throws -> [String]? {
        var end = count
        while end > 0, p[end - 1] == UInt8(ascii: "\n") || p[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        guard end > 0 else { return nil }
        var fields: [String] = []
        var field: [UInt8] = []
        var pos = 0
        var inQuotes = false
        var fieldWasQuoted = false
        func finish() throws {
            if !fieldWasQuoted, field.allSatisfy({ $0 < 0x80 }) {
                // ASCII (the usual header, 10,001 names in a wide file): one character per byte,
                // so trimming bytes is `trimmingSpaces`, and no second string is made.
                var (first, last) = (0, field.count)
                while first < last, field[first] == 0x20 || field[first] == 0x09 { first += 1 }
                while last > first, field[last - 1] == 0x20 || field[last - 1] == 0x09 { last -= 1 }
                fields.append(String(decoding: field[first ..< last], as: UTF8.self))
            } else {
                guard let text = String(validating: field, as: UTF8.self) else {
                    throw DataError(.invalidUTF8, file: file, line: line, column: fields.count + 1, "invalid UTF-8 in the header; save the file as UTF-8")
                }
                fields.append(fieldWasQuoted ? text : text.trimmingSpaces)
            }
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        while pos < end {
            let byte = p[pos]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if pos + 1 < end, p[pos + 1] == UInt8(ascii: "\"") { field.append(byte); pos += 1 } else { inQuotes = false }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\""), field.isEmpty, !fieldWasQuoted {
                inQuotes = true
                fieldWasQuoted = true
            } else if byte == delimiter {
                try finish()
            } else if byte == UInt8(ascii: "\"") || fieldWasQuoted {
                // As in data rows: a stray quote would break the quote parity that cuts blocks.
                throw DataError(.badQuote, file: file, line: line, column: fields.count + 1,
                                "a quote inside an unquoted field, or text after a closing quote, in the header; quote the whole name and double its quotes (\"\")")
            } else {
                field.append(byte)
            }
            pos += 1
        }
        if inQuotes {
            throw DataError(.unterminatedQuote, file: file, line: line, column: fields.count + 1, "unterminated quote in the header")
        }
        try finish()
        return fields
    }

    /// Column names: empty ones become `column<j>`; duplicates are refused.
    static func names(_ fields: [String], file: String, line: Int) throws -> [String] {
        var names = fields
        for j in names.indices where names[j].isEmpty { names[j] = "column\(j + 1)" }
        var seen: [String: Int] = [:]
        seen.reserveCapacity(names.count)
        for (j, name) in names.enumerated() {
            if let first = seen[name] {
                throw DataError(.duplicateColumn, file: file, line: line, column: j + 1,
                                "duplicate column name '\(name)' (also column \(first + 1)); column names must be unique")
            }
            seen[name] = j
        }
        return names
    }
}

extension String {
    /// Without leading and trailing ASCII spaces and tabs.
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let c = scalars.first, c == " " || c == "\t" { scalars.removeFirst() }
        while let c = scalars.last, c == " " || c == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
