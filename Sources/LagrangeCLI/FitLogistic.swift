import ArgumentParser
import Lagrange

/// `lagrange fit logistic`: one penalized logistic model at one λ, saved as a model file.
/// (A later dual coordinate-descent solver for large sparse data will sit behind this command.)
struct FitLogistic: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logistic",
        abstract: "Fit a penalized logistic classifier at one λ (binomial or multinomial elastic net, proximal Newton + coordinate descent).")

    @OptionGroup var data: DataOptions
    @OptionGroup var preprocessing: PreprocessingOptions
    @Option(parsing: .unconditional, help: ArgumentHelp("Penalty strength λ ≥ 0 (objective −(1/n)·log-likelihood + λ(α‖β‖₁ + (1−α)/2‖β‖²)); 0 is the maximum-likelihood fit (R's glm; binomial only; refused when the classes are separable).", valueName: "λ"))
    var lambda: Double
    @Option(name: .customLong("l1-ratio"), parsing: .unconditional, help: ArgumentHelp("α ∈ [0, 1] (default 1, the lasso).", valueName: "α"))
    var l1Ratio: Double = 1
    @OptionGroup var logistic: LogisticOptions
    @OptionGroup var linear: LinearModelOptions
    @OptionGroup var gap: GapToleranceOption
    @Option(help: ArgumentHelp("Write the fitted model here (JSON, atomically).", valueName: "file"))
    var model: String
    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        let prepared = try logistic.prepared(data, preprocessing: preprocessing)
        let (dataset, weights) = (prepared.dataset, prepared.weights)
        let (labels, encoding) = dataset.targetLabels!
        let family = try logistic.family(classes: encoding.classes)
        let parameters = try LogisticOptions.parameters(l1Ratio: l1Ratio, linear: linear, dataset: dataset, tolerance: gap.tol)
        let fitted = try LogisticRegressionParameters(lambda: lambda, penalty: parameters, family: family,
                                                  multinomialPenalty: logistic.multinomialPenalty)
            .fit(x: dataset.features, labels: labels, classes: encoding.classes, sampleWeights: weights,
                 featureNames: dataset.featureNames, targetName: dataset.targetName)
        if !fitted.certificate.converged {
            Console.warn("the duality gap (\(fitted.certificate.relativeGap) relative) did not reach --tol \(gap.tol) within the pass limit")
        }
        try ModelFile.write(prepared.stage.saved(fitted), to: model)
        Console.print("\(dataset.source): \(dataset.sampleCount) rows × \(dataset.featureCount) features, target '\(dataset.targetName ?? "")'")
        Console.print(ModelRendering.summary(fitted).trimmingCharacters(in: .newlines))
        Console.print("model written to \(model)")
    }
}
