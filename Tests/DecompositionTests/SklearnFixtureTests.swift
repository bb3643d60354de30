import Decomposition
import LinearAlgebra
import Testing
import TestSupport

/// Against scikit-learn `PCA(svd_solver="full")` (version in the fixture's `peer` field) on
/// iris, wine and digits. scikit-learn fixes signs by `svd_flip` (the largest-|entry| of each
/// *score* column U positive), Lagrange by the largest-|loading| of each component; directions
/// and scores are therefore compared up to one sign per component.
@Suite struct SklearnFixtureTests {
    /// Both sides compute the same eigenpairs of the same covariance in double precision; the
    /// eigenvalues agree to a few ulps times the condition of the sums (relative 1e-10 is ample
    /// and still 5 orders tighter than any real difference in the convention, e.g. n vs n − 1).
    static let eigenvalueRelativeTolerance = 1e-10
    /// Eigenvectors move by about ε‖Σ‖/gap; the smallest relative gap among the kept
    /// components here (digits) is ≈ 0.1, so 1e-9 is far above rounding and far below any
    /// real disagreement.
    static let directionTolerance = 1e-9

    @Test(arguments: ["iris.csv", "wine.csv", "digits.csv"])
    func matchesScikitLearn(file: String) throws {
        let fixtures = try SklearnPCAFixtures.load()
        let reference = try #require(fixtures.cases.first { $0.file == file })
        let data = try PCATestData.features(file, target: reference.target)
        let model = try PCAParameters(components: .count(reference.components)).fit(data.features, featureNames: data.featureNames)
        let whitened = try PCAParameters(components: .count(reference.components), whiten: true)
            .fit(data.features, featureNames: data.featureNames)

        #expect(model.componentCount == reference.components)
        func relativeClose(_ a: [Double], _ b: [Double]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { Approximate.close($0, $1, relative: Self.eigenvalueRelativeTolerance) }
        }
        #expect(relativeClose(model.explainedVariance, reference.explainedVariance), "\(fixtures.peer)")
        #expect(relativeClose(model.explainedVarianceRatio, reference.explainedVarianceRatio))
        #expect(relativeClose(model.singularValues, reference.singularValues))
        #expect(Approximate.close(model.noiseVariance, reference.noiseVariance, relative: Self.eigenvalueRelativeTolerance))
        #expect(Approximate.maxAbsoluteDifference(model.mean, reference.mean) <= 1e-12 * (model.mean.map(abs).max() ?? 1))

        let rows = min(fixtures.scoreRows, data.sampleCount)
        let head = data.features.selectingRows(0..<rows)
        let scores = try model.transform(head)
        let whitenedScores = try whitened.transform(head)
        let scoreScale = reference.singularValues[0]
        for c in 0..<reference.components {
            let ours = Array(model.components.row(c))
            let theirs = reference.componentRows[c]
            let sign: Double = BLAS.dot(ours, theirs) < 0 ? -1 : 1
            #expect(Approximate.maxAbsoluteDifference(ours.map { sign * $0 }, theirs) <= Self.directionTolerance, "component \(c + 1)")
            let ourScores = (0..<rows).map { sign * scores[$0, c] }
            let theirScores = reference.scores.map { $0[c] }
            // Scores are direction · centred row; their error is the direction error times ‖x − x̄‖.
            #expect(Approximate.maxAbsoluteDifference(ourScores, theirScores) <= Self.directionTolerance * scoreScale, "scores \(c + 1)")
            let ourWhite = (0..<rows).map { sign * whitenedScores[$0, c] }
            let theirWhite = reference.whitenedScores.map { $0[c] }
            #expect(Approximate.maxAbsoluteDifference(ourWhite, theirWhite) <= Self.directionTolerance * scoreScale, "whitened \(c + 1)")
        }
    }

    /// Datasets/README.md: scikit-learn 1.9.1 on iris gives explained variance ratios
    /// 0.92461872, 0.05306648 (8 decimals given, so agreement to 5e-9).
    @Test func irisReadmeFigures() throws {
        let data = try PCATestData.features("iris.csv", target: "species")
        let model = try PCAParameters(components: .count(2)).fit(data.features, featureNames: data.featureNames)
        #expect(abs(model.explainedVarianceRatio[0] - 0.92461872) <= 5e-9)
        #expect(abs(model.explainedVarianceRatio[1] - 0.05306648) <= 5e-9)
    }
}
