import Modeling

/// The certificate of optimality of an elastic-net fit at one λ, on the scale the problem is
/// solved on (standardized columns, centred y).
///
/// Primal (wⱼ the penalty factors, n the sample count):
///
///     P(β) = (1/2n)‖r‖² + λα Σ wⱼ|βⱼ| + λ(1−α)/2 Σ wⱼβⱼ²,   r = y − Xβ.
///
/// Writing the ridge part as extra rows √(nλ(1−α)wⱼ) eⱼᵀ with response 0 turns it into a lasso
/// on augmented data (X̃, ỹ), whose dual is
///
///     D(θ) = (1/2n)(‖ỹ‖² − ‖ỹ − θ‖²)   subject to |x̃ⱼᵀθ|/n ≤ λα wⱼ.
///
/// The feasible dual point is the rescaled augmented residual θ = s·(r, −√(nλ(1−α)w)∘β), with
/// s = min(1, minⱼ λα wⱼ / |ξⱼ|) and ξⱼ = xⱼᵀr/n − λ(1−α)wⱼβⱼ, which gives
///
///     D = s·yᵀr/n − s²(‖r‖²/(2n) + λ(1−α)/2 Σ wⱼβⱼ²),   gap = P − D ≥ 0.
///
/// Features with wⱼ = 0 (never penalized) have the equality constraint xⱼᵀθ = 0: the residual
/// is then first projected off their columns (`UnpenalizedProjection`), and r, ξ in D and s
/// above are those of the projected residual r′.
///
/// In covariance mode the dual value is the larger of this one and that of an extrapolated
/// dual point (`DualExtrapolation`), which is also feasible. In the residual (wide) mode, s is
/// taken over the features that gap-safe screening has not proved zero (`GapSafeScreening`):
/// the reduced problem has the same optimum, so its dual value is still a lower bound on P(β*),
/// and the KKT violation is over those features too.
///
/// Rounding. The correlations ξⱼ are computed in floating point, with an error up to
///
///     δⱼ = n·ε·√vⱼ·(√(2P(0)) + Σₖ √vₖ|βₖ|),   vⱼ = ‖xⱼ‖²/n,
///
/// (the γₙ bound of an n-term inner product, with Cauchy–Schwarz: |xⱼᵀr|/n ≤ √vⱼ‖r‖/√n, and
/// ‖r‖/√n ≤ √(2P(0)) + Σₖ√vₖ|βₖ| bounds both the residual and the covariance form c − Gβ).
/// A constraint violated by no more than δⱼ cannot be told from a met one, so s uses
/// max(0, |ξⱼ| − δⱼ), and the KKT violation is reported beyond δⱼ. This matters only when λ is
/// below the resolution of the data (λ/λ_max ≲ nε, e.g. a fixed λ on data scaled by 1e150,
/// where the fit is least squares): without it, rounding noise in ξ ≫ λ shrank the dual point
/// to 0 and the gap stayed at P. The gap then certifies the problem at a λ perturbed by ≤ δⱼ
/// (backward stability), and the certificate scales with the data.
///
/// The allowance applies only to a constraint whose bound λαwⱼ is itself within the rounding
/// (≤ δⱼ): any other constraint can be checked to its full precision, and is.
///
/// A fit stops when `dualityGap ≤ tolerance × P(0)`, P(0) = (1/2n)‖y − ȳ‖²; `relativeGap` is
/// gap / P(0). (scikit-learn's `tol` is on the unnormalized scale against ‖y‖²: its stopping rule
/// n·gap ≤ tol·‖y‖² is relativeGap ≤ 2·tol.)
public struct ElasticNetCertificate: Certificate {
    public let primalObjective: Double
    public let dualObjective: Double
    public let dualityGap: Double
    /// dualityGap / P(0).
    public let relativeGap: Double
    /// Largest violation of the optimality conditions beyond rounding: for βⱼ = 0,
    /// max(0, |ξⱼ| − λαwⱼ − δⱼ); for βⱼ ≠ 0, max(0, |ξⱼ − λαwⱼ sign βⱼ| − δⱼ), with ξⱼ, δⱼ as above.
    public let maximumKKTViolation: Double
    /// Coordinate-descent passes spent at this λ.
    public let iterations: Int
    /// The bound on `relativeGap` (NaN when read from a model file written before it was
    /// stored).
    public let tolerance: Double
    /// True only when every quantity is finite and the gap is within the tolerance.
    public let converged: Bool

    /// `withinTolerance`: the stopping rule dualityGap ≤ tolerance × P(0), as the solver tests it.
    init(primalObjective: Double, dualObjective: Double, dualityGap: Double, relativeGap: Double,
         maximumKKTViolation: Double, iterations: Int, tolerance: Double, withinTolerance: Bool) {
        self.primalObjective = primalObjective
        self.dualObjective = dualObjective
        self.dualityGap = dualityGap
        self.relativeGap = relativeGap
        self.maximumKKTViolation = maximumKKTViolation
        self.iterations = iterations
        self.tolerance = tolerance
        let finite = [primalObjective, dualObjective, dualityGap, relativeGap, maximumKKTViolation].allSatisfy(\.isFinite)
        converged = finite && withinTolerance
    }

    public var quantities: [CertificateQuantity] {
        [CertificateQuantity(.primalObjective, primalObjective), CertificateQuantity(.dualObjective, dualObjective),
         CertificateQuantity(.dualityGap, dualityGap), CertificateQuantity(.relativeDualityGap, relativeGap),
         CertificateQuantity(.maximumKKTViolation, maximumKKTViolation), CertificateQuantity(.iterations, Double(iterations))]
    }

    private enum CodingKeys: String, CodingKey {
        case primalObjective, dualObjective, dualityGap, relativeGap, maximumKKTViolation, iterations, tolerance, converged
        // The names of model files written before the one contract (version 0.1).
        case maxKKTViolation, passes
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        primalObjective = try c.decode(Double.self, forKey: .primalObjective)
        dualObjective = try c.decode(Double.self, forKey: .dualObjective)
        dualityGap = try c.decode(Double.self, forKey: .dualityGap)
        relativeGap = try c.decode(Double.self, forKey: .relativeGap)
        maximumKKTViolation = try c.decodeIfPresent(Double.self, forKey: .maximumKKTViolation)
            ?? c.decode(Double.self, forKey: .maxKKTViolation)
        iterations = try c.decodeIfPresent(Int.self, forKey: .iterations) ?? c.decode(Int.self, forKey: .passes)
        tolerance = try c.decodeIfPresent(Double.self, forKey: .tolerance) ?? .nan
        converged = try c.decode(Bool.self, forKey: .converged)
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

extension ElasticNetCertificate {
    /// The certificate of primal value P and dual value D: gap = max(0, P − D), relative to
    /// P(0) = `nullObjective`, within tolerance when gap ≤ tolerance × P(0).
    init(primal: Double, dual: Double, nullObjective: Double, maximumKKTViolation: Double, iterations: Int,
         tolerance: Double) {
        let gap = max(0, primal - dual)
        self.init(primalObjective: primal, dualObjective: dual, dualityGap: gap, relativeGap: gap / nullObjective,
                  maximumKKTViolation: maximumKKTViolation, iterations: iterations, tolerance: tolerance,
                  withinTolerance: gap <= tolerance * nullObjective)
    }

    /// The same primal point certified by a better dual value (an extrapolated dual point).
    func withDual(_ dual: Double, nullObjective: Double) -> ElasticNetCertificate {
        ElasticNetCertificate(primal: primalObjective, dual: dual, nullObjective: nullObjective,
                              maximumKKTViolation: maximumKKTViolation, iterations: iterations, tolerance: tolerance)
    }

    /// Evaluates the certificate at β with residual r and g = Xᵀr/n (all standardized scale).
    /// `dual` is the projected (r′, Xᵀr′/n) when some features are unpenalized, else (r, g).
    static func evaluate(beta: [Double], residual: [Double], gradient: [Double],
                         dual: (residual: [Double], gradient: [Double])? = nil, response: [Double],
                         weights: [Double], meanSquares: [Double], lambda: Double, l1Ratio: Double,
                         nullObjective: Double, passes: Int, tolerance: Double) -> ElasticNetCertificate {
        let n = Double(residual.count)
        let (dualResidual, dualGradient) = dual ?? (residual, gradient)
        var residualSquare = 0.0, dualSquare = 0.0, responseDotResidual = 0.0
        for i in residual.indices {
            residualSquare += residual[i] * residual[i]
            dualSquare += dualResidual[i] * dualResidual[i]
            responseDotResidual += response[i] * dualResidual[i]
        }
        return evaluate(beta: beta, gradient: gradient, dualGradient: dualGradient, residualSquare: residualSquare / n,
                        dualSquare: dualSquare / n, responseDotDual: responseDotResidual / n, weights: weights,
                        sampleCount: residual.count, meanSquares: meanSquares, lambda: lambda, l1Ratio: l1Ratio, nullObjective: nullObjective, passes: passes, tolerance: tolerance)
    }

    /// The same from inner products only (covariance mode keeps no residual): ‖r‖²/n, ‖r′‖²/n
    /// and yᵀr′/n, with r′ the dual residual (r itself when every feature is penalized).
    static func evaluate(beta: [Double], gradient: [Double], dualGradient: [Double], residualSquare: Double,
                         dualSquare: Double, responseDotDual: Double, weights: [Double], sampleCount: Int,
                         meanSquares: [Double], lambda: Double, l1Ratio: Double, nullObjective: Double,
                         passes: Int, tolerance: Double) -> ElasticNetCertificate {
        let l1 = lambda * l1Ratio, l2 = lambda * (1 - l1Ratio)
        var weightedL1 = 0.0, weightedSquare = 0.0
        var scale = 1.0
        var violation = 0.0
        // δⱼ = n·ε·√vⱼ·residualBound (see "Rounding" above).
        var residualBound = (2 * nullObjective).squareRoot()
        for j in beta.indices { residualBound += meanSquares[j].squareRoot() * abs(beta[j]) }
        let rounding = Double(sampleCount) * Double.ulpOfOne * residualBound
        for j in beta.indices {
            let w = weights[j], b = beta[j]
            weightedL1 += w * abs(b)
            weightedSquare += w * b * b
            let delta = roundingAllowance(rounding * meanSquares[j].squareRoot(), bound: l1 * w)
            let xi = gradient[j] - l2 * w * b
            let dualXi = max(0, abs(dualGradient[j] - l2 * w * b) - delta)
            if w > 0, dualXi > 0, l1 > 0 { scale = min(scale, l1 * w / dualXi) }
            let v = b == 0 ? max(0, abs(xi) - l1 * w) : abs(xi - l1 * w * (b > 0 ? 1 : -1))
            violation = max(violation, v - delta)
        }
        let primal = residualSquare / 2 + l1 * weightedL1 + l2 / 2 * weightedSquare
        let dual = scale * responseDotDual - scale * scale * (dualSquare / 2 + l2 / 2 * weightedSquare)
        return ElasticNetCertificate(primal: primal, dual: dual, nullObjective: nullObjective, maximumKKTViolation: violation,
                                     iterations: passes, tolerance: tolerance)
    }
}

/// The rounding δ allowed on a dual constraint with bound λαwⱼ: δ when the bound is within the
/// rounding (it cannot be checked more finely), 0 otherwise.
@inline(__always)
func roundingAllowance(_ delta: Double, bound: Double) -> Double {
    bound <= delta ? delta : 0
}
