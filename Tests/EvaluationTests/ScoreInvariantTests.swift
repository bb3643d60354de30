import Evaluation
import LinearAlgebra
import Testing

/// Closed forms and invariants of the scores and the split.
@Suite struct ScoreInvariantTests {
    /// A perfect ranking has AUC 1, a reversed one 0, all-equal scores ½ (every pair a tie).
    @Test func aucClosedForms() {
        let positive = [false, false, true, true, false, true]
        let perfect = positive.map { $0 ? 2.0 : 1.0 }
        #expect(ClassificationScores.areaUnderROC(scores: perfect, positive: positive) == 1)
        #expect(ClassificationScores.areaUnderROC(scores: perfect.map { -$0 }, positive: positive) == 0)
        #expect(ClassificationScores.areaUnderROC(scores: [Double](repeating: 3, count: 6), positive: positive) == 0.5)
    }

    /// R² is 1 for exact predictions, 0 for predicting the mean; a constant truth predicted
    /// exactly is 1 and otherwise 0 (scikit-learn's `force_finite`).
    @Test func r2ClosedForms() throws {
        let y = [1.0, 2, 3, 4]
        #expect(try RegressionScores(truth: y, predicted: y).r2 == 1)
        #expect(try RegressionScores(truth: y, predicted: [2.5, 2.5, 2.5, 2.5]).r2 == 0)
        #expect(try RegressionScores(truth: [2, 2], predicted: [2, 2]).r2 == 1)
        #expect(try RegressionScores(truth: [2, 2], predicted: [2, 3]).r2 == 0)
        #expect(try RegressionScores(truth: y, predicted: [1, 2, 3, 6]).meanAbsoluteError == 0.5)
    }

    @Test func badInputIsRefused() {
        #expect(throws: LagrangeError.self) { try ClassificationScores(truth: ["a"], predicted: []) }
        #expect(throws: LagrangeError.self) { try RegressionScores(truth: [1, .nan], predicted: [1, 2]) }
        #expect(throws: LagrangeError.self) { try TrainTestSplit(count: 10, testFraction: 1, seed: 1) }
        #expect(throws: LagrangeError.self) { try TrainTestSplit(count: 1, testFraction: 0.5, seed: 1) }
    }

    /// The parts partition the rows, are sorted, have ⌈f·n⌉ test rows, and depend on the seed only.
    @Test func splitPartitionsTheRows() throws {
        let split = try TrainTestSplit(count: 101, testFraction: 0.25, seed: 42)
        #expect(split.test.count == 26 && split.train.count == 75)
        #expect(Set(split.train + split.test) == Set(0..<101))
        #expect(split.train == split.train.sorted() && split.test == split.test.sorted())
        #expect(try TrainTestSplit(count: 101, testFraction: 0.25, seed: 42) == split)
        #expect(try TrainTestSplit(count: 101, testFraction: 0.25, seed: 43) != split)
    }

    /// Stratified: each class gives round(f·n_c) rows to the test part, and keeps one in training.
    @Test func stratifiedSplitKeepsClassShares() throws {
        let strata = [Int](repeating: 0, count: 40) + [Int](repeating: 1, count: 20) + [2, 2]
        let split = try TrainTestSplit(count: strata.count, testFraction: 0.25, seed: 5, strata: strata)
        let testCounts = split.test.reduce(into: [0, 0, 0]) { $0[strata[$1]] += 1 }
        #expect(testCounts == [10, 5, 1])
        let single = try TrainTestSplit(count: 5, testFraction: 0.5, seed: 1, strata: [0, 0, 0, 0, 1])
        #expect(single.train.contains(4))
    }
}
