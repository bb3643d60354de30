import ArgumentParser
import Lagrange

/// Options every linear-model command shares (`fit ridge|lasso|enet`, `path`).
struct LinearModelOptions: ParsableArguments {
    @Flag(help: "Do not standardize the features (default: glmnet standardization, population sd).")
    var noStandardize = false

    @Flag(help: "Fit without an intercept.")
    var noIntercept = false

    @Option(name: .customLong("penalty-factor"),
            help: ArgumentHelp("Per-feature penalty factor COLUMN=W (repeatable; 0 = never penalized; rescaled to sum to p as in glmnet).",
                               valueName: "column=w"))
    var penaltyFactors: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Relative duality-gap tolerance: stop each λ when gap ≤ tol × (1/2n)‖y − ȳ‖².", valueName: "tol"))
    var tol: Double = ElasticNetParameters.defaultTolerance

    /// Validated parameters for `l1Ratio` on the features of `dataset`.
    func parameters(l1Ratio: Double, dataset: Dataset) throws -> ElasticNetParameters {
        var factors: [Double]?
        if !penaltyFactors.isEmpty {
            var values = [Double](repeating: 1, count: dataset.featureCount)
            for entry in penaltyFactors {
                let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let w = Double(parts[1]) else {
                    throw ValidationError("--penalty-factor expects COLUMN=W, got '\(entry)'")
                }
                guard let j = dataset.featureNames.firstIndex(of: parts[0]) else {
                    throw LagrangeError.invalidParameter(name: "penalty-factor", value: entry,
                                                         requirement: "'\(parts[0])' is not a feature column of \(dataset.source)")
                }
                values[j] = w
            }
            factors = values
        }
        let parameters = try ElasticNetParameters(l1Ratio: l1Ratio, standardize: !noStandardize, fitIntercept: !noIntercept,
                                                  penaltyFactors: factors, tolerance: tol)
        if !noStandardize || !noIntercept {
            for j in ConstantColumn.indices(in: dataset.features) {
                Console.warn("column '\(dataset.featureNames[j])' is constant, so its coefficient is 0 (as in glmnet); leave it out with --drop \(dataset.featureNames[j])")
            }
        }
        return parameters
    }
}

/// Reads a regression dataset (numeric target) for a linear model.
func regressionData(_ data: DataOptions) throws -> (dataset: Dataset, y: [Double]) {
    let dataset = try data.dataset(task: .regression)
    guard let y = dataset.targetValues else {
        throw LagrangeError.invalidData("\(dataset.source): the target must be numeric for a linear model")
    }
    return (dataset, y)
}

extension LinearModelFamily: ExpressibleByArgument {}
extension CrossValidationRule: ExpressibleByArgument {}
