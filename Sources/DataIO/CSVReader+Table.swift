import Dispatch
import LinearAlgebra

extension CSVReader {
    /// Reads every block of `window` into one table.
    ///
    /// The numbers go into one array sized once, from the first block's numbers per byte times
    /// the input's length (plus a margin); each block's parts are copied into it concurrently,
    /// each thread copying its own part, so the page faults of the final matrix are shared too.
    /// Numbers past the estimate (an uneven file, or an input of unknown length) go to an
    /// overflow array appended at the end.
    func readTable<Window: CSVWindow>(_ window: Window, expectedBytes: Int?) throws -> CSVTable {
        var blocks = try CSVBlocks(window: window, options: options)
        defer { blocks.release() }
        var assembler = CSVTable.Assembler()
        var block = try blocks.next()
        let firstValues = block?.reduce(0) { $0 + $1.parser.values.count } ?? 0
        let firstBytes = block?.reduce(0) { $0 + $1.byteCount } ?? 0
        var capacity = 2 * firstValues
        if let expectedBytes, firstBytes > 0 {
            capacity = max(firstValues, Int(Double(firstValues) / Double(firstBytes) * Double(expectedBytes) * 1.1) + 1024)
        }
        var overflow: [Double] = []
        var storage = try [Double](unsafeUninitializedCapacity: capacity) { buffer, filled in
            while let parts = block {
                for part in parts {
                    assembler.append(try CSVChunk(part.parser, firstLine: part.firstLine, header: blocks.header,
                                                  values: Matrix.zeros(0, blocks.header.count)),
                                     rows: part.parser.rows)
                }
                filled = Self.copy(parts, into: buffer, from: filled, overflow: &overflow)
                block = try blocks.next()
            }
        }
        if !overflow.isEmpty { storage.append(contentsOf: overflow) }
        return try assembler.table(source: window.name, columnNames: blocks.header, storage: storage)
    }

    /// Copies the parts' numbers, in order, to `buffer[filled...]` (one thread per part) and
    /// whatever does not fit to `overflow`; returns the new fill of `buffer`.
    private static func copy(_ parts: [CSVParsedPart], into buffer: UnsafeMutableBufferPointer<Double>, from filled: Int,
                             overflow: inout [Double]) -> Int {
        var starts: [Int] = []
        var next = filled
        for part in parts {
            starts.append(next)
            next += part.parser.values.count
        }
        let fits = { (k: Int) in max(0, min(parts[k].parser.values.count, buffer.count - starts[k])) }
        let copyPart = { (k: Int) in
            let count = fits(k)
            if count > 0 { (buffer.baseAddress! + starts[k]).initialize(from: parts[k].parser.values.baseAddress!, count: count) }
        }
        // Part k writes only buffer[starts[k] ..< starts[k] + fits(k)].
        Parallel.forEach(parts.count, threads: parts.count, copyPart)
        for k in parts.indices where fits(k) < parts[k].parser.values.count {
            overflow.append(contentsOf: parts[k].parser.values[fits(k)...])
        }
        return min(next, buffer.count)
    }
}
