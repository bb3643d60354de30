import ArgumentParser
import Lagrange

/// `lagrange fit ridge|lasso|enet`: one penalized linear model at one λ, saved as a model file.
struct FitRidge: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ridge", abstract: "Fit ridge regression (l1-ratio 0) at one λ, by Cholesky.")
    @OptionGroup var options: FitLinearOptions
    func validate() throws {
        if options.l1Ratio != nil { throw ValidationError("--l1-ratio applies to 'fit enet' only (lasso is 1, ridge is 0)") }
    }
    func run() throws { try options.run(.ridge) }
}

struct FitLasso: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lasso", abstract: "Fit the lasso (l1-ratio 1) at one λ, by coordinate descent.")
    @OptionGroup var options: FitLinearOptions
    func validate() throws {
        if options.l1Ratio != nil { throw ValidationError("--l1-ratio applies to 'fit enet' only (lasso is 1, ridge is 0)") }
    }
    func run() throws { try options.run(.lasso) }
}

struct FitEnet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enet", abstract: "Fit the elastic net at one λ and l1-ratio, by coordinate descent.")
    @OptionGroup var options: FitLinearOptions
    func run() throws { try options.run(.enet) }
}

/// The options of the three `fit` commands, and the fit itself.
struct FitLinearOptions: ParsableArguments {
    @OptionGroup var data: DataOptions
    @Option(parsing: .unconditional, help: ArgumentHelp("Penalty strength λ ≥ 0 (objective (1/2n)‖y − b − Xβ‖² + λ(α‖β‖₁ + (1−α)/2‖β‖²)).", valueName: "λ"))
    var lambda: Double
    @Option(name: .customLong("l1-ratio"), parsing: .unconditional, help: ArgumentHelp("α ∈ [0, 1] (enet only; default 0.5).", valueName: "α"))
    var l1Ratio: Double?
    @OptionGroup var linear: LinearModelOptions
    @Option(help: ArgumentHelp("Write the fitted model here (JSON, atomically).", valueName: "file"))
    var model: String
    @OptionGroup var output: OutputOptions

    func run(_ family: LinearModelFamily) throws {
        output.apply()
        try OutputPlan.check(inputs: [data.data], outputs: [("--model", model)])
        let alpha: Double
        switch family {
        case .lasso, .ridge:
            alpha = family == .lasso ? 1 : 0
        case .enet:
            alpha = l1Ratio ?? 0.5
        }
        let (dataset, y) = try regressionData(data)
        let parameters = try linear.parameters(l1Ratio: alpha, dataset: dataset)
        var fitted = try LinearRegression.fit(x: dataset.features, y: y, lambda: lambda, parameters: parameters,
                                              featureNames: dataset.featureNames, targetName: dataset.targetName)
        fitted.family = family
        if case let .elasticNet(certificate) = fitted.certificate, !certificate.converged {
            Console.warn("the duality gap (\(certificate.relativeGap) relative) did not reach --tol \(linear.tol) within the pass limit")
        }
        try ModelFile.write(fitted, to: model)
        Console.print("\(dataset.source): \(dataset.sampleCount) rows × \(dataset.featureCount) features, target '\(dataset.targetName ?? "")'")
        Console.print(LinearModelSummary.text(fitted))
        Console.print("model written to \(model)")
    }
}
