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
    @Option(name: .customLong("family"), help: ArgumentHelp("Logistic family: binomial (two classes) or multinomial (one linear predictor per class); default binomial for a two-class target, multinomial for more.", valueName: "family"))
    var response: LogisticFamily?

    @Flag(name: .customLong("grouped"), help: ArgumentHelp("Multinomial: one group-lasso penalty per feature over its K class coefficients, so a feature enters or leaves for every class at once (glmnet's type.multinomial = \"grouped\"); default ungrouped."))
    var grouped = false

    @Option(help: ArgumentHelp("Sample-weight column (left out of the features; normalized as glmnet does; ≥ 0 for logistic, > 0 for lasso/ridge/enet).", valueName: "column"))
    var weights: String?

    /// Any logistic-only option given (refused for the Gaussian paths, which take `--weights`).
    var isGiven: Bool { response != nil || grouped }

    /// The data for a logistic fit (class labels; the weight column left out), its weights and
    /// the preprocessing learned on it.
    func prepared(_ data: DataOptions, preprocessing: PreprocessingOptions) throws -> PreparedData {
        try PreparedData.load(data, preprocessing: preprocessing, task: .classification, weightColumn: weights, allowZeroWeights: true)
    }

    /// The family to fit: as given, else binomial for two classes and multinomial for more (a
    /// K-class target has no binomial model, and the multinomial one is what glmnet fits for it).
    /// Refuses the binomial family for more than two classes and --grouped without the multinomial.
    func family(classes: [String]) throws -> LogisticFamily {
        let family = response ?? (classes.count > 2 ? .multinomial : .binomial)
        if family == .binomial && classes.count > 2 {
            throw LagrangeError.invalidParameter(name: "family", value: "binomial",
                                                 requirement: "needs a two-class target, this one has \(classes.count) classes; use --family multinomial")
        }
        if grouped && family == .binomial {
            throw LagrangeError.invalidParameter(name: "grouped", value: "true", requirement: "applies to the multinomial family (--family multinomial)")
        }
        return family
    }

    /// The multinomial penalty chosen by --grouped.
    var multinomialPenalty: MultinomialPenalty { grouped ? .grouped : .ungrouped }

    /// Validated penalty parameters from the shared linear-model options.
    static func parameters(l1Ratio: Double, linear: LinearModelOptions, dataset: Dataset, tolerance: Double) throws -> LogisticParameters {
        let gaussian = try linear.parameters(l1Ratio: l1Ratio, dataset: dataset, tolerance: tolerance)
        return try LogisticParameters(l1Ratio: l1Ratio, standardize: gaussian.standardize, fitIntercept: gaussian.fitIntercept,
                                      penaltyFactors: gaussian.penaltyFactors, tolerance: gaussian.tolerance,
                                      limits: gaussian.limits)
    }
}

extension LogisticFamily: ExpressibleByArgument {}
extension ClassificationMeasure: ExpressibleByArgument {}
