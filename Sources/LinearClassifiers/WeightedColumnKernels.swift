/// The two inner loops of the binomial coordinate descent that no BLAS routine computes, on raw
/// column pointers (n rows each). The solver's hot loop owns every pointer it passes for the
/// duration of one call; nothing here retains them.
///
/// Forming v∘xⱼ for the whole working set at every Newton step (a |W| × n block) costs as much as
/// a sweep even when most columns of the set never move; these kernels let the solver compute hⱼ
/// only for the columns it actually updates and apply u ← u − δ v∘xⱼ without the block.
///
/// Both are written on `SIMD2<Double>` lanes (two rows at a time, two lanes in flight). Measured
/// since (Benchmarks/linear/LOGISTIC_RESULTS.md): this form is ~5% slower natively than the plain
/// loop `u[i] -= delta * (v[i] * x[i])`, which the compiler vectorizes behind a run-time
/// pointer-overlap check (only under valgrind did that check send it down the scalar path); the
/// plain loops should come back.
enum WeightedColumnKernels {
    typealias Lanes = SIMD2<Double>
    static let stride = MemoryLayout<Lanes>.stride

    /// hⱼ = Σᵢ vᵢxᵢⱼ², in four partial sums (two lanes × two registers).
    @inline(__always)
    static func curvature(_ n: Int, _ x: UnsafePointer<Double>, _ v: UnsafePointer<Double>) -> Double {
        let xr = UnsafeRawPointer(x), vr = UnsafeRawPointer(v)
        var s0 = Lanes(), s1 = Lanes()
        var i = 0, offset = 0
        while i + 4 <= n {
            let x0 = xr.loadUnaligned(fromByteOffset: offset, as: Lanes.self)
            let x1 = xr.loadUnaligned(fromByteOffset: offset + stride, as: Lanes.self)
            s0 += vr.loadUnaligned(fromByteOffset: offset, as: Lanes.self) * x0 * x0
            s1 += vr.loadUnaligned(fromByteOffset: offset + stride, as: Lanes.self) * x1 * x1
            i += 4
            offset += 2 * stride
        }
        var tail = 0.0
        while i < n {
            tail += v[i] * x[i] * x[i]
            i += 1
        }
        let s = s0 + s1
        return (s[0] + s[1]) + tail
    }

    /// u ← u − δ·(v∘x), elementwise: uᵢ ← uᵢ − δ(vᵢxᵢ) (the rounding of the formed block v∘x).
    @inline(__always)
    static func subtractWeighted(_ n: Int, _ delta: Double, _ v: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
                                 _ u: UnsafeMutablePointer<Double>) {
        let xr = UnsafeRawPointer(x), vr = UnsafeRawPointer(v), ur = UnsafeMutableRawPointer(u)
        let d = Lanes(repeating: delta)
        var i = 0, offset = 0
        while i + 4 <= n {
            let w0 = vr.loadUnaligned(fromByteOffset: offset, as: Lanes.self) * xr.loadUnaligned(fromByteOffset: offset, as: Lanes.self)
            let w1 = vr.loadUnaligned(fromByteOffset: offset + stride, as: Lanes.self)
                * xr.loadUnaligned(fromByteOffset: offset + stride, as: Lanes.self)
            let u0 = ur.loadUnaligned(fromByteOffset: offset, as: Lanes.self) - d * w0
            let u1 = ur.loadUnaligned(fromByteOffset: offset + stride, as: Lanes.self) - d * w1
            ur.storeBytes(of: u0, toByteOffset: offset, as: Lanes.self)
            ur.storeBytes(of: u1, toByteOffset: offset + stride, as: Lanes.self)
            i += 4
            offset += 2 * stride
        }
        while i < n {
            u[i] -= delta * (v[i] * x[i])
            i += 1
        }
    }
}
