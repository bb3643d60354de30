#if canImport(Glibc)
import Glibc
@testable import Reports
import Testing

/// `SignificantDigits.format` (the fast `%.Pg` in front of `gcvt`) against glibc's `gcvt`
/// itself, bit for bit, wherever it answers; and `TextTable.format` against `gcvt` for every
/// value, answered or not.
@Suite struct SignificantDigitsTests {
    static func reference(_ value: Double, _ p: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        return buffer.withUnsafeMutableBufferPointer { b in
            _ = gcvt(value, Int32(p), b.baseAddress!)
            return String(cString: b.baseAddress!)
        }
    }

    /// SplitMix64, so every run checks the same values.
    struct Numbers {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Doubles of every kind the tables print: arbitrary bit patterns over a wide exponent range,
    /// short decimals (1.234565, 25, 0.0005: the ties and near-ties of rounding), their
    /// neighbours one ulp away, and standard-normal-like values with 17 digits.
    static func values(count: Int, seed: UInt64) -> [Double] {
        var random = Numbers(state: seed)
        var out: [Double] = []
        for _ in 0..<count {
            let r = random.next()
            switch r % 4 {
            case 0:
                let exponent = UInt64(1023 - 70 + Int(random.next() % 140))
                out.append(Double(bitPattern: (exponent << 52) | (random.next() & 0xF_FFFF_FFFF_FFFF)) * (r & 8 == 0 ? 1 : -1))
            case 1:
                let digits = Int(random.next() % 10) + 1
                let mantissa = Double(random.next() % UInt64(pow(10.0, Double(digits))))
                let scale = Int(random.next() % 40) - 20
                out.append(mantissa * pow(10.0, Double(scale)))
            case 2:
                let digits = Int(random.next() % 10) + 1
                let mantissa = Double(random.next() % UInt64(pow(10.0, Double(digits))))
                let value = mantissa / pow(10.0, Double(random.next() % 12))
                out.append(r & 16 == 0 ? value.nextUp : value.nextDown)
            default:
                out.append((Double(random.next() >> 11) / Double(1 << 53) - 0.5) * 6)
            }
        }
        return out
    }

    @Test func answersAgreeWithGcvtBitForBit() {
        var answered = 0, total = 0
        for value in Self.values(count: 60_000, seed: 16) {
            for p in 1...9 {
                total += 1
                guard let fast = SignificantDigits.format(value, significant: p) else { continue }
                answered += 1
                #expect(fast == Self.reference(value, p), "value \(value) (bits \(value.bitPattern)), \(p) digits")
            }
        }
        // The fast route must be the usual one, or it buys nothing.
        #expect(Double(answered) > 0.9 * Double(total))
    }

    @Test func edgesOfRoundingAndNotation() {
        let edges: [Double] = [1, 9.999995, 9.9999949999, 99_999.95, 999_999.5, 999_999.4999, 1_234_565, 1.234565, 0.5, 2.5, 25, 0.125,
                               1e-4, 9.99999e-5, 0.000099999951, 1e-5, 123_456, 1_234_567, 1e6, 1e-14, 1e22, 4.35e-15, 7e21,
                               .leastNonzeroMagnitude, 2.2250738585072014e-308, 1.7976931348623157e308, 0.1, 0.2, 0.3, 100, 1000, 0.001]
        for value in edges + edges.map({ -$0 }) + edges.map(\.nextUp) + edges.map(\.nextDown) {
            for p in 1...9 {
                if let fast = SignificantDigits.format(value, significant: p) {
                    #expect(fast == Self.reference(value, p), "value \(value), \(p) digits")
                }
                #expect(TextTable.format(value, significant: p) == Self.reference(value, p), "value \(value), \(p) digits")
            }
        }
        for special in [0.0, -0.0, .infinity, -.infinity] {
            #expect(SignificantDigits.format(special, significant: 6) == nil)
        }
        #expect(SignificantDigits.format(1.5, significant: 10) == nil)
    }

    @Test func textTableFormatIsGcvtEverywhere() {
        for value in Self.values(count: 20_000, seed: 7) {
            for p in [1, 3, 6, 9, 12, 17] {
                #expect(TextTable.format(value, significant: p) == Self.reference(value, p), "value \(value), \(p) digits")
            }
        }
    }
}
#endif
