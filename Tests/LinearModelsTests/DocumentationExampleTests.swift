import Foundation
import Testing
import TestSupport
@testable import LinearModels
import DataIO
import LinearAlgebra
import Modeling

/// Keeps docs/linear-models.md's library example compiling and true. References: the lasso
/// path's relative gaps ≤ the default tolerance 1e-7; the 1se model saved and read back equal.
@Suite struct DocumentationExampleTests {
    @Test func libraryExampleRuns() throws {
        let data = try DataLoader.dataset(path: TestPaths.dataset("diabetes.csv"), options: DatasetOptions(task: .regression))
        let y = data.targetValues!
        let enet = try LinearModelParameters(lambda: 0.5, penalty: try ElasticNetParameters(l1Ratio: 0.3)).fit(data)
        #expect(enet.family == .enet && enet.certificate.converged)
        let path = try PathParameters(penalty: .lasso()).fit(data)
        #expect(path.certificates.compactMap { $0.value(of: .relativeDualityGap) }.max()! <= 1e-7)
        let ridge = try PathParameters(penalty: .ridge()).fit(data)
        #expect(ridge.diagnostics.map(\.name) == ["loo_mse", "gcv_mse"])
        let cv = try CrossValidation.run(x: data.features, y: y, parameters: .lasso(), lambdas: path.lambdas, folds: 5, seed: 1,
                                         context: ExecutionContext(threads: 2))
        let model = path.model(at: cv.index1SE, targetName: data.targetName).selected(by: cv.selection(rule: .oneSE))
        let file = try TestPaths.temporaryDirectory().appendingPathComponent("lasso.json").path
        try ModelFile.write(model, to: file)
        #expect(try ModelFile.read(LinearModel.self, from: file) == model)
        let budgeted = try ElasticNetPath.fit(x: data.features, y: y, parameters: .lasso()).fit(budget: 10)
        #expect(budgeted.certificate.converged)
    }
}
