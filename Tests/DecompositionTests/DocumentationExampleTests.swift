import DataIO
import Decomposition
import LinearAlgebra
import Testing
import TestSupport
import Statistics

/// Keeps the library example of docs/pca.md compiling and true.
@Suite struct DocumentationExampleTests {
    @Test func libraryExample() throws {
        let data = try DataLoader.dataset(path: TestPaths.dataset("iris.csv"),
                                          options: DatasetOptions(task: .unsupervised, target: "species"))
        let pca = try PCAParameters(components: .count(2)).fit(data.features, featureNames: data.featureNames)
        // Datasets/README.md: 0.92461872, 0.05306648 (8 decimals).
        #expect(abs(pca.explainedVarianceRatio[0] - 0.92461872) <= 5e-9)
        #expect(abs(pca.explainedVarianceRatio[1] - 0.05306648) <= 5e-9)
        #expect(pca.certificate.maximumEigenResidual <= 1e-13)
        let scores = try pca.transform(data.features)
        let back = try pca.inverseTransform(scores)
        #expect(scores.rows == 150 && scores.columns == 2 && back.columns == 4)
        // Closed form on the training rows: ((n − 1)/n)(λ₃ + λ₄), the variance left out.
        let error = try pca.reconstructionError(data.features)
        #expect(Approximate.close(error, pca.trainingReconstructionError, relative: 1e-10))

        var moments = CovarianceAccumulator(featureCount: 4)
        try moments.add(data.features.selectingRows(0..<75))
        try moments.add(data.features.selectingRows(75..<150))
        let same = try PCAParameters(components: .varianceFraction(0.95), whiten: true).fit(moments)
        #expect(same.componentCount == 2)
        #expect(Approximate.close(same.explainedVariance[0], pca.explainedVariance[0], relative: 1e-12))

        let path = try TestPaths.temporaryDirectory().appendingPathComponent("iris-pca.json").path
        try ModelFile.write(pca, to: path)
        #expect(try ModelFile.read(PCAModel.self, from: path) == pca)
    }
}
