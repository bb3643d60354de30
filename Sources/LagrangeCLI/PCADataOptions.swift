import ArgumentParser
import Lagrange

/// The input options of `fit pca`. PCA has no target: every column not left out is a feature,
/// so `--target` is only another way to leave one column out (kept for the older docs).
struct PCADataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp("Data file: CSV with a header row, '-' for standard input, or LIBSVM text (.svm/.libsvm; the labels are left out).",
                               valueName: "file"))
    var dataPath: String?

    /// The data file (`validate` guarantees it unless the command reads `--stats` instead).
    var data: String { dataPath ?? "" }

    /// `--data` is required unless `--stats` files are given (as `DataOptions`).
    func validate() throws {
        let statistics = CommandLine.arguments.contains { $0 == "--stats" || $0.hasPrefix("--stats=") }
        if dataPath == nil, !statistics { throw ValidationError("Missing expected argument '--data <file>'") }
    }

    @Option(help: ArgumentHelp("Leave a column out (repeatable). By default every column is a feature.", valueName: "column"))
    var drop: [String] = []

    /// `--drop` with its comma lists split.
    var droppedColumns: [String] { drop.flatMap(splitColumnList) }

    @Option(help: ArgumentHelp("Leave this column out, as --drop does (PCA has no target; nothing is left out by default).", valueName: "column"))
    var target: String?

    @Option(help: ArgumentHelp("Input format: csv or libsvm (default: from the file name).", valueName: "format"))
    var format: DataFormatArgument?

    @OptionGroup var csvFormat: CSVFormatOptions

    func csvOptions() throws -> CSVOptions {
        try csvFormat.csvOptions(for: data)
    }

    /// The whole file as a dataset (the LIBSVM route; CSV is streamed instead).
    func dataset(task: LearningTask) throws -> Dataset {
        try DataLoader.dataset(path: data, format: format?.format, csv: try csvOptions(),
                               options: DatasetOptions(task: task, target: target, drop: droppedColumns))
    }
}
