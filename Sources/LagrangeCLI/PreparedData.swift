import Lagrange

/// The data of the commands that fit many models on one table — `path lasso|ridge|enet|logistic`,
/// `path svm`, `path svr` — and of `fit logistic`: the dataset the fits see, its sample weights,
/// and the preprocessing learned on it.
///
/// Without a preprocessing option the dataset is the file's numbers as they are (a text feature
/// column is refused, naming the options that handle it). With one, the steps (missing cells, one-hot
/// encoding, scaling, column choice) are learned once on every row kept, before any fit: the
/// cross-validation folds share the imputed values, levels and scales (none of them looks at the
/// target), and the saved model is a pipeline, so `predict` takes raw rows.
struct PreparedData {
    var dataset: Dataset
    /// One weight per row of `dataset` (`--weights`), nil without.
    var weights: [Double]?
    var stage: PreprocessingStage?

    static func load(_ data: DataOptions, preprocessing: PreprocessingOptions, task: LearningTask,
                     weightColumn: String?, allowZeroWeights: Bool) throws -> PreparedData {
        let parameters = preprocessing.parameters()
        try parameters.validate()
        if (data.format?.format ?? DataFormat.infer(path: data.data)) == .libsvm {
            if preprocessing.selectsColumns || weightColumn != nil {
                throw LagrangeError.invalidParameter(name: weightColumn != nil ? "weights" : "features", value: "(given)",
                                                     requirement: "names CSV columns; a LIBSVM file's features are f1…fp")
            }
            let dataset = try data.dataset(task: task)
            guard preprocessing.transforms else { return PreparedData(dataset: dataset, weights: nil, stage: nil) }
            let prepared = try PreparedTraining.prepare(try TrainingData(dataset), parameters)
            return PreparedData(dataset: prepared.dataset, weights: nil, stage: PreprocessingStage(prepared))
        }
        var csv = try data.csvOptions()
        if task == .classification { csv.keepText = data.target.map { .columns([$0]) } ?? .lastColumn }
        let table = try CSVReader(options: csv).read(path: data.data)
        let selection = preprocessing.selection(data, reserved: weightColumn.map { [$0] } ?? [])
        let weights = try weightColumn.map { try SampleWeightColumn.values(table, column: $0, allowZero: allowZeroWeights) }
        guard preprocessing.transforms else {
            // The numbers as they are; text feature columns are refused all at once, naming the options.
            // The table is handed over for good, so the features are cut out of its storage in place
            // (a borrowed table made `Dataset` copy the whole matrix: 40 MB at 500 × 10,000).
            return PreparedData(dataset: try PreprocessedFit.numericDataset(consume table, selection: selection, task: task),
                                weights: weights, stage: nil)
        }
        let prepared = try PreparedTraining.prepare(try TrainingData(table: table, selection: selection, task: task), parameters)
        PreprocessedFit.reportOmitted(prepared.omittedRows, used: prepared.dataset.sampleCount)
        return PreparedData(dataset: prepared.dataset, weights: weights.map { w in prepared.keptRows.map { w[$0] } },
                            stage: PreprocessingStage(prepared))
    }
}

extension PreparedData {
    /// The regression dataset of a CSV `--data` stored column by column, for a fit whose design
    /// takes the columns over (the elastic-net path without cross-validation); nil when a
    /// preprocessing option transforms the data or the file is LIBSVM text (then `load` applies).
    /// Column choice (`--features`, `--drop`, `--target`) and every check are those of `load`.
    static func loadColumns(_ data: DataOptions, preprocessing: PreprocessingOptions) throws -> ColumnDataset? {
        try preprocessing.parameters().validate()
        guard (data.format?.format ?? DataFormat.infer(path: data.data)) == .csv, !preprocessing.transforms else { return nil }
        let table = try CSVReader(options: try data.csvOptions()).readColumns(path: data.data)
        let selection = preprocessing.selection(data, reserved: [])
        return try PreprocessedFit.numericColumnDataset(consume table, selection: selection)
    }
}

/// Learned preprocessing to save in front of a model.
struct PreprocessingStage {
    var preprocessor: Preprocessor
    var omittedRows: Int

    init(_ prepared: PreparedTraining) {
        preprocessor = prepared.preprocessor
        omittedRows = prepared.omittedRows
    }

    /// `model` inside a pipeline behind this stage.
    func saved<M: Model>(_ model: M) -> any Model {
        Pipeline(preprocessor: preprocessor, model: model, omittedTrainingRows: omittedRows)
    }
}

extension Optional where Wrapped == PreprocessingStage {
    /// The model to save: `model` itself without preprocessing, else the pipeline around it.
    func saved<M: Model>(_ model: M) -> any Model {
        switch self {
        case .none: model
        case let .some(stage): stage.saved(model)
        }
    }
}
