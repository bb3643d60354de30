import LinearAlgebra

/// Sample weights of the Gaussian fits (glmnet's `weights`): the weighted objective
///
///     (1/2n) Σᵢ wᵢ (yᵢ − b − xᵢᵀβ)² + λ Σⱼ vⱼ (α|βⱼ| + (1−α)/2 βⱼ²),   Σᵢ wᵢ = n,
///
/// with the weights rescaled to sum to n as glmnet does (so integer weights are row copies:
/// weights k₁…kₙ fit exactly as the data with row i repeated kᵢ times, λ unchanged — the
/// invariant the tests check). Means and standard deviations are weighted:
/// x̄ⱼ = Σ wᵢxᵢⱼ/n, sⱼ² = Σ wᵢ(xᵢⱼ − x̄ⱼ)²/n.
///
/// The solvers see the weighted problem as an unweighted one: row i of the centred, scaled
/// design and response is multiplied by √wᵢ (`Design`), so ‖ỹ − X̃β‖² = Σ wᵢ rᵢ² and every
/// certificate (primal, dual, gap) is the weighted problem's, exactly. Weighted centring makes
/// Σᵢ √wᵢ x̃ᵢⱼ = 0, so the intercept stays profiled out: b = ȳ − Σⱼ x̄ⱼ βⱼ.
public enum SampleWeights {
    /// The weights rescaled to sum to their count, after checking one per row, each finite and
    /// positive (`rows` maps positions to data rows for the message).
    public static func normalized(_ weights: [Double], count n: Int, rows: [Int]? = nil) throws -> [Double] {
        guard weights.count == n else {
            throw LagrangeError.shapeMismatch("\(n) rows but \(weights.count) sample weights")
        }
        if let i = weights.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
            throw LagrangeError.invalidParameter(name: "sampleWeights", value: "\(weights[i]) on data row \((rows?[i] ?? i) + 1)",
                                                 requirement: "every weight must be a finite number > 0")
        }
        let total = weights.reduce(0, +)
        guard total.isFinite else {
            throw LagrangeError.invalidParameter(name: "sampleWeights", value: "sum \(total)", requirement: "the weights' sum must be finite")
        }
        let scale = Double(n) / total
        return weights.map { $0 * scale }
    }

    /// Σᵢ wᵢ (yᵢ − ŷᵢ)² / Σᵢ wᵢ: the weighted held-out mean squared error of cross-validation
    /// (cv.glmnet's `weighted.mean` of the squared errors).
    public static func meanSquaredError(truth: [Double], predicted: [Double], weights: [Double]) -> Double {
        var sum = 0.0, total = 0.0
        for i in truth.indices {
            let d = truth[i] - predicted[i]
            sum += weights[i] * d * d
            total += weights[i]
        }
        return sum / total
    }
}
