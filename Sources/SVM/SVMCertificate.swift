/// The certificate of optimality of one dual solve.
///
/// With the minimized dual f(α) = ½αᵀQα + pᵀα of `SMOSolver`:
/// - `dualObjective` is the maximized form W(α) = −f(α) (C-SVC: Σαᵢ − ½αᵀQα);
/// - `primalObjective` is the primal at w = Σ yᵢαᵢφ(xᵢ) and the solver's intercept:
///   C-SVC ½‖w‖² + Σ Cᵢ max(0, 1 − yᵢf(xᵢ)); ε-SVR ½‖w‖² + C Σ max(0, |zᵢ − f(xᵢ)| − ε);
/// - `dualityGap` = primal − dual ≥ 0 (weak duality; 0 exactly at the optimum);
/// - `maximumKKTViolation` = m(α) − M(α) over every variable, ≤ `tolerance` on convergence.
public struct SVMCertificate: Codable, Equatable, Sendable {
    public var dualObjective: Double
    public var primalObjective: Double
    public var dualityGap: Double
    public var maximumKKTViolation: Double
    public var tolerance: Double
    public var iterations: Int
    /// False when the solver stopped at its iteration cap.
    public var converged: Bool

    public init(dualObjective: Double, primalObjective: Double, maximumKKTViolation: Double,
                tolerance: Double, iterations: Int, converged: Bool) {
        self.dualObjective = dualObjective
        self.primalObjective = primalObjective
        dualityGap = primalObjective - dualObjective
        self.maximumKKTViolation = maximumKKTViolation
        self.tolerance = tolerance
        self.iterations = iterations
        self.converged = converged
    }

    /// Several solves (one per one-vs-one pair) as one: objectives and gaps add up, the
    /// violation is the largest, iterations add up, converged only if every solve did.
    public static func combining(_ parts: [SVMCertificate]) -> SVMCertificate {
        var combined = SVMCertificate(dualObjective: parts.reduce(0) { $0 + $1.dualObjective },
                                      primalObjective: parts.reduce(0) { $0 + $1.primalObjective },
                                      maximumKKTViolation: parts.map(\.maximumKKTViolation).max() ?? 0,
                                      tolerance: parts.first?.tolerance ?? 0,
                                      iterations: parts.reduce(0) { $0 + $1.iterations },
                                      converged: parts.allSatisfy(\.converged))
        combined.dualityGap = parts.reduce(0) { $0 + $1.dualityGap }
        return combined
    }
}

/// Support vectors of one class: free (0 < α < C in some subproblem) and bounded (α = C in
/// every subproblem where the sample is a support vector).
public struct SupportVectorCount: Codable, Equatable, Sendable {
    public var label: String
    public var free: Int
    public var bounded: Int
    public var total: Int { free + bounded }
}
