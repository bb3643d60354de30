import LinearAlgebra
import Modeling

/// Which logistic model: two classes (one linear predictor) or K classes (one per class).
public enum LogisticFamily: String, Codable, Sendable, CaseIterable {
    case binomial, multinomial
}

/// The hyperparameters of a penalized logistic fit, validated once by `init`.
///
/// Objective (glmnet's convention; ωᵢ the sample weights normalized to sum to 1, so with equal
/// weights the loss is −(1/n)·log-likelihood), with x standardized as `standardize` says and
/// the intercept b left unpenalized. Binomial, yᵢ ∈ {0, 1} (1 is the second class):
///
///     Σᵢ ωᵢ [log(1 + e^{ηᵢ}) − yᵢηᵢ] + λ Σⱼ wⱼ (α|βⱼ| + (1−α)/2 βⱼ²),   ηᵢ = b + xᵢᵀβ.
///
/// α = `l1Ratio` ∈ [0, 1], wⱼ = `penaltyFactors` (glmnet's `penalty.factor`, rescaled to sum
/// to p). A factor 0 leaves the feature unpenalized (binomial family): always in the model, its
/// dual constraint the equality xⱼᵀ(ω∘θ) = 0, met exactly by the certificate's corrected dual
/// point (`UnpenalizedDualPoint`); such a feature cannot also have a finite limit. With
/// `limits` (glmnet's `lower.limits` / `upper.limits`, original scale; binomial and ungrouped multinomial)
/// the coefficients are kept in the box lⱼ ≤ βⱼ ≤ uⱼ (`CoefficientLimits`).
///
/// scikit-learn's `LogisticRegression(penalty="elasticnet", C=C, l1_ratio=α)` minimizes
/// C·Σ log-loss + α‖β‖₁ + (1−α)/2‖β‖², i.e. this objective at λ = 1/(nC) (unstandardized).
public struct LogisticParameters: Sendable, Equatable {
    public var l1Ratio: Double
    public var standardize: Bool
    public var fitIntercept: Bool
    /// Per-feature penalty factors (≥ 0, at least one positive; 0 only for the binomial family),
    /// or nil for all ones.
    public var penaltyFactors: [Double]?
    /// Stop each λ when the duality gap ≤ `tolerance` × the null model's loss (the relative gap).
    public var tolerance: Double
    /// Cap on coordinate-descent passes per λ.
    public var maximumIterations: Int
    /// Box constraints on the original-scale coefficients (binomial, ungrouped multinomial), or nil for none.
    public var limits: CoefficientLimits?

    public static let defaultTolerance = 1e-7
    public static let defaultMaximumIterations = 100_000

    public init(l1Ratio: Double = 1, standardize: Bool = true, fitIntercept: Bool = true, penaltyFactors: [Double]? = nil,
                tolerance: Double = defaultTolerance, maximumIterations: Int = defaultMaximumIterations,
                limits: CoefficientLimits? = nil) throws {
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
        self.l1Ratio = l1Ratio
        self.standardize = standardize
        self.fitIntercept = fitIntercept
        self.penaltyFactors = penaltyFactors
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
        self.limits = limits?.isUnconstrained == true ? nil : limits
    }

    /// Penalty factors rescaled to sum to p (glmnet's convention), all ones by default.
    func normalizedPenaltyFactors(count p: Int) throws -> [Double] {
        guard let factors = penaltyFactors else { return [Double](repeating: 1, count: p) }
        guard factors.count == p else {
            throw LagrangeError.invalidParameter(name: "penaltyFactors", value: "\(factors.count) values",
                                                 requirement: "need one factor per feature (\(p))")
        }
        let total = factors.reduce(0, +)
        return factors.map { $0 * Double(p) / total }
    }
}

/// Checks one λ.
func validateLambda(_ lambda: Double) throws {
    guard lambda.isFinite, lambda >= 0 else {
        throw LagrangeError.invalidParameter(name: "lambda", value: "\(lambda)", requirement: "must be a finite number ≥ 0")
    }
}
