#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Correctly rounded parsing of ASCII decimal numbers, fast where it can be exact.
///
/// Two exact routes (see `exactlyRounded`) cover numbers with at most 19 significant digits
/// and a decimal exponent within ±19 (±22 for short significands) — which includes the
/// 17-digit shortest round-trip output of most tools. Every other valid number goes to the C
/// library's `strtod`, which is correctly rounded on glibc. The syntax is checked here first, so
/// `strtod`'s extras (hex floats, `nan(…)`) are never accepted.
///
/// The fast path is hand-written because it is the CSV reader's hot loop: Swift's
/// `Double(Substring)` needs a `String` per field, which the memory target rules out.
enum DecimalParser {
    /// 10^0 … 10^22, every one exactly representable.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
    private static let twoTo53: UInt64 = 1 << 53

    /// Parses `count` bytes at `p` as a decimal number (optional sign, digits with optional
    /// point, optional exponent; or `inf`/`infinity`). Returns nil when the bytes are not one.
    @inline(__always)
    static func parse(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        var i = 0
        var negative = false
        if count > 0, p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
            negative = p[0] == UInt8(ascii: "-")
            i = 1
        }
        var significand: UInt64 = 0
        var significantDigits = 0
        var decimalExponent = 0
        var sawDigit = false
        var exact = true
        while i < count {
            let d = p[i] &- 48
            if d > 9 { break }
            sawDigit = true
            if significantDigits < 19 {
                significand = significand &* 10 &+ UInt64(d)
                if significand != 0 { significantDigits += 1 }
            } else {
                decimalExponent += 1
                exact = false
            }
            i += 1
        }
        if i < count, p[i] == UInt8(ascii: ".") {
            i += 1
            while i < count {
                let d = p[i] &- 48
                if d > 9 { break }
                sawDigit = true
                if significantDigits < 19 {
                    significand = significand &* 10 &+ UInt64(d)
                    if significand != 0 { significantDigits += 1 }
                    decimalExponent -= 1
                } else {
                    exact = false
                }
                i += 1
            }
        }
        guard sawDigit else { return parseInfinity(p, count) }
        if i < count, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var exponentNegative = false
            if i < count, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
                exponentNegative = p[i] == UInt8(ascii: "-")
                i += 1
            }
            var exponent = 0
            var sawExponentDigit = false
            while i < count {
                let d = p[i] &- 48
                if d > 9 { break }
                sawExponentDigit = true
                if exponent < 100_000 { exponent = exponent * 10 + Int(d) }
                i += 1
            }
            guard sawExponentDigit else { return nil }
            decimalExponent += exponentNegative ? -exponent : exponent
        }
        guard i == count else { return nil }
        if significand == 0 && exact { return negative ? -0.0 : 0.0 }
        if exact, let value = exactlyRounded(significand, decimalExponent) {
            return negative ? -value : value
        }
        return libraryStrtod(p, count)
    }

    /// `inf`, `infinity` (any case, after the optional sign).
    private static func parseInfinity(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        var start = 0
        var negative = false
        if count > 0, p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
            negative = p[0] == UInt8(ascii: "-")
            start = 1
        }
        let word = (start..<count).map { p[$0] | 0x20 }
        guard word == Array("inf".utf8) || word == Array("infinity".utf8) else { return nil }
        return negative ? -.infinity : .infinity
    }

    /// `strtod` on a NUL-terminated copy of syntax already validated above.
    private static func libraryStrtod(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer in
            let base = buffer.baseAddress!
            UnsafeMutableRawPointer(base).copyMemory(from: p, byteCount: count)
            base[count] = 0
            return strtod(base, nil)
        }
    }
}

extension DecimalParser {
    /// The CSV reader's single-pass fast path: scans a plain decimal number starting at
    /// `p[start]` and stops at the first byte that cannot continue it. Returns the value and
    /// the stop position only when an exact route applies (see `exactlyRounded`); the caller
    /// checks that the stop byte ends the field and otherwise takes the general path
    /// (`parse`), which handles everything else.
    @_transparent
    static func scanExact(_ p: UnsafePointer<UInt8>, from start: Int, end: Int) -> (value: Double, next: Int)? {
        guard start < end else { return nil }
        // Branch-free sign: a random mix of signs would otherwise mispredict half the time.
        let first = p[start]
        let negative = first == UInt8(ascii: "-")
        let signed = negative || first == UInt8(ascii: "+")
        var i = start &+ (signed ? 1 : 0)
        var significand: UInt64 = 0
        var exponent = 0
        let firstDigit = i
        // Integer parts are mostly one digit (standardized data), else short: a plain loop;
        // fractions take the eight-digit steps.
        if i &+ 1 < end, case let d = p[i] &- 48, d <= 9, p[i &+ 1] == UInt8(ascii: ".") {
            significand = UInt64(d)
            i &+= 1
        } else {
            while i < end {
                let d = p[i] &- 48
                if d > 9 { break }
                significand = significand &* 10 &+ UInt64(d)
                i &+= 1
            }
        }
        var digits = i &- firstDigit
        var sawDigit = digits > 0
        if i < end, p[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            consumeDigits(p, &i, end, &significand)
            let fractionDigits = i &- fractionStart
            digits &+= fractionDigits
            exponent = -fractionDigits
            sawDigit = sawDigit || fractionDigits > 0
        }
        guard sawDigit else { return nil }
        if digits > 19, significantDigits(p, from: firstDigit, to: i) > 19 { return nil }
        if i < end, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var exponentNegative = false
            if i < end, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
                exponentNegative = p[i] == UInt8(ascii: "-")
                i += 1
            }
            var written = 0
            let exponentStart = i
            while i < end, i - exponentStart < 4 {
                let d = p[i] &- 48
                if d > 9 { break }
                written = written * 10 + Int(d)
                i += 1
            }
            guard i > exponentStart else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard let value = exactlyRounded(significand, exponent) else { return nil }
        // The sign as a bit (value ≥ 0, so this is −value when negative, −0.0 included): a
        // conditional negation compiled to a branch that random signs mispredict half the time.
        let signBit = UInt64(negative ? 1 : 0) << 63
        return (Double(bitPattern: value.bitPattern | signBit), i)
    }

    /// Appends the run of ASCII digits at `p[i]` to `significand` (wrapping; the caller
    /// rejects more than 19 significant digits), eight at a time where it can.
    ///
    /// Eight digits are tested and combined inside one 64-bit word (the SWAR technique
    /// described by Lemire for simdjson): a byte b is a digit iff both b and b + 6 have 0x3
    /// in their high nibble; then three multiply-shift steps pair digits into 2-, 4- and
    /// 8-digit values. This breaks the one-multiply-per-digit dependency chain of the plain
    /// loop, which dominated the reader's profile.
    @inline(__always)
    private static func consumeDigits(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int, _ significand: inout UInt64) {
        while i &+ 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
            let highNibbles = (word & 0xF0F0_F0F0_F0F0_F0F0) | (((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4)
            guard highNibbles == 0x3333_3333_3333_3333 else { break }
            var digits = word &- 0x3030_3030_3030_3030
            digits = (digits &* 10) &+ (digits >> 8)
            let low = (digits & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 << 32))
            let high = ((digits >> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 << 32))
            significand = significand &* 100_000_000 &+ ((low &+ high) >> 32)
            i &+= 8
            // Eight digits often end the run (8-decimal data): then skip the failing word test.
            if i < end, p[i] &- 48 > 9 { return }
        }
        while i < end {
            let d = p[i] &- 48
            if d > 9 { break }
            significand = significand &* 10 &+ UInt64(d)
            i += 1
        }
    }

    /// Digits in `p[from..<to]` after leading zeros (the point is skipped). At most 19 of
    /// them keep the wrapped significand exact: its true value is then below 10^19 < 2^64.
    private static func significantDigits(_ p: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        var i = from
        while i < to, p[i] == UInt8(ascii: "0") || p[i] == UInt8(ascii: ".") { i += 1 }
        var count = 0
        while i < to {
            if p[i] != UInt8(ascii: ".") { count += 1 }
            i += 1
        }
        return count
    }

    /// w × 10^e correctly rounded, for an exact decimal significand w < 2^64, when one of the
    /// exact routes applies; nil otherwise (the caller then uses `strtod`).
    ///
    /// - Clinger's fast path: w ≤ 2^53 and |e| ≤ 22, one IEEE multiply or divide of exact operands.
    /// - The integer route for |e| ≤ 19, where 10^|e| < 2^64: for e ≥ 0 the product w · 10^e is
    ///   formed exactly in 128 bits; for e < 0 the quotient ⌊w · 2^s / 10^|e|⌋ is formed exactly
    ///   with s chosen to give it 63–64 bits, the remainder kept as a sticky bit. Either integer
    ///   is then rounded to 53 bits, half to even — exactly what IEEE rounding of the true value does.
    /// - The reciprocal route for 10^-k, 1 ≤ k ≤ 40 (`reciprocalRounded`): one 64 × 64-bit product
    ///   with a table reciprocal, used whenever it can prove the rounding, which is nearly always.
    @inline(__always)
    static func exactlyRounded(_ w: UInt64, _ e: Int) -> Double? {
        if w <= twoTo53, e >= -22, e <= 22 {
            let value = Double(w)
            return e >= 0 ? value * exactPowersOfTen[e] : value / exactPowersOfTen[-e]
        }
        if e < 0, let value = reciprocalRounded(w, -e) { return value }
        return exactlyRoundedWide(w, e)
    }

    /// The integer route of `exactlyRounded`, kept out of line so the common case inlines.
    @inline(never)
    private static func exactlyRoundedWide(_ w: UInt64, _ e: Int) -> Double? {
        guard e >= -19, e <= 19 else { return nil }
        if e >= 0 {
            let product = w.multipliedFullWidth(by: integerPowersOfTen[e])
            return roundToNearestEven(high: product.high, low: product.low, sticky: false, binaryExponent: 0)
        }
        let divisor = integerPowersOfTen[-e]
        let shift = 63 + (64 - divisor.leadingZeroBitCount) - (64 - w.leadingZeroBitCount)
        // shift ∈ [3, 126]: w · 2^shift as a 128-bit (high, low) pair.
        let high = shift >= 64 ? w << (shift - 64) : (shift == 0 ? 0 : w >> (64 - shift))
        let low = shift >= 64 ? 0 : w << shift
        // The quotient is below 2^64 because bitlen(w · 2^shift) − bitlen(divisor) = 63.
        let (quotient, remainder) = divisor.dividingFullWidth((high: high, low: low))
        return roundedQuotient(quotient, sticky: remainder != 0, binaryExponent: -shift)
    }

    /// w · 10^-k correctly rounded, for 0 < w < 2^64 and 1 ≤ k ≤ 40, or nil when this route
    /// cannot tell the rounding (then the division route or `strtod` decides).
    ///
    /// The idea is Eisel and Lemire's (Lemire, "Number parsing at a gigabyte per second", 2021):
    /// multiply by a truncated reciprocal instead of dividing, and check that the truncation
    /// cannot change the result. Here the check is an interval. With w' = w · 2^z normalized to
    /// [2^63, 2^64) and R = ⌊2^s / 10^k⌋ ∈ [2^63, 2^64) (s = bitlen(10^k) + 63), the exact
    /// T = w' · 2^s / 10^k lies in [L, L + w') with L = w' · R, a 128-bit product whose top
    /// bit t is 126 or 127. Rounding T to 53 bits keeps bits t … t − 52 of it; the half-unit
    /// is h = 2^(t − 53). Round to nearest changes only at a midpoint (an odd multiple of h),
    /// and the interval, narrower than 2^64 ≤ h, holds at most one: if it holds one, give up;
    /// otherwise every point of it, T included, rounds like L — down when L's remainder below
    /// the kept bits is under h, else up (into the next unit, which a T past L's unit also
    /// rounds to). The value is then m · 2^(t − 52 − s − z), a normal double for these k.
    @inline(__always)
    static func reciprocalRounded(_ w: UInt64, _ k: Int) -> Double? {
        guard w != 0, k <= reciprocalsOfPowersOfTen.count else { return nil }
        let z = w.leadingZeroBitCount
        let normalized = w << UInt64(z)
        let product = normalized.multipliedFullWidth(by: reciprocalsOfPowersOfTen[k &- 1])
        let (high, low) = (product.high, product.low)
        // top = t − 64: the leading bit of `high` (bit 63 or 62); the kept bits start at bit
        // top − 52 of `high`, so `below` = t − 52 − 64 bits of `high` join `low` in the remainder.
        let top = 63 &- high.leadingZeroBitCount
        let below = top &- 52
        let halfHigh = UInt64(1) << UInt64(below &- 1)
        let remainderHigh = high & ((halfHigh << 1) &- 1)
        // The interval's remainders are [remainder, remainder + w'); h is (halfHigh, 0). A
        // 128-bit remainder r below 2^(below + 64) compares with h as its key does with 2·halfHigh:
        // key(r) = 2·(r's high word) + (r's low word ≠ 0). With random digits the rounding
        // direction is a coin toss, so everything up to the (rare) give-up test is branch-free:
        // a mispredicted branch per number cost more than the arithmetic.
        let (endLow, carry) = low.addingReportingOverflow(normalized)
        let endHigh = remainderHigh &+ (carry ? 1 : 0)
        let key = remainderHigh << 1 | (low != 0 ? 1 : 0)
        let endKey = endHigh << 1 | (endLow != 0 ? 1 : 0)
        let half = halfHigh << 1
        // A midpoint in the interval: key ≤ half < endKey (endKey ≥ key, so one unsigned test).
        if half &- key < endKey &- key { return nil }
        var mantissa = (high >> UInt64(below)) &+ (key > half ? 1 : 0)
        // s = bitlen(10^k) + 63, with bitlen(10^k) = ⌊k · log2 10⌋ + 1 = ⌊k · 217706 / 2^16⌋ + 1 for these k.
        var exponent = top &+ 64 &- 52 &- ((k &* 217_706) >> 16) &- 64 &- z
        if mantissa == 1 << 53 {
            mantissa >>= 1
            exponent &+= 1
        }
        // mantissa ∈ [2^52, 2^53): the value is 1.fraction · 2^(exponent + 52).
        let biased = UInt64(exponent &+ 52 &+ 1023)
        return Double(bitPattern: (biased << 52) | (mantissa & ((1 << 52) - 1)))
    }

    /// ⌊2^s / 10^k⌋ for k = 1 … 40, s = bitlen(10^k) + 63, so each lies in [2^63, 2^64)
    /// (computed with exact integers; `DecimalParsingTests` recomputes them).
    static let reciprocalsOfPowersOfTen: [UInt64] = [
        0xCCCC_CCCC_CCCC_CCCC, 0xA3D7_0A3D_70A3_D70A, 0x8312_6E97_8D4F_DF3B, 0xD1B7_1758_E219_652B,
        0xA7C5_AC47_1B47_8423, 0x8637_BD05_AF6C_69B5, 0xD6BF_94D5_E57A_42BC, 0xABCC_7711_8461_CEFC,
        0x8970_5F41_36B4_A597, 0xDBE6_FECE_BDED_D5BE, 0xAFEB_FF0B_CB24_AAFE, 0x8CBC_CC09_6F50_88CB,
        0xE12E_1342_4BB4_0E13, 0xB424_DC35_095C_D80F, 0x901D_7CF7_3AB0_ACD9, 0xE695_94BE_C44D_E15B,
        0xB877_AA32_36A4_B449, 0x9392_EE8E_921D_5D07, 0xEC1E_4A7D_B695_61A5, 0xBCE5_0864_9211_1AEA,
        0x971D_A050_74DA_7BEE, 0xF1C9_0080_BAF7_2CB1, 0xC16D_9A00_9592_8A27, 0x9ABE_14CD_4475_3B52,
        0xF796_87AE_D3EE_C551, 0xC612_0625_7658_9DDA, 0x9E74_D1B7_91E0_7E48, 0xFD87_B5F2_8300_CA0D,
        0xCAD2_F7F5_359A_3B3E, 0xA242_5FF7_5E14_FC31, 0x81CE_B32C_4B43_FCF4, 0xCFB1_1EAD_4539_94BA,
        0xA627_4BBD_D0FA_DD61, 0x84EC_3C97_DA62_4AB4, 0xD4AD_2DBF_C3D0_7787, 0xAA24_2499_6973_92D2,
        0x881C_EA14_545C_7575, 0xD9C7_DCED_53C7_2255, 0xAE39_7D8A_A96C_1B77, 0x8B61_313B_BABC_E2C6,
    ]

    /// 10^0 … 10^19 as integers (a literal, so no lazy initialisation on the hot path).
    private static let integerPowersOfTen: [UInt64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
        10_000_000_000_000_000_000,
    ]

    /// (q + a fraction that is non-zero iff `sticky`) · 2^binaryExponent rounded to the
    /// nearest double, ties to even, for a quotient q of 63 or 64 bits and a normal result:
    /// keep q's top 53 bits, and round up when the dropped bits exceed half a unit, or equal
    /// it with a non-zero fraction below them or an odd mantissa. Built from the bit pattern.
    @inline(__always)
    private static func roundedQuotient(_ q: UInt64, sticky: Bool, binaryExponent: Int) -> Double {
        let drop = 11 - q.leadingZeroBitCount
        var mantissa = q >> UInt64(drop)
        let half = UInt64(1) << UInt64(drop - 1)
        let dropped = q & ((half << 1) - 1)
        if dropped > half || (dropped == half && (sticky || mantissa & 1 == 1)) { mantissa += 1 }
        var exponent = binaryExponent + drop
        if mantissa == 1 << 53 {
            mantissa >>= 1
            exponent += 1
        }
        // mantissa ∈ [2^52, 2^53): the value is 1.fraction · 2^(exponent + 52).
        let biased = UInt64(exponent + 52 + 1023)
        return Double(bitPattern: (biased << 52) | (mantissa & ((1 << 52) - 1)))
    }

    /// (high · 2^64 + low + a fraction that is non-zero iff `sticky`) · 2^binaryExponent,
    /// rounded to the nearest double, ties to even. The result must be a normal number.
    private static func roundToNearestEven(high: UInt64, low: UInt64, sticky: Bool, binaryExponent: Int) -> Double {
        let bits = high != 0 ? 128 - high.leadingZeroBitCount : 64 - low.leadingZeroBitCount
        if bits <= 53 {
            // Only reachable without a fraction (sticky is set only by division, whose quotient has ≥ 63 bits).
            return Double(sign: .plus, exponent: binaryExponent, significand: Double(low))
        }
        var drop = bits - 53
        // (value >> position) truncated to 64 bits.
        func bitsFrom(_ position: Int) -> UInt64 {
            position >= 64 ? high >> (position - 64) : (position == 0 ? low : (high << (64 - position)) | (low >> position))
        }
        var mantissa = bitsFrom(drop) & ((1 << 53) - 1)
        let roundBit = bitsFrom(drop - 1) & 1
        // Whether any bit below the round bit is set.
        let restWidth = drop - 1
        let belowRound: Bool
        if restWidth == 0 {
            belowRound = false
        } else if restWidth >= 64 {
            belowRound = low != 0 || (high & ((1 << (restWidth - 64)) - 1)) != 0
        } else {
            belowRound = (low & ((1 << restWidth) - 1)) != 0
        }
        if roundBit == 1 && (belowRound || sticky || mantissa & 1 == 1) {
            mantissa += 1
            if mantissa == 1 << 53 {
                mantissa >>= 1
                drop += 1
            }
        }
        return Double(sign: .plus, exponent: drop + binaryExponent, significand: Double(mantissa))
    }
}
