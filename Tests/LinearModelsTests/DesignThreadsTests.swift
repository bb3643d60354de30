import LinearAlgebra
@testable import LinearModels
import Testing

/// The design built on several threads (bands of columns) against the serial build: the same
/// bits in every stored quantity, unweighted and weighted, with and without intercept and
/// standardization, on a subset of rows, with constant columns; and the same error, naming
/// the same cell, for a non-finite value.
@Suite struct DesignThreadsTests {
    private static func data(n: Int, p: Int, seed: UInt64) throws -> (Matrix, [Double]) {
        var generator = SeededGenerator(seed: seed)
        var storage = [Double](repeating: 0, count: n * p)
        for i in 0..<n {
            for j in 0..<p {
                let u = Double(generator.next() % 1_000_003) / 1e6 - 0.5
                storage[i * p + j] = j % 17 == 3 ? 0.1 : (j % 29 == 5 ? 1e-170 * u : u * Double(j % 7 + 1))
            }
        }
        let y = (0..<n).map { i in storage[i * p] - 2 * storage[i * p + 1] + Double(i % 5) }
        return (try Matrix(rows: n, columns: p, storage: storage), y)
    }

    private static func same(_ a: Design, _ b: Design) -> Bool {
        a.columns.map(\.bitPattern) == b.columns.map(\.bitPattern) && a.means.map(\.bitPattern) == b.means.map(\.bitPattern)
            && a.scales.map(\.bitPattern) == b.scales.map(\.bitPattern)
            && a.meanSquares.map(\.bitPattern) == b.meanSquares.map(\.bitPattern)
            && a.constantColumns == b.constantColumns && a.response.map(\.bitPattern) == b.response.map(\.bitPattern)
    }

    @Test(arguments: [(true, true), (true, false), (false, true), (false, false)])
    func bandsGiveTheSerialDesign(standardize: Bool, fitIntercept: Bool) throws {
        let (x, y) = try Self.data(n: 45, p: 203, seed: 3)
        let weights = (0..<45).map { Double($0 % 4 + 1) }
        let rows = Array(stride(from: 0, to: 45, by: 2))
        for threads in [2, 3, 8, 300] {
            let serial = try Design(x: x, y: y, standardize: standardize, fitIntercept: fitIntercept)
            let banded = try Design(x: x, y: y, standardize: standardize, fitIntercept: fitIntercept, threads: threads)
            #expect(Self.same(serial, banded), "unweighted, \(threads) threads")
            // Constant columns are excluded only when an intercept or standardization makes them degenerate.
            #expect(serial.constantColumns.count >= (standardize || fitIntercept ? 12 : 0))
            let weightedSerial = try Design(x: x, y: y, sampleWeights: weights, standardize: standardize, fitIntercept: fitIntercept)
            let weightedBanded = try Design(x: x, y: y, sampleWeights: weights, standardize: standardize, fitIntercept: fitIntercept,
                                            threads: threads)
            #expect(Self.same(weightedSerial, weightedBanded), "weighted, \(threads) threads")
            let subset = rows.map { y[$0] }
            let rowsSerial = try Design(x: x, y: subset, rows: rows, standardize: standardize, fitIntercept: fitIntercept)
            let rowsBanded = try Design(x: x, y: subset, rows: rows, standardize: standardize, fitIntercept: fitIntercept, threads: threads)
            #expect(Self.same(rowsSerial, rowsBanded), "rows, \(threads) threads")
        }
    }

    /// The first non-finite cell in reading order is named, whichever band finds one.
    @Test func nonFiniteCellIsNamedTheSameWay() throws {
        let (x0, y) = try Self.data(n: 20, p: 100, seed: 4)
        for (cells, expected) in [([(7, 90, Double.nan), (9, 2, Double.infinity)], "feature 91 on data row 8"),
                                  ([(3, 5, -Double.infinity)], "feature 6 on data row 4")] {
            var x = x0
            for (i, j, value) in cells { x[i, j] = value }
            for threads in [1, 2, 4] {
                #expect {
                    _ = try Design(x: x, y: y, standardize: true, fitIntercept: true, threads: threads)
                } throws: { error in "\(error)".contains(expected) }
            }
        }
    }

    @Test func bandsCoverTheColumnsOnce() {
        for p in [1, 2, 31, 32, 33, 100, 10_000] {
            for threads in [1, 2, 3, 7] {
                for multiple in [1, 32] {
                    let bands = Design.columnBands(p, threads: threads, multiple: multiple)
                    #expect(bands.flatMap { Array($0) } == Array(0..<p), "p \(p), \(threads) threads, multiple \(multiple)")
                    #expect(bands.dropLast().allSatisfy { $0.count % multiple == 0 })
                }
            }
        }
    }
}
