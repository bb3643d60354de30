import LinearAlgebra

/// Box constraints on the coefficients, lⱼ ≤ βⱼ ≤ uⱼ, on the ORIGINAL scale of the features
/// (glmnet's `lower.limits` / `upper.limits`; the non-negative lasso is l = 0, u = +∞).
///
/// As glmnet, each box must contain 0 (lⱼ ≤ 0 ≤ uⱼ): the null model is then feasible, λ_max and
/// the grid are those of the unconstrained problem (glmnet 4.1.6 computes λ_max = maxⱼ|gⱼ|/(αwⱼ)
/// whatever the limits; checked with `lower.limits = 0` on data whose largest correlation is
/// negative), and the first λ values of a non-negative path may simply stay at β = 0.
///
/// `lower` and `upper` hold one value for every feature, or one value per feature.
public struct CoefficientLimits: Sendable, Equatable, Codable {
    public let lower: [Double]
    public let upper: [Double]

    /// Scalar limits for every feature; the defaults (−∞, +∞) are no constraint.
    public init(lower: Double = -.infinity, upper: Double = .infinity) throws {
        try self.init(lower: [lower], upper: [upper])
    }

    /// Per-feature limits (or one value each, for every feature).
    public init(lower: [Double], upper: [Double]) throws {
        for l in lower {
            guard !l.isNaN, l <= 0, l != .infinity else {
                throw LagrangeError.invalidParameter(name: "lowerLimit", value: "\(l)",
                                                     requirement: "must be a number ≤ 0 (or -inf): the box must contain 0, as glmnet requires")
            }
        }
        for u in upper {
            guard !u.isNaN, u >= 0, u != -.infinity else {
                throw LagrangeError.invalidParameter(name: "upperLimit", value: "\(u)",
                                                     requirement: "must be a number ≥ 0 (or inf): the box must contain 0, as glmnet requires")
            }
        }
        guard !lower.isEmpty, !upper.isEmpty else {
            throw LagrangeError.invalidParameter(name: "lowerLimit", value: "no value", requirement: "needs at least one value")
        }
        self.lower = lower
        self.upper = upper
    }

    /// Decoding (a model file) runs the same checks as `init`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(lower: try c.decode([Double].self, forKey: .lower), upper: try c.decode([Double].self, forKey: .upper))
    }

    private enum CodingKeys: String, CodingKey { case lower, upper }

    /// Checks that each list holds one value, or one per feature (`featureCount`).
    public func validate(featureCount p: Int) throws {
        for (values, name) in [(lower, "lowerLimit"), (upper, "upperLimit")] where values.count != 1 && values.count != p {
            throw LagrangeError.invalidParameter(name: name, value: "\(values.count) values", requirement: "need one value, or one per feature (\(p))")
        }
    }

    /// Checks that every row of original-scale coefficients lies in the box, up to the rounding
    /// of the scale (β = β̃ⱼ/sⱼ with β̃ⱼ clamped to sⱼlⱼ: `roundingSlack` relative).
    public func requireInside(_ rows: [[Double]], featureNames: [String]) throws {
        for row in rows {
            for j in row.indices {
                let (l, u) = (lower.count == 1 ? lower[0] : lower[j], upper.count == 1 ? upper[0] : upper[j])
                guard row[j] >= l - Self.roundingSlack * abs(l), row[j] <= u + Self.roundingSlack * abs(u) else {
                    let name = j < featureNames.count ? featureNames[j] : "feature \(j + 1)"
                    throw LagrangeError.invalidData("the coefficient of '\(name)' (\(row[j])) lies outside its limits [\(l), \(u)]")
                }
            }
        }
    }

    static let roundingSlack = 1e-12

    /// One line for a model summary: "[l, u] on every coefficient (original scale)", or the
    /// per-feature lists.
    public var summary: String {
        func text(_ v: Double) -> String { v == .infinity ? "inf" : (v == -.infinity ? "-inf" : String(format: "%.6g", v)) }
        if lower.count == 1 && upper.count == 1 {
            return "[\(text(lower[0])), \(text(upper[0]))] on every coefficient (original scale)"
        }
        return "lower \(lower.map(text).joined(separator: " ")); upper \(upper.map(text).joined(separator: " ")) (original scale)"
    }

    /// The non-negative constraint βⱼ ≥ 0.
    public static var nonnegative: CoefficientLimits { try! CoefficientLimits(lower: 0) }

    /// True when no limit is finite (the unconstrained problem).
    public var isUnconstrained: Bool {
        lower.allSatisfy { $0 == -.infinity } && upper.allSatisfy { $0 == .infinity }
    }

    /// The option and value to name in an error about the limits being given at all: the first
    /// finite lower limit, else the first finite upper one.
    public var given: (name: String, value: String) {
        if let l = lower.first(where: { $0 > -.infinity }) { return ("lowerLimit", "\(l)") }
        return ("upperLimit", "\(upper.first(where: { $0 < .infinity }) ?? .infinity)")
    }

    /// True when some limit is exactly 0 (a one-signed coefficient). glmnet 4.1.6 then turns off
    /// its minimum-deviance-gain stopping rule (`glmnet()` sets `fdev = 0` when `any(cl == 0)`),
    /// and so do Lagrange's logistic paths.
    public var hasZeroLimit: Bool { lower.contains(0) || upper.contains(0) }

    /// The box on the scale the problem is solved on, where β̃ⱼ = sⱼβⱼ (sⱼ the column's scale):
    /// [sⱼlⱼ, sⱼuⱼ]. Throws when a per-feature list does not have p entries.
    public func box(scales: [Double]) throws -> CoordinateBox {
        let p = scales.count
        func expand(_ values: [Double], _ name: String) throws -> [Double] {
            if values.count == 1 { return [Double](repeating: values[0], count: p) }
            guard values.count == p else {
                throw LagrangeError.invalidParameter(name: name, value: "\(values.count) values", requirement: "need one value, or one per feature (\(p))")
            }
            return values
        }
        let (l, u) = (try expand(lower, "lowerLimit"), try expand(upper, "upperLimit"))
        return CoordinateBox(lower: (0..<p).map { l[$0] * scales[$0] }, upper: (0..<p).map { u[$0] * scales[$0] })
    }
}

/// The box [lⱼ, uⱼ] ∋ 0 of every coefficient on the solver's scale, and the pieces of convex
/// analysis the solvers and certificates need from it.
///
/// Per coordinate the penalty is hⱼ(b) = c|b| + (d/2)b² + ι_[l,u](b), c = λαwⱼ, d = λ(1−α)wⱼ.
/// The coordinate minimizer of a quadratic model with this penalty is the clamp of the
/// unconstrained one (h is separable and the model is a 1-D convex quadratic):
/// b ← clamp(S(z, c)/(v + d), l, u). The dual of a problem min F(Xβ) + Σ hⱼ(βⱼ) carries the
/// convex conjugate
///
///     hⱼ*(ξ) = sup_{l ≤ b ≤ u} ξb − c|b| − (d/2)b²
///            = (ξ − c)b₊ − (d/2)b₊²  with b₊ = min((ξ − c)/d, u)  when ξ > c,
///              (ξ + c)b₋ − (d/2)b₋²  with b₋ = max((ξ + c)/d, l)  when ξ < −c,
///              0                                                  when |ξ| ≤ c,
///
/// (b± = u or l when d = 0): the support function of the box, shifted by c and smoothed by d.
/// It is +∞ exactly when d = 0 and ξ > c with u = +∞ (or ξ < −c with l = −∞): then the dual
/// constraint of that side remains, one-sided — for the non-negative lasso, ξ ≤ c only. Without
/// limits and d > 0 it is (|ξ| − c)₊²/(2d), the elastic net's conjugate.
public struct CoordinateBox: Sendable, Equatable {
    public let lower: [Double]
    public let upper: [Double]

    public init(lower: [Double], upper: [Double]) {
        self.lower = lower
        self.upper = upper
    }

    @inline(__always)
    public func clamp(_ b: Double, _ j: Int) -> Double {
        min(max(b, lower[j]), upper[j])
    }

    /// hⱼ*(ξ) as documented on the type (may be +∞).
    public func conjugate(_ xi: Double, threshold c: Double, ridge d: Double, _ j: Int) -> Double {
        let (l, u) = (lower[j], upper[j])
        if xi > c {
            let excess = xi - c
            let b = d > 0 ? min(excess / d, u) : u
            if b == .infinity { return .infinity }
            return excess * b - d / 2 * b * b
        }
        if xi < -c {
            let excess = xi + c
            let b = d > 0 ? max(excess / d, l) : l
            if b == -.infinity { return .infinity }
            return excess * b - d / 2 * b * b
        }
        return 0
    }

    /// The largest s ∈ (0, 1] with hⱼ*(s·ξ) finite: below 1 only for d = 0 and an infinite side
    /// that ξ's excess over c points to (the one-sided constraint s·ξ ≤ c or s·ξ ≥ −c). The
    /// quotient c/|ξ| is stepped down until s·|ξ| ≤ c holds in floating point too (the rounded
    /// product can exceed c by an ulp, which `conjugate` would read as +∞).
    public func largestScale(_ xi: Double, threshold c: Double, ridge d: Double, _ j: Int) -> Double {
        guard d == 0 else { return 1 }
        guard (xi > c && upper[j] == .infinity) || (xi < -c && lower[j] == -.infinity) else { return 1 }
        var s = c / abs(xi)
        while s > 0 && s * abs(xi) > c { s = s.nextDown }
        return s
    }

    /// The violation of the optimality condition ξ − d·b ∈ c·∂|b| + N_[l,u](b) at coordinate b,
    /// where ξ = gⱼ is the loss's negative gradient (so ξ − d·b is the ξ of the type's formulas):
    /// at an interior b it is |ξ − db − c·sign b|; at b = u > 0 only a shortfall counts
    /// (ξ − du − c ≥ 0 is optimal); at b = l < 0 only an excess (ξ − dl + c ≤ 0); at b = 0 the
    /// side of ξ beyond ±c counts only when the box extends to that side.
    public func kktViolation(beta b: Double, gradient g: Double, threshold c: Double, ridge d: Double, _ j: Int) -> Double {
        let (l, u) = (lower[j], upper[j])
        let xi = g - d * b
        if b == 0 {
            let above = u > 0 ? max(0, xi - c) : 0
            let below = l < 0 ? max(0, -xi - c) : 0
            return max(above, below)
        }
        let stationary = xi - c * (b > 0 ? 1 : -1)
        if b >= u { return max(0, -stationary) }
        if b <= l { return max(0, stationary) }
        return abs(stationary)
    }
}
