import Foundation
import Testing
import TestSupport
@testable import DataIO

/// Reference: glibc's `strtod`, which is correctly rounded (IEEE 754 round to nearest even).
/// Every decimal the reader's own routes take must give the very same bits.
@Suite struct CorrectRoundingTests {
    private func reference(_ text: String) -> Double { text.withCString { strtod($0, nil) } }

    private func parsed(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { DecimalParser.parse($0.baseAddress!, $0.count) }
    }

    private func scanned(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { b -> Double? in
            guard let (value, next) = DecimalParser.scanExact(b.baseAddress!, from: 0, end: b.count), next == b.count else { return nil }
            return value
        }
    }

    private func check(_ text: String) {
        let expected = reference(text)
        let general = parsed(text)
        #expect(general?.bitPattern == expected.bitPattern, "parse(\(text)) = \(String(describing: general)), strtod = \(expected)")
        if let fast = scanned(text) {
            #expect(fast.bitPattern == expected.bitPattern, "scanExact(\(text)) = \(fast), strtod = \(expected)")
        }
    }

    @Test func randomSignificandsAndExponents() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<200_000 {
            let digits = Int.random(in: 1...22, using: &rng)
            var text = Bool.random(using: &rng) ? "-" : ""
            let pointAt = Int.random(in: 0...digits, using: &rng)
            for k in 0..<digits {
                if k == pointAt, k > 0 { text += "." }
                text += String(Int.random(in: 0...9, using: &rng))
            }
            if Bool.random(using: &rng) { text += "e\(Int.random(in: -30...30, using: &rng))" }
            check(text)
        }
    }

    @Test func shortestReprOfRandomDoubles() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<100_000 {
            let value = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF) // finite, positive
            let scaled = value.exponent > 200 || value.exponent < -200 ? Double.random(in: -1e6...1e6, using: &rng) : value
            check("\(scaled)")
            check(String(format: "%.17g", scaled))
            check(String(format: "%.9f", scaled.truncatingRemainder(dividingBy: 1000)))
        }
    }

    /// Ties: decimal values exactly halfway between two doubles must round to even.
    @Test func halfwayCasesRoundToEven() {
        // 2^53 + 1 and 2^53 + 3 are halfway between representable doubles.
        check("9007199254740993")
        check("9007199254740995")
        check("9007199254740993.0000000000001")
        check("18014398509481985") // 2^54 + 1
        check("0.5000000000000000277555756156289135105907917022705078125") // 0.5 + 2^-55, exact tie context
        check("1.00000000000000011102230246251565404236316680908203125")   // 1 + 2^-53, tie → 1
        check("1.00000000000000011102230246251565404236316680908203126")   // just above the tie → up
        // Ties on the division route (w > 2^53, 10^-k with k ≤ 19): ulp 1 just above 2^52.
        check("4503599627370496.5")    // 2^52 + 1/2: tie → 2^52 (even)
        check("4503599627370497.5")    // tie → 2^52 + 2 (even)
        check("4503599627370497.500")  // the same tie with 19 digits
        check("4503599627370496.501")  // just above the tie → up
        check("4503599627370497.499")  // just below the tie → down
    }
}
