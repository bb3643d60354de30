import DataIO
import Foundation
import LinearAlgebra
import TestSupport
import Testing

/// Shared inputs for the PCA tests: bundled datasets and deterministic synthetic matrices.
enum PCATestData {
    /// The features of `Datasets/<file>` with `target` taken out.
    static func features(_ file: String, target: String) throws -> Dataset {
        try DataLoader.dataset(path: TestPaths.dataset(file),
                               options: DatasetOptions(task: .unsupervised, target: target))
    }

    /// A deterministic n × p matrix with correlated columns (a fixed linear congruential
    /// generator, so every run sees the same numbers), entries of order 1 plus `offsets`.
    static func correlated(rows n: Int, columns p: Int, seed: UInt64 = 7, offsets: [Double]? = nil) -> Matrix {
        var state = seed
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        var elements: [Double] = []
        for _ in 0..<n {
            var carry = 0.0
            for j in 0..<p {
                carry = 0.6 * carry + uniform() * Double(p - j) / Double(p)
                elements.append(carry + (offsets?[j] ?? 0))
            }
        }
        return try! Matrix(rows: n, columns: p, storage: elements)
    }
}

/// The scikit-learn fixtures written by Fixtures/make_pca_fixtures.py.
struct SklearnPCAFixtures: Decodable {
    struct Case: Decodable {
        var file: String
        var target: String
        var components: Int
        var explainedVariance: [Double]
        var explainedVarianceRatio: [Double]
        var singularValues: [Double]
        var noiseVariance: Double
        var mean: [Double]
        var componentRows: [[Double]]
        var scores: [[Double]]
        var whitenedScores: [[Double]]
    }
    var peer: String
    var scoreRows: Int
    var cases: [Case]

    static func load() throws -> SklearnPCAFixtures {
        let url = try #require(Bundle.module.url(forResource: "sklearn_pca", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(SklearnPCAFixtures.self, from: Data(contentsOf: url))
    }
}
