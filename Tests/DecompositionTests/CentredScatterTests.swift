@testable import Decomposition
import LinearAlgebra
import Testing
import TestSupport

/// The in-memory scatter picks the uncentred product only when no column has a large offset,
/// and is exact to rounding either way (reference: the exact integer covariance of
/// `LargeOffsetTests`, data aᵢⱼ/16 + offsetⱼ).
@Suite struct CentredScatterTests {
    static func data(offsets: [Double]) throws -> (x: Matrix, exact: Matrix) {
        let a = LargeOffsetTests.integers()
        let x = try Matrix(rows: a.map { row in row.enumerated().map { offsets[$0.offset] + Double($0.element) / 16 } })
        return (x, LargeOffsetTests.exactCovariance(a))
    }

    /// Offsets well inside one standard deviation (sd ≈ 0.58 and 1.7): one `dsyrk` on X.
    /// Rounding ≤ (1 + 1)² times the centred route's, so 1e-13 relative as in LargeOffsetTests.
    @Test func smallOffsetsUseTheUncentredProduct() throws {
        let (x, exact) = try Self.data(offsets: [0.1, -0.5, 0, 0.2])
        let (_, scatter, method) = try CentredScatter.compute(x, threads: 2)
        #expect(method == .uncentredProduct)
        let sigma = scatter.storage.map { $0 / Double(x.rows - 1) }
        #expect(Approximate.maxAbsoluteDifference(sigma, exact.storage) <= 1e-13 * exact.storage.map(abs).max()!)
    }

    /// One column with a mean of 3 standard deviations is enough for the two-pass route.
    @Test func largeOffsetsUseTwoPasses() throws {
        let (x, exact) = try Self.data(offsets: [0, 0, 0, 1.8])
        let (_, scatter, method) = try CentredScatter.compute(x, threads: 2)
        #expect(method == .twoPass)
        let sigma = scatter.storage.map { $0 / Double(x.rows - 1) }
        #expect(Approximate.maxAbsoluteDifference(sigma, exact.storage) <= 1e-13 * exact.storage.map(abs).max()!)
    }
}
