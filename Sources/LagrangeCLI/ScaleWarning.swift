import Lagrange

/// The warning for an rbf kernel on features whose scales differ by more than
/// `ScaleSpread.warningRatio`: the kernel's distance is then the largest-scale feature's.
enum ScaleWarning {
    static func check(_ dataset: Dataset, kernel: KernelKind, scaled: Bool) {
        guard kernel == .rbf, !scaled, let spread = ScaleSpread(dataset.features, names: dataset.featureNames),
              spread.ratio > ScaleSpread.warningRatio else { return }
        let f = { (value: Double) in TextTable.format(value, significant: 3) }
        Console.warn("feature standard deviations differ by \(f(spread.ratio))× ('\(spread.largest.name)' \(f(spread.largest.standardDeviation)), "
            + "'\(spread.smallest.name)' \(f(spread.smallest.standardDeviation))); the rbf kernel's distances are dominated by the "
            + "largest-scale features — consider --scale standard")
    }
}
