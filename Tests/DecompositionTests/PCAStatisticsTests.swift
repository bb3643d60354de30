import Decomposition
import LinearAlgebra
import Statistics
import Testing
import TestSupport

/// PCA from merged sufficient statistics is PCA from the rows (covariance route): the same
/// explained variances to 1e-10 relative, the same sign-fixed directions, a converged certificate.
@Suite struct PCAStatisticsTests {
    static func data() throws -> Matrix {
        var generator = SplitMix64(seed: 8)
        func uniform() -> Double { Double(generator.next() >> 11) / Double(1 << 53) - 0.5 }
        return try Matrix(rows: (0..<700).map { _ in
            let a = uniform(), b = uniform()
            return [1e7 + a, 3 * a - b + uniform() * 0.1, b, 5 + uniform(), -2e3 + a + b + 0.2 * uniform()]
        })
    }

    static func statistics(_ x: Matrix, parts: Int) throws -> SufficientStatistics {
        let names = (1...x.columns).map { "c\($0)" }
        let pieces = try (0..<parts).map { k -> SufficientStatistics in
            var s = try SufficientStatistics(columnNames: names)
            try s.add(x.selectingRows(Array((k * x.rows / parts) ..< ((k + 1) * x.rows / parts))))
            return s
        }
        return try SufficientStatistics.merged(pieces.reversed())
    }

    @Test(arguments: [ComponentSelection.all, .count(2), .varianceFraction(0.9)])
    func fromStatisticsEqualsFromRows(selection: ComponentSelection) throws {
        let x = try Self.data()
        let parameters = PCAParameters(components: selection)
        let rows = try parameters.fit(x, featureNames: (1...5).map { "c\($0)" })
        let stats = try parameters.fit(try Self.statistics(x, parts: 9))
        #expect(stats.componentCount == rows.componentCount && stats.route == .covariance)
        #expect(stats.featureNames == rows.featureNames && stats.sampleCount == 700)
        for k in 0..<rows.componentCount {
            #expect(Approximate.close(stats.explainedVariance[k], rows.explainedVariance[k], relative: 1e-10))
            #expect(Approximate.maxAbsoluteDifference(Array(stats.components.row(k)), Array(rows.components.row(k))) <= 1e-8)
        }
        #expect(Approximate.maxAbsoluteDifference(stats.mean, rows.mean) <= 1e-15 * 1e7)
        #expect(stats.certificate.converged)
    }

    @Test func theTargetIsLeftOutAndTheSVDRouteRefused() throws {
        let x = try Self.data()
        var s = try SufficientStatistics(columnNames: ["a", "b", "c", "d", "y"], targetName: "y")
        try s.add(x)
        let model = try PCAParameters().fit(s)
        #expect(model.featureNames == ["a", "b", "c", "d"])
        #expect(throws: LagrangeError.self) { try PCAParameters(route: .singularValues).fit(s) }
    }
}
