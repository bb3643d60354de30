import LinearAlgebra

extension BinomialSolver {
    /// Moves the solver from the null model to the fit of the intercept and the unpenalized
    /// features alone (penalty factor 0), glmnet's starting point when some factors are 0:
    /// every penalized coefficient is 0 there, so λ_max = maxⱼ |gⱼ|/(αwⱼ) over the penalized
    /// features, g = Xᵀ(ω∘(y − p)) at this fit, is the smallest λ at which they all stay 0.
    ///
    /// The fit is the maximum-likelihood one on those columns (`LogisticNewton`, to the
    /// solver's tolerance); the unpenalized features join the ever-active set. Refuses
    /// unpenalized features that separate the classes (their MLE does not exist) or are
    /// collinear.
    mutating func fitUnpenalized() throws {
        guard !unpenalized.isEmpty else { return }
        let fit: (beta: [Double], intercept: Double, certificate: LogisticCertificate)
        do {
            fit = try LogisticNewton.fit(design: design, y: y, fitIntercept: fitIntercept, tolerance: tolerance,
                                         nullLoss: nullLoss, subset: unpenalized)
        } catch LagrangeError.invalidData(let message) where message.contains("separable") {
            throw LagrangeError.invalidData("the unpenalized features (penalty factor 0) separate the classes, so their coefficients grow without bound; give one of them a positive penalty factor")
        } catch LagrangeError.invalidData(let message) where message.contains("collinear") {
            throw LagrangeError.invalidData("the unpenalized features (penalty factor 0) are collinear; give at least one of them a positive factor")
        }
        for j in unpenalized {
            beta[j] = fit.beta[j]
            everActive[j] = true
        }
        intercept = fit.intercept
        refreshPredictor()
        polishUnpenalized()
        gradient = fullGradient()
    }

    /// Full Newton steps on the unpenalized block until they stop moving η (at most
    /// `polishingSteps`). The Newton fit stops on its gap, which is quadratic in the gradient G
    /// (gap ≈ ½GᵀH⁻¹G), so a gap at 1e-10·L₀ leaves G near 1e-6 and λ_max, read off the gradient,
    /// off by as much relatively; at the quadratic rate two or three more steps bring G to the
    /// rounding floor. A step that raises the loss by more than `polishingSlack` (relative, the
    /// rounding of a sum of n losses) is not taken.
    private mutating func polishUnpenalized() {
        for _ in 0..<Self.polishingSteps {
            let state = Self.evaluate(eta: eta, y: y, weights: design.weights)
            let theta = (0..<y.count).map { y[$0] - state.probability[$0] }
            guard let (d, deltaEta) = UnpenalizedDualPoint.newtonStep(theta: theta, y: y, design: design, features: unpenalized,
                                                                      fitIntercept: fitIntercept) else { return }
            let trial = (0..<eta.count).map { eta[$0] + deltaEta[$0] }
            let loss = Self.evaluate(eta: trial, y: y, weights: design.weights).loss
            // Near the optimum the decrease (~G²) is far below the rounding of the summed loss;
            // the check only guards against a step that diverges.
            guard loss <= state.loss + Self.polishingSlack * max(1, abs(state.loss)) else { return }
            let offset = fitIntercept ? 1 : 0
            if fitIntercept { intercept += d[0] }
            for (a, j) in unpenalized.enumerated() { beta[j] += d[offset + a] }
            refreshPredictor()
            if deltaEta.allSatisfy({ abs($0) <= 1e-15 }) { return }
        }
    }

    static let polishingSteps = 4
    static let polishingSlack = 1e-12
}
