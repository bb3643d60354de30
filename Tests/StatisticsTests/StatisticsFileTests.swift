import LinearAlgebra
@testable import Statistics
import Testing
import TestSupport

/// The binary format reads back bit for bit, and every damaged or forged file is refused on
/// decode with a message, never read out of bounds.
@Suite struct StatisticsFileTests {
    static func sample(rows: Int = 30) throws -> SufficientStatistics {
        var generator = SplitMix64(seed: 3)
        var s = try SufficientStatistics(columnNames: ["width", "höhe", "y"], targetName: "y")
        let values = (0..<(rows * 3)).map { _ in 1e6 + Double(generator.next() >> 40) / 1024 }
        try s.add(try Matrix(rows: rows, columns: 3, storage: values))
        s.noteOmitted(4)
        return s
    }

    /// Re-seals `bytes` with a correct checksum (a forged file, not random damage).
    static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var body = Array(bytes.dropLast(4))
        let crc = CRC32.checksum(body)
        for k in 0..<4 { body.append(UInt8(truncatingIfNeeded: crc >> (8 * k))) }
        return body
    }

    static func refusal(_ bytes: [UInt8]) -> String? {
        do {
            _ = try StatisticsFile.decode(bytes)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func crcMatchesTheStandardCheckValue() {
        // The CRC-32/ISO-HDLC check value of "123456789" (also zlib.crc32's).
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func roundTripIsBitForBit() throws {
        let s = try Self.sample()
        let bytes = StatisticsFile.encode(s)
        let back = try StatisticsFile.decode(bytes)
        #expect(back.columnNames == s.columnNames && back.targetName == "y" && back.count == 30 && back.omittedRows == 4)
        #expect(back.moments.shift == s.moments.shift && back.moments.shiftedMean == s.moments.shiftedMean)
        #expect(back.scatter == s.scatter)
        #expect(StatisticsFile.encode(back) == bytes)
        // Header fields at their documented offsets.
        #expect(Array(bytes[0..<8]) == Array("LGRSTATS".utf8))
        #expect(bytes[8] == 1 && bytes[9] == 0)
        #expect(bytes[12] == 3 && bytes[16] == 2)
        #expect(bytes[24] == 30 && bytes[32] == 4)
        #expect(Int(bytes[40]) | Int(bytes[41]) << 8 == bytes.count)
    }

    @Test func emptyStatisticsRoundTrip() throws {
        let empty = try SufficientStatistics(columnNames: ["a"])
        let back = try StatisticsFile.decode(StatisticsFile.encode(empty))
        #expect(back.count == 0 && back.targetIndex == nil && back.columnNames == ["a"])
    }

    @Test func everyTruncationAndEveryFlippedByteIsRefused() throws {
        let bytes = StatisticsFile.encode(try Self.sample(rows: 5))
        for length in 0..<bytes.count { #expect(Self.refusal(Array(bytes.prefix(length))) != nil) }
        for k in bytes.indices {
            var damaged = bytes
            damaged[k] ^= 0x10
            #expect(Self.refusal(damaged) != nil, "flipped byte \(k) was accepted")
        }
        #expect(Self.refusal(bytes + [0]) != nil)
    }

    @Test func forgedFilesWithValidChecksumsAreRefused() throws {
        let bytes = StatisticsFile.encode(try Self.sample(rows: 5))
        func forged(_ change: (inout [UInt8]) -> Void) -> String? {
            var copy = bytes
            change(&copy)
            return Self.refusal(Self.resealed(copy))
        }
        let version = forged { $0[8] = 2 }
        #expect(version?.contains("version 2 is not supported") == true)
        #expect(forged { $0[10] = 1 } != nil)                                  // unknown flag
        #expect(forged { $0[12] = 0xFF; $0[13] = 0xFF; $0[14] = 0xFF; $0[15] = 0xFF } != nil)  // 2³² − 1 columns
        #expect(forged { $0[16] = 7 } != nil)                                  // target out of range
        #expect(forged { $0[31] = 0x80 } != nil)                               // n > Int.max
        // Names: "width" → "höhe" makes two equal names… and bad UTF-8.
        let nameStart = 48 + 4
        #expect(forged { $0[nameStart] = 0xFF } != nil)                        // invalid UTF-8
        // A NaN and a negative diagonal in the numbers, then a length that lies.
        let numbers = bytes.count - 4 - 8 * (6 + 6)
        #expect(forged { for k in 0..<8 { $0[numbers + k] = [0, 0, 0, 0, 0, 0, 0xF8, 0x7F][k] } } != nil)
        let diagonal = numbers + 8 * 6
        #expect(forged { $0[diagonal + 7] |= 0x80 }?.contains("negative") == true)
        #expect(forged { $0[40] &+= 8 } != nil)
        #expect(Self.refusal(Array("not a statistics file at all, but long enough to have a header".utf8))?.contains("LGRSTATS") == true)
    }

    @Test func duplicateNamesAreRefused() throws {
        #expect(throws: LagrangeError.self) { try SufficientStatistics(columnNames: ["a", "a"]) }
        #expect(throws: LagrangeError.self) { try SufficientStatistics(columnNames: ["a", ""]) }
        #expect(throws: LagrangeError.self) { try SufficientStatistics(columnNames: ["a"], targetName: "b") }
        // The same forged into a file: rename the second column to the first's name.
        var s = try SufficientStatistics(columnNames: ["ab", "cd"])
        try s.add(try Matrix(rows: [[1, 2], [3, 5]]))
        var bytes = Array(StatisticsFile.encode(s).dropLast(4))
        let second = 48 + 4 + 2 + 4
        bytes[second] = UInt8(ascii: "a")
        bytes[second + 1] = UInt8(ascii: "b")
        #expect(Self.refusal(Self.resealed(bytes + [0, 0, 0, 0]))?.contains("twice") == true)
    }
}
