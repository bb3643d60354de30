/// A column of output: numbers (shortest round-trip text) or text.
public enum CSVColumn: Sendable {
    case numbers([Double])
    case text([String])

    var count: Int {
        switch self {
        case let .numbers(v): return v.count
        case let .text(v): return v.count
        }
    }
}

/// Renders CSV (RFC 4180: fields with the delimiter, a quote, a line break or edge blanks
/// are quoted, quotes doubled; LF line ends).
public enum CSVWriter {
    public static func render(header: [String], columns: [CSVColumn], delimiter: Character = ",") -> String {
        precondition(header.count == columns.count, "one header name per column")
        let rows = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == rows }, "columns of one length")
        var out = header.map { quoted($0, delimiter) }.joined(separator: String(delimiter)) + "\n"
        out.reserveCapacity(out.utf8.count + rows * columns.count * 12)
        for i in 0..<rows {
            var row = ""
            for (j, column) in columns.enumerated() {
                if j > 0 { row.append(delimiter) }
                switch column {
                case let .numbers(v): row += v[i].isNaN ? "" : "\(v[i])"
                case let .text(v): row += quoted(v[i], delimiter)
                }
            }
            // A one-column row with a missing cell would be a blank line, which readers skip.
            out += row.isEmpty ? "\"\"\n" : row + "\n"
        }
        return out
    }

    /// A field, quoted when it has to be.
    ///
    /// The tests are on UTF-8 bytes, not `Character`s: "\r\n" is one Character (so
    /// `contains("\n")` misses it), and a quote or delimiter followed by a combining mark is
    /// part of a larger Character too. The reader works on bytes, so the writer must.
    public static func quoted(_ field: String, _ delimiter: Character = ",") -> String {
        let quote = UInt8(ascii: "\""), edge: Set<UInt8> = [0x20, 0x09]
        let delimiterBytes = Array(String(delimiter).utf8)
        let bytes = Array(field.utf8)
        let hasDelimiter = delimiterBytes.count == 1 ? bytes.contains(delimiterBytes[0]) : field.contains(delimiter)
        let needs = hasDelimiter || bytes.contains { $0 == quote || $0 == 0x0A || $0 == 0x0D }
            || bytes.first.map(edge.contains) == true || bytes.last.map(edge.contains) == true
        guard needs else { return field }
        var out: [UInt8] = [quote]
        out.reserveCapacity(bytes.count + 2)
        for byte in bytes {
            out.append(byte)
            if byte == quote { out.append(quote) }
        }
        out.append(quote)
        return String(decoding: out, as: UTF8.self)
    }
}
