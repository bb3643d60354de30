import DataIO
import Foundation
import LinearAlgebra
import SVM
import Testing
import TestSupport

/// ε-SVR against scikit-learn's `SVR` on diabetes (version in the fixture). The same
/// tolerance argument as `SVCFixtureTests`: the same algorithm and Float-cached Q, so
/// differences come from input rounding only (~1e-6 of C for β = α − α*).
@Suite struct SVRFixtureTests {
    /// `svr_diabetes_weighted`: scikit-learn's `SVR.fit(sample_weight=w)` with wᵢ = 0.5 + (i mod 4)/2
    /// (boxes Cᵢ = C·wᵢ up to 2C, hence the tolerance 1e-6 of the largest box).
    @Test(arguments: ["svr_diabetes", "svr_diabetes_linear", "svr_diabetes_weighted"])
    func matchesScikitLearn(_ name: String) throws {
        let fixture = try Fixtures.load(SVRFixture.self, name)
        let data = try DataLoader.dataset(path: TestPaths.dataset(fixture.dataset), options: DatasetOptions(task: .regression))
        let kind = try #require(KernelKind(rawValue: fixture.parameters.kernel))
        let weights = fixture.parameters.sampleWeights
        let model = try SVRParameters(c: fixture.parameters.C, epsilon: fixture.parameters.epsilon,
                                      kernel: KernelParameters(kind: kind), tolerance: fixture.parameters.tol)
            .fit(data.features, targets: try #require(data.targetValues), sampleWeights: weights, featureNames: data.featureNames)
        let tolerance = 1e-6 * fixture.parameters.C * (weights?.max() ?? 1)
        #expect(model.supportVectors.indices == fixture.supportIndices)
        #expect(Approximate.maxAbsoluteDifference(model.dualCoefficients, fixture.dualCoefficients) <= tolerance)
        #expect(Approximate.close(model.intercept, fixture.intercept, absolute: tolerance * 10))
        // Predictions: Σ|Δβ|·|K| + |Δb| with |K| ≤ 1 (rbf); the linear kernel's |K| reaches ~1e5
        // on these unscaled features, so compare relatively there.
        let predictions = try model.predict(data.features)
        let bound = kind == .rbf ? tolerance * Double(model.supportVectors.count + 10) : 1e-6 * 300
        #expect(Approximate.maxAbsoluteDifference(predictions, fixture.predictions) <= bound)
        #expect(model.certificate.converged)
        #expect(model.certificate.maximumKKTViolation <= fixture.parameters.tol)
        if let weights {
            // Each |β| is within its own box C·wᵢ; the bounded count is of |β| = C·wᵢ.
            for (index, beta) in zip(model.supportVectors.indices, model.dualCoefficients) {
                #expect(abs(beta) <= fixture.parameters.C * weights[index] * (1 + 1e-12))
            }
            let bounded = zip(model.supportVectors.indices, model.dualCoefficients)
                .filter { abs($1) >= fixture.parameters.C * weights[$0] }.count
            #expect(model.boundedSupportVectors == bounded)
        }
    }
}
