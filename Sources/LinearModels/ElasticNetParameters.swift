import LinearAlgebra
import Modeling

/// Which member of the elastic-net family a fit is. Lasso is l1-ratio 1, ridge is l1-ratio 0.
public enum LinearModelFamily: String, Codable, Sendable, CaseIterable {
    case ridge, lasso, enet
}

/// The hyperparameters of a penalized linear fit, validated once by `init`.
///
/// Objective (DESIGN.md, the glmnet / scikit-learn `ElasticNet` convention), with x standardized
/// as `standardize` says and the intercept b left unpenalized:
///
///     (1/2n)‖y − b − Xβ‖² + λ Σⱼ wⱼ (α|βⱼ| + (1−α)/2 βⱼ²)
///
/// α = `l1Ratio` ∈ [0, 1], wⱼ = `penaltyFactors` (glmnet's `penalty.factor`: 0 means the feature
/// is always in and never shrunk; the factors are rescaled to sum to p, as glmnet does).
/// With `limits` (glmnet's `lower.limits` / `upper.limits`, on the original scale) the problem
/// is solved over the box lⱼ ≤ βⱼ ≤ uⱼ (`CoefficientLimits`).
public struct ElasticNetParameters: Sendable, Equatable {
    public var l1Ratio: Double
    public var standardize: Bool
    public var fitIntercept: Bool
    /// Per-feature penalty factors, or nil for all ones.
    public var penaltyFactors: [Double]?
    /// Stop each λ when the duality gap ≤ `tolerance` × P(0), where P(0) = (1/2n)‖y − ȳ‖² is the
    /// objective of the null model (so the tolerance is relative and unit-free).
    public var tolerance: Double
    /// Cap on coordinate-descent passes per λ.
    public var maximumIterations: Int
    /// Box constraints on the original-scale coefficients, or nil for none.
    public var limits: CoefficientLimits?

    /// Default relative duality-gap tolerance.
    public static let defaultTolerance = 1e-7
    public static let defaultMaximumIterations = 100_000

    public init(l1Ratio: Double, standardize: Bool = true, fitIntercept: Bool = true,
                penaltyFactors: [Double]? = nil, tolerance: Double = defaultTolerance,
                maximumIterations: Int = defaultMaximumIterations, limits: CoefficientLimits? = nil) throws {
        guard l1Ratio.isFinite, l1Ratio >= 0, l1Ratio <= 1 else {
            throw LagrangeError.invalidParameter(name: "l1Ratio", value: "\(l1Ratio)", requirement: "must be between 0 and 1 (1 is the lasso, 0 is ridge)")
        }
        guard tolerance.isFinite, tolerance > 0 else {
            throw LagrangeError.invalidParameter(name: "tolerance", value: "\(tolerance)", requirement: "must be positive")
        }
        guard maximumIterations >= 1 else {
            throw LagrangeError.invalidParameter(name: "maximumIterations", value: "\(maximumIterations)", requirement: "must be at least 1")
        }
        if let factors = penaltyFactors {
            guard factors.allSatisfy({ $0.isFinite && $0 >= 0 }), factors.contains(where: { $0 > 0 }) else {
                throw LagrangeError.invalidParameter(name: "penaltyFactors", value: "\(factors)",
                                                     requirement: "must be finite, ≥ 0, and at least one positive")
            }
        }
        if let limits, !limits.isUnconstrained, l1Ratio == 0 {
            throw LagrangeError.invalidParameter(name: limits.given.name, value: limits.given.value,
                                                 requirement: "applies to the lasso and the elastic net, not to ridge")
        }
        self.l1Ratio = l1Ratio
        self.standardize = standardize
        self.fitIntercept = fitIntercept
        self.penaltyFactors = penaltyFactors
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
        self.limits = limits?.isUnconstrained == true ? nil : limits
    }

    /// Named presets (lasso α = 1, ridge α = 0).
    public static func lasso(standardize: Bool = true, fitIntercept: Bool = true) -> ElasticNetParameters {
        try! ElasticNetParameters(l1Ratio: 1, standardize: standardize, fitIntercept: fitIntercept)
    }

    public static func ridge(standardize: Bool = true, fitIntercept: Bool = true) -> ElasticNetParameters {
        try! ElasticNetParameters(l1Ratio: 0, standardize: standardize, fitIntercept: fitIntercept)
    }

    public var family: LinearModelFamily { l1Ratio == 1 ? .lasso : (l1Ratio == 0 ? .ridge : .enet) }
}

/// Checks one λ.
func validateLambda(_ lambda: Double) throws {
    guard lambda.isFinite, lambda >= 0 else {
        throw LagrangeError.invalidParameter(name: "lambda", value: "\(lambda)", requirement: "must be a finite number ≥ 0")
    }
}

extension ElasticNetParameters {
    /// The limits on the solver's scale (`CoefficientLimits.box`), nil without limits. A feature
    /// that is never penalized (wⱼ = 0) cannot also be limited: its dual constraint is the
    /// equality xⱼᵀθ = 0, met by projection (`UnpenalizedProjection`), which is only exact when
    /// the coefficient is free. Limits need a penalty on the l1 part (α > 0) too: the certificate
    /// of the box-constrained ridge is not implemented (`init` refuses limits with l1Ratio = 0).
    func box(design: Design, weights: [Double]) throws -> CoordinateBox? {
        guard let limits else { return nil }
        let box = try limits.box(scales: design.scales)
        for j in weights.indices where weights[j] == 0 && (box.lower[j] > -.infinity || box.upper[j] < .infinity) {
            throw LagrangeError.invalidParameter(name: "penaltyFactors", value: "0 for feature \(j + 1)",
                                                 requirement: "must be positive for a feature with a finite coefficient limit")
        }
        return box
    }
}
