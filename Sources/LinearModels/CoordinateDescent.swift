import LinearAlgebra

/// Coordinate descent for the elastic net at one λ after another (Friedman, Hastie &
/// Tibshirani 2010), warm-started from the previous λ's solution; passes visit their
/// coordinates in random orders (`SweepOrder`).
///
/// Coordinate update (vⱼ = (1/n)‖xⱼ‖², gⱼ = xⱼᵀr/n, S the soft-threshold):
///
///     βⱼ ← S(gⱼ + vⱼβⱼ, λαwⱼ) / (vⱼ + λ(1−α)wⱼ),   r ← r − (βⱼ,new − βⱼ,old) xⱼ
///
/// ("naive" residual updates, O(n) per coordinate, columns read contiguously).
///
/// Per λ it works on a working set: the features ever non-zero, the unpenalized ones, and
/// those that pass the sequential strong rule |gⱼ(λ_prev)| ≥ αwⱼ(2λ − λ_prev) (Tibshirani et
/// al. 2012). It cycles over the non-zero coordinates until they settle, sweeps the working
/// set, and when the working set has settled computes the full gradient Xᵀr/n once: features
/// outside the working set that violate |gⱼ| ≤ λαwⱼ join it (the KKT check that makes the
/// strong rule safe); otherwise the duality gap (`ElasticNetCertificate`) decides: stop when
/// gap ≤ tolerance·P(0), else tighten the sweep tolerance tenfold and continue.
struct CoordinateDescent {
    let design: Design
    let l1Ratio: Double
    let weights: [Double]
    let tolerance: Double
    let maxPasses: Int
    var beta: [Double]
    var residual: [Double]
    /// Xᵀr/n at the last full evaluation (the current solution after `solve`).
    var gradient: [Double]
    /// Features ever non-zero (they stay in every later working set).
    var everActive: [Bool]
    /// Projection that keeps the dual point feasible for unpenalized features.
    let projection: UnpenalizedProjection?
    /// The orders of the sweeps (`SweepOrder`).
    var order = SweepOrder()

    /// Sweep tolerance for the first settle, relative to P(0): a sweep has settled when
    /// max vⱼ(Δβⱼ)² < sweepTolerance · P(0).
    static let initialSweepFactor = 1.0
    /// Tenfold tightening when the gap is still too large after the working set settled.
    static let sweepTightening = 0.1

    init(design: Design, l1Ratio: Double, weights: [Double], tolerance: Double, maxPasses: Int) throws {
        self.design = design
        self.l1Ratio = l1Ratio
        self.weights = weights
        self.tolerance = tolerance
        self.maxPasses = maxPasses
        beta = [Double](repeating: 0, count: design.featureCount)
        residual = design.response
        gradient = design.correlations(design.response)
        everActive = weights.map { $0 == 0 }
        projection = try UnpenalizedProjection(design: design, weights: weights)
    }

    /// Solves at `lambda`, warm-started from the current β; `previousLambda` drives the strong rule.
    mutating func solve(lambda: Double, previousLambda: Double) -> ElasticNetCertificate {
        let l1 = lambda * l1Ratio, l2 = lambda * (1 - l1Ratio)
        var working = WorkingSet(gradient: gradient, weights: weights, everActive: everActive,
                                 l1Ratio: l1Ratio, lambda: lambda, previousLambda: previousLambda)
        var passes = 0
        var sweepTolerance = Self.initialSweepFactor * tolerance * design.nullObjective
        while true {
            passes += settle(working.members, l1: l1, l2: l2, sweepTolerance: sweepTolerance, passesLeft: maxPasses - passes)
            gradient = design.correlations(residual)
            let added = working.admitViolators(gradient: gradient, weights: weights, l1: l1)
            if !added.isEmpty && passes < maxPasses { continue }
            let certificate = ElasticNetCertificate.evaluate(
                beta: beta, residual: residual, gradient: gradient,
                dual: projection?.project(residual: residual, gradient: gradient, design: design), response: design.response, weights: weights,
                meanSquares: design.meanSquares, lambda: lambda, l1Ratio: l1Ratio, nullObjective: design.nullObjective, passes: passes, tolerance: tolerance)
            if certificate.converged || passes >= maxPasses {
                for j in working.members where beta[j] != 0 { everActive[j] = true }
                return certificate
            }
            sweepTolerance *= Self.sweepTightening
        }
    }

    /// Sweeps of `working` with inner cycling over its non-zero coordinates, until a full sweep
    /// moves no coordinate by more than the tolerance. Returns the passes spent.
    private mutating func settle(_ working: [Int], l1: Double, l2: Double, sweepTolerance: Double, passesLeft: Int) -> Int {
        var passes = 0
        var members = working
        while passes < passesLeft {
            order.shuffle(&members)
            let change = sweep(members, l1: l1, l2: l2)
            passes += 1
            if change < sweepTolerance { break }
            var active = working.filter { beta[$0] != 0 }
            order.shuffle(&active)
            while passes < passesLeft {
                let activeChange = sweep(active, l1: l1, l2: l2)
                passes += 1
                if activeChange < sweepTolerance { break }
            }
        }
        return passes
    }

    /// One pass of coordinate updates over `indices`, in their order; returns max vⱼ(Δβⱼ)².
    private mutating func sweep(_ indices: [Int], l1: Double, l2: Double) -> Double {
        let n = design.sampleCount
        let inverseN = 1 / Double(n)
        var largest = 0.0
        design.columns.withUnsafeBufferPointer { x in
            residual.withUnsafeMutableBufferPointer { r in
                beta.withUnsafeMutableBufferPointer { b in
                    weights.withUnsafeBufferPointer { w in
                        design.meanSquares.withUnsafeBufferPointer { v in
                            let base = x.baseAddress!, rp = r.baseAddress!
                            for j in indices {
                                let column = base + j * n
                                let old = b[j]
                                let z = BLAS.dot(n, column, rp) * inverseN + v[j] * old
                                let new = coordinateMinimizer(z: z, threshold: l1 * w[j], denominator: v[j] + l2 * w[j])
                                let delta = new - old
                                if delta != 0 {
                                    b[j] = new
                                    BLAS.axpy(n, -delta, column, rp)
                                    largest = max(largest, v[j] * delta * delta)
                                }
                            }
                        }
                    }
                }
            }
        }
        return largest
    }
}
