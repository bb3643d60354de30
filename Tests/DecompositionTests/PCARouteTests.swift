import Decomposition
import LinearAlgebra
import Testing
import TestSupport
import Statistics

/// The routes and solvers agree with each other on one problem.
@Suite struct PCARouteTests {
    /// Two backward-stable factorizations of the same data agree to ~ε·λ₁/gap in the
    /// directions; the synthetic spectra here have relative gaps ≥ 1e-3, so 1e-8.
    static let agreement = 1e-8

    func expectSame(_ a: PCAModel, _ b: PCAModel, components k: Int, sameCount: Bool = true) {
        for c in 0..<k {
            #expect(Approximate.close(a.explainedVariance[c], b.explainedVariance[c], relative: Self.agreement), "λ\(c + 1)")
            // Both sides apply the same sign rule, so the directions agree without a sign flip.
            #expect(Approximate.maxAbsoluteDifference(Array(a.components.row(c)), Array(b.components.row(c))) <= Self.agreement,
                    "v\(c + 1)")
        }
        if sameCount { #expect(Approximate.close(a.noiseVariance, b.noiseVariance, relative: Self.agreement)) }
        // Means from different summation orders agree to a few ulps of the largest |mean|.
        let scale = max(1, a.mean.map(abs).max() ?? 0)
        #expect(Approximate.maxAbsoluteDifference(a.mean, b.mean) <= 16 * Double.ulpOfOne * scale)
    }

    /// Wide data (n < p): the automatic route is the SVD; the covariance route on the same
    /// problem gives the same leading components.
    @Test func wideSVDMatchesCovarianceRoute() throws {
        let x = PCATestData.correlated(rows: 30, columns: 80)
        let wide = try PCAParameters(components: .count(8)).fit(x)
        let tall = try PCAParameters(components: .count(8), route: .covariance).fit(x)
        #expect(wide.route == .singularValues && wide.solver == "dgesdd")
        #expect(tall.route == .covariance)
        expectSame(wide, tall, components: 8)
        #expect(wide.certificate.relativeEigenResidual <= 1e-12)
    }

    /// Tall data: forcing the SVD gives what the covariance route gives.
    @Test func tallCovarianceMatchesSVD() throws {
        let x = PCATestData.correlated(rows: 500, columns: 12)
        let tall = try PCAParameters(components: .count(5)).fit(x)
        let svd = try PCAParameters(components: .count(5), route: .singularValues).fit(x)
        #expect(tall.route == .covariance)
        expectSame(tall, svd, components: 5)
    }

    /// `dsyevr` (top k only) and `dsyevd` (all) give the same top k.
    @Test func topKSolverMatchesFullSolver() throws {
        let x = PCATestData.correlated(rows: 400, columns: 30)
        let top = try PCAParameters(components: .count(4)).fit(x)
        let all = try PCAParameters().fit(x)
        #expect(top.solver == "dsyevr" && all.solver == "dsyevd")
        expectSame(top, all, components: 4, sameCount: false)
        #expect(Approximate.close(top.noiseVariance, (all.spectrum![4...].reduce(0, +)) / 26, relative: 1e-10))
    }

    /// Streaming: rows added in blocks of any size give the model of the whole matrix.
    @Test(arguments: [1, 7, 64, 999])
    func streamedBlocksMatchWholeMatrix(blockRows: Int) throws {
        let x = PCATestData.correlated(rows: 999, columns: 9, offsets: [1e3, 0, -5, 0, 0, 2e4, 0, 0, 1])
        let whole = try PCAParameters().fit(x)
        var moments = CovarianceAccumulator(featureCount: 9)
        var start = 0
        while start < x.rows {
            let end = min(start + blockRows, x.rows)
            try moments.add(x.selectingRows(start..<end))
            start = end
        }
        #expect(moments.count == 999)
        let streamed = try PCAParameters().fit(moments)
        expectSame(streamed, whole, components: 9)
    }

    /// Streaming a wide file keeps its rows (n ≤ p), so it also takes the SVD route.
    @Test func streamedWideDataTakesSVDRoute() throws {
        let x = PCATestData.correlated(rows: 20, columns: 50)
        var moments = CovarianceAccumulator(featureCount: 50)
        try moments.add(x.selectingRows(0..<11))
        try moments.add(x.selectingRows(11..<20))
        let streamed = try PCAParameters(components: .count(5)).fit(moments)
        let whole = try PCAParameters(components: .count(5)).fit(x)
        #expect(streamed.route == .singularValues)
        expectSame(streamed, whole, components: 5)
    }

    /// Rows read in place from a wider buffer (stride 5, features 4, 1 and 2) give what the
    /// same columns selected from a matrix give, bit for bit; a buffer too short, or a column
    /// outside the stride, is refused.
    @Test func rowsInPlaceMatchSelectedColumns() throws {
        let x = PCATestData.correlated(rows: 40, columns: 5)
        var fromMatrix = CovarianceAccumulator(featureCount: 3)
        try fromMatrix.add(x, columns: [4, 1, 2])
        var inPlace = CovarianceAccumulator(featureCount: 3)
        try x.storage.withUnsafeBufferPointer { try inPlace.add(rows: $0, rowCount: 40, stride: 5, columns: [4, 1, 2]) }
        #expect(inPlace.scatter == fromMatrix.scatter)
        #expect(inPlace.mean == fromMatrix.mean)
        x.storage.withUnsafeBufferPointer { buffer in
            #expect(throws: (any Error).self) { try inPlace.add(rows: buffer, rowCount: 41, stride: 5, columns: [4, 1, 2]) }
            #expect(throws: (any Error).self) { try inPlace.add(rows: buffer, rowCount: 40, stride: 5, columns: [5, 1, 2]) }
        }
    }

    /// The accumulator stops keeping rows once there are more than p of them.
    @Test func accumulatorDropsRowsPastP() throws {
        var moments = CovarianceAccumulator(featureCount: 3)
        try moments.add(PCATestData.correlated(rows: 3, columns: 3))
        #expect(moments.retainedRows?.rows == 3)
        try moments.add(PCATestData.correlated(rows: 1, columns: 3))
        #expect(moments.retainedRows == nil)
    }
}
