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
    /// Per-column summaries (two passes over each numeric column for an accurate sd).
    public func summaries() -> [ColumnSummary] {
        columnNames.indices.map { j in
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
            var sum = 0.0, lo = Double.infinity, hi = -Double.infinity
            values.storage.withUnsafeBufferPointer { v in
                var i = j
                while i < v.count {
                    let x = v[i]
                    if !x.isNaN { sum += x; lo = Swift.min(lo, x); hi = Swift.max(hi, x) }
                    i += columnCount
                }
            }
            let mean = count > 0 ? sum / Double(count) : .nan
            var squares = 0.0
            values.storage.withUnsafeBufferPointer { v in
                var i = j
                while i < v.count {
                    let x = v[i]
                    if !x.isNaN { squares += (x - mean) * (x - mean) }
                    i += columnCount
                }
            }
            let sd = count > 1 ? (squares / Double(count - 1)).squareRoot() : .nan
            return ColumnSummary(name: columnNames[j], count: count, missing: missing,
                                 statistics: .numeric(mean: mean, sd: sd, min: count > 0 ? lo : .nan, max: count > 0 ? hi : .nan))
        }
    }
}
