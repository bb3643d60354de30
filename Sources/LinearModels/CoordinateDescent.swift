import LinearAlgebra
import Modeling

/// Coordinate descent for the elastic net at one λ after another (Friedman, Hastie &
/// Tibshirani 2010), warm-started from the previous λ's solution; passes visit their
/// coordinates in random orders (`SweepOrder`). The solver for wide designs (p ≫ n) and for
/// every design the covariance route does not take.
///
/// Coordinate update (vⱼ = (1/n)‖xⱼ‖², gⱼ = xⱼᵀr/n, S the soft-threshold):
///
///     βⱼ ← S(gⱼ + vⱼβⱼ, λαwⱼ) / (vⱼ + λ(1−α)wⱼ),   r ← r − (βⱼ,new − βⱼ,old) xⱼ
///
/// ("naive" residual updates, O(n) per coordinate, columns read contiguously). A working set of
/// at most max(2n, 320) features is swept in gradient form instead, on the Gram matrix of the
/// working sets (`gramSettle`, `WorkingGram`: O(|W|) per move, O(1) per coordinate left at zero),
/// which also holds the check back until the working set's own gap is small enough for the global
/// one; a larger working set is swept with the residual and its check held back the same way
/// (`heldSettle`: on a wide design a check late in the path costs a full product Xᵀρ/n). Either
/// settle's inner cycles over the non-zero coordinates try Anderson extrapolation every K passes
/// (`CycleExtrapolation`), taking the point only when it lowers the objective; the Gram settle's
/// also take a Newton step on the face once the signs settle (`CoordinateDescent+Face.swift`).
///
/// Per λ it works on a working set: the features ever non-zero (and the unpenalized ones), plus
/// those that violate |gⱼ| ≤ λαwⱼ at the warm start and, when every feature fits the Gram route
/// (p ≤ max(2n, 320)), those that pass the sequential strong rule |gⱼ(λ_prev)| ≥ αwⱼ(2λ − λ_prev)
/// (Tibshirani et al. 2012; see `usesStrongRule`). It sweeps the working set until it settles
/// (`settle`), then checks (`check`): the duality gap (`ElasticNetCertificate`) decides — stop
/// when gap ≤ tolerance·P(0) — and features outside the working set that violate |gⱼ| ≤ λαwⱼ
/// join it (the KKT check that makes the working set safe); with no violator the sweep tolerance
/// is tightened tenfold.
///
/// What makes it fast when p ≫ n is that a check does not compute the full gradient Xᵀρ/n
/// (O(np), the whole cost of a naive wide lasso): `CorrelationBounds` bounds every feature's
/// correlation from one earlier full product, and only the features whose bound reaches λαwⱼ get
/// an exact O(n) product (a full product is taken again only when too many do). Every check
/// also runs gap-safe screening (`GapSafeScreening`): features proved zero at this λ leave the
/// working set and the checks. The first check at each λ runs on the warm start before any
/// sweep (sequential screening, and a certificate that may already hold); each later one screens
/// with its smaller gap (dynamic screening). With `extrapolates` a check's dual point is the
/// better of the rescaled residual and the extrapolated one (`ResidualExtrapolation`).
///
/// With a `box` (coefficient limits lⱼ ≤ βⱼ ≤ uⱼ, `CoordinateBox`) the update is clamped,
/// βⱼ ← clamp(S(gⱼ + vⱼβⱼ, λαwⱼ)/(vⱼ + λ(1−α)wⱼ), lⱼ, uⱼ) — the exact coordinate minimizer of the
/// constrained problem — and the check certifies the box-constrained dual (`certifyBoxed`). The
/// strong rule, the KKT check and gap-safe screening keep their symmetric tests |gⱼ| vs λαwⱼ: a
/// limit only removes directions, so they stay safe (they may admit a feature whose only
/// violation points out of its box, which then stays at 0).
struct CoordinateDescent {
    let design: Design
    let l1Ratio: Double
    let weights: [Double]
    let tolerance: Double
    let maxPasses: Int
    var beta: [Double]
    var residual: [Double]
    /// Features ever non-zero (they stay in every later working set).
    var everActive: [Bool]
    /// Projection that keeps the dual point feasible for unpenalized features.
    let projection: UnpenalizedProjection?
    /// The orders of the sweeps (`SweepOrder`).
    var order = SweepOrder()
    /// Bounds on |xⱼᵀρ|/n from the last full products.
    var bounds: CorrelationBounds
    /// Features screened at the current λ.
    var screening: GapSafeScreening
    /// What the checks know of the correlations at the current residual.
    var known: KnownCorrelations
    /// The residuals after the last passes at the current λ, for the extrapolated dual point.
    var extrapolation = ResidualExtrapolation()
    /// Whether checks may use the extrapolated dual point. Off: measured on the 500 × 10,000
    /// benchmark design (100 λ, tolerances 1e-5 and 1e-7) it saved no passes (5,524 → 5,524 and
    /// 18,500 → 18,792): 635 of 648 checks came after inner cycles shorter than K + 1 passes, and
    /// in the other 13 the extrapolated point cut the gap by at most 28% (worse than the rescaled
    /// residual in 7), so it only added work.
    var extrapolates = false
    /// Coefficient limits on the solver's scale, nil for none.
    let box: CoordinateBox?
    /// Inner products among the working sets' features, for sweeps in gradient form (`gramSettle`).
    var gram: WorkingGram
    /// Whether working sets of at most n features are swept in gradient form (`gramSettle`).
    var usesGram = true
    /// Whether a settle whose working set is most of the Gram cache reads G in place on it
    /// (`CoordinateDescent.sweepsInCache`) instead of gathering G₍W,W₎: the same coefficients
    /// either way (off only to compare the two in tests).
    var readsGramInPlace = true
    /// Whether the settles' inner cycles try Anderson extrapolation (`CycleExtrapolation`, in
    /// gradient form in `gramSettle`, in residual form in `settle`); off only to compare.
    var acceleratesSettle = true
    /// Whether the Gram settle's inner cycles take Newton steps on the face (`CoordinateDescent+Face.swift`).
    var takesFaceSteps = true
    /// Settles that read G in place (counts only).
    var inPlaceSettles = 0
    /// The inner cycles' block of the Gram settle, kept for its storage (`CycleBlock`).
    var cycleBlock = CycleBlock(blockSize: 0)
    /// The factor of the last face step's Hessian (`CoordinateDescent+Face.swift`).
    var faceFactor = FaceFactor()
    /// Scratch marks by feature for the face steps (−1 between uses; sized to p at first use).
    var faceMarks: [Int] = []
    /// The last working set swept in gradient form and its gathered G₍W,W₎.
    var lastBlock: (members: [Int], block: [Double])?
    /// Work done so far (counts only).
    var effort = SolverEffort()

    /// Sweep tolerance for the first settle, relative to P(0): a sweep has settled when
    /// max vⱼ(Δβⱼ)² < sweepTolerance · P(0).
    static let initialSweepFactor = 1.0
    /// Tenfold tightening when the gap is still too large after the working set settled.
    static let sweepTightening = 0.1
    /// A check takes a new full product Xᵀρ/n (which joins the bounds' span) when more than this
    /// fraction of the features would otherwise need an exact product one by one.
    static let refreshFraction = 0.125

    init(design: Design, l1Ratio: Double, weights: [Double], tolerance: Double, maxPasses: Int,
         box: CoordinateBox? = nil) throws {
        self.design = design
        self.box = box
        self.l1Ratio = l1Ratio
        self.weights = weights
        self.tolerance = tolerance
        self.maxPasses = maxPasses
        beta = [Double](repeating: 0, count: design.featureCount)
        residual = design.response
        everActive = weights.map { $0 == 0 }
        projection = try UnpenalizedProjection(design: design, weights: weights)
        bounds = CorrelationBounds(design: design, reference: design.response)
        effort.fullProducts = 1
        screening = GapSafeScreening(meanSquares: design.meanSquares, weights: weights)
        known = KnownCorrelations(featureCount: design.featureCount)
        gram = WorkingGram(featureCount: design.featureCount, sampleCount: design.sampleCount,
                           limit: Self.gramLimit(sampleCount: design.sampleCount, featureCount: design.featureCount))
    }

    /// Xᵀr/n at the current β, exactly (one full product).
    var gradient: [Double] { design.correlations(residual) }

    /// Features proved zero by gap-safe screening at the last λ solved.
    var screenedCount: Int { screening.count }

    /// Forgets what the checks knew (after β was replaced).
    mutating func residualReplaced() {
        known.residualMoved()
    }

    /// Whether the working set takes the strong rule's features besides the warm start's KKT
    /// violators: only when every feature fits the Gram route (p ≤ `gramRouteSize`). The rule's
    /// margin λ_prev − λ admits features that may enter between the two λ, which saves checks
    /// when an extra member costs an O(1) visit; on a wide design it roughly doubles the working
    /// set late in the path (500 × 10,000: 1,144 members against 488 ever non-zero at the 97th λ), each
    /// move then updates more gradients, and a set past 2n falls to the residual route. Measured
    /// (release, `linear-bench lasso`, 100 λ to λ_max/100, fit CPU seconds with one BLAS thread,
    /// min of 6–12 interleaved runs, rule on → off; bench_wide/bench.py `correlated` designs, ρ 0.2):
    /// 500 × 10,000 tol 6.25e-5 0.223 → 0.201, tol 5e-4 0.166 → 0.156, tol 3.1e-5 0.299 → 0.270;
    /// 200 × 4,000 0.053 → 0.041; 500 × 2,500 0.125 → 0.118; 200 × 100,000 0.441 → 0.425;
    /// 300 × 3,000 0.072 → 0.074 and leukemia-shaped 72 × 7,129 (ρ 0.5) 0.0215 → 0.0214
    /// (within the spread); but 1,000 × 1,500, where every feature fits the Gram route,
    /// 0.104 → 0.116 — there the rule stays.
    var usesStrongRule: Bool { design.featureCount <= Self.gramRouteSize(sampleCount: design.sampleCount) }

    /// Solves at `lambda`, warm-started from the current β; `previousLambda` drives the strong rule.
    mutating func solve(lambda: Double, previousLambda: Double) -> ElasticNetCertificate {
        let p = design.featureCount
        screening.reset()
        extrapolation.reset()
        var working = WorkingSet(featureCount: p)
        for j in 0..<p where everActive[j] { working.admit(j) }
        var passes = 0
        // The warm start at the new λ: sequential screening, and its certificate may already hold.
        var (certificate, violators) = check(&working, lambda: lambda, passes: passes)
        func finish(_ working: WorkingSet) {
            for j in working.members where beta[j] != 0 { everActive[j] = true }
        }
        if certificate.converged || passes >= maxPasses { finish(working); return certificate }
        // The strong rule, on the correlations known exactly at the warm start.
        if usesStrongRule {
            let strong = l1Ratio * (2 * lambda - previousLambda)
            // (One vector pass over p for |known.dual[j]| ≥ wⱼ·strong; members and screened features skipped.)
            for j in openExceeding(strong, orEqual: true, working) where known.isExact(j) { working.admit(j) }
        }
        for j in violators { working.admit(j) }
        let (l1, l2) = (lambda * l1Ratio, lambda * (1 - l1Ratio))
        var sweepTolerance = Self.initialSweepFactor * tolerance * design.nullObjective
        while true {
            passes += gramSettle(working.members, l1: l1, l2: l2, sweepTolerance: &sweepTolerance, passesLeft: maxPasses - passes)
                ?? heldSettle(working.members, l1: l1, l2: l2, sweepTolerance: &sweepTolerance, passesLeft: maxPasses - passes)
            (certificate, violators) = check(&working, lambda: lambda, passes: passes)
            if certificate.converged || passes >= maxPasses {
                finish(working)
                return certificate
            }
            if violators.isEmpty {
                sweepTolerance *= Self.sweepTightening
            } else {
                for j in violators { working.admit(j) }
            }
        }
    }

    /// Sweeps of `working` with inner cycling over its non-zero coordinates, until a full sweep
    /// moves no coordinate by more than the tolerance. Returns the passes spent.
    mutating func settle(_ working: [Int], l1: Double, l2: Double, sweepTolerance: Double, passesLeft: Int) -> Int {
        var passes = 0
        var members = working
        while passes < passesLeft {
            order.shuffle(&members)
            let change = sweep(members, l1: l1, l2: l2)
            passes += 1
            if change < sweepTolerance { break }
            var active = working.filter { beta[$0] != 0 }
            order.shuffle(&active)
            // One order for the whole inner cycle: its passes then apply one fixed map to the
            // residual, the sequence that extrapolation assumes (`ResidualExtrapolation`,
            // `CycleExtrapolation`: every K passes, the extrapolated point when it lowers the
            // objective; not with a box, nor with the dual extrapolation, whose sequence it would break).
            extrapolation.reset()
            let accelerates = acceleratesSettle && box == nil && !extrapolates && !active.isEmpty
            var history = CycleExtrapolation(size: accelerates ? active.count : 0, residualLength: accelerates ? residual.count : 0)
            if accelerates { history.record(beta: active.map { beta[$0] }, gradient: residual) }
            while passes < passesLeft {
                let activeChange = sweep(active, l1: l1, l2: l2)
                passes += 1
                if extrapolates { extrapolation.record(residual) }
                if activeChange < sweepTolerance { break }
                if accelerates { extrapolateCycle(active, &history, l1: l1, l2: l2) }
            }
        }
        return passes
    }

    /// One pass of coordinate updates over `indices`, in their order; returns max vⱼ(Δβⱼ)².
    private mutating func sweep(_ indices: [Int], l1: Double, l2: Double) -> Double {
        let n = design.sampleCount
        let inverseN = 1 / Double(n)
        var largest = 0.0
        var moved = false
        defer { if moved { known.residualMoved() } }
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
                                var new = coordinateMinimizer(z: z, threshold: l1 * w[j], denominator: v[j] + l2 * w[j])
                                if let box { new = box.clamp(new, j) }
                                let delta = new - old
                                if delta != 0 {
                                    b[j] = new
                                    BLAS.axpy(n, -delta, column, rp)
                                    largest = max(largest, v[j] * delta * delta)
                                    moved = true
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
