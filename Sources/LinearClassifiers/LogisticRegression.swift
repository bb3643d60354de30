import DataIO
import Foundation
import LinearAlgebra
import Modeling

/// The hyperparameters of one penalized logistic model: the penalty and λ. The path is the
/// engine: the fit runs the path from λ_max down to λ on `warmStartSteps` log-spaced points
/// (warm starts, as glmnet recommends) and keeps the last one.
public struct LogisticRegressionParameters: Estimator {
    public var lambda: Double
    public var penalty: LogisticParameters
    public var family: LogisticFamily
    /// The multinomial penalty (ignored by the binomial family).
    public var multinomialPenalty: MultinomialPenalty

    /// Warm-start points between λ_max and the requested λ.
    public static let warmStartSteps = 20

    public init(lambda: Double, penalty: LogisticParameters, family: LogisticFamily = .binomial,
                multinomialPenalty: MultinomialPenalty = .ungrouped) {
        self.lambda = lambda
        self.penalty = penalty
        self.family = family
        self.multinomialPenalty = multinomialPenalty
    }

    public func validate() throws {
        try validateLambda(lambda)
        guard lambda > 0 || family == .binomial else {
            throw LagrangeError.invalidParameter(name: "lambda", value: "0",
                                                 requirement: "must be positive for the multinomial family (the unpenalized fit is binomial only)")
        }
        if lambda == 0, let limits = penalty.limits {
            throw LagrangeError.invalidParameter(name: limits.given.name, value: limits.given.value,
                                                 requirement: "applies to penalized fits (λ > 0), not to the unpenalized one")
        }
    }

    /// Fits on the features and class labels of `dataset`.
    public func fit(_ dataset: Dataset, context: ExecutionContext) throws -> LogisticModel {
        let (codes, encoding) = try classificationTarget(dataset)
        return try fit(x: dataset.features, labels: codes, classes: encoding.classes, featureNames: dataset.featureNames,
                       targetName: dataset.targetName, context: context)
    }

    public func fit(x: Matrix, labels: [Int], classes: [String], sampleWeights: [Double]? = nil,
                    featureNames: [String]? = nil, targetName: String? = nil,
                    context: ExecutionContext = ExecutionContext()) throws -> LogisticModel {
        try validate()
        let names = featureNames ?? (1...max(1, x.columns)).map { "x\($0)" }
        let design = try ClassificationDesign(x: x, sampleWeights: sampleWeights, standardize: penalty.standardize,
                                              fitIntercept: penalty.fitIntercept, featureNames: names)
        if family == .multinomial {
            let probe = try MultinomialPath.fit(design: design, labels: labels, classes: classes, parameters: penalty,
                                                penalty: multinomialPenalty, lambdas: .automatic(count: 1), featureNames: names)
            let path = try MultinomialPath.fit(design: design, labels: labels, classes: classes, parameters: penalty,
                                               penalty: multinomialPenalty, lambdas: .values(warmStartGrid(top: probe.lambdas[0])),
                                               featureNames: names)
            return path.model(at: path.lambdas.count - 1, targetName: targetName)
        }
        if lambda == 0 { return try unpenalized(design: design, labels: labels, classes: classes, featureNames: names, targetName: targetName) }
        let probe = try LogisticPath.fit(design: design, labels: labels, classes: classes, parameters: penalty,
                                         lambdas: .automatic(count: 1), featureNames: names)
        let path = try LogisticPath.fit(design: design, labels: labels, classes: classes, parameters: penalty,
                                        lambdas: .values(warmStartGrid(top: probe.lambdas[0])), featureNames: names)
        return path.model(at: path.lambdas.count - 1, targetName: targetName)
    }

    /// The maximum-likelihood fit (λ = 0, R's `glm(family = binomial)`) by Newton's method
    /// (`LogisticNewton`), with its exact duality gap; refuses separable classes.
    private func unpenalized(design: ClassificationDesign, labels: [Int], classes: [String], featureNames names: [String],
                             targetName: String?) throws -> LogisticModel {
        guard classes.count == 2 else {
            throw LagrangeError.invalidData("the binomial model needs exactly two classes, the target has \(classes.count); use the multinomial family")
        }
        let y = labels.map(Double.init)
        let mean = zip(design.weights, y).reduce(0) { $0 + $1.0 * $1.1 }
        guard mean > 0, mean < 1 else { throw LagrangeError.singleClass(nil, in: "the target among the rows with positive weight") }
        let null = penalty.fitIntercept ? log(mean / (1 - mean)) : 0
        let nullLoss = LogisticFunctions.meanLoss(eta: [Double](repeating: null, count: y.count), y: y, weights: design.weights)
        let fit = try LogisticNewton.fit(design: design, y: y, fitIntercept: penalty.fitIntercept, tolerance: penalty.tolerance,
                                         nullLoss: nullLoss)
        let (beta, b) = design.originalScale(fit.beta, intercept: fit.intercept)
        return LogisticModel(family: .binomial, lambda: 0, l1Ratio: penalty.l1Ratio, standardize: penalty.standardize,
                             fitIntercept: penalty.fitIntercept, featureNames: names, targetName: targetName, classes: classes,
                             coefficients: [beta], intercepts: [b], penaltyFactors: try penalty.normalizedPenaltyFactors(count: names.count),
                             certificate: fit.certificate, sampleCount: design.sampleCount)
    }

    /// λ_max down to λ on `warmStartSteps` log-spaced points, then λ (just λ when λ ≥ λ_max).
    private func warmStartGrid(top: Double) -> [Double] {
        guard lambda < top else { return [lambda] }
        let steps = Self.warmStartSteps
        let floor = max(lambda, top * 1e-6)
        return (0..<steps).map { top * pow(floor / top, Double($0) / Double(steps)) } + [lambda]
    }
}

/// The class codes of a dataset, or a clear error.
func classificationTarget(_ dataset: Dataset) throws -> (codes: [Int], encoding: LabelEncoding) {
    guard let target = dataset.targetLabels else {
        throw LagrangeError.invalidData("\(dataset.source): a logistic model needs a class-label target (read the data as a classification task)")
    }
    return target
}
