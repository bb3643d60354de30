import Foundation
import Lagrange

/// Every model kind the command line can load: `predict` and `inspect` work through the
/// library's `Model` contract, the same way for every family.
enum ModelRegistry {
    static let kinds: [any Model.Type] = [SVC.self, SVR.self, NuSVC.self, NuSVR.self, OneClassSVM.self, LinearModel.self, LogisticModel.self, PCAModel.self]

    /// Loads (and, through `ModelFile.decode`, validates) the model at `path`, whatever its kind.
    static func load(path: String) throws -> any Model {
        let data = try ModelFile.readData(path: path)
        let header = try ModelFile.header(of: data, path: path)
        if header.kind == "pipeline" { return try loadPipeline(data: data, path: path) }
        guard let kind = kinds.first(where: { $0.modelKind == header.kind }) else {
            throw DataError(.modelFile, file: path,
                            "is a '\(header.kind)' model, which this lagrange (\(LagrangeVersion.current)) does not know")
        }
        return try decode(kind, data: data, path: path)
    }

    private static func decode<M: Model>(_ kind: M.Type, data: Data, path: String) throws -> any Model {
        try ModelFile.decode(kind, from: data, path: path)
    }

    /// A pipeline around any of `kinds`: decoded as `Pipeline<Kind>`.
    private static func loadPipeline(data: Data, path: String) throws -> any Model {
        let inner = try PipelineFile.innerKind(of: data, path: path)
        guard let kind = kinds.first(where: { $0.modelKind == inner }) else {
            throw DataError(.modelFile, file: path, "is a pipeline around a '\(inner)' model, which this lagrange (\(LagrangeVersion.current)) does not know")
        }
        return try decodePipeline(kind, data: data, path: path)
    }

    private static func decodePipeline<M: Model>(_ kind: M.Type, data: Data, path: String) throws -> any Model {
        try ModelFile.decode(Pipeline<M>.self, from: data, path: path)
    }
}
