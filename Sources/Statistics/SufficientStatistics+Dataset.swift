import DataIO
import LinearAlgebra
import Modeling

extension SufficientStatistics {
    /// The statistics of a dataset in memory: its features and, when it has a numeric
    /// target, the target as the last column. (Class labels are not numbers: a classification
    /// dataset gives the statistics of its features only.)
    public init(_ dataset: Dataset, context: ExecutionContext = ExecutionContext()) throws {
        let y = dataset.targetValues
        let target = y == nil ? nil : (dataset.targetName ?? "target")
        try self.init(columnNames: dataset.featureNames + (target.map { [$0] } ?? []), targetName: target,
                      threads: context.threads)
        guard let y else {
            try add(dataset.features)
            return
        }
        let (n, p) = (dataset.sampleCount, dataset.featureCount)
        let rows = try Matrix(rows: n, columns: p + 1, storage: [Double](unsafeUninitializedCapacity: n * (p + 1)) { out, initialized in
            dataset.features.storage.withUnsafeBufferPointer { x in
                for i in 0..<n {
                    for j in 0..<p { out[i * (p + 1) + j] = x[i * p + j] }
                    out[i * (p + 1) + p] = y[i]
                }
            }
            initialized = n * (p + 1)
        })
        try add(rows)
    }
}

/// An estimator that fits from sufficient statistics instead of rows: PCA, ridge, the lasso
/// and the elastic net (covariance mode) need only n, the means and the centred scatter, so
/// a data set too large for one machine is fitted from its shards' statistics, merged.
/// The model is the one the rows would give, up to rounding, with the same certificate.
public protocol StatisticsEstimator: Sendable {
    associatedtype FittedModel: Model
    /// Fits on the features of `statistics` (every column but its target) and, for a
    /// supervised model, its target.
    func fit(_ statistics: SufficientStatistics, context: ExecutionContext) throws -> FittedModel
}
