import DataIO
import LinearAlgebra
import Modeling

/// Preprocessing and an estimator of any family, fitted together into a `Pipeline`.
///
/// Fitting: rows with a missing feature or target cell are left out under `omit` (R's
/// `na.omit` over the columns used); otherwise a missing target cell is an error. The
/// preprocessor is learned on the remaining rows, the estimator fitted on its output.
public struct PipelineParameters<Inner: Estimator>: Estimator {
    public var preprocessing: PreprocessingParameters
    public var estimator: Inner

    public init(preprocessing: PreprocessingParameters, estimator: Inner) {
        self.preprocessing = preprocessing
        self.estimator = estimator
    }

    public func validate() throws {
        try preprocessing.validate()
        try estimator.validate()
    }

    /// Fits on a numeric dataset (NaN features are missing cells).
    public func fit(_ dataset: Dataset, context: ExecutionContext) throws -> Pipeline<Inner.Fitted> {
        try fit(try TrainingData(dataset), context: context)
    }

    /// Fits on raw training data: text columns, missing cells and all.
    public func fit(_ data: TrainingData, context: ExecutionContext = ExecutionContext()) throws -> Pipeline<Inner.Fitted> {
        let prepared = try prepare(data)
        let model = try estimator.fit(prepared.dataset, context: context)
        return Pipeline(preprocessor: prepared.preprocessor, model: model, omittedTrainingRows: prepared.omittedRows)
    }

    /// The first half of `fit` (see `PreparedTraining.prepare`).
    public func prepare(_ data: TrainingData) throws -> PreparedTraining {
        try validate()
        return try PreparedTraining.prepare(data, preprocessing)
    }
}

/// Training data after preprocessing: what the inner estimator is fitted on.
public struct PreparedTraining: Sendable {
    public let preprocessor: Preprocessor
    /// The encoded, scaled rows kept, with the target.
    public let dataset: Dataset
    /// Rows left out for a missing cell (`omit`).
    public let omittedRows: Int
    /// The input rows kept, ascending.
    public let keptRows: [Int]

    /// The rows kept, the preprocessor learned on them, and the dataset an estimator will see
    /// (for a caller that wants to look at it, or to build the estimator from it, first).
    public static func prepare(_ data: TrainingData, _ preprocessing: PreprocessingParameters) throws -> PreparedTraining {
        try preprocessing.validate()
        let all = Array(0..<data.features.rowCount)
        var rows = all
        if preprocessing.missing == .omit {
            let complete = Set(data.features.completeRows())
            rows = all.filter { complete.contains($0) && !data.targetMissing($0) }
        } else if let i = all.first(where: data.targetMissing) {
            throw DataError(.missingValue, file: data.features.source,
                            "data row \(i + 1): missing value in the target column '\(data.targetName ?? "")'; remove the row, or leave incomplete rows out with --missing omit")
        }
        let table = rows.count == all.count ? data.features : data.features.selectingRows(rows)
        let preprocessor = try preprocessing.fit(table)
        let encoded = try preprocessor.transform(table)
        let dataset = Dataset(source: table.source, features: encoded.features, featureNames: preprocessor.outputNames,
                              targetName: data.targetName, target: try data.target(at: rows))
        return PreparedTraining(preprocessor: preprocessor, dataset: dataset, omittedRows: all.count - rows.count, keptRows: rows)
    }
}
