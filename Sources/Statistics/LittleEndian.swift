/// Appends fixed-width little-endian fields to a byte array.
struct LittleEndianWriter {
    private(set) var bytes: [UInt8] = []

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// IEEE 754 binary64, little-endian.
    mutating func append(_ value: Double) { append(value.bitPattern) }

    mutating func append(bytes more: [UInt8]) { bytes.append(contentsOf: more) }
}

/// Reads fixed-width little-endian fields from a byte array, checking every read against the
/// end: a short or damaged input is an error, never an out-of-bounds read.
struct LittleEndianReader {
    let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }

    mutating func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw StatisticsFile.damaged("it ends in the middle of a field (offset \(offset))") }
        var value: T = 0
        for k in 0..<size { value |= T(truncatingIfNeeded: bytes[offset + k]) << (8 * k) }
        offset += size
        return value
    }

    mutating func readDouble() throws -> Double { Double(bitPattern: try read(UInt64.self)) }

    mutating func readDoubles(_ count: Int) throws -> [Double] {
        guard count >= 0, remaining / 8 >= count else { throw StatisticsFile.damaged("it is shorter than its \(count) numbers") }
        return try (0..<count).map { _ in try readDouble() }
    }

    mutating func readBytes(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, remaining >= count else { throw StatisticsFile.damaged("it ends in the middle of a field (offset \(offset))") }
        defer { offset += count }
        return bytes[offset ..< offset + count]
    }
}
