/// C's `%.*g` for a double, P = 1…9 significant digits, in a few dozen instructions where the
/// decision is safe, and nil where it is not (the caller then asks the C library).
///
/// `%.Pg` rounds the exact binary value v to P significant digits, m·10^(X−P+1) with
/// 10^(P−1) ≤ m < 10^P (X is the decimal exponent after rounding), then writes it in fixed
/// notation when −4 ≤ X < P and in scientific notation otherwise, without trailing zeros.
///
/// Here y = |v|·10^k (k = P − 1 − X₀ for the exponent estimate X₀) is formed with one
/// multiplication or division by an exact power of ten (|k| ≤ 22), so y is off by at most half
/// an ulp: below 6·10⁻⁸ for y < 10⁹. m is then y rounded to the nearest integer, which is
/// exact unless y is within that error of a half-integer; so within 10⁻⁶ of one (ties, and
/// values too close to call) the answer is nil, as it is for zero, non-finite values and
/// |k| > 22 (|v| below about 10^(P−23) or from about 10^(P+22) on). Everywhere else the digits are those of the exact
/// value: `SignificantDigitsTests` compares them with glibc's `gcvt` bit for bit.
enum SignificantDigits {
    /// 10^0 … 10^22, each exactly representable as a double.
    private static let powers: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { value, _ in value * 10 } }

    static func format(_ value: Double, significant p: Int) -> String? {
        guard (1...9).contains(p), value.isFinite, value != 0 else { return nil }
        let x = abs(value)
        let low = powers[p - 1], high = powers[p]
        var exponent = Int((x.log10Estimate).rounded(.down))
        var y = 0.0
        for _ in 0..<3 {
            let k = p - 1 - exponent
            guard abs(k) <= 22 else { return nil }
            y = k >= 0 ? x * powers[k] : x / powers[-k]
            if y >= high { exponent += 1 } else if y < low { exponent -= 1 } else { break }
        }
        // 10^(P−1) ≤ y < 10^P, or (a computed y on the far side of a power of ten from the true one,
        // so that the estimate swings back and forth) no answer.
        guard y < high, y >= low else { return nil }
        let whole = y.rounded(.down)
        let fraction = y - whole
        guard abs(fraction - 0.5) > 1e-6 else { return nil }
        var m = Int(whole) + (fraction > 0.5 ? 1 : 0)
        if m >= Int(high) { m /= 10; exponent += 1 }   // 9.999995 → 10.0000
        return render(negative: value < 0, digits: m, count: p, exponent: exponent)
    }

    /// 10^0 … 10^9 as integers, to pick out digits of m.
    private static let integerPowers: [Int] = (0...9).map { k in (0..<k).reduce(1) { value, _ in value * 10 } }

    /// Writes ±m·10^(X−P+1) (m has exactly `count` = P digits) as `%g` does.
    private static func render(negative: Bool, digits m: Int, count p: Int, exponent x: Int) -> String {
        let digit = { (i: Int) -> UInt8 in UInt8(ascii: "0") + UInt8((m / integerPowers[p - 1 - i]) % 10) }
        var used = p
        while used > 1, digit(used - 1) == UInt8(ascii: "0") { used -= 1 }   // %g drops trailing zeros
        // At most 16 bytes (sign, 9 digits, point, "e-308"); on the stack, because two heap
        // arrays per number were most of the cost of this route (callgrind). The result fits a
        // small string, so it allocates nothing either.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { out in
            var n = 0
            func put(_ byte: UInt8) { out[n] = byte; n += 1 }
            if negative { put(UInt8(ascii: "-")) }
            if x < -4 || x >= p {
                put(digit(0))
                if used > 1 {
                    put(UInt8(ascii: "."))
                    for i in 1..<used { put(digit(i)) }
                }
                put(UInt8(ascii: "e"))
                put(UInt8(ascii: x < 0 ? "-" : "+"))
                let magnitude = abs(x)
                if magnitude >= 100 { put(UInt8(ascii: "0") + UInt8(magnitude / 100)) }
                put(UInt8(ascii: "0") + UInt8(magnitude / 10 % 10))
                put(UInt8(ascii: "0") + UInt8(magnitude % 10))
            } else if x >= 0 {
                for i in 0...x { put(digit(i)) }
                if used > x + 1 {
                    put(UInt8(ascii: "."))
                    for i in (x + 1)..<used { put(digit(i)) }
                }
            } else {
                put(UInt8(ascii: "0"))
                put(UInt8(ascii: "."))
                for _ in 0..<(-x - 1) { put(UInt8(ascii: "0")) }
                for i in 0..<used { put(digit(i)) }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: out[0..<n]), as: UTF8.self)
        }
    }
}

private extension Double {
    /// log10 of a positive finite value, good to a unit either way (corrected by the caller):
    /// the binary exponent times log10(2) plus log10 of the significand in [1, 2).
    var log10Estimate: Double {
        Double(exponent) * 0.30102999566398120 + (significand - 1) * 0.30102999566398120 * 1.4
    }
}
