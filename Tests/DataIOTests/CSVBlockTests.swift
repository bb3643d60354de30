import Testing
import TestSupport
@testable import DataIO

/// A mixed table of `rows` records (~70 bytes each): numbers, text with delimiters, quotes and
/// line breaks, missing cells, CRLF now and then. Deterministic for a seed.
func mixedCSV(rows: Int, seed: UInt64) -> String {
    var rng = SplitMix64(seed: seed)
    var text = "id,x,label,note,y\n"
    let notes = ["plain", "\"has, comma\"", "\"two\nlines\"", "\"say \"\"hi\"\"\"", "\"\"", "NA",
                 "\"a\r\nb\"", "\"long " + String(repeating: "z", count: 90) + "\""]
    for i in 0..<rows {
        let x = Int.random(in: 0..<10, using: &rng) == 0 ? "" : "\(Double.random(in: -1e3..<1e3, using: &rng))"
        let label = ["cat", "dog", "\"emu, large\""][Int.random(in: 0..<3, using: &rng)]
        let note = notes[Int.random(in: 0..<notes.count, using: &rng)]
        let end = Int.random(in: 0..<5, using: &rng) == 0 ? "\r\n" : "\n"
        text += "\(i),\(x),\(label),\(note),\(Int.random(in: -5...5, using: &rng))\(end)"
        if Int.random(in: 0..<20, using: &rng) == 0 { text += "\n" }
    }
    return text
}

@Suite struct CSVBlockTests {
    /// ~300 KB in 4 KiB blocks cut among 2 or 3 threads gives the table of one block and one
    /// thread: every number bit for bit, every text cell, every count and location. Quoted
    /// fields with line breaks straddle many block and part boundaries.
    @Test(arguments: [(4096, 2), (4096, 3), (5000, 1), (1 << 16, 2)])
    func smallBlocksGiveTheSameTable(blockBytes: Int, threads: Int) throws {
        let text = mixedCSV(rows: 4_000, seed: 1)
        let reference = try CSV.read(text, CSV.singleBlock)
        #expect(reference.rowCount == 4_000)
        let blocked = try CSV.read(text, CSV.smallBlocks(blockBytes, threads: threads))
        #expect(CSV.same(reference, blocked))
    }

    /// An error deep in a multi-block file is located on the same physical line as with one
    /// block (line counting carries across blocks and parts).
    @Test func errorLinesAgreeAcrossBlocks() throws {
        let text = mixedCSV(rows: 3_000, seed: 2) + "1,2\n"
        let one = CSV.error { _ = try CSV.read(text, CSV.singleBlock) }
        let many = CSV.error { _ = try CSV.read(text, CSV.smallBlocks(4096, threads: 2)) }
        #expect(one?.kind == .raggedRow)
        #expect(one?.line == text.utf8.filter { $0 == 10 }.count)
        #expect(one == many)
    }

    /// Blocks are first cut as if no quoted field held a line break. Quote-free blocks
    /// followed by quoted line breaks that straddle those cuts, and an error that comes before
    /// the first quote of its block, read as with one block and one thread.
    @Test(arguments: [1, 2, 3])
    func quotesAfterQuoteFreeBlocksAreCutByParity(threads: Int) throws {
        var text = "id,x,label,note,y\n"
        for i in 0..<3_000 { text += "\(i),\(Double(i) / 7),1,2,3\n" }
        for i in 0..<3_000 { text += "\(i),1.5,\"a\nb\",\"c,\n\nd\",\(i % 3)\n" }
        let reference = try CSV.read(text, CSV.singleBlock)
        #expect(reference.rowCount == 6_000)
        #expect(CSV.same(reference, try CSV.read(text, CSV.smallBlocks(4096, threads: threads))))

        var broken = "a,b\n"
        for i in 0..<2_000 { broken += "\(i),\(i)\n" }
        broken += "1,2,3\n"
        for _ in 0..<2_000 { broken += "\"x\ny\",1\n" }
        let one = CSV.error { _ = try CSV.read(broken, CSV.singleBlock) }
        let many = CSV.error { _ = try CSV.read(broken, CSV.smallBlocks(8192, threads: threads)) }
        #expect(one?.kind == .raggedRow)
        #expect(one?.line == 2_002)
        #expect(one == many)
    }

    /// forEachChunk delivers every row once, in order, in chunks no larger than a block's rows.
    @Test func streamingDeliversAllRowsInOrderInBoundedChunks() throws {
        var text = "a,b\n"
        for i in 0..<20_000 { text += "\(i),\(i % 7)\n" }
        var seen: [Double] = []
        var chunks = 0
        var largest = 0
        var nextLine = 2
        let header = try CSVReader(options: CSV.smallBlocks(4096, threads: 2)).forEachChunk(MemoryByteSource(text)) { chunk in
            chunks += 1
            largest = max(largest, chunk.rowCount)
            #expect(chunk.firstLine == nextLine)
            nextLine += chunk.rowCount
            seen += chunk.values.column(0)
        }
        #expect(header == ["a", "b"])
        #expect(seen == (0..<20_000).map(Double.init))
        // A 4 KiB block holds at most 4096 / 4 records of at least 4 bytes ("0,0\n").
        #expect(largest <= 1024)
        #expect(chunks >= 20_000 * 8 / 4096)
    }

    /// One 20 KB record makes the buffer grow to 32 KiB (right), but it never shrinks back, so
    /// every later chunk holds up to 32 KiB of rows: 4,681 rows of "i,1" instead of ≤ 1,024.
    /// The streaming contract ("chunks of at most one block's rows") holds after a long
    /// record too: the buffer returns to blockBytes once that record is consumed.
    @Test func chunksStayBoundedAfterALongRecord() throws {
        var text = "a,b\n1,\"" + String(repeating: "z", count: 20_000) + "\"\n"
        for i in 0..<20_000 { text += "\(i),1\n" }
        var largest = 0
        var rows = 0
        try CSVReader(options: CSV.smallBlocks(4096, threads: 1)).forEachChunk(MemoryByteSource(text)) { chunk in
            rows += chunk.rowCount
            if chunk.firstLine > 2 { largest = max(largest, chunk.rowCount) }
        }
        #expect(rows == 20_001)
        #expect(largest <= 1024)
    }

    /// The consumer's error stops the stream and comes out unchanged.
    @Test func aThrowingConsumerStopsTheStream() {
        struct Stop: Error {}
        var calls = 0
        #expect(throws: Stop.self) {
            try CSVReader(options: CSV.smallBlocks()).forEachChunk(MemoryByteSource(mixedCSV(rows: 2_000, seed: 3))) { _ in
                calls += 1
                throw Stop()
            }
        }
        #expect(calls == 1)
    }
}
