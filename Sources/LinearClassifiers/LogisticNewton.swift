import Foundation
import LinearAlgebra
import Modeling

/// Unpenalized (λ = 0) binomial logistic regression — the maximum-likelihood fit of R's
/// `glm(family = binomial)` — by Newton's method (IRLS) with step halving, on the standardized
/// design (the MLE does not depend on the scaling; coefficients are reported on the original
/// scale).
///
/// With θ = (b, β), pᵢ = σ(ηᵢ), ωᵢ the normalized weights and x̃ᵢ = (1, xᵢ) (no 1 without an
/// intercept), the loss L(θ) = Σ ωᵢ[log(1 + e^{ηᵢ}) − yᵢηᵢ] has gradient −G, G = Σ ωᵢ(yᵢ − pᵢ)x̃ᵢ,
/// and Hessian H = Σ ωᵢpᵢ(1−pᵢ)x̃ᵢx̃ᵢᵀ. Each step solves H d = G (Cholesky) and halves t from 1
/// until L(θ + td) ≤ L(θ) − 10⁻⁴·t·Gᵀd.
///
/// Certificate (an exact duality gap, `LogisticCertificate`). The dual of min L is
/// max D(θ̃) = −Σ ωᵢ h(yᵢ − θ̃ᵢ) over yᵢ − θ̃ᵢ ∈ [0, 1] with Σ ωᵢθ̃ᵢx̃ᵢ = 0 (h the negative
/// binary entropy): the λ = 0 case of the penalized dual, whose constraints are now equalities.
/// θ = y − p is not feasible before the optimum (Σ ωθx̃ = G ≠ 0), so the dual point is corrected
/// with the Newton step: p̃ᵢ = pᵢ + pᵢ(1−pᵢ)·δηᵢ, δη = X̃d, which gives Σ ωᵢ(p̃ᵢ − pᵢ)x̃ᵢ = H d = G,
/// so θ̃ = y − p̃ meets every equality exactly; p̃ᵢ ∈ [0, 1] whenever |δηᵢ| ≤ 1 (always near the
/// optimum), otherwise the point is infeasible and the gap is reported as +∞. At the optimum
/// d = 0 and the gap L + Σ ωᵢh(pᵢ) = −Gᵀθ̂ = 0. The fit stops when gap ≤ tolerance × L₀; the
/// KKT violation is max|Gₖ| (the gradient's largest entry).
///
/// Separation. When the classes are completely or quasi-completely separable by a hyperplane the
/// MLE does not exist: L decreases towards its infimum only as ‖β‖ → ∞, the separated rows'
/// fitted probabilities go to 0 or 1, and Newton's iterates (and their gap, as L and the
/// entropies vanish together) seem to converge while ‖β‖ grows. The rule: a fit is refused as
/// separable when, at the point it stops, some row with positive weight has |ηᵢ| >
/// `separationPredictor` (30: a fitted probability within 10⁻¹³ of 0 or 1, i.e. numerically 0/1
/// — the same symptom R's glm warns about, made an error), or when `maximumSteps` Newton steps
/// do not converge. No linear program is solved: a legitimate MLE with odds of 10¹³ : 1 for
/// some row is refused too, and the message says what was seen.
enum LogisticNewton {
    /// Newton steps before the fit is declared non-convergent.
    static let maximumSteps = 100
    /// |η| beyond which a fitted probability is numerically 0 or 1 (σ(30) = 1 − 9.4e-14).
    static let separationPredictor = 30.0
    static let armijo = 1e-4
    static let maximumHalvings = 50

    /// The MLE on `design` for labels y ∈ {0, 1}: standardized (β, b) and the certificate.
    /// Columns that are all zero on the design (constant columns) keep βⱼ = 0, and so do the
    /// columns outside `subset` when it is given (the MLE on those columns alone).
    static func fit(design: ClassificationDesign, y: [Double], fitIntercept: Bool, tolerance: Double,
                    nullLoss: Double, subset: [Int]? = nil) throws -> (beta: [Double], intercept: Double, certificate: LogisticCertificate) {
        let (n, p) = (design.sampleCount, design.featureCount)
        let omega = design.weights
        let columns = (subset ?? Array(0..<p)).filter { j in (0..<n).contains { design.columns[j * n + $0] != 0 } }
        let offset = fitIntercept ? 1 : 0
        let m = offset + columns.count
        guard m >= 1 else { throw LagrangeError.invalidData("nothing to fit: no intercept and every feature column is constant") }
        // x̃ᵢₖ: column k of the system (the intercept first).
        func entry(_ i: Int, _ k: Int) -> Double { k < offset ? 1 : design.columns[columns[k - offset] * n + i] }
        var theta = [Double](repeating: 0, count: m)
        if fitIntercept {
            let mean = zip(omega, y).reduce(0) { $0 + $1.0 * $1.1 }
            theta[0] = log(mean / (1 - mean))
        }
        func predictor(_ theta: [Double]) -> [Double] {
            var eta = [Double](repeating: 0, count: n)
            for k in 0..<m where theta[k] != 0 { for i in 0..<n { eta[i] += theta[k] * entry(i, k) } }
            return eta
        }
        var eta = predictor(theta)
        var (loss, probability) = BinomialSolver.evaluate(eta: eta, y: y, weights: omega)
        for step in 0...maximumSteps {
            var gradient = [Double](repeating: 0, count: m)
            var hessian = Matrix.zeros(m, m)
            for i in 0..<n where omega[i] > 0 {
                let (q, u) = (probability[i], omega[i] * (y[i] - probability[i]))
                let v = omega[i] * q * (1 - q)
                for k in 0..<m {
                    let xk = entry(i, k)
                    gradient[k] += u * xk
                    for l in 0...k { hessian[k, l] += v * xk * entry(i, l) }
                }
            }
            for k in 0..<m { for l in 0..<k { hessian[l, k] = hessian[k, l] } }
            let direction: [Double]
            do {
                direction = try Cholesky(hessian).solve(gradient)
            } catch {
                try refuseIfSeparated(eta: eta, weights: omega)
                throw LagrangeError.invalidData("the features are collinear (the Hessian of the likelihood is singular): the unpenalized fit has no unique solution; drop a column or use --lambda > 0")
            }
            let deltaEta = predictor(direction)
            let certificate = certify(loss: loss, probability: probability, deltaEta: deltaEta, gradient: gradient,
                                      weights: omega, nullLoss: nullLoss, steps: step, tolerance: tolerance)
            if certificate.converged {
                try refuseIfSeparated(eta: eta, weights: omega)
                var beta = [Double](repeating: 0, count: p)
                for (a, j) in columns.enumerated() { beta[j] = theta[offset + a] }
                return (beta, fitIntercept ? theta[0] : 0, certificate)
            }
            guard step < maximumSteps else { break }
            let slope = zip(gradient, direction).reduce(0) { $0 + $1.0 * $1.1 }
            var t = 1.0
            var accepted = false
            for _ in 0...maximumHalvings {
                let trialEta = (0..<n).map { eta[$0] + t * deltaEta[$0] }
                let trial = BinomialSolver.evaluate(eta: trialEta, y: y, weights: omega)
                if trial.loss <= loss - armijo * t * slope {
                    for k in 0..<m { theta[k] += t * direction[k] }
                    (eta, loss, probability) = (trialEta, trial.loss, trial.probability)
                    accepted = true
                    break
                }
                t *= 0.5
            }
            if !accepted {
                // No decrease is resolvable any more: the point is as good as floating point allows.
                try refuseIfSeparated(eta: eta, weights: omega)
                var beta = [Double](repeating: 0, count: p)
                for (a, j) in columns.enumerated() { beta[j] = theta[offset + a] }
                return (beta, fitIntercept ? theta[0] : 0, certificate)
            }
        }
        try refuseIfSeparated(eta: eta, weights: omega)
        throw LagrangeError.didNotConverge("the unpenalized logistic fit did not converge in \(maximumSteps) Newton steps; the classes may be nearly separable: use --lambda > 0")
    }

    /// The exact gap of the Newton-corrected dual point (see the type's documentation).
    static func certify(loss: Double, probability: [Double], deltaEta: [Double], gradient: [Double], weights omega: [Double],
                        nullLoss: Double, steps: Int, tolerance: Double) -> LogisticCertificate {
        var entropy = 0.0
        var feasible = true
        for i in probability.indices where omega[i] > 0 {
            let q = probability[i]
            let corrected = q + q * (1 - q) * deltaEta[i]
            guard corrected >= 0, corrected <= 1 else { feasible = false; break }
            entropy += omega[i] * LogisticFunctions.negativeEntropy(corrected)
        }
        let dual = feasible ? -entropy : -Double.infinity
        let gap = feasible ? max(0, loss - dual) : .infinity
        let violation = gradient.reduce(0) { max($0, abs($1)) }
        return LogisticCertificate(primalObjective: loss, dualObjective: dual, dualityGap: gap, relativeGap: gap / nullLoss,
                                   maximumKKTViolation: violation, iterations: steps, tolerance: tolerance)
    }

    /// Throws the separation error when some row's fitted probability is numerically 0 or 1.
    static func refuseIfSeparated(eta: [Double], weights omega: [Double]) throws {
        let saturated = eta.indices.filter { omega[$0] > 0 && abs(eta[$0]) > separationPredictor }
        guard let first = saturated.first else { return }
        throw LagrangeError.invalidData("the classes are (quasi-)completely separable: \(saturated.count) row(s) (the first is data row \(first + 1)) get a fitted probability numerically 0 or 1 as the coefficients grow without bound, so the maximum-likelihood fit does not exist; use --lambda > 0")
    }
}
