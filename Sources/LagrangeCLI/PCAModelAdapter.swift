import Foundation
import Lagrange

/// PCA models for `predict` (columns pc1…pck) and `inspect`.
struct PCAModelAdapter: CLIModel {
    static let kind = PCAModel.modelKind
    let model: PCAModel

    init(data: Data, path: String) throws {
        model = try ModelFile.decode(PCAModel.self, from: data, path: path)
    }

    var featureNames: [String] { model.featureNames }

    func predict(_ features: Matrix, decision: Bool) throws -> [(name: String, column: CSVColumn)] {
        if decision { Console.warn("--decision applies to classifiers; a PCA model writes its scores only") }
        let scores = try model.transform(features)
        return (0..<model.componentCount).map { c in ("pc\(c + 1)", .numbers(scores.column(c))) }
    }

    func summary() -> String { PCASummary.text(model) }

    func summaryJSON() throws -> String { try encodeSummary(PCASummary.json(model)) }
}
