import LinearAlgebra

/// A whole CSV file in memory: named columns, numbers in one row-major matrix, and the full
/// text of the columns that hold text.
public struct CSVTable: Sendable {
    /// The file name used in error messages.
    public var source: String
    public var columnNames: [String]
    /// rows × columns, NaN where a cell is missing or text.
    public var values: Matrix
    /// For each column with at least one text cell: every cell as text, nil where missing.
    /// Numeric cells of such a column are rendered in shortest form (`1.0` → `"1"`).
    public var textColumns: [Int: [String?]]
    public var missingCounts: [Int]
    public var firstMissing: [Int: CellLocation]
    public var firstText: [Int: CellLocation]
    public var firstNonFinite: [Int: CellLocation]

    public var rowCount: Int { values.rows }
    public var columnCount: Int { columnNames.count }

    /// Collects what the parts of a stream say besides their numbers (text cells, missing
    /// counts, first locations) while `CSVReader` gathers the numbers themselves.
    struct Assembler {
        private var rows = 0
        private var text: [Int: [(row: Int, text: String)]] = [:]
        private var missingCounts: [Int] = []
        private var firstMissing: [Int: CellLocation] = [:]
        private var firstText: [Int: CellLocation] = [:]
        private var firstNonFinite: [Int: CellLocation] = [:]

        /// Adds a part of `partRows` rows, described by `chunk` (whose matrix may be empty).
        mutating func append(_ chunk: CSVChunk, rows partRows: Int) {
            for (j, cells) in chunk.textCells {
                text[j, default: []].append(contentsOf: cells.map { (rows + $0.row, $0.text) })
            }
            if missingCounts.isEmpty { missingCounts = chunk.missingCounts } else {
                for j in missingCounts.indices { missingCounts[j] += chunk.missingCounts[j] }
            }
            firstMissing.merge(chunk.firstMissing) { old, _ in old }
            firstText.merge(chunk.firstText) { old, _ in old }
            firstNonFinite.merge(chunk.firstNonFinite) { old, _ in old }
            rows += partRows
        }

        /// The table's names, counts and first locations without its numbers (`values` is
        /// 0 × columns, no text columns kept): the layout of a `CSVColumnTable`.
        func layout(source: String, columnNames: [String]) -> CSVTable {
            CSVTable(source: source, columnNames: columnNames, values: Matrix.zeros(0, columnNames.count), textColumns: [:],
                     missingCounts: missingCounts.isEmpty ? [Int](repeating: 0, count: columnNames.count) : missingCounts,
                     firstMissing: firstMissing, firstText: firstText, firstNonFinite: firstNonFinite)
        }

        /// The table over `storage`, the row-major numbers of every part in order.
        func table(source: String, columnNames: [String], storage: [Double]) throws -> CSVTable {
            let values = try Matrix(rows: rows, columns: columnNames.count, storage: storage)
            var textColumns: [Int: [String?]] = [:]
            for (j, cells) in text {
                var column = [String?](repeating: nil, count: rows)
                for i in 0..<rows {
                    let v = values[i, j]
                    if !v.isNaN { column[i] = NumberFormatting.shortest(v) }
                }
                for (row, value) in cells { column[row] = value }
                textColumns[j] = column
            }
            return CSVTable(source: source, columnNames: columnNames, values: values, textColumns: textColumns,
                            missingCounts: missingCounts.isEmpty ? [Int](repeating: 0, count: columnNames.count) : missingCounts,
                            firstMissing: firstMissing, firstText: firstText, firstNonFinite: firstNonFinite)
        }
    }

    /// The index of the column called `name`, or a located error listing the columns.
    public func columnIndex(_ name: String) throws -> Int {
        guard let j = columnNames.firstIndex(of: name) else {
            throw DataError(.unknownColumn, file: source,
                            "no column named '\(name)'; the columns are \(columnNames.map { "'\($0)'" }.joined(separator: ", "))\(delimiterHint)")
        }
        return j
    }

    /// The numeric matrix of the named columns, in that order; throws at the first text,
    /// missing or non-finite cell among them.
    public func numericColumns(_ names: [String], remedy: String? = nil) throws -> Matrix {
        let indices = try names.map(columnIndex)
        try requireNumeric(indices, remedy: remedy)
        return values.selectingColumns(indices)
    }

    /// Throws the first text, missing or non-finite cell in `columns`, located in the file;
    /// `remedy` ends the message (default: fix it or leave the column out with --drop).
    public func requireNumeric(_ columns: [Int], remedy: String? = nil) throws {
        try CellLocation.requireNumeric(columns: columns, names: columnNames, file: source, firstText: firstText,
                                        firstMissing: firstMissing, firstNonFinite: firstNonFinite, remedy: remedy)
    }

    /// A hint for a file read with the wrong delimiter: one column whose name holds another
    /// common delimiter (`a;b;c`), or "" when the header looks right.
    public var delimiterHint: String {
        guard columnNames.count == 1, let name = columnNames.first else { return "" }
        for (character, spelled) in [(";", "';'"), ("\t", "tab"), ("|", "'|'"), (",", "','")] where name.contains(character) {
            return " (the header is one column, '\(name)': if the file is separated by \(spelled), pass --delimiter \(spelled))"
        }
        return ""
    }
}

/// Shortest round-trip text for numbers, with integral values written without a fraction.
public enum NumberFormatting {
    public static func shortest(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
