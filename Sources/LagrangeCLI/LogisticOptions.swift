import ArgumentParser
import Lagrange

/// Which path `lagrange path` fits: the Gaussian families, or the logistic classifier.
enum PathFamily: String, ExpressibleByArgument, CaseIterable {
    case lasso, ridge, enet, logistic

    /// The Gaussian family, nil for the logistic path.
    var linear: LinearModelFamily? { LinearModelFamily(rawValue: rawValue) }
}

/// The options only the logistic commands take (`path logistic`, `fit logistic`).
struct LogisticOptions: ParsableArguments {
    @Option(name: .customLong("family"), help: ArgumentHelp("Logistic family: binomial (two classes) or multinomial.", valueName: "family"))
    var response: LogisticFamily?

    @Option(help: ArgumentHelp("Sample-weight column (left out of the features; normalized as glmnet does; ≥ 0 for logistic, > 0 for lasso/ridge/enet).", valueName: "column"))
    var weights: String?

    /// Any logistic-only option given (refused for the Gaussian paths, which take `--weights`).
    var isGiven: Bool { response != nil }

    /// The dataset for a logistic fit (class labels; the weight column left out) and its weights.
    func dataset(_ data: DataOptions) throws -> (dataset: Dataset, weights: [Double]?) {
        try SampleWeightColumn.dataset(data, column: weights, task: .classification, allowZero: true)
    }

    /// The binomial family, or a clear error for what is not available yet.
    func requireBinomial(classes: [String]) throws {
        if response == .multinomial || (response == nil && classes.count > 2) {
            throw LagrangeError.invalidParameter(name: "family", value: "multinomial",
                                                 requirement: "is not available yet (the target has \(classes.count) classes); the binomial family needs a two-class target")
        }
    }

    /// Validated penalty parameters from the shared linear-model options.
    static func parameters(l1Ratio: Double, linear: LinearModelOptions, dataset: Dataset, tolerance: Double) throws -> LogisticParameters {
        let gaussian = try linear.parameters(l1Ratio: l1Ratio, dataset: dataset, tolerance: tolerance)
        return try LogisticParameters(l1Ratio: l1Ratio, standardize: gaussian.standardize, fitIntercept: gaussian.fitIntercept,
                                      penaltyFactors: gaussian.penaltyFactors, tolerance: gaussian.tolerance)
    }
}

extension LogisticFamily: ExpressibleByArgument {}
extension ClassificationMeasure: ExpressibleByArgument {}
