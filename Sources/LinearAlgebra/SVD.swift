import CLapack

/// Thin singular value decomposition A = U diag(σ) Vᵀ of an m × n matrix, r = min(m, n),
/// σ₁ ≥ σ₂ ≥ … ≥ 0.
public struct SingularValueDecomposition: Sendable {
    /// m × r, orthonormal columns.
    public var u: Matrix
    /// The r singular values, descending.
    public var singularValues: [Double]
    /// r × n, orthonormal rows (Vᵀ).
    public var vt: Matrix
}

extension Matrix {
    /// The thin SVD through `dgesdd` (divide and conquer).
    ///
    /// Layout: the row-major m × n buffer is the column-major n × m matrix Aᵀ. LAPACK factors
    /// Aᵀ = U′ Σ V′ᵀ, so A = V′ Σ U′ᵀ: A's U is V′ and A's Vᵀ is U′ᵀ. LAPACK writes U′ as a
    /// column-major n × r array, which read row-major is the r × n matrix U′ᵀ = Vᵀ; and V′ᵀ
    /// as a column-major r × m array, which read row-major is the m × r matrix V′ = U. No copies.
    public func svd() throws -> SingularValueDecomposition {
        let (m, n) = (rows, columns)
        let r = min(m, n)
        guard r > 0 else {
            return SingularValueDecomposition(u: .zeros(m, 0), singularValues: [], vt: .zeros(0, n))
        }
        try self.requireFinite("the matrix of the SVD")
        var a = storage
        var s = [Double](repeating: 0, count: r)
        var uPrime = [Double](repeating: 0, count: n * r)   // becomes Vᵀ (r × n row-major)
        var vtPrime = [Double](repeating: 0, count: r * m)  // becomes U (m × r row-major)
        let info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "S")), Int32(n), Int32(m), &a, Int32(n),
                                  &s, &uPrime, Int32(n), &vtPrime, Int32(r))
        try LAPACK.check(info, "dgesdd", positive: "the bidiagonal SVD did not converge")
        return SingularValueDecomposition(u: Matrix(uncheckedRows: m, columns: r, storage: vtPrime),
                                          singularValues: s,
                                          vt: Matrix(uncheckedRows: r, columns: n, storage: uPrime))
    }
}
