import Evaluation
import Foundation
import Testing

/// Scores against scikit-learn's (Fixtures/make_sklearn_metrics.py; version in the fixture,
/// 1.9.1 when written) on the same seeded labels, predictions and scores, to 1e-12: the
/// definitions are the same closed forms, so only summation rounding may differ.
@Suite struct MetricsFixtureTests {
    static let tolerance = 1e-12

    static func fixture() throws -> [String: Any] {
        let url = try #require(Bundle.module.url(forResource: "sklearn_metrics", withExtension: "json", subdirectory: "Fixtures"))
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    func close(_ a: Double, _ b: Any?) -> Bool {
        guard let b = (b as? NSNumber)?.doubleValue else { return false }
        return abs(a - b) <= Self.tolerance
    }

    func numbers(_ value: Any?) -> [Double] { (value as? [NSNumber] ?? []).map(\.doubleValue) }

    @Test func multiclassWithAClassNeverPredictedAndOneNeverTrue() throws {
        let f = try #require(try Self.fixture()["multiclass"] as? [String: Any])
        let scores = try ClassificationScores(truth: f["truth"] as! [String], predicted: f["predicted"] as! [String])
        #expect(scores.classes == f["classes"] as! [String])
        #expect(scores.confusion == f["confusion"] as! [[Int]])
        #expect(close(scores.accuracy, f["accuracy"]))
        #expect(close(scores.balancedAccuracy, f["balanced_accuracy"]))
        for (k, c) in scores.perClass.enumerated() {
            #expect(abs(c.precision - numbers(f["precision"])[k]) <= Self.tolerance)
            #expect(abs(c.recall - numbers(f["recall"])[k]) <= Self.tolerance)
            #expect(abs(c.f1 - numbers(f["f1"])[k]) <= Self.tolerance)
            #expect(c.support == (f["support"] as! [Int])[k])
        }
        #expect(close(scores.macroF1, f["macro_f1"]))
        #expect(close(scores.weightedF1, f["weighted_f1"]))
        #expect(scores.auc == nil)
    }

    @Test func binaryWithTiedDecisionValues() throws {
        let f = try #require(try Self.fixture()["binary"] as? [String: Any])
        let scores = try ClassificationScores(truth: f["truth"] as! [String], predicted: f["predicted"] as! [String],
                                              decisionValues: numbers(f["decision"]), positiveClass: "yes")
        #expect(scores.confusion == f["confusion"] as! [[Int]])
        #expect(close(scores.accuracy, f["accuracy"]))
        #expect(close(scores.balancedAccuracy, f["balanced_accuracy"]))
        #expect(Approximate.maxDifference(scores.perClass.map(\.f1), numbers(f["f1"])) <= Self.tolerance)
        #expect(close(try #require(scores.auc), f["auc"]))
    }

    @Test func regression() throws {
        let f = try #require(try Self.fixture()["regression"] as? [String: Any])
        let scores = try RegressionScores(truth: numbers(f["truth"]), predicted: numbers(f["predicted"]))
        #expect(close(scores.meanSquaredError, f["mse"]))
        #expect(close(scores.rootMeanSquaredError, f["rmse"]))
        #expect(close(scores.meanAbsoluteError, f["mae"]))
        #expect(close(scores.r2, f["r2"]))
    }
}

enum Approximate {
    static func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
        a.count == b.count ? zip(a, b).map { abs($0 - $1) }.max() ?? 0 : .infinity
    }
}
