import Foundation

/// The version of Lagrange, written into every model file.
public enum LagrangeVersion {
    public static let current = "0.1.0"
}

/// A fitted model that can be saved: a stable `kind` tag, a format `version` that is raised
/// whenever the stored fields change meaning, and a check of everything a file could get wrong.
public protocol PersistableModel: Codable {
    static var modelKind: String { get }
    static var modelVersion: Int { get }
    /// Throws when the stored values cannot be a fitted model of this kind: sizes that disagree,
    /// indices out of range, non-finite numbers, illegal hyperparameters. `ModelFile.decode`
    /// runs it, so no damaged or hand-edited file reaches prediction (or an unsafe read).
    func validate() throws
}

/// What every model file starts with.
public struct ModelFileHeader: Codable, Equatable, Sendable {
    public static let formatTag = "lagrange-model"
    public var format: String
    public var kind: String
    public var version: Int
    public var lagrangeVersion: String
}

/// Versioned JSON model files: `{"format": "lagrange-model", "kind", "version",
/// "lagrangeVersion", "model": {…}}`. Doubles are written in shortest round-trip form, so
/// every number reads back bit for bit; non-finite numbers are written as strings.
public enum ModelFile {
    private struct Envelope<Model: Codable>: Codable {
        var format: String
        var kind: String
        var version: Int
        var lagrangeVersion: String
        var model: Model
    }

    public static func encode<M: PersistableModel>(_ model: M) throws -> Data {
        let envelope = Envelope(format: ModelFileHeader.formatTag, kind: M.modelKind, version: M.modelVersion,
                                lagrangeVersion: LagrangeVersion.current, model: model)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] // byte-for-byte reproducible
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(envelope)
    }

    /// Writes `model` to `path` atomically.
    public static func write<M: PersistableModel>(_ model: M, to path: String) throws {
        try AtomicFile.write(Array(try encode(model)), to: path)
    }

    /// Reads the bytes of a model file, with a clear error when it is missing.
    public static func readData(path: String) throws -> Data {
        guard FileManager.default.fileExists(atPath: path) else {
            throw DataError(.fileNotFound, file: path, "no such model file; check the path")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(.unreadable, file: path, "cannot read the model file")
        }
        return data
    }

    /// The header of a model file, checked to be a Lagrange model. A file that names the
    /// format but is not valid JSON (cut short by a full disk or an interrupted copy) is called
    /// damaged, not "no header".
    public static func header(of data: Data, path: String) throws -> ModelFileHeader {
        do {
            let header = try JSONDecoder().decode(ModelFileHeader.self, from: data)
            guard header.format == ModelFileHeader.formatTag else { throw DataError(.modelFile, file: path, "") }
            return header
        } catch {
            let namesTheFormat = data.prefix(4_096).range(of: Data("\"\(ModelFileHeader.formatTag)\"".utf8)) != nil
            if namesTheFormat, (try? JSONSerialization.jsonObject(with: data)) == nil {
                throw DataError(.modelFile, file: path, "is a damaged or truncated Lagrange model file (not valid JSON\(Self.jsonProblem(data))); restore it or refit the model")
            }
            throw DataError(.modelFile, file: path, "is not a Lagrange model file (no \"format\": \"lagrange-model\" header)")
        }
    }

    /// Where the JSON breaks off, when it ends inside an object (the usual truncation).
    private static func jsonProblem(_ data: Data) -> String {
        var depth = 0
        var inString = false, escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return depth > 0 || inString ? ": it ends after \(data.count) bytes, inside the model" : ""
    }

    /// Decodes a model of type `M`, refusing another kind, another version, or values that fail
    /// the model's `validate()`.
    public static func decode<M: PersistableModel>(_ type: M.Type, from data: Data, path: String) throws -> M {
        let header = try header(of: data, path: path)
        guard header.kind == M.modelKind else {
            throw DataError(.modelFile, file: path, "is a '\(header.kind)' model, not a '\(M.modelKind)' model")
        }
        guard header.version == M.modelVersion else {
            throw DataError(.modelFile, file: path,
                            "is a '\(header.kind)' model file of version \(header.version); this lagrange (\(LagrangeVersion.current)) reads version \(M.modelVersion) — refit the model")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let model: M
        do {
            model = try decoder.decode(Envelope<M>.self, from: data).model
        } catch {
            throw DataError(.modelFile, file: path, "is a damaged '\(header.kind)' model file: \(Self.describe(error))")
        }
        do {
            try model.validate()
        } catch {
            throw DataError(.modelFile, file: path, "is a damaged '\(header.kind)' model file: \(error)")
        }
        return model
    }

    /// Reads and decodes `path`.
    public static func read<M: PersistableModel>(_ type: M.Type, from path: String) throws -> M {
        try decode(type, from: try readData(path: path), path: path)
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, context):
            return "missing field '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
             let DecodingError.dataCorrupted(context):
            return "bad field '\(context.codingPath.map(\.stringValue).joined(separator: "."))' (\(context.debugDescription))"
        default:
            return "\(error)"
        }
    }
}
