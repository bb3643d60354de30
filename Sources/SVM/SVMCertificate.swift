import Modeling

/// The certificate of optimality of one dual solve.
///
/// With the minimized dual f(α) = ½αᵀQα + pᵀα of `SMOSolver`:
/// - `dualObjective` is the maximized form W(α) = −f(α) (C-SVC: Σαᵢ − ½αᵀQα);
/// - `primalObjective` is the primal at w = Σ yᵢαᵢφ(xᵢ) and the solver's intercept:
///   C-SVC ½‖w‖² + Σ Cᵢ max(0, 1 − yᵢf(xᵢ)); ε-SVR ½‖w‖² + C Σ max(0, |zᵢ − f(xᵢ)| − ε);
/// - `dualityGap` = primal − dual ≥ 0 (weak duality; 0 exactly at the optimum);
/// - `maximumKKTViolation` = m(α) − M(α) over every variable, ≤ `tolerance` on convergence;
/// - `relativeDualityGap` (the ν formulations only) = gap / S with S = Σₜ Cₜ + Σₜ αₜ, the gap
///   measure the ν-solvers drive below `tolerance` (see `gapScale`).
public struct SVMCertificate: Certificate {
    public let dualObjective: Double
    public let primalObjective: Double
    public let dualityGap: Double
    public let maximumKKTViolation: Double
    public let tolerance: Double
    public let iterations: Int
    /// True only when the solver stopped on its tolerance (not its iteration cap), every
    /// quantity is finite and the KKT violation is within the tolerance (and, with a
    /// `gapScale`, so is the relative duality gap).
    public let converged: Bool
    /// The ν formulations' gap scale S = Σₜ Cₜ + Σₜ αₜ (box bounds and dual variables of the
    /// unscaled ν dual); nil for C-SVC and ε-SVR. At a point where each label's per-label KKT
    /// violation is δ, every sample adds at most δ·Cₜ to the primal's slack sum and αₜ·δ to the
    /// complementarity sum, so 0 ≤ gap ≤ δ·S: the gap / S is what the same-label SMO drives
    /// below its tolerance together with δ. (One-class: box 1, Σα = νn; ν-SVC per machine:
    /// box 1, Σα = νl; ν-SVR: box C on 2n variables, Σα = Cνn.)
    public let gapScale: Double?

    /// gap / `gapScale` (nil without a scale).
    public var relativeDualityGap: Double? { gapScale.map { dualityGap / $0 } }

    /// `solverConverged`: the solver met its stopping rule before the iteration cap.
    /// `gapScale`: S of a ν formulation (see the property), nil for C-SVC and ε-SVR.
    public init(dualObjective: Double, primalObjective: Double, maximumKKTViolation: Double,
                tolerance: Double, iterations: Int, solverConverged: Bool, gapScale: Double? = nil) {
        self.init(dualObjective: dualObjective, primalObjective: primalObjective,
                  dualityGap: primalObjective - dualObjective, maximumKKTViolation: maximumKKTViolation,
                  tolerance: tolerance, iterations: iterations, solverConverged: solverConverged, gapScale: gapScale)
    }

    private init(dualObjective: Double, primalObjective: Double, dualityGap: Double, maximumKKTViolation: Double,
                 tolerance: Double, iterations: Int, solverConverged: Bool, gapScale: Double?) {
        self.dualObjective = dualObjective
        self.primalObjective = primalObjective
        self.dualityGap = dualityGap
        self.maximumKKTViolation = maximumKKTViolation
        self.tolerance = tolerance
        self.iterations = iterations
        self.gapScale = gapScale
        let relativeGap = gapScale.map { dualityGap / $0 }
        let finite = ([dualObjective, primalObjective, dualityGap, maximumKKTViolation] + (relativeGap.map { [$0] } ?? []))
            .allSatisfy(\.isFinite)
        converged = solverConverged && finite && maximumKKTViolation <= tolerance && (relativeGap ?? 0) <= tolerance
    }

    public var quantities: [CertificateQuantity] {
        [CertificateQuantity(.dualObjective, dualObjective), CertificateQuantity(.primalObjective, primalObjective),
         CertificateQuantity(.dualityGap, dualityGap)]
            + (relativeDualityGap.map { [CertificateQuantity(.relativeDualityGap, $0)] } ?? [])
            + [CertificateQuantity(.maximumKKTViolation, maximumKKTViolation), CertificateQuantity(.iterations, Double(iterations))]
    }

    /// Several solves (one per one-vs-one pair) as one: objectives, gaps and gap scales add up
    /// (so the relative gap is ≤ the largest part's), the violation is the largest, iterations
    /// add up, converged only if every solve did.
    public static func combining(_ parts: [SVMCertificate]) -> SVMCertificate {
        SVMCertificate(dualObjective: parts.reduce(0) { $0 + $1.dualObjective },
                       primalObjective: parts.reduce(0) { $0 + $1.primalObjective },
                       dualityGap: parts.reduce(0) { $0 + $1.dualityGap },
                       maximumKKTViolation: parts.map(\.maximumKKTViolation).max() ?? 0,
                       tolerance: parts.first?.tolerance ?? 0,
                       iterations: parts.reduce(0) { $0 + $1.iterations },
                       solverConverged: parts.allSatisfy(\.converged),
                       gapScale: parts.allSatisfy({ $0.gapScale != nil }) && !parts.isEmpty
                           ? parts.reduce(0) { $0 + $1.gapScale! } : nil)
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
