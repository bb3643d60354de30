import Foundation

/// A Platt sigmoid P(positive | f) = 1 / (1 + exp(A·f + B)) fitted to decision values f.
public struct PlattSigmoid: Codable, Equatable, Sendable {
    public let a: Double
    public let b: Double

    public init(a: Double, b: Double) {
        self.a = a
        self.b = b
    }

    /// 1 / (1 + exp(A f + B)) without overflow: for A f + B ≥ 0 as exp(−t) / (1 + exp(−t)).
    public func probability(_ f: Double) -> Double {
        let t = a * f + b
        return t >= 0 ? exp(-t) / (1 + exp(-t)) : 1 / (1 + exp(t))
    }

    /// Fits (A, B) by Lin, Lin & Weng's method ("A note on Platt's probabilistic outputs for
    /// support vector machines", Machine Learning 68, 2007; LIBSVM's `sigmoid_train`): Newton's
    /// method with backtracking on the regularized cross-entropy
    ///
    ///     F(A, B) = Σᵢ tᵢ(Afᵢ + B) + log(1 + exp(−Afᵢ − B)),
    ///     tᵢ = (N₊ + 1)/(N₊ + 2) for positives, 1/(N₋ + 2) for negatives (Platt's targets),
    ///
    /// with every log(1 + exp(·)) evaluated in the form that cannot overflow, and the Hessian
    /// kept positive definite by adding σ = 1e-12 to its diagonal. Stops when |∂F| < 1e-5 in
    /// both coordinates, after 100 Newton steps, or when the line search steps below 1e-10.
    public static func fit(decisionValues f: [Double], positive: [Bool]) -> PlattSigmoid {
        let positives = positive.filter { $0 }.count
        let negatives = positive.count - positives
        let highTarget = (Double(positives) + 1) / (Double(positives) + 2)
        let lowTarget = 1 / (Double(negatives) + 2)
        let t = positive.map { $0 ? highTarget : lowTarget }
        let maximumIterations = 100, minimumStep = 1e-10, sigma = 1e-12, epsilon = 1e-5
        var a = 0.0
        var b = log((Double(negatives) + 1) / (Double(positives) + 1))

        func objective(_ a: Double, _ b: Double) -> Double {
            var value = 0.0
            for i in f.indices {
                let fApB = f[i] * a + b
                value += fApB >= 0 ? t[i] * fApB + log(1 + exp(-fApB)) : (t[i] - 1) * fApB + log(1 + exp(fApB))
            }
            return value
        }

        var value = objective(a, b)
        for _ in 0..<maximumIterations {
            // Gradient and Hessian of F at (A, B).
            var h11 = sigma, h22 = sigma, h21 = 0.0, g1 = 0.0, g2 = 0.0
            for i in f.indices {
                let fApB = f[i] * a + b
                let p: Double, q: Double
                if fApB >= 0 {
                    p = exp(-fApB) / (1 + exp(-fApB))
                    q = 1 / (1 + exp(-fApB))
                } else {
                    p = 1 / (1 + exp(fApB))
                    q = exp(fApB) / (1 + exp(fApB))
                }
                let d2 = p * q
                h11 += f[i] * f[i] * d2
                h22 += d2
                h21 += f[i] * d2
                let d1 = t[i] - p
                g1 += f[i] * d1
                g2 += d1
            }
            if abs(g1) < epsilon && abs(g2) < epsilon { break }
            // Newton direction −H⁻¹g.
            let determinant = h11 * h22 - h21 * h21
            let dA = -(h22 * g1 - h21 * g2) / determinant
            let dB = -(-h21 * g1 + h11 * g2) / determinant
            let decrease = g1 * dA + g2 * dB
            var step = 1.0
            while step >= minimumStep {
                let newA = a + step * dA, newB = b + step * dB
                let newValue = objective(newA, newB)
                if newValue < value + 0.0001 * step * decrease {
                    a = newA
                    b = newB
                    value = newValue
                    break
                }
                step /= 2
            }
            if step < minimumStep { break }
        }
        return PlattSigmoid(a: a, b: b)
    }
}

/// Pairwise coupling (Wu, Lin & Weng, "Probability estimates for multi-class classification by
/// pairwise coupling", JMLR 5, 2004, their second method; LIBSVM's `multiclass_probability`):
/// given rᵢⱼ ≈ P(y = i | y ∈ {i, j}, x), the class probabilities p solve
///
///     min_p ½ Σᵢ Σ_{j≠i} (rⱼᵢpᵢ − rᵢⱼpⱼ)²   subject to  Σ pᵢ = 1,  (pᵢ ≥ 0 at the optimum),
///
/// i.e. min ½pᵀQp with Qᵢᵢ = Σ_{j≠i} rⱼᵢ², Qᵢⱼ = −rⱼᵢrᵢⱼ, solved by their fixed-point
/// iteration: pₜ ← pₜ + (−(Qp)ₜ + pᵀQp)/Qₜₜ, then renormalized, until
/// max |(Qp)ₜ − pᵀQp| < 0.005/k (at most max(100, k) sweeps).
enum PairwiseCoupling {
    /// `r[i][j]` for i ≠ j (r[i][j] + r[j][i] = 1); returns p with Σp = 1.
    static func probabilities(_ r: [[Double]]) -> [Double] {
        let k = r.count
        var q = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        var p = [Double](repeating: 1 / Double(k), count: k)
        var qp = [Double](repeating: 0, count: k)
        for t in 0..<k {
            for j in 0..<k where j != t {
                q[t][t] += r[j][t] * r[j][t]
                q[t][j] = -r[j][t] * r[t][j]
            }
        }
        let maximumIterations = max(100, k)
        let epsilon = 0.005 / Double(k)
        for _ in 0..<maximumIterations {
            var pQp = 0.0
            for t in 0..<k {
                qp[t] = 0
                for j in 0..<k { qp[t] += q[t][j] * p[j] }
                pQp += p[t] * qp[t]
            }
            var largestError = 0.0
            for t in 0..<k { largestError = max(largestError, abs(qp[t] - pQp)) }
            if largestError < epsilon { break }
            for t in 0..<k {
                let diff = (-qp[t] + pQp) / q[t][t]
                p[t] += diff
                pQp = (pQp + diff * (diff * q[t][t] + 2 * qp[t])) / (1 + diff) / (1 + diff)
                for j in 0..<k {
                    qp[j] = (qp[j] + diff * q[t][j]) / (1 + diff)
                    p[j] /= (1 + diff)
                }
            }
        }
        return p
    }
}
