import DataIO
import Foundation
import LinearAlgebra

/// The binary file of one `SufficientStatistics` (format version 1, documented byte by byte
/// in docs/scale.md so that any language can read and write it). All integers and IEEE 754
/// binary64 numbers are little-endian:
///
///     offset  size  field
///     0       8     magic "LGRSTATS" (ASCII): the kind of file
///     8       2     u16 format version (1)
///     10      2     u16 flags (0; any other value is refused)
///     12      4     u32 q, the number of columns (1 ≤ q ≤ 65536)
///     16      4     u32 index of the target column, 0xFFFFFFFF for none
///     20      4     u32 reserved (0)
///     24      8     u64 n, the rows accumulated
///     32      8     u64 rows omitted for missing values
///     40      8     u64 length of the whole file in bytes, checksum included
///     48      …     q column names: u32 byte count L (1 ≤ L ≤ 65535), then L bytes of UTF-8
///     …       8q    K, the shift (f64 × q)
///     …       8q    d, the mean of the shifted rows (f64 × q); the column means are x̄ = K + d
///     …       4q(q+1)  M, the centred scatter Σ(x − x̄)(x − x̄)ᵀ: upper triangle, row by row
///                    (M₀₀ … M₀,q−1, M₁₁ … M₁,q−1, …, Mq−1,q−1)
///     end − 4 4     u32 CRC-32 (zlib's crc32) of every byte before it
///
/// K and d are kept apart, not summed into x̄, so a merge of data with large offsets loses no
/// digits (see `CovarianceAccumulator`). With n = 0, K, d and M are all zero. `decode`
/// validates everything before building a value: the magic, the version, the declared length
/// against the actual one, the checksum, the counts, the names (UTF-8, distinct, non-empty),
/// and the numbers (finite, M's diagonal ≥ 0, all zero when n ≤ 1 where that is exact).
public enum StatisticsFile {
    public static let magic: [UInt8] = Array("LGRSTATS".utf8)
    public static let version: UInt16 = 1
    static let noTarget = UInt32.max
    static let fixedHeaderBytes = 48

    /// The bytes of `statistics`.
    public static func encode(_ statistics: SufficientStatistics) -> [UInt8] {
        let q = statistics.columnNames.count
        var out = LittleEndianWriter()
        out.append(bytes: magic)
        out.append(version)
        out.append(UInt16(0))
        out.append(UInt32(q))
        out.append(statistics.targetIndex.map { UInt32($0) } ?? noTarget)
        out.append(UInt32(0))
        out.append(UInt64(statistics.count))
        out.append(UInt64(statistics.omittedRows))
        let names = statistics.columnNames.map { Array($0.utf8) }
        let length = fixedHeaderBytes + names.reduce(0) { $0 + 4 + $1.count } + 8 * (2 * q + q * (q + 1) / 2) + 4
        out.append(UInt64(length))
        for name in names {
            out.append(UInt32(name.count))
            out.append(bytes: name)
        }
        let moments = statistics.moments
        let empty = statistics.count == 0
        for k in 0..<q { out.append(empty ? 0 : moments.shift?[k] ?? 0) }
        for k in 0..<q { out.append(empty ? 0 : moments.shiftedMean[k]) }
        moments.scatter.storage.withUnsafeBufferPointer { m in
            for i in 0..<q { for j in i..<q { out.append(empty ? 0 : m[i * q + j]) } }
        }
        out.append(CRC32.checksum(out.bytes))
        return out.bytes
    }

    /// The statistics in `bytes`, or an error saying what is wrong with them.
    public static func decode(_ bytes: [UInt8], threads: Int = 1) throws -> SufficientStatistics {
        guard bytes.count >= fixedHeaderBytes + 4 else {
            throw damaged("it has \(bytes.count) bytes, fewer than a header")
        }
        guard Array(bytes[0..<8]) == magic else {
            throw LagrangeError.invalidData("not a Lagrange statistics file (it does not start with LGRSTATS); make one with 'lagrange stats'")
        }
        var reader = LittleEndianReader(bytes)
        _ = try reader.readBytes(8)
        let version = try reader.read(UInt16.self)
        guard version == Self.version else {
            throw LagrangeError.invalidData("statistics format version \(version) is not supported (this lagrange reads version \(Self.version)); make the parts with the same lagrange")
        }
        let flags = try reader.read(UInt16.self)
        let q = Int(try reader.read(UInt32.self))
        let target = try reader.read(UInt32.self)
        let reserved = try reader.read(UInt32.self)
        let n = try reader.read(UInt64.self)
        let omitted = try reader.read(UInt64.self)
        let declared = try reader.read(UInt64.self)
        guard declared == UInt64(bytes.count) else {
            throw damaged("it declares \(declared) bytes but has \(bytes.count) (truncated or padded)")
        }
        let stored = UInt32(bytes[bytes.count - 4]) | UInt32(bytes[bytes.count - 3]) << 8
            | UInt32(bytes[bytes.count - 2]) << 16 | UInt32(bytes[bytes.count - 1]) << 24
        guard CRC32.checksum(bytes[0 ..< bytes.count - 4]) == stored else {
            throw damaged("its checksum does not match its contents")
        }
        guard flags == 0, reserved == 0 else { throw damaged("unknown flags \(flags) or reserved field \(reserved)") }
        guard (1...SufficientStatistics.maximumColumns).contains(q) else { throw damaged("it declares \(q) columns") }
        guard target == noTarget || Int(target) < q else { throw damaged("its target index \(target) is not one of its \(q) columns") }
        guard n <= UInt64(Int.max), omitted <= UInt64(Int.max) else { throw damaged("its row counts are out of range") }
        var names: [String] = []
        names.reserveCapacity(q)
        for k in 0..<q {
            let length = Int(try reader.read(UInt32.self))
            guard (1...SufficientStatistics.maximumNameBytes).contains(length) else { throw damaged("column \(k + 1)'s name has \(length) bytes") }
            guard let name = String(validating: try reader.readBytes(length), as: UTF8.self) else {
                throw damaged("column \(k + 1)'s name is not UTF-8")
            }
            names.append(name)
        }
        let triangle = q * (q + 1) / 2
        guard reader.remaining == 8 * (2 * q + triangle) + 4 else {
            throw damaged("its numbers take \(reader.remaining - 4) bytes, not the \(8 * (2 * q + triangle)) that \(q) columns need")
        }
        let shift = try reader.readDoubles(q)
        let shiftedMean = try reader.readDoubles(q)
        let upper = try reader.readDoubles(triangle)
        guard (shift + shiftedMean + upper).allSatisfy(\.isFinite) else { throw damaged("it holds a non-finite number") }
        var scatter = Matrix.zeros(q, q)
        var position = 0
        for i in 0..<q {
            for j in i..<q {
                scatter[i, j] = upper[position]
                scatter[j, i] = upper[position]
                position += 1
            }
        }
        guard (0..<q).allSatisfy({ scatter[$0, $0] >= 0 }) else { throw damaged("its scatter has a negative diagonal entry") }
        if n == 0, !(shift + shiftedMean + upper).allSatisfy({ $0 == 0 }) {
            throw damaged("it has no rows but non-zero moments")
        }
        if n == 1, !upper.allSatisfy({ $0 == 0 }) { throw damaged("it has one row but a non-zero scatter") }
        do {
            try SufficientStatistics.checkNames(names)
        } catch let LagrangeError.invalidData(message) {
            throw damaged(message)
        }
        let moments = CovarianceAccumulator(count: Int(n), shift: shift, shiftedMean: shiftedMean, scatter: scatter, threads: threads)
        return SufficientStatistics(columnNames: names, targetIndex: target == noTarget ? nil : Int(target),
                                    omittedRows: Int(omitted), moments: moments)
    }

    /// Writes `statistics` to `path` atomically ("-" writes to standard output).
    public static func write(_ statistics: SufficientStatistics, to path: String) throws {
        let bytes = encode(statistics)
        if path == "-" {
            FileHandle.standardOutput.write(Data(bytes))
        } else {
            try AtomicFile.write(bytes, to: path)
        }
    }

    /// Reads the statistics file at `path` ("-" reads standard input); errors name the file.
    public static func read(path: String, threads: Int = 1) throws -> SufficientStatistics {
        let name = path == "-" ? "<stdin>" : path
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard FileManager.default.fileExists(atPath: path) else {
                throw DataError(.fileNotFound, file: path, "no such statistics file; check the path")
            }
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw DataError(.unreadable, file: path, "cannot read the statistics file")
            }
            data = contents
        }
        do {
            return try decode([UInt8](data), threads: threads)
        } catch let LagrangeError.invalidData(message) {
            throw DataError(.modelFile, file: name, message)
        }
    }

    static func damaged(_ reason: String) -> LagrangeError {
        LagrangeError.invalidData("damaged statistics file: \(reason); make it again with 'lagrange stats' or 'lagrange merge'")
    }
}
