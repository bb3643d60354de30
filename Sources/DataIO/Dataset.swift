import LinearAlgebra

/// What the target column is for, which decides how it is read.
public enum LearningTask: Sendable {
    /// Labels kept as given (strings or numbers); at least two classes.
    case classification
    /// A numeric target.
    case regression
    /// No target unless one is named; every other column is a feature.
    case unsupervised
}

/// The target of a supervised problem.
public enum Target: Sendable, Equatable {
    case values([Double])
    case labels(codes: [Int], encoding: LabelEncoding)
}

/// Features (n × p, row-major), their names, and the target.
public struct Dataset: Sendable {
    public var source: String
    public var features: Matrix
    public var featureNames: [String]
    public var targetName: String?
    public var target: Target?

    public init(source: String, features: Matrix, featureNames: [String], targetName: String? = nil, target: Target? = nil) {
        self.source = source
        self.features = features
        self.featureNames = featureNames
        self.targetName = targetName
        self.target = target
    }

    public var sampleCount: Int { features.rows }
    public var featureCount: Int { features.columns }

    /// The numeric target, for regression.
    public var targetValues: [Double]? {
        if case let .values(y) = target { return y }
        return nil
    }

    /// The class codes and their encoding, for classification.
    public var targetLabels: (codes: [Int], encoding: LabelEncoding)? {
        if case let .labels(codes, encoding) = target { return (codes, encoding) }
        return nil
    }
}

/// How a dataset is cut out of a table.
public struct DatasetOptions: Sendable {
    /// The target column; nil means the last column (supervised) or none (unsupervised).
    public var target: String?
    /// Columns left out entirely.
    public var drop: [String]
    public var task: LearningTask

    public init(task: LearningTask, target: String? = nil, drop: [String] = []) {
        self.task = task
        self.target = target
        self.drop = drop
    }
}

extension Dataset {
    /// Cuts features and target out of `table`, with located errors for anything unusable: an
    /// unknown column, text or missing or non-finite features, a non-numeric regression
    /// target, a missing label, fewer than two rows or a single class. Numeric class labels
    /// keep their written text only if the table was read with `CSVOptions.keepText` for the
    /// target (as `DataLoader` does); otherwise they are rendered in shortest form.
    ///
    /// (Details of the checks:) an
    /// unknown column, text or missing or non-finite features, a non-numeric regression
    /// target, a missing label, fewer than two rows or a single class.
    ///
    /// The features are cut out of the table's own storage in place (`Matrix.keepColumns`), so
    /// a table handed over for good (`DataLoader`) costs no second copy of the numbers; a table
    /// the caller keeps using is copied once, as before.
    public init(table: consuming CSVTable, options: DatasetOptions) throws {
        let (featureIndices, targetIndex) = try Self.columnRoles(table, options: options)
        source = table.source
        featureNames = featureIndices.map { table.columnNames[$0] }
        targetName = targetIndex.map { table.columnNames[$0] }
        target = try targetIndex.map { try Self.readTarget(table, column: $0, task: options.task) }
        // The target is read; now the table's numbers become the features.
        var values = table.values
        table.values = Matrix.zeros(0, 0)
        values.keepColumns(featureIndices)
        features = values
    }

    /// The feature columns (increasing) and the target column of `table` under `options`, after
    /// the checks every dataset makes: known dropped and target columns, at least one feature,
    /// at least two rows (`rowCount`, since a column-major table's `values` is empty) and
    /// numeric features.
    static func columnRoles(_ table: CSVTable, rowCount: Int? = nil, options: DatasetOptions) throws -> (features: [Int], target: Int?) {
        let rowCount = rowCount ?? table.rowCount
        // Set lookups: a long drop list (every column but a few) against thousands of columns
        // would otherwise cost O(p²) string comparisons.
        let dropped = Set(options.drop)
        if !dropped.isEmpty {
            let names = Set(table.columnNames)
            for name in options.drop where !names.contains(name) { _ = try table.columnIndex(name) }
        }
        var targetIndex: Int?
        if let name = options.target {
            targetIndex = try table.columnIndex(name)
            if dropped.contains(name) {
                throw DataError(.unknownColumn, file: table.source, "the target '\(name)' is also among the dropped columns")
            }
        } else if options.task != .unsupervised {
            targetIndex = table.columnCount - 1
            let name = table.columnNames[table.columnCount - 1]
            if dropped.contains(name) {
                throw DataError(.unknownColumn, file: table.source,
                                "the target '\(name)' (the last column, the default target) is also among the dropped columns; name another target")
            }
        }
        let featureIndices = table.columnNames.indices.filter { $0 != targetIndex && !dropped.contains(table.columnNames[$0]) }
        guard !featureIndices.isEmpty else {
            throw DataError(.notEnoughColumns, file: table.source, "no feature columns are left after taking out the target and the dropped columns\(table.delimiterHint)")
        }
        guard rowCount >= 2 else {
            throw DataError(.tooFewRows, file: table.source, "has \(rowCount) data row; at least 2 are needed")
        }
        try table.requireNumeric(featureIndices)
        return (featureIndices, targetIndex)
    }

    private static func readTarget(_ table: CSVTable, column j: Int, task: LearningTask) throws -> Target {
        let name = table.columnNames[j]
        if let missing = table.firstMissing[j] {
            throw DataError(.missingValue, file: table.source, line: missing.line, column: j + 1,
                            "missing value in the target column '\(name)'; remove the row or fill it in")
        }
        switch task {
        case .regression:
            try requireRegressionTarget(table, column: j)
            return .values(table.values.column(j))
        case .classification, .unsupervised:
            let labels: [String]
            if let text = table.textColumns[j] {
                labels = text.map { $0 ?? "" }
            } else {
                labels = table.values.column(j).map(NumberFormatting.shortest)
            }
            let encoding = LabelEncoding(fitting: labels)
            if task == .classification, encoding.count < 2 {
                throw DataError(.singleClass, file: table.source, column: j + 1,
                                "the target column '\(name)' has a single class ('\(encoding.classes.first ?? "")'); a classifier needs at least two")
            }
            return .labels(codes: encoding.encode(labels)!, encoding: encoding)
        }
    }

    /// Throws unless column `j` of `table` can be a regression target: a located error for its
    /// first missing cell, then its first text cell (naming the column), then its first
    /// non-finite cell.
    static func requireRegressionTarget(_ table: CSVTable, column j: Int) throws {
        if let missing = table.firstMissing[j] {
            throw DataError(.missingValue, file: table.source, line: missing.line, column: j + 1,
                            "missing value in the target column '\(table.columnNames[j])'; remove the row or fill it in")
        }
        if let text = table.firstText[j] {
            throw DataError(.nonNumeric, file: table.source, line: text.line, column: j + 1,
                            "non-numeric value '\(text.text ?? "")' in the target column '\(table.columnNames[j])' of a regression; choose a numeric target column")
        }
        try table.requireNumeric([j])
    }

    /// The training feature columns, by name, out of a table for prediction. Other columns
    /// (the target among them) are ignored.
    public static func features(named names: [String], from table: CSVTable) throws -> Matrix {
        for name in names where !table.columnNames.contains(name) {
            throw DataError(.unknownColumn, file: table.source,
                            "column '\(name)', a feature of the model, is missing; the data must have every training feature column\(table.delimiterHint)")
        }
        return try table.numericColumns(names, remedy: "the model was trained on it as a number, so fix or remove the row")
    }
}
