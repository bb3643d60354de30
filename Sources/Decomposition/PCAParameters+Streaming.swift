import DataIO
import LinearAlgebra
import Modeling
import Statistics

extension PCAParameters {
    /// Fits PCA to a CSV file (or standard input, path "-") without holding it: the rows stream
    /// block by block into a `CovarianceAccumulator`, so memory is O(p²) however long the file.
    ///
    /// Each block's parts (one per parsing thread) are read in place and added concurrently,
    /// part k to accumulator k; the accumulators are merged in part order at the end (exact
    /// shifted merge), so the model depends on the reader's thread count but not on timing.
    /// `featureColumns` picks the feature columns from the header (called once, with the column
    /// names); a block with a text, missing or non-finite feature cell is refused with its file,
    /// line and column. `observe` sees every part after it is added (for a report's sample of
    /// rows). Progress events: stage "read", step = rows read so far.
    ///
    /// The parts already keep `reader.options.threads` threads busy; BLAS is called once per
    /// part on its own block, with OpenBLAS's own thread count, which this function reads but
    /// never sets (a program streaming on every core sets OpenBLAS to one thread).
    public func fit(csv path: String, reader: CSVReader, featureColumns: ([String]) throws -> [Int],
                    context: ExecutionContext = ExecutionContext(),
                    observe: ((CSVBorrowedPart, _ featureColumns: [Int]) throws -> Void)? = nil) throws -> PCAModel {
        try validate()
        let source = path == "-" ? "<stdin>" : path
        var stream: PCAStream?
        try reader.forEachBlockInPlace(path: path) { parts in
            if stream == nil, let first = parts.first {
                let header = first.chunk.columnNames
                let columns = try featureColumns(header)
                guard !columns.isEmpty, columns.allSatisfy({ header.indices.contains($0) }) else {
                    throw DataError(.notEnoughColumns, file: source, "no feature columns are left to analyse")
                }
                stream = PCAStream(columns: columns, names: columns.map { header[$0] }, stride: header.count)
            }
            try stream!.add(parts, source: source)
            if let observe { for part in parts { try observe(part, stream!.columns) } }
            context.report(ProgressEvent(stage: "read", step: stream!.rowCount))
        }
        guard let stream else { throw DataError(.headerOnly, file: source, "has a header row but no data rows") }
        let moments = try stream.merged()
        guard moments.count >= 2 else {
            throw DataError(.tooFewRows, file: source, "has \(moments.count) data row; PCA needs at least 2")
        }
        return try fit(moments, featureNames: stream.names)
    }
}

/// The running moments of a CSV stream: one accumulator per part position in a block.
struct PCAStream {
    let columns: [Int]
    let names: [String]
    /// Every column of the file (the stride of a parsed row).
    let stride: Int
    private var accumulators: [CovarianceAccumulator] = []
    private(set) var rowCount = 0

    init(columns: [Int], names: [String], stride: Int) {
        self.columns = columns
        self.names = names
        self.stride = stride
    }

    /// Refuses a block with a non-numeric feature cell (first in the file first), then adds
    /// part k to accumulator k, concurrently.
    mutating func add(_ parts: [CSVBorrowedPart], source: String) throws {
        for part in parts {
            try part.chunk.requireNumeric(columns: columns, names: part.chunk.columnNames, file: source)
        }
        while accumulators.count < parts.count {
            accumulators.append(CovarianceAccumulator(featureCount: columns.count))
        }
        let (stride, columns) = (self.stride, self.columns)
        var failures = [Error?](repeating: nil, count: parts.count)
        accumulators.withUnsafeMutableBufferPointer { slots in
            failures.withUnsafeMutableBufferPointer { failed in
                // Part k adds to accumulator k and records its own failure.
                Parallel.forEach(parts.count, threads: parts.count) { k in
                    do {
                        try slots[k].add(rows: parts[k].values, rowCount: parts[k].rows, stride: stride, columns: columns)
                    } catch {
                        failed[k] = error
                    }
                }
            }
        }
        if let error = failures.lazy.compactMap({ $0 }).first { throw error }
        rowCount += parts.reduce(0) { $0 + $1.rows }
    }

    /// All parts' moments, merged in part order.
    func merged() throws -> CovarianceAccumulator {
        var moments = CovarianceAccumulator(featureCount: columns.count)
        for slot in accumulators { try moments.merge(slot) }
        return moments
    }
}
