import Foundation
import Lagrange

/// How the command line shows any model and any certificate: from the library's contract
/// (`ModelDescription`, `Certificate`), never per family.
enum ModelRendering {
    /// The certificate as aligned lines under `title`.
    static func certificate<C: Certificate>(_ certificate: C, title: String) -> String {
        var rows = certificate.quantities.map { quantity -> (String, String) in
            let value = quantity.measure.isCount ? "\(Int(quantity.value))" : TextTable.format(quantity.value, significant: 10)
            return (quantity.measure.label, value)
        }
        rows.append(("tolerance", TextTable.format(certificate.tolerance, significant: 3)))
        rows.append(("converged", certificate.converged ? "yes" : "no"))
        let width = rows.map(\.0.count).max() ?? 0
        return title + "\n" + rows.map { "  " + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
            .joined(separator: "\n") + "\n"
    }

    /// The human-readable summary of a model, certificate included.
    static func summary<M: Model>(_ model: M) -> String {
        let description = model.modelDescription
        var text = description.title + "\n"
        text += "trained on \(description.samples) samples × \(description.features.count) features"
        text += description.target.map { ", target '\($0)'" } ?? ""
        text += "\n"
        for fact in description.facts { text += "\(fact.label): \(value(fact.value))\n" }
        for table in description.tables {
            var rendered = TextTable(header: table.header)
            for row in table.rows { rendered.append(row.map(value)) }
            text += table.title + "\n" + rendered.rendered
        }
        text += certificate(model.certificate, title: description.certificateTitle)
        return text
    }

    /// `inspect --json`: one schema for every family — the description's fields, the
    /// certificate under the one naming scheme, and the model file's own fields under "model".
    static func json<M: Model>(_ model: M) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(Inspection(model)), as: UTF8.self)
    }

    static func value(_ value: ModelDescription.Value) -> String {
        switch value {
        case let .number(number): return TextTable.format(number)
        case let .count(count): return "\(count)"
        case let .text(text): return text
        }
    }

    private struct Inspection<M: Model>: Encodable {
        let model: M
        init(_ model: M) { self.model = model }

        private enum Keys: String, CodingKey {
            case kind, title, samples, features, target, facts, certificate, model
        }

        private struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ string: String) { stringValue = string }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: Encoder) throws {
            let description = model.modelDescription
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(description.kind, forKey: .kind)
            try c.encode(description.title, forKey: .title)
            try c.encode(description.samples, forKey: .samples)
            try c.encode(description.features, forKey: .features)
            try c.encode(description.target, forKey: .target)
            var facts = c.nestedContainer(keyedBy: AnyKey.self, forKey: .facts)
            for fact in description.facts { try facts.encode(fact.value, forKey: AnyKey(fact.label)) }
            var certificate = c.nestedContainer(keyedBy: AnyKey.self, forKey: .certificate)
            try certificate.encode(model.certificate.converged, forKey: AnyKey("converged"))
            try certificate.encode(model.certificate.tolerance, forKey: AnyKey("tolerance"))
            for quantity in model.certificate.quantities {
                try certificate.encode(quantity.value, forKey: AnyKey(quantity.measure.rawValue))
            }
            try c.encode(model, forKey: .model)
        }
    }
}
