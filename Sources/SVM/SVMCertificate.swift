import Modeling

/// The certificate of optimality of one dual solve.
///
/// With the minimized dual f(α) = ½αᵀQα + pᵀα of `SMOSolver`:
/// - `dualObjective` is the maximized form W(α) = −f(α) (C-SVC: Σαᵢ − ½αᵀQα);
/// - `primalObjective` is the primal at w = Σ yᵢαᵢφ(xᵢ) and the solver's intercept:
///   C-SVC ½‖w‖² + Σ Cᵢ max(0, 1 − yᵢf(xᵢ)); ε-SVR ½‖w‖² + C Σ max(0, |zᵢ − f(xᵢ)| − ε);
/// - `dualityGap` = primal − dual ≥ 0 (weak duality; 0 exactly at the optimum);
/// - `maximumKKTViolation` = m(α) − M(α) over every variable, ≤ `tolerance` on convergence.
public struct SVMCertificate: Certificate {
    public let dualObjective: Double
    public let primalObjective: Double
    public let dualityGap: Double
    public let maximumKKTViolation: Double
    public let tolerance: Double
    public let iterations: Int
    /// True only when the solver stopped on its tolerance (not its iteration cap), every
    /// quantity is finite and the KKT violation is within the tolerance.
    public let converged: Bool

    /// `solverConverged`: the solver met its stopping rule before the iteration cap.
    public init(dualObjective: Double, primalObjective: Double, maximumKKTViolation: Double,
                tolerance: Double, iterations: Int, solverConverged: Bool) {
        self.init(dualObjective: dualObjective, primalObjective: primalObjective,
                  dualityGap: primalObjective - dualObjective, maximumKKTViolation: maximumKKTViolation,
                  tolerance: tolerance, iterations: iterations, solverConverged: solverConverged)
    }

    private init(dualObjective: Double, primalObjective: Double, dualityGap: Double, maximumKKTViolation: Double,
                 tolerance: Double, iterations: Int, solverConverged: Bool) {
        self.dualObjective = dualObjective
        self.primalObjective = primalObjective
        self.dualityGap = dualityGap
        self.maximumKKTViolation = maximumKKTViolation
        self.tolerance = tolerance
        self.iterations = iterations
        let finite = [dualObjective, primalObjective, dualityGap, maximumKKTViolation].allSatisfy(\.isFinite)
        converged = solverConverged && finite && maximumKKTViolation <= tolerance
    }

    public var quantities: [CertificateQuantity] {
        [CertificateQuantity(.dualObjective, dualObjective), CertificateQuantity(.primalObjective, primalObjective),
         CertificateQuantity(.dualityGap, dualityGap), CertificateQuantity(.maximumKKTViolation, maximumKKTViolation),
         CertificateQuantity(.iterations, Double(iterations))]
    }

    /// Several solves (one per one-vs-one pair) as one: objectives and gaps add up, the
    /// violation is the largest, iterations add up, converged only if every solve did.
    public static func combining(_ parts: [SVMCertificate]) -> SVMCertificate {
        SVMCertificate(dualObjective: parts.reduce(0) { $0 + $1.dualObjective },
                       primalObjective: parts.reduce(0) { $0 + $1.primalObjective },
                       dualityGap: parts.reduce(0) { $0 + $1.dualityGap },
                       maximumKKTViolation: parts.map(\.maximumKKTViolation).max() ?? 0,
                       tolerance: parts.first?.tolerance ?? 0,
                       iterations: parts.reduce(0) { $0 + $1.iterations },
                       solverConverged: parts.allSatisfy(\.converged))
    }
}

/// Support vectors of one class: free (0 < α < C in some subproblem) and bounded (α = C in
/// every subproblem where the sample is a support vector).
public struct SupportVectorCount: Codable, Equatable, Sendable {
    public let label: String
    public let free: Int
    public let bounded: Int
    public var total: Int { free + bounded }
}
