import CLapack

/// Thin, shape-checked wrappers over CBLAS. All matrices are row-major (`CblasRowMajor`).
public enum BLAS {
    /// Whether an operand enters a product as itself or transposed.
    public enum Transpose: Sendable { case none, transposed
        var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
    }

    /// C ← α op(A) op(B) + β C (`dgemm`). `c` must already have the result's shape when β ≠ 0.
    public static func gemm(_ a: Matrix, _ transA: Transpose = .none, _ b: Matrix, _ transB: Transpose = .none,
                            alpha: Double = 1, beta: Double = 0, into c: inout Matrix) throws {
        let (m, k) = transA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        let (kb, n) = transB == .none ? (b.rows, b.columns) : (b.columns, b.rows)
        guard k == kb else { throw LagrangeError.shapeMismatch("gemm inner dimensions \(k) and \(kb) differ") }
        if c.rows != m || c.columns != n {
            guard beta == 0 else { throw LagrangeError.shapeMismatch("gemm output is \(c.rows) × \(c.columns), expected \(m) × \(n)") }
            c = Matrix.zeros(m, n)
        }
        guard m > 0, n > 0 else { return }
        if k == 0 {
            // β = 0 means C is not read (the BLAS convention), so NaN already in C does not survive.
            if beta == 0 { c = Matrix.zeros(m, n) } else if beta != 1 { for idx in c.storage.indices { c.storage[idx] *= beta } }
            return
        }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k), alpha,
                                pa.baseAddress, Int32(max(1, a.columns)), pb.baseAddress, Int32(max(1, b.columns)),
                                beta, pc.baseAddress, Int32(max(1, n)))
                }
            }
        }
    }

    /// op(A) op(B) as a new matrix.
    public static func multiply(_ a: Matrix, _ transA: Transpose = .none, _ b: Matrix, _ transB: Transpose = .none) throws -> Matrix {
        var c = Matrix.zeros(0, 0)
        try gemm(a, transA, b, transB, into: &c)
        return c
    }

    /// y ← α op(A) x + β y (`dgemv`). `y` is resized when β = 0 and its length is wrong.
    public static func gemv(_ a: Matrix, _ trans: Transpose = .none, _ x: [Double],
                            alpha: Double = 1, beta: Double = 0, into y: inout [Double]) throws {
        let (m, n) = trans == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        guard x.count == n else { throw LagrangeError.shapeMismatch("gemv vector has \(x.count) elements, expected \(n)") }
        if y.count != m {
            guard beta == 0 else { throw LagrangeError.shapeMismatch("gemv output has \(y.count) elements, expected \(m)") }
            y = [Double](repeating: 0, count: m)
        }
        guard a.rows > 0, a.columns > 0 else {
            for i in y.indices { y[i] = beta == 0 ? 0 : y[i] * beta } // β = 0: y is not read
            return
        }
        a.storage.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    cblas_dgemv(CblasRowMajor, trans.cblas, Int32(a.rows), Int32(a.columns), alpha,
                                pa.baseAddress, Int32(a.columns), px.baseAddress, 1, beta, py.baseAddress, 1)
                }
            }
        }
    }

    /// op(A) x as a new vector.
    public static func multiply(_ a: Matrix, _ trans: Transpose = .none, _ x: [Double]) throws -> [Double] {
        var y: [Double] = []
        try gemv(a, trans, x, into: &y)
        return y
    }

    /// Which Gram matrix `gram` forms from an n × p matrix X.
    public enum GramSide: Sendable {
        /// XᵀX, p × p (inner products of columns).
        case columns
        /// XXᵀ, n × n (inner products of rows).
        case rows
    }

    /// The Gram matrix α XᵀX or α XXᵀ through `dsyrk` (one triangle computed, then mirrored so
    /// the result is a full symmetric matrix). With `beta ≠ 0` it accumulates into `c`.
    public static func syrk(_ x: Matrix, _ side: GramSide, alpha: Double = 1, beta: Double = 0, into c: inout Matrix) throws {
        let (order, inner) = side == .columns ? (x.columns, x.rows) : (x.rows, x.columns)
        if c.rows != order || c.columns != order {
            guard beta == 0 else { throw LagrangeError.shapeMismatch("syrk output is \(c.rows) × \(c.columns), expected \(order) × \(order)") }
            c = Matrix.zeros(order, order)
        }
        guard order > 0 else { return }
        x.storage.withUnsafeBufferPointer { px in
            c.storage.withUnsafeMutableBufferPointer { pc in
                cblas_dsyrk(CblasRowMajor, CblasUpper, side == .columns ? CblasTrans : CblasNoTrans,
                            Int32(order), Int32(inner), alpha, px.baseAddress, Int32(max(1, x.columns)),
                            beta, pc.baseAddress, Int32(order))
                for i in 0..<order { for j in 0..<i { pc[i * order + j] = pc[j * order + i] } }
            }
        }
    }

    /// XᵀX (`side: .columns`) or XXᵀ (`side: .rows`).
    public static func gram(_ x: Matrix, _ side: GramSide) throws -> Matrix {
        var c = Matrix.zeros(0, 0)
        try syrk(x, side, into: &c)
        return c
    }

    /// xᵀy (`ddot`).
    public static func dot(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "dot needs vectors of one length")
        return x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in cblas_ddot(Int32(x.count), px.baseAddress, 1, py.baseAddress, 1) }
        }
    }

    /// y ← αx + y (`daxpy`).
    public static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        precondition(x.count == y.count, "axpy needs vectors of one length")
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in cblas_daxpy(Int32(x.count), alpha, px.baseAddress, 1, py.baseAddress, 1) }
        }
    }

    /// ‖x‖₂ without overflow (`dnrm2`).
    public static func nrm2(_ x: [Double]) -> Double {
        x.withUnsafeBufferPointer { px in cblas_dnrm2(Int32(x.count), px.baseAddress, 1) }
    }
}
