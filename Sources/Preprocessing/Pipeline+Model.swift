import DataIO
import Foundation
import LinearAlgebra
import Modeling

/// A pipeline is a model of the contract: its certificate is the inner model's, its features
/// the raw input columns. A matrix given to it holds those columns in order, NaN meaning
/// missing; a text column's cells must then be numbers whose shortest form is a level (a
/// table, `outputs(_: FeatureTable, …)`, carries text itself).
extension Pipeline: Model {
    public var certificate: Inner.ModelCertificate { model.certificate }
    public var featureNames: [String] { preprocessor.inputNames }
    public var targetName: String? { model.targetName }
    /// Rows the inner model was fitted on (after `omit`).
    public var sampleCount: Int { model.sampleCount }
    public var hasDecisionValues: Bool { model.hasDecisionValues }

    public func outputs(_ x: Matrix, decision: Bool) throws -> [OutputColumn] {
        try outputs(table(x), decision: decision).columns
    }

    public var modelDescription: ModelDescription {
        let inner = model.modelDescription
        var facts: [ModelDescription.Fact] = [
            .init("preprocessing", .text(preprocessor.summary)),
            .init("encoded features", .text("\(preprocessor.outputNames.count) from \(preprocessor.inputs.count) input columns")),
        ]
        if omittedTrainingRows > 0 {
            facts.append(.init("training rows omitted (missing cells)", .count(omittedTrainingRows)))
        }
        return ModelDescription(
            kind: Self.modelKind, title: "pipeline → \(inner.title)", samples: sampleCount, features: featureNames,
            target: targetName, facts: facts + inner.facts, tables: preprocessor.tables + inner.tables,
            certificateTitle: inner.certificateTitle)
    }
}

extension Pipeline: Classifier where Inner: Classifier {
    public var classes: [String] { model.classes }

    /// Class labels; "" for a row left out by `omit`.
    public func predict(_ x: Matrix) throws -> [String] {
        let rows = try preprocessor.transform(table(x))
        var labels = [String](repeating: "", count: x.rows)
        for (label, i) in zip(try model.predict(rows.features), rows.keptRows) { labels[i] = label }
        return labels
    }

    /// The inner model's decision values; NaN rows for rows left out by `omit`.
    public func decisionFunction(_ x: Matrix) throws -> Matrix {
        let rows = try preprocessor.transform(table(x))
        return try Self.spread(try model.decisionFunction(rows.features), over: rows, count: x.rows)
    }
}

extension Pipeline: Regressor where Inner: Regressor {
    /// Predictions; NaN for a row left out by `omit`.
    public func predict(_ x: Matrix) throws -> [Double] {
        let rows = try preprocessor.transform(table(x))
        var values = [Double](repeating: .nan, count: x.rows)
        for (value, i) in zip(try model.predict(rows.features), rows.keptRows) { values[i] = value }
        return values
    }
}

extension Pipeline: Transformer where Inner: Transformer {
    /// The inner model's coordinates; NaN rows for rows left out by `omit`.
    public func transform(_ x: Matrix) throws -> Matrix {
        let rows = try preprocessor.transform(table(x))
        return try Self.spread(try model.transform(rows.features), over: rows, count: x.rows)
    }
}

extension Preprocessor {
    /// One line: "missing: mean; text: one-hot (first level dropped), unknown levels → error; scaling: standard (population sd)".
    public var summary: String {
        var parts = ["missing: \(missing.rawValue)"]
        let categorical = inputs.compactMap { input -> Bool? in
            if case let .categorical(_, dropFirst, _) = input.encoding { return dropFirst }
            return nil
        }
        if let dropFirst = categorical.first {
            parts.append("text: one-hot\(dropFirst ? " (first level dropped)" : ""), unknown levels → \(unknownLevels == .ignore ? "zeros" : "error")")
        }
        switch scalingMethod {
        case .none: parts.append("scaling: none")
        case .standard: parts.append("scaling: standard (\(standardDeviation == .sample ? "sample sd, n − 1" : "population sd, n"))")
        case .minMax: parts.append("scaling: minmax to [−1, 1]")
        }
        return parts.joined(separator: "; ")
    }

    /// The input columns (kind and what was learned) and, with scaling, each output column's
    /// center and scale.
    public var tables: [ModelDescription.Table] {
        let inputRows: [[ModelDescription.Value]] = inputs.map { input in
            switch input.encoding {
            case let .numeric(fill):
                return [.text(input.name), .text("number"), fill.map { .number($0) } ?? .text("—"), .text("")]
            case let .categorical(levels, dropFirst, fill):
                let shown = levels.prefix(12).joined(separator: ", ") + (levels.count > 12 ? ", … (\(levels.count))" : "")
                return [.text(input.name), .text("text, one-hot\(dropFirst ? " (drop '\(levels[0])')" : "")"),
                        fill.map { .text($0) } ?? .text("—"), .text(shown)]
            }
        }
        var tables = [ModelDescription.Table(title: "input columns", header: ["column", "kind", "fill", "levels"], rows: inputRows)]
        if let scaling {
            let rows: [[ModelDescription.Value]] = outputNames.indices.map {
                [.text(outputNames[$0]), .number(scaling.means[$0]), .number(scaling.scales[$0])]
            }
            tables.append(.init(title: "scaling: z = (x − center) / scale", header: ["column", "center", "scale"], rows: rows))
        }
        return tables
    }
}
