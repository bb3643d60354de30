import Lagrange

/// `--weights COL`: a column of the data file holding one sample weight per row, read and
/// checked here and left out of the features (the fit's `sampleWeights`).
enum SampleWeightColumn {
    /// The weights in column `name` of `table`, each checked (finite, > 0 or ≥ 0 with `allowZero`).
    static func values(_ table: CSVTable, column name: String, allowZero: Bool) throws -> [Double] {
        let column = try table.columnIndex(name)
        if let missing = table.firstMissing[column] {
            throw DataError(.missingValue, file: table.source, line: missing.line, column: column + 1,
                            "missing value in the weight column '\(name)'; remove the row or fill it in")
        }
        if let text = table.firstText[column] {
            throw DataError(.nonNumeric, file: table.source, line: text.line, column: column + 1,
                            "non-numeric value '\(text.text ?? "")' in the weight column '\(name)'")
        }
        let values = table.values.column(column)
        if let i = values.firstIndex(where: { !($0.isFinite && (allowZero ? $0 >= 0 : $0 > 0)) }) {
            let line = values[i].isFinite ? nil : table.firstNonFinite[column]?.line
            throw DataError(.nonNumeric, file: table.source, line: line, column: column + 1,
                            "the weight column '\(name)' (field \(column + 1)) holds \(values[i]) on data row \(i + 1); weights must be finite numbers \(allowZero ? "≥ 0" : "> 0")")
        }
        return values
    }

    /// `fit svm --weights COL`: the classifier, each sample's box C·sᵢ, on the data as the
    /// preprocessing options prepare it (the rows a `--missing omit` drops lose their weight too).
    static func svc(_ data: DataOptions, column name: String, preprocessing: PreprocessingOptions, parameters: SVCParameters,
                    context: ExecutionContext) throws -> PreprocessedFit.Result<SVC> {
        let prepared = try PreparedData.load(data, preprocessing: preprocessing, task: .classification, weightColumn: name,
                                             allowZeroWeights: false)
        let dataset = prepared.dataset
        guard let (codes, encoding) = dataset.targetLabels else {
            throw LagrangeError.invalidData("\(dataset.source): a classifier needs a target column of class labels")
        }
        let model = try parameters.fit(dataset.features, labels: codes.map { encoding.classes[$0] }, sampleWeights: prepared.weights,
                                       featureNames: dataset.featureNames, targetName: dataset.targetName, context: context)
        return result(model, prepared)
    }

    /// `fit svr --weights COL`: the ε-SVR, each sample's box C·sᵢ, on the prepared data.
    static func svr(_ data: DataOptions, column name: String, preprocessing: PreprocessingOptions, parameters: SVRParameters,
                    context: ExecutionContext) throws -> PreprocessedFit.Result<SVR> {
        let prepared = try PreparedData.load(data, preprocessing: preprocessing, task: .regression, weightColumn: name,
                                             allowZeroWeights: false)
        let dataset = prepared.dataset
        guard let targets = dataset.targetValues else {
            throw LagrangeError.invalidData("\(dataset.source): a regression needs a numeric target column")
        }
        let model = try parameters.fit(dataset.features, targets: targets, sampleWeights: prepared.weights,
                                       featureNames: dataset.featureNames, targetName: dataset.targetName, context: context)
        return result(model, prepared)
    }

    /// The fit as `PreprocessedFit` returns it: saved inside the pipeline when there is one.
    /// `omittedRows` is 0 because `PreparedData.load` has already said how many rows it omitted.
    private static func result<M: Model>(_ model: M, _ prepared: PreparedData) -> PreprocessedFit.Result<M> {
        PreprocessedFit.Result(saved: prepared.stage.saved(model), inner: model, dataset: prepared.dataset, omittedRows: 0,
                               keptRows: Array(0..<prepared.dataset.sampleCount), table: nil)
    }
}
