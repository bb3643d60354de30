import Lagrange

/// What `fit pca` and `inspect` print about a PCA model, certificate included.
enum PCASummary {
    /// Components listed in the table; the rest are summarized in one line (all are in the
    /// model file and in `inspect --json`).
    static let listedComponents = 20

    static func text(_ model: PCAModel, source: String? = nil) -> String {
        let route = model.route == .covariance ? "covariance route" : "SVD route"
        var text = "pca\(source.map { " on \($0)" } ?? ""): \(model.sampleCount) rows, \(model.featureCount) features → "
        text += "\(model.componentCount) component\(model.componentCount == 1 ? "" : "s")"
        text += " (\(route), LAPACK \(model.solver)\(model.whiten ? ", whitened" : ""))\n"
        var table = TextTable(header: ["component", "variance", "ratio", "cumulative", "singular value"])
        var cumulative = 0.0
        for c in 0..<model.componentCount {
            cumulative += model.explainedVarianceRatio[c]
            guard c < listedComponents else { continue }
            table.append(["pc\(c + 1)", TextTable.format(model.explainedVariance[c]), TextTable.format(model.explainedVarianceRatio[c]),
                          TextTable.format(cumulative), TextTable.format(model.singularValues[c])])
        }
        text += table.rendered
        if model.componentCount > listedComponents {
            text += "… \(model.componentCount - listedComponents) more components, cumulative ratio \(TextTable.format(cumulative)) (inspect --json lists them all)\n"
        }
        text += "total variance \(TextTable.format(model.totalVariance)); noise variance \(TextTable.format(model.noiseVariance));"
        text += " reconstruction error (mean ‖x − x̂‖² on the training rows) \(TextTable.format(model.trainingReconstructionError))\n"
        let certificate = model.certificate
        text += "certificate: max ‖Σv − λv‖ = \(TextTable.format(certificate.maxEigenResidual, significant: 3))"
        text += " (\(TextTable.format(certificate.relativeEigenResidual, significant: 3)) of λ₁),"
        text += " orthonormality error max|VVᵀ − I| = \(TextTable.format(certificate.orthonormalityError, significant: 3))"
        return text
    }

    struct JSONSummary: Encodable {
        var kind = PCAModel.modelKind
        var rows: Int
        var features: [String]
        var components: Int
        var route: String
        var solver: String
        var whiten: Bool
        var explainedVariance: [Double]
        var explainedVarianceRatio: [Double]
        var singularValues: [Double]
        var totalVariance: Double
        var noiseVariance: Double
        var trainingReconstructionError: Double
        var certificate: PCACertificate
    }

    static func json(_ model: PCAModel) -> JSONSummary {
        JSONSummary(rows: model.sampleCount, features: model.featureNames, components: model.componentCount,
                    route: model.route.rawValue, solver: model.solver, whiten: model.whiten,
                    explainedVariance: model.explainedVariance, explainedVarianceRatio: model.explainedVarianceRatio,
                    singularValues: model.singularValues, totalVariance: model.totalVariance,
                    noiseVariance: model.noiseVariance,
                    trainingReconstructionError: model.trainingReconstructionError, certificate: model.certificate)
    }
}
