import CLapack

/// The Cholesky factorization A = LLᵀ of a symmetric positive-definite matrix (`dpotrf`),
/// kept to solve A x = b (`dpotrs`).
///
/// Layout: A is symmetric, so its row-major buffer is passed to LAPACK as column-major; the
/// factor stays in LAPACK's layout inside this value and is only used through `solve`.
public struct Cholesky: Sendable {
    public let order: Int
    /// Column-major lower factor L (upper triangle of the buffer holds stale input).
    let factor: [Double]

    /// Factors `a`. Throws `.lapack(…)` naming the leading minor that is not positive definite.
    public init(_ a: Matrix) throws {
        guard a.isSquare else { throw LagrangeError.shapeMismatch("Cholesky needs a square matrix, got \(a.rows) × \(a.columns)") }
        order = a.rows
        try a.requireFinite("the matrix of the Cholesky factorization")
        var f = a.storage
        if order > 0 {
            let info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(order), &f, Int32(order))
            try LAPACK.check(info, "dpotrf", positive: "the leading minor of order \(info) is not positive definite")
        }
        factor = f
    }

    /// Solves A x = b.
    public func solve(_ b: [Double]) throws -> [Double] {
        guard b.count == order else { throw LagrangeError.shapeMismatch("right-hand side has \(b.count) elements, expected \(order)") }
        var x = b
        try solveInPlace(&x, rightHandSides: 1)
        return x
    }

    /// Solves A X = B for an order × k matrix B.
    public func solve(_ b: Matrix) throws -> Matrix {
        guard b.rows == order else { throw LagrangeError.shapeMismatch("right-hand side has \(b.rows) rows, expected \(order)") }
        // LAPACK wants B column-major (order × k): that is Bᵀ's row-major buffer.
        var columnMajor = b.transposed.storage
        try solveInPlace(&columnMajor, rightHandSides: b.columns)
        return try Matrix(rows: b.columns, columns: order, storage: columnMajor).transposed
    }

    private func solveInPlace(_ b: inout [Double], rightHandSides k: Int) throws {
        guard order > 0, k > 0 else { return }
        let info = factor.withUnsafeBufferPointer { f in
            LAPACKE_dpotrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(order), Int32(k),
                           f.baseAddress, Int32(order), &b, Int32(order))
        }
        try LAPACK.check(info, "dpotrs", positive: "unexpected positive info")
    }

    /// Factors the symmetric positive-definite `order` × `order` matrix whose lower triangle is in
    /// `a` (column-major, leading dimension `leadingDimension`) in place (`dpotrf`): on success the
    /// lower triangle holds L with A = LLᵀ and the strict upper triangle is untouched. False, with
    /// `a` partly overwritten, when a leading minor is not positive definite.
    public static func factorLowerInPlace(_ a: inout [Double], order: Int, leadingDimension: Int) -> Bool {
        guard order > 0 else { return true }
        precondition(leadingDimension >= order && a.count >= (order - 1) * leadingDimension + order, "buffer too small for the matrix")
        let info = a.withUnsafeMutableBufferPointer { buffer in
            LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(order), buffer.baseAddress, Int32(leadingDimension))
        }
        return info == 0
    }
}
