import Foundation
import Testing
import TestSupport
import Lagrange

/// Issue 10's scale equivariance, per family: the same data multiplied by 1e-150, 1 and 1e150
/// give the same model up to that scale, or a clear error — never NaN with a converged
/// certificate. References: PCA's explained-variance ratios and directions are invariant under
/// x → s·x; an rbf SVC with γ = scale (1/(p·Var X)) sees the same kernel matrix; ridge with
/// standardization has coefficients that scale as y/x.
@Suite struct ScaleEquivarianceTests {
    static let iris = try! DataLoader.dataset(path: TestPaths.dataset("iris.csv"), options: DatasetOptions(task: .classification))
    static let diabetes = try! DataLoader.dataset(path: TestPaths.dataset("diabetes.csv"), options: DatasetOptions(task: .regression))
    static let scales: [Double] = [1e-150, 1e150]

    static func scaled(_ x: Matrix, _ s: Double) -> Matrix {
        try! Matrix(rows: x.rows, columns: x.columns, storage: x.storage.map { $0 * s })
    }

    @Test(arguments: scales)
    func pcaIsScaleInvariant(scale: Double) throws {
        let reference = try PCAParameters(components: .count(3)).fit(Self.iris.features)
        let model = try PCAParameters(components: .count(3)).fit(Self.scaled(Self.iris.features, scale))
        #expect(model.certificate.converged)
        #expect(Approximate.maxAbsoluteDifference(model.explainedVarianceRatio, reference.explainedVarianceRatio) <= 1e-12)
        #expect(Approximate.maxAbsoluteDifference(model.components.storage, reference.components.storage) <= 1e-10)
    }

    @Test(arguments: scales)
    func rbfClassifierIsScaleInvariant(scale: Double) throws {
        let labels = Self.iris.targetLabels!.codes.map { Self.iris.targetLabels!.encoding.classes[$0] }
        let reference = try SVCParameters(c: 1).fit(Self.iris.features, labels: labels)
        let model = try SVCParameters(c: 1).fit(Self.scaled(Self.iris.features, scale), labels: labels)
        #expect(model.certificate.converged && model.certificate.isFinite)
        #expect(model.supportVectors.indices == reference.supportVectors.indices)
        #expect(try model.predict(Self.scaled(Self.iris.features, scale)) == (try reference.predict(Self.iris.features)))
    }

    @Test(arguments: scales)
    func ridgeScalesWithTheData(scale: Double) throws {
        let y = Self.diabetes.targetValues!
        let parameters = LinearModelParameters(lambda: 0.1, penalty: .ridge())
        let reference = try parameters.fit(x: Self.diabetes.features, y: y)
        let model = try parameters.fit(x: Self.scaled(Self.diabetes.features, scale), y: y.map { $0 * scale })
        #expect(model.certificate.converged)
        // β scales as y/x = 1; the intercept as y.
        #expect(Approximate.maxAbsoluteDifference(model.coefficients, reference.coefficients) <= 1e-9 * reference.coefficients.map(abs).max()!)
        #expect(abs(model.intercept / scale - reference.intercept) <= 1e-9 * abs(reference.intercept))
    }
}
