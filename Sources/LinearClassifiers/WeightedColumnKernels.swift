import KernelLoops

/// The two inner loops of the binomial and multinomial coordinate descents that no BLAS routine computes, on raw
/// column pointers (n rows each). The solver's hot loop owns every pointer it passes for the
/// duration of one call; nothing here retains them.
///
/// Forming v∘xⱼ for the whole working set at every Newton step (a |W| × n block) costs as much as
/// a sweep even when most columns of the set never move; these kernels let the solver compute hⱼ
/// only for the columns it actually updates and apply u ← u − δ v∘xⱼ without the block.
///
/// Both run in C (`KernelLoops`' `WeightedLoops.c`) on the processor's widest vectors (AVX-512 here;
/// this module is compiled for the x86-64 baseline, two doubles per instruction), with the same
/// IEEE operations in the same order as the Swift loops they replaced (kept below as
/// `referenceCurvature`/`referenceSubtractWeighted`, tested equal bit for bit). On the 5000 × 500,
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
