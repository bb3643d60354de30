import Foundation
import LinearAlgebra
import Modeling
import Evaluation

/// K-fold cross-validation of a whole path, with folds drawn deterministically from a seed.
///
/// Every fold refits the path (standardization recomputed on its training rows, as cv.glmnet
/// does) on the full-data λ grid and scores the held-out rows. Per λ (cv.glmnet's formulas,
/// Wₖ = the fold's size, or its total sample weight, W = Σₖ Wₖ; MSEₖ is the fold's held-out
/// mean squared error, weighted by the sample weights when there are any):
///
///     mean = Σₖ Wₖ MSEₖ / W,   SE = √( Σₖ Wₖ (MSEₖ − mean)² / W / (K − 1) ).
///
/// λ_min minimizes the mean; λ_1se is the largest λ whose mean ≤ mean(λ_min) + SE(λ_min).
public struct CrossValidationResult: Sendable, Equatable {
    public let folds: Int
    public let seed: UInt64
    public let lambdas: [Double]
    public let meanErrors: [Double]
    public let standardErrors: [Double]
    public let indexMin: Int
    public let index1SE: Int
    /// The fold (0..<K) of every row (of every part, for cross-validation by parts).
    public let foldOfRow: [Int]
    /// Per feature, the number of folds whose training rows hold it constant (`ConstantColumn`);
    /// such a fold gives it coefficient 0, as cv.glmnet does.
    public let constantColumnFolds: [Int]

    public var lambdaMin: Double { lambdas[indexMin] }
    public var lambda1SE: Double { lambdas[index1SE] }

    /// The selection record kept in a model file.
    public func selection(rule: CrossValidationRule) -> CrossValidationSelection {
        let index = rule == .min ? indexMin : index1SE
        return CrossValidationSelection(folds: folds, seed: seed, lambdaMin: lambdaMin, lambda1SE: lambda1SE,
                                        rule: rule.rawValue, meanError: meanErrors[index], standardError: standardErrors[index])
    }
}

/// Which cross-validated λ a model is saved at.
public enum CrossValidationRule: String, Sendable, CaseIterable, Codable {
    case min
    case oneSE = "1se"
}

public enum CrossValidation {
    /// Fold of each of `n` rows: a seeded shuffle (SeededGenerator → Fisher–Yates), then round robin.
    public static func folds(samples n: Int, count k: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        var order = Array(0..<n)
        if n > 1 {
            for i in stride(from: n - 1, to: 0, by: -1) {
                let j = Int(generator.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
        }
        var fold = [Int](repeating: 0, count: n)
        for (position, row) in order.enumerated() { fold[row] = position % k }
        return fold
    }

    /// Cross-validates the elastic-net path (α > 0) or the ridge path (α = 0) of `parameters`
    /// on the given decreasing λ grid. Folds run concurrently on up to `context.threads` threads.
    /// Each fold's BLAS calls run with OpenBLAS's own thread count, which this function reads
    /// but never sets: a program that runs folds on every core sets OpenBLAS to one thread
    /// (the `lagrange` command does), otherwise threaded calls from the folds queue for its pool.
    public static func run(x: Matrix, y: [Double], sampleWeights: [Double]? = nil, parameters: ElasticNetParameters, lambdas: [Double],
                           folds k: Int, seed: UInt64, context: ExecutionContext = ExecutionContext()) throws -> CrossValidationResult {
        try run(x: x, y: y, sampleWeights: sampleWeights, parameters: parameters, lambdas: lambdas, folds: k, seed: seed,
                assignedFolds: nil, context: context)
    }

    /// The same on given folds (`assignedFolds[i]` ∈ 0..<k, the fold of row i; a peer's
    /// `foldid` − 1 in the tests) instead of the seeded ones.
    static func run(x: Matrix, y: [Double], sampleWeights: [Double]?, parameters: ElasticNetParameters, lambdas: [Double],
                    folds k: Int, seed: UInt64, assignedFolds: [Int]?, context: ExecutionContext) throws -> CrossValidationResult {
        let n = x.rows
        guard k >= 2, k <= n else {
            throw LagrangeError.invalidParameter(name: "folds", value: "\(k)", requirement: "needs between 2 and the number of rows (\(n)) folds")
        }
        if parameters.l1Ratio == 0, parameters.penaltyFactors != nil {
            throw LagrangeError.invalidParameter(name: "penaltyFactors", value: "given",
                                                 requirement: "the ridge path (l1Ratio 0) takes no penalty factors; cross-validate an elastic net or leave them out")
        }
        if let sampleWeights { _ = try SampleWeights.normalized(sampleWeights, count: n) }
        let foldOfRow = assignedFolds ?? folds(samples: n, count: k, seed: seed)
        var outcomes = [Result<(mse: [Double], constant: [Int]), Error>?](repeating: nil, count: k)
        // Fold f writes only outcomes[f].
        outcomes.withUnsafeMutableBufferPointer { slots in
            Parallel.forEach(k, threads: context.threads) { fold in
                slots[fold] = Result {
                    let train = (0..<n).filter { foldOfRow[$0] != fold }
                    // The fold's design finds its constant columns with the same test while it
                    // standardizes (unweighted, centred or scaled): no second pass over the rows.
                    let designFindsConstants = sampleWeights == nil && parameters.l1Ratio > 0
                        && (parameters.fitIntercept || parameters.standardize)
                    var constant = designFindsConstants ? [] : ConstantColumn.indices(in: x, rows: train)
                    let test = (0..<n).filter { foldOfRow[$0] == fold }
                    let testX = x.selectingRows(test)
                    let trainY = train.map { y[$0] }
                    let trainWeights = sampleWeights.map { w in train.map { w[$0] } }
                    let predictions: [[Double]]
                    if parameters.l1Ratio == 0 {
                        predictions = try RidgePath.fit(x: x.selectingRows(train), y: trainY, sampleWeights: trainWeights,
                                                        standardize: parameters.standardize, fitIntercept: parameters.fitIntercept,
                                                        lambdas: .values(lambdas)).predict(testX)
                    } else {
                        let path = try ElasticNetPath.fit(x: x, rows: train, y: trainY, sampleWeights: trainWeights, parameters: parameters,
                                                          lambdas: .values(lambdas))
                        if designFindsConstants { constant = path.design.constantColumns }
                        predictions = try path.predict(testX)
                    }
                    let truth = test.map { y[$0] }
                    if let sampleWeights {
                        let testWeights = test.map { sampleWeights[$0] }
                        return (predictions.map { SampleWeights.meanSquaredError(truth: truth, predicted: $0, weights: testWeights) }, constant)
                    }
                    // The held-out MSE is `evaluate`'s (Evaluation.RegressionScores), summed in row order.
                    return (try predictions.map { try RegressionScores(truth: truth, predicted: $0).meanSquaredError }, constant)
                }
            }
        }
        var errors = [[Double]](repeating: [], count: k)
        var constantColumnFolds = [Int](repeating: 0, count: x.columns)
        var failure: Error?
        for (fold, outcome) in outcomes.enumerated() {
            switch outcome! {
            case let .success(result):
                errors[fold] = result.mse
                for j in result.constant { constantColumnFolds[j] += 1 }
            case let .failure(error): failure = failure ?? error
            }
        }
        if let failure {
            throw LagrangeError.invalidData("cross-validation fold failed: \(failure)")
        }
        let sizes = (0..<k).map { f in (0..<n).reduce(0.0) { $0 + (foldOfRow[$1] == f ? (sampleWeights?[$1] ?? 1) : 0) } }
        let total = sizes.reduce(0, +)
        let L = lambdas.count
        var means = [Double](repeating: 0, count: L), ses = [Double](repeating: 0, count: L)
        for l in 0..<L {
            let mean = (0..<k).reduce(0) { $0 + sizes[$1] * errors[$1][l] } / total
            let spread = (0..<k).reduce(0) { $0 + sizes[$1] * (errors[$1][l] - mean) * (errors[$1][l] - mean) } / total
            means[l] = mean
            ses[l] = (spread / Double(k - 1)).squareRoot()
        }
        let indexMin = means.indices.min { means[$0] < means[$1] || (means[$0] == means[$1] && $0 < $1) }!
        let bound = means[indexMin] + ses[indexMin]
        let index1SE = means.indices.first { means[$0] <= bound }!   // λ decreasing: first is largest
        return CrossValidationResult(folds: k, seed: seed, lambdas: lambdas, meanErrors: means, standardErrors: ses,
                                     indexMin: indexMin, index1SE: index1SE, foldOfRow: foldOfRow,
                                     constantColumnFolds: constantColumnFolds)
    }
}
