import Foundation
import TestSupport
@testable import DataIO

/// Shared helpers of the DataIO tests.
enum CSV {
    /// Reads `text` from memory under the name `t.csv`.
    static func read(_ text: String, _ options: CSVOptions = CSVOptions()) throws -> CSVTable {
        try CSVReader(options: options).read(MemoryByteSource(text, name: "t.csv"))
    }

    /// Writes `text` to `t.csv` in a new temporary directory; returns its path.
    static func writeFile(_ text: String) throws -> String {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("t.csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func read(bytes: [UInt8], _ options: CSVOptions = CSVOptions()) throws -> CSVTable {
        try CSVReader(options: options).read(MemoryByteSource(bytes, name: "t.csv"))
    }

    /// The `DataError` that `body` throws (nil if it throws nothing; another error type is
    /// recorded as a test failure by the caller's `#expect`).
    static func error(_ body: () throws -> Void) -> DataError? {
        do {
            try body()
            return nil
        } catch let error as DataError {
            return error
        } catch {
            return DataError(.invalidSyntax, file: "<not a DataError>", "\(error)")
        }
    }

    /// Options that force many small blocks and two parsing threads.
    static func smallBlocks(_ bytes: Int = 4096, threads: Int = 2) -> CSVOptions {
        var options = CSVOptions()
        options.blockBytes = bytes
        options.threads = threads
        return options
    }

    /// Options with one block and one thread: the simplest path through the reader.
    static var singleBlock: CSVOptions {
        var options = CSVOptions()
        options.threads = 1
        return options
    }

    /// Whether two tables hold the same names, numbers (bit for bit, NaN = NaN), text and
    /// missing bookkeeping.
    static func same(_ a: CSVTable, _ b: CSVTable) -> Bool {
        a.columnNames == b.columnNames
            && a.values.rows == b.values.rows && a.values.columns == b.values.columns
            && zip(a.values.storage, b.values.storage).allSatisfy { $0.bitPattern == $1.bitPattern }
            && a.textColumns == b.textColumns
            && a.missingCounts == b.missingCounts
            && a.firstMissing == b.firstMissing && a.firstText == b.firstText && a.firstNonFinite == b.firstNonFinite
    }
}
