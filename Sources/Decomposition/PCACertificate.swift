import LinearAlgebra

/// Evidence that the kept directions solve max vᵀΣv s.t. ‖v‖ = 1: they are stationary points
/// (Σv = λv, up to `maxEigenResidual`) and an orthonormal set (VVᵀ = I, up to
/// `orthonormalityError`).
public struct PCACertificate: Codable, Equatable, Sendable {
    /// maxᵢ ‖Σvᵢ − λᵢvᵢ‖₂ over the kept components.
    public var maxEigenResidual: Double
    /// `maxEigenResidual` / λ₁: the same residual relative to the scale of Σ.
    public var relativeEigenResidual: Double
    /// maxᵢⱼ |(VVᵀ − I)ᵢⱼ| over the kept components.
    public var orthonormalityError: Double

    /// The certificate of directions `v` (k × p rows) with eigenvalues `lambda`, given Σ applied
    /// to them: `sigmaV` holds Σvᵢ as row i.
    static func measure(components v: Matrix, eigenvalues lambda: [Double], sigmaTimesComponents sigmaV: Matrix) throws -> PCACertificate {
        var residual = 0.0
        for i in 0..<v.rows {
            var squares = 0.0
            for j in 0..<v.columns {
                let d = sigmaV[i, j] - lambda[i] * v[i, j]
                squares += d * d
            }
            residual = max(residual, squares.squareRoot())
        }
        let gram = try BLAS.gram(v, .rows)
        var orthonormality = 0.0
        for i in 0..<gram.rows {
            for j in 0..<gram.columns {
                orthonormality = max(orthonormality, abs(gram[i, j] - (i == j ? 1 : 0)))
            }
        }
        let scale = lambda.first ?? 0
        return PCACertificate(maxEigenResidual: residual,
                              relativeEigenResidual: scale > 0 ? residual / scale : residual,
                              orthonormalityError: orthonormality)
    }
}
