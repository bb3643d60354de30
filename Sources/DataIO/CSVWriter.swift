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

/// Renders CSV (RFC 4180: fields with the delimiter, a quote, a line break or edge spaces
/// are quoted, quotes doubled; LF line ends).
public enum CSVWriter {
    public static func render(header: [String], columns: [CSVColumn], delimiter: Character = ",") -> String {
        precondition(header.count == columns.count, "one header name per column")
        let rows = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == rows }, "columns of one length")
        var out = header.map { quoted($0, delimiter) }.joined(separator: String(delimiter)) + "\n"
        out.reserveCapacity(out.utf8.count + rows * columns.count * 12)
        for i in 0..<rows {
            for (j, column) in columns.enumerated() {
                if j > 0 { out.append(delimiter) }
                switch column {
                case let .numbers(v): out += v[i].isNaN ? "" : "\(v[i])"
                case let .text(v): out += quoted(v[i], delimiter)
                }
            }
            out.append("\n")
        }
        return out
    }

    /// A field, quoted when it has to be.
    public static func quoted(_ field: String, _ delimiter: Character = ",") -> String {
        let needs = field.contains(delimiter) || field.contains("\"") || field.contains("\n") || field.contains("\r")
            || field.first == " " || field.last == " "
        guard needs else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
