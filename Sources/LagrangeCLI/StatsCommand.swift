import ArgumentParser
import Lagrange
import OpenBLASControl

/// `lagrange stats`: the exact, mergeable sufficient statistics of one shard (the map step of
/// docs/scale.md), streamed in O(q²) memory.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Compute the mergeable sufficient statistics (n, means, centred scatter) of one data shard.",
        discussion: """
        Every column except --drop is kept; --target marks one as the target (none by default:
        a fit can still name one). The shard is streamed: memory is O(q²) for q columns plus one
        block. A header-only shard gives empty statistics (n = 0), which merge as nothing.
        --data - reads standard input and --output - writes standard output, so the command
        runs as a map task of an engine such as Spark. The binary format is in docs/scale.md.
        """
    )

    @OptionGroup var dataOptions: DataOptions

    @Option(help: ArgumentHelp("Rows with a missing cell in a kept column: fail (default) or omit (counted in the file).", valueName: "policy"))
    var missing: MissingPolicy = .fail

    @Option(help: ArgumentHelp("Write the statistics here ('-' for standard output).", valueName: "file"))
    var output: String

    @OptionGroup var outputOptions: OutputOptions

    enum MissingPolicy: String, ExpressibleByArgument, CaseIterable { case fail, omit }

    func run() throws {
        outputOptions.apply()
        let statistics = try ShardStatistics.compute(options: dataOptions, omitMissing: missing == .omit)
        try StatisticsFile.write(statistics, to: output)
        let summary = "\(dataOptions.data == "-" ? "<stdin>" : dataOptions.data): \(statistics.count) rows × \(statistics.columnNames.count) columns"
            + (statistics.targetName.map { ", target '\($0)'" } ?? "")
            + (statistics.omittedRows > 0 ? ", \(statistics.omittedRows) rows with missing values omitted" : "")
        // With the statistics on standard output, the summary goes to standard error.
        if output == "-" { Console.info(summary) } else { Console.print(summary + "; statistics written to \(output)") }
    }
}

/// The streaming accumulation of one shard.
enum ShardStatistics {
    static func compute(options: DataOptions, omitMissing: Bool) throws -> SufficientStatistics {
        let format = options.format?.format ?? DataFormat.infer(path: options.data)
        if format == .libsvm {
            return try SufficientStatistics(try options.dataset(task: .regression), context: ExecutionContext())
        }
        let source = options.data == "-" ? "<stdin>" : options.data
        var csv = try options.csvOptions()
        csv.requiresRows = false
        let reader = CSVReader(options: csv)
        // This command owns the process: the parts of a block are accumulated on every core,
        // each with a one-thread BLAS (as `fit pca` does).
        OpenBLASControl.setThreadCount(1)
        OpenBLASControl.parkWorkerThreads()
        var state: State?
        let header = try reader.forEachBlockInPlace(path: options.data) { parts in
            if state == nil, let first = parts.first {
                state = try State(plan: Plan(header: first.chunk.columnNames, options: options, file: source), omitMissing: omitMissing)
            }
            try state!.consume(parts, source: source)
            Console.progress("stats: \(state!.rowCount) rows read")
        }
        Console.endProgress()
        let finished = try state ?? State(plan: Plan(header: header, options: options, file: source), omitMissing: omitMissing)
        return try finished.finish()
    }

    /// The kept columns, by name: every column but --drop, the --target (if any) last.
    struct Plan {
        var names: [String]
        var columns: [Int]
        var hasTarget: Bool
        var stride: Int

        init(header: [String], options: DataOptions, file: String) throws {
            func index(_ name: String, _ role: String) throws -> Int {
                guard let j = header.firstIndex(of: name) else {
                    throw DataError(.unknownColumn, file: file,
                                    "no column named '\(name)' (\(role)); the columns are \(header.map { "'\($0)'" }.joined(separator: ", "))")
                }
                return j
            }
            let dropped = Set(try options.drop.map { try index($0, "--drop") })
            let target = try options.target.map { try index($0, "--target") }
            if let target, dropped.contains(target) {
                throw DataError(.unknownColumn, file: file, "the target '\(header[target])' is also dropped; keep it or name another --target")
            }
            columns = header.indices.filter { !dropped.contains($0) && $0 != target } + (target.map { [$0] } ?? [])
            guard !columns.isEmpty else { throw DataError(.notEnoughColumns, file: file, "no columns are left after --drop") }
            names = columns.map { header[$0] }
            hasTarget = target != nil
            stride = header.count
        }
    }

    /// One statistics value per part position of a block (merged in order at the end).
    struct State {
        let plan: Plan
        let omitMissing: Bool
        var slots: [SufficientStatistics] = []
        private(set) var rowCount = 0

        init(plan: Plan, omitMissing: Bool) throws {
            self.plan = plan
            self.omitMissing = omitMissing
            _ = try empty()
        }

        func empty() throws -> SufficientStatistics {
            try SufficientStatistics(columnNames: plan.names, targetName: plan.hasTarget ? plan.names.last : nil)
        }

        /// Refuses text and non-finite cells (and missing ones unless omitted), located; adds
        /// the parts concurrently, each into its own slot.
        mutating func consume(_ parts: [CSVBorrowedPart], source: String) throws {
            let plan = self.plan, omit = omitMissing
            for part in parts {
                var chunk = part.chunk
                if omit { chunk.firstMissing = [:] }
                try chunk.requireNumeric(columns: plan.columns, names: chunk.columnNames, file: source)
            }
            while slots.count < parts.count { slots.append(try empty()) }
            var failures = [Error?](repeating: nil, count: parts.count)
            slots.withUnsafeMutableBufferPointer { slots in
                failures.withUnsafeMutableBufferPointer { failed in
                    // Part k adds to slot k and records its own failure.
                    Parallel.forEach(parts.count, threads: parts.count) { k in
                        do {
                            let part = parts[k]
                            let hasMissing = omit && plan.columns.contains { part.chunk.missingCounts[$0] > 0 }
                            if hasMissing {
                                let (complete, kept) = Self.completeRows(part, plan: plan)
                                try complete.withUnsafeBufferPointer { rows in
                                    try slots[k].add(rows: rows, rowCount: kept, stride: plan.columns.count,
                                                     columns: Array(0..<plan.columns.count))
                                }
                                slots[k].noteOmitted(part.rows - kept)
                            } else {
                                try slots[k].add(rows: part.values, rowCount: part.rows, stride: plan.stride, columns: plan.columns)
                            }
                        } catch {
                            failed[k] = error
                        }
                    }
                }
            }
            if let error = failures.lazy.compactMap({ $0 }).first { throw error }
            rowCount += parts.reduce(0) { $0 + $1.rows }
        }

        /// The kept columns of the rows whose kept cells are all present (missing cells are NaN).
        static func completeRows(_ part: CSVBorrowedPart, plan: Plan) -> ([Double], Int) {
            var out: [Double] = []
            out.reserveCapacity(part.rows * plan.columns.count)
            var kept = 0
            for i in 0..<part.rows {
                let row = i * plan.stride
                guard plan.columns.allSatisfy({ !part.values[row + $0].isNaN }) else { continue }
                for j in plan.columns { out.append(part.values[row + j]) }
                kept += 1
            }
            return (out, kept)
        }

        func finish() throws -> SufficientStatistics {
            var total = try empty()
            for slot in slots { try total.merge(slot) }
            return total
        }
    }
}
