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
        for summary in table.summaries() {
            switch summary.statistics {
            case let .numeric(mean, sd, lo, hi):
                numeric.append([summary.name, "\(summary.count)", "\(summary.missing)"] + [mean, sd, lo, hi].map { TextTable.format($0) })
            case let .text(counts):
                numeric.append([summary.name, "\(summary.count)", "\(summary.missing)", "text", "", "", ""])
                let shown = counts.prefix(20).map { "\($0.label) \($0.count)" }.joined(separator: ", ")
                let more = counts.count > 20 ? ", … (\(counts.count) distinct)" : ""
                classes.append("\(summary.name): \(shown)\(more)")
            }
        }
        text += numeric.rendered
        if !classes.isEmpty { text += "\nclass counts\n" + classes.map { "  " + $0 }.joined(separator: "\n") + "\n" }
        return text
    }
}
