import LinearAlgebra

/// Where a dual variable sits in its box [0, Cᵢ].
enum AlphaStatus: UInt8 {
    case atLowerBound, atUpperBound, free
}

/// The dual problem an `SMOSolver` minimizes:
///
///     min_α  f(α) = ½ αᵀQα + pᵀα   subject to  yᵀα = Δ,  0 ≤ αᵢ ≤ Cᵢ,
///
/// with yᵢ = ±1 and a starting point α⁰ that is feasible (Δ = yᵀα⁰).
/// C-SVC: p = −e, Δ = 0, Qᵢⱼ = yᵢyⱼK(xᵢ, xⱼ). ε-SVR: 2n variables (α, α*), p = (ε − z, ε + z),
/// y = (e, −e).
struct DualProblem {
    var q: QMatrix
    var linearTerm: [Double]
    var labels: [Double]
    var upperBounds: [Double]
    var initialAlpha: [Double]
    /// The order Q is in when the solve starts: position t holds the problem's variable
    /// `qOrder[t]` (nil: the problem's own order). A Q left permuted by an earlier solve (a
    /// warm-started path) is used as it is, instead of being put back in order first.
    var qOrder: [Int]? = nil
}

/// Solver settings.
struct SolverSettings {
    /// Stop when the maximal KKT violation m(α) − M(α) ≤ tolerance.
    var tolerance: Double
    var shrinking: Bool
    /// Iteration cap; the solver stops there and reports `converged == false`.
    var maximumIterations: Int
    /// Called every `progressInterval` iterations with (iteration, current KKT violation).
    var progress: ((Int, Double) -> Void)?
    var progressInterval: Int = 1_000
    /// Which pairs may form a working set (`.sameLabel` for the ν formulations).
    var workingSetRule: WorkingSetRule = .standard
    /// Threads the selection may use (2 splits a long pass in halves; the result is the same).
    var threads: Int = 1
    /// Active sets at least this long have their selection split across two threads (when
    /// `threads` allows two): below it, handing half of a pass to another thread costs more
    /// than the half itself.
    var parallelSelectionLength = 8_192
    /// The plain selection (branchy scalar passes, the gradient update and the search for i as
    /// two passes): the reference the lane passes of `SMOSolver+Lanes` are tested against.
    var plainSelection = false
}

/// What the solver returns, in the problem's original variable order.
struct DualSolution {
    var alpha: [Double]
    /// ∇f(α) = Qα + p at the solution.
    var gradient: [Double]
    /// The threshold ρ: the decision function is Σ yᵢαᵢK(xᵢ, x) − ρ.
    var rho: Double
    /// f(α) = ½ αᵀQα + pᵀα (the minimized form).
    var objective: Double
    /// m(α) − M(α) at the solution, over all variables.
    var maximumViolation: Double
    var iterations: Int
    var converged: Bool
}

/// Sequential minimal optimization for `DualProblem` (Platt 1998; the LIBSVM design of Chang &
/// Lin 2011): each iteration picks two variables by second-order working-set selection
/// (Fan, Chen & Lin, JMLR 6, 2005), solves the two-variable subproblem in closed form and
/// updates the gradient ∇f(α) = Qα + p with two columns of Q.
///
/// Optimality (KKT): with I_up = {t : yₜ = +1, αₜ < Cₜ or yₜ = −1, αₜ > 0} and
/// I_low = {t : yₜ = +1, αₜ > 0 or yₜ = −1, αₜ < Cₜ},
/// m(α) = max_{t ∈ I_up} −yₜ∇ₜf,  M(α) = min_{t ∈ I_low} −yₜ∇ₜf, and α is optimal iff
/// m(α) ≤ M(α). The solver stops when m(α) − M(α) ≤ tolerance.
///
/// Shrinking: variables that sit at a bound and whose gradient says they will stay there are
/// moved past the end of the active prefix and left out of selection and updates; before the
/// final check the gradient of the shrunk variables is rebuilt from
/// `gradientAtUpperBound` (Ḡ = Σ_{αⱼ = Cⱼ} CⱼQ_{:,j}) and the free variables.
final class SMOSolver {
    /// The curvature used when Qᵢᵢ + Qⱼⱼ − 2yᵢyⱼQᵢⱼ ≤ 0 (a non-PSD kernel such as sigmoid, or
    /// two identical samples), as in Fan, Chen & Lin: a tiny positive τ keeps the step finite.
    static let curvatureFloor = 1e-12

    let q: QMatrix
    let count: Int
    let settings: SolverSettings
    // State lives in raw buffers owned by the solver: the inner loops index them millions of
    // times, and array accesses through a class pay exclusivity and bounds checks.
    let alpha: UnsafeMutablePointer<Double>
    let gradient: UnsafeMutablePointer<Double>
    /// Ḡᵢ = Σ_{j : αⱼ = Cⱼ} Cⱼ Qᵢⱼ, kept so shrunk gradients can be rebuilt cheaply.
    let gradientAtUpperBound: UnsafeMutablePointer<Double>
    let status: UnsafeMutablePointer<AlphaStatus>
    /// yₜ where t ∈ I_up, NaN elsewhere; `lowLabel` likewise for I_low. Kept with `status` by
    /// `updateStatus` so the selection passes test membership without branches
    /// (`SMOSolver+Lanes`).
    let upLabel: UnsafeMutablePointer<Double>
    let lowLabel: UnsafeMutablePointer<Double>
    let labels: UnsafeMutablePointer<Double>
    let linearTerm: UnsafeMutablePointer<Double>
    let upperBounds: UnsafeMutablePointer<Double>
    let diagonal: UnsafeMutablePointer<Double>
    /// originalIndex[t] = the problem's index of the variable now at position t.
    let originalIndex: UnsafeMutablePointer<Int>
    var activeSize: Int
    /// Whether the one-time full unshrink near convergence has happened.
    var hasUnshrunk = false
    var lastViolation = Double.infinity
    /// Exchanges made by the current shrinking step, not yet applied to Q.
    var pendingSwaps: [(Int, Int)] = []
    /// The next iteration's i and m(α), found by the last gradient update in the same pass
    /// (`updateGradientFindingUp`); nil once the active set or the gradient changes otherwise.
    var upFromUpdate: UpCandidate?

    /// Applies the pending exchanges to Q in one batch.
    func flushPendingSwaps() {
        guard !pendingSwaps.isEmpty else { return }
        q.swapIndices(pendingSwaps)
        pendingSwaps.removeAll(keepingCapacity: true)
    }

    init(_ problem: DualProblem, settings: SolverSettings) {
        q = problem.q
        count = problem.linearTerm.count
        self.settings = settings
        func buffer<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(1, values.count))
            _ = UnsafeMutableBufferPointer(start: pointer, count: values.count).initialize(from: values)
            return pointer
        }
        let order = problem.qOrder ?? Array(0..<count)
        precondition(order.count == count, "qOrder must be a permutation of the variables")
        func ordered<T>(_ values: [T]) -> [T] { order.map { values[$0] } }
        alpha = buffer(ordered(problem.initialAlpha))
        labels = buffer(ordered(problem.labels))
        linearTerm = buffer(ordered(problem.linearTerm))
        upperBounds = buffer(ordered(problem.upperBounds))
        diagonal = buffer(q.diagonal())
        originalIndex = buffer(order)
        activeSize = count
        status = buffer([AlphaStatus](repeating: .atLowerBound, count: count))
        upLabel = buffer([Double](repeating: .nan, count: count))
        lowLabel = buffer([Double](repeating: .nan, count: count))
        gradient = buffer(ordered(problem.linearTerm))
        gradientAtUpperBound = buffer([Double](repeating: 0, count: count))
        for t in 0..<count { updateStatus(t) }
    }

    deinit {
        alpha.deallocate(); gradient.deallocate(); gradientAtUpperBound.deallocate(); status.deallocate()
        upLabel.deallocate(); lowLabel.deallocate()
        labels.deallocate(); linearTerm.deallocate(); upperBounds.deallocate(); diagonal.deallocate()
        originalIndex.deallocate()
    }

    func updateStatus(_ t: Int) {
        if alpha[t] >= upperBounds[t] {
            status[t] = .atUpperBound
        } else if alpha[t] <= 0 {
            status[t] = .atLowerBound
        } else {
            status[t] = .free
        }
        // y = +1: I_up unless at C, I_low unless at 0; y = −1 the other way round.
        let y = labels[t]
        let blocksUp: AlphaStatus = y > 0 ? .atUpperBound : .atLowerBound
        let blocksLow: AlphaStatus = y > 0 ? .atLowerBound : .atUpperBound
        upLabel[t] = status[t] == blocksUp ? .nan : y
        lowLabel[t] = status[t] == blocksLow ? .nan : y
    }

    /// Runs SMO to the tolerance or the iteration cap.
    func solve() -> DualSolution {
        initializeGradient()
        var iterations = 0
        var untilShrinking = min(count, 1000) + 1
        var converged = true
        while true {
            if iterations >= settings.maximumIterations {
                converged = false
                break
            }
            untilShrinking -= 1
            if untilShrinking == 0 {
                untilShrinking = min(count, 1000)
                if settings.shrinking {
                    shrink()
                    upFromUpdate = nil
                }
            }
            var pair = selectWorkingSet()
            if pair == nil {
                // Optimal on the active set: check again on every variable.
                reconstructGradient()
                activeSize = count
                upFromUpdate = nil
                pair = selectWorkingSet()
                if pair == nil { break }
                untilShrinking = 1
            }
            iterations += 1
            updatePair(pair!.0, pair!.1)
            if let progress = settings.progress, iterations % settings.progressInterval == 0 {
                progress(iterations, lastViolation)
            }
        }
        if activeSize < count {
            reconstructGradient()
            activeSize = count
        }
        return makeSolution(iterations: iterations, converged: converged)
    }

    /// ∇f(α⁰) = Qα⁰ + p and Ḡ from the starting point (nothing to add when α⁰ = 0), each a
    /// weighted sum of columns (`QMatrix.accumulateColumns`, the terms in index order).
    private func initializeGradient() {
        var nonzero: [Int] = [], weights: [Double] = []
        var upper: [Int] = [], bounds: [Double] = []
        for i in 0..<count where status[i] != .atLowerBound {
            nonzero.append(i)
            weights.append(alpha[i])
            if status[i] == .atUpperBound {
                upper.append(i)
                bounds.append(upperBounds[i])
            }
        }
        q.accumulateColumns(nonzero, weights: weights, from: 0, to: count, into: gradient)
        q.accumulateColumns(upper, weights: bounds, from: 0, to: count, into: gradientAtUpperBound)
    }

    /// The pair (i, j) of Fan, Chen & Lin's WSS 2: i maximizes −yᵢ∇ᵢf over I_up; j minimizes
    /// the second-order decrease −(bᵢⱼ)²/aᵢⱼ over t ∈ I_low with −yₜ∇ₜf < −yᵢ∇ᵢf, where
    /// bᵢₜ = −yᵢ∇ᵢf + yₜ∇ₜf and aᵢₜ = Qᵢᵢ + Qₜₜ − 2yᵢyₜQᵢₜ. Nil when m(α) − M(α) < tolerance.
    ///
    /// Ties go to the last index (i: the last t attaining m(α); j: the last t attaining the
    /// smallest decrease). Both passes are reductions (max, min) over t, split into two halves
    /// on two threads for a long active set (`SolverSettings.threads`); the halves are combined
    /// keeping the last index on ties, so the pair is the serial pass's pair exactly.
    func selectWorkingSet() -> (Int, Int)? {
        if settings.workingSetRule == .sameLabel { return selectSameLabelWorkingSet() }
        if settings.plainSelection { return selectPlainWorkingSet() }
        let up = upFromUpdate ?? overHalves(combine: UpCandidate.later) { maximalUpInLanes(in: $0) }
        upFromUpdate = nil
        let i = up.index
        let columnI: UnsafePointer<Float>? = i >= 0 ? q.column(i, length: activeSize) : nil
        let low = overHalves(combine: LowCandidate.later) { bestLowInLanes(in: $0, maximumUp: up.value, i: i, columnI: columnI) }
        lastViolation = up.value + low.maximumLow
        if up.value + low.maximumLow < settings.tolerance || low.index == -1 { return nil }
        return (i, low.index)
    }

    /// 2 when the selection and the gradient update split the active set in halves on two
    /// threads, else 1.
    var selectionPieces: Int {
        settings.threads > 1 && activeSize >= settings.parallelSelectionLength ? 2 : 1
    }

    /// `pass` over the whole active set, or (`selectionPieces` = 2) over its two halves on two
    /// threads, the halves' results combined by `combine(first, second)`, which keeps the second
    /// half's on ties so the result is the serial pass's exactly.
    func overHalves<Candidate>(combine: (Candidate, Candidate) -> Candidate, _ pass: (Range<Int>) -> Candidate) -> Candidate {
        let length = activeSize
        if selectionPieces == 1 { return pass(0..<length) }
        let half = (length + 1) / 2
        var first: Candidate?, second: Candidate?
        Parallel.forEach(2, threads: 2) { piece in
            // Piece 0 writes `first` only, piece 1 `second` only.
            if piece == 0 { first = pass(0..<half) } else { second = pass(half..<length) }
        }
        return combine(first!, second!)
    }

    /// `selectWorkingSet` by the plain branchy passes (`SolverSettings.plainSelection`).
    func selectPlainWorkingSet() -> (Int, Int)? {
        let up = overHalves(combine: UpCandidate.later) { maximalUp(in: $0) }
        let i = up.index
        let columnI: UnsafePointer<Float>? = i >= 0 ? q.column(i, length: activeSize) : nil
        let low = overHalves(combine: LowCandidate.later) { bestLow(in: $0, maximumUp: up.value, i: i, columnI: columnI) }
        lastViolation = up.value + low.maximumLow
        if up.value + low.maximumLow < settings.tolerance || low.index == -1 { return nil }
        return (i, low.index)
    }

    /// The largest −yₜ∇ₜf over t ∈ I_up in a range of the active set and the last t attaining it.
    struct UpCandidate {
        var value = -Double.infinity
        var index = -1

        /// The candidate of two consecutive ranges (`second` after `first`) as one pass over both
        /// finds it: the larger value, ties to the second range (its indices are larger).
        static func later(_ first: UpCandidate, _ second: UpCandidate) -> UpCandidate {
            second.index >= 0 && (first.index < 0 || second.value >= first.value) ? second : first
        }
    }

    /// Over a range of the active set: max over I_low of yₜ∇ₜf (−M(α)), and the t of WSS 2 with
    /// its decrease (the last t attaining the smallest).
    struct LowCandidate {
        var maximumLow = -Double.infinity
        var decrease = Double.infinity
        var index = -1

        /// Two consecutive ranges combined as one pass over both: the larger −M(α), and the
        /// smaller decrease with ties to the second range.
        static func later(_ first: LowCandidate, _ second: LowCandidate) -> LowCandidate {
            var combined = first
            combined.maximumLow = max(first.maximumLow, second.maximumLow)
            if second.index >= 0, first.index < 0 || second.decrease <= first.decrease {
                combined.index = second.index
                combined.decrease = second.decrease
            }
            return combined
        }
    }

    private func maximalUp(in range: Range<Int>) -> UpCandidate {
        var maximumUp = -Double.infinity   // m(α) = max over I_up of −y∇f
        var selectedUp = -1
        let g = gradient, y = labels, s = status
        for t in range {
            if y[t] > 0 {
                if s[t] != .atUpperBound, -g[t] >= maximumUp { maximumUp = -g[t]; selectedUp = t }
            } else {
                if s[t] != .atLowerBound, g[t] >= maximumUp { maximumUp = g[t]; selectedUp = t }
            }
        }
        return UpCandidate(value: maximumUp, index: selectedUp)
    }

    private func bestLow(in range: Range<Int>, maximumUp: Double, i: Int, columnI: UnsafePointer<Float>?) -> LowCandidate {
        var maximumLow = -Double.infinity  // −M(α) = max over I_low of y∇f
        var selectedLow = -1
        var bestDecrease = Double.infinity
        let labelI = i >= 0 ? labels[i] : 0
        let diagonalI = i >= 0 ? diagonal[i] : 0
        let g = gradient, y = labels, s = status, d = diagonal
        for t in range {
            let gradientDifference: Double
            let curvatureSign: Double
            if y[t] > 0 {
                guard s[t] != .atLowerBound else { continue }
                if g[t] >= maximumLow { maximumLow = g[t] }
                gradientDifference = maximumUp + g[t]
                curvatureSign = -1
            } else {
                guard s[t] != .atUpperBound else { continue }
                if -g[t] >= maximumLow { maximumLow = -g[t] }
                gradientDifference = maximumUp - g[t]
                curvatureSign = 1
            }
            guard gradientDifference > 0, let columnI else { continue }
            var curvature = diagonalI + d[t] + curvatureSign * 2 * labelI * Double(columnI[t])
            if curvature <= 0 { curvature = Self.curvatureFloor }
            let decrease = -(gradientDifference * gradientDifference) / curvature
            if decrease <= bestDecrease { bestDecrease = decrease; selectedLow = t }
        }
        return LowCandidate(maximumLow: maximumLow, decrease: bestDecrease, index: selectedLow)
    }

    /// Solves the two-variable subproblem in (αᵢ, αⱼ) exactly, clips it to the box, and updates
    /// ∇f on the active set and Ḡ where a bound status changed.
    func updatePair(_ i: Int, _ j: Int) {
        // Qᵢⱼ is read from column i (just fetched by the selection); the gradient update asks Q
        // for both columns at once, so an implementation can fuse it with its column lookup.
        let columnI = q.column(i, length: activeSize)
        let boundI = upperBounds[i], boundJ = upperBounds[j]
        let oldAlphaI = alpha[i], oldAlphaJ = alpha[j]
        var alphaI = oldAlphaI, alphaJ = oldAlphaJ
        if labels[i] != labels[j] {
            // yᵢαᵢ + yⱼαⱼ fixed ⇒ αᵢ − αⱼ fixed; step along (+1, +1).
            var curvature = diagonal[i] + diagonal[j] + 2 * Double(columnI[j])
            if curvature <= 0 { curvature = Self.curvatureFloor }
            let step = (-gradient[i] - gradient[j]) / curvature
            let difference = alphaI - alphaJ
            alphaI += step
            alphaJ += step
            if difference > 0 {
                if alphaJ < 0 { alphaJ = 0; alphaI = difference }
            } else if alphaI < 0 {
                alphaI = 0; alphaJ = -difference
            }
            if difference > boundI - boundJ {
                if alphaI > boundI { alphaI = boundI; alphaJ = boundI - difference }
            } else if alphaJ > boundJ {
                alphaJ = boundJ; alphaI = boundJ + difference
            }
        } else {
            // αᵢ + αⱼ fixed; step along (−1, +1).
            var curvature = diagonal[i] + diagonal[j] - 2 * Double(columnI[j])
            if curvature <= 0 { curvature = Self.curvatureFloor }
            let step = (gradient[i] - gradient[j]) / curvature
            let sum = alphaI + alphaJ
            alphaI -= step
            alphaJ += step
            if sum > boundI {
                if alphaI > boundI { alphaI = boundI; alphaJ = sum - boundI }
            } else if alphaJ < 0 {
                alphaJ = 0; alphaI = sum
            }
            if sum > boundJ {
                if alphaJ > boundJ { alphaJ = boundJ; alphaI = sum - boundJ }
            } else if alphaI < 0 {
                alphaI = 0; alphaJ = sum
            }
        }
        alpha[i] = alphaI
        alpha[j] = alphaJ
        let deltaI = alphaI - oldAlphaI, deltaJ = alphaJ - oldAlphaJ
        let active = activeSize
        let wasUpperI = status[i] == .atUpperBound, wasUpperJ = status[j] == .atUpperBound
        updateStatus(i)
        updateStatus(j)
        if settings.plainSelection || settings.workingSetRule != .standard || !q.storesColumns {
            q.addColumns(i, deltaI, j, deltaJ, to: gradient, length: active)
        } else {
            // Column i was fetched above, so these are the two lookups `addColumns` makes.
            let columnI = q.column(i, length: active)
            let columnJ = q.column(j, length: active)
            // Each half updates the gradient on its own entries only.
            upFromUpdate = overHalves(combine: UpCandidate.later) {
                updateGradientFindingUp(columnI: columnI, deltaI: deltaI, columnJ: columnJ, deltaJ: deltaJ, in: $0)
            }
        }
        adjustGradientAtUpperBound(i, wasAtUpper: wasUpperI)
        adjustGradientAtUpperBound(j, wasAtUpper: wasUpperJ)
    }

    /// Adds or removes Cₜ Q_{:,t} from Ḡ when αₜ reaches or leaves its upper bound.
    private func adjustGradientAtUpperBound(_ t: Int, wasAtUpper: Bool) {
        let isAtUpper = status[t] == .atUpperBound
        guard wasAtUpper != isAtUpper else { return }
        let column = q.column(t, length: count)
        let scale = isAtUpper ? upperBounds[t] : -upperBounds[t]
        let bar = gradientAtUpperBound
        for k in 0..<count { bar[k] += scale * Double(column[k]) }
    }

    /// Exchanges variables `i` and `j` in the solver's state; Q follows when
    /// `flushPendingSwaps` hands it the batch (before Q is read again).
    func swapVariables(_ i: Int, _ j: Int) {
        pendingSwaps.append((i, j))
        exchange(labels, i, j)
        exchange(gradient, i, j)
        exchange(status, i, j)
        exchange(upLabel, i, j)
        exchange(lowLabel, i, j)
        exchange(alpha, i, j)
        exchange(linearTerm, i, j)
        exchange(originalIndex, i, j)
        exchange(gradientAtUpperBound, i, j)
        exchange(upperBounds, i, j)
        exchange(diagonal, i, j)
    }
}

@inline(__always)
private func exchange<T>(_ buffer: UnsafeMutablePointer<T>, _ i: Int, _ j: Int) {
    let value = buffer[i]
    buffer[i] = buffer[j]
    buffer[j] = value
}
