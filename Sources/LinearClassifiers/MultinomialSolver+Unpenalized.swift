import Foundation
import LinearAlgebra

extension MultinomialSolver {
    /// The features with penalty factor 0 (never penalized, for every class).
    var unpenalized: [Int] { penaltyFactors.indices.filter { penaltyFactors[$0] == 0 } }

    /// Moves the solver from the null model to the maximum-likelihood fit of the intercepts and
    /// the unpenalized features alone, glmnet's starting point when some factors are 0: every
    /// penalized coefficient is 0 there, so λ_max = maxⱼ sⱼ/(αwⱼ) over the penalized features,
    /// with the scores s at this fit, is the smallest λ at which they all stay 0.
    ///
    /// Damped Newton on the block (`MultinomialUnpenalizedBlock.newtonStep`: the last class held
    /// at 0, the loss being flat along a shift of all classes): D ← the Newton step, η ← η + tX̃D
    /// with t halved until the loss does not rise, until a step moves η by less than
    /// `unpenalizedStepFloor` and `polishingSteps` more full steps bring the gradient to the
    /// rounding floor (λ_max is read off it). Each row of the block is then centred over the
    /// classes (glmnet's convention for unpenalized features; the loss does not change). Refuses
    /// unpenalized features that separate the classes (no MLE: the steps do not settle) or are
    /// collinear (singular system).
    mutating func fitUnpenalized() throws {
        let features = unpenalized
        guard !features.isEmpty else { return }
        let n = design.sampleCount, k = classCount
        let offset = fitIntercept ? 1 : 0
        var settledSteps = 0
        for _ in 0..<Self.unpenalizedNewtonSteps {
            if current == nil { current = SoftmaxPoint(eta: eta, labels: labels, weights: design.weights, classes: k) }
            let point = current!
            guard let (step, deltaEta) = MultinomialUnpenalizedBlock.newtonStep(
                probability: point.probability, labels: labels, classes: k, design: design, features: features,
                fitIntercept: fitIntercept) else {
                throw LagrangeError.invalidData("the unpenalized features (penalty factor 0) are collinear; give at least one of them a positive factor")
            }
            var t = 1.0, accepted = false
            for _ in 0..<Self.maximumHalvings {
                let trial = (0..<(k * n)).map { eta[$0] + t * deltaEta[$0] }
                let state = SoftmaxPoint(eta: trial, labels: labels, weights: design.weights, classes: k)
                if state.loss <= point.loss + Self.unpenalizedSlack * max(1, abs(point.loss)) {
                    eta = trial
                    current = state
                    accepted = true
                    break
                }
                t *= 0.5
            }
            guard accepted else { break }
            for c in 0..<k {
                if fitIntercept { intercepts[c] += t * step[c] }
                for (a, j) in features.enumerated() { beta[j * k + c] += t * step[(offset + a) * k + c] }
            }
            let moved = deltaEta.reduce(0) { max($0, abs($1)) } * t
            if moved <= Self.unpenalizedStepFloor { settledSteps += 1 }
            if settledSteps > Self.polishingSteps { break }
        }
        guard settledSteps > 0 else {
            throw LagrangeError.invalidData("the unpenalized features (penalty factor 0) separate the classes, so their coefficients grow without bound; give one of them a positive penalty factor")
        }
        for j in features {
            let mean = (0..<k).reduce(0) { $0 + beta[j * k + $1] } / Double(k)
            for c in 0..<k { beta[j * k + c] -= mean }
            everActive[j] = true
        }
        if fitIntercept {
            let mean = intercepts.reduce(0, +) / Double(k)
            for c in 0..<k { intercepts[c] -= mean }
        }
        refreshPredictor()
        gradient = fullGradient()
    }

    static let unpenalizedNewtonSteps = 100
    /// A Newton step moving η by at most this much counts as settled (the quadratic rate takes
    /// the gradient to its rounding floor within `polishingSteps` more).
    static let unpenalizedStepFloor = 1e-9
    static let polishingSteps = 3
    /// The rise of the loss a step may cause (relative): the rounding of a sum of n losses.
    static let unpenalizedSlack = 1e-12
}
