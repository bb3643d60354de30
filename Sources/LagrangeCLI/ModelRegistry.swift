import Foundation
import Lagrange

/// A saved model as `predict` and `inspect` handle it. Each model family adds one adapter
/// (in its own file) and lists it in `ModelRegistry.adapters`.
protocol CLIModel {
    /// The `kind` tag of the model file (`PersistableModel.modelKind`).
    static var kind: String { get }
    /// Decodes the model file's bytes.
    init(data: Data, path: String) throws
    /// The training feature names, in the order `predict` needs them.
    var featureNames: [String] { get }
    /// The output columns for the rows of `features` (n × p, in `featureNames` order).
    func predict(_ features: Matrix, decision: Bool) throws -> [(name: String, column: CSVColumn)]
    /// A human-readable summary, the certificate included.
    func summary() -> String
    /// The same summary as JSON.
    func summaryJSON() throws -> String
}

enum ModelRegistry {
    /// Every model kind the command line can load.
    static let adapters: [CLIModel.Type] = [SVCModelAdapter.self, SVRModelAdapter.self, LinearModelAdapter.self, PCAModelAdapter.self]

    /// Loads the model at `path`, whatever its kind.
    static func load(path: String) throws -> CLIModel {
        let data = try ModelFile.readData(path: path)
        let header = try ModelFile.header(of: data, path: path)
        guard let adapter = adapters.first(where: { $0.kind == header.kind }) else {
            throw DataError(.modelFile, file: path,
                            "is a '\(header.kind)' model, which this lagrange (\(LagrangeVersion.current)) does not know")
        }
        return try adapter.init(data: data, path: path)
    }
}

extension CLIModel {
    /// JSON text of an `Encodable` summary, pretty-printed with sorted keys.
    func encodeSummary<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
