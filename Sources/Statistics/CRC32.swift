/// CRC-32 as in ISO-HDLC / IEEE 802.3, zlib's `crc32` and Python's `zlib.crc32`: polynomial
/// 0x04C11DB7 processed bit-reflected (0xEDB88320), initial value and final XOR 0xFFFFFFFF.
/// The check value of the ASCII bytes "123456789" is 0xCBF43926.
enum CRC32 {
    /// The byte-at-a-time table: entry b is the CRC register after shifting in byte b.
    static let table: [UInt32] = (0..<256).map { byte in
        var c = UInt32(byte)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The CRC-32 of `bytes`.
    static func checksum<Bytes: Collection>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var c: UInt32 = 0xFFFF_FFFF
        let table = Self.table
        for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
