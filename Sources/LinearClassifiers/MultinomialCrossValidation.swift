import Foundation
import LinearAlgebra
import Modeling

/// K-fold stratified cross-validation of a multinomial path, with cv.glmnet's multinomial
/// measures and its formulas for the mean, standard error, λ_min and λ_1se (see
/// `ClassificationCrossValidationResult`):
///
/// - deviance: −2 Σₖ Yᵢₖ log pᵢₖ per row, pᵢₖ clamped to [1e-5, 1 − 1e-5] as cv.glmnet does;
/// - misclassification: the row's class is not the largest linear predictor.
///
/// AUC is binary only and is refused. `assignedFolds` (fold index 0..<k per row) replaces the
/// stratified folds, to compare against a peer's `foldid`.
public enum MultinomialCrossValidation {
    public static func run(x: Matrix, labels: [Int], classes: [String], sampleWeights: [Double]? = nil,
                           parameters: LogisticParameters, penalty: MultinomialPenalty, lambdas: [Double], folds k: Int,
                           seed: UInt64, measure: ClassificationMeasure, assignedFolds: [Int]? = nil,
                           context: ExecutionContext = ExecutionContext()) throws -> ClassificationCrossValidationResult {
        let n = x.rows
        guard measure != .auc else {
            throw LagrangeError.invalidParameter(name: "measure", value: "auc",
                                                 requirement: "applies to two classes; use deviance or misclassification for the multinomial model")
        }
        guard k >= 2, k <= n else {
            throw LagrangeError.invalidParameter(name: "folds", value: "\(k)", requirement: "needs between 2 and the number of rows (\(n)) folds")
        }
        guard labels.count == n, sampleWeights.map({ $0.count == n }) ?? true else {
            throw LagrangeError.shapeMismatch("\(n) rows but \(labels.count) labels or a weight per row missing")
        }
        let weights = sampleWeights ?? [Double](repeating: 1, count: n)
        if let assignedFolds {
            guard assignedFolds.count == n, assignedFolds.allSatisfy({ $0 >= 0 && $0 < k }), Set(assignedFolds).count == k else {
                throw LagrangeError.invalidParameter(name: "assignedFolds", value: "\(assignedFolds.count) values",
                                                     requirement: "need one fold in 0..<\(k) per row, every fold used")
            }
        }
        let foldOfRow = assignedFolds
            ?? ClassificationCrossValidation.stratifiedFolds(labels: labels, classCount: classes.count, count: k, seed: seed)
        let names = (1...x.columns).map { "x\($0)" }
        let scores = try ClassificationCrossValidation.perFold(k, threads: context.threads) { fold in
            let train = (0..<n).filter { foldOfRow[$0] != fold }
            let test = (0..<n).filter { foldOfRow[$0] == fold }
            let design = try ClassificationCrossValidation.foldDesign(x, rows: train, weights: weights, parameters: parameters)
            let path = try MultinomialPath.fit(design: design, labels: train.map { labels[$0] }, classes: classes,
                                               parameters: parameters, penalty: penalty, lambdas: .values(lambdas),
                                               featureNames: names)
            let held = x.selectingRows(test)
            let testLabels = test.map { labels[$0] }, testWeights = test.map { weights[$0] }
            return try path.lambdas.indices.map { l in
                score(try path.model(at: l).decisionFunction(held), labels: testLabels, weights: testWeights, measure: measure)
            }
        }
        return ClassificationCrossValidation.summarize(scores: scores, foldOfRow: foldOfRow, weights: weights, folds: k,
                                                       seed: seed, measure: measure, lambdas: lambdas)
    }

    /// The measure on held-out rows with linear predictors `eta` (rows × K).
    static func score(_ eta: Matrix, labels: [Int], weights: [Double], measure: ClassificationMeasure) -> Double {
        let total = weights.reduce(0, +), k = eta.columns
        var sum = 0.0
        for i in 0..<eta.rows {
            var best = 0, largest = eta[i, 0]
            for c in 1..<k where eta[i, c] > largest { best = c; largest = eta[i, c] }
            switch measure {
            case .deviance:
                var partition = 0.0
                for c in 0..<k { partition += exp(eta[i, c] - largest) }
                let p = exp(eta[i, labels[i]] - largest) / partition
                let floor = ClassificationMeasure.probabilityFloor
                sum += weights[i] * -2 * log(min(max(p, floor), 1 - floor))
            case .misclassification, .auc:
                if best != labels[i] { sum += weights[i] }
            }
        }
        return sum / total
    }
}
