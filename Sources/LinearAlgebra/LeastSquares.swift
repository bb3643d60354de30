import CLapack

extension Matrix {
    /// The least-squares solution of min ‖A x − b‖₂ for this m × n matrix A of full column
    /// rank, m ≥ n (QR through `dgels`).
    ///
    /// Layout: the row-major buffer of A is the column-major n × m matrix Aᵀ; `dgels` with
    /// `trans = 'T'` solves with the transpose of what it is given, which is A itself. No copy
    /// of A beyond the one `dgels` overwrites.
    public func leastSquares(_ b: [Double]) throws -> [Double] {
        let (m, n) = (rows, columns)
        guard b.count == m else { throw LagrangeError.shapeMismatch("right-hand side has \(b.count) elements, expected \(m)") }
        guard m >= n else { throw LagrangeError.notEnoughSamples("least squares needs at least as many rows (\(m)) as columns (\(n))") }
        guard n > 0 else { return [] }
        var a = storage
        var rhs = b
        let info = LAPACKE_dgels(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "T")), Int32(n), Int32(m), 1,
                                 &a, Int32(n), &rhs, Int32(m))
        try LAPACK.check(info, "dgels", positive: "the matrix does not have full column rank (diagonal element \(info) of its triangular factor is zero)")
        return Array(rhs.prefix(n))
    }
}
