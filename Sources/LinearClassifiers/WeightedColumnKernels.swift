import KernelLoops

/// The inner loops of the binomial and multinomial coordinate descents that no BLAS routine computes, on raw
/// column pointers (n rows each). The solver's hot loop owns every pointer it passes for the
/// duration of one call; nothing here retains them.
///
/// Forming v∘xⱼ for the whole working set at every Newton step (a |W| × n block) costs as much as
/// a sweep even when most columns of the set never move; these kernels let the solver compute hⱼ
/// only for the columns it actually updates and apply u ← u − δ v∘xⱼ without the block.
///
/// All run in C (`KernelLoops`' `WeightedLoops.c`) on the processor's widest vectors (AVX-512 here;
/// this module is compiled for the x86-64 baseline, two doubles per instruction), with the same
/// IEEE operations in the same order as the Swift loops kept below (`referenceCurvature`,
/// `referenceSubtractWeighted`, `referenceDot`, tested equal bit for bit). The multinomial sweep
/// defers each move's update of u to the next coordinate it visits and runs it fused with that
/// coordinate's product (`subtractWeightedThenDot`), one pass over u instead of two; its product
/// is `dot`'s 32-way sum, not BLAS's `ddot`, so the path moved in the last bits with it. On the 5000 × 500,
/// K = 10 multinomial bench path the sweep's own time (these loops inlined, and its bookkeeping)
/// was 23% of the run's samples under `perf` (the rest mostly `ddot`, `daxpy` and `dgemm`). A hand-written `SIMD2<Double>` form had measured
/// ~5% slower than the plain loops (2000 × 400: 0.84 s vs 0.78 s).
enum WeightedColumnKernels {
    /// hⱼ = Σᵢ vᵢxᵢⱼ², in four interleaved partial sums (i mod 4) added at the end: one running
    /// sum is a chain of dependent additions, each waiting for the last (several cycles per row);
    /// four independent chains keep the adder busy, as BLAS's `ddot` does.
    @inline(__always)
    static func curvature(_ n: Int, _ x: UnsafePointer<Double>, _ v: UnsafePointer<Double>) -> Double {
        lagrange_weighted_square_sum(x, v, n)
    }

    /// u ← u − δ·(v∘x), elementwise: uᵢ ← uᵢ − δ(vᵢxᵢ) (the rounding of the formed block v∘x).
    @inline(__always)
    static func subtractWeighted(_ n: Int, _ delta: Double, _ v: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
                                 _ u: UnsafeMutablePointer<Double>) {
        lagrange_subtract_weighted(u, v, x, delta, n)
    }

    /// xᵀu in 32 interleaved partial sums (i mod 32), the sweep's product with a column.
    @inline(__always)
    static func dot(_ n: Int, _ x: UnsafePointer<Double>, _ u: UnsafePointer<Double>) -> Double {
        lagrange_dot(x, u, n)
    }

    /// The sweep's deferred update of u with the previous coordinate's column fused with the next
    /// coordinate's product: u ← u − δ·(v∘x), then nextᵀu, in one pass over u (u is read and
    /// written once instead of written by the update and read again by the product). The u it
    /// leaves equals `subtractWeighted`'s bit for bit, and the product equals `dot`'s on that u.
    @inline(__always)
    static func subtractWeightedThenDot(_ n: Int, _ delta: Double, _ v: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
                                        _ u: UnsafeMutablePointer<Double>, next: UnsafePointer<Double>) -> Double {
        lagrange_subtract_weighted_dot(u, v, x, delta, next, n)
    }

    /// `dot` in Swift (the loop the C kernel reproduces): sums m = 0..<32 over i ≡ m (mod 32)
    /// below the last multiple of 32, combined as the C loop combines them, then the rest in order.
    static func referenceDot(_ n: Int, _ x: UnsafePointer<Double>, _ u: UnsafePointer<Double>) -> Double {
        var sums = [Double](repeating: 0, count: 32)
        var i = 0
        while i + 32 <= n {
            for m in 0..<32 { sums[m] += x[i + m] * u[i + m] }
            i += 32
        }
        var t = [Double](repeating: 0, count: 8)
        for l in 0..<8 {
            let low: Double = sums[l] + sums[8 + l], high: Double = sums[16 + l] + sums[24 + l]
            t[l] = low + high
        }
        let left: Double = (t[0] + t[1]) + (t[2] + t[3]), right: Double = (t[4] + t[5]) + (t[6] + t[7])
        var total = left + right
        while i < n {
            total += x[i] * u[i]
            i += 1
        }
        return total
    }

    /// `curvature` in Swift (the loop the C kernel reproduces).
    static func referenceCurvature(_ n: Int, _ x: UnsafePointer<Double>, _ v: UnsafePointer<Double>) -> Double {
        var (h0, h1, h2, h3) = (0.0, 0.0, 0.0, 0.0)
        var i = 0
        while i + 4 <= n {
            h0 += v[i] * x[i] * x[i]
            h1 += v[i + 1] * x[i + 1] * x[i + 1]
            h2 += v[i + 2] * x[i + 2] * x[i + 2]
            h3 += v[i + 3] * x[i + 3] * x[i + 3]
            i += 4
        }
        while i < n {
            h0 += v[i] * x[i] * x[i]
            i += 1
        }
        return (h0 + h1) + (h2 + h3)
    }

    /// `subtractWeighted` in Swift (the loop the C kernel reproduces).
    static func referenceSubtractWeighted(_ n: Int, _ delta: Double, _ v: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
                                          _ u: UnsafeMutablePointer<Double>) {
        for i in 0..<n { u[i] -= delta * (v[i] * x[i]) }
    }
}
