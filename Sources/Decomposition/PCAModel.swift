import LinearAlgebra

/// A fitted principal component analysis: the kept directions and what they explain.
///
/// Scores are z = V(x − x̄) (divided by √λ per component when whitened); the inverse map is
/// x̂ = x̄ + Vᵀz (z scaled back by √λ first when whitened).
public struct PCAModel: Equatable, Sendable {
    /// The feature names, in the column order `transform` expects.
    public let featureNames: [String]
    /// The number of rows fitted, n.
    public let sampleCount: Int
    /// x̄, one per feature.
    public let mean: [Double]
    /// k × p: row i is the unit direction vᵢ (the eigenvector of Σ for λᵢ).
    public let components: Matrix
    /// λᵢ, the variance of the data along vᵢ (denominator n − 1), descending.
    public let explainedVariance: [Double]
    /// λᵢ / trace Σ.
    public let explainedVarianceRatio: [Double]
    /// sᵢ = √((n − 1) λᵢ), the singular values of the centred data.
    public let singularValues: [Double]
    /// trace Σ, the total variance.
    public let totalVariance: Double
    /// The mean of the min(n, p) − k eigenvalues left out (0 when none is), as scikit-learn's
    /// `noise_variance_` (the probabilistic PCA noise estimate).
    public let noiseVariance: Double
    /// Every eigenvalue of Σ when the route computed them all (for the scree plot), else nil.
    public let spectrum: [Double]?
    public let whiten: Bool
    /// What was asked for.
    public let selection: ComponentSelection
    /// The route taken (never `.automatic`).
    public let route: PCARoute
    /// The LAPACK routine that produced the directions: dsyevd, dsyevr or dgesdd.
    public let solver: String
    public let certificate: PCACertificate

    public var componentCount: Int { components.rows }

    /// The mean squared reconstruction error on the training rows, in closed form:
    /// (1/n) Σᵢ ‖xᵢ − x̂ᵢ‖² = ((n − 1)/n) (trace Σ − Σ kept λ).
    public var trainingReconstructionError: Double {
        Double(sampleCount - 1) / Double(sampleCount) * max(totalVariance - explainedVariance.reduce(0, +), 0)
    }
    public var featureCount: Int { components.columns }

    /// The scores of the rows of `x` (n × p, in `featureNames` order): n × k.
    public func transform(_ x: Matrix) throws -> Matrix {
        guard x.columns == featureCount else {
            throw LagrangeError.shapeMismatch("PCA fitted on \(featureCount) features, given \(x.columns)")
        }
        let p = featureCount
        let centred = try x.rebuilt { s in
            for i in 0..<x.rows { for j in 0..<p { s[i * p + j] -= mean[j] } }
        }
        let scores = try BLAS.multiply(centred, .none, components, .transposed)
        guard whiten else { return scores }
        let k = componentCount
        let inverseRoots = explainedVariance.map { 1 / $0.squareRoot() }
        return try scores.rebuilt { s in
            for i in 0..<scores.rows { for c in 0..<k { s[i * k + c] *= inverseRoots[c] } }
        }
    }

    /// The points of feature space whose scores are `z` (n × k): x̄ + Vᵀz.
    public func inverseTransform(_ z: Matrix) throws -> Matrix {
        guard z.columns == componentCount else {
            throw LagrangeError.shapeMismatch("PCA has \(componentCount) components, given \(z.columns) scores per row")
        }
        let k = componentCount
        let roots = explainedVariance.map { $0.squareRoot() }
        let scores = whiten ? try z.rebuilt { s in
            for i in 0..<z.rows { for c in 0..<k { s[i * k + c] *= roots[c] } }
        } : z
        let p = featureCount
        return try BLAS.multiply(scores, .none, components, .none).rebuilt { s in
            for i in 0..<z.rows { for j in 0..<p { s[i * p + j] += mean[j] } }
        }
    }

    /// The mean squared reconstruction error (1/n) Σᵢ ‖xᵢ − x̂ᵢ‖², x̂ = inverseTransform(transform(x)).
    /// On the training data it equals ((n − 1)/n) Σ of the eigenvalues left out.
    public func reconstructionError(_ x: Matrix) throws -> Double {
        let back = try inverseTransform(try transform(x))
        guard x.rows > 0 else { return 0 }
        var total = 0.0
        for idx in x.storage.indices {
            let d = x.storage[idx] - back.storage[idx]
            total += d * d
        }
        return total / Double(x.rows)
    }
}
