import CLapack

/// Pointer forms of the level-1 BLAS calls, for inner loops (coordinate descent) that work on
/// slices of one large buffer and must not copy. The caller guarantees `count` elements.
extension BLAS {
    /// xᵀy over `count` contiguous elements (`ddot`).
    @inline(__always)
    public static func dot(_ count: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        cblas_ddot(Int32(count), x, 1, y, 1)
    }

    /// y ← αx + y over `count` contiguous elements (`daxpy`).
    @inline(__always)
    public static func axpy(_ count: Int, _ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        cblas_daxpy(Int32(count), alpha, x, 1, y, 1)
    }

    /// C ← α A Bᵀ with A (m × k), B (n × k) and C (m × n) row-major and contiguous (`dgemm`).
    /// A and B may overlap (both are only read).
    public static func multiplyByTranspose(rows m: Int, columns n: Int, depth k: Int, alpha: Double,
                                           _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                           into c: UnsafeMutablePointer<Double>) {
        guard m > 0, n > 0 else { return }
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(max(1, k)), b, Int32(max(1, k)), 0, c, Int32(n))
    }

    /// The upper triangle of C ← α A Aᵀ with A (m × k) and C (m × m) row-major and contiguous
    /// (`dsyrk`); the strict lower triangle of C is not written.
    public static func upperGram(rows m: Int, depth k: Int, alpha: Double, _ a: UnsafePointer<Double>,
                                 into c: UnsafeMutablePointer<Double>) {
        guard m > 0 else { return }
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(m), Int32(k), alpha, a, Int32(max(1, k)), 0, c, Int32(m))
    }

    /// x ← L⁻¹x, or L⁻ᵀx when `transposed`, for the lower-triangular `order` × `order` L stored
    /// column-major with leading dimension `leadingDimension` (`dtrsv`, non-unit diagonal).
    public static func solveLowerTriangular(order n: Int, _ l: UnsafePointer<Double>, leadingDimension: Int, transposed: Bool,
                                            _ x: UnsafeMutablePointer<Double>) {
        guard n > 0 else { return }
        cblas_dtrsv(CblasColMajor, CblasLower, transposed ? CblasTrans : CblasNoTrans, CblasNonUnit, Int32(n), l,
                    Int32(leadingDimension), x, 1)
    }
}
