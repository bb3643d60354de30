/// A histogram drawn as a step outline: counts of the finite values in `bins` equal bins over
/// [low, high] (a value at `high` goes to the last bin), as the (x, y) corners of the outline,
/// starting and ending on y = 0.
struct StepHistogram {
    var x: [Double] = []
    var y: [Double] = []

    init(_ values: [Double], low: Double, high: Double, bins: Int) {
        let width = (high - low) / Double(bins)
        var counts = [Double](repeating: 0, count: bins)
        for value in values where value.isFinite { counts[min(bins - 1, max(0, Int((value - low) / width)))] += 1 }
        x = [low]
        y = [0]
        for (bin, count) in counts.enumerated() {
            let left = low + Double(bin) * width
            x += [left, left + width]
            y += [count, count]
        }
        x.append(high)
        y.append(0)
    }
}

extension HTMLPage {
    /// The "Conventions" section: one paragraph per note, nothing when there are none.
    mutating func conventions(_ notes: [String]) {
        guard !notes.isEmpty else { return }
        heading("Conventions")
        for note in notes { paragraph(note) }
    }
}
