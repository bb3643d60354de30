/// The records of CSV text as the exact bytes written, for commands that copy rows without
/// reinterpreting them (`lagrange split`): a record ends at a line break outside quotes; its
/// line terminator (LF or CRLF) is not part of it; blank lines are skipped, as the reader
/// skips them.
public enum CSVRecords {
    /// The byte ranges of every record of `bytes`, the header first.
    public static func ranges(_ bytes: [UInt8], quote: UInt8 = UInt8(ascii: "\"")) -> [Range<Int>] {
        var records: [Range<Int>] = []
        var start = 0
        var quoted = false
        var i = 0
        func close(_ end: Int) {
            var last = end
            if last > start, bytes[last - 1] == UInt8(ascii: "\r") { last -= 1 }
            if last > start { records.append(start..<last) }
        }
        while i < bytes.count {
            let byte = bytes[i]
            if byte == quote {
                quoted.toggle()
            } else if byte == UInt8(ascii: "\n"), !quoted {
                close(i)
                start = i + 1
            }
            i += 1
        }
        close(bytes.count)
        return records
    }
}
