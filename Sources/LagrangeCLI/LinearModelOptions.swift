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

    @Option(name: .customLong("lower-limit"), parsing: .unconditional,
            help: ArgumentHelp("Lower limit on every coefficient, on the original scale of the features (≤ 0, or -inf: the default; glmnet's lower.limits). Lasso, enet, binomial and ungrouped multinomial logistic.", valueName: "x"))
    var lowerLimit: Double?

    @Option(name: .customLong("upper-limit"), parsing: .unconditional,
            help: ArgumentHelp("Upper limit on every coefficient, on the original scale (≥ 0, or inf: the default; glmnet's upper.limits).", valueName: "x"))
    var upperLimit: Double?

    @Flag(help: "Keep every coefficient ≥ 0 (the non-negative lasso; same as --lower-limit 0).")
    var nonnegative = false

    /// The limits given by --lower-limit / --upper-limit / --nonnegative, nil for none.
    func limits() throws -> CoefficientLimits? {
        if nonnegative, let lowerLimit, lowerLimit != 0 {
            throw ValidationError("--nonnegative sets the lower limit to 0; leave out --lower-limit \(lowerLimit)")
        }
        let lower = nonnegative ? 0 : lowerLimit ?? -.infinity
        let limits = try CoefficientLimits(lower: lower, upper: upperLimit ?? .infinity)
        return limits.isUnconstrained ? nil : limits
    }

    /// Validated parameters for `l1Ratio` on the features of `dataset`.
    func parameters(l1Ratio: Double, dataset: Dataset, tolerance: Double) throws -> ElasticNetParameters {
        let parameters = try parameters(l1Ratio: l1Ratio, featureNames: dataset.featureNames, source: dataset.source, tolerance: tolerance)
        // Under --quiet the warnings would be dropped, so the columns are not looked for.
        if !Console.quiet, !noStandardize || !noIntercept {
            for j in ConstantColumn.indices(in: dataset.features) {
                Console.warn("column '\(dataset.featureNames[j])' is constant, so its coefficient is 0 (as in glmnet); leave it out with --drop \(dataset.featureNames[j])")
            }
        }
        return parameters
    }

    /// Validated parameters for `l1Ratio` on features named `featureNames` (of `source`).
    func parameters(l1Ratio: Double, featureNames: [String], source: String, tolerance: Double) throws -> ElasticNetParameters {
        var factors: [Double]?
        if !penaltyFactors.isEmpty {
            var values = [Double](repeating: 1, count: featureNames.count)
            for entry in penaltyFactors {
                // The last '=' separates the weight, so an encoded column 'team=A' can be named.
                let parts = entry.lastIndex(of: "=").map { [String(entry[..<$0]), String(entry[entry.index(after: $0)...])] } ?? [entry]
                guard parts.count == 2, let w = Double(parts[1]) else {
                    throw ValidationError("--penalty-factor expects COLUMN=W, got '\(entry)'")
                }
                guard let j = featureNames.firstIndex(of: parts[0]) else {
                    throw LagrangeError.invalidParameter(name: "penalty-factor", value: entry,
                                                         requirement: "'\(parts[0])' is not a feature column of \(source)")
                }
                values[j] = w
            }
            factors = values
        }
        return try ElasticNetParameters(l1Ratio: l1Ratio, standardize: !noStandardize, fitIntercept: !noIntercept,
                                        penaltyFactors: factors, tolerance: tolerance, limits: try limits())
    }
}

/// `--tol` of coordinate descent (lasso and elastic net; a ridge fit is a closed form).
struct GapToleranceOption: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Relative duality-gap tolerance: stop each λ when gap ≤ tol × (1/2n)‖y − ȳ‖² (lasso, enet).", valueName: "tol"))
    var tol: Double = ElasticNetParameters.defaultTolerance
}

extension LinearModelFamily: ExpressibleByArgument {}
extension CrossValidationRule: ExpressibleByArgument {}
