import KernelLoops

/// The face Newton step's Hessian-vector product (`MultinomialSolver.faceNewtonStep`) in one
/// streaming pass over the support's columns: with X the n × f support columns (column-major),
/// a direction D (f × K, feature-major) and intercepts b,
///
///     u = b + X D,   hᵢ꜀ = (ωᵢpᵢ꜀)(uᵢ꜀ − Σₗ pᵢₗuᵢₗ),   G = Xᵀh (f × K, feature-major),   gb꜀ = Σᵢ hᵢ꜀.
///
/// The two `dgemm` calls of the same product (`BLAS.columnMajorTimesFeatureMajor`, then
/// `columnMajorTransposeTimesClasses`) each have OpenBLAS copy (pack) the whole n × f design
/// before a product with only K columns; the C kernel (`KernelLoops`' `SoftmaxHessianLoops.c`)
/// instead takes the rows in blocks that stay in cache between the two halves, so X is read
/// from memory once per product. It sums in another order than BLAS (and fuses multiply-adds on
/// AVX-512): the two routes agree to rounding (the tests bound the difference). On the
/// 5000 × 500, K = 10 bench path the two `dgemm` calls of each product were ~32% of the run's
/// samples (18 points of it packing), and the kernel's loops took about as much at first (31%).
/// Provisional CPU times on a loaded machine, 5000 × 500, K = 10: alone it measured no faster
/// than the `dgemm` route; together with the sweep's fused update and product
/// (`WeightedColumnKernels.subtractWeightedThenDot`) the path took ~14% less than before
/// (27.7–31.3 s against 32.5–34.2 s; the same passes, face steps and certificates).
enum SoftmaxHessianProduct {
    /// Rows per block: the block's f column segments within ~512 KiB (they are read again from
    /// cache for G) and its K × rows work block within ~24 KiB (the L1 cache), a multiple of 8
    /// (one AVX-512 vector), at least 8 and at most n.
    static func blockRows(rows n: Int, features f: Int, classes k: Int) -> Int {
        let byColumns = (512 * 1024) / (8 * max(f, 1)), byWork = (24 * 1024) / (8 * max(k, 1))
        let rows = max(8, min(byColumns, byWork) / 8 * 8)
        return max(1, min(rows, n))
    }

    /// (G, gb) for the arguments above; `columns` holds n·f values, `direction` f·K,
    /// `probability` K·n (class-major), `weights` n; f ≥ 1.
    static func apply(rows n: Int, features f: Int, classes k: Int, columns: [Double], direction: [Double],
                      intercepts: [Double], probability: [Double], weights: [Double], blockRows: Int? = nil)
        -> (products: [Double], intercepts: [Double]) {
        precondition(f > 0 && columns.count >= n * f && direction.count >= f * k && intercepts.count >= k
                     && probability.count >= k * n && weights.count >= n)
        var products = [Double](repeating: 0, count: f * k)
        var sums = [Double](repeating: 0, count: k)
        guard n > 0, k > 0 else { return (products, sums) }
        let block = blockRows ?? Self.blockRows(rows: n, features: f, classes: k)
        var work = [Double](repeating: 0, count: k * block)
        columns.withUnsafeBufferPointer { x in
            direction.withUnsafeBufferPointer { d in
                intercepts.withUnsafeBufferPointer { b in
                    probability.withUnsafeBufferPointer { p in
                        weights.withUnsafeBufferPointer { w in
                            work.withUnsafeMutableBufferPointer { u in
                                products.withUnsafeMutableBufferPointer { g in
                                    sums.withUnsafeMutableBufferPointer { gb in
                                        lagrange_softmax_hessian_product(
                                            x.baseAddress!, n, f, k, d.baseAddress!, b.baseAddress!, p.baseAddress!,
                                            w.baseAddress!, block, u.baseAddress!, g.baseAddress!, gb.baseAddress!)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (products, sums)
    }
}
