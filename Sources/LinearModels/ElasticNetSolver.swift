import LinearAlgebra
import Modeling

/// What the path engine needs from a coordinate-descent solver: solve at one λ after another
/// (warm starts), expose β and the gradient g = Xᵀr/n, and the residual sum of squares.
protocol ElasticNetSolver {
    var beta: [Double] { get }
    var gradient: [Double] { get }
    /// ‖y − Xβ‖²/n on the standardized scale.
    var meanSquaredResidual: Double { get }
    /// Features proved zero at the last λ solved by gap-safe screening (`GapSafeScreening`).
    var screenedCount: Int { get }
    /// Work done so far (`SolverEffort`).
    var effort: SolverEffort { get }
    mutating func solve(lambda: Double, previousLambda: Double) -> ElasticNetCertificate
    /// Restarts from `beta` (its residual and gradient recomputed exactly).
    mutating func warmStart(_ beta: [Double])
}

/// Covariance updates pay off when n ≫ p and the p × p Gram matrix is affordable;
/// `CoordinateDescent` takes the rest, wide designs included.
enum SolverChoice {
    /// Whether the wide lasso (p > n, α = 1, every feature penalized) goes to the working-set
    /// solver (`WorkingSetDescent`). Off: it does not pay here. Measured (release, 100 λ to
    /// λ_max/100, rel. gap 1e-3, `linear-bench lasso`): 500 × 10,000 (bench_wide.py's design) 2,688
    /// working-set passes and 3.6 s against `CoordinateDescent`'s 332 passes and 1.1–1.8 s (runs
    /// minutes apart on a loaded machine); 200 × 4,000 (same generator, seed 5): 880 passes and
    /// 367 M instructions (callgrind, whole process) against 454 passes and 303 M. Its one product
    /// Xᵀr/n per outer round costs what `CorrelationBounds` avoids, and its subproblems are solved
    /// further than the global gap needs.
    static let preferWorkingSets = false

    /// Covariance mode needs n ≥ this × p.
    static let covarianceSampleRatio = 2
    /// …and p ≤ this (the Gram columns of the working set are stored: up to p² doubles).
    static let covarianceMaxFeatures = 4_000

    /// With a `box` (coefficient limits) the residual solver is used: its coordinate update
    /// clamps and its check certifies the box-constrained dual (`CoordinateDescent`).
    static func make(design: Design, l1Ratio: Double, weights: [Double], tolerance: Double, maxPasses: Int,
                     box: CoordinateBox? = nil) throws -> any ElasticNetSolver {
        let (n, p) = (design.sampleCount, design.featureCount)
        if let box {
            guard design.gramForm == nil else {
                throw LagrangeError.invalidParameter(name: "lowerLimit", value: "given",
                                                     requirement: "needs the rows: coefficient limits are not available in a fit from statistics")
            }
            return try CoordinateDescent(design: design, l1Ratio: l1Ratio, weights: weights, tolerance: tolerance,
                                         maxPasses: maxPasses, box: box)
        }
        if design.gramForm != nil {
            // From sufficient statistics there are no rows: covariance mode is the only mode.
            guard !weights.contains(0) else {
                throw LagrangeError.invalidParameter(name: "penaltyFactors", value: "0 for some feature",
                                                     requirement: "must be positive for every feature in a fit from statistics (an unpenalized feature needs the rows)")
            }
            return try CovarianceDescent(design: design, l1Ratio: l1Ratio, weights: weights, tolerance: tolerance, maxPasses: maxPasses)
        }
        if n >= covarianceSampleRatio * p, p <= covarianceMaxFeatures, !weights.contains(0) {
            return try CovarianceDescent(design: design, l1Ratio: l1Ratio, weights: weights, tolerance: tolerance, maxPasses: maxPasses)
        }
        if preferWorkingSets, p > n, l1Ratio == 1, !weights.contains(0) {
            return WorkingSetDescent(design: design, weights: weights, tolerance: tolerance, maxPasses: maxPasses)
        }
        return try CoordinateDescent(design: design, l1Ratio: l1Ratio, weights: weights, tolerance: tolerance, maxPasses: maxPasses)
    }
}

extension ElasticNetSolver {
    var effort: SolverEffort { SolverEffort() }
}

extension CoordinateDescent: ElasticNetSolver {
    var meanSquaredResidual: Double { residual.reduce(0) { $0 + $1 * $1 } / Double(design.sampleCount) }

    mutating func warmStart(_ start: [Double]) {
        beta = start
        residual = design.residual(of: start)
        residualReplaced()
        for j in start.indices where start[j] != 0 { everActive[j] = true }
    }
}
