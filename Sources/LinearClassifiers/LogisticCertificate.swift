import Foundation
import Modeling

/// The certificate of optimality of a penalized logistic fit at one λ, on the scale the problem
/// is solved on (standardized columns).
///
/// Primal (binomial; ωᵢ the normalized sample weights, wⱼ the penalty factors, ηᵢ = b + xᵢᵀβ):
///
///     P(b, β) = Σᵢ ωᵢ [log(1 + e^{ηᵢ}) − yᵢηᵢ] + λα Σ wⱼ|βⱼ| + λ(1−α)/2 Σ wⱼβⱼ².
///
/// Its Fenchel dual, in the "residual" θ (at the optimum θᵢ = yᵢ − pᵢ, pᵢ = 1/(1 + e^{−ηᵢ})),
/// with the negative binary entropy h(u) = u log u + (1−u) log(1−u) (conjugate of the
/// log-partition log(1 + e^η)) and cⱼ = Σᵢ ωᵢ xᵢⱼ θᵢ:
///
///     D(θ) = −Σᵢ ωᵢ h(yᵢ − θᵢ) − Σⱼ (|cⱼ| − λαwⱼ)₊² / (2λ(1−α)wⱼ)
///     subject to yᵢ − θᵢ ∈ [0, 1], Σᵢ ωᵢθᵢ = 0 (with an intercept), and, where λ(1−α)wⱼ = 0
///     (the lasso), |cⱼ| ≤ λαwⱼ.
///
/// The feasible dual point is built from the current fit: θ = y − p, which lies in the
/// entropy's domain; with an intercept, θ is moved onto Σ ωθ = 0 by subtracting its weighted
/// mean m (which leaves c unchanged up to the rounding of the centred columns, corrected
/// exactly with Σᵢ ωᵢxᵢⱼ) or, when that would leave the domain, by shrinking the side of θ
/// with the surplus; then it is rescaled, θ ← sθ with s = min(1, minⱼ λαwⱼ/|cⱼ|) over the
/// lasso coordinates, as for the Gaussian dual. Since y − sθ = (1−s)y + s(y − θ) is a convex
/// combination of points of [0, 1], the rescaled point stays in the domain.
///
/// With coefficient limits lⱼ ≤ βⱼ ≤ uⱼ (`CoordinateBox`) the penalty of coordinate j becomes
/// hⱼ(b) = λαwⱼ|b| + λ(1−α)wⱼ/2·b² + ι_[lⱼ,uⱼ](b) and the conjugate term of D is the box's,
///
///     D(θ) = −Σᵢ ωᵢ h(yᵢ − θᵢ) − Σⱼ hⱼ*(cⱼ),   hⱼ*(ξ) = sup_{lⱼ ≤ b ≤ uⱼ} ξb − λαwⱼ|b| − λ(1−α)wⱼ/2·b²,
///
/// (`CoordinateBox.conjugate`: +∞ only on a lasso side without a limit, so the rescaling s is
/// taken over those sides alone — for βⱼ ≥ 0, only cⱼ ≤ λαwⱼ constrains it), and the KKT
/// violation at a coordinate on its limit is one-sided (`CoordinateBox.kktViolation`).
///
/// A feature with penalty factor wⱼ = 0 has the conjugate ι_{0}: its dual constraint is the
/// equality cⱼ = 0, like the intercept's Σ ωθ = 0; both are met by correcting θ with the Newton
/// step of the unpenalized block (`UnpenalizedDualPoint`) before the rescaling, and the
/// feature's term is left out of the conjugate sum (0 at cⱼ = 0) and of the rescaling.
///
/// gap = P − D ≥ 0 bounds the suboptimality of (b, β). A fit stops when gap ≤ tolerance × L₀,
/// L₀ the loss of the null model (intercept only, or η = 0 without an intercept);
/// `relativeGap` is gap / L₀.
public struct LogisticCertificate: Certificate {
    public let primalObjective: Double
    public let dualObjective: Double
    public let dualityGap: Double
    /// dualityGap / L₀.
    public let relativeGap: Double
    /// Largest violation of the optimality conditions: with gⱼ = Σᵢ ωᵢxᵢⱼ(yᵢ − pᵢ) and
    /// ξⱼ = gⱼ − λ(1−α)wⱼβⱼ, max(0, |ξⱼ| − λαwⱼ) for βⱼ = 0, |ξⱼ − λαwⱼ sign βⱼ| otherwise; and
    /// |Σᵢ ωᵢ(yᵢ − pᵢ)| for the intercept.
    public let maximumKKTViolation: Double
    /// Coordinate-descent passes spent at this λ (over all Newton steps).
    public let iterations: Int
    /// The bound on `relativeGap`.
    public let tolerance: Double
    /// True only when every quantity is finite and the gap is within the tolerance.
    public let converged: Bool

    public init(primalObjective: Double, dualObjective: Double, dualityGap: Double, relativeGap: Double,
                maximumKKTViolation: Double, iterations: Int, tolerance: Double) {
        self.primalObjective = primalObjective
        self.dualObjective = dualObjective
        self.dualityGap = dualityGap
        self.relativeGap = relativeGap
        self.maximumKKTViolation = maximumKKTViolation
        self.iterations = iterations
        self.tolerance = tolerance
        let finite = [primalObjective, dualObjective, dualityGap, relativeGap, maximumKKTViolation].allSatisfy(\.isFinite)
        converged = finite && relativeGap <= tolerance
    }

    public var quantities: [CertificateQuantity] {
        [CertificateQuantity(.primalObjective, primalObjective), CertificateQuantity(.dualObjective, dualObjective),
         CertificateQuantity(.dualityGap, dualityGap), CertificateQuantity(.relativeDualityGap, relativeGap),
         CertificateQuantity(.maximumKKTViolation, maximumKKTViolation), CertificateQuantity(.iterations, Double(iterations))]
    }

    private enum CodingKeys: String, CodingKey {
        case primalObjective, dualObjective, dualityGap, relativeGap, maximumKKTViolation, iterations, tolerance, converged
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(primalObjective: try c.decode(Double.self, forKey: .primalObjective),
                  dualObjective: try c.decode(Double.self, forKey: .dualObjective),
                  dualityGap: try c.decode(Double.self, forKey: .dualityGap),
                  relativeGap: try c.decode(Double.self, forKey: .relativeGap),
                  maximumKKTViolation: try c.decode(Double.self, forKey: .maximumKKTViolation),
                  iterations: try c.decode(Int.self, forKey: .iterations),
                  tolerance: try c.decode(Double.self, forKey: .tolerance))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(primalObjective, forKey: .primalObjective)
        try c.encode(dualObjective, forKey: .dualObjective)
        try c.encode(dualityGap, forKey: .dualityGap)
        try c.encode(relativeGap, forKey: .relativeGap)
        try c.encode(maximumKKTViolation, forKey: .maximumKKTViolation)
        try c.encode(iterations, forKey: .iterations)
        try c.encode(tolerance, forKey: .tolerance)
        try c.encode(converged, forKey: .converged)
    }
}

/// The binomial loss and the entropy, computed without overflow.
enum LogisticFunctions {
    /// σ(η) = 1/(1 + e^{−η}).
    @inline(__always) static func sigmoid(_ eta: Double) -> Double {
        eta >= 0 ? 1 / (1 + exp(-eta)) : { let e = exp(eta); return e / (1 + e) }()
    }

    /// log(1 + e^η) − yη.
    @inline(__always) static func loss(_ eta: Double, _ y: Double) -> Double {
        max(eta, 0) + log1p(exp(-abs(eta))) - y * eta
    }

    /// h(u) = u log u + (1−u) log(1−u), with 0 log 0 = 0 (−h is the binary entropy).
    @inline(__always) static func negativeEntropy(_ u: Double) -> Double {
        (u > 0 ? u * log(u) : 0) + (u < 1 ? (1 - u) * log1p(-u) : 0)
    }

    /// Σ ωᵢ [log(1 + e^{ηᵢ}) − yᵢηᵢ].
    static func meanLoss(eta: [Double], y: [Double], weights: [Double]) -> Double {
        var total = 0.0
        for i in eta.indices where weights[i] > 0 { total += weights[i] * loss(eta[i], y[i]) }
        return total
    }
}

extension LogisticCertificate {
    /// Evaluates the certificate of the binomial fit (b, β) with linear predictor η, where
    /// `gradient` is g = Xᵀ(ω∘(y − p)) at η (see the type's documentation). `transposeTimes`
    /// computes Xᵀv, needed only in the rare case the dual point has to be shrunk rather than
    /// shifted onto Σ ωθ = 0. `evaluated`, when given, is the loss Σ ωᵢ[log(1 + e^{ηᵢ}) − yᵢηᵢ] and
    /// every pᵢ = σ(ηᵢ) at this η, already computed by the solver (saves an exp and a log1p per row).
    static func binomial(beta: [Double], eta: [Double], y: [Double], gradient: [Double], design: ClassificationDesign,
                         penaltyFactors w: [Double], lambda: Double, l1Ratio: Double, fitIntercept: Bool,
                         nullLoss: Double, passes: Int, tolerance: Double,
                         evaluated: (loss: Double, probability: [Double])? = nil,
                         box: CoordinateBox? = nil, unpenalized: [Int] = []) -> LogisticCertificate {
        let omega = design.weights
        let n = eta.count
        var theta = [Double](repeating: 0, count: n)
        var loss = 0.0, mean = 0.0
        if let evaluated {
            loss = evaluated.loss
            for i in 0..<n {
                theta[i] = y[i] - evaluated.probability[i]
                if omega[i] > 0 { mean += omega[i] * theta[i] }
            }
        } else {
            for i in 0..<n {
                let p = LogisticFunctions.sigmoid(eta[i])
                theta[i] = y[i] - p
                if omega[i] > 0 {
                    loss += omega[i] * LogisticFunctions.loss(eta[i], y[i])
                    mean += omega[i] * theta[i]
                }
            }
        }
        let l1 = lambda * l1Ratio, l2 = lambda * (1 - l1Ratio)
        var c = gradient
        if !unpenalized.isEmpty {
            // The equalities of the intercept and of the unpenalized features, by the Newton
            // correction (`UnpenalizedDualPoint`); +∞ gap while the corrected point is infeasible.
            guard let corrected = UnpenalizedDualPoint.binomial(theta: theta, y: y, design: design, features: unpenalized,
                                                                fitIntercept: fitIntercept) else {
                return unpenalizedInfeasible(beta: beta, loss: loss, gradient: gradient, w: w, lambda: lambda, l1Ratio: l1Ratio,
                                             nullLoss: nullLoss, passes: passes, tolerance: tolerance)
            }
            theta = corrected
            c = design.transposeTimes(zip(omega, theta).map { $0 * $1 })
        } else if fitIntercept && mean != 0 {
            // y − (θ − m) = p + m must stay in [0, 1].
            let shiftable = (0..<n).allSatisfy { i in omega[i] == 0 || (y[i] - theta[i] + mean >= 0 && y[i] - theta[i] + mean <= 1) }
            if shiftable {
                for i in 0..<n { theta[i] -= mean }
                for j in c.indices { c[j] -= mean * design.weightedColumnSums[j] }
            } else {
                // Shrink the side that carries the surplus toward 0 (θᵢ → 0 keeps yᵢ − θᵢ = yᵢ in the domain).
                var side = 0.0
                for i in 0..<n where omega[i] > 0 && (theta[i] > 0) == (mean > 0) && theta[i] != 0 { side += omega[i] * theta[i] }
                let factor = side != 0 ? max(0, 1 - mean / side) : 1
                for i in 0..<n where (theta[i] > 0) == (mean > 0) { theta[i] *= factor }
                c = design.transposeTimes(zip(omega, theta).map { $0 * $1 })
            }
        }
        var scale = 1.0
        var violation = abs(fitIntercept ? mean : 0)
        var weightedL1 = 0.0, weightedSquare = 0.0
        for j in beta.indices {
            let b = beta[j]
            weightedL1 += w[j] * abs(b)
            weightedSquare += w[j] * b * b
            if w[j] == 0 {
                // Unpenalized: cⱼ = 0 by the correction; the KKT condition is gⱼ = 0.
                violation = max(violation, abs(gradient[j]))
                continue
            }
            if let box {
                scale = min(scale, box.largestScale(c[j], threshold: l1 * w[j], ridge: l2 * w[j], j))
                violation = max(violation, box.kktViolation(beta: b, gradient: gradient[j], threshold: l1 * w[j], ridge: l2 * w[j], j))
                continue
            }
            if l2 * w[j] == 0, abs(c[j]) > l1 * w[j] { scale = min(scale, l1 * w[j] / abs(c[j])) }
            let xi = gradient[j] - l2 * w[j] * b
            let v = b == 0 ? max(0, abs(xi) - l1 * w[j]) : abs(xi - l1 * w[j] * (b > 0 ? 1 : -1))
            violation = max(violation, v)
        }
        var entropy = 0.0
        for i in 0..<n where omega[i] > 0 { entropy += omega[i] * LogisticFunctions.negativeEntropy(y[i] - scale * theta[i]) }
        var conjugate = 0.0
        if let box {
            for j in c.indices where w[j] > 0 { conjugate += box.conjugate(scale * c[j], threshold: l1 * w[j], ridge: l2 * w[j], j) }
        } else if l2 > 0 {
            for j in c.indices where w[j] > 0 {
                let excess = max(0, scale * abs(c[j]) - l1 * w[j])
                conjugate += excess * excess / (2 * l2 * w[j])
            }
        }
        let primal = loss + l1 * weightedL1 + l2 / 2 * weightedSquare
        let dual = -entropy - conjugate
        let gap = max(0, primal - dual)
        return LogisticCertificate(primalObjective: primal, dualObjective: dual, dualityGap: gap, relativeGap: gap / nullLoss,
                                   maximumKKTViolation: violation, iterations: passes, tolerance: tolerance)
    }

    /// The certificate when no feasible dual point could be built for the unpenalized
    /// equalities (far from the optimum): the primal value, max |gⱼ| as the KKT violation (an
    /// upper bound on it), the dual −∞ and the gap +∞ (so not converged).
    private static func unpenalizedInfeasible(beta: [Double], loss: Double, gradient: [Double], w: [Double], lambda: Double,
                                              l1Ratio: Double, nullLoss: Double, passes: Int, tolerance: Double) -> LogisticCertificate {
        var penalty = 0.0
        for j in beta.indices { penalty += w[j] * (l1Ratio * abs(beta[j]) + (1 - l1Ratio) / 2 * beta[j] * beta[j]) }
        return LogisticCertificate(primalObjective: loss + lambda * penalty, dualObjective: -.infinity, dualityGap: .infinity,
                                   relativeGap: .infinity, maximumKKTViolation: gradient.reduce(0) { max($0, abs($1)) },
                                   iterations: passes, tolerance: tolerance)
    }
}
