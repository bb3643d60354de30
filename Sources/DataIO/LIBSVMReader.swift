import LinearAlgebra

/// Reads LIBSVM sparse text: one sample per line, `label index:value index:value …`, indices
/// 1-based and strictly ascending, absent entries zero. `#` starts a comment. Features are
/// named `f1 … fp`, p the largest index seen.
public enum LIBSVMReader {
    /// Features become dense columns, so an index is also a width: a bad index such as 10¹⁵
    /// must be an error, not an allocation that traps. 2²⁰: fuzzing found that a 48-byte file
    /// with index 11,111,111 (under the old 2²⁴) took seconds and hundreds of MB to densify.
    public static let maxFeatureIndex = 1 << 20
    /// The most values (samples × width) the dense matrix may hold: 2²⁸, 2 GiB of doubles. A
    /// few hundred short lines with a large index would otherwise ask for more memory than
    /// there is, and the allocation would trap.
    public static let maxDenseValues = 1 << 28

    public static func read(path: String, task: LearningTask) throws -> Dataset {
        try read(try FileByteSource(path: path), task: task)
    }

    public static func read<Source: ByteSource>(_ source: Source, task: LearningTask) throws -> Dataset {
        try readWithLines(source, task: task).dataset
    }

    /// `read`, also giving the physical line of each sample.
    static func readWithLines<Source: ByteSource>(_ source: Source, task: LearningTask) throws -> (dataset: Dataset, lines: [Int]) {
        var source = source
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        let file = source.name
        var labels: [String] = []
        var labelLines: [Int] = []
        var entries: [(row: Int, column: Int, value: Double)] = []
        var width = 0
        var lineNumber = 0
        for rawLine in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if let hash = line.firstIndex(of: UInt8(ascii: "#")) { line = line[..<hash] }
            let tokens = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D })
            guard let labelToken = tokens.first else { continue }
            guard let label = String(validating: labelToken, as: UTF8.self) else {
                throw DataError(.invalidUTF8, file: file, line: lineNumber, column: 1, "invalid UTF-8 in the label")
            }
            let row = labels.count
            labels.append(label)
            labelLines.append(lineNumber)
            var previous = 0
            for (t, token) in tokens.dropFirst().enumerated() {
                let column = t + 2
                guard let colon = token.firstIndex(of: UInt8(ascii: ":")),
                      let index = Int(String(decoding: token[..<colon], as: UTF8.self)) else {
                    throw DataError(.invalidSyntax, file: file, line: lineNumber, column: column,
                                    "expected 'index:value', got '\(String(decoding: token.prefix(40), as: UTF8.self))'")
                }
                guard index <= maxFeatureIndex else {
                    throw DataError(.invalidSyntax, file: file, line: lineNumber, column: column,
                                    "feature index \(index) is beyond \(maxFeatureIndex), the most features a dense matrix is built with")
                }
                guard index > previous else {
                    throw DataError(.invalidSyntax, file: file, line: lineNumber, column: column,
                                    "feature index \(index) is not above the previous \(previous); indices are 1-based and ascending")
                }
                let valueBytes = Array(token[token.index(after: colon)...])
                guard let value = valueBytes.withUnsafeBufferPointer({ $0.count > 0 ? DecimalParser.parse($0.baseAddress!, $0.count) : nil }) else {
                    throw DataError(.nonNumeric, file: file, line: lineNumber, column: column,
                                    "value '\(String(decoding: valueBytes.prefix(40), as: UTF8.self))' of feature \(index) is not a number")
                }
                guard value.isFinite else {
                    throw DataError(.nonFinite, file: file, line: lineNumber, column: column, "non-finite value of feature \(index)")
                }
                previous = index
                width = max(width, index)
                entries.append((row, index - 1, value))
            }
        }
        guard !labels.isEmpty else { throw DataError(.empty, file: file, "has no samples") }
        guard labels.count >= 2 else { throw DataError(.tooFewRows, file: file, "has 1 sample; at least 2 are needed") }
        guard width > 0 else { throw DataError(.notEnoughColumns, file: file, "has no feature entries") }
        let (cells, overflow) = labels.count.multipliedReportingOverflow(by: width)
        guard !overflow, cells <= maxDenseValues else {
            throw DataError(.invalidSyntax, file: file,
                            "\(labels.count) samples × \(width) features (the largest index) is more than \(maxDenseValues) values as a dense matrix; Lagrange reads LIBSVM data densely — number the features compactly")
        }
        var features = Matrix.zeros(labels.count, width)
        for entry in entries { features[entry.row, entry.column] = entry.value }
        let target: Target?
        switch task {
        case .regression:
            var values: [Double] = []
            for (i, label) in labels.enumerated() {
                guard let value = Double(label), value.isFinite else {
                    throw DataError(.nonNumeric, file: file, line: labelLines[i], column: 1, "label '\(label)' of sample \(i + 1) is not a number; a regression needs numeric labels")
                }
                values.append(value)
            }
            target = .values(values)
        case .classification, .unsupervised:
            let encoding = LabelEncoding(fitting: labels)
            if task == .classification, encoding.count < 2 {
                throw DataError(.singleClass, file: file, "every sample has the label '\(labels[0])'; a classifier needs at least two classes")
            }
            target = .labels(codes: encoding.encode(labels)!, encoding: encoding)
        }
        let dataset = Dataset(source: file, features: features, featureNames: (1...width).map { "f\($0)" },
                              targetName: "label", target: target)
        return (dataset, labelLines)
    }
}
