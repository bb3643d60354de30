import LinearAlgebra

/// How far apart the scales of a design's columns are: the largest and the smallest positive
/// standard deviation (denominator n) and their ratio. Distance-based kernels (rbf) weigh a
/// feature by its raw scale, so a ratio in the hundreds means the largest-scale feature decides
/// alone; LIBSVM's guide and scikit-learn both scale first.
public struct ScaleSpread: Sendable, Equatable {
    public let largest: (name: String, standardDeviation: Double)
    public let smallest: (name: String, standardDeviation: Double)
    public var ratio: Double { largest.standardDeviation / smallest.standardDeviation }

    /// Nil when fewer than two columns vary.
    public init?(_ x: Matrix, names: [String]) {
        let sds = x.columnStandardDeviations(ddof: 0)
        let varying = sds.indices.filter { sds[$0] > 0 && sds[$0].isFinite }
        guard varying.count >= 2, names.count == x.columns,
              let high = varying.max(by: { sds[$0] < sds[$1] }), let low = varying.min(by: { sds[$0] < sds[$1] }) else { return nil }
        largest = (names[high], sds[high])
        smallest = (names[low], sds[low])
    }

    /// The ratio above which the command line suggests scaling.
    public static let warningRatio = 100.0

    public static func == (a: ScaleSpread, b: ScaleSpread) -> Bool {
        a.largest == b.largest && a.smallest == b.smallest
    }
}
