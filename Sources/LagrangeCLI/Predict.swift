import ArgumentParser
import Lagrange

/// `lagrange predict`: apply a saved model to a data file, write CSV.
struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Predict with a saved model: a 'prediction' column (classifiers, regressors) or pc1…pck (PCA).",
        discussion: "The data is read as fit reads it (CSV with a header row, or LIBSVM text for .svm/.libsvm files or --format libsvm) "
            + "and needs every training feature column, by name (f1…fp for LIBSVM; absent entries are zeros); other columns "
            + "(the target among them) are ignored."
    )

    @Option(help: ArgumentHelp("Model file written by 'lagrange fit'.", valueName: "file"))
    var model: String

    @Option(help: ArgumentHelp("Data file: CSV with a header row, '-' for standard input, or LIBSVM text (.svm/.libsvm).", valueName: "file"))
    var data: String

    @Option(help: ArgumentHelp("Input format: csv or libsvm (default: from the file name).", valueName: "format"))
    var format: DataFormatArgument?

    @OptionGroup var csvFormat: CSVFormatOptions

    @Option(help: ArgumentHelp("Write the predictions here (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Also write decision values (classifiers).")
    var decision = false

    @Flag(help: "Also write class probabilities, probability_<class> (an svm fitted with --probability).")
    var probability = false

    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        outputOptions.apply()
        let fitted = try ModelRegistry.load(path: model)
        let table = try InputTable.read(path: data, format: format, csv: csvFormat, featureCount: fitted.featureNames.count)
        if decision, !fitted.hasDecisionValues {
            Console.warn("--decision applies to classifiers; a '\(type(of: fitted).modelKind)' model has no decision values, so only its outputs are written")
        }
        var columns = try ModelInput.outputs(fitted, table: table, decision: decision).columns
        let hasProbabilities = columns.contains { $0.name.hasPrefix("probability_") }
        if probability, !hasProbabilities {
            throw LagrangeError.invalidData("--probability needs a model fitted with probabilities ('lagrange fit svm --probability')")
        }
        if !probability { columns.removeAll { $0.name.hasPrefix("probability_") } }
        let csv = CSVWriter.render(header: columns.map(\.name), columns: columns.map(\.values))
        if let output {
            try AtomicFile.write(csv, to: output)
        } else {
            Console.print(csv)
        }
    }
}
