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

    @Option(help: ArgumentHelp("Sample-weight column (left out of the features; weights ≥ 0, normalized as glmnet does).", valueName: "column"))
    var weights: String?

    /// Any logistic option given (they are refused for the Gaussian paths).
    var isGiven: Bool { response != nil || weights != nil }

    /// The dataset for a logistic fit (class labels; the weight column left out) and its weights.
    func dataset(_ data: DataOptions) throws -> (dataset: Dataset, weights: [Double]?) {
        guard let weights else { return (try data.dataset(task: .classification), nil) }
        var options = data
        options.drop.append(weights)
        let dataset = try options.dataset(task: .classification)
        let table = try data.table()
        let column = try table.columnIndex(weights)
        if let missing = table.firstMissing[column] {
            throw DataError(.missingValue, file: table.source, line: missing.line, column: column + 1,
                            "missing value in the weight column '\(weights)'; remove the row or fill it in")
        }
        if let text = table.firstText[column] {
            throw DataError(.nonNumeric, file: table.source, line: text.line, column: column + 1,
                            "non-numeric value '\(text.text ?? "")' in the weight column '\(weights)'")
        }
        let values = table.values.column(column)
        if let i = values.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
            throw DataError(.nonNumeric, file: table.source, column: column + 1,
                            "the weight column '\(weights)' holds \(values[i]) on data row \(i + 1); weights must be finite numbers ≥ 0")
        }
        return (dataset, values)
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
