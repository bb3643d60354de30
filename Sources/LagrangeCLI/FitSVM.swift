import ArgumentParser
import Lagrange

/// `lagrange fit svm`: C-support vector classification (one-vs-one for more than two classes).
struct FitSVM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "svm",
        abstract: "Fit a C-support vector classifier (SMO on the dual; one-vs-one for several classes).",
        discussion: "Prints the support vectors per class and the certificate: dual and primal objectives, duality gap, largest KKT violation."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var svm: SVMOptions

    @Option(name: .customLong("class-weight"),
            help: ArgumentHelp("'balanced' (C scaled by n/(k·n_class)) or LABEL=W (repeatable).", valueName: "weight"))
    var classWeight: [String] = []

    @Option(help: ArgumentHelp("Where to write the model (JSON, written atomically).", valueName: "file"))
    var model: String

    @OptionGroup var output: OutputOptions

    func validate() throws {
        _ = try parsedClassWeight()
    }

    func parsedClassWeight() throws -> ClassWeight {
        if classWeight.isEmpty { return .uniform }
        if classWeight == ["balanced"] { return .balanced }
        var weights: [String: Double] = [:]
        for entry in classWeight {
            guard let separator = entry.lastIndex(of: "="), let weight = Double(entry[entry.index(after: separator)...]) else {
                throw ValidationError("--class-weight takes 'balanced' or LABEL=WEIGHT, not '\(entry)'")
            }
            weights[String(entry[..<separator])] = weight
        }
        return .custom(weights)
    }

    func run() throws {
        output.apply()
        try OutputPlan.check(inputs: [data.data], outputs: [("--model", model)])
        let parameters = SVCParameters(c: svm.c, kernel: svm.kernelParameters, tolerance: svm.tol,
                                       cacheMegabytes: svm.cacheMB, shrinking: !svm.noShrinking,
                                       classWeight: try parsedClassWeight(), maximumIterations: svm.maxIterations)
        try parameters.validate()
        let dataset = try data.dataset(task: .classification)
        if let (_, encoding) = dataset.targetLabels, encoding.count > 10, encoding.count * 10 > dataset.sampleCount,
           encoding.classes.allSatisfy({ Double($0) != nil }) {
            Console.warn("the target '\(dataset.targetName ?? "")' has \(encoding.count) distinct numeric values in \(dataset.sampleCount) rows, "
                + "and a classifier makes each one a class; for a numeric target use 'fit svr' or a linear model")
        }
        let fitted = try parameters.fit(dataset, progress: svm.progress)
        Console.endProgress()
        SVMOptions.warnIfNotConverged(fitted.certificate)
        try ModelFile.write(fitted, to: model)
        Console.print(SVCModelAdapter(fitted).summary() + "model written to \(model)")
    }
}
