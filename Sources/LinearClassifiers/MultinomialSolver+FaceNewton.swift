import Foundation
import LinearAlgebra

/// A Newton step on the current face of the ungrouped multinomial problem, all classes at once,
/// solved by preconditioned conjugate gradients.
///
/// At the small-λ end the class-by-class coordinate descent leaves the gradient far less accurate
/// than the objective: on the 1000 × 100, K = 5 bench path at λ = 1.07e-4 the support did not
/// change for 900 passes, the objective fell by 1.1e-6 (relative), and the largest KKT violation
/// on the non-zero coefficients fell only from 2.1e-5 to 1.3e-5 (a fifth of λ) — a poorly
/// conditioned direction of the coupled classes that a coordinate method crawls along, and the
/// certificate needs the gradient to a small fraction of λ.
///
/// With S the non-zero coefficients, σ their signs, and the intercepts, the objective restricted
/// to the face {sign β_S = σ, β off S = 0} is smooth:
///
///     F(b, β_S) = L(b + Xβ) + Σ_{(j,k)∈S} λwⱼ(ασⱼₖβⱼₖ + (1−α)/2 βⱼₖ²).
///
/// Its gradient is ∇ⱼₖ = −gⱼₖ + λwⱼ(ασⱼₖ + (1−α)βⱼₖ) with g = Xᵀ(ω∘(Y − P)), and −Σᵢ ωᵢ(Yᵢₖ − pᵢₖ) for
/// bₖ; its Hessian times a direction (d_b, d) is, with δη = d_b + Xd (per class) and
/// (Hδη)ᵢₖ = ωᵢpᵢₖ(δηᵢₖ − Σₗ pᵢₗδηᵢₗ),
///
///     (∇²F d)ⱼₖ = xⱼᵀ(Hδη)·ₖ + λ(1−α)wⱼdⱼₖ,   (∇²F d)_bₖ = Σᵢ (Hδη)ᵢₖ,
///
/// two products with the support's columns over all K classes, computed in one streaming pass
/// over row blocks of the gathered columns (`SoftmaxHessianProduct`; counted as K passes each;
/// the line search's δη is one `dgemm`, `BLAS.columnMajorTimesFeatureMajor`). The loss is flat along a
/// shift of every class by one constant: along the intercepts,
/// and along βⱼ· for a feature all of whose K coefficients are in S. Those directions are
/// projected out (each such block centred) of the gradient and of every product, so conjugate
/// gradients, preconditioned by the Hessian's per-feature class blocks (`FaceBlockPreconditioner`:
/// on the 5000 × 500, K = 10 bench path a median of 40 iterations per step, 1,814 in all, against
/// 58 and 2,764 with the diagonal alone), solve the consistent system
/// ∇²F e = −∇ on the complement; the penalty-optimal shift is `normalize`'s. The step moves a
/// fraction min(1, t_block) of e, t_block the first coefficient to reach 0 (which lands there),
/// then backtracks (Armijo) on the true objective. The next rounds of coordinate descent decide
/// what leaves or joins the support.
extension MultinomialSolver {
    /// Conjugate-gradient iterations per face step at most.
    static let faceIterations = 100
    /// Conjugate gradients stop once the preconditioned residual fell by the factor
    /// min(`faceLoosestReduction`, tolerance) (at least `faceTightestReduction`): the gap left by
    /// an inexact Newton step scales with its residual, so a tolerance of 1e-2 needs a rough solve
    /// (1e-2 was the fastest of 1e-2, 1e-3 and 1e-6 on the 1000 × 100 and 2000 × 200, K = 5 bench
    /// paths), while the fixtures' 1e-10 needs the face solved to rounding (at 1e-4 the wine
    /// elastic net's B at λ[1] moved 1.3e-8 from glmnet's at thresh 1e-14, with both gaps at 0).
    static let faceLoosestReduction = 1e-2
    static let faceTightestReduction = 1e-12

    /// One Newton step on the face of the current support (see the extension's documentation),
    /// at the fresh softmax `current` (η evaluated afresh). Returns the passes it cost (one per
    /// class and product with the support's columns) and whether it moved.
    mutating func faceNewtonStep(lambda: Double) -> (passes: Int, moved: Bool) {
        guard penalty == .ungrouped, let point = current else { return (0, false) }
        let n = design.sampleCount, k = classCount
        let omega = design.weights
        let l1 = lambda * l1Ratio, l2 = lambda * (1 - l1Ratio)
        // The support, feature by feature: coefficient index j*k + c.
        var support: [Int] = []
        var fullRows: [Range<Int>] = []   // positions in `support` of the features with all K in S
        for j in 0..<design.featureCount {
            let start = support.count
            for c in 0..<k where beta[j * k + c] != 0 { support.append(j * k + c) }
            if support.count - start == k { fullRows.append(start..<support.count) }
        }
        let m = support.count
        guard m > 0 else { return (0, false) }
        let probability = point.probability
        // The face gradient (coefficients, then intercepts).
        var gradientS = [Double](repeating: 0, count: m)
        for (s, index) in support.enumerated() {
            let j = index / k
            let sign: Double = beta[index] > 0 ? 1 : -1
            gradientS[s] = -gradient[index] + penaltyFactors[j] * (l1 * sign + l2 * beta[index])
        }
        var gradientB = [Double](repeating: 0, count: k)
        if fitIntercept {
            for c in 0..<k {
                var total = 0.0
                for i in 0..<n { total += omega[i] * ((labels[i] == c ? 1 : 0) - probability[c * n + i]) }
                gradientB[c] = -total
            }
        }
        func project(_ v: inout [Double], _ vb: inout [Double]) {
            for rows in fullRows {
                var mean = 0.0
                for s in rows { mean += v[s] }
                mean /= Double(k)
                for s in rows { v[s] -= mean }
            }
            if fitIntercept {
                let mean = vb.reduce(0, +) / Double(k)
                for c in 0..<k { vb[c] -= mean }
            } else {
                for c in 0..<k { vb[c] = 0 }
            }
        }
        project(&gradientS, &gradientB)
        // The support's features (any class non-zero), their columns gathered once (all of X when
        // every feature is there), so each product below is one `dgemm` over them.
        var features: [Int] = []
        var position = [Int](repeating: -1, count: design.featureCount)
        for index in support where position[index / k] < 0 {
            position[index / k] = features.count
            features.append(index / k)
        }
        let f = features.count
        let columns = f == design.featureCount ? design.columns : design.gathered(features)
        // Block-Jacobi preconditioner (`FaceBlockPreconditioner`).
        let preconditioner = FaceBlockPreconditioner(
            support: support, classes: k, columns: columns, sampleCount: n, probability: probability, weights: omega,
            ridge: features.map { l2 * penaltyFactors[$0] }, fitIntercept: fitIntercept, floor: Self.minimumCurvature)
        // The preconditioner's sums: K(K+3)/2 products with the support's columns.
        var passes = k * (k + 3) / 2
        // Entry s of a support vector sits at `slot[s]` of a feature-major f × K matrix.
        let slot = support.map { position[$0 / k] * k + $0 % k }
        // δη of a direction, class-major K × n.
        func predictor(_ d: [Double], _ db: [Double]) -> [Double] {
            var delta = [Double](repeating: 0, count: k * n)
            for c in 0..<k where db[c] != 0 {
                for i in 0..<n { delta[c * n + i] = db[c] }
            }
            var dense = [Double](repeating: 0, count: f * k)
            for s in 0..<m { dense[slot[s]] = d[s] }
            columns.withUnsafeBufferPointer { x in
                dense.withUnsafeBufferPointer { b in
                    delta.withUnsafeMutableBufferPointer { e in
                        BLAS.columnMajorTimesFeatureMajor(rows: n, columns: f, classes: k, x.baseAddress!, b.baseAddress!,
                                                          beta: 1, into: e.baseAddress!)
                    }
                }
            }
            return delta
        }
        // Block rows for the Hessian products (`SoftmaxHessianProduct`).
        let blockRows = SoftmaxHessianProduct.blockRows(rows: n, features: f, classes: k)
        func hessianTimes(_ d: [Double], _ db: [Double]) -> ([Double], [Double]) {
            var dense = [Double](repeating: 0, count: f * k)
            for s in 0..<m { dense[slot[s]] = d[s] }
            let (products, sums) = SoftmaxHessianProduct.apply(
                rows: n, features: f, classes: k, columns: columns, direction: dense, intercepts: db, probability: probability,
                weights: omega, blockRows: blockRows)
            var out = [Double](repeating: 0, count: m)
            for (s, index) in support.enumerated() {
                out[s] = products[slot[s]] + l2 * penaltyFactors[index / k] * d[s]
            }
            var outB = fitIntercept ? sums : [Double](repeating: 0, count: k)
            project(&out, &outB)
            passes += 2 * k
            return (out, outB)
        }
        // Preconditioned CG on ∇²F e = −∇ (projected).
        var e = [Double](repeating: 0, count: m), eb = [Double](repeating: 0, count: k)
        var r = gradientS.map { -$0 }, rb = gradientB.map { -$0 }
        func precondition(_ v: [Double], _ vb: [Double]) -> ([Double], [Double]) {
            var (z, zb) = preconditioner.apply(v, vb)
            project(&z, &zb)
            return (z, zb)
        }
        var (z, zb) = precondition(r, rb)
        var direction = z, directionB = zb
        func inner(_ a: [Double], _ ab: [Double], _ b: [Double], _ bb: [Double]) -> Double {
            var total = 0.0
            for s in 0..<m { total += a[s] * b[s] }
            for c in 0..<k { total += ab[c] * bb[c] }
            return total
        }
        var rz = inner(r, rb, z, zb)
        let startRz = rz
        let reduction = max(Self.faceTightestReduction, min(Self.faceLoosestReduction, tolerance))
        guard rz > 0, rz.isFinite else { return (passes, false) }
        for _ in 0..<Self.faceIterations {
            let (q, qb) = hessianTimes(direction, directionB)
            let curvature = inner(direction, directionB, q, qb)
            guard curvature > 0, curvature.isFinite else { break }
            let step = rz / curvature
            for s in 0..<m { e[s] += step * direction[s]; r[s] -= step * q[s] }
            for c in 0..<k { eb[c] += step * directionB[c]; rb[c] -= step * qb[c] }
            (z, zb) = precondition(r, rb)
            let next = inner(r, rb, z, zb)
            if next <= reduction * reduction * startRz { break }
            let ratio = next / rz
            rz = next
            for s in 0..<m { direction[s] = z[s] + ratio * direction[s] }
            for c in 0..<k { directionB[c] = zb[c] + ratio * directionB[c] }
        }
        // Largest step keeping the signs; the blocking coefficient lands on 0.
        var limit = 1.0
        var blocking = -1
        for (s, index) in support.enumerated() where e[s] != 0 && (beta[index] > 0) != (e[s] > 0) {
            let t = -beta[index] / e[s]
            if t < limit { limit = t; blocking = s }
        }
        let slope = inner(gradientS, gradientB, e, eb)
        guard slope < 0, limit > 0 else { return (passes, false) }
        let delta = predictor(e, eb)
        let startObjective = point.loss + penaltyValue(beta, lambda: lambda)
        var t = limit
        for _ in 0...Self.maximumHalvings {
            var trialBeta = beta
            for (s, index) in support.enumerated() { trialBeta[index] += t * e[s] }
            if t == limit && blocking >= 0 { trialBeta[support[blocking]] = 0 }
            var trialEta = eta
            for index in 0..<(k * n) { trialEta[index] += t * delta[index] }
            let state = SoftmaxPoint(eta: trialEta, labels: labels, weights: omega, classes: k)
            let objective = state.loss + penaltyValue(trialBeta, lambda: lambda)
            if objective <= startObjective + Self.armijo * t * slope {
                beta = trialBeta
                for c in 0..<k { intercepts[c] += t * eb[c] }
                eta = trialEta
                current = state
                // The blocking coefficient was set to 0 exactly: η from (b, B) afresh.
                if t == limit && blocking >= 0 { refreshPredictor() }
                return (passes, true)
            }
            t *= 0.5
        }
        return (passes, false)
    }
}
