import Lagrange

/// The header of a CSV file, read before streaming it, so a streaming command can pick its
/// columns by name before the first chunk arrives. It reads the file's first two records
/// through the ordinary reader (so quoting, the byte-order mark and every header error behave
/// exactly as in a full read) and stops there.
enum CSVHeaderPeek {
    static func columnNames(path: String, options: CSVOptions) throws -> [String] {
        let source = FirstRecordsSource(try FileByteSource(path: path), records: 2)
        return try CSVReader(options: options).read(source).columnNames
    }

    /// Passes bytes through until `records` record ends (line breaks outside quotes) were seen.
    private final class FirstRecordsSource: ByteSource {
        private let base: FileByteSource
        private var remaining: Int
        private var inQuotes = false
        var name: String { base.name }

        init(_ base: FileByteSource, records: Int) {
            self.base = base
            remaining = records
        }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            guard remaining > 0 else { return 0 }
            let count = try base.read(into: buffer)
            for index in 0..<count {
                let byte = buffer[index]
                if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
                if byte == UInt8(ascii: "\n"), !inQuotes {
                    remaining -= 1
                    if remaining == 0 { return index + 1 }
                }
            }
            return count
        }
    }
}
