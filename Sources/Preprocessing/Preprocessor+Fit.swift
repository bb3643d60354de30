import DataIO
import LinearAlgebra

extension PreprocessingParameters {
    /// Learns a preprocessor from the training columns of `table`.
    ///
    /// With `omit`, only the complete rows are learned from (the caller leaves the same rows
    /// out of the target); with `fail`, a missing cell throws. Fill values, levels and scaling
    /// are learned in that order, the scaling on the imputed and encoded training rows (as a
    /// scikit-learn `Pipeline` of imputer, encoder and scaler does).
    public func fit(_ table: FeatureTable) throws -> Preprocessor {
        try validate()
        guard !table.names.isEmpty else {
            throw LagrangeError.notEnoughSamples("\(table.source): no feature columns to preprocess")
        }
        let textColumns = table.names.indices.filter(table.isText).map { table.names[$0] }
        if encoding == .none, !textColumns.isEmpty {
            throw PreprocessingError.textColumns(textColumns, source: table.source)
        }
        let rows = missing == .omit ? table.completeRows() : Array(0..<table.rowCount)
        if missing == .fail, let (i, j) = Self.firstMissing(table) {
            throw PreprocessingError.missingValue(row: i, column: table.names[j], source: table.source)
        }
        guard rows.count >= 2 else {
            throw LagrangeError.notEnoughSamples("\(table.source): \(rows.count) complete row\(rows.count == 1 ? "" : "s") of \(table.rowCount); at least 2 are needed")
        }
        var inputs: [InputColumn] = []
        for (name, column) in zip(table.names, table.columns) {
            inputs.append(InputColumn(name: name, encoding: try learn(column, name: name, rows: rows, source: table.source)))
        }
        let unscaled = Preprocessor(inputs: inputs, missing: missing, unknownLevels: unknownLevels, scalingMethod: .none,
                                    standardDeviation: .population, scaling: nil)
        guard !unscaled.outputNames.isEmpty else {
            throw LagrangeError.notEnoughSamples("\(table.source): no feature columns are left after encoding (each text column has one level and the first level is dropped)")
        }
        guard scaling != .none else { return unscaled }
        let encoded = try unscaled.transform(table.selectingRows(rows)).features
        return Preprocessor(inputs: inputs, missing: missing, unknownLevels: unknownLevels, scalingMethod: scaling,
                            standardDeviation: standardDeviation, scaling: scalingMap(encoded))
    }

    /// The first missing cell, as (row, column), in reading order.
    static func firstMissing(_ table: FeatureTable) -> (Int, Int)? {
        for i in 0..<table.rowCount {
            if let j = table.columns.firstIndex(where: { $0.isMissing(i) }) { return (i, j) }
        }
        return nil
    }

    /// The encoding of one column, learned on `rows`.
    private func learn(_ column: FeatureTable.Column, name: String, rows: [Int], source: String) throws -> InputColumn.Encoding {
        switch column {
        case let .numbers(values):
            let present = rows.map { values[$0] }.filter { !$0.isNaN }
            guard missing.imputes else { return .numeric(fill: nil) }
            guard !present.isEmpty else {
                throw LagrangeError.invalidData("\(source): column '\(name)' has no values to learn a fill value from; leave it out with --drop \(name)")
            }
            switch missing {
            case .mean: return .numeric(fill: present.reduce(0, +) / Double(present.count))
            case .median: return .numeric(fill: Self.median(present))
            default: return .numeric(fill: Self.mostFrequent(present, before: <))
            }
        case let .text(cells):
            let present = rows.compactMap { cells[$0] }
            guard !present.isEmpty else {
                throw LagrangeError.invalidData("\(source): text column '\(name)' has no values to learn levels from; leave it out with --drop \(name)")
            }
            let levels = Array(Set(present)).sorted(by: Self.codePointOrder)
            guard case let .oneHot(dropFirst) = encoding else { preconditionFailure("text columns are refused without encoding") }
            let fill = missing.imputes ? Self.mostFrequent(present, before: Self.codePointOrder) : nil
            return .categorical(levels: levels, dropFirst: dropFirst, fill: fill)
        }
    }

    /// Center and scale per column of the encoded training rows `x`.
    private func scalingMap(_ x: Matrix) -> Standardization {
        var centers = [Double](repeating: 0, count: x.columns)
        var scales = [Double](repeating: 1, count: x.columns)
        switch scaling {
        case .none:
            break
        case .standard:
            centers = x.columnMeans()
            let sds = x.columnStandardDeviations(ddof: standardDeviation == .sample ? 1 : 0, means: centers)
            // A column constant in training keeps scale 1 (it becomes 0), as StandardScaler does.
            scales = sds.map { $0 > 0 && $0.isFinite ? $0 : 1 }
        case .minMax:
            for j in 0..<x.columns {
                let column = x.column(j)
                let low = column.min() ?? 0, high = column.max() ?? 0
                centers[j] = (high + low) / 2
                scales[j] = high > low ? (high - low) / 2 : 1
            }
        }
        return Standardization(means: centers, scales: scales)
    }

    /// The median (the mean of the middle two for an even count).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The most frequent value; among equally frequent ones, the first in `before` order.
    static func mostFrequent<T: Hashable>(_ values: [T], before: (T, T) -> Bool) -> T {
        var counts: [T: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return counts.max { a, b in a.value != b.value ? a.value < b.value : before(b.key, a.key) }!.key
    }

    /// Code-point (Unicode scalar) order, the order of levels and of their tie-breaks.
    static func codePointOrder(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }
}
