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

    /// Assembles the chunks of a stream, freeing each as it is copied so the peak stays below
    /// twice the final matrix.
    init(source: String, columnNames: [String], chunks: inout [CSVChunk]) throws {
        self.source = source
        self.columnNames = columnNames
        let c = columnNames.count
        let n = chunks.reduce(0) { $0 + $1.rowCount }
        var storage: [Double] = []
        storage.reserveCapacity(n * c)
        var text: [Int: [(row: Int, text: String)]] = [:]
        missingCounts = [Int](repeating: 0, count: c)
        firstMissing = [:]
        firstText = [:]
        firstNonFinite = [:]
        var rowOffset = 0
        for k in chunks.indices {
            let chunk = chunks[k]
            chunks[k].values = .zeros(0, 0)
            storage.append(contentsOf: chunk.values.storage)
            for (j, cells) in chunk.textCells {
                text[j, default: []].append(contentsOf: cells.map { (rowOffset + $0.row, $0.text) })
            }
            for j in 0..<c { missingCounts[j] += chunk.missingCounts[j] }
            firstMissing.merge(chunk.firstMissing) { old, _ in old }
            firstText.merge(chunk.firstText) { old, _ in old }
            firstNonFinite.merge(chunk.firstNonFinite) { old, _ in old }
            rowOffset += chunk.rowCount
        }
        chunks.removeAll()
        values = try Matrix(rows: n, columns: c, storage: storage)
        textColumns = [:]
        for (j, cells) in text {
            var column = [String?](repeating: nil, count: n)
            for i in 0..<n {
                let v = values[i, j]
                if !v.isNaN { column[i] = NumberFormatting.shortest(v) }
            }
            for (row, value) in cells { column[row] = value }
            textColumns[j] = column
        }
    }

    /// The index of the column called `name`, or a located error listing the columns.
    public func columnIndex(_ name: String) throws -> Int {
        guard let j = columnNames.firstIndex(of: name) else {
            throw DataError(.unknownColumn, file: source,
                            "no column named '\(name)'; the columns are \(columnNames.map { "'\($0)'" }.joined(separator: ", "))")
        }
        return j
    }

    /// The numeric matrix of the named columns, in that order; throws at the first text,
    /// missing or non-finite cell among them.
    public func numericColumns(_ names: [String]) throws -> Matrix {
        let indices = try names.map(columnIndex)
        try requireNumeric(indices)
        return values.selectingColumns(indices)
    }

    /// Throws the first text, missing or non-finite cell in `columns`, located in the file.
    public func requireNumeric(_ columns: [Int]) throws {
        let summary = CSVChunk(values: .zeros(0, columnCount), firstLine: 1, textCells: [:],
                               missingCounts: missingCounts, firstMissing: firstMissing,
                               firstText: firstText, firstNonFinite: firstNonFinite)
        try summary.requireNumeric(columns: columns, names: columnNames, file: source)
    }
}

/// Shortest round-trip text for numbers, with integral values written without a fraction.
public enum NumberFormatting {
    public static func shortest(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
