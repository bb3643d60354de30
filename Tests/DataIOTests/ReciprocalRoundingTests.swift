#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import TestSupport
@testable import DataIO

/// The reciprocal route of `DecimalParser` (w · 10^-k by one product with a table reciprocal).
/// Reference: glibc's `strtod`, correctly rounded; the route must give its bits exactly, or
/// give up (nil) — never a different double.
@Suite struct ReciprocalRoundingTests {
    private static func strtodValue(_ text: String) -> Double { text.withCString { strtod($0, nil) } }

    /// Each table entry R_k is ⌊2^s / 10^k⌋ with s = bitlen(10^k) + 63: R_k · 10^k ≤ 2^s <
    /// (R_k + 1) · 10^k, checked in multi-word integers, and R_k has its top bit set.
    @Test func tableHoldsTheFlooredReciprocals() {
        for (index, r) in DecimalParser.reciprocalsOfPowersOfTen.enumerated() {
            let k = index + 1
            var power: [UInt64] = [1]   // 10^k, little-endian 64-bit limbs
            for _ in 0..<k { power = Self.multiply(power, by: 10) }
            let bits = Self.bitLength(power)
            let s = bits + 63
            #expect(bits == (k * 217_706) >> 16 + 1, "bitlen(10^\(k))")
            #expect(r >> 63 == 1, "R_\(k) has 64 bits")
            let below = Self.multiply(power, by: r)
            let above = Self.add(below, power)
            #expect(Self.bitLength(below) <= s, "R_\(k) · 10^\(k) ≤ 2^\(s)")
            #expect(Self.bitLength(above) == s + 1, "(R_\(k) + 1) · 10^\(k) > 2^\(s)")
        }
    }

    /// 17-, 18- and 19-digit significands (the `%.17g` output of numpy and R, and longer) at
    /// every exponent the route covers and a few beyond.
    @Test func randomLongSignificandsMatchStrtod() {
        var rng = SplitMix64(seed: 16)
        var decided = 0
        for _ in 0..<300_000 {
            let digits = Int.random(in: 15...19, using: &rng)
            var w: UInt64 = UInt64.random(in: 1...9, using: &rng)
            for _ in 1..<digits { w = w &* 10 &+ UInt64.random(in: 0...9, using: &rng) }
            let k = Int.random(in: 1...44, using: &rng)
            let text = "\(w)e-\(k)"
            let expected = Self.strtodValue(text)
            if let value = DecimalParser.reciprocalRounded(w, k) {
                decided += 1
                #expect(value.bitPattern == expected.bitPattern, "\(text): reciprocal \(value), strtod \(expected)")
            }
            let parsed = Array(text.utf8).withUnsafeBufferPointer { DecimalParser.parse($0.baseAddress!, $0.count) }
            #expect(parsed?.bitPattern == expected.bitPattern, "parse(\(text)) = \(String(describing: parsed)), strtod \(expected)")
        }
        // The route decides nearly every case (it gives up only within 2^64 of a midpoint).
        #expect(decided > 290_000 * 40 / 44 - 1_000)
    }

    /// Exact midpoints between doubles and their nearest 19-digit neighbours: above 2^49 a
    /// double's unit is 2^-3 or more, so N + odd/2^j (j ≤ 4) is a tie with at most 19 digits.
    /// The route must give up on the ties (the division route rounds them to even) and get
    /// the neighbours right.
    @Test func tiesAndTheirNeighbours() {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<20_000 {
            let j = Int.random(in: 1...4, using: &rng)
            // Doubles in [2^(53−j), 2^(54−j)) have unit 2^(1−j); their midpoints are odd multiples of 2^-j.
            let integer = UInt64.random(in: (UInt64(1) << UInt64(53 - j)) ..< (UInt64(1) << UInt64(54 - j)), using: &rng)
            let odd = 2 * Int.random(in: 0..<(1 << (j - 1)), using: &rng) + 1
            // odd / 2^j in decimal: odd · 5^j / 10^j, j digits.
            var fraction = String(odd * Self.power(5, j))
            fraction = String(repeating: "0", count: j - fraction.count) + fraction
            let tie = "\(integer).\(fraction)"
            for text in [tie, tie + "0", tie + "1", Self.decrementLastDigit(tie) + "9"] where Self.significantDigits(text) <= 19 {
                let expected = Self.strtodValue(text)
                let parsed = Array(text.utf8).withUnsafeBufferPointer { DecimalParser.parse($0.baseAddress!, $0.count) }
                #expect(parsed?.bitPattern == expected.bitPattern, "parse(\(text)) = \(String(describing: parsed)), strtod \(expected)")
            }
        }
    }

    /// `%.17g` of random doubles of every magnitude the route reaches, through the CSV fast path.
    @Test func shortestOutputOfSmallNumbers() {
        var rng = SplitMix64(seed: 23)
        for _ in 0..<100_000 {
            let value = Double.random(in: 1...10, using: &rng) * Self.powerOfTen(-Int.random(in: 0...40, using: &rng))
            let text = String(format: "%.17g", value)
            let expected = Self.strtodValue(text)
            let bytes = Array(text.utf8)
            let scanned = bytes.withUnsafeBufferPointer { b -> Double? in
                guard let (v, next) = DecimalParser.scanExact(b.baseAddress!, from: 0, end: b.count), next == b.count else { return nil }
                return v
            }
            if let scanned { #expect(scanned.bitPattern == expected.bitPattern, "scanExact(\(text)) = \(scanned), strtod \(expected)") }
        }
    }

    private static func powerOfTen(_ e: Int) -> Double { Self.strtodValue("1e\(e)") }

    private static func power(_ base: Int, _ exponent: Int) -> Int { (0..<exponent).reduce(1) { r, _ in r * base } }

    private static func significantDigits(_ text: String) -> Int {
        text.drop { $0 == "0" || $0 == "." }.filter(\.isNumber).count
    }

    /// The text with its last digit lowered by one (the tie's fraction never ends in 0).
    private static func decrementLastDigit(_ text: String) -> String {
        var characters = Array(text)
        let last = characters.count - 1
        characters[last] = Character(String(characters[last].wholeNumberValue! - 1))
        return String(characters)
    }

    private static func multiply(_ limbs: [UInt64], by factor: UInt64) -> [UInt64] {
        var result: [UInt64] = []
        var carry: UInt64 = 0
        for limb in limbs {
            let product = limb.multipliedFullWidth(by: factor)
            let (sum, overflow) = product.low.addingReportingOverflow(carry)
            result.append(sum)
            carry = product.high &+ (overflow ? 1 : 0)
        }
        if carry != 0 { result.append(carry) }
        return result
    }

    private static func add(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result: [UInt64] = []
        var carry: UInt64 = 0
        for i in 0..<max(a.count, b.count) {
            let (s1, o1) = (i < a.count ? a[i] : 0).addingReportingOverflow(i < b.count ? b[i] : 0)
            let (s2, o2) = s1.addingReportingOverflow(carry)
            result.append(s2)
            carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        if carry != 0 { result.append(carry) }
        return result
    }

    private static func bitLength(_ limbs: [UInt64]) -> Int {
        for i in stride(from: limbs.count - 1, through: 0, by: -1) where limbs[i] != 0 {
            return 64 * i + 64 - limbs[i].leadingZeroBitCount
        }
        return 0
    }
}
