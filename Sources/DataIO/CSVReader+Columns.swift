import LinearAlgebra

/// A whole CSV file in memory with its numbers stored column by column: `columns` is the
/// columnCount × rowCount matrix whose row j is column j of the file (NaN where a cell is
/// missing or text). For fits whose solvers read one column at a time (coordinate descent),
/// which would otherwise transpose a row-major table into a second matrix of the same size.
public struct CSVColumnTable: Sendable {
    /// The names, counts and first locations of the file, as `CSVReader.read` gives them, with
    /// an empty `values` matrix (0 × columnCount) and no text columns: the numbers are in `columns`.
    public var layout: CSVTable
    /// columnCount × rowCount: row j is the file's column j.
    public var columns: Matrix

    public var rowCount: Int { columns.columns }
    public var columnCount: Int { layout.columnCount }
}

extension CSVReader {
    /// Reads everything from `source` with the numbers stored column by column (see
    /// `CSVColumnTable`). Text cells are NaN and their text is not kept (`options.keepText` is
    /// ignored); `layout.firstText` still locates the first text cell of every column.
    ///
    /// A mapped file is read once: each block's numbers go from the parsers' scratch straight
    /// into the final matrix, transposed, so no row-major copy of the file is ever made. The
    /// row count is not known until the end, so the matrix is first laid out with room for an
    /// estimated r ≥ n rows per column (from the first block's rows per byte and the file's
    /// length, 2% over) and the columns are closed up at the end (one `memmove` per column). Rows
    /// past the estimate go to a row-major overflow, merged into a new matrix at the end (a
    /// file whose first block has much longer lines than the rest). Other sources are read as
    /// a table and transposed.
    public func readColumns<Source: ByteSource>(_ source: Source) throws -> CSVColumnTable {
        var options = self.options
        options.keepText = .none
        if let file = source as? FileByteSource, let mapping = file.mapped() {
            return try CSVReader(options: options).readColumns(mappedWindow(mapping, name: file.name), expectedBytes: mapping.size)
        }
        var table = try CSVReader(options: options).read(source)
        let columns = table.values.transposed
        table.values = Matrix.zeros(0, table.columnCount)
        return CSVColumnTable(layout: table, columns: columns)
    }

    /// `readColumns` of the file at `path` (`-` for standard input).
    public func readColumns(path: String) throws -> CSVColumnTable {
        try readColumns(try FileByteSource(path: path))
    }

    private func readColumns<Window: CSVWindow>(_ window: Window, expectedBytes: Int) throws -> CSVColumnTable {
        var blocks = try CSVBlocks(window: window, options: options)
        defer { blocks.release() }
        let width = blocks.header.count
        var assembler = CSVTable.Assembler()
        var block = try blocks.next()
        let firstRows = block?.reduce(0) { $0 + $1.parser.rows } ?? 0
        let firstBytes = block?.reduce(0) { $0 + $1.byteCount } ?? 0
        // r: the rows each column has room for (an estimate; see above).
        var room = max(firstRows, 1)
        if firstBytes > 0 {
            // A data row has width − 1 delimiters and a line end, so no more than (bytes + 1)/width
            // rows fit in the file: that caps an estimate thrown off by a first block of short lines.
            let estimate = Int(Double(firstRows) / Double(firstBytes) * Double(expectedBytes) * 1.02) + 2
            room = max(firstRows, min(estimate, (expectedBytes + 1) / max(width, 1) + 1))
        }
        var overflow: [Double] = []
        var rows = 0
        var storage = try [Double](unsafeUninitializedCapacity: width * room) { buffer, initialized in
            while let parts = block {
                for part in parts {
                    assembler.append(try CSVChunk(part.parser, firstLine: part.firstLine, header: blocks.header,
                                                  values: Matrix.zeros(0, width)),
                                     rows: part.parser.rows)
                }
                rows = Self.transpose(parts, into: buffer, room: room, width: width, from: rows, overflow: &overflow)
                block = try blocks.next()
            }
            if overflow.isEmpty {
                Self.closeUp(buffer, room: room, rows: rows, width: width)
                initialized = width * rows
            } else {
                initialized = width * room   // every row of every column was written
            }
        }
        if !overflow.isEmpty {
            storage = Self.merged(storage, room: room, overflow: overflow, width: width)
            rows = room + overflow.count / width
        }
        let layout = assembler.layout(source: window.name, columnNames: blocks.header)
        return CSVColumnTable(layout: layout, columns: try Matrix(rows: width, columns: rows, storage: storage))
    }

    /// Writes the parts' rows, in order from row `from`, into `buffer` transposed — row i,
    /// column j at `buffer[j·room + i]` — one thread per part, and appends the rows at or past
    /// `room` to `overflow` (row-major). Returns the row count so far.
    private static func transpose(_ parts: [CSVParsedPart], into buffer: UnsafeMutableBufferPointer<Double>, room: Int, width: Int,
                                  from first: Int, overflow: inout [Double]) -> Int {
        var starts: [Int] = []
        var next = first
        for part in parts {
            starts.append(next)
            next += part.parser.rows
        }
        let tile = 32
        let copyPart = { (k: Int) in
            let source = parts[k].parser.values
            let fitting = max(0, min(parts[k].parser.rows, room - starts[k]))
            guard fitting > 0, let base = buffer.baseAddress, let values = source.baseAddress else { return }
            // Tiles of 32 rows × 32 columns, so the writes of a column run along a few cache lines.
            for i0 in stride(from: 0, to: fitting, by: tile) {
                for j0 in stride(from: 0, to: width, by: tile) {
                    for i in i0 ..< min(i0 + tile, fitting) {
                        let row = values + i * width
                        let target = base + starts[k] + i
                        for j in j0 ..< min(j0 + tile, width) { target[j * room] = row[j] }
                    }
                }
            }
        }
        // Part k writes only rows starts[k] ..< starts[k] + (its fitting rows) of every column.
        Parallel.forEach(parts.count, threads: parts.count, copyPart)
        for k in parts.indices {
            let fitting = max(0, min(parts[k].parser.rows, room - starts[k]))
            if fitting < parts[k].parser.rows { overflow.append(contentsOf: parts[k].parser.values[(fitting * width)...]) }
        }
        return next
    }

    /// Moves column j from `buffer[j·room ..< j·room + rows]` to `buffer[j·rows ..< (j + 1)·rows]`,
    /// in increasing j. No column is overwritten before it moves: column j's destination ends at
    /// (j + 1)·rows ≤ (j + 1)·room, where column j + 1's source begins.
    private static func closeUp(_ buffer: UnsafeMutableBufferPointer<Double>, room: Int, rows: Int, width: Int) {
        guard rows < room, let base = buffer.baseAddress else { return }
        for j in 1 ..< max(width, 1) {
            // Source and destination of one column may overlap: copyMemory is memmove.
            UnsafeMutableRawPointer(base + j * rows).copyMemory(from: base + j * room, byteCount: rows * MemoryLayout<Double>.stride)
        }
    }

    /// The full column-major matrix from a full `room`-row one and the row-major rows past it.
    private static func merged(_ storage: [Double], room: Int, overflow: [Double], width: Int) -> [Double] {
        let extra = overflow.count / width
        let rows = room + extra
        var result = [Double](repeating: 0, count: width * rows)
        for j in 0..<width {
            for i in 0..<room { result[j * rows + i] = storage[j * room + i] }
            for i in 0..<extra { result[j * rows + room + i] = overflow[i * width + j] }
        }
        return result
    }
}
