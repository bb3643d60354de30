import Foundation
import Testing
@testable import LinearAlgebra
@testable import DataIO

/// `CSVReader.readColumns` against `read` (reference: the row-major table, transposed): the same
/// numbers bit for bit and the same bookkeeping, through every route of the column reader —
/// a mapped file whose first block predicts the row count too high (the columns are closed
/// up), too low (rows overflow and are merged), or exactly, and a source read as a table.
/// Then `ColumnDataset` against `Dataset`: the same features, target and errors.
@Suite struct CSVColumnsTests {
    private static func sameLayout(_ columns: CSVColumnTable, _ table: CSVTable) -> Bool {
        columns.layout.columnNames == table.columnNames && columns.layout.missingCounts == table.missingCounts
            && columns.layout.firstMissing == table.firstMissing && columns.layout.firstText == table.firstText
            && columns.layout.firstNonFinite == table.firstNonFinite && columns.layout.source == table.source
            && columns.rowCount == table.rowCount && columns.columnCount == table.columnCount
            && columns.columns.rows == table.columnCount && columns.columns.columns == table.rowCount
            && columns.columns.storage.map(\.bitPattern) == table.values.transposed.storage.map(\.bitPattern)
    }

    /// Rows whose length changes along the file: short-then-long makes the first block's
    /// estimate too high, long-then-short too low.
    private static func text(rows: Int, width: Int, longFirst: Bool) -> String {
        var lines = [(0..<width).map { "c\($0)" }.joined(separator: ",")]
        for i in 0..<rows {
            let long = (i < rows / 3) == longFirst
            lines.append((0..<width).map { j in
                if i == 5 && j == 2 { return "" }            // a missing cell
                if i == 7 && j == 1 { return "word" }        // a text cell
                return long ? "\(Double(i * width + j) * 1.000000000001 + 0.123456789)" : "\(i + j)"
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [true, false])
    func mappedFileGivesTheTableTransposed(longFirst: Bool) throws {
        let path = try CSV.writeFile(Self.text(rows: 300, width: 7, longFirst: longFirst))
        for options in [CSV.smallBlocks(), CSV.smallBlocks(1024, threads: 3), CSV.singleBlock, CSVOptions()] {
            let table = try CSVReader(options: options).read(path: path)
            let columns = try CSVReader(options: options).readColumns(path: path)
            #expect(Self.sameLayout(columns, table), "blocks of \(options.blockBytes) bytes, \(options.threads) threads")
        }
    }

    /// Quoted fields (one with a line break), CRLF endings, blank lines and a byte-order mark:
    /// the blocks are cut by quote parity, and the columns still follow the table.
    @Test func quotedFieldsAndCRLFGiveTheTableTransposed() throws {
        var lines = ["\u{FEFF}\"a\",b,\"c\"\"d\""]
        for i in 0..<200 {
            lines.append(i % 37 == 4 ? "\"\(i)\",\"x\r\ny\",\(Double(i) / 3)" : "\(i),\(i * 2),\"\(Double(i) / 7)\"")
            if i % 50 == 10 { lines.append("") }
        }
        let path = try CSV.writeFile(lines.joined(separator: "\r\n") + "\r\n")
        for options in [CSV.smallBlocks(512), CSV.smallBlocks(2048, threads: 3), CSV.singleBlock] {
            let table = try CSVReader(options: options).read(path: path)
            #expect(table.rowCount == 200 && table.firstText[1] != nil)
            #expect(Self.sameLayout(try CSVReader(options: options).readColumns(path: path), table))
        }
    }

    @Test func memorySourceGivesTheTableTransposed() throws {
        let text = Self.text(rows: 50, width: 4, longFirst: true)
        let table = try CSV.read(text, CSV.smallBlocks())
        let columns = try CSVReader(options: CSV.smallBlocks()).readColumns(MemoryByteSource(text, name: "t.csv"))
        #expect(Self.sameLayout(columns, table))
    }

    @Test func headerOnlyAndEmptyFilesFailAsTheTableDoes() throws {
        for text in ["a,b\n", ""] {
            let path = try CSV.writeFile(text)
            let expected = CSV.error { _ = try CSVReader().read(path: path) }
            #expect(expected != nil)
            #expect(CSV.error { _ = try CSVReader().readColumns(path: path) }?.description == expected?.description)
        }
    }

    private static func both(_ text: String, target: String? = nil, drop: [String] = []) throws -> (Dataset?, ColumnDataset?, String?, String?) {
        let path = try CSV.writeFile(text)
        let options = DatasetOptions(task: .regression, target: target, drop: drop)
        var rows: Dataset?, columns: ColumnDataset?, rowError: String?, columnError: String?
        do { rows = try Dataset(table: try CSVReader().read(path: path), options: options) } catch { rowError = "\(error)" }
        do { columns = try ColumnDataset(table: try CSVReader().readColumns(path: path), options: options) } catch { columnError = "\(error)" }
        return (rows, columns, rowError, columnError)
    }

    @Test func columnDatasetIsTheDatasetTransposed() throws {
        for (text, target, drop) in [("a,b,y\n1,2,3\n4,5,6\n", nil, []), ("a,y,b,c\n1,2,3,4\n5,6,7,8\n9,1,2,3\n", "y", ["c"]),
                                     ("y,a,b\n1,2,3\n4,5,6\n", "y", []), ("a,b,c,y\n1,2,3,4\n5,6,7,8\n", nil, ["a", "c"])] as [(String, String?, [String])] {
            let (rows, columns, _, _) = try Self.both(text, target: target, drop: drop)
            let (d, c) = (try #require(rows), try #require(columns))
            #expect(c.featureNames == d.featureNames && c.targetName == d.targetName && d.targetValues == c.target)
            #expect(c.columns == d.features.transposed && c.sampleCount == d.sampleCount && c.featureCount == d.featureCount)
            #expect(c.dataset.features == d.features)
        }
    }

    @Test func columnDatasetErrorsAreTheDatasetErrors() throws {
        for (text, target, drop) in [("x,y\n1,2\n2,3\n3,oops\n", nil, []), ("x,y\n1,2\n2,\n3,4\n", nil, []),
                                     ("a,b,y\n1,2,0\n3,x,1\nNA,4,0\n", nil, []), ("a,b,y\n1,2,0\n-inf,4,1\n", nil, []),
                                     ("a,y\n1,2\n", nil, []), ("a,y\n1,2\n3,4\n", "z", []), ("a,y\n1,2\n3,4\n", nil, ["y"]),
                                     ("a,y\n1,2\n3,4\n", nil, ["a"]), ("a,y\n1,2\n3,inf\n", nil, [])] as [(String, String?, [String])] {
            let (_, _, rowError, columnError) = try Self.both(text, target: target, drop: drop)
            #expect(rowError != nil, "\(text)")
            #expect(columnError == rowError, "\(text)")
        }
    }
}
