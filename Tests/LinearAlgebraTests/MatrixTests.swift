import Testing
import TestSupport
@testable import LinearAlgebra

@Suite struct MatrixConstructionTests {
    @Test func rowsAreStoredRowMajor() throws {
        let m = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(m.rows == 2 && m.columns == 3)
        #expect(m.storage == [1, 2, 3, 4, 5, 6])
        #expect(m[1, 0] == 4)
        #expect(m[0, 2] == 3)
        #expect(!m.isSquare)
    }

    @Test func columnsBuildTheSameMatrix() throws {
        let byColumns = try Matrix(columns: [[1, 4], [2, 5], [3, 6]])
        #expect(byColumns == (try Matrix(rows: [[1, 2, 3], [4, 5, 6]])))
    }

    @Test func zerosIdentityDiagonalAndRepeating() {
        #expect(Matrix.zeros(2, 3).storage == [0, 0, 0, 0, 0, 0])
        #expect(Matrix.zeros(2, 3).shape == (rows: 2, columns: 3))
        #expect(Matrix.identity(3).storage == [1, 0, 0, 0, 1, 0, 0, 0, 1])
        #expect(Matrix.diagonal([2, -1]).storage == [2, 0, 0, -1])
        #expect(Matrix(rows: 2, columns: 2, repeating: 7).storage == [7, 7, 7, 7])
        #expect(Matrix.identity(0).storage.isEmpty)
    }

    @Test func storageOfTheWrongSizeThrows() {
        #expect(throws: LagrangeError.self) { try Matrix(rows: 2, columns: 3, storage: [1, 2, 3, 4, 5]) }
        #expect(throws: LagrangeError.self) { try Matrix(rows: -1, columns: -1, storage: [1]) }
        // rows × columns overflows Int: an error, not an arithmetic-overflow trap.
        #expect(throws: LagrangeError.self) { try Matrix(rows: Int.max, columns: 2, storage: []) }
        #expect(throws: LagrangeError.shapeMismatch("5 elements cannot form a 2 × 3 matrix")) {
            try Matrix(rows: 2, columns: 3, storage: [1, 2, 3, 4, 5])
        }
    }

    @Test func raggedNestedRowsOrColumnsThrowNamingTheBadOne() {
        #expect(throws: LagrangeError.shapeMismatch("row 1 has 1 elements, expected 2")) {
            try Matrix(rows: [[1, 2], [3]])
        }
        #expect(throws: LagrangeError.shapeMismatch("column 2 has 3 elements, expected 2")) {
            try Matrix(columns: [[1, 2], [3, 4], [5, 6, 7]])
        }
    }

    @Test func emptyNestedRowsMakeAnEmptyMatrix() throws {
        let m = try Matrix(rows: [])
        #expect(m.rows == 0 && m.columns == 0)
    }
}

@Suite struct MatrixAccessTests {
    @Test func rowIsASliceOfStorageAndColumnIsACopy() throws {
        let m = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(Array(m.row(1)) == [4, 5, 6])
        #expect(m.column(2) == [3, 6])
        #expect(m.withRow(0) { Array($0) } == [1, 2, 3])
        #expect(m.nestedRows == [[1, 2, 3], [4, 5, 6]])
    }

    @Test func subscriptSetHasValueSemantics() throws {
        let original = try Matrix(rows: [[1, 2], [3, 4]])
        var copy = original
        copy[0, 1] = 9
        #expect(copy.storage == [1, 9, 3, 4])
        #expect(original.storage == [1, 2, 3, 4])
    }

    @Test func selectingRowsKeepsOrderAndRepeats() throws {
        let m = try Matrix(rows: [[1, 2], [3, 4], [5, 6]])
        #expect(m.selectingRows([2, 0, 2]).storage == [5, 6, 1, 2, 5, 6])
        #expect(m.selectingRows(1..<3).storage == [3, 4, 5, 6])
        let none = m.selectingRows([Int]())
        #expect(none.rows == 0 && none.columns == 2)
    }

    @Test func selectingColumnsKeepsOrderAndRepeats() throws {
        let m = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(m.selectingColumns([2, 0, 2]).storage == [3, 1, 3, 6, 4, 6])
        let none = m.selectingColumns([])
        #expect(none.rows == 2 && none.columns == 0)
    }
}

@Suite struct TransposeTests {
    @Test func smallNonSquare() throws {
        let m = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(m.transposed == (try Matrix(rows: [[1, 4], [2, 5], [3, 6]])))
    }

    /// 70 × 45 and 33 × 97 span several 32 × 32 tiles with ragged edges; a transpose only
    /// moves numbers, so the comparison with the naive loop is exact.
    @Test(arguments: [(70, 45), (33, 97), (1, 40), (64, 64)])
    func acrossTilesMatchesTheNaiveLoop(shape: (Int, Int)) {
        var rng = SplitMix64(seed: UInt64(shape.0 * 1000 + shape.1))
        let m = rng.matrix(shape.0, shape.1)
        let t = m.transposed
        #expect(t == Naive.transpose(m))
        #expect(t.transposed == m)
    }

    @Test func emptyTransposeSwapsTheShape() {
        let t = Matrix.zeros(0, 5).transposed
        #expect(t.rows == 5 && t.columns == 0)
    }
}

@Suite struct ColumnStatisticsTests {
    // Reference: x₁ = (1, 3, 5), x₂ = (2, 4, 9). Means 3 and 5; squared deviations 8 and 26,
    // so sd = √(8/2) = 2 and √(26/2) = √13 (ddof 1), √(8/3) and √(26/3) (ddof 0).
    // Tolerance: a few ulps, for one division and one square root.
    let x = try! Matrix(rows: [[1, 2], [3, 4], [5, 9]])

    @Test func meansAreTheClosedForm() {
        #expect(Approx.all(x.columnMeans(), [3, 5], relative: 4 * Double.ulpOfOne))
    }

    @Test func sampleStandardDeviations() {
        #expect(Approx.all(x.columnStandardDeviations(ddof: 1), [2, 13.0.squareRoot()], relative: 4 * Double.ulpOfOne))
    }

    @Test func populationStandardDeviations() {
        #expect(Approx.all(x.columnStandardDeviations(ddof: 0), [(8.0 / 3).squareRoot(), (26.0 / 3).squareRoot()],
                           relative: 4 * Double.ulpOfOne))
    }

    /// Offset 1e9: the one-pass formula E[x²] − E[x]² loses everything (x² ≈ 1e18 has an ulp of
    /// 128), the two-pass one keeps sd = 1 (for 1e9 + (1, 2, 3)) to about 1e-7.
    @Test func largeOffsetDoesNotCancelTheVariance() throws {
        let shifted = try Matrix(rows: [[1e9 + 1], [1e9 + 2], [1e9 + 3]])
        #expect(Approx.close(shifted.columnStandardDeviations(ddof: 1)[0], 1, relative: 1e-6))
    }

    @Test func tooFewRowsForTheDenominatorGiveNaN() throws {
        let one = try Matrix(rows: [[4, 5]])
        #expect(one.columnStandardDeviations(ddof: 1).allSatisfy { $0.isNaN })
        #expect(one.columnStandardDeviations(ddof: 0) == [0, 0])
        #expect(Matrix.zeros(0, 2).columnMeans() == [0, 0])
    }
}

@Suite struct StandardizationTests {
    /// After the map every column has mean 0 and population sd 1 (ddof 0, the default); the
    /// inverse gives back the data. Tolerance 1e-14: a handful of roundings on O(1) numbers.
    @Test func applyGivesZeroMeanUnitSdAndInvertRoundTrips() throws {
        var rng = SplitMix64(seed: 7)
        var x = rng.matrix(40, 5)
        for i in 0..<40 { x[i, 3] = 100 + 50 * x[i, 3] }
        let map = try Standardization(fitting: x)
        let z = try map.apply(to: x)
        #expect(z.columnMeans().allSatisfy { abs($0) < 1e-14 })
        #expect(Approx.all(z.columnStandardDeviations(ddof: 0), [1, 1, 1, 1, 1], relative: 1e-14))
        let back = try map.invert(z)
        #expect(Naive.maxDifference(back, x) <= 1e-12)
    }

    /// Columns (1, 3) and (10, 30): means 2 and 20, population sds √(2/2) = 1 and √(200/2) = 10,
    /// all exact in binary, so exact comparisons.
    @Test func centerAndScaleCanBeTurnedOff() throws {
        let x = try Matrix(rows: [[1, 10], [3, 30]])
        let noCenter = try Standardization(fitting: x, center: false)
        #expect(noCenter.means == [0, 0])
        #expect(noCenter.scales == [1, 10])
        let noScale = try Standardization(fitting: x, scale: false)
        #expect(noScale.means == [2, 20])
        #expect(noScale.scales == [1, 1])
    }

    @Test func wrongWidthIsAShapeError() throws {
        let map = Standardization(means: [0, 0], scales: [1, 1])
        #expect(throws: LagrangeError.self) { try map.apply(to: .zeros(2, 3)) }
        #expect(throws: LagrangeError.self) { try map.invert(.zeros(2, 1)) }
    }

    @Test func constantColumnIsAnErrorNamingIt() throws {
        let x = try Matrix(rows: [[1, 5], [2, 5], [3, 5]])
        #expect(throws: LagrangeError.invalidData(
            "column 'b' is constant, so it cannot be standardized; leave it out or turn standardization off")) {
            try Standardization(fitting: x, columnNames: ["a", "b"])
        }
    }

    /// A constant column whose computed mean is off by an ulp: seven copies of 0.1 have the
    /// mean 0.09999999999999999, so the two-pass sd is 1.4e-17, not 0. It is still a constant
    /// column and must be refused, not divided by 1e-17 (which turns it into ±1 noise).
    @Test(arguments: [0.1, 0.7, 1e-300, 123456.789])
    func constantColumnWithInexactMeanIsAnError(value: Double) throws {
        let x = try Matrix(rows: [[1, value], [2, value], [3, value], [4, value], [5, value], [6, value], [7, value]])
        #expect(throws: LagrangeError.self) { try Standardization(fitting: x) }
    }
}

/// Relative comparisons for the tests of this target.
enum Approx {
    static func close(_ a: Double, _ b: Double, relative: Double, absolute: Double = 0) -> Bool {
        abs(a - b) <= absolute + relative * max(abs(a), abs(b))
    }

    static func all(_ a: [Double], _ b: [Double], relative: Double, absolute: Double = 0) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { close($0, $1, relative: relative, absolute: absolute) }
    }
}
