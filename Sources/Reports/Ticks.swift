import Foundation

/// Axis tick positions a reader can take in at a glance.
public enum Ticks {
    /// "Nice" linear ticks (steps of 1, 2 or 5 × 10^k) covering `low…high`, about `target`
    /// of them (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990).
    public static func linear(_ low: Double, _ high: Double, target: Int = 6) -> [Double] {
        guard low.isFinite, high.isFinite else { return [] }
        if low == high { return [low] }
        let (lo, hi) = (min(low, high), max(low, high))
        let step = niceStep((hi - lo) / Double(max(1, target - 1)))
        let first = (lo / step).rounded(.up) * step
        var ticks: [Double] = []
        var value = first
        while value <= hi + step * 1e-9 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return ticks
    }

    /// Ticks for a log10 axis: powers of ten inside the range, with 2× and 5× added when the
    /// range spans fewer than three decades.
    public static func logarithmic(_ low: Double, _ high: Double) -> [Double] {
        guard low > 0, high > 0 else { return [] }
        let (lo, hi) = (min(low, high), max(low, high))
        let decades = Int(floor(log10(lo)))...Int(ceil(log10(hi)))
        let multipliers: [Double] = log10(hi / lo) < 3 ? [1, 2, 5] : [1]
        var ticks: [Double] = []
        for k in decades {
            for m in multipliers {
                let value = m * pow(10, Double(k))
                if value >= lo * (1 - 1e-12), value <= hi * (1 + 1e-12) { ticks.append(value) }
            }
        }
        return ticks
    }

    /// The nice step (1, 2 or 5 × 10^k) nearest above `rough`.
    static func niceStep(_ rough: Double) -> Double {
        let exponent = floor(log10(rough))
        let fraction = rough / pow(10, exponent)
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * pow(10, exponent)
    }

    /// A short label for a tick value.
    public static func label(_ value: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e5 || magnitude < 1e-3 {
            return String(format: "%.0e", value).replacingOccurrences(of: "e+0", with: "e").replacingOccurrences(of: "e-0", with: "e-")
        }
        return String(format: "%g", value)
    }
}
