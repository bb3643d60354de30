import KernelLoops

/// Newton steps on the face of the Gram settle's inner cycle (`gramSettle`).
///
/// With F the block's non-zero coordinates and σ their signs, the objective restricted to the
/// face {sign β_F = σ, β = 0 off F} is the quadratic
///
///     P(β_F) = ‖y − X_Fβ_F‖²/2n + Σ_F λαwₐσₐβₐ + ½ Σ_F λ(1−α)wₐβₐ²,
///
/// whose minimizer is one linear solve away: with gₐ = xₐᵀr/n and H = G_FF + diag(λ(1−α)w),
///
///     e = H⁻¹(g_F − λαw∘σ − λ(1−α)w∘β_F),   β_F ← β_F + t·e,
///
/// t = min(1, the first t at which a coordinate reaches 0; it lands there). The objective is
/// the face's along the segment, a convex quadratic decreasing towards its minimizer, so the
/// step lowers it (checked: a step that does not is undone). At the small-λ end of a wide path
/// the support is most of n and badly conditioned; coordinate descent then crawls along the face
/// while the gradient, which the certificate needs to a small fraction of λ, converges far more
/// slowly than the objective. H's factor is kept across steps, settles and λ (`FaceFactor`):
/// between two steps F changes by a few features.
///
/// Measured (release `linear-bench lasso`, 100 λ to λ_max/100, fit CPU seconds with one BLAS
/// thread, min / median of 4–10 interleaved runs, steps off → on; bench_wide.py's designs):
/// leukemia-shaped 72 × 7,129 at tolerance 3.1e-5 passes 3,565 → 1,156, 0.0242 / 0.0274 →
/// 0.0181 / 0.0203 s; 500 × 10,000 at 6.25e-5 passes 1,770 → 1,190, 0.230 / 0.265 → 0.229 /
/// 0.252 s; 200 × 100,000 at 3.1e-5 passes 3,092 → 1,873, 0.440 / 0.471 → 0.439 / 0.441 s.
/// A step costs O(|F|²) (the factor's updates and two triangular solves), a pass O(|F|·|block|):
/// the saved passes pay most where |F| is small against the passes it saves.
///
/// Every Gram settle also starts with a step, on its whole block (`gramSettle`): a settle follows a
/// new λ or a check that admitted violators, so the warm start sits off the face's minimizer by a
/// shift the step removes in one solve (for the lasso, the face's minimizer is affine in λ). Measured
/// as above (main → leading step, min / median of 4–12 interleaved runs; the VM moved ±10%): passes
/// 500 × 10,000 1,190 → 857, 0.234 / 0.244 → 0.203 / 0.233 s, and at tolerance 5e-4 666 → 436,
/// 0.185 / 0.205 → 0.166 / 0.184 s; leukemia-shaped 1,156 → 801, 0.0175 / 0.0203 → 0.0169 / 0.0190 s;
/// 200 × 100,000 1,873 → 1,503, 0.437 / 0.466 → 0.422 / 0.438 s; 1,000 × 1,500 836 → 605,
/// 200 × 4,000 1,274 → 979, 500 × 2,500 1,078 → 823 and 300 × 3,000 1,105 → 914, none slower beyond
/// the noise. With 2 BLAS threads (wall, 12 rounds), 500 × 10,000: 0.173 / 0.221 → 0.158 / 0.197 s.
///
/// Blocked steps continue on the reduced face (`faceStep`). Measured as above, one step → up to
/// `faceStepsInARow`, passes and fit CPU min / median (6–12 interleaved runs): 500 × 10,000 857 → 637,
/// 0.191 / 0.222 → 0.177 / 0.198 s, and at tolerance 3.1e-5 1,020 → 740, 0.178 / 0.217 → 0.166 /
/// 0.190 s; 300 × 3,000 914 → 669, 0.047 / 0.054 → 0.041 / 0.048 s; 500 × 2,500 823 → 650;
/// 1,000 × 1,500 605 → 553; 200 × 4,000 979 → 889; leukemia-shaped 801 → 685, 200 × 100,000
/// 1,503 → 1,466 and tolerance 5e-4 unchanged in time. With 2 BLAS threads (wall, 10 rounds),
/// 500 × 10,000 median 0.190 → 0.170 s, and 0.250 → 0.214 s at 3.1e-5.
extension CoordinateDescent {
    /// Faces smaller than this are left to coordinate descent (its passes are cheap there).
    static let faceMinimum = 16
    /// A face step is taken once the signs of the inner cycle's coordinates have not changed for
    /// this many passes.
    static let faceStablePasses = 2
    /// A factor whose features differ from the face's by more than this fraction is refactored
    /// afresh (`dpotrf`) rather than updated one feature at a time.
    static let faceRebuildFraction = 1.0 / 3.0

    /// At most this many face steps in a row (`faceStep`): one, and one more on the reduced face
    /// after each step that a coordinate blocked.
    static let faceStepsInARow = 16

    /// Face steps on the block `inner` (no box, no unpenalized projection): an inner cycle's
    /// gathered block, or a settle's whole block, gathered or in place on the cache. A step that
    /// a coordinate blocks (it lands at 0, leaving the face) is followed at once by a step on the
    /// reduced face, up to `faceStepsInARow` steps — the inner loop of an active-set method. Without
    /// it, coordinate descent crawled at the small-λ end of the 500 × 10,000 path: blocked steps at
    /// t = 0.006–0.3, each dropping one coordinate, two or three passes apart.
    /// Returns whether a step was taken; nil when H is numerically singular before any was (no
    /// step should be tried again on this face).
    mutating func faceStep(_ inner: inout GramBlock, l2: Double) -> Bool? {
        var taken = false
        for _ in 0..<Self.faceStepsInARow {
            guard let move = singleFaceStep(&inner, l2: l2) else { return taken ? true : nil }
            if move != .rejected { effort.faceSteps += 1 }
            switch move {
            case .rejected: return taken
            case .full: return true
            case .blocked: taken = true
            }
        }
        return taken
    }

    /// One face step (see `faceStep`); nil when H is numerically singular.
    private mutating func singleFaceStep(_ inner: inout GramBlock, l2: Double) -> FaceMove? {
        let face = inner.beta.indices.filter { inner.beta[$0] != 0 }
        guard face.count >= Self.faceMinimum else { return .rejected }
        let features = face.map { inner.features[$0] }
        guard synchronizeFaceFactor(features, l2: l2) else { return nil }
        // The block position of each factor feature, through the marks (reset after).
        for (t, j) in zip(face, features) { faceMarks[j] = t }
        let order = faceFactor.features.map { faceMarks[$0] }
        for j in features { faceMarks[j] = -1 }
        let rhs = order.map { t -> Double in
            let b = inner.beta[t], ridge = inner.denominators[t] - inner.meanSquares[t]
            return inner.gradient[inner.slots[t]] - inner.thresholds[t] * (b > 0 ? 1 : -1) - ridge * b
        }
        return inner.moveOnFace(order, direction: faceFactor.solve(rhs))
    }

    /// Brings `faceFactor` to the features `target`: removes and appends features one at a time,
    /// or refactors when too many differ. False when H is numerically singular.
    private mutating func synchronizeFaceFactor(_ target: [Int], l2: Double) -> Bool {
        var factor = faceFactor
        faceFactor = FaceFactor()   // taken out, so that it is uniquely referenced while it changes
        defer { faceFactor = factor }
        if factor.ridgeScale != l2 { factor.clear(ridgeScale: l2) }
        let (cache, weights) = (gram, self.weights)
        let entry = { (a: Int, b: Int) -> Double in
            cache.entry(a, b) + (a == b ? l2 * weights[a] : 0)
        }
        // The difference of the two feature lists through the marks (−1 outside both): 0 marks
        // the target, 1 a target feature already in the factor; reset to −1 after.
        if faceMarks.count != design.featureCount { faceMarks = [Int](repeating: -1, count: design.featureCount) }
        let current = factor.features
        for j in target { faceMarks[j] = 0 }
        var leaving: [Int] = []
        for (i, j) in current.enumerated() {
            if faceMarks[j] == 0 { faceMarks[j] = 1 } else { leaving.append(i) }
        }
        let entering = target.filter { faceMarks[$0] == 0 }
        for j in target { faceMarks[j] = -1 }
        if Double(leaving.count + entering.count) > Self.faceRebuildFraction * Double(target.count) {
            return factor.rebuild(target, entry: entry)
        }
        for i in leaving.reversed() { factor.remove(at: i) }
        for j in entering {
            guard factor.append(j, column: factor.features.map { entry(j, $0) }, diagonal: entry(j, j)) else {
                factor.clear(ridgeScale: l2)
                return false
            }
        }
        return true
    }
}

/// What became of a face step (`GramBlock.moveOnFace`).
enum FaceMove {
    /// Undone: the objective did not decrease.
    case rejected
    /// Kept, the whole way (t = 1): the block is at the face's minimizer.
    case full
    /// Kept, up to the first coordinate to reach 0 (t < 1), which left the face.
    case blocked
}

extension GramBlock {
    /// β ← β + t·e on the positions `order` (the face, in the direction's order), t = min(1, the
    /// first zero crossing, which lands at 0), with g ← g − G Δβ over the block; undone unless the
    /// objective (`objectiveChange`, summed over the face) decreased.
    mutating func moveOnFace(_ order: [Int], direction e: [Double]) -> FaceMove {
        var t = 1.0, blocking = -1
        for (i, a) in order.enumerated() {
            let b = beta[a], next = b + e[i]
            if (b > 0 && next <= 0) || (b < 0 && next >= 0) {
                let crossing = -b / e[i]
                if crossing < t { (t, blocking) = (crossing, i) }
            }
        }
        let (oldBeta, oldGradient) = (beta, gradient)
        let steps = order.indices.map { i in i == blocking ? -beta[order[i]] : t * e[i] }
        for (i, a) in order.enumerated() { beta[a] = i == blocking ? 0 : beta[a] + steps[i] }
        let span = gradient.count
        gram.withUnsafeBufferPointer { G in
            gradient.withUnsafeMutableBufferPointer { g in
                for (i, a) in order.enumerated() where steps[i] != 0 {
                    lagrange_subtract_multiple(g.baseAddress!, G.baseAddress! + slots[a] * stride, steps[i], span)
                }
            }
        }
        var change = 0.0
        for (i, a) in order.enumerated() where steps[i] != 0 {
            let s = slots[a]
            change += objectiveChange(a, by: steps[i], from: oldBeta[a], to: beta[a], gradients: oldGradient[s], gradient[s])
        }
        guard change < 0, change.isFinite else {
            (beta, gradient) = (oldBeta, oldGradient)
            return .rejected
        }
        return blocking < 0 ? .full : .blocked
    }
}
