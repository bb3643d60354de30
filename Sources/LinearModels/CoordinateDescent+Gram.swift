import KernelLoops
import LinearAlgebra
import Modeling

/// The settle of `CoordinateDescent` in gradient form, on the Gram matrix of the working set
/// (`WorkingGram`): the same coordinate updates as the residual sweeps, in the same kind of random
/// orders, with g_W = X_Wᵀr/n kept instead of r,
///
///     βⱼ ← S(gⱼ + vⱼβⱼ, λαwⱼ) / (vⱼ + λ(1−α)wⱼ),   g_W ← g_W − Δβⱼ · G₍W,ⱼ₎.
///
/// It starts from the exact gⱼ at the current residual and, when it is done, moves the residual
/// once by every coefficient's total change (r ← r − Σⱼ Δβⱼxⱼ), so the check that follows sees
/// the residual as the residual sweeps would leave it (to rounding) and recomputes the exact
/// correlations it needs from it: the certificate never rests on the updated g.
///
/// A move costs |W| multiply-adds instead of 2n, and a visit that leaves βⱼ = 0 costs O(1)
/// instead of n, so it is used when |W| ≤ max(2n, `smallGramBlock`) (and the union of the working
/// sets fits the cache). It starts with a Newton step on the face of the warm start's support,
/// and the inner cycles run on the non-zero coordinates' block (`CycleBlock`) with Anderson
/// extrapolation every K passes (`GramBlock+Anderson.swift`) and face steps once the signs settle
/// (`CoordinateDescent+Face.swift`).
extension CoordinateDescent {
    /// Most features `WorkingGram` caches for a design with `n` rows: G and the packed columns
    /// stay below ~32 MB each.
    /// A check waits until the working set's own gap is at most this fraction of the target.
    static let subproblemGapFraction = 0.5
    /// At most this many tenfold tightenings of the sweep tolerance within one settle.
    static let subproblemTightenings = 6

    /// The settle reads G in place on the cache (`GramBlock(cache:…)`) when the working set is at
    /// least this fraction of the cached features, and gathers G₍W,W₎ otherwise. In place, a move
    /// updates |cache| gradients instead of |W|; a gather costs |W|² scattered reads and writes
    /// per new working set. Along the benchmark paths the working set is 80–100% of the cache.
    /// Measured (release, 100 λ to λ_max/100, fit CPU time, interleaved with main's build, 10 runs,
    /// loaded machine: provisional): 500 × 10,000 median 0.442 → 0.410 s at tolerance 6.25e-5 and
    /// 0.311 → 0.268 s at 5e-4, page faults in the fit 16.4k → 10.6k; leukemia-shaped 72 × 7,129
    /// unchanged (its gathers were small); coefficients bit-identical to the gathered route.
    static let inPlaceFraction = 0.75

    /// Working sets of at most this many features go the Gram route even past 2n: their G is at
    /// most 0.8 MB (within one core's L2 here), and a move costs |W| against the 2n of the
    /// residual route's, whose every visit also costs n. On the leukemia-shaped design (n = 72)
    /// the late λ have working sets of 180–240: at tolerance 3.1e-5 the residual settles took
    /// 24M of the solve's 210M instructions (callgrind, one run). 512 cached 391 features
    /// against 135 at tolerance 5e-4 (more page faults); one run of a path moves by ±10% with
    /// the sweep orders alone, and over 4 orders the 5e-4 path with this branch's settle took
    /// 192M process instructions against main's 190M.
    static let smallGramBlock = 320

    /// The sign of each coefficient (−1, 0, 1).
    static func signs(_ beta: [Double]) -> [Int8] {
        beta.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
    }

    static func sweepsInCache(members m: Int, cached: Int) -> Bool {
        Double(m) >= inPlaceFraction * Double(cached)
    }

    /// The largest working set the Gram route takes: max(2n, `smallGramBlock`).
    static func gramRouteSize(sampleCount n: Int) -> Int { max(2 * n, smallGramBlock) }

    static func gramLimit(sampleCount n: Int, featureCount p: Int) -> Int {
        min(p, 2_048, max(64, 4_000_000 / max(1, n)))
    }

    /// Sweeps `working` as `settle` does, in gradient form; nil (nothing done) when the Gram route
    /// does not apply, and the caller settles with the residual. The inner cycles over the non-zero
    /// coordinates A run on G₍A,A₎ and g_A alone; after each, the other members' gradients catch up
    /// in one product, g_{W∖A} ← g_{W∖A} − G₍W∖A,A₎ Δβ_A.
    ///
    /// The settle goes on, its sweep tolerance tightened tenfold each time (at most
    /// `subproblemTightenings` times), while the duality gap of the problem restricted to the
    /// working set is above `subproblemGapFraction` of the target: the global gap is at least that
    /// gap (more features can only lower the dual point's scale), so a check before would fail
    /// anyway. That gap costs O(|W|) from g_W (see `GramBlock.restrictedGap`); it only decides when
    /// to check — the certificate is always the check's, from the exact residual. Not with a box
    /// or unpenalized features (their checks certify another dual point).
    mutating func gramSettle(_ working: [Int], l1: Double, l2: Double, sweepTolerance: inout Double, passesLeft: Int) -> Int? {
        let n = design.sampleCount, m = working.count
        let cached = gram.count
        guard usesGram, !extrapolates, m > 0, m <= Self.gramRouteSize(sampleCount: n), gram.include(working, design: design) else { return nil }
        effort.gramSettles += 1
        effort.gramFeatures += gram.count - cached
        let version = known.version
        let missing = working.filter { known.gradientAt[$0] != version }
        effort.columnProducts += missing.count
        Self.exactCorrelations(design, missing, with: residual, into: &known.gradient)
        for j in missing { known.gradientAt[j] = version }
        let gradients = working.map { known.gradient[$0] }, coefficients = working.map { beta[$0] }
        var whole: GramBlock
        if readsGramInPlace, Self.sweepsInCache(members: m, cached: gram.count) {
            whole = GramBlock(cache: gram, features: working, gradient: gradients, beta: coefficients, solver: self, l1: l1, l2: l2)
            inPlaceSettles += 1
        } else {
            // Successive settles at one λ often sweep the same members: their block is kept.
            // A new block is gathered into the last one's buffer (released first so that it is
            // uniquely referenced): a fresh m × m array per settle cost page faults on every gather.
            if lastBlock?.members != working {
                var storage = lastBlock?.block ?? []
                lastBlock = nil
                gram.block(working, into: &storage)
                lastBlock = (working, storage)
            }
            whole = GramBlock(features: working, gram: lastBlock!.block, gradient: gradients, beta: coefficients,
                              solver: self, l1: l1, l2: l2)
        }
        let start = whole.beta
        let initialGradient = whole.gradient
        let residualSquare = residual.withUnsafeBufferPointer { r in BLAS.dot(n, r.baseAddress!, r.baseAddress!) } / Double(n)
        let target = box == nil && projection == nil ? Self.subproblemGapFraction * tolerance * design.nullObjective : nil
        let amplification = DualExtrapolation.maximumAmplification(tolerance: tolerance)
        var passes = 0
        var tightenings = 0
        var positions = Array(0..<m)
        var facesAllowed = takesFaceSteps && box == nil && projection == nil
        // The cycle block's storage is the solver's, taken out so that it is uniquely referenced.
        var cycleBlock = self.cycleBlock
        self.cycleBlock = CycleBlock(blockSize: 0)
        cycleBlock.reset(blockSize: m)
        defer { self.cycleBlock = cycleBlock }
        // A settle starts with a Newton step on the face of the warm start's support (the last
        // λ's, or the last check's): λ or the working set has just changed, and the step lands
        // on the new face's minimizer, or on a smaller face's when coordinates reach zero on the
        // way (`CoordinateDescent+Face.swift`).
        if facesAllowed {
            if faceStep(&whole, l2: l2) == nil { facesAllowed = false }
        }
        while passes < passesLeft {
          while passes < passesLeft {
            order.shuffle(&positions)
            let movesBefore = whole.moves
            let change = whole.sweep(positions, box: box)
            effort.gramSweepMoves += whole.moves - movesBefore
            effort.gramSweepEntries += (whole.moves - movesBefore) * whole.gradient.count
            passes += 1
            if change < sweepTolerance { break }
            // The cycle runs on the non-zero coordinates, in one random order for the whole cycle.
            // Their G is kept from the last cycle (`CycleBlock`): members back at zero leave it,
            // compacted in place, and only the new ones' rows are read from the settle's block.
            cycleBlock.retain { whole.beta[$0] != 0 }
            cycleBlock.admit((0..<m).filter { whole.beta[$0] != 0 && !cycleBlock.contains($0) }, from: whole)
            let active = cycleBlock.positions
            var inner = whole.restricted(to: cycleBlock)
            let before = inner.beta
            var cycle = Array(0..<active.count)
            order.shuffle(&cycle)
            // Anderson acceleration of the cycle's fixed map (`GramBlock+Anderson.swift`): every
            // K passes, the extrapolated point when it lowers the objective. Not with a box (the
            // point could leave it).
            var history = CycleExtrapolation(size: active.count)
            let accelerates = acceleratesSettle && box == nil
            if accelerates { history.record(beta: inner.beta, gradient: inner.gradient) }
            // Newton steps on the face once the signs settle (`CoordinateDescent+Face.swift`).
            var lastSigns = Self.signs(inner.beta), stablePasses = 0
            while passes < passesLeft {
                let activeChange = inner.sweep(cycle, box: box)
                passes += 1
                if activeChange < sweepTolerance { break }
                if facesAllowed {
                    let signs = Self.signs(inner.beta)
                    stablePasses = signs == lastSigns ? stablePasses + 1 : 0
                    lastSigns = signs
                    if stablePasses >= Self.faceStablePasses {
                        stablePasses = 0
                        let taken = faceStep(&inner, l2: l2)
                        if taken == nil { facesAllowed = false }
                        if taken == true {
                            if accelerates {
                                history.reset()
                                history.record(beta: inner.beta, gradient: inner.gradient)
                            }
                            continue
                        }
                    }
                }
                guard accelerates else { continue }
                history.record(beta: inner.beta, gradient: inner.gradient)
                if history.isFull {
                    effort.extrapolations += 1
                    if inner.extrapolate(history, maximumAmplification: amplification) { effort.extrapolationsTaken += 1 }
                    history.reset()
                    history.record(beta: inner.beta, gradient: inner.gradient)
                }
            }
            let merged = whole.merge(inner, positions: active, before: before)
            effort.gramCycleMoves += inner.moves
            effort.gramCycleEntries += inner.moves * inner.gradient.count + merged * whole.gradient.count
          }
            guard let target, tightenings < Self.subproblemTightenings,
                  whole.restrictedGap(from: start, gradient: initialGradient, residualSquare: residualSquare) > target else { break }
            sweepTolerance *= Self.sweepTightening
            tightenings += 1
        }
        let changed = (0..<m).filter { whole.beta[$0] != start[$0] }
        for a in changed { beta[working[a]] = whole.beta[a] }
        design.columns.withUnsafeBufferPointer { x in
            residual.withUnsafeMutableBufferPointer { r in
                for a in changed { BLAS.axpy(n, -(whole.beta[a] - start[a]), x.baseAddress! + working[a] * n, r.baseAddress!) }
            }
        }
        if !changed.isEmpty { known.residualMoved() }
        return passes
    }
}

/// A block of coordinates in gradient form: their features, coefficients, vₐ, thresholds λαwₐ
/// and denominators vₐ + λ(1−α)wₐ (by position a), and G among them with their gradients
/// gₐ = xₐᵀr/n, kept over an index space of `gradient.count` entries in which position a is
/// `slots[a]`: Gₐᵦ = gram[slots[a] · stride + slots[b]], gₐ = gradient[slots[a]].
///
/// Gathered, the space is the positions themselves (slots[a] = a, stride |features|). In place on
/// a `WorkingGram` (`init(cache:…)`), the space is the cache's slots and `gram` its entries, read
/// where they are: no gather of G₍W,W₎, at the price of moving the gradients of the cached
/// features outside the block too (entries nothing reads) — worth it when the block is most of the
/// cache. Each member's gradient sees the same operations in either layout: the sweep's update
/// g ← g − Δ·G₍:,a₎ rounds entry by entry (`GramLoops.h`), and so does the merge's `daxpy` in the
/// OpenBLAS kernels used here whatever the length and offset — an observed property, not a
/// documented one, checked by `GramInPlaceTests` (both layouts bit for bit, one block and whole
/// paths); if a BLAS broke it, the layouts would differ by rounding only.
struct GramBlock {
    let features: [Int]
    let gram: GramEntries
    /// Row stride of `gram`.
    let stride: Int
    /// Index of each position in the space (its row and column of `gram`, its entry of `gradient`).
    let slots: [Int]
    /// Gradients over the whole space (entries of the space outside the block are moved along, never read).
    var gradient: [Double]
    var beta: [Double]
    let meanSquares: [Double]
    let thresholds: [Double]
    let denominators: [Double]
    /// Coordinate moves made by `sweep` so far (counts only).
    private(set) var moves = 0

    /// A gathered block: G row-major with stride |features| in the first |features|² entries of
    /// `gram` (which may be longer), `gradient` by position.
    init(features: [Int], gram: [Double], gradient: [Double], beta: [Double], meanSquares: [Double], thresholds: [Double],
         denominators: [Double]) {
        self.init(features: features, gram: .gathered(gram), stride: features.count, slots: Array(features.indices), gradient: gradient,
                  beta: beta, meanSquares: meanSquares, thresholds: thresholds, denominators: denominators)
    }

    init(features: [Int], gram: GramEntries, stride: Int, slots: [Int], gradient: [Double], beta: [Double], meanSquares: [Double],
         thresholds: [Double], denominators: [Double]) {
        (self.features, self.gram, self.stride, self.slots, self.gradient, self.beta) = (features, gram, stride, slots, gradient, beta)
        (self.meanSquares, self.thresholds, self.denominators) = (meanSquares, thresholds, denominators)
    }

    init(features: [Int], gram: [Double], gradient: [Double], beta: [Double], solver: CoordinateDescent, l1: Double, l2: Double) {
        let v = features.map { solver.design.meanSquares[$0] }
        self.init(features: features, gram: gram, gradient: gradient, beta: beta, meanSquares: v,
                  thresholds: features.map { l1 * solver.weights[$0] },
                  denominators: features.indices.map { v[$0] + l2 * solver.weights[features[$0]] })
    }

    /// The block of the cached features `features` read in place on `cache` (space: its slots
    /// 0..<count); `gradient` and `beta` by position. The features were included, so the cache's
    /// storage exists.
    init(cache: WorkingGram, features: [Int], gradient: [Double], beta: [Double], solver: CoordinateDescent, l1: Double, l2: Double) {
        let slots = features.map { cache.slotOf[$0] }
        var spread = [Double](repeating: 0, count: cache.count)
        for (a, s) in slots.enumerated() { spread[s] = gradient[a] }
        let v = features.map { solver.design.meanSquares[$0] }
        self.init(features: features, gram: .cached(cache.entries!), stride: cache.stride, slots: slots, gradient: spread, beta: beta,
                  meanSquares: v, thresholds: features.map { l1 * solver.weights[$0] },
                  denominators: features.indices.map { v[$0] + l2 * solver.weights[features[$0]] })
    }

    /// gₐ by position.
    var memberGradients: [Double] { slots.map { gradient[$0] } }

    /// G among `positions`, in that order (row-major, |positions|²).
    func gatheredGram(_ positions: [Int]) -> [Double] {
        let k = positions.count
        return [Double](unsafeUninitializedCapacity: k * k) { out, initialized in
            gram.withUnsafeBufferPointer { G in
                let rows = positions.map { slots[$0] }
                rows.withUnsafeBufferPointer { rows in
                    for a in 0..<k {
                        let row = G.baseAddress! + rows[a] * stride
                        let target = out.baseAddress! + a * k
                        for b in 0..<k { target[b] = row[rows[b]] }
                    }
                }
            }
            initialized = k * k
        }
    }

    /// The sub-block of `positions`, in that order, on a fresh gather of their G: the settle keeps
    /// its cycles' block instead (`restricted(to: CycleBlock)`); tests compare the two layouts.
    func restricted(to positions: [Int]) -> GramBlock {
        GramBlock(features: positions.map { features[$0] }, gram: gatheredGram(positions), gradient: positions.map { gradient[slots[$0]] },
                  beta: positions.map { beta[$0] }, meanSquares: positions.map { meanSquares[$0] },
                  thresholds: positions.map { thresholds[$0] }, denominators: positions.map { denominators[$0] })
    }

    /// The sub-block of the members of `cycle`, in its order, on its gathered G.
    func restricted(to cycle: CycleBlock) -> GramBlock {
        let positions = cycle.positions
        return GramBlock(features: positions.map { features[$0] }, gram: .gathered(cycle.gram), stride: cycle.stride,
                         slots: Array(positions.indices), gradient: positions.map { gradient[slots[$0]] },
                         beta: positions.map { beta[$0] }, meanSquares: positions.map { meanSquares[$0] },
                         thresholds: positions.map { thresholds[$0] }, denominators: positions.map { denominators[$0] })
    }

    /// Takes back the sub-block `inner` of `positions` (whose coefficients were `before`): its
    /// coefficients and gradients, and the other coordinates' gradients moved by G Δβ.
    /// Returns the number of coordinates that moved.
    @discardableResult
    mutating func merge(_ inner: GramBlock, positions: [Int], before: [Double]) -> Int {
        let span = gradient.count
        var moved: [(slot: Int, delta: Double)] = []
        for (t, a) in positions.enumerated() where inner.beta[t] != before[t] { moved.append((slots[a], inner.beta[t] - before[t])) }
        gram.withUnsafeBufferPointer { G in
            gradient.withUnsafeMutableBufferPointer { g in
                // G is symmetric: row a of G is column a.
                for (s, delta) in moved { BLAS.axpy(span, -delta, G.baseAddress! + s * stride, g.baseAddress!) }
            }
        }
        for (t, a) in positions.enumerated() {
            beta[a] = inner.beta[t]
            gradient[slots[a]] = inner.gradient[t]
        }
        return moved.count
    }

    /// The duality gap of the problem restricted to these coordinates (the others fixed at 0),
    /// from their coefficients `start` (by position) and gradients g⁰ at the last exact residual
    /// r⁰ (`initial`, laid out as `gradient`; ‖r⁰‖²/n = `residualSquare`), without the residual:
    /// with Δ = β − start, r = r⁰ − X Δ and g = g⁰ − GΔ,
    ///
    ///     ‖r‖²/n = ‖r⁰‖²/n − Δᵀ(g⁰ + g),   yᵀr/n = ‖r‖²/n + βᵀg   (every non-zero βⱼ is here),
    ///
    /// and the rescaled-residual dual point of `ElasticNetCertificate` with
    /// s = min(1, minₐ λαwₐ / |gₐ − λ(1−α)wₐβₐ|). Computed from the updated g, so it is an estimate
    /// (to rounding) — used to decide when to check, never as a certificate.
    func restrictedGap(from start: [Double], gradient initial: [Double], residualSquare: Double) -> Double {
        var square = residualSquare
        var responseDot = 0.0, penalty = 0.0, ridgeSquare = 0.0, scale = 1.0
        for a in features.indices {
            let b = beta[a], ridge = denominators[a] - meanSquares[a], s = slots[a]
            square -= (b - start[a]) * (initial[s] + gradient[s])
            responseDot += b * gradient[s]
            penalty += thresholds[a] * abs(b)
            ridgeSquare += ridge * b * b
            let xi = abs(gradient[s] - ridge * b)
            if xi > thresholds[a] { scale = min(scale, thresholds[a] / xi) }
        }
        responseDot += square
        let primal = square / 2 + penalty + ridgeSquare / 2
        let dual = scale * responseDot - scale * scale * (square / 2 + ridgeSquare / 2)
        return primal - dual
    }

    /// Rows at least this long go to the vector loop (two AVX-512 iterations; not tuned: shorter
    /// rows stay inline, where the call would cost about what the loop saves).
    static let vectorLoopLength = 16

    /// One pass of coordinate updates over `indices`, in their order; returns max vₐ(Δβₐ)².
    mutating func sweep(_ indices: [Int], box: CoordinateBox?) -> Double {
        let m = gradient.count
        var largest = 0.0
        gram.withUnsafeBufferPointer { G in
            gradient.withUnsafeMutableBufferPointer { g in
                beta.withUnsafeMutableBufferPointer { b in
                    for a in indices {
                        let old = b[a], s = slots[a]
                        var new = coordinateMinimizer(z: g[s] + meanSquares[a] * old, threshold: thresholds[a],
                                                      denominator: denominators[a])
                        if let box { new = box.clamp(new, features[a]) }
                        let delta = new - old
                        if delta != 0 {
                            b[a] = new
                            moves += 1
                            // g ← g − Δ·G₍:,a₎: a long row in the C loop (`GramLoops.h`: the
                            // widest vectors the processor has, the same roundings), a short one
                            // inline, where any call costs more than its arithmetic.
                            let row = G.baseAddress! + s * stride
                            if m >= Self.vectorLoopLength {
                                lagrange_subtract_multiple(g.baseAddress!, row, delta, m)
                            } else {
                                for c in 0..<m { g[c] -= delta * row[c] }
                            }
                            largest = max(largest, meanSquares[a] * delta * delta)
                        }
                    }
                }
            }
        }
        return largest
    }
}

/// Where a `GramBlock`'s G is read: an array of its own (gathered) or the cache's storage (in place).
enum GramEntries {
    case gathered([Double])
    case cached(GramStorage)

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        switch self {
        case .gathered(let entries): try entries.withUnsafeBufferPointer(body)
        case .cached(let storage): try storage.withUnsafeBufferPointer(body)
        }
    }
}
