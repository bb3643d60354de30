import DataIO
import LinearAlgebra

/// Held-out scores of a classifier, with scikit-learn's definitions (`sklearn.metrics`):
///
/// - classes: every label of the truth or the predictions, numerically when all are numbers,
///   else in code-point order (`unique_labels`);
/// - confusion Cᵢⱼ: rows with true class i predicted as j (`confusion_matrix`);
/// - accuracy Σᵢ Cᵢᵢ / n; balanced accuracy: the mean over classes present in the truth of
///   the recall Cᵢᵢ / Σⱼ Cᵢⱼ (`balanced_accuracy_score`);
/// - per class: precision tp/(tp + fp), recall tp/(tp + fn), F1 = 2tp / (2tp + fp + fn),
///   0 where a denominator is 0 (`zero_division=0`); macro F1 their mean, weighted F1 their
///   mean weighted by support;
/// - AUC (two classes): the probability that a random row of the positive class scores above
///   a random row of the other, ties counting ½ — Mann–Whitney U / (n₊ n₋), equal to the area
///   under the ROC curve (`roc_auc_score`).
public struct ClassificationScores: Sendable, Equatable, Encodable {
    /// One class's scores.
    public struct ClassScores: Sendable, Equatable, Encodable {
        public let label: String
        public let precision: Double
        public let recall: Double
        public let f1: Double
        /// Rows of this class in the truth.
        public let support: Int
    }

    public let sampleCount: Int
    public let classes: [String]
    /// classes × classes, rows = truth, columns = prediction.
    public let confusion: [[Int]]
    public let accuracy: Double
    public let balancedAccuracy: Double
    public let perClass: [ClassScores]
    public let macroF1: Double
    public let weightedF1: Double
    /// Area under the ROC curve, when there are two classes and decision values.
    public let auc: Double?
    /// The class the decision values favour when positive (the AUC's positive class).
    public let positiveClass: String?

    /// Scores of `predicted` against `truth`. `decisionValues` (one per row, larger meaning
    /// more `positiveClass`) give the AUC when the truth has exactly two classes, both among
    /// `positiveClass` and one other.
    public init(truth: [String], predicted: [String], decisionValues: [Double]? = nil, positiveClass: String? = nil) throws {
        guard truth.count == predicted.count, !truth.isEmpty else {
            throw LagrangeError.shapeMismatch("\(truth.count) true labels and \(predicted.count) predictions; both must be the same, non-zero length")
        }
        let encoding = LabelEncoding(fitting: truth + predicted)
        let k = encoding.count
        let t = encoding.encode(truth)!, p = encoding.encode(predicted)!
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        for (a, b) in zip(t, p) { confusion[a][b] += 1 }
        let n = truth.count
        let correct = (0..<k).reduce(0) { $0 + confusion[$1][$1] }
        var scores: [ClassScores] = []
        var recalls: [Double] = []
        for c in 0..<k {
            let tp = confusion[c][c]
            let support = confusion[c].reduce(0, +)
            let predictedCount = (0..<k).reduce(0) { $0 + confusion[$1][c] }
            let precision = predictedCount > 0 ? Double(tp) / Double(predictedCount) : 0
            let recall = support > 0 ? Double(tp) / Double(support) : 0
            let f1 = support + predictedCount > 0 ? 2 * Double(tp) / Double(support + predictedCount) : 0
            if support > 0 { recalls.append(recall) }
            scores.append(ClassScores(label: encoding.classes[c], precision: precision, recall: recall, f1: f1, support: support))
        }
        sampleCount = n
        classes = encoding.classes
        self.confusion = confusion
        accuracy = Double(correct) / Double(n)
        balancedAccuracy = recalls.reduce(0, +) / Double(recalls.count)
        perClass = scores
        macroF1 = scores.reduce(0) { $0 + $1.f1 } / Double(k)
        weightedF1 = scores.reduce(0) { $0 + $1.f1 * Double($1.support) } / Double(n)
        self.positiveClass = positiveClass
        if let decisionValues, let positiveClass, Set(truth).count == 2, Set(truth).contains(positiveClass) {
            guard decisionValues.count == n, decisionValues.allSatisfy(\.isFinite) else {
                throw LagrangeError.shapeMismatch("\(decisionValues.count) decision values for \(n) rows, or a non-finite one")
            }
            auc = Self.areaUnderROC(scores: decisionValues, positive: truth.map { $0 == positiveClass })
        } else {
            auc = nil
        }
    }

    /// Mann–Whitney: (Σ mid-ranks of the positives − n₊(n₊ + 1)/2) / (n₊ n₋).
    public static func areaUnderROC(scores: [Double], positive: [Bool]) -> Double {
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSum = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, scores[order[end + 1]] == scores[order[start]] { end += 1 }
            let midRank = Double(start + end + 2) / 2
            for position in start...end where positive[order[position]] { rankSum += midRank }
            start = end + 1
        }
        let positives = Double(positive.filter { $0 }.count), negatives = Double(positive.count) - positives
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives)
    }
}
