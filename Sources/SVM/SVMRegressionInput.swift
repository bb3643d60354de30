import DataIO
import LinearAlgebra

/// The input checks of every SVM regression fit (ε-SVR, ν-SVR), in one place.
enum SVMRegressionInput {
    /// The numeric target of `dataset`, or an error naming its source.
    static func targets(of dataset: Dataset) throws -> [Double] {
        guard let y = dataset.targetValues else {
            throw LagrangeError.invalidData("\(dataset.source): a regression needs a numeric target column")
        }
        return y
    }

    /// One target per row, at least 2 rows and 1 feature, every value finite.
    static func check(_ x: Matrix, targets z: [Double], featureNames: [String]?) throws {
        guard z.count == x.rows else { throw LagrangeError.shapeMismatch("\(x.rows) samples but \(z.count) targets") }
        guard x.rows >= 2, x.columns >= 1 else {
            throw LagrangeError.notEnoughSamples("an SVM needs at least 2 samples and 1 feature, got \(x.rows) × \(x.columns)")
        }
        try x.requireFinite("the training data", featureNames: featureNames)
        if let bad = z.firstIndex(where: { !$0.isFinite }) {
            throw LagrangeError.invalidData("the target has a non-finite value (\(z[bad])) at row \(bad + 1)")
        }
    }
}
