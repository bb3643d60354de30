import ArgumentParser
import Lagrange

/// `--stats PART…`: fit from merged statistics files instead of `--data` rows.
struct StatisticsInputOptions: ParsableArguments {
    @Option(parsing: .upToNextOption,
            help: ArgumentHelp("Fit from statistics files (from 'lagrange stats' / 'lagrange merge', merged if several) instead of --data.", valueName: "part"))
    var stats: [String] = []

    var isActive: Bool { !stats.isEmpty }

    /// `--data` and `--stats` exclude each other; one of them is needed (DataOptions lets
    /// `--data` be absent only when `--stats` is on the command line).
    func check(data: some DataInput) throws {
        if isActive, data.dataPath != nil { throw ValidationError("give --data or --stats, not both") }
    }
}

/// Reading, merging and selecting statistics for the fitting commands.
enum StatisticsInput {
    struct Merged {
        var total: SufficientStatistics
        var parts: [SufficientStatistics]
        var source: String
    }

    /// Reads every file and merges them left to right; a part whose columns, target or
    /// version differ is refused in one line naming it and the first part.
    static func mergeFiles(_ paths: [String]) throws -> Merged {
        var parts: [SufficientStatistics] = []
        for path in paths {
            let part = try StatisticsFile.read(path: path)
            if let first = parts.first {
                do {
                    try first.requireCompatible(part)
                } catch let LagrangeError.invalidData(message) {
                    throw DataError(.modelFile, file: path, "\(message) (against \(paths[0]))")
                }
            }
            parts.append(part)
        }
        let total = try SufficientStatistics.merged(parts)
        let source = paths.count == 1 ? paths[0] : "\(paths.count) statistics files (\(paths[0]), …)"
        return Merged(total: total, parts: parts, source: source)
    }

    /// The columns a supervised fit uses: the target is --target, else the statistics' own
    /// target, else the last column; the features are the other columns but --drop.
    static func supervised(_ statistics: SufficientStatistics, options: some DataInput) throws -> SufficientStatistics {
        let target = options.target ?? statistics.targetName ?? statistics.columnNames.last!
        try requireColumns([target] + options.droppedColumns, of: statistics)
        let excluded = Set(options.droppedColumns + [target])
        return try statistics.selecting(features: statistics.columnNames.filter { !excluded.contains($0) }, target: target)
    }

    /// The columns PCA uses: all but the statistics' target, --target and --drop.
    static func unsupervised(_ statistics: SufficientStatistics, options: some DataInput) throws -> SufficientStatistics {
        try requireColumns((options.target.map { [$0] } ?? []) + options.droppedColumns, of: statistics)
        let excluded = Set(options.droppedColumns + [options.target, statistics.targetName].compactMap { $0 })
        let features = statistics.columnNames.filter { !excluded.contains($0) }
        guard !features.isEmpty else {
            throw LagrangeError.invalidData("no feature columns are left after taking out --drop and the target")
        }
        return try statistics.selecting(features: features, target: nil)
    }

    static func requireColumns(_ names: [String], of statistics: SufficientStatistics) throws {
        if let unknown = names.first(where: { !statistics.columnNames.contains($0) }) {
            throw LagrangeError.invalidData("no column named '\(unknown)' in the statistics; the columns are \(statistics.columnNames.map { "'\($0)'" }.joined(separator: ", "))")
        }
    }

    /// One line: rows, columns, target, and the rows omitted when the shards were read.
    static func describe(_ statistics: SufficientStatistics, source: String) -> String {
        "\(source): \(statistics.count) rows × \(statistics.featureNames.count) features"
            + (statistics.targetName.map { ", target '\($0)'" } ?? "")
            + (statistics.omittedRows > 0 ? " (\(statistics.omittedRows) rows with missing values omitted by 'stats')" : "")
    }
}
