import LinearAlgebra

/// How many principal components a fit keeps.
public enum ComponentSelection: Equatable, Sendable {
    /// Exactly `k` components, 1 ≤ k ≤ min(n, p).
    case count(Int)
    /// The smallest k whose cumulative explained-variance ratio reaches the fraction f ∈ (0, 1].
    case varianceFraction(Double)
    /// Every component: min(n, p) of them.
    case all
}

/// In a model file: `{"count": 2}`, `{"varianceFraction": 0.95}` or `{"all": true}`.
extension ComponentSelection: Codable {
    enum CodingKeys: String, CodingKey { case count, varianceFraction, all }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let k = try c.decodeIfPresent(Int.self, forKey: .count) {
            self = .count(k)
        } else if let f = try c.decodeIfPresent(Double.self, forKey: .varianceFraction) {
            self = .varianceFraction(f)
        } else if try c.decodeIfPresent(Bool.self, forKey: .all) == true {
            self = .all
        } else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: c.codingPath, debugDescription: "expected one of count, varianceFraction, all"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .count(k): try c.encode(k, forKey: .count)
        case let .varianceFraction(f): try c.encode(f, forKey: .varianceFraction)
        case .all: try c.encode(true, forKey: .all)
        }
    }
}

/// Which factorization a fit uses.
///
/// The automatic rule (documented in docs/pca.md):
/// - **tall** data, n ≥ p: the covariance route — Σ = (1/(n−1)) Σᵢ (xᵢ − x̄)(xᵢ − x̄)ᵀ accumulated
///   block by block with `dsyrk`, then LAPACK's symmetric eigensolver on the p × p matrix
///   (`dsyevr` for the top k when a count k < p is asked, `dsyevd` otherwise). Cost O(np² + p³),
///   memory O(p²) whatever n is.
/// - **wide** data, n < p, when the rows are at hand: the thin SVD of the centred n × p matrix
///   (`dgesdd`), Xc = U S Vᵀ, λᵢ = sᵢ²/(n−1). Cost O(n²p) instead of O(p³), and no p × p matrix
///   in the whole-matrix path. Streaming keeps the first rows only while n ≤ p, so memory stays
///   O(p²) on both routes.
public enum PCARoute: String, Equatable, Sendable, Codable {
    case automatic
    /// p × p covariance + symmetric eigensolver.
    case covariance
    /// Thin SVD of the centred data.
    case singularValues
}

/// The hyperparameters of principal component analysis, validated once by `fit`.
///
/// PCA finds the directions v that are stationary points of max vᵀΣv s.t. ‖v‖ = 1, i.e. the
/// eigenvectors Σv = λv of the sample covariance Σ (denominator n − 1), sorted by eigenvalue
/// λ₁ ≥ λ₂ ≥ … and signed so that each direction's largest-|loading| entry is positive.
public struct PCAParameters: Equatable, Sendable {
    public var components: ComponentSelection
    /// Scale the scores to unit variance: zᵢ = vᵢᵀ(x − x̄)/√λᵢ.
    public var whiten: Bool
    public var route: PCARoute

    public init(components: ComponentSelection = .all, whiten: Bool = false, route: PCARoute = .automatic) {
        self.components = components
        self.whiten = whiten
        self.route = route
    }

    /// Checks the values that do not depend on the data.
    public func validate() throws {
        switch components {
        case let .count(k) where k < 1:
            throw LagrangeError.invalidParameter(name: "components", value: "\(k)", requirement: "must be at least 1")
        case let .varianceFraction(f) where !(f > 0 && f <= 1):
            throw LagrangeError.invalidParameter(name: "variance", value: "\(f)",
                                                 requirement: "must be a fraction in (0, 1], e.g. 0.95")
        default:
            break
        }
    }
}

/// The tolerances of the PCA fit, named in one place.
enum PCATolerance {
    /// A cumulative explained-variance ratio within this relative slack of the requested
    /// fraction counts as reaching it, so `--variance 1` keeps every component despite the
    /// last ulps of rounding in the sum. (scikit-learn asks for a strictly larger cumsum.)
    static let varianceFractionSlack = 1e-12
    /// A column whose standard deviation is at most this multiple of |mean| holds one value up
    /// to rounding: it is constant. Relative only (no floor of 1), so data at 1e-150 scale is
    /// judged as at scale 1.
    static let constantColumnRelativeSpread = 64 * Double.ulpOfOne
    /// Whitening divides by √λ; a kept λ at most this fraction of λ₁ is zero up to rounding.
    static let whitenRelativeEigenvalueFloor = 1e-12
}
