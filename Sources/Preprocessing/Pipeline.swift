import DataIO
import LinearAlgebra
import Modeling

/// A fitted preprocessing stage and the model fitted on its output, saved together (model file
/// kind `pipeline`), so that prediction on raw rows — text levels, missing cells, unscaled
/// numbers — gives what the fit saw. The same idea as scikit-learn's `Pipeline` and R's
/// `model.matrix` kept with a fit.
///
/// The inner model is any family: it is stored under `inner` with its own kind and version
/// (`innerKind`, `innerVersion`), checked on decode like a model file of its own. The
/// pipeline's `featureNames` are the raw input columns; the inner model's are the encoded ones.
public struct Pipeline<Inner: Model>: Sendable, Equatable {
    public let preprocessor: Preprocessor
    public let model: Inner
    /// Training rows left out for a missing cell (`omit`).
    public let omittedTrainingRows: Int

    public init(preprocessor: Preprocessor, model: Inner, omittedTrainingRows: Int = 0) {
        self.preprocessor = preprocessor
        self.model = model
        self.omittedTrainingRows = omittedTrainingRows
    }

    /// Output columns for the rows of `table`, one row per input row in order: a row left out
    /// by `omit` gets an empty cell (NaN or "") in every column.
    public func outputs(_ table: FeatureTable, decision: Bool) throws -> PipelineOutputs {
        let rows = try preprocessor.transform(table)
        let inner = try model.outputs(rows.features, decision: decision)
        let columns = inner.map { column -> OutputColumn in
            switch column.values {
            case let .numbers(values):
                var full = [Double](repeating: .nan, count: table.rowCount)
                for (k, i) in rows.keptRows.enumerated() { full[i] = values[k] }
                return OutputColumn(column.name, .numbers(full))
            case let .text(values):
                var full = [String](repeating: "", count: table.rowCount)
                for (k, i) in rows.keptRows.enumerated() { full[i] = values[k] }
                return OutputColumn(column.name, .text(full))
            }
        }
        return PipelineOutputs(columns: columns, omittedRows: rows.omittedRows)
    }

    /// The raw rows of a numeric matrix in `featureNames` order (NaN = missing) as a table.
    func table(_ x: Matrix) throws -> FeatureTable {
        try FeatureTable(x, names: preprocessor.inputNames)
    }

    /// Spreads `kept` rows (n_kept × k) back over `rows.keptRows` of an n-row matrix, NaN elsewhere.
    static func spread(_ kept: Matrix, over rows: PreprocessedRows, count: Int) throws -> Matrix {
        var full = Matrix(rows: count, columns: kept.columns, repeating: .nan)
        for (k, i) in rows.keptRows.enumerated() {
            for j in 0..<kept.columns { full[i, j] = kept[k, j] }
        }
        return full
    }
}

/// What a pipeline outputs for a table: its columns (one row per input row) and the rows it
/// left out for a missing cell under `omit`.
public struct PipelineOutputs: Sendable {
    public let columns: [OutputColumn]
    public let omittedRows: [Int]

    public init(columns: [OutputColumn], omittedRows: [Int]) {
        self.columns = columns
        self.omittedRows = omittedRows
    }
}

/// A model that reads raw tables (text, missing cells) itself: the command line's `predict`
/// and `evaluate` hand it the table instead of a numeric matrix.
public protocol TableModel: Model {
    var preprocessor: Preprocessor { get }
    func outputs(_ table: FeatureTable, decision: Bool) throws -> PipelineOutputs
    /// The model inside, fitted on the preprocessed columns.
    var innerModel: any Model { get }
}

extension Pipeline: TableModel {
    public var innerModel: any Model { model }
}
