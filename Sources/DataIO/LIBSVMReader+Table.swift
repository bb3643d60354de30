import LinearAlgebra

extension LIBSVMReader {
    /// A LIBSVM file as a table, for `lagrange describe` and `predict`: the features `f1 … fp`
    /// (absent entries are zeros, as everywhere in LIBSVM; p is the largest index in the file,
    /// or `featureCount` when that is larger — a test file need not mention a model's last
    /// features) and a last column `label`, numeric when every label is a number, else text
    /// (summarized by class counts).
    public static func table(path: String, featureCount: Int = 0) throws -> CSVTable {
        let (dataset, lines) = try readWithLines(try FileByteSource(path: path), task: .unsupervised)
        guard case let .labels(codes, encoding)? = dataset.target else {
            throw DataError(.invalidSyntax, file: dataset.source, "has no labels")
        }
        let labels = codes.map { encoding.classes[$0] }
        let numbers = labels.map { Double($0) }
        let numeric = numbers.allSatisfy { $0?.isFinite == true }   // else the column is text
        let n = dataset.sampleCount
        let read = dataset.featureCount
        let p = max(read, featureCount)
        var storage = [Double](repeating: 0, count: n * (p + 1))
        dataset.features.storage.withUnsafeBufferPointer { x in
            for i in 0..<n {
                for j in 0..<read { storage[i * (p + 1) + j] = x[i * read + j] }
                storage[i * (p + 1) + p] = numeric ? numbers[i]! : .nan
            }
        }
        let firstText = numbers.firstIndex { $0?.isFinite != true }.map { [p: CellLocation(line: lines[$0], column: 1, text: labels[$0])] } ?? [:]
        return CSVTable(source: dataset.source, columnNames: (0..<p).map { "f\($0 + 1)" } + ["label"],
                        values: try Matrix(rows: n, columns: p + 1, storage: storage),
                        textColumns: numeric ? [:] : [p: labels.map { $0 }],
                        missingCounts: [Int](repeating: 0, count: p + 1),
                        firstMissing: [:], firstText: firstText, firstNonFinite: [:])
    }
}
