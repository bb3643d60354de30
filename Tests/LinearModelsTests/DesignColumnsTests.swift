import LinearAlgebra
@testable import LinearModels
import Testing

/// The design built from features stored column by column (`Design(columns:)`, whose storage it
/// takes over) against the design from the row-major matrix: the same bits in every stored
/// quantity (invariant: the column route only changes where the numbers come from), the same
/// errors naming the same cell, and the same path.
@Suite struct DesignColumnsTests {
    @Test(arguments: [(true, true), (true, false), (false, true), (false, false)])
    func columnsGiveTheRowMajorDesign(standardize: Bool, fitIntercept: Bool) throws {
        let (x, y) = try DesignTestData.data(n: 45, p: 203, seed: 5)
        let weights = (0..<45).map { Double($0 % 4 + 1) }
        for threads in [1, 2, 3] {
            let rowMajor = try Design(x: x, y: y, standardize: standardize, fitIntercept: fitIntercept, threads: threads)
            let columns = try Design(columns: x.transposed, y: y, standardize: standardize, fitIntercept: fitIntercept, threads: threads)
            #expect(DesignTestData.same(rowMajor, columns), "unweighted, \(threads) threads")
            let weightedRows = try Design(x: x, y: y, sampleWeights: weights, standardize: standardize, fitIntercept: fitIntercept,
                                          threads: threads)
            let weightedColumns = try Design(columns: x.transposed, y: y, sampleWeights: weights, standardize: standardize,
                                             fitIntercept: fitIntercept, threads: threads)
            #expect(DesignTestData.same(weightedRows, weightedColumns), "weighted, \(threads) threads")
        }
    }

    /// The storage handed over is the design's: no copy is made of a uniquely referenced matrix.
    @Test func handedOverStorageBecomesTheDesign() throws {
        let (x, y) = try DesignTestData.data(n: 30, p: 50, seed: 6)
        let columns = x.transposed
        let address = columns.storage.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        let design = try Design(columns: consume columns, y: y, standardize: true, fitIntercept: true)
        #expect(design.columns.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } == address)
    }

    /// The same messages as the row-major route, in the same order: the first non-finite cell in
    /// reading order before anything wrong with the target or the weights.
    @Test func errorsAreThoseOfTheRowMajorRoute() throws {
        let (x0, y) = try DesignTestData.data(n: 20, p: 100, seed: 4)
        func message(_ body: () throws -> Design) -> String {
            do { _ = try body(); return "" } catch { return "\(error)" }
        }
        for cells in [[(7, 90, Double.nan), (9, 2, Double.infinity)], [(3, 5, -Double.infinity)], [(0, 99, Double.nan), (0, 4, Double.nan)]] {
            var x = x0
            for (i, j, value) in cells { x[i, j] = value }
            for threads in [1, 2, 4] {
                let expected = message { try Design(x: x, y: y, standardize: true, fitIntercept: true) }
                #expect(!expected.isEmpty)
                #expect(message { try Design(columns: x.transposed, y: y, standardize: true, fitIntercept: true, threads: threads) } == expected)
                let constant = [Double](repeating: 2, count: 20)
                #expect(message { try Design(columns: x.transposed, y: constant, standardize: true, fitIntercept: true) } == expected)
                let badWeights = [Double](repeating: -1, count: 20)
                #expect(message { try Design(columns: x.transposed, y: y, sampleWeights: badWeights, standardize: true, fitIntercept: true) }
                        == expected)
            }
        }
        // Finite values whose sum overflows are not mistaken for non-finite ones.
        var huge = x0
        for i in 0..<20 { huge[i, 10] = (i % 2 == 0 ? 1 : 0.9) * 1.7e308 }
        #expect(message { try Design(columns: huge.transposed, y: y, standardize: true, fitIntercept: true) }
                == message { try Design(x: huge, y: y, standardize: true, fitIntercept: true) })
        let constant = [Double](repeating: 2, count: 20)
        #expect(message { try Design(columns: x0.transposed, y: constant, standardize: true, fitIntercept: true) }
                == message { try Design(x: x0, y: constant, standardize: true, fitIntercept: true) })
        #expect(message { try Design(columns: x0.transposed, y: [1, 2], standardize: true, fitIntercept: true) }
                == message { try Design(x: x0, y: [1, 2], standardize: true, fitIntercept: true) })
    }

    /// The elastic-net path from columns is the path from rows, coefficient for coefficient.
    @Test func pathFromColumnsIsThePathFromRows() throws {
        let (x, y) = try DesignTestData.data(n: 40, p: 120, seed: 7)
        let parameters = try ElasticNetParameters(l1Ratio: 0.8, tolerance: 1e-6)
        let rows = try ElasticNetPath.fit(x: x, y: y, parameters: parameters, lambdas: .automatic(count: 20))
        let columns = try ElasticNetPath.fit(columns: x.transposed, y: y, parameters: parameters, lambdas: .automatic(count: 20))
        #expect(rows.lambdas.map(\.bitPattern) == columns.lambdas.map(\.bitPattern))
        #expect(rows.coefficients.map { $0.map(\.bitPattern) } == columns.coefficients.map { $0.map(\.bitPattern) })
        #expect(rows.intercepts.map(\.bitPattern) == columns.intercepts.map(\.bitPattern))
    }

    /// `ConstantColumn.indices(inColumns:)` finds the columns `indices(in:)` finds.
    @Test func constantColumnsOfColumnsAreThoseOfRows() throws {
        var (x, _) = try DesignTestData.data(n: 33, p: 90, seed: 8)
        for i in 0..<33 { x[i, 40] = 1e-300; x[i, 41] = -7 }
        let expected = ConstantColumn.indices(in: x)
        #expect(expected.contains(40) && expected.contains(41) && expected.contains(3))
        #expect(ConstantColumn.indices(inColumns: x.transposed) == expected)
    }
}
