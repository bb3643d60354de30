#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import DataIO

/// Reference: the C library's `strtod`, correctly rounded on glibc (round-to-nearest-even).
/// The reader must give the very same Double, bit for bit — no tolerance.
@Suite struct DecimalParsingTests {
    private static func strtodValue(_ text: String) -> Double {
        text.withCString { strtod($0, nil) }
    }

    /// Parses every string as one cell of a one-column CSV and returns the mismatches.
    private static func mismatches(_ cells: [String]) throws -> [String] {
        let table = try CSV.read("v\n" + cells.joined(separator: "\n") + "\n", CSV.singleBlock)
        #expect(table.textColumns.isEmpty, "every cell is a number")
        let parsed = table.values.column(0)
        return zip(cells, parsed).compactMap { cell, value in
            let expected = strtodValue(cell)
            return value.bitPattern == expected.bitPattern ? nil : "\(cell): got \(value), strtod \(expected)"
        }
    }

    /// Cases known to break naive parsers: halfway points, the subnormal and overflow edges,
    /// 2^53 + 1, long significands whose tail decides the rounding.
    @Test func hardCases() throws {
        let cells = [
            "0.1", "0.2", "0.3", "1e23", "8.98846567431158e307", "9007199254740993", "9007199254740992e22",
            "9007199254740993e-22", "2.2250738585072011e-308", "2.2250738585072012e-308",
            "2.2250738585072014e-308", "4.9406564584124654e-324", "2.4703282292062327e-324",
            "2.4703282292062328e-324", "1.7976931348623157e308", "1.7976931348623158e308",
            "1.7976931348623159e308", "1e-400", "1e400", "-1e400",
            "0.500000000000000166533453693773481063544750213623046875",
            "123456789012345678901234567890", "1.00000000000000011102230246251565404236316680908203125",
            "1.000000000000000111022302462515654042363166809082031251", "7.038531e-26",
            "000000000000000000000000001.5", "0.000000000000000000000000000000000001e36", "+.5", "5.", "-.0e+0",
            "1234567890123456789", "12345678901234567890", "18446744073709551615", "18446744073709551616",
            "4503599627370496.5", "4503599627370497.5", "1e22", "1e-22", "123e-22", "1.5e308",
        ]
        #expect(try Self.mismatches(cells) == [])
    }

    /// 20,000 random decimal strings: 1–25 significant digits, with or without a point (also
    /// '.5' and '5.' forms), leading zeros, '+' or '−', and exponents chosen so the values
    /// sweep 1e-330 … 1e310 (subnormals and overflow included).
    @Test func randomStringsMatchStrtod() throws {
        var rng = SplitMix64(seed: 2024)
        var cells: [String] = []
        for _ in 0..<20_000 {
            let digitCount = Int.random(in: 1...25, using: &rng)
            var digits = (0..<digitCount).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) }
            if Int.random(in: 0..<4, using: &rng) == 0 {
                digits.insert(contentsOf: repeatElement("0", count: Int.random(in: 1...5, using: &rng)), at: 0)
            }
            var text = ""
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: text += "-"
            case 1: text += Int.random(in: 0..<4, using: &rng) == 0 ? "+" : ""
            default: break
            }
            let point = Int.random(in: 0...digits.count + 1, using: &rng)
            if point <= digits.count {
                text += String(digits[..<point]) + "." + String(digits[point...])
            } else {
                text += String(digits)
            }
            if Int.random(in: 0..<3, using: &rng) > 0 {
                let magnitude = point <= digits.count ? point : digits.count
                let exponent = Int.random(in: -330...310, using: &rng) - magnitude
                text += (Bool.random(using: &rng) ? "e" : "E") + (exponent >= 0 && Bool.random(using: &rng) ? "+" : "") + String(exponent)
            }
            cells.append(text)
        }
        let bad = try Self.mismatches(cells)
        #expect(bad.isEmpty, "\(bad.count) mismatches, first: \(bad.prefix(5))")
    }

    /// Shortest round-trip text of random doubles (random bit patterns, so every binade)
    /// parses back to the same bits.
    @Test func shortestRoundTripOfRandomBitPatterns() throws {
        var rng = SplitMix64(seed: 77)
        var doubles: [Double] = []
        while doubles.count < 5_000 {
            let d = Double(bitPattern: rng.next())
            if d.isFinite { doubles.append(d) }
        }
        let table = try CSV.read("v\n" + doubles.map { "\($0)" }.joined(separator: "\n") + "\n")
        #expect(zip(table.values.column(0), doubles).allSatisfy { $0.bitPattern == $1.bitPattern })
    }
}
