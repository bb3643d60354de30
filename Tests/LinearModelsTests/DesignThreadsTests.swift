import LinearAlgebra
@testable import LinearModels
import Testing

/// The design built on several threads (bands of columns) against the serial build: the same
/// bits in every stored quantity, unweighted and weighted, with and without intercept and
/// standardization, on a subset of rows, with constant columns; and the same error, naming
/// the same cell, for a non-finite value.
@Suite struct DesignThreadsTests {
    @Test(arguments: [(true, true), (true, false), (false, true), (false, false)])
    func bandsGiveTheSerialDesign(standardize: Bool, fitIntercept: Bool) throws {
        let (x, y) = try DesignTestData.data(n: 45, p: 203, seed: 3)
        let weights = (0..<45).map { Double($0 % 4 + 1) }
        let rows = Array(stride(from: 0, to: 45, by: 2))
        for threads in [2, 3, 8, 300] {
            let serial = try Design(x: x, y: y, standardize: standardize, fitIntercept: fitIntercept)
            let banded = try Design(x: x, y: y, standardize: standardize, fitIntercept: fitIntercept, threads: threads)
            #expect(DesignTestData.same(serial, banded), "unweighted, \(threads) threads")
            // Constant columns are excluded only when an intercept or standardization makes them degenerate.
            #expect(serial.constantColumns.count >= (standardize || fitIntercept ? 12 : 0))
            let weightedSerial = try Design(x: x, y: y, sampleWeights: weights, standardize: standardize, fitIntercept: fitIntercept)
            let weightedBanded = try Design(x: x, y: y, sampleWeights: weights, standardize: standardize, fitIntercept: fitIntercept,
                                            threads: threads)
            #expect(DesignTestData.same(weightedSerial, weightedBanded), "weighted, \(threads) threads")
            let subset = rows.map { y[$0] }
            let rowsSerial = try Design(x: x, y: subset, rows: rows, standardize: standardize, fitIntercept: fitIntercept)
            let rowsBanded = try Design(x: x, y: subset, rows: rows, standardize: standardize, fitIntercept: fitIntercept, threads: threads)
            #expect(DesignTestData.same(rowsSerial, rowsBanded), "rows, \(threads) threads")
        }
    }

    /// The first non-finite cell in reading order is named, whichever band finds one.
    @Test func nonFiniteCellIsNamedTheSameWay() throws {
        let (x0, y) = try DesignTestData.data(n: 20, p: 100, seed: 4)
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
