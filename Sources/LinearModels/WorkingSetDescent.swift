import LinearAlgebra

/// The lasso for wide designs (p > n) by working sets grown from the dual (Celer: Massias,
/// Gramfort & Salmon 2018; Blitz: Johnson & Guestrin 2015), with gap-safe screening and
/// extrapolated dual points. Lasso only (α = 1) with every penalty factor wⱼ > 0 (`SolverChoice`).
///
/// Problem at one λ (vⱼ = ‖xⱼ‖²/n, standardized scale):
///
///     P(β) = (1/2n)‖y − Xβ‖² + λ Σ wⱼ|βⱼ|,   D(θ) = (1/2n)(‖y‖² − ‖y − θ‖²),  |xⱼᵀθ|/n ≤ λwⱼ.
///
/// Each outer round takes ONE product Xᵀr/n over the features not screened (the only O(np)
/// work), and from it:
/// 1. the dual point: the better of the rescaled residual θ = s·r, s = min(1, minⱼ λwⱼ/|xⱼᵀr/n|),
///    and the best point of the earlier rounds at this λ (feasibility never depends on β);
///    the certificate is P(β) − D(θ) on the full problem, and the solve stops when it is
///    ≤ tolerance·P(0) — the same stopping rule as every other route;
/// 2. gap-safe screening with that gap (`GapSafeScreening`): screened features leave every later
///    product and working set at this λ;
/// 3. the working set: the features nearest to their dual constraint,
///
///        dⱼ = (λwⱼ − |xⱼᵀθ|/n) / √vⱼ   (the distance of θ to the hyperplane of constraint j),
///
///    with every non-zero coefficient forced in. Its size is max(2·|active|, `initialSize`) in
///    the first round at a λ and doubles in each later one, so a support missed at first is
///    reached in a few rounds.
///
/// The subproblem restricted to the working set W is solved by cyclic coordinate descent
/// (`CoordinateDescent`'s update, O(n) per coordinate) until its own gap (over W only, the best
/// of the rescaled residual and the extrapolated residual `ResidualExtrapolation`) is below
/// `innerShare` × the outer gap. Features outside W keep βⱼ = 0, so the subproblem's primal is
/// the full primal; only the dual of the full problem (step 1) certifies. Warm starts carry β
/// from one λ to the next.
struct WorkingSetDescent {
    let design: Design
    let weights: [Double]
    let tolerance: Double
    let maxPasses: Int
    var beta: [Double]
    var residual: [Double]
    /// Features proved zero at the current λ.
    var screening: GapSafeScreening
    /// Outer rounds (each one product Xᵀr/n over the features not screened) since the start.
    private(set) var outerRounds = 0
    /// Coordinate-descent passes over working sets since the start.
    private(set) var totalPasses = 0
    private var extrapolation = ResidualExtrapolation()

    /// Working-set size in the first round at a λ when fewer than half this many are active.
    static let initialSize = 10
    /// The subproblem is solved to a gap of this fraction of the smaller of the last outer gap
    /// (Celer's rule, 0.3) and the tolerance (so a working set that holds the support needs no
    /// second subproblem).
    static let innerShare = 0.3
    /// Subproblem gaps are computed after the first pass and every this many passes (Celer: 10).
    /// Each costs about one pass (two products with the working set's columns).
    static let innerCheckInterval = 5

    init(design: Design, weights: [Double], tolerance: Double, maxPasses: Int) {
        self.design = design
        self.weights = weights
        self.tolerance = tolerance
        self.maxPasses = maxPasses
        beta = [Double](repeating: 0, count: design.featureCount)
        residual = design.response
        screening = GapSafeScreening(featureCount: design.featureCount)
    }

    /// The best dual point found at the current λ: its value and |xⱼᵀθ|/n for the features not
    /// screened when it was found.
    private struct DualPoint {
        var value: Double
        var correlations: [Double]
    }

    /// Solves at `lambda` from the current β (`previousLambda` is not needed: the working set
    /// comes from the dual point, not from the strong rule).
    mutating func solve(lambda: Double, previousLambda: Double) -> ElasticNetCertificate {
        let p = design.featureCount
        screening.reset()
        var best: DualPoint?
        var passes = 0
        var size = max(2 * beta.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }, Self.initialSize)
        while true {
            outerRounds += 1
            let alive = (0..<p).filter { !screening.screened[$0] }
            let gradient = correlations(of: residual, at: alive)
            var (certificate, point) = certify(gradient, alive: alive, lambda: lambda, passes: passes)
            if let previous = best, previous.value > point.value {
                point = previous
                certificate = certificate.withDual(previous.value, nullObjective: design.nullObjective)
            }
            best = point
            if certificate.converged || passes >= maxPasses { return certificate }
            screen(point, alive: alive, lambda: lambda, gap: certificate.dualityGap)
            let working = workingSet(point, alive: alive, lambda: lambda, size: min(size, alive.count))
            let spent = solveSubproblem(working, lambda: lambda, target: Self.innerShare * min(certificate.dualityGap, tolerance * design.nullObjective),
                                        passesLeft: maxPasses - passes)
            passes += spent
            totalPasses += spent
            size = min(2 * size, p)
        }
    }

    /// xⱼᵀv/n for j in `alive` (0 elsewhere): one product with those columns.
    func correlations(of v: [Double], at alive: [Int]) -> [Double] {
        let (n, p) = (design.sampleCount, design.featureCount)
        if alive.count == p { return design.correlations(v) }
        var out = [Double](repeating: 0, count: p)
        let inverseN = 1 / Double(n)
        design.columns.withUnsafeBufferPointer { x in
            v.withUnsafeBufferPointer { vp in
                out.withUnsafeMutableBufferPointer { o in
                    for j in alive { o[j] = BLAS.dot(n, x.baseAddress! + j * n, vp.baseAddress!) * inverseN }
                }
            }
        }
        return out
    }

    /// The certificate of the rescaled residual on the features `alive` (`gradient[j]` = xⱼᵀr/n
    /// there), with the rounding allowance of `ElasticNetCertificate`, and the dual point.
    private func certify(_ gradient: [Double], alive: [Int], lambda: Double, passes: Int) -> (ElasticNetCertificate, DualPoint) {
        let n = Double(design.sampleCount)
        var residualSquare = 0.0, responseDotResidual = 0.0
        for i in residual.indices {
            residualSquare += residual[i] * residual[i]
            responseDotResidual += design.response[i] * residual[i]
        }
        residualSquare /= n
        responseDotResidual /= n
        var residualBound = (2 * design.nullObjective).squareRoot(), weightedL1 = 0.0
        for j in beta.indices where beta[j] != 0 {
            residualBound += design.meanSquares[j].squareRoot() * abs(beta[j])
            weightedL1 += weights[j] * abs(beta[j])
        }
        let rounding = n * Double.ulpOfOne * residualBound
        var scale = 1.0, violation = 0.0
        for j in alive {
            let w = weights[j], b = beta[j], g = gradient[j]
            let delta = roundingAllowance(rounding * design.meanSquares[j].squareRoot(), bound: lambda * w)
            let xi = max(0, abs(g) - delta)
            if xi > 0, lambda > 0 { scale = min(scale, lambda * w / xi) }
            let v = b == 0 ? max(0, abs(g) - lambda * w) : abs(g - lambda * w * (b > 0 ? 1 : -1))
            violation = max(violation, v - delta)
        }
        let primal = residualSquare / 2 + lambda * weightedL1
        let dual = scale * responseDotResidual - scale * scale * residualSquare / 2
        let certificate = ElasticNetCertificate(primal: primal, dual: dual, nullObjective: design.nullObjective,
                                                maximumKKTViolation: violation, iterations: passes, tolerance: tolerance)
        var scaled = gradient
        for j in alive { scaled[j] = scale * abs(gradient[j]) }
        return (certificate, DualPoint(value: dual, correlations: scaled))
    }

    /// Gap-safe screening of the zero coefficients with the dual point whose gap is `gap`.
    private mutating func screen(_ point: DualPoint, alive: [Int], lambda: Double, gap: Double) {
        guard lambda > 0 else { return }
        let radius = GapSafeScreening.radius(gap: gap)
        for j in alive where beta[j] == 0 {
            if GapSafeScreening.provesZero(scaledCorrelation: point.correlations[j], radius: radius,
                                           augmentedMeanSquare: design.meanSquares[j], threshold: lambda * weights[j]) {
                screening.screen(j)
            }
        }
    }

    /// The non-zero coefficients and the nearest constraints dⱼ = (λwⱼ − |xⱼᵀθ|/n)/√vⱼ among the
    /// other features not screened, `size` in all (more when more coefficients are non-zero).
    private func workingSet(_ point: DualPoint, alive: [Int], lambda: Double, size: Int) -> [Int] {
        var members = alive.filter { beta[$0] != 0 }
        let free = alive.filter { beta[$0] == 0 && design.meanSquares[$0] > 0 }
        let wanted = size - members.count
        guard wanted > 0, !free.isEmpty else { return members }
        let distance = free.map { j in (lambda * weights[j] - point.correlations[j]) / design.meanSquares[j].squareRoot() }
        if wanted >= free.count { return members + free }
        let cut = Selection.smallest(wanted, of: distance)
        var taken = 0
        for (k, j) in free.enumerated() where distance[k] < cut { members.append(j); taken += 1 }
        for (k, j) in free.enumerated() where taken < wanted && distance[k] == cut { members.append(j); taken += 1 }
        return members
    }

    /// Cyclic coordinate descent on `working` until the subproblem's gap is ≤ `target` (or a
    /// pass moves nothing). Returns the passes spent.
    private mutating func solveSubproblem(_ working: [Int], lambda: Double, target: Double, passesLeft: Int) -> Int {
        extrapolation.reset()
        var passes = 0
        while passes < passesLeft {
            let moved = sweep(working, lambda: lambda)
            passes += 1
            if !moved { break }
            extrapolation.record(residual)
            if passes == 1 || passes % Self.innerCheckInterval == 0, subproblemGap(working, lambda: lambda) <= target { break }
        }
        return passes
    }

    /// P(β) − D(θ) of the problem restricted to `working`, θ the better of the rescaled residual
    /// and the rescaled extrapolated residual (each feasible for the working set's constraints).
    private func subproblemGap(_ working: [Int], lambda: Double) -> Double {
        let n = Double(design.sampleCount)
        var weightedL1 = 0.0
        for j in working { weightedL1 += weights[j] * abs(beta[j]) }
        let residualSquare = BLAS.dot(residual, residual) / n
        let primal = residualSquare / 2 + lambda * weightedL1
        var dual = restrictedDualValue(residual, working, lambda: lambda, square: residualSquare)
        let amplification = DualExtrapolation.maximumAmplification(tolerance: tolerance)
        if let accelerated = extrapolation.extrapolate(maximumAmplification: amplification) {
            dual = max(dual, restrictedDualValue(accelerated, working, lambda: lambda, square: BLAS.dot(accelerated, accelerated) / n))
        }
        return primal - dual
    }

    /// max over s ∈ [0, s_max] of s·yᵀρ/n − s²‖ρ‖²/(2n), s_max = min over `working` of λwⱼ/|xⱼᵀρ/n|.
    private func restrictedDualValue(_ rho: [Double], _ working: [Int], lambda: Double, square: Double) -> Double {
        let n = design.sampleCount
        let inverseN = 1 / Double(n)
        var largest = 0.0
        design.columns.withUnsafeBufferPointer { x in
            rho.withUnsafeBufferPointer { r in
                for j in working {
                    largest = max(largest, abs(BLAS.dot(n, x.baseAddress! + j * n, r.baseAddress!)) * inverseN / weights[j])
                }
            }
        }
        let a = BLAS.dot(design.response, rho) * inverseN
        guard a > 0, square > 0 else { return 0 }
        let s = min(a / square, largest > 0 ? lambda / largest : .infinity)
        return s * a - s * s * square / 2
    }

    /// One cyclic pass over `indices`; returns whether any coefficient moved.
    private mutating func sweep(_ indices: [Int], lambda: Double) -> Bool {
        let n = design.sampleCount
        let inverseN = 1 / Double(n)
        var moved = false
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
                                let new = coordinateMinimizer(z: z, threshold: lambda * w[j], denominator: v[j])
                                let delta = new - old
                                if delta != 0 {
                                    b[j] = new
                                    BLAS.axpy(n, -delta, column, rp)
                                    moved = true
                                }
                            }
                        }
                    }
                }
            }
        }
        return moved
    }
}

extension WorkingSetDescent: ElasticNetSolver {
    /// Xᵀr/n at the current β, exactly (one full product).
    var gradient: [Double] { design.correlations(residual) }

    var meanSquaredResidual: Double { residual.reduce(0) { $0 + $1 * $1 } / Double(design.sampleCount) }

    var screenedCount: Int { screening.count }

    mutating func warmStart(_ start: [Double]) {
        beta = start
        residual = design.residual(of: start)
    }
}
