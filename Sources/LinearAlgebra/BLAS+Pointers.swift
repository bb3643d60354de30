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
}
