import LinearAlgebra
@testable import LinearModels
import Testing

/// `ConstantColumn.indices` (row-order passes) against its reference, the column-by-column loop
/// it replaced (kept below): the same columns on all rows and on a subset of rows, for columns
/// that are constant (0.1 repeated, whose mean is off by an ulp; all zeros; a large constant),
/// constant on the subset only, and varying by one part in 10¹⁰.
@Suite struct ConstantColumnTests {
    private static func reference(_ x: Matrix, rows: [Int]?) -> [Int] {
        let rows = rows ?? Array(0..<x.rows)
        guard !rows.isEmpty else { return [] }
        var constant: [Int] = []
        for j in 0..<x.columns {
            var sum = 0.0
            for i in rows { sum += x[i, j] }
            let mean = sum / Double(rows.count)
            var spread = 0.0
            for i in rows { spread = max(spread, abs(x[i, j] - mean)) }
            if ConstantColumn.isConstant(spread: spread, mean: mean) { constant.append(j) }
        }
        return constant
    }

    @Test func sameColumnsAsTheColumnWiseLoop() throws {
        let (n, p) = (37, 300)
        var generator = SeededGenerator(seed: 9)
        var storage = [Double](repeating: 0, count: n * p)
        for i in 0..<n {
            for j in 0..<p {
                let noise = Double(generator.next() % 1_000_000) / 1e6
                storage[i * p + j] = switch j % 6 {
                case 0: 0.1
                case 1: 0
                case 2: 3e150
                case 3: i % 2 == 0 ? 5 : noise          // constant on the even rows only
                case 4: 1 + (i == 7 ? 1e-10 : 0)
                default: noise
                }
            }
        }
        let x = try Matrix(rows: n, columns: p, storage: storage)
        let even = Array(stride(from: 0, to: n, by: 2))
        for rows in [nil, even, [3], []] as [[Int]?] {
            #expect(ConstantColumn.indices(in: x, rows: rows) == Self.reference(x, rows: rows))
        }
        #expect(ConstantColumn.indices(in: x).count == 3 * p / 6)
        #expect(ConstantColumn.indices(in: x, rows: even).count == 5 * p / 6)    // row 7, the one off 1, is odd
    }

    /// Columns at the edge of the test, where the one-pass range screen must leave the
    /// decision to the exact test: one row off by m ulps (m = 0 … 599) of values of every
    /// sign and magnitude, some with a NaN or an infinity, the same answer as the reference.
    @Test func rangeScreenAgreesAtTheThreshold() throws {
        let n = 25
        let magnitudes = [1.0, -3.7, 1e-200, 2.5e250, 0.1]
        let p = 600 * magnitudes.count + 3
        var storage = [Double](repeating: 0, count: n * p)
        for i in 0..<n {
            for (b, base) in magnitudes.enumerated() {
                for m in 0..<600 {
                    let off = i == 11 ? Double(m) * base.ulp * (m % 2 == 0 ? 1 : -1) : 0
                    storage[i * p + b * 600 + m] = base + off
                }
            }
            storage[i * p + p - 3] = i == 4 ? .nan : 2
            storage[i * p + p - 2] = i == 4 ? .infinity : 2
            storage[i * p + p - 1] = .infinity
        }
        let x = try Matrix(rows: n, columns: p, storage: storage)
        let found = ConstantColumn.indices(in: x)
        #expect(found == Self.reference(x, rows: nil))
        // Both sides of the threshold occur for every magnitude.
        for b in magnitudes.indices {
            let inBlock = found.filter { $0 / 600 == b && $0 < 600 * magnitudes.count }
            #expect(!inBlock.isEmpty && inBlock.count < 600, "magnitude \(magnitudes[b])")
        }
    }

    @Test func clearlyVaryingIsSafe() {
        // Just above the screen's bound it is varying; at a quarter of it the exact test must decide.
        #expect(ConstantColumn.isClearlyVarying(least: 1, largest: 1 + 300 * Double.ulpOfOne, count: 10))
        #expect(!ConstantColumn.isClearlyVarying(least: 1, largest: 1 + 64 * Double.ulpOfOne, count: 10))
        #expect(!ConstantColumn.isClearlyVarying(least: .infinity, largest: .infinity, count: 10))
    }
}
