import Foundation
import LinearAlgebra

/// Which λ values a path visits (every path family: Gaussian, logistic).
public enum LambdaGrid: Sendable, Equatable {
    /// `count` values log-spaced from λ_max down to λ_max × `minRatio` (glmnet's default ratio
    /// when nil: 1e-4 if n > p, else 1e-2). With the default ratio, the ridge path goes on
    /// below it, with the same log step, until its leave-one-out and GCV errors turn up
    /// (`RidgePath.bracketMinimum`), so it may hold more than `count` values.
    case automatic(count: Int = 100, minRatio: Double? = nil)
    /// The given values, visited in decreasing order.
    case values([Double])

    /// glmnet's `lambda.min.ratio` default.
    public static func defaultMinRatio(samples n: Int, features p: Int) -> Double { n > p ? 1e-4 : 1e-2 }

    /// The most λ values an automatic grid has: a path keeps p coefficients per λ, and a count
    /// such as Int.max must be an error, not an allocation that fails (issue 10: it corrupted the
    /// heap). glmnet's default is 100.
    public static let maximumCount = 100_000

    /// Below this l1-ratio, λ_max uses it instead (glmnet's rule: λ_max is infinite for ridge).
    public static let smallestL1RatioForLambdaMax = 1e-3

    /// The decreasing λ values for a design whose largest penalized |xⱼᵀr|/(n wⱼ) is `maxScore`.
    package func resolve(lambdaMax: Double, samples n: Int, features p: Int) throws -> [Double] {
        switch self {
        case let .automatic(count, minRatio):
            guard count >= 1, count <= Self.maximumCount else {
                throw LagrangeError.invalidParameter(name: "lambdas", value: "\(count)", requirement: "must be between 1 and \(Self.maximumCount)")
            }
            let ratio = minRatio ?? Self.defaultMinRatio(samples: n, features: p)
            guard ratio.isFinite, ratio > 0, ratio < 1 else {
                throw LagrangeError.invalidParameter(name: "minRatio", value: "\(ratio)", requirement: "must be strictly between 0 and 1")
            }
            if count == 1 { return [lambdaMax] }
            let step = log(ratio) / Double(count - 1)
            return (0..<count).map { lambdaMax * exp(step * Double($0)) }
        case let .values(values):
            guard !values.isEmpty else {
                throw LagrangeError.invalidParameter(name: "lambdas", value: "[]", requirement: "need at least one value")
            }
            for value in values where !(value.isFinite && value >= 0) {
                throw LagrangeError.invalidParameter(name: "lambda", value: "\(value)", requirement: "must be a finite number ≥ 0")
            }
            return values.sorted(by: >)
        }
    }
}
