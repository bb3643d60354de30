import Testing
import TestSupport
@testable import DataIO

@Suite struct CSVRoundTripTests {
    /// Pieces of random text: delimiters, quotes, both line ends, spaces, tabs, non-ASCII.
    private static let pieces = ["a", "b", "Z", " ", ",", ";", "\"", "\"\"", "\n", "\r\n", "é", "日本", "😀",
                                 "x y", "-", "1", ".", "e", "\t", "́"]

    /// A text cell that cannot read back as a number or a missing token (it starts with 's'
    /// after optional spaces), so its column stays text.
    private static func randomText(_ rng: inout SplitMix64) -> String {
        var s = Bool.random(using: &rng) ? " " : ""
        s += "s"
        for _ in 0..<Int.random(in: 0...8, using: &rng) { s += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
        if Int.random(in: 0..<4, using: &rng) == 0 { s += " " }
        return s
    }

    private static func randomNumber(_ rng: inout SplitMix64) -> Double {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return .nan // a missing cell
        case 1: return Double(Int.random(in: -100...100, using: &rng))
        case 2: return Double.random(in: -1..<1, using: &rng)
        case 3: return Double.random(in: -1e6..<1e6, using: &rng) * 1e-300 // tiny, subnormals too
        case 4: return [0.0, -0.0, 1e308, -Double.leastNonzeroMagnitude, .greatestFiniteMagnitude][Int.random(in: 0..<5, using: &rng)]
        default:
            var d: Double
            repeat { d = Double(bitPattern: rng.next()) } while !d.isFinite
            return d
        }
    }

    /// 300 random tables, written with CSVWriter.render and read back: names, every number bit
    /// for bit (NaN as missing), every text cell exactly. Both delimiters ',' and ';'.
    @Test func randomTablesRoundTripExactly() throws {
        var rng = SplitMix64(seed: 31337)
        var failures: [String] = []
        for trial in 0..<300 {
            let columnCount = Int.random(in: 1...6, using: &rng)
            let rowCount = Int.random(in: 1...40, using: &rng)
            let names = (0..<columnCount).map { j in "h\(j)" + Self.randomText(&rng) }
            var columns: [CSVColumn] = []
            for _ in 0..<columnCount {
                if Bool.random(using: &rng) {
                    columns.append(.numbers((0..<rowCount).map { _ in Self.randomNumber(&rng) }))
                } else {
                    columns.append(.text((0..<rowCount).map { _ in Self.randomText(&rng) }))
                }
            }
            let delimiter: Character = trial % 3 == 0 ? ";" : ","
            let text = CSVWriter.render(header: names, columns: columns, delimiter: delimiter)
            var options = try CSVOptions(delimiter: String(delimiter))
            options.threads = 1 + trial % 2
            let table: CSVTable
            do {
                table = try CSVReader(options: options).read(MemoryByteSource(text))
            } catch {
                failures.append("trial \(trial): \(error)\n\(text.debugDescription)")
                continue
            }
            var ok = table.columnNames == names && table.rowCount == rowCount
            for (j, column) in columns.enumerated() where ok {
                switch column {
                case let .numbers(v):
                    ok = zip(table.values.column(j), v).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
                        && table.textColumns[j] == nil
                case let .text(v):
                    ok = table.textColumns[j] == v.map { Optional($0) }
                }
            }
            if !ok { failures.append("trial \(trial): read back differently\n\(text.debugDescription)") }
        }
        #expect(failures.isEmpty, "\(failures.count) of 300 tables failed; first: \(failures.first ?? "")")
    }
}

@Suite struct CSVFuzzTests {
    /// Bytes that matter to the reader, plus junk (invalid UTF-8, NUL).
    private static let alphabet: [UInt8] = Array(",;\"\n\r 0123456789.eE-+naNAxy\t".utf8) + [0x00, 0xFF, 0xC3, 0xA9, 0xEF, 0xBB, 0xBF]

    /// Either a table or a DataError; anything else (another error type) is a failure, and a
    /// crash or hang would stop the test run.
    private static func outcome(_ bytes: [UInt8], threads: Int) -> String {
        var options = CSVOptions()
        options.threads = threads
        do {
            let table = try CSVReader(options: options).read(MemoryByteSource(bytes, name: "f"))
            return "ok \(table.columnNames) \(table.values.storage.map(\.bitPattern)) \(table.textColumns.sorted { $0.key < $1.key }.map(\.value))"
        } catch let error as DataError {
            return "error \(error)"
        } catch {
            return "unexpected \(error)"
        }
    }

    /// 3,000 random byte strings and 3,000 random mutations of valid CSVs: each parses or
    /// throws DataError, and one thread and three threads agree. The work is bounded by the
    /// inputs (≤ 120 random bytes, or a ≤ 1 KB seed with ≤ 4 edits), not by a clock: a
    /// wall-clock limit failed under ThreadSanitizer on a loaded machine (issue 10). A parsed
    /// table can hold no more cells than its input has bytes plus one per row and column, which
    /// a runaway parser (a loop re-reading its input) would break.
    @Test func randomBytesAndMutationsParseOrFailCleanly() {
        var rng = SplitMix64(seed: 4242)
        let seeds = [mixedCSV(rows: 30, seed: 9), "a,b\n1,2\n3,4\n", "x;y\n\"q\";1\n", "\"h\nh\",k\r\n1,\"a\"\"b\"\r\n"]
        var inputs: [[UInt8]] = []
        for _ in 0..<3_000 {
            inputs.append((0..<Int.random(in: 0...120, using: &rng)).map { _ in
                Int.random(in: 0..<8, using: &rng) == 0 ? UInt8.random(in: 0...255, using: &rng)
                    : Self.alphabet[Int.random(in: 0..<Self.alphabet.count, using: &rng)]
            })
        }
        for _ in 0..<3_000 {
            var bytes = Array(seeds[Int.random(in: 0..<seeds.count, using: &rng)].utf8)
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let at = Int.random(in: 0...bytes.count, using: &rng)
                let byte = Self.alphabet[Int.random(in: 0..<Self.alphabet.count, using: &rng)]
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes.insert(byte, at: at)
                case 1: if at < bytes.count { bytes.remove(at: at) }
                default: if at < bytes.count { bytes[at] = byte }
                }
            }
            inputs.append(bytes)
        }
        var unexpected: [String] = []
        var oversized: [String] = []
        var disagreements: [String] = []
        for bytes in inputs {
            let one = Self.outcome(bytes, threads: 1)
            let three = Self.outcome(bytes, threads: 3)
            if let table = try? CSVReader(options: CSVOptions()).read(MemoryByteSource(bytes, name: "f")),
               table.rowCount * table.columnCount > bytes.count + table.rowCount + table.columnCount {
                oversized.append("\(table.rowCount)×\(table.columnCount) from \(bytes.count) bytes")
            }
            if one.hasPrefix("unexpected") || three.hasPrefix("unexpected") { unexpected.append(one + " / " + three) }
            if one != three {
                disagreements.append("1 thread: \(one.prefix(160)) | 3 threads: \(three.prefix(160)) | input \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            }
        }
        #expect(unexpected.isEmpty, "\(unexpected.prefix(3))")
        #expect(disagreements.isEmpty, "\(disagreements.count) inputs differ between 1 and 3 threads; first: \(disagreements.prefix(4))")
        #expect(oversized.isEmpty, "\(oversized.prefix(3))")
    }

    /// 100 mutations of a ~20 KB CSV read in one block on one thread and in 4 KiB blocks on
    /// two threads: the same table or the same located error, whatever the cuts.
    @Test func mutatedMultiBlockInputsAgreeWithOneBlock() {
        var rng = SplitMix64(seed: 99)
        let base = Array(mixedCSV(rows: 300, seed: 5).utf8)
        var disagreements: [String] = []
        for _ in 0..<100 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                let byte = Self.alphabet[Int.random(in: 0..<Self.alphabet.count, using: &rng)]
                if Bool.random(using: &rng) { bytes.insert(byte, at: at) } else { bytes[at] = byte }
            }
            func outcome(_ options: CSVOptions) -> String {
                do {
                    let table = try CSVReader(options: options).read(MemoryByteSource(bytes, name: "f"))
                    return "ok \(table.values.storage.map(\.bitPattern).hashValue) \(table.textColumns.sorted { $0.key < $1.key }.map(\.value)) \(table.missingCounts)"
                } catch {
                    return "error \(error)"
                }
            }
            let one = outcome(CSV.singleBlock)
            let blocked = outcome(CSV.smallBlocks(4096, threads: 2))
            if one != blocked { disagreements.append("one block: \(one.prefix(200)) | 4 KiB blocks: \(blocked.prefix(200))") }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) of 100 differ; first: \(disagreements.prefix(2))")
    }
}
