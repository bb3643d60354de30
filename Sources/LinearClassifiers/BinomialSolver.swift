import Foundation
import LinearAlgebra
import Modeling

/// The binomial elastic net at one λ after another, by proximal Newton (IRLS) steps with
/// coordinate descent inside, as glmnet's `lognet` (Friedman, Hastie & Tibshirani 2010, §3),
/// warm-started from the previous λ, with a line search and a duality-gap stopping rule.
///
/// One Newton step at η = b + Xβ (p = σ(η), working weights vᵢ = ωᵢ max(pᵢ(1−pᵢ), `minimumCurvature`))
/// minimizes the quadratic model of the loss plus the penalty,
///
///     ½ Σᵢ vᵢ (zᵢ − b − xᵢᵀβ)² + λ Σ wⱼ(α|βⱼ| + (1−α)/2 βⱼ²),   zᵢ = ηᵢ + (yᵢ − pᵢ)/vᵢ·ωᵢ,
///
/// by coordinate descent on the working set. It keeps the weighted working residual
/// uᵢ = vᵢ(zᵢ − b − xᵢᵀβ) (uᵢ = ωᵢ(yᵢ − pᵢ) at the step's start); with hⱼ = Σ vᵢxᵢⱼ² the
/// coordinate update is
///
///     βⱼ ← S(xⱼᵀu + hⱼβⱼ, λαwⱼ) / (hⱼ + λ(1−α)wⱼ),   u ← u − Δβⱼ v∘xⱼ,
///
/// and the intercept's b ← b + Σu/Σv, u ← u − Δb v. The step d it finds is then scaled by a
/// backtracking (Armijo) line search on the true objective, t ∈ {1, ½, ¼, …}:
/// P(x + td) ≤ P(x) + σt(∇Lᵀd + R(β + Δβ) − R(β)) (Lee, Sun & Saunders 2014).
///
/// Per λ: the working set is the features ever non-zero plus those passing the sequential
/// strong rule |gⱼ(λ_prev)| ≥ αwⱼ(2λ − λ_prev), g = Xᵀ(ω∘(y − p)). Newton steps run until a step
/// moves the quadratic model by less than the sweep tolerance; then the full gradient is
/// computed once: features outside the set that violate |gⱼ| ≤ λαwⱼ join it (the KKT check),
/// otherwise the duality gap (`LogisticCertificate`) decides: stop when gap ≤ tolerance·L₀, else
/// tighten the sweep tolerance tenfold and continue. Each λ starts from the sweep tolerance that
/// certified the previous one (one notch looser when that gap was far inside the tolerance), so
/// a path does not pay one full gradient and one certificate per tightening at every λ. Each λ
/// starts from the secant prediction of the last two solutions when it lowers the objective
/// (`BinomialSolver+PathExtrapolation`), and once the working set holds half the features the
/// certificate follows every Newton step (`checksEveryStep`) instead of waiting for a step that
/// settles.
///
/// The Newton steps' coordinate descent takes one of two forms: the residual form below, or the
/// covariance form with an exact solve on the support (`BinomialSolver+Covariance`), chosen per
/// step by their costs (`prefersCovariance`); on nearly separable, collinear data the residual
/// form's sweeps stall and the covariance form ends each step in a few passes.
///
/// Cost per Newton step: hⱼ = Σ vᵢxᵢⱼ² is computed only for the columns the sweeps move (a
/// column at zero whose |xⱼᵀu| ≤ λαwⱼ stays there without it), and u ← u − Δβⱼ v∘xⱼ is applied
/// elementwise (`WeightedColumnKernels`) instead of forming the |W| × n block v∘xⱼ. The
/// probabilities of the line search's accepted point serve the next step, the KKT check and the
/// certificate, so each accepted point costs one exp and one log1p per row.
///
/// With a `box` (coefficient limits, `CoordinateBox`) each coordinate update is clamped to
/// [lⱼ, uⱼ] (the exact minimizer of the quadratic model along βⱼ in the box); the line search
/// stays feasible (its points are convex combinations of two feasible β), and the certificate
/// is that of the box-constrained dual (`LogisticCertificate.binomial`).
struct BinomialSolver {
    let design: ClassificationDesign
    /// yᵢ ∈ {0, 1}.
    let y: [Double]
    let l1Ratio: Double
    let penaltyFactors: [Double]
    let fitIntercept: Bool
    let tolerance: Double
    let maximumPasses: Int
    /// L₀, the loss of the null model.
    let nullLoss: Double
    /// The null model's intercept, logit(Σ ωᵢyᵢ) (0 without an intercept).
    let nullIntercept: Double

    var beta: [Double]
    var intercept: Double
    /// ηᵢ = b + xᵢᵀβ.
    var eta: [Double]
    /// Xᵀ(ω∘(y − p)) at the last full evaluation.
    var gradient: [Double]
    var everActive: [Bool]
    var order = SweepOrder()
    /// The loss and probabilities at η, when known (kept from the line search's last evaluation).
    var current: (loss: Double, probability: [Double])?
    /// The sweep tolerance the next λ starts from (the one that certified the last λ).
    var startingSweepTolerance: Double?
    /// λ values solved since η was last recomputed from (b, β).
    var lambdasSinceRefresh = 0
    /// Coefficient limits on the solver's scale, nil for none.
    var box: CoordinateBox?
    /// The passes of the last Newton step in residual form (`prefersCovariance`).
    var lastResidualPasses: Int?
    /// Which form the Newton steps' coordinate descent takes (adaptive unless a test fixes it).
    var innerForm = NewtonInnerForm.adaptive
    /// The last two solutions, newest first (`predict`).
    var recentSolutions = PathSecant<PathPoint>()
    /// The features with penalty factor 0 (`BinomialSolver+Unpenalized`).
    let unpenalized: [Int]

    /// pᵢ(1−pᵢ) is floored here in the working weights (glmnet floors p at 1e-5).
    static let minimumCurvature = 1e-5 * (1 - 1e-5)
    static let initialSweepFactor = 1.0
    static let sweepTightening = 0.1
    /// A λ certified at its first check with relativeGap ≤ `comfortableGapFraction` · tolerance
    /// lets the next λ start one notch looser (sweep tolerance ÷ `sweepTightening`).
    static let comfortableGapFraction = 0.1
    /// How many λ share one recomputation of η = b + Xβ (a |β|₀ × n product and an evaluation).
    static let refreshInterval = 10
    /// See `checksEveryStep`.
    static let eagerCheckFraction = 0.5
    /// Armijo's sufficient-decrease fraction and the most halvings of a step.
    static let armijo = 1e-4
    static let maximumHalvings = 40
    /// Model decreases below this (relative to P) are beyond what P can resolve; the unit step
    /// is taken without the line search.
    static let resolvableDecrease = 1e-13

    init(design: ClassificationDesign, y: [Double], l1Ratio: Double, penaltyFactors: [Double], fitIntercept: Bool,
         tolerance: Double, maximumPasses: Int) throws {
        let omega = design.weights
        let mean = zip(omega, y).reduce(0) { $0 + $1.0 * $1.1 }
        guard mean > 0, mean < 1 else {
            throw LagrangeError.singleClass(nil, in: "the target among the rows with positive weight")
        }
        self.design = design
        self.y = y
        self.l1Ratio = l1Ratio
        self.penaltyFactors = penaltyFactors
        self.fitIntercept = fitIntercept
        self.tolerance = tolerance
        self.maximumPasses = maximumPasses
        unpenalized = penaltyFactors.indices.filter { penaltyFactors[$0] == 0 }
        nullIntercept = fitIntercept ? log(mean / (1 - mean)) : 0
        intercept = nullIntercept
        eta = [Double](repeating: nullIntercept, count: design.sampleCount)
        nullLoss = LogisticFunctions.meanLoss(eta: eta, y: y, weights: omega)
        beta = [Double](repeating: 0, count: design.featureCount)
        gradient = []
        everActive = [Bool](repeating: false, count: design.featureCount)
        gradient = fullGradient()
    }

    /// Xᵀ(ω∘(y − σ(η))).
    mutating func fullGradient() -> [Double] {
        if current == nil { current = Self.evaluate(eta: eta, y: y, weights: design.weights) }
        let probability = current!.probability, omega = design.weights
        var u = [Double](repeating: 0, count: design.sampleCount)
        for i in u.indices { u[i] = omega[i] * (y[i] - probability[i]) }
        return design.transposeTimes(u)
    }

    /// η ← b + Xβ afresh (the steps update η incrementally; this removes their rounding drift).
    mutating func refreshPredictor() {
        let n = design.sampleCount
        var fresh = [Double](repeating: intercept, count: n)
        design.columns.withUnsafeBufferPointer { x in
            fresh.withUnsafeMutableBufferPointer { e in
                for j in beta.indices where beta[j] != 0 { BLAS.axpy(n, beta[j], x.baseAddress! + j * n, e.baseAddress!) }
            }
        }
        eta = fresh
        current = nil
    }

    /// The objective P at (b, β) with predictor η.
    func objective(eta: [Double], beta: [Double], lambda: Double) -> Double {
        LogisticFunctions.meanLoss(eta: eta, y: y, weights: design.weights) + penalty(beta, lambda: lambda)
    }

    func penalty(_ beta: [Double], lambda: Double) -> Double {
        var total = 0.0
        for j in beta.indices where beta[j] != 0 {
            total += penaltyFactors[j] * (l1Ratio * abs(beta[j]) + (1 - l1Ratio) / 2 * beta[j] * beta[j])
        }
        return lambda * total
    }

    /// Solves at `lambda`, warm-started from the current fit; `previousLambda` drives the strong rule.
    mutating func solve(lambda: Double, previousLambda: Double) -> LogisticCertificate {
        let l1 = lambda * l1Ratio
        var working = WorkingSet(gradient: gradient, weights: penaltyFactors, everActive: everActive,
                                 l1Ratio: l1Ratio, lambda: lambda, previousLambda: previousLambda)
        var passes = 0
        let loosest = Self.initialSweepFactor * tolerance * nullLoss
        var sweepTolerance = min(loosest, startingSweepTolerance ?? loosest)
        var checks = 0
        // Every `refreshInterval` λ: η afresh from (b, β), so the incremental updates' rounding
        // (~1e-16 relative per step) never accumulates along the path.
        lambdasSinceRefresh += 1
        if lambdasSinceRefresh >= Self.refreshInterval {
            refreshPredictor()
            lambdasSinceRefresh = 0
        }
        predict(lambda: lambda)
        while true {
            // True when the last Newton step moved by less than the sweep tolerance.
            var settled = false
            while passes < maximumPasses {
                let (spent, change) = newtonStep(working.members, lambda: lambda, sweepTolerance: sweepTolerance,
                                                 passesLeft: maximumPasses - passes)
                passes += max(spent, 1)
                if change < sweepTolerance {
                    settled = true
                    break
                }
                if Self.checksEveryStep(working: working.members.count, features: design.featureCount) { break }
            }
            gradient = fullGradient()
            let added = working.admitViolators(gradient: gradient, weights: penaltyFactors, l1: l1)
            if !added.isEmpty && passes < maximumPasses { continue }
            let certificate = certify(lambda: lambda, passes: passes)
            checks += 1
            // (An infinite gap with a finite objective is an unpenalized block not yet close
            // enough for its dual point, `UnpenalizedDualPoint`: keep tightening.)
            if certificate.converged || passes >= maximumPasses || !certificate.primalObjective.isFinite
                || (!certificate.isFinite && unpenalized.isEmpty) {
                for j in working.members where beta[j] != 0 { everActive[j] = true }
                if certificate.converged {
                    let comfortable = checks == 1 && certificate.relativeGap <= Self.comfortableGapFraction * tolerance
                    startingSweepTolerance = min(loosest, comfortable ? sweepTolerance / Self.sweepTightening : sweepTolerance)
                }
                remember(lambda: lambda)
                return certificate
            }
            // A certificate that fails before the Newton steps settled asks for more steps, not a tighter tolerance.
            if settled { sweepTolerance *= Self.sweepTightening }
        }
    }

    /// Whether the full gradient and the certificate follow every Newton step instead of only
    /// the one that settles: when the working set holds at least `eagerCheckFraction` of the
    /// features, one product Xᵀ(ω∘(y − p)) costs about what the confirming Newton step costs (a
    /// sweep in which every non-zero coordinate moves a little: its curvature, its dot product
    /// and its residual update, then δη), and a certificate that already holds saves that step.
    static func checksEveryStep(working: Int, features: Int) -> Bool {
        Double(working) >= eagerCheckFraction * Double(features)
    }

    /// The certificate of the current fit at `lambda` (η and the gradient as they stand), from the
    /// loss and probabilities already evaluated at η when there are any.
    func certify(lambda: Double, passes: Int) -> LogisticCertificate {
        LogisticCertificate.binomial(beta: beta, eta: eta, y: y, gradient: gradient, design: design,
                                     penaltyFactors: penaltyFactors, lambda: lambda, l1Ratio: l1Ratio,
                                     fitIntercept: fitIntercept, nullLoss: nullLoss, passes: passes, tolerance: tolerance,
                                     evaluated: current, box: box, unpenalized: unpenalized)
    }

    /// One proximal Newton step on `working` (and the intercept): coordinate descent on the
    /// quadratic model until a sweep moves it by less than `sweepTolerance`, then the line
    /// search. Returns the passes spent and the step's size max(hⱼ(tΔβⱼ)², Σv·(tΔb)²).
    ///
    /// Every coordinate visit is one `ddot` (xⱼᵀu); a column that moves costs one elementwise
    /// update u ← u − Δβⱼ v∘xⱼ, and its curvature hⱼ once per step, when it first moves.
    private mutating func newtonStep(_ working: [Int], lambda: Double, sweepTolerance: Double, passesLeft: Int) -> (Int, Double) {
        let n = design.sampleCount
        let omega = design.weights
        let l1 = lambda * l1Ratio, l2 = lambda * (1 - l1Ratio)
        if current == nil { current = Self.evaluate(eta: eta, y: y, weights: omega) }
        let (startLoss, probability) = current!
        var v = [Double](repeating: 0, count: n)
        var u = [Double](repeating: 0, count: n)
        var curvatureSum = 0.0
        for i in 0..<n {
            let p = probability[i]
            v[i] = omega[i] * max(p * (1 - p), Self.minimumCurvature)
            u[i] = omega[i] * (y[i] - p)
            curvatureSum += v[i]
        }
        // ∇Lᵀd = −Σ uᵢ⁽⁰⁾ δηᵢ, needed by the line search.
        let startResidual = u
        let m = working.count
        // hⱼ of working-set position `slot`; NaN until the sweeps first need it in this step.
        var curvature = [Double](repeating: .nan, count: m)
        var start = beta
        let startIntercept = intercept
        let startPenalty = penalty(beta, lambda: lambda)
        var passes = 0
        var slots = Array(0..<m)
        let covariance = prefersCovariance(working)
        if covariance {
            passes = covarianceDescent(working, v: v, residual: u, curvatureSum: curvatureSum, curvature: &curvature,
                                       l1: l1, l2: l2, sweepTolerance: sweepTolerance, passesLeft: passesLeft)
        }
        // Coordinate descent on the quadratic model (β and b move; η is updated afterwards).
        while !covariance && passes < passesLeft {
            order.shuffle(&slots)
            var change = sweep(slots, working: working, u: &u, v: v, curvature: &curvature, l1: l1, l2: l2)
            if fitIntercept { change = max(change, updateIntercept(u: &u, v: v, curvatureSum: curvatureSum)) }
            passes += 1
            if change < sweepTolerance { break }
            var active = slots.filter { beta[working[$0]] != 0 }
            order.shuffle(&active)
            while passes < passesLeft {
                var activeChange = sweep(active, working: working, u: &u, v: v, curvature: &curvature, l1: l1, l2: l2)
                if fitIntercept { activeChange = max(activeChange, updateIntercept(u: &u, v: v, curvatureSum: curvatureSum)) }
                passes += 1
                if activeChange < sweepTolerance { break }
            }
        }
        if !covariance { lastResidualPasses = passes }
        // The step d = (Δb, Δβ) and δη = Δb + XΔβ.
        var delta = [Double](repeating: intercept - startIntercept, count: n)
        let moved = (0..<m).filter { beta[working[$0]] != start[working[$0]] }
        design.columns.withUnsafeBufferPointer { x in
            delta.withUnsafeMutableBufferPointer { d in
                for slot in moved {
                    let j = working[slot]
                    BLAS.axpy(n, beta[j] - start[j], x.baseAddress! + j * n, d.baseAddress!)
                }
            }
        }
        var slope = 0.0
        for i in 0..<n { slope -= startResidual[i] * delta[i] }
        let decrease = slope + penalty(beta, lambda: lambda) - startPenalty
        let startObjective = startLoss + startPenalty
        var t = 1.0
        var trial = eta
        var accepted = false
        // Near the optimum the model's decrease falls below what the objective can resolve in
        // floating point; the full (unit) step of proximal Newton is then taken as it is.
        let resolvable = Self.resolvableDecrease * max(1, abs(startObjective))
        var trialState: (loss: Double, probability: [Double])?
        for _ in 0...Self.maximumHalvings {
            for i in 0..<n { trial[i] = eta[i] + t * delta[i] }
            if abs(decrease) <= resolvable {
                accepted = true
                trialState = nil
                break
            }
            let trialBeta = t == 1 ? beta : zip(start, beta).map { $0 + t * ($1 - $0) }
            let state = Self.evaluate(eta: trial, y: y, weights: omega)
            if state.loss + penalty(trialBeta, lambda: lambda) <= startObjective + Self.armijo * t * min(decrease, 0) {
                accepted = true
                trialState = state
                break
            }
            t *= 0.5
        }
        if !accepted { t = 0 }
        var size = 0.0
        for slot in moved {
            let j = working[slot]
            let d = t * (beta[j] - start[j])
            start[j] += d
            size = max(size, curvature[slot] * d * d)
        }
        let interceptStep = t * (intercept - startIntercept)
        size = max(size, curvatureSum * interceptStep * interceptStep)
        beta = start
        intercept = startIntercept + interceptStep
        if t > 0 {
            eta = trial
            current = trialState
        }
        return (passes, size)
    }

    /// The loss Σ ωᵢ[log(1 + e^{ηᵢ}) − yᵢηᵢ] and every pᵢ = σ(ηᵢ), from one exp and one log1p per row.
    static func evaluate(eta: [Double], y: [Double], weights: [Double]) -> (loss: Double, probability: [Double]) {
        var loss = 0.0
        let probability = [Double](unsafeUninitializedCapacity: eta.count) { p, initialized in
            for i in eta.indices {
                let e = eta[i]
                let small = exp(-abs(e))   // e^{−|η|} ∈ (0, 1]
                p[i] = e >= 0 ? 1 / (1 + small) : small / (1 + small)
                if weights[i] > 0 { loss += weights[i] * (max(e, 0) + log1p(small) - y[i] * e) }
            }
            initialized = eta.count
        }
        return (loss, probability)
    }

    /// b ← b + Σu/Σv, u ← u − Δb·v. Returns Σv·Δb².
    private mutating func updateIntercept(u: inout [Double], v: [Double], curvatureSum: Double) -> Double {
        let shift = u.reduce(0, +) / curvatureSum
        guard shift != 0 else { return 0 }
        intercept += shift
        u.withUnsafeMutableBufferPointer { up in
            v.withUnsafeBufferPointer { vp in BLAS.axpy(up.count, -shift, vp.baseAddress!, up.baseAddress!) }
        }
        return curvatureSum * shift * shift
    }

    /// One pass of coordinate updates over the working-set positions `slots`; returns max hⱼ(Δβⱼ)².
    /// A coordinate at zero with |xⱼᵀu| ≤ λαwⱼ stays at zero, so its hⱼ is not needed; the others
    /// fill `curvature[slot]` the first time they are visited in this Newton step.
    private mutating func sweep(_ slots: [Int], working: [Int], u: inout [Double], v: [Double],
                                curvature: inout [Double], l1: Double, l2: Double) -> Double {
        let n = design.sampleCount
        var largest = 0.0
        design.columns.withUnsafeBufferPointer { x in
            u.withUnsafeMutableBufferPointer { up in
                v.withUnsafeBufferPointer { vp in
                    beta.withUnsafeMutableBufferPointer { b in
                        for slot in slots {
                            let j = working[slot]
                            let column = x.baseAddress! + j * n
                            let old = b[j]
                            let threshold = l1 * penaltyFactors[j]
                            let g = BLAS.dot(n, column, up.baseAddress!)
                            if old == 0 && abs(g) <= threshold { continue }
                            var h = curvature[slot]
                            if h.isNaN {
                                h = WeightedColumnKernels.curvature(n, column, vp.baseAddress!)
                                curvature[slot] = h
                            }
                            var new = softThreshold(g + h * old, threshold) / (h + l2 * penaltyFactors[j])
                            if let box { new = box.clamp(new, j) }
                            let delta = new - old
                            guard delta != 0, new.isFinite else { continue }
                            b[j] = new
                            WeightedColumnKernels.subtractWeighted(n, delta, vp.baseAddress!, column, up.baseAddress!)
                            largest = max(largest, h * delta * delta)
                        }
                    }
                }
            }
        }
        return largest
    }
}

/// S(z, t) = sign(z)·max(|z| − t, 0).
@inline(__always)
func softThreshold(_ z: Double, _ t: Double) -> Double {
    z > t ? z - t : (z < -t ? z + t : 0)
}
