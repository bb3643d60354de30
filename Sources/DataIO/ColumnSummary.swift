/// One column's summary, as `lagrange describe` prints it.
public struct ColumnSummary: Sendable, Equatable {
    public enum Statistics: Sendable, Equatable {
        /// Over the non-missing cells; sd has denominator n − 1.
        case numeric(mean: Double, sd: Double, min: Double, max: Double)
        /// Distinct values with their counts, most frequent first (ties by label order).
        case text(classCounts: [(label: String, count: Int)])

        public static func == (a: Statistics, b: Statistics) -> Bool {
            switch (a, b) {
            case let (.numeric(m1, s1, lo1, hi1), .numeric(m2, s2, lo2, hi2)):
                return [m1, s1, lo1, hi1].elementsEqual([m2, s2, lo2, hi2]) { $0 == $1 || ($0.isNaN && $1.isNaN) }
            case let (.text(c1), .text(c2)):
                return c1.elementsEqual(c2) { $0.label == $1.label && $0.count == $1.count }
            default:
                return false
            }
        }
    }

    public var name: String
    /// Non-missing cells.
    public var count: Int
    public var missing: Int
    public var statistics: Statistics
}

extension CSVTable {
    /// Per-column summaries (two passes over the rows for an accurate sd).
    public func summaries() -> [ColumnSummary] {
        let moments = columnMoments()
        return columnNames.indices.map { j in
            let missing = missingCounts[j]
            let count = rowCount - missing
            if let text = textColumns[j] {
                var counts: [String: Int] = [:]
                for case let label? in text { counts[label, default: 0] += 1 }
                let order = LabelEncoding(fitting: Array(counts.keys)).classes
                let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
                let sorted = counts.sorted { $0.value != $1.value ? $0.value > $1.value : rank[$0.key]! < rank[$1.key]! }
                return ColumnSummary(name: columnNames[j], count: count, missing: missing,
                                     statistics: .text(classCounts: sorted.map { ($0.key, $0.value) }))
            }
            let (mean, lo, hi, squares) = moments[j]
            let sd = count > 1 ? (squares / Double(count - 1)).squareRoot() : .nan
            return ColumnSummary(name: columnNames[j], count: count, missing: missing,
                                 statistics: .numeric(mean: mean, sd: sd, min: count > 0 ? lo : .nan, max: count > 0 ? hi : .nan))
        }
    }

    /// Per column over the non-NaN cells: mean, min, max and Σ(x − mean)², reading the
    /// row-major values row by row (two passes).
    private func columnMoments() -> [(mean: Double, min: Double, max: Double, squares: Double)] {
        let c = columnCount
        let n = rowCount
        var sums = [Double](repeating: 0, count: c), counts = [Double](repeating: 0, count: c)
        var lows = [Double](repeating: .infinity, count: c), highs = [Double](repeating: -.infinity, count: c)
        var squares = [Double](repeating: 0, count: c)
        values.storage.withUnsafeBufferPointer { v in
            sums.withUnsafeMutableBufferPointer { sum in
                counts.withUnsafeMutableBufferPointer { count in
                    lows.withUnsafeMutableBufferPointer { low in
                        highs.withUnsafeMutableBufferPointer { high in
                            for i in 0..<n {
                                let row = i * c
                                for j in 0..<c {
                                    let x = v[row + j]
                                    if x.isNaN { continue }
                                    sum[j] += x
                                    count[j] += 1
                                    low[j] = Swift.min(low[j], x)
                                    high[j] = Swift.max(high[j], x)
                                }
                            }
                        }
                    }
                }
            }
        }
        let means = (0..<c).map { counts[$0] > 0 ? sums[$0] / counts[$0] : .nan }
        values.storage.withUnsafeBufferPointer { v in
            squares.withUnsafeMutableBufferPointer { square in
                means.withUnsafeBufferPointer { mean in
                    for i in 0..<n {
                        let row = i * c
                        for j in 0..<c {
                            let d = v[row + j] - mean[j]
                            if !d.isNaN { square[j] += d * d }
                        }
                    }
                }
            }
        }
        return (0..<c).map { (means[$0], lows[$0], highs[$0], squares[$0]) }
    }
}
