import ArgumentParser
import Foundation
import Lagrange

/// `lagrange fit pca`: principal components of a CSV file, streamed in O(p²) memory.
struct FitPCA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pca",
        abstract: "Principal component analysis: eigenvectors of the sample covariance (n − 1), with a certificate.",
        discussion: """
        Every column except --drop, --target and --label is a feature. The CSV file is streamed:
        memory is O(p²) plus one block, whatever the number of rows. Keeps --components K, or the
        smallest K reaching --variance F of the total variance, or every component.
        """
    )

    @OptionGroup var dataOptions: DataOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Keep this many components.", valueName: "k"))
    var components: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Keep the fewest components explaining this fraction of the variance, in (0, 1].", valueName: "fraction"))
    var variance: Double?

    @Flag(help: "Scale the scores to unit variance.")
    var whiten = false

    @Option(help: ArgumentHelp("Write the fitted model here (JSON).", valueName: "file"))
    var model: String

    @Option(help: ArgumentHelp("Write an HTML report here: scree plot, score scatter, loadings.", valueName: "file"))
    var report: String?

    @Option(help: ArgumentHelp("A column of labels to colour the report's score scatter (left out of the features).", valueName: "column"))
    var label: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if components != nil, variance != nil {
            throw ValidationError("give --components or --variance, not both")
        }
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
        let fit = try PCAStreamingFit.run(options: dataOptions, label: label, parameters: parameters)
        try ModelFile.write(fit.model, to: model)
        if let report {
            let page = try PCAReportInput.make(model: fit.model, sample: fit.sample, source: fit.source, labelName: label)
            try AtomicFile.write(PCAReport.render(page), to: report)
        }
        Console.print(PCASummary.text(fit.model, source: fit.source))
        Console.print("model written to \(model)" + (report.map { "; report written to \($0)" } ?? ""))
    }
}
