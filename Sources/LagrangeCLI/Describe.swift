import ArgumentParser
import Lagrange

/// `lagrange describe`: per-column n, missing, mean, sd, min, max (class counts for text).
struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarize every column of a CSV or LIBSVM file: n, missing, mean, sd, min, max (class counts for text columns)."
    )

    @Option(help: ArgumentHelp("CSV file with a header row ('-' for standard input), or LIBSVM text (.svm/.libsvm).", valueName: "file"))
    var data: String

    @Option(help: ArgumentHelp("Input format: csv or libsvm (default: from the file name).", valueName: "format"))
    var format: DataFormatArgument?

    @OptionGroup var csvFormat: CSVFormatOptions

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        let table = (format?.format ?? DataFormat.infer(path: data)) == .libsvm
            ? try LIBSVMReader.table(path: data)
            : try CSVReader(options: try csvFormat.csvOptions()).read(path: data)
        Console.print(Self.render(table))
    }

    static func render(_ table: CSVTable) -> String {
        var text = "\(table.source): \(table.rowCount) rows × \(table.columnCount) columns\n"
        var numeric = TextTable(header: ["column", "n", "missing", "mean", "sd", "min", "max"])
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
