import ArgumentParser
import Lagrange

/// The library names its Swift parameters in its errors (`l1Ratio`, `cacheMegabytes`); the
/// command line says the option a person typed instead.
enum FlagNames {
    static let options: [String: String] = [
        "c": "C", "tolerance": "tol", "cacheMegabytes": "cache-mb", "maximumIterations": "max-iterations",
        "l1Ratio": "l1-ratio", "penaltyFactors": "penalty-factor", "minRatio": "lambda-min-ratio", "folds": "cv",
        "lambdas": "lambdas", "classWeight": "class-weight", "classWeight of": "class-weight of",
        "sampleWeights": "weights", "lowerLimit": "lower-limit", "upperLimit": "upper-limit",
    ]

    /// The one line printed for `error`; `command`'s own spellings (`FlagSpelling`) come first.
    static func message(for error: Error, command: ParsableCommand? = nil) -> String {
        guard case let LagrangeError.invalidParameter(name, value, requirement) = error else { return String(describing: error) }
        let own = command.flatMap { type(of: $0) as? FlagSpelling.Type }?.flagNames ?? [:]
        let option = own[name] ?? options[name] ?? options.first { name.hasPrefix($0.key + " ") }.map { name.replacingOccurrences(of: $0.key, with: $0.value) } ?? name
        return LagrangeError.invalidParameter(name: option, value: value, requirement: requirement).description
    }
}

/// A command whose options spell a library parameter differently from the rest of the tool
/// (`path svm --folds K`, where `path lasso` says `--cv K`).
protocol FlagSpelling {
    static var flagNames: [String: String] { get }
}

extension PathSVM: FlagSpelling {
    static var flagNames: [String: String] { ["folds": "folds", "nus": "nu-grid"] }
}

extension PathSVR: FlagSpelling {
    static var flagNames: [String: String] { ["folds": "folds"] }
}
