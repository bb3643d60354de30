/// The input formats `--data` understands.
public enum DataFormat: String, Sendable, CaseIterable {
    case csv, libsvm

    /// `.svm` and `.libsvm` files are LIBSVM text; everything else (and `-`) is CSV.
    public static func infer(path: String) -> DataFormat {
        path.hasSuffix(".svm") || path.hasSuffix(".libsvm") ? .libsvm : .csv
    }
}

/// One entry point for the command line and the library: read a file as a `Dataset`.
public enum DataLoader {
    public static func dataset(path: String, format: DataFormat? = nil, csv: CSVOptions = CSVOptions(),
                               options: DatasetOptions) throws -> Dataset {
        switch format ?? DataFormat.infer(path: path) {
        case .libsvm:
            return try LIBSVMReader.read(path: path, task: options.task)
        case .csv:
            var csv = csv
            if options.task == .classification {
                csv.keepText = options.target.map { .columns([$0]) } ?? .lastColumn
            }
            return try Dataset(table: try CSVReader(options: csv).read(path: path), options: options)
        }
    }
}
