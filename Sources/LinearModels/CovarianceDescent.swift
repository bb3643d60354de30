import LinearAlgebra

/// Coordinate descent with covariance updates (Friedman, Hastie & Tibshirani 2010, §2.2), for
/// n ≫ p: instead of the residual it keeps the whole gradient g = Xᵀr/n = c − Gβ, with
/// c = Xᵀy/n and G = XᵀX/n, and updates it with one Gram column per coordinate move:
///
///     βⱼ ← S(gⱼ + vⱼβⱼ, λαwⱼ) / (vⱼ + λ(1−α)wⱼ),   g ← g − Δβⱼ · G₍:,ⱼ₎      (O(p), not O(n))
///
/// Gram rows are computed only for features that enter the working set, a batch at a time,
/// each symmetric entry once (`GramRows`). Passes visit their coordinates in random orders
/// (`SweepOrder`). Because g is known for every feature at every moment, the KKT check
/// and the duality gap cost O(p), so the gap is checked after every pass and the solver stops
/// as soon as gap ≤ tolerance·P(0). The gap needs no residual:
///
///     yᵀr/n = ‖y‖²/n − βᵀc,   ‖r‖²/n = yᵀr/n − βᵀg.
///
/// Only used when every penalty factor is positive (see `SolverChoice`).
struct CovarianceDescent: ElasticNetSolver {
    let design: Design
    let l1Ratio: Double
    let weights: [Double]
    let tolerance: Double
    let maxPasses: Int
    private(set) var beta: [Double]
    private(set) var gradient: [Double]
    /// c = Xᵀy/n.
    let responseCorrelations: [Double]
    /// ‖y‖²/n.
    let responseSquare: Double
    private var everActive: [Bool]
    /// Gram rows Xᵀxⱼ/n of the features that have entered a working set.
    private var gram: GramRows
    private var extrapolation = DualExtrapolation()
    private var order = SweepOrder()
    /// Features the gap-safe rule proves zero at the last λ's final point.
    private(set) var screenedCount = 0

    init(design: Design, l1Ratio: Double, weights: [Double], tolerance: Double, maxPasses: Int) throws {
        self.design = design
        self.l1Ratio = l1Ratio
        self.weights = weights
        self.tolerance = tolerance
        self.maxPasses = maxPasses
        let p = design.featureCount
        beta = [Double](repeating: 0, count: p)
        // From sufficient statistics the whole Gram matrix is at hand (`GramForm`).
        responseCorrelations = design.gramForm?.responseCorrelations ?? design.correlations(design.response)
        gradient = responseCorrelations
        responseSquare = design.gramForm?.responseSquare ?? design.response.reduce(0) { $0 + $1 * $1 } / Double(design.sampleCount)
        everActive = [Bool](repeating: false, count: p)
        gram = design.gramForm.map { GramRows(full: $0.gram, featureCount: p, sampleCount: design.sampleCount) } ?? GramRows(design: design)
    }

    var meanSquaredResidual: Double {
        let responseDotResidual = responseSquare - dot(beta, responseCorrelations)
        return responseDotResidual - dot(beta, gradient)
    }

    mutating func warmStart(_ start: [Double]) {
        beta = start
        gradient = design.gramGradient(start) ?? design.correlations(design.residual(of: start))
        for j in start.indices where start[j] != 0 { everActive[j] = true }
    }

    mutating func solve(lambda: Double, previousLambda: Double) -> ElasticNetCertificate {
        let l1 = lambda * l1Ratio, l2 = lambda * (1 - l1Ratio)
        var working = WorkingSet(gradient: gradient, weights: weights, everActive: everActive,
                                 l1Ratio: l1Ratio, lambda: lambda, previousLambda: previousLambda)
        ensureGram(working.members)
        var passes = 0
        var sweepTolerance = CoordinateDescent.initialSweepFactor * tolerance * design.nullObjective
        extrapolation.reset()
        func finish(_ certificate: ElasticNetCertificate) -> ElasticNetCertificate {
            for j in working.members where beta[j] != 0 { everActive[j] = true }
            screenedCount = countScreened(lambda: lambda)
            return certificate
        }
        while true {
            var members = working.members
            order.shuffle(&members)
            let change = sweep(members, l1: l1, l2: l2)
            passes += 1
            let added = working.admitViolators(gradient: gradient, weights: weights, l1: l1)
            if !added.isEmpty {
                ensureGram(added)
                if passes < maxPasses { continue }
            }
            // A sweep of the whole working set breaks the linear recurrence the extrapolation
            // relies on: restart its history (it is rebuilt from the active-set sweeps).
            extrapolation.reset()
            var certificate = self.certificate(lambda: lambda, passes: passes)
            if certificate.converged || passes >= maxPasses { return finish(certificate) }
            if change < sweepTolerance {
                sweepTolerance *= CoordinateDescent.sweepTightening
                continue
            }
            // One order for this run of active-set sweeps (each pass then applies the same map,
            // as the extrapolation needs), a fresh one for the next run.
            var active = working.members.filter { beta[$0] != 0 }
            order.shuffle(&active)
            while passes < maxPasses {
                let activeChange = sweep(active, l1: l1, l2: l2)
                passes += 1
                certificate = self.certificate(lambda: lambda, passes: passes)
                if certificate.converged { return finish(certificate) }
                if activeChange < sweepTolerance { break }
            }
        }
    }

    /// The certificate at the current β, with the better of the standard and the extrapolated
    /// dual points (`DualExtrapolation`). Records the iterate for the extrapolation.
    private mutating func certificate(lambda: Double, passes: Int) -> ElasticNetCertificate {
        let certificate = standardCertificate(lambda: lambda, passes: passes)
        extrapolation.record(beta: beta, gradient: gradient)
        guard !certificate.converged, let point = extrapolation.extrapolate(maximumAmplification: DualExtrapolation.maximumAmplification(tolerance: tolerance)) else { return certificate }
        let dual = scaledDualValue(beta: point.beta, gradient: point.gradient, responseSquare: responseSquare,
                                   responseCorrelations: responseCorrelations, weights: weights, lambda: lambda, l1Ratio: l1Ratio)
        guard dual > certificate.dualObjective else { return certificate }
        return certificate.withDual(dual, nullObjective: design.nullObjective)
    }

    /// The certificate of the rescaled residual (the standard dual point) at the current β.
    private func standardCertificate(lambda: Double, passes: Int) -> ElasticNetCertificate {
        let responseDotResidual = responseSquare - dot(beta, responseCorrelations)
        let residualSquare = responseDotResidual - dot(beta, gradient)
        return ElasticNetCertificate.evaluate(
            beta: beta, gradient: gradient, dualGradient: gradient, residualSquare: residualSquare,
            dualSquare: residualSquare, responseDotDual: responseDotResidual, weights: weights,
            sampleCount: design.sampleCount, meanSquares: design.meanSquares, lambda: lambda,
            l1Ratio: l1Ratio, nullObjective: design.nullObjective, passes: passes, tolerance: tolerance)
    }

    /// The features gap-safe screening (`GapSafeScreening`) proves zero at the current β, with the
    /// standard dual point: reported per λ. The whole gradient is known here, so the count costs
    /// O(p); the solver itself needs no screening (its sweeps only visit the working set, and its
    /// checks are O(p) already).
    private func countScreened(lambda: Double) -> Int {
        let (l1, l2) = (lambda * l1Ratio, lambda * (1 - l1Ratio))
        guard l1 > 0 else { return 0 }
        var scale = 1.0
        for j in beta.indices where weights[j] > 0 {
            let xi = abs(gradient[j] - l2 * weights[j] * beta[j])
            if xi > 0 { scale = min(scale, l1 * weights[j] / xi) }
        }
        let radius = GapSafeScreening.radius(gap: standardCertificate(lambda: lambda, passes: 0).dualityGap)
        var count = 0
        for j in beta.indices where weights[j] > 0 && beta[j] == 0 {
            if GapSafeScreening.provesZero(scaledCorrelation: scale * abs(gradient[j]), radius: radius,
                                           augmentedMeanSquare: design.meanSquares[j] + l2 * weights[j], threshold: l1 * weights[j]) {
                count += 1
            }
        }
        return count
    }

    /// Smallest batch of Gram rows computed at once.
    static let minimumGramBatch = 32

    /// Computes the Gram rows of the features in `indices` that lack one (`GramRows`). A call
    /// that is needed at all also computes rows for the features most likely to enter next
    /// (largest |gⱼ|), doubling the computed set: the number of calls grows like log p and the
    /// extra work is at most the rows that are needed.
    private mutating func ensureGram(_ indices: [Int]) {
        var missing = indices.filter { gram.slot[$0] < 0 }
        guard !missing.isEmpty else { return }
        let p = design.featureCount
        let computed = gram.count
        let batch = min(p - computed, max(missing.count, computed, Self.minimumGramBatch))
        if batch > missing.count {
            let chosen = Set(missing)
            let candidates = (0..<p).filter { gram.slot[$0] < 0 && !chosen.contains($0) }
                .sorted { abs(gradient[$0]) > abs(gradient[$1]) }
            missing += candidates.prefix(batch - missing.count)
        }
        gram.compute(missing)
    }

    /// One pass over `indices`, in their order; returns max vⱼ(Δβⱼ)².
    private mutating func sweep(_ indices: [Int], l1: Double, l2: Double) -> Double {
        let p = design.featureCount
        var largest = 0.0
        gram.storage.withUnsafeBufferPointer { rows in
            gradient.withUnsafeMutableBufferPointer { g in
                beta.withUnsafeMutableBufferPointer { b in
                    weights.withUnsafeBufferPointer { w in
                        design.meanSquares.withUnsafeBufferPointer { v in
                            for j in indices {
                                let old = b[j]
                                let z = g[j] + v[j] * old
                                let new = coordinateMinimizer(z: z, threshold: l1 * w[j], denominator: v[j] + l2 * w[j])
                                let delta = new - old
                                if delta != 0 {
                                    b[j] = new
                                    BLAS.axpy(p, -delta, rows.baseAddress! + gram.slot[j] * p, g.baseAddress!)
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

@inline(__always)
private func dot(_ a: [Double], _ b: [Double]) -> Double { BLAS.dot(a, b) }
