import Foundation
import Testing
import TestSupport
import Lagrange

/// Keeps docs/scale.md's library example compiling and true. Reference: the same fits on the
/// rows of diabetes.csv (the statistics are sufficient, so the models agree to rounding).
@Suite struct ScaleExampleTests {
    @Test func libraryExampleRuns() throws {
        let diabetes = try DataLoader.dataset(path: TestPaths.dataset("diabetes.csv"), options: DatasetOptions(task: .regression))
        let file = try TestPaths.temporaryDirectory().appendingPathComponent("all.lgs").path
        // --- docs/scale.md example ---
        let x = diabetes.features, y = diabetes.targetValues!
        var parts: [SufficientStatistics] = []
        for rows in [0..<200, 200..<442] {                       // two shards
            let shard = Dataset(source: "shard", features: x.selectingRows(Array(rows)), featureNames: diabetes.featureNames,
                                targetName: "progression", target: .values(rows.map { y[$0] }))
            parts.append(try SufficientStatistics(shard))
        }
        let all = try SufficientStatistics.merged(parts)         // any order, any tree
        try StatisticsFile.write(all, to: file)                  // the format of docs/scale.md
        let read = try StatisticsFile.read(path: file)
        let ridge = try LinearModelParameters(lambda: 0.1, penalty: .ridge()).fit(read)
        let path = try PathParameters(penalty: .lasso()).fit(read)
        let pca = try PCAParameters(components: .count(3)).fit(read)   // the target is left out
        let cv = try CrossValidation.run(parts: parts, parameters: .lasso(), lambdas: path.lambdas, folds: 2, seed: 1)
        // --- end of example ---
        let rows = try LinearModelParameters(lambda: 0.1, penalty: .ridge()).fit(diabetes)
        #expect(Approximate.maxAbsoluteDifference(ridge.coefficients, rows.coefficients) <= 1e-9 * rows.coefficients.map(abs).max()!)
        #expect(path.converged && ridge.certificate.converged && pca.featureNames.count == 10)
        #expect(cv.meanErrors.count == path.lambdas.count)
    }
}
