import DataIO
import LinearAlgebra

/// Raw feature columns as a file gives them, before preprocessing: numbers (NaN where a cell
/// is missing) or text (nil where a cell is missing), in named columns of one length.
///
/// A column read from a CSV file is text when at least one of its cells is not a number; its
/// numeric cells are then written in shortest form (`1.0` → `"1"`), at fit and at predict
/// time alike, so one-hot levels match between the two.
public struct FeatureTable: Sendable, Equatable {
    /// One raw column.
    public enum Column: Sendable, Equatable {
        case numbers([Double])
        case text([String?])

        public var count: Int {
            switch self {
            case let .numbers(values): return values.count
            case let .text(values): return values.count
            }
        }

        /// Whether row `i` is missing.
        public func isMissing(_ i: Int) -> Bool {
            switch self {
            case let .numbers(values): return values[i].isNaN
            case let .text(values): return values[i] == nil
            }
        }

        /// Row `i` as text (numbers in shortest form), nil when missing.
        public func text(_ i: Int) -> String? {
            switch self {
            case let .numbers(values): return values[i].isNaN ? nil : NumberFormatting.shortest(values[i])
            case let .text(values): return values[i]
            }
        }
    }

    /// The file name used in error messages.
    public let source: String
    public let names: [String]
    public let columns: [Column]
    public let rowCount: Int

    public init(source: String, names: [String], columns: [Column]) throws {
        guard names.count == columns.count else {
            throw LagrangeError.shapeMismatch("\(names.count) column names for \(columns.count) columns")
        }
        guard Set(names).count == names.count else {
            throw LagrangeError.invalidData("\(source): duplicate column names among \(names.map { "'\($0)'" }.joined(separator: ", "))")
        }
        let rows = columns.first?.count ?? 0
        guard columns.allSatisfy({ $0.count == rows }) else {
            throw LagrangeError.shapeMismatch("\(source): the columns differ in length")
        }
        self.source = source
        self.names = names
        self.columns = columns
        rowCount = rows
    }

    /// The columns of a numeric matrix (n × p), NaN meaning missing.
    public init(_ x: Matrix, names: [String], source: String = "the data") throws {
        guard names.count == x.columns else {
            throw LagrangeError.shapeMismatch("\(source) has \(x.columns) columns; the model needs \(names.count) (\(names.joined(separator: ", ")))")
        }
        try self.init(source: source, names: names, columns: (0..<x.columns).map { .numbers(x.column($0)) })
    }

    /// The named columns of `table`, in that order. Infinite numbers are refused (located);
    /// text and missing cells are kept for the preprocessor to handle.
    public init(_ table: CSVTable, columns wanted: [String]) throws {
        var columns: [Column] = []
        for name in wanted {
            let j = try table.columnIndex(name)
            if let location = table.firstNonFinite[j] {
                throw DataError(.nonFinite, file: table.source, line: location.line, column: location.column,
                                "non-finite value in column '\(name)'; fix or remove it")
            }
            if table.firstText[j] != nil, let cells = table.textColumns[j] {
                columns.append(.text(cells))
            } else {
                columns.append(.numbers(table.values.column(j)))
            }
        }
        try self.init(source: table.source, names: wanted, columns: columns)
    }

    /// Whether column `j` holds text.
    public func isText(_ j: Int) -> Bool {
        if case .text = columns[j] { return true }
        return false
    }

    /// The rows of every column with no missing cell.
    public func completeRows() -> [Int] {
        (0..<rowCount).filter { i in !columns.contains { $0.isMissing(i) } }
    }

    /// The same columns at `rows` only.
    public func selectingRows(_ rows: [Int]) -> FeatureTable {
        let picked: [Column] = columns.map { column in
            switch column {
            case let .numbers(values): return .numbers(rows.map { values[$0] })
            case let .text(values): return .text(rows.map { values[$0] })
            }
        }
        // Same names and equal lengths: cannot fail.
        return try! FeatureTable(source: source, names: names, columns: picked)
    }
}
