import LinearAlgebra

/// A classifier that models class probabilities (the logistic models; `predict --probability`).
public protocol ProbabilisticClassifier: Classifier {
    /// n × K: column k holds P(`classes[k]` | xᵢ) for every row; each row sums to 1.
    func probabilities(_ x: Matrix) throws -> Matrix
}
