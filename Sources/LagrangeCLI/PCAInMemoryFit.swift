import Lagrange

/// `lagrange fit pca` with preprocessing or column options: the table is read whole (levels,
/// fill values and scales need every row), then PCA is fitted on the preprocessed columns.
/// `--scale standard` divides by the sample standard deviation (n − 1), so the covariance of
/// the scaled columns is their correlation matrix: R's `prcomp(scale. = TRUE)`.
enum PCAInMemoryFit {
    static func run(options: some DataInput, preprocessing: PreprocessingOptions, label: String?,
                    parameters: PCAParameters) throws -> PCAStreamingFit.Result {
        let fit = try PreprocessedFit.fit(data: options, preprocessing: preprocessing, task: .unsupervised,
                                          context: ExecutionContext(), standardDeviation: .sample,
                                          reserved: label.map { [$0] } ?? []) { _ in parameters }
        var sample = PCAReportSample(featureCount: fit.dataset.featureCount)
        let labels: [String?]? = label.flatMap { name in
            fit.table.flatMap { table in
                table.columnNames.firstIndex(of: name).map { j in
                    table.textColumns[j] ?? table.values.column(j).map { $0.isNaN ? nil : NumberFormatting.shortest($0) }
                }
            }
        }
        sample.offer(fit.dataset.features, columns: Array(0..<fit.dataset.featureCount)) { row in
            labels.flatMap { $0[fit.keptRows[row]] }
        }
        return PCAStreamingFit.Result(model: fit.inner, sample: sample, source: fit.dataset.source, saved: fit.saved,
                                      omittedRows: fit.omittedRows)
    }
}
