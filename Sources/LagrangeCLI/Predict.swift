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

    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        outputOptions.apply()
        try OutputPlan.check(inputs: [model, data], outputs: [("--output", output)])
        let fitted = try ModelRegistry.load(path: model)
        let table = try CSVReader(options: try csvFormat.csvOptions()).read(path: data)
        let features = try Dataset.features(named: fitted.featureNames, from: table)
        let columns: [(name: String, column: CSVColumn)]
        do {
            columns = try fitted.predict(features, decision: decision)
        } catch let LagrangeError.shapeMismatch(message) {
            throw DataError(.modelFile, file: model, "is a damaged model file: its parts do not agree in size (\(message)); refit the model")
        }
        let csv = CSVWriter.render(header: columns.map(\.name), columns: columns.map(\.column))
        if let output {
            try AtomicFile.write(csv, to: output)
        } else {
            Console.print(csv)
        }
    }
}
