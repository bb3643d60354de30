import DataIO
import Foundation
@testable import LinearModels
import LinearAlgebra
import Statistics
import Testing
import TestSupport

/// Fits from merged sufficient statistics are the fits from the rows: same λ grid, same
/// coefficients (to the certificates' bound for the iterative solvers, to rounding for the
/// direct ones), converged certificates; and cross-validation by parts equals cross-validating
/// the rows with the parts as folds.
@Suite struct StatisticsFitTests {
    static let n = 900
    static let p = 7
    static let partSizes = [100, 37, 250, 13, 200, 150, 150]

    /// Correlated features with offsets (one of 1e6), y = Xβ + noise.
    static func data() throws -> (x: Matrix, y: [Double]) {
        var generator = SplitMix64(seed: 41)
        func uniform() -> Double { Double(generator.next() >> 11) / Double(1 << 53) - 0.5 }
        let truth: [Double] = [1.5, 0, -2, 0, 0.5, 0, 3]
        let offsets: [Double] = [0, 10, -5, 1e6, 2, 0, 7]
        var rows: [[Double]] = [], y: [Double] = []
        for _ in 0..<n {
            let common = uniform()
            let row = (0..<p).map { offsets[$0] + uniform() + 0.6 * common * Double($0 % 3) }
            rows.append(row)
            y.append(4 + zip(truth, row).reduce(0) { $0 + $1.0 * $1.1 } + 0.3 * uniform())
        }
        return (try Matrix(rows: rows), y)
    }

    static var names: [String] { (1...p).map { "x\($0)" } + ["y"] }

    /// One statistics value per part, in order.
    static func parts(_ x: Matrix, _ y: [Double]) throws -> [SufficientStatistics] {
        var start = 0
        return try partSizes.map { size in
            var s = try SufficientStatistics(columnNames: names, targetName: "y")
            let rows = try Matrix(rows: (start ..< start + size).map { Array(x.row($0)) + [y[$0]] })
            try s.add(rows)
            start += size
            return s
        }
    }

    static func merged() throws -> SufficientStatistics {
        let (x, y) = try data()
        return try SufficientStatistics.merged(try parts(x, y))
    }

    /// The smallest eigenvalue of the standardized Gram matrix: the strong-convexity modulus of
    /// the smooth part, so ‖β₁ − β₂‖² ≤ 2(gap₁ + gap₂)/μ for two certified solutions.
    static func strongConvexity(_ statistics: SufficientStatistics, standardize: Bool = true) throws -> Double {
        let design = try Design(statistics: statistics, standardize: standardize, fitIntercept: true)
        return try Matrix(rows: p, columns: p, storage: design.gramForm!.gram).symmetricEigen().values.last!
    }

    static func relative(_ a: [Double], _ b: [Double]) -> Double {
        let scale = max(b.reduce(0) { max($0, abs($1)) }, 1e-300)
        return Approximate.maxAbsoluteDifference(a, b) / scale
    }

    @Test func aDatasetGivesTheStatisticsOfItsRows() throws {
        let (x, y) = try Self.data()
        let fromDataset = try SufficientStatistics(Dataset(source: "t", features: x, featureNames: Array(Self.names.prefix(Self.p)),
                                                           targetName: "y", target: .values(y)))
        let merged = try Self.merged()
        #expect(fromDataset.columnNames == merged.columnNames && fromDataset.count == merged.count)
        #expect(Self.relative(fromDataset.scatter.storage, merged.scatter.storage) <= 1e-12)
    }

    @Test(arguments: [(true, true), (false, true), (true, false)])
    func ridgeEqualsTheRowsFit(standardize: Bool, intercept: Bool) throws {
        let (x, y) = try Self.data()
        let penalty = ElasticNetParameters.ridge(standardize: standardize, fitIntercept: intercept)
        let parameters = LinearModelParameters(lambda: 0.05, penalty: penalty)
        let rows = try parameters.fit(x: x, y: y, featureNames: Array(Self.names.prefix(Self.p)), targetName: "y")
        let stats = try parameters.fit(try Self.merged())
        #expect(stats.certificate.converged && rows.certificate.converged)
        // Without an intercept the uncentred Gram carries the 1e6 offset: κ ≈ 1e12 / variance,
        // so agreement is to ε·κ instead of ε.
        let bound = intercept ? 1e-10 : 1e-4
        #expect(Self.relative(stats.coefficients, rows.coefficients) <= bound)
        #expect(Approximate.close(stats.intercept, rows.intercept, absolute: 1e-6, relative: bound))
        #expect(stats.featureNames == rows.featureNames && stats.targetName == "y" && stats.sampleCount == Self.n)
    }

    @Test(arguments: [1.0, 0.5])
    func lassoAndElasticNetEqualTheRowsFitToTheCertificatesBound(alpha: Double) throws {
        let (x, y) = try Self.data()
        let penalty = try ElasticNetParameters(l1Ratio: alpha, tolerance: 1e-10)
        let parameters = LinearModelParameters(lambda: 0.02, penalty: penalty)
        let statistics = try Self.merged()
        let rows = try parameters.fit(x: x, y: y, featureNames: Array(Self.names.prefix(Self.p)))
        let stats = try parameters.fit(statistics)
        guard case let .elasticNet(a) = rows.certificate, case let .elasticNet(b) = stats.certificate else {
            Issue.record("not an elastic-net certificate")
            return
        }
        #expect(a.converged && b.converged)
        let mu = try Self.strongConvexity(statistics)
        let standardizedBound = (2 * (a.dualityGap + b.dualityGap) / mu).squareRoot() + 1e-12
        let design = try Design(statistics: statistics, standardize: true, fitIntercept: true)
        for j in 0..<Self.p {
            #expect(abs(stats.coefficients[j] - rows.coefficients[j]) * design.scales[j] <= standardizedBound)
        }
        #expect(Approximate.close(a.primalObjective, b.primalObjective, absolute: a.dualityGap + b.dualityGap + 1e-12))
        #expect(stats.nonzeroCount == rows.nonzeroCount)
    }

    @Test func lassoPathEqualsTheRowsPath() throws {
        let (x, y) = try Self.data()
        let penalty = try ElasticNetParameters(l1Ratio: 1, tolerance: 1e-9)
        let path = PathParameters(penalty: penalty, lambdas: .automatic(count: 40))
        let statistics = try Self.merged()
        let rows = try path.fit(x: x, y: y, featureNames: Array(Self.names.prefix(Self.p)))
        let stats = try path.fit(statistics)
        #expect(Self.relative(stats.lambdas, rows.lambdas) <= 1e-12)
        #expect(stats.converged && rows.converged)
        let mu = try Self.strongConvexity(statistics)
        for l in rows.lambdas.indices {
            let gaps = (rows.certificates[l].value(of: .dualityGap) ?? .nan) + (stats.certificates[l].value(of: .dualityGap) ?? .nan)
            let bound = (2 * gaps / mu).squareRoot() + 1e-12
            #expect(Approximate.maxAbsoluteDifference(stats.standardizedCoefficients[l], rows.standardizedCoefficients[l]) <= bound)
        }
    }

    @Test func ridgePathEqualsTheRowsPathWithGCVButNoLeaveOneOut() throws {
        let (x, y) = try Self.data()
        let path = PathParameters(penalty: .ridge(), lambdas: .automatic(count: 30))
        let rows = try #require(try path.fit(x: x, y: y) as? RidgePath)
        let stats = try #require(try path.fit(try Self.merged()) as? RidgePath)
        // Both automatic grids go on below λ_max·1e-4 until their error curves turn; the rows'
        // path also waits for leave-one-out, which statistics cannot give, so it may be longer.
        let common = min(stats.lambdas.count, rows.lambdas.count)
        #expect(common >= 30)
        #expect(Self.relative(Array(stats.lambdas.prefix(common)), Array(rows.lambdas.prefix(common))) <= 1e-12)
        let gcv = stats.generalizedCrossValidationErrors
        #expect(gcv.indices.min { gcv[$0] < gcv[$1] }! < gcv.count - 1 || stats.lambdas.count == 30)
        for l in 0..<common {
            #expect(Self.relative(stats.coefficients[l], rows.coefficients[l]) <= 1e-9)
            #expect(Approximate.close(stats.intercepts[l], rows.intercepts[l], relative: 1e-9))
            #expect(Approximate.close(stats.devianceExplained[l], rows.devianceExplained[l], absolute: 1e-9))
            #expect(Approximate.close(stats.generalizedCrossValidationErrors[l], rows.generalizedCrossValidationErrors[l], relative: 1e-8))
            #expect(stats.certificates[l].converged)
        }
        #expect(stats.leaveOneOutErrors.isEmpty)
        #expect(stats.diagnostics.map(\.name) == ["gcv_mse"])
    }

    @Test func heldOutErrorFromAFoldsStatisticsIsTheRowsError() throws {
        let (x, y) = try Self.data()
        let parts = try Self.parts(x, y)
        let path = try PathParameters(penalty: .lasso(), lambdas: .automatic(count: 10)).fit(try Self.merged())
        // Part 2 holds rows 137 ..< 387.
        let rows = Array(137 ..< 387)
        let predictions = try path.predict(x.selectingRows(rows))
        let direct = predictions.map { p in zip(p, rows).reduce(0) { $0 + ($1.0 - y[$1.1]) * ($1.0 - y[$1.1]) } / Double(rows.count) }
        let fromStatistics = try CrossValidation.heldOutErrors(path, on: parts[2])
        #expect(Self.relative(fromStatistics, direct) <= 1e-9)
    }

    @Test func crossValidationByPartsEqualsTheRowsWithThePartsAsFolds() throws {
        let (x, y) = try Self.data()
        let parts = try Self.parts(x, y)
        let lambdas = try PathParameters(penalty: .ridge(), lambdas: .automatic(count: 12)).fit(try Self.merged()).lambdas
        let result = try CrossValidation.run(parts: parts, parameters: .ridge(), lambdas: lambdas, folds: 3, seed: 5)
        // The same folds of rows, fitted and scored from the rows.
        var starts = [0]
        for size in Self.partSizes { starts.append(starts.last! + size) }
        var sums = [Double](repeating: 0, count: lambdas.count)
        for fold in 0..<3 {
            let test = Self.partSizes.indices.filter { result.foldOfRow[$0] == fold }.flatMap { Array(starts[$0] ..< starts[$0 + 1]) }
            let train = (0..<Self.n).filter { !test.contains($0) }
            let fitted = try RidgePath.fit(x: x.selectingRows(train), y: train.map { y[$0] }, lambdas: .values(lambdas))
            let predictions = try fitted.predict(x.selectingRows(test))
            for l in lambdas.indices {
                sums[l] += zip(predictions[l], test).reduce(0) { $0 + ($1.0 - y[$1.1]) * ($1.0 - y[$1.1]) }
            }
        }
        let expected = sums.map { $0 / Double(Self.n) }
        #expect(Self.relative(result.meanErrors, expected) <= 1e-9)
        #expect(result.foldOfRow.count == parts.count)
    }

    @Test func statisticsThatCannotGiveALinearModelAreRefused() throws {
        var untargeted = try SufficientStatistics(columnNames: ["a", "b"])
        try untargeted.add(try Matrix(rows: [[1, 2], [2, 1], [3, 5]]))
        #expect(throws: LagrangeError.self) { try LinearModelParameters(lambda: 1, penalty: .ridge()).fit(untargeted) }
        var constant = try SufficientStatistics(columnNames: ["a", "b", "y"], targetName: "y")
        try constant.add(try Matrix(rows: [[1, 2, 1], [2, 2, 0], [3, 2, 5]]))
        do {
            _ = try LinearModelParameters(lambda: 1, penalty: .lasso()).fit(constant)
            Issue.record("a constant column was standardized")
        } catch let LagrangeError.invalidData(message) {
            #expect(message.contains("'b' is constant"))
        }
        let penalty = try ElasticNetParameters(l1Ratio: 1, penaltyFactors: [0, 1, 1, 1, 1, 1, 1])
        #expect(throws: LagrangeError.self) { try LinearModelParameters(lambda: 0.1, penalty: penalty).fit(try Self.merged()) }
    }
}
