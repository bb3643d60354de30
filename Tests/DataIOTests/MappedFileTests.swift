import Foundation
import Testing
import TestSupport
@testable import DataIO

/// A regular file is parsed in place through `MappedWindow`; everything else is copied through
/// `CSVBuffer`. These tests hold the mapped route to the copying one: same tables, same errors,
/// same bounds on chunks and records.
@Suite struct MappedFileTests {
    /// A file read through small mapped blocks and 1–3 threads gives the table of one copied
    /// block and one thread: every number bit for bit, text, counts and locations.
    @Test(arguments: [(4096, 1), (4096, 2), (5000, 3), (1 << 16, 2)])
    func mappedBlocksGiveTheCopiedTable(blockBytes: Int, threads: Int) throws {
        let text = mixedCSV(rows: 4_000, seed: 11)
        let path = try CSV.writeFile(text)
        let source = try FileByteSource(path: path)
        #expect(source.mapped() != nil, "a regular file should be mapped")
        var reference = try CSV.read(text, CSV.singleBlock)
        reference.source = path
        let mapped = try CSVReader(options: CSV.smallBlocks(blockBytes, threads: threads)).read(path: path)
        #expect(mapped.source == path)
        #expect(CSV.same(reference, mapped))
    }

    /// An error deep in the file names the same line and column on both routes.
    @Test func errorsAreLocatedAsOnTheCopiedRoute() throws {
        let text = mixedCSV(rows: 3_000, seed: 12) + "1,2,3,x,\"open\n"
        let path = try CSV.writeFile(text)
        let copied = CSV.error { _ = try CSV.read(text, CSV.smallBlocks(4096, threads: 2)) }
        let mapped = CSV.error { _ = try CSVReader(options: CSV.smallBlocks(4096, threads: 2)).read(path: path) }
        #expect(copied != nil)
        #expect(mapped?.kind == copied?.kind)
        #expect(mapped?.line == copied?.line)
        #expect(mapped?.column == copied?.column)
        #expect(mapped?.file == path)
    }

    /// After a record longer than a block the window returns to one block, so later chunks
    /// hold at most a block's rows; a record past the limit is refused with its line.
    @Test func longRecordsGrowTheWindowWithinTheLimit() throws {
        var text = "a,b\n1,\"" + String(repeating: "z", count: 20_000) + "\"\n"
        for i in 0..<20_000 { text += "\(i),1\n" }
        let path = try CSV.writeFile(text)
        var rows = 0
        var largest = 0
        try CSVReader(options: CSV.smallBlocks(4096, threads: 1)).forEachChunk(path: path) { chunk in
            rows += chunk.rowCount
            if chunk.firstLine > 2 { largest = max(largest, chunk.rowCount) }
        }
        #expect(rows == 20_001)
        #expect(largest <= 1024)

        var limited = CSV.smallBlocks(4096, threads: 2)
        limited.maxRecordBytes = 16_384
        let error = CSV.error { _ = try CSVReader(options: limited).read(path: path) }
        #expect(error?.kind == .recordTooLong)
        #expect(error?.line == 2)
    }

    /// The table's storage is sized from the first block; a file whose later rows hold more
    /// numbers per byte overflows that estimate, and the overflow joins the table in order.
    @Test func rowsDenserThanTheFirstBlockAreAllKept() throws {
        var text = "a,b,c\n"
        for i in 0..<400 { text += "\(Double(i) + 0.123456789012345),1234567890.12345,-98765.4321098765\n" }
        for i in 0..<40_000 { text += "\(i % 10),1,2\n" }
        let path = try CSV.writeFile(text)
        let table = try CSVReader(options: CSV.smallBlocks(4096, threads: 2)).read(path: path)
        var reference = try CSV.read(text, CSV.singleBlock)
        reference.source = path
        #expect(table.rowCount == 40_400)
        #expect(CSV.same(reference, table))
    }

    /// A source of unknown length (a pipe) takes the copying route with an estimate from the
    /// first block only, and still gives the whole table.
    @Test func aSourceOfUnknownLengthGivesTheWholeTable() throws {
        struct Unsized: ByteSource {
            var inner: MemoryByteSource
            var name: String { inner.name }
            mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { try inner.read(into: buffer) }
        }
        let text = mixedCSV(rows: 4_000, seed: 13)
        let table = try CSVReader(options: CSV.smallBlocks(4096, threads: 2)).read(Unsized(inner: MemoryByteSource(text, name: "t.csv")))
        #expect(CSV.same(try CSV.read(text, CSV.singleBlock), table))
    }

    /// Block by block, copied or in place, the parts give the table's rows in order (numbers
    /// bit for bit, first lines), with at most one part per thread.
    @Test func blocksCopiedOrInPlaceGiveTheTable() throws {
        let text = mixedCSV(rows: 4_000, seed: 14)
        let path = try CSV.writeFile(text)
        let table = try CSV.read(text, CSV.singleBlock)
        let reader = CSVReader(options: CSV.smallBlocks(4096, threads: 3))
        var copied: [Double] = []
        var inPlace: [Double] = []
        var lines: [Int] = []
        var widest = 0
        try reader.forEachBlock(path: path) { chunks in
            widest = max(widest, chunks.count)
            for chunk in chunks { copied += chunk.values.storage }
        }
        try reader.forEachBlockInPlace(path: path) { parts in
            for part in parts {
                #expect(part.values.count == part.rows * table.columnCount)
                #expect(part.chunk.values.rows == 0)
                inPlace += part.values
                lines.append(part.chunk.firstLine)
            }
        }
        let same = { (a: [Double]) in a.count == table.values.storage.count
            && zip(a, table.values.storage).allSatisfy { $0.bitPattern == $1.bitPattern } }
        #expect(same(copied))
        #expect(same(inPlace))
        #expect(widest <= 3)
        #expect(lines.first == 2)
        #expect(lines == lines.sorted())
    }
}
