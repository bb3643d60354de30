import LinearAlgebra

/// Held-out scores of a regressor, with scikit-learn's definitions (`sklearn.metrics`):
///
///     MSE = (1/n) Σ (yᵢ − ŷᵢ)²,  RMSE = √MSE,  MAE = (1/n) Σ |yᵢ − ŷᵢ|,
///     R² = 1 − Σ (yᵢ − ŷᵢ)² / Σ (yᵢ − ȳ)²,
///
/// and, as `r2_score` does, R² = 1 for a constant truth predicted exactly, 0 for a constant
/// truth predicted otherwise.
public struct RegressionScores: Sendable, Equatable, Encodable {
    public let sampleCount: Int
    public let meanSquaredError: Double
    public let rootMeanSquaredError: Double
    public let meanAbsoluteError: Double
    public let r2: Double

    public init(truth: [Double], predicted: [Double]) throws {
        guard truth.count == predicted.count, !truth.isEmpty else {
            throw LagrangeError.shapeMismatch("\(truth.count) true values and \(predicted.count) predictions; both must be the same, non-zero length")
        }
        guard (truth + predicted).allSatisfy(\.isFinite) else {
            throw LagrangeError.invalidData("a true value or a prediction is not finite")
        }
        let n = Double(truth.count)
        var squares = 0.0, absolutes = 0.0
        for (y, f) in zip(truth, predicted) {
            squares += (y - f) * (y - f)
            absolutes += abs(y - f)
        }
        let mean = truth.reduce(0, +) / n
        let total = truth.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        sampleCount = truth.count
        meanSquaredError = squares / n
        rootMeanSquaredError = meanSquaredError.squareRoot()
        meanAbsoluteError = absolutes / n
        r2 = total > 0 ? 1 - squares / total : (squares == 0 ? 1 : 0)
    }
}
