import Foundation

extension Kernel {
    /// eˣ for x ≤ 0, the RBF kernel's exponential, written so a loop over a block of arguments
    /// compiles to vector instructions: no call, no branch, only multiply–adds, one
    /// select and integer shifts. libm's `exp` is an opaque call per entry, which keeps a kernel
    /// column scalar (measured in Benchmarks/svm/RESULTS.md: the column fill's instruction count
    /// with libm and with this function).
    ///
    /// Method (Cody & Waite range reduction, then a polynomial):
    ///
    ///     n = round(x / ln 2),  r = x − n·ln 2 ∈ [−ln2/2, ln2/2],  eˣ = 2ⁿ · eʳ,
    ///
    /// - n is found by adding and subtracting 1.5·2⁵² (rounds to nearest in the current mode);
    ///   the same sum holds n in its low bits, from which 2ⁿ is assembled as a bit pattern
    ///   (exponent field n + 1023), valid for n ∈ [−1022, 0];
    /// - ln 2 = `ln2High` + `ln2Low` (fdlibm's split): `ln2High` has its low 21 significand bits
    ///   zero, so n·ln2High is exact for |n| ≤ 1023 and r carries no cancellation error beyond
    ///   the rounding of n·ln2Low;
    /// - eʳ = 1 + (r + r²·q(r)) with q the Taylor series of (eʳ − 1 − r)/r² through r¹¹
    ///   (eʳ through r¹³): the truncation error is below r¹⁴/14! ≤ 4.3·10⁻¹⁸ on |r| ≤ ln2/2,
    ///   under a quarter of an ulp of the result, and writing 1 + (small) puts the one large
    ///   rounding last. Against glibc's `exp` (`KernelExponentialTests`): within 1 ulp, and
    ///   the same Float after rounding on every argument tested (a 1-ulp Double difference
    ///   changes the Float only when the value lies within 2⁻⁵² of a Float rounding boundary).
    ///
    /// Below −708.39 (where n would be −1023) the result is 0, off by at most e^−708.39 ≈
    /// 2.2·10⁻³⁰⁸ absolute (the true value is then subnormal; as a Float kernel entry it rounds
    /// to 0 either way). x = 0 gives exactly 1. Arguments above 0 are not supported (the RBF
    /// argument −γ·max(0, d²) never is).
    @inlinable @inline(__always)
    public static func exponential(_ x: Double) -> Double {
        let cutoff = -708.39
        // Clamped so the bit assembly below stays valid; the select at the end returns 0 there.
        let clamped = x < cutoff ? cutoff : x
        let shifter = 6_755_399_441_055_744.0  // 1.5 · 2⁵²
        let shifted = clamped * 1.442_695_040_888_963_4 + shifter  // x·log₂e, rounded to an integer
        let n = shifted - shifter
        let ln2High = 0.693_147_180_369_123_8  // 0x3FE62E42FEE00000
        let ln2Low = 1.908_214_929_270_587_7e-10  // ln 2 − ln2High
        let r = (clamped - n * ln2High) - n * ln2Low
        // Taylor coefficients 1/k!, k = 2…13.
        var q = 1.6059043836821613e-10
        q = q * r + 2.08767569878681e-09
        q = q * r + 2.505210838544172e-08
        q = q * r + 2.755731922398589e-07
        q = q * r + 2.7557319223985893e-06
        q = q * r + 2.48015873015873e-05
        q = q * r + 0.0001984126984126984
        q = q * r + 0.001388888888888889
        q = q * r + 0.008333333333333333
        q = q * r + 0.041666666666666664
        q = q * r + 0.16666666666666666
        q = q * r + 0.5
        let er = 1 + (r + (r * r) * q)
        // shifted's significand is 2⁵¹ + n: its low 12 bits are n mod 4096, and n + 1023 ∈
        // [1, 1023] shifted into bits 52… is 2ⁿ with a zero sign bit.
        let scale = Double(bitPattern: (shifted.bitPattern &+ 1023) << 52)
        return x < cutoff ? 0 : er * scale
    }
}
