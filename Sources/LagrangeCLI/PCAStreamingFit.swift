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

    static func run(options: PCADataOptions, label: String?, parameters: PCAParameters) throws -> Result {
        let format = options.format?.format ?? DataFormat.infer(path: options.data)
        if format == .libsvm {
            let dataset = try options.dataset(task: .unsupervised)
            var moments = CovarianceAccumulator(featureCount: dataset.featureCount, threads: ExecutionContext.availableCores)
            var sample = PCAReportSample(featureCount: dataset.featureCount)
            try moments.add(dataset.features)
            sample.offer(dataset.features, columns: Array(0..<dataset.featureCount)) { _ in nil }
            return Result(model: try parameters.fit(moments, featureNames: dataset.featureNames), sample: sample, source: dataset.source)
        }
        // This command owns the process: OpenBLAS gets one thread (the stream's parts already
        // run on every core), and its pool, whose idle worker would spin through the stream, is
        // parked. The library streams the file; this side picks the columns by name and keeps
        // the report's sample of rows.
        OpenBLASControl.setThreadCount(1)
        OpenBLASControl.parkWorkerThreads()
        let source = options.data == "-" ? "<stdin>" : options.data
        var labelColumn: Int?
        var sample: PCAReportSample?
        let showRows: ProgressSink = { event in Console.progress("pca: \(event.step) rows read") }
        let progress = Console.showsProgress ? showRows : nil
        let pickColumns: ([String]) throws -> [Int] = { header in
            let plan = try ColumnPlan(header: header, options: options, label: label, file: source)
            labelColumn = plan.label
            return plan.features
        }
        let keepSample: (CSVBorrowedPart, [Int]) throws -> Void = { part, features in
            if sample == nil { sample = PCAReportSample(featureCount: features.count) }
            sample!.offer(part, features: features, labelColumn: labelColumn)
        }
        let model = try parameters.fit(csv: options.data, reader: CSVReader(options: try options.csvOptions()),
                                       featureColumns: pickColumns, context: ExecutionContext(progress: progress),
                                       observe: keepSample)
        Console.endProgress()
        return Result(model: model, sample: sample ?? PCAReportSample(featureCount: model.featureCount), source: source)
    }

    static func numberLabel(_ value: Double) -> String {
        value.isNaN ? "(missing)" : NumberFormatting.shortest(value)
    }

    /// Which columns are features and which one (if any) holds labels, by name.
    struct ColumnPlan {
        var features: [Int]
        var label: Int?

        init(header: [String], options: PCADataOptions, label: String?, file: String) throws {
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
    /// Fixed seed: the same file gives the same sample.
    private var generator = SeededGenerator(seed: 0x9E37_79B9_7F4A_7C15)

    init(featureCount: Int) { self.featureCount = featureCount }

    var rowCount: Int { labels.count }

    mutating func offer(_ values: Matrix, columns: [Int], label: (Int) -> String?) {
        offer(count: values.rows, columns: columns, value: { values[$0, $1] }, label: label)
    }

    /// Offers a streamed part's rows, keeping the feature columns; a row's label is the text or
    /// number in `labelColumn`, if any.
    mutating func offer(_ part: CSVBorrowedPart, features: [Int], labelColumn: Int?) {
        let stride = part.chunk.columnNames.count
        let texts = labelColumn.flatMap { part.chunk.textCells[$0] }.map { cells in
            Dictionary(cells.map { ($0.row, $0.text) }, uniquingKeysWith: { first, _ in first })
        }
        let values = part.values
        offer(count: part.rows, columns: features, value: { values[$0 * stride + $1] }) { row in
            labelColumn.flatMap { texts?[row] ?? PCAStreamingFit.numberLabel(values[row * stride + $0]) }
        }
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
                let draw = Int.random(in: 0...seen, using: &generator)
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
