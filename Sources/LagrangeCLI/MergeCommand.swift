import ArgumentParser
import Lagrange

/// `lagrange merge`: the reduce step of docs/scale.md — statistics of parts merged into the
/// statistics of their union (associative and commutative: any tree of merges gives the same
/// result up to rounding).
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge statistics files (from 'lagrange stats' or 'lagrange merge') into one.",
        discussion: """
        Every part must have the same columns in the same order, the same target and the same
        format version; otherwise nothing is written and one line says which part differs.
        """
    )

    @Argument(help: ArgumentHelp("Statistics files ('-' for standard input, once).", valueName: "part"))
    var parts: [String]

    @Option(help: ArgumentHelp("Write the merged statistics here ('-' for standard output).", valueName: "file"))
    var output: String

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if parts.isEmpty { throw ValidationError("give at least one statistics file to merge") }
        if parts.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input ('-') can be read once only") }
    }

    func run() throws {
        outputOptions.apply()
        let merged = try StatisticsInput.mergeFiles(parts)
        try StatisticsFile.write(merged.total, to: output)
        let summary = "\(parts.count) part\(parts.count == 1 ? "" : "s"): \(merged.total.count) rows × \(merged.total.columnNames.count) columns"
            + (merged.total.targetName.map { ", target '\($0)'" } ?? "")
        if output == "-" { Console.info(summary) } else { Console.print(summary + "; statistics written to \(output)") }
    }
}
