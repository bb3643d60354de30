import Lagrange

/// The fitting commands' `--stats` mode: the same fits as from `--data`, from merged
/// statistics files (docs/scale.md).
enum StatisticsFits {
    /// `fit pca --stats`: the report, if asked for, has no score scatter (no rows).
    static func pca(_ files: [String], options: some DataInput, parameters: PCAParameters) throws -> PCAStreamingFit.Result {
        let merged = try StatisticsInput.mergeFiles(files)
        let features = try StatisticsInput.unsupervised(merged.total, options: options)
        let model = try parameters.fit(features, context: ExecutionContext())
        return PCAStreamingFit.Result(model: model, sample: PCAReportSample(featureCount: features.columnNames.count), source: merged.source)
    }

    /// `fit ridge|lasso|enet --stats`: the model and the line describing its data.
    static func linear(_ files: [String], options: some DataInput, linear: LinearModelOptions, l1Ratio: Double, lambda: Double,
                       family: LinearModelFamily, tolerance: Double) throws -> (LinearModel, String) {
        let merged = try StatisticsInput.mergeFiles(files)
        let selected = try StatisticsInput.supervised(merged.total, options: options)
        let parameters = try linear.parameters(l1Ratio: l1Ratio, featureNames: selected.featureNames, source: merged.source,
                                               tolerance: tolerance)
        let model = try LinearModelParameters(lambda: lambda, penalty: parameters, family: family).fit(selected, context: ExecutionContext())
        return (model, StatisticsInput.describe(selected, source: merged.source))
    }

    /// `path ridge|lasso|enet --stats [--cv-parts K]`: folds are groups of the files.
    static func path(_ files: [String], options: some DataInput, linear: LinearModelOptions, l1Ratio: Double, grid: LambdaGrid,
                     cvParts: Int?, seed: UInt64, tolerance: Double) throws -> FittedPath {
        let merged = try StatisticsInput.mergeFiles(files)
        let selected = try StatisticsInput.supervised(merged.total, options: options)
        let parameters = try linear.parameters(l1Ratio: l1Ratio, featureNames: selected.featureNames, source: merged.source,
                                               tolerance: tolerance)
        let path = try PathParameters(penalty: parameters, lambdas: grid).fit(selected, context: ExecutionContext())
        var crossValidation: CrossValidationResult?
        if let cvParts {
            let parts = try merged.parts.map { try StatisticsInput.supervised($0, options: options) }
            crossValidation = try CrossValidation.run(parts: parts, parameters: parameters, lambdas: path.lambdas, folds: cvParts, seed: seed)
        }
        return FittedPath(path: path, crossValidation: crossValidation, source: merged.source, sampleCount: selected.count,
                          featureNames: selected.featureNames, targetName: selected.targetName)
    }
}
