import Foundation
import LinearAlgebra

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
/// - grouped: vᵢₖ = ωᵢ tᵢ with tᵢ = 2 maxₖ pᵢₖ(1 − pᵢₖ) ≥ the largest eigenvalue of the row's
///   Hessian diag(pᵢ) − pᵢpᵢᵀ (Gershgorin), the same for every class, so the block update of a
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
    var current: (loss: Double, probability: [Double])?

    static let minimumCurvature = 1e-5 * (1 - 1e-5)
    static let sweepTightening = 0.1
    static let armijo = 1e-4
    static let maximumHalvings = 40
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

    /// Xᵀ(ω∘(Y − P)), p × K.
    mutating func fullGradient() -> [Double] {
        let n = design.sampleCount, k = classCount, p = design.featureCount
        if current == nil { current = MultinomialFunctions.evaluate(eta: eta, labels: labels, weights: design.weights, classes: k) }
        let probability = current!.probability, omega = design.weights
        var g = [Double](repeating: 0, count: p * k)
        var u = [Double](repeating: 0, count: n)
        for c in 0..<k {
            for i in 0..<n { u[i] = omega[i] * ((labels[i] == c ? 1 : 0) - probability[c * n + i]) }
            let column = design.transposeTimes(u)
            for j in 0..<p { g[j * k + c] = column[j] }
        }
        return g
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

    /// η ← b + XB afresh.
    mutating func refreshPredictor() {
        let n = design.sampleCount, k = classCount
        var fresh = (0..<k).flatMap { c in [Double](repeating: intercepts[c], count: n) }
        design.columns.withUnsafeBufferPointer { x in
            fresh.withUnsafeMutableBufferPointer { e in
                for j in 0..<design.featureCount {
                    for c in 0..<k where beta[j * k + c] != 0 {
                        BLAS.axpy(n, beta[j * k + c], x.baseAddress! + j * n, e.baseAddress! + c * n)
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
    mutating func solve(lambda: Double, previousLambda: Double) -> LogisticCertificate {
        let l1 = lambda * l1Ratio
        var working = WorkingSet(gradient: scores(gradient), weights: penaltyFactors, everActive: everActive,
                                 l1Ratio: l1Ratio, lambda: lambda, previousLambda: previousLambda)
        var passes = 0
        var sweepTolerance = tolerance * nullLoss
        while true {
            while passes < maximumPasses {
                var change = 0.0
                for block in blocks where passes < maximumPasses {
                    let (spent, size) = newtonStep(working.members, block: block, lambda: lambda, sweepTolerance: sweepTolerance,
                                                   passesLeft: maximumPasses - passes)
                    passes += max(spent, 1)
                    change = max(change, size)
                }
                if change < sweepTolerance { break }
            }
            refreshPredictor()
            gradient = fullGradient()
            let added = working.admitViolators(gradient: scores(gradient), weights: penaltyFactors, l1: l1)
            if !added.isEmpty && passes < maximumPasses { continue }
            let certificate = certify(lambda: lambda, passes: passes)
            if certificate.converged || passes >= maximumPasses || !certificate.isFinite {
                for j in working.members where (0..<classCount).contains(where: { beta[j * classCount + $0] != 0 }) {
                    everActive[j] = true
                }
                return certificate
            }
            sweepTolerance *= Self.sweepTightening
        }
    }

    func certify(lambda: Double, passes: Int) -> LogisticCertificate {
        LogisticCertificate.multinomial(beta: beta, eta: eta, labels: labels, classes: classCount, gradient: gradient,
                                        design: design, penaltyFactors: penaltyFactors, lambda: lambda, l1Ratio: l1Ratio,
                                        penalty: penalty, fitIntercept: fitIntercept, priors: priors, nullLoss: nullLoss,
                                        passes: passes, tolerance: tolerance)
    }

    /// One proximal Newton step on the coefficients of `working` and the intercepts of the
    /// classes in `block`; returns the passes spent and the step's size max(hⱼₖ(tΔβⱼₖ)², Σᵢvᵢₖ(tΔbₖ)²).
    private mutating func newtonStep(_ working: [Int], block: [Int], lambda: Double, sweepTolerance: Double,
                                     passesLeft: Int) -> (Int, Double) {
        let n = design.sampleCount, k = classCount
        let omega = design.weights
        let l1 = lambda * l1Ratio, l2 = lambda * (1 - l1Ratio)
        if current == nil { current = MultinomialFunctions.evaluate(eta: eta, labels: labels, weights: omega, classes: k) }
        let (startLoss, probability) = current!
        var v = [Double](repeating: 0, count: k * n)
        var u = [Double](repeating: 0, count: k * n)
        for i in 0..<n {
            var bound = 0.0
            for c in 0..<k {
                let q = probability[c * n + i]
                bound = max(bound, q * (1 - q))
                v[c * n + i] = omega[i] * max(q * (1 - q), Self.minimumCurvature)
                u[c * n + i] = omega[i] * ((labels[i] == c ? 1 : 0) - q)
            }
            if penalty == .grouped {
                let t = omega[i] * max(2 * bound, Self.minimumCurvature)
                for c in 0..<k { v[c * n + i] = t }
            }
        }
        let curvatureSums = (0..<k).map { c in (0..<n).reduce(0.0) { $0 + v[c * n + $1] } }
        let startResidual = u
        let m = working.count
        var curvature = [Double](repeating: 0, count: m * k)
        design.columns.withUnsafeBufferPointer { x in
            v.withUnsafeBufferPointer { vp in
                for (slot, j) in working.enumerated() {
                    let column = x.baseAddress! + j * n
                    for c in block {
                        if penalty == .grouped && c > 0 { curvature[slot * k + c] = curvature[slot * k]; continue }
                        let weights = vp.baseAddress! + c * n
                        var h = 0.0
                        for i in 0..<n { h += weights[i] * column[i] * column[i] }
                        curvature[slot * k + c] = h
                    }
                }
            }
        }
        let start = beta
        let startIntercepts = intercepts
        let startPenalty = penaltyValue(beta, lambda: lambda)
        var passes = 0
        var slots = Array(0..<m)
        while passes < passesLeft {
            order.shuffle(&slots)
            var change = sweep(slots, block: block, working: working, u: &u, v: v, curvature: curvature, l1: l1, l2: l2)
            if fitIntercept { change = max(change, updateIntercepts(block, u: &u, v: v, curvatureSums: curvatureSums)) }
            passes += 1
            if change < sweepTolerance { break }
            var active = slots.filter { slot in block.contains { beta[working[slot] * k + $0] != 0 } }
            order.shuffle(&active)
            while passes < passesLeft {
                var activeChange = sweep(active, block: block, working: working, u: &u, v: v, curvature: curvature, l1: l1, l2: l2)
                if fitIntercept { activeChange = max(activeChange, updateIntercepts(block, u: &u, v: v, curvatureSums: curvatureSums)) }
                passes += 1
                if activeChange < sweepTolerance { break }
            }
        }
        // The step d and δη = Δb + XΔB, class-major.
        var delta = (0..<k).flatMap { c in [Double](repeating: intercepts[c] - startIntercepts[c], count: n) }
        design.columns.withUnsafeBufferPointer { x in
            delta.withUnsafeMutableBufferPointer { d in
                for j in working {
                    for c in block where beta[j * k + c] != start[j * k + c] {
                        BLAS.axpy(n, beta[j * k + c] - start[j * k + c], x.baseAddress! + j * n, d.baseAddress! + c * n)
                    }
                }
            }
        }
        var slope = 0.0
        for index in 0..<(k * n) { slope -= startResidual[index] * delta[index] }
        let proposed = beta, proposedIntercepts = intercepts
        let decrease = slope + penaltyValue(proposed, lambda: lambda) - startPenalty
        let startObjective = startLoss + startPenalty
        let resolvable = Self.resolvableDecrease * max(1, abs(startObjective))
        var t = 1.0
        var trial = eta
        var accepted = false
        var trialState: (loss: Double, probability: [Double])?
        for _ in 0...Self.maximumHalvings {
            for index in 0..<(k * n) { trial[index] = eta[index] + t * delta[index] }
            if abs(decrease) <= resolvable {
                accepted = true
                trialState = nil
                break
            }
            let trialBeta = t == 1 ? proposed : zip(start, proposed).map { $0 + t * ($1 - $0) }
            let state = MultinomialFunctions.evaluate(eta: trial, labels: labels, weights: omega, classes: k)
            if state.loss + penaltyValue(trialBeta, lambda: lambda) <= startObjective + Self.armijo * t * min(decrease, 0) {
                accepted = true
                trialState = state
                break
            }
            t *= 0.5
        }
        if !accepted { t = 0 }
        var size = 0.0
        var next = start
        for (slot, j) in working.enumerated() {
            for c in block {
                let d = t * (proposed[j * k + c] - start[j * k + c])
                next[j * k + c] += d
                size = max(size, curvature[slot * k + c] * d * d)
            }
        }
        for c in block {
            let step = t * (proposedIntercepts[c] - startIntercepts[c])
            size = max(size, curvatureSums[c] * step * step)
            intercepts[c] = startIntercepts[c] + step
        }
        beta = next
        if t > 0 {
            eta = trial
            current = trialState
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
                let c = MultinomialPenalty.optimalShift(row, l1Ratio: l1Ratio, grouped: penalty == .grouped)
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
        for c in 0..<k {
            for i in 0..<n { eta[c * n + i] += rowShift[i] }
        }
    }

    /// bₖ ← bₖ + Σu·ₖ/Σv·ₖ, u·ₖ ← u·ₖ − Δbₖ v·ₖ. Returns maxₖ Σv·ₖ Δbₖ².
    private mutating func updateIntercepts(_ block: [Int], u: inout [Double], v: [Double], curvatureSums: [Double]) -> Double {
        let n = design.sampleCount
        var largest = 0.0
        u.withUnsafeMutableBufferPointer { up in
            v.withUnsafeBufferPointer { vp in
                for c in block {
                    var total = 0.0
                    for i in 0..<n { total += up[c * n + i] }
                    let shift = total / curvatureSums[c]
                    guard shift != 0, shift.isFinite else { continue }
                    intercepts[c] += shift
                    BLAS.axpy(n, -shift, vp.baseAddress! + c * n, up.baseAddress! + c * n)
                    largest = max(largest, curvatureSums[c] * shift * shift)
                }
            }
        }
        return largest
    }

    /// One pass of (block) coordinate updates over the working-set positions `slots`; returns
    /// max hⱼₖ(Δβⱼₖ)².
    private mutating func sweep(_ slots: [Int], block: [Int], working: [Int], u: inout [Double], v: [Double],
                                curvature: [Double], l1: Double, l2: Double) -> Double {
        let n = design.sampleCount, k = classCount
        let grouped = penalty == .grouped
        var largest = 0.0
        var z = [Double](repeating: 0, count: k)
        design.columns.withUnsafeBufferPointer { x in
            u.withUnsafeMutableBufferPointer { up in
                v.withUnsafeBufferPointer { vp in
                    beta.withUnsafeMutableBufferPointer { b in
                        for slot in slots {
                            let j = working[slot]
                            let column = x.baseAddress! + j * n
                            let t = l1 * penaltyFactors[j], ridge = l2 * penaltyFactors[j]
                            var norm = 0.0
                            for c in block {
                                z[c] = BLAS.dot(n, column, up.baseAddress! + c * n) + curvature[slot * k + c] * b[j * k + c]
                                norm += z[c] * z[c]
                            }
                            norm = norm.squareRoot()
                            for c in block {
                                let h = curvature[slot * k + c]
                                let new = grouped ? (norm > t ? (1 - t / norm) * z[c] / (h + ridge) : 0)
                                                  : softThreshold(z[c], t) / (h + ridge)
                                let delta = new - b[j * k + c]
                                guard delta != 0, new.isFinite else { continue }
                                b[j * k + c] = new
                                let residual = up.baseAddress! + c * n, weights = vp.baseAddress! + c * n
                                for i in 0..<n { residual[i] -= delta * weights[i] * column[i] }
                                largest = max(largest, h * delta * delta)
                            }
                        }
                    }
                }
            }
        }
        return largest
    }
}
