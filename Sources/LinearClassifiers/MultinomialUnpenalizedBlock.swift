import LinearAlgebra

/// The block of the multinomial problem that is never penalized: the intercepts (when fitted)
/// and the features with penalty factor wⱼ = 0. Two uses: the Newton step that fits it
/// (`MultinomialSolver.fitUnpenalized`), and the feasible dual point of the certificate.
///
/// For such a feature the penalty is 0, whose conjugate is the indicator of {0}: the dual
/// constraint is the equality Cⱼₖ = Σᵢ ωᵢxᵢⱼθᵢₖ = 0 for every class k, the same kind as the
/// intercepts' Σᵢ ωᵢθᵢₖ = 0. Rescaling θ cannot meet it and a shift per class meets only the
/// intercepts'. With x̃ᵢ = (1, xᵢ,U) (no 1 without intercepts), pᵢ the softmax at η, θ = Y − P and
/// Wᵢ = diag(pᵢ) − pᵢpᵢᵀ (the Hessian of the row's log-partition), let
///
///     G = Σᵢ ωᵢ x̃ᵢθᵢᵀ   (m × K),     δηᵢ = Dᵀx̃ᵢ,     θ̃ᵢ = θᵢ − Wᵢδηᵢ,
///
/// where D (m × K) solves Σᵢ ωᵢ x̃ᵢ(Wᵢδηᵢ)ᵀ = G: the residual after one Newton step on the block,
/// linearized, so Σᵢ ωᵢx̃ᵢθ̃ᵢᵀ = 0 — every equality holds, up to the rounding of the solve. The
/// symmetric parametrization makes this system singular (Wᵢ1 = 0: shifting every class of a row
/// of D by one constant does not change Wᵢδηᵢ); its last class is fixed at 0, which leaves an
/// m(K−1) system that is positive definite when X̃ has full column rank and every pᵢₖ > 0. The
/// last class's equations then hold too: 1ᵀθᵢ = 0 and 1ᵀWᵢ = 0 make column K of both sides
/// minus the sum of the others. The rows of θ̃ still sum to 0, and Yᵢ − θ̃ᵢ = pᵢ + Wᵢδηᵢ, whose
/// entry k is pᵢₖ(1 + δηᵢₖ − pᵢᵀδηᵢ), lies in the simplex when every such entry is ≥ 0 (true when
/// D is small: near the optimum G → 0, so D → 0 and θ̃ → θ, and the gap still closes).
enum MultinomialUnpenalizedBlock {
    /// The Newton step D (m × K, row a = intercept or feature `features[a − 1]`, entry (a, k) at
    /// a·K + k, last class 0) and δη (class-major, K × n) at the probabilities `probability`
    /// (class-major); nil when the system is singular.
    static func newtonStep(probability: [Double], labels: [Int], classes k: Int, design: ClassificationDesign,
                           features: [Int], fitIntercept: Bool) -> (step: [Double], deltaEta: [Double])? {
        let n = design.sampleCount, omega = design.weights
        let offset = fitIntercept ? 1 : 0
        let m = offset + features.count
        let free = k - 1
        guard m > 0, free > 0 else { return nil }
        let size = m * free
        func entry(_ i: Int, _ a: Int) -> Double { a < offset ? 1 : design.columns[features[a - offset] * n + i] }
        var gradient = [Double](repeating: 0, count: size)
        var hessian = Matrix.zeros(size, size)
        var row = [Double](repeating: 0, count: m)
        for i in 0..<n where omega[i] > 0 {
            for a in 0..<m { row[a] = entry(i, a) }
            for c in 0..<free {
                let q = probability[c * n + i]
                let residual = omega[i] * ((labels[i] == c ? 1 : 0) - q)
                for a in 0..<m { gradient[c * m + a] += residual * row[a] }
                // Row c·m + a, column l·m + b (class-major, so l < c or b ≤ a is the lower triangle): ωᵢ x̃ᵢₐx̃ᵢ_b (pᵢc δcl − pᵢc pᵢl), lower triangle only.
                for l in 0...c {
                    let w = omega[i] * ((c == l ? q : 0) - q * probability[l * n + i])
                    for a in 0..<m {
                        let wa = w * row[a]
                        let top = c == l ? a : m - 1
                        for b in 0...top { hessian[c * m + a, l * m + b] += wa * row[b] }
                    }
                }
            }
        }
        for r in 0..<size { for s in 0..<r { hessian[s, r] = hessian[r, s] } }
        guard let solved = try? Cholesky(hessian).solve(gradient), solved.allSatisfy(\.isFinite) else { return nil }
        var step = [Double](repeating: 0, count: m * k)
        for a in 0..<m { for c in 0..<free { step[a * k + c] = solved[c * m + a] } }
        var deltaEta = [Double](repeating: 0, count: k * n)
        for c in 0..<free {
            for i in 0..<n {
                var value = 0.0
                for a in 0..<m { value += step[a * k + c] * entry(i, a) }
                deltaEta[c * n + i] = value
            }
        }
        return (step, deltaEta)
    }

    /// μ = Y − θ̃ (class-major) for the residual at `probability`, as the type's documentation
    /// says, or nil when the system is singular or μ leaves the simplex.
    static func dualPoint(probability: [Double], labels: [Int], classes k: Int, design: ClassificationDesign,
                          features: [Int], fitIntercept: Bool) -> [Double]? {
        guard let (_, deltaEta) = newtonStep(probability: probability, labels: labels, classes: k, design: design,
                                             features: features, fitIntercept: fitIntercept) else { return nil }
        let n = design.sampleCount
        var mu = probability
        for i in 0..<n where design.weights[i] > 0 {
            var mean = 0.0
            for c in 0..<k { mean += probability[c * n + i] * deltaEta[c * n + i] }
            for c in 0..<k {
                let value = probability[c * n + i] * (1 + deltaEta[c * n + i] - mean)
                guard value >= 0 else { return nil }
                mu[c * n + i] = value
            }
        }
        return mu
    }
}
