import LinearAlgebra

/// A seeded split of n rows into a training and a test part.
///
/// Without strata: the rows are shuffled (Fisher–Yates driven by `SeededGenerator`), and the
/// first ⌈f·n⌉ go to the test part (scikit-learn's `train_test_split` size rule). With strata
/// (one class per row): each class is shuffled on its own and gives round(f·n_c) of its n_c
/// rows to the test part, but at most n_c − 1, so every class keeps a training row. Both parts
/// are returned in ascending row order, so the output files keep the input's order.
public struct TrainTestSplit: Sendable, Equatable {
    public let train: [Int]
    public let test: [Int]

    public init(count n: Int, testFraction f: Double, seed: UInt64, strata: [Int]? = nil) throws {
        guard f > 0, f < 1 else {
            throw LagrangeError.invalidParameter(name: "testFraction", value: "\(f)", requirement: "must be a fraction in (0, 1), e.g. 0.25")
        }
        guard n >= 2 else {
            throw LagrangeError.notEnoughSamples("a split needs at least 2 rows, got \(n)")
        }
        var generator = SeededGenerator(seed: seed)
        var test: [Int] = []
        if let strata {
            guard strata.count == n else { throw LagrangeError.shapeMismatch("\(strata.count) strata for \(n) rows") }
            var members: [Int: [Int]] = [:]
            for (i, s) in strata.enumerated() { members[s, default: []].append(i) }
            for s in members.keys.sorted() {
                var rows = members[s]!
                Self.shuffle(&rows, &generator)
                let share = min(Int((f * Double(rows.count)).rounded()), rows.count - 1)
                test += rows.prefix(share)
            }
        } else {
            var rows = Array(0..<n)
            Self.shuffle(&rows, &generator)
            test = Array(rows.prefix(Int((f * Double(n)).rounded(.up))))
        }
        guard !test.isEmpty, test.count < n else {
            throw LagrangeError.invalidParameter(name: "testFraction", value: "\(f)",
                                                 requirement: "leaves \(test.count) of \(n) rows in the test part; both parts need at least one row")
        }
        let inTest = Set(test)
        self.test = test.sorted()
        train = (0..<n).filter { !inTest.contains($0) }
    }

    /// Fisher–Yates from the last position down, j uniform in 0...i by `next() % (i + 1)` (as
    /// `CrossValidation.folds`).
    static func shuffle(_ rows: inout [Int], _ generator: inout SeededGenerator) {
        guard rows.count > 1 else { return }
        for i in stride(from: rows.count - 1, to: 0, by: -1) {
            rows.swapAt(i, Int(generator.next() % UInt64(i + 1)))
        }
    }
}
