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

    @Option(help: ArgumentHelp("Leave a column out (repeatable).", valueName: "column"))
    var drop: [String] = []

    @Option(help: ArgumentHelp("Input format: csv or libsvm (default: from the file name).", valueName: "format"))
    var format: DataFormatArgument?

    @OptionGroup var csvFormat: CSVFormatOptions

    var delimiter: String { csvFormat.delimiter }

    func csvOptions() throws -> CSVOptions {
        try csvFormat.csvOptions()
    }

    /// The whole CSV table.
    func table() throws -> CSVTable {
        try CSVReader(options: try csvOptions()).read(path: data)
    }

    /// Features and target for `task`.
    func dataset(task: LearningTask) throws -> Dataset {
        try DataLoader.dataset(path: data, format: format?.format, csv: try csvOptions(),
                               options: DatasetOptions(task: task, target: target, drop: drop))
    }
}

enum DataFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case csv, libsvm
    var format: DataFormat { self == .csv ? .csv : .libsvm }
}

/// `--delimiter`, checked while parsing so a bad one is a usage error (exit 2).
struct CSVFormatOptions: ParsableArguments {
    @Option(help: ArgumentHelp("CSV field delimiter (one character; 'tab' for a tab).", valueName: "char"))
    var delimiter: String = ","

    func validate() throws {
        do {
            _ = try CSVOptions(delimiter: delimiter)
        } catch let error as DataError {
            throw ValidationError(error.description)
        }
    }

    func csvOptions() throws -> CSVOptions {
        try CSVOptions(delimiter: delimiter)
    }
}

/// `--quiet`, shared by every command.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print no warnings or progress on standard error.")
    var quiet = false

    func apply() { Console.quiet = quiet }
}
