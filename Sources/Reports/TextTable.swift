import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain-text table for the terminal: a header row, right-aligned numbers, left-aligned
/// text, columns separated by two spaces.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public var header: [String]
    public var alignments: [Alignment]
    public private(set) var rows: [[String]] = []

    public init(header: [String], alignments: [Alignment]? = nil) {
        self.header = header
        self.alignments = alignments ?? header.indices.map { $0 == 0 ? .left : .right }
    }

    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "a table row needs one cell per column")
        rows.append(row)
    }

    /// The table as lines of text. Built byte by byte into one buffer: a describe of a
    /// 10,001-column file renders 10,002 lines, and a `String` per padded cell and per joined
    /// line cost as much as parsing the file (callgrind). Widths count characters, as
    /// `String.count` does; a cell of printable ASCII (one byte per character) is measured by
    /// its byte count without walking its graphemes.
    public var rendered: String {
        // Each cell's width once (the ASCII check walks its bytes), row by row; then the lines.
        let columns = header.count
        var cellWidths = [Int](repeating: 0, count: (rows.count + 1) * columns)
        var widths = [Int](repeating: 0, count: columns)
        for (r, row) in ([header] + rows).enumerated() {
            for j in 0..<columns {
                let w = Self.width(row[j])
                cellWidths[r * columns + j] = w
                widths[j] = Swift.max(widths[j], w)
            }
        }
        let spaces = [UInt8](repeating: 0x20, count: (widths.max() ?? 0) + 2)
        var out: [UInt8] = []
        out.reserveCapacity((rows.count + 1) * (widths.reduce(0, +) + 2 * columns + 1))
        func append(_ row: [String], _ r: Int) {
            let lineStart = out.count
            for j in 0..<columns {
                if j > 0 { out.append(contentsOf: spaces[0..<2]) }
                let pad = widths[j] - cellWidths[r * columns + j]
                if alignments[j] == .right { out.append(contentsOf: spaces[0..<pad]) }
                out.append(contentsOf: row[j].utf8)
                if alignments[j] == .left { out.append(contentsOf: spaces[0..<pad]) }
            }
            while out.count > lineStart, out.last == 0x20 { out.removeLast() }
            out.append(0x0A)
        }
        append(header, 0)
        for (r, row) in rows.enumerated() { append(row, r + 1) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Characters in `cell` (`String.count`); printable ASCII is one character per byte.
    private static func width(_ cell: String) -> Int {
        let utf8 = cell.utf8
        return utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } ? utf8.count : cell.count
    }

    /// A number with `significant` significant digits (`%g`), for tables meant to be read.
    ///
    /// C's `%.*g` (what `String(format:)` gave, without Foundation's per-call format-string
    /// machinery). On glibc through `gcvt`, which is `sprintf(buf, "%.*g", ndigit, value)` for
    /// up to 17 digits and takes no variable arguments: Swift's `withVaList` boxes each
    /// argument and casts it dynamically, about 10,000 instructions a number, which was a
    /// quarter of `describe`'s instructions on a 10,001-column file (callgrind).
    public static func format(_ value: Double, significant: Int = 6) -> String {
        if value.isNaN { return "NaN" }
        // Most numbers are decided exactly without the C library (a few hundred instructions
        // instead of about 2,000 through printf's multi-precision path: describe formats four
        // per column); ties, near-ties and extreme magnitudes go on to `gcvt`.
        if let digits = SignificantDigits.format(value, significant: significant) { return digits }
        let capacity = 64
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
            let base = buffer.baseAddress!
            #if canImport(Glibc)
            if (0...17).contains(significant) {
                // At most 17 digits, a sign, a point and a 5-character exponent: 25 bytes with the NUL.
                _ = gcvt(value, Int32(significant), base)
                return String(cString: base)
            }
            #endif
            let written = withVaList([Int32(significant), value]) { vsnprintf(base, capacity, "%.*g", $0) }
            let count = Int(max(0, min(written, Int32(capacity - 1))))
            return String(decoding: UnsafeRawBufferPointer(start: base, count: count), as: UTF8.self)
        }
    }
}
