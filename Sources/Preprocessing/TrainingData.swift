import DataIO
import LinearAlgebra

/// Raw training data: feature columns as the file has them and the raw target column, before
/// any row is left out or any cell filled.
public struct TrainingData: Sendable {
    /// A raw target column.
    public enum TargetColumn: Sendable, Equatable {
        /// Regression: numbers, NaN where missing.
        case values([Double])
        /// Classification: labels as written, nil where missing.
        case labels([String?])
    }

    public let features: FeatureTable
    public let targetName: String?
    public let target: TargetColumn?
    public let task: LearningTask

    public init(features: FeatureTable, targetName: String?, target: TargetColumn?, task: LearningTask) throws {
        if let target {
            let count: Int
            switch target {
            case let .values(values): count = values.count
            case let .labels(labels): count = labels.count
            }
            guard count == features.rowCount else {
                throw LagrangeError.shapeMismatch("\(features.rowCount) feature rows but \(count) target values")
            }
        }
        self.features = features
        self.targetName = targetName
        self.target = target
        self.task = task
    }

    /// The raw form of a numeric dataset (NaN features are missing cells).
    public init(_ dataset: Dataset) throws {
        var target: TargetColumn?
        var task = LearningTask.unsupervised
        switch dataset.target {
        case let .values(y)?:
            target = .values(y)
            task = .regression
        case let .labels(codes, encoding)?:
            target = .labels(codes.map { encoding.classes[$0] })
            task = .classification
        case nil:
            break
        }
        try self.init(features: try FeatureTable(dataset.features, names: dataset.featureNames, source: dataset.source),
                      targetName: dataset.targetName, target: target, task: task)
    }

    /// Features and target cut out of `table` by `selection`. A regression target with text is
    /// refused (located); missing target cells are kept for `Pipeline` fitting to refuse or omit.
    /// For classification, read the table with `CSVOptions.keepText` on the target so numeric
    /// labels keep their written form (as `DataLoader` does).
    public init(table: CSVTable, selection: ColumnSelection, task: LearningTask) throws {
        let (names, targetName) = try selection.resolve(table, task: task)
        guard table.rowCount >= 2 else {
            throw DataError(.tooFewRows, file: table.source, "has \(table.rowCount) data row; at least 2 are needed")
        }
        var target: TargetColumn?
        if let targetName {
            let j = try table.columnIndex(targetName)
            switch task {
            case .regression:
                if let text = table.firstText[j] {
                    throw DataError(.nonNumeric, file: table.source, line: text.line, column: j + 1,
                                    "non-numeric value '\(text.text ?? "")' in the target column '\(targetName)' of a regression; choose a numeric --target")
                }
                if let bad = table.firstNonFinite[j] {
                    throw DataError(.nonFinite, file: table.source, line: bad.line, column: j + 1,
                                    "non-finite value in the target column '\(targetName)'")
                }
                target = .values(table.values.column(j))
            case .classification:
                target = .labels(table.textColumns[j] ?? table.values.column(j).map { $0.isNaN ? nil : NumberFormatting.shortest($0) })
            case .unsupervised:
                target = nil
            }
        }
        try self.init(features: try FeatureTable(table, columns: names), targetName: targetName, target: target, task: task)
    }

    /// Whether row `i` of the target is missing.
    func targetMissing(_ i: Int) -> Bool {
        switch target {
        case let .values(values)?: return values[i].isNaN
        case let .labels(labels)?: return labels[i] == nil
        case nil: return false
        }
    }

    /// The target at `rows` as a `Dataset` target; a classifier needs two classes.
    func target(at rows: [Int]) throws -> Target? {
        switch target {
        case nil:
            return nil
        case let .values(values)?:
            return .values(rows.map { values[$0] })
        case let .labels(labels)?:
            let kept = rows.map { labels[$0] ?? "" }
            let encoding = LabelEncoding(fitting: kept)
            if task == .classification, encoding.count < 2 {
                throw DataError(.singleClass, file: features.source,
                                "the target column '\(targetName ?? "")' has a single class ('\(encoding.classes.first ?? "")') in the rows used; a classifier needs at least two")
            }
            return .labels(codes: encoding.encode(kept)!, encoding: encoding)
        }
    }
}
