import LinearAlgebra
import Dispatch
import Foundation

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

    /// Per column over the non-NaN cells: mean, min, max and Σ(x − mean)², in two passes
    /// over the row-major values (the second about the exact mean, for an accurate sd). Each
    /// pass splits the rows among the cores and adds up their partial sums.
    private func columnMoments() -> [(mean: Double, min: Double, max: Double, squares: Double)] {
        let c = columnCount
        let bands = RowBands(rows: rowCount)
        let cores = ExecutionContext.availableCores
        if bands.count < cores, c >= 64 * cores { return columnMomentsByColumnRanges(threads: cores) }
        var partial = [ColumnPartial](repeating: ColumnPartial(columns: c), count: bands.count)
        values.storage.withUnsafeBufferPointer { v in
            partial.withUnsafeMutableBufferPointer { out in
                bands.forEach { band, rows in out[band].addRange(v, rows: rows, columns: c) }
            }
        }
        let total = partial.dropFirst().reduce(into: partial[0]) { $0.merge($1) }
        let means = (0..<c).map { total.count[$0] > 0 ? total.sum[$0] / total.count[$0] : .nan }
        var squares = [[Double]](repeating: [Double](repeating: 0, count: c), count: bands.count)
        values.storage.withUnsafeBufferPointer { v in
            squares.withUnsafeMutableBufferPointer { out in
                bands.forEach { band, rows in
                    var sum = [Double](repeating: 0, count: c)
                    sum.withUnsafeMutableBufferPointer { sum in
                        means.withUnsafeBufferPointer { mean in
                            for i in rows {
                                let row = i * c
                                for j in 0..<c {
                                    let d = v[row + j] - mean[j]
                                    if !d.isNaN { sum[j] += d * d }
                                }
                            }
                        }
                    }
                    out[band] = sum
                }
            }
        }
        return (0..<c).map { j in (means[j], total.low[j], total.high[j], squares.reduce(0) { $0 + $1[j] }) }
    }
}

extension CSVTable {
    /// `columnMoments` for a wide table with too few rows to split (describe of a 500 × 10,000
    /// file ran its passes on one core): each thread takes a contiguous range of columns over
    /// all rows, both passes. Every column's sums run over the rows in the same order as with
    /// one row band, so the results are identical.
    fileprivate func columnMomentsByColumnRanges(threads: Int) -> [(mean: Double, min: Double, max: Double, squares: Double)] {
        let (n, c) = (rowCount, columnCount)
        let range = { (t: Int) in t * c / threads ..< (t + 1) * c / threads }
        var results = [(mean: Double, min: Double, max: Double, squares: Double)](repeating: (0, 0, 0, 0), count: c)
        values.storage.withUnsafeBufferPointer { v in
            results.withUnsafeMutableBufferPointer { out in
                // Thread t writes only out[range(t)].
                Parallel.forEach(threads, threads: threads) { t in
                    let columns = range(t)
                    var partial = ColumnPartial(columns: columns.count)
                    partial.addRange(v, rows: 0..<n, columns: c, within: columns)
                    let means = (0..<columns.count).map { partial.count[$0] > 0 ? partial.sum[$0] / partial.count[$0] : .nan }
                    var squares = [Double](repeating: 0, count: columns.count)
                    squares.withUnsafeMutableBufferPointer { squares in
                        means.withUnsafeBufferPointer { mean in
                            for i in 0..<n {
                                let row = i * c + columns.lowerBound
                                for k in 0..<columns.count {
                                    let d = v[row + k] - mean[k]
                                    if !d.isNaN { squares[k] += d * d }
                                }
                            }
                        }
                    }
                    for k in 0..<columns.count {
                        out[columns.lowerBound + k] = (means[k], partial.low[k], partial.high[k], squares[k])
                    }
                }
            }
        }
        return results
    }
}

/// The rows cut into one contiguous band per core, for passes whose partial results add up.
struct RowBands {
    let rows: Int
    let count: Int

    init(rows: Int) {
        self.rows = rows
        count = max(1, min(ExecutionContext.availableCores, rows / 4096))
    }

    /// Calls `body(band, rowRange)` for every band, concurrently when there are several.
    func forEach(_ body: (Int, Range<Int>) -> Void) {
        let range = { (band: Int) in band * rows / count ..< (band + 1) * rows / count }
        // Band b owns its own rows.
        Parallel.forEach(count, threads: count) { body($0, range($0)) }
    }
}

/// One band's per-column count, sum, min and max of the non-NaN cells.
private struct ColumnPartial {
    var sum: [Double], count: [Double], low: [Double], high: [Double]

    init(columns: Int) {
        sum = [Double](repeating: 0, count: columns)
        count = sum
        low = [Double](repeating: .infinity, count: columns)
        high = [Double](repeating: -.infinity, count: columns)
    }

    mutating func addRange(_ v: UnsafeBufferPointer<Double>, rows: Range<Int>, columns c: Int) {
        addRange(v, rows: rows, columns: c, within: 0..<c)
    }

    /// Adds the cells of columns `within` (a range of the c columns; partial index k is column
    /// within.lowerBound + k) over `rows`.
    mutating func addRange(_ v: UnsafeBufferPointer<Double>, rows: Range<Int>, columns c: Int, within: Range<Int>) {
        let width = within.count
        sum.withUnsafeMutableBufferPointer { sum in
            count.withUnsafeMutableBufferPointer { count in
                low.withUnsafeMutableBufferPointer { low in
                    high.withUnsafeMutableBufferPointer { high in
                        for i in rows {
                            let row = i * c + within.lowerBound
                            for j in 0..<width {
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

    mutating func merge(_ other: ColumnPartial) {
        for j in sum.indices {
            sum[j] += other.sum[j]
            count[j] += other.count[j]
            low[j] = Swift.min(low[j], other.low[j])
            high[j] = Swift.max(high[j], other.high[j])
        }
    }
}
