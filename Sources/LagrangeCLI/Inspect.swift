import ArgumentParser
import Lagrange

/// `lagrange inspect`: what a model file holds, with its certificate.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a saved model: its kind, hyperparameters, sizes and certificate."
    )

    @Option(help: ArgumentHelp("Model file written by 'lagrange fit'.", valueName: "file"))
    var model: String

    @Flag(help: "Print the summary as JSON.")
    var json = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        let fitted = try ModelRegistry.load(path: model)
        Console.print(json ? try ModelRendering.json(fitted) : ModelRendering.summary(fitted))
    }
}
