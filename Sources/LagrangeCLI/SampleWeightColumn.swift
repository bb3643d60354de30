import Lagrange

/// `--weights COL`: a column of the data file holding one sample weight per row, read and
/// checked here and left out of the features (the fit's `sampleWeights`).
enum SampleWeightColumn {
    /// The dataset without the weight column, and the weights (nil without `column`). Zero
    /// weights are refused unless `allowZero` (the logistic path accepts them; the Gaussian
    /// paths and the SVM need every weight > 0). Each refusal names the file, the column and,
    /// where the reader kept it, the line.
    static func dataset(_ data: DataOptions, column name: String?, task: LearningTask, allowZero: Bool) throws -> (dataset: Dataset, weights: [Double]?) {
        guard let name else { return (try data.dataset(task: task), nil) }
        var options = data
        options.drop.append(name)
        let dataset = try options.dataset(task: task)
        return (dataset, try values(try data.table(), column: name, allowZero: allowZero))
    }

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

    /// `fit svm --weights COL`: the classifier on the numbers as they are, each sample's box C·sᵢ.
    static func svc(_ data: DataOptions, column name: String, parameters: SVCParameters,
                    context: ExecutionContext) throws -> PreprocessedFit.Result<SVC> {
        let (dataset, weights) = try self.dataset(data, column: name, task: .classification, allowZero: false)
        guard let (codes, encoding) = dataset.targetLabels else {
            throw LagrangeError.invalidData("\(dataset.source): a classifier needs a target column of class labels")
        }
        let model = try parameters.fit(dataset.features, labels: codes.map { encoding.classes[$0] }, sampleWeights: weights,
                                       featureNames: dataset.featureNames, targetName: dataset.targetName, context: context)
        return PreprocessedFit.Result(saved: model, inner: model, dataset: dataset, omittedRows: 0,
                                      keptRows: Array(0..<dataset.sampleCount), table: nil)
    }

    /// `fit svr --weights COL`: the ε-SVR on the numbers as they are, each sample's box C·sᵢ.
    static func svr(_ data: DataOptions, column name: String, parameters: SVRParameters,
                    context: ExecutionContext) throws -> PreprocessedFit.Result<SVR> {
        let (dataset, weights) = try self.dataset(data, column: name, task: .regression, allowZero: false)
        guard let targets = dataset.targetValues else {
            throw LagrangeError.invalidData("\(dataset.source): a regression needs a numeric target column")
        }
        let model = try parameters.fit(dataset.features, targets: targets, sampleWeights: weights,
                                       featureNames: dataset.featureNames, targetName: dataset.targetName, context: context)
        return PreprocessedFit.Result(saved: model, inner: model, dataset: dataset, omittedRows: 0,
                                      keptRows: Array(0..<dataset.sampleCount), table: nil)
    }
}
