import Lagrange
import OpenBLASControl

/// The streaming half of `lagrange fit pca`: the CSV input is read block by block into a
/// `CovarianceAccumulator` (O(p²) memory), while a fixed-size uniform sample of rows (and
/// their labels) is kept for the report's score scatter.
enum PCAStreamingFit {
    struct Result {
        var model: PCAModel
        var sample: PCAReportSample
        var source: String
        /// What to save: the model, or the pipeline around it (`PCAInMemoryFit`).
        var saved: any Model
        var omittedRows = 0

        init(model: PCAModel, sample: PCAReportSample, source: String, saved: (any Model)? = nil, omittedRows: Int = 0) {
            self.model = model
            self.sample = sample
            self.source = source
            self.saved = saved ?? model
            self.omittedRows = omittedRows
        }
    }

    static func run(options: DataOptions, label: String?, parameters: PCAParameters) throws -> Result {
        let format = options.format?.format ?? DataFormat.infer(path: options.data)
        if format == .libsvm {
            let dataset = try options.dataset(task: .unsupervised)
            var moments = CovarianceAccumulator(featureCount: dataset.featureCount, threads: ExecutionContext.availableCores)
            var sample = PCAReportSample(featureCount: dataset.featureCount)
            try moments.add(dataset.features)
            sample.offer(dataset.features, columns: Array(0..<dataset.featureCount)) { _ in nil }
            return Result(model: try parameters.fit(moments, featureNames: dataset.featureNames), sample: sample, source: dataset.source)
        }
        // Files and standard input alike are streamed; the columns are chosen by name when
        // the first block (whose parts carry the header) arrives. Each block's parts are read
        // in place and added concurrently, each part to its own accumulator (one per parsing
        // thread), with a one-thread BLAS: both cores parse, then both accumulate. (Consuming
        // on a second thread while the next block is parsed measured slower on two cores:
        // four busy threads, and a copy of every number.)
        var state: State?
        let source = options.data == "-" ? "<stdin>" : options.data
        let reader = CSVReader(options: try options.csvOptions())
        // This command owns the process: OpenBLAS gets one thread (the parts already run on every
        // core), and its pool, whose idle worker would spin through the stream, is parked.
        OpenBLASControl.setThreadCount(1)
        OpenBLASControl.parkWorkerThreads()
        try reader.forEachBlockInPlace(path: options.data) { parts in
            if state == nil, let first = parts.first {
                state = State(plan: try ColumnPlan(header: first.chunk.columnNames, options: options, label: label, file: source))
            }
            try state!.consume(parts, source: source)
            Console.progress("pca: \(state!.rowCount) rows read")
        }
        Console.endProgress()
        guard let state else { throw DataError(.headerOnly, file: source, "has a header row but no data rows") }
        return try state.finish(parameters: parameters, source: source)
    }

    static func numberLabel(_ value: Double) -> String {
        value.isNaN ? "(missing)" : NumberFormatting.shortest(value)
    }

    /// Which columns are features and which one (if any) holds labels, by name.
    struct ColumnPlan {
        var names: [String]
        var features: [Int]
        var label: Int?
        /// Every column of the file, features or not (the stride of a parsed row).
        var columnCount: Int
        var source: String

        init(header: [String], options: DataOptions, label: String?, file: String) throws {
            func index(_ name: String, _ role: String) throws -> Int {
                guard let j = header.firstIndex(of: name) else {
                    throw DataError(.unknownColumn, file: file,
                                    "no column named '\(name)' (\(role)); the columns are \(header.map { "'\($0)'" }.joined(separator: ", "))")
                }
                return j
            }
            var excluded = Set(try options.droppedColumns.map { try index($0, "--drop") })
            if let target = options.target { excluded.insert(try index(target, "--target")) }
            self.label = try label.map { try index($0, "--label") }
            if let j = self.label { excluded.insert(j) }
            features = header.indices.filter { !excluded.contains($0) }
            guard !features.isEmpty else {
                throw DataError(.notEnoughColumns, file: file, "no feature columns are left after taking out --drop, --target and --label")
            }
            names = features.map { header[$0] }
            columnCount = header.count
            source = file
        }
    }

    /// The running state: the moments (one accumulator per part position in a block, merged
    /// in that order at the end) and the report sample.
    struct State {
        var plan: ColumnPlan
        var accumulators: [CovarianceAccumulator] = []
        var sample: PCAReportSample
        private(set) var rowCount = 0

        init(plan: ColumnPlan) {
            self.plan = plan
            sample = PCAReportSample(featureCount: plan.features.count)
        }

        /// Refuses a block with a text, missing or non-finite feature cell (located, first in
        /// the file first), adds its parts concurrently, then offers their rows to the sample.
        mutating func consume(_ parts: [CSVBorrowedPart], source: String) throws {
            let plan = self.plan
            for part in parts {
                try part.chunk.requireNumeric(columns: plan.features, names: part.chunk.columnNames, file: source)
            }
            while accumulators.count < parts.count {
                accumulators.append(CovarianceAccumulator(featureCount: plan.features.count))
            }
            let stride = plan.columnCount
            var failures = [Error?](repeating: nil, count: parts.count)
            accumulators.withUnsafeMutableBufferPointer { slots in
                failures.withUnsafeMutableBufferPointer { failed in
                    // Part k adds to accumulator k and records its own failure.
                    Parallel.forEach(parts.count, threads: parts.count) { k in
                        do {
                            try slots[k].add(rows: parts[k].values, rowCount: parts[k].rows, stride: stride, columns: plan.features)
                        } catch {
                            failed[k] = error
                        }
                    }
                }
            }
            if let error = failures.lazy.compactMap({ $0 }).first { throw error }
            for part in parts {
                let texts = plan.label.flatMap { part.chunk.textCells[$0] }.map { cells in
                    Dictionary(cells.map { ($0.row, $0.text) }, uniquingKeysWith: { first, _ in first })
                }
                let values = part.values
                sample.offer(count: part.rows, columns: plan.features, value: { values[$0 * stride + $1] }) { row in
                    plan.label.flatMap { texts?[row] ?? PCAStreamingFit.numberLabel(values[row * stride + $0]) }
                }
                rowCount += part.rows
            }
        }

        func finish(parameters: PCAParameters, source: String) throws -> Result {
            var moments = CovarianceAccumulator(featureCount: plan.features.count)
            for slot in accumulators { try moments.merge(slot) }
            guard moments.count >= 2 else {
                throw DataError(.tooFewRows, file: source, "has \(moments.count) data row; PCA needs at least 2")
            }
            let model = try parameters.fit(moments, featureNames: plan.names)
            return Result(model: model, sample: sample, source: source)
        }
    }
}

/// A uniform random sample of at most `capacity` rows (reservoir sampling, Algorithm R, with
/// a fixed seed so a report is reproducible), with each row's label, for the score scatter.
struct PCAReportSample {
    static let capacity = 3000
    let featureCount: Int
    private(set) var rows: [Double] = []
    private(set) var labels: [String?] = []
    private var seen = 0
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    init(featureCount: Int) { self.featureCount = featureCount }

    var rowCount: Int { labels.count }

    mutating func offer(_ values: Matrix, columns: [Int], label: (Int) -> String?) {
        offer(count: values.rows, columns: columns, value: { values[$0, $1] }, label: label)
    }

    /// Offers `count` rows whose cell (i, j) is `value(i, j)`, keeping the given columns.
    mutating func offer(count: Int, columns: [Int], value: (Int, Int) -> Double, label: (Int) -> String?) {
        for i in 0..<count {
            var slot: Int?
            if seen < Self.capacity {
                slot = labels.count
                rows.append(contentsOf: repeatElement(0, count: featureCount))
                labels.append(nil)
            } else {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let draw = Int((state >> 11) % UInt64(seen + 1))
                if draw < Self.capacity { slot = draw }
            }
            seen += 1
            guard let slot else { continue }
            for (k, j) in columns.enumerated() { rows[slot * featureCount + k] = value(i, j) }
            labels[slot] = label(i)
        }
    }

    var matrix: Matrix { (try? Matrix(rows: rowCount, columns: featureCount, storage: rows)) ?? Matrix.zeros(0, featureCount) }
}
