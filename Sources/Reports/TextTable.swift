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

    public var rendered: String {
        let all = [header] + rows
        let widths = header.indices.map { j in all.map { $0[j].count }.max() ?? 0 }
        return all.map { row in
            row.indices.map { j -> String in
                let pad = String(repeating: " ", count: widths[j] - row[j].count)
                return alignments[j] == .left ? row[j] + pad : pad + row[j]
            }.joined(separator: "  ").trimmingTrailingSpaces
        }.joined(separator: "\n") + "\n"
    }

    /// A number with `significant` significant digits (`%g`), for tables meant to be read.
    /// C's `vsnprintf` with `%.*g` (what `String(format:)` gave, without Foundation's per-call
    /// format-string machinery, which was a tenth of `describe`'s time on a 10,001-column file).
    public static func format(_ value: Double, significant: Int = 6) -> String {
        if value.isNaN { return "NaN" }
        let capacity = 64
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
            let written = withVaList([Int32(significant), value]) { vsnprintf(buffer.baseAddress!, capacity, "%.*g", $0) }
            let count = Int(max(0, min(written, Int32(capacity - 1))))
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: count), as: UTF8.self)
        }
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return String(self[..<end])
    }
}
