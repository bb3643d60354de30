import Foundation
import DataIO
import LinearAlgebra
import Modeling

/// In a model file: `{"preprocessor": {…}, "innerKind": "svc", "innerVersion": 1,
/// "inner": {…the svc model's own fields…}, "omittedTrainingRows": 0}`.
extension Pipeline: Codable {
    private enum CodingKeys: String, CodingKey {
        case preprocessor, innerKind, innerVersion, inner, omittedTrainingRows
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(String.self, forKey: .innerKind)
        let version = try c.decode(Int.self, forKey: .innerVersion)
        guard kind == Inner.modelKind, version == Inner.modelVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .innerKind, in: c,
                debugDescription: "the inner model is a '\(kind)' of version \(version), read as a '\(Inner.modelKind)' of version \(Inner.modelVersion)")
        }
        preprocessor = try c.decode(Preprocessor.self, forKey: .preprocessor)
        model = try c.decode(Inner.self, forKey: .inner)
        omittedTrainingRows = try c.decode(Int.self, forKey: .omittedTrainingRows)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(preprocessor, forKey: .preprocessor)
        try c.encode(Inner.modelKind, forKey: .innerKind)
        try c.encode(Inner.modelVersion, forKey: .innerVersion)
        try c.encode(model, forKey: .inner)
        try c.encode(omittedTrainingRows, forKey: .omittedTrainingRows)
    }
}

extension Pipeline: PersistableModel {
    public static var modelKind: String { "pipeline" }
    public static var modelVersion: Int { 1 }

    /// The preprocessor's and the inner model's own checks, and that they fit together: the
    /// preprocessor's output columns are the inner model's features, in order.
    public func validate() throws {
        try preprocessor.validate()
        try model.validate()
        guard preprocessor.outputNames == model.featureNames else {
            throw LagrangeError.shapeMismatch("the preprocessor's \(preprocessor.outputNames.count) output columns are not the inner model's \(model.featureNames.count) features")
        }
        guard omittedTrainingRows >= 0 else {
            throw LagrangeError.invalidData("omittedTrainingRows must be ≥ 0")
        }
    }
}

/// Reads the kind of the model inside a pipeline file, so a caller that knows several kinds
/// (the command line's registry) can choose `Pipeline<Kind>` to decode it.
public enum PipelineFile {
    private struct Peek: Decodable {
        struct Inner: Decodable { var innerKind: String }
        var model: Inner
    }

    public static func innerKind(of data: Data, path: String) throws -> String {
        do {
            return try JSONDecoder().decode(Peek.self, from: data).model.innerKind
        } catch {
            throw DataError(.modelFile, file: path, "is a damaged 'pipeline' model file: no 'model.innerKind' field")
        }
    }
}
