#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Correctly rounded parsing of ASCII decimal numbers, fast where it can be exact.
///
/// Clinger's fast path (1990): when the decimal significand w fits in 53 bits and the power of
/// ten satisfies |e| ≤ 22, both w and 10^|e| are exact doubles, so the single IEEE operation
/// w × 10^e or w ÷ 10^−e is correctly rounded. Every other valid number (more than 19
/// significant digits, huge exponents, significands beyond 2^53) goes to the C library's
/// `strtod`, which is correctly rounded on glibc. The syntax is checked here first, so
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
        if exact, significand <= twoTo53, decimalExponent >= -22, decimalExponent <= 22 {
            var value = Double(significand)
            if decimalExponent >= 0 {
                value *= exactPowersOfTen[decimalExponent]
            } else {
                value /= exactPowersOfTen[-decimalExponent]
            }
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
