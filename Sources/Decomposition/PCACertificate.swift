import LinearAlgebra
import Modeling

/// Evidence that the kept directions solve max vᵀΣv s.t. ‖v‖ = 1: they are stationary points
/// (Σv = λv, up to `maximumEigenResidual`) and an orthonormal set (VVᵀ = I, up to
/// `orthonormalityError`). LAPACK's eigensolvers leave both at rounding level; `converged` says
/// both are finite and within `tolerance` (the eigen-residual relative to λ₁).
public struct PCACertificate: Certificate {
    /// maxᵢ ‖Σvᵢ − λᵢvᵢ‖₂ over the kept components.
    public let maximumEigenResidual: Double
    /// `maximumEigenResidual` / λ₁: the same residual relative to the scale of Σ.
    public let relativeEigenResidual: Double
    /// maxᵢⱼ |(VVᵀ − I)ᵢⱼ| over the kept components.
    public let orthonormalityError: Double

    /// The bound on the relative eigen-residual and the orthonormality error of a direct solve.
    public static let relativeTolerance = 1e-6

    public var tolerance: Double { Self.relativeTolerance }

    public var converged: Bool {
        isFinite && relativeEigenResidual <= tolerance && orthonormalityError <= tolerance
    }

    public var quantities: [CertificateQuantity] {
        [CertificateQuantity(.maximumEigenResidual, maximumEigenResidual),
         CertificateQuantity(.relativeEigenResidual, relativeEigenResidual),
         CertificateQuantity(.orthonormalityError, orthonormalityError)]
    }

    init(maximumEigenResidual: Double, relativeEigenResidual: Double, orthonormalityError: Double) {
        self.maximumEigenResidual = maximumEigenResidual
        self.relativeEigenResidual = relativeEigenResidual
        self.orthonormalityError = orthonormalityError
    }

    private enum CodingKeys: String, CodingKey {
        case maximumEigenResidual, relativeEigenResidual, orthonormalityError
        case maxEigenResidual   // the name in files written before the one contract (0.1)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        maximumEigenResidual = try c.decodeIfPresent(Double.self, forKey: .maximumEigenResidual)
            ?? c.decode(Double.self, forKey: .maxEigenResidual)
        relativeEigenResidual = try c.decode(Double.self, forKey: .relativeEigenResidual)
        orthonormalityError = try c.decode(Double.self, forKey: .orthonormalityError)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(maximumEigenResidual, forKey: .maximumEigenResidual)
        try c.encode(relativeEigenResidual, forKey: .relativeEigenResidual)
        try c.encode(orthonormalityError, forKey: .orthonormalityError)
    }

    /// The certificate of directions `v` (k × p rows) with eigenvalues `lambda`, given Σ applied
    /// to them: `sigmaV` holds Σvᵢ as row i.
    static func measure(components v: Matrix, eigenvalues lambda: [Double], sigmaTimesComponents sigmaV: Matrix) throws -> PCACertificate {
        // ‖Σvᵢ − λᵢvᵢ‖₂ with the entries scaled by their largest first, so data at any scale
        // (Σ ~ 1e300) gives a finite residual.
        var residual = 0.0
        for i in 0..<v.rows {
            let d = (0..<v.columns).map { sigmaV[i, $0] - lambda[i] * v[i, $0] }
            let largest = d.reduce(0) { max($0, abs($1)) }
            guard largest > 0, largest.isFinite else { residual = max(residual, largest); continue }
            let squares = d.reduce(0) { $0 + ($1 / largest) * ($1 / largest) }
            residual = max(residual, largest * squares.squareRoot())
        }
        let gram = try BLAS.gram(v, .rows)
        var orthonormality = 0.0
        for i in 0..<gram.rows {
            for j in 0..<gram.columns {
                orthonormality = max(orthonormality, abs(gram[i, j] - (i == j ? 1 : 0)))
            }
        }
        let scale = lambda.first ?? 0
        return PCACertificate(maximumEigenResidual: residual,
                              relativeEigenResidual: scale > 0 ? residual / scale : residual,
                              orthonormalityError: orthonormality)
    }
}
