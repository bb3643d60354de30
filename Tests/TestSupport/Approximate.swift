/// Tolerance comparisons that say what failed.
public enum Approximate {
    /// The largest |a − b| over two equally long arrays (∞ if the lengths differ).
    public static func maxAbsoluteDifference(_ a: [Double], _ b: [Double]) -> Double {
        guard a.count == b.count else { return .infinity }
        return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }

    /// |a − b| ≤ absolute + relative · max(|a|, |b|).
    public static func close(_ a: Double, _ b: Double, absolute: Double = 0, relative: Double = 0) -> Bool {
        abs(a - b) <= absolute + relative * max(abs(a), abs(b))
    }
}
