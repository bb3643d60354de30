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
        try self.requireFinite("the matrix of the least squares")
        guard b.allSatisfy({ $0.isFinite }) else { throw LagrangeError.invalidData("least squares: the right-hand side contains NaN or an infinite value") }
        var a = storage
        var rhs = b
        let info = LAPACKE_dgels(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "T")), Int32(n), Int32(m), 1,
                                 &a, Int32(n), &rhs, Int32(m))
        try LAPACK.check(info, "dgels", positive: "the matrix does not have full column rank (diagonal element \(info) of its triangular factor is zero)")
        // dgels flags only an exactly zero diagonal of its triangular factor (R, or L = Rᵀ,
        // at a[j·n + j] either way). Columns dependent up to rounding leave a diagonal of a few
        // ulps and a meaningless huge solution, so apply numpy's lstsq cut-off too:
        // |rⱼⱼ| ≤ max(m, n) ε max|rᵢᵢ|.
        let diagonal = (0..<n).map { abs(a[$0 * n + $0]) }
        let cutoff = Double(max(m, n)) * Double.ulpOfOne * (diagonal.max() ?? 0)
        if let j = diagonal.firstIndex(where: { $0 <= cutoff }) {
            throw LagrangeError.lapack(routine: "dgels", info: j + 1,
                                       meaning: "the matrix does not have full column rank (diagonal element \(j + 1) of its triangular factor is \(diagonal[j]), below \(cutoff))")
        }
        return Array(rhs.prefix(n))
    }
}
