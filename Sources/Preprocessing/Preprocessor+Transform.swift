import DataIO
import LinearAlgebra

/// The rows a preprocessor produced: the encoded, scaled features of the rows it kept, and
/// which rows of the input those are (every row, unless `omit` left some out).
public struct PreprocessedRows: Sendable {
    /// kept × outputNames.count.
    public let features: Matrix
    /// Input row of each output row, ascending.
    public let keptRows: [Int]
    /// Input rows left out (a missing cell under `omit`), ascending.
    public let omittedRows: [Int]
}

extension Preprocessor {
    /// Applies the fitted stage to the rows of `table`, which needs every input column by name
    /// (other columns are ignored). A missing cell is filled, or leaves its row out under
    /// `omit`, or throws under `fail`; an unseen level throws or encodes as zeros.
    public func transform(_ table: FeatureTable) throws -> PreprocessedRows {
        let columns = try inputs.map { input -> FeatureTable.Column in
            guard let j = table.names.firstIndex(of: input.name) else {
                throw LagrangeError.invalidData("\(table.source): column '\(input.name)', an input of the model, is missing; the data must have every training feature column")
            }
            return table.columns[j]
        }
        let encoders = try zip(inputs, columns).map { try ColumnEncoder($0, $1, unknownLevels: unknownLevels, source: table.source) }
        let width = encoders.reduce(0) { $0 + $1.width }
        var storage: [Double] = []
        storage.reserveCapacity(table.rowCount * width)
        var kept: [Int] = [], omitted: [Int] = []
        var row = [Double](repeating: 0, count: width)
        rows: for i in 0..<table.rowCount {
            var offset = 0
            for encoder in encoders {
                guard try encoder.write(row: i, into: &row, at: offset, missing: missing) else {
                    omitted.append(i)
                    continue rows
                }
                offset += encoder.width
            }
            if let scaling {
                for j in 0..<width { row[j] = (row[j] - scaling.means[j]) / scaling.scales[j] }
            }
            storage.append(contentsOf: row)
            kept.append(i)
        }
        return PreprocessedRows(features: try Matrix(rows: kept.count, columns: width, storage: storage),
                                keptRows: kept, omittedRows: omitted)
    }
}

/// Writes one input column's share of an output row.
private struct ColumnEncoder {
    let input: InputColumn
    let column: FeatureTable.Column
    let unknownLevels: UnknownLevelPolicy
    let source: String
    /// Level → output offset (nil for the dropped first level); categorical columns only.
    let positions: [String: Int?]
    let width: Int

    init(_ input: InputColumn, _ column: FeatureTable.Column, unknownLevels: UnknownLevelPolicy, source: String) throws {
        self.input = input
        self.column = column
        self.unknownLevels = unknownLevels
        self.source = source
        switch input.encoding {
        case .numeric:
            positions = [:]
            width = 1
        case let .categorical(levels, dropFirst, _):
            var map: [String: Int?] = [:]
            for (k, level) in levels.enumerated() { map[level] = dropFirst ? (k == 0 ? nil : k - 1) : k }
            positions = map
            width = levels.count - (dropFirst ? 1 : 0)
        }
    }

    /// Writes row `i` at `row[offset..<offset + width]`; false when the row is to be left out.
    func write(row i: Int, into row: inout [Double], at offset: Int, missing: MissingValueStrategy) throws -> Bool {
        switch input.encoding {
        case let .numeric(fill):
            var value: Double
            switch column {
            case let .numbers(values):
                value = values[i]
            case let .text(cells):
                if let text = cells[i] {
                    guard let number = Double(text), number.isFinite else {
                        throw PreprocessingError.nonNumeric(row: i, column: input.name, value: text, source: source)
                    }
                    value = number
                } else {
                    value = .nan
                }
            }
            if value.isNaN {
                guard let fill else { return try missingCell(i, missing) }
                value = fill
            }
            row[offset] = value
        case let .categorical(levels, _, fill):
            guard let level = column.text(i) ?? fill else { return try missingCell(i, missing) }
            for k in 0..<width { row[offset + k] = 0 }
            guard let position = positions[level] else {
                if unknownLevels == .ignore { return true }
                throw PreprocessingError.unknownLevel(row: i, column: input.name, value: level, levels: levels, source: source)
            }
            if let position { row[offset + position] = 1 }
        }
        return true
    }

    private func missingCell(_ i: Int, _ missing: MissingValueStrategy) throws -> Bool {
        guard missing == .omit else {
            throw PreprocessingError.missingValue(row: i, column: input.name, source: source)
        }
        return false
    }
}
