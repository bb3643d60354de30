import Foundation
import LinearAlgebra
import Modeling

/// The multinomial elastic net at one λ after another, by proximal Newton steps with block
/// coordinate descent inside (Friedman, Hastie & Tibshirani 2010, §4; Simon, Friedman & Hastie
/// 2013 for the grouped penalty), warm-started, with a line search and a duality-gap stop.
///
/// Each step updates a block of classes (`blocks`): one class at a time for the ungrouped
/// penalty, cycling over the classes with the probabilities refreshed after each (glmnet's
/// scheme; with all classes at once the diagonal model below ignores the strong coupling
/// −pᵢₖpᵢₗ between classes: the iris lasso path took 910,280 passes against 58,383 and still
/// missed the tolerance at one λ), all classes together for the
/// grouped one. A step at η (pᵢₖ the softmax probabilities, uᵢₖ = ωᵢ(Yᵢₖ − pᵢₖ) the weighted
/// residual) replaces the loss, in the block's classes, by a quadratic model with a diagonal
/// curvature vᵢₖ per row and class:
///
///     L(η + δ) ≈ L(η) − Σᵢₖ uᵢₖδᵢₖ + ½ Σᵢₖ vᵢₖ δᵢₖ²,
///
/// - ungrouped: vᵢₖ = ωᵢ pᵢₖ(1 − pᵢₖ), the class's exact Hessian block (glmnet's per-class IRLS weights);
/// - grouped: vᵢₖ = ωᵢ tᵢ with tᵢ = min(2 maxₖ pᵢₖ(1 − pᵢₖ), maxₖ pᵢₖ) ≥ the largest eigenvalue
///   of the row's Hessian diag(pᵢ) − pᵢpᵢᵀ (the first by Gershgorin, the second because
///   diag(pᵢ) − pᵢpᵢᵀ ⪯ diag(pᵢ); the second is the smaller when the probabilities are spread,
///   1/K against 2(K−1)/K² at uniform pᵢ), the same for every class, so the block update of a
///   feature's K coefficients is a closed-form group soft-threshold.
///
/// (Both floored at `minimumCurvature`.) Coordinate descent on model + penalty, with
/// hⱼₖ = Σᵢ vᵢₖxᵢⱼ² and zⱼₖ = xⱼᵀu·ₖ + hⱼₖβⱼₖ:
///
///     ungrouped: βⱼₖ ← S(zⱼₖ, λαwⱼ) / (hⱼₖ + λ(1−α)wⱼ),
///     grouped:   βⱼ· ← (1 − λαwⱼ/‖zⱼ·‖₂)₊ zⱼ· / (hⱼ + λ(1−α)wⱼ),
///
/// u·ₖ ← u·ₖ − Δβⱼₖ v·ₖ∘xⱼ; intercepts bₖ ← bₖ + Σᵢuᵢₖ/Σᵢvᵢₖ. The step is scaled by a
/// backtracking (Armijo) search on the true objective, as in `BinomialSolver`. After each step
/// every βⱼ· is shifted by the penalty-minimizing constant (`MultinomialPenalty.optimalShift`,
/// glmnet's `elc`) and the intercepts are centred: neither changes the probabilities, and the
/// penalty can only fall.
///
/// Coefficient limits (ungrouped) clamp each coordinate update and each shift
/// (`MultinomialSolver+Box`); unpenalized features are fitted first (`MultinomialSolver+Unpenalized`).
///
/// Working set, KKT check and stopping as the binomial solver, on the feature scores
/// sⱼ = maxₖ|gⱼₖ| (ungrouped) or ‖gⱼ·‖₂ (grouped), g = Xᵀ(ω∘(Y − P)).
struct MultinomialSolver {
    let design: ClassificationDesign
    let labels: [Int]
    let classCount: Int
    let l1Ratio: Double
    let penalty: MultinomialPenalty
    let penaltyFactors: [Double]
    let fitIntercept: Bool
    let tolerance: Double
    let maximumPasses: Int
    let priors: [Double]
    let nullLoss: Double

    /// p × K, feature-major.
    var beta: [Double]
    var intercepts: [Double]
    /// K × n, class-major.
    var eta: [Double]
    /// Xᵀ(ω∘(Y − P)), p × K, at the last full evaluation.
    var gradient: [Double]
    var everActive: [Bool]
    var order = SweepOrder()
    /// The softmax at η, when known (kept from the line search's accepted point).
    var current: SoftmaxPoint?
    /// The sweep tolerance the next λ starts from (the one that certified the last λ).
    var startingSweepTolerance: Double?
    /// The last two solutions, newest first (`MultinomialSolver+PathExtrapolation`).
    var recentSolutions = PathSecant<PathPoint>()
    /// Coefficient limits on the solver's scale, nil for none (`MultinomialSolver+Box`).
    var box: CoordinateBox?

    static let minimumCurvature = 1e-5 * (1 - 1e-5)
    static let sweepTightening = 0.1
    /// A λ certified at its first check with relativeGap ≤ `comfortableGapFraction` · tolerance
    /// lets the next λ start one notch looser (sweep tolerance ÷ `sweepTightening`).
    static let comfortableGapFraction = 0.1
    /// The forcing term of the inexact Newton steps: a step's coordinate descent stops once a
    /// sweep changes the model by less than max(sweep tolerance, `innerForcing` × the step's
    /// first sweep), so only the steps near the solution solve their model to the sweep tolerance
    /// (inexact proximal Newton: Dembo, Eisenstat & Steihaug 1982; Lee, Sun & Saunders 2014).
    static let innerForcing = 0.3
    static let armijo = 1e-4
    /// See `checksEarly`.
    static let eagerCheckFraction = 0.5
    static let checkSpacing = 0.5
    /// Face Newton steps (`faceNewtonStep`) after failed checks before coordinate descent resumes.
    static let faceStepsInARow = 2
    static let minimumCheckSpacing = 4
    static let maximumHalvings = 40
    /// The share of non-zero coefficients from which a product X·B runs as one `dgemm` over
    /// every column (zeros included) rather than one `daxpy` per non-zero coefficient.
    static let denseFraction = 0.25
    static let resolvableDecrease = 1e-13

    init(design: ClassificationDesign, labels: [Int], classCount k: Int, l1Ratio: Double, penalty: MultinomialPenalty,
         penaltyFactors: [Double], fitIntercept: Bool, tolerance: Double, maximumPasses: Int) throws {
        let omega = design.weights
        let priors = MultinomialFunctions.priors(labels: labels, weights: omega, classes: k)
        if let missing = priors.firstIndex(where: { $0 <= 0 }) {
            throw LagrangeError.invalidData("class \(missing + 1) of \(k) has no row with positive weight; the multinomial model needs every class present")
        }
        self.design = design
        self.labels = labels
        classCount = k
        self.l1Ratio = l1Ratio
        self.penalty = penalty
        self.penaltyFactors = penaltyFactors
        self.fitIntercept = fitIntercept
        self.tolerance = tolerance
        self.maximumPasses = maximumPasses
        self.priors = priors
        nullLoss = MultinomialFunctions.nullLoss(priors: priors, fitIntercept: fitIntercept)
        let n = design.sampleCount
        var b = [Double](repeating: 0, count: k)
        if fitIntercept {
            let logs = priors.map { log($0) }
            let mean = logs.reduce(0, +) / Double(k)
            b = logs.map { $0 - mean }
        }
        intercepts = b
        eta = (0..<k).flatMap { c in [Double](repeating: b[c], count: n) }
        beta = [Double](repeating: 0, count: design.featureCount * k)
        gradient = []
        everActive = [Bool](repeating: false, count: design.featureCount)
        gradient = fullGradient()
    }

    /// Xᵀ(ω∘(Y − P)), p × K (one `dgemm` over all classes).
    mutating func fullGradient() -> [Double] {
        let n = design.sampleCount, k = classCount
        if current == nil { current = SoftmaxPoint(eta: eta, labels: labels, weights: design.weights, classes: k) }
        let probability = current!.probability, omega = design.weights
        var u = [Double](repeating: 0, count: n * k)
        for c in 0..<k {
            for i in 0..<n { u[c * n + i] = omega[i] * ((labels[i] == c ? 1 : 0) - probability[c * n + i]) }
        }
        return design.transposeTimesClasses(u, classes: k)
    }

    /// The per-feature scores the strong rule and the KKT check compare with λαwⱼ.
    func scores(_ g: [Double]) -> [Double] {
        let k = classCount
        return (0..<design.featureCount).map { j in
            var largest = 0.0, square = 0.0
            for c in 0..<k {
                largest = max(largest, abs(g[j * k + c]))
                square += g[j * k + c] * g[j * k + c]
            }
            return penalty == .grouped ? square.squareRoot() : largest
        }
    }

    /// η ← b + XB afresh: one `dgemm` over every column once at least `denseFraction` of the
    /// coefficients are non-zero, else one `daxpy` per non-zero coefficient.
    mutating func refreshPredictor() {
        let n = design.sampleCount, k = classCount
        var fresh = (0..<k).flatMap { c in [Double](repeating: intercepts[c], count: n) }
        let nonzero = beta.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
        if Double(nonzero) >= Self.denseFraction * Double(beta.count) {
            design.addTimes(beta, classes: k, into: &fresh)
        } else {
            design.columns.withUnsafeBufferPointer { x in
                fresh.withUnsafeMutableBufferPointer { e in
                    for j in 0..<design.featureCount {
                        for c in 0..<k where beta[j * k + c] != 0 {
                            BLAS.axpy(n, beta[j * k + c], x.baseAddress! + j * n, e.baseAddress! + c * n)
                        }
                    }
                }
            }
        }
        eta = fresh
        current = nil
    }

    func penaltyValue(_ b: [Double], lambda: Double) -> Double {
        let k = classCount
        var total = 0.0
        b.withUnsafeBufferPointer { bp in
            for j in 0..<design.featureCount {
                let row = UnsafeBufferPointer(rebasing: bp[(j * k)..<(j * k + k)])
                total += penalty.value(row, l1: lambda * l1Ratio * penaltyFactors[j], l2: lambda * (1 - l1Ratio) * penaltyFactors[j])
            }
        }
        return total
    }

    /// The classes each Newton step updates together: one at a time for the ungrouped penalty
    /// (glmnet's cycle over the classes, each step with its class's exact Hessian block), all
    /// at once for the grouped one (a feature's K coefficients form one block).
    var blocks: [[Int]] { penalty == .grouped ? [Array(0..<classCount)] : (0..<classCount).map { [$0] } }

    /// Solves at `lambda`, warm-started; `previousLambda` drives the strong rule.
    ///
    /// Rounds of Newton steps (one per block) first sweep the whole working set; once a round
    /// has moved the model by at least the sweep tolerance, the next rounds sweep only the
    /// coefficients that are non-zero (the active set, as glmnet iterates on it), and when those
    /// settle one round over the whole working set checks that nothing else wants to move. Only
    /// a round over the whole set that settles ends the sweeps; then the KKT check on the full
    /// gradient, and the certificate only when that check admitted nothing (so only when it can
    /// stop). Each λ starts from the sweep tolerance that certified the previous one (one notch
    /// looser when that gap was far inside the tolerance), as `BinomialSolver` does. Each λ
    /// starts from the secant prediction of the last two solutions when it lowers the objective
    /// (`MultinomialSolver+PathExtrapolation`); with half the features in the working set the
    /// rounds also stop for a check on a geometric schedule (`checksEarly`), and a failed check
    /// is followed by up to two Newton steps over all classes on the current face
    /// (`faceNewtonStep`, ungrouped) before coordinate descent resumes.
    mutating func solve(lambda: Double, previousLambda: Double) -> LogisticCertificate {
        let l1 = lambda * l1Ratio
        var working = WorkingSet(gradient: scores(gradient), weights: penaltyFactors, everActive: everActive,
                                 l1Ratio: l1Ratio, lambda: lambda, previousLambda: previousLambda)
        var passes = 0
        let loosest = tolerance * nullLoss
        var sweepTolerance = min(loosest, startingSweepTolerance ?? loosest)
        var checks = 0
        var sweepAll = true
        var lastCheck = 0
        predict(lambda: lambda)
        // Face Newton steps since the last rounds of coordinate descent.
        var faceSteps = 0
        while true {
            // True when a round over the whole working set moved by less than the sweep tolerance.
            var settled = false
            while faceSteps == 0 && passes < maximumPasses {
                var change = 0.0
                for block in blocks where passes < maximumPasses {
                    let (spent, size) = newtonStep(working.members, block: block, lambda: lambda, sweepTolerance: sweepTolerance,
                                                   sweepAll: sweepAll, passesLeft: maximumPasses - passes)
                    passes += max(spent, 1)
                    change = max(change, size)
                }
                if change < sweepTolerance {
                    if sweepAll {
                        settled = true
                        break
                    }
                    sweepAll = true
                } else {
                    sweepAll = false
                }
                if checksEarly(working: working.members.count, passes: passes, lastCheck: lastCheck) { break }
            }
            lastCheck = passes
            refreshPredictor()
            gradient = fullGradient()
            let added = working.admitViolators(gradient: scores(gradient), weights: penaltyFactors, l1: l1)
            if !added.isEmpty && passes < maximumPasses {
                sweepAll = true
                continue
            }
            let certificate = certify(lambda: lambda, passes: passes)
            checks += 1
            if certificate.converged || passes >= maximumPasses || !certificate.primalObjective.isFinite
                || (!certificate.isFinite && penaltyFactors.allSatisfy({ $0 > 0 })) {
                for j in working.members where (0..<classCount).contains(where: { beta[j * classCount + $0] != 0 }) {
                    everActive[j] = true
                }
                if certificate.converged {
                    let comfortable = checks == 1 && certificate.relativeGap <= Self.comfortableGapFraction * tolerance
                    startingSweepTolerance = min(loosest, comfortable ? sweepTolerance / Self.sweepTightening : sweepTolerance)
                    remember(lambda: lambda)
                }
                return certificate
            }
            // A certificate that fails before the rounds settled asks for more rounds, not a tighter tolerance.
            if settled { sweepTolerance *= Self.sweepTightening }
            sweepAll = false
            if faceSteps < Self.faceStepsInARow && penalty == .ungrouped && sidesOnlyAtZero
                && Double(working.members.count) >= Self.eagerCheckFraction * Double(design.featureCount) {
                let (spent, moved) = faceNewtonStep(lambda: lambda)
                passes += spent
                faceSteps = moved ? faceSteps + 1 : 0
            } else {
                faceSteps = 0
            }
        }
    }

    /// Whether the rounds stop for a KKT check and a certificate before they settle: when the
    /// working set holds at least `eagerCheckFraction` of the features and the rounds since the
    /// last check spent at least `checkSpacing` × (the λ's passes so far) and at least
    /// `minimumCheckSpacing` passes per class. A certificate that holds ends the λ; one that
    /// fails before the rounds settled does not tighten the sweep tolerance.
    ///
    /// At the small-λ end the rounds over the coupled classes converge slowly: on the 2000 × 200,
    /// K = 5 bench path a round's change stalled near 1e-8·L₀ for 300 rounds after a tightening
    /// to 1.6e-9·L₀, while the gap crossed the tolerance a fifth of the way in (0.0112 at the
    /// failed check after 199 passes, 0.0097 after 641, the rounds settling only after 3,423),
    /// and the tighter sweep tolerance, carried to the next λ, cost it as much again. A check
    /// (η afresh, the full gradient, the certificate) costs about K passes; spacing the checks
    /// geometrically keeps their number logarithmic in the passes.
    func checksEarly(working: Int, passes: Int, lastCheck: Int) -> Bool {
        guard Double(working) >= Self.eagerCheckFraction * Double(design.featureCount) else { return false }
        let since = passes - lastCheck
        return since >= Self.minimumCheckSpacing * classCount && Double(since) >= Self.checkSpacing * Double(passes)
    }

    func certify(lambda: Double, passes: Int) -> LogisticCertificate {
        LogisticCertificate.multinomial(beta: beta, eta: eta, labels: labels, classes: classCount, gradient: gradient,
                                        design: design, penaltyFactors: penaltyFactors, lambda: lambda, l1Ratio: l1Ratio,
                                        penalty: penalty, fitIntercept: fitIntercept, priors: priors, nullLoss: nullLoss,
                                        passes: passes, tolerance: tolerance, box: box, unpenalized: unpenalized)
    }

    /// One proximal Newton step on the coefficients of `working` and the intercepts of the
    /// classes in `block`; returns the passes spent and the step's size max(hⱼₖ(tΔβⱼₖ)², Σᵢvᵢₖ(tΔbₖ)²).
    ///
    /// With `sweepAll` the coordinate descent alternates a sweep over the whole working set with
    /// sweeps over its non-zero coefficients until a whole sweep settles; without, it sweeps the
    /// non-zero coefficients only, until they settle. "Settles" is inexact (`innerForcing`): a
    /// sweep changing the model by less than max(sweepTolerance, innerForcing × the first sweep's
    /// change). Without it, the sweep tolerance carried along λ (often ~1e-9·L₀ at the small-λ
    /// end) made every step solve its model that tightly, also the first steps of a λ, far from
    /// its solution: the grouped wine path (tol 1e-7, 100 λ) took 456,074 passes against 137,317
    /// with a loose start at every λ, 106,502 with the forcing term. hⱼₖ = Σᵢ vᵢₖxᵢⱼ² is computed only for the
    /// coordinates that can move (a coefficient at zero with |xⱼᵀu·ₖ| ≤ λαwⱼ, or a grouped row at
    /// zero with ‖Xⱼᵀu‖₂ ≤ λαwⱼ, stays there without it), once per step. A one-class step (the
    /// ungrouped penalty) moves η in that class only, so its line search updates the softmax in
    /// one exp and one log per row (`SoftmaxPoint.movingClass`) instead of K exps.
    private mutating func newtonStep(_ working: [Int], block: [Int], lambda: Double, sweepTolerance: Double,
                                     sweepAll: Bool, passesLeft: Int) -> (Int, Double) {
        let n = design.sampleCount, k = classCount
        let omega = design.weights
        let l1 = lambda * l1Ratio, l2 = lambda * (1 - l1Ratio)
        let grouped = penalty == .grouped
        if current == nil { current = SoftmaxPoint(eta: eta, labels: labels, weights: omega, classes: k) }
        let point = current!
        let width = block.count
        // v and u of the block's classes, block position b (class block[b]) at b*n + i.
        var v = [Double](repeating: 0, count: width * n)
        var u = [Double](repeating: 0, count: width * n)
        point.probability.withUnsafeBufferPointer { probability in
            for (b, c) in block.enumerated() {
                for i in 0..<n {
                    let q = probability[c * n + i]
                    v[b * n + i] = omega[i] * max(q * (1 - q), Self.minimumCurvature)
                    u[b * n + i] = omega[i] * ((labels[i] == c ? 1 : 0) - q)
                }
            }
            if grouped {
                for i in 0..<n {
                    var gershgorin = 0.0, largest = 0.0
                    for c in 0..<k {
                        let q = probability[c * n + i]
                        gershgorin = max(gershgorin, 2 * q * (1 - q))
                        largest = max(largest, q)
                    }
                    let bound = min(gershgorin, largest)
                    let t = omega[i] * max(bound, Self.minimumCurvature)
                    for b in 0..<width { v[b * n + i] = t }
                }
            }
        }
        let curvatureSums = (0..<width).map { b in (0..<n).reduce(0.0) { $0 + v[b * n + $1] } }
        let startResidual = u
        let m = working.count
        // hⱼₖ of (working-set position, block position); NaN until a sweep needs it. Grouped:
        // one value per position (v is the same for every class), at block position 0.
        var curvature = [Double](repeating: .nan, count: m * width)
        let start = beta
        let startIntercepts = intercepts
        let startPenalty = penaltyValue(beta, lambda: lambda)
        var passes = 0
        var slots = Array(0..<m)
        var inner = sweepTolerance, first = true
        repeat {
            if sweepAll {
                order.shuffle(&slots)
                var change = sweep(slots, block: block, working: working, u: &u, v: v, curvature: &curvature, l1: l1, l2: l2)
                if fitIntercept { change = max(change, updateIntercepts(block, u: &u, v: v, curvatureSums: curvatureSums)) }
                passes += 1
                if first { inner = max(sweepTolerance, Self.innerForcing * change); first = false }
                if change < inner { break }
            }
            var active = slots.filter { slot in block.contains { beta[working[slot] * k + $0] != 0 } }
            while passes < passesLeft {
                // A fresh order every sweep: one order repeated is cyclic descent, whose rate on an
                // equicorrelated design (ρ = 0.5, 200 columns) is 0.999 per sweep against a few
                // sweeps per decade for a reshuffled order.
                order.shuffle(&active)
                var activeChange = sweep(active, block: block, working: working, u: &u, v: v, curvature: &curvature, l1: l1, l2: l2)
                if fitIntercept { activeChange = max(activeChange, updateIntercepts(block, u: &u, v: v, curvatureSums: curvatureSums)) }
                passes += 1
                if first { inner = max(sweepTolerance, Self.innerForcing * activeChange); first = false }
                if activeChange < inner { break }
            }
        } while sweepAll && passes < passesLeft
        // The step d and δη = Δb + XΔB of the block's classes, block position b at b*n + i.
        var delta = [Double](repeating: 0, count: width * n)
        var moved: [(slot: Int, position: Int)] = []
        design.columns.withUnsafeBufferPointer { x in
            delta.withUnsafeMutableBufferPointer { d in
                for (b, c) in block.enumerated() {
                    let shift = intercepts[c] - startIntercepts[c]
                    for i in 0..<n { d[b * n + i] = shift }
                }
                for (slot, j) in working.enumerated() {
                    for (b, c) in block.enumerated() where beta[j * k + c] != start[j * k + c] {
                        BLAS.axpy(n, beta[j * k + c] - start[j * k + c], x.baseAddress! + j * n, d.baseAddress! + b * n)
                        moved.append((slot, b))
                    }
                }
            }
        }
        var slope = 0.0
        for index in 0..<(width * n) { slope -= startResidual[index] * delta[index] }
        let proposed = beta, proposedIntercepts = intercepts
        let decrease = slope + penaltyValue(proposed, lambda: lambda) - startPenalty
        let startObjective = point.loss + startPenalty
        let resolvable = Self.resolvableDecrease * max(1, abs(startObjective))
        // One class moving: its η row and the softmax of the move; else all of η afresh.
        let single = grouped ? nil : block[0]
        let rest = single.map { point.rest(excluding: $0, classes: k) } ?? []
        var t = 1.0
        var trial = [Double](repeating: 0, count: width * n)
        var accepted = false
        var trialPoint: SoftmaxPoint?
        var trialMove: ClassMove?
        for _ in 0...Self.maximumHalvings {
            for (b, c) in block.enumerated() {
                for i in 0..<n { trial[b * n + i] = eta[c * n + i] + t * delta[b * n + i] }
            }
            let trialBeta = t == 1 ? proposed : zip(start, proposed).map { $0 + t * ($1 - $0) }
            let trialLoss: Double
            if let c = single {
                let move = point.movingClass(c, to: trial, eta: eta, rest: rest, labels: labels, weights: omega)
                trialMove = move
                trialLoss = move.loss
            } else {
                var full = eta
                for c in 0..<k { for i in 0..<n { full[c * n + i] = trial[c * n + i] } }
                let state = SoftmaxPoint(eta: full, labels: labels, weights: omega, classes: k)
                trialPoint = state
                trialLoss = state.loss
            }
            if abs(decrease) <= resolvable
                || trialLoss + penaltyValue(trialBeta, lambda: lambda) <= startObjective + Self.armijo * t * min(decrease, 0) {
                accepted = true
                break
            }
            t *= 0.5
        }
        if !accepted { t = 0 }
        var size = 0.0
        var next = start
        for (slot, b) in moved {
            let j = working[slot], c = block[b]
            let d = t * (proposed[j * k + c] - start[j * k + c])
            next[j * k + c] += d
            size = max(size, curvature[slot * width + (grouped ? 0 : b)] * d * d)
        }
        for (b, c) in block.enumerated() {
            let step = t * (proposedIntercepts[c] - startIntercepts[c])
            size = max(size, curvatureSums[b] * step * step)
            intercepts[c] = startIntercepts[c] + step
        }
        beta = next
        if t > 0 {
            for (b, c) in block.enumerated() {
                for i in 0..<n { eta[c * n + i] = trial[b * n + i] }
            }
            if let c = single, let move = trialMove {
                current!.accept(move, class: c, classes: k)
            } else {
                current = trialPoint
            }
        }
        normalize(working)
        return (passes, size)
    }

    /// Shifts every βⱼ· of `working` by its penalty-minimizing constant and centres the
    /// intercepts; η moves by a constant per row, so the probabilities (and `current`) stay.
    private mutating func normalize(_ working: [Int]) {
        let n = design.sampleCount, k = classCount
        var rowShift = [Double](repeating: 0, count: n)
        var shifted = false
        design.columns.withUnsafeBufferPointer { x in
            for j in working {
                let row = Array(beta[(j * k)..<(j * k + k)])
                guard row.contains(where: { $0 != 0 }) else { continue }
                let c = symmetricShift(row, feature: j)
                guard c != 0, c.isFinite else { continue }
                for l in 0..<k { beta[j * k + l] += c }
                rowShift.withUnsafeMutableBufferPointer { r in BLAS.axpy(n, c, x.baseAddress! + j * n, r.baseAddress!) }
                shifted = true
            }
        }
        let mean = intercepts.reduce(0, +) / Double(k)
        if fitIntercept, mean != 0 {
            for c in 0..<k { intercepts[c] -= mean }
            for i in 0..<n { rowShift[i] -= mean }
            shifted = true
        }
        guard shifted else { return }
        current?.shiftRows(rowShift)
        for c in 0..<k {
            for i in 0..<n { eta[c * n + i] += rowShift[i] }
        }
    }

    /// bₖ ← bₖ + Σu·ₖ/Σv·ₖ, u·ₖ ← u·ₖ − Δbₖ v·ₖ for the classes of `block` (u, v by block
    /// position). Returns maxₖ Σv·ₖ Δbₖ².
    private mutating func updateIntercepts(_ block: [Int], u: inout [Double], v: [Double], curvatureSums: [Double]) -> Double {
        let n = design.sampleCount
        var largest = 0.0
        u.withUnsafeMutableBufferPointer { up in
            v.withUnsafeBufferPointer { vp in
                for (b, c) in block.enumerated() {
                    var total = 0.0
                    for i in 0..<n { total += up[b * n + i] }
                    let shift = total / curvatureSums[b]
                    guard shift != 0, shift.isFinite else { continue }
                    intercepts[c] += shift
                    BLAS.axpy(n, -shift, vp.baseAddress! + b * n, up.baseAddress! + b * n)
                    largest = max(largest, curvatureSums[b] * shift * shift)
                }
            }
        }
        return largest
    }

    /// One pass of (block) coordinate updates over the working-set positions `slots`; returns
    /// max hⱼₖ(Δβⱼₖ)². u and v are by block position; `curvature` is filled the first time a
    /// coordinate that can move is visited in this Newton step.
    private mutating func sweep(_ slots: [Int], block: [Int], working: [Int], u: inout [Double], v: [Double],
                                curvature: inout [Double], l1: Double, l2: Double) -> Double {
        let n = design.sampleCount, k = classCount
        let width = block.count
        let grouped = penalty == .grouped
        var largest = 0.0
        var z = [Double](repeating: 0, count: width)
        design.columns.withUnsafeBufferPointer { x in
            u.withUnsafeMutableBufferPointer { up in
                v.withUnsafeBufferPointer { vp in
                    beta.withUnsafeMutableBufferPointer { coefficients in
                        curvature.withUnsafeMutableBufferPointer { hp in
                            // Ungrouped: the last move's update of u waits for the next coordinate
                            // visited and runs fused with its product (`subtractWeightedThenDot`).
                            var pending: (column: UnsafePointer<Double>, delta: Double)?
                            defer {
                                if let (previous, delta) = pending {
                                    WeightedColumnKernels.subtractWeighted(n, delta, vp.baseAddress!, previous, up.baseAddress!)
                                }
                            }
                            for slot in slots {
                                let j = working[slot]
                                let column = x.baseAddress! + j * n
                                let t = l1 * penaltyFactors[j], ridge = l2 * penaltyFactors[j]
                                if !grouped {
                                    let c = block[0]
                                    let old = coefficients[j * k + c]
                                    let g: Double
                                    if let (previous, delta) = pending {
                                        g = WeightedColumnKernels.subtractWeightedThenDot(n, delta, vp.baseAddress!, previous,
                                                                                          up.baseAddress!, next: column)
                                        pending = nil
                                    } else {
                                        g = WeightedColumnKernels.dot(n, column, up.baseAddress!)
                                    }
                                    if old == 0 && abs(g) <= t { continue }
                                    var h = hp[slot]
                                    if h.isNaN {
                                        h = WeightedColumnKernels.curvature(n, column, vp.baseAddress!)
                                        hp[slot] = h
                                    }
                                    var new = softThreshold(g + h * old, t) / (h + ridge)
                                    if let box { new = box.clamp(new, j) }
                                    let delta = new - old
                                    guard delta != 0, new.isFinite else { continue }
                                    coefficients[j * k + c] = new
                                    pending = (column, delta)
                                    largest = max(largest, h * delta * delta)
                                    continue
                                }
                                var zero = true, norm = 0.0
                                for (b, c) in block.enumerated() {
                                    z[b] = BLAS.dot(n, column, up.baseAddress! + b * n)
                                    norm += z[b] * z[b]
                                    if coefficients[j * k + c] != 0 { zero = false }
                                }
                                if zero && norm.squareRoot() <= t { continue }
                                var h = hp[slot * width]
                                if h.isNaN {
                                    h = WeightedColumnKernels.curvature(n, column, vp.baseAddress!)
                                    hp[slot * width] = h
                                }
                                norm = 0
                                for (b, c) in block.enumerated() {
                                    z[b] += h * coefficients[j * k + c]
                                    norm += z[b] * z[b]
                                }
                                norm = norm.squareRoot()
                                for (b, c) in block.enumerated() {
                                    let new = norm > t ? (1 - t / norm) * z[b] / (h + ridge) : 0
                                    let delta = new - coefficients[j * k + c]
                                    guard delta != 0, new.isFinite else { continue }
                                    coefficients[j * k + c] = new
                                    WeightedColumnKernels.subtractWeighted(n, delta, vp.baseAddress! + b * n, column,
                                                                           up.baseAddress! + b * n)
                                    largest = max(largest, h * delta * delta)
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
