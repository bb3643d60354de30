import Foundation
import LinearAlgebra
import Modeling

/// What a cross-validated classifier path is scored on (cv.glmnet's `type.measure`).
public enum ClassificationMeasure: String, Codable, Sendable, CaseIterable {
    /// Mean binomial deviance −2[y log p + (1−y) log(1−p)], p clamped to [1e-5, 1 − 1e-5] as cv.glmnet.
    case deviance
    /// Fraction of rows whose predicted class is wrong.
    case misclassification
    /// Area under the ROC curve (binary only); larger is better.
    case auc

    public var largerIsBetter: Bool { self == .auc }

    public var title: String {
        switch self {
        case .deviance: return "binomial deviance"
        case .misclassification: return "misclassification error"
        case .auc: return "AUC"
        }
    }

    /// cv.glmnet's probability clamp for the deviance.
    static let probabilityFloor = 1e-5
}

/// The result of K-fold cross-validation of a classifier path (cv.glmnet's formulas, weights =
/// the folds' total sample weights Wₖ, W = Σ Wₖ):
///
///     mean = Σₖ Wₖ Mₖ / W,   SE = √( Σₖ Wₖ (Mₖ − mean)² / W / (K − 1) ),
///
/// Mₖ the measure on fold k's held-out rows (a weighted mean over its rows, or the weighted AUC).
/// λ_min optimizes the mean (smallest deviance or error, largest AUC; the first on ties);
/// λ_1se is the largest λ whose mean is within one SE of it.
public struct ClassificationCrossValidationResult: Sendable, Equatable {
    public let folds: Int
    public let seed: UInt64
    public let measure: ClassificationMeasure
    public let lambdas: [Double]
    public let means: [Double]
    public let standardErrors: [Double]
    public let indexMin: Int
    public let index1SE: Int
    /// The fold (0..<K) of every row.
    public let foldOfRow: [Int]

    public var lambdaMin: Double { lambdas[indexMin] }
    public var lambda1SE: Double { lambdas[index1SE] }

    /// The record kept in a model file selected at `rule` ("min" or "1se").
    public func selection(rule: String) -> ClassificationSelection {
        let index = rule == "min" ? indexMin : index1SE
        return ClassificationSelection(folds: folds, seed: seed, measure: measure.rawValue, lambdaMin: lambdaMin,
                                       lambda1SE: lambda1SE, rule: rule, meanError: means[index],
                                       standardError: standardErrors[index])
    }
}

public enum ClassificationCrossValidation {
    /// Stratified folds (`StratifiedFolds`): each fold holds each class in proportion (to
    /// within one row), fold sizes differ by at most one.
    public static func stratifiedFolds(labels: [Int], classCount: Int, count k: Int, seed: UInt64) -> [Int] {
        StratifiedFolds.assign(classCodes: labels, classCount: classCount, folds: k, seed: seed)
    }

    /// Cross-validates the binomial path of `parameters` on the given decreasing λ grid. Every
    /// fold refits the path on its training rows (standardization recomputed there, as
    /// cv.glmnet does) and scores its held-out rows. Folds run concurrently on up to
    /// `context.threads` threads; each fold's BLAS calls use OpenBLAS's own thread count, which
    /// this function never sets.
    public static func run(x: Matrix, labels: [Int], classes: [String], sampleWeights: [Double]? = nil,
                           parameters: LogisticParameters, lambdas: [Double], folds k: Int, seed: UInt64,
                           measure: ClassificationMeasure, context: ExecutionContext = ExecutionContext()) throws
        -> ClassificationCrossValidationResult {
        let n = x.rows
        guard k >= 2, k <= n else {
            throw LagrangeError.invalidParameter(name: "folds", value: "\(k)", requirement: "needs between 2 and the number of rows (\(n)) folds")
        }
        guard labels.count == n, sampleWeights.map({ $0.count == n }) ?? true else {
            throw LagrangeError.shapeMismatch("\(n) rows but \(labels.count) labels or a weight per row missing")
        }
        let weights = sampleWeights ?? [Double](repeating: 1, count: n)
        let foldOfRow = stratifiedFolds(labels: labels, classCount: classes.count, count: k, seed: seed)
        let names = (1...x.columns).map { "x\($0)" }
        let scores = try perFold(k, threads: context.threads) { fold in
            let train = (0..<n).filter { foldOfRow[$0] != fold }
            let test = (0..<n).filter { foldOfRow[$0] == fold }
            let design = try foldDesign(x, rows: train, weights: weights, parameters: parameters)
            let path = try LogisticPath.fit(design: design, labels: train.map { labels[$0] }, classes: classes,
                                            parameters: parameters, lambdas: .values(lambdas), featureNames: names)
            let eta = try path.linearPredictors(x.selectingRows(test))
            let testLabels = test.map { labels[$0] }, testWeights = test.map { weights[$0] }
            return eta.map { score($0, labels: testLabels, weights: testWeights, measure: measure) }
        }
        return summarize(scores: scores, foldOfRow: foldOfRow, weights: weights, folds: k, seed: seed, measure: measure,
                         lambdas: lambdas)
    }

    /// `body(fold)` for every fold on the thread budget, in fold order; a fold's error names it.
    static func perFold<Score>(_ k: Int, threads: Int, _ body: (Int) throws -> Score) throws -> [Score] {
        try Parallel.map(k, threads: threads) { fold in
            do { return try body(fold) } catch {
                throw LagrangeError.invalidData("cross-validation fold \(fold + 1) of \(k) failed: \(error)")
            }
        }
    }

    /// The training fold's design, weighted and standardized as the full path's.
    static func foldDesign(_ x: Matrix, rows: [Int], weights: [Double], parameters: LogisticParameters) throws -> ClassificationDesign {
        try ClassificationDesign(x: x, rows: rows, sampleWeights: rows.map { weights[$0] }, standardize: parameters.standardize,
                                 fitIntercept: parameters.fitIntercept)
    }

    /// Means, standard errors, λ_min and λ_1se from the per-fold scores `scores[fold][l]`.
    static func summarize(scores: [[Double]], foldOfRow: [Int], weights: [Double], folds k: Int, seed: UInt64,
                          measure: ClassificationMeasure, lambdas: [Double]) -> ClassificationCrossValidationResult {
        let n = foldOfRow.count
        let foldWeights = (0..<k).map { f in (0..<n).reduce(0.0) { $0 + (foldOfRow[$1] == f ? weights[$1] : 0) } }
        let total = foldWeights.reduce(0, +)
        let count = lambdas.count
        var means = [Double](repeating: 0, count: count), errors = [Double](repeating: 0, count: count)
        for l in 0..<count {
            let mean = (0..<k).reduce(0) { $0 + foldWeights[$1] * scores[$1][l] } / total
            let spread = (0..<k).reduce(0) { $0 + foldWeights[$1] * (scores[$1][l] - mean) * (scores[$1][l] - mean) } / total
            means[l] = mean
            errors[l] = (spread / Double(k - 1)).squareRoot()
        }
        let sign = measure.largerIsBetter ? -1.0 : 1.0
        let indexMin = means.indices.min { sign * means[$0] < sign * means[$1] }!
        let bound = sign * means[indexMin] + errors[indexMin]
        let index1SE = means.indices.first { sign * means[$0] <= bound }!   // λ decreasing: first is largest
        return ClassificationCrossValidationResult(folds: k, seed: seed, measure: measure, lambdas: lambdas, means: means,
                                                   standardErrors: errors, indexMin: indexMin, index1SE: index1SE,
                                                   foldOfRow: foldOfRow)
    }

    /// The measure on held-out rows with linear predictors `eta` (log-odds of class 1).
    static func score(_ eta: [Double], labels: [Int], weights: [Double], measure: ClassificationMeasure) -> Double {
        let total = weights.reduce(0, +)
        switch measure {
        case .deviance:
            let floor = ClassificationMeasure.probabilityFloor
            var sum = 0.0
            for i in eta.indices {
                let p = min(max(LogisticFunctions.sigmoid(eta[i]), floor), 1 - floor)
                sum += weights[i] * -2 * (labels[i] == 1 ? log(p) : log(1 - p))
            }
            return sum / total
        case .misclassification:
            var wrong = 0.0
            for i in eta.indices where (eta[i] > 0 ? 1 : 0) != labels[i] { wrong += weights[i] }
            return wrong / total
        case .auc:
            return areaUnderCurve(eta, labels: labels, weights: weights)
        }
    }

    /// Weighted AUC: Σ over (positive i, negative j) of ωᵢωⱼ (1[sᵢ > sⱼ] + ½·1[sᵢ = sⱼ]) divided
    /// by (Σ positive ω)(Σ negative ω) — the Mann–Whitney statistic, by one sort. NaN when the
    /// rows hold a single class.
    static func areaUnderCurve(_ scores: [Double], labels: [Int], weights: [Double]) -> Double {
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var negativeBelow = 0.0, concordant = 0.0, positives = 0.0, negatives = 0.0
        var start = 0
        while start < order.count {
            var end = start
            var tiedPositive = 0.0, tiedNegative = 0.0
            while end < order.count && scores[order[end]] == scores[order[start]] {
                let i = order[end]
                if labels[i] == 1 { tiedPositive += weights[i] } else { tiedNegative += weights[i] }
                end += 1
            }
            concordant += tiedPositive * (negativeBelow + tiedNegative / 2)
            negativeBelow += tiedNegative
            positives += tiedPositive
            negatives += tiedNegative
            start = end
        }
        return positives > 0 && negatives > 0 ? concordant / (positives * negatives) : .nan
    }
}
