import CLapack

/// Eigenpairs of a real symmetric matrix A: A vᵢ = λᵢ vᵢ, with λ₁ ≥ λ₂ ≥ … (descending).
public struct SymmetricEigendecomposition: Sendable {
    /// Eigenvalues in descending order.
    public var values: [Double]
    /// k × n: row i is the unit eigenvector for `values[i]`.
    public var vectors: Matrix
}

extension Matrix {
    /// All eigenpairs of this symmetric matrix (`dsyevd`, divide and conquer).
    ///
    /// Layout: a symmetric matrix is its own transpose, so the row-major buffer is handed to
    /// LAPACK as column-major unchanged. LAPACK returns the eigenvectors as the *columns* of a
    /// column-major n × n array, which read row-major are the *rows* — exactly `vectors`.
    public func symmetricEigen() throws -> SymmetricEigendecomposition {
        guard isSquare else { throw LagrangeError.shapeMismatch("eigen-decomposition needs a square matrix, got \(rows) × \(columns)") }
        let n = rows
        guard n > 0 else { return SymmetricEigendecomposition(values: [], vectors: .zeros(0, n)) }
        try self.requireFinite("the matrix of the eigen-decomposition")
        var a = storage
        var w = [Double](repeating: 0, count: n)
        let info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "U")),
                                  Int32(n), &a, Int32(n), &w)
        try LAPACK.check(info, "dsyevd", positive: "the algorithm failed to converge")
        return SymmetricEigendecomposition.descending(ascendingValues: w, columnMajorVectors: a, order: n, count: n)
    }

    /// The `k` largest eigenpairs of this symmetric matrix only, through the index-range form
    /// of `dsyevr` (RRR), which costs O(n²k) after the tridiagonal reduction instead of O(n³).
    public func symmetricEigen(largest k: Int) throws -> SymmetricEigendecomposition {
        guard isSquare else { throw LagrangeError.shapeMismatch("eigen-decomposition needs a square matrix, got \(rows) × \(columns)") }
        let n = rows
        guard k >= 1, k <= n else {
            throw LagrangeError.invalidParameter(name: "k", value: "\(k)", requirement: "must be between 1 and \(n)")
        }
        try self.requireFinite("the matrix of the eigen-decomposition")
        var a = storage
        var found: Int32 = 0
        var w = [Double](repeating: 0, count: n)
        var z = [Double](repeating: 0, count: n * k)
        var support = [Int32](repeating: 0, count: 2 * k)
        // Indices are 1-based and ascending: the top k are il = n − k + 1 … iu = n.
        let info = LAPACKE_dsyevr(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "I")),
                                  CChar(UInt8(ascii: "U")), Int32(n), &a, Int32(n), 0, 0,
                                  Int32(n - k + 1), Int32(n), 0, &found, &w, &z, Int32(n), &support)
        try LAPACK.check(info, "dsyevr", positive: "an internal error occurred in the RRR algorithm")
        guard Int(found) == k else {
            throw LagrangeError.lapack(routine: "dsyevr", info: Int(found), meaning: "returned \(found) eigenpairs, \(k) requested")
        }
        return SymmetricEigendecomposition.descending(ascendingValues: Array(w.prefix(k)), columnMajorVectors: z, order: n, count: k)
    }
}

extension SymmetricEigendecomposition {
    /// Reverses LAPACK's ascending order. Column-major n × count vectors are count rows of n.
    static func descending(ascendingValues: [Double], columnMajorVectors z: [Double], order n: Int, count: Int) -> Self {
        var vectors = [Double](repeating: 0, count: n * count)
        for r in 0..<count {
            let source = (count - 1 - r) * n
            for j in 0..<n { vectors[r * n + j] = z[source + j] }
        }
        return SymmetricEigendecomposition(values: ascendingValues.reversed(),
                                           vectors: Matrix(uncheckedRows: count, columns: n, storage: vectors))
    }
}
