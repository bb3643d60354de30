import ArgumentParser
import Lagrange

/// `lagrange predict`: apply a saved model to a data file, write CSV.
struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Predict with a saved model: a 'prediction' column (classifiers, regressors) or pc1…pck (PCA).",
        discussion: "The data needs every training feature column, by name; other columns (the target among them) are ignored."
    )

    @Option(help: ArgumentHelp("Model file written by 'lagrange fit'.", valueName: "file"))
    var model: String

    @Option(help: ArgumentHelp("CSV file with a header row ('-' for standard input).", valueName: "file"))
    var data: String

    @OptionGroup var csvFormat: CSVFormatOptions

    @Option(help: ArgumentHelp("Write the predictions here (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Also write decision values (classifiers).")
    var decision = false

    @Flag(help: "Also write one probability_<class> column per class (logistic models).")
    var probability = false

    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        outputOptions.apply()
        let fitted = try ModelRegistry.load(path: model)
        let table = try CSVReader(options: try csvFormat.csvOptions()).read(path: data)
        let features = try Dataset.features(named: fitted.featureNames, from: table)
        if decision, !fitted.hasDecisionValues {
            Console.warn("--decision applies to classifiers; a '\(type(of: fitted).modelKind)' model has no decision values, so only its outputs are written")
        }
        var columns = try fitted.outputs(features, decision: decision)
        if probability {
            guard let classifier = fitted as? LogisticModel else {
                throw LagrangeError.invalidParameter(name: "probability", value: "given",
                                                     requirement: "applies to logistic models; a '\(type(of: fitted).modelKind)' model gives no probabilities")
            }
            columns += try classifier.probabilityColumns(features)
        }
        let csv = CSVWriter.render(header: columns.map(\.name), columns: columns.map(\.values))
        if let output {
            try AtomicFile.write(csv, to: output)
        } else {
            Console.print(csv)
        }
    }
}
