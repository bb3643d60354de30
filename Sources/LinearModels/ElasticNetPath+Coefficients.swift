import LinearAlgebra
import Modeling

/// The coefficients of an elastic-net path, read from its sparse storage
/// (`SparsePathCoefficients`): per λ as a dense p-vector or as its stored entries, and the
/// per-λ summaries (counts, norms) and predictions computed from the stored entries alone.
///
/// The whole-path dense views `coefficients` and `standardizedCoefficients` build L dense rows
/// (O(L·p)) on every access: callers that go λ by λ use `coefficients(at:)` or `nonzeros(at:)`.
extension ElasticNetPath {
    /// Original-scale coefficients, one array of p per λ (built on each access: O(L·p)).
    public var coefficients: [[Double]] { (0..<lambdas.count).map { coefficients(at: $0) } }

    /// Coefficients on the standardized scale the problem is solved on, one array of p per λ
    /// (built on each access: O(L·p)).
    public var standardizedCoefficients: [[Double]] { (0..<lambdas.count).map { standardizedCoefficients(at: $0) } }

    /// The original-scale coefficients of grid point `index`, as a dense p-vector.
    public func coefficients(at index: Int) -> [Double] { storage.dense(index, standardized: false) }

    /// The standardized-scale coefficients of grid point `index`, as a dense p-vector.
    public func standardizedCoefficients(at index: Int) -> [Double] { storage.dense(index, standardized: true) }

    /// The stored original-scale coefficients of grid point `index`: the features (increasing) and
    /// their values. Every coefficient not stored is exactly 0; a stored one may be −0.0 (kept so
    /// the dense views are bit-identical), which compares equal to 0.
    public func nonzeros(at index: Int) -> (indices: ArraySlice<Int>, values: ArraySlice<Double>) {
        let entries = storage.range(index)
        return (storage.indices[entries], storage.original[entries])
    }

    /// The same as `nonzeros(at:)` on the standardized scale.
    public func standardizedNonzeros(at index: Int) -> (indices: ArraySlice<Int>, values: ArraySlice<Double>) {
        let entries = storage.range(index)
        return (storage.indices[entries], storage.standardized[entries])
    }

    /// Non-zero original-scale coefficients at each λ.
    public var nonzeroCounts: [Int] {
        (0..<lambdas.count).map { l in nonzeros(at: l).values.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }
    }

    /// ‖β‖₁ at each λ (original scale), summed in increasing j as over the dense row (a zero adds +0).
    public var l1Norms: [Double] { (0..<lambdas.count).map { l in nonzeros(at: l).values.reduce(0) { $0 + abs($1) } } }

    /// ‖β‖₂ at each λ (original scale), summed in increasing j as over the dense row (a zero adds +0).
    public var l2Norms: [Double] {
        (0..<lambdas.count).map { l in nonzeros(at: l).values.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    }

    /// A path whose stored coefficients are at most this fraction of all L·p predicts from them
    /// (O(m·nnz) per λ, no dense matrix); a denser one (an elastic net with a small α) takes one
    /// BLAS product with the dense L × p coefficient matrix, which is faster there.
    static let sparsePredictionDensity = 0.125

    /// Predictions of every λ for the rows of `x` (m × p): result[l][i] = Σⱼ xᵢⱼ βₗⱼ + bₗ.
    ///
    /// On a sparse path the sum runs over λ's stored coefficients in increasing j, then adds bₗ.
    /// It differs from the dense product only by rounding: each is within γₚ₊₁ (Σⱼ |xᵢⱼ βₗⱼ| + |bₗ|)
    /// of the exact value (γₖ = k·u/(1 − k·u), u = 2⁻⁵³), so the two are within twice that.
    public func predict(_ x: Matrix) throws -> [[Double]] {
        guard x.columns == design.featureCount else {
            throw LagrangeError.shapeMismatch("model has \(design.featureCount) features, data has \(x.columns)")
        }
        let (count, p, m) = (lambdas.count, x.columns, x.rows)
        guard Double(storage.indices.count) <= Self.sparsePredictionDensity * Double(count) * Double(p) else {
            let b = try Matrix(rows: count, columns: p, storage: (0..<count).flatMap { coefficients(at: $0) })
            let product = try BLAS.multiply(b, .none, x, .transposed)   // L × m
            return (0..<count).map { l in product.row(l).map { $0 + intercepts[l] } }
        }
        let rows = x.storage
        return (0..<count).map { l in
            let (indices, values) = nonzeros(at: l)
            return (0..<m).map { i in
                let start = i * p
                var sum = 0.0
                for (j, b) in zip(indices, values) { sum += rows[start + j] * b }
                return sum + intercepts[l]
            }
        }
    }
}
