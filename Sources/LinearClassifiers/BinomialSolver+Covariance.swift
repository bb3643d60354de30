import LinearAlgebra

/// The covariance form of the Newton step's coordinate descent, with an exact solve on the
/// support.
///
/// The quadratic model of a step on the working set W (`BinomialSolver`) depends on the data
/// only through, for j, k ∈ W,
///
///     cⱼ = xⱼᵀu⁰,   sⱼ = xⱼᵀv,   V = Σᵢ vᵢ,   Gⱼₖ = Σᵢ vᵢxᵢⱼxᵢₖ   (`WeightedGram`),
///
/// u⁰ = ω∘(y − p) the residual at the step's start. With the step (Δb, Δβ) so far, the weighted
/// working residual u = u⁰ − v∘(Δb + XΔβ) enters the coordinate updates only through
///
///     rⱼ = xⱼᵀu = cⱼ − sⱼΔb − Σₖ GⱼₖΔβₖ,   ρ = Σᵢ uᵢ = Σu⁰ − VΔb − Σₖ sₖΔβₖ,
///
/// so a move of βₖ by δ costs r ← r − δG₍:,ₖ₎ and ρ ← ρ − δsₖ (|W| operations, not n), and the
/// intercept's b ← b + ρ/V costs r ← r − (ρ/V)s. This is glmnet's covariance update applied to
/// the weighted least-squares problem of each Newton step; glmnet's `lognet` keeps the residual
/// form throughout.
///
/// Coordinate descent converges linearly at a rate set by the conditioning of G, which on a
/// nearly separable, collinear design (most vᵢ ≈ 0, columns nearly dependent) is so slow that a
/// sweep's change falls below any tolerance long before the model is minimized. With G at hand
/// the model is minimized exactly on its current face instead: with F the coordinates that are
/// non-zero (and strictly inside their limits) and σ = sign β_F, the model restricted to
/// {sign βⱼ = σⱼ on F, βⱼ fixed off F} is a smooth quadratic whose minimizer (β_F + e, b + e_b)
/// solves
///
///     [G_FF + λ(1−α)W_F   s_F] [e  ]   [r_F − λ(1−α)W_Fβ_F − λαW_Fσ]
///     [s_Fᵀ               V  ] [e_b] = [ρ                            ]
///
/// (W_F the penalty factors; no last row and column without an intercept). Moving a fraction
/// t ∈ (0, 1] of the way, the largest before a coordinate reaches 0 or its limit, decreases the
/// model (a convex quadratic along its Newton direction decreases on [0, 1]); the blocking
/// coordinate lands exactly on 0 or its limit, and the next sweep decides what moves off it.
/// Sweeps and face solves alternate until a sweep changes the model by less than the sweep
/// tolerance: once the face is the right one the face solve is exact and the next sweep stops.
extension BinomialSolver {
    /// The covariance form pays for itself when a residual-form step would take more sweeps than
    /// the Gram block has columns to fill (each costs about one sweep's worth of dot products):
    /// it is used when the last residual-form Newton step took more than (non-zeros in W) +
    /// `covarianceMargin` passes.
    static let covarianceMargin = 3

    /// Whether the next Newton step on `working` uses the covariance form.
    func prefersCovariance(_ working: [Int]) -> Bool {
        switch innerForm {
        case .residual: return false
        case .covariance: return true
        case .adaptive: break
        }
        guard let passes = lastResidualPasses else { return false }
        let nonZero = working.reduce(0) { $0 + (beta[$1] != 0 ? 1 : 0) }
        return passes > nonZero + Self.covarianceMargin
    }

    /// Coordinate descent in covariance form on the quadratic model of one Newton step (see the
    /// extension's documentation); β and b move, u⁰ (the step's starting residual) does not.
    /// Fills `curvature[slot]` = hⱼ for every coordinate that moves. Returns the passes spent,
    /// a face solve counting as one.
    mutating func covarianceDescent(_ working: [Int], v: [Double], residual u0: [Double], curvatureSum: Double,
                                    curvature: inout [Double], l1: Double, l2: Double, sweepTolerance: Double,
                                    passesLeft: Int) -> Int {
        let n = design.sampleCount, m = working.count
        var model = CovarianceModel(gram: WeightedGram(members: working, sampleCount: n), r: [Double](repeating: 0, count: m),
                                    s: [Double](repeating: 0, count: m), rho: u0.reduce(0, +), curvatureSum: curvatureSum)
        design.columns.withUnsafeBufferPointer { x in
            u0.withUnsafeBufferPointer { up in
                v.withUnsafeBufferPointer { vp in
                    for a in 0..<m {
                        let column = x.baseAddress! + working[a] * n
                        model.r[a] = BLAS.dot(n, column, up.baseAddress!)
                        model.s[a] = BLAS.dot(n, column, vp.baseAddress!)
                    }
                }
            }
        }
        var passes = 0
        var slots = Array(0..<m)
        var faceSolves = true
        while passes < passesLeft {
            order.shuffle(&slots)
            var change = covarianceSweep(slots, model: &model, v: v, curvature: &curvature, l1: l1, l2: l2)
            if fitIntercept { change = max(change, model.centreIntercept(&intercept)) }
            passes += 1
            if change < sweepTolerance || passes >= passesLeft { break }
            if faceSolves {
                faceSolves = solveOnFace(model: &model, l1: l1, l2: l2)
                passes += 1
                continue
            }
            // No face solve (a singular face system): sweeps over the non-zero coordinates, as the residual form.
            var active = slots.filter { beta[working[$0]] != 0 }
            order.shuffle(&active)
            while passes < passesLeft {
                var activeChange = covarianceSweep(active, model: &model, v: v, curvature: &curvature, l1: l1, l2: l2)
                if fitIntercept { activeChange = max(activeChange, model.centreIntercept(&intercept)) }
                passes += 1
                if activeChange < sweepTolerance { break }
            }
        }
        return passes
    }

    /// One pass of covariance-form coordinate updates over the positions `slots`; returns max hⱼ(Δβⱼ)².
    private mutating func covarianceSweep(_ slots: [Int], model: inout CovarianceModel, v: [Double],
                                          curvature: inout [Double], l1: Double, l2: Double) -> Double {
        let working = model.gram.members
        var largest = 0.0
        let columns = design.columns   // shares the buffer; the closure below writes to self.beta
        columns.withUnsafeBufferPointer { x in
            v.withUnsafeBufferPointer { vp in
                for slot in slots {
                    let j = working[slot]
                    let old = beta[j]
                    let threshold = l1 * penaltyFactors[j]
                    let g = model.r[slot]
                    if old == 0 && abs(g) <= threshold { continue }
                    model.gram.fill(slot, columns: x.baseAddress!, weights: vp.baseAddress!)
                    let h = model.gram.diagonal(slot)
                    curvature[slot] = h
                    var new = softThreshold(g + h * old, threshold) / (h + l2 * penaltyFactors[j])
                    if let box { new = box.clamp(new, j) }
                    let delta = new - old
                    guard delta != 0, new.isFinite else { continue }
                    beta[j] = new
                    model.move(slot, by: delta)
                    largest = max(largest, h * delta * delta)
                }
            }
        }
        return largest
    }

    /// The face solve (see the extension's documentation). Returns false when the face system
    /// is not numerically positive definite or its solution is not a descent direction; the
    /// point is then left as it is.
    private mutating func solveOnFace(model: inout CovarianceModel, l1: Double, l2: Double) -> Bool {
        let working = model.gram.members
        let free = working.indices.filter { a in
            let j = working[a], b = beta[j]
            guard b != 0 else { return false }
            if let box { return b > box.lower[j] && b < box.upper[j] }
            return true
        }
        let k = free.count + (fitIntercept ? 1 : 0)
        guard k > 0 else { return true }
        var system = Matrix.zeros(k, k)
        var rhs = [Double](repeating: 0, count: k)
        for (p, a) in free.enumerated() {
            let j = working[a]
            for (q, c) in free.enumerated() { system[p, q] = model.gram.entries[c * working.count + a] }
            system[p, p] += l2 * penaltyFactors[j]
            rhs[p] = model.r[a] - l2 * penaltyFactors[j] * beta[j] - l1 * penaltyFactors[j] * (beta[j] > 0 ? 1 : -1)
            if fitIntercept {
                system[p, k - 1] = model.s[a]
                system[k - 1, p] = model.s[a]
            }
        }
        if fitIntercept {
            system[k - 1, k - 1] = model.curvatureSum
            rhs[k - 1] = model.rho
        }
        guard let factor = try? Cholesky(system), let e = try? factor.solve(rhs) else { return false }
        let slope = zip(e, rhs).reduce(0) { $0 + $1.0 * $1.1 }
        guard slope.isFinite, slope > 0, e.allSatisfy(\.isFinite) else { return false }
        // The largest fraction of the step before a coordinate reaches 0 or one of its limits.
        var t = 1.0
        var blocking: (position: Int, value: Double)?
        for (p, a) in free.enumerated() where e[p] != 0 {
            let j = working[a], b = beta[j], target = b + e[p]
            var stop: Double? = (target > 0) != (b > 0) || target == 0 ? 0 : nil
            if let box, stop == nil {
                if target > box.upper[j] { stop = box.upper[j] } else if target < box.lower[j] { stop = box.lower[j] }
            }
            guard let bound = stop else { continue }
            let fraction = (bound - b) / e[p]
            if fraction < t {
                t = fraction
                blocking = (p, bound)
            }
        }
        for (p, a) in free.enumerated() {
            let j = working[a]
            let new = blocking?.position == p ? blocking!.value : beta[j] + t * e[p]
            let delta = new - beta[j]
            guard delta != 0 else { continue }
            beta[j] = new
            model.move(a, by: delta)
        }
        if fitIntercept { model.shiftIntercept(&intercept, by: t * e[k - 1]) }
        return true
    }
}

/// The working-set gradient of the quadratic model in covariance form: rⱼ = xⱼᵀu for each
/// position of the working set, ρ = Σu, with the data sⱼ = xⱼᵀv, V = Σv and the Gram block G.
struct CovarianceModel {
    var gram: WeightedGram
    var r: [Double]
    var s: [Double]
    var rho: Double
    let curvatureSum: Double

    /// r ← r − δG₍:,ₐ₎, ρ ← ρ − δsₐ (column a filled).
    mutating func move(_ a: Int, by delta: Double) {
        let m = r.count
        gram.entries.withUnsafeBufferPointer { g in
            r.withUnsafeMutableBufferPointer { rp in
                let column = g.baseAddress! + a * m
                for c in 0..<m { rp[c] -= delta * column[c] }
            }
        }
        rho -= delta * s[a]
    }

    /// b ← b + δ: r ← r − δs, ρ ← ρ − δV.
    mutating func shiftIntercept(_ intercept: inout Double, by delta: Double) {
        guard delta != 0 else { return }
        intercept += delta
        for c in r.indices { r[c] -= delta * s[c] }
        rho -= delta * curvatureSum
    }

    /// The intercept's exact update b ← b + ρ/V; returns V·(ρ/V)².
    mutating func centreIntercept(_ intercept: inout Double) -> Double {
        let shift = rho / curvatureSum
        shiftIntercept(&intercept, by: shift)
        return curvatureSum * shift * shift
    }
}

/// Which form the Newton steps' coordinate descent takes: `adaptive` (the default) chooses per
/// step (`BinomialSolver.prefersCovariance`); the other two fix it (tests compare them).
enum NewtonInnerForm: Sendable {
    case adaptive, residual, covariance
}
