import LinearAlgebra

/// A regression dataset with its features stored column by column: row j of `columns`
/// (p × n) is feature j. What `Dataset` is for a row-major fit, for fits that read one feature
/// at a time (coordinate descent); built from a `CSVColumnTable` without copying its numbers.
public struct ColumnDataset: Sendable {
    public var source: String
    /// p × n: row j holds feature j of every sample.
    public var columns: Matrix
    public var featureNames: [String]
    public var targetName: String
    public var target: [Double]

    public var sampleCount: Int { columns.columns }
    public var featureCount: Int { columns.rows }

    /// Cuts a numeric target and the features out of `table`, with the checks and messages of
    /// `Dataset(table:options:)` for a regression (`options.task` must be `.regression`). The
    /// features are the table's own storage with the other columns taken out in place
    /// (`Matrix.keepRows`; nothing moves when the target is the last column).
    public init(table: consuming CSVColumnTable, options: DatasetOptions) throws {
        precondition(options.task == .regression, "a column dataset holds a regression target")
        let (featureIndices, targetIndex) = try Dataset.columnRoles(table.layout, rowCount: table.rowCount, options: options)
        guard let targetIndex else { preconditionFailure("a regression always has a target column") }
        try Dataset.requireRegressionTarget(table.layout, column: targetIndex)
        source = table.layout.source
        featureNames = featureIndices.map { table.layout.columnNames[$0] }
        targetName = table.layout.columnNames[targetIndex]
        target = Array(table.columns.row(targetIndex))
        var values = table.columns
        table.columns = Matrix.zeros(0, 0)
        values.keepRows(featureIndices)
        columns = values
    }

    /// The row-major dataset of the same numbers (one transposition).
    public var dataset: Dataset {
        Dataset(source: source, features: columns.transposed, featureNames: featureNames, targetName: targetName,
                target: .values(target))
    }
}
