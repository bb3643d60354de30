import DataIO
import LinearAlgebra
import Testing

/// Summaries of a wide table (few rows, many columns), which `describe` computes by column
/// ranges on several threads. Reference: the two-pass definition evaluated directly per column
/// (sum in row order, mean = sum / n, Σ(x − mean)² in row order, sd with n − 1), which is the
/// same sequence of operations, so the values must be identical; missing cells are skipped.
@Suite struct ColumnSummaryWideTests {
    @Test func wideTableMatchesThePerColumnDefinition() throws {
        let columns = 64 * ExecutionContext.availableCores + 37
        let rows = 9
        var generator = SeededGenerator(seed: 16)
        var cells = [[Double?]](repeating: [Double?](repeating: nil, count: columns), count: rows)
        var text = (0..<columns).map { "c\($0)" }.joined(separator: ",") + "\n"
        for i in 0..<rows {
            var fields: [String] = []
            for j in 0..<columns {
                let draw = generator.next()
                if draw % 11 == 0 || (j == columns - 1 && i > 0) { fields.append(""); continue }  // missing; the last column has one value
                let value = Double(Int64(draw % 2_000_001) - 1_000_000) / 1024
                cells[i][j] = value
                fields.append("\(value)")
            }
            text += fields.joined(separator: ",") + "\n"
        }
        let summaries = try CSV.read(text).summaries()
        #expect(summaries.count == columns)
        for j in 0..<columns {
            let present = (0..<rows).compactMap { cells[$0][j] }
            let count = present.count
            let mean = count > 0 ? present.reduce(0, +) / Double(count) : .nan
            let squares = present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            let sd = count > 1 ? (squares / Double(count - 1)).squareRoot() : .nan
            let expected = ColumnSummary.Statistics.numeric(mean: mean, sd: sd, min: present.min() ?? .nan, max: present.max() ?? .nan)
            #expect(summaries[j].count == count && summaries[j].missing == rows - count)
            #expect(summaries[j].statistics == expected, "column \(j)")
        }
    }
}
