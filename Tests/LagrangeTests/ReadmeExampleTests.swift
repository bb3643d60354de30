import Foundation
import Testing
import TestSupport
import Lagrange

/// Keeps README.md's library example compiling and true (the umbrella module re-exports every
/// family). References: iris PCA ratio 0.92461872 (Datasets/README.md), KKT violation ≤ tol.
@Suite struct ReadmeExampleTests {
    @Test func libraryExampleRuns() throws {
        let data = try DataLoader.dataset(path: TestPaths.dataset("iris.csv"),
                                          options: DatasetOptions(task: .classification))
        #expect(data.featureNames == ["sepal_length", "sepal_width", "petal_length", "petal_width"])
        let x = data.features
        let gram = try BLAS.gram(x, .columns)
        let eigen = try gram.symmetricEigen(largest: 2)
        let svd = try x.svd()
        // The top eigenvalue of XᵀX is the square of the top singular value of X.
        #expect(abs(eigen.values[0] - svd.singularValues[0] * svd.singularValues[0]) <= 1e-9 * eigen.values[0])

        let svc = try SVCParameters(c: 1, kernel: KernelParameters(kind: .rbf, gamma: .scale)).fit(data)
        #expect(svc.certificate.converged && svc.certificate.maximumKKTViolation <= 1e-3)
        #expect(try svc.predict(x).prefix(3) == ["setosa", "setosa", "setosa"])

        let diabetes = try DataLoader.dataset(path: TestPaths.dataset("diabetes.csv"), options: DatasetOptions(task: .regression))
        let lasso = try LinearModelParameters(lambda: 0.1, penalty: .lasso()).fit(diabetes)
        let path = try PathParameters(penalty: .lasso()).fit(diabetes)
        #expect(lasso.certificate.converged && lasso.nonzeroCount <= 10)
        #expect(path.certificates.compactMap { $0.value(of: .relativeDualityGap) }.max()! <= 1e-7)

        let pca = try PCAParameters(components: .count(2)).fit(data, context: ExecutionContext(threads: 2))
        #expect(abs(pca.explainedVarianceRatio[0] - 0.92461872) < 1e-8)
        #expect(pca.certificate.quantities.map(\.measure) == [.maximumEigenResidual, .relativeEigenResidual, .orthonormalityError])
        let file = try TestPaths.temporaryDirectory().appendingPathComponent("iris-pca.json").path
        try ModelFile.write(pca, to: file)
        #expect(try ModelFile.read(PCAModel.self, from: file) == pca)
    }
}
