import Lagrange

/// The library names its Swift parameters in its errors (`l1Ratio`, `cacheMegabytes`); the
/// command line says the option a person typed instead.
enum FlagNames {
    static let options: [String: String] = [
        "c": "C", "tolerance": "tol", "cacheMegabytes": "cache-mb", "maximumIterations": "max-iterations",
        "l1Ratio": "l1-ratio", "penaltyFactors": "penalty-factor", "minRatio": "lambda-min-ratio", "folds": "cv",
        "lambdas": "lambdas", "classWeight": "class-weight", "classWeight of": "class-weight of",
        "sampleWeights": "weights",
    ]

    /// The one line printed for `error`.
    static func message(for error: Error) -> String {
        guard case let LagrangeError.invalidParameter(name, value, requirement) = error else { return String(describing: error) }
        let option = options[name] ?? options.first { name.hasPrefix($0.key + " ") }.map { name.replacingOccurrences(of: $0.key, with: $0.value) } ?? name
        return LagrangeError.invalidParameter(name: option, value: value, requirement: requirement).description
    }
}
