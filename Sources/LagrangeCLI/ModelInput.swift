import Lagrange

/// How `predict` and `evaluate` feed a table to any model: a pipeline reads the raw columns
/// itself (text, missing cells), every other model gets its numeric feature columns by name.
enum ModelInput {
    static func outputs(_ model: any Model, table: CSVTable, decision: Bool, warnOmitted: Bool = true) throws -> PipelineOutputs {
        guard let pipeline = model as? any TableModel else {
            let x = try Dataset.features(named: model.featureNames, from: table)
            return PipelineOutputs(columns: try model.outputs(x, decision: decision), omittedRows: [])
        }
        for name in pipeline.featureNames where !table.columnNames.contains(name) {
            throw DataError(.unknownColumn, file: table.source,
                            "column '\(name)', an input of the model, is missing; the data must have every training feature column")
        }
        let outputs = try pipeline.outputs(try FeatureTable(table, columns: pipeline.featureNames), decision: decision)
        if warnOmitted, !outputs.omittedRows.isEmpty {
            Console.warn("\(outputs.omittedRows.count) of \(table.rowCount) rows have a missing cell and get an empty prediction (the model leaves incomplete rows out: --missing omit)")
        }
        return outputs
    }
}
