import Foundation
import Reports
import Testing

/// `TextTable.format` against its reference, Foundation's `String(format: "%.Ng")` (the
/// implementation it replaced): the same text for every value, sign, magnitude and precision.
@Suite struct TextTableFormatTests {
    @Test func formatMatchesStringFormatOfPercentG() {
        let values: [Double] = [0, -0.0, 1, -1, 0.5, 1.0 / 3, -2.0 / 3, 123_456.789, 1e-300, .leastNonzeroMagnitude, 1.7976931348623157e308,
                                12_345_678_901_234, 1e6, 999_999.5, 0.000123456789, .infinity, -.infinity, 3.14159265358979]
        for significant in [1, 3, 4, 6, 10, 17] {
            for value in values {
                #expect(TextTable.format(value, significant: significant) == String(format: "%.\(significant)g", value))
            }
        }
        #expect(TextTable.format(.nan) == "NaN")
    }
}
