import ArgumentParser
import Lagrange

/// `lagrange describe`: per-column n, missing, mean, sd, min, max (class counts for text).
struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarize every column of a CSV or LIBSVM file: n, missing, mean, sd, min, max (class counts for text columns).",
        discussion: "n counts the non-missing cells; sd is the sample standard deviation, with denominator n − 1 "
            + "(pandas' describe; numpy's std with ddof=1). A LIBSVM file shows its features f1…fp (absent entries are zeros) and its label."
    )

    @Option(help: ArgumentHelp("CSV file with a header row ('-' for standard input), or LIBSVM text (.svm/.libsvm).", valueName: "file"))
    var data: String

    @Option(help: ArgumentHelp("Input format: csv or libsvm (default: from the file name).", valueName: "format"))
    var format: DataFormatArgument?

    @OptionGroup var csvFormat: CSVFormatOptions

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        Console.print(Self.render(try InputTable.read(path: data, format: format, csv: csvFormat)))
    }

    static func render(_ table: CSVTable) -> String {
        var text = "\(table.source): \(table.rowCount) rows × \(table.columnCount) columns\n"
        var numeric = TextTable(header: ["column", "n", "missing", "mean", "sd (n−1)", "min", "max"])
        var classes: [String] = []
        let summaries = table.summaries()
        for (summary, row) in zip(summaries, rows(summaries)) {
            numeric.append(row)
            if case let .text(counts) = summary.statistics {
                let shown = counts.prefix(20).map { "\($0.label) \($0.count)" }.joined(separator: ", ")
                let more = counts.count > 20 ? ", … (\(counts.count) distinct)" : ""
                classes.append("\(summary.name): \(shown)\(more)")
            }
        }
        text += numeric.rendered
        if !classes.isEmpty { text += "\nclass counts\n" + classes.map { "  " + $0 }.joined(separator: "\n") + "\n" }
        return text
    }

    /// The table row of every summary, in order. Four `%g` numbers a column were a third of
    /// the serial time of describing a 10,001-column file (perf), so with many columns the rows
    /// are formatted in contiguous bands, one per core; each row depends on its summary alone,
    /// so the text is the same for any number of bands.
    static func rows(_ summaries: [ColumnSummary]) -> [[String]] {
        let bands = summaries.count >= 1024 ? ExecutionContext.availableCores : 1
        let band = { (b: Int) in b * summaries.count / bands ..< (b + 1) * summaries.count / bands }
        var rows = [[String]](repeating: [], count: summaries.count)
        rows.withUnsafeMutableBufferPointer { out in
            // Band b writes only out[band(b)].
            Parallel.forEach(bands, threads: bands) { b in
                for k in band(b) { out[k] = row(summaries[k]) }
            }
        }
        return rows
    }

    /// One summary's row: name, n, missing, then mean, sd, min, max (or "text").
    static func row(_ summary: ColumnSummary) -> [String] {
        switch summary.statistics {
        case let .numeric(mean, sd, lo, hi):
            return [summary.name, "\(summary.count)", "\(summary.missing)"] + [mean, sd, lo, hi].map { TextTable.format($0) }
        case .text:
            return [summary.name, "\(summary.count)", "\(summary.missing)", "text", "", "", ""]
        }
    }
}
