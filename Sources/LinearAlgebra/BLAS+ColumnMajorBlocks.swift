import CLapack

/// Level-3 products of an n × p column-major design X (column j at `x[j·n ..< (j+1)·n]`) with
/// K columns at once, in the layouts the multinomial solver keeps: a K × n class-major block
/// (class c's n values at `c·n ..< (c+1)·n`, i.e. n × K column-major) and a p × K
/// feature-major coefficient matrix (entry (j, c) at `j·K + c`, i.e. K × p column-major).
/// One `dgemm` reads X once for all K classes where K `daxpy`/`dgemv` calls read it K times.
/// The caller guarantees the buffers hold n·p, n·K and p·K elements.
extension BLAS {
    /// E ← βE + X Bᵀ: E (n × K, class-major) gets Σⱼ Bⱼ꜀ xⱼ in class c, for B feature-major (p × K).
    public static func columnMajorTimesFeatureMajor(rows n: Int, columns p: Int, classes k: Int, _ x: UnsafePointer<Double>,
                                                    _ b: UnsafePointer<Double>, beta: Double,
                                                    into e: UnsafeMutablePointer<Double>) {
        guard n > 0, k > 0 else { return }
        guard p > 0 else {
            if beta != 1 { for index in 0..<(n * k) { e[index] *= beta } }
            return
        }
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(k), Int32(p), 1, x, Int32(n), b, Int32(k),
                    beta, e, Int32(n))
    }

    /// G ← Hᵀ X in feature-major layout: Gⱼ꜀ = xⱼᵀh꜀ for H (n × K, class-major); G is p × K.
    public static func columnMajorTransposeTimesClasses(rows n: Int, columns p: Int, classes k: Int, _ x: UnsafePointer<Double>,
                                                        _ h: UnsafePointer<Double>, into g: UnsafeMutablePointer<Double>) {
        guard p > 0, k > 0 else { return }
        guard n > 0 else {
            for index in 0..<(p * k) { g[index] = 0 }
            return
        }
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, Int32(k), Int32(p), Int32(n), 1, h, Int32(n), x, Int32(n),
                    0, g, Int32(k))
    }
}
