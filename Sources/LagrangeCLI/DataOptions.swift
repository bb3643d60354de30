import ArgumentParser
import Lagrange

/// The input options every data-reading command shares.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp("Data file: CSV with a header row, '-' for standard input, or LIBSVM text (.svm/.libsvm).", valueName: "file"))
    var dataPath: String?

    /// The data file (`validate` guarantees it unless the command reads `--stats` instead).
    var data: String { dataPath ?? "" }

    /// `--data` is required, except by the commands that can fit from `--stats` files, when
    /// those are given (a command without `--stats` refuses the option while parsing).
    func validate() throws {
        let statistics = CommandLine.arguments.contains { $0 == "--stats" || $0.hasPrefix("--stats=") }
        if dataPath == nil, !statistics { throw ValidationError("Missing expected argument '--data <file>'") }
    }

    @Option(help: ArgumentHelp("Target column (default: the last column).", valueName: "column"))
    var target: String?

    @Option(help: ArgumentHelp("Leave columns out (comma-separated; repeatable).", valueName: "a,b"))
    var drop: [String] = []

    /// `--drop` with its comma lists split.
    var droppedColumns: [String] { drop.flatMap(splitColumnList) }

    @Option(help: ArgumentHelp("Input format: csv or libsvm (default: from the file name).", valueName: "format"))
    var format: DataFormatArgument?

    @OptionGroup var csvFormat: CSVFormatOptions

    func csvOptions() throws -> CSVOptions {
        try csvFormat.csvOptions(for: data)
    }

    /// The whole CSV table.
    func table() throws -> CSVTable {
        try CSVReader(options: try csvOptions()).read(path: data)
    }

    /// Features and target for `task`.
    func dataset(task: LearningTask) throws -> Dataset {
        try DataLoader.dataset(path: data, format: format?.format, csv: try csvOptions(),
                               options: DatasetOptions(task: task, target: target, drop: droppedColumns))
    }
}

/// The names of a comma-separated column list.
func splitColumnList(_ list: String) -> [String] {
    list.split(separator: ",", omittingEmptySubsequences: true).map(String.init)
}

enum DataFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case csv, libsvm
    var format: DataFormat { self == .csv ? .csv : .libsvm }
}

/// `--delimiter`, checked while parsing so a bad one is a usage error (exit 2).
struct CSVFormatOptions: ParsableArguments {
    @Option(help: ArgumentHelp("CSV field delimiter (one character; 'tab' for a tab; default: tab for .tsv/.tab files, else ',').",
                               valueName: "char"))
    var delimiter: String?

    func validate() throws {
        guard let delimiter else { return }
        do {
            _ = try CSVOptions(delimiter: delimiter)
        } catch let error as DataError {
            throw ValidationError(error.description)
        }
    }

    /// The options for reading `path`: the given delimiter, else a tab for `.tsv`/`.tab` files.
    func csvOptions(for path: String) throws -> CSVOptions {
        try CSVOptions(delimiter: delimiter ?? ((path.hasSuffix(".tsv") || path.hasSuffix(".tab")) ? "tab" : ","))
    }
}

/// Reads a whole input file as a table, in the format `fit` would read it: LIBSVM text for
/// `.svm`/`.libsvm` files or `--format libsvm` (features f1…fp, then the label), else CSV.
/// `predict`, `describe` (and every command that reads data beside a model) go through it.
enum InputTable {
    static func read(path: String, format: DataFormatArgument?, csv: CSVFormatOptions, featureCount: Int = 0) throws -> CSVTable {
        if (format?.format ?? DataFormat.infer(path: path)) == .libsvm {
            return try LIBSVMReader.table(path: path, featureCount: featureCount)
        }
        return try CSVReader(options: try csv.csvOptions(for: path)).read(path: path)
    }
}

/// `--quiet`, shared by every command.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print no warnings or progress on standard error.")
    var quiet = false

    func apply() { Console.quiet = quiet }
}
