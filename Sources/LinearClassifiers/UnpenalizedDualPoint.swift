import LinearAlgebra

/// The feasible dual point of the binomial problem when some features are never penalized
/// (penalty factor wⱼ = 0), by the Newton correction the λ = 0 certificate uses
/// (`LogisticNewton`), restricted to the unpenalized coordinates.
///
/// For a coordinate with wⱼ = 0 the penalty is 0, whose conjugate is the indicator of {0}: the
/// dual constraint is the equality cⱼ = Σᵢ ωᵢxᵢⱼθᵢ = 0, the same kind as the intercept's
/// Σᵢ ωᵢθᵢ = 0. Rescaling θ (which enforces the bounds |cⱼ| ≤ λαwⱼ) cannot meet it, and
/// subtracting a constant only meets the intercept's. With U the unpenalized features and
/// x̃ᵢ = (1, xᵢ,U) (without the 1 when there is no intercept), θ = y − p the residual, let
///
///     G = Σᵢ ωᵢθᵢx̃ᵢ,   H = Σᵢ ωᵢpᵢ(1−pᵢ)x̃ᵢx̃ᵢᵀ,   H d = G,   δηᵢ = x̃ᵢᵀd,
///     θ̃ᵢ = θᵢ − pᵢ(1−pᵢ)δηᵢ     (the residual after one Newton step on the U block, linearized).
///
/// Then Σᵢ ωᵢθ̃ᵢx̃ᵢ = G − H d = 0: every equality holds (up to the rounding of the solve, ~1e-16
/// relative, the same floor the Gaussian projection has). The entropy's domain needs
/// yᵢ − θ̃ᵢ = pᵢ + pᵢ(1−pᵢ)δηᵢ ∈ [0, 1], true whenever −1/(1−pᵢ) ≤ δηᵢ ≤ 1/pᵢ, so always when
/// |δηᵢ| ≤ 1 — near the optimum, where G → 0 and so d → 0, and θ̃ → θ: the gap still closes.
/// Otherwise no point is returned and the gap is +∞ for now. The bounds of the penalized
/// coordinates are then met by the usual rescaling θ̃ ← sθ̃, which keeps the equalities (they
/// are linear) and the domain (a convex combination with y).
enum UnpenalizedDualPoint {
    /// θ̃ from the residual θ = y − p (p = y − θ), or nil when H is singular or θ̃ leaves the
    /// domain. `features` are the unpenalized columns of `design`.
    static func binomial(theta: [Double], y: [Double], design: ClassificationDesign, features: [Int],
                         fitIntercept: Bool) -> [Double]? {
        guard let step = newtonStep(theta: theta, y: y, design: design, features: features, fitIntercept: fitIntercept) else {
            return nil
        }
        var corrected = theta
        for i in 0..<design.sampleCount where design.weights[i] > 0 {
            let p = y[i] - theta[i]
            corrected[i] -= p * (1 - p) * step.deltaEta[i]
            let q = y[i] - corrected[i]
            guard q >= 0, q <= 1 else { return nil }
        }
        return corrected
    }

    /// The Newton step d of the unpenalized block (intercept first when there is one) from the
    /// residual θ = y − p: H d = G as in the type's documentation, and δη = X̃d. nil when H is
    /// singular.
    static func newtonStep(theta: [Double], y: [Double], design: ClassificationDesign, features: [Int],
                           fitIntercept: Bool) -> (step: [Double], deltaEta: [Double])? {
        let n = design.sampleCount, omega = design.weights
        let offset = fitIntercept ? 1 : 0
        let m = offset + features.count
        func entry(_ i: Int, _ k: Int) -> Double { k < offset ? 1 : design.columns[features[k - offset] * n + i] }
        var gradient = [Double](repeating: 0, count: m)
        var hessian = Matrix.zeros(m, m)
        for i in 0..<n where omega[i] > 0 {
            let p = y[i] - theta[i]
            let (u, v) = (omega[i] * theta[i], omega[i] * p * (1 - p))
            for k in 0..<m {
                let xk = entry(i, k)
                gradient[k] += u * xk
                for l in 0...k { hessian[k, l] += v * xk * entry(i, l) }
            }
        }
        for k in 0..<m { for l in 0..<k { hessian[l, k] = hessian[k, l] } }
        guard let d = try? Cholesky(hessian).solve(gradient), d.allSatisfy(\.isFinite) else { return nil }
        var deltaEta = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var delta = 0.0
            for k in 0..<m { delta += d[k] * entry(i, k) }
            deltaEta[i] = delta
        }
        return (d, deltaEta)
    }
}
