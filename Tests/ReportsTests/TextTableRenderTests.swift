import Reports
import Testing

/// `TextTable.rendered` against its reference, the `String`-per-cell rendering it replaced
/// (kept below verbatim): widths in characters (`String.count`), right-aligned numbers,
/// left-aligned text, two spaces between columns, trailing spaces trimmed.
@Suite struct TextTableRenderTests {
    /// The previous implementation, the reference.
    private static func reference(_ table: TextTable) -> String {
        let all = [table.header] + table.rows
        let widths = table.header.indices.map { j in all.map { $0[j].count }.max() ?? 0 }
        return all.map { row in
            var line = row.indices.map { j -> String in
                let pad = String(repeating: " ", count: widths[j] - row[j].count)
                return table.alignments[j] == .left ? row[j] + pad : pad + row[j]
            }.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }

    @Test func sameTextAsTheStringRendering() {
        var table = TextTable(header: ["column", "n", "mean", "note"], alignments: [.left, .right, .right, .left])
        table.append(["x1", "500", "-0.0123", ""])
        table.append(["température", "7", "1e+06", "é́ combining"])        // multi-byte and a combining mark
        table.append(["日本語", "12", "", "trailing "])
        table.append(["tab\there", "0", "inf", "🙂"])
        table.append(["", "", "", ""])
        #expect(table.rendered == Self.reference(table))
    }

    @Test func wideTableMatchesReference() {
        var table = TextTable(header: ["column", "n", "missing", "mean"])
        for j in 0..<2_000 { table.append(["x\(j)", "\(j * 7)", "0", TextTable.format(Double(j) / 3)]) }
        #expect(table.rendered == Self.reference(table))
    }
}
