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
            return try dataset(csv: try FileByteSource(path: path), options: csv, dataset: options)
        }
    }

    /// A dataset from CSV bytes. For classification the target column's text is kept as
    /// written, so numeric labels come back exactly as given (`1.0`, `007`).
    public static func dataset<Source: ByteSource>(csv source: Source, options csv: CSVOptions = CSVOptions(),
                                                   dataset options: DatasetOptions) throws -> Dataset {
        var csv = csv
        if options.task == .classification {
            csv.keepText = options.target.map { .columns([$0]) } ?? .lastColumn
        }
        return try Dataset(table: try CSVReader(options: csv).read(source), options: options)
    }
}
