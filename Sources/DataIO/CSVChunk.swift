import LinearAlgebra

/// Where a cell is: its 1-based physical line and 1-based field number, with its text when
/// that helps an error message.
public struct CellLocation: Equatable, Sendable {
    public var line: Int
    public var column: Int
    public var text: String?

    /// Throws the earliest text, missing or non-finite cell among `columns`, given the first
    /// location of each kind per column (what chunks and tables keep). `remedy` ends the
    /// message (nil: leave the column out with --drop, which fit and path commands have).
    static func requireNumeric(columns: [Int], names: [String], file: String, firstText: [Int: CellLocation],
                               firstMissing: [Int: CellLocation], firstNonFinite: [Int: CellLocation],
                               remedy: String? = nil) throws {
        var worst: (CellLocation, String, DataError.Kind)?
        func consider(_ location: CellLocation?, _ what: String, _ kind: DataError.Kind) {
            guard let location else { return }
            if worst == nil || (location.line, location.column) < (worst!.0.line, worst!.0.column) {
                worst = (location, what, kind)
            }
        }
        for j in columns {
            consider(firstText[j], "non-numeric value", .nonNumeric)
            consider(firstMissing[j], "missing value", .missingValue)
            consider(firstNonFinite[j], "non-finite value", .nonFinite)
        }
        guard let (location, what, kind) = worst else { return }
        let name = names[location.column - 1]
        let shown = location.text.map { " '\($0.prefix(40))'" } ?? ""
        throw DataError(kind, file: file, line: location.line, column: location.column,
                        "\(what)\(shown) in column '\(name)', which must be numeric; "
                            + (remedy ?? "fix or remove it, or leave the column '\(name)' out (drop it)"))
    }
}

/// A block of consecutive data rows, as the streaming reader hands them out.
///
/// `values` is rows × columns, row-major, with NaN wherever a cell is missing or not a number.
/// The cells that were text, and the first missing / non-finite cell of each column, are kept
/// so that a consumer can refuse them with a precise location.
public struct CSVChunk: Sendable {
    public var values: Matrix
    /// The physical line of the chunk's first row.
    public var firstLine: Int
    /// Text cells by column: (row within the chunk, text).
    public var textCells: [Int: [(row: Int, text: String)]]
    /// Missing cells per column.
    public var missingCounts: [Int]
    public var firstMissing: [Int: CellLocation]
    public var firstText: [Int: CellLocation]
    public var firstNonFinite: [Int: CellLocation]
    /// The input bytes the chunk's rows took.
    public var byteCount = 0
    /// The header's column names, so a streaming consumer can choose its columns by name when
    /// the first chunk arrives.
    public var columnNames: [String] = []

    public var rowCount: Int { values.rows }

    /// Throws the first problem (text, missing or non-finite cell) in `columns`, located in
    /// the file; `names` gives the column names for the message.
    public func requireNumeric(columns: [Int], names: [String], file: String) throws {
        try CellLocation.requireNumeric(columns: columns, names: names, file: file, firstText: firstText,
                                        firstMissing: firstMissing, firstNonFinite: firstNonFinite)
    }
}
