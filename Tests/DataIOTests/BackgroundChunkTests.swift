import Foundation
import Testing
import TestSupport
@testable import DataIO

/// `forEachChunkInBackground` hands the chunks to a second thread while the reader parses on:
/// the consumer must see what the serial `forEachChunk` gives, in order, and the error that
/// comes out must be the one the serial stream would throw.
@Suite struct BackgroundChunkTests {
    private static func numbered(_ rows: Int) -> String {
        var text = "a,b\n"
        for i in 0..<rows { text += "\(i),\(i % 7)\n" }
        return text
    }

    @Test func everyRowArrivesOnceInOrder() throws {
        let path = try CSV.writeFile(Self.numbered(20_000))
        var seen: [Double] = []
        var lines: [Int] = []
        let header = try CSVReader(options: CSV.smallBlocks(4096, threads: 2)).forEachChunkInBackground(path: path) { chunk in
            lines.append(chunk.firstLine)
            seen += chunk.values.column(0)
        }
        #expect(header == ["a", "b"])
        #expect(seen == (0..<20_000).map(Double.init))
        #expect(lines.count > 10)
        #expect(lines.first == 2)
    }

    /// The consumer's error stops the reader and comes out unchanged — also when a later
    /// block, which the reader may already have parsed, is malformed.
    @Test func theConsumersErrorWinsOverALaterReadError() throws {
        struct Refused: Error, Equatable { let firstLine: Int }
        let path = try CSV.writeFile(Self.numbered(20_000) + "1,2,3\n")
        var calls = 0
        #expect(throws: Refused(firstLine: 2)) {
            try CSVReader(options: CSV.smallBlocks(4096, threads: 2)).forEachChunkInBackground(path: path) { chunk in
                calls += 1
                throw Refused(firstLine: chunk.firstLine)
            }
        }
        #expect(calls == 1)
    }

    /// A read error after chunks the consumer accepted is thrown located, as serially.
    @Test func aReadErrorComesOutLocated() throws {
        let text = Self.numbered(20_000) + "1,2,3\n"
        let path = try CSV.writeFile(text)
        var rows = 0
        let error = CSV.error {
            try CSVReader(options: CSV.smallBlocks(4096, threads: 2)).forEachChunkInBackground(path: path) { rows += $0.rowCount }
        }
        #expect(error?.kind == .raggedRow)
        #expect(error?.line == 20_002)
        #expect(rows <= 20_000)
    }
}
