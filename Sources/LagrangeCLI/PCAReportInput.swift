import Lagrange

/// Fills the Reports module's plain `PCAReportData` from a fitted model and the sampled rows.
enum PCAReportInput {
    static func make(model: PCAModel, sample: PCAReportSample, source: String, labelName: String?) throws -> PCAReportData {
        let scores = try model.transform(sample.matrix)
        let twoComponents = model.componentCount >= 2
        let labels = labelName == nil ? nil : sample.labels.map { $0 ?? "(missing)" }
        return PCAReportData(source: source, sampleCount: model.sampleCount, featureNames: model.featureNames,
                             explainedVarianceRatio: model.explainedVarianceRatio,
                             spectrumRatio: model.spectrum.map { s in s.map { model.totalVariance > 0 ? $0 / model.totalVariance : 0 } },
                             explainedVariance: model.explainedVariance, loadings: model.components,
                             firstScores: twoComponents ? scores.column(0) : [],
                             secondScores: twoComponents ? scores.column(1) : [],
                             labels: labels, labelName: labelName, whiten: model.whiten,
                             maxEigenResidual: model.certificate.maximumEigenResidual,
                             orthonormalityError: model.certificate.orthonormalityError)
    }
}
