/// Sums over one column of the design, each with four independent accumulators.
///
/// A single running sum is one dependency chain — one addition per floating-point add latency —
/// and the compiler may not reorder it. Four chains (elements i ≡ 0, 1, 2, 3 mod 4, combined
/// at the end) keep the pipeline full. The result differs from the left-to-right sum only by
/// rounding (the usual |error| ≤ (n/4 + 2)ε Σ|terms| bound of recursive summation).
enum ColumnSums {
    /// Σᵢ vᵢ.
    static func sum(_ v: UnsafeBufferPointer<Double>) -> Double {
        var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
        let quads = v.count / 4
        for q in 0..<quads {
            let i = 4 * q
            s0 += v[i]; s1 += v[i + 1]; s2 += v[i + 2]; s3 += v[i + 3]
        }
        for i in 4 * quads ..< v.count { s0 += v[i] }
        return (s0 + s1) + (s2 + s3)
    }

    /// Σᵢ (vᵢ − c)² and maxᵢ |vᵢ − c|.
    static func spread(_ v: UnsafeBufferPointer<Double>, about c: Double) -> (squares: Double, largest: Double) {
        var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
        var (m0, m1, m2, m3) = (0.0, 0.0, 0.0, 0.0)
        let quads = v.count / 4
        for q in 0..<quads {
            let i = 4 * q
            let d0 = v[i] - c, d1 = v[i + 1] - c, d2 = v[i + 2] - c, d3 = v[i + 3] - c
            s0 += d0 * d0; s1 += d1 * d1; s2 += d2 * d2; s3 += d3 * d3
            m0 = max(m0, abs(d0)); m1 = max(m1, abs(d1)); m2 = max(m2, abs(d2)); m3 = max(m3, abs(d3))
        }
        for i in 4 * quads ..< v.count {
            let d = v[i] - c
            s0 += d * d
            m0 = max(m0, abs(d))
        }
        return ((s0 + s1) + (s2 + s3), max(max(m0, m1), max(m2, m3)))
    }
}
