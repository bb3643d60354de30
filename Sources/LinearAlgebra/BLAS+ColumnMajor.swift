import CLapack

/// Products with an n × p matrix stored column-major in one buffer (column j at
/// `x[j·n ..< (j+1)·n]`), the layout coordinate-descent solvers keep their designs in. The
/// caller guarantees the buffers hold n·p, n and p elements as the shapes say.
extension BLAS {
    /// y ← Xᵀv (`dgemv`, transposed): yⱼ = xⱼᵀv for every column.
    public static func columnMajorTransposeTimes(rows n: Int, columns p: Int, _ x: UnsafePointer<Double>,
                                                 _ v: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>) {
        guard n > 0, p > 0 else {
            for j in 0..<max(p, 0) { y[j] = 0 }
            return
        }
        cblas_dgemv(CblasColMajor, CblasTrans, Int32(n), Int32(p), 1, x, Int32(n), v, 1, 0, y, 1)
    }

    /// y ← y + X b (`dgemv`): adds Σⱼ bⱼ xⱼ to y.
    public static func columnMajorTimesAdding(rows n: Int, columns p: Int, _ x: UnsafePointer<Double>,
                                              _ b: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>) {
        guard n > 0, p > 0 else { return }
        cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(n), Int32(p), 1, x, Int32(n), b, 1, 1, y, 1)
    }
}
