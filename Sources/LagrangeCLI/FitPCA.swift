import ArgumentParser
import Foundation
import Lagrange

/// `lagrange fit pca`: principal components of a CSV file, streamed in O(p²) memory.
struct FitPCA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pca",
        abstract: "Principal component analysis: eigenvectors of the sample covariance (n − 1), with a certificate.",
        discussion: "Every column except --drop and --label is a feature (PCA has no target). The CSV file is streamed: memory "
            + "is O(p²) plus one block, whatever the number of rows. Keeps --components K, or the smallest K reaching --variance F "
            + "of the total variance, or every component. Components are signed so that the largest-|loading| entry is positive "
            + "(scikit-learn's svd_flip signs the scores instead: directions agree up to one sign per component)."
    )

    @OptionGroup var dataOptions: PCADataOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Keep this many components (default: all, min(rows, features), unless --variance is given).", valueName: "k"))
    var components: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Keep the fewest components explaining this fraction of the variance, in (0, 1].", valueName: "fraction"))
    var variance: Double?

    @Flag(help: "Scale the scores to unit variance.")
    var whiten = false

    @Option(help: ArgumentHelp("Write the fitted model here (JSON, atomically; without it the fit is only printed).", valueName: "file"))
    var model: String?

    @Option(help: ArgumentHelp("Write an HTML report here: scree plot, score scatter, loadings.", valueName: "file"))
    var report: String?

    @Option(help: ArgumentHelp("A column of labels to colour the report's score scatter (left out of the features).", valueName: "column"))
    var label: String?

    @OptionGroup var preprocessing: PreprocessingOptions

    @OptionGroup var statistics: StatisticsInputOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if components != nil, variance != nil {
            throw ValidationError("give --components or --variance, not both")
        }
        try statistics.check(data: dataOptions)
        if statistics.isActive, label != nil { throw ValidationError("--label needs the rows; fit from --data to colour the report") }
    }

    var parameters: PCAParameters {
        let selection: ComponentSelection = components.map { .count($0) } ?? variance.map { .varianceFraction($0) } ?? .all
        return PCAParameters(components: selection, whiten: whiten)
    }

    func run() throws {
        output.apply()
        try OutputPlan.check(inputs: [dataOptions.data], outputs: [("--model", model), ("--report", report)])
        let parameters = self.parameters
        try parameters.validate()
        // From merged statistics; with preprocessing, from the whole table in memory (levels,
        // fills, scales); otherwise the file is streamed.
        let fit = statistics.isActive
            ? try StatisticsFits.pca(statistics.stats, options: dataOptions, parameters: parameters)
            : preprocessing.transforms || preprocessing.selectsColumns
            ? try PCAInMemoryFit.run(options: dataOptions, preprocessing: preprocessing, label: label, parameters: parameters)
            : try PCAStreamingFit.run(options: dataOptions, label: label, parameters: parameters)
        if let model { try ModelFile.write(fit.saved, to: model) }
        if let report {
            let page = try PCAReportInput.make(model: fit.model, sample: fit.sample, source: fit.source, labelName: label)
            try AtomicFile.write(PCAReport.render(page), to: report)
        }
        Console.print("pca on \(fit.source)")
        PreprocessedFit.reportOmitted(fit.omittedRows, used: fit.model.sampleCount)
        Console.print(ModelRendering.summary(fit.saved).trimmingCharacters(in: .newlines))
        let written = [model.map { "model written to \($0)" }, report.map { "report written to \($0)" }].compactMap { $0 }
        if !written.isEmpty { Console.print(written.joined(separator: "; ")) }
    }
}
