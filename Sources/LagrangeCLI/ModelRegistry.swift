import Foundation
import Lagrange

/// Every model kind the command line can load: `predict` and `inspect` work through the
/// library's `Model` contract, the same way for every family.
enum ModelRegistry {
    static let kinds: [any Model.Type] = [SVC.self, SVR.self, LinearModel.self, LogisticModel.self, PCAModel.self]

    /// Loads (and, through `ModelFile.decode`, validates) the model at `path`, whatever its kind.
    static func load(path: String) throws -> any Model {
        let data = try ModelFile.readData(path: path)
        let header = try ModelFile.header(of: data, path: path)
        guard let kind = kinds.first(where: { $0.modelKind == header.kind }) else {
            throw DataError(.modelFile, file: path,
                            "is a '\(header.kind)' model, which this lagrange (\(LagrangeVersion.current)) does not know")
        }
        return try decode(kind, data: data, path: path)
    }

    private static func decode<M: Model>(_ kind: M.Type, data: Data, path: String) throws -> any Model {
        try ModelFile.decode(kind, from: data, path: path)
    }
}
