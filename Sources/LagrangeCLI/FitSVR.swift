import ArgumentParser
import Lagrange

/// `lagrange fit svr`: ε-support vector regression.
struct FitSVR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "svr",
        abstract: "Fit an ε-support vector regression (SMO on the 2n-variable dual).",
        discussion: "Prints the support vectors and the certificate: dual and primal objectives, duality gap, largest KKT violation."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var svm: SVMOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Half-width ε ≥ 0 of the insensitive tube.", valueName: "eps"))
    var epsilon: Double = 0.1

    @Option(help: ArgumentHelp("Where to write the model (JSON, written atomically).", valueName: "file"))
    var model: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        try OutputPlan.check(inputs: [data.data], outputs: [("--model", model)])
        let parameters = SVRParameters(c: svm.c, epsilon: epsilon, kernel: svm.kernelParameters, tolerance: svm.tol,
                                       cacheMegabytes: svm.cacheMB, shrinking: !svm.noShrinking,
                                       maximumIterations: svm.maxIterations)
        try parameters.validate()
        let dataset = try data.dataset(task: .regression)
        let fitted = try parameters.fit(dataset, progress: svm.progress)
        Console.endProgress()
        SVMOptions.warnIfNotConverged(fitted.certificate)
        try ModelFile.write(fitted, to: model)
        Console.print(SVRModelAdapter(fitted).summary() + "model written to \(model)")
    }
}
