import Lagrange

/// The data half of every `fit`: reads the data, chooses the columns, and fits the estimator
/// either on the numbers as they are (no preprocessing option: the model is the family's own,
/// exactly as before preprocessing existed) or inside a `Pipeline` that learns the missing-value,
/// encoding and scaling steps and is saved with them.
enum PreprocessedFit {
    struct Result<Fitted: Model> {
        /// What to save: the inner model itself, or the pipeline around it.
        var saved: any Model
        var inner: Fitted
        /// What the inner model was fitted on.
        var dataset: Dataset
        var omittedRows: Int
        /// The rows of the file the inner model was fitted on, and the table (CSV input).
        var keptRows: [Int]
        var table: CSVTable?
    }

    /// Fits the estimator that `build` makes for the dataset it will see (so options that name
    /// features, such as penalty factors, can name encoded columns).
    static func fit<E: Estimator>(data: some DataInput, preprocessing: PreprocessingOptions, task: LearningTask,
                                  context: ExecutionContext, standardDeviation: StandardDeviationConvention = .population,
                                  reserved: [String] = [], build: (Dataset) throws -> E) throws -> Result<E.Fitted> {
        let parameters = preprocessing.parameters(standardDeviation: standardDeviation)
        try parameters.validate()
        let training: TrainingData
        var table: CSVTable?
        if (data.format?.format ?? DataFormat.infer(path: data.data)) == .libsvm {
            if preprocessing.selectsColumns {
                throw LagrangeError.invalidParameter(name: preprocessing.ignoreText ? "ignore-text" : "features", value: "(given)",
                                                     requirement: "chooses CSV columns; a LIBSVM file's features are f1…fp (use --drop)")
            }
            let dataset = try data.dataset(task: task)
            guard preprocessing.transforms else { return try plain(dataset, table: nil, context: context, build: build) }
            training = try TrainingData(dataset)
        } else {
            var csv = try data.csvOptions()
            if task == .classification { csv.keepText = data.target.map { .columns([$0]) } ?? .lastColumn }
            let csvTable = try CSVReader(options: csv).read(path: data.data)
            table = csvTable
            let selection = preprocessing.selection(data, reserved: reserved)
            guard preprocessing.transforms else {
                return try plain(try numericDataset(csvTable, selection: selection, task: task), table: csvTable, context: context,
                                 build: build)
            }
            training = try TrainingData(table: csvTable, selection: selection, task: task)
        }
        let prepared = try PreparedTraining.prepare(training, parameters)
        let estimator = try build(prepared.dataset)
        try estimator.validate()
        let inner = try estimator.fit(prepared.dataset, context: context)
        let pipeline = Pipeline(preprocessor: prepared.preprocessor, model: inner, omittedTrainingRows: prepared.omittedRows)
        return Result(saved: pipeline, inner: inner, dataset: prepared.dataset, omittedRows: prepared.omittedRows,
                      keptRows: prepared.keptRows, table: table)
    }

    private static func plain<E: Estimator>(_ dataset: Dataset, table: CSVTable?, context: ExecutionContext,
                                            build: (Dataset) throws -> E) throws -> Result<E.Fitted> {
        let estimator = try build(dataset)
        try estimator.validate()
        let inner = try estimator.fit(dataset, context: context)
        return Result(saved: inner, inner: inner, dataset: dataset, omittedRows: 0, keptRows: Array(0..<dataset.sampleCount), table: table)
    }

    /// The numeric dataset of the selected columns, refusing text columns all at once (with
    /// the options that handle them) before the per-cell checks of `Dataset`. A caller that
    /// passes its last reference to `table` (`consume`) lets `Dataset` cut the features out of
    /// the table's storage in place instead of copying the matrix first.
    static func numericDataset(_ table: consuming CSVTable, selection: ColumnSelection, task: LearningTask) throws -> Dataset {
        let options = try numericOptions(table, selection: selection, task: task)
        return try Dataset(table: consume table, options: options)
    }

    /// `numericDataset` stored column by column, for a regression: the same checks and messages.
    static func numericColumnDataset(_ table: consuming CSVColumnTable, selection: ColumnSelection) throws -> ColumnDataset {
        let options = try numericOptions(table.layout, selection: selection, task: .regression)
        return try ColumnDataset(table: consume table, options: options)
    }

    /// The dataset options of the selected columns of `table`, refusing text feature columns all
    /// at once (naming the options that handle them).
    private static func numericOptions(_ table: CSVTable, selection: ColumnSelection, task: LearningTask) throws -> DatasetOptions {
        let (features, target) = try selection.resolve(table, task: task)
        // Name lookups through one dictionary and one set: the linear searches they replace cost
        // O(p²) string comparisons, about a second at 10,000 columns (issue 16).
        // Sized once, and filled from the last column back so a repeated name ends up at its first
        // column with one hash per insertion (no lookup first, no regrowth: 14 at 10,000 columns).
        var firstColumn = [String: Int](minimumCapacity: table.columnCount)
        for j in table.columnNames.indices.reversed() { firstColumn[table.columnNames[j]] = j }
        let text = features.filter { name in firstColumn[name].map { table.firstText[$0] != nil } ?? false }
        if !text.isEmpty { throw PreprocessingError.textColumns(text, source: table.source) }
        let featureSet = Set(features)
        let drop = table.columnNames.filter { !featureSet.contains($0) && $0 != target }
        return DatasetOptions(task: task, target: target, drop: drop)
    }

    /// "omitted 11 of 344 rows with a missing cell (--missing omit)", on standard output.
    static func reportOmitted(_ count: Int, used: Int) {
        guard count > 0 else { return }
        Console.print("omitted \(count) of \(count + used) rows with a missing cell (--missing omit)")
    }
}
