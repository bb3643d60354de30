#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Record boundaries in a buffer of CSV text: positions just after a line break that is not
/// inside a quoted field. Without any quote byte every line break is one (found with
/// `memchr` and a backward scan); with quotes a forward scan tracks quote parity (RFC 4180
/// doubles a literal quote, so parity is exact for well-formed input).
enum CSVBoundaries {
    /// The boundary after the last complete record in `p[0..<count]`, and for each target
    /// offset the first boundary at or after it (clamped to the last boundary).
    static func find(_ p: UnsafePointer<UInt8>, count: Int, targets: [Int]) -> (last: Int?, splits: [Int]) {
        guard count > 0 else { return (nil, targets.map { _ in 0 }) }
        let hasQuotes = memchr(p, Int32(UInt8(ascii: "\"")), count) != nil
        if !hasQuotes { return assumingNoQuotes(p, count: count, targets: targets) }
        return withQuoteParity(p, count: count, targets: targets)
    }

    /// The boundaries if no quoted field holds a line break — true of text without quotes:
    /// the last line break, and the first line break after each target. Reads only the bytes
    /// around those points, so it costs nothing next to parsing the block.
    static func assumingNoQuotes(_ p: UnsafePointer<UInt8>, count: Int, targets: [Int]) -> (last: Int?, splits: [Int]) {
        guard count > 0 else { return (nil, targets.map { _ in 0 }) }
        var lastBreak = count - 1
        while lastBreak >= 0, p[lastBreak] != UInt8(ascii: "\n") { lastBreak -= 1 }
        guard lastBreak >= 0 else { return (nil, targets.map { _ in 0 }) }
        let last = lastBreak + 1
        let splits = targets.map { target -> Int in
            guard target < last else { return last }
            guard target > 0 else { return 0 }
            let found = memchr(p + target - 1, Int32(UInt8(ascii: "\n")), last - target + 1)!
            return UnsafeRawPointer(found) - UnsafeRawPointer(p) + 1
        }
        return (last, splits)
    }

    /// The boundaries by a forward scan that tracks quote parity.
    private static func withQuoteParity(_ p: UnsafePointer<UInt8>, count: Int, targets: [Int]) -> (last: Int?, splits: [Int]) {
        var splits: [Int] = []
        var nextTarget = 0
        while nextTarget < targets.count, targets[nextTarget] <= 0 { splits.append(0); nextTarget += 1 }
        var inQuotes = false
        var last: Int?
        for i in 0..<count {
            let byte = p[i]
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if byte == UInt8(ascii: "\n"), !inQuotes {
                last = i + 1
                while nextTarget < targets.count, targets[nextTarget] <= i + 1 { splits.append(i + 1); nextTarget += 1 }
            }
        }
        let end = last ?? 0
        while splits.count < targets.count { splits.append(end) }
        return (last, splits.map { min($0, end) })
    }
}
